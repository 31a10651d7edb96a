// Build-time helper: renders the app's SVG icon into the PNG sizes of the hicolor icon theme, with
// Qt's own SVG image plugin, so the PNGs always match the SVG and need no other tool.
//   render-icon ICON.svg OUTDIR SIZE...   writes OUTDIR/SIZExSIZE/apps/<ICON name>.png
#include <QCoreApplication>
#include <QDir>
#include <QFileInfo>
#include <QImage>
#include <QImageReader>

#include <cstdio>

int main(int argc, char** argv) {
    QCoreApplication app(argc, argv);
    const QStringList args = QCoreApplication::arguments();
    if (args.size() < 4) {
        std::fprintf(stderr, "usage: render-icon ICON.svg OUTDIR SIZE...\n");
        return 2;
    }
    const QString svg = args.at(1);
    const QString name = QFileInfo(svg).completeBaseName();
    for (qsizetype i = 3; i < args.size(); ++i) {
        bool ok = false;
        const int size = args.at(i).toInt(&ok);
        if (!ok || size <= 0 || size > 1024) {
            std::fprintf(stderr, "error: bad size '%s'\n", qPrintable(args.at(i)));
            return 2;
        }
        QImageReader reader(svg);
        reader.setScaledSize(QSize(size, size));
        const QImage image = reader.read();
        if (image.isNull()) {
            std::fprintf(stderr, "error: cannot render %s: %s\n", qPrintable(svg),
                         qPrintable(reader.errorString()));
            return 1;
        }
        const QString folder = QStringLiteral("%1/%2x%2/apps").arg(args.at(2)).arg(size);
        const QString out = folder + QLatin1Char('/') + name + QStringLiteral(".png");
        if (!QDir().mkpath(folder) || !image.save(out, "PNG")) {
            std::fprintf(stderr, "error: cannot write %s\n", qPrintable(out));
            return 1;
        }
    }
    return 0;
}

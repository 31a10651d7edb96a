// sqlite-snapshot: the desktop app. Files given on the command line are added as sources.
#include "demodatabase.h"

#include <mainwindow.h>

#include <QApplication>
#include <QCommandLineParser>
#include <QDir>
#include <QIcon>
#include <QTemporaryDir>

#include <cstdio>

int main(int argc, char** argv) {
    QApplication app(argc, argv);
    QApplication::setApplicationName(QStringLiteral("sqlite-snapshot"));
    QApplication::setApplicationDisplayName(QStringLiteral("SQLite Snapshot"));
    QApplication::setOrganizationName(QStringLiteral("SQLite Snapshot"));
    QApplication::setApplicationVersion(QStringLiteral(SQLSNAP_VERSION));
    QApplication::setWindowIcon(QIcon(QStringLiteral(":/icons/sqlite-snapshot.svg")));

    QCommandLineParser parser;
    parser.setApplicationDescription(QApplication::translate(
        "main", "Consistent, self-contained snapshots of SQLite databases, even while they are in use."));
    parser.addHelpOption();
    parser.addVersionOption();
    const QCommandLineOption demo(
        QStringLiteral("demo"),
        QApplication::translate("main", "Open a demo database made in a temporary folder."));
    parser.addOption(demo);
    parser.addPositionalArgument(QStringLiteral("files"),
                                 QApplication::translate("main", "Databases to add."),
                                 QStringLiteral("[files…]"));
    if (!parser.parse(QApplication::arguments())) {
        std::fprintf(stderr, "error: %s\n", qPrintable(parser.errorText()));
        return 2;
    }
    if (parser.isSet(QStringLiteral("help")))
        parser.showHelp(0);
    if (parser.isSet(QStringLiteral("version")))
        parser.showVersion();

    QStringList files = parser.positionalArguments();
    QTemporaryDir demoFolder(QDir::tempPath() + QStringLiteral("/sqlite-snapshot-demo-XXXXXX"));
    if (parser.isSet(demo)) {
        QString error;
        const QString path = demoFolder.isValid() ? createDemoDatabase(demoFolder.path(), &error) : QString();
        if (path.isEmpty()) {
            std::fprintf(stderr, "error: cannot create the demo database: %s\n", qPrintable(error));
            return 1;
        }
        files << path;
    }
    sqlsnap::ui::MainWindow window;
    window.show();
    window.addSources(files);
    return QApplication::exec();
}

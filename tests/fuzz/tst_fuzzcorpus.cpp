// Every file of tests/fuzz/corpus/ replayed through the fuzz targets, in the default suite: inputs that
// once crashed or hung stay fixed, under the normal build and under the sanitizers.
#include "fuzztargets.h"

#include <QDir>
#include <QElapsedTimer>
#include <QTest>

class TestFuzzCorpus : public QObject {
    Q_OBJECT

    static QFileInfoList files(const QString& target) {
        return QDir(QStringLiteral(SQLSNAP_FUZZ_CORPUS "/") + target).entryInfoList(QDir::Files, QDir::Name);
    }

    template <typename Target> void replay(const QString& target, Target run) {
        const QFileInfoList inputs = files(target);
        QVERIFY2(!inputs.isEmpty(), qPrintable(QStringLiteral("no corpus for ") + target));
        QElapsedTimer clock;
        clock.start();
        for (const QFileInfo& input : inputs) {
            QFile f(input.filePath());
            QVERIFY(f.open(QIODevice::ReadOnly));
            const QByteArray bytes = f.readAll();
            run(reinterpret_cast<const uint8_t*>(bytes.constData()), size_t(bytes.size()));
        }
        qInfo("%s: %lld inputs in %lld ms", qPrintable(target), qlonglong(inputs.size()), clock.elapsed());
    }

private slots:
    void databaseFiles() { replay(QStringLiteral("databasefiles"), fuzz::databaseFiles); }
    void reader() { replay(QStringLiteral("reader"), fuzz::reader); }
};

QTEST_GUILESS_MAIN(TestFuzzCorpus)
#include "tst_fuzzcorpus.moc"

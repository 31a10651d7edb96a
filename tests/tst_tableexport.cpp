// Table export: exact CSV and JSON for every storage class, filters, refusals, cancel, full disk.
#include "testsupport.h"

#include <sqlitesnapshot/tableexport.h>

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>

#include <sys/stat.h>

using namespace sqlsnap;
using namespace testsupport;

namespace {

// Cancels at the first progress report of the row phase.
class CancelOnRows : public ProgressSink {
public:
    void report(const Progress& p) override {
        if (p.phase == Phase::ExportingRows && p.rowsDone > 0)
            cancelled = true;
    }
    bool isCancelled() const override { return cancelled; }
    bool cancelled = false;
};
} // namespace

class TestTableExport : public QObject {
    Q_OBJECT
    QTemporaryDir m_tmp;
    QString m_db;

    QString freshDir() { return freshFolder(m_tmp); }

private slots:
    void initTestCase() {
        m_db = m_tmp.filePath(QStringLiteral("snap.db"));
        QVERIFY(execSql(
            m_db,
            QStringLiteral(
                "CREATE TABLE \"odd, \"\"name\"\"\"(id INTEGER PRIMARY KEY, \"a,b\" TEXT, r REAL, b BLOB);"
                "INSERT INTO \"odd, \"\"name\"\"\" VALUES "
                "(1, 'plain', 1.5, NULL), (2, '', NULL, x'00ff'), (3, NULL, -0.25, NULL),"
                "(4, 'comma, \"quote\"' || char(10) || 'newline', 1e308 * 10, NULL),"
                "(4611686018427387904, 'tab' || char(9) || 'ünï', 0.1, x'');"
                "CREATE TABLE big(x INTEGER);"
                "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 50000) "
                "INSERT INTO big SELECT i FROM n;")));
        QVERIFY(::chmod(QFile::encodeName(m_db).constData(), 0600) == 0);
    }

    void csvIsExact() {
        const QString out = freshDir() + QStringLiteral("/t.csv");
        auto r = exportTable(m_db, QStringLiteral("odd, \"name\""), {}, {}, TableFormat::Csv, out, false);
        QVERIFY2(r, qPrintable(r ? QString() : r.error().message));
        QCOMPARE(r->rows, qint64(5));
        QCOMPARE(fileBytes(out), QByteArray("id,\"a,b\",r,b\r\n"
                                            "1,plain,1.5,\r\n"
                                            "2,\"\",,X'00FF'\r\n"
                                            "3,,-0.25,\r\n"
                                            "4,\"comma, \"\"quote\"\"\nnewline\",Infinity,\r\n"
                                            "4611686018427387904,tab\t\xc3\xbcn\xc3\xaf,0.1,X''\r\n"));
        QCOMPARE(QFile::permissions(out), QFile::permissions(m_db)); // no more readable than the snapshot
    }

    void jsonIsExact() {
        const QString out = freshDir() + QStringLiteral("/t.json");
        auto r = exportTable(m_db, QStringLiteral("odd, \"name\""), {}, {}, TableFormat::Json, out, false);
        QVERIFY(r);
        const QByteArray text = fileBytes(out);
        QJsonParseError error;
        const QJsonArray rows = QJsonDocument::fromJson(text, &error).array();
        QVERIFY2(error.error == QJsonParseError::NoError, qPrintable(error.errorString()));
        QCOMPARE(rows.size(), 5);
        QCOMPARE(rows[0].toObject().keys(), (QStringList{QStringLiteral("a,b"), QStringLiteral("b"),
                                                         QStringLiteral("id"), QStringLiteral("r")}));
        QCOMPARE(rows[1].toObject()[QStringLiteral("a,b")].toString(), QString()); // '' stays a string
        QVERIFY(rows[2].toObject()[QStringLiteral("a,b")].isNull());               // NULL is null
        QCOMPARE(rows[1].toObject()[QStringLiteral("b")].toObject()[QStringLiteral("base64")].toString(),
                 QStringLiteral("AP8="));
        QCOMPARE(rows[3].toObject()[QStringLiteral("r")].toObject()[QStringLiteral("real")].toString(),
                 QStringLiteral("Infinity"));
        QCOMPARE(rows[3].toObject()[QStringLiteral("a,b")].toString(),
                 QStringLiteral("comma, \"quote\"\nnewline"));
        // Integers are written exactly (a double would round 2^62 + 0 fine, so check the text).
        QVERIFY(text.contains("\"id\": 4611686018427387904"));
        QVERIFY(text.startsWith("[\n  {\"id\": 1, "));
    }

    void filterAndEmptyResults() {
        const QString dir = freshDir();
        auto some = exportTable(m_db, QStringLiteral("big"), RowFilter{QStringLiteral("4999")}, {},
                                TableFormat::Csv, dir + QStringLiteral("/f.csv"), false);
        QVERIFY(some);
        QCOMPARE(some->rows, qint64(15)); // 4999, 14999 … 44999 and 49990 … 49999
        auto none = exportTable(m_db, QStringLiteral("big"), RowFilter{QStringLiteral("nothing like this")},
                                {}, TableFormat::Json, dir + QStringLiteral("/none.json"), false);
        QCOMPARE(none->rows, qint64(0));
        QCOMPARE(fileBytes(dir + QStringLiteral("/none.json")), QByteArray("[]\n"));
    }

    void refusalsLeaveFilesAlone() {
        const QString dir = freshDir();
        const QString existing = dir + QStringLiteral("/keep.csv");
        QVERIFY(writeFile(existing, "precious"));
        auto r = exportTable(m_db, QStringLiteral("big"), {}, {}, TableFormat::Csv, existing, false);
        QCOMPARE(r.error().kind, ErrorKind::DestinationExists);
        QCOMPARE(fileBytes(existing), QByteArray("precious"));
        QCOMPARE(exportTable(m_db, QStringLiteral("nope"), {}, {}, TableFormat::Csv,
                             dir + QStringLiteral("/n.csv"), false)
                     .error()
                     .kind,
                 ErrorKind::InvalidArgument);
        QCOMPARE(exportTable(m_db, QStringLiteral("big"), {}, {}, TableFormat::Csv,
                             dir + QStringLiteral("/no/x.csv"), false)
                     .error()
                     .kind,
                 ErrorKind::DestinationDirectoryMissing);
        QCOMPARE(folderEntries(dir), QStringList{QStringLiteral("keep.csv")});
        auto replaced = exportTable(m_db, QStringLiteral("big"), {}, {}, TableFormat::Csv, existing, true);
        QVERIFY(replaced);
        QVERIFY(fileBytes(existing).startsWith("x\r\n1\r\n2\r\n"));
    }

    void cancelLeavesNothing() {
        const QString dir = freshDir();
        const QString existing = dir + QStringLiteral("/old.json");
        QVERIFY(writeFile(existing, "[]"));
        CancelOnRows cancel;
        auto r = exportTable(m_db, QStringLiteral("big"), {}, {}, TableFormat::Json, existing, true, &cancel);
        QCOMPARE(r.error().kind, ErrorKind::Cancelled);
        QCOMPARE(fileBytes(existing), QByteArray("[]")); // replaced only on success
        QCOMPARE(folderEntries(dir), QStringList{QStringLiteral("old.json")});
    }

    void fullDiskIsAnErrorWithoutAPartialFile() {
        const QString dir = freshDir();
        ScratchMount full(dir, QStringLiteral("size=64k"));
        if (!full.ok())
            QSKIP("cannot mount a small tmpfs here (needs root)");
        auto r = exportTable(m_db, QStringLiteral("big"), {}, {}, TableFormat::Json,
                             dir + QStringLiteral("/b.json"), false);
        QVERIFY(!r);
        QVERIFY2(r.error().kind == ErrorKind::DiskFull, qPrintable(r.error().message));
        QCOMPARE(folderEntries(dir), QStringList());
    }
};

QTEST_GUILESS_MAIN(TestTableExport)
#include "tst_tableexport.moc"

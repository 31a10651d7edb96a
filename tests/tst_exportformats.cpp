// Export formats: each format's exact bytes for every storage class (NULL, '', 3.0, 2^53 + 1, a BLOB with
// 0x00, text with quotes, commas, a newline and non-BMP Unicode), sorted and filtered tables, a query's
// result, the SQL round trip through a fresh database, cancel, and the CLI's export-table and
// query --output.
#include "testsupport.h"

#include <sqlitesnapshot/tableexport.h>

#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QProcess>
#include <QTest>

#include <csignal>

#include <sqlite3.h>

#include <cstring>

using namespace sqlsnap;
using namespace testsupport;

namespace {

class CancelOnRows : public ProgressSink {
public:
    void report(const Progress& p) override {
        if (p.phase == Phase::ExportingRows && p.rowsDone > 0)
            cancelled = true;
    }
    bool isCancelled() const override { return cancelled; }
    bool cancelled = false;
};

// Every value of `sql`'s rows as its storage class and exact bytes (a REAL's 8 bytes, not a text).
QStringList exactRows(const QString& path, const QString& sql) {
    QStringList rows;
    sqlite3* db = nullptr;
    if (sqlite3_open_v2(path.toUtf8().constData(), &db, SQLITE_OPEN_READONLY, nullptr) != SQLITE_OK) {
        sqlite3_close(db);
        return {QStringLiteral("cannot open")};
    }
    sqlite3_stmt* stmt = nullptr;
    if (sqlite3_prepare_v2(db, sql.toUtf8().constData(), -1, &stmt, nullptr) != SQLITE_OK)
        rows << QString::fromUtf8(sqlite3_errmsg(db));
    while (stmt && sqlite3_step(stmt) == SQLITE_ROW) {
        QStringList values;
        for (int c = 0; c < sqlite3_column_count(stmt); ++c) {
            switch (sqlite3_column_type(stmt, c)) {
            case SQLITE_NULL:
                values << QStringLiteral("null");
                break;
            case SQLITE_INTEGER:
                values << QStringLiteral("integer %1").arg(sqlite3_column_int64(stmt, c));
                break;
            case SQLITE_FLOAT: {
                const double d = sqlite3_column_double(stmt, c);
                quint64 bits = 0;
                std::memcpy(&bits, &d, sizeof bits);
                values
                    << QStringLiteral("real %1 (%2)").arg(bits, 16, 16, QLatin1Char('0')).arg(d, 0, 'g', 17);
                break;
            }
            case SQLITE_TEXT:
                values << QStringLiteral("text ") +
                              QString::fromUtf8(reinterpret_cast<const char*>(sqlite3_column_text(stmt, c)),
                                                sqlite3_column_bytes(stmt, c));
                break;
            default:
                values << QStringLiteral("blob ") +
                              QString::fromLatin1(
                                  QByteArray(static_cast<const char*>(sqlite3_column_blob(stmt, c)),
                                             sqlite3_column_bytes(stmt, c))
                                      .toHex());
            }
        }
        rows << values.join(QStringLiteral(" | "));
    }
    sqlite3_finalize(stmt);
    sqlite3_close(db);
    return rows;
}

// Loads an exported SQL file into a new database, as `sqlite3 new.db < out.sql` does.
bool loadSql(const QString& sqlFile, const QString& database) {
    return execSql(database, QString::fromUtf8(fileBytes(sqlFile)));
}

const QByteArray kUnicode = "\xc3\xbc\xe2\x82\xac\xf0\x9f\x98\x80"; // ü € 😀 (outside the BMP)

} // namespace

class TestExportFormats : public QObject {
    Q_OBJECT
    QTemporaryDir m_tmp;
    QString m_db;

    QString freshDir() { return freshFolder(m_tmp); }
    QString exportOf(TableFormat format, const RowFilter& filter = {}, const RowOrder& order = {}) {
        const QString out = freshDir() + QStringLiteral("/t.") + tableFormatName(format);
        auto r = exportTable(m_db, QStringLiteral("t"), filter, order, format, out, false);
        if (!r)
            qWarning("%s", qPrintable(r.error().message));
        return r ? out : QString();
    }

private slots:
    void initTestCase() {
        m_db = m_tmp.filePath(QStringLiteral("snap.db"));
        QVERIFY(execSql(
            m_db,
            QStringLiteral("CREATE TABLE t(id INTEGER PRIMARY KEY, txt TEXT, v);"
                           "INSERT INTO t VALUES (1, NULL, NULL), (2, '', 3.0),"
                           " (3, 'a,\"b\"' || char(10) || '%1', 9007199254740993),"
                           " (4, 'it''s', x'00FF'), (5, 'plain', 0.1);"
                           "CREATE TABLE reals(x);"
                           "INSERT INTO reals VALUES (1.0 / 3), (1e300), (5e-324), (-2.5e-308), (1e999),"
                           " (-1e999), (123456789.123456789), (0.30000000000000004), (2.0), (-7.0),"
                           " (9223372036854775807), (-9223372036854775808), (''), (NULL), (x''),"
                           " ('line' || char(13) || char(10) || 'two'), (char(0x1F600));"
                           "CREATE TABLE g(a INTEGER, b AS (a * 2), c TEXT);"
                           "INSERT INTO g(a, c) VALUES (1, 'x'), (NULL, NULL), (2, '');"
                           "CREATE VIRTUAL TABLE f USING fts5(body);"
                           "INSERT INTO f VALUES ('hello world'), ('it''s');"
                           "CREATE VIEW odd AS SELECT id, v FROM t WHERE id % 2 = 1;"
                           "CREATE TABLE big(x INTEGER);"
                           "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 20000)"
                           " INSERT INTO big SELECT i FROM n;")
                .arg(QString::fromUtf8(kUnicode))));
    }

    void formatNames() {
        QCOMPARE(tableFormatForPath(QStringLiteral("/x/a.CSV")), std::optional(TableFormat::Csv));
        QCOMPARE(tableFormatForPath(QStringLiteral("a.json")), std::optional(TableFormat::Json));
        QCOMPARE(tableFormatForPath(QStringLiteral("a.ndjson")), std::optional(TableFormat::NdJson));
        QCOMPARE(tableFormatForPath(QStringLiteral("a.jsonl")), std::optional(TableFormat::NdJson));
        QCOMPARE(tableFormatForPath(QStringLiteral("a.sql")), std::optional(TableFormat::Sql));
        QCOMPARE(tableFormatForPath(QStringLiteral("a.txt")), std::nullopt);
        QCOMPARE(tableFormatFromName(QStringLiteral("xml")), std::nullopt);
    }

    void csvBytes() {
        const QString out = exportOf(TableFormat::Csv);
        QVERIFY(!out.isEmpty());
        QCOMPARE(fileBytes(out), "id,txt,v\r\n"
                                 "1,,\r\n"
                                 "2,\"\",3.0\r\n"
                                 "3,\"a,\"\"b\"\"\n" +
                                     kUnicode +
                                     "\",9007199254740993\r\n"
                                     "4,it's,X'00FF'\r\n"
                                     "5,plain,0.1\r\n");
    }

    void jsonBytes() {
        const QString out = exportOf(TableFormat::Json);
        QVERIFY(!out.isEmpty());
        QCOMPARE(fileBytes(out), "[\n"
                                 "  {\"id\": 1, \"txt\": null, \"v\": null},\n"
                                 "  {\"id\": 2, \"txt\": \"\", \"v\": 3.0},\n"
                                 "  {\"id\": 3, \"txt\": \"a,\\\"b\\\"\\n" +
                                     kUnicode +
                                     "\", \"v\": 9007199254740993},\n"
                                     "  {\"id\": 4, \"txt\": \"it's\", \"v\": {\"base64\": \"AP8=\"}},\n"
                                     "  {\"id\": 5, \"txt\": \"plain\", \"v\": 0.1}\n"
                                     "]\n");
    }

    void ndjsonBytes() {
        const QString out = exportOf(TableFormat::NdJson);
        QVERIFY(!out.isEmpty());
        QCOMPARE(fileBytes(out), "{\"id\": 1, \"txt\": null, \"v\": null}\n"
                                 "{\"id\": 2, \"txt\": \"\", \"v\": 3.0}\n"
                                 "{\"id\": 3, \"txt\": \"a,\\\"b\\\"\\n" +
                                     kUnicode +
                                     "\", \"v\": 9007199254740993}\n"
                                     "{\"id\": 4, \"txt\": \"it's\", \"v\": {\"base64\": \"AP8=\"}}\n"
                                     "{\"id\": 5, \"txt\": \"plain\", \"v\": 0.1}\n");
    }

    void sqlBytes() {
        const QString out = exportOf(TableFormat::Sql);
        QVERIFY(!out.isEmpty());
        QCOMPARE(fileBytes(out), "BEGIN TRANSACTION;\n"
                                 "CREATE TABLE t(id INTEGER PRIMARY KEY, txt TEXT, v);\n"
                                 "INSERT INTO \"t\" VALUES(1,NULL,NULL);\n"
                                 "INSERT INTO \"t\" VALUES(2,'',3.0);\n"
                                 "INSERT INTO \"t\" VALUES(3,'a,\"b\"\n" +
                                     kUnicode +
                                     "',9007199254740993);\n"
                                     "INSERT INTO \"t\" VALUES(4,'it''s',X'00FF');\n"
                                     "INSERT INTO \"t\" VALUES(5,'plain',0.1);\n"
                                     "COMMIT;\n");
    }

    void emptyTables() {
        const QString dir = freshDir();
        const RowFilter none{QStringLiteral("nothing like this")};
        for (TableFormat f : {TableFormat::Csv, TableFormat::Json, TableFormat::NdJson, TableFormat::Sql}) {
            const QString out = dir + QStringLiteral("/e.") + tableFormatName(f);
            QVERIFY(exportTable(m_db, QStringLiteral("t"), none, {}, f, out, false));
        }
        QCOMPARE(fileBytes(dir + QStringLiteral("/e.csv")), QByteArray("id,txt,v\r\n"));
        QCOMPARE(fileBytes(dir + QStringLiteral("/e.json")), QByteArray("[]\n"));
        QCOMPARE(fileBytes(dir + QStringLiteral("/e.ndjson")), QByteArray());
        QCOMPARE(fileBytes(dir + QStringLiteral("/e.sql")),
                 QByteArray(
                     "BEGIN TRANSACTION;\nCREATE TABLE t(id INTEGER PRIMARY KEY, txt TEXT, v);\nCOMMIT;\n"));
    }

    void sortedAndFilteredOrder() {
        // Any column contains "a": rows 3 and 5, by id descending; then id >= 2 sorted by txt.
        const QString out =
            exportOf(TableFormat::Csv, RowFilter{QStringLiteral("a")}, RowOrder{QStringLiteral("id"), true});
        QCOMPARE(fileBytes(out),
                 "id,txt,v\r\n5,plain,0.1\r\n3,\"a,\"\"b\"\"\n" + kUnicode + "\",9007199254740993\r\n");
        const QString byColumn =
            exportOf(TableFormat::NdJson, RowFilter{{}, {{QStringLiteral("id"), QStringLiteral(">=2")}}},
                     RowOrder{QStringLiteral("txt")});
        QCOMPARE(fileBytes(byColumn), "{\"id\": 2, \"txt\": \"\", \"v\": 3.0}\n"
                                      "{\"id\": 3, \"txt\": \"a,\\\"b\\\"\\n" +
                                          kUnicode +
                                          "\", \"v\": 9007199254740993}\n"
                                          "{\"id\": 4, \"txt\": \"it's\", \"v\": {\"base64\": \"AP8=\"}}\n"
                                          "{\"id\": 5, \"txt\": \"plain\", \"v\": 0.1}\n");
    }

    void sqlRoundTrip_data() {
        QTest::addColumn<QString>("table");
        QTest::newRow("t") << QStringLiteral("t");
        QTest::newRow("reals and edge values") << QStringLiteral("reals");
        QTest::newRow("a generated column") << QStringLiteral("g");
        QTest::newRow("FTS5, hidden columns") << QStringLiteral("f");
        QTest::newRow("a view") << QStringLiteral("odd");
    }
    void sqlRoundTrip() {
        QFETCH(QString, table);
        const QString dir = freshDir();
        const QString out = dir + QStringLiteral("/out.sql");
        auto r = exportTable(m_db, table, {}, {}, TableFormat::Sql, out, false);
        QVERIFY2(r, qPrintable(r ? QString() : r.error().message));
        const QString fresh = dir + QStringLiteral("/new.db");
        QVERIFY(loadSql(out, fresh));
        const QString select = QStringLiteral("SELECT * FROM \"%1\" ORDER BY 1").arg(table);
        const QStringList source = exactRows(m_db, select);
        QVERIFY(source.size() >= 2);
        QCOMPARE(exactRows(fresh, select), source);
        const QString schema = QStringLiteral("SELECT sql FROM sqlite_schema WHERE name = '%1'").arg(table);
        if (table == QLatin1String("odd")) // a view becomes a table of its columns
            QCOMPARE(exactRows(fresh, schema),
                     QStringList{QStringLiteral("text CREATE TABLE \"odd\"(\"id\",\"v\")")});
        else
            QCOMPARE(exactRows(fresh, schema), exactRows(m_db, schema));
    }

    void sqlOfGeneratedColumnsAndRepeatedNames() {
        const QString dir = freshDir();
        QVERIFY(exportTable(m_db, QStringLiteral("g"), {}, {}, TableFormat::Sql,
                            dir + QStringLiteral("/g.sql"), false));
        QCOMPARE(fileBytes(dir + QStringLiteral("/g.sql")),
                 QByteArray("BEGIN TRANSACTION;\nCREATE TABLE g(a INTEGER, b AS (a * 2), c TEXT);\n"
                            "INSERT INTO \"g\"(\"a\",\"c\") VALUES(1,'x');\n"
                            "INSERT INTO \"g\"(\"a\",\"c\") VALUES(NULL,NULL);\n"
                            "INSERT INTO \"g\"(\"a\",\"c\") VALUES(2,'');\nCOMMIT;\n"));
        // A query's repeated names are told apart as SQLite's CREATE TABLE … AS SELECT does.
        QVERIFY(exportQuery(m_db, QStringLiteral("SELECT 1 AS a, 2 AS A, 3 AS a"), TableFormat::Sql,
                            dir + QStringLiteral("/r.sql"), false));
        QCOMPARE(fileBytes(dir + QStringLiteral("/r.sql")),
                 QByteArray("BEGIN TRANSACTION;\nCREATE TABLE \"r\"(\"a\",\"A:1\",\"a:2\");\n"
                            "INSERT INTO \"r\" VALUES(1,2,3);\nCOMMIT;\n"));
        QVERIFY(loadSql(dir + QStringLiteral("/r.sql"), dir + QStringLiteral("/r.db")));
    }

    void queryExport() {
        const QString dir = freshDir();
        const QString sql =
            QStringLiteral("SELECT id, v AS value, typeof(v) FROM t WHERE id >= 2 ORDER BY id DESC");
        auto json = exportQuery(m_db, sql, TableFormat::Json, dir + QStringLiteral("/q.json"), false);
        QVERIFY2(json, qPrintable(json ? QString() : json.error().message));
        QCOMPARE(json->rows, qint64(4));
        QCOMPARE(fileBytes(dir + QStringLiteral("/q.json")),
                 QByteArray("[\n"
                            "  {\"id\": 5, \"value\": 0.1, \"typeof(v)\": \"real\"},\n"
                            "  {\"id\": 4, \"value\": {\"base64\": \"AP8=\"}, \"typeof(v)\": \"blob\"},\n"
                            "  {\"id\": 3, \"value\": 9007199254740993, \"typeof(v)\": \"integer\"},\n"
                            "  {\"id\": 2, \"value\": 3.0, \"typeof(v)\": \"real\"}\n"
                            "]\n"));
        auto sqlOut = exportQuery(m_db, sql, TableFormat::Sql, dir + QStringLiteral("/q.sql"), false);
        QVERIFY(sqlOut);
        QVERIFY(fileBytes(dir + QStringLiteral("/q.sql"))
                    .startsWith("BEGIN TRANSACTION;\nCREATE TABLE \"q\"(\"id\",\"value\",\"typeof(v)\");\n"
                                "INSERT INTO \"q\" VALUES(5,0.1,'real');\n"));
        QVERIFY(loadSql(dir + QStringLiteral("/q.sql"), dir + QStringLiteral("/q.db")));
        QCOMPARE(exactRows(dir + QStringLiteral("/q.db"), QStringLiteral("SELECT * FROM q")),
                 exactRows(m_db, sql));
        // Many pages: every row, once, in order.
        auto big = exportQuery(m_db, QStringLiteral("SELECT x FROM big"), TableFormat::Csv,
                               dir + QStringLiteral("/big.csv"), false);
        QVERIFY(big);
        QCOMPARE(big->rows, qint64(20000));
        QByteArray expected = "x\r\n";
        for (int i = 1; i <= 20000; ++i)
            expected += QByteArray::number(i) + "\r\n";
        QCOMPARE(fileBytes(dir + QStringLiteral("/big.csv")), expected);
        // A refused statement writes nothing.
        QCOMPARE(exportQuery(m_db, QStringLiteral("DELETE FROM t"), TableFormat::Csv,
                             dir + QStringLiteral("/d.csv"), false)
                     .error()
                     .kind,
                 ErrorKind::PermissionDenied);
        QVERIFY(!QFile::exists(dir + QStringLiteral("/d.csv")));
    }

    void cancelLeavesNothing() {
        const QString dir = freshDir();
        CancelOnRows table;
        QCOMPARE(exportTable(m_db, QStringLiteral("big"), {}, {}, TableFormat::Sql,
                             dir + QStringLiteral("/b.sql"), false, &table)
                     .error()
                     .kind,
                 ErrorKind::Cancelled);
        CancelOnRows query;
        QCOMPARE(exportQuery(m_db, QStringLiteral("SELECT * FROM big"), TableFormat::NdJson,
                             dir + QStringLiteral("/b.ndjson"), false, &query)
                     .error()
                     .kind,
                 ErrorKind::Cancelled);
        QCOMPARE(folderEntries(dir), QStringList());
    }

    void cliExportTable() {
        const QString dir = freshDir();
        const QString sqlOut = dir + QStringLiteral("/t.sql");
        CliRun run = cli({QStringLiteral("export-table"), m_db, QStringLiteral("t"), sqlOut});
        QVERIFY2(run.exitCode == 0, run.err.constData());
        QCOMPARE(fileBytes(sqlOut), fileBytes(exportOf(TableFormat::Sql))); // the format from the extension
        QVERIFY(run.out.contains("exported 5 rows"));

        const QString sorted = dir + QStringLiteral("/sorted.out");
        run = cli({QStringLiteral("export-table"), m_db, QStringLiteral("t"), sorted,
                   QStringLiteral("--format"), QStringLiteral("ndjson"), QStringLiteral("--order-by"),
                   QStringLiteral("id:desc"), QStringLiteral("--where-column"), QStringLiteral("id=<=4"),
                   QStringLiteral("--where-column"), QStringLiteral("txt=NOT NULL")});
        QVERIFY2(run.exitCode == 0, run.err.constData());
        QCOMPARE(fileBytes(sorted), "{\"id\": 4, \"txt\": \"it's\", \"v\": {\"base64\": \"AP8=\"}}\n"
                                    "{\"id\": 3, \"txt\": \"a,\\\"b\\\"\\n" +
                                        kUnicode +
                                        "\", \"v\": 9007199254740993}\n"
                                        "{\"id\": 2, \"txt\": \"\", \"v\": 3.0}\n");

        const QString filtered = dir + QStringLiteral("/f.csv");
        run = cli({QStringLiteral("export-table"), m_db, QStringLiteral("t"), filtered,
                   QStringLiteral("--filter"), QStringLiteral("plain")});
        QCOMPARE(run.exitCode, 0);
        QCOMPARE(fileBytes(filtered), QByteArray("id,txt,v\r\n5,plain,0.1\r\n"));

        // Existing DEST: refused without --overwrite, replaced with it.
        run = cli({QStringLiteral("export-table"), m_db, QStringLiteral("t"), filtered});
        expectOneError(run, 1, QStringLiteral("exists"));
        run = cli({QStringLiteral("export-table"), m_db, QStringLiteral("t"), filtered,
                   QStringLiteral("--overwrite")});
        QCOMPARE(run.exitCode, 0);
        QVERIFY(fileBytes(filtered).endsWith("5,plain,0.1\r\n"));

        expectOneError(cli({QStringLiteral("export-table"), m_db, QStringLiteral("t"),
                            dir + QStringLiteral("/x"), QStringLiteral("--format"), QStringLiteral("xml")}),
                       2, QStringLiteral("--format"));
        expectOneError(
            cli({QStringLiteral("export-table"), m_db, QStringLiteral("t"), dir + QStringLiteral("/x"),
                 QStringLiteral("--where-column"), QStringLiteral("novalue")}),
            2, QStringLiteral("COL=FILTER"));
        expectOneError(cli({QStringLiteral("export-table"), m_db, QStringLiteral("t")}), 2,
                       QStringLiteral(""));
        // From the review: an unknown column wrote an empty file and said "exported 0 rows".
        expectOneError(
            cli({QStringLiteral("export-table"), m_db, QStringLiteral("t"), dir + QStringLiteral("/x"),
                 QStringLiteral("--where-column"), QStringLiteral("nosuch=1")}),
            1, QStringLiteral("no column named nosuch"));
        expectOneError(cli({QStringLiteral("export-table"), m_db, QStringLiteral("nope"),
                            dir + QStringLiteral("/n.csv")}),
                       1, QStringLiteral("nope"));
        QVERIFY(!QFile::exists(dir + QStringLiteral("/x")));
        QVERIFY(!QFile::exists(dir + QStringLiteral("/n.csv")));
    }

    void cliExportsALiveWalDatabase() {
        const QString dir = freshDir();
        const QString live = dir + QStringLiteral("/live.db");
        QVERIFY(execSql(
            live, QStringLiteral(
                      "PRAGMA journal_mode=WAL; CREATE TABLE w(a); INSERT INTO w VALUES (1.0), ('x');")));
        const QStringList before = folderEntries(dir);
        const QString out = m_tmp.filePath(QStringLiteral("live.json"));
        CliRun run = cli({QStringLiteral("export-table"), live, QStringLiteral("w"), out});
        QVERIFY2(run.exitCode == 0, run.err.constData());
        QCOMPARE(fileBytes(out), QByteArray("[\n  {\"a\": 1.0},\n  {\"a\": \"x\"}\n]\n"));
        QCOMPARE(folderEntries(dir), before); // nothing beside the live database
    }

    void cliQueryOutput() {
        const QString dir = freshDir();
        const QString out = dir + QStringLiteral("/q.ndjson");
        CliRun run =
            cli({QStringLiteral("query"), m_db, QStringLiteral("--output"), out, QStringLiteral("--"),
                 QStringLiteral("SELECT v FROM t WHERE id IN (2, 3) ORDER BY id")});
        QVERIFY2(run.exitCode == 0, run.err.constData());
        QCOMPARE(fileBytes(out), QByteArray("{\"v\": 3.0}\n{\"v\": 9007199254740993}\n"));
        const QString csv = dir + QStringLiteral("/q.txt");
        run = cli({QStringLiteral("query"), m_db, QStringLiteral("--output"), csv, QStringLiteral("--format"),
                   QStringLiteral("sql"), QStringLiteral("SELECT 1 AS one")});
        QCOMPARE(run.exitCode, 0);
        QCOMPARE(fileBytes(csv), QByteArray("BEGIN TRANSACTION;\nCREATE TABLE \"q\"(\"one\");\n"
                                            "INSERT INTO \"q\" VALUES(1);\nCOMMIT;\n"));
        expectOneError(cli({QStringLiteral("query"), m_db, QStringLiteral("--output"), csv,
                            QStringLiteral("--json"), QStringLiteral("SELECT 1")}),
                       2, QStringLiteral("--output"));
        expectOneError(cli({QStringLiteral("query"), m_db, QStringLiteral("--format"), QStringLiteral("csv"),
                            QStringLiteral("SELECT 1")}),
                       2, QStringLiteral("--output"));
        expectOneError(
            cli({QStringLiteral("query"), m_db, QStringLiteral("--output"), dir + QStringLiteral("/y"),
                 QStringLiteral("--format"), QStringLiteral("yaml"), QStringLiteral("SELECT 1")}),
            2, QStringLiteral("--format"));
    }

    // SIGINT while rows are written: exit 130, `error: cancelled`, and no file at all.
    void cliInterruptLeavesNothing() {
        const QString dir = freshDir();
        QProcess p;
        p.start(cliPath(), {QStringLiteral("query"), m_db, QStringLiteral("--output"),
                            dir + QStringLiteral("/n.csv"), QStringLiteral("--"),
                            QStringLiteral("WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n) "
                                           "SELECT i FROM n")});
        QVERIFY(p.waitForStarted());
        // Rows are being written once the staging folder is there.
        QElapsedTimer waited;
        waited.start();
        while (folderEntries(dir).isEmpty() && waited.elapsed() < 10000)
            QTest::qWait(10);
        QVERIFY(!folderEntries(dir).isEmpty());
        ::kill(pid_t(p.processId()), SIGINT);
        QVERIFY(p.waitForFinished(10000));
        QCOMPARE(p.exitCode(), 130);
        QVERIFY(p.readAllStandardError().contains("cancelled"));
        QCOMPARE(folderEntries(dir), QStringList());
    }
};

QTEST_GUILESS_MAIN(TestExportFormats)
#include "tst_exportformats.moc"

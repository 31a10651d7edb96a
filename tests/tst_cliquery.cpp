// `sqlite-snapshot-cli query` end to end through real processes: the three output shapes (text, JSON,
// CSV) with REAL, NULL, '' and BLOB exact, --limit, exit codes and the one `error:` line, every write
// refused with the database's bytes unchanged, live databases read through a staged copy, streaming
// (bounded memory), and SIGINT (exit 130, and still a JSON document).
#include "testsupport.h"

#include <QCryptographicHash>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>

#include <csignal>
#include <unistd.h>

using namespace testsupport;

namespace {

struct Run {
    int exitCode = -1;
    QByteArray out, err;
    QStringList errLines() const {
        return QString::fromUtf8(err).split(QLatin1Char('\n'), Qt::SkipEmptyParts);
    }
    QJsonObject json() const { return QJsonDocument::fromJson(out).object(); }
};

Run finished(QProcess& p) {
    if (!p.waitForFinished(120000)) {
        p.kill();
        p.waitForFinished();
        return {-2, p.readAllStandardOutput(), "timed out"};
    }
    return {p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1, p.readAllStandardOutput(),
            p.readAllStandardError()};
}

QByteArray sha256(const QString& path) {
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? QCryptographicHash::hash(f.readAll(), QCryptographicHash::Sha256)
                                       : QByteArray();
}

} // namespace

class TestCliQuery : public QObject {
    Q_OBJECT
    QTemporaryDir m_tmp;
    QString m_scratchTmp; // TMPDIR of every run: staging folders must not stay in it
    QString m_folder;     // holds only values.db
    QString m_db;
    QByteArray m_sha;
    QString m_big;
    QString m_vacuumTarget;

    Run cli(const QStringList& args) {
        QProcess p;
        QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
        environment.insert(QStringLiteral("TMPDIR"), m_scratchTmp);
        p.setProcessEnvironment(environment);
        p.start(cliPath(), args);
        return finished(p);
    }
    // Options first, then `--`: an SQL text may start with "-" (a comment).
    Run query(const QString& sql, const QStringList& options = {}) {
        return cli(QStringList{QStringLiteral("query"), m_db} + options +
                   QStringList{QStringLiteral("--"), sql});
    }
    void expectOneError(const Run& r, int code, const QString& contains) {
        QVERIFY2(r.exitCode == code,
                 qPrintable(QStringLiteral("exit %1: %2").arg(r.exitCode).arg(QString::fromUtf8(r.err))));
        const QStringList lines = r.errLines();
        QVERIFY2(lines.size() == 1, r.err.constData());
        QVERIFY2(lines.first().startsWith(QStringLiteral("error: ")), qPrintable(lines.first()));
        QVERIFY2(lines.first().contains(contains), qPrintable(lines.first()));
        QVERIFY2(!r.err.contains(".sqlite-snapshot-"), r.err.constData());
    }
    void expectUntouched() {
        QCOMPARE(sha256(m_db), m_sha);
        QCOMPARE(folderEntries(m_folder), QStringList{QStringLiteral("values.db")});
        QVERIFY(!QFileInfo::exists(m_vacuumTarget));
        QVERIFY2(folderEntries(m_scratchTmp).isEmpty(),
                 qPrintable(folderEntries(m_scratchTmp).join(QLatin1Char(' '))));
    }

private slots:
    void initTestCase() {
        m_scratchTmp = freshFolder(m_tmp, QStringLiteral("tmp"));
        m_folder = freshFolder(m_tmp, QStringLiteral("values"));
        m_db = m_folder + QStringLiteral("/values.db");
        m_vacuumTarget = m_tmp.filePath(QStringLiteral("vacuum-target.db"));
        QVERIFY(execSql(
            m_db, QStringLiteral("CREATE TABLE v(id INTEGER PRIMARY KEY, name TEXT, r REAL, n TEXT, b BLOB);"
                                 "INSERT INTO v VALUES (1, 'plain', 3.0, '', x'00FF10'),"
                                 " (2, 'a, \"quoted\"\nline', 0.1, NULL, NULL),"
                                 " (9007199254740993, 'big', -2.5e-7, 'x', x'');")));
        m_sha = sha256(m_db);
        m_big = m_tmp.filePath(QStringLiteral("big.db"));
        QVERIFY(
            execSql(m_big, QStringLiteral("CREATE TABLE big(id INTEGER PRIMARY KEY, name TEXT, value REAL);"
                                          "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n "
                                          "WHERE i < 1000000) INSERT INTO big SELECT i, 'row number ' || i, "
                                          "i * 0.5 FROM n;")));
    }
    void cleanupTestCase() { expectUntouched(); }

    void textIsAnAlignedTable() {
        const Run r = query(QStringLiteral("SELECT id, name, r, n, b FROM v ORDER BY id"));
        QCOMPARE(r.exitCode, 0);
        QVERIFY(r.err.isEmpty());
        const QStringList lines = QString::fromUtf8(r.out).split(QLatin1Char('\n'));
        QCOMPARE(lines.value(0), QStringLiteral("id                name               r         n     b"));
        QCOMPARE(lines.value(1),
                 QStringLiteral("----------------  -----------------  --------  ----  ---------"));
        QCOMPARE(lines.value(2),
                 QStringLiteral("               1  plain                   3.0        X'00FF10'"));
        QCOMPARE(lines.value(3),
                 QStringLiteral("               2  a, \"quoted\"\\nline       0.1  NULL  NULL"));
        QCOMPARE(lines.value(4), QStringLiteral("9007199254740993  big                -2.5e-07  x     X''"));
        QCOMPARE(lines.value(5), QStringLiteral("(3 rows)"));
        // A long value is cut in the table (60 characters, the last one "…"), whole in --csv.
        const QString longSql = QStringLiteral("SELECT 1 AS a, printf('%.100c', 'x') AS long");
        const QStringList cut = QString::fromUtf8(query(longSql).out).split(QLatin1Char('\n'));
        QCOMPARE(cut.value(2), QStringLiteral("1  ") + QString(59, QLatin1Char('x')) + QChar(0x2026));
        QVERIFY(query(longSql, {QStringLiteral("--csv")}).out.contains(QByteArray(100, 'x')));
    }

    void jsonIsColumnsThenRows() {
        const Run r = query(QStringLiteral("SELECT id, name, r, n, b, r * 2 AS twice FROM v ORDER BY id"),
                            {QStringLiteral("--json")});
        QCOMPARE(r.exitCode, 0);
        QJsonParseError error;
        const QJsonObject doc = QJsonDocument::fromJson(r.out, &error).object();
        QCOMPARE(error.error, QJsonParseError::NoError);
        const QJsonArray columns = doc.value(QStringLiteral("columns")).toArray();
        QCOMPARE(columns.size(), 6);
        QCOMPARE(columns[0].toObject().value(QStringLiteral("name")).toString(), QStringLiteral("id"));
        QCOMPARE(columns[0].toObject().value(QStringLiteral("type")).toString(), QStringLiteral("INTEGER"));
        QVERIFY(columns[5].toObject().value(QStringLiteral("type")).isNull());
        const QJsonArray rows = doc.value(QStringLiteral("rows")).toArray();
        QCOMPARE(rows.size(), 3);
        QCOMPARE(doc.value(QStringLiteral("row_count")).toInt(), 3);
        QCOMPARE(doc.value(QStringLiteral("limited")).toBool(true), false);
        const QJsonArray first = rows[0].toArray();
        QCOMPARE(first[1].toString(), QStringLiteral("plain"));
        QCOMPARE(first[3].toString(QStringLiteral("not a string")), QString()); // '' is ""
        QVERIFY(rows[1].toArray()[3].isNull());                                 // NULL is null
        QCOMPARE(first[4].toObject().value(QStringLiteral("base64")).toString(), QStringLiteral("AP8Q"));
        QCOMPARE(rows[1].toArray()[1].toString(), QStringLiteral("a, \"quoted\"\nline"));
        // The text itself: a REAL keeps its fraction, a big INTEGER its every digit.
        QVERIFY2(r.out.contains("[1, \"plain\", 3.0, \"\", {\"base64\": \"AP8Q\"}, 6.0]"), r.out.constData());
        QVERIFY2(r.out.contains("[9007199254740993, \"big\", -2.5e-07, \"x\", {\"base64\": \"\"}, -5e-07]"),
                 r.out.constData());
    }

    void csvIsRfc4180WithNullApart() {
        const Run r =
            query(QStringLiteral("SELECT id, name, r, n, b FROM v ORDER BY id"), {QStringLiteral("--csv")});
        QCOMPARE(r.exitCode, 0);
        QCOMPARE(r.out, QByteArray("id,name,r,n,b\r\n"
                                   "1,plain,3.0,\"\",X'00FF10'\r\n"
                                   "2,\"a, \"\"quoted\"\"\nline\",0.1,,\r\n"
                                   "9007199254740993,big,-2.5e-07,x,X''\r\n"));
    }

    void limitCapsTheRows() {
        Run r = query(QStringLiteral("SELECT id FROM v ORDER BY id"),
                      {QStringLiteral("--limit"), QStringLiteral("2")});
        QCOMPARE(r.exitCode, 0);
        QVERIFY(r.out.endsWith("(2 rows; more not shown, --limit)\n"));
        r = query(QStringLiteral("SELECT id FROM v"),
                  {QStringLiteral("--json"), QStringLiteral("--limit=2")});
        QCOMPARE(r.json().value(QStringLiteral("rows")).toArray().size(), 2);
        QCOMPARE(r.json().value(QStringLiteral("limited")).toBool(), true);
        r = query(QStringLiteral("SELECT id FROM v"),
                  {QStringLiteral("--json"), QStringLiteral("--limit=3")});
        QCOMPARE(r.json().value(QStringLiteral("row_count")).toInt(), 3);
        QCOMPARE(r.json().value(QStringLiteral("limited")).toBool(true), false);
        r = query(QStringLiteral("SELECT id FROM v"), {QStringLiteral("--csv"), QStringLiteral("--limit=0")});
        QCOMPARE(r.out, QByteArray("id\r\n"));
        // A limit stops reading: the first rows of a million-row table come at once.
        r = cli({QStringLiteral("query"), m_big, QStringLiteral("SELECT * FROM big ORDER BY id"),
                 QStringLiteral("--limit"), QStringLiteral("1"), QStringLiteral("--csv")});
        QCOMPARE(r.out, QByteArray("id,name,value\r\n1,row number 1,0.5\r\n"));
    }

    void usageErrors_data() {
        QTest::addColumn<QStringList>("args");
        QTest::addColumn<QString>("says");
        QTest::newRow("no SQL") << QStringList{QStringLiteral("query"), QStringLiteral("x.db")}
                                << QStringLiteral("missing argument");
        QTest::newRow("extra") << QStringList{QStringLiteral("query"), QStringLiteral("x.db"),
                                              QStringLiteral("SELECT 1"), QStringLiteral("more")}
                               << QStringLiteral("unexpected argument");
        QTest::newRow("empty DB") << QStringList{QStringLiteral("query"), QString(),
                                                 QStringLiteral("SELECT 1")}
                                  << QStringLiteral("empty file name");
        QTest::newRow("json and csv")
            << QStringList{QStringLiteral("query"), QStringLiteral("x.db"), QStringLiteral("SELECT 1"),
                           QStringLiteral("--json"), QStringLiteral("--csv")}
            << QStringLiteral("cannot be combined");
        for (const char* bad : {"-1", "ten", ""})
            QTest::addRow("--limit '%s'", bad)
                << QStringList{QStringLiteral("query"), QStringLiteral("x.db"), QStringLiteral("SELECT 1"),
                               QStringLiteral("--limit"), QString::fromLatin1(bad)}
                << QStringLiteral("--limit needs a number");
        QTest::newRow("--limit twice")
            << QStringList{QStringLiteral("query"), QStringLiteral("x.db"), QStringLiteral("SELECT 1"),
                           QStringLiteral("--limit=1"), QStringLiteral("--limit=2")}
            << QStringLiteral("more than once");
        QTest::newRow("unknown option") << QStringList{QStringLiteral("query"), QStringLiteral("x.db"),
                                                       QStringLiteral("SELECT 1"), QStringLiteral("--tsv")}
                                        << QStringLiteral("unknown option --tsv");
    }
    void usageErrors() {
        QFETCH(QStringList, args);
        QFETCH(QString, says);
        expectOneError(cli(args), 2, says);
    }

    void helpListsTheOptions() {
        const Run r = cli({QStringLiteral("query"), QStringLiteral("--help")});
        QCOMPARE(r.exitCode, 0);
        for (const char* option : {"--json", "--csv", "--limit"})
            QVERIFY2(r.out.contains(option), r.out.constData());
        QVERIFY(cli({QStringLiteral("--help")}).out.contains("query DB SQL"));
    }

    void badStatementsFailWithOneLine_data() {
        QTest::addColumn<QString>("sql");
        QTest::addColumn<QString>("says");
        QTest::newRow("no such table") << QStringLiteral("SELECT * FROM nosuch")
                                       << QStringLiteral("error: no such table: nosuch (at character 15)");
        QTest::newRow("syntax") << QStringLiteral("SELECT * FRM v")
                                << QStringLiteral("syntax error (at character 10)");
        QTest::newRow("empty") << QString() << QStringLiteral("no statement to run");
        QTest::newRow("comments only")
            << QStringLiteral("-- nothing") << QStringLiteral("no statement to run");
        QTest::newRow("two statements")
            << QStringLiteral("SELECT 1; SELECT 2") << QStringLiteral("only one statement can run at a time");
    }
    void badStatementsFailWithOneLine() {
        QFETCH(QString, sql);
        QFETCH(QString, says);
        const Run r = query(sql);
        expectOneError(r, 1, says);
        QVERIFY(r.out.isEmpty());
        const Run j = query(sql, {QStringLiteral("--json")});
        QCOMPARE(j.exitCode, 1);
        QVERIFY(!j.json()
                     .value(QStringLiteral("error"))
                     .toObject()
                     .value(QStringLiteral("kind"))
                     .toString()
                     .isEmpty());
    }

    void errorsInJsonSayWhere() {
        const Run r = query(QStringLiteral("SELECT 'é', * FROM nosuch"), {QStringLiteral("--json")});
        QCOMPARE(r.exitCode, 1);
        const QJsonObject error = r.json().value(QStringLiteral("error")).toObject();
        QCOMPARE(error.value(QStringLiteral("kind")).toString(), QStringLiteral("sqlite_error"));
        QCOMPARE(error.value(QStringLiteral("message")).toString(), QStringLiteral("no such table: nosuch"));
        QCOMPARE(error.value(QStringLiteral("offset")).toInt(), 19);
        expectOneError(cli({QStringLiteral("query"), m_tmp.filePath(QStringLiteral("none.db")),
                            QStringLiteral("SELECT 1")}),
                       1, QStringLiteral("not found"));
    }

    // Every write is refused (exit 1, one line naming it), and the database, its folder and the
    // temporary folder stay exactly as they were.
    void writesAreRefused_data() {
        QTest::addColumn<QString>("sql");
        QTest::addColumn<QString>("what");
        const QList<std::pair<QString, QString>> cases{
            {QStringLiteral("INSERT INTO v(name) VALUES ('x')"), QStringLiteral("INSERT")},
            {QStringLiteral("UPDATE v SET name = 'x'"), QStringLiteral("UPDATE")},
            {QStringLiteral("DELETE FROM v"), QStringLiteral("DELETE")},
            {QStringLiteral("DROP TABLE v"), QStringLiteral("DROP TABLE")},
            {QStringLiteral("CREATE TABLE t(x)"), QStringLiteral("CREATE TABLE")},
            {QStringLiteral("CREATE TEMP TABLE t(x)"), QStringLiteral("CREATE TEMP TABLE")},
            {QStringLiteral("ATTACH '%1' AS o").arg(m_big), QStringLiteral("ATTACH")},
            {QStringLiteral("DETACH o"), QStringLiteral("DETACH")},
            {QStringLiteral("VACUUM"), QStringLiteral("VACUUM")},
            {QStringLiteral("VACUUM INTO '%1'").arg(m_vacuumTarget), QStringLiteral("VACUUM INTO")},
            {QStringLiteral("PRAGMA user_version=1"), QStringLiteral("PRAGMA user_version = 1")},
            {QStringLiteral("PRAGMA journal_mode=WAL"), QStringLiteral("PRAGMA journal_mode = WAL")},
            {QStringLiteral("PRAGMA query_only=0"), QStringLiteral("PRAGMA query_only = 0")},
            {QStringLiteral("SELECT load_extension('x')"), QStringLiteral("load_extension()")},
            {QStringLiteral("BEGIN"), QStringLiteral("BEGIN")},
        };
        for (const auto& [sql, what] : cases)
            QTest::newRow(qPrintable(sql)) << sql << what;
    }
    void writesAreRefused() {
        QFETCH(QString, sql);
        QFETCH(QString, what);
        expectOneError(query(sql), 1, what + QStringLiteral(" is refused: the console only reads"));
        const Run j = query(sql, {QStringLiteral("--csv")});
        QCOMPARE(j.exitCode, 1);
        QVERIFY(j.out.isEmpty());
        expectUntouched();
    }

    // A live WAL database (a -wal another program keeps) is read from a private copy: its rows in the
    // -wal are there, its files do not change by a byte, and the copy is gone when the command ends.
    void liveSourceIsReadThroughAStagedCopy() {
        const QString dir = freshFolder(m_tmp, QStringLiteral("live"));
        const QString db = dir + QStringLiteral("/bank.db");
        QVERIFY(runDbtool({QStringLiteral("make"), db, QStringLiteral("wal"), QStringLiteral("40")}));
        Helper holder({QStringLiteral("hold"), db, QStringLiteral("wal"), QStringLiteral("--normal-locking"),
                       QStringLiteral("--no-checkpoint")});
        QVERIFY(holder.ready());
        const auto before = folderBytes(dir);
        QVERIFY(before.contains(QStringLiteral("bank.db-wal")));
        // The holder's commit is only in the -wal: 2,000 more log rows, account 1 at 1,007.
        const Run r =
            cli({QStringLiteral("query"), db,
                 QStringLiteral("SELECT sum(balance) AS total, (SELECT count(*) FROM log) AS log, "
                                "(SELECT balance FROM accounts WHERE id = 1) AS first FROM accounts"),
                 QStringLiteral("--csv")});
        QCOMPARE(r.exitCode, 0);
        QCOMPARE(r.out, QByteArray("total,log,first\r\n100000,2040,1007\r\n"));
        expectOneError(cli({QStringLiteral("query"), db, QStringLiteral("DELETE FROM log")}), 1,
                       QStringLiteral("DELETE is refused"));
        QCOMPARE(folderBytes(dir), before);
        QVERIFY(folderEntries(m_scratchTmp).isEmpty()); // the staged copy went with the command
        holder.finish();
    }

    // Under a writer that never stops, the answer is one committed state: the bank's total holds.
    void liveWriterGivesOneCommittedState() {
        const QString db = freshFolder(m_tmp, QStringLiteral("busy")) + QStringLiteral("/bank.db");
        QVERIFY(runDbtool({QStringLiteral("make"), db, QStringLiteral("wal"), QStringLiteral("100")}));
        Helper writer({QStringLiteral("writer"), db, QStringLiteral("wal"), QStringLiteral("--pace-us"),
                       QStringLiteral("1000")});
        QVERIFY(writer.ready());
        int answered = 0;
        for (int round = 0; round < 5; ++round) {
            const Run r = cli({QStringLiteral("query"), db,
                               QStringLiteral("SELECT sum(balance) FROM accounts"), QStringLiteral("--csv")});
            QVERIFY2(r.exitCode == 0 || r.exitCode == 3, r.err.constData());
            if (r.exitCode == 0) {
                QCOMPARE(r.out, QByteArray("sum(balance)\r\n100000\r\n"));
                ++answered;
            }
        }
        QVERIFY(answered > 0);
        writer.finish();
        QVERIFY(folderEntries(m_scratchTmp).isEmpty());
    }

    // Rows are streamed: a million rows go out with the memory of a few pages.
    void outputIsStreamed() {
        QProcess p;
        p.start(QStringLiteral("/usr/bin/time"),
                {QStringLiteral("-f"), QStringLiteral("maxrss=%M"), cliPath(), QStringLiteral("query"), m_big,
                 QStringLiteral("SELECT * FROM big"), QStringLiteral("--json")});
        const Run r = finished(p);
        QCOMPARE(r.exitCode, 0);
        QVERIFY(r.out.endsWith("\"row_count\": 1000000,\n  \"limited\": false\n}\n"));
        const qint64 kib =
            QString::fromUtf8(r.err).section(QStringLiteral("maxrss="), 1).trimmed().toLongLong();
        qInfo("%lld MiB of output, peak RSS %lld MiB", qint64(r.out.size()) >> 20, kib >> 10);
        // Holding the rows would take several times this. ASan's shadow memory and quarantine (the CLI is
        // built like this test) multiply RSS, so there the bound is the rows' own size, 1 M rows of JSON.
#if defined(__SANITIZE_ADDRESS__)
        const qint64 bound = std::max<qint64>(1024 * 1024, qint64(r.out.size()) >> 10);
#else
        const qint64 bound = 100 * 1024;
#endif
        QVERIFY2(kib > 0 && kib < bound, r.err.constData());
    }

    // SIGINT in the middle of the rows: exit 130, `error: cancelled`, and the JSON document still closes.
    void interruptStopsAndStillClosesTheJson() {
        QProcess p;
        p.start(cliPath(),
                {QStringLiteral("query"), m_big, QStringLiteral("SELECT * FROM big, (VALUES (1), (2), (3))"),
                 QStringLiteral("--json")});
        QVERIFY(p.waitForStarted());
        QVERIFY(p.waitForReadyRead(10000));
        QTest::qWait(200);
        ::kill(pid_t(p.processId()), SIGINT);
        const Run r = finished(p);
        QCOMPARE(r.exitCode, 130);
        QCOMPARE(r.errLines(), QStringList{QStringLiteral("error: cancelled")});
        QJsonParseError error;
        const QJsonObject doc = QJsonDocument::fromJson(r.out, &error).object();
        QCOMPARE(error.error, QJsonParseError::NoError);
        QCOMPARE(doc.value(QStringLiteral("error")).toObject().value(QStringLiteral("kind")).toString(),
                 QStringLiteral("cancelled"));
        QCOMPARE(doc.value(QStringLiteral("row_count")).toInteger(),
                 doc.value(QStringLiteral("rows")).toArray().size());
    }
};

QTEST_GUILESS_MAIN(TestCliQuery)
#include "tst_cliquery.moc"

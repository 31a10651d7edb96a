// `sqlite-snapshot-cli diff` as scripts use it: exit codes, the summary, the JSON document, the SQL that
// turns A into B (applied with SQLite), --table, usage errors, SIGINT, and both files left unchanged.
#include "testsupport.h"

#include <QCryptographicHash>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QTemporaryDir>
#include <QtTest>

#include <csignal>
#include <unistd.h>

using testsupport::cli;
using testsupport::CliRun;

namespace {

QByteArray sha256(const QString& path) {
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly))
        return {};
    return QCryptographicHash::hash(f.readAll(), QCryptographicHash::Sha256);
}

} // namespace

class TestCliDiff : public QObject {
    Q_OBJECT

private slots:
    void initTestCase();
    void identicalExitsZero();
    void differencesExitOne();
    void jsonDocument();
    void sqlTurnsAIntoB();
    void virtualTables();
    void tableOption();
    void usageAndFailures();
    void interrupted();
    void theSameFileUnderALiveWriterIsIdentical();

private:
    QTemporaryDir m_dir;
    QString m_a, m_b;
};

void TestCliDiff::initTestCase() {
    m_a = m_dir.filePath(QStringLiteral("a.db"));
    m_b = m_dir.filePath(QStringLiteral("b.db"));
    QVERIFY(testsupport::execSql(
        m_a,
        QStringLiteral("CREATE TABLE t(a, b); INSERT INTO t VALUES(1, 1), (2, 2), (3, 'x');"
                       "CREATE TABLE p(k TEXT PRIMARY KEY, v); INSERT INTO p VALUES('a', 1), ('b', x'00ff');"
                       "CREATE TABLE w(k PRIMARY KEY, v) WITHOUT ROWID; INSERT INTO w VALUES(1, 2);"
                       "CREATE TABLE gone(x); CREATE INDEX t_a ON t(a);"
                       "CREATE TRIGGER p_log AFTER UPDATE ON p BEGIN UPDATE w SET v = v + 1; END;")));
    QVERIFY(QFile::copy(m_a, m_b));
    QVERIFY(testsupport::execSql(
        m_b, QStringLiteral("UPDATE t SET b = 1.0 WHERE a = 1; UPDATE t SET b = '2' WHERE a = 2; INSERT INTO "
                            "t VALUES(4, NULL);"
                            "DELETE FROM p WHERE k = 'a'; INSERT INTO p VALUES('c', 'it''s');"
                            "UPDATE w SET v = 3; DROP TABLE gone; CREATE TABLE fresh(x PRIMARY KEY); INSERT "
                            "INTO fresh VALUES(1e300);"
                            "DROP INDEX t_a; CREATE INDEX t_b ON t(b);")));
}

void TestCliDiff::identicalExitsZero() {
    const CliRun run = cli({QStringLiteral("diff"), m_a, m_a});
    QCOMPARE(run.exitCode, 0);
    QVERIFY(run.out.contains("no differences\n"));
    QVERIFY(run.err.isEmpty());
    const CliRun json = cli({QStringLiteral("diff"), m_a, m_a, QStringLiteral("--json")});
    QCOMPARE(json.exitCode, 0);
    QCOMPARE(json.json().value(QStringLiteral("identical")).toBool(), true);
}

void TestCliDiff::differencesExitOne() {
    const QByteArray ha = sha256(m_a), hb = sha256(m_b);
    const CliRun run = cli({QStringLiteral("diff"), m_a, m_b});
    QCOMPARE(run.exitCode, 1);
    QVERIFY(run.out.contains("t: 1 added, 0 removed, 2 changed, 1 unchanged (by rowid)"));
    QVERIFY(run.out.contains("p: 1 added, 1 removed, 0 changed, 1 unchanged (by primary key k)"));
    QVERIFY(run.out.contains("gone: only in A, 0 rows"));
    QVERIFY(run.out.contains("index t_b: added"));
    QVERIFY(run.out.contains("table gone: removed"));
    QCOMPARE(sha256(m_a), ha);
    QCOMPARE(sha256(m_b), hb);
}

void TestCliDiff::jsonDocument() {
    const CliRun run = cli({QStringLiteral("diff"), m_a, m_b, QStringLiteral("--json")});
    QCOMPARE(run.exitCode, 1);
    const QJsonObject doc = run.json();
    QCOMPARE(doc.value(QStringLiteral("identical")).toBool(true), false);
    QCOMPARE(doc.value(QStringLiteral("a")).toString(), m_a);
    QJsonObject t;
    for (const QJsonValue& v : doc.value(QStringLiteral("tables")).toArray())
        if (v.toObject().value(QStringLiteral("name")).toString() == QLatin1String("t"))
            t = v.toObject();
    QCOMPARE(t.value(QStringLiteral("key")).toString(), QStringLiteral("rowid"));
    QCOMPARE(t.value(QStringLiteral("changed")).toInt(), 2);
    const QJsonArray rows = t.value(QStringLiteral("rows")).toArray();
    QCOMPARE(rows.size(), 3);
    QCOMPARE(rows[0].toObject().value(QStringLiteral("change")).toString(), QStringLiteral("changed"));
    QCOMPARE(rows[0].toObject().value(QStringLiteral("changed_columns")).toArray().first().toString(),
             QStringLiteral("b"));
    QVERIFY(run.out.contains("\"after\": {\"a\": 1, \"b\": 1.0}")); // a REAL stays a REAL
    QCOMPARE(rows[2].toObject().value(QStringLiteral("change")).toString(), QStringLiteral("added"));
    QVERIFY(rows[2].toObject().value(QStringLiteral("before")).isNull());
    bool sawIndex = false;
    for (const QJsonValue& v : doc.value(QStringLiteral("schema_changes")).toArray())
        sawIndex = sawIndex ||
                   (v.toObject().value(QStringLiteral("name")).toString() == QLatin1String("t_a") &&
                    v.toObject().value(QStringLiteral("change")).toString() == QLatin1String("removed") &&
                    v.toObject().value(QStringLiteral("sql_after")).isNull());
    QVERIFY(sawIndex);
    const CliRun summary =
        cli({QStringLiteral("diff"), m_a, m_b, QStringLiteral("--json"), QStringLiteral("--summary")});
    QCOMPARE(summary.exitCode, 1);
    QVERIFY(!summary.out.contains("\"rows\""));
    QCOMPARE(summary.json().value(QStringLiteral("tables")).toArray().size(),
             doc.value(QStringLiteral("tables")).toArray().size());
}

void TestCliDiff::sqlTurnsAIntoB() {
    const CliRun run = cli({QStringLiteral("diff"), m_a, m_b, QStringLiteral("--sql")});
    QCOMPARE(run.exitCode, 1);
    QVERIFY(run.out.startsWith("PRAGMA foreign_keys=OFF;\nBEGIN TRANSACTION;\n"));
    QVERIFY(run.out.endsWith("COMMIT;\n"));
    QVERIFY(run.out.contains("DROP TRIGGER \"p_log\";")); // before p's rows change: it must not fire
    const QString copy = m_dir.filePath(QStringLiteral("applied.db"));
    QFile::remove(copy);
    QVERIFY(QFile::copy(m_a, copy));
    QVERIFY(testsupport::execSql(copy, QString::fromUtf8(run.out)));
    const CliRun after = cli({QStringLiteral("diff"), copy, m_b});
    QCOMPARE(after.exitCode, 0);
    QCOMPARE(testsupport::queryText(copy, QStringLiteral("SELECT typeof(b) FROM t WHERE a = 1")),
             QStringLiteral("real"));
    QCOMPARE(testsupport::queryText(copy, QStringLiteral("SELECT v FROM w")), QStringLiteral("3"));
    const CliRun none = cli({QStringLiteral("diff"), m_a, m_a, QStringLiteral("--sql")});
    QCOMPARE(none.exitCode, 0);
    QCOMPARE(none.out, QByteArray("PRAGMA foreign_keys=OFF;\nBEGIN TRANSACTION;\nCOMMIT;\n"));
}

// FTS5: the virtual table's rows are its shadow tables', compared and written as tables; one B adds is
// created by its CREATE VIRTUAL TABLE and its shadow tables filled with B's rows. The result searches.
void TestCliDiff::virtualTables() {
    const QString a = m_dir.filePath(QStringLiteral("fts-a.db")),
                  b = m_dir.filePath(QStringLiteral("fts-b.db")),
                  copy = m_dir.filePath(QStringLiteral("fts-applied.db"));
    QVERIFY(
        testsupport::execSql(a, QStringLiteral("CREATE VIRTUAL TABLE docs USING fts5(body);"
                                               "INSERT INTO docs VALUES('hello world'), ('second doc')")));
    QVERIFY(QFile::copy(a, b));
    QVERIFY(testsupport::execSql(
        b, QStringLiteral("INSERT INTO docs VALUES('third thing'); DELETE FROM docs WHERE rowid = 1;"
                          "CREATE VIRTUAL TABLE more USING fts5(x); INSERT INTO more VALUES('alpha beta')")));
    const CliRun run = cli({QStringLiteral("diff"), a, b});
    QCOMPARE(run.exitCode, 1);
    QVERIFY(run.out.contains("virtual more: added\n"));
    QVERIFY(run.out.contains("docs_content: 1 added, 1 removed, 0 changed, 1 unchanged (by id (rowid))"));
    const CliRun sql = cli({QStringLiteral("diff"), a, b, QStringLiteral("--sql")});
    QCOMPARE(sql.exitCode, 1);
    QVERIFY(QFile::copy(a, copy));
    QVERIFY(testsupport::execSql(copy, QString::fromUtf8(sql.out)));
    QCOMPARE(cli({QStringLiteral("diff"), copy, b}).exitCode, 0);
    QCOMPARE(testsupport::queryText(copy, QStringLiteral("SELECT body FROM docs WHERE docs MATCH 'third'")),
             QStringLiteral("third thing"));
    QCOMPARE(testsupport::queryText(copy, QStringLiteral("SELECT x FROM more WHERE more MATCH 'beta'")),
             QStringLiteral("alpha beta"));
    QCOMPARE(
        testsupport::queryText(copy, QStringLiteral("SELECT count(*) FROM docs WHERE docs MATCH 'hello'")),
        QStringLiteral("0"));
}

void TestCliDiff::tableOption() {
    const CliRun run = cli({QStringLiteral("diff"), m_a, m_b, QStringLiteral("--table"), QStringLiteral("w"),
                            QStringLiteral("--table"), QStringLiteral("P")});
    QCOMPARE(run.exitCode, 1);
    QVERIFY(run.out.contains("w: 0 added"));
    QVERIFY(run.out.contains("p: 1 added"));
    QVERIFY(!run.out.contains("t:"));
    QVERIFY(!run.out.contains("t_b")); // schema changes of other tables are left out
    const CliRun same =
        cli({QStringLiteral("diff"), m_a, m_b, QStringLiteral("--table"), QStringLiteral("nope")});
    testsupport::expectOneError(same, 4, QStringLiteral("no table named nope"));
}

void TestCliDiff::usageAndFailures() {
    testsupport::expectOneError(cli({QStringLiteral("diff"), m_a}), 2, QStringLiteral("missing argument"));
    testsupport::expectOneError(
        cli({QStringLiteral("diff"), m_a, m_b, QStringLiteral("--sql"), QStringLiteral("--json")}), 2,
        QStringLiteral("--sql"));
    testsupport::expectOneError(cli({QStringLiteral("diff"), m_a, m_b, QStringLiteral("--bogus")}), 2,
                                QStringLiteral("unknown option"));
    testsupport::expectOneError(
        cli({QStringLiteral("diff"), m_a, m_dir.filePath(QStringLiteral("missing.db"))}), 4,
        QStringLiteral("not found"));
    const CliRun json = cli({QStringLiteral("diff"), m_a, m_dir.filePath(QStringLiteral("missing.db")),
                             QStringLiteral("--json")});
    QCOMPARE(json.exitCode, 4);
    QCOMPARE(json.json().value(QStringLiteral("error")).toObject().value(QStringLiteral("kind")).toString(),
             QStringLiteral("source_missing"));
    QVERIFY(cli({QStringLiteral("diff"), QStringLiteral("--help")}).out.contains("--table"));
}

void TestCliDiff::interrupted() {
    const QString big = m_dir.filePath(QStringLiteral("big-a.db")),
                  other = m_dir.filePath(QStringLiteral("big-b.db"));
    const QString rows =
        QStringLiteral("WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 400000) ");
    QVERIFY(testsupport::execSql(big, QStringLiteral("CREATE TABLE t(k TEXT PRIMARY KEY, v); ") + rows +
                                          QStringLiteral("INSERT INTO t SELECT 'k' || i, i FROM n")));
    QVERIFY(testsupport::execSql(other, QStringLiteral("CREATE TABLE t(k TEXT PRIMARY KEY, v); ") + rows +
                                            QStringLiteral("INSERT INTO t SELECT 'k' || i, -i FROM n")));
    QProcess p;
    p.start(testsupport::cliPath(), {QStringLiteral("diff"), big, other, QStringLiteral("--sql")});
    QVERIFY(p.waitForStarted());
    // Once the SQL is flowing, SIGINT.
    QTRY_VERIFY_WITH_TIMEOUT(p.bytesAvailable() > 0 || p.state() == QProcess::NotRunning, 60000);
    ::kill(pid_t(p.processId()), SIGINT);
    QVERIFY(p.waitForFinished(60000));
    QCOMPARE(p.exitCode(), 130);
    QCOMPARE(QString::fromUtf8(p.readAllStandardError()).trimmed(), QStringLiteral("error: cancelled"));
}

// Review (#10): `diff X X` of a live WAL database took two snapshots at two moments and found the writer's
// commits between them. The same file however reached (the path twice, a symlink, a hard link, its -wal)
// is read once: identical, exit 0, and the output says why.
void TestCliDiff::theSameFileUnderALiveWriterIsIdentical() {
    const QString db = m_dir.filePath(QStringLiteral("live.db"));
    QVERIFY(
        testsupport::runDbtool({QStringLiteral("make"), db, QStringLiteral("wal"), QStringLiteral("2000")}));
    const QString symlink = m_dir.filePath(QStringLiteral("live-link.db"));
    const QString hardlink = m_dir.filePath(QStringLiteral("live-hard.db"));
    QVERIFY(QFile::link(db, symlink));
    QCOMPARE(::link(QFile::encodeName(db).constData(), QFile::encodeName(hardlink).constData()), 0);
    testsupport::Helper writer({QStringLiteral("writer"), db, QStringLiteral("wal"),
                                QStringLiteral("--pace-us"), QStringLiteral("200"),
                                QStringLiteral("--autocheckpoint"), QStringLiteral("0")});
    QVERIFY(writer.ready());
    for (const QString& b : {db, symlink, hardlink, db + QStringLiteral("-wal")}) {
        const CliRun run = cli({QStringLiteral("diff"), db, b});
        QVERIFY2(run.exitCode == 0,
                 qPrintable(b + QStringLiteral(": ") + QString::fromUtf8(run.out + run.err)));
        QVERIFY(run.out.contains("\nA and B are the same file\n"));
        QVERIFY(run.out.endsWith("no differences\n"));
        const CliRun json =
            cli({QStringLiteral("diff"), db, b, QStringLiteral("--json"), QStringLiteral("--summary")});
        QCOMPARE(json.exitCode, 0);
        QCOMPARE(json.json().value(QStringLiteral("same_file")).toBool(), true);
        QCOMPARE(json.json().value(QStringLiteral("identical")).toBool(), true);
    }
    // Two files are not one, however alike: a copy is compared as two.
    const CliRun two =
        cli({QStringLiteral("diff"), m_a, m_b, QStringLiteral("--json"), QStringLiteral("--summary")});
    QCOMPARE(two.json().value(QStringLiteral("same_file")).toBool(true), false);
    QVERIFY(!cli({QStringLiteral("diff"), m_a, m_b}).out.contains("same file"));
    QVERIFY(writer.finish().contains(QLatin1String("commits=")));
}

QTEST_GUILESS_MAIN(TestCliDiff)
#include "tst_clidiff.moc"

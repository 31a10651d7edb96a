// Find in the whole snapshot: the engine (hits across tables, BLOBs by hex, WITHOUT ROWID, views, the
// cap, cancel, progress, the snapshot unchanged) and the CLI's `find` (output, exit codes, live source).
#include "testsupport.h"

#include <sqlitesnapshot/find.h>
#include <sqlitesnapshot/reader.h>

#include <QCryptographicHash>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTest>

#include <chrono>
#include <thread>

using namespace sqlsnap;
using namespace testsupport;

namespace {
QByteArray sha256(const QString& path) {
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? QCryptographicHash::hash(f.readAll(), QCryptographicHash::Sha256)
                                       : QByteArray();
}

struct Found {
    Expected<FindSummary> summary = Error{ErrorKind::Cancelled, QString()};
    QList<FindHit> hits;
};

Found find(const QString& db, const QString& text, FindOptions options = {}, ProgressSink* sink = nullptr) {
    Found f;
    f.summary = findInSnapshot(
        db, text, options, [&](const FindHit& h) { f.hits << h; }, sink);
    return f;
}
} // namespace

class TestFind : public QObject {
    Q_OBJECT
    QTemporaryDir m_tmp;
    QString m_db;
    QString m_scratchTmp;

    CliRun run(const QStringList& args) {
        QProcess p;
        QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
        environment.insert(QStringLiteral("TMPDIR"), m_scratchTmp);
        p.setProcessEnvironment(environment);
        p.start(cliPath(), args);
        p.waitForFinished(120000);
        CliRun r;
        r.exitCode = p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1;
        r.out = p.readAllStandardOutput();
        r.err = p.readAllStandardError();
        return r;
    }

private slots:
    void initTestCase() {
        m_scratchTmp = freshFolder(m_tmp, QStringLiteral("tmp"));
        m_db = m_tmp.filePath(QStringLiteral("snap.db"));
        QVERIFY(execSql(
            m_db, QStringLiteral(
                      "CREATE TABLE places(id INTEGER PRIMARY KEY, url TEXT, title TEXT);"
                      "INSERT INTO places VALUES (1, 'https://example.org/a', 'Example'),"
                      " (2, 'https://other.net/', 'Other'), (3, NULL, 'see EXAMPLE.org too');"
                      "CREATE TABLE blobs(id INTEGER PRIMARY KEY, data BLOB);"
                      "INSERT INTO blobs VALUES (1, x'00ABCD10'), (2, CAST('example.org' AS BLOB));"
                      "CREATE TABLE kv(k TEXT PRIMARY KEY, v TEXT) WITHOUT ROWID;"
                      "INSERT INTO kv VALUES ('a', 'nothing'), ('b', 'https://example.org/kv'), ('c', 'x');"
                      "CREATE VIEW v_places AS SELECT url FROM places;"
                      "CREATE VIRTUAL TABLE docs USING fts5(body);"
                      "INSERT INTO docs VALUES ('an example.org document');"
                      "CREATE TABLE big(x TEXT);"
                      "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 200000) "
                      "INSERT INTO big SELECT 'row ' || i FROM n;")));
    }

    void hitsAcrossTables() {
        const QByteArray before = sha256(m_db);
        const Found f = find(m_db, QStringLiteral("example.org"));
        QVERIFY2(f.summary, qPrintable(f.summary ? QString() : f.summary.error().message));
        QStringList seen;
        for (const FindHit& h : f.hits)
            seen << QStringLiteral("%1:%2:%3:%4")
                        .arg(h.table, h.rowid ? QString::number(*h.rowid) : QStringLiteral("-"))
                        .arg(h.position)
                        .arg(h.columns.join(QLatin1Char('+')));
        // Case-insensitive as the filter; the BLOB holding the bytes of "example.org" is not found by them
        // (it shows as hex); the view is not searched, nor the FTS5 table's shadow tables.
        // In the order the preview lists the tables: theirs first (by name), then virtual ones. An FTS5
        // table has no rowid the preview pages by: its hit has a position.
        QCOMPARE(seen, QStringList({QStringLiteral("kv:-:1:v"), QStringLiteral("places:1:-1:url"),
                                    QStringLiteral("places:3:-1:title"), QStringLiteral("docs:-:0:body")}));
        QCOMPARE(f.hits[1].excerpt, QStringLiteral("https://example.org/a"));
        QCOMPARE(f.summary->hits, qint64(4));
        QStringList tables;
        for (const FindTableResult& t : f.summary->tables)
            tables << t.table;
        QVERIFY(!tables.contains(QStringLiteral("v_places")));
        QVERIFY(!tables.contains(QStringLiteral("docs_content")));
        QVERIFY(tables.contains(QStringLiteral("docs")));
        QCOMPARE(sha256(m_db), before);
    }

    void blobByHexDigits() {
        const Found f = find(m_db, QStringLiteral("ab cd"));
        QVERIFY(f.summary);
        QCOMPARE(f.hits.size(), 1);
        QCOMPARE(f.hits[0].table, QStringLiteral("blobs"));
        QCOMPARE(f.hits[0].rowid, std::optional<qint64>(1));
        QCOMPARE(f.hits[0].excerpt, QStringLiteral("00ABCD10"));
    }

    void viewsWhenAsked() {
        FindOptions options;
        options.includeViews = true;
        const Found f = find(m_db, QStringLiteral("other.net"), options);
        QVERIFY(f.summary);
        QCOMPARE(f.hits.size(), 2);
        QCOMPARE(f.hits[1].table, QStringLiteral("v_places"));
        QCOMPARE(f.hits[1].position, qint64(1));
        QVERIFY(!f.hits[1].rowid);
    }

    void capPerTable() {
        FindOptions options;
        options.limitPerTable = 10;
        const Found f = find(m_db, QStringLiteral("row 1"), options);
        QVERIFY(f.summary);
        QCOMPARE(f.hits.size(), 10);
        for (const FindTableResult& t : f.summary->tables) {
            QCOMPARE(t.hits, t.table == QStringLiteral("big") ? qint64(10) : qint64(0));
            QCOMPARE(t.more, t.table == QStringLiteral("big"));
        }
    }

    void progressNamesEachTable() {
        QList<FindProgress> seen;
        FindOptions options;
        options.progress = [&](const FindProgress& p) { seen << p; };
        QVERIFY(find(m_db, QStringLiteral("zzz-nowhere"), options).summary);
        QCOMPARE(seen.size(), 6); // places, blobs, kv, docs, big, then the end
        QCOMPARE(seen[0].table, QStringLiteral("big"));
        QVERIFY(!seen[0].finished);
        QCOMPARE(seen[2].finished->table, seen[1].table);
        QCOMPARE(seen[2].tablesDone, 2);
        QCOMPARE(seen[2].tablesTotal, 5);
        QCOMPARE(seen.last().tablesDone, 5);
    }

    void cancelMidSearch() {
        // Between hits: every row of `big` matches; the cancel after the 100th stops the scan there.
        CancelFlag flag;
        FindOptions options;
        options.limitPerTable = 1000000;
        int hits = 0;
        const auto found = findInSnapshot(
            m_db, QStringLiteral("row"), options,
            [&](const FindHit&) {
                if (++hits == 100)
                    flag.cancel();
            },
            &flag);
        QVERIFY(!found);
        QCOMPARE(found.error().kind, ErrorKind::Cancelled);
        QCOMPARE(hits, 100);
    }

    void cancelInsideOneScan() {
        // A text matched nowhere: the scan of 200,000 rows is inside SQLite; the token interrupts it.
        CancelFlag flag;
        FindOptions options;
        QElapsedTimer sinceCancel;
        std::thread canceller;
        options.progress = [&](const FindProgress& p) {
            if (p.table == QStringLiteral("big"))
                canceller = std::thread([&] {
                    std::this_thread::sleep_for(std::chrono::milliseconds(2));
                    sinceCancel.start();
                    flag.cancel();
                });
        };
        const Found f = find(m_db, QStringLiteral("zzz-nowhere"), options, &flag);
        canceller.join();
        QVERIFY(!f.summary);
        QCOMPARE(f.summary.error().kind, ErrorKind::Cancelled);
        QVERIFY(sinceCancel.elapsed() < 100);
    }

    // What the preview needs to show a hit of a rowid table: its position, one range count.
    void positionOfRowid() {
        auto reader = SnapshotReader::open(m_db);
        QVERIFY(reader);
        auto schema = (*reader)->schema(QStringLiteral("big"));
        QVERIFY(schema);
        QCOMPARE((*reader)->positionOfRowid(*schema, {}, 150000).value(), qint64(149999));
        QCOMPARE((*reader)->positionOfRowid(*schema, RowFilter{QStringLiteral("row 15")}, 150000).value(),
                 qint64(1 + 10 + 100 + 1000)); // row 15, 150..159, 1500..1599, 15000..15999
        auto kv = (*reader)->schema(QStringLiteral("kv"));
        QVERIFY(kv);
        QCOMPARE((*reader)->positionOfRowid(*kv, {}, 1).error().kind, ErrorKind::InvalidArgument);
    }

    void refusals() { QCOMPARE(find(m_db, QString()).summary.error().kind, ErrorKind::InvalidArgument); }

    // The CLI: grouped text, NDJSON, exit codes like grep.
    void cliHuman() {
        const CliRun r = run({QStringLiteral("find"), m_db, QStringLiteral("example.org")});
        QCOMPARE(r.exitCode, 0);
        QVERIFY2(r.out.contains("places: 2 rows\n  rowid 1  url: https://example.org/a\n"
                                "  rowid 3  title: see EXAMPLE.org too\n"),
                 r.out.constData());
        QVERIFY(r.out.startsWith("kv: 1 row\n  row 2  v: https://example.org/kv\n"));
        QVERIFY(r.err.isEmpty());
    }

    void cliJsonAndLimit() {
        const CliRun r = run({QStringLiteral("find"), m_db, QStringLiteral("row 1"), QStringLiteral("--json"),
                              QStringLiteral("--limit-per-table"), QStringLiteral("3")});
        QCOMPARE(r.exitCode, 0);
        const QList<QByteArray> lines = r.out.trimmed().split('\n');
        QCOMPARE(lines.size(), 4);
        const QJsonObject hit = QJsonDocument::fromJson(lines[0]).object();
        QCOMPARE(hit.value(QStringLiteral("type")).toString(), QStringLiteral("hit"));
        QCOMPARE(hit.value(QStringLiteral("table")).toString(), QStringLiteral("big"));
        QCOMPARE(hit.value(QStringLiteral("rowid")).toInteger(), qint64(1));
        QVERIFY(hit.value(QStringLiteral("position")).isNull());
        QCOMPARE(hit.value(QStringLiteral("columns")).toArray().first().toString(), QStringLiteral("x"));
        const QJsonObject summary = QJsonDocument::fromJson(lines[3]).object();
        QCOMPARE(summary.value(QStringLiteral("type")).toString(), QStringLiteral("summary"));
        QCOMPARE(summary.value(QStringLiteral("hits")).toInteger(), qint64(3));
        bool more = false;
        for (const QJsonValue& t : summary.value(QStringLiteral("tables")).toArray())
            if (t[QStringLiteral("name")].toString() == QStringLiteral("big"))
                more = t[QStringLiteral("more")].toBool();
        QVERIFY(more);
    }

    void cliExitCodes() {
        QCOMPARE(run({QStringLiteral("find"), m_db, QStringLiteral("zzz-nowhere")}).exitCode, 1);
        QCOMPARE(run({QStringLiteral("find"), m_db}).exitCode, 2);
        QCOMPARE(run({QStringLiteral("find"), m_db, QStringLiteral("x"), QStringLiteral("--limit-per-table"),
                      QStringLiteral("0")})
                     .exitCode,
                 2);
        const CliRun missing =
            run({QStringLiteral("find"), m_tmp.filePath(QStringLiteral("no.db")), QStringLiteral("x")});
        QCOMPARE(missing.exitCode, 4);
        QVERIFY(missing.err.startsWith("error: "));
    }

    // A live WAL database is read from a private copy: the commit only in its -wal is found, its files
    // do not change by a byte, and the copy is gone when the command ends.
    void cliLiveSourceThroughStagedCopy() {
        const QString dir = freshFolder(m_tmp, QStringLiteral("live"));
        const QString db = dir + QStringLiteral("/bank.db");
        QVERIFY(runDbtool({QStringLiteral("make"), db, QStringLiteral("wal"), QStringLiteral("40")}));
        Helper holder({QStringLiteral("hold"), db, QStringLiteral("wal"), QStringLiteral("--normal-locking"),
                       QStringLiteral("--no-checkpoint")});
        QVERIFY(holder.ready());
        const auto before = folderBytes(dir);
        QVERIFY(before.contains(QStringLiteral("bank.db-wal")));
        const CliRun r = run({QStringLiteral("find"), db, QStringLiteral("1007"), QStringLiteral("--json")});
        QCOMPARE(r.exitCode, 0);
        QVERIFY2(r.out.contains("\"table\":\"accounts\""), r.out.constData());
        QCOMPARE(folderBytes(dir), before);
        QVERIFY(folderEntries(m_scratchTmp).isEmpty());
        holder.finish();
    }
};

QTEST_GUILESS_MAIN(TestFind)
#include "tst_find.moc"

// The query console's engine (QueryCursor): what reads, what is refused and by which layer, error
// positions, paging forward, backward and past the end, counts, cancellation, and live databases read
// without ever being written. The snapshot's bytes and its folder are checked unchanged at the end.
#include "testsupport.h"

#include "read/querygate.h"

#include <sqlitesnapshot/query.h>
#include <sqlitesnapshot/snapshot.h>

#include <QCryptographicHash>
#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>
#include <QTest>

#include <atomic>
#include <random>
#include <thread>
#include <unistd.h>

using namespace sqlsnap;
using namespace testsupport;

namespace {

QByteArray sha256(const QString& path) {
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly))
        return {};
    return QCryptographicHash::hash(f.readAll(), QCryptographicHash::Sha256).toHex();
}

// Cancels `token` `ms` milliseconds after start() from another thread.
class LateCancel {
public:
    LateCancel(const CancelToken& token, int ms)
        : m_thread([token, ms] {
              std::this_thread::sleep_for(std::chrono::milliseconds(ms));
              token.cancel();
          }) {}
    ~LateCancel() { m_thread.join(); }

private:
    std::thread m_thread;
};

const QString kRefusedSuffix =
    QStringLiteral(" is refused: the console only reads; snapshots are never written");

} // namespace

class TestQuery : public QObject {
    Q_OBJECT
    QTemporaryDir m_tmp;
    QString m_folder; // holds only the snapshot: nothing may appear beside it
    QString m_db;
    QByteArray m_sha;
    QString m_big; // 2,000,000 rows, for cancels and the first page
    QString m_vacuumTarget = QDir::tempPath() + QStringLiteral("/sqlsnap-query-vacuum-%1.db").arg(::getpid());

    std::unique_ptr<QueryCursor> open(const QString& sql, const QString& db = {}) {
        auto cursor = QueryCursor::open(db.isEmpty() ? m_db : db, sql);
        if (!cursor)
            qWarning("%s: %s", qPrintable(sql), qPrintable(cursor.error().message));
        return cursor ? std::move(*cursor) : nullptr;
    }
    void expectUntouched() {
        QCOMPARE(sha256(m_db), m_sha);
        QCOMPARE(folderEntries(m_folder), QStringList{QStringLiteral("snap.db")});
        QVERIFY2(!QFileInfo::exists(m_vacuumTarget), "VACUUM INTO made its file");
    }

private slots:
    void initTestCase() {
        m_folder = freshFolder(m_tmp, QStringLiteral("snapshot"));
        m_db = m_folder + QStringLiteral("/snap.db");
        QVERIFY(execSql(
            m_db,
            QStringLiteral(
                "PRAGMA user_version = 7;"
                "CREATE TABLE items(id INTEGER PRIMARY KEY, name TEXT, value REAL, note TEXT, data BLOB);"
                "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 1000) "
                "INSERT INTO items SELECT i, 'item ' || i, i * 0.5, CASE WHEN i % 2 = 0 THEN NULL ELSE '' "
                "END, "
                "  CASE WHEN i = 3 THEN x'00FF10' END FROM n;"
                "UPDATE items SET value = 3.0 WHERE id = 1;"
                "CREATE INDEX items_name ON items(name);"
                "CREATE VIEW odd AS SELECT id, name FROM items WHERE id % 2 = 1;"
                "CREATE VIRTUAL TABLE boxes USING rtree(id, x0, x1);"
                "INSERT INTO boxes VALUES (1, 0, 5), (2, 10, 20);"
                "CREATE VIRTUAL TABLE docs USING fts5(body);"
                "INSERT INTO docs VALUES ('hello world'), ('goodbye');")));
        m_sha = sha256(m_db);
        QVERIFY(!m_sha.isEmpty());
        m_big = m_tmp.filePath(QStringLiteral("big.db"));
        QVERIFY(
            execSql(m_big, QStringLiteral("CREATE TABLE big(id INTEGER PRIMARY KEY, name TEXT, value REAL);"
                                          "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n "
                                          "WHERE i < 2000000) INSERT INTO big SELECT i, 'row ' || i, i * 0.5 "
                                          "FROM n;")));
    }

    void cleanup() { querygate::setDisabledLayersForTesting(0); }

    // The whole test leaves the snapshot's bytes and its folder as they were.
    void cleanupTestCase() {
        expectUntouched();
        QFile::remove(m_vacuumTarget);
    }

    void reads_data() {
        QTest::addColumn<QString>("sql");
        QTest::addColumn<int>("columns");
        QTest::addColumn<QString>("firstValue"); // the first row's first value as text
        QTest::newRow("SELECT") << QStringLiteral("SELECT name FROM items WHERE id = 2") << 1
                                << QStringLiteral("item 2");
        QTest::newRow("WITH RECURSIVE")
            << QStringLiteral("WITH RECURSIVE c(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM c WHERE i < 5) "
                              "SELECT sum(i) FROM c")
            << 1 << QStringLiteral("15");
        QTest::newRow("VALUES") << QStringLiteral("VALUES (1, 'a'), (2, 'b')") << 2 << QStringLiteral("1");
        QTest::newRow("EXPLAIN QUERY PLAN")
            << QStringLiteral("EXPLAIN QUERY PLAN SELECT * FROM items WHERE name = 'x'") << 4 << QString();
        QTest::newRow("EXPLAIN") << QStringLiteral("EXPLAIN SELECT 1") << 8 << QStringLiteral("0");
        QTest::newRow("PRAGMA table_info")
            << QStringLiteral("PRAGMA table_info(items)") << 6 << QStringLiteral("0");
        QTest::newRow("PRAGMA page_count") << QStringLiteral("PRAGMA page_count") << 1 << QString();
        QTest::newRow("PRAGMA user_version")
            << QStringLiteral("pragma USER_VERSION;") << 1 << QStringLiteral("7");
        QTest::newRow("PRAGMA index_list")
            << QStringLiteral("PRAGMA index_list('items')") << 5 << QStringLiteral("0");
        QTest::newRow("PRAGMA integrity_check")
            << QStringLiteral("PRAGMA integrity_check") << 1 << QStringLiteral("ok");
        QTest::newRow("pragma function")
            << QStringLiteral("SELECT name FROM pragma_table_info('items')") << 1 << QStringLiteral("id");
        QTest::newRow("view") << QStringLiteral("SELECT count(*) FROM odd") << 1 << QStringLiteral("500");
        QTest::newRow("R-Tree") << QStringLiteral("SELECT id FROM boxes WHERE x0 >= 10") << 1
                                << QStringLiteral("2");
        QTest::newRow("FTS5") << QStringLiteral("SELECT body FROM docs WHERE docs MATCH 'hello'") << 1
                              << QStringLiteral("hello world");
        QTest::newRow("json_each") << QStringLiteral("SELECT value FROM json_each('[4, 5]')") << 1
                                   << QStringLiteral("4");
        QTest::newRow("schema") << QStringLiteral("SELECT count(*) FROM sqlite_schema WHERE type = 'index'")
                                << 1 << QStringLiteral("1");
    }
    void reads() {
        QFETCH(QString, sql);
        QFETCH(int, columns);
        QFETCH(QString, firstValue);
        auto cursor = open(sql);
        QVERIFY(cursor);
        QCOMPARE(cursor->columns().size(), columns);
        auto page = cursor->rows(0, 100);
        QVERIFY2(page, page ? "" : qPrintable(page.error().message));
        QVERIFY(!page->rows.isEmpty());
        if (!firstValue.isEmpty())
            QCOMPARE(page->rows.first().first().toString(), firstValue);
        expectUntouched();
    }

    void exactValuesAndColumns() {
        auto cursor = open(QStringLiteral("  SELECT id, name, value, note, data, id * 2 AS twice FROM items "
                                          "WHERE id <= 3 ORDER BY id; -- done\n"));
        QVERIFY(cursor);
        QCOMPARE(cursor->sql(),
                 QStringLiteral("SELECT id, name, value, note, data, id * 2 AS twice FROM items "
                                "WHERE id <= 3 ORDER BY id"));
        const QList<QueryColumn>& columns = cursor->columns();
        QCOMPARE(columns.size(), 6);
        QCOMPARE(columns[0].name, QStringLiteral("id"));
        QCOMPARE(columns[0].declaredType, QStringLiteral("INTEGER"));
        QCOMPARE(columns[2].declaredType, QStringLiteral("REAL"));
        QCOMPARE(columns[5].name, QStringLiteral("twice"));
        QCOMPARE(columns[5].declaredType, QString()); // an expression has no declared type
        auto page = cursor->rows(0, 10);
        QVERIFY(page);
        QCOMPARE(page->rows.size(), 3);
        QVERIFY(page->atEnd);
        QVERIFY(page->keys.isEmpty());
        const QVariantList& first = page->rows[0];
        QCOMPARE(first[0].typeId(), int(QMetaType::LongLong));
        QCOMPARE(first[2].typeId(), int(QMetaType::Double)); // 3.0 stays a REAL
        QCOMPARE(first[2].toDouble(), 3.0);
        QVERIFY(first[3].isValid() && first[3].toString().isEmpty()); // '' is not NULL
        QVERIFY(!page->rows[1][3].isValid());                         // NULL
        QCOMPARE(page->rows[2][4].typeId(), int(QMetaType::QByteArray));
        QCOMPARE(page->rows[2][4].toByteArray(), QByteArray::fromHex("00FF10"));
    }

    // Every statement that would write or change the connection is refused with one clear line, and
    // nothing changes on disk.
    void refusals_data() {
        QTest::addColumn<QString>("sql");
        QTest::addColumn<QString>("what");
        const QString vacuumInto = QStringLiteral("VACUUM INTO '%1'").arg(m_vacuumTarget);
        const QList<std::pair<const char*, const char*>> cases{
            {"INSERT INTO items(name) VALUES ('x')", "INSERT"},
            {"REPLACE INTO items(id) VALUES (1)", "REPLACE"},
            {"UPDATE items SET name = 'x'", "UPDATE"},
            {"DELETE FROM items", "DELETE"},
            {"DROP TABLE items", "DROP TABLE"},
            {"CREATE TABLE t(x)", "CREATE TABLE"},
            {"CREATE TEMP TABLE t(x)", "CREATE TEMP TABLE"},
            {"create temporary view v as select 1", "CREATE TEMP VIEW"},
            {"CREATE INDEX i ON items(note)", "CREATE INDEX"},
            {"ALTER TABLE items ADD COLUMN y", "ALTER TABLE"},
            {"ATTACH DATABASE ':memory:' AS other", "ATTACH"},
            {"DETACH other", "DETACH"},
            {"VACUUM", "VACUUM"},
            {"BEGIN", "BEGIN"},
            {"COMMIT", "COMMIT"},
            {"SAVEPOINT a", "SAVEPOINT"},
            {"ANALYZE", "ANALYZE"},
            {"REINDEX", "REINDEX"},
            {"EXPLAIN DELETE FROM items", "EXPLAIN DELETE"},
            {"WITH x AS (SELECT 1) DELETE FROM items", "DELETE"},
            {"PRAGMA user_version=1", "PRAGMA user_version = 1"},
            {"PRAGMA journal_mode=WAL", "PRAGMA journal_mode = WAL"},
            {"PRAGMA journal_mode", "PRAGMA journal_mode"}, // SQLite compiles even this as a possible write
            {"PRAGMA query_only=0", "PRAGMA query_only = 0"},
            {"PRAGMA writable_schema=ON", "PRAGMA writable_schema = ON"},
            {"PRAGMA temp_store_directory='/tmp'", "PRAGMA temp_store_directory = /tmp"},
            {"PRAGMA optimize", "PRAGMA optimize"},
            {"PRAGMA wal_checkpoint", "PRAGMA wal_checkpoint"},
            {"SELECT load_extension('x')", "load_extension()"},
            {"SELECT fts3_tokenizer('simple')", "fts3_tokenizer()"},
        };
        for (const auto& [sql, what] : cases)
            QTest::newRow(sql) << QString::fromLatin1(sql) << QString::fromLatin1(what);
        QTest::newRow("VACUUM INTO") << vacuumInto << QStringLiteral("VACUUM INTO");
    }
    void refusals() {
        QFETCH(QString, sql);
        QFETCH(QString, what);
        auto cursor = QueryCursor::open(m_db, sql);
        QVERIFY(!cursor);
        QCOMPARE(cursor.error().kind, ErrorKind::PermissionDenied);
        QCOMPARE(cursor.error().message, what + kRefusedSuffix);
        expectUntouched();
    }

    // Each layer refuses on its own what it is there for, the others turned off (the read-only
    // connection, the last line, always stays).
    void eachLayerRefusesAlone_data() {
        QTest::addColumn<unsigned>("layer"); // the one left on; 0: none but the read-only connection
        QTest::addColumn<QString>("sql");
        const QStringList writes{QStringLiteral("INSERT INTO items(name) VALUES ('x')"),
                                 QStringLiteral("UPDATE items SET name = 'x'"),
                                 QStringLiteral("DELETE FROM items"), QStringLiteral("DROP TABLE items"),
                                 QStringLiteral("CREATE TABLE t(x)")};
        const QString temp = QStringLiteral("CREATE TEMP TABLE t(x)");
        const QString attach = QStringLiteral("ATTACH DATABASE '%1' AS other").arg(m_big);
        const QString vacuumInto = QStringLiteral("VACUUM INTO '%1'").arg(m_vacuumTarget);
        const QString withDelete = QStringLiteral("WITH x AS (SELECT 1) DELETE FROM items");
        const QString loadExtension = QStringLiteral("SELECT load_extension('x')");
        const QStringList pragmas{QStringLiteral("PRAGMA user_version=1"),
                                  QStringLiteral("PRAGMA journal_mode=WAL")};
        const QList<std::pair<unsigned, QStringList>> claims{
            {querygate::KeywordLayer,
             writes + QStringList{temp, attach, QStringLiteral("DETACH main"), QStringLiteral("VACUUM"),
                                  vacuumInto, QStringLiteral("BEGIN")}},
            {querygate::AuthorizerLayer,
             writes + pragmas +
                 QStringList{temp, attach, QStringLiteral("DETACH main"), QStringLiteral("BEGIN"), withDelete,
                             QStringLiteral("PRAGMA query_only=0"), loadExtension}},
            {querygate::ReadOnlyStatementLayer,
             writes + pragmas + QStringList{temp, QStringLiteral("VACUUM"), vacuumInto, withDelete}},
            {querygate::ConnectionLimitsLayer, {attach, QStringLiteral("VACUUM"), vacuumInto, loadExtension}},
            {0u, writes + QStringList{withDelete, QStringLiteral("PRAGMA user_version=1")}},
        };
        for (const auto& [layer, statements] : claims)
            for (const QString& sql : statements)
                QTest::addRow("layer %u: %s", layer, qPrintable(sql)) << layer << sql;
    }
    void eachLayerRefusesAlone() {
        QFETCH(unsigned, layer);
        QFETCH(QString, sql);
        const unsigned all = querygate::KeywordLayer | querygate::AuthorizerLayer |
                             querygate::ReadOnlyStatementLayer | querygate::ConnectionLimitsLayer;
        querygate::setDisabledLayersForTesting(all & ~layer);
        auto cursor = QueryCursor::open(m_db, sql);
        if (cursor) {
            auto page = (*cursor)->rows(0, 10);
            QVERIFY2(!page, "the statement ran");
        }
        cursor = Error{ErrorKind::Cancelled, QString()}; // closed before the files are compared
        expectUntouched();
    }

    void errorPositions_data() {
        QTest::addColumn<QString>("sql");
        QTest::addColumn<int>("offset");
        QTest::addColumn<QString>("says");
        QTest::newRow("no such table")
            << QStringLiteral("SELECT * FROM nosuch") << 14 << QStringLiteral("no such table: nosuch");
        QTest::newRow("after a comment and non-ASCII")
            << QStringLiteral("/* é */ SELECT '€😀', * FROM main.nosuch") << 34
            << QStringLiteral("no such table");
        QTest::newRow("syntax error")
            << QStringLiteral("SELECT * FRM items") << 9 << QStringLiteral("syntax error");
        QTest::newRow("no such column") << QStringLiteral("SELECT id, nosuchcol FROM items") << 11
                                        << QStringLiteral("no such column: nosuchcol");
        QTest::newRow("no such function")
            << QStringLiteral("SELECT nosuchfn(1)") << 7 << QStringLiteral("no such function: nosuchfn");
        QTest::newRow("refused keyword") << QStringLiteral("\n  -- write\n  INSERT INTO items VALUES (1)")
                                         << 14 << QStringLiteral("INSERT is refused");
        QTest::newRow("refused by the authorizer") << QStringLiteral("WITH x AS (SELECT 1) DELETE FROM items")
                                                   << 21 << QStringLiteral("DELETE is refused");
        QTest::newRow("refused function") << QStringLiteral("SELECT 1, load_extension('x')") << 10
                                          << QStringLiteral("load_extension() is refused");
        QTest::newRow("second statement")
            << QStringLiteral("SELECT 1; SELECT 2") << 10 << QStringLiteral("only one statement");
    }
    void errorPositions() {
        QFETCH(QString, sql);
        QFETCH(int, offset);
        QFETCH(QString, says);
        int where = -2;
        auto cursor = QueryCursor::open(m_db, sql, {}, &where);
        QVERIFY(!cursor);
        QVERIFY2(cursor.error().message.contains(says), qPrintable(cursor.error().message));
        QVERIFY(!cursor.error().message.contains(QLatin1Char('\n')));
        QCOMPARE(where, offset);
    }

    void oneStatementExactly_data() {
        QTest::addColumn<QString>("sql");
        QTest::addColumn<bool>("runs");
        QTest::newRow("empty") << QString() << false;
        QTest::newRow("blanks") << QStringLiteral(" \n\t ") << false;
        QTest::newRow("semicolons") << QStringLiteral(" ;; ;") << false;
        QTest::newRow("comments") << QStringLiteral("-- nothing\n/* at all */") << false;
        QTest::newRow("two") << QStringLiteral("SELECT 1; SELECT 2") << false;
        QTest::newRow("one and garbage") << QStringLiteral("SELECT 1; garbage") << false;
        QTest::newRow("a write hidden second") << QStringLiteral("SELECT 1; DELETE FROM items") << false;
        QTest::newRow("trailing ;") << QStringLiteral("SELECT 1;") << true;
        QTest::newRow("trailing everything") << QStringLiteral(";; SELECT 1 ; ; -- c\n /* d */ ;") << true;
        QTest::newRow("ends in a comment") << QStringLiteral("SELECT 1 -- c") << true;
    }
    void oneStatementExactly() {
        QFETCH(QString, sql);
        QFETCH(bool, runs);
        auto cursor = QueryCursor::open(m_db, sql);
        QCOMPARE(cursor.ok(), runs);
        if (!runs) {
            QCOMPARE(cursor.error().kind, ErrorKind::InvalidArgument);
            return;
        }
        QCOMPARE(*(*cursor)->countRows(), qint64(1)); // the wrapped form works, a -- comment included
        QCOMPARE((*cursor)->rows(0, 5)->rows.size(), 1);
    }

    void pagesForwardBackwardAndPastTheEnd() {
        auto cursor = open(QStringLiteral("SELECT id FROM items ORDER BY id"));
        QVERIFY(cursor);
        const auto ids = [](const RowPage& page) {
            QList<qint64> list;
            for (const QVariantList& row : page.rows)
                list << row.first().toLongLong();
            return list;
        };
        const auto range = [](qint64 from, qint64 to) {
            QList<qint64> list;
            for (qint64 i = from; i <= to; ++i)
                list << i;
            return list;
        };
        auto page = cursor->rows(0, 100);
        QCOMPARE(ids(*page), range(1, 100));
        QVERIFY(!page->atEnd);
        QCOMPARE(cursor->position(), qint64(100));
        QCOMPARE(ids(*cursor->rows(100, 100)), range(101, 200));
        QCOMPARE(ids(*cursor->rows(300, 5)), range(301, 305)); // forward, over 100 rows
        QCOMPARE(cursor->knownRowCount(), std::nullopt);
        QCOMPARE(ids(*cursor->rows(50, 10)), range(51, 60)); // backward: the statement runs again
        QCOMPARE(cursor->position(), qint64(60));
        page = cursor->rows(990, 100);
        QCOMPARE(ids(*page), range(991, 1000));
        QVERIFY(page->atEnd);
        QCOMPARE(cursor->knownRowCount(), std::optional<qint64>(1000));
        page = cursor->rows(5000, 10); // past the end: at once, without running anything
        QVERIFY(page && page->rows.isEmpty() && page->atEnd);
        QCOMPARE(cursor->position(), qint64(1000));
        QCOMPARE(ids(*cursor->rows(0, 2)), range(1, 2));
        QCOMPARE(cursor->rows(-1, 5).error().kind, ErrorKind::InvalidArgument);
        QCOMPARE(cursor->rows(0, 0).error().kind, ErrorKind::InvalidArgument);

        // The count runs beside the cursor, which keeps its place.
        auto fresh = open(QStringLiteral("SELECT id FROM items WHERE id > 10"));
        QVERIFY(fresh->canCountRows());
        QCOMPARE(ids(*fresh->rows(0, 3)), range(11, 13));
        QCOMPARE(*fresh->countRows(), qint64(990));
        QCOMPARE(fresh->knownRowCount(), std::nullopt);
        QCOMPARE(ids(*fresh->rows(3, 2)), range(14, 15));
        QCOMPARE(fresh->position(), qint64(5));
        for (const char* sql : {"PRAGMA table_info(items)", "EXPLAIN QUERY PLAN SELECT 1"}) {
            auto other = open(QString::fromLatin1(sql));
            QVERIFY(!other->canCountRows());
            QCOMPARE(other->countRows().error().kind, ErrorKind::InvalidArgument);
        }
        auto empty = open(QStringLiteral("SELECT * FROM items WHERE 0"));
        page = empty->rows(0, 10);
        QVERIFY(page->rows.isEmpty() && page->atEnd);
        QCOMPARE(empty->knownRowCount(), std::optional<qint64>(0));
    }

    void firstPageOfABigTableIsImmediate() {
        QElapsedTimer clock;
        clock.start();
        auto cursor = open(QStringLiteral("SELECT * FROM big"), m_big);
        QVERIFY(cursor);
        auto page = cursor->rows(0, 200);
        const qint64 ms = clock.elapsed();
        QVERIFY(page);
        QCOMPARE(page->rows.size(), 200);
        qInfo("open + first 200 of 2,000,000 rows: %lld ms", ms);
        QVERIFY2(ms < 1000, "the first page must not wait for the whole table"); // the bench measures it
    }

    // A long single step (a count over a recursive CTE of 1e9 rows, integrity_check, a big sort), a
    // long skip and a long count all stop at a cancel; the token stays cancelled; a new one works.
    void cancelStopsLongCalls_data() {
        QTest::addColumn<QString>("sql");
        QTest::addColumn<qint64>("first");
        QTest::addColumn<bool>("count");
        const QString billion =
            QStringLiteral("WITH RECURSIVE c(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM c "
                           "WHERE i < 1000000000) ");
        QTest::newRow("count of a CTE")
            << billion + QStringLiteral("SELECT count(*) FROM c") << qint64(0) << false;
        QTest::newRow("skip to a far row")
            << billion + QStringLiteral("SELECT i FROM c") << qint64(900000000) << false;
        QTest::newRow("countRows") << billion + QStringLiteral("SELECT i FROM c") << qint64(0) << true;
        QTest::newRow("integrity_check") << QStringLiteral("PRAGMA integrity_check") << qint64(0) << false;
        QTest::newRow("sort") << QStringLiteral("SELECT * FROM big ORDER BY name DESC") << qint64(0) << false;
    }
    void cancelStopsLongCalls() {
        QFETCH(QString, sql);
        QFETCH(qint64, first);
        QFETCH(bool, count);
        auto cursor = open(sql, m_big);
        QVERIFY(cursor);
        CancelToken token;
        QElapsedTimer clock;
        Error error{ErrorKind::IoError, QStringLiteral("did not stop")};
        qint64 latencyMs = 0;
        {
            const LateCancel cancel(token, 100);
            clock.start();
            if (count) {
                auto r = cursor->countRows(token);
                if (!r)
                    error = r.error();
            } else {
                auto r = cursor->rows(first, 10, token);
                if (!r)
                    error = r.error();
            }
            latencyMs = clock.elapsed() - 100;
        }
        QCOMPARE(error.kind, ErrorKind::Cancelled);
        qInfo("stopped %lld ms after the cancel", latencyMs);
        QVERIFY2(latencyMs < 500, qPrintable(QString::number(latencyMs)));
        QCOMPARE(cursor->rows(0, 1, token).error().kind, ErrorKind::Cancelled);
        QCOMPARE(cursor->countRows(token).error().kind, ErrorKind::Cancelled);
        if (!sql.contains(QLatin1String("count(*)")) && !sql.contains(QLatin1String("ORDER BY")))
            QVERIFY(cursor->rows(0, 3, CancelToken())); // a new request's token runs on the same cursor
    }

    // Cancels that land at any moment, before, during or just after a call, never break the cursor:
    // the next call with a new token gives the right rows.
    void cancelsAtAnyMomentLeaveTheCursorUsable() {
        auto cursor = open(QStringLiteral("SELECT id FROM big"), m_big);
        QVERIFY(cursor);
        std::mt19937 random(42);
        int cancelled = 0;
        for (int round = 0; round < 200; ++round) {
            CancelToken token;
            const qint64 first = qint64(random() % 300000);
            {
                std::thread canceller([token, delay = int(random() % 3000)] {
                    std::this_thread::sleep_for(std::chrono::microseconds(delay));
                    token.cancel();
                });
                auto page = cursor->rows(first, 50, token);
                canceller.join();
                if (!page) {
                    QCOMPARE(page.error().kind, ErrorKind::Cancelled);
                    ++cancelled;
                }
            }
            auto page = cursor->rows(first, 2, CancelToken());
            QVERIFY2(page, qPrintable(page ? QString() : page.error().message));
            QCOMPARE(page->rows.first().first().toLongLong(), first + 1);
        }
        qInfo("%d of 200 calls were cancelled", cancelled);
    }

    void snapshotOpenRefusesALiveDatabase() {
        const QString wal = m_tmp.filePath(QStringLiteral("wal.db"));
        QVERIFY(execSql(wal, QStringLiteral("PRAGMA journal_mode=WAL; CREATE TABLE t(x)")));
        QCOMPARE(QueryCursor::open(wal, QStringLiteral("SELECT 1")).error().kind, ErrorKind::InvalidArgument);
        QCOMPARE(QueryCursor::open(m_tmp.filePath(QStringLiteral("absent.db")), QStringLiteral("SELECT 1"))
                     .error()
                     .kind,
                 ErrorKind::SourceMissing);
    }

    // openDatabase: a live WAL database is read from a private copy (its files never change, its -wal's
    // rows are there), and the copy goes with the cursor.
    void liveDatabaseIsReadFromAStagedCopy() {
        const QString dir = freshFolder(m_tmp, QStringLiteral("live"));
        const QString db = dir + QStringLiteral("/live.db");
        QVERIFY(runDbtool({QStringLiteral("make"), db, QStringLiteral("wal"), QStringLiteral("50")}));
        Helper holder({QStringLiteral("hold"), db, QStringLiteral("wal"), QStringLiteral("--normal-locking"),
                       QStringLiteral("--no-checkpoint")});
        QVERIFY(holder.ready());
        const auto before = folderBytes(dir);
        QVERIFY(before.contains(QStringLiteral("live.db-wal")));
        const QStringList tmpBefore =
            folderEntries(QDir::tempPath()).filter(QStringLiteral(".sqlite-snapshot-"));
        {
            auto cursor = QueryCursor::openDatabase(db, QStringLiteral("SELECT sum(balance) FROM accounts"));
            QVERIFY2(cursor, cursor ? "" : qPrintable(cursor.error().message));
            QCOMPARE((*cursor)->rows(0, 1)->rows.first().first().toLongLong(), qint64(100000));
            QCOMPARE(*(*cursor)->countRows(), qint64(1));
            auto refused = QueryCursor::openDatabase(db, QStringLiteral("DELETE FROM accounts"));
            QCOMPARE(refused.error().kind, ErrorKind::PermissionDenied);
            QVERIFY(!refused.error().message.contains(QStringLiteral(".sqlite-snapshot-")));
        }
        QCOMPARE(folderBytes(dir), before);
        waitForBackgroundRemovals();
        QCOMPARE(folderEntries(QDir::tempPath()).filter(QStringLiteral(".sqlite-snapshot-")), tmpBefore);
        holder.finish();
    }

    // A quiet rollback file is read in place without a lock; a write to it mid-read stops the cursor.
    void inPlaceReadStopsWhenTheFileChanges() {
        const QString dir = freshFolder(m_tmp, QStringLiteral("quiet"));
        const QString db = dir + QStringLiteral("/quiet.db");
        QVERIFY(execSql(db, QStringLiteral("CREATE TABLE t(x); INSERT INTO t VALUES (1), (2), (3);")));
        auto cursor = QueryCursor::openDatabase(db, QStringLiteral("SELECT x FROM t"));
        QVERIFY(cursor);
        QCOMPARE((*cursor)->rows(0, 1)->rows.first().first().toLongLong(), qint64(1));
        QCOMPARE(folderEntries(dir), QStringList{QStringLiteral("quiet.db")}); // no lock file, no journal
        QVERIFY(execSql(db, QStringLiteral("INSERT INTO t VALUES (4)")));
        auto page = (*cursor)->rows(1, 1);
        QVERIFY(!page);
        QCOMPARE(page.error().kind, ErrorKind::Inconsistent);
        QVERIFY2(page.error().message.contains(QStringLiteral("changed while it was read")),
                 qPrintable(page.error().message));
    }
};

QTEST_GUILESS_MAIN(TestQuery)
#include "tst_query.moc"

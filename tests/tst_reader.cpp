// The preview's reader: pages by key, the last page, random access through the position index,
// filters, exact values (NULL vs '', blobs), hostile names, and cancelling every long call.
#include "testsupport.h"

#include <sqlitesnapshot/reader.h>

#include <QFileInfo>
#include <QTest>

#include <atomic>
#include <thread>

using namespace sqlsnap;
using namespace testsupport;

class TestReader : public QObject {
    Q_OBJECT
    QTemporaryDir m_tmp;
    QString m_db;

    std::unique_ptr<SnapshotReader> open() {
        auto reader = SnapshotReader::open(m_db);
        if (!reader)
            qWarning("%s", qPrintable(reader.error().message));
        return reader ? std::move(*reader) : nullptr;
    }

private slots:
    void initTestCase() {
        m_db = m_tmp.filePath(QStringLiteral("snap.db"));
        // Rowids with gaps (every third deleted), so positions and rowids differ.
        QVERIFY(execSql(
            m_db, QStringLiteral(
                      "CREATE TABLE items(id INTEGER PRIMARY KEY, label TEXT, note TEXT, data BLOB);"
                      "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 30000) "
                      "INSERT INTO items SELECT i, 'item ' || i, CASE WHEN i % 2 = 0 THEN NULL ELSE '' END, "
                      "  CASE WHEN i = 7 THEN x'00FF10' END FROM n;"
                      "DELETE FROM items WHERE id % 3 = 0;"
                      "CREATE TABLE \"we\"\"ird [name]; --\"(\"a b\" TEXT, \"rowid\" INT, \"_rowid_\" INT, "
                      "  \"oid\" INT);"
                      "INSERT INTO \"we\"\"ird [name]; --\" VALUES ('x', 1, 2, 3), ('y', 4, 5, 6);"
                      "CREATE TABLE kv(k TEXT PRIMARY KEY, v) WITHOUT ROWID;"
                      "INSERT INTO kv VALUES ('b', 2), ('a', 1), ('c', 3);"
                      "CREATE VIEW odd AS SELECT id, label FROM items WHERE id % 2 = 1;"
                      "CREATE INDEX items_label ON items(label);")));
    }

    void structureListsEveryObjectAndTheFacts() {
        const QString db = m_tmp.filePath(QStringLiteral("structure.db"));
        QVERIFY(execSql(
            db,
            QStringLiteral("PRAGMA page_size=8192; PRAGMA user_version=42; PRAGMA application_id=1234567;"
                           "CREATE TABLE a(id INTEGER PRIMARY KEY, u TEXT UNIQUE, big BLOB);"
                           "CREATE INDEX a_big ON a(big);"
                           "CREATE VIEW av AS SELECT id FROM a;"
                           "CREATE TRIGGER a_t AFTER INSERT ON a BEGIN SELECT 1; END;"
                           "CREATE VIRTUAL TABLE docs USING fts5(body);"
                           "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 2000) "
                           "INSERT INTO a SELECT i, 'u' || i, randomblob(500) FROM n;"
                           "DELETE FROM a WHERE id > 1000;")));
        auto reader = SnapshotReader::open(db);
        QVERIFY(reader);
        auto s = (*reader)->structure();
        QVERIFY2(s, s ? "" : qPrintable(s.error().message));
        QCOMPARE(s->facts.pageSize, 8192);
        QCOMPARE(s->facts.userVersion, qint64(42));
        QCOMPARE(s->facts.applicationId, qint64(1234567));
        QCOMPARE(s->facts.encoding, QStringLiteral("UTF-8"));
        QCOMPARE(s->facts.autoVacuum, QStringLiteral("none"));
        QCOMPARE(s->facts.fileBytes(), QFileInfo(db).size());
        QVERIFY(s->facts.freelistPages > 0); // the deleted half's pages
        QCOMPARE(QString::number(s->facts.freelistPages),
                 queryText(db, QStringLiteral("PRAGMA freelist_count")));
        QMap<QString, SchemaObject> byName;
        for (const SchemaObject& o : s->objects)
            byName.insert(o.name, o);
        QCOMPARE(byName.value(QStringLiteral("a")).type, QStringLiteral("table"));
        QCOMPARE(byName.value(QStringLiteral("av")).type, QStringLiteral("view"));
        QCOMPARE(byName.value(QStringLiteral("a_big")).type, QStringLiteral("index"));
        QCOMPARE(byName.value(QStringLiteral("a_big")).table, QStringLiteral("a"));
        QVERIFY(byName.value(QStringLiteral("a_big")).sql.startsWith(QStringLiteral("CREATE INDEX")));
        QVERIFY(byName.value(QStringLiteral("sqlite_autoindex_a_1")).automatic);
        QCOMPARE(byName.value(QStringLiteral("a_t")).type, QStringLiteral("trigger"));
        QCOMPARE(byName.value(QStringLiteral("docs")).type, QStringLiteral("virtual"));
        QCOMPARE(byName.value(QStringLiteral("docs_content")).type, QStringLiteral("shadow"));

        auto sizes = (*reader)->objectSizes();
        QVERIFY2(sizes, sizes ? "" : qPrintable(sizes.error().message));
        QMap<QString, ObjectSize> size;
        qint64 pages = 0;
        for (const ObjectSize& o : *sizes) {
            size.insert(o.name, o);
            pages += o.pages;
        }
        QVERIFY(size.value(QStringLiteral("a")).payload >= 1000 * 500); // the blobs that are left
        QCOMPARE(size.value(QStringLiteral("a")).bytes, size.value(QStringLiteral("a")).pages * 8192);
        QVERIFY(size.contains(QStringLiteral("a_big")));
        QCOMPARE(pages + s->facts.freelistPages, s->facts.pageCount); // every page is in a b-tree or free
        const CancelToken cancelled;
        cancelled.cancel();
        QCOMPARE((*reader)->objectSizes(cancelled).error().kind, ErrorKind::Cancelled);
    }

    void schemaAndRowid() {
        auto reader = open();
        QVERIFY(reader);
        auto tables = reader->tables();
        QVERIFY(tables);
        QCOMPARE(tables->size(), 4);
        auto items = reader->schema(QStringLiteral("items"));
        QVERIFY(items);
        QCOMPARE(items->rowidName, QStringLiteral("rowid"));
        QCOMPARE(items->table.columns.size(), 4);
        QCOMPARE(items->indexes.size(), 1);
        QCOMPARE(items->indexes.first().columns, QStringList{QStringLiteral("label")});
        auto weird = reader->schema(QStringLiteral("we\"ird [name]; --"));
        QVERIFY(weird);
        QVERIFY(weird->rowidName.isEmpty()); // all three rowid spellings are columns
        QCOMPARE(reader->schema(QStringLiteral("kv"))->rowidName, QString());
        QCOMPARE(reader->schema(QStringLiteral("odd"))->rowidName, QString());
        QCOMPARE(reader->schema(QStringLiteral("missing")).error().kind, ErrorKind::InvalidArgument);
        // Names match as SQLite matches them (case-insensitively), and give the table's own spelling;
        // SQLite's internal tables and empty names are not tables here.
        QCOMPARE(reader->schema(QStringLiteral("ITEMS"))->table.name, QStringLiteral("items"));
        QCOMPARE(reader->schema(QStringLiteral("sqlite_schema")).error().kind, ErrorKind::InvalidArgument);
        QCOMPARE(reader->schema(QString()).error().kind, ErrorKind::InvalidArgument);
    }

    void pagesByKeyCoverEveryRowOnce() {
        auto reader = open();
        auto schema = reader->schema(QStringLiteral("items"));
        std::optional<qint64> after;
        qint64 rows = 0, previous = 0;
        for (;;) {
            auto page = reader->rowsAfterKey(*schema, {}, after, 500);
            QVERIFY(page);
            for (qint64 key : page->keys) {
                QVERIFY(key > previous);
                previous = key;
            }
            rows += page->rows.size();
            if (page->atEnd)
                break;
            after = page->keys.last();
        }
        QCOMPARE(rows, qint64(20000));
    }

    void exactValues() {
        auto reader = open();
        auto schema = reader->schema(QStringLiteral("items"));
        auto page = reader->rowsAfterKey(*schema, {}, std::nullopt, 6);
        QVERIFY(page);
        // Rows 1, 2, 4, 5, 7, 8 (3 and 6 deleted).
        QCOMPARE(page->keys, (QList<qint64>{1, 2, 4, 5, 7, 8}));
        QCOMPARE(page->rows[0][1].toString(), QStringLiteral("item 1"));
        QVERIFY(page->rows[0][2].isValid() && page->rows[0][2].toString().isEmpty()); // '' is not NULL
        QVERIFY(!page->rows[1][2].isValid());                                         // NULL
        QCOMPARE(page->rows[4][3].typeId(), int(QMetaType::QByteArray));
        QCOMPARE(page->rows[4][3].toByteArray(), QByteArray::fromHex("00FF10"));
        QCOMPARE(page->rows[0][0].typeId(), int(QMetaType::LongLong));
    }

    void positionIndexGivesAnyPage() {
        auto reader = open();
        auto schema = reader->schema(QStringLiteral("items"));
        auto index = reader->buildPositionIndex(*schema, {}, 200);
        QVERIFY(index);
        QCOMPARE(index->rowCount, qint64(20000));
        QCOMPARE(index->anchors.size(), 100);
        // Position 19,999 (0-based) is the last row: rowid 29,999 (30,000 was deleted).
        auto last = reader->rowsAt(*schema, {}, &*index, 19999, 200);
        QVERIFY(last);
        QCOMPARE(last->keys, QList<qint64>{29999});
        QVERIFY(last->atEnd);
        auto middle = reader->rowsAt(*schema, {}, &*index, 10000, 3);
        QVERIFY(middle);
        // Position p holds rowid p + p/2 + 1 when every third rowid is gone.
        QCOMPARE(middle->keys.first(), qint64(10000 + 10000 / 2 + 1));
        auto tail = reader->lastRows(*schema, {}, 2);
        QCOMPARE(tail->keys, (QList<qint64>{29998, 29999}));
        auto range = reader->rowidRange(*schema);
        QVERIFY(range && *range);
        QCOMPARE((*range)->first, qint64(1));
        QCOMPARE((*range)->last, qint64(29999));
        QCOMPARE((*range)->span(), qint64(29999)); // more than the 20,000 rows: rowids have gaps
    }

    void filterMatchesAnyColumnLiterally() {
        auto reader = open();
        auto schema = reader->schema(QStringLiteral("items"));
        // "item 2999" and the seven of "item 29990" … "item 29999" whose rowid is not a multiple of 3.
        QCOMPARE(*reader->countRows(*schema, RowFilter{QStringLiteral("item 2999")}), qint64(8));
        QCOMPARE(*reader->countRows(*schema, RowFilter{QStringLiteral("%")}), qint64(0)); // % is literal
        QCOMPARE(*reader->countRows(*schema, RowFilter{QStringLiteral("_")}), qint64(0));
        auto page = reader->rowsAfterKey(*schema, RowFilter{QStringLiteral("ITEM 1000")}, std::nullopt, 10);
        QVERIFY(page);
        QCOMPARE(page->keys.first(), qint64(1000)); // LIKE ignores ASCII case
        auto index = reader->buildPositionIndex(*schema, RowFilter{QStringLiteral("item 1")}, 200);
        QCOMPARE(index->rowCount, *reader->countRows(*schema, RowFilter{QStringLiteral("item 1")}));
    }

    void tablesWithoutRowidPageByOffset() {
        auto reader = open();
        auto kv = reader->schema(QStringLiteral("kv"));
        auto page = reader->rowsAt(*kv, {}, nullptr, 1, 10);
        QVERIFY(page);
        QCOMPARE(page->rows.size(), 2);
        QVERIFY(page->keys.isEmpty());
        auto weird = reader->schema(QStringLiteral("we\"ird [name]; --"));
        auto rows = reader->rowsAt(*weird, RowFilter{QStringLiteral("y")}, nullptr, 0, 10);
        QVERIFY2(rows, qPrintable(rows ? QString() : rows.error().message));
        QCOMPARE(rows->rows.size(), 1);
        QCOMPARE(rows->rows[0][1].toLongLong(), qint64(4));
        auto view = reader->schema(QStringLiteral("odd"));
        QCOMPARE(*reader->countRows(*view, {}), qint64(10000));
    }

    void refusesDatabasesThatNeedCompanions() {
        const QString wal = m_tmp.filePath(QStringLiteral("wal.db"));
        QVERIFY(execSql(wal, QStringLiteral("PRAGMA journal_mode=WAL; CREATE TABLE t(x)")));
        auto reader = SnapshotReader::open(wal);
        QVERIFY(!reader);
        QCOMPARE(reader.error().kind, ErrorKind::InvalidArgument);
        QCOMPARE(SnapshotReader::open(m_tmp.filePath(QStringLiteral("absent.db"))).error().kind,
                 ErrorKind::SourceMissing);
    }

    void readingChangesNothing() {
        // A full preview pass (every table: schema, pages, index, counts, every row) leaves the
        // snapshot's bytes as they were: the connection is read-only and query_only.
        QFile before(m_db);
        QVERIFY(before.open(QIODevice::ReadOnly));
        const QByteArray bytes = before.readAll();
        {
            auto reader = open();
            auto tables = reader->tables();
            QVERIFY(tables);
            for (const TableInfo& t : *tables) {
                auto schema = reader->schema(t.name);
                QVERIFY(schema);
                QVERIFY(reader->countRows(*schema, RowFilter{QStringLiteral("x")}));
                QVERIFY(reader->forEachRow(*schema, {}, {}, [](const QVariantList&) { return true; }));
                if (!schema->rowidName.isEmpty())
                    QVERIFY(reader->buildPositionIndex(*schema, {}, 100));
            }
        }
        QFile after(m_db);
        QVERIFY(after.open(QIODevice::ReadOnly));
        QCOMPARE(after.readAll(), bytes);
        QCOMPARE(folderEntries(QFileInfo(m_db).absolutePath()).filter(QStringLiteral("snap.db")),
                 QStringList{QStringLiteral("snap.db")}); // no -journal, -wal or -shm appeared
    }

    // Every long call stops when its caller's token is cancelled from another thread, a single long
    // SQLite step (count(*) without a filter) included; the token stays cancelled for the rest of the
    // job, and a new token works. (Latency is the bench's business: this checks that it ends.)
    void cancelStopsEveryLongCall_data() {
        QTest::addColumn<QString>("call");
        for (const char* call : {"filtered count", "count", "position index", "filtered position index",
                                 "every row", "filtered every row", "two calls"})
            QTest::newRow(call) << QString::fromLatin1(call);
    }
    void cancelStopsEveryLongCall() {
        QFETCH(QString, call);
        const QString big = m_tmp.filePath(QStringLiteral("big.db"));
        if (!QFileInfo::exists(big))
            QVERIFY(
                execSql(big, QStringLiteral("CREATE TABLE t(x);"
                                            "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n "
                                            "WHERE i < 3000000) INSERT INTO t SELECT i FROM n;")));
        auto reader = SnapshotReader::open(big);
        QVERIFY(reader);
        auto schema = (*reader)->schema(QStringLiteral("t"));
        QVERIFY(schema);
        const RowFilter nothing{QStringLiteral("no such text")}; // matches no row: the whole table is read
        const bool filtered =
            call.startsWith(QStringLiteral("filtered")) || call == QStringLiteral("two calls");
        const RowFilter filter = filtered ? nothing : RowFilter{};
        CancelToken token;
        std::atomic<bool> started{false};
        std::thread canceller([&] {
            while (!started)
                std::this_thread::yield();
            std::this_thread::sleep_for(std::chrono::milliseconds(5));
            token.cancel();
        });
        started = true;
        Error error{ErrorKind::IoError, QStringLiteral("did not stop")};
        // Repeated until cancelled: a fast machine may finish one whole call in the 5 ms.
        for (int round = 0; round < 1000 && error.kind != ErrorKind::Cancelled; ++round) {
            if (call.endsWith(QStringLiteral("count"))) {
                auto r = (*reader)->countRows(*schema, filter, token);
                if (!r)
                    error = r.error();
            } else if (call.endsWith(QStringLiteral("position index"))) {
                auto r = (*reader)->buildPositionIndex(*schema, filter, 200, token);
                if (!r)
                    error = r.error();
            } else if (call.endsWith(QStringLiteral("every row"))) {
                auto r = (*reader)->forEachRow(
                    *schema, filter, {}, [](const QVariantList&) { return true; }, token);
                if (!r)
                    error = r.error();
            } else { // a job of two calls: the second must not run its full scan after a cancel
                auto range = (*reader)->rowidRange(*schema, token);
                auto r = (*reader)->countRows(*schema, nothing, token);
                if (!range)
                    error = range.error();
                else if (!r)
                    error = r.error();
            }
        }
        canceller.join();
        QCOMPARE(error.kind, ErrorKind::Cancelled);
        // The token stays cancelled: the next call of that job returns at once.
        QCOMPARE((*reader)->countRows(*schema, nothing, token).error().kind, ErrorKind::Cancelled);
        // A new request's token runs normally on the same connection.
        QCOMPARE(*(*reader)->countRows(*schema, {}, CancelToken()), qint64(3000000));
    }
};

QTEST_GUILESS_MAIN(TestReader)
#include "tst_reader.moc"

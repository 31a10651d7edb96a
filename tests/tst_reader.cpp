// The preview's reader: pages by key, the last page, random access through the position index,
// filters, exact values (NULL vs '', blobs), hostile names, and interrupting a long scan.
#include "testsupport.h"

#include <sqlitesnapshot/reader.h>

#include <QTest>

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
                QVERIFY(reader->forEachRow(*schema, {}, [](const QVariantList&) { return true; }));
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

    void interruptStopsALongScan() {
        const QString big = m_tmp.filePath(QStringLiteral("big.db"));
        QVERIFY(execSql(big, QStringLiteral("CREATE TABLE t(x);"
                                            "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n "
                                            "WHERE i < 3000000) INSERT INTO t SELECT i FROM n;")));
        auto reader = SnapshotReader::open(big);
        QVERIFY(reader);
        auto schema = (*reader)->schema(QStringLiteral("t"));
        std::atomic<bool> started{false};
        std::thread interrupter([&] {
            while (!started)
                std::this_thread::yield();
            std::this_thread::sleep_for(std::chrono::milliseconds(20));
            (*reader)->interrupt();
        });
        started = true;
        // A filter nothing matches: the whole table is scanned, far longer than 20 ms.
        auto count = (*reader)->countRows(*schema, RowFilter{QStringLiteral("no such text")});
        interrupter.join();
        QVERIFY(!count);
        QCOMPARE(count.error().kind, ErrorKind::Cancelled);
        // The next call runs normally.
        QCOMPARE(*(*reader)->countRows(*schema, {}), qint64(3000000));
    }
};

QTEST_GUILESS_MAIN(TestReader)
#include "tst_reader.moc"

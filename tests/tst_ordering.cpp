// Rows in the order of a column: keyset pages, the end read backwards, offsets, and a SortedOrder's
// scratch database — each checked against SQLite's own ORDER BY on the same file (NULLs, mixed types,
// collations, duplicates, indexed and unindexed columns, views and WITHOUT ROWID tables), and the
// snapshot left as it was.
#include "testsupport.h"

#include <sqlitesnapshot/reader.h>
#include <sqlitesnapshot/sortedorder.h>

#include <QCryptographicHash>
#include <QDir>
#include <QFileInfo>
#include <QTest>

#include <thread>

using namespace sqlsnap;
using namespace testsupport;

namespace {

QByteArray sha256(const QString& path) {
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly))
        return {};
    QCryptographicHash h(QCryptographicHash::Sha256);
    h.addData(&f);
    return h.result();
}

QString joinKeys(const QList<qint64>& keys) {
    QStringList parts;
    for (qint64 k : keys)
        parts << QString::number(k);
    return parts.join(QLatin1Char(','));
}

// What SQLite says the order is: the rowids (or the first column's values) joined by commas.
QString reference(const QString& db, const QString& select) {
    return queryText(db, QStringLiteral("SELECT group_concat(x, ',') FROM (%1)").arg(select));
}

class CountingSink : public CancelFlag {
public:
    std::atomic<qint64> lastRows{0};
    void report(const Progress& p) override {
        if (p.phase == Phase::Sorting)
            lastRows = p.rowsDone;
    }
};

} // namespace

class TestOrdering : public QObject {
    Q_OBJECT
    QTemporaryDir m_tmp;
    QString m_db;
    QByteArray m_hash;

    std::unique_ptr<SnapshotReader> open() {
        auto reader = SnapshotReader::open(m_db);
        if (!reader)
            qWarning("%s", qPrintable(reader.error().message));
        return reader ? std::move(*reader) : nullptr;
    }

    // Every row of the order, read by key in pages of `pageRows`.
    QList<qint64> byKey(SnapshotReader& reader, const TableSchema& schema, const RowFilter& filter,
                        const RowOrder& order, int pageRows) {
        QList<qint64> keys;
        std::optional<OrderKey> after;
        const int column = [&] {
            for (int i = 0; i < schema.table.columns.size(); ++i)
                if (schema.table.columns[i].name == order.column)
                    return i;
            return -1;
        }();
        for (int guard = 0; guard < 10000; ++guard) {
            auto page = reader.rowsAfterOrderKey(schema, filter, order, after, pageRows);
            if (!page) {
                qWarning("%s", qPrintable(page.error().message));
                return {};
            }
            keys += page->keys;
            if (page->atEnd)
                break;
            after = OrderKey{page->rows.last().at(column), page->keys.last()};
        }
        return keys;
    }

private slots:
    void initTestCase() {
        m_db = m_tmp.filePath(QStringLiteral("snap.db"));
        // v: mixed storage classes with NULLs and duplicates, unindexed; w: indexed, NOCASE collation,
        // NULLs and duplicates; rowids with gaps.
        QVERIFY(execSql(
            m_db, QStringLiteral(
                      "CREATE TABLE t(id INTEGER PRIMARY KEY, v, w TEXT COLLATE NOCASE, pad TEXT);"
                      "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 3000) "
                      "INSERT INTO t SELECT i * 2, "
                      "  CASE i % 7 WHEN 0 THEN NULL WHEN 1 THEN i % 50 WHEN 2 THEN (i % 40) + 0.5 "
                      "    WHEN 3 THEN 'text ' || (i % 30) WHEN 4 THEN CAST('b' || (i % 20) AS BLOB) "
                      "    WHEN 5 THEN '' ELSE i % 50 END, "
                      "  CASE WHEN i % 11 = 0 THEN NULL WHEN i % 2 = 0 THEN 'Name ' || (i % 97) "
                      "    ELSE 'name ' || (i % 97) END, 'p' FROM n;"
                      "CREATE INDEX t_w ON t(w);"
                      "CREATE TABLE kv(k TEXT PRIMARY KEY, v) WITHOUT ROWID;"
                      "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 500) "
                      "INSERT INTO kv SELECT 'k' || i, CASE WHEN i % 5 = 0 THEN NULL ELSE i % 37 END FROM n;"
                      "CREATE VIEW tv AS SELECT id, v FROM t WHERE id % 3 = 0;")));
        m_hash = sha256(m_db);
    }

    void keysetPagesFollowSqlitesOrder_data() {
        QTest::addColumn<QString>("column");
        QTest::addColumn<bool>("descending");
        QTest::addColumn<QString>("filter");
        QTest::addColumn<int>("pageRows");
        QTest::newRow("mixed types, ascending") << "v" << false << "" << 7;
        QTest::newRow("mixed types, descending") << "v" << true << "" << 7;
        QTest::newRow("indexed NOCASE, ascending") << "w" << false << "" << 200;
        QTest::newRow("indexed NOCASE, descending") << "w" << true << "" << 13;
        QTest::newRow("filtered") << "v" << false << "text 1" << 5;
        QTest::newRow("page of one") << "w" << false << "name 5" << 1;
    }
    void keysetPagesFollowSqlitesOrder() {
        QFETCH(QString, column);
        QFETCH(bool, descending);
        QFETCH(QString, filter);
        QFETCH(int, pageRows);
        auto reader = open();
        QVERIFY(reader);
        auto schema = reader->schema(QStringLiteral("t"));
        QVERIFY(schema);
        const RowOrder order{column, descending};
        const RowFilter rowFilter{filter};
        const QString dir = descending ? QStringLiteral(" DESC") : QString();
        const QString where =
            filter.isEmpty()
                ? QString()
                : QStringLiteral(" WHERE CAST(id AS TEXT) LIKE '%1' OR CAST(v AS TEXT) LIKE '%1' OR "
                                 "CAST(w AS TEXT) LIKE '%1' OR pad LIKE '%1'")
                      .arg(QLatin1Char('%') + filter + QLatin1Char('%'));
        const QString expected = reference(
            m_db,
            QStringLiteral("SELECT rowid AS x FROM t%1 ORDER BY %2%3, rowid%3").arg(where, column, dir));
        QVERIFY(!expected.startsWith(QStringLiteral("error")));
        QVERIFY(expected.count(QLatin1Char(',')) > 3);
        QCOMPARE(joinKeys(byKey(*reader, *schema, rowFilter, order, pageRows)), expected);
    }

    void theEndReadsBackwards() {
        auto reader = open();
        QVERIFY(reader);
        auto schema = reader->schema(QStringLiteral("t"));
        QVERIFY(schema);
        for (bool descending : {false, true}) {
            const RowOrder order{QStringLiteral("v"), descending};
            const QString dir = descending ? QStringLiteral(" DESC") : QString();
            const QStringList all =
                reference(m_db, QStringLiteral("SELECT rowid AS x FROM t ORDER BY v%1, rowid%1").arg(dir))
                    .split(QLatin1Char(','));
            QCOMPARE(all.size(), 3000);
            auto last = reader->rowsBeforeOrderEnd(*schema, {}, order, 0, 50);
            QVERIFY(last);
            QVERIFY(last->atEnd);
            QCOMPARE(joinKeys(last->keys), QStringList(all.mid(2950)).join(QLatin1Char(',')));
            auto before = reader->rowsBeforeOrderEnd(*schema, {}, order, 50, 50);
            QVERIFY(before);
            QVERIFY(!before->atEnd);
            QCOMPARE(joinKeys(before->keys), QStringList(all.mid(2900, 50)).join(QLatin1Char(',')));
            auto middle = reader->rowsAtOrderOffset(*schema, {}, order, 1234, 20);
            QVERIFY(middle);
            QCOMPARE(joinKeys(middle->keys), QStringList(all.mid(1234, 20)).join(QLatin1Char(',')));
        }
    }

    void sortedOrderGivesEveryPosition_data() {
        QTest::addColumn<QString>("column");
        QTest::addColumn<bool>("descending");
        QTest::addColumn<QString>("filter");
        QTest::newRow("unindexed") << "v" << false << "";
        QTest::newRow("indexed, descending") << "w" << true << "";
        QTest::newRow("filtered") << "v" << true << "name 1";
    }
    void sortedOrderGivesEveryPosition() {
        QFETCH(QString, column);
        QFETCH(bool, descending);
        QFETCH(QString, filter);
        auto reader = open();
        QVERIFY(reader);
        auto schema = reader->schema(QStringLiteral("t"));
        QVERIFY(schema);
        CountingSink sink;
        auto sorted =
            SortedOrder::build(m_db, *schema, RowFilter{filter}, RowOrder{column, descending}, 3000, sink);
        QVERIFY2(sorted, sorted ? "" : qPrintable(sorted.error().message));
        const QString scratch = (*sorted)->scratchPath();
        QVERIFY(QFileInfo::exists(scratch));
        QVERIFY(!scratch.startsWith(QFileInfo(m_db).absolutePath())); // never beside the snapshot
        // The same order as paging by key, read at arbitrary positions.
        const QList<qint64> expected =
            byKey(*reader, *schema, RowFilter{filter}, RowOrder{column, descending}, 200);
        QCOMPARE((*sorted)->rowCount(), qint64(expected.size()));
        QList<qint64> read;
        for (qint64 at = 0; at < expected.size(); at += 97) {
            auto page = reader->rowsOfSortedOrder(**sorted, at, 97);
            QVERIFY(page);
            read += page->keys;
        }
        QCOMPARE(joinKeys(read), joinKeys(expected));
        auto last = reader->rowsOfSortedOrder(**sorted, expected.size() - 3, 10);
        QVERIFY(last);
        QCOMPARE(last->rows.size(), 3);
        QVERIFY(last->atEnd);
        const QString folder = QFileInfo(scratch).absolutePath();
        sorted->reset();
        QVERIFY(!QFileInfo::exists(folder)); // removed with the order
    }

    void viewsAndWithoutRowidTablesSortToo() {
        auto reader = open();
        QVERIFY(reader);
        for (const QString& name : {QStringLiteral("kv"), QStringLiteral("tv")}) {
            auto schema = reader->schema(name);
            QVERIFY(schema);
            QVERIFY(schema->rowidName.isEmpty());
            const QString column = QStringLiteral("v");
            const int c = 1; // v is the second column of both
            const QString expected = reference(
                m_db, QStringLiteral("SELECT coalesce(CAST(v AS TEXT), 'NULL') AS x FROM %1 ORDER BY v DESC")
                          .arg(name));
            CancelFlag sink;
            auto sorted = SortedOrder::build(m_db, *schema, {}, RowOrder{column, true}, -1, sink);
            QVERIFY(sorted);
            QVERIFY((*sorted)->holdsRows());
            QStringList values, byOffset;
            for (qint64 at = 0;; at += 64) {
                auto page = reader->rowsOfSortedOrder(**sorted, at, 64);
                QVERIFY(page);
                for (const QVariantList& row : page->rows)
                    values << (row.at(c).isValid() ? row.at(c).toString() : QStringLiteral("NULL"));
                if (page->atEnd)
                    break;
            }
            for (qint64 at = 0;; at += 64) {
                auto page = reader->rowsAtOrderOffset(*schema, {}, RowOrder{column, true}, at, 64);
                QVERIFY(page);
                for (const QVariantList& row : page->rows)
                    byOffset << (row.at(c).isValid() ? row.at(c).toString() : QStringLiteral("NULL"));
                if (page->atEnd)
                    break;
            }
            QCOMPARE(values.join(QLatin1Char(',')), expected);
            QCOMPARE(byOffset.join(QLatin1Char(',')), expected);
        }
    }

    void anUnknownColumnIsRefused() {
        auto reader = open();
        QVERIFY(reader);
        auto schema = reader->schema(QStringLiteral("t"));
        QVERIFY(schema);
        const RowOrder bad{QStringLiteral("v; DROP TABLE t"), false};
        auto page = reader->rowsAfterOrderKey(*schema, {}, bad, std::nullopt, 10);
        QVERIFY(!page);
        QCOMPARE(page.error().kind, ErrorKind::InvalidArgument);
        CancelFlag sink;
        auto sorted = SortedOrder::build(m_db, *schema, {}, bad, 0, sink);
        QVERIFY(!sorted);
        QCOMPARE(sorted.error().kind, ErrorKind::InvalidArgument);
    }

    void buildingStopsWhenCancelledAndLeavesNothing() {
        const QString big = m_tmp.filePath(QStringLiteral("big.db"));
        QVERIFY(execSql(big, QStringLiteral("CREATE TABLE b(x, y);"
                                            "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n "
                                            "WHERE i < 2000000) INSERT INTO b SELECT random(), i FROM n;")));
        auto reader = SnapshotReader::open(big);
        QVERIFY(reader);
        auto schema = (*reader)->schema(QStringLiteral("b"));
        QVERIFY(schema);
        const QStringList before =
            QDir::temp().entryList({QStringLiteral("sqlite-snapshot-sort-*")}, QDir::Dirs);
        CountingSink sink;
        std::thread canceller([&] {
            while (sink.lastRows < 65536) // cancelled mid-scan, once progress has been seen
                std::this_thread::sleep_for(std::chrono::milliseconds(1));
            sink.cancel();
        });
        auto sorted =
            SortedOrder::build(big, *schema, {}, RowOrder{QStringLiteral("x"), false}, 2000000, sink);
        canceller.join();
        QVERIFY(!sorted);
        QCOMPARE(sorted.error().kind, ErrorKind::Cancelled);
        QCOMPARE(QDir::temp().entryList({QStringLiteral("sqlite-snapshot-sort-*")}, QDir::Dirs), before);
    }

    void cleanupTestCase() {
        QCOMPARE(sha256(m_db), m_hash); // read through every path above, never written
        QCOMPARE(QDir(m_tmp.path()).entryList(QDir::Files).filter(QStringLiteral("snap.db")),
                 QStringList{QStringLiteral("snap.db")}); // no companion appeared beside it
    }
};

QTEST_GUILESS_MAIN(TestOrdering)
#include "tst_ordering.moc"

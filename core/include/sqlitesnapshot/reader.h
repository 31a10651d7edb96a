// Reading a snapshot's contents for a preview: tables, schema, rows in pages, counts.
//
// A SnapshotReader owns one read-only connection (SQLITE_OPEN_READONLY + PRAGMA query_only) to a
// self-contained database file. Its calls are synchronous and meant for one worker thread at a time.
// Every call takes the caller's CancelToken (default: one nobody cancels): once it is cancelled, from
// any thread, the call stops with ErrorKind::Cancelled within milliseconds — a single long SQLite step
// such as count(*) included — and every later call with that token returns Cancelled at once. A token
// is the caller's, never reset by the reader: a job of several calls is stopped as a whole.
//
// Rows are read by key, never by a growing OFFSET: a table with a rowid is paged with
// `WHERE rowid > ? ORDER BY rowid LIMIT n`, so page 10,000 costs what page 1 costs. Random access
// (jumping to row 9,999,800 of 10,000,000) uses a PositionIndex: the rowid of every `stride`-th row,
// gathered by one background scan that also yields the exact count.
#pragma once

#include "error.h"
#include "progress.h"
#include "structure.h"
#include "tables.h"

#include <QList>
#include <QString>
#include <QVariant>

#include <functional>
#include <memory>
#include <optional>

namespace sqlsnap {

class SqliteDb;

struct IndexInfo {
    QString name;
    bool unique = false;
    QString origin;      // "c" (CREATE INDEX), "u" (UNIQUE constraint), "pk" (PRIMARY KEY)
    QStringList columns; // expressions show as "<expression>"
    QString sql;         // empty for automatic indexes
};

struct TableSchema {
    TableInfo table; // rowCount left at -1: counting is a separate, slow call
    QList<IndexInfo> indexes;
    QStringList triggers; // CREATE TRIGGER statements
    // The expression that names the rowid ("rowid", "_rowid_" or "oid": the first not shadowed by a
    // column), or empty for views, WITHOUT ROWID tables and tables that shadow all three.
    QString rowidName;
};

// One page of rows. Values: an invalid QVariant is NULL; qint64, double, QString (text) and
// QByteArray (blob) are SQLite's other four storage classes, so NULL and '' stay distinct.
struct RowPage {
    QList<qint64> keys; // the rowid of each row (empty when the table has none)
    QList<QVariantList> rows;
    bool atEnd = false; // fewer rows than asked for: nothing after this page
};

// Where rows start: anchors[i] is the rowid of row i * stride (0-based, in rowid order).
struct PositionIndex {
    int stride = 0;
    QList<qint64> anchors;
    qint64 rowCount = 0;
};

// One column's filter, as a user types it in the box under the column's header:
//   text            the value, as the grid shows it, contains `text` (case-insensitive for ASCII)
//   =x <>x <x <=x >x >=x
//                   compared as SQLite compares: x is a number when it reads as one (so a numeric
//                   column compares numerically, and the column's affinity applies)
//   x..y            between x and y, inclusive (x <= value <= y)
//   NULL, NOT NULL  (any case) the value is, or is not, NULL
//   /regex/, /regex/i
//                   the value as shown matches the regular expression (Perl-like, QRegularExpression;
//                   i: ignoring case)
//   \text           `text` contained, literally: for text that starts like an operator
// "As shown": a BLOB by its hex digits (00FF10, spaces ignored in what is typed), a REAL with its
// decimal point (3.0), never by bytes the grid does not show. NULL contains nothing.
struct ColumnFilter {
    QString column;
    QString text;
    bool operator==(const ColumnFilter&) const = default;
};

// What rows a request shows: every condition holds. `text`: any column, as shown, contains it.
struct RowFilter {
    QString text;
    QList<ColumnFilter> columns = {}; // empty texts are ignored
    bool isEmpty() const;
    bool operator==(const RowFilter&) const = default;
};

// Whether a column filter's text means something; the error (InvalidArgument) says what is wrong, e.g.
// a regular expression that does not compile. A filter that fails this matches no row.
Status checkColumnFilter(const QString& text);

// A sort by one column, ascending or descending, as SQLite's ORDER BY orders it: NULLs first when
// ascending (last when descending), then numbers, text (by the column's collation), BLOBs. Ties are
// broken by rowid, so the order is total where there is one. Empty column: the table's own order.
struct RowOrder {
    QString column;
    bool descending = false;
    bool isNone() const { return column.isEmpty(); }
    bool operator==(const RowOrder&) const = default;
};

// A row's place in a RowOrder of a rowid table: its value in the sort column, and its rowid.
struct OrderKey {
    QVariant value;
    qint64 rowid = 0;
};

class SortedOrder;

class SnapshotReader {
public:
    // Opens `path` read-only. A database that needs a -wal or a hot journal is refused (InvalidArgument):
    // reading it in place could make SQLite write beside it. Snapshots never need one.
    static Expected<std::unique_ptr<SnapshotReader>> open(const QString& path);
    ~SnapshotReader();
    SnapshotReader(const SnapshotReader&) = delete;
    SnapshotReader& operator=(const SnapshotReader&) = delete;

    const QString& path() const;

    // Tables and views, without row counts (see countRows).
    Expected<QList<TableInfo>> tables(const CancelToken& cancel = {});
    Expected<TableSchema> schema(const QString& table, const CancelToken& cancel = {});

    // Rows after `afterKey` in rowid order (from the start when unset). Needs schema.rowidName.
    Expected<RowPage> rowsAfterKey(const TableSchema& schema, const RowFilter& filter,
                                   std::optional<qint64> afterKey, int limit, const CancelToken& cancel = {});
    // The last `limit` rows in rowid order (for "jump to the end" before any index exists).
    Expected<RowPage> lastRows(const TableSchema& schema, const RowFilter& filter, int limit,
                               const CancelToken& cancel = {});
    // Rows at a position: by key through the index when the table has a rowid, else by OFFSET
    // (views and WITHOUT ROWID tables have nothing better).
    Expected<RowPage> rowsAt(const TableSchema& schema, const RowFilter& filter, const PositionIndex* index,
                             qint64 position, int limit, const CancelToken& cancel = {});

    // Every row in `order` (rowid order where there is one, when none), one statement, no paging: for
    // exports. `row` returns false to stop early. Cancellation is checked inside SQLite's scan too, so a
    // filter that matches nothing for millions of rows still stops at once.
    Status forEachRow(const TableSchema& schema, const RowFilter& filter, const RowOrder& order,
                      const std::function<bool(const QVariantList& row)>& row,
                      const CancelToken& cancel = {});

    // min(rowid) and max(rowid), two b-tree descents: max - min + 1 is an instant upper bound of the
    // count, exact when the rowids have no gaps (unset for tables without rowid, or empty ones).
    struct RowidRange {
        qint64 first = 0;
        qint64 last = 0;
        qint64 span() const { return last - first + 1; }
    };
    Expected<std::optional<RowidRange>> rowidRange(const TableSchema& schema, const CancelToken& cancel = {});
    // The exact count, honouring the filter. Slow on big tables: call it off the GUI thread.
    Expected<qint64> countRows(const TableSchema& schema, const RowFilter& filter,
                               const CancelToken& cancel = {});
    // The 0-based position of the row `rowid` in rowid order, the filter applied: the count of rows before
    // it (rowid < `rowid`), one range count of the b-tree. Rowid tables only (InvalidArgument otherwise).
    Expected<qint64> positionOfRowid(const TableSchema& schema, const RowFilter& filter, qint64 rowid,
                                     const CancelToken& cancel = {});
    // One scan in rowid order: anchors every `stride` rows and the exact count. Rowid tables only.
    Expected<PositionIndex> buildPositionIndex(const TableSchema& schema, const RowFilter& filter, int stride,
                                               const CancelToken& cancel = {});

    // Rows in `order` (see RowOrder), the filter applied. Rowid tables are paged by key: the rows after
    // `after` (from the first when unset), a seek on (column, rowid) that an index on the column makes
    // as cheap as paging by rowid; without an index each page is one scan. Keys are the rowids.
    Expected<RowPage> rowsAfterOrderKey(const TableSchema& schema, const RowFilter& filter,
                                        const RowOrder& order, const std::optional<OrderKey>& after,
                                        int limit, const CancelToken& cancel = {});
    // Rows in `order` at OFFSET `offset` (views and WITHOUT ROWID tables; near the start elsewhere).
    Expected<RowPage> rowsAtOrderOffset(const TableSchema& schema, const RowFilter& filter,
                                        const RowOrder& order, qint64 offset, int limit,
                                        const CancelToken& cancel = {});
    // The `limit` rows in `order` that end `fromEnd` rows before its last (0: the very end), in order:
    // read backwards, so the end of a sort is as quick as its start.
    Expected<RowPage> rowsBeforeOrderEnd(const TableSchema& schema, const RowFilter& filter,
                                         const RowOrder& order, qint64 fromEnd, int limit,
                                         const CancelToken& cancel = {});
    // Rows `position` .. position + limit - 1 of a SortedOrder built for this snapshot: random access
    // anywhere in the order at the cost of `limit` rowid lookups.
    Expected<RowPage> rowsOfSortedOrder(const SortedOrder& sorted, qint64 position, int limit,
                                        const CancelToken& cancel = {});

    // Every schema object with its SQL, and the database's facts (page size, encoding, versions, free
    // pages): quick, a few pragmas and one read of sqlite_schema.
    Expected<DatabaseStructure> structure(const CancelToken& cancel = {});
    // The space each table and index takes, largest first (SQLite's dbstat, which visits every page:
    // seconds on gigabytes). An error when this SQLite lacks dbstat.
    Expected<QList<ObjectSize>> objectSizes(const CancelToken& cancel = {});

private:
    struct Impl;
    explicit SnapshotReader(std::unique_ptr<Impl> impl);
    friend SqliteDb& readerConnection(SnapshotReader& reader); // the engine's own (read/readerconnection.h)
    std::unique_ptr<Impl> m_impl;
};

} // namespace sqlsnap

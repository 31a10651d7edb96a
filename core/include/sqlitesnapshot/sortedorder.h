// A table's rows in the order of one column, written once to a private scratch database, so that any
// row of the order (the end, row 6,000,000) is one lookup away.
//
// Sorting 10 M rows by a column without an index takes SQLite seconds (ORDER BY … LIMIT 200 alone
// scans the whole table), and paging through that order by key would cost a full scan per page. So
// the order is built once in the background: `INSERT INTO o SELECT rowid … ORDER BY column, rowid`
// into a scratch database in a private folder (mode 0700 under the temporary directory), never beside
// or inside the snapshot, which is only attached read-only. Row r of the order is the scratch table's
// rowid r + 1; for a rowid table the scratch table holds only rowids (about 10 bytes a row), for a
// view or WITHOUT ROWID table it holds the rows themselves. SQLite's sorter spills to temporary files
// past a bounded amount of memory (the build connection's cache), so memory does not grow with the
// table.
//
// The scratch folder is removed when the last reference to the SortedOrder goes.
#pragma once

#include "progress.h"
#include "reader.h"

#include <memory>

namespace sqlsnap {

class SortedOrder {
public:
    // Builds the order of `schema`'s rows that pass `filter`, by `order`, reading the snapshot at
    // `snapshotPath` read-only. Reports Phase::Sorting with rowsDone (rows read so far) and rowsTotal
    // (`expectedRows`, when the caller knows it; else 0). Stops with Cancelled within milliseconds of a
    // cancel, leaving nothing behind.
    static Expected<std::shared_ptr<const SortedOrder>> build(const QString& snapshotPath,
                                                              const TableSchema& schema,
                                                              const RowFilter& filter, const RowOrder& order,
                                                              qint64 expectedRows, ProgressSink& sink);
    ~SortedOrder();
    SortedOrder(const SortedOrder&) = delete;
    SortedOrder& operator=(const SortedOrder&) = delete;

    const TableSchema& schema() const;
    const RowFilter& filter() const;
    const RowOrder& order() const;
    qint64 rowCount() const;
    // The scratch database (for the reader that attaches it, and for tests).
    QString scratchPath() const;
    // True when the scratch table holds whole rows (no rowid to look them up by).
    bool holdsRows() const;

private:
    struct Impl;
    explicit SortedOrder(std::unique_ptr<Impl> impl);
    std::unique_ptr<Impl> m_impl;
};

} // namespace sqlsnap

// The row-by-row merge of one table: both sides scanned in key order (one statement each), the two scans
// walked together as a merge join, each difference handed out as it is met. Memory: two current rows.
#pragma once

#include "compare/plan.h"

#include "base/sqlitedb.h"
#include "base/task.h"

#include <optional>

namespace sqlsnap::compare {

// A stretch of rowids, both ends included: the fast path hands the merge only those under changed pages.
struct RowidRange {
    qint64 first = 0;
    qint64 last = 0;
};

class TableMerge {
public:
    // Prepares both scans. `ranges`: only rows in them (rowid-keyed tables); unset: every row.
    static Expected<std::unique_ptr<TableMerge>> start(const TablePlan& plan, SqliteDb& a, SqliteDb& b,
                                                       std::optional<QList<RowidRange>> ranges = {});

    // Goes on to the next difference and fills `change` (when given; else only counts): true, or false at
    // the end. Polls `task` every few hundred rows (SQLite's own handler watches the statements).
    Expected<bool> next(RowChange* change, Task& task);

    const TableComparison& result() const { return m_result; } // the plan, counts so far
    // The fast path skipped `rows` unchanged rows: counted as unchanged, never read.
    void skipped(qint64 rows) {
        m_result.unchangedPagesSkipped = true;
        m_result.rowsUnchanged += rows;
    }
    qint64 rowsRead() const { return m_rowsRead; }

private:
    TableMerge(const TablePlan& plan, SqliteDb& a, SqliteDb& b)
        : m_plan(plan), m_result(plan.info), m_dbA(a), m_dbB(b) {}
    Status advance(bool sideA);
    Status openRange(bool sideA);
    int compareKeys() const;
    void fill(RowChange& change, RowChange::Kind kind, bool fromA, bool fromB) const;

    TablePlan m_plan;
    TableComparison m_result;
    SqliteDb& m_dbA;
    SqliteDb& m_dbB;
    Statement m_a, m_b;
    bool m_hasA = false, m_hasB = false; // a current row on that side
    std::optional<QList<RowidRange>> m_ranges;
    int m_rangeA = 0, m_rangeB = 0; // the range each side reads now
    qint64 m_rowsRead = 0;
    bool m_started = false;
};

} // namespace sqlsnap::compare

// The inside of a DatabaseComparison, shared by comparison.cpp (opening, counts, compareDatabases) and
// rows.cpp (the rows themselves: a side's every row, the cursor of changed rows).
#pragma once

#include "sqlitesnapshot/compare.h"

#include "compare/merge.h"
#include "compare/pages.h"
#include "compare/plan.h"
#include "compare/side.h"

#include "base/task.h"

namespace sqlsnap {

using compare::Side;
using compare::TableMerge;
using compare::TablePlan;

struct DatabaseComparison::Impl {
    Side a, b;             // declared first: their staged copies outlive the connections
    bool sameFile = false; // b reads a's file (and a's staged copy): one file, read once
    std::optional<SqliteDb> dbA, dbB;
    compare::Schema schemaA, schemaB;
    QList<SchemaChange> changes;
    QList<TablePlan> plans;
    QList<TableComparison> tables;
    bool skipPages = true;
    std::unique_ptr<compare::PageFile> pagesA, pagesB; // opened on first use

    // The merge of one table: over the rowid ranges under changed pages when the fast path applies.
    Expected<std::unique_ptr<TableMerge>> startMerge(const TablePlan& p, SqliteDb& dbA, SqliteDb& dbB,
                                                     Task& task, qint64* rowsSkipped) {
        *rowsSkipped = -1;
        if (!skipPages || p.info.key != RowKey::Rowid || !p.rootA || !p.rootB)
            return TableMerge::start(p, dbA, dbB);
        if (!pagesA) {
            auto fa = compare::PageFile::open(a.readPath, a.path);
            if (!fa)
                return fa.error();
            auto fb = compare::PageFile::open(b.readPath, b.path);
            if (!fb)
                return fb.error();
            pagesA = std::move(*fa);
            pagesB = std::move(*fb);
        }
        auto skip = compare::changedRowidRanges(*pagesA, p.rootA, *pagesB, p.rootB, task);
        if (!skip)
            return skip.error();
        if (!*skip)
            return TableMerge::start(p, dbA, dbB);
        *rowsSkipped = (*skip)->rowsSkipped;
        return TableMerge::start(p, dbA, dbB, std::move((*skip)->ranges));
    }

    const TablePlan* plan(const QString& name) const {
        for (const TablePlan& p : plans)
            if (p.info.name.compare(name, Qt::CaseInsensitive) == 0)
                return &p;
        return nullptr;
    }
};

namespace compare {

// For as long as it lives, the task's cancellation stops both connections' statements.
class WatchBoth {
public:
    WatchBoth(SqliteDb& a, SqliteDb& b, Task& task) : m_a(a), m_b(b) {
        m_a.watchCancellation(&task);
        m_b.watchCancellation(&task);
    }
    ~WatchBoth() {
        m_a.watchCancellation(nullptr);
        m_b.watchCancellation(nullptr);
    }
    WatchBoth(const WatchBoth&) = delete;
    WatchBoth& operator=(const WatchBoth&) = delete;

private:
    SqliteDb& m_a;
    SqliteDb& m_b;
};

} // namespace compare
} // namespace sqlsnap

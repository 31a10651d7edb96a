#include "compare/merge.h"

#include "compare/keyorder.h"

#include "read/readerimpl.h"

#include <sqlite3.h>

namespace sqlsnap::compare {

Expected<std::unique_ptr<TableMerge>> TableMerge::start(const TablePlan& plan, SqliteDb& a, SqliteDb& b,
                                                        std::optional<QList<RowidRange>> ranges) {
    std::unique_ptr<TableMerge> merge(new TableMerge(plan, a, b));
    merge->m_ranges = std::move(ranges);
    const bool ordered = plan.info.key != RowKey::None;
    const bool ranged = merge->m_ranges.has_value();
    if (plan.a.present) {
        auto s = Statement::prepare(a.get(), plan.a.select(ordered, ranged));
        if (!s)
            return Error{s.error().kind, QStringLiteral("%1: %2").arg(a.path(), s.error().message)};
        merge->m_a = std::move(*s);
    }
    if (plan.b.present) {
        auto s = Statement::prepare(b.get(), plan.b.select(ordered, ranged));
        if (!s)
            return Error{s.error().kind, QStringLiteral("%1: %2").arg(b.path(), s.error().message)};
        merge->m_b = std::move(*s);
    }
    return merge;
}

Status TableMerge::openRange(bool sideA) {
    Statement& s = sideA ? m_a : m_b;
    const int index = sideA ? m_rangeA : m_rangeB;
    sqlite3_reset(s.get());
    sqlite3_bind_int64(s.get(), 1, (*m_ranges)[index].first);
    sqlite3_bind_int64(s.get(), 2, (*m_ranges)[index].last);
    return success();
}

// Steps one side to its next row (across ranges): false in m_has* at its end.
Status TableMerge::advance(bool sideA) {
    Statement& s = sideA ? m_a : m_b;
    bool& has = sideA ? m_hasA : m_hasB;
    int& range = sideA ? m_rangeA : m_rangeB;
    has = false;
    if (!s.get())
        return success();
    for (;;) {
        const int rc = sqlite3_step(s.get());
        if (rc == SQLITE_ROW) {
            has = true;
            ++m_rowsRead;
            ++m_result.rowsMerged;
            return success();
        }
        if (rc != SQLITE_DONE)
            return sqliteError(sqlite3_db_handle(s.get()), rc, sideA ? m_dbA.path() : m_dbB.path());
        if (!m_ranges || ++range >= m_ranges->size())
            return success();
        openRange(sideA);
    }
}

// As the two ORDER BYs order the keys: the key's columns, then (after a NULL among them, where both sides
// have one) the rowid that breaks the tie.
int TableMerge::compareKeys() const {
    bool sawNull = false;
    for (int k = 0; k < m_plan.keyValues; ++k) {
        if (const int c = compareOrdered(m_a.get(), k, m_b.get(), k, m_plan.collations[k], m_plan.encoding);
            c != 0)
            return c;
        sawNull = sawNull || sqlite3_column_type(m_a.get(), k) == SQLITE_NULL;
    }
    if (sawNull && m_plan.a.tieBreak && m_plan.b.tieBreak) {
        const qint64 x = sqlite3_column_int64(m_a.get(), m_plan.keyValues);
        const qint64 y = sqlite3_column_int64(m_b.get(), m_plan.keyValues);
        return x < y ? -1 : x > y ? 1 : 0;
    }
    return 0;
}

void TableMerge::fill(RowChange& change, RowChange::Kind kind, bool fromA, bool fromB) const {
    change = RowChange{};
    change.kind = kind;
    sqlite3_stmt* keySide = fromB ? m_b.get() : m_a.get();
    if (m_plan.info.key != RowKey::None)
        for (int k = 0; k < m_plan.keyValues; ++k)
            change.key << columnValue(keySide, k);
    if (fromA) {
        if (m_plan.a.hasRowid)
            change.rowidA = sqlite3_column_int64(m_a.get(), m_plan.a.rowidColumn());
        for (int c = 0; c < m_plan.a.columnCount(); ++c)
            change.before << columnValue(m_a.get(), m_plan.a.firstColumn() + c);
    }
    if (fromB) {
        if (m_plan.b.hasRowid)
            change.rowidB = sqlite3_column_int64(m_b.get(), m_plan.b.rowidColumn());
        for (int c = 0; c < m_plan.b.columnCount(); ++c)
            change.after << columnValue(m_b.get(), m_plan.b.firstColumn() + c);
    }
}

Expected<bool> TableMerge::next(RowChange* change, Task& task) {
    if (!m_started) {
        m_started = true;
        if (m_ranges && m_ranges->isEmpty()) {
            m_a = Statement();
            m_b = Statement();
        } else if (m_ranges) {
            if (m_a.get())
                openRange(true);
            if (m_b.get())
                openRange(false);
        }
        if (auto s = advance(true); !s)
            return s.error();
        if (auto s = advance(false); !s)
            return s.error();
    }
    const bool keyed = m_plan.info.key != RowKey::None;
    int polled = 0;
    while (m_hasA || m_hasB) {
        if (++polled % 256 == 0 && task.cancelled())
            return Task::cancelledError();
        // Without a shared key, A's rows are all removed first, then B's all added.
        const int order = !m_hasB ? -1 : !m_hasA ? 1 : keyed ? compareKeys() : -1;
        if (order < 0) {
            ++m_result.rowsRemoved;
            if (change)
                fill(*change, RowChange::Kind::Removed, true, false);
            if (auto s = advance(true); !s)
                return s.error();
            return true;
        }
        if (order > 0) {
            ++m_result.rowsAdded;
            if (change)
                fill(*change, RowChange::Kind::Added, false, true);
            if (auto s = advance(false); !s)
                return s.error();
            return true;
        }
        QList<int> differing;
        for (int i = 0; i < m_plan.commonA.size(); ++i)
            if (!sameStoredValue(m_a.get(), m_plan.a.firstColumn() + m_plan.commonA[i], m_b.get(),
                                 m_plan.b.firstColumn() + m_plan.commonB[i])) {
                differing << i;
                if (!change)
                    break;
            }
        const bool changed = !differing.isEmpty();
        if (changed) {
            ++m_result.rowsChanged;
            if (change) {
                fill(*change, RowChange::Kind::Changed, true, true);
                change->changedColumns = differing;
            }
        } else {
            ++m_result.rowsUnchanged;
        }
        if (auto s = advance(true); !s)
            return s.error();
        if (auto s = advance(false); !s)
            return s.error();
        if (changed)
            return true;
    }
    m_result.counted = true;
    return false;
}

} // namespace sqlsnap::compare

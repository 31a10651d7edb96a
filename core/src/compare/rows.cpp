// The rows of a comparison (compare.h): every row of one side (the SQL of a rebuilt table) and the cursor
// that pages through the changed rows of one table.
#include "compare/comparisonimpl.h"

#include "read/readerimpl.h"

#include <sqlite3.h>

namespace sqlsnap {

using compare::WatchBoth;

Status DatabaseComparison::forEachRow(
    Which side, const QString& table,
    const std::function<void(const QVariantList& row, std::optional<qint64> rowid)>& row,
    const CancelToken& cancel) {
    const TablePlan* plan = m_impl->plan(table);
    if (!plan)
        return Error{ErrorKind::InvalidArgument, QStringLiteral("no table named %1 in A or B").arg(table)};
    const compare::SideQuery& query = side == Which::A ? plan->a : plan->b;
    SqliteDb& db = side == Which::A ? *m_impl->dbA : *m_impl->dbB;
    if (!query.present)
        return Error{ErrorKind::InvalidArgument,
                     QStringLiteral("%1 has no table named %2").arg(db.path(), table)};
    Task task(cancel);
    if (task.cancelled())
        return Task::cancelledError();
    db.watchCancellation(&task);
    struct Unwatch {
        SqliteDb& db;
        ~Unwatch() { db.watchCancellation(nullptr); }
    } unwatch{db};
    compare::SideQuery plain = query;
    plain.keyExpressions = query.hasRowid ? QStringList{query.rowidName} : QStringList{};
    plain.tieBreak = false;
    auto stmt = Statement::prepare(db.get(), plain.select(true, false));
    if (!stmt)
        return io::withoutStagingPaths(
            Error{stmt.error().kind, db.path() + QStringLiteral(": ") + stmt.error().message});
    int rc;
    QVariantList values;
    while ((rc = sqlite3_step(stmt->get())) == SQLITE_ROW) {
        values.clear();
        for (int c = 0; c < plain.columnCount(); ++c)
            values << columnValue(stmt->get(), plain.firstColumn() + c);
        row(values, query.hasRowid
                        ? std::optional<qint64>(sqlite3_column_int64(stmt->get(), plain.rowidColumn()))
                        : std::nullopt);
        if (task.cancelled())
            return Task::cancelledError();
    }
    if (rc != SQLITE_DONE)
        return io::withoutStagingPaths(
            sqliteError(db.get(), rc, side == Which::A ? m_impl->a.path : m_impl->b.path));
    return checkUnchanged();
}

struct RowChangeCursor::Impl {
    // Connections of its own: a cancelled page leaves no interrupt pending on the comparison's.
    SqliteDb a, b;
    std::unique_ptr<TableMerge> merge;
    TableComparison plan;
    bool atEnd = false;
};

RowChangeCursor::RowChangeCursor(std::unique_ptr<Impl> impl) : m_impl(std::move(impl)) {}
RowChangeCursor::~RowChangeCursor() = default;

Expected<std::unique_ptr<RowChangeCursor>> DatabaseComparison::changedRows(const QString& table,
                                                                           const CancelToken& cancel) {
    const TablePlan* plan = m_impl->plan(table);
    if (!plan)
        return Error{ErrorKind::InvalidArgument, QStringLiteral("no table named %1 in A or B").arg(table)};
    auto a = compare::connectSide(m_impl->a);
    if (!a)
        return io::withoutStagingPaths(a.error());
    auto b = compare::connectSide(m_impl->b);
    if (!b)
        return io::withoutStagingPaths(b.error());
    auto impl = std::make_unique<RowChangeCursor::Impl>(
        RowChangeCursor::Impl{std::move(*a), std::move(*b), {}, plan->info});
    Task task(cancel);
    qint64 rowsSkipped = -1;
    auto merge = m_impl->startMerge(*plan, impl->a, impl->b, task, &rowsSkipped);
    if (!merge)
        return io::withoutStagingPaths(merge.error());
    if (rowsSkipped >= 0)
        (*merge)->skipped(rowsSkipped);
    impl->merge = std::move(*merge);
    return std::unique_ptr<RowChangeCursor>(new RowChangeCursor(std::move(impl)));
}

Expected<QList<RowChange>> RowChangeCursor::next(int limit, const CancelToken& cancel) {
    if (limit < 1)
        return Error{ErrorKind::InvalidArgument, QStringLiteral("a page needs at least one row")};
    Task task(cancel);
    if (task.cancelled())
        return Task::cancelledError();
    QList<RowChange> page;
    if (m_impl->atEnd)
        return page;
    const WatchBoth watch(m_impl->a, m_impl->b, task);
    RowChange change;
    while (page.size() < limit) {
        auto more = m_impl->merge->next(&change, task);
        if (!more)
            return io::withoutStagingPaths(task.cancelled() ? Task::cancelledError() : more.error());
        if (!*more) {
            m_impl->atEnd = true;
            break;
        }
        page << change;
    }
    return page;
}

bool RowChangeCursor::atEnd() const {
    return m_impl->atEnd;
}

const TableComparison& RowChangeCursor::table() const {
    return m_impl->merge->result();
}

} // namespace sqlsnap

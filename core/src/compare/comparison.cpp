// DatabaseComparison and compareDatabases (compare.h): the sides opened, the schemas compared and the
// tables planned once; each table's rows merged on demand (rows.cpp has the cursor).
#include "compare/comparisonimpl.h"

#include "sqlitesnapshot/databasefiles.h"

#include <QFileInfo>

namespace sqlsnap {

using compare::WatchBoth;

QString schemaChangeKindName(SchemaChange::Kind kind) {
    switch (kind) {
    case SchemaChange::Kind::Added:
        return QStringLiteral("added");
    case SchemaChange::Kind::Removed:
        return QStringLiteral("removed");
    case SchemaChange::Kind::Changed:
        break;
    }
    return QStringLiteral("changed");
}

QString rowChangeKindName(RowChange::Kind kind) {
    switch (kind) {
    case RowChange::Kind::Added:
        return QStringLiteral("added");
    case RowChange::Kind::Removed:
        return QStringLiteral("removed");
    case RowChange::Kind::Changed:
        break;
    }
    return QStringLiteral("changed");
}

QString rowKeyName(RowKey key) {
    switch (key) {
    case RowKey::PrimaryKey:
        return QStringLiteral("primary_key");
    case RowKey::Rowid:
        return QStringLiteral("rowid");
    case RowKey::None:
        break;
    }
    return QStringLiteral("none");
}

bool ComparisonSummary::identical() const {
    if (!schemaChanges.isEmpty())
        return false;
    for (const TableComparison& t : tables)
        if (t.hasDifferences())
            return false;
    return true;
}

namespace {

// An SQL error that belongs to one table (a collation or module this program lacks): said in the table's
// entry, and the comparison goes on. Anything else (I/O, corruption, a cancel) stops it.
bool tableLevel(const Error& e) {
    return e.kind == ErrorKind::SqliteError;
}

// Reports how far the rows are, every few thousand rows.
struct RowProgress {
    const std::function<void(const CompareProgress&)>& report;
    CompareProgress progress;
};

Expected<TableComparison>
mergeTable(DatabaseComparison::Impl& impl, const TablePlan& plan, Task& task,
           const std::function<void(const TableComparison&, const RowChange&)>& rowChanged,
           RowProgress* rows) {
    const WatchBoth watch(*impl.dbA, *impl.dbB, task);
    qint64 rowsSkipped = -1;
    auto merge = impl.startMerge(plan, *impl.dbA, *impl.dbB, task, &rowsSkipped);
    const auto tableError = [&](const Error& e) -> Expected<TableComparison> {
        if (!tableLevel(e) || task.cancelled())
            return task.cancelled() ? Task::cancelledError() : e;
        TableComparison failed = plan.info;
        failed.error = e.message;
        return failed;
    };
    if (!merge)
        return tableError(merge.error());
    if (rowsSkipped >= 0)
        (*merge)->skipped(rowsSkipped);
    RowChange change;
    qint64 reported = 0;
    for (;;) {
        auto more = (*merge)->next(rowChanged ? &change : nullptr, task);
        if (!more)
            return tableError(more.error());
        if (rows && (*merge)->rowsRead() - reported >= 4096) {
            rows->progress.rowsRead += (*merge)->rowsRead() - reported;
            reported = (*merge)->rowsRead();
            if (rows->report)
                rows->report(rows->progress);
        }
        if (!*more)
            break;
        if (rowChanged)
            rowChanged((*merge)->result(), change);
    }
    if (rows)
        rows->progress.rowsRead += (*merge)->rowsRead() - reported;
    if (auto s = compare::checkSideUnchanged(impl.a); !s)
        return s.error();
    if (auto s = compare::checkSideUnchanged(impl.b); !s)
        return s.error();
    return (*merge)->result();
}

// Whether two paths are one database file: the same device and inode once each names its database
// (a -wal path its database; stat follows symlinks). Two snapshots taken of it would be two moments of
// a live database, and could differ from each other.
bool oneFile(const QString& pathA, const QString& pathB) {
    const io::FileStat a = io::statPath(databasePathFor(pathA));
    const io::FileStat b = io::statPath(databasePathFor(pathB));
    return a.exists && b.exists && a.regular && a.device == b.device && a.inode == b.inode;
}

Expected<std::unique_ptr<DatabaseComparison::Impl>> openBoth(const QString& pathA, const QString& pathB,
                                                             Task& task) {
    auto impl = std::make_unique<DatabaseComparison::Impl>();
    impl->sameFile = oneFile(pathA, pathB);
    auto a = compare::prepareSide(pathA, task);
    if (!a)
        return a.error();
    impl->a = std::move(*a);
    if (impl->sameFile) {
        // B is A's file as read once: its copy (owned by A, which outlives B) or the file in place.
        impl->b.path = QFileInfo(databasePathFor(pathB)).absoluteFilePath();
        impl->b.readPath = impl->a.readPath;
        impl->b.markers = impl->a.markers;
    } else {
        auto b = compare::prepareSide(pathB, task);
        if (!b)
            return b.error();
        impl->b = std::move(*b);
    }
    task.setPhase(Phase::Opening);
    auto dbA = compare::connectSide(impl->a);
    if (!dbA)
        return dbA.error();
    impl->dbA.emplace(std::move(*dbA));
    auto dbB = compare::connectSide(impl->b);
    if (!dbB)
        return dbB.error();
    impl->dbB.emplace(std::move(*dbB));
    const WatchBoth watch(*impl->dbA, *impl->dbB, task);
    auto schemaA = compare::readSchema(*impl->dbA, impl->a.path);
    if (!schemaA)
        return schemaA.error();
    auto schemaB = compare::readSchema(*impl->dbB, impl->b.path);
    if (!schemaB)
        return schemaB.error();
    impl->schemaA = *schemaA;
    impl->schemaB = *schemaB;
    impl->changes = compare::schemaChanges(impl->schemaA, impl->schemaB);
    auto plans = compare::planTables(*impl->dbA, impl->schemaA, *impl->dbB, impl->schemaB, {});
    if (!plans)
        return plans.error();
    impl->plans = *plans;
    for (const TablePlan& p : std::as_const(impl->plans))
        impl->tables << p.info;
    return impl;
}

} // namespace

DatabaseComparison::DatabaseComparison(std::unique_ptr<Impl> impl) : m_impl(std::move(impl)) {}
DatabaseComparison::~DatabaseComparison() = default;

Expected<std::unique_ptr<DatabaseComparison>>
DatabaseComparison::open(const QString& pathA, const QString& pathB, ProgressSink* sink) {
    Task task(sink);
    auto impl = openBoth(pathA, pathB, task);
    if (!impl)
        return io::withoutStagingPaths(impl.error());
    return std::unique_ptr<DatabaseComparison>(new DatabaseComparison(std::move(*impl)));
}

const QString& DatabaseComparison::pathA() const {
    return m_impl->a.path;
}
const QString& DatabaseComparison::pathB() const {
    return m_impl->b.path;
}
bool DatabaseComparison::sameFile() const {
    return m_impl->sameFile;
}
const QList<SchemaChange>& DatabaseComparison::schemaChanges() const {
    return m_impl->changes;
}
const QList<TableComparison>& DatabaseComparison::tables() const {
    return m_impl->tables;
}
const QList<SchemaObject>& DatabaseComparison::schemaObjects(Which side) const {
    return side == Which::A ? m_impl->schemaA.objects : m_impl->schemaB.objects;
}

void DatabaseComparison::setSkipUnchangedPages(bool skip) {
    m_impl->skipPages = skip;
}

Status DatabaseComparison::checkUnchanged() const {
    if (auto s = compare::checkSideUnchanged(m_impl->a); !s)
        return s;
    return compare::checkSideUnchanged(m_impl->b);
}

Expected<TableComparison> DatabaseComparison::compareTable(
    const QString& table, const CancelToken& cancel,
    const std::function<void(const TableComparison&, const RowChange&)>& rowChanged) {
    const TablePlan* plan = m_impl->plan(table);
    if (!plan)
        return Error{ErrorKind::InvalidArgument, QStringLiteral("no table named %1 in A or B").arg(table)};
    Task task(cancel);
    if (task.cancelled())
        return Task::cancelledError();
    return io::withoutStagingPaths(mergeTable(*m_impl, *plan, task, rowChanged, nullptr));
}

Expected<ComparisonSummary> compareDatabases(const QString& pathA, const QString& pathB,
                                             const CompareOptions& options, ProgressSink* sink) {
    Task task(sink);
    auto opened = openBoth(pathA, pathB, task);
    if (!opened)
        return io::withoutStagingPaths(opened.error());
    DatabaseComparison::Impl& impl = **opened;
    impl.skipPages = options.skipUnchangedPages;
    ComparisonSummary summary;
    summary.pathA = impl.a.path;
    summary.pathB = impl.b.path;
    summary.sameFile = impl.sameFile;
    summary.schemaChanges = impl.changes;
    QList<const TablePlan*> chosen;
    for (const QString& name : options.tables)
        if (!impl.plan(name))
            return Error{ErrorKind::InvalidArgument, QStringLiteral("no table named %1 in A or B").arg(name)};
    for (const TablePlan& p : std::as_const(impl.plans)) {
        bool wanted = options.tables.isEmpty();
        for (const QString& name : options.tables)
            wanted = wanted || p.info.name.compare(name, Qt::CaseInsensitive) == 0;
        if (wanted)
            chosen << &p;
    }
    RowProgress rows{options.progress, {0, int(chosen.size()), {}, 0}};
    for (int i = 0; i < chosen.size(); ++i) {
        rows.progress.tablesDone = i;
        rows.progress.table = chosen[i]->info.name;
        if (options.progress)
            options.progress(rows.progress);
        if (task.cancelled())
            return Task::cancelledError();
        TableComparison result = chosen[i]->info;
        if (options.countRows) {
            auto merged = mergeTable(impl, *chosen[i], task, options.rowChanged, &rows);
            if (!merged)
                return io::withoutStagingPaths(merged.error());
            result = *merged;
        }
        if (options.tableCompared)
            options.tableCompared(result);
        summary.tables << result;
    }
    rows.progress.tablesDone = int(chosen.size());
    rows.progress.table.clear();
    if (options.progress)
        options.progress(rows.progress);
    return summary;
}

} // namespace sqlsnap

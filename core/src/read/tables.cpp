#include "sqlitesnapshot/tables.h"

#include "base/sqlitedb.h"
#include "base/task.h"
#include "io/posixio.h"
#include "read/inplace.h"
#include "read/schema.h"
#include "snapshot/stablecopy.h"

#include <QDir>

#include <sqlite3.h>

namespace sqlsnap {

QString quoteIdentifier(const QString& name) {
    QString quoted = name;
    quoted.replace(QLatin1Char('"'), QStringLiteral("\"\""));
    return QLatin1Char('"') + quoted + QLatin1Char('"');
}

QString sqliteLibraryVersion() {
    return QString::fromLatin1(sqlite3_libversion());
}

namespace {

Expected<QList<TableInfo>> readTables(const QString& openPath, int flags, const QString& context,
                                      bool countRows, Task& task) {
    task.setPhase(Phase::Opening);
    auto db = SqliteDb::open(openPath, flags);
    if (!db)
        return Error{db.error().kind,
                     QStringLiteral("cannot open %1: %2")
                         .arg(context, withoutContext(db.error().message,
                                                      QStringLiteral("cannot open %1").arg(openPath)))};
    db->watchCancellation(&task);
    if (auto s = db->exec(QStringLiteral("PRAGMA query_only=1")); !s)
        return s.error();

    auto list = readTableList(db->get(), context);
    if (!list)
        return list.error();
    QList<TableInfo> tables = std::move(*list);
    for (TableInfo& t : tables) {
        // One broken entry (a view over a dropped table, a virtual table whose module is missing)
        // carries its error; the listing goes on.
        auto columns = readColumns(db->get(), t.name, context);
        if (!columns) {
            if (columns.error().kind == ErrorKind::Cancelled)
                return columns.error();
            t.error = withoutContext(columns.error().message, context);
            continue;
        }
        t.columns = *columns;
        if (!countRows)
            continue;
        auto count = db->queryInt(QStringLiteral("SELECT count(*) FROM %1").arg(quoteIdentifier(t.name)));
        if (!count) {
            if (count.error().kind == ErrorKind::Cancelled)
                return count.error();
            t.error = withoutContext(count.error().message,
                                     QStringLiteral("SELECT count(*) FROM %1").arg(quoteIdentifier(t.name)));
            continue;
        }
        t.rowCount = *count;
    }
    return tables;
}

Expected<QList<TableInfo>> runListTables(const QString& path, bool countRows, Task& task) {
    task.setPhase(Phase::Inspecting);
    auto files = inspectDatabase(path, task.cancelToken());
    if (!files)
        return files.error();
    const QString& source = files->databasePath;

    if (readableInPlace(*files)) {
        const FileMarkers before = readFileMarkers(source);
        auto tables =
            readTables(immutableUri(source), SQLITE_OPEN_READONLY | SQLITE_OPEN_URI, source, countRows, task);
        // Read without a lock: the answer counts only if nothing changed while we read; otherwise a
        // writer came by, and the staged copy below decides.
        if ((!tables && tables.error().kind == ErrorKind::Cancelled) || before == readFileMarkers(source))
            return tables;
    }
    io::sweepAbandonedStaging(QDir::tempPath());
    auto staging = io::StagingFolder::create(QDir::tempPath());
    if (!staging)
        return staging.error();
    auto staged = copyUntilStable(*files, staging->path(), 100, true, task);
    if (!staged)
        return staged.error();
    // Recovery of the private copy (WAL replay, rollback) writes to it: read-write, query_only after.
    return readTables(staged->databasePath, SQLITE_OPEN_READWRITE, source, countRows, task);
}

} // namespace

Expected<QList<TableInfo>> listTables(const QString& path, bool countRows, ProgressSink* sink) {
    Task task(sink);
    return io::withoutStagingPaths(runListTables(path, countRows, task));
}

} // namespace sqlsnap

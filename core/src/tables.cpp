#include "sqlitesnapshot/tables.h"

#include "posixio.h"
#include "schema.h"
#include "sqlitedb.h"
#include "stablecopy.h"
#include "task.h"

#include <QDir>

#include <sqlite3.h>

namespace sqlsnap {

QString quoteIdentifier(const QString& name) {
    QString quoted = name;
    quoted.replace(QLatin1Char('"'), QStringLiteral("\"\""));
    return QLatin1Char('"') + quoted + QLatin1Char('"');
}

Expected<QList<TableInfo>> listTables(const QString& path, bool countRows, ProgressSink* sink) {
    Task task(sink);
    task.setPhase(Phase::Inspecting);
    auto files = inspectDatabase(path);
    if (!files)
        return files.error();

    // A plain rollback-mode file alone is opened read-only in place; anything with a -wal, a journal or
    // WAL format is read from a private copy, so that SQLite never recovers or creates files at the source.
    QString staging;
    struct RemoveStaging {
        QString* dir;
        ~RemoveStaging() { io::removeFlatDirectory(*dir); }
    } removeStaging{&staging};
    QString openPath = files->databasePath;
    int flags = SQLITE_OPEN_READONLY;
    if (files->header.isWal() || files->find(FileKind::Wal) || files->find(FileKind::Journal)) {
        auto dir = io::createUniqueDirectory(QDir::tempPath(), QStringLiteral(".sqlite-snapshot-"));
        if (!dir)
            return dir.error();
        staging = *dir;
        auto staged = copyUntilStable(*files, staging, 100, false, task);
        if (!staged)
            return staged.error();
        openPath = staged->databasePath;
        flags = SQLITE_OPEN_READWRITE; // recovery of the private copy writes to it
    }
    task.setPhase(Phase::Opening);
    auto db = SqliteDb::open(openPath, flags);
    if (!db)
        return db.error();
    db->watchCancellation(&task);
    if (auto s = db->exec(QStringLiteral("PRAGMA query_only=1")); !s)
        return s.error();

    auto list = readTableList(db->get(), files->databasePath);
    if (!list)
        return list.error();
    QList<TableInfo> tables = std::move(*list);

    for (TableInfo& t : tables) {
        auto columns = readColumns(db->get(), t.name, files->databasePath);
        if (!columns)
            return columns.error();
        t.columns = *columns;
        if (!countRows)
            continue;
        auto count = db->queryInt(QStringLiteral("SELECT count(*) FROM %1").arg(quoteIdentifier(t.name)));
        if (!count && count.error().kind == ErrorKind::Cancelled)
            return count.error();
        t.rowCount = count ? *count : -1;
    }
    return tables;
}

} // namespace sqlsnap

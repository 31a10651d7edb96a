#include "sqlitesnapshot/tables.h"

#include "posixio.h"
#include "sqlitedb.h"
#include "stablecopy.h"
#include "task.h"

#include <QDir>

#include <sqlite3.h>

namespace sqlsnap {
namespace {

QString columnText(sqlite3_stmt* stmt, int column) {
    return QString::fromUtf8(reinterpret_cast<const char*>(sqlite3_column_text(stmt, column)));
}

Expected<QList<ColumnInfo>> readColumns(SqliteDb& db, const QString& table) {
    auto stmt = Statement::prepare(
        db.get(), QStringLiteral("SELECT name, type, pk, \"notnull\", hidden FROM pragma_table_xinfo(?1)"));
    if (!stmt)
        return stmt.error();
    const QByteArray name = table.toUtf8();
    sqlite3_bind_text(stmt->get(), 1, name.constData(), int(name.size()), SQLITE_TRANSIENT);
    QList<ColumnInfo> columns;
    int rc;
    while ((rc = sqlite3_step(stmt->get())) == SQLITE_ROW) {
        ColumnInfo c;
        c.name = columnText(stmt->get(), 0);
        c.type = columnText(stmt->get(), 1);
        c.primaryKey = sqlite3_column_int(stmt->get(), 2) > 0;
        c.notNull = sqlite3_column_int(stmt->get(), 3) != 0;
        c.hidden = sqlite3_column_int(stmt->get(), 4) != 0;
        columns << c;
    }
    if (rc != SQLITE_DONE)
        return sqliteError(db.get(), rc, db.path());
    return columns;
}

} // namespace

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

    auto stmt = Statement::prepare(
        db->get(),
        QStringLiteral("SELECT l.name, l.type, l.wr, l.strict, coalesce(s.sql, '') "
                       "FROM pragma_table_list AS l LEFT JOIN sqlite_schema AS s ON s.name = l.name "
                       "WHERE l.schema = 'main' AND l.type IN ('table', 'view') "
                       "AND l.name NOT LIKE 'sqlite\\_%' ESCAPE '\\' ORDER BY l.name"));
    if (!stmt)
        return Error{stmt.error().kind, files->databasePath + QStringLiteral(": ") + stmt.error().message};
    QList<TableInfo> tables;
    int rc;
    while ((rc = sqlite3_step(stmt->get())) == SQLITE_ROW) {
        TableInfo t;
        t.name = columnText(stmt->get(), 0);
        t.type = columnText(stmt->get(), 1);
        t.withoutRowid = sqlite3_column_int(stmt->get(), 2) != 0;
        t.strict = sqlite3_column_int(stmt->get(), 3) != 0;
        t.sql = columnText(stmt->get(), 4);
        tables << t;
    }
    if (rc != SQLITE_DONE)
        return sqliteError(db->get(), rc, files->databasePath);

    for (TableInfo& t : tables) {
        auto columns = readColumns(*db, t.name);
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

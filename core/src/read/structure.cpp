// SnapshotReader's view of what a snapshot is made of: its schema objects, its facts, and the space
// each b-tree takes (dbstat).
#include "sqlitesnapshot/structure.h"
#include "sqlitesnapshot/reader.h"

#include "read/readerimpl.h"
#include "read/schema.h"

namespace sqlsnap {

Expected<DatabaseStructure> SnapshotReader::structure(const CancelToken& cancel) {
    const Impl::Call call(*m_impl, cancel);
    if (call.cancelled())
        return Task::cancelledError();
    DatabaseStructure result;
    DatabaseFacts& f = result.facts;
    SqliteDb& db = m_impl->db;
    // Each pragma is one b-tree descent at most (freelist_count reads the header).
    const std::pair<const char*, qint64*> numbers[] = {{"PRAGMA page_count", &f.pageCount},
                                                       {"PRAGMA freelist_count", &f.freelistPages},
                                                       {"PRAGMA user_version", &f.userVersion},
                                                       {"PRAGMA application_id", &f.applicationId},
                                                       {"PRAGMA schema_version", &f.schemaVersion}};
    for (const auto& [pragma, value] : numbers) {
        auto n = db.queryInt(QString::fromLatin1(pragma));
        if (!n)
            return n.error();
        *value = *n;
    }
    auto pageSize = db.queryInt(QStringLiteral("PRAGMA page_size"));
    if (!pageSize)
        return pageSize.error();
    f.pageSize = int(*pageSize);
    auto encoding = db.queryText(QStringLiteral("PRAGMA encoding"));
    if (!encoding)
        return encoding.error();
    f.encoding = *encoding;
    auto vacuum = db.queryInt(QStringLiteral("PRAGMA auto_vacuum"));
    if (!vacuum)
        return vacuum.error();
    f.autoVacuum = *vacuum == 1   ? QStringLiteral("full")
                   : *vacuum == 2 ? QStringLiteral("incremental")
                                  : QStringLiteral("none");

    // Virtual and shadow tables are told apart by pragma_table_list (as the table list does).
    QHash<QString, QString> tableTypes;
    auto tables = readTableList(db.get(), db.path());
    if (!tables)
        return tables.error();
    for (const TableInfo& t : *tables)
        tableTypes.insert(t.name, t.type);
    auto stmt = Statement::prepare(
        db.get(),
        QStringLiteral("SELECT type, name, tbl_name, coalesce(sql, '') FROM sqlite_schema "
                       "ORDER BY CASE type WHEN 'table' THEN 0 WHEN 'view' THEN 1 WHEN 'index' THEN 2 "
                       "ELSE 3 END, name"));
    if (!stmt)
        return stmt.error();
    int rc;
    while ((rc = sqlite3_step(stmt->get())) == SQLITE_ROW) {
        SchemaObject o;
        o.type = columnText(stmt->get(), 0);
        o.name = columnText(stmt->get(), 1);
        o.table = columnText(stmt->get(), 2);
        o.sql = columnText(stmt->get(), 3);
        o.automatic = o.type == QLatin1String("index") && o.sql.isEmpty();
        if (o.type == QLatin1String("table"))
            o.type = tableTypes.value(o.name, o.type);
        result.objects << o;
    }
    if (rc != SQLITE_DONE)
        return m_impl->error(rc);
    return result;
}

Expected<QList<ObjectSize>> SnapshotReader::objectSizes(const CancelToken& cancel) {
    const Impl::Call call(*m_impl, cancel);
    if (call.cancelled())
        return Task::cancelledError();
    // dbstat's aggregate mode: one row per b-tree, every page visited once (seconds on gigabytes: run
    // it off the GUI thread; a cancel interrupts it like any statement).
    auto stmt = Statement::prepare(m_impl->db.get(),
                                   QStringLiteral("SELECT name, pageno, pgsize, payload FROM dbstat "
                                                  "WHERE aggregate = TRUE ORDER BY pgsize DESC, name"));
    if (!stmt)
        return Error{ErrorKind::SqliteError,
                     QStringLiteral("this SQLite cannot tell the size of each table (no dbstat)")};
    QList<ObjectSize> sizes;
    int rc;
    while ((rc = sqlite3_step(stmt->get())) == SQLITE_ROW)
        sizes << ObjectSize{columnText(stmt->get(), 0), sqlite3_column_int64(stmt->get(), 1),
                            sqlite3_column_int64(stmt->get(), 2), sqlite3_column_int64(stmt->get(), 3)};
    if (rc != SQLITE_DONE)
        return m_impl->error(rc);
    return sizes;
}

} // namespace sqlsnap

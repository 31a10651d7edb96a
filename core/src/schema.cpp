#include "schema.h"

#include "sqlitedb.h"

#include <sqlite3.h>

namespace sqlsnap {

QString columnText(sqlite3_stmt* stmt, int column) {
    return QString::fromUtf8(reinterpret_cast<const char*>(sqlite3_column_text(stmt, column)),
                             sqlite3_column_bytes(stmt, column));
}

Expected<QList<TableInfo>> readTableList(sqlite3* db, const QString& context, const QString& onlyTable) {
    // pragma_table_list(?1) looks up one name instead of listing every table.
    auto stmt = Statement::prepare(
        db, QStringLiteral("SELECT l.name, l.type, l.wr, l.strict, coalesce(s.sql, '') "
                           "FROM %1 AS l LEFT JOIN sqlite_schema AS s ON s.name = l.name "
                           "WHERE l.schema = 'main' AND l.type IN ('table', 'view') "
                           "AND l.name NOT LIKE 'sqlite\\_%' ESCAPE '\\' ORDER BY l.type, l.name")
                .arg(onlyTable.isEmpty() ? QStringLiteral("pragma_table_list")
                                         : QStringLiteral("pragma_table_list(?1)")));
    if (!stmt)
        return Error{stmt.error().kind, context + QStringLiteral(": ") + stmt.error().message};
    const QByteArray name = onlyTable.toUtf8();
    if (!onlyTable.isEmpty())
        sqlite3_bind_text(stmt->get(), 1, name.constData(), int(name.size()), SQLITE_TRANSIENT);
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
        return sqliteError(db, rc, context);
    return tables;
}

Expected<QList<ColumnInfo>> readColumns(sqlite3* db, const QString& table, const QString& context) {
    auto stmt = Statement::prepare(
        db, QStringLiteral("SELECT name, type, pk, \"notnull\", hidden FROM pragma_table_xinfo(?1)"));
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
        return sqliteError(db, rc, context);
    return columns;
}

} // namespace sqlsnap

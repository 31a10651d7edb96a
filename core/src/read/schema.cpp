#include "read/schema.h"

#include "base/sqlitedb.h"

#include <QRegularExpression>

#include <sqlite3.h>

namespace sqlsnap {

QString withoutContext(const QString& message, const QString& context) {
    const QString prefix = context + QStringLiteral(": ");
    return message.startsWith(prefix) ? message.mid(prefix.size()) : message;
}

QString columnText(sqlite3_stmt* stmt, int column) {
    return QString::fromUtf8(reinterpret_cast<const char*>(sqlite3_column_text(stmt, column)),
                             sqlite3_column_bytes(stmt, column));
}

namespace {
// CREATE VIRTUAL TABLE x USING fts5(…): "fts5".
QString moduleOf(const QString& sql) {
    static const QRegularExpression usingModule(QStringLiteral("\\bUSING\\s+[\"'`\\[]?(\\w+)"),
                                                QRegularExpression::CaseInsensitiveOption);
    return usingModule.match(sql).captured(1);
}
} // namespace

Expected<QList<TableInfo>> readTableList(sqlite3* db, const QString& context, const QString& onlyTable) {
    // pragma_table_list(?1) looks up one name instead of listing every table. It lists a view over a
    // dropped table and a virtual table whose module is missing without failing (ncol 0): their columns
    // are read later, one entry at a time, so one broken entry never hides the others.
    auto stmt = Statement::prepare(
        db,
        QStringLiteral("SELECT l.name, l.type, l.wr, l.strict, coalesce(s.sql, '') "
                       "FROM %1 AS l LEFT JOIN sqlite_schema AS s ON s.name = l.name "
                       "WHERE l.schema = 'main' AND l.type IN ('table', 'view', 'virtual', 'shadow') "
                       "AND l.name NOT LIKE 'sqlite\\_%' ESCAPE '\\' "
                       "ORDER BY CASE l.type WHEN 'table' THEN 0 WHEN 'virtual' THEN 1 WHEN 'view' THEN 2 "
                       "ELSE 3 END, l.name")
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
        if (t.type == QLatin1String("virtual"))
            t.module = moduleOf(t.sql);
        tables << t;
    }
    if (rc != SQLITE_DONE)
        return sqliteError(db, rc, context);
    // A shadow table belongs to the virtual table whose name is its prefix (docs -> docs_content).
    QStringList virtualNames;
    if (onlyTable.isEmpty()) {
        for (const TableInfo& t : std::as_const(tables))
            if (t.type == QLatin1String("virtual"))
                virtualNames << t.name;
    } else if (!tables.isEmpty() && tables.first().type == QLatin1String("shadow")) {
        auto all = readTableList(db, context);
        if (all)
            for (const TableInfo& t : std::as_const(*all))
                if (t.type == QLatin1String("virtual"))
                    virtualNames << t.name;
    }
    for (TableInfo& t : tables) {
        if (t.type != QLatin1String("shadow"))
            continue;
        for (const QString& v : std::as_const(virtualNames))
            if (t.name.startsWith(v + QLatin1Char('_'), Qt::CaseInsensitive) && v.size() > t.shadowOf.size())
                t.shadowOf = v;
    }
    return tables;
}

Expected<QList<ColumnInfo>> readColumns(sqlite3* db, const QString& table, const QString& context) {
    auto stmt = Statement::prepare(
        db, QStringLiteral("SELECT name, type, pk, \"notnull\", hidden FROM pragma_table_xinfo(?1)"));
    if (!stmt)
        return Error{stmt.error().kind, context + QStringLiteral(": ") + stmt.error().message};
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

#include "sqlitesnapshot/reader.h"

#include "sqlitesnapshot/databasefiles.h"

#include "base/sqlitedb.h"
#include "base/task.h"
#include "read/readerimpl.h"
#include "read/schema.h"

#include <sqlite3.h>

namespace sqlsnap {

QVariant columnValue(sqlite3_stmt* stmt, int column) {
    switch (sqlite3_column_type(stmt, column)) {
    case SQLITE_INTEGER:
        return QVariant::fromValue<qint64>(sqlite3_column_int64(stmt, column));
    case SQLITE_FLOAT:
        return sqlite3_column_double(stmt, column);
    case SQLITE_TEXT:
        return columnText(stmt, column);
    case SQLITE_BLOB: {
        const void* data = sqlite3_column_blob(stmt, column);
        return QByteArray(static_cast<const char*>(data), sqlite3_column_bytes(stmt, column));
    }
    default:
        return QVariant();
    }
}

void bindValue(sqlite3_stmt* stmt, int parameter, const QVariant& value) {
    switch (value.typeId()) {
    case QMetaType::LongLong:
        sqlite3_bind_int64(stmt, parameter, value.toLongLong());
        break;
    case QMetaType::Double:
        sqlite3_bind_double(stmt, parameter, value.toDouble());
        break;
    case QMetaType::QString: {
        const QByteArray text = value.toString().toUtf8();
        sqlite3_bind_text(stmt, parameter, text.constData(), int(text.size()), SQLITE_TRANSIENT);
        break;
    }
    case QMetaType::QByteArray: {
        const QByteArray blob = value.toByteArray();
        sqlite3_bind_blob(stmt, parameter, blob.constData(), int(blob.size()), SQLITE_TRANSIENT);
        break;
    }
    default:
        sqlite3_bind_null(stmt, parameter);
    }
}

QString selectList(const TableSchema& schema, const QString& qualifier) {
    QStringList columns;
    for (const ColumnInfo& c : schema.table.columns)
        columns << qualifier + quoteIdentifier(c.name);
    if (columns.isEmpty())
        columns << qualifier + QStringLiteral("*");
    return columns.join(QStringLiteral(", "));
}

QString whereClause(const QStringList& conditions) {
    QStringList present;
    for (const QString& c : conditions)
        if (!c.isEmpty())
            present << c;
    return present.isEmpty() ? QString() : QStringLiteral(" WHERE ") + present.join(QStringLiteral(" AND "));
}

SnapshotReader::SnapshotReader(std::unique_ptr<Impl> impl) : m_impl(std::move(impl)) {}
SnapshotReader::~SnapshotReader() = default;

const QString& SnapshotReader::path() const {
    return m_impl->db.path();
}

Expected<std::unique_ptr<SnapshotReader>> SnapshotReader::open(const QString& path) {
    auto files = inspectDatabase(path);
    if (!files)
        return files.error();
    if (files->header.isWal() || files->find(FileKind::Wal) || files->find(FileKind::Journal))
        return Error{ErrorKind::InvalidArgument,
                     QStringLiteral("not a self-contained snapshot (it needs its -wal or -journal): %1")
                         .arg(files->databasePath)};
    auto db = SqliteDb::open(files->databasePath, SQLITE_OPEN_READONLY);
    if (!db)
        return db.error();
    registerFilterFunctions(db->get());
    if (auto s = db->exec(QStringLiteral("PRAGMA query_only=1")); !s)
        return s.error();
    // Proves it is readable now, with a clear error, instead of at the first page.
    if (auto s = db->queryInt(QStringLiteral("SELECT count(*) FROM sqlite_schema")); !s)
        return s.error();
    return std::unique_ptr<SnapshotReader>(new SnapshotReader(std::make_unique<Impl>(std::move(*db))));
}

Expected<QList<TableInfo>> SnapshotReader::tables(const CancelToken& cancel) {
    const Impl::Call call(*m_impl, cancel);
    if (call.cancelled())
        return Task::cancelledError();
    auto list = readTableList(m_impl->db.get(), m_impl->db.path());
    if (!list)
        return list;
    // Only a view or a virtual table can be unreadable while the schema parses (a view over a dropped
    // table, a module this SQLite lacks): try their columns, so the entry can say why.
    for (TableInfo& t : *list) {
        if (t.type != QLatin1String("view") && t.type != QLatin1String("virtual"))
            continue;
        auto columns = readColumns(m_impl->db.get(), t.name, m_impl->db.path());
        if (!columns && columns.error().kind == ErrorKind::Cancelled)
            return columns.error();
        if (!columns)
            t.error = withoutContext(columns.error().message, m_impl->db.path());
    }
    return list;
}

Expected<TableSchema> SnapshotReader::schema(const QString& table, const CancelToken& cancel) {
    const Impl::Call call(*m_impl, cancel);
    if (call.cancelled())
        return Task::cancelledError();
    auto found = table.isEmpty() ? Expected<QList<TableInfo>>(QList<TableInfo>())
                                 : readTableList(m_impl->db.get(), m_impl->db.path(), table);
    if (!found)
        return found.error();
    if (found->isEmpty())
        return Error{ErrorKind::InvalidArgument, QStringLiteral("no table or view named %1").arg(table)};
    TableSchema schema;
    schema.table = found->first();

    sqlite3* db = m_impl->db.get();
    auto columns = readColumns(db, table, m_impl->db.path());
    if (!columns) {
        if (columns.error().kind == ErrorKind::Cancelled)
            return columns.error();
        // A view over a dropped table, a virtual table whose module is missing: the entry is still shown
        // (its CREATE statement, indexes, triggers), with the reason its rows cannot be read.
        schema.table.error = withoutContext(columns.error().message, m_impl->db.path());
        return schema;
    }
    schema.table.columns = *columns;
    const QByteArray name = table.toUtf8();
    int rc;

    auto indexes = Statement::prepare(
        db, QStringLiteral("SELECT l.name, l.\"unique\", l.origin, coalesce(s.sql, ''), "
                           "(SELECT group_concat(coalesce(i.name, '<expression>'), ', ') "
                           "   FROM pragma_index_info(l.name) AS i) "
                           "FROM pragma_index_list(?1) AS l LEFT JOIN sqlite_schema AS s ON s.name = l.name "
                           "ORDER BY l.name"));
    if (!indexes)
        return indexes.error();
    sqlite3_bind_text(indexes->get(), 1, name.constData(), int(name.size()), SQLITE_TRANSIENT);
    while ((rc = sqlite3_step(indexes->get())) == SQLITE_ROW) {
        IndexInfo index;
        index.name = columnText(indexes->get(), 0);
        index.unique = sqlite3_column_int(indexes->get(), 1) != 0;
        index.origin = columnText(indexes->get(), 2);
        index.sql = columnText(indexes->get(), 3);
        index.columns = columnText(indexes->get(), 4).split(QStringLiteral(", "), Qt::SkipEmptyParts);
        schema.indexes << index;
    }
    if (rc != SQLITE_DONE)
        return m_impl->error(rc);

    auto triggers = Statement::prepare(
        db, QStringLiteral(
                "SELECT sql FROM sqlite_schema WHERE type = 'trigger' AND tbl_name = ?1 ORDER BY name"));
    if (!triggers)
        return triggers.error();
    sqlite3_bind_text(triggers->get(), 1, name.constData(), int(name.size()), SQLITE_TRANSIENT);
    while ((rc = sqlite3_step(triggers->get())) == SQLITE_ROW)
        schema.triggers << columnText(triggers->get(), 0);
    if (rc != SQLITE_DONE)
        return m_impl->error(rc);

    if (schema.table.type == QStringLiteral("table") && !schema.table.withoutRowid) {
        for (const char* candidate : {"rowid", "_rowid_", "oid"}) {
            const QString c = QString::fromLatin1(candidate);
            bool shadowed = false;
            for (const ColumnInfo& column : schema.table.columns)
                shadowed = shadowed || column.name.compare(c, Qt::CaseInsensitive) == 0;
            if (!shadowed) {
                schema.rowidName = c;
                break;
            }
        }
    }
    return schema;
}

Expected<RowPage> SnapshotReader::rowsAfterKey(const TableSchema& schema, const RowFilter& filter,
                                               std::optional<qint64> afterKey, int limit,
                                               const CancelToken& cancel) {
    const Impl::Call call(*m_impl, cancel);
    if (call.cancelled())
        return Task::cancelledError();
    if (schema.rowidName.isEmpty())
        return Error{ErrorKind::InvalidArgument, QStringLiteral("%1 has no rowid").arg(schema.table.name)};
    const QString sql =
        QStringLiteral("SELECT %1, %2 FROM %3%4 ORDER BY %1 LIMIT ?3")
            .arg(schema.rowidName, selectList(schema), quoteIdentifier(schema.table.name),
                 whereClause({afterKey ? schema.rowidName + QStringLiteral(" > ?2") : QString(),
                              filterCondition(schema, filter)}));
    return m_impl->readPage(sql, schema, filter, afterKey, 0, limit, true);
}

Expected<RowPage> SnapshotReader::lastRows(const TableSchema& schema, const RowFilter& filter, int limit,
                                           const CancelToken& cancel) {
    const Impl::Call call(*m_impl, cancel);
    if (call.cancelled())
        return Task::cancelledError();
    if (schema.rowidName.isEmpty())
        return Error{ErrorKind::InvalidArgument, QStringLiteral("%1 has no rowid").arg(schema.table.name)};
    const QString sql =
        QStringLiteral("SELECT * FROM (SELECT %1 AS k_, %2 FROM %3%4 ORDER BY %1 DESC LIMIT ?3) "
                       "ORDER BY k_")
            .arg(schema.rowidName, selectList(schema), quoteIdentifier(schema.table.name),
                 whereClause({filterCondition(schema, filter)}));
    auto page = m_impl->readPage(sql, schema, filter, std::nullopt, 0, limit, true);
    if (page)
        page->atEnd = true;
    return page;
}

Expected<RowPage> SnapshotReader::rowsAt(const TableSchema& schema, const RowFilter& filter,
                                         const PositionIndex* index, qint64 position, int limit,
                                         const CancelToken& cancel) {
    const Impl::Call call(*m_impl, cancel);
    if (call.cancelled())
        return Task::cancelledError();
    if (!schema.rowidName.isEmpty() && index && index->stride > 0) {
        const qint64 anchor = position / index->stride;
        if (anchor >= index->anchors.size())
            return RowPage{{}, {}, true};
        const qint64 skip = position % index->stride;
        const QString sql = QStringLiteral("SELECT %1, %2 FROM %3%4 ORDER BY %1 LIMIT ?3 OFFSET ?4")
                                .arg(schema.rowidName, selectList(schema), quoteIdentifier(schema.table.name),
                                     whereClause({schema.rowidName + QStringLiteral(" >= ?2"),
                                                  filterCondition(schema, filter)}));
        return m_impl->readPage(sql, schema, filter, index->anchors[anchor], skip, limit, true);
    }
    const bool keyed = !schema.rowidName.isEmpty();
    const QString sql =
        QStringLiteral("SELECT %1%2 FROM %3%4%5 LIMIT ?3 OFFSET ?4")
            .arg(keyed ? schema.rowidName + QStringLiteral(", ") : QString(), selectList(schema),
                 quoteIdentifier(schema.table.name), whereClause({filterCondition(schema, filter)}),
                 keyed ? QStringLiteral(" ORDER BY ") + schema.rowidName : QString());
    return m_impl->readPage(sql, schema, filter, std::nullopt, position, limit, keyed);
}

Status SnapshotReader::forEachRow(const TableSchema& schema, const RowFilter& filter, const RowOrder& order,
                                  const std::function<bool(const QVariantList&)>& row,
                                  const CancelToken& cancel) {
    const Impl::Call call(*m_impl, cancel);
    if (call.cancelled())
        return Task::cancelledError();
    if (!order.isNone())
        if (auto s = checkOrder(schema, order); !s)
            return s;
    const QString sort = !order.isNone()              ? orderBy(schema, order, false)
                         : schema.rowidName.isEmpty() ? QString()
                                                      : QStringLiteral(" ORDER BY ") + schema.rowidName;
    auto stmt =
        Statement::prepare(m_impl->db.get(), QStringLiteral("SELECT %1 FROM %2%3%4")
                                                 .arg(selectList(schema), quoteIdentifier(schema.table.name),
                                                      whereClause({filterCondition(schema, filter)}), sort));
    if (!stmt)
        return stmt.error();
    bindFilter(stmt->get(), schema, filter);
    const int columns = sqlite3_column_count(stmt->get());
    QVariantList values;
    int rc;
    while ((rc = sqlite3_step(stmt->get())) == SQLITE_ROW) {
        values.clear();
        for (int c = 0; c < columns; ++c)
            values << columnValue(stmt->get(), c);
        if (!row(values))
            return success();
        if (call.cancelled())
            return Task::cancelledError();
    }
    if (rc != SQLITE_DONE)
        return m_impl->error(rc);
    return success();
}

Expected<std::optional<SnapshotReader::RowidRange>> SnapshotReader::rowidRange(const TableSchema& schema,
                                                                               const CancelToken& cancel) {
    const Impl::Call call(*m_impl, cancel);
    if (call.cancelled())
        return Task::cancelledError();
    if (schema.rowidName.isEmpty())
        return std::optional<RowidRange>();
    // Two scalar subqueries: each is one descent of the table's b-tree (min/max optimisation).
    auto stmt = Statement::prepare(m_impl->db.get(),
                                   QStringLiteral("SELECT (SELECT min(%1) FROM %2), (SELECT max(%1) FROM %2)")
                                       .arg(schema.rowidName, quoteIdentifier(schema.table.name)));
    if (!stmt)
        return stmt.error();
    const int rc = sqlite3_step(stmt->get());
    if (rc != SQLITE_ROW)
        return m_impl->error(rc);
    if (sqlite3_column_type(stmt->get(), 0) == SQLITE_NULL)
        return std::optional<RowidRange>();
    return std::optional<RowidRange>(
        RowidRange{sqlite3_column_int64(stmt->get(), 0), sqlite3_column_int64(stmt->get(), 1)});
}

Expected<qint64> SnapshotReader::countRows(const TableSchema& schema, const RowFilter& filter,
                                           const CancelToken& cancel) {
    const Impl::Call call(*m_impl, cancel);
    if (call.cancelled())
        return Task::cancelledError();
    auto stmt =
        Statement::prepare(m_impl->db.get(), QStringLiteral("SELECT count(*) FROM %1%2")
                                                 .arg(quoteIdentifier(schema.table.name),
                                                      whereClause({filterCondition(schema, filter)})));
    if (!stmt)
        return stmt.error();
    bindFilter(stmt->get(), schema, filter);
    const int rc = sqlite3_step(stmt->get());
    if (rc != SQLITE_ROW)
        return m_impl->error(rc);
    return qint64(sqlite3_column_int64(stmt->get(), 0));
}

Expected<qint64> SnapshotReader::positionOfRowid(const TableSchema& schema, const RowFilter& filter,
                                                 qint64 rowid, const CancelToken& cancel) {
    if (schema.rowidName.isEmpty())
        return Error{ErrorKind::InvalidArgument,
                     QStringLiteral("%1 has no rowid").arg(quoteIdentifier(schema.table.name))};
    const Impl::Call call(*m_impl, cancel);
    if (call.cancelled())
        return Task::cancelledError();
    auto stmt = Statement::prepare(
        m_impl->db.get(),
        QStringLiteral("SELECT count(*) FROM %1%2")
            .arg(quoteIdentifier(schema.table.name),
                 whereClause({schema.rowidName + QStringLiteral(" < ?2"), filterCondition(schema, filter)})));
    if (!stmt)
        return stmt.error();
    bindFilter(stmt->get(), schema, filter);
    sqlite3_bind_int64(stmt->get(), 2, rowid);
    const int rc = sqlite3_step(stmt->get());
    if (rc != SQLITE_ROW)
        return m_impl->error(rc);
    return qint64(sqlite3_column_int64(stmt->get(), 0));
}

Expected<PositionIndex> SnapshotReader::buildPositionIndex(const TableSchema& schema, const RowFilter& filter,
                                                           int stride, const CancelToken& cancel) {
    const Impl::Call call(*m_impl, cancel);
    if (call.cancelled())
        return Task::cancelledError();
    if (schema.rowidName.isEmpty() || stride <= 0)
        return Error{ErrorKind::InvalidArgument, QStringLiteral("%1 has no rowid").arg(schema.table.name)};
    auto stmt =
        Statement::prepare(m_impl->db.get(), QStringLiteral("SELECT %1 FROM %2%3 ORDER BY %1")
                                                 .arg(schema.rowidName, quoteIdentifier(schema.table.name),
                                                      whereClause({filterCondition(schema, filter)})));
    if (!stmt)
        return stmt.error();
    bindFilter(stmt->get(), schema, filter);
    PositionIndex index;
    index.stride = stride;
    int rc;
    qint64 n = 0;
    while ((rc = sqlite3_step(stmt->get())) == SQLITE_ROW) {
        if (n % stride == 0)
            index.anchors << sqlite3_column_int64(stmt->get(), 0);
        ++n;
    }
    if (rc != SQLITE_DONE)
        return m_impl->error(rc);
    index.rowCount = n;
    return index;
}

} // namespace sqlsnap

// SnapshotReader's pages in the order of a column: by key, by offset, from the end, and through a
// SortedOrder's scratch database.
#include "sqlitesnapshot/reader.h"
#include "sqlitesnapshot/sortedorder.h"

#include "read/readerimpl.h"

namespace sqlsnap {

Status checkOrder(const TableSchema& schema, const RowOrder& order) {
    for (const ColumnInfo& c : schema.table.columns)
        if (c.name == order.column)
            return success();
    return Error{ErrorKind::InvalidArgument,
                 QStringLiteral("%1 has no column named %2").arg(schema.table.name, order.column)};
}

QString orderBy(const TableSchema& schema, const RowOrder& order, bool reversed) {
    const QString direction = order.descending != reversed ? QStringLiteral(" DESC") : QString();
    QString text = QStringLiteral(" ORDER BY ") + quoteIdentifier(order.column) + direction;
    if (!schema.rowidName.isEmpty())
        text += QStringLiteral(", ") + schema.rowidName + direction;
    return text;
}

namespace {

// The leading part of a keyed select: the rowid first when there is one.
QString keyedSelect(const TableSchema& schema) {
    return QStringLiteral("SELECT %1%2 FROM %3")
        .arg(schema.rowidName.isEmpty() ? QString() : schema.rowidName + QStringLiteral(", "),
             selectList(schema), quoteIdentifier(schema.table.name));
}

} // namespace

Expected<RowPage> SnapshotReader::rowsAfterOrderKey(const TableSchema& schema, const RowFilter& filter,
                                                    const RowOrder& order,
                                                    const std::optional<OrderKey>& after, int limit,
                                                    const CancelToken& cancel) {
    const Impl::Call call(*m_impl, cancel);
    if (call.cancelled())
        return Task::cancelledError();
    if (schema.rowidName.isEmpty())
        return Error{ErrorKind::InvalidArgument, QStringLiteral("%1 has no rowid").arg(schema.table.name)};
    if (auto s = checkOrder(schema, order); !s)
        return s.error();
    // The order is two runs: the NULLs (by rowid) and the values (by value, rowid); NULLs come first
    // ascending, last descending. A key continues its own run, then the runs after it start from their
    // first row. Within the values, `(col, rowid) > (?, ?)` is a seek an index on the column serves.
    const QString column = quoteIdentifier(order.column);
    const QString rowid = schema.rowidName;
    const QString less = order.descending ? QStringLiteral("<") : QStringLiteral(">");
    const bool nullsFirst = !order.descending;
    enum Run { Nulls, Values, Whole };
    // From the first row: one query over the whole order (one scan without an index, not two).
    QList<Run> runs = !after       ? QList<Run>{Whole}
                      : nullsFirst ? QList<Run>{Nulls, Values}
                                   : QList<Run>{Values, Nulls};
    if (after) {
        const Run own = after->value.isValid() ? Values : Nulls;
        while (runs.first() != own)
            runs.removeFirst();
    }
    RowPage page;
    bool keyed = after.has_value();
    for (const Run run : runs) {
        const int wanted = limit - int(page.rows.size());
        if (wanted <= 0)
            break;
        QString condition, sort;
        const QString direction = order.descending ? QStringLiteral(" DESC") : QString();
        if (run == Whole) {
            sort = orderBy(schema, order, false);
        } else if (run == Nulls) {
            condition = column + QStringLiteral(" IS NULL");
            if (keyed)
                condition += QStringLiteral(" AND %1 %2 ?3").arg(rowid, less);
            sort = QStringLiteral(" ORDER BY ") + rowid + direction;
        } else {
            condition = keyed ? QStringLiteral("(%1, %2) %3 (?2, ?3)").arg(column, rowid, less)
                              : column + QStringLiteral(" IS NOT NULL");
            sort = orderBy(schema, order, false);
        }
        auto stmt = Statement::prepare(m_impl->db.get(),
                                       keyedSelect(schema) +
                                           whereClause({condition, filterCondition(schema, filter)}) + sort +
                                           QStringLiteral(" LIMIT ?4"));
        if (!stmt)
            return stmt.error();
        bindFilter(stmt->get(), schema, filter);
        if (keyed) {
            if (run == Values)
                bindValue(stmt->get(), 2, after->value);
            sqlite3_bind_int64(stmt->get(), 3, after->rowid);
        }
        sqlite3_bind_int64(stmt->get(), 4, wanted);
        auto part = m_impl->readPage(stmt->get(), wanted, true);
        if (!part)
            return part.error();
        page.keys += part->keys;
        page.rows += part->rows;
        keyed = false; // the next run starts from its first row
    }
    page.atEnd = page.rows.size() < limit;
    return page;
}

Expected<RowPage> SnapshotReader::rowsAtOrderOffset(const TableSchema& schema, const RowFilter& filter,
                                                    const RowOrder& order, qint64 offset, int limit,
                                                    const CancelToken& cancel) {
    const Impl::Call call(*m_impl, cancel);
    if (call.cancelled())
        return Task::cancelledError();
    if (auto s = checkOrder(schema, order); !s)
        return s.error();
    const QString sql = keyedSelect(schema) + whereClause({filterCondition(schema, filter)}) +
                        orderBy(schema, order, false) + QStringLiteral(" LIMIT ?3 OFFSET ?4");
    return m_impl->readPage(sql, schema, filter, std::nullopt, offset, limit, !schema.rowidName.isEmpty());
}

Expected<RowPage> SnapshotReader::rowsBeforeOrderEnd(const TableSchema& schema, const RowFilter& filter,
                                                     const RowOrder& order, qint64 fromEnd, int limit,
                                                     const CancelToken& cancel) {
    const Impl::Call call(*m_impl, cancel);
    if (call.cancelled())
        return Task::cancelledError();
    if (auto s = checkOrder(schema, order); !s)
        return s.error();
    // The reversed order (both directions flipped) read from its start, then turned around.
    const QString sql = keyedSelect(schema) + whereClause({filterCondition(schema, filter)}) +
                        orderBy(schema, order, true) + QStringLiteral(" LIMIT ?3 OFFSET ?4");
    auto page =
        m_impl->readPage(sql, schema, filter, std::nullopt, fromEnd, limit, !schema.rowidName.isEmpty());
    if (!page)
        return page;
    std::reverse(page->keys.begin(), page->keys.end());
    std::reverse(page->rows.begin(), page->rows.end());
    page->atEnd = fromEnd == 0;
    return page;
}

Expected<RowPage> SnapshotReader::rowsOfSortedOrder(const SortedOrder& sorted, qint64 position, int limit,
                                                    const CancelToken& cancel) {
    const Impl::Call call(*m_impl, cancel);
    if (call.cancelled())
        return Task::cancelledError();
    sqlite3* db = m_impl->db.get();
    if (m_impl->attachedOrder != sorted.scratchPath()) {
        // One order at a time: the previous one's scratch file may be gone already (unlinked while
        // attached, which POSIX allows), so it is let go first. The connection is read-only, and so is
        // everything it attaches.
        if (!m_impl->attachedOrder.isEmpty()) {
            if (auto s = m_impl->db.exec(QStringLiteral("DETACH DATABASE sorted")); !s)
                return s.error();
            m_impl->attachedOrder.clear();
        }
        auto attach = Statement::prepare(db, QStringLiteral("ATTACH DATABASE ?1 AS sorted"));
        if (!attach)
            return attach.error();
        const QByteArray path = sorted.scratchPath().toUtf8();
        sqlite3_bind_text(attach->get(), 1, path.constData(), int(path.size()), SQLITE_TRANSIENT);
        if (const int rc = sqlite3_step(attach->get()); rc != SQLITE_DONE)
            return m_impl->error(rc);
        m_impl->attachedOrder = sorted.scratchPath();
    }
    const TableSchema& schema = sorted.schema();
    QString sql;
    if (sorted.holdsRows()) {
        sql = QStringLiteral("SELECT * FROM sorted.o WHERE rowid > ?4 ORDER BY rowid LIMIT ?3");
    } else {
        // The scratch table drives (CROSS JOIN keeps it outer): `limit` rowid lookups in the snapshot.
        sql = QStringLiteral("SELECT t.%1, %2 FROM sorted.o CROSS JOIN main.%3 AS t ON t.%1 = o.r "
                             "WHERE o.rowid > ?4 ORDER BY o.rowid LIMIT ?3")
                  .arg(schema.rowidName, selectList(schema, QStringLiteral("t.")),
                       quoteIdentifier(schema.table.name));
    }
    return m_impl->readPage(sql, schema, RowFilter{}, std::nullopt, position, limit, !sorted.holdsRows());
}

} // namespace sqlsnap

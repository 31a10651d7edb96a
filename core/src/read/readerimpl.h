// The inside of a SnapshotReader, shared by the files that implement its calls (reader.cpp: tables,
// schema and rowid-ordered pages; orderedrows.cpp: pages in the order of a column).
#pragma once

#include "sqlitesnapshot/reader.h"

#include "base/sqlitedb.h"
#include "base/task.h"

#include <sqlite3.h>

namespace sqlsnap {

// A column of the current row as the QVariant RowPage holds (NULL: an invalid QVariant).
QVariant columnValue(sqlite3_stmt* stmt, int column);
// Binds a value read by columnValue back as SQLite's same storage class.
void bindValue(sqlite3_stmt* stmt, int parameter, const QVariant& value);
// The filter as one SQL condition over the table's columns (each prefixed by `qualifier`, e.g. "t."),
// or empty without a filter. Its values are parameters from ?11 on (rowfilter.cpp), never spliced in.
QString filterCondition(const TableSchema& schema, const RowFilter& filter, const QString& qualifier = {});
// Binds the values of filterCondition(schema, filter).
void bindFilter(sqlite3_stmt* stmt, const TableSchema& schema, const RowFilter& filter);
// regexp(pattern, value), which the filters' /regex/ use (and the REGEXP operator): on every connection
// that evaluates a filter.
void registerFilterFunctions(sqlite3* db);
// The table's columns, quoted and prefixed by `qualifier`, comma-separated.
QString selectList(const TableSchema& schema, const QString& qualifier = {});
// Whether `order` names one of the table's columns (InvalidArgument if not).
Status checkOrder(const TableSchema& schema, const RowOrder& order);
// " ORDER BY col [DESC], rowid [DESC]", both directions flipped when `reversed`.
QString orderBy(const TableSchema& schema, const RowOrder& order, bool reversed);
// " WHERE a AND b" for the non-empty conditions, or nothing.
QString whereClause(const QStringList& conditions);

struct SnapshotReader::Impl {
    SqliteDb db;
    explicit Impl(SqliteDb&& d) : db(std::move(d)) {}

    // One call, watched by the caller's token for as long as it runs (polled by SQLite's progress
    // handler, and sqlite3_interrupt at once on cancel). Nothing carries over to the next call.
    class Call {
    public:
        Call(Impl& impl, const CancelToken& token) : m_impl(impl), m_task(token) {
            m_impl.db.watchCancellation(&m_task);
        }
        ~Call() { m_impl.db.watchCancellation(nullptr); }
        bool cancelled() const { return m_task.cancelled(); }

    private:
        Impl& m_impl;
        Task m_task;
    };

    Error error(int rc) { return sqliteError(db.get(), rc, db.path()); }

    // Steps `stmt` (bound already) into a page: the first column is the rowid when `keyed`.
    Expected<RowPage> readPage(sqlite3_stmt* stmt, int limit, bool keyed) {
        RowPage page;
        const int columns = sqlite3_column_count(stmt);
        const int first = keyed ? 1 : 0;
        int rc;
        while ((rc = sqlite3_step(stmt)) == SQLITE_ROW) {
            if (keyed)
                page.keys << sqlite3_column_int64(stmt, 0);
            QVariantList row;
            row.reserve(columns - first);
            for (int c = first; c < columns; ++c)
                row << columnValue(stmt, c);
            page.rows << row;
        }
        if (rc != SQLITE_DONE)
            return error(rc);
        page.atEnd = page.rows.size() < limit;
        return page;
    }

    // The filter's values, `key` as ?2, the limit as ?3 and the offset as ?4.
    Expected<RowPage> readPage(const QString& sql, const TableSchema& schema, const RowFilter& filter,
                               std::optional<qint64> key, qint64 offset, int limit, bool keyed) {
        auto stmt = Statement::prepare(db.get(), sql);
        if (!stmt)
            return stmt.error();
        bindFilter(stmt->get(), schema, filter);
        if (key)
            sqlite3_bind_int64(stmt->get(), 2, *key);
        sqlite3_bind_int64(stmt->get(), 3, limit);
        sqlite3_bind_int64(stmt->get(), 4, offset);
        return readPage(stmt->get(), limit, keyed);
    }

    // The scratch database of the sorted order attached now (as "sorted"), if any: one at a time.
    QString attachedOrder;
};

} // namespace sqlsnap

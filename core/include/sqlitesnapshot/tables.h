// Listing what a database holds: tables and views with row counts and columns.
#pragma once

#include "error.h"
#include "progress.h"

#include <QList>
#include <QString>
#include <QStringList>

namespace sqlsnap {

struct ColumnInfo {
    QString name;
    QString type;
    bool primaryKey = false;
    bool notNull = false;
    bool hidden = false; // generated or hidden column
};

struct TableInfo {
    QString name;
    QString type; // "table" or "view"
    bool withoutRowid = false;
    bool strict = false;
    qint64 rowCount = -1; // -1 when counting failed (a view over a missing table, say)
    QList<ColumnInfo> columns;
    QString sql; // the CREATE statement
};

// Opens `path` read-only. A database with a -wal or -journal beside it is first copied into a private
// staging folder (as for a snapshot), so a live source is never opened. Counts rows unless told not to.
Expected<QList<TableInfo>> listTables(const QString& path, bool countRows = true,
                                      ProgressSink* sink = nullptr);

// "name" with embedded quotes doubled: safe for any identifier in SQL text.
QString quoteIdentifier(const QString& name);

} // namespace sqlsnap

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
    // "table", "view", "virtual" (CREATE VIRTUAL TABLE: FTS5, R-Tree, …) or "shadow" (a table a
    // virtual table keeps its data in, such as an FTS5 table's `docs_content`).
    QString type;
    QString module;   // virtual tables: the module after USING ("fts5", "rtree", …)
    QString shadowOf; // shadow tables: the virtual table that owns it (empty when unknown)
    bool withoutRowid = false;
    bool strict = false;
    qint64 rowCount = -1; // -1 when not counted or counting failed (then `error` says why)
    QList<ColumnInfo> columns;
    QString sql; // the CREATE statement
    // Why this entry's columns or rows could not be read (a view over a dropped table, a virtual table
    // whose module this SQLite lacks). The entry is still listed; the other entries are unaffected.
    QString error;
};

// Opens `path` read-only. A database with a -wal or -journal beside it is first copied into a private
// staging folder (as for a snapshot), so a live source is never opened. Counts rows unless told not to.
Expected<QList<TableInfo>> listTables(const QString& path, bool countRows = true,
                                      ProgressSink* sink = nullptr);

// "name" with embedded quotes doubled: safe for any identifier in SQL text.
QString quoteIdentifier(const QString& name);

// The version of the SQLite library the engine runs on ("3.40.1"), so that no caller needs SQLite's
// header to say it.
QString sqliteLibraryVersion();

} // namespace sqlsnap

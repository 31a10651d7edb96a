// Reading a database's table list and columns: shared by listTables() and SnapshotReader.
#pragma once

#include "sqlitesnapshot/tables.h"

struct sqlite3;
struct sqlite3_stmt;

namespace sqlsnap {

// `message` without the leading "CONTEXT: " that sqliteError() puts in front: the bare reason, for an
// entry that carries its own error (a broken view, a missing module).
QString withoutContext(const QString& message, const QString& context);

// A text column of the current row, as UTF-8 with its exact length (embedded NULs kept).
QString columnText(sqlite3_stmt* stmt, int column);

// Tables and views of the main schema (not sqlite_*), ordered by type then name, without columns or
// counts; with `onlyTable`, just that one (SQLite's case-insensitive name match), or none. `context`
// names the database in errors.
Expected<QList<TableInfo>> readTableList(sqlite3* db, const QString& context, const QString& onlyTable = {});
// The columns of one table or view, hidden and generated ones included (pragma_table_xinfo).
Expected<QList<ColumnInfo>> readColumns(sqlite3* db, const QString& table, const QString& context);

} // namespace sqlsnap

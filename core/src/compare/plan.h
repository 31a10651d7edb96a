// What a comparison reads before any row: both schemas, what changed in them, and per table how its rows
// are matched (the key) and which columns are compared.
#pragma once

#include "sqlitesnapshot/compare.h"

#include "base/sqlitedb.h"

namespace sqlsnap::compare {

struct Schema {
    QList<SchemaObject> objects; // by type, then name
    int encoding = 1;            // 1 UTF-8, 2 UTF-16le, 3 UTF-16be
    const SchemaObject* find(const QString& type, const QString& name) const;
};

Expected<Schema> readSchema(SqliteDb& db, const QString& context);
QList<SchemaChange> schemaChanges(const Schema& a, const Schema& b);

// SQLite's way of matching names: ASCII letters without regard to case.
QString foldName(const QString& name);

// How a key column's values are ordered: the collations SQLite builds in.
enum class Collation { Binary, NoCase, Rtrim };

// How one side's rows are read for the merge: SELECT <key values>, <rowid or NULL>, <its columns>.
struct SideQuery {
    bool present = false;
    bool hasRowid = false;
    QString rowidName;
    QStringList keyExpressions; // quoted; with a rowid tie-break last when `tieBreak`
    bool tieBreak = false;      // the rowid after the PRIMARY KEY's columns, compared only after a NULL
    QStringList columns;        // quoted, the side's compared columns
    QString table;              // quoted
    int columnCount() const { return int(columns.size()); }
    int firstColumn() const { return int(keyExpressions.size()) + 1; } // after the keys and the rowid
    int rowidColumn() const { return int(keyExpressions.size()); }
    // `range`: "rowid >= ?1 AND rowid <= ?2" bound per key range (the fast path's); else the whole table.
    QString select(bool ordered, bool range) const;
};

struct TablePlan {
    TableComparison info;
    SideQuery a, b;
    int keyValues = 0; // key columns compared (the PRIMARY KEY's, or 1 for the rowid), without tie-break
    QList<Collation> collations;
    QList<int> commonA, commonB;  // positions in columnsA / columnsB of commonColumns, in that order
    int encoding = 1;             // of the databases (text keys order by it under BINARY)
    quint32 rootA = 0, rootB = 0; // the table's b-tree root page on each side (0: not there)
};

// Every table of A or B with rows of its own (tables and shadow tables; not views, not virtual tables),
// by name, each with its plan. `only`: just those names (InvalidArgument for one neither side has).
Expected<QList<TablePlan>> planTables(SqliteDb& a, const Schema& schemaA, SqliteDb& b, const Schema& schemaB,
                                      const QStringList& only);

} // namespace sqlsnap::compare

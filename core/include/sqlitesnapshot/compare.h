// Comparing two databases (two snapshots, most often): what changed in the schema, and per table which
// rows were added, removed or changed. docs/library.md ("Comparing two databases") gives the decisions.
//
// Both files are only read: a self-contained file in place (read-only, `immutable=1`, checked unchanged
// afterwards), anything else (a live database with a -wal or journal, a writer's lock) through a private
// staged copy made as for a snapshot. Nothing is ever written beside either file.
//
// Rows are matched by key: the PRIMARY KEY where the table declares one (a WITHOUT ROWID table always
// does), else the rowid. Each side is scanned once in key order and the two scans are merged, so memory
// stays bounded whatever the table's size; the changed rows are never gathered, they are handed out as
// they are found (a visitor) or page by page (RowChangeCursor). Values are compared as SQLite stores them:
// 1, 1.0, '1' and x'31' all differ; NULL equals NULL.
#pragma once

#include "error.h"
#include "progress.h"
#include "structure.h"

#include <QHash>
#include <QList>
#include <QString>
#include <QStringList>
#include <QVariant>

#include <functional>
#include <memory>
#include <optional>

namespace sqlsnap {

// One schema object added, removed or changed (its SQL differs).
struct SchemaChange {
    enum class Kind { Added, Removed, Changed };
    Kind kind = Kind::Changed;
    QString type;      // "table", "virtual" (CREATE VIRTUAL TABLE), "view", "index", "trigger"
    QString name;      // the object's name
    QString table;     // the table it belongs to (an index's or trigger's table; a table's own name)
    QString sqlBefore; // its CREATE statement in A (empty when added)
    QString sqlAfter;  // in B (empty when removed)
};
QString schemaChangeKindName(SchemaChange::Kind kind); // "added", "removed", "changed" (stable, for JSON)

// How the rows of a table are matched between A and B.
enum class RowKey {
    PrimaryKey, // the declared PRIMARY KEY's columns (a rowid table's NULLs in it: tie broken by rowid)
    Rowid,      // the rowid (no PRIMARY KEY, or an INTEGER PRIMARY KEY, which is the rowid)
    None,       // no key both sides share (the key changed, or the table is only on one side): every
                // row of A counts as removed and every row of B as added
};
QString rowKeyName(RowKey key); // "primary_key", "rowid", "none"

// One table that holds rows in A or B (tables and shadow tables of virtual tables; not views, not the
// virtual tables themselves, whose rows are their shadow tables'), and what comparing it found.
struct TableComparison {
    QString name;
    bool inA = false, inB = false;
    bool withoutRowid = false; // in B when there, else in A
    QString shadowOf;          // a shadow table: the virtual table that keeps its data in it
    // The name that reaches the rowid where it is no column of the table's own ("rowid", "_rowid_",
    // "oid"; in B when there, else in A); empty for WITHOUT ROWID tables and INTEGER PRIMARY KEYs.
    QString implicitRowid;
    RowKey key = RowKey::None;
    QStringList keyColumns; // the PRIMARY KEY's columns, or the rowid's name ("rowid", "_rowid_", "oid")
    QStringList columnsA;   // the columns each side stores (generated columns left out)
    QStringList columnsB;
    QStringList typesA;             // each column's declared type ("" when none), as columnsA
    QStringList typesB;             // as columnsB
    QStringList commonColumns;      // in both (matched by name, as SQLite matches names): what is compared
    QStringList columnsOnlyInA;     // dropped between A and B: their values are not compared
    QStringList columnsOnlyInB;     // added: not compared
    bool definitionChanged = false; // the CREATE TABLE differs (columns, types, constraints)
    // Things a reader should know, in one line each: "keyed by rowid, which VACUUM may renumber: …".
    QStringList warnings;

    // Set once the rows have been compared (countRows, or compareDatabases with countRows).
    bool counted = false;
    qint64 rowsAdded = 0;     // in B, not in A
    qint64 rowsRemoved = 0;   // in A, not in B
    qint64 rowsChanged = 0;   // in both, a common column's value differs
    qint64 rowsUnchanged = 0; // in both, every common column the same
    QString error;            // why its rows could not be compared (a collation this program lacks, …)
    // The fast path: both b-trees were walked page by page and the leaves the same on both sides skipped;
    // only the rows under the other pages were merged. False: every row was merged.
    bool unchangedPagesSkipped = false;
    qint64 rowsMerged = 0; // rows read through SQLite, both sides together

    bool hasDifferences() const {
        return rowsAdded || rowsRemoved || rowsChanged || definitionChanged || inA != inB;
    }
};

// One row that differs. Values as RowPage holds them (reader.h): an invalid QVariant is NULL; qint64,
// double, QString and QByteArray the other four storage classes.
struct RowChange {
    enum class Kind { Added, Removed, Changed };
    Kind kind = Kind::Changed;
    QVariantList key; // the key's values (TableComparison::keyColumns); with RowKey::None, empty
    std::optional<qint64> rowidA, rowidB; // the row's rowid on each side, where it has one
    QVariantList before;                  // the row in A, in the order of columnsA (empty when added)
    QVariantList after;                   // the row in B, in the order of columnsB (empty when removed)
    QList<int> changedColumns;            // Changed: indexes into commonColumns of the values that differ
};
QString rowChangeKindName(RowChange::Kind kind); // "added", "removed", "changed"

struct ComparisonSummary {
    QString pathA, pathB;
    bool sameFile = false; // DatabaseComparison::sameFile()
    QList<SchemaChange> schemaChanges;
    QList<TableComparison> tables; // by name
    bool identical() const;        // no schema change and no table with differences
};

// Where a comparison stands: before each table, every few thousand rows, and once at the end
// (tablesDone == tablesTotal).
struct CompareProgress {
    int tablesDone = 0;
    int tablesTotal = 0;
    QString table;       // being compared now (empty at the end)
    qint64 rowsRead = 0; // from both sides, so far
};

struct CompareOptions {
    QStringList tables;    // only these tables (as SQLite matches names); empty: every table
    bool countRows = true; // false: the schema and each table's plan only, no row read
    // Called on the engine's thread once a table's counts are known (the first table's result can show
    // before the second is read); the summary returned at the end holds them all again.
    std::function<void(const TableComparison&)> tableCompared;
    // Each changed row as it is found, in key order, table by table, before that table's tableCompared.
    // Leaving it unset costs nothing: rows are then compared without being copied out.
    std::function<void(const TableComparison&, const RowChange&)> rowChanged;
    std::function<void(const CompareProgress&)> progress;
    // Skip the b-tree pages that are the same in both files (rowid-keyed tables of two snapshots of one
    // database): the same answer as the row merge, at the cost of the changed pages. False: merge every row.
    bool skipUnchangedPages = true;
};

class RowChangeCursor;

// Both databases opened for comparing, for a caller that wants the counts first and the rows later, on
// demand (the app's Compare tab). Calls are synchronous and meant for one thread at a time; every call
// takes a CancelToken (its cancel interrupts SQLite at once, from any thread) and returns Cancelled then.
class DatabaseComparison {
public:
    // Opens A and B (each as described at the top) and compares their schemas; reads no row yet.
    // `sink` sees the staging of a live database (copying) and may cancel.
    static Expected<std::unique_ptr<DatabaseComparison>> open(const QString& pathA, const QString& pathB,
                                                              ProgressSink* sink = nullptr);
    ~DatabaseComparison();
    DatabaseComparison(const DatabaseComparison&) = delete;
    DatabaseComparison& operator=(const DatabaseComparison&) = delete;

    const QString& pathA() const; // as given, made absolute
    const QString& pathB() const;
    // A and B are one file (the same device and inode once each path is resolved to its database: the
    // same path twice, a symlink, a hard link). It is then read once, as one side, so a live database a
    // program writes meanwhile cannot differ from itself; every answer is "no differences".
    bool sameFile() const;
    const QList<SchemaChange>& schemaChanges() const;
    enum class Which { A, B };
    // sqlite_schema of one side (structure.h's SchemaObject; types "table" — shadow tables too —,
    // "virtual", "view", "index", "trigger"; SQLite's own sqlite_* objects left out), by type, then name.
    const QList<SchemaObject>& schemaObjects(Which side) const;
    // Every table of A or B with its plan (key, columns, warnings), by name; not counted yet.
    const QList<TableComparison>& tables() const;

    // Compares the rows of `table` (one of tables()): the counts, and each changed row to `rowChanged`
    // when set, in key order. One scan of each side.
    Expected<TableComparison>
    compareTable(const QString& table, const CancelToken& cancel = {},
                 const std::function<void(const TableComparison&, const RowChange&)>& rowChanged = {});

    // The changed rows of `table`, page by page, in key order: a cursor that goes on where its last page
    // ended (never an OFFSET, never the whole table in memory). It reads this comparison's connections:
    // destroy it before the comparison, and do not interleave it with other calls on another thread.
    // `cancel` stops the walk of the b-tree pages that finds the rows worth merging (the fast path).
    Expected<std::unique_ptr<RowChangeCursor>> changedRows(const QString& table,
                                                           const CancelToken& cancel = {});

    // Every row of `table` on one side, in its rowid order where it has one (the SQL of a table rebuilt
    // in B): values in the order of columnsA or columnsB, and the rowid where the table has one.
    Status forEachRow(Which side, const QString& table,
                      const std::function<void(const QVariantList& row, std::optional<qint64> rowid)>& row,
                      const CancelToken& cancel = {});

    // Whether compareTable and changedRows skip unchanged b-tree pages (CompareOptions::skipUnchangedPages);
    // on by default.
    void setSkipUnchangedPages(bool skip);

    // Whether both files are still as they were when opened (a file read in place that a program
    // changed meanwhile makes every answer since unreliable): Inconsistent otherwise.
    Status checkUnchanged() const;

    struct Impl;

private:
    explicit DatabaseComparison(std::unique_ptr<Impl> impl);
    std::unique_ptr<Impl> m_impl;
};

class RowChangeCursor {
public:
    ~RowChangeCursor();
    RowChangeCursor(const RowChangeCursor&) = delete;
    RowChangeCursor& operator=(const RowChangeCursor&) = delete;

    // Up to `limit` (>= 1) more changed rows; fewer only at the end (then atEnd()).
    Expected<QList<RowChange>> next(int limit, const CancelToken& cancel = {});
    bool atEnd() const;
    const TableComparison& table() const; // the plan; counts so far (complete once atEnd())

    struct Impl;

private:
    friend class DatabaseComparison;
    explicit RowChangeCursor(std::unique_ptr<Impl> impl);
    std::unique_ptr<Impl> m_impl;
};

// The whole comparison in one call (the CLI's `diff`): the schema, then each table in turn (its rows to
// options.rowChanged, then its counts to options.tableCompared). `sink` sees the staging of a live side
// (Copying) and may cancel: the call returns Cancelled within ~100 ms; options.progress says how far the
// rows are.
Expected<ComparisonSummary> compareDatabases(const QString& pathA, const QString& pathB,
                                             const CompareOptions& options = {},
                                             ProgressSink* sink = nullptr);

// The SQL that turns A into B (`diff --sql`), written piece by piece as a comparison streams, so the
// rows are never held: start(); then per table tableStart(), its rows — every row of B through
// insertRow() when rebuilds(), else each change through row() twice: first every change with
// RowPass::Deletes, then every change with RowPass::Writes (so that no INSERT or UPDATE meets a UNIQUE
// value a later DELETE would free) — and at last finish(). Values are exact
// literals (valuetext.h): an INTEGER its digits, a REAL its shortest round-trip text, a BLOB X'…'.
// docs/library.md ("The SQL of a comparison") gives the decisions: foreign keys off and one transaction;
// triggers of a table that changes dropped before its first row and recreated (B's) after the rows; a
// table whose definition changed dropped, created as in B and filled with B's rows.
class ComparisonScript {
public:
    // `tables`: the tables in scope (empty: all); schema changes of objects outside them are left out.
    ComparisonScript(const DatabaseComparison& comparison, const QStringList& tables = {});
    QByteArray start();
    bool rebuilds(const TableComparison& table) const;
    QByteArray tableStart(const TableComparison& table);
    enum class RowPass { Deletes, Writes };
    QByteArray row(const TableComparison& table, const RowChange& change, RowPass pass);
    QByteArray insertRow(const TableComparison& table, const QVariantList& row, std::optional<qint64> rowid);
    QByteArray finish();

    // The whole script for the tables in scope, piece by piece to `out` (the CLI's --sql): the loop above.
    // `differences` (when given) says whether A and B differ in scope.
    static Status write(DatabaseComparison& comparison, const QStringList& tables,
                        const std::function<void(const QByteArray&)>& out, const CancelToken& cancel = {},
                        bool* differences = nullptr);

private:
    bool inScope(const QString& table) const;
    bool recreated(const QString& type, const QString& name) const;
    bool hasUniqueBesidesKey(const TableComparison& table) const;
    const DatabaseComparison& m_comparison;
    QStringList m_tables;
    QStringList m_triggersDropped; // folded names
    QStringList m_tablesRebuilt;   // folded names: their B indexes and triggers are created at the end
    QStringList m_tablesTriggersDropped;
    mutable QHash<QString, bool> m_hasUnique; // folded name → hasUniqueBesidesKey: asked per changed row
};

// The JSON document of a comparison (`diff --json`, the app's Export; docs/cli.md describes it), written
// piece by piece as the comparison streams: the schema changes in scope, then per table its plan, its
// rows (unless `summaryOnly`) and its counts. Once the document has begun (`*begun` true), a failure
// still closes it, with an "error" member. `tableDone` (when set) hears of each table once counted.
class ComparisonDocument {
public:
    static Status write(DatabaseComparison& comparison, const QStringList& tables, bool summaryOnly,
                        const std::function<void(const QByteArray&)>& out, const CancelToken& cancel = {},
                        bool* differences = nullptr, bool* begun = nullptr,
                        const std::function<void(const TableComparison&)>& tableDone = {});
    // Whether a schema change is about one of `tables` (empty: all).
    static bool inScope(const SchemaChange& change, const QStringList& tables);
};

} // namespace sqlsnap

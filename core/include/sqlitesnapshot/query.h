// The read-only SQL console: one statement of the user's, run on a snapshot, its rows read in pages.
//
// WHAT RUNS. One statement that reads: SELECT, WITH … SELECT, VALUES, EXPLAIN and EXPLAIN QUERY PLAN of
// those, and the PRAGMAs that only report (table_info, table_xinfo, table_list, index_list, index_info,
// index_xinfo, foreign_key_list, foreign_key_check, integrity_check, quick_check with their argument;
// page_count, page_size, user_version, journal_mode, … without a value; docs/library.md lists them).
// Everything else is refused by construction, by layers that each hold on their own:
//   1. the first keyword (after EXPLAIN [QUERY PLAN]): INSERT, REPLACE, UPDATE, DELETE, CREATE (TEMP
//      included), DROP, ALTER, ATTACH, DETACH, VACUUM (VACUUM INTO included), BEGIN, COMMIT, END,
//      ROLLBACK, SAVEPOINT, RELEASE, ANALYZE and REINDEX never reach SQLite's parser;
//   2. an authorizer (sqlite3_set_authorizer) that allows only reading, the pragmas above, and every
//      function but load_extension() and fts3_tokenizer() (so `WITH … DELETE`, `PRAGMA user_version=1`,
//      `PRAGMA query_only=0`, `PRAGMA journal_mode=WAL` are denied while the statement is compiled);
//   3. sqlite3_stmt_readonly() must say the compiled statement writes nothing;
//   4. the connection: opened read-only (or immutable), PRAGMA query_only, no ATTACH at all
//      (SQLITE_LIMIT_ATTACHED 0, which also keeps VACUUM INTO from creating its file, as it would even on
//      a read-only connection), extension loading off, SQLITE_DBCONFIG_DEFENSIVE on. Each cursor has a
//      connection of its own, so nothing one statement could set outlives it.
// A refused statement fails with ErrorKind::PermissionDenied and one line that names what was refused:
// "VACUUM INTO is refused: the console only reads; snapshots are never written". Empty SQL (blanks,
// comments, ';' only) and more than one statement are InvalidArgument; SQL errors ("no such table: x",
// syntax errors) are SqliteError with SQLite's words. Trailing blanks, comments and ';' are fine.
//
// ERROR POSITIONS. open() sets `*errorOffset` to where the SQL is at fault, as an index into the QString
// given (the token SQLite names, the refused keyword, the start of a second statement), or -1 when
// unknown. SQLite 3.40 gives no offset for "no such table" and "no such function"; the named word's
// first occurrence in the SQL (outside strings and comments) is taken then.
//
// THREADS AND CANCELLATION. A cursor is used from one thread at a time (a worker: never the GUI thread),
// as SnapshotReader is; it may move between threads between calls. columns(), sql(), canCountRows() and
// knownRowCount() may be read from any thread. Every call takes the caller's CancelToken: once it is
// cancelled, from any thread, the call stops with ErrorKind::Cancelled within milliseconds, a single long
// SQLite step (count(*), a sort, integrity_check) included, and later calls with that token return
// Cancelled at once. A cancelled or failed rows() leaves the cursor usable: its next call re-runs the
// statement as a backward page does.
//
// ROWS. rows(first, count) reads forward from where the statement is: the first page costs what its rows
// cost (SELECT * FROM a 10 M-row table answers in well under a millisecond: nothing is counted or sorted
// first, beyond what the statement itself needs before its first row, such as an ORDER BY on an
// unindexed column). A page at or after the cursor's position() steps over the rows between, without
// reading their values. A page BEFORE position() re-runs the statement from its start (sqlite3_reset) and
// steps to `first`: its cost is that of reading `first` rows again; a grid keeps the pages it has shown.
// Once a call reaches the end, knownRowCount() is set, and a page past it answers at once. RowPage::keys
// stays empty (a statement's rows have no rowid of their own).
#pragma once

#include "error.h"
#include "progress.h"
#include "reader.h"

#include <QList>
#include <QString>

#include <memory>
#include <optional>

namespace sqlsnap {

struct QueryColumn {
    QString name; // the result column's name (sqlite3_column_name): "id", "count(*)", "x AS y" → "y"
    QString declaredType; // the declared type of a column read straight from a table ("INTEGER"), else empty
};

class QueryCursor {
public:
    // Prepares `sql` on a connection of its own to the snapshot at `snapshotPath` (opened as
    // SnapshotReader::open opens it: read-only, refused when the file needs a -wal or journal). Fast: no
    // row is read yet.
    static Expected<std::unique_ptr<QueryCursor>> open(const QString& snapshotPath, const QString& sql,
                                                       const CancelToken& cancel = {},
                                                       int* errorOffset = nullptr);
    // The same for any database, live ones included (the CLI's `query`); the database and its
    // companions are never written and no writer ever waits for us. A rollback-mode file with nothing
    // beside it and no lock held beyond SHARED is read in place without taking a lock (immutable=1) —
    // every call then checks the file is as it was, and a change fails with ErrorKind::Inconsistent
    // (every row returned before was read before it); anything else is copied into a private staging
    // folder until stable (as a snapshot is, strict: ChangedTooOften otherwise) and read there. The
    // folder goes with the cursor. `sink` sees the copy's progress and may cancel it.
    static Expected<std::unique_ptr<QueryCursor>> openDatabase(const QString& path, const QString& sql,
                                                               ProgressSink* sink = nullptr,
                                                               int* errorOffset = nullptr);
    ~QueryCursor();
    QueryCursor(const QueryCursor&) = delete;
    QueryCursor& operator=(const QueryCursor&) = delete;

    const QString& sql() const; // the statement as run: `sql` without leading or trailing blanks and ';'
    const QList<QueryColumn>& columns() const;

    // Rows [first, first + count) (first >= 0, count >= 1; InvalidArgument otherwise). Fewer than `count`
    // (atEnd set) when the statement ends; none past the end.
    Expected<RowPage> rows(qint64 first, int count, const CancelToken& cancel = {});
    // The row the statement stands before: rows(position(), n) steps only n rows.
    qint64 position() const;
    // The number of rows, once a call has reached the end (unset until then).
    std::optional<qint64> knownRowCount() const;

    // SELECT, WITH and VALUES can be counted: SELECT count(*) FROM (<sql>), on a connection of its own,
    // so that the cursor keeps its place. It costs a full run of the statement (without its values);
    // InvalidArgument for EXPLAIN and PRAGMA. The answer does not set knownRowCount(): a statement whose
    // rows depend on random() may count differently than it steps.
    bool canCountRows() const;
    Expected<qint64> countRows(const CancelToken& cancel = {});

private:
    struct Impl;
    explicit QueryCursor(std::unique_ptr<Impl> impl);
    std::unique_ptr<Impl> m_impl;
};

} // namespace sqlsnap

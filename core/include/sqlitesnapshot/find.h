// Finding a text anywhere in a snapshot: every column of every table, matched as the preview's
// all-columns filter matches it (RowFilter::text: "as shown", a BLOB by its hex digits, ASCII letters
// without regard to case), so "which table holds this URL?" needs no knowledge of the schema.
#pragma once

#include "error.h"
#include "progress.h"

#include <QList>
#include <QString>
#include <QStringList>

#include <functional>
#include <optional>

namespace sqlsnap {

struct FindTableResult {
    QString table;
    qint64 hits = 0;   // hits reported (at most limitPerTable)
    bool more = false; // the table holds more matching rows than were reported
    QString error;     // the table could not be read (a view over a dropped table, …); the search goes on
};

// Where the search stands: called before each table and once at the end (tablesDone == tablesTotal).
struct FindProgress {
    int tablesDone = 0;
    int tablesTotal = 0;
    QString table;                           // the table being searched now (empty at the end)
    std::optional<FindTableResult> finished; // the table searched just before (none at the start)
};

struct FindOptions {
    // At most this many hits per table (>= 1); the table is then marked as having more, so a common word
    // cannot flood memory or the screen.
    int limitPerTable = 1000;
    // Views repeat what their tables hold (and may be slow joins): searched only when asked. Shadow tables
    // of virtual tables (an FTS5 table's `docs_content`, …) are never searched: the virtual table itself
    // is, and shows the same data.
    bool includeViews = false;
    // Characters of context on each side of the match in FindHit::excerpt.
    int excerptContext = 30;
    std::function<void(const FindProgress&)> progress; // optional, on the engine's thread
};

// One row that holds the text.
struct FindHit {
    QString table;
    std::optional<qint64> rowid; // tables with a rowid
    // Tables without one (WITHOUT ROWID, views, some virtual tables): the row's 0-based position in the
    // table's own order, as the preview shows it. -1 when the row has a rowid.
    qint64 position = -1;
    QStringList columns; // the columns that contain the text, in the table's order
    // The first matching column's value as shown (a BLOB as hex digits) around the match, "…" where
    // cut, line breaks shown as spaces.
    QString excerpt;
};

struct FindSummary {
    int tablesSearched = 0;
    qint64 hits = 0;
    QList<FindTableResult> tables; // every table searched, in order, with hits or not
};

// Searches the snapshot at `snapshotPath` (opened as SnapshotReader::open opens it: read-only, refused
// when it needs a -wal or journal), one table after another in the order SnapshotReader::tables() lists them
// (the preview's). Each matching row is handed to `hit` as it is found, on the calling thread, grouped by
// table. An empty `text` is InvalidArgument. `sink` may cancel (its token interrupts SQLite at once; a poll
// otherwise): the call then returns Cancelled within ~100 ms, after the hits reported so far. It reports no
// Progress of its own: FindOptions::progress says which table is being searched.
Expected<FindSummary> findInSnapshot(const QString& snapshotPath, const QString& text,
                                     const FindOptions& options,
                                     const std::function<void(const FindHit&)>& hit,
                                     ProgressSink* sink = nullptr);

// The same for any database, live ones included (the CLI's `find`): the database and its companions are
// copied into a private staging folder until stable (as a snapshot is made; `sink` sees that copy's
// progress) and the copy is searched; the source is never opened. The folder is removed afterwards.
Expected<FindSummary> findInDatabase(const QString& path, const QString& text, const FindOptions& options,
                                     const std::function<void(const FindHit&)>& hit,
                                     ProgressSink* sink = nullptr);

} // namespace sqlsnap

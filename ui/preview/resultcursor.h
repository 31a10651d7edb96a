// A console statement's result as its page thread reads it: any page by its row, whatever cursor that
// takes, and the whole count. Used from one thread at a time (a worker: never the GUI thread), as
// QueryCursor is.
//
// A QueryCursor only reads forward: a page ahead of it steps over the rows between (their columns are
// made all the same), a page behind it re-runs the statement. So, behind the cursor, or far ahead of it
// when the statement starts quickly (no sort or aggregate before its first row), a statement that can be
// a subquery (SELECT, WITH, VALUES: QueryCursor::canCountRows()) is opened again as
// `SELECT * FROM (<sql>) LIMIT -1 OFFSET first`: SQLite then skips the rows before without making their
// columns, several times cheaper than stepping over them (bench --only query, "console grid"), and a page
// behind the cursor needs no re-run from the start. EXPLAIN and PRAGMA step forward and re-run to go back.
#pragma once

#include <sqlitesnapshot/query.h>

#include <memory>
#include <optional>

namespace sqlsnap::ui {

class ResultCursor {
public:
    // A statement whose first page took longer than this sorts or aggregates before its first row: far
    // ahead, stepping on beats opening it again (it would sort again).
    static constexpr qint64 kQuickStartMs = 50;

    // `opened`: the statement's cursor on the snapshot at `path`, its first page read in `firstPageMs`.
    ResultCursor(const QString& path, std::unique_ptr<QueryCursor> opened, qint64 firstPageMs);

    const QueryCursor& cursor() const { return *m_cursor; }
    // The result's rows [first, first + count), as QueryCursor::rows() answers them.
    Expected<RowPage> read(qint64 first, int count, const CancelToken& cancel);
    // The result's row count, once a cursor has seen its end.
    std::optional<qint64> knownRows() const;

private:
    void openAt(qint64 first, const CancelToken& cancel);

    QString m_path;
    QString m_sql; // the statement as run (QueryCursor::sql())
    std::unique_ptr<QueryCursor> m_cursor;
    qint64 m_base = 0; // the result's row at the cursor's row 0 (a cursor opened at an OFFSET)
    bool m_canSkip;
    bool m_quickStart;
};

// The rows of `sql` on the snapshot at `path`, on a cursor of its own: SELECT count(*) FROM (<sql>) when
// it can be (QueryCursor::countRows), else by stepping to the end without reading values.
Expected<qint64> countResult(const QString& path, const QString& sql, const CancelToken& cancel);

} // namespace sqlsnap::ui

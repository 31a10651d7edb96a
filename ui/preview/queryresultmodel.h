// The rows of one console statement (a QueryCursor), for a WindowedGrid, read off the GUI thread.
//
// Contract:
// - run() returns at once. On the model's page thread (a ReaderThread used as a plain serial worker: it
//   opens no SnapshotReader) the statement is prepared (QueryCursor::open) and its first page of kPageRows
//   rows read in one job; started() or failed() follows on the GUI thread. The cursor lives on that
//   thread and is used by its jobs only, one after another: never from the GUI thread.
// - The view sees a window of the result: at most windowRows() rows from windowStart() (WindowedRows),
//   so the view's per-row header data never exceeds the window whatever the result's size. Model rows
//   are window-relative: absolute row = windowStart() + row.
// - totalRows() is every row known so far: the rows read (or stepped over) until the count or the end
//   is known, then exact (totalKnown()). Until then the view grows it with canFetchMore()/fetchMore(),
//   one page at a time. totalRowsChanged() says when it changed.
// - When the statement did not end in its first page, a second cursor on a second thread counts it
//   (QueryCursor::countRows, or by stepping for EXPLAIN and PRAGMA), so a count never delays a page.
//   Should the cursor later disagree with the count (a statement using random()), the cursor wins.
// - data() never blocks: a row whose page is not held shows "…" and its page is asked for; dataChanged
//   follows. Pages are read through a ResultCursor (far jumps at an OFFSET, see resultcursor.h). A jump
//   (a page that is not the next) reads kJumpPages pages ending with the one asked for, so scrolling
//   back from there is free, and a page asked for while the view has since gone far elsewhere (a scroll
//   bar dragged) is skipped. At most kCachedPages pages are held (the least recently shown go first).
// - Every job of one run carries that run's CancelToken. run(), cancel() and the destructor cancel it:
//   the running SQLite step stops at once (sqlite3_interrupt), and answers still on their way are dropped
//   (taken only while their token is live). So a cancelled run never answers; the caller says so itself.
#pragma once

#include "preview/readerthread.h"
#include "preview/windowedtablemodel.h"

#include <sqlitesnapshot/query.h>

#include <QHash>
#include <QSet>

#include <memory>
#include <optional>

namespace sqlsnap::ui {

class QueryResultModel : public WindowedTableModel {
    Q_OBJECT
public:
    static constexpr int kPageRows = 200;
    static constexpr int kCachedPages = 50; // 10,000 rows at most in memory
    static constexpr int kWindowRows = 100000;
    static constexpr int kJumpPages = 10;             // a jump's pages: the one asked for and those before
    static constexpr int RawValueRole = Qt::UserRole; // as TableDataModel's

    explicit QueryResultModel(QObject* parent = nullptr);
    ~QueryResultModel() override;

    // Cancels the current run (if any), empties the model and runs `sql` on the snapshot at `path`.
    void run(const QString& snapshotPath, const QString& sql);
    // Stops the current run's work at once; nothing of it answers any more. The rows shown stay.
    void cancel();
    // The statement is being prepared and its first page read.
    bool isRunning() const { return m_running; }
    // The whole count is being made (on the second thread); countKnown() follows.
    bool isCounting() const { return m_counting; }

    // Rows known to exist (read or stepped over); whether the cursor reached the end; the count of a
    // second run once known (nullopt until then, and once the cursor disagreed with it).
    qint64 rowsRead() const { return m_extent.rows; }
    bool atEnd() const { return m_extent.atEnd; }
    std::optional<qint64> countedRows() const { return m_extent.counted; }
    const QList<QueryColumn>& columns() const { return m_columns; }
    // Pages held right now (for tests: never more than kCachedPages).
    int cachedPages() const { return int(m_pages.size()); }
    // Whether the page holding absolute row `row` is held (its values are shown, not "…").
    bool isRowLoaded(qint64 row) const { return m_pages.contains(row / kPageRows); }

    // WindowedRows
    qint64 totalRows() const override { return m_extent.total(); }
    bool totalKnown() const override { return m_extent.known(); }

    // The cells as tab-separated text, one line per row (for the clipboard), with a first line of the
    // columns' names when asked. Values exactly: NULL empty, a REAL with its point, a BLOB in hex; a
    // value holding a tab, a line break or a quote quoted. Cells of rows not held are empty: callers
    // check isRowLoaded() first.
    QString tabSeparated(const QModelIndexList& cells, bool withHeaders = false) const;

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role) const override;
    bool canFetchMore(const QModelIndex& parent) const override;
    void fetchMore(const QModelIndex& parent) override;

signals:
    // The statement was prepared and its first page read, `ms` after run() (measured on the worker).
    void started(qint64 ms);
    // Preparing or reading failed (never for a cancel): the engine's one-line message, and where in the
    // SQL it is at fault (an index into the text given to run()), or -1.
    void failed(const QString& message, int errorOffset);
    void countKnown(qint64 rows); // the count ended: countedRows() is set, or -1 when it is not
    void totalRowsChanged();      // totalRows() or totalKnown() changed
    void pageLoaded();

private:
    struct Run; // the cursor, owned by the page thread's jobs
    struct Page {
        QList<QVariantList> rows;
        quint64 lastUsed = 0;
    };
    // How far the result is known.
    struct Extent {
        qint64 rows = 0;    // rows known to exist: read, or stepped over
        bool atEnd = false; // the cursor reached the end: `rows` is exact
        std::optional<qint64> counted;
        qint64 total() const { return atEnd ? rows : std::max(rows, counted.value_or(0)); }
        bool known() const { return atEnd || counted.has_value(); }
    };
    struct ReadPage {
        qint64 page = 0;
        QList<QVariantList> rows;
        bool atEnd = false;
    };
    void requestPage(qint64 page) const;
    // The answer to a request for pages [from, to] (`pages`: those read, fewer at the end); `known` the
    // cursor's row count once it reached the end.
    void storePages(qint64 from, qint64 to, QList<ReadPage> pages, std::optional<qint64> known);
    void skipPages(qint64 from, qint64 to);
    void pageFailed(const QString& message);
    // Makes `next` the extent, telling the view about rows that enter or leave the window.
    void setExtent(const Extent& next);
    void startCount(const QString& snapshotPath, const QString& sql);
    void evictPages() const;
    template <class Apply> void answer(const CancelToken& token, Apply&& apply) const;

    std::unique_ptr<ReaderThread> m_pageThread, m_countThread;
    std::shared_ptr<Run> m_run;
    CancelToken m_token;
    bool m_running = false;
    bool m_counting = false;
    bool m_failed = false; // a page could not be read: no more growing
    QList<QueryColumn> m_columns;
    Extent m_extent;
    mutable qint64 m_cursorPage = 0; // where the page thread's cursor stands once the jobs posted ran
    mutable QHash<qint64, Page> m_pages;
    mutable QSet<qint64> m_requested;
    mutable quint64 m_useClock = 0;
};

} // namespace sqlsnap::ui

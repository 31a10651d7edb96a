// The rows of one console statement (a QueryCursor), for a QTableView, read off the GUI thread.
//
// Contract:
// - run() returns at once. On the model's page thread (a ReaderThread used as a plain serial worker: it
//   opens no SnapshotReader) the statement is prepared (QueryCursor::open) and its first page of kPageRows
//   rows read in one job; started() or failed() follows on the GUI thread. The cursor lives on that
//   thread and is used by its jobs only, one after another: never from the GUI thread.
// - rowCount() is the number of rows read so far; the view grows it with canFetchMore()/fetchMore(), one
//   page at a time, until the statement ends. Pages are cached, at most kCachedPages of them (the least
//   recently shown go first): data() of a row whose page was dropped shows "…" and asks for the page
//   again (the cursor re-runs the statement to reach an earlier page), dataChanged follows.
// - When the statement can be counted (QueryCursor::canCountRows()) and did not end in its first page,
//   a second cursor on a second thread counts it (countKnown()), so a count never delays a page.
// - Every job of one run carries that run's CancelToken. run(), cancel() and the destructor cancel it:
//   the running SQLite step stops at once (sqlite3_interrupt), and answers still on their way are dropped
//   (taken only while their token is live). So a cancelled run never answers; the caller says so itself.
#pragma once

#include "preview/readerthread.h"

#include <sqlitesnapshot/query.h>

#include <QAbstractTableModel>
#include <QHash>
#include <QSet>

#include <memory>
#include <optional>

namespace sqlsnap::ui {

class QueryResultModel : public QAbstractTableModel {
    Q_OBJECT
public:
    static constexpr int kPageRows = 200;
    static constexpr int kCachedPages = 50;           // 10,000 rows at most in memory
    static constexpr int RawValueRole = Qt::UserRole; // as TableDataModel's

    explicit QueryResultModel(QObject* parent = nullptr);
    ~QueryResultModel() override;

    // Cancels the current run (if any), empties the model and runs `sql` on the snapshot at `path`.
    void run(const QString& snapshotPath, const QString& sql);
    // Stops the current run's work at once; nothing of it answers any more. The rows shown stay.
    void cancel();
    bool isRunning() const { return m_running; }

    // Rows read so far / whether the statement ended; the whole count once known (the cursor reached
    // the end, or the count finished), else nullopt.
    qint64 rowsRead() const { return m_rows; }
    bool atEnd() const { return m_atEnd; }
    std::optional<qint64> totalRows() const { return m_total; }
    const QList<QueryColumn>& columns() const { return m_columns; }
    // Pages held right now (for tests: never more than kCachedPages).
    int cachedPages() const { return int(m_pages.size()); }

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
    void countKnown(qint64 rows); // totalRows() is set
    void pageLoaded();

private:
    struct Run; // the cursor, owned by the page thread's jobs
    struct Page {
        QList<QVariantList> rows;
        quint64 lastUsed = 0;
    };
    void requestPage(qint64 page) const;
    void storePage(qint64 page, QList<QVariantList> rows, bool atEnd, std::optional<qint64> known);
    void startCount(const QString& snapshotPath, const QString& sql);
    void evictPages() const;
    template <class Apply> void answer(const CancelToken& token, Apply&& apply) const;

    std::unique_ptr<ReaderThread> m_pageThread, m_countThread;
    std::shared_ptr<Run> m_run;
    CancelToken m_token;
    bool m_running = false;
    QList<QueryColumn> m_columns;
    qint64 m_rows = 0;
    bool m_atEnd = true;
    std::optional<qint64> m_total;
    mutable QHash<qint64, Page> m_pages;
    mutable QSet<qint64> m_requested;
    mutable quint64 m_useClock = 0;
};

} // namespace sqlsnap::ui

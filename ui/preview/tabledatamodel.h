// The rows of one table or view of a snapshot, for a QTableView, loaded off the GUI thread.
//
// Contract:
// - setTable() returns at once. The first page (kPageRows rows, by rowid) is read before anything is
//   counted, so the first rows never wait for a COUNT(*).
// - While the table is being indexed, rowCount() is the number of rows loaded so far and the view
//   grows it with canFetchMore()/fetchMore(), one page by key (`rowid > last key`) at a time.
// - Meanwhile a second reader estimates the count from min(rowid) and max(rowid) (countState()
//   Estimated) — two b-tree descents — and from then on rowCount() is that estimate and row i is
//   read as rowid min + i: the end of 10 million rows is one keyed query away at once. That placement
//   is exact when rowids have no gaps, the usual case. Then it scans the rowids once: the exact count
//   plus the rowid of every page's first row (countState() Exact); if the estimate was off, the
//   placed pages are dropped and read again through that index. Views and WITHOUT ROWID tables have
//   no rowid: they are counted and paged by OFFSET.
// - data() never blocks: a row whose page is not loaded yet shows "…" and its page is requested; the
//   rows change (dataChanged) when it arrives. At most kCachedPages pages stay in memory.
// - The view sees a window of the table: at most windowRows() rows from windowStart(). A QTableView
//   keeps data per row in its header, so 10 million rows would cost ~300 ms of GUI thread on every
//   reset; a window of 100,000 costs ~3 ms. its WindowedGrid moves the window as the user scrolls, and
//   model rows are window-relative (absolute row = windowStart() + row).
// - Where each row is (and so which query reads it) is a RowLocator's answer; this model keeps the
//   Qt side, the page cache and the reader threads.
// - Cancellation: every job of one table and filter carries one CancelToken. setTable(), setFilter()
//   and the destructor cancel it, so the old request's page reads and counts stop at once, and any
//   answer of theirs already on its way is dropped (answers are taken only while their token is live).
#pragma once

#include "preview/readerthread.h"
#include "preview/rowlocator.h"
#include "preview/windowedtablemodel.h"

#include <sqlitesnapshot/sortedorder.h>

#include <QHash>
#include <QMetaObject>

#include <functional>
#include <memory>
#include <optional>

namespace sqlsnap::ui {

class TableDataModel : public WindowedTableModel {
    Q_OBJECT
public:
    static constexpr int kPageRows = 200;
    static constexpr int kCachedPages = 400;
    static constexpr int kWindowRows = 100000;

    using CountState = RowLocator::Count;
    // The value behind a cell (Qt::UserRole): NULL is an invalid QVariant, blobs are QByteArray.
    static constexpr int RawValueRole = Qt::UserRole;

    explicit TableDataModel(const QString& snapshotPath, QObject* parent = nullptr);
    ~TableDataModel() override;

    void setTable(const QString& table);
    // What runs after each first page: by default the estimate and then the exact count with its index.
    // Tests hold the model in one phase with the others. Raising it starts what is missing.
    enum class Counting { Off, EstimateOnly, Full };
    void setCounting(Counting counting);
    void setFilter(const QString& text); // the all-columns text alone
    void setFilter(const RowFilter& filter);
    const RowFilter& rowFilter() const { return m_filter; }
    // Sorts by a column (an empty order: the table's own). The first sorted rows come by key at once;
    // the whole order is built on the counting thread (sortProgress()), and then any row is reachable.
    void setOrder(const RowOrder& order);
    const RowOrder& order() const { return m_order; }
    // While the whole order is being built: the fraction of rows read (0..1), or -1 when not sorting.
    double sortProgress() const { return m_sortProgress; }
    QString table() const { return m_table; }
    QString filter() const { return m_filter.text; }
    const TableSchema* schema() const { return m_schema ? &*m_schema : nullptr; }
    const RowLocator& locator() const { return m_locator; }
    // Hears of every job of both reader threads (see ReaderThread::setObserver): for tests.
    void setJobObserver(const ReaderThread::Observer& observer);

    // All rows of the table as far as known: loaded so far, estimated, or exact.
    qint64 totalRows() const override;
    bool totalKnown() const override { return countState() != CountState::Unknown; }

    CountState countState() const { return m_locator.countKind(); }
    qint64 count() const { return m_locator.count(); } // estimated or exact, per countState(); -1 unknown
    bool isLoading() const { return m_loadingFirst; }
    QString errorText() const { return m_error; }

    // The selected cells as tab-separated text, one line per row (for the clipboard).
    // With headers: a first line of the columns' names.
    QString tabSeparated(const QModelIndexList& cells, bool withHeaders = false) const;

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role) const override;
    bool canFetchMore(const QModelIndex& parent) const override;
    void fetchMore(const QModelIndex& parent) override;

signals:
    void schemaLoaded();
    void countChanged();
    void firstPageLoaded(); // after setTable()/setFilter(): the first rows are in the model
    void pageLoaded();
    void sortProgressChanged();
    void failed(const QString& message);

private:
    struct Page {
        QList<qint64> keys;
        QList<QVariantList> rows;
        quint64 lastUsed = 0;
    };
    void restart(bool newTable);
    void onFirstPage(Expected<TableSchema> schema, std::optional<Expected<RowPage>> first, bool newSchema);
    void requestPage(qint64 page) const;
    // Reads the rows `query` names into page `page`, unless the rows move meanwhile.
    void postPageRead(qint64 page, const PageQuery& query) const;
    void storePage(qint64 page, RowPage rows);
    void startCounting();
    void onEstimate(qint64 firstRowid, qint64 span);
    void onCount(qint64 count, std::shared_ptr<const PositionIndex> index);
    void startSorting(qint64 rows);
    void onSorted(std::shared_ptr<const SortedOrder> sorted);
    // The key of a page's last row in the current order (sorted rowid tables only).
    std::optional<OrderKey> lastOrderKey(const RowPage& page) const;
    // Runs `apply` on the GUI thread with a reader thread's answer, unless `token` is cancelled by
    // then (the table or filter changed: the answer is stale, and dropped). Called on reader threads.
    template <class Apply> void answer(const CancelToken& token, Apply&& apply) const;
    // A page could not be read: the error is shown.
    void pageFailed(const Error& error);
    void evictPages() const;
    // Makes `next` the locator, telling the view about rows that enter or leave the window, and drops
    // the cached pages when rows moved.
    void moveTo(RowLocator next, bool rowsMoved, const std::function<void()>& alsoApply = {});

    std::unique_ptr<ReaderThread> m_pageReader, m_countReader;
    QString m_table;
    RowFilter m_filter;
    RowOrder m_order;
    std::shared_ptr<const SortedOrder> m_sorted; // the current order's scratch table, once built
    double m_sortProgress = -1;
    std::optional<TableSchema> m_schema;
    CancelToken m_requestToken;  // every job of the current table and filter; cancelled when they change
    bool m_loadingFirst = false; // the schema and first page of the current request are on their way
    QString m_error;
    Counting m_counting = Counting::Full;

    RowLocator m_locator{true, kPageRows};

    mutable QHash<qint64, Page> m_pages;
    mutable QSet<qint64> m_requested; // pages asked for and not answered (the next growing page too)
    mutable quint64 m_useClock = 0;
};

template <class Apply> void TableDataModel::answer(const CancelToken& token, Apply&& apply) const {
    auto* self = const_cast<TableDataModel*>(this); // answers change the model; asking does not
    QMetaObject::invokeMethod(
        self,
        [token, apply = std::forward<Apply>(apply)]() mutable {
            if (!token.isCancelled()) // checked on the GUI thread, where tokens are cancelled
                apply();
        },
        Qt::QueuedConnection);
}

} // namespace sqlsnap::ui

// The table's count, its position index and its sorted order: read on the model's second reader
// thread while pages show, each answer applied on the GUI thread unless its request was replaced.
#include "preview/tabledatamodel.h"

#include <algorithm>

namespace sqlsnap::ui {
namespace {

// Hears a SortedOrder's build and passes its progress to the model, a percent at a time.
class SortProgress : public CancelFlag {
public:
    SortProgress(const CancelToken& token, std::function<void(double)> changed)
        : CancelFlag(token), m_changed(std::move(changed)) {}
    void report(const Progress& p) override {
        if (p.rowsTotal <= 0)
            return;
        const int percent = int(std::min<qint64>(100, 100 * p.rowsDone / p.rowsTotal));
        if (percent != m_percent) {
            m_percent = percent;
            m_changed(percent / 100.0);
        }
    }

private:
    std::function<void(double)> m_changed;
    int m_percent = -1;
};

} // namespace

void TableDataModel::startCounting() {
    const CancelToken token = m_requestToken;
    const TableSchema schema = *m_schema;
    const RowFilter filter = m_filter;
    const bool exact = m_counting == Counting::Full;
    if (!m_order.isNone()) {
        // Sorted: the exact count first (the end becomes reachable, read backwards), then the order.
        m_countReader->post(QStringLiteral("count of %1 (sorted)").arg(schema.table.name), token,
                            [this, token, schema, filter, exact](SnapshotReader* reader,
                                                                 const CancelToken& cancel) -> Status {
                                if (!reader)
                                    return Error{ErrorKind::InvalidArgument, QStringLiteral("not open")};
                                if (!exact)
                                    return success();
                                auto count = reader->countRows(schema, filter, cancel);
                                if (!count)
                                    return count.error();
                                answer(token, [this, n = *count] {
                                    onCount(n, nullptr);
                                    startSorting(n);
                                });
                                return success();
                            });
        return;
    }
    m_countReader->post(
        QStringLiteral("count of %1").arg(schema.table.name), token,
        [this, token, schema, filter, exact](SnapshotReader* reader, const CancelToken& cancel) -> Status {
            if (!reader)
                return Error{ErrorKind::InvalidArgument, QStringLiteral("not open")}; // reported already
            if (!schema.rowidName.isEmpty() && filter.isEmpty()) {
                // Instant and usually right (rowids are dense unless rows were deleted): shown first,
                // and the whole table becomes reachable at once by estimated position.
                auto range = reader->rowidRange(schema, cancel);
                if (!range)
                    return range.error();
                if (*range)
                    answer(token, [this, range = **range] { onEstimate(range.first, range.span()); });
            }
            if (!exact)
                return success();
            if (schema.rowidName.isEmpty()) {
                auto count = reader->countRows(schema, filter, cancel);
                if (!count)
                    return count.error(); // a count that fails leaves the growing view as it is
                answer(token, [this, n = *count] { onCount(n, nullptr); });
                return success();
            }
            auto built = reader->buildPositionIndex(schema, filter, kPageRows, cancel);
            if (!built)
                return built.error();
            auto index = std::make_shared<const PositionIndex>(std::move(*built));
            answer(token, [this, index] { onCount(index->rowCount, index); });
            return success();
        });
}

void TableDataModel::onEstimate(qint64 firstRowid, qint64 span) {
    RowLocator next = m_locator;
    next.estimateArrived(firstRowid, span);
    moveTo(std::move(next), false);
    emit countChanged();
}

void TableDataModel::onCount(qint64 count, std::shared_ptr<const PositionIndex> index) {
    RowLocator next = m_locator;
    const bool moved = next.countArrived(count, std::move(index));
    moveTo(std::move(next), moved);
    const qint64 total = totalRows();
    if (windowStart() > std::max<qint64>(0, total - windowRows()))
        setWindowStart(total - windowRows()); // the table is shorter than estimated
    else if (moved && rowCount() > 0)
        emit dataChanged(this->index(0, 0), this->index(rowCount() - 1, columnCount() - 1));
    emit countChanged();
}

void TableDataModel::startSorting(qint64 rows) {
    const CancelToken token = m_requestToken;
    const TableSchema schema = *m_schema;
    const RowFilter filter = m_filter;
    const RowOrder order = m_order;
    m_sortProgress = 0;
    emit sortProgressChanged();
    m_countReader->post(QStringLiteral("order of %1 by %2").arg(schema.table.name, order.column), token,
                        [this, token, schema, filter, order, rows](SnapshotReader* reader,
                                                                   const CancelToken& cancel) -> Status {
                            if (!reader)
                                return Error{ErrorKind::InvalidArgument, QStringLiteral("not open")};
                            SortProgress sink(cancel, [this, token](double fraction) {
                                answer(token, [this, fraction] {
                                    m_sortProgress = fraction;
                                    emit sortProgressChanged();
                                });
                            });
                            auto sorted =
                                SortedOrder::build(reader->path(), schema, filter, order, rows, sink);
                            if (!sorted) {
                                if (sorted.error().kind != ErrorKind::Cancelled)
                                    answer(token, [this, e = sorted.error()] { pageFailed(e); });
                                return sorted.error();
                            }
                            answer(token, [this, sorted = std::move(*sorted)] { onSorted(sorted); });
                            return success();
                        });
}

void TableDataModel::onSorted(std::shared_ptr<const SortedOrder> sorted) {
    m_sorted = std::move(sorted);
    m_sortProgress = -1;
    RowLocator next = m_locator;
    const bool moved = next.orderArrived(m_sorted->rowCount());
    moveTo(std::move(next), moved);
    // Rows that waited for the order ("…") are asked for again.
    m_requested.clear();
    if (rowCount() > 0)
        emit dataChanged(index(0, 0), index(rowCount() - 1, columnCount() - 1));
    emit countChanged();
    emit sortProgressChanged();
}

} // namespace sqlsnap::ui

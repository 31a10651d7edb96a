// Where the rows of one table (under one filter) are: which query reads row r, and how many rows the
// view has. A value type with no threads and no SQLite: TableDataModel keeps one per table and filter,
// asks it, and replaces it (a copy changed by one transition) when an answer arrives.
//
// One state at a time:
// - Growing:   the count is unknown. Rows 0 .. rowCount()-1 were read in order, one page after another
//              (`rowid > last key`, or by OFFSET for a table without rowid); canGrow() until the last
//              page said atEnd. The first key of every page read is kept, so a page dropped from a
//              cache is read again by key.
// - Estimated: min(rowid) and max(rowid) arrived: rowCount() is max - min + 1 and row r is taken to
//              be rowid min + r (exact when rowids have no gaps, the usual case). Rows read while
//              growing keep their true keys. Only for rowid tables without a filter.
// - Indexed:   the exact count and a PositionIndex arrived: row r is the (r % stride)-th row from the
//              anchor rowid anchors[r / stride].
// - Offset:    the exact count arrived without an index (views, WITHOUT ROWID tables): row r is
//              OFFSET r.
// Sorted by a column, the states mean:
// - Growing:   rows read in order from the first, by key on (column, rowid) (by OFFSET without rowid).
// - Counted:   the exact count arrived: rowCount() is it, rows read are re-read by OFFSET, and the last
//              kEndRows rows by reading the order backwards; rows between wait for the order.
// - Ordered:   the SortedOrder is built: row r is its row r, whatever r is.
// Transitions only go forward: Growing -> Estimated -> Indexed, Growing -> Indexed (a filter: no
// estimate) and Growing -> Offset. A transition that moves rows (an estimate that the index proves
// wrong) bumps placement(): pages read before are at the wrong rows and must be dropped, answers to
// queries asked before must be ignored.
#pragma once

#include <sqlitesnapshot/reader.h>

#include <QList>

#include <algorithm>
#include <limits>
#include <memory>
#include <optional>
#include <variant>

namespace sqlsnap::ui {

// The rows in rowid order after `key` (from the first when unset): the next page while growing.
struct AfterKey {
    std::optional<qint64> key;
    bool operator==(const AfterKey&) const = default;
};
// The rows in rowid order from rowid `key` on, skipping the first `skip`: an exact place, known from a
// page read before or from the position index.
struct FromKey {
    qint64 key = 0;
    qint64 skip = 0;
    bool operator==(const FromKey&) const = default;
};
// The rows from rowid `key` on, where `key` is a guess (min(rowid) + r): right when rowids are dense.
struct EstimatedKey {
    qint64 key = 0;
    bool operator==(const EstimatedKey&) const = default;
};
// LIMIT n OFFSET `offset` (in rowid order where there is one): tables without rowid.
struct AtOffset {
    qint64 offset = 0;
    bool operator==(const AtOffset&) const = default;
};
// Sorted (see RowLocator::sorted()): the rows in the order after `key` (from the first when unset).
struct AfterOrderKey {
    std::optional<OrderKey> key;
    bool operator==(const AfterOrderKey& o) const {
        return key.has_value() == o.key.has_value() &&
               (!key || (key->rowid == o.key->rowid && key->value == o.key->value));
    }
};
// Sorted: LIMIT n OFFSET `offset` in the order (rows read before, and views while growing).
struct OrderOffset {
    qint64 offset = 0;
    bool operator==(const OrderOffset&) const = default;
};
// Sorted: the `limit` rows ending `fromEnd` rows before the order's last, read backwards.
struct BeforeOrderEnd {
    qint64 fromEnd = 0;
    int limit = 0;
    bool operator==(const BeforeOrderEnd&) const = default;
};
// Sorted: row `position` of the order's scratch table, once it is built.
struct InSortedOrder {
    qint64 position = 0;
    bool operator==(const InSortedOrder&) const = default;
};
using PageQuery = std::variant<AfterKey, FromKey, EstimatedKey, AtOffset, AfterOrderKey, OrderOffset,
                               BeforeOrderEnd, InSortedOrder>;

class RowLocator {
public:
    enum class State { Growing, Estimated, Indexed, Offset, Counted, Ordered };
    static constexpr int kEndRows = 2000; // Counted: rows this near the end are read backwards
    enum class Count { Unknown, Estimated, Exact };

    // A table or filter as it starts: growing, nothing read yet.
    explicit RowLocator(bool hasRowid = true, int pageRows = 200, bool sorted = false)
        : m_hasRowid(hasRowid), m_sorted(sorted), m_pageRows(pageRows) {}

    State state() const { return m_state; }
    bool hasRowid() const { return m_hasRowid; }
    bool sorted() const { return m_sorted; }
    int pageRows() const { return m_pageRows; }
    // The rows the view has: read so far (Growing), estimated, or exact.
    qint64 rowCount() const { return m_state == State::Growing ? m_grownRows : m_count; }
    qint64 grownRows() const { return m_grownRows; }
    Count countKind() const { return m_countKind; }
    qint64 count() const { return m_count; } // estimated or exact, per countKind(); -1 unknown
    // Bumps whenever rows change places (see the header comment).
    int placement() const { return m_placement; }
    const std::shared_ptr<const PositionIndex>& index() const { return m_index; }

    // Growing only: whether there may be rows after those read, and the query for the next page.
    bool canGrow() const { return m_state == State::Growing && !m_atEnd; }
    PageQuery nextPage() const {
        if (m_sorted)
            return m_hasRowid ? PageQuery(AfterOrderKey{m_lastOrderKey})
                              : PageQuery(OrderOffset{m_grownRows});
        return m_hasRowid ? PageQuery(AfterKey{m_lastKey}) : PageQuery(AtOffset{m_grownRows});
    }

    // The query whose first row is row `row`; none when the row is past rowCount().
    std::optional<PageQuery> queryAt(qint64 row) const {
        if (row < 0 || row >= rowCount())
            return std::nullopt;
        if (m_sorted)
            return sortedQueryAt(row);
        if (!m_hasRowid || m_state == State::Offset)
            return AtOffset{row};
        if (m_state == State::Indexed) {
            const int stride = std::max(1, m_index->stride);
            const qint64 anchor = row / stride;
            if (anchor >= m_index->anchors.size())
                return std::nullopt;
            return FromKey{m_index->anchors[anchor], row % stride};
        }
        if (row < m_grownRows)
            return FromKey{m_pageKeys[row / m_pageRows], row % m_pageRows};
        return EstimatedKey{m_firstRowid + row};
    }

    // The answer to nextPage() read from row `fromRow`: its rowids (empty without rowid), how many rows,
    // and whether it was the last. Taken only while growing and only when it continues the rows read
    // (an answer that arrives after a transition is just a page at its place); returns whether taken.
    // Sorted, `lastOrderKey` is the key of the page's last row (unset without rowid).
    bool grow(qint64 fromRow, const QList<qint64>& keys, qint64 rows, bool atEnd,
              std::optional<OrderKey> lastOrderKey = std::nullopt) {
        if (fromRow != m_grownRows || m_atEnd)
            return false;
        if (m_state != State::Growing && !(m_sorted && m_state == State::Counted))
            return false;
        if (m_sorted && lastOrderKey)
            m_lastOrderKey = std::move(lastOrderKey);
        if (m_hasRowid && !keys.isEmpty()) {
            if (m_grownRows % m_pageRows == 0)
                m_pageKeys.append(keys.first());
            m_lastKey = keys.last();
        }
        m_grownRows += rows;
        m_atEnd = atEnd || rows < m_pageRows; // a short page is the last: pages stay aligned
        return true;
    }

    // min(rowid) .. max(rowid) arrived (span = max - min + 1). Growing rowid tables place every row by
    // it; a span that would not add rows (everything is read already) only sets the count shown.
    void estimateArrived(qint64 firstRowid, qint64 span) {
        if (m_state != State::Growing || !m_hasRowid)
            return;
        m_countKind = Count::Estimated;
        m_count = span;
        if (span > m_grownRows && !m_atEnd) {
            m_state = State::Estimated;
            m_firstRowid = firstRowid;
        }
    }

    // The exact count arrived, with the position index when the table has a rowid. Returns whether rows
    // moved (an estimate proved wrong: placement() bumped).
    bool countArrived(qint64 count, std::shared_ptr<const PositionIndex> index = {}) {
        if (m_state == State::Indexed || m_state == State::Offset || m_state == State::Counted ||
            m_state == State::Ordered)
            return false;
        if (m_sorted) {
            m_countKind = Count::Exact;
            m_count = count;
            m_state = State::Counted;
            return false;
        }
        const bool moved = m_state == State::Estimated && count != m_count;
        m_countKind = Count::Exact;
        m_count = count;
        m_index = std::move(index);
        m_state = m_hasRowid && m_index ? State::Indexed : State::Offset;
        if (moved)
            ++m_placement;
        return moved;
    }

    // Sorted: the whole order is built (`rows` rows). Rows move only where ties had no rowid to
    // settle them (views, WITHOUT ROWID tables): then placement() bumps. Returns whether rows moved.
    bool orderArrived(qint64 rows) {
        if (!m_sorted || m_state == State::Ordered)
            return false;
        m_state = State::Ordered;
        m_countKind = Count::Exact;
        m_count = rows;
        const bool moved = !m_hasRowid;
        if (moved)
            ++m_placement;
        return moved;
    }
    // Whether the order's rows in the middle are waiting for the SortedOrder.
    bool waitsForOrder() const { return m_sorted && m_state != State::Ordered; }

private:
    std::optional<PageQuery> sortedQueryAt(qint64 row) const {
        if (m_state == State::Ordered)
            return InSortedOrder{row};
        if (row < m_grownRows)
            return OrderOffset{row};
        if (m_state == State::Counted && row >= m_count - kEndRows) {
            const qint64 end = std::min<qint64>(row + m_pageRows, m_count);
            return BeforeOrderEnd{m_count - end, int(end - row)};
        }
        if (row == m_grownRows && !m_atEnd)
            return nextPage(); // just after the rows read: the next page by key
        return std::nullopt;   // waits for the order
    }

    bool m_hasRowid = true;
    bool m_sorted = false;
    std::optional<OrderKey> m_lastOrderKey; // sorted: the key of the last row read in order
    int m_pageRows = 200;
    State m_state = State::Growing;
    Count m_countKind = Count::Unknown;
    qint64 m_count = -1;
    qint64 m_grownRows = 0;          // rows read in order from the first
    bool m_atEnd = false;            // the last of them was the table's last
    std::optional<qint64> m_lastKey; // the rowid of the last of them
    QList<qint64> m_pageKeys;        // the rowid of each page's first row, as read in order
    qint64 m_firstRowid = 0;         // Estimated: row r is rowid m_firstRowid + r
    std::shared_ptr<const PositionIndex> m_index;
    int m_placement = 0;
};

} // namespace sqlsnap::ui

#include "preview/resultcursor.h"

namespace sqlsnap::ui {
namespace {

// Rows stepped over cost about this many times what OFFSET skips cost (bench, console grid: ~5-10×).
constexpr qint64 kStepCostRatio = 4;
// Below this, stepping is cheap whatever it costs a row.
constexpr qint64 kSkipAtLeast = 5000;
// Counting by stepping: rows stepped over per call, the cancellation checked between.
constexpr int kCountStep = 65536;

} // namespace

ResultCursor::ResultCursor(const QString& path, std::unique_ptr<QueryCursor> opened, qint64 firstPageMs)
    : m_path(path), m_sql(opened->sql()), m_cursor(std::move(opened)), m_canSkip(m_cursor->canCountRows()),
      m_quickStart(firstPageMs < kQuickStartMs) {}

Expected<RowPage> ResultCursor::read(qint64 first, int count, const CancelToken& cancel) {
    const qint64 gap = first - (m_base + m_cursor->position());
    const bool farAhead = m_quickStart && gap > kSkipAtLeast && gap > first / kStepCostRatio;
    if (m_canSkip && first > 0 && (gap < 0 || farAhead))
        openAt(first, cancel); // (on failure the cursor stays, and steps)
    if (first < m_base)
        openAt(0, cancel);                                     // an OFFSET cursor cannot go back
    auto page = m_cursor->rows(first - m_base, count, cancel); // Cancelled at once once cancelled
    if (page && page->rows.isEmpty() && m_base > 0 && first == m_base) {
        // Nothing at that offset: the statement ended before it, and only stepping tells where.
        openAt(0, cancel);
        page = m_cursor->rows(first, count, cancel);
    }
    return page;
}

std::optional<qint64> ResultCursor::knownRows() const {
    const auto known = m_cursor->knownRowCount();
    return known ? std::optional<qint64>(m_base + *known) : std::nullopt;
}

void ResultCursor::openAt(qint64 first, const CancelToken& cancel) {
    const QString statement =
        first == 0
            ? m_sql
            : QStringLiteral("SELECT * FROM (\n%1\n) LIMIT -1 OFFSET %2").arg(m_sql, QString::number(first));
    if (auto opened = QueryCursor::open(m_path, statement, cancel)) {
        m_cursor = std::move(*opened);
        m_base = first;
    }
}

Expected<qint64> countResult(const QString& path, const QString& sql, const CancelToken& cancel) {
    auto opened = QueryCursor::open(path, sql, cancel);
    if (!opened)
        return opened.error();
    QueryCursor& cursor = **opened;
    if (cursor.canCountRows())
        return cursor.countRows(cancel);
    // EXPLAIN and PRAGMA: stepped to the end, their values unread.
    while (!cursor.knownRowCount())
        if (auto step = cursor.rows(cursor.position() + kCountStep, 1, cancel); !step)
            return step.error();
    return *cursor.knownRowCount();
}

} // namespace sqlsnap::ui

#include "preview/queryresultmodel.h"

#include "preview/cellformat.h"
#include "preview/resultcursor.h"

#include <sqlitesnapshot/valuetext.h>

#include <QElapsedTimer>
#include <QMap>
#include <QMetaObject>

#include <algorithm>
#include <atomic>

namespace sqlsnap::ui {
namespace {

// A page asked for more than this many pages away from the latest one asked for is no longer wanted
// once its turn comes: the view went elsewhere meanwhile (a scroll bar dragged over many pages). Wider
// than a jump's pages and than the 8 pages a copy asks for ahead (SelectionCopy), which stay wanted.
constexpr qint64 kStalePages = 16;

QString clipboardText(const QVariant& v) {
    if (!v.isValid())
        return {};
    if (v.typeId() == QMetaType::QByteArray)
        return QString::fromLatin1(v.toByteArray().toHex());
    QString text =
        v.typeId() == QMetaType::Double ? QString::fromLatin1(realText(v.toDouble())) : v.toString();
    if (text.contains(QLatin1Char('\t')) || text.contains(QLatin1Char('\n')) ||
        text.contains(QLatin1Char('"')))
        text = QLatin1Char('"') + text.replace(QLatin1Char('"'), QStringLiteral("\"\"")) + QLatin1Char('"');
    return text;
}

} // namespace

// The page thread's side of one run.
struct QueryResultModel::Run {
    QString path;
    QString sql;
    std::unique_ptr<ResultCursor> cursor; // made, used and dropped on the page thread only
    std::atomic<qint64> latestPage{0};    // the page the GUI thread asked for last
};

QueryResultModel::QueryResultModel(QObject* parent)
    : WindowedTableModel(kWindowRows, kPageRows, parent), m_pageThread(std::make_unique<ReaderThread>()),
      m_countThread(std::make_unique<ReaderThread>()) {}

QueryResultModel::~QueryResultModel() {
    m_token.cancel();
    m_run.reset(); // the jobs still queued hold the cursor; it goes with them, on their thread
    m_pageThread.reset();
    m_countThread.reset();
}

template <class Apply> void QueryResultModel::answer(const CancelToken& token, Apply&& apply) const {
    auto* self = const_cast<QueryResultModel*>(this); // answers change the model; asking does not
    QMetaObject::invokeMethod(
        self,
        [token, apply = std::forward<Apply>(apply)]() mutable {
            if (!token.isCancelled()) // checked on the GUI thread, where tokens are cancelled
                apply();
        },
        Qt::QueuedConnection);
}

void QueryResultModel::cancel() {
    m_token.cancel();
    m_running = false;
    m_counting = false;
    m_requested.clear();
    if (m_run) // the cursor is dropped on its own thread, after whatever job still holds it
        m_pageThread->post(QStringLiteral("drop the cursor"), CancelToken(),
                           [run = std::move(m_run)](SnapshotReader*, const CancelToken&) {
                               run->cursor.reset();
                               return success();
                           });
    m_run.reset();
}

void QueryResultModel::run(const QString& snapshotPath, const QString& sql) {
    cancel();
    beginResetModel();
    m_columns.clear();
    m_pages.clear();
    m_extent = Extent{};
    placeWindow(0);
    m_failed = false;
    endResetModel();
    emit totalRowsChanged();

    m_token = CancelToken();
    m_running = true;
    m_cursorPage = 1; // once the first page is read
    auto run = std::make_shared<Run>();
    run->path = snapshotPath;
    run->sql = sql;
    m_run = run;
    const CancelToken token = m_token;
    m_pageThread->post(
        QStringLiteral("open"), token, [this, run, token](SnapshotReader*, const CancelToken& t) {
            QElapsedTimer clock;
            clock.start();
            int offset = -1;
            auto cursor = QueryCursor::open(run->path, run->sql, t, &offset);
            if (!cursor) {
                if (cursor.error().kind != ErrorKind::Cancelled)
                    answer(token, [this, error = cursor.error(), offset] {
                        m_running = false;
                        m_failed = true;
                        emit failed(error.message, offset);
                    });
                return Status(cursor.error());
            }
            auto first = (*cursor)->rows(0, kPageRows, t);
            const qint64 ms = clock.elapsed();
            if (!first) {
                if (first.error().kind != ErrorKind::Cancelled)
                    answer(token, [this, error = first.error()] {
                        m_running = false;
                        m_failed = true;
                        emit failed(error.message, -1);
                    });
                return Status(first.error());
            }
            run->cursor = std::make_unique<ResultCursor>(run->path, std::move(*cursor), ms);
            answer(token, [this, columns = run->cursor->cursor().columns(), page = std::move(*first),
                           known = run->cursor->knownRows(), ms, path = run->path, sql = run->sql]() mutable {
                m_running = false;
                beginResetModel();
                m_columns = columns;
                endResetModel();
                storePages(0, 0, {ReadPage{0, std::move(page.rows), page.atEnd}}, known);
                if (!m_extent.atEnd)
                    startCount(path, sql);
                emit started(ms);
            });
            return success();
        });
}

void QueryResultModel::startCount(const QString& snapshotPath, const QString& sql) {
    const CancelToken token = m_token;
    m_counting = true;
    m_countThread->post(QStringLiteral("count"), token,
                        [this, snapshotPath, sql, token](SnapshotReader*, const CancelToken& t) {
                            // A cursor of its own: the page thread's keeps its place.
                            auto count = countResult(snapshotPath, sql, t);
                            answer(token, [this, count] {
                                m_counting = false;
                                // Failed (the pages will show why, when they reach it); or the cursor's
                                // own end came first, which wins; or a count below the rows read: wrong.
                                if (!count || m_extent.known() || *count < m_extent.rows) {
                                    emit countKnown(-1);
                                    return;
                                }
                                Extent next = m_extent;
                                next.counted = *count;
                                setExtent(next);
                                emit countKnown(*count);
                            });
                            return count ? success() : Status(count.error());
                        });
}

void QueryResultModel::requestPage(qint64 page) const {
    if (!m_run || m_requested.contains(page))
        return;
    m_run->latestPage.store(page);
    // A jump (not the page the cursor stands before): the pages before it that are missing come along,
    // as the view likely wants them next and the cursor cannot go back without re-running. Forward, the
    // pages from the cursor on cost only their values.
    qint64 from = page;
    if (page != m_cursorPage) {
        const qint64 lowest = m_cursorPage < page && page - m_cursorPage < kJumpPages
                                  ? m_cursorPage
                                  : std::max<qint64>(0, page - (kJumpPages - 1));
        while (from > lowest && !m_pages.contains(from - 1) && !m_requested.contains(from - 1))
            --from;
    }
    for (qint64 p = from; p <= page; ++p)
        m_requested.insert(p);
    m_cursorPage = page + 1;
    const CancelToken token = m_token;
    m_pageThread->post(
        QStringLiteral("rows"), token,
        [this, run = m_run, token, from, page](SnapshotReader*, const CancelToken& t) {
            if (!run->cursor)
                return Status(Error{ErrorKind::Cancelled, QStringLiteral("no cursor")});
            if (std::abs(run->latestPage.load() - page) > kStalePages) {
                answer(token,
                       [this, from, page] { const_cast<QueryResultModel*>(this)->skipPages(from, page); });
                return success();
            }
            QList<ReadPage> pages;
            for (qint64 p = from; p <= page; ++p) {
                auto rows = run->cursor->read(p * kPageRows, kPageRows, t);
                if (!rows) {
                    if (rows.error().kind != ErrorKind::Cancelled)
                        answer(token, [this, message = rows.error().message] {
                            const_cast<QueryResultModel*>(this)->pageFailed(message);
                        });
                    return Status(rows.error());
                }
                const bool end = rows->atEnd;
                pages << ReadPage{p, std::move(rows->rows), end};
                if (end)
                    break;
            }
            answer(token,
                   [this, from, page, pages = std::move(pages), known = run->cursor->knownRows()]() mutable {
                       const_cast<QueryResultModel*>(this)->storePages(from, page, std::move(pages), known);
                   });
            return success();
        });
}

void QueryResultModel::storePages(qint64 from, qint64 to, QList<ReadPage> pages,
                                  std::optional<qint64> known) {
    for (qint64 p = from; p <= to; ++p)
        m_requested.remove(p);
    Extent next = m_extent;
    qint64 firstRow = -1, lastRow = -1; // the rows stored, absolute
    for (ReadPage& read : pages) {
        const qint64 first = read.page * kPageRows;
        const qint64 n = read.rows.size();
        if (n == 0)
            continue;
        next.rows = std::max(next.rows, first + n);
        m_pages.insert(read.page, Page{std::move(read.rows), ++m_useClock});
        firstRow = firstRow < 0 ? first : firstRow;
        lastRow = first + n - 1;
    }
    if (known) { // the cursor reached the end: exact, whatever the count said
        next.rows = *known;
        next.atEnd = true;
    } else if (next.counted && next.rows > *next.counted) {
        next.counted.reset(); // more rows than counted (a statement using random()): read on
    }
    setExtent(next);
    // The stored rows that were in the window already show "…": they change.
    const qint64 top = std::max(firstRow, windowStart()) - windowStart();
    const qint64 bottom = std::min<qint64>(lastRow, windowStart() + rowCount() - 1) - windowStart();
    if (firstRow >= 0 && bottom >= top && columnCount() > 0)
        emit dataChanged(index(int(top), 0), index(int(bottom), columnCount() - 1));
    evictPages();
    emit pageLoaded();
}

void QueryResultModel::skipPages(qint64 from, qint64 to) {
    for (qint64 p = from; p <= to; ++p)
        m_requested.remove(p);
    // Should the view still show one of them, it asks again when it paints it.
    const qint64 top = std::max(from * kPageRows, windowStart()) - windowStart();
    const qint64 bottom =
        std::min<qint64>((to + 1) * kPageRows - 1, windowStart() + rowCount() - 1) - windowStart();
    if (bottom >= top && columnCount() > 0)
        emit dataChanged(index(int(top), 0), index(int(bottom), columnCount() - 1));
}

void QueryResultModel::pageFailed(const QString& message) {
    m_failed = true; // the pages asked for stay "asked for": no loop of failing reads
    emit failed(message, -1);
}

void QueryResultModel::setExtent(const Extent& next) {
    const qint64 oldTotal = m_extent.total();
    const bool oldKnown = m_extent.known();
    const qint64 total = next.total();
    const qint64 lastStart = std::max<qint64>(0, total - windowRows());
    if (windowStart() > lastStart) { // fewer rows than it seemed: the window moves back
        beginResetModel();
        m_extent = next;
        placeWindow(lastStart);
        endResetModel();
        emit windowMoved();
    } else {
        changeTotal(oldTotal, total, [&] { m_extent = next; });
    }
    if (total != oldTotal || m_extent.known() != oldKnown)
        emit totalRowsChanged();
}

void QueryResultModel::evictPages() const {
    while (m_pages.size() > kCachedPages) {
        auto oldest = std::min_element(m_pages.begin(), m_pages.end(),
                                       [](const Page& a, const Page& b) { return a.lastUsed < b.lastUsed; });
        m_pages.erase(oldest);
    }
}

int QueryResultModel::rowCount(const QModelIndex& parent) const {
    return parent.isValid() ? 0 : visibleRows(totalRows());
}

int QueryResultModel::columnCount(const QModelIndex& parent) const {
    return parent.isValid() ? 0 : int(m_columns.size());
}

QVariant QueryResultModel::data(const QModelIndex& index, int role) const {
    if (!index.isValid())
        return {};
    const qint64 row = windowStart() + index.row();
    const qint64 page = row / kPageRows;
    const int offset = int(row % kPageRows);
    auto it = m_pages.find(page);
    if (it == m_pages.end() || offset >= it->rows.size()) {
        if (it == m_pages.end())
            requestPage(page); // not read yet, or dropped from the cache (nothing once the run is cancelled)
        return role == Qt::DisplayRole ? QVariant(QString(QChar(0x2026))) : QVariant();
    }
    it->lastUsed = ++m_useClock;
    const QVariantList& values = it->rows[offset];
    const QVariant value = index.column() < values.size() ? values[index.column()] : QVariant();
    if (role == RawValueRole)
        return value;
    return cellData(value, role);
}

QVariant QueryResultModel::headerData(int section, Qt::Orientation orientation, int role) const {
    if (orientation == Qt::Vertical)
        return role == Qt::DisplayRole ? QVariant(windowStart() + section + 1) : QVariant();
    if (section < 0 || section >= m_columns.size())
        return {};
    const QueryColumn& c = m_columns[section];
    if (role == Qt::DisplayRole)
        return c.name;
    if (role == Qt::ToolTipRole && !c.declaredType.isEmpty())
        return QStringLiteral("%1 %2").arg(c.name, c.declaredType);
    return {};
}

bool QueryResultModel::canFetchMore(const QModelIndex& parent) const {
    // At the window's end, which is the last row known, and the cursor has not seen the end: the next
    // page. With a count, that page is past it and tells the cursor's end (or that the count was wrong).
    const qint64 total = totalRows();
    return !parent.isValid() && m_run && !m_running && !m_failed && !m_extent.atEnd &&
           windowStart() + rowCount() >= total && !m_requested.contains(total / kPageRows);
}

void QueryResultModel::fetchMore(const QModelIndex& parent) {
    if (canFetchMore(parent))
        requestPage(totalRows() / kPageRows);
}

QString QueryResultModel::tabSeparated(const QModelIndexList& cells, bool withHeaders) const {
    QMap<int, QMap<int, QString>> grid;
    QMap<int, QString> headers;
    for (const QModelIndex& cell : cells) {
        const qint64 row = windowStart() + cell.row();
        const auto page = m_pages.constFind(row / kPageRows);
        const int offset = int(row % kPageRows);
        QVariant value;
        if (page != m_pages.constEnd() && offset < page->rows.size())
            value = page->rows[offset].value(cell.column());
        grid[cell.row()][cell.column()] = clipboardText(value);
        headers[cell.column()] = clipboardText(headerData(cell.column(), Qt::Horizontal, Qt::DisplayRole));
    }
    QStringList lines;
    if (withHeaders && !headers.isEmpty())
        lines << QStringList(headers.values()).join(QLatin1Char('\t'));
    for (auto row = grid.cbegin(); row != grid.cend(); ++row)
        lines << QStringList(row->values()).join(QLatin1Char('\t'));
    return lines.join(QLatin1Char('\n'));
}

} // namespace sqlsnap::ui

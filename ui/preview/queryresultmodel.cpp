#include "preview/queryresultmodel.h"

#include "preview/cellformat.h"

#include <QElapsedTimer>
#include <QMetaObject>

#include <algorithm>

namespace sqlsnap::ui {

struct QueryResultModel::Run {
    QString path;
    QString sql;
    std::unique_ptr<QueryCursor> cursor; // made, used and dropped on the page thread only
};

QueryResultModel::QueryResultModel(QObject* parent)
    : QAbstractTableModel(parent), m_pageThread(std::make_unique<ReaderThread>()),
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
    m_requested.clear();
    if (m_run) // the cursor is dropped on its own thread, after whatever job still holds it
        m_pageThread->post(QStringLiteral("drop the cursor"), CancelToken(),
                           [run = std::move(m_run)](SnapshotReader*, const CancelToken&) {
                               run->cursor.reset();
                               return success();
                           });
    m_run.reset();
    m_atEnd = true;
}

void QueryResultModel::run(const QString& snapshotPath, const QString& sql) {
    cancel();
    beginResetModel();
    m_columns.clear();
    m_pages.clear();
    m_rows = 0;
    m_total.reset();
    endResetModel();

    m_token = CancelToken();
    m_running = true;
    m_atEnd = false;
    m_run = std::make_shared<Run>(Run{snapshotPath, sql, nullptr});
    const CancelToken token = m_token;
    m_pageThread->post(
        QStringLiteral("open"), token, [this, run = m_run, token](SnapshotReader*, const CancelToken& t) {
            QElapsedTimer clock;
            clock.start();
            int offset = -1;
            auto cursor = QueryCursor::open(run->path, run->sql, t, &offset);
            if (!cursor) {
                if (cursor.error().kind != ErrorKind::Cancelled)
                    answer(token, [this, error = cursor.error(), offset] {
                        m_running = false;
                        m_atEnd = true;
                        emit failed(error.message, offset);
                    });
                return Status(cursor.error());
            }
            run->cursor = std::move(*cursor);
            auto first = run->cursor->rows(0, kPageRows, t);
            const qint64 ms = clock.elapsed();
            if (!first) {
                if (first.error().kind != ErrorKind::Cancelled)
                    answer(token, [this, error = first.error()] {
                        m_running = false;
                        m_atEnd = true;
                        emit failed(error.message, -1);
                    });
                return Status(first.error());
            }
            answer(token, [this, columns = run->cursor->columns(), page = std::move(*first),
                           known = run->cursor->knownRowCount(), canCount = run->cursor->canCountRows(), ms,
                           path = run->path, sql = run->sql]() mutable {
                m_running = false;
                beginResetModel();
                m_columns = columns;
                endResetModel();
                storePage(0, std::move(page.rows), page.atEnd, known);
                emit started(ms);
                if (!m_atEnd && canCount)
                    startCount(path, sql);
            });
            return success();
        });
}

void QueryResultModel::startCount(const QString& snapshotPath, const QString& sql) {
    const CancelToken token = m_token;
    m_countThread->post(QStringLiteral("count"), token,
                        [this, snapshotPath, sql, token](SnapshotReader*, const CancelToken& t) {
                            // A cursor of its own: the page thread's keeps its place, and each is used
                            // from one thread only.
                            auto cursor = QueryCursor::open(snapshotPath, sql, t);
                            if (!cursor)
                                return Status(cursor.error());
                            auto count = (*cursor)->countRows(t);
                            if (!count)
                                return Status(count.error());
                            answer(token, [this, n = *count] {
                                if (m_total)
                                    return;
                                m_total = n;
                                emit countKnown(n);
                            });
                            return success();
                        });
}

void QueryResultModel::requestPage(qint64 page) const {
    if (!m_run || m_requested.contains(page))
        return;
    m_requested.insert(page);
    const CancelToken token = m_token;
    m_pageThread->post(QStringLiteral("rows"), token,
                       [this, run = m_run, token, page](SnapshotReader*, const CancelToken& t) {
                           if (!run->cursor)
                               return Status(Error{ErrorKind::Cancelled, QStringLiteral("no cursor")});
                           auto rows = run->cursor->rows(page * kPageRows, kPageRows, t);
                           if (!rows) {
                               if (rows.error().kind != ErrorKind::Cancelled)
                                   answer(token, [this, error = rows.error()] {
                                       auto* self = const_cast<QueryResultModel*>(this);
                                       self->m_atEnd = true;
                                       emit self->failed(error.message, -1);
                                   });
                               return Status(rows.error());
                           }
                           answer(token, [this, page, rows = std::move(*rows),
                                          known = run->cursor->knownRowCount()]() mutable {
                               const_cast<QueryResultModel*>(this)->storePage(page, std::move(rows.rows),
                                                                              rows.atEnd, known);
                           });
                           return success();
                       });
}

void QueryResultModel::storePage(qint64 page, QList<QVariantList> rows, bool atEnd,
                                 std::optional<qint64> known) {
    m_requested.remove(page);
    const qint64 first = page * kPageRows;
    const int n = int(rows.size());
    if (first == m_rows) { // the next page: the model grows
        if (n > 0)
            beginInsertRows({}, int(m_rows), int(m_rows + n - 1));
        m_pages.insert(page, Page{std::move(rows), ++m_useClock});
        m_rows += n;
        if (n > 0)
            endInsertRows();
        if (atEnd)
            m_atEnd = true;
    } else if (first < m_rows) { // a page read again after it was dropped
        m_pages.insert(page, Page{std::move(rows), ++m_useClock});
        emit dataChanged(index(int(first), 0),
                         index(int(std::min(m_rows, first + kPageRows) - 1), std::max(0, columnCount() - 1)));
    }
    if (known && !m_total) {
        m_total = known;
        emit countKnown(*known);
    }
    evictPages();
    emit pageLoaded();
}

void QueryResultModel::evictPages() const {
    while (m_pages.size() > kCachedPages) {
        auto oldest = std::min_element(m_pages.begin(), m_pages.end(),
                                       [](const Page& a, const Page& b) { return a.lastUsed < b.lastUsed; });
        m_pages.erase(oldest);
    }
}

int QueryResultModel::rowCount(const QModelIndex& parent) const {
    return parent.isValid() ? 0 : int(m_rows);
}

int QueryResultModel::columnCount(const QModelIndex& parent) const {
    return parent.isValid() ? 0 : int(m_columns.size());
}

QVariant QueryResultModel::data(const QModelIndex& index, int role) const {
    if (!index.isValid())
        return {};
    const qint64 page = index.row() / kPageRows;
    const int offset = index.row() % kPageRows;
    auto it = m_pages.find(page);
    if (it == m_pages.end() || offset >= it->rows.size()) {
        if (it == m_pages.end())
            requestPage(page); // dropped from the cache: read again (nothing once the run is cancelled)
        return role == Qt::DisplayRole ? QVariant(QString(QChar(0x2026))) : QVariant();
    }
    it->lastUsed = ++m_useClock;
    const QVariantList& row = it->rows[offset];
    const QVariant value = index.column() < row.size() ? row[index.column()] : QVariant();
    if (role == RawValueRole)
        return value;
    return cellData(value, role);
}

QVariant QueryResultModel::headerData(int section, Qt::Orientation orientation, int role) const {
    if (orientation == Qt::Vertical)
        return role == Qt::DisplayRole ? QVariant(section + 1) : QVariant();
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
    return !parent.isValid() && m_run && !m_running && !m_atEnd && !m_requested.contains(m_rows / kPageRows);
}

void QueryResultModel::fetchMore(const QModelIndex& parent) {
    if (canFetchMore(parent))
        requestPage(m_rows / kPageRows);
}

} // namespace sqlsnap::ui

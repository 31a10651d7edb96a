#include "preview/tabledatamodel.h"

#include "common/format.h"
#include "preview/cellformat.h"

#include <sqlitesnapshot/valuetext.h>

#include <QMap>
#include <QSet>

#include <algorithm>

namespace sqlsnap::ui {
namespace {

// NULL an empty field, '' a quoted empty one (""), a BLOB its X'00FF' literal: CSV's conventions
// (valuetext.h), so NULL and '' stay apart when the text is pasted into a spreadsheet.
QString clipboardText(const QVariant& v) {
    if (!v.isValid())
        return {};
    if (v.typeId() == QMetaType::QByteArray)
        return QString::fromLatin1(blobLiteral(v.toByteArray()));
    QString text = v.typeId() == QMetaType::Double ? QString::number(v.toDouble(), 'g', 17) : v.toString();
    if (text.isEmpty())
        return QStringLiteral("\"\"");
    if (text.contains(QLatin1Char('\t')) || text.contains(QLatin1Char('\n')) ||
        text.contains(QLatin1Char('"')))
        text = QLatin1Char('"') + text.replace(QLatin1Char('"'), QStringLiteral("\"\"")) + QLatin1Char('"');
    return text;
}

// The query, as reader calls. A key known exactly and a guessed one read alike: rowid >= key is
// rowid > key - 1.
Expected<RowPage> readRows(SnapshotReader& reader, const TableSchema& schema, const RowFilter& filter,
                           const RowOrder& order, const SortedOrder* sorted, const PageQuery& query,
                           const CancelToken& cancel) {
    const auto before = [](qint64 key) {
        return key == std::numeric_limits<qint64>::min() ? std::nullopt : std::optional<qint64>(key - 1);
    };
    const int n = TableDataModel::kPageRows;
    if (const auto* q = std::get_if<AfterKey>(&query))
        return reader.rowsAfterKey(schema, filter, q->key, n, cancel);
    if (const auto* q = std::get_if<EstimatedKey>(&query))
        return reader.rowsAfterKey(schema, filter, before(q->key), n, cancel);
    if (const auto* q = std::get_if<FromKey>(&query)) {
        if (q->skip == 0)
            return reader.rowsAfterKey(schema, filter, before(q->key), n, cancel);
        // The reader skips from an anchor only through an index: one anchor is enough.
        const PositionIndex one{int(q->skip) + 1, {q->key}, 0};
        return reader.rowsAt(schema, filter, &one, q->skip, n, cancel);
    }
    if (const auto* q = std::get_if<AfterOrderKey>(&query))
        return reader.rowsAfterOrderKey(schema, filter, order, q->key, n, cancel);
    if (const auto* q = std::get_if<OrderOffset>(&query))
        return reader.rowsAtOrderOffset(schema, filter, order, q->offset, n, cancel);
    if (const auto* q = std::get_if<BeforeOrderEnd>(&query))
        return reader.rowsBeforeOrderEnd(schema, filter, order, q->fromEnd, q->limit, cancel);
    if (const auto* q = std::get_if<InSortedOrder>(&query)) {
        if (!sorted)
            return Error{ErrorKind::InvalidArgument, QStringLiteral("the order is not built")};
        return reader.rowsOfSortedOrder(*sorted, q->position, n, cancel);
    }
    return reader.rowsAt(schema, filter, nullptr, std::get<AtOffset>(query).offset, n, cancel);
}

Status statusOf(const Error* error) {
    return error ? Status(*error) : success();
}

} // namespace

void TableDataModel::pageFailed(const Error& error) {
    // Only a replaced request's token is ever cancelled, and its answers are dropped by answer():
    // a Cancelled never arrives here.
    m_error = error.message;
    emit failed(m_error);
}

TableDataModel::TableDataModel(const QString& snapshotPath, QObject* parent)
    : WindowedTableModel(kWindowRows, kPageRows, parent), m_pageReader(std::make_unique<ReaderThread>()),
      m_countReader(std::make_unique<ReaderThread>()) {
    auto report = [this](const Error* error) {
        if (!error)
            return;
        const QString message = error->message;
        QMetaObject::invokeMethod(
            this,
            [this, message] {
                if (m_error.isEmpty()) {
                    m_error = message;
                    emit failed(message);
                }
            },
            Qt::QueuedConnection);
    };
    m_pageReader->open(snapshotPath, report);
    m_countReader->open(snapshotPath, report);
}

TableDataModel::~TableDataModel() {
    // The current request stops as a whole, then both threads go before the model does (a job may
    // still post its answer to it).
    m_requestToken.cancel();
    m_countReader.reset();
    m_pageReader.reset();
}

void TableDataModel::setJobObserver(const ReaderThread::Observer& observer) {
    m_pageReader->setObserver(observer);
    m_countReader->setObserver(observer);
}

void TableDataModel::setTable(const QString& table) {
    m_table = table;
    m_filter = {};
    m_order = {};
    restart(true);
}

void TableDataModel::setOrder(const RowOrder& order) {
    if (order == m_order)
        return;
    m_order = order;
    restart(false);
}

void TableDataModel::setFilter(const QString& text) {
    setFilter(RowFilter{text});
}

void TableDataModel::setFilter(const RowFilter& filter) {
    if (filter == m_filter)
        return;
    m_filter = filter;
    restart(false);
}

void TableDataModel::setCounting(Counting counting) {
    const bool raised = counting > m_counting;
    m_counting = counting;
    if (raised && m_schema && !m_loadingFirst && countState() != CountState::Exact)
        startCounting();
}

void TableDataModel::restart(bool newTable) {
    // The jobs of the request being replaced stop as a whole, wherever they are, and their answers
    // are dropped.
    m_requestToken.cancel();
    m_requestToken = CancelToken();
    beginResetModel();
    m_pages.clear();
    m_requested.clear();
    if (newTable)
        m_schema.reset();
    m_locator = RowLocator(!m_schema || !m_schema->rowidName.isEmpty(), kPageRows, !m_order.isNone());
    m_sorted.reset(); // its scratch folder goes once the reader lets it go
    m_sortProgress = -1;
    placeWindow(0);
    m_loadingFirst = true;
    endResetModel();
    emit countChanged();
    emit sortProgressChanged();

    const QString table = m_table;
    const RowFilter filter = m_filter;
    const RowOrder order = m_order;
    const std::optional<TableSchema> known = m_schema;
    const CancelToken token = m_requestToken;
    m_pageReader->post(
        QStringLiteral("first rows of %1").arg(table), token,
        [this, token, table, filter, order, known](SnapshotReader* reader,
                                                   const CancelToken& cancel) -> Status {
            if (!reader)
                return Error{ErrorKind::InvalidArgument, QStringLiteral("not open")}; // reported already
            auto schema = known ? Expected<TableSchema>(*known) : reader->schema(table, cancel);
            std::optional<Expected<RowPage>> first;
            if (schema)
                first = readRows(
                    *reader, *schema, filter, order, nullptr,
                    RowLocator(!schema->rowidName.isEmpty(), kPageRows, !order.isNone()).nextPage(), cancel);
            const Status ended = statusOf(!schema ? &schema.error() : !*first ? &first->error() : nullptr);
            answer(token, [this, schema = std::move(schema), first = std::move(first), known]() mutable {
                onFirstPage(std::move(schema), std::move(first), !known);
            });
            return ended;
        });
}

void TableDataModel::onFirstPage(Expected<TableSchema> schema, std::optional<Expected<RowPage>> first,
                                 bool newSchema) {
    m_loadingFirst = false;
    if (!schema || !first || !*first) {
        const Error& e = !schema ? schema.error() : first->error();
        m_error = e.message;
        emit failed(m_error);
        return;
    }
    if (newSchema) {
        beginResetModel();
        m_schema = std::move(*schema);
        m_locator = RowLocator(!m_schema->rowidName.isEmpty(), kPageRows, !m_order.isNone());
        endResetModel();
        emit schemaLoaded();
    }
    storePage(0, std::move(**first));
    emit firstPageLoaded();
    if (m_counting != Counting::Off)
        startCounting();
}

void TableDataModel::storePage(qint64 page, RowPage rows) {
    const qint64 first = page * kPageRows;
    const int n = int(rows.rows.size());
    RowLocator next = m_locator;
    if (next.grow(first, rows.keys, n, rows.atEnd, lastOrderKey(rows))) {
        moveTo(std::move(next), false, [&] {
            m_pages.insert(page, Page{std::move(rows.keys), std::move(rows.rows), ++m_useClock});
        });
    } else {
        m_pages.insert(page, Page{std::move(rows.keys), std::move(rows.rows), ++m_useClock});
        // The part of the page inside the window, in window rows.
        const qint64 from = std::max(first, windowStart()) - windowStart();
        const qint64 to = std::min<qint64>(first + n, windowStart() + rowCount()) - windowStart() - 1;
        if (to >= from)
            emit dataChanged(index(int(from), 0), index(int(to), columnCount() - 1));
    }
    evictPages();
    emit pageLoaded();
}

std::optional<OrderKey> TableDataModel::lastOrderKey(const RowPage& page) const {
    if (m_order.isNone() || page.keys.isEmpty() || page.rows.isEmpty() || !m_schema)
        return std::nullopt;
    for (int c = 0; c < m_schema->table.columns.size(); ++c)
        if (m_schema->table.columns[c].name == m_order.column)
            return OrderKey{page.rows.last().value(c), page.keys.last()};
    return std::nullopt;
}

void TableDataModel::moveTo(RowLocator next, bool rowsMoved, const std::function<void()>& alsoApply) {
    const qint64 after = next.rowCount();
    changeTotal(totalRows(), after, [&] {
        m_locator = std::move(next);
        if (rowsMoved) {
            // Pages placed by the old locator may sit at the wrong rows: the view asks again.
            m_pages.clear();
            m_requested.clear();
        }
        if (alsoApply)
            alsoApply();
    });
}

qint64 TableDataModel::totalRows() const {
    return m_locator.rowCount();
}

void TableDataModel::requestPage(qint64 page) const {
    if (m_requested.contains(page) || !m_schema)
        return;
    if (const std::optional<PageQuery> query = m_locator.queryAt(page * kPageRows))
        postPageRead(page, *query);
}

void TableDataModel::postPageRead(qint64 page, const PageQuery& query) const {
    m_requested.insert(page);
    auto* self = const_cast<TableDataModel*>(this); // the cache is mutable state behind a const view
    const CancelToken token = m_requestToken;
    const TableSchema schema = *m_schema;
    const RowFilter filter = m_filter;
    const RowOrder order = m_order;
    const std::shared_ptr<const SortedOrder> sorted = m_sorted;
    const int placement = m_locator.placement();
    m_pageReader->post(
        QStringLiteral("page %1 of %2").arg(page).arg(schema.table.name), token,
        [self, token, placement, schema, filter, order, sorted, query,
         page](SnapshotReader* reader, const CancelToken& cancel) -> Status {
            if (!reader)
                return Error{ErrorKind::InvalidArgument, QStringLiteral("not open")}; // reported already
            auto rows = readRows(*reader, schema, filter, order, sorted.get(), query, cancel);
            const Status ended = statusOf(rows ? nullptr : &rows.error());
            self->answer(token, [self, placement, page, rows = std::move(rows)]() mutable {
                if (placement != self->m_locator.placement())
                    return; // the rows moved meanwhile: this page may not be where it was asked for
                self->m_requested.remove(page);
                if (!rows)
                    return self->pageFailed(rows.error());
                self->storePage(page, std::move(*rows));
            });
            return ended;
        });
}

void TableDataModel::evictPages() const {
    if (m_pages.size() <= kCachedPages)
        return;
    QList<quint64> uses;
    uses.reserve(m_pages.size());
    for (const Page& p : std::as_const(m_pages))
        uses << p.lastUsed;
    std::sort(uses.begin(), uses.end());
    const quint64 cutoff = uses[uses.size() - kCachedPages * 3 / 4]; // keep the newest three quarters
    for (auto it = m_pages.begin(); it != m_pages.end();)
        it = it->lastUsed < cutoff ? m_pages.erase(it) : std::next(it);
}

int TableDataModel::rowCount(const QModelIndex& parent) const {
    return parent.isValid() ? 0 : visibleRows(totalRows());
}

int TableDataModel::columnCount(const QModelIndex& parent) const {
    return parent.isValid() || !m_schema ? 0 : int(m_schema->table.columns.size());
}

QVariant TableDataModel::data(const QModelIndex& index, int role) const {
    if (!index.isValid() || !m_schema)
        return {};
    const qint64 absoluteRow = windowStart() + index.row();
    const qint64 page = absoluteRow / kPageRows;
    const int offset = int(absoluteRow % kPageRows);
    auto it = m_pages.find(page);
    if (it == m_pages.end() || offset >= it->rows.size()) {
        if (it == m_pages.end())
            requestPage(page);
        return role == Qt::DisplayRole ? QVariant(QString(QChar(0x2026))) : QVariant();
    }
    it->lastUsed = ++m_useClock;
    const QVariantList& row = it->rows[offset];
    const QVariant value = index.column() < row.size() ? row[index.column()] : QVariant();
    if (role == RawValueRole)
        return value;
    return cellData(value, role);
}

QVariant TableDataModel::headerData(int section, Qt::Orientation orientation, int role) const {
    if (orientation == Qt::Vertical)
        return role == Qt::DisplayRole ? QVariant(windowStart() + section + 1) : QVariant();
    if (!m_schema || section < 0 || section >= m_schema->table.columns.size())
        return {};
    const ColumnInfo& c = m_schema->table.columns[section];
    if (role == Qt::DisplayRole)
        return c.name;
    if (role == Qt::ToolTipRole)
        return QStringLiteral("%1 %2%3%4")
            .arg(c.name, c.type.isEmpty() ? tr("(no type)") : c.type,
                 c.primaryKey ? tr(", primary key") : QString(), c.notNull ? tr(", not null") : QString());
    return {};
}

bool TableDataModel::canFetchMore(const QModelIndex& parent) const {
    // Growing stops at the window's end; by then the estimate has usually made the whole table reachable.
    const qint64 grown = m_locator.rowCount();
    return !parent.isValid() && m_schema && !m_loadingFirst && m_locator.canGrow() &&
           !m_requested.contains(grown / kPageRows) && grown < windowStart() + windowRows();
}

void TableDataModel::fetchMore(const QModelIndex& parent) {
    if (canFetchMore(parent))
        postPageRead(m_locator.rowCount() / kPageRows, m_locator.nextPage());
}

QString TableDataModel::tabSeparated(const QModelIndexList& cells, bool withHeaders) const {
    QMap<int, QMap<int, QString>> grid;
    QMap<int, QString> headers;
    for (const QModelIndex& cell : cells) {
        grid[cell.row()][cell.column()] = clipboardText(data(cell, RawValueRole));
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

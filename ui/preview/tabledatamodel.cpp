#include "preview/tabledatamodel.h"

#include "common/format.h"

#include <QColor>
#include <QFont>
#include <QMap>
#include <QSet>

#include <algorithm>

namespace sqlsnap::ui {
namespace {

constexpr int kElideAt = 200;       // characters of text shown in a cell
constexpr int kTooltipChars = 2000; // characters of text in its tooltip

QString blobSummary(const QByteArray& blob, int previewBytes) {
    const QByteArray head = blob.left(previewBytes).toHex(' ').toUpper();
    return QStringLiteral("BLOB %1  %2%3")
        .arg(humanSize(blob.size()), QString::fromLatin1(head),
             blob.size() > previewBytes ? QStringLiteral(" …") : QString());
}

QString cellText(const QVariant& v) {
    if (!v.isValid())
        return QStringLiteral("NULL");
    switch (v.typeId()) {
    case QMetaType::QByteArray:
        return blobSummary(v.toByteArray(), 8);
    case QMetaType::Double: {
        // A REAL keeps a decimal point (405.0, not 405), so it never reads as an INTEGER.
        QString text = QString::number(v.toDouble(), 'g', 15);
        if (!text.contains(QLatin1Char('.')) && !text.contains(QLatin1Char('e')) &&
            !text.contains(QLatin1Char('n')))
            text += QStringLiteral(".0");
        return text;
    }
    case QMetaType::QString: {
        QString text = v.toString();
        const bool long_ = text.size() > kElideAt;
        text.truncate(kElideAt);
        text.replace(QLatin1Char('\n'), QChar(0x21B5)).replace(QLatin1Char('\t'), QLatin1Char(' '));
        return long_ ? text + QChar(0x2026) : text;
    }
    default:
        return v.toString();
    }
}

QString clipboardText(const QVariant& v) {
    if (!v.isValid())
        return {};
    if (v.typeId() == QMetaType::QByteArray)
        return QString::fromLatin1(v.toByteArray().toHex());
    QString text = v.typeId() == QMetaType::Double ? QString::number(v.toDouble(), 'g', 17) : v.toString();
    if (text.contains(QLatin1Char('\t')) || text.contains(QLatin1Char('\n')) ||
        text.contains(QLatin1Char('"')))
        text = QLatin1Char('"') + text.replace(QLatin1Char('"'), QStringLiteral("\"\"")) + QLatin1Char('"');
    return text;
}

} // namespace

template <class Apply> void TableDataModel::answer(int generation, Apply&& apply) const {
    auto* self = const_cast<TableDataModel*>(this); // answers change the model; asking does not
    QMetaObject::invokeMethod(
        self,
        [self, generation, apply = std::forward<Apply>(apply)]() mutable {
            if (generation == self->m_generation)
                apply();
        },
        Qt::QueuedConnection);
}

void TableDataModel::pageFailed(const Error& error) {
    // Only a replaced request's token is ever cancelled, and its answers are dropped by answer():
    // a Cancelled never arrives here.
    m_error = error.message;
    emit failed(m_error);
}

TableDataModel::TableDataModel(const QString& snapshotPath, QObject* parent)
    : QAbstractTableModel(parent), m_pageReader(std::make_unique<ReaderThread>()),
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
    // Stop both threads before the model goes: a job may still post its answer to it.
    m_countReader.reset();
    m_pageReader.reset();
}

void TableDataModel::setTable(const QString& table) {
    m_table = table;
    m_filter = {};
    restart(true);
}

void TableDataModel::setFilter(const QString& text) {
    if (text == m_filter.text)
        return;
    m_filter.text = text;
    restart(false);
}

void TableDataModel::setCounting(Counting counting) {
    const bool raised = counting > m_counting;
    m_counting = counting;
    if (raised && m_schema && m_pending == 0 && m_countState != CountState::Exact)
        startCounting();
}

void TableDataModel::restart(bool newTable) {
    const int generation = ++m_generation;
    // The jobs of the request being replaced stop as a whole, wherever they are.
    m_requestToken.cancel();
    m_requestToken = CancelToken();
    beginResetModel();
    m_pages.clear();
    m_requested.clear();
    m_loadedRows = 0;
    m_lastKey.reset();
    m_atEnd = false;
    m_fetching = true;
    m_countState = CountState::Unknown;
    m_count = -1;
    m_index.reset();
    m_random = false;
    m_positionsEstimated = false;
    m_windowStart = 0;
    m_pending = 1;
    if (newTable)
        m_schema.reset();
    endResetModel();
    emit countChanged();

    const QString table = m_table;
    const RowFilter filter = m_filter;
    const std::optional<TableSchema> known = m_schema;
    m_pageReader->post(m_requestToken, [this, generation, table, filter, known](SnapshotReader* reader,
                                                                                const CancelToken& cancel) {
        if (!reader)
            return; // the open error is reported already
        auto schema = known ? Expected<TableSchema>(*known) : reader->schema(table, cancel);
        std::optional<Expected<RowPage>> first;
        if (schema)
            first = schema->rowidName.isEmpty()
                        ? reader->rowsAt(*schema, filter, nullptr, 0, kPageRows, cancel)
                        : reader->rowsAfterKey(*schema, filter, std::nullopt, kPageRows, cancel);
        answer(generation, [this, schema = std::move(schema), first = std::move(first), known]() mutable {
            m_pending = 0;
            m_fetching = false;
            if (!schema || !first || !*first) {
                const Error& e = !schema ? schema.error() : first->error();
                m_error = e.message;
                emit failed(m_error);
                return;
            }
            if (!known) {
                beginResetModel();
                m_schema = std::move(*schema);
                endResetModel();
                emit schemaLoaded();
            }
            storePage(0, std::move(**first));
            emit firstPageLoaded();
            if (m_counting != Counting::Off)
                startCounting();
        });
    });
}

void TableDataModel::storePage(qint64 page, RowPage rows) {
    const bool growing = !m_random && page * kPageRows == m_loadedRows;
    const qint64 first = page * kPageRows;
    const int n = int(rows.rows.size());
    if (growing) {
        m_atEnd = rows.atEnd;
        if (!rows.keys.isEmpty())
            m_lastKey = rows.keys.last();
        changeTotalRows(m_loadedRows + n, [&] {
            m_pages.insert(page, Page{std::move(rows.keys), std::move(rows.rows), ++m_useClock});
            m_loadedRows += n;
        });
    } else {
        m_pages.insert(page, Page{std::move(rows.keys), std::move(rows.rows), ++m_useClock});
        // The part of the page inside the window, in window rows.
        const qint64 from = std::max(first, m_windowStart) - m_windowStart;
        const qint64 to = std::min<qint64>(first + n, m_windowStart + rowCount()) - m_windowStart - 1;
        if (to >= from)
            emit dataChanged(index(int(from), 0), index(int(to), columnCount() - 1));
    }
    evictPages();
    emit pageLoaded();
}

int TableDataModel::visibleRows(qint64 total) const {
    return int(std::clamp<qint64>(total - m_windowStart, 0, m_windowRows));
}

void TableDataModel::changeTotalRows(qint64 newTotal, const std::function<void()>& apply) {
    const int before = visibleRows(totalRows());
    const int after = visibleRows(newTotal);
    if (after > before) {
        beginInsertRows({}, before, after - 1);
        apply();
        endInsertRows();
    } else if (after < before) {
        beginRemoveRows({}, after, before - 1);
        apply();
        endRemoveRows();
    } else {
        apply();
    }
}

void TableDataModel::setWindowStart(qint64 start) {
    start = std::clamp<qint64>(start, 0, std::max<qint64>(0, totalRows() - m_windowRows));
    if (start == m_windowStart)
        return;
    beginResetModel();
    m_windowStart = start;
    endResetModel();
    emit windowMoved();
}

void TableDataModel::setWindowRows(int rows) {
    beginResetModel();
    m_windowRows = std::max(kPageRows, rows);
    m_windowStart = 0;
    endResetModel();
    emit windowMoved();
}

void TableDataModel::startCounting() {
    const int generation = m_generation;
    const TableSchema schema = *m_schema;
    const RowFilter filter = m_filter;
    const bool exact = m_counting == Counting::Full;
    m_countReader->post(m_requestToken, [this, generation, schema, filter, exact](SnapshotReader* reader,
                                                                                  const CancelToken& cancel) {
        if (!reader)
            return;
        if (!schema.rowidName.isEmpty() && filter.isEmpty()) {
            // Instant and usually right (rowids are dense unless rows were deleted): shown first, and
            // the whole table becomes reachable at once by estimated position (see positionsEstimated).
            auto range = reader->rowidRange(schema, cancel);
            if (range && *range)
                answer(generation, [this, range = **range] { applyEstimate(range.first, range.span()); });
        }
        if (!exact)
            return;
        std::shared_ptr<const PositionIndex> index;
        Expected<qint64> count = qint64(0);
        if (!schema.rowidName.isEmpty()) {
            auto built = reader->buildPositionIndex(schema, filter, kPageRows, cancel);
            if (built)
                index = std::make_shared<const PositionIndex>(std::move(*built));
            count = built ? Expected<qint64>(index->rowCount) : Expected<qint64>(built.error());
        } else {
            count = reader->countRows(schema, filter, cancel);
        }
        answer(generation, [this, index, count] {
            if (!count)
                return; // a count that fails leaves the growing view as it is
            const bool estimateWasExact = m_positionsEstimated && *count == m_count;
            const bool placementChanged = m_positionsEstimated && !estimateWasExact;
            changeTotalRows(*count, [&] {
                m_index = index;
                m_countState = CountState::Exact;
                m_count = *count;
                m_random = true;
                m_positionsEstimated = false;
                if (placementChanged) {
                    // Rowids have gaps: pages placed by estimate may sit at the wrong rows. Drop
                    // them (the view asks again for what it shows).
                    m_pages.clear();
                    m_requested.clear();
                    ++m_pageEpoch;
                }
            });
            if (m_windowStart > std::max<qint64>(0, m_count - m_windowRows))
                setWindowStart(m_count - m_windowRows); // the table is shorter than estimated
            else if (placementChanged && rowCount() > 0)
                emit dataChanged(this->index(0, 0), this->index(rowCount() - 1, columnCount() - 1));
            m_fetching = false;
            emit countChanged();
        });
    });
}

void TableDataModel::applyEstimate(qint64 firstRowid, qint64 span) {
    if (m_countState == CountState::Exact)
        return;
    if (!m_random && span > m_loadedRows) {
        // Until the index is built, row i is taken to be rowid firstRowid + i: exact when rowids have
        // no gaps (the usual case), and corrected as soon as the index says otherwise.
        changeTotalRows(span, [&] {
            m_countState = CountState::Estimated;
            m_count = span;
            m_firstRowid = firstRowid;
            m_positionsEstimated = true;
            m_random = true;
        });
    } else {
        m_countState = CountState::Estimated;
        m_count = span;
    }
    emit countChanged();
}

qint64 TableDataModel::totalRows() const {
    return m_random ? m_count : m_loadedRows;
}

void TableDataModel::requestPage(qint64 page) const {
    if (m_requested.contains(page) || !m_schema)
        return;
    m_requested.insert(page);
    auto* self = const_cast<TableDataModel*>(this); // the cache is mutable state behind a const view
    const int generation = m_generation;
    const TableSchema schema = *m_schema;
    const RowFilter filter = m_filter;
    const std::shared_ptr<const PositionIndex> positions = m_index;
    const std::optional<qint64> estimatedKey =
        m_positionsEstimated && !positions ? std::optional<qint64>(m_firstRowid + page * kPageRows - 1)
                                           : std::nullopt;
    const int epoch = m_pageEpoch;
    m_pageReader->post(
        m_requestToken, [self, generation, epoch, schema, filter, positions, estimatedKey,
                         page](SnapshotReader* reader, const CancelToken& cancel) {
            if (!reader)
                return;
            auto rows = estimatedKey
                            ? reader->rowsAfterKey(schema, filter, *estimatedKey, kPageRows, cancel)
                            : reader->rowsAt(schema, filter, positions.get(), page * kPageRows, kPageRows, cancel);
            self->answer(generation, [self, epoch, page, rows = std::move(rows)]() mutable {
                if (epoch != self->m_pageEpoch)
                    return; // the pages were placed again meanwhile
                self->m_requested.remove(page);
                if (!rows)
                    return self->pageFailed(rows.error());
                self->storePage(page, std::move(*rows));
            });
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
    const qint64 absoluteRow = m_windowStart + index.row();
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
    switch (role) {
    case Qt::DisplayRole:
        return cellText(value);
    case RawValueRole:
        return value;
    case Qt::ToolTipRole:
        if (value.typeId() == QMetaType::QByteArray)
            return blobSummary(value.toByteArray(), 64);
        if (value.typeId() == QMetaType::QString && value.toString().size() > kElideAt)
            return value.toString().left(kTooltipChars);
        return {};
    case Qt::ForegroundRole:
        if (!value.isValid() || value.typeId() == QMetaType::QByteArray)
            return QColor(Qt::gray);
        return {};
    case Qt::FontRole:
        if (!value.isValid()) {
            QFont italic;
            italic.setItalic(true);
            return italic;
        }
        return {};
    case Qt::TextAlignmentRole:
        if (value.typeId() == QMetaType::LongLong || value.typeId() == QMetaType::Double)
            return int(Qt::AlignRight | Qt::AlignVCenter);
        return int(Qt::AlignLeft | Qt::AlignVCenter);
    default:
        return {};
    }
}

QVariant TableDataModel::headerData(int section, Qt::Orientation orientation, int role) const {
    if (orientation == Qt::Vertical)
        return role == Qt::DisplayRole ? QVariant(m_windowStart + section + 1) : QVariant();
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
    return !parent.isValid() && m_schema && !m_random && !m_atEnd && !m_fetching &&
           m_loadedRows < m_windowStart + m_windowRows;
}

void TableDataModel::fetchMore(const QModelIndex& parent) {
    if (!canFetchMore(parent))
        return;
    m_fetching = true;
    const int generation = m_generation;
    const TableSchema schema = *m_schema;
    const RowFilter filter = m_filter;
    const std::optional<qint64> after = m_lastKey;
    const qint64 position = m_loadedRows;
    m_pageReader->post(m_requestToken, [this, generation, schema, filter, after,
                                        position](SnapshotReader* reader, const CancelToken& cancel) {
        if (!reader)
            return;
        auto rows = schema.rowidName.isEmpty()
                        ? reader->rowsAt(schema, filter, nullptr, position, kPageRows, cancel)
                        : reader->rowsAfterKey(schema, filter, after, kPageRows, cancel);
        answer(generation, [this, position, rows = std::move(rows)]() mutable {
            m_fetching = false;
            if (!rows)
                return pageFailed(rows.error());
            storePage(position / kPageRows, std::move(*rows));
        });
    });
}

QString TableDataModel::tabSeparated(const QModelIndexList& cells) const {
    QMap<int, QMap<int, QString>> grid;
    for (const QModelIndex& cell : cells)
        grid[cell.row()][cell.column()] = clipboardText(data(cell, RawValueRole));
    QStringList lines;
    for (auto row = grid.cbegin(); row != grid.cend(); ++row)
        lines << QStringList(row->values()).join(QLatin1Char('\t'));
    return lines.join(QLatin1Char('\n'));
}

} // namespace sqlsnap::ui

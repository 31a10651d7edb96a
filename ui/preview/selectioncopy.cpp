#include "preview/selectioncopy.h"

#include "common/format.h"
#include "preview/tabledatamodel.h"

#include <sqlitesnapshot/rowtext.h>

#include <QClipboard>
#include <QElapsedTimer>
#include <QGuiApplication>
#include <QTimer>

#include <algorithm>
#include <limits>

namespace sqlsnap::ui {
namespace {

constexpr int kPagesAhead = 8; // pages asked for at once: the page reader stays free for scrolling
constexpr int kPassMs = 20;    // GUI time per pass taking loaded rows
constexpr int kRowsPerCheck = 256;

const QChar kNotLoaded(0x2026); // what the model shows for a row whose page is on its way

TableFormat tableFormatOf(CopyFormat format) {
    switch (format) {
    case CopyFormat::Json:
        return TableFormat::Json;
    case CopyFormat::SqlInsert:
        return TableFormat::Sql;
    default:
        return TableFormat::Csv;
    }
}

} // namespace

SelectionCopy::SelectionCopy(TableDataModel* model, CopyFormat format, const QItemSelection& selection,
                             const QList<int>& columns, QObject* parent)
    : QObject(parent), m_model(model), m_format(format), m_columns(columns), m_table(model->table()),
      m_placement(model->locator().placement()) {
    const bool tabSeparated =
        format == CopyFormat::TabSeparated || format == CopyFormat::TabSeparatedWithHeaders;
    // The rows with a selected cell in a shown column: the ranges' rows, merged.
    QList<QPair<qint64, qint64>> spans;
    for (const QItemSelectionRange& r : selection) {
        const Range range{model->windowStart() + r.top(), model->windowStart() + r.bottom(), r.left(),
                          r.right()};
        m_ranges << range;
        for (int c = r.left(); c <= r.right(); ++c)
            if (m_columns.contains(c)) {
                spans.append({range.top, range.bottom});
                break;
            }
    }
    std::sort(spans.begin(), spans.end());
    qint64 next = std::numeric_limits<qint64>::min(); // the first row not added yet
    for (const auto& [top, bottom] : std::as_const(spans)) {
        for (qint64 row = std::max(top, next); row <= bottom; ++row)
            m_rows << row;
        next = std::max(next, bottom + 1);
    }
    if (!tabSeparated) {
        QStringList names;
        QList<bool> generated;
        const TableSchema* schema = model->schema();
        for (int c : m_columns) {
            names << model->headerData(c, Qt::Horizontal, Qt::DisplayRole).toString();
            generated << (schema && c < schema->table.columns.size() && schema->table.columns[c].hidden);
        }
        m_text = std::make_unique<RowText>(tableFormatOf(format), names, m_table, generated);
    }
}

SelectionCopy::~SelectionCopy() = default;

void SelectionCopy::start() {
    m_running = true;
    const TableDataModel* model = m_model;
    const RowFilter filter = model->rowFilter();
    const RowOrder order = model->order();
    const auto again = [this] {
        if (!m_stepQueued && m_running) {
            m_stepQueued = true;
            QTimer::singleShot(0, this, &SelectionCopy::step);
        }
    };
    m_connections << connect(model, &TableDataModel::pageLoaded, this, again)
                  << connect(model, &QAbstractItemModel::dataChanged, this, again)
                  << connect(model, &QAbstractItemModel::modelReset, this,
                             [this, filter, order] {
                                 if (m_model->table() != m_table || !(m_model->rowFilter() == filter) ||
                                     !(m_model->order() == order))
                                     return stop(tr("Copy stopped: the rows shown changed."));
                                 checkRows();
                             })
                  << connect(model, &QAbstractItemModel::rowsRemoved, this, &SelectionCopy::checkRows)
                  << connect(model, &TableDataModel::failed, this,
                             [this](const QString& message) { stop(tr("Copy stopped: %1").arg(message)); });
    step();
}

void SelectionCopy::cancel() {
    if (m_running)
        stop(tr("Copy stopped."));
}

bool SelectionCopy::isLoaded(qint64 row) const {
    const QModelIndex cell = m_model->index(int(row - m_model->windowStart()), m_columns.value(0));
    // Asking for a row whose page is not loaded asks the model for its page.
    return m_model->data(cell, TableDataModel::RawValueRole).isValid() ||
           m_model->data(cell, Qt::DisplayRole).toString() != QString(kNotLoaded);
}

void SelectionCopy::checkRows() {
    if (!m_running)
        return;
    if (m_model->locator().placement() != m_placement)
        return stop(tr("Copy stopped: the rows shown changed."));
    // The rows still to take must be inside the window the model shows (scrolling far moves it).
    const qint64 first = m_model->windowStart(), end = first + m_model->rowCount();
    if (m_next < m_rows.size() && (m_rows[m_next] < first || m_rows.last() >= end))
        return stop(tr("Copy stopped: the grid moved away from the rows being copied."));
    step();
}

void SelectionCopy::take(qint64 row) {
    const int inWindow = int(row - m_model->windowStart());
    QVariantList values;
    values.reserve(m_columns.size());
    for (int c : std::as_const(m_columns))
        values << m_model->data(m_model->index(inWindow, c), TableDataModel::RawValueRole);
    m_text->add(values);
}

void SelectionCopy::askAhead(int from) {
    qint64 lastPage = -1;
    int asked = 0;
    for (int i = from; i < m_rows.size() && asked < kPagesAhead; ++i) {
        const qint64 page = m_rows[i] / TableDataModel::kPageRows;
        if (page == lastPage)
            continue;
        lastPage = page;
        if (!isLoaded(m_rows[i])) // isLoaded asks for the page
            ++asked;
    }
}

void SelectionCopy::step() {
    m_stepQueued = false;
    if (!m_running)
        return;
    if (!m_model)
        return stop(tr("Copy stopped."));
    if (m_model->locator().placement() != m_placement)
        return stop(tr("Copy stopped: the rows shown changed."));
    QElapsedTimer clock;
    clock.start();
    QModelIndexList cells; // tab-separated: the cells of the rows taken in this pass
    bool yielded = false;
    for (int taken = 1; m_next < m_rows.size(); ++taken) {
        const qint64 row = m_rows[m_next];
        if (!isLoaded(row))
            break;
        if (m_text) {
            take(row);
        } else {
            const int inWindow = int(row - m_model->windowStart());
            for (const Range& r : std::as_const(m_ranges))
                if (row >= r.top && row <= r.bottom)
                    for (int c = r.left; c <= r.right; ++c)
                        if (m_columns.contains(c))
                            cells << m_model->index(inWindow, c);
        }
        ++m_next;
        if (taken % kRowsPerCheck == 0 && clock.elapsed() > kPassMs) {
            yielded = true;
            break;
        }
    }
    if (!cells.isEmpty())
        m_chunks << m_model->tabSeparated(cells, m_format == CopyFormat::TabSeparatedWithHeaders &&
                                                     m_chunks.isEmpty());
    if (m_next == m_rows.size())
        return complete();
    if (yielded) {
        m_stepQueued = true;
        QTimer::singleShot(0, this, &SelectionCopy::step);
    } else {
        askAhead(m_next); // then pageLoaded (or the order's dataChanged) brings the next pass
    }
    const RowLocator& locator = m_model->locator();
    emit progress(m_next, m_rows.size(), locator.waitsForOrder() && !locator.queryAt(m_rows[m_next]));
}

QString SelectionCopy::formatName() const {
    switch (m_format) {
    case CopyFormat::Csv:
        return tr("CSV");
    case CopyFormat::Json:
        return tr("JSON");
    case CopyFormat::SqlInsert:
        return tr("SQL INSERT statements");
    default:
        return tr("tab-separated text");
    }
}

void SelectionCopy::complete() {
    const QString text = m_text ? QString::fromUtf8(m_text->finish()) : m_chunks.join(QLatin1Char('\n'));
    QGuiApplication::clipboard()->setText(text);
    const qint64 n = m_rows.size();
    QString message =
        tr("Copied %1 row(s) as %2.", nullptr, pluralCount(n)).arg(groupedNumber(n), formatName());
    if (n == m_model->rowCount() && m_model->totalRows() > n)
        message += QLatin1Char(' ') + tr("The grid holds the rows around the view; Export Table… "
                                         "writes all %1.")
                                          .arg(groupedNumber(m_model->totalRows()));
    m_running = false;
    for (const auto& c : std::as_const(m_connections))
        disconnect(c);
    emit finished(true, message);
}

void SelectionCopy::stop(const QString& message) {
    m_running = false;
    for (const auto& c : std::as_const(m_connections))
        disconnect(c);
    emit finished(false, message);
}

} // namespace sqlsnap::ui

#include "preview/windowedgrid.h"

#include <QHBoxLayout>
#include <QHeaderView>
#include <QKeyEvent>
#include <QScrollBar>
#include <QTableView>

#include <climits>

namespace sqlsnap::ui {

WindowedGrid::WindowedGrid(QAbstractItemModel* model, WindowedRows* rows, QWidget* parent)
    : QWidget(parent), m_model(model), m_rows(rows) {
    m_view = new QTableView(this);
    m_view->setModel(model);
    m_view->setWordWrap(false);
    m_view->verticalHeader()->setDefaultSectionSize(m_view->fontMetrics().height() + 6);
    m_view->verticalHeader()->setSectionResizeMode(QHeaderView::Fixed); // no per-row measuring
    m_view->horizontalHeader()->setDefaultSectionSize(140);
    m_view->setSelectionMode(QAbstractItemView::ExtendedSelection);
    m_view->setVerticalScrollMode(QAbstractItemView::ScrollPerItem);
    m_view->setVerticalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    m_view->installEventFilter(this);
    m_scroll = new QScrollBar(Qt::Vertical, this);
    m_scroll->setObjectName(QStringLiteral("tableScrollBar"));
    m_scroll->setAccessibleName(tr("Rows of the whole table"));
    auto* layout = new QHBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(0);
    layout->addWidget(m_view, 1);
    layout->addWidget(m_scroll);

    connect(m_view->verticalScrollBar(), &QScrollBar::valueChanged, this, &WindowedGrid::onViewScrolled);
    connect(m_view->verticalScrollBar(), &QScrollBar::rangeChanged, this, &WindowedGrid::syncScrollBar);
    connect(m_scroll, &QScrollBar::valueChanged, this, [this](int value) {
        if (!m_syncing) {
            m_followEnd = false;
            scrollToRow(value);
        }
    });
    connect(model, &QAbstractItemModel::rowsInserted, this, &WindowedGrid::syncScrollBar);
    connect(model, &QAbstractItemModel::rowsRemoved, this, &WindowedGrid::syncScrollBar);
    connect(model, &QAbstractItemModel::modelReset, this, &WindowedGrid::syncScrollBar);
}

int WindowedGrid::rowsInView() const {
    const int rowHeight = std::max(1, m_view->verticalHeader()->defaultSectionSize());
    return std::max(1, m_view->viewport()->height() / rowHeight);
}

qint64 WindowedGrid::topRow() const {
    return m_rows->windowStart() + m_view->verticalScrollBar()->value();
}

void WindowedGrid::syncScrollBar() {
    // A scroll bar's range is an int: beyond 2^31 rows it scrolls in steps (rare enough).
    const qint64 total = m_rows->totalRows();
    // The row header is as wide as the largest row number: 10000000 shows whole, not as "100000".
    QHeaderView* rowHeader = m_view->verticalHeader();
    rowHeader->setMinimumWidth(
        rowHeader->fontMetrics().horizontalAdvance(QString::number(std::max<qint64>(total, 1))) + 16);
    const int maximum = int(std::min<qint64>(std::max<qint64>(0, total - rowsInView()), INT_MAX));
    m_syncing = true;
    m_scroll->setRange(0, maximum);
    m_scroll->setPageStep(rowsInView());
    m_scroll->setSingleStep(3);
    m_scroll->setValue(int(std::min<qint64>(topRow(), INT_MAX)));
    m_syncing = false;
}

void WindowedGrid::scrollToRow(qint64 row) {
    const qint64 total = m_rows->totalRows();
    row = std::clamp<qint64>(row, 0, std::max<qint64>(0, total - rowsInView()));
    const qint64 start = m_rows->windowStart();
    const int window = m_model->rowCount();
    const int margin = m_rows->windowRows() / 4;
    // Inside the window (away from its edges, unless the edge is the table's): just scroll the view.
    const bool fits = row >= start && row + rowsInView() <= start + window &&
                      (row - start >= margin || start == 0) &&
                      (start + window - row >= margin || start + window >= total);
    m_syncing = true;
    if (!fits) {
        const QModelIndex current = m_view->currentIndex();
        const qint64 currentRow = current.isValid() ? start + current.row() : -1;
        const int currentColumn = current.isValid() ? current.column() : 0;
        m_rows->setWindowStart(row - m_rows->windowRows() / 2);
        const qint64 moved = currentRow - m_rows->windowStart();
        if (currentRow >= 0 && moved >= 0 && moved < m_model->rowCount())
            m_view->selectionModel()->setCurrentIndex(m_model->index(int(moved), currentColumn),
                                                      QItemSelectionModel::NoUpdate);
    }
    m_view->verticalScrollBar()->setValue(int(row - m_rows->windowStart()));
    m_syncing = false;
    syncScrollBar();
}

void WindowedGrid::goToRow(qint64 row) {
    m_followEnd = false;
    scrollToRow(row);
    const qint64 inWindow = row - m_rows->windowStart();
    if (inWindow >= 0 && inWindow < m_model->rowCount())
        m_view->setCurrentIndex(m_model->index(int(inWindow), std::max(0, m_view->currentIndex().column())));
}

void WindowedGrid::onViewScrolled(int value) {
    if (m_syncing)
        return;
    m_followEnd = false; // the user went elsewhere
    // Wheel, keys or selection moved the view: move the window with it when it nears an edge.
    scrollToRow(m_rows->windowStart() + value);
}

bool WindowedGrid::eventFilter(QObject* watched, QEvent* event) {
    if (watched == m_view && event->type() == QEvent::KeyPress) {
        auto* key = static_cast<QKeyEvent*>(event);
        const bool toEnd = key->matches(QKeySequence::MoveToEndOfDocument);
        if (toEnd || key->matches(QKeySequence::MoveToStartOfDocument)) {
            // The whole table's first or last row, not the window's.
            goToEdge(toEnd);
            return true;
        }
    }
    return QWidget::eventFilter(watched, event);
}

void WindowedGrid::goToEdge(bool end) {
    moveToEdge(end);
    // Before the total is known (only the first rows are read), the end is followed until it is.
    m_followEnd = end && !m_rows->totalKnown();
}

void WindowedGrid::moveToEdge(bool end) {
    const qint64 total = m_rows->totalRows();
    if (total == 0)
        return;
    scrollToRow(end ? total : 0);
    const int column = std::max(0, m_view->currentIndex().column());
    m_view->setCurrentIndex(m_model->index(end ? m_model->rowCount() - 1 : 0, column));
}

void WindowedGrid::totalChanged() {
    syncScrollBar();
    if (m_followEnd && m_rows->totalKnown()) {
        m_followEnd = false;
        moveToEdge(true);
    }
}

} // namespace sqlsnap::ui

#include "preview/previewwidget.h"

#include "common/elidedlabel.h"
#include "common/format.h"
#include "preview/filterheader.h"
#include "preview/findpanel.h"
#include "preview/gridcommands.h"
#include "preview/sqlconsole.h"
#include "preview/structureview.h"
#include "preview/tablelist.h"
#include "preview/valueviewer.h"

#include <QAction>
#include <QApplication>
#include <QFileInfo>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QKeyEvent>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QScrollBar>
#include <QSplitter>
#include <QTabWidget>
#include <QTableView>
#include <QTimer>
#include <QVBoxLayout>

namespace sqlsnap::ui {

PreviewWidget::PreviewWidget(const QString& snapshotPath, QWidget* parent)
    : QWidget(parent), m_path(snapshotPath), m_listReader(std::make_unique<ReaderThread>()) {
    m_model = new TableDataModel(snapshotPath, this);
    m_tables = new TableList(this);
    connect(m_tables, &TableList::tableChosen, this, &PreviewWidget::onTableChosen);
    connect(m_tables, &TableList::failed, this, &PreviewWidget::showError);
    connect(m_tables, &TableList::listed, this, [this] {
        if (m_tables->topLevelItemCount() == 0)
            m_status->setText(tr("This database has no tables."));
        emit tablesListed();
    });
    createGrid();
    createSchemaView();
    auto* layout = new QVBoxLayout(this);
    layout->addLayout(createToolbar());
    layout->addWidget(m_error);
    layout->addWidget(createSplitter(), 1);
    setTabOrder(m_tables, m_filter);
    setTabOrder(m_filter, m_view);
    createActions();
    connectModel();
    m_listReader->open(m_path, [](const Error*) {}); // the grid's model reports open errors
    m_tables->list(*m_listReader, m_listToken);
}

PreviewWidget::~PreviewWidget() {
    // The list and its counts stop as a whole, then their thread goes; the grid's model (a child)
    // cancels its own request as it goes.
    m_listToken.cancel();
    m_listReader.reset();
}

void PreviewWidget::setJobObserver(const ReaderThread::Observer& observer) {
    m_listReader->setObserver(observer);
    m_model->setJobObserver(observer);
}

void PreviewWidget::showCurrentValue() {
    m_valuePending = false;
    if (!m_valueToggle->isChecked())
        return;
    const QModelIndex current = m_view->currentIndex();
    const TableSchema* schema = m_model->schema();
    if (!current.isValid() || !schema || current.column() >= schema->table.columns.size()) {
        m_valueViewer->clear();
        return;
    }
    const ColumnInfo& column = schema->table.columns[current.column()];
    // A row whose page is not loaded yet has no value to show: the viewer waits for dataChanged.
    if (m_model->data(current, Qt::DisplayRole).toString() == QString(QChar(0x2026)) &&
        !m_model->data(current, TableDataModel::RawValueRole).isValid()) {
        m_valueViewer->clear();
        m_valuePending = true;
        return;
    }
    m_valueViewer->showValue(m_model->data(current, TableDataModel::RawValueRole), column.name, column.type);
}

void PreviewWidget::connectModel() {
    connect(m_model, &TableDataModel::schemaLoaded, this, &PreviewWidget::showSchema);
    connect(m_model, &TableDataModel::schemaLoaded, this, &PreviewWidget::showKeptBoxes);
    connect(m_model, &TableDataModel::countChanged, m_grid, &WindowedGrid::totalChanged);
    connect(m_model, &TableDataModel::countChanged, this, &PreviewWidget::updateStatus);
    connect(m_model, &TableDataModel::firstPageLoaded, this, &PreviewWidget::updateStatus);
    connect(m_model, &TableDataModel::pageLoaded, this, &PreviewWidget::updateStatus);
    connect(m_model, &TableDataModel::failed, this, &PreviewWidget::showError);
    connect(m_model, &TableDataModel::sortProgressChanged, this, &PreviewWidget::updateStatus);
    connect(m_view->selectionModel(), &QItemSelectionModel::currentChanged, this,
            &PreviewWidget::showCurrentValue);
    connect(m_model, &QAbstractItemModel::modelReset, this, &PreviewWidget::showCurrentValue);
    connect(m_model, &QAbstractItemModel::dataChanged, this,
            [this](const QModelIndex& from, const QModelIndex& to) {
                // Only a value that was waiting for its page: a loaded one is not shown again.
                const QModelIndex current = m_view->currentIndex();
                if (m_valuePending && current.isValid() && current.row() >= from.row() &&
                    current.row() <= to.row())
                    showCurrentValue();
            });
}

void PreviewWidget::showError(const QString& message) {
    m_error->setText(message);
    m_error->show();
}

void PreviewWidget::onTableChosen(const QString& table) {
    keepShownTableFilters();
    m_filter->blockSignals(true);
    m_filter->clear();
    m_filter->blockSignals(false);
    m_header->blockSignals(true); // the boxes' old texts are the old table's: no filter to apply
    m_header->clearFilters();
    m_header->blockSignals(false);
    m_filterDelay->stop();
    m_grid->stopFollowingEnd();
    m_header->setSortIndicatorShown(false);
    // The model cancels the old table's page reads and count, wherever they are.
    m_model->setTable(table);
    m_shownTable = table;
    m_boxesPending.reset();
    if (m_nextTablePlain) {
        m_nextTablePlain = false;
        m_keptFilters.remove(table);
    } else if (const auto kept = m_keptFilters.constFind(table); kept != m_keptFilters.cend()) {
        // Filters name their columns, so the model takes them before it knows the columns.
        const QSignalBlocker quiet(m_filter);
        m_filter->setText(kept->text);
        m_model->setFilter(RowFilter{kept->text, kept->columns});
        m_model->setOrder(kept->order);
        m_boxesPending = *kept;
    }
    updateStatus();
}

void PreviewWidget::keepShownTableFilters() {
    if (m_shownTable.isEmpty() || m_model->table() != m_shownTable)
        return;
    // What the boxes hold, also text typed within the typing pause.
    TableFilters kept{m_filter->text(), m_header->columnFilters(), m_model->order()};
    if (m_boxesPending) // its columns never came: what it was opened with stays
        kept = *m_boxesPending;
    if (kept.text.isEmpty() && kept.columns.isEmpty() && kept.order.isNone())
        m_keptFilters.remove(m_shownTable);
    else
        m_keptFilters.insert(m_shownTable, kept);
}

void PreviewWidget::showKeptBoxes() {
    if (!m_boxesPending || m_model->table() != m_shownTable)
        return;
    const TableFilters kept = *m_boxesPending;
    m_boxesPending.reset();
    const QSignalBlocker quiet(m_header); // the model has them already
    for (int section = 0; section < m_model->columnCount(); ++section) {
        const QString name = m_model->headerData(section, Qt::Horizontal, Qt::DisplayRole).toString();
        for (const ColumnFilter& filter : kept.columns)
            if (filter.column == name)
                m_header->setColumnFilterText(section, filter.text);
        if (!kept.order.isNone() && kept.order.column == name) {
            m_header->setSortIndicatorShown(true);
            m_header->setSortIndicator(section,
                                       kept.order.descending ? Qt::DescendingOrder : Qt::AscendingOrder);
        }
    }
    updateStatus();
}

void PreviewWidget::selectTablePlain(const QString& name) {
    m_nextTablePlain = true;
    selectTable(name);
    m_nextTablePlain = false; // the table was already the current one: nothing was chosen
}

void PreviewWidget::readStructure() {
    // The facts and objects first (quick), then the sizes (every page read once): each shown as it
    // arrives, both stopped with the preview.
    postRead(
        *m_listReader, QStringLiteral("structure"), m_listToken, this,
        [](SnapshotReader& reader, const CancelToken& cancel) { return reader.structure(cancel); },
        [this](const Expected<DatabaseStructure>& structure) {
            if (structure)
                m_structure->showStructure(*structure);
            else
                m_structure->showError(structure.error().message);
        });
    postRead(
        *m_listReader, QStringLiteral("object sizes"), m_listToken, this,
        [](SnapshotReader& reader, const CancelToken& cancel) { return reader.objectSizes(cancel); },
        [this](const Expected<QList<ObjectSize>>& sizes) {
            if (sizes)
                m_structure->showSizes(*sizes);
            else
                m_structure->showSizesError(sizes.error().message);
        });
}

void PreviewWidget::selectTable(const QString& name) {
    m_tables->selectTable(name);
}

void PreviewWidget::showSchema() {
    const TableSchema* s = m_model->schema();
    if (!s)
        return;
    QString text = s->table.sql + QStringLiteral(";\n\n-- ") + tr("Columns") + QLatin1Char('\n');
    for (const ColumnInfo& c : s->table.columns)
        text +=
            QStringLiteral("--   %1  %2%3%4%5\n")
                .arg(c.name, c.type.isEmpty() ? tr("(no type)") : c.type,
                     c.primaryKey ? tr("  primary key") : QString(), c.notNull ? tr("  not null") : QString(),
                     c.hidden ? tr("  generated/hidden") : QString());
    if (!s->indexes.isEmpty()) {
        text += QStringLiteral("\n-- ") + tr("Indexes") + QLatin1Char('\n');
        for (const IndexInfo& i : s->indexes)
            text += i.sql.isEmpty()
                        ? QStringLiteral("-- %1 (%2%3 on %4)\n")
                              .arg(i.name, i.unique ? tr("unique, ") : QString(),
                                   i.origin == QStringLiteral("pk") ? tr("primary key") : tr("automatic"),
                                   i.columns.join(QStringLiteral(", ")))
                        : i.sql + QStringLiteral(";\n");
    }
    if (!s->triggers.isEmpty()) {
        text += QStringLiteral("\n-- ") + tr("Triggers") + QLatin1Char('\n');
        for (const QString& t : s->triggers)
            text += t + QStringLiteral(";\n");
    }
    m_schema->setPlainText(text);
}

void PreviewWidget::updateStatus() {
    QString text;
    const qint64 n = m_model->count();
    switch (m_model->countState()) {
    case TableDataModel::CountState::Unknown:
        text = m_model->rowCount() > 0
                   ? tr("%1 rows loaded, counting…").arg(groupedNumber(m_model->rowCount()))
                   : tr("Loading…");
        break;
    case TableDataModel::CountState::Estimated:
        text = tr("≈ %1 rows (counting…)").arg(groupedNumber(n));
        break;
    case TableDataModel::CountState::Exact:
        text = rowsText(n);
        break;
    }
    if (!m_model->filter().isEmpty())
        text += tr(" matching “%1”").arg(m_model->filter());
    if (!m_model->rowFilter().columns.isEmpty())
        text += tr(" that pass the column filters");
    const RowOrder& order = m_model->order();
    if (!order.isNone()) {
        text += order.descending ? tr(", sorted by %1 (descending)").arg(order.column)
                                 : tr(", sorted by %1").arg(order.column);
        if (m_model->sortProgress() >= 0)
            text += tr(" — ordering every row: %1% (the first and last rows are shown meanwhile)")
                        .arg(int(m_model->sortProgress() * 100));
    }
    m_stopSort->setVisible(!order.isNone());
    // A box that cannot be used matches no row: the status line says why, not only its tooltip.
    if (const QString problem = m_header->filterProblem(); !problem.isEmpty())
        text = problem + QStringLiteral(" — ") + text;
    m_status->setText(text);
}

qint64 PreviewWidget::topRow() const {
    return m_grid->topRow();
}

void PreviewWidget::scrollToRow(qint64 row) {
    m_grid->scrollToRow(row);
}

QScrollBar* PreviewWidget::tableScrollBar() const {
    return m_grid->tableScrollBar();
}

bool PreviewWidget::eventFilter(QObject* watched, QEvent* event) {
    if (watched == m_filter && event->type() == QEvent::ShortcutOverride) {
        // A line edit claims Ctrl+<letter> keys for editing (on X11, Ctrl+E is "end of line"), so the
        // window's commands on those keys (Ctrl+E: Export Snapshot…) would never fire while the filter
        // has focus. The window's key wins, except for the editing keys everyone expects in a text box.
        auto* key = static_cast<QKeyEvent*>(event);
        const QKeySequence pressed(key->keyCombination());
        for (QKeySequence::StandardKey editing :
             {QKeySequence::Copy, QKeySequence::Cut, QKeySequence::Paste, QKeySequence::Undo,
              QKeySequence::Redo, QKeySequence::SelectAll})
            if (key->matches(editing))
                return QWidget::eventFilter(watched, event);
        for (const QAction* action : window()->findChildren<QAction*>())
            if (action->isEnabled() && action->shortcutContext() != Qt::WidgetShortcut &&
                action->shortcuts().contains(pressed)) {
                event->ignore(); // not overridden: the shortcut map gives the key to the action
                return true;
            }
    }
    return QWidget::eventFilter(watched, event);
}

void PreviewWidget::onHeaderClicked(int section) {
    // Ascending, then descending, then the table's own order again.
    const RowOrder& current = m_model->order();
    const QString column = m_model->headerData(section, Qt::Horizontal, Qt::DisplayRole).toString();
    if (current.column != column)
        sortBy(section, false);
    else if (!current.descending)
        sortBy(section, true);
    else
        sortBy(-1, false);
}

void PreviewWidget::sortBy(int section, bool descending) {
    m_grid->stopFollowingEnd();
    if (section < 0) {
        m_header->setSortIndicatorShown(false);
        m_model->setOrder({});
    } else {
        m_header->setSortIndicatorShown(true);
        m_header->setSortIndicator(section, descending ? Qt::DescendingOrder : Qt::AscendingOrder);
        m_model->setOrder(
            RowOrder{m_model->headerData(section, Qt::Horizontal, Qt::DisplayRole).toString(), descending});
    }
    updateStatus();
}

void PreviewWidget::copySelection() const {
    m_commands->copy(false);
}

} // namespace sqlsnap::ui

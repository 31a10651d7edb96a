#include "preview/gridcommands.h"

#include "common/format.h"
#include "preview/filterheader.h"
#include "preview/tabledatamodel.h"

#include <sqlitesnapshot/valuetext.h>

#include <QAction>
#include <QHeaderView>
#include <QInputDialog>
#include <QMainWindow>
#include <QMenu>
#include <QStatusBar>
#include <QTableView>

#include <algorithm>

namespace sqlsnap::ui {

GridCommands::GridCommands(QTableView* view, TableDataModel* model, std::function<void(qint64)> goToRow)
    : QObject(view), m_view(view), m_model(model), m_showRow(std::move(goToRow)) {
    const auto make = [this](const QString& text, const QKeySequence& keys) {
        auto* action = new QAction(text, m_view);
        action->setShortcut(keys);
        action->setShortcutContext(Qt::WidgetWithChildrenShortcut);
        m_view->addAction(action);
        return action;
    };
    m_copy = make(tr("Copy"), QKeySequence::Copy);
    connect(m_copy, &QAction::triggered, this, [this] { copy(false); });
    m_copyWithHeaders = make(tr("Copy with Headers"), QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_C));
    connect(m_copyWithHeaders, &QAction::triggered, this, [this] { copy(true); });
    // Copy As: a submenu of the context menu (the view shows its actions as the menu).
    auto* copyAsMenu = new QMenu(m_view);
    const auto addCopyAs = [&](const QString& text, CopyFormat format) {
        QAction* action = copyAsMenu->addAction(text);
        connect(action, &QAction::triggered, this, [this, format] { copyAs(format); });
        m_copyAs.insert(int(format), action);
    };
    addCopyAs(tr("CSV"), CopyFormat::Csv);
    addCopyAs(tr("JSON"), CopyFormat::Json);
    addCopyAs(tr("SQL INSERT"), CopyFormat::SqlInsert);
    QAction* copyAsItem = make(tr("Copy As"), {});
    copyAsItem->setMenu(copyAsMenu);
    m_stopCopying = make(tr("Stop Copying"), {});
    m_stopCopying->setVisible(false); // in the menu only while a copy reads rows
    connect(m_stopCopying, &QAction::triggered, this, &GridCommands::stopCopying);
    auto* separator = new QAction(m_view);
    separator->setSeparator(true);
    m_view->addAction(separator);
    m_goToRowAction = make(tr("Go to Row…"), QKeySequence(Qt::CTRL | Qt::Key_G));
    connect(m_goToRowAction, &QAction::triggered, this, &GridCommands::askGoToRow);
    m_filterByValue = make(tr("Filter by This Value"), {});
    connect(m_filterByValue, &QAction::triggered, this, &GridCommands::filterByCurrentValue);
    QAction* fit = make(tr("Fit Column Widths"), {});
    connect(fit, &QAction::triggered, this, &GridCommands::fitColumnWidths);
    m_view->setContextMenuPolicy(Qt::ActionsContextMenu);

    QHeaderView* header = m_view->horizontalHeader();
    header->setContextMenuPolicy(Qt::CustomContextMenu);
    connect(header, &QHeaderView::customContextMenuRequested, this, &GridCommands::showHeaderMenu);
    // Fitting measures the rows on screen only: a window of 100,000 rows would take seconds.
    header->setResizeContentsPrecision(0);

    connect(m_model, &QAbstractItemModel::modelAboutToBeReset, this, &GridCommands::saveLayout);
    connect(m_model, &QAbstractItemModel::modelReset, this, [this] {
        if (m_model->columnCount() > 0 && m_model->table() == m_layoutTable)
            restoreLayout();
    });
    connect(m_model, &TableDataModel::schemaLoaded, this, &GridCommands::onSchemaLoaded);
    connect(m_model, &TableDataModel::firstPageLoaded, this, &GridCommands::fitNewTable);
}

void GridCommands::saveLayout() {
    if (m_layoutTable.isEmpty() || m_model->columnCount() == 0)
        return;
    ColumnLayout layout;
    for (int c = 0; c < m_model->columnCount(); ++c) {
        const QString name = m_model->headerData(c, Qt::Horizontal, Qt::DisplayRole).toString();
        if (m_view->isColumnHidden(c))
            layout.hidden << name;
        else
            layout.widths.insert(name, m_view->columnWidth(c));
    }
    m_layouts.insert(m_layoutTable, layout);
}

void GridCommands::restoreLayout() {
    const ColumnLayout layout = m_layouts.value(m_layoutTable);
    for (int c = 0; c < m_model->columnCount(); ++c) {
        const QString name = m_model->headerData(c, Qt::Horizontal, Qt::DisplayRole).toString();
        m_view->setColumnHidden(c, layout.hidden.contains(name));
        if (const auto width = layout.widths.constFind(name); width != layout.widths.cend())
            m_view->setColumnWidth(c, *width);
    }
}

void GridCommands::onSchemaLoaded() {
    m_layoutTable = m_model->table();
    if (m_layouts.contains(m_layoutTable)) {
        restoreLayout();
        m_fitPending = false;
        return;
    }
    // Hidden columns (FTS5's own, generated columns' hidden parts) are not shown at first, as the CLI's
    // `tables` leaves them out; the header's menu shows them.
    const TableSchema* schema = m_model->schema();
    for (int c = 0; schema && c < schema->table.columns.size(); ++c)
        m_view->setColumnHidden(c, schema->table.columns[c].hidden);
    if (schema && std::all_of(schema->table.columns.cbegin(), schema->table.columns.cend(),
                              [](const ColumnInfo& column) { return column.hidden; }))
        showAllColumns(); // a grid with no column would look empty, not hidden
    m_fitPending = true;
}

void GridCommands::fitNewTable() {
    if (!m_fitPending)
        return;
    m_fitPending = false;
    // The header and the rows on screen, as Fit Column Widths measures them; the first columns only, so
    // a table of thousands of columns costs no more than a screenful.
    const int measured = std::min(m_model->columnCount(), 64);
    for (int c = 0; c < measured; ++c)
        if (!m_view->isColumnHidden(c)) {
            m_view->resizeColumnToContents(c);
            m_view->setColumnWidth(c, std::clamp(m_view->columnWidth(c), kFittedWidthMin, kFittedWidthCap));
        }
}

void GridCommands::copy(bool withHeaders) {
    copyAs(withHeaders ? CopyFormat::TabSeparatedWithHeaders : CopyFormat::TabSeparated);
}

void GridCommands::copyAs(CopyFormat format) {
    // The selection's ranges, never its indexes: a whole window is 100,000 rows × every column.
    const QItemSelection selection = m_view->selectionModel()->selection();
    QList<int> columns; // the shown columns with a selected cell
    for (const QItemSelectionRange& range : selection)
        for (int c = range.left(); c <= range.right(); ++c)
            if (!m_view->isColumnHidden(c) && !columns.contains(c))
                columns << c;
    if (columns.isEmpty())
        return;
    const QHeaderView* header = m_view->horizontalHeader();
    std::sort(columns.begin(), columns.end(),
              [header](int a, int b) { return header->visualIndex(a) < header->visualIndex(b); });
    if (m_running) { // replaced: it answers no more
        m_running->disconnect(this);
        m_running->cancel();
        m_running->deleteLater();
    }
    auto* copy = new SelectionCopy(m_model, format, selection, columns, this);
    m_running = copy;
    connect(copy, &SelectionCopy::progress, this, [this](qint64 done, qint64 total, bool waiting) {
        setStatus(waiting
                      ? tr("Copying: %1 of %2 rows read; the rest wait for the sort to finish…")
                            .arg(groupedNumber(done), groupedNumber(total))
                      : tr("Copying: %1 of %2 rows read…").arg(groupedNumber(done), groupedNumber(total)));
        m_stopCopying->setVisible(true);
    });
    connect(copy, &SelectionCopy::finished, this, [this, copy](bool, const QString& message) {
        m_stopCopying->setVisible(false);
        setStatus(message);
        copy->deleteLater();
    });
    copy->start();
}

void GridCommands::stopCopying() {
    if (m_running)
        m_running->cancel();
}

void GridCommands::setStatus(const QString& text) {
    m_status = text;
    emit statusChanged(text);
    if (auto* window = qobject_cast<QMainWindow*>(m_view->window()))
        window->statusBar()->showMessage(text, 8000);
}

void GridCommands::askGoToRow() {
    const qint64 rows = m_model->totalRows();
    if (rows <= 0)
        return;
    // QInputDialog's spin box is an int: beyond 2^31 rows the last reachable row is INT_MAX.
    const int last = int(std::min<qint64>(rows, INT_MAX));
    const QModelIndex current = m_view->currentIndex();
    const int now =
        current.isValid() ? int(std::min<qint64>(m_model->windowStart() + current.row() + 1, last)) : 1;
    bool ok = false;
    // The spin box takes any number: one past the last row would otherwise be changed without a word.
    const int row = QInputDialog::getInt(
        m_view, tr("Go to Row"), tr("Row (1 to %1):").arg(groupedNumber(last)), now, 1, INT_MAX, 1, &ok);
    if (!ok)
        return;
    goToRow(row);
}

void GridCommands::goToRow(qint64 row) {
    const qint64 rows = m_model->totalRows();
    if (rows <= 0)
        return;
    if (row > rows) {
        setStatus(tr("There is no row %1: the last row is %2, shown instead.")
                      .arg(groupedNumber(row), groupedNumber(rows)));
        row = rows;
    }
    m_showRow(std::max<qint64>(row, 1) - 1);
}

void GridCommands::filterByCurrentValue() {
    const QModelIndex current = m_view->currentIndex();
    auto* header = qobject_cast<FilterHeader*>(m_view->horizontalHeader());
    if (!current.isValid() || !header)
        return;
    const QVariant value = m_model->data(current, TableDataModel::RawValueRole);
    if (!value.isValid() && m_model->data(current, Qt::DisplayRole).toString() == QString(QChar(0x2026)))
        return; // a row not read yet: no value to filter by
    QString text;
    if (!value.isValid())
        text = QStringLiteral("NULL");
    else if (value.typeId() == QMetaType::QByteArray) // `=` compares SQL values; a BLOB is matched as shown
        text = QStringLiteral("/^%1$/i").arg(QString::fromLatin1(value.toByteArray().toHex()));
    else if (value.typeId() == QMetaType::Double)
        text = QLatin1Char('=') + QString::fromLatin1(realText(value.toDouble()));
    else
        text = QLatin1Char('=') + value.toString();
    header->setColumnFilterText(current.column(), text);
}

void GridCommands::fitColumnWidths() {
    for (int c = 0; c < m_model->columnCount(); ++c)
        if (!m_view->isColumnHidden(c)) {
            m_view->resizeColumnToContents(c);
            m_view->setColumnWidth(c, std::min(m_view->columnWidth(c), 600)); // a long text stays readable
        }
}

void GridCommands::setColumnShown(int column, bool shown) {
    m_view->setColumnHidden(column, !shown);
}

void GridCommands::showAllColumns() {
    for (int c = 0; c < m_model->columnCount(); ++c)
        m_view->setColumnHidden(c, false);
}

void GridCommands::showHeaderMenu(const QPoint& at) {
    QHeaderView* header = m_view->horizontalHeader();
    const int clicked = header->logicalIndexAt(at);
    QMenu menu(m_view);
    if (clicked >= 0) {
        const QString name = m_model->headerData(clicked, Qt::Horizontal, Qt::DisplayRole).toString();
        QAction* hide = menu.addAction(tr("Hide “%1”").arg(name));
        connect(hide, &QAction::triggered, this, [this, clicked] { setColumnShown(clicked, false); });
        // One column always stays: a grid with none would look empty, not hidden.
        hide->setEnabled(header->count() - header->hiddenSectionCount() > 1);
    }
    QMenu* columns = menu.addMenu(tr("Columns"));
    for (int c = 0; c < m_model->columnCount(); ++c) {
        QAction* toggle =
            columns->addAction(m_model->headerData(c, Qt::Horizontal, Qt::DisplayRole).toString());
        toggle->setCheckable(true);
        toggle->setChecked(!m_view->isColumnHidden(c));
        connect(toggle, &QAction::toggled, this, [this, c](bool on) {
            if (on ||
                m_view->horizontalHeader()->count() - m_view->horizontalHeader()->hiddenSectionCount() > 1)
                setColumnShown(c, on);
        });
    }
    menu.addAction(tr("Show All Columns"), this, &GridCommands::showAllColumns);
    menu.addSeparator();
    menu.addAction(tr("Fit Column Widths"), this, &GridCommands::fitColumnWidths);
    menu.exec(header->mapToGlobal(at));
}

} // namespace sqlsnap::ui

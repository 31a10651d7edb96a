#include "preview/gridcommands.h"

#include "common/format.h"
#include "preview/tabledatamodel.h"

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
    QAction* fit = make(tr("Fit Column Widths"), {});
    connect(fit, &QAction::triggered, this, &GridCommands::fitColumnWidths);
    m_view->setContextMenuPolicy(Qt::ActionsContextMenu);

    QHeaderView* header = m_view->horizontalHeader();
    header->setContextMenuPolicy(Qt::CustomContextMenu);
    connect(header, &QHeaderView::customContextMenuRequested, this, &GridCommands::showHeaderMenu);
    // Fitting measures the rows on screen only: a window of 100,000 rows would take seconds.
    header->setResizeContentsPrecision(0);
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
    const int row = QInputDialog::getInt(m_view, tr("Go to Row"),
                                         tr("Row (1 to %1):").arg(groupedNumber(last)), now, 1, last, 1, &ok);
    if (ok)
        m_showRow(row - 1);
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

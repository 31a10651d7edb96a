// The grid's commands, on its context menus and keys: Copy (Ctrl+C), Copy with Headers
// (Ctrl+Shift+C), Copy As (CSV, JSON, SQL INSERT), Go to Row… (Ctrl+G), Fit Column Widths, and hiding
// and showing columns from the header's menu. Copies take the selected cells of the columns shown:
// tab-separated text with the exact values (see TableDataModel::tabSeparated), or the export formats'
// text (SelectionCopy says which cells, and how rows not in memory are read without blocking).
#pragma once

#include "preview/selectioncopy.h"

#include <QHash>
#include <QObject>
#include <QPointer>

#include <functional>

class QAction;
class QTableView;

namespace sqlsnap::ui {

class TableDataModel;

class GridCommands : public QObject {
    Q_OBJECT
public:
    // `goToRow` shows table row r (0-based) at the top and makes it current.
    GridCommands(QTableView* view, TableDataModel* model, std::function<void(qint64 row)> goToRow);

    void copy(bool withHeaders);
    // Copies the selection in `format`; a copy still reading rows is stopped first. The clipboard is set
    // at once when the rows are in memory, else when they have been read (statusChanged says how far).
    void copyAs(CopyFormat format);
    void stopCopying();
    bool isCopying() const { return m_running && m_running->isRunning(); }
    // The last copy's outcome or progress, one line ("Copied 3 rows as CSV."); also shown in the main
    // window's status bar when there is one.
    QString statusText() const { return m_status; }
    // Asks for a row number (1 .. the rows known) and goes there.
    void askGoToRow();
    void fitColumnWidths();
    void setColumnShown(int column, bool shown);
    void showAllColumns();

    QAction* copyAction() const { return m_copy; }
    QAction* copyWithHeadersAction() const { return m_copyWithHeaders; }
    QAction* goToRowAction() const { return m_goToRowAction; }
    QAction* copyAsAction(CopyFormat format) const { return m_copyAs.value(int(format)); }
    QAction* stopCopyingAction() const { return m_stopCopying; }

signals:
    void statusChanged(const QString& text);

private:
    void showHeaderMenu(const QPoint& at);
    void setStatus(const QString& text);

    QTableView* m_view;
    TableDataModel* m_model;
    std::function<void(qint64)> m_showRow;
    QAction* m_copy;
    QAction* m_copyWithHeaders;
    QAction* m_goToRowAction;
    QHash<int, QAction*> m_copyAs; // by CopyFormat
    QAction* m_stopCopying;
    QPointer<SelectionCopy> m_running;
    QString m_status;
};

} // namespace sqlsnap::ui

// The grid's commands, on its context menus and keys: Copy (Ctrl+C), Copy with Headers
// (Ctrl+Shift+C), Go to Row… (Ctrl+G), Fit Column Widths, and hiding and showing columns from the
// header's menu. Copies take the selected cells of the columns shown, as tab-separated text with the
// exact values (see TableDataModel::tabSeparated).
#pragma once

#include <QObject>

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

    void copy(bool withHeaders) const;
    // Asks for a row number (1 .. the rows known) and goes there.
    void askGoToRow();
    void fitColumnWidths();
    void setColumnShown(int column, bool shown);
    void showAllColumns();

    QAction* copyAction() const { return m_copy; }
    QAction* copyWithHeadersAction() const { return m_copyWithHeaders; }
    QAction* goToRowAction() const { return m_goToRowAction; }

private:
    void showHeaderMenu(const QPoint& at);

    QTableView* m_view;
    TableDataModel* m_model;
    std::function<void(qint64)> m_showRow;
    QAction* m_copy;
    QAction* m_copyWithHeaders;
    QAction* m_goToRowAction;
};

} // namespace sqlsnap::ui

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
#include <QSet>

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
    // Goes to table row `row` (1-based); past the last row, to the last one, and the status says so.
    void goToRow(qint64 row);
    // Sets the current cell's column filter to `=value` (NULL: `NULL`; a BLOB by its hex digits).
    void filterByCurrentValue();
    void fitColumnWidths();
    void setColumnShown(int column, bool shown);
    void showAllColumns();

    QAction* copyAction() const { return m_copy; }
    QAction* copyWithHeadersAction() const { return m_copyWithHeaders; }
    QAction* goToRowAction() const { return m_goToRowAction; }
    QAction* filterByValueAction() const { return m_filterByValue; }
    QAction* copyAsAction(CopyFormat format) const { return m_copyAs.value(int(format)); }
    QAction* stopCopyingAction() const { return m_stopCopying; }

    // Widths fitted on a table's first page: at most this wide, so one long URL does not fill the grid.
    static constexpr int kFittedWidthCap = 300;
    static constexpr int kFittedWidthMin = 64; // room for a filter box's short text and its clear button

signals:
    void statusChanged(const QString& text);

private:
    // What the header shows of one table: columns hidden and widths, by column name. A model reset (a
    // filter, a sort) re-creates the sections, so it is put back after one, and when the table is
    // chosen again in this preview.
    struct ColumnLayout {
        QSet<QString> hidden;
        QHash<QString, int> widths;
    };
    void saveLayout();
    void restoreLayout();
    void onSchemaLoaded();
    void fitNewTable();

    void showHeaderMenu(const QPoint& at);
    void setStatus(const QString& text);

    QTableView* m_view;
    TableDataModel* m_model;
    std::function<void(qint64)> m_showRow;
    QAction* m_copy;
    QAction* m_copyWithHeaders;
    QAction* m_goToRowAction;
    QAction* m_filterByValue;
    QHash<int, QAction*> m_copyAs; // by CopyFormat
    QAction* m_stopCopying;
    QPointer<SelectionCopy> m_running;
    QString m_status;
    QString m_layoutTable; // the table whose columns the header shows
    QHash<QString, ColumnLayout> m_layouts;
    bool m_fitPending = false;
};

} // namespace sqlsnap::ui

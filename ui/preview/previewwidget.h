// Inside one snapshot: its tables and views (with row counts), the selected one's rows and schema.
#pragma once

#include "preview/readerthread.h"
#include "preview/tabledatamodel.h"

#include <QHash>
#include <QWidget>

#include <optional>

class QLabel;
class QLayout;
class QLineEdit;
class QPlainTextEdit;
class QPushButton;
class QScrollBar;
class QSplitter;
class QTableView;
class QTabWidget;
class QTimer;

namespace sqlsnap::ui {

class FilterHeader;
class GridCommands;
class StructureView;
class TableList;
class ValueViewer;
class WindowedGrid;

class PreviewWidget : public QWidget {
    Q_OBJECT
public:
    explicit PreviewWidget(const QString& snapshotPath, QWidget* parent = nullptr);
    ~PreviewWidget() override;

    QString snapshotPath() const { return m_path; }
    TableDataModel* dataModel() const { return m_model; }
    QTableView* dataView() const { return m_view; }
    TableList* tableList() const { return m_tables; }
    QLineEdit* filterEdit() const { return m_filter; }
    // The grid's header, with a filter box under each column.
    FilterHeader* filterHeader() const { return m_header; }
    QLabel* statusLabel() const { return m_status; }
    QPlainTextEdit* schemaView() const { return m_schema; }
    StructureView* structureView() const { return m_structure; }
    ValueViewer* valueViewer() const { return m_valueViewer; }
    GridCommands* gridCommands() const { return m_commands; }
    QPushButton* valuePanelToggle() const { return m_valueToggle; }
    QTabWidget* pageTabs() const { return m_tabs; }
    void selectTable(const QString& name);
    // Opens `name` unfiltered, in its own order, dropping the filters and sort kept for it (a Find in
    // Snapshot hit's row is placed by its position in that order).
    void selectTablePlain(const QString& name);
    // Hears of every job of the preview's reader threads (see ReaderThread::setObserver): for tests.
    void setJobObserver(const ReaderThread::Observer& observer);
    void copySelection() const;
    QSplitter* splitter() const { return m_splitter; }
    // The scroll bar for the whole table (the view's own one covers only the model's window).
    QScrollBar* tableScrollBar() const;
    QPushButton* stopSortingButton() const { return m_stopSort; }
    // The table row (not window row) at the top of the view.
    qint64 topRow() const;
    // Shows table row `row` at the top (or as near as the table's end allows), moving the window.
    void scrollToRow(qint64 row);

protected:
    bool eventFilter(QObject* watched, QEvent* event) override; // the filter box's shortcuts

signals:
    void tablesListed();
    void exportRequested(const QString& snapshotPath);
    void tableExportRequested(const QString& snapshotPath, const QString& table, const RowFilter& filter,
                              const RowOrder& order);

private:
    QLayout* createToolbar(); // the title, "read-only", Export…; and the error line below
    void createGrid();        // the filter, the rows, the whole table's scroll bar and the status line
    void createSchemaView();
    QSplitter* createSplitter();
    void createActions();
    void connectModel();
    void showError(const QString& message);
    void onTableChosen(const QString& table);
    void readStructure();    // once, when the Structure tab is first shown
    void showCurrentValue(); // the current cell's value in the value viewer
    void showSchema();
    void updateStatus();
    void onHeaderClicked(int section);
    // Sorts by the column at `section` (-1: the table's own order), the header's indicator with it.
    void sortBy(int section, bool descending);
    // Switching tables keeps what each one was filtered and sorted by, to put back when it is chosen
    // again in this preview.
    struct TableFilters {
        QString text;
        QList<ColumnFilter> columns;
        RowOrder order;
    };
    void keepShownTableFilters();
    void showKeptBoxes(); // the kept column filters in the boxes, once the table's columns are known

    QString m_path;
    // The table list, its counts and the structure: never on the grid's readers. The token stops them
    // all, with the preview.
    std::unique_ptr<ReaderThread> m_listReader;
    CancelToken m_listToken;
    TableDataModel* m_model;
    TableList* m_tables;
    QLineEdit* m_filter;
    FilterHeader* m_header;
    WindowedGrid* m_grid;
    QTableView* m_view; // m_grid's
    QLabel* m_status;
    QPushButton* m_stopSort;
    QLabel* m_error;
    QPlainTextEdit* m_schema;
    StructureView* m_structure;
    GridCommands* m_commands;
    ValueViewer* m_valueViewer;
    QSplitter* m_valueSplitter;
    QPushButton* m_valueToggle;
    bool m_valuePending = false; // the current cell's page was not loaded when it became current
    bool m_structureAsked = false;
    QTabWidget* m_tabs;
    QWidget* m_dataPage;
    QSplitter* m_splitter;
    QTimer* m_filterDelay;
    QString m_shownTable;
    QHash<QString, TableFilters> m_keptFilters;
    std::optional<TableFilters> m_boxesPending;
    bool m_nextTablePlain = false;
};

} // namespace sqlsnap::ui

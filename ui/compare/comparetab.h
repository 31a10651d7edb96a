// The Compare tab: what changed from snapshot A (before) to B (after). At the top the per-table summary
// (added / removed / changed / unchanged, the key, warnings), filled table by table while the comparison
// job runs; below, the changed rows of the selected table (a WindowedGrid over ChangedRowsModel, read page
// by page on a ComparisonThread) beside the value viewers (before and after of the current cell), and the
// schema changes with their SQL before and after. Filters: table name, kinds of change. Export writes the
// comparison as JSON or SQL through a job (JobSpecs::compareExport). How it is put together:
// comparetablayout.cpp.
#pragma once

#include "compare/comparefeed.h"

#include <QPointer>
#include <QSet>
#include <QWidget>

#include <functional>
#include <memory>

class QCheckBox;
class QLabel;
class QSplitter;
class QLineEdit;
class QPlainTextEdit;
class QPushButton;
class QTabWidget;
class QTreeWidget;

namespace sqlsnap::ui {

class ChangedRowsModel;
class ComparisonThread;
class ElidedLabel;
class Job;
struct JobSpec;
class ValueViewer;
class WindowedGrid;

class CompareTab : public QWidget {
    Q_OBJECT
public:
    CompareTab(const QString& before, const QString& after, QWidget* parent = nullptr);
    ~CompareTab() override;

    QString before() const { return m_before; }
    QString after() const { return m_after; }
    // The feed the comparison job fills (JobSpecs::compare); then attach() the job.
    std::shared_ptr<CompareFeed> feed() const { return m_feed; }
    void attach(Job* job);

    QTreeWidget* summary() const { return m_summary; }
    QTreeWidget* schemaList() const { return m_schema; }
    QPlainTextEdit* sqlBefore() const { return m_sqlBefore; }
    QPlainTextEdit* sqlAfter() const { return m_sqlAfter; }
    WindowedGrid* grid() const { return m_grid; }
    ChangedRowsModel* rows() const { return m_rows; }
    ValueViewer* beforeViewer() const { return m_beforeViewer; }
    ValueViewer* afterViewer() const { return m_afterViewer; }
    QTabWidget* valueTabs() const { return m_values; } // Before (A), After (B)
    QLineEdit* tableFilter() const { return m_tableFilter; }
    QCheckBox* kindFilter(int kind) const; // ChangedRowsModel::Added, Removed or Changed
    // A and B in the header, each elided around the part that tells it from the other (comparenames.h).
    ElidedLabel* nameLabel(bool after) const { return after ? m_nameB : m_nameA; }
    // One line, elided (the whole text and more in its tooltip).
    ElidedLabel* status() const { return m_status; }
    ElidedLabel* rowsStatus() const { return m_rowsStatus; } // over the grid: how many rows it has
    // One line when A and B look like snapshots of different databases (compareorigin.h); hidden otherwise.
    ElidedLabel* originNotice() const { return m_notice; }
    // Enabled once the comparison ran to its end; a cancelled or failed one is not exported.
    QPushButton* exportButton() const { return m_export; }
    // Grid columns are fitted to the header and the first page of a table, within these widths.
    static constexpr int kFittedWidthMin = 48;
    static constexpr int kFittedWidthCap = 300;
    // Shows `table`'s rows (selects its summary row); false when it is not listed (filtered out).
    bool selectTable(const QString& table);

    // Where Export writes: the file, or empty to give up. The window asks through its DestinationPrompt
    // (the folder of the last export); tests replace it. Unset, Export does nothing.
    std::function<QString(bool sql)> chooseExportFile;
    // The name Export suggests: "<A> to <B>.json" (or .sql).
    QString exportFileName(bool sql) const;
    void exportAs(bool sql);

signals:
    void jobRequested(const sqlsnap::ui::JobSpec& spec); // an export: the window starts it

protected:
    void resizeEvent(QResizeEvent* event) override;

private:
    void balanceSplit();
    void setStatus(const QString& text, const QString& toolTip = {});
    void takeFeed();
    void onRowsLoaded();
    void addTable(const TableComparison& table);
    void applyFilters();
    void showSelectedTable();
    void showCurrentCell();
    void fitColumns();
    void showSelectedSchemaChange();
    void onJobFinished();

    QString m_before, m_after;
    std::shared_ptr<CompareFeed> m_feed;
    std::unique_ptr<ComparisonThread> m_thread;
    QPointer<Job> m_job;
    QList<TableComparison> m_tables; // counted, in the order they came
    QList<SchemaChange> m_schemaChanges;
    ElidedLabel *m_nameA, *m_nameB;
    ElidedLabel* m_status;
    ElidedLabel* m_notice;
    QSplitter* m_split;
    bool m_splitMoved = false; // by the user: balanceSplit() leaves it alone from then on
    QTreeWidget* m_summary;
    QTreeWidget* m_schema;
    QPlainTextEdit *m_sqlBefore, *m_sqlAfter;
    ChangedRowsModel* m_rows;
    WindowedGrid* m_grid;
    ValueViewer *m_beforeViewer, *m_afterViewer;
    QTabWidget* m_values;
    bool m_opened = false;     // the feed's schema changes and origins are shown
    bool m_fitPending = false; // a new table: fit its columns once its first page arrives
    bool m_fitting = false;    // the tab itself is setting widths (not the user dragging a header)
    QSet<int> m_userWidths;    // columns the user sized: left as they are
    void growColumnsToRows();
    QString shownKinds() const;
    QLineEdit* m_tableFilter;
    QCheckBox *m_added, *m_removed, *m_changed;
    QPushButton *m_export, *m_cancel;
    ElidedLabel* m_rowsStatus;
};

} // namespace sqlsnap::ui

// The window: sources on the left, what the selected one holds on the right, snapshot jobs below,
// the snapshot folder's contents and a preview tab per opened snapshot.
#pragma once

#include <sqlitesnapshot/reader.h>

#include <QMainWindow>

class QAction;
class QListView;
class QMenu;
class QSplitter;
class QTabWidget;
class QTreeView;

namespace sqlsnap::ui {

class Banner;
class HistoryView;
class CompareWithNow;
class PreviewTabs;
class SourcesPane;
class DestinationPrompt;
class RecentFiles;
class ScheduleActions;
class SnapshotMethod;
class JobsPanel;
class PreviewWidget;
class Job;
struct JobSpec;
class SnapshotListModel;
class SnapshotsPane;
class SourceDetailsView;
class SourceListModel;

class MainWindow : public QMainWindow {
    Q_OBJECT
public:
    explicit MainWindow(QWidget* parent = nullptr);
    ~MainWindow() override;

    // Adds databases (a companion path means its database, as the engine judges it from the bytes);
    // selects the last one given once they are listed (asynchronously: sources() emits added()).
    void addSources(const QStringList& paths);
    // Snapshots every selected source into the snapshot folder; returns the jobs started.
    QList<Job*> snapshotSelected();
    Job* startSnapshot(const QString& source, const QString& destination, bool overwrite);
    Job* startExport(const QString& snapshot, const QString& destination, bool overwrite);
    Job* startTableExport(const QString& snapshot, const QString& table, const RowFilter& filter,
                          const RowOrder& order, const QString& destination, bool overwrite);
    Job* startJob(JobSpec spec); // any job: its row is the first of the jobs panel
    // A Compare tab of `before` (A) and `after` (B), filled by the comparison job returned.
    Job* compareSnapshots(const QString& before, const QString& after);
    // Closes as a termination signal asks: running jobs are cancelled without the question a user's
    // Quit or close gets (closeEvent).
    void closeWithoutAsking();
    PreviewWidget* openPreview(const QString& snapshotPath);

    QString snapshotFolder() const { return m_snapshotFolder; }
    void setSnapshotFolder(const QString& folder);

    SourceListModel* sources() const { return m_sources; }
    QListView* sourceView() const { return m_sourceView; }
    SourceDetailsView* details() const { return m_details; }
    HistoryView* history() const { return m_history; } // below the details, on the Database tab
    JobsPanel* jobs() const { return m_jobs; }
    SnapshotListModel* snapshots() const { return m_snapshots; }
    SnapshotsPane* snapshotsPane() const { return m_snapshotsPane; }
    QTreeView* snapshotView() const;
    QSplitter* jobsSplitter() const { return m_rightSplitter; }
    QTabWidget* tabs() const;
    Banner* banner() const { return m_banner; }
    QAction* snapshotAction() const { return m_snapshotAction; }
    QAction* snapshotToAction() const { return m_snapshotToAction; }
    QAction* exportAction() const { return m_exportAction; }
    CompareWithNow* compareWithNow() const { return m_compareWithNow; }
    // Edit → Find in Snapshot… and Go to Row…: the preview tab in view's (disabled without one).
    QAction* findInSnapshotAction() const { return m_findAction; }
    QAction* goToRowAction() const { return m_goToRowAction; }
    // The snapshot a keyboard or menu-bar command acts on: the preview with focus, else the snapshots
    // list's current row when the list has focus or a selection, else the preview tab in view.
    QString commandSnapshotPath() const;

    QStringList selectedSourcePaths() const;
    // Find Databases…, Keep Snapshots…, Schedules… (ui/schedules).
    ScheduleActions* scheduleActions() const { return m_scheduleActions; }

    // Where Snapshot To… and the exports write (tests replace its dialogs).
    DestinationPrompt* destinations() const { return m_destinations; }

protected:
    void dragEnterEvent(QDragEnterEvent* event) override;
    void dragMoveEvent(QDragMoveEvent* event) override;
    void dropEvent(QDropEvent* event) override;
    void closeEvent(QCloseEvent* event) override;

private:
    static constexpr int kJobsMinHeight =
        90; // the jobs header and one row: never dragged or restored to nothing
    void createActions();
    void createLayout();
    void restoreSettings();
    void saveSettings() const;
    void updateActions();
    // Shows the current source's details; with switchToDetails (the user picked a source), also brings
    // the Database tab forward. A refresh of the files never does: it must not move what is in view.
    void showSelectedSource(bool switchToDetails = false);
    void ensureJobsVisible();
    // Grows the jobs panel so `job`'s whole row shows (up to half of the room it shares), and scrolls to it.
    void showWholeJobRow(Job* job);
    // Quitting while jobs run asks first (they would be cancelled); true: go ahead.
    bool confirmQuitWhileRunning();
    void openFiles();
    void snapshotTo();
    void exportSnapshot(const QString& snapshotPath);
    void exportTable(const QString& snapshotPath, const QString& table, const RowFilter& filter,
                     const RowOrder& order);
    void chooseSnapshotFolder();
    void onJobFinished(Job* job);
    void recordFinishedJob(Job* job);

    SourceListModel* m_sources;
    SnapshotListModel* m_snapshots;
    SourcesPane* m_sourcesPane = nullptr;
    QListView* m_sourceView = nullptr; // the pane's
    SourceDetailsView* m_details = nullptr;
    HistoryView* m_history = nullptr;
    JobsPanel* m_jobs = nullptr;
    SnapshotsPane* m_snapshotsPane = nullptr;
    PreviewTabs* m_tabs = nullptr;
    Banner* m_banner = nullptr;
    QSplitter* m_mainSplitter = nullptr;
    QSplitter* m_leftSplitter = nullptr;
    QSplitter* m_rightSplitter = nullptr;
    QSplitter* m_databaseSplitter = nullptr; // the Database tab: details above, history below
    QAction* m_openAction = nullptr;
    QAction* m_snapshotAction = nullptr;
    QAction* m_snapshotToAction = nullptr;
    QAction* m_exportAction = nullptr;
    QAction* m_removeAction = nullptr;
    QAction* m_findAction = nullptr;
    QAction* m_goToRowAction = nullptr;
    RecentFiles* m_recent = nullptr;
    ScheduleActions* m_scheduleActions = nullptr;
    CompareWithNow* m_compareWithNow = nullptr;
    SnapshotMethod* m_method = nullptr;
    DestinationPrompt* m_destinations = nullptr;
    QString m_snapshotFolder;
    QString m_lastOpenFolder;
    QString m_lastFinishedSnapshot; // opens in a preview once no job runs
    bool m_askBeforeQuit = true;
};

} // namespace sqlsnap::ui

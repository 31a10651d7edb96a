// The window: sources on the left, what the selected one holds on the right, snapshot jobs below,
// the snapshot folder's contents and a preview tab per opened snapshot.
#pragma once

#include <QMainWindow>

#include <functional>

class QAction;
class QListView;
class QMenu;
class QSplitter;
class QTabWidget;
class QTreeView;

namespace sqlsnap::ui {

class Banner;
class JobsPanel;
class PreviewWidget;
class SnapshotJob;
class SnapshotListModel;
class SourceDetailsView;
class SourceListModel;

class MainWindow : public QMainWindow {
    Q_OBJECT
public:
    explicit MainWindow(QWidget* parent = nullptr);
    ~MainWindow() override;

    // Adds databases (a companion path means its database); selects the last one given.
    void addSources(const QStringList& paths);
    // Snapshots every selected source into the snapshot folder; returns the jobs started.
    QList<SnapshotJob*> snapshotSelected();
    SnapshotJob* startSnapshot(const QString& source, const QString& destination, bool overwrite);
    SnapshotJob* startExport(const QString& snapshot, const QString& destination, bool overwrite);
    SnapshotJob* startTableExport(const QString& snapshot, const QString& table, const QString& filter,
                                  const QString& destination, bool overwrite);
    PreviewWidget* openPreview(const QString& snapshotPath);

    QString snapshotFolder() const { return m_snapshotFolder; }
    void setSnapshotFolder(const QString& folder);

    SourceListModel* sources() const { return m_sources; }
    QListView* sourceView() const { return m_sourceView; }
    SourceDetailsView* details() const { return m_details; }
    JobsPanel* jobs() const { return m_jobs; }
    SnapshotListModel* snapshots() const { return m_snapshots; }
    QTreeView* snapshotView() const { return m_snapshotView; }
    QTabWidget* tabs() const { return m_tabs; }
    Banner* banner() const { return m_banner; }
    QAction* snapshotAction() const { return m_snapshotAction; }

    // Asks for a file to write (native dialog by default); tests replace it. Empty: the user declined.
    std::function<QString(const QString& title, const QString& suggestedPath, const QString& nameFilters)>
        chooseSaveFile;

protected:
    void dragEnterEvent(QDragEnterEvent* event) override;
    void dragMoveEvent(QDragMoveEvent* event) override;
    void dropEvent(QDropEvent* event) override;
    void closeEvent(QCloseEvent* event) override;

private:
    void createActions();
    void createLayout();
    void restoreSettings();
    void saveSettings() const;
    void updateActions();
    void showSelectedSource();
    void rememberRecent(const QStringList& paths);
    void rebuildRecentMenu();
    void openFiles();
    void snapshotTo();
    void exportSnapshot(const QString& snapshotPath);
    void exportTable(const QString& snapshotPath, const QString& table, const QString& filter);
    void chooseSnapshotFolder();
    void onJobFinished(SnapshotJob* job);
    void recordFinishedJob(SnapshotJob* job);
    QString selectedSnapshotPath() const;
    QStringList selectedSourcePaths() const;

    SourceListModel* m_sources;
    SnapshotListModel* m_snapshots;
    QListView* m_sourceView = nullptr;
    SourceDetailsView* m_details = nullptr;
    JobsPanel* m_jobs = nullptr;
    QTreeView* m_snapshotView = nullptr;
    QTabWidget* m_tabs = nullptr;
    Banner* m_banner = nullptr;
    QSplitter* m_mainSplitter = nullptr;
    QSplitter* m_leftSplitter = nullptr;
    QSplitter* m_rightSplitter = nullptr;
    QAction* m_openAction = nullptr;
    QAction* m_snapshotAction = nullptr;
    QAction* m_snapshotToAction = nullptr;
    QAction* m_exportAction = nullptr;
    QAction* m_removeAction = nullptr;
    QMenu* m_recentMenu = nullptr;
    QString m_snapshotFolder;
    QStringList m_recent;
    QString m_lastExportFolder;
    QString m_lastOpenFolder;
    QString m_lastFinishedSnapshot; // opens in a preview once no job runs
};

} // namespace sqlsnap::ui

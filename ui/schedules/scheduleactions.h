// The main window's commands for finding databases and keeping snapshots on a schedule: File → Find
// Databases…, Keep Snapshots… (also on the sources list's context menu) and Schedules…, and the dialogs
// they open. Kept out of mainwindow.cpp, which only places the actions.
#pragma once

#include <QObject>
#include <QPointer>

class QAction;

namespace sqlsnap::ui {

class FindDatabasesDialog;
class KeepSnapshotsDialog;
class MainWindow;
class SchedulesWindow;

class ScheduleActions : public QObject {
    Q_OBJECT
public:
    explicit ScheduleActions(MainWindow* window);

    QAction* findDatabasesAction() const { return m_find; }
    QAction* keepSnapshotsAction() const { return m_keep; } // one database selected
    QAction* schedulesAction() const { return m_schedules; }

    FindDatabasesDialog* openFindDatabases();
    KeepSnapshotsDialog* openKeepSnapshots(); // for the selected database; null without exactly one
    SchedulesWindow* openSchedules();
    void updateActions();

private:
    MainWindow* m_window;
    QAction* m_find;
    QAction* m_keep;
    QAction* m_schedules;
    QPointer<FindDatabasesDialog> m_findDialog;
    QPointer<SchedulesWindow> m_schedulesWindow;
};

} // namespace sqlsnap::ui

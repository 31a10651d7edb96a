// Schedules (File → Schedules…): every schedule of the user's schedules file — its database, interval,
// folder, keep rules, how its last run ended and when it is next due — with Run Now, Edit… and Remove,
// and whether anything will run them (the systemd user timer, or the crontab line to add).
// A window of its own, not a pane: it is about the schedules file, which the CLI edits too, not about the
// sources in the list; it reads the file again whenever it is shown or a run ends — on the executor's
// interactive lane, never on the GUI thread (reloaded() says the list is up to date). A file that cannot
// be read is said in place, and Run Now, Edit… and Remove are off until it can be.
#pragma once

#include "common/executor.h"
#include "schedules/timerstatus.h"

#include <sqlitesnapshot/schedules.h>

#include <QDialog>

#include <functional>

class QLabel;
class QStackedLayout;
class QPushButton;
class QTreeWidget;

namespace sqlsnap::ui {

class Job;
struct JobSpec;

class SchedulesWindow : public QDialog {
    Q_OBJECT
public:
    enum Column { SourceColumn, EveryColumn, IntoColumn, KeepColumn, LastRunColumn, NextColumn };

    // `startJob` runs a Run Now (the main window's, so it shows in the jobs panel).
    explicit SchedulesWindow(std::function<Job*(JobSpec)> startJob,
                             const QString& bookPath = ScheduleBook::defaultPath(),
                             QWidget* parent = nullptr);
    ~SchedulesWindow() override;

    void reload();         // reads the schedules file again, off the GUI thread: reloaded()
    Job* runNow();         // the selected schedule's snapshot and pruning, as a job
    void editSelected();   // Keep Snapshots… for the selected schedule
    bool removeSelected(); // from the file, off the GUI thread: false when it cannot start
    void checkTimer();     // asks systemctl again, off the GUI thread
    void turnOnTimer();    // systemctl --user enable --now, off the GUI thread

    const QList<Schedule>& schedules() const { return m_schedules; }
    QTreeWidget* list() const { return m_list; }
    QLabel* problem() const { return m_problem; }
    QLabel* timerLine() const { return m_timer; }
    QPushButton* turnOnButton() const { return m_turnOn; }
    bool isCheckingTimer() const { return m_checking; }
    bool isLoading() const { return m_loading; } // reading or writing the file
    QPushButton* runNowButton() const { return m_runNow; }
    QPushButton* editButton() const { return m_edit; }
    QPushButton* removeButton() const { return m_remove; }

signals:
    void timerChecked();
    void reloaded();

protected:
    void showEvent(QShowEvent* event) override;
    bool eventFilter(QObject* watched, QEvent* event) override; // the list's width: fitColumns()

private:
    const Schedule* selected() const;
    void showTimer(const TimerStatus& status);
    void showSchedules(const Expected<QList<Schedule>>& schedules);
    void fitColumns();
    void updateButtons();

    std::function<Job*(JobSpec)> m_startJob;
    QString m_bookPath;
    QList<Schedule> m_schedules;
    QTreeWidget* m_list;
    QLabel* m_empty;
    QStackedLayout* m_stack;
    QLabel* m_problem;
    QLabel* m_timer;
    QPushButton* m_turnOn;
    QPushButton* m_runNow;
    QPushButton* m_edit;
    QPushButton* m_remove;
    QString m_emptyText;
    Task m_timerTask;
    Task m_bookTask;
    bool m_checking = false;
    bool m_loading = false;
    bool m_unreadable = false;
};

} // namespace sqlsnap::ui

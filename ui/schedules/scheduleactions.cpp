// Find Databases…, Keep Snapshots… and Schedules… (scheduleactions.h).
#include "schedules/scheduleactions.h"

#include "discover/finddatabasesdialog.h"
#include "jobs/job.h"
#include "schedules/keepsnapshotsdialog.h"
#include "schedules/scheduleswindow.h"
#include "window/mainwindow.h"

#include <QAction>

namespace sqlsnap::ui {

ScheduleActions::ScheduleActions(MainWindow* window) : QObject(window), m_window(window) {
    m_find = new QAction(tr("&Find Databases…"), this);
    m_find->setToolTip(tr("Find the databases of your browsers, mail and other applications, and in folders "
                          "you name"));
    connect(m_find, &QAction::triggered, this, &ScheduleActions::openFindDatabases);
    m_keep = new QAction(tr("&Keep Snapshots…"), this);
    m_keep->setToolTip(tr("Take snapshots of the selected database on a schedule, into a history folder"));
    connect(m_keep, &QAction::triggered, this, &ScheduleActions::openKeepSnapshots);
    m_schedules = new QAction(tr("Sc&hedules…"), this);
    m_schedules->setToolTip(tr("Every schedule: when it last ran, what happened, when it is due"));
    connect(m_schedules, &QAction::triggered, this, &ScheduleActions::openSchedules);
}

FindDatabasesDialog* ScheduleActions::openFindDatabases() {
    if (!m_findDialog) {
        m_findDialog = new FindDatabasesDialog(m_window);
        m_findDialog->setAttribute(Qt::WA_DeleteOnClose);
        connect(m_findDialog, &FindDatabasesDialog::addRequested, m_window, &MainWindow::addSources);
    }
    m_findDialog->show();
    m_findDialog->raise();
    return m_findDialog;
}

KeepSnapshotsDialog* ScheduleActions::openKeepSnapshots() {
    const QStringList paths = m_window->selectedSourcePaths();
    if (paths.size() != 1)
        return nullptr;
    auto* dialog = new KeepSnapshotsDialog(paths.first(), m_window->snapshotFolder(),
                                           ScheduleBook::defaultPath(), m_window);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &KeepSnapshotsDialog::bookChanged, this, [this] {
        if (m_schedulesWindow)
            m_schedulesWindow->reload();
    });
    dialog->open();
    return dialog;
}

SchedulesWindow* ScheduleActions::openSchedules() {
    if (!m_schedulesWindow) {
        m_schedulesWindow =
            new SchedulesWindow([this](JobSpec spec) { return m_window->startJob(std::move(spec)); },
                                ScheduleBook::defaultPath(), m_window);
        m_schedulesWindow->setAttribute(Qt::WA_DeleteOnClose);
    }
    m_schedulesWindow->show();
    m_schedulesWindow->raise();
    return m_schedulesWindow;
}

void ScheduleActions::updateActions() {
    m_keep->setEnabled(m_window->selectedSourcePaths().size() == 1);
}

} // namespace sqlsnap::ui

// The running and finished snapshot and export jobs, newest first: phase, bar, speed, time left,
// Cancel; the error in place when one fails. A model (JobListModel) and a painted list view, so the
// list stays cheap with hundreds of jobs.
#pragma once

#include "jobs/job.h"

#include <QWidget>

class QLabel;
class QListView;
class QPushButton;
class QStackedLayout;

namespace sqlsnap::ui {

class JobDelegate;
class JobListModel;

class JobsPanel : public QWidget {
    Q_OBJECT
public:
    explicit JobsPanel(QWidget* parent = nullptr);
    // Takes ownership; the job must not be started yet (it is started here).
    void addJob(Job* job);
    QList<Job*> jobs() const;
    int runningCount() const;
    bool isWriting(const QString& path) const; // a running job's destination
    void cancelAll();
    void clearFinished();
    // The panel's height that shows `job`'s whole row under the header (at the view's width now).
    int heightToShow(const Job* job) const;
    void scrollTo(const Job* job);

    JobListModel* model() const { return m_model; }
    QListView* view() const { return m_view; }
    // What a job's row says, and where its Cancel or Open button is (viewport coordinates; null when
    // the row shows none or is scrolled out of sight). For tests and accessibility tools.
    QString statusText(const Job* job) const;
    QRect cancelButtonRect(const Job* job) const;
    QRect openButtonRect(const Job* job) const;
    QRect retryBriefLockButtonRect(const Job* job) const;
    QRect publishUnverifiedButtonRect(const Job* job) const;

signals:
    void jobFinished(sqlsnap::ui::Job* job);
    void jobAdded(sqlsnap::ui::Job* job);
    void openRequested(const QString& snapshotPath);
    void showInFolderRequested(const QString& path);

protected:
    bool eventFilter(QObject* watched, QEvent* event) override;

private:
    void updateHeader();
    void showContextMenu(const QPoint& at);
    void openJob(const QModelIndex& index);
    QList<Job*> selectedJobs() const;
    QRect buttonRectOf(const Job* job, int which) const;

    QLabel* m_header;
    QPushButton* m_clear;
    QStackedLayout* m_stack;
    QLabel* m_empty;
    QListView* m_view;
    JobListModel* m_model;
    JobDelegate* m_delegate;
};

} // namespace sqlsnap::ui

// The jobs list as a model: one row per snapshot or export job, newest first, owning the jobs.
//
// A job reports progress up to its engine's pace; the model turns that into at most ten repaints a
// second for all rows together (one dataChanged over the rows that changed), so a hundred running
// jobs cost the GUI thread what one does. A finished job's row changes at once.
#pragma once

#include "common/format.h"
#include "jobs/job.h"

#include <QAbstractListModel>
#include <QSet>
#include <QTimer>

namespace sqlsnap::ui {

class JobListModel : public QAbstractListModel {
    Q_OBJECT
public:
    enum Role {
        JobRole = Qt::UserRole + 1, // Job*
        StatusRole,                 // "Copying (attempt 2 of 101) · 80 MB/s · 3 s left", "Failed: …"
        ToneRole,                   // int(Tone) of the status
        PermilleRole,               // 0..1000; a finished job: 1000 done, 0 failed or cancelled
        RunningRole,                // bool
        CanOpenRole,                // bool: a finished snapshot, which the preview can open
        CanRerunRole,               // bool: a snapshot that failed because the files never held still
    };
    explicit JobListModel(QObject* parent = nullptr);

    // Takes ownership and starts the job; its row is the first.
    void addJob(Job* job);
    Job* job(int row) const { return m_jobs.value(row); }
    int rowOf(const Job* job) const;
    const QList<Job*>& jobs() const { return m_jobs; }
    int runningCount() const { return m_running; }
    // Removes (and deletes) every job that is not running.
    void removeFinished();
    // Starts the job `job` offers to run instead, in the way `how` (JobSpec::rerun); its row is the
    // first. Null unless `job` can be re-run (CanRerunRole); each failed job is re-run once.
    Job* rerun(const Job* job, Rerun how);
    static bool canRerun(const Job& job);

    int rowCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;

    static QString statusOf(const Job& job);
    // The status of a finished job, by its result's type.
    static QString doneText(const Job& job, const SnapshotResult& result);
    static QString doneText(const Job& job, const TableExportResult& result);
    static QString doneText(const Job& job, const Verification& result);
    static QString doneText(const Job& job, const RestoreResult& result);
    static QString doneText(const Job& job, const ScheduleRunReport& result);
    static QString doneText(const Job& job, const ComparisonSummary& result);
    static Tone toneOf(const Job& job);

signals:
    void jobFinished(sqlsnap::ui::Job* job);
    void runningCountChanged(int running);
    void rowLayoutChanged(const QModelIndex& index); // the row's height may differ: lay it out again

private:
    void flushProgress();

    QList<Job*> m_jobs; // newest first
    QSet<const Job*> m_changed;
    QSet<const Job*> m_rerunDone; // failed jobs already re-run: their buttons are gone
    QTimer m_repaint;
    int m_running = 0;
};

} // namespace sqlsnap::ui

// The jobs list as a model: one row per snapshot or export job, newest first, owning the jobs.
//
// A job reports progress up to its engine's pace; the model turns that into at most ten repaints a
// second for all rows together (one dataChanged over the rows that changed), so a hundred running
// jobs cost the GUI thread what one does. A finished job's row changes at once.
#pragma once

#include "format.h"
#include "snapshotjob.h"

#include <QAbstractListModel>
#include <QSet>
#include <QTimer>

namespace sqlsnap::ui {

class JobListModel : public QAbstractListModel {
    Q_OBJECT
public:
    enum Role {
        JobRole = Qt::UserRole + 1, // SnapshotJob*
        StatusRole,                 // "Copying (attempt 2 of 101) · 80 MB/s · 3 s left", "Failed: …"
        ToneRole,                   // int(Tone) of the status
        PermilleRole,               // 0..1000
        RunningRole,                // bool
        CanOpenRole,                // bool: a finished snapshot, which the preview can open
    };

    explicit JobListModel(QObject* parent = nullptr);

    // Takes ownership and starts the job; its row is the first.
    void addJob(SnapshotJob* job);
    SnapshotJob* job(int row) const { return m_jobs.value(row); }
    int rowOf(const SnapshotJob* job) const;
    const QList<SnapshotJob*>& jobs() const { return m_jobs; }
    int runningCount() const { return m_running; }
    // Removes (and deletes) every job that is not running.
    void removeFinished();

    int rowCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;

    static QString titleOf(const SnapshotJob& job);
    static QString statusOf(const SnapshotJob& job);
    static Tone toneOf(const SnapshotJob& job);

signals:
    void jobFinished(sqlsnap::ui::SnapshotJob* job);
    void runningCountChanged(int running);

private:
    void flushProgress();

    QList<SnapshotJob*> m_jobs; // newest first
    QSet<const SnapshotJob*> m_changed;
    QTimer m_repaint;
    int m_running = 0;
};

} // namespace sqlsnap::ui

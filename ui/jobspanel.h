// The running and finished snapshot and export jobs, one row each: phase, bar, speed, time left,
// Cancel; the error in place when one fails.
#pragma once

#include "snapshotjob.h"

#include <QElapsedTimer>
#include <QFrame>
#include <QList>

class QLabel;
class QProgressBar;
class QPushButton;
class QVBoxLayout;

namespace sqlsnap::ui {

class JobRow : public QFrame {
    Q_OBJECT
public:
    JobRow(SnapshotJob* job, QWidget* parent);
    SnapshotJob* job() const { return m_job; }
    QProgressBar* bar() const { return m_bar; }
    QPushButton* cancelButton() const { return m_cancel; }
    QLabel* statusLabel() const { return m_status; }

signals:
    void openRequested(const QString& snapshotPath);

private:
    void update();
    SnapshotJob* m_job;
    QLabel* m_title;
    QLabel* m_status;
    QProgressBar* m_bar;
    QPushButton* m_cancel;
    QPushButton* m_open;
    QElapsedTimer m_lastUpdate;
    bool m_updatePending = false;
};

class JobsPanel : public QWidget {
    Q_OBJECT
public:
    explicit JobsPanel(QWidget* parent = nullptr);
    // Takes ownership; the job must not be started yet (it is started here).
    JobRow* addJob(SnapshotJob* job);
    QList<SnapshotJob*> jobs() const;
    int runningCount() const;
    void cancelAll();
    void clearFinished();

signals:
    void jobFinished(sqlsnap::ui::SnapshotJob* job);
    void openRequested(const QString& snapshotPath);

private:
    void updateHeader();
    QLabel* m_header;
    QLabel* m_empty;
    QPushButton* m_clear;
    QVBoxLayout* m_rows;
    QList<JobRow*> m_jobRows;
};

} // namespace sqlsnap::ui

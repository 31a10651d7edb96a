// Compare with Now… on a database source: the user picks one of its snapshots, a fresh snapshot is taken
// (the window's own snapshot job, into the snapshot folder), and once it succeeds the picked one (A,
// before) is compared with it (B, after) in a Compare tab. A snapshot that fails or is cancelled starts
// no comparison (its job row says why).
#pragma once

#include <QObject>

#include <functional>

class QAction;

namespace sqlsnap::ui {

class Job;
class MainWindow;

class CompareWithNow : public QObject {
    Q_OBJECT
public:
    explicit CompareWithNow(MainWindow* window);

    QAction* action() const { return m_action; } // enabled with exactly one database selected
    // The snapshots of `source` in the snapshot folder (its history record says which file came from
    // which database), newest first.
    QStringList snapshotsOf(const QString& source) const;
    // Which snapshot to compare with (tests replace the dialog): one of `snapshots`, or empty to give up.
    std::function<QString(const QString& source, const QStringList& snapshots)> chooseSnapshot;
    // Takes the fresh snapshot of the selected database; returns its job (null when nothing started).
    Job* start();

signals:
    void comparisonStarted(sqlsnap::ui::Job* job); // the comparison's job, once the snapshot succeeded

private:
    void updateEnabled();
    MainWindow* m_window;
    QAction* m_action;
};

} // namespace sqlsnap::ui

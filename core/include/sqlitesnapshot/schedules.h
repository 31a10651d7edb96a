// Snapshots on a schedule (docs/history.md, "Schedules"): one file of schedules per user, and the run a
// timer calls — every due snapshot into its history folder, then its pruning.
#pragma once

#include "error.h"
#include "handoff.h"
#include "history.h"
#include "progress.h"
#include "retention.h"

#include <QDateTime>
#include <QList>
#include <QString>

#include <optional>

namespace sqlsnap {

struct LastRun {
    QDateTime at;    // UTC
    QString outcome; // "snapshot", "unchanged", "failed"
    QString file;    // the snapshot written (snapshot) or the newest one (unchanged)
    QString message; // why it failed
    int failuresInARow = 0;
    // The schedule's afterSnapshot program, when it ran (only after a new snapshot, never "unchanged").
    // Its failure leaves `outcome` "snapshot": the snapshot stays taken.
    std::optional<HandOffOutcome> handOff;
};

struct Schedule {
    QString id;     // short and stable: the source's file name and a number ("places.sqlite-1")
    QString source; // absolute
    QString into;   // the history folder, absolute
    qint64 everySeconds = 3600;
    RetentionPolicy keep; // empty: nothing is pruned
    bool skipUnchanged = true;
    // Run after each new snapshot (handoff.h): argv, the program's absolute path first; empty: none.
    QStringList afterSnapshot;
    int afterSnapshotTimeoutSeconds = kDefaultHandOffTimeoutSeconds;
    std::optional<LastRun> last;
    // Due at `now`: never run, or `every` has passed since the last run began.
    bool isDue(const QDateTime& now) const;
};

// "90s", "15m", "1h", "1d", "1w" (one number and a unit) as seconds; nullopt for anything else or < 60 s.
std::optional<qint64> parseInterval(const QString& text);
QString intervalText(qint64 seconds); // the shortest of those forms

// When `schedule` is next due at `now`, in the one wording the app and the CLI's `schedule list` share:
// "due now", "in 42 min (11:00)", "11:00" (today), "2 Dec 10:00" — local time. Translated by the app's
// translators (QCoreApplication::translate); English without one (the CLI).
QString nextDueText(const Schedule& schedule, const QDateTime& now);
QString scheduleTimeText(const QDateTime& at, const QDateTime& now); // "10:00" today, else "2 Dec 10:00"

// The user's schedules: `$XDG_CONFIG_HOME/sqlite-snapshot/schedules.json` (~/.config/… without it), read
// and rewritten atomically under an exclusive lock on the file's folder.
class ScheduleBook {
public:
    static QString defaultPath();
    static Expected<ScheduleBook> open(const QString& path = defaultPath());

    const QList<Schedule>& schedules() const { return m_schedules; }
    // Adds `schedule` (its id chosen here); InvalidArgument when one for the same source and folder exists.
    Expected<Schedule> add(Schedule schedule);
    // Replaces the schedule with `schedule.id` by `schedule` (what the app's Keep Snapshots… edits): its
    // last run is kept when its source and folder stay the same, dropped otherwise. InvalidArgument when
    // no schedule has that id, or another one has the same source and folder.
    Expected<Schedule> replace(Schedule schedule);
    // Removes the schedule with that id, or every schedule of that source path; NotFound → InvalidArgument.
    Expected<QList<Schedule>> remove(const QString& idOrSource);
    // Records how a schedule's run ended.
    Status recordRun(const QString& id, const LastRun& run);

private:
    Status update(const std::function<Status(QList<Schedule>&)>& change);
    QString m_path;
    QList<Schedule> m_schedules;
};

struct ScheduleRunReport {
    Schedule schedule; // as it was before this run
    LastRun run;
    PruneResult pruned; // when the schedule keeps a policy and the snapshot step did not fail
};

// Takes one schedule's snapshot now, due or not (the app's Run Now), prunes its folder and records the
// outcome in the book, as runDueSchedules does for each due one. Only Cancelled is an error: a failed
// snapshot is the report's outcome.
Expected<ScheduleRunReport> runSchedule(ScheduleBook& book, const Schedule& schedule, const QDateTime& now,
                                        ProgressSink* sink = nullptr);

// Takes every snapshot due at `now` (--into with skip-unchanged as the schedule says), prunes its folder
// with the schedule's policy, runs its afterSnapshot program when a new snapshot was taken (after the
// pruning: it sees the folder as it stays), and records each outcome in the book. One schedule's failure
// never stops the others. `onEach` hears of each as it ends.
Expected<QList<ScheduleRunReport>>
runDueSchedules(ScheduleBook& book, const QDateTime& now,
                const std::function<void(const ScheduleRunReport&)>& onEach = {},
                ProgressSink* sink = nullptr);

} // namespace sqlsnap

// A schedule in words, as the Schedules window and Keep Snapshots… show it: its keep rules, how its last
// run ended ("snapshot taken 10:00", "unchanged", "kept changing — 3 times in a row") and when it is due.
#pragma once

#include <sqlitesnapshot/schedules.h>

#include <QCoreApplication>
#include <QDateTime>

namespace sqlsnap::ui {

class ScheduleText {
    Q_DECLARE_TR_FUNCTIONS(sqlsnap::ui::ScheduleText)
public:
    static QString every(qint64 seconds);             // "every hour", "every 15 minutes", "every 2 days"
    static QString keep(const RetentionPolicy& keep); // "last 5, daily 7"; "all (never pruned)"
    // The last run's outcome and time (local, the date only when not today); "not run yet".
    static QString lastRun(const Schedule& schedule, const QDateTime& now);
    static bool lastRunFailed(const Schedule& schedule);
    // How its hand-off program last ended: "handed to restic-backup (10:00)", "failed: …",
    // "none" without a program; "not run yet" before the schedule's first run; "not run by the last
    // run" when that run handed nothing off.
    static QString handOff(const Schedule& schedule, const QDateTime& now);
    // "due now", "in 42 min (11:00)", "2 Dec 10:00": sqlsnap::nextDueText, the CLI's wording too.
    static QString nextDue(const Schedule& schedule, const QDateTime& now);
    static QString timeText(const QDateTime& at, const QDateTime& now); // "10:00", or "2 Dec 10:00"
};

} // namespace sqlsnap::ui

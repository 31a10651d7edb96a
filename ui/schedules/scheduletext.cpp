// A schedule in words (scheduletext.h).
#include "schedules/scheduletext.h"

#include "common/format.h"

#include <QFileInfo>
#include <QLocale>

namespace sqlsnap::ui {

QString ScheduleText::every(qint64 s) {
    const int n = int(std::min<qint64>(s, 1 << 30));
    if (s % (7 * 86400) == 0)
        return tr("every %n week(s)", nullptr, n / (7 * 86400));
    if (s % 86400 == 0)
        return tr("every %n day(s)", nullptr, n / 86400);
    if (s % 3600 == 0)
        return tr("every %n hour(s)", nullptr, n / 3600);
    if (s % 60 == 0)
        return tr("every %n minute(s)", nullptr, n / 60);
    return tr("every %n second(s)", nullptr, n);
}

QString ScheduleText::keep(const RetentionPolicy& k) {
    if (k.isEmpty())
        return tr("all (never pruned)");
    QStringList parts;
    if (k.last)
        parts << tr("last %1").arg(k.last);
    if (k.hourly)
        parts << tr("hourly %1").arg(k.hourly);
    if (k.daily)
        parts << tr("daily %1").arg(k.daily);
    if (k.weekly)
        parts << tr("weekly %1").arg(k.weekly);
    if (k.monthly)
        parts << tr("monthly %1").arg(k.monthly);
    if (k.yearly)
        parts << tr("yearly %1").arg(k.yearly);
    return parts.join(QStringLiteral(", "));
}

QString ScheduleText::timeText(const QDateTime& at, const QDateTime& now) {
    return scheduleTimeText(at, now);
}

bool ScheduleText::lastRunFailed(const Schedule& schedule) {
    return schedule.last && schedule.last->outcome == QStringLiteral("failed");
}

QString ScheduleText::lastRun(const Schedule& schedule, const QDateTime& now) {
    if (!schedule.last)
        return tr("not run yet");
    const LastRun& run = *schedule.last;
    const QString at = timeText(run.at, now);
    QString text;
    if (run.outcome == QStringLiteral("snapshot")) {
        text = tr("snapshot taken %1").arg(at);
    } else if (run.outcome == QStringLiteral("unchanged")) {
        text = tr("unchanged at %1, no new snapshot").arg(at);
    } else {
        // The engine's words for ChangedTooOften, which a busy database causes: said as people say it.
        const QString why = run.message.startsWith(QStringLiteral("the database kept changing"))
                                ? tr("kept changing")
                                : tr("failed: %1").arg(run.message);
        text = run.failuresInARow > 1
                   ? tr("%1 — %n time(s) in a row (last %2)", nullptr, run.failuresInARow).arg(why, at)
                   : tr("%1 (%2)").arg(why, at);
        return text;
    }
    if (!run.message.isEmpty()) // taken, but the record or the pruning had a problem
        text += QStringLiteral("; ") + run.message;
    if (run.handOff) { // the program the user hands new snapshots to (restic, rclone, …): did it take it?
        const QString program = schedule.afterSnapshot.isEmpty()
                                    ? tr("the hand-off program")
                                    : QFileInfo(schedule.afterSnapshot.first()).fileName();
        text += run.handOff->ok() ? tr("; handed to %1").arg(program)
                                  : tr("; hand-off failed: %1").arg(run.handOff->message);
    }
    return text;
}

QString ScheduleText::handOff(const Schedule& schedule, const QDateTime& now) {
    if (schedule.afterSnapshot.isEmpty())
        return tr("none");
    // Only a run that took a new snapshot hands it off: after an unchanged or failed one, none ran.
    if (!schedule.last)
        return tr("not run yet");
    if (!schedule.last->handOff)
        return tr("not run by the last run");
    const HandOffOutcome& h = *schedule.last->handOff;
    const QString at = timeText(schedule.last->at, now);
    if (h.ok())
        return tr("handed to %1 (%2)").arg(QFileInfo(schedule.afterSnapshot.first()).fileName(), at);
    return tr("failed: %1 (%2)").arg(h.message, at);
}

QString ScheduleText::nextDue(const Schedule& schedule, const QDateTime& now) {
    return nextDueText(schedule, now); // worded in core: `schedule list` says it the same way
}

} // namespace sqlsnap::ui

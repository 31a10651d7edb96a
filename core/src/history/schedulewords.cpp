// When a schedule is next due, in words (schedules.h): the one wording the app's Schedules window and
// Keep Snapshots… and the CLI's `schedule list` use.
#include "sqlitesnapshot/schedules.h"

#include <QCoreApplication>
#include <QLocale>

namespace sqlsnap {
namespace {
// The translation context (lupdate reads core's schedulewords.cpp for the app, as it reads meaning.cpp);
// the CLI installs no translator, so it prints the English source texts — hence no "%n" plurals here.
struct ScheduleWords {
    Q_DECLARE_TR_FUNCTIONS(sqlsnap::ScheduleWords)
};
} // namespace

QString scheduleTimeText(const QDateTime& at, const QDateTime& now) {
    const QDateTime local = at.toLocalTime();
    const QLocale locale;
    if (local.date() == now.toLocalTime().date())
        return locale.toString(local.time(), QStringLiteral("HH:mm"));
    return locale.toString(local, QStringLiteral("d MMM HH:mm"));
}

QString nextDueText(const Schedule& schedule, const QDateTime& now) {
    if (schedule.isDue(now))
        return ScheduleWords::tr("due now");
    const QDateTime due = schedule.last->at.addSecs(schedule.everySeconds);
    const qint64 minutes = (now.secsTo(due) + 59) / 60;
    if (minutes < 60)
        return ScheduleWords::tr("in %1 min (%2)").arg(minutes).arg(scheduleTimeText(due, now));
    return scheduleTimeText(due, now);
}

} // namespace sqlsnap

#include "scheduleoptions.h"

#include "clicommon.h"

namespace cli {

ScheduleOptions::ScheduleOptions(For w)
    : what(w), every(QStringLiteral("every"), QStringLiteral("How often (15m, 1h, 1d, …)."),
                     QStringLiteral("INTERVAL")),
      into(QStringLiteral("into"), QStringLiteral("The history folder."), QStringLiteral("DIR")),
      keepAll(QStringLiteral("keep-all"), QStringLiteral("Never prune.")),
      always(QStringLiteral("always"), QStringLiteral("A new snapshot every time, changed or not.")),
      skipUnchanged(QStringLiteral("skip-unchanged"),
                    QStringLiteral("No new snapshot when nothing changed (undoes --always).")),
      noThen(QStringLiteral("no-then"), QStringLiteral("Run no program after a new snapshot any more.")) {
    for (const char* k : {"last", "hourly", "daily", "weekly", "monthly", "yearly"})
        keeps << QCommandLineOption(
            QStringLiteral("keep-%1").arg(QLatin1String(k)),
            QStringLiteral("Prune keeping %1 snapshots (as prune --keep-%1).").arg(QLatin1String(k)),
            QStringLiteral("N"));
}

QList<QCommandLineOption> ScheduleOptions::options() const {
    QList<QCommandLineOption> list{every, into, keepAll, always};
    if (what == For::Edit)
        list << skipUnchanged << noThen;
    return list + keeps + handOff.options();
}

int ScheduleOptions::apply(const QCommandLineParser& parser, sqlsnap::Schedule* schedule) const {
    const bool add = what == For::Add;
    // --skip-unchanged and --no-then are edit's only (asking a parser about an option it lacks warns).
    const bool skip = !add && parser.isSet(skipUnchanged), removeThen = !add && parser.isSet(noThen);
    if (add && (!parser.isSet(every) || !parser.isSet(into)))
        return usageError(QStringLiteral("schedule add needs --every INTERVAL and --into DIR"));
    if (parser.isSet(every)) {
        const auto seconds = sqlsnap::parseInterval(parser.value(every));
        if (!seconds)
            return usageError(
                QStringLiteral("--every takes a number and a unit, at least 1m (15m, 1h, 1d, 1w), not '%1'")
                    .arg(parser.value(every)));
        schedule->everySeconds = *seconds;
    }
    if (parser.isSet(into))
        schedule->into = parser.value(into);
    if (parser.isSet(always) && skip)
        return usageError(QStringLiteral("--always and --skip-unchanged cannot be used together"));
    if (add || parser.isSet(always) || skip)
        schedule->skipUnchanged = !parser.isSet(always);

    // The hand-off. Edit without --then: --then-timeout changes the one the schedule has.
    if (removeThen && parser.isSet(handOff.then))
        return usageError(QStringLiteral("--no-then and --then cannot be used together"));
    if (removeThen) {
        for (const QCommandLineOption* o : {&handOff.thenArg, &handOff.thenTimeout})
            if (parser.isSet(*o))
                return usageError(QStringLiteral("--%1 applies only with --then").arg(o->names().first()));
        schedule->afterSnapshot.clear();
        schedule->afterSnapshotTimeoutSeconds = sqlsnap::kDefaultHandOffTimeoutSeconds;
    } else if (add || parser.isSet(handOff.then)) {
        if (int code = handOff.read(parser, &schedule->afterSnapshot, &schedule->afterSnapshotTimeoutSeconds);
            code >= 0)
            return code;
    } else if (parser.isSet(handOff.thenArg)) {
        return usageError(QStringLiteral("--then-arg applies only with --then (give the program again)"));
    } else if (parser.isSet(handOff.thenTimeout)) {
        if (schedule->afterSnapshot.isEmpty())
            return usageError(QStringLiteral("--then-timeout: schedule %1 runs no program (give --then)")
                                  .arg(schedule->id));
        bool ok = false;
        const int seconds = parser.value(handOff.thenTimeout).toInt(&ok);
        if (!ok || seconds < 1 || seconds > 7 * 86400)
            return usageError(QStringLiteral("--then-timeout takes seconds from 1 to 604800, not '%1'")
                                  .arg(parser.value(handOff.thenTimeout)));
        schedule->afterSnapshotTimeoutSeconds = seconds;
    }

    // The keep rules: the ones given, as a whole (edit: only when some are given).
    bool anyKeep = false;
    for (const QCommandLineOption& k : keeps)
        anyKeep = anyKeep || parser.isSet(k);
    if (anyKeep && parser.isSet(keepAll))
        return usageError(QStringLiteral("--keep-all and --keep-… rules cannot be used together"));
    if (add && !anyKeep && !parser.isSet(keepAll))
        return usageError(
            QStringLiteral("say how many snapshots to keep (--keep-last/-hourly/-daily/… N), or "
                           "--keep-all to keep every one"));
    if (anyKeep || parser.isSet(keepAll)) {
        sqlsnap::RetentionPolicy policy;
        int* fields[] = {&policy.last,   &policy.hourly,  &policy.daily,
                         &policy.weekly, &policy.monthly, &policy.yearly};
        for (int i = 0; i < keeps.size(); ++i)
            if (parser.isSet(keeps[i])) {
                bool ok = false;
                *fields[i] = parser.value(keeps[i]).toInt(&ok);
                if (!ok || *fields[i] < 1 || *fields[i] > 1000000)
                    return usageError(QStringLiteral("--%1 takes a whole number from 1 to 1000000")
                                          .arg(keeps[i].names().first()));
            }
        schedule->keep = policy;
    }
    return -1;
}

} // namespace cli

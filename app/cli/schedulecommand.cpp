#include "clicommon.h"
#include "handoffoptions.h"
#include "scheduleoptions.h"

#include <sqlitesnapshot/jsonforms.h>
#include <sqlitesnapshot/schedules.h>

#include <QDir>
#include <QFileInfo>
#include <QJsonArray>

#include <cstdio>

namespace cli {
namespace {

QString keepText(const sqlsnap::RetentionPolicy& k) {
    QStringList parts;
    const std::pair<const char*, int> fields[] = {{"last", k.last},       {"hourly", k.hourly},
                                                  {"daily", k.daily},     {"weekly", k.weekly},
                                                  {"monthly", k.monthly}, {"yearly", k.yearly}};
    for (const auto& [name, value] : fields)
        if (value > 0)
            parts << QStringLiteral("%1 %2").arg(value).arg(QLatin1String(name));
    return parts.isEmpty() ? QStringLiteral("all") : parts.join(QStringLiteral(", "));
}

QString lastText(const sqlsnap::Schedule& s) {
    if (!s.last)
        return QStringLiteral("never run");
    const QString when = s.last->at.toLocalTime().toString(QStringLiteral("yyyy-MM-dd HH:mm"));
    if (s.last->outcome == QStringLiteral("failed"))
        return QStringLiteral("%1: failed%2: %3")
            .arg(when,
                 s.last->failuresInARow > 1 ? QStringLiteral(" %1 times in a row").arg(s.last->failuresInARow)
                                            : QString(),
                 s.last->message);
    return QStringLiteral("%1: %2%3")
        .arg(when,
             s.last->outcome == QStringLiteral("unchanged")
                 ? QStringLiteral("unchanged, no new snapshot")
                 : QStringLiteral("snapshot %1").arg(QFileInfo(s.last->file).fileName()),
             s.last->handOff ? QStringLiteral("; ") + handOffText(*s.last->handOff) : QString());
}

// The file's form of the schedule, with what the file leaves out when empty and when it is next due.
QJsonObject scheduleListJson(const sqlsnap::Schedule& s) {
    QJsonObject o = sqlsnap::scheduleJson(s);
    o.insert(QStringLiteral("after_snapshot"), QJsonArray::fromStringList(s.afterSnapshot));
    o.insert(QStringLiteral("after_snapshot_timeout"), s.afterSnapshotTimeoutSeconds);
    // When it is next due: due_now, else next_due_at (UTC); next_due in the words `schedule list` prints.
    const QDateTime now = QDateTime::currentDateTime();
    o.insert(QStringLiteral("due_now"), s.isDue(now));
    o.insert(QStringLiteral("next_due_at"),
             s.isDue(now)
                 ? QJsonValue(QJsonValue::Null)
                 : QJsonValue(s.last->at.addSecs(s.everySeconds).toUTC().toString(Qt::ISODateWithMs)));
    o.insert(QStringLiteral("next_due"), sqlsnap::nextDueText(s, now));
    if (s.last) {
        QJsonObject last = o.value(QStringLiteral("last_run")).toObject();
        last.insert(QStringLiteral("hand_off"), handOffJson(s.last->handOff));
        o.insert(QStringLiteral("last_run"), last);
    }
    return o;
}

void printSchedule(const sqlsnap::Schedule& s) {
    std::printf("%s: %s every %s into %s, keeping %s%s\n", qPrintable(s.id), qPrintable(s.source),
                qPrintable(sqlsnap::intervalText(s.everySeconds)), qPrintable(s.into),
                qPrintable(keepText(s.keep)), s.skipUnchanged ? "" : ", even when unchanged");
    if (!s.afterSnapshot.isEmpty())
        std::printf("After each new snapshot it runs: %s (stopped after %d s)\n",
                    qPrintable(argvText(s.afterSnapshot)), s.afterSnapshotTimeoutSeconds);
}

// How the user gets `schedule run` called: the packaged systemd user timer, or a crontab line.
void printHowItRuns() {
    const bool systemdUser =
        QFileInfo::exists(qEnvironmentVariable("XDG_RUNTIME_DIR") + QStringLiteral("/systemd"));
    if (systemdUser)
        std::printf("It runs when the timer does; turn that on once with:\n"
                    "  systemctl --user enable --now sqlite-snapshot-schedule.timer\n");
    else
        std::printf("No systemd user session here: add this line to your crontab (crontab -e):\n"
                    "  */15 * * * * %s schedule run --quiet\n",
                    qPrintable(QFileInfo(QCoreApplication::applicationFilePath()).absoluteFilePath()));
}

int runAdd(const QStringList& args) {
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral(
        "Keep snapshots of SOURCE in the history folder DIR: every INTERVAL (a number and a unit, at least\n"
        "a minute: 15m, 1h, 1d, 1w), no new one when nothing changed, pruned with the --keep rules after "
        "each."));
    parser.addPositionalArgument(QStringLiteral("SOURCE"), QStringLiteral("The database."));
    const QCommandLineOption json(QStringLiteral("json"), QStringLiteral("Print the schedule as JSON."));
    const ScheduleOptions options(ScheduleOptions::For::Add);
    parser.addOptions(QList<QCommandLineOption>{json} + options.options());
    if (int code = parseOrExit(parser, args, 1, QStringLiteral("sqlite-snapshot-cli schedule add"), -1,
                               HandOffOptions::repeatable());
        code >= 0)
        return code;
    sqlsnap::Schedule schedule;
    schedule.source = parser.positionalArguments().first();
    if (int code = options.apply(parser, &schedule); code >= 0)
        return code;
    if (!QFileInfo(schedule.into).isDir())
        return fail({sqlsnap::ErrorKind::DestinationDirectoryMissing,
                     QStringLiteral("%1 is not a folder").arg(schedule.into)},
                    parser.isSet(json));
    if (!QFileInfo::exists(schedule.source))
        return fail(
            {sqlsnap::ErrorKind::SourceMissing, QStringLiteral("source not found: %1").arg(schedule.source)},
            parser.isSet(json));
    auto book = sqlsnap::ScheduleBook::open();
    if (!book)
        return fail(book.error(), parser.isSet(json));
    auto added = book->add(schedule);
    if (!added)
        return fail(added.error(), parser.isSet(json));
    if (parser.isSet(json)) {
        printJson(scheduleListJson(*added));
        return Success;
    }
    printSchedule(*added);
    printHowItRuns();
    return Success;
}

int runEdit(const QStringList& args) {
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral(
        "Change the schedule ID: only what is given changes. --keep-… rules given replace its rules as a\n"
        "whole; --then replaces its program, --no-then removes it; its last run is kept unless --into\n"
        "names another folder."));
    parser.addPositionalArgument(QStringLiteral("ID"), QStringLiteral("A schedule's id (schedule list)."));
    const QCommandLineOption json(QStringLiteral("json"), QStringLiteral("Print the schedule as JSON."));
    const ScheduleOptions options(ScheduleOptions::For::Edit);
    parser.addOptions(QList<QCommandLineOption>{json} + options.options());
    if (int code = parseOrExit(parser, args, 1, QStringLiteral("sqlite-snapshot-cli schedule edit"), -1,
                               HandOffOptions::repeatable());
        code >= 0)
        return code;
    QStringList given = parser.optionNames();
    given.removeAll(QStringLiteral("json"));
    if (given.isEmpty())
        return usageError(QStringLiteral("schedule edit needs something to change (--every, --into, "
                                         "--keep-…, --then, … see --help)"));
    auto book = sqlsnap::ScheduleBook::open();
    if (!book)
        return fail(book.error(), parser.isSet(json));
    const QString id = parser.positionalArguments().first();
    std::optional<sqlsnap::Schedule> schedule;
    for (const sqlsnap::Schedule& s : book->schedules())
        if (s.id == id)
            schedule = s;
    if (!schedule)
        return fail({sqlsnap::ErrorKind::InvalidArgument,
                     QStringLiteral("no schedule has the id '%1' (see schedule list)").arg(id)},
                    parser.isSet(json));
    if (int code = options.apply(parser, &*schedule); code >= 0)
        return code;
    if (!QFileInfo(schedule->into).isDir())
        return fail({sqlsnap::ErrorKind::DestinationDirectoryMissing,
                     QStringLiteral("%1 is not a folder").arg(schedule->into)},
                    parser.isSet(json));
    auto changed = book->replace(*schedule);
    if (!changed)
        return fail(changed.error(), parser.isSet(json));
    if (parser.isSet(json))
        printJson(scheduleListJson(*changed));
    else
        printSchedule(*changed);
    return Success;
}

int runList(const QStringList& args) {
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral("List the schedules, with when each last ran and how."));
    const QCommandLineOption json(QStringLiteral("json"), QStringLiteral("Print one JSON object."));
    parser.addOption(json);
    if (int code = parseOrExit(parser, args, 0, QStringLiteral("sqlite-snapshot-cli schedule list"));
        code >= 0)
        return code;
    auto book = sqlsnap::ScheduleBook::open();
    if (!book)
        return fail(book.error(), parser.isSet(json));
    if (parser.isSet(json)) {
        QJsonArray list;
        for (const sqlsnap::Schedule& s : book->schedules())
            list.append(scheduleListJson(s));
        printJson({{QStringLiteral("file"), sqlsnap::ScheduleBook::defaultPath()},
                   {QStringLiteral("schedules"), list}});
        return Success;
    }
    if (book->schedules().isEmpty())
        std::printf("No schedules. Add one with: sqlite-snapshot-cli schedule add SOURCE --every 1h --into "
                    "DIR --keep-daily 7\n");
    const QDateTime now = QDateTime::currentDateTime();
    for (const sqlsnap::Schedule& s : book->schedules()) {
        std::printf("%s\n  %s every %s into %s, keeping %s%s\n", qPrintable(s.id), qPrintable(s.source),
                    qPrintable(sqlsnap::intervalText(s.everySeconds)), qPrintable(s.into),
                    qPrintable(keepText(s.keep)), s.skipUnchanged ? "" : ", even when unchanged");
        if (!s.afterSnapshot.isEmpty())
            std::printf("  then runs: %s (stopped after %d s)\n", qPrintable(argvText(s.afterSnapshot)),
                        s.afterSnapshotTimeoutSeconds);
        std::printf("  last run: %s\n", qPrintable(lastText(s)));
        std::printf("  next: %s\n", qPrintable(sqlsnap::nextDueText(s, now)));
    }
    return Success;
}

int runRemove(const QStringList& args) {
    QCommandLineParser parser;
    parser.setApplicationDescription(
        QStringLiteral("Remove the schedule ID (or every schedule of SOURCE). Its snapshots stay."));
    parser.addPositionalArgument(QStringLiteral("ID"),
                                 QStringLiteral("A schedule's id, or a source's path."));
    if (int code = parseOrExit(parser, args, 1, QStringLiteral("sqlite-snapshot-cli schedule remove"));
        code >= 0)
        return code;
    auto book = sqlsnap::ScheduleBook::open();
    if (!book)
        return fail(book.error(), false);
    auto removed = book->remove(parser.positionalArguments().first());
    if (!removed)
        return fail(removed.error(), false);
    for (const sqlsnap::Schedule& s : *removed)
        std::printf("removed %s (its snapshots in %s stay)\n", qPrintable(s.id), qPrintable(s.into));
    return Success;
}

int runRun(const QStringList& args) {
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral(
        "Take every snapshot that is due, then prune its folder and run its --then program after a new\n"
        "snapshot (what the timer calls). Exit 1 when one of them failed; the others are taken all the\n"
        "same. Exit 6 when all were taken but a --then program failed."));
    const QCommandLineOption json(QStringLiteral("json"), QStringLiteral("Print one JSON object."));
    const QCommandLineOption quiet(QStringLiteral("quiet"), QStringLiteral("Print only failures."));
    parser.addOptions({json, quiet});
    if (int code = parseOrExit(parser, args, 0, QStringLiteral("sqlite-snapshot-cli schedule run"));
        code >= 0)
        return code;
    auto book = sqlsnap::ScheduleBook::open();
    if (!book)
        return fail(book.error(), parser.isSet(json));
    std::optional<sqlsnap::Expected<QList<sqlsnap::ScheduleRunReport>>> outcome;
    runWithProgress(
        [&](sqlsnap::ProgressSink& sink) {
            outcome = sqlsnap::runDueSchedules(*book, QDateTime::currentDateTimeUtc(), {}, &sink);
        },
        false);
    if (!*outcome)
        return fail(outcome->error(), parser.isSet(json));
    int failed = 0, handOffsFailed = 0;
    QJsonArray runs;
    for (const sqlsnap::ScheduleRunReport& r : outcome->value()) {
        const bool bad = r.run.outcome == QStringLiteral("failed");
        failed += bad ? 1 : 0;
        const bool handOffBad = r.run.handOff && !r.run.handOff->ok();
        handOffsFailed += handOffBad ? 1 : 0;
        runs.append(QJsonObject{{QStringLiteral("id"), r.schedule.id},
                                {QStringLiteral("outcome"), r.run.outcome},
                                {QStringLiteral("file"), r.run.file},
                                {QStringLiteral("message"), r.run.message},
                                {QStringLiteral("failures_in_a_row"), r.run.failuresInARow},
                                {QStringLiteral("pruned"), r.pruned.removed},
                                {QStringLiteral("hand_off"), handOffJson(r.run.handOff)}});
        if (handOffBad) // the snapshot is taken and stays: a warning, whatever --quiet says
            warn(QStringLiteral("%1: snapshot %2 taken, but %3")
                     .arg(r.schedule.id, QFileInfo(r.run.file).fileName(), handOffText(*r.run.handOff)));
        if (bad)
            warn(QStringLiteral("%1: %2%3")
                     .arg(r.schedule.id, r.run.message,
                          r.run.failuresInARow > 1
                              ? QStringLiteral(" (%1 times in a row)").arg(r.run.failuresInARow)
                              : QString()));
        else if (!parser.isSet(quiet) && !parser.isSet(json))
            std::printf(
                "%s: %s%s%s\n", qPrintable(r.schedule.id),
                r.run.outcome == QStringLiteral("unchanged")
                    ? "unchanged, no new snapshot"
                    : qPrintable(QStringLiteral("snapshot %1").arg(QFileInfo(r.run.file).fileName())),
                r.pruned.removed ? qPrintable(QStringLiteral(", %1 pruned").arg(r.pruned.removed)) : "",
                r.run.handOff && !handOffBad ? qPrintable(QStringLiteral(", ") + handOffText(*r.run.handOff))
                                             : "");
    }
    if (parser.isSet(json))
        printJson({{QStringLiteral("runs"), runs}});
    else if (!parser.isSet(quiet) && runs.isEmpty())
        std::printf("Nothing is due.\n");
    return failed ? Failure : handOffsFailed ? kHandOffFailed : Success;
}

} // namespace

int runSchedule(const QStringList& args) {
    const QString sub = args.value(1);
    // "schedule add …" parses as a command of its own named "schedule add".
    const QStringList rest = QStringList{args.value(0)} + args.mid(2);
    if (sub == QStringLiteral("add"))
        return runAdd(rest);
    if (sub == QStringLiteral("edit"))
        return runEdit(rest);
    if (sub == QStringLiteral("list"))
        return runList(rest);
    if (sub == QStringLiteral("remove"))
        return runRemove(rest);
    if (sub == QStringLiteral("run"))
        return runRun(rest);
    if (sub == QStringLiteral("--help") || sub == QStringLiteral("-h")) {
        std::printf(
            "Usage: sqlite-snapshot-cli schedule add|edit|list|remove|run [options]\n\n"
            "  add SOURCE --every INTERVAL --into DIR --keep-… N   keep snapshots of SOURCE on a schedule\n"
            "      [--then PROGRAM [--then-arg ARG]…]              and run PROGRAM after each new one\n"
            "  edit ID [--every …] [--into …] [--keep-… N] [--then …]  change what is given\n"
            "  list [--json]                                       the schedules, last runs, next due\n"
            "  remove ID                                           stop one (its snapshots stay)\n"
            "  run [--json] [--quiet]                              take what is due, then prune (the "
            "timer's)\n"
            "\nThe schedules are kept in %s.\n",
            qPrintable(sqlsnap::ScheduleBook::defaultPath()));
        return Success;
    }
    return usageError(
        sub.isEmpty()
            ? QStringLiteral("schedule needs add, edit, list, remove or run (see --help)")
            : QStringLiteral("unknown schedule command '%1' (add, edit, list, remove or run)").arg(sub));
}

} // namespace cli

#include "clicommon.h"
#include "handoffoptions.h"

#include <sqlitesnapshot/databasefiles.h>
#include <sqlitesnapshot/history.h>
#include <sqlitesnapshot/jsonforms.h>
#include <sqlitesnapshot/snapshot.h>

#include <QFileInfo>
#include <QJsonArray>

#include <cstdio>

namespace cli {
namespace {} // namespace

int runSnapshot(const QStringList& args) {
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral(
        "Copy SOURCE and its -wal/-journal until the set is stable, open only that copy, and publish one\n"
        "self-contained database (journal_mode=DELETE) at DEST atomically. With --into DIR instead of DEST,\n"
        "the snapshot is named '<name> <yyyy-MM-dd HHmmss>.sqlite' in DIR and recorded in DIR's history."));
    parser.addPositionalArgument(QStringLiteral("SOURCE"),
                                 QStringLiteral("The database (or one of its companions)."));
    parser.addPositionalArgument(QStringLiteral("DEST"),
                                 QStringLiteral("The snapshot file to write (not with --into)."),
                                 QStringLiteral("[DEST]"));
    const QCommandLineOption retries(QStringLiteral("retries"),
                                     QStringLiteral("Copy attempts after the first (default 100)."),
                                     QStringLiteral("N"), QStringLiteral("100"));
    const QCommandLineOption strict(
        QStringLiteral("strict"),
        QStringLiteral("Fail (exit 3) when the files never stop changing (the default; kept for scripts)."));
    const QCommandLineOption allowUnstable(
        QStringLiteral("allow-unstable"),
        QStringLiteral("When the files never stop changing, publish the last copy if SQLite finds it intact\n"
                       "(flagged: it may not be one committed state)."));
    const QCommandLineOption overwrite(
        QStringLiteral("overwrite"),
        QStringLiteral("Replace DEST if it exists (only once the new file is complete)."));
    const QCommandLineOption verify(
        QStringLiteral("verify"), QStringLiteral("Run PRAGMA integrity_check and compute SHA-256 of DEST."));
    const QCommandLineOption strategy(QStringLiteral("strategy"),
                                      QStringLiteral("publish (default), backup or compact."),
                                      QStringLiteral("NAME"), QStringLiteral("publish"));
    const QCommandLineOption compact(QStringLiteral("compact"),
                                     QStringLiteral("Same as --strategy compact (VACUUM INTO)."));
    const QCommandLineOption staging(
        QStringLiteral("staging-dir"),
        QStringLiteral("Where backup/compact stage the copy (default: temporary folder)."),
        QStringLiteral("DIR"));
    const QCommandLineOption direct(
        QStringLiteral("direct"),
        QStringLiteral("Skip staging: back up the live source opened read-only (takes a read lock on it)."));
    const QCommandLineOption busyTimeout(QStringLiteral("busy-timeout"),
                                         QStringLiteral("With --direct: give up after MS of a locked source "
                                                        "(default 5000)."),
                                         QStringLiteral("MS"), QStringLiteral("5000"));
    const QCommandLineOption json(QStringLiteral("json"), QStringLiteral("Print one JSON object on stdout."));
    const QCommandLineOption quiet(QStringLiteral("quiet"),
                                   QStringLiteral("No progress line and no warnings."));
    const QCommandLineOption intoOption(
        QStringLiteral("into"),
        QStringLiteral("Write the snapshot into the history folder DIR, named by the "
                       "time (instead of DEST)."),
        QStringLiteral("DIR"));
    const QCommandLineOption skipUnchanged(
        QStringLiteral("skip-unchanged"),
        QStringLiteral(
            "With --into: make no new snapshot when nothing was committed to SOURCE since the newest\n"
            "one in DIR (seen from its files' sizes, times and headers, without copying)."));
    parser.addOptions({retries, strict, allowUnstable, overwrite, verify, strategy, compact, staging, direct,
                       busyTimeout, json, quiet, intoOption, skipUnchanged});
    const HandOffOptions handOffOptions; // with --into: a program run after each new snapshot
    parser.addOptions(handOffOptions.options());
    if (int code = parseOrExit(parser, args, -1, QStringLiteral("sqlite-snapshot-cli snapshot"), -1,
                               HandOffOptions::repeatable());
        code >= 0)
        return code;
    const int wanted = parser.isSet(intoOption) ? 1 : 2;
    if (parser.positionalArguments().size() != wanted)
        return usageError(
            parser.positionalArguments().size() < wanted
                ? QStringLiteral("missing argument (see sqlite-snapshot-cli snapshot --help)")
            : parser.isSet(intoOption)
                ? QStringLiteral("DEST and --into cannot be used together")
                : QStringLiteral("unexpected argument: %1").arg(parser.positionalArguments().last()));
    if (parser.isSet(skipUnchanged) && !parser.isSet(intoOption))
        return usageError(QStringLiteral("--skip-unchanged applies only with --into"));
    if (parser.isSet(handOffOptions.then) && !parser.isSet(intoOption))
        return usageError(QStringLiteral("--then applies only with --into"));
    QStringList handOffArgv;
    int handOffTimeout = 0;
    if (int code = handOffOptions.read(parser, &handOffArgv, &handOffTimeout); code >= 0)
        return code;
    if (parser.isSet(intoOption) && parser.isSet(overwrite))
        return usageError(
            QStringLiteral("--into and --overwrite cannot be used together (--into never replaces a file)"));

    // Options that contradict each other are a usage error, never silently resolved one way.
    const auto conflict = [](const QString& a, const QString& b) {
        return usageError(QStringLiteral("%1 and %2 cannot be used together").arg(a, b));
    };
    if (parser.isSet(compact) && parser.isSet(strategy) &&
        parser.value(strategy) != QStringLiteral("compact"))
        return conflict(QStringLiteral("--compact"), QStringLiteral("--strategy ") + parser.value(strategy));
    if (parser.isSet(strict) && parser.isSet(allowUnstable))
        return conflict(QStringLiteral("--strict"), QStringLiteral("--allow-unstable"));
    if (parser.isSet(direct)) {
        for (const QCommandLineOption* o : {&allowUnstable, &strategy, &compact, &staging, &retries})
            if (parser.isSet(*o))
                return conflict(QStringLiteral("--direct"), QStringLiteral("--") + o->names().first());
    } else if (parser.isSet(busyTimeout)) {
        return usageError(QStringLiteral("--busy-timeout applies only with --direct"));
    }
    if (parser.isSet(staging) && !parser.isSet(compact) &&
        (!parser.isSet(strategy) || parser.value(strategy) == QStringLiteral("publish")))
        return usageError(QStringLiteral(
            "--staging-dir applies to --strategy backup or compact (publish stages beside DEST)"));

    sqlsnap::SnapshotOptions options;
    bool numberOk = false;
    options.retries = parser.value(retries).toInt(&numberOk);
    if (!numberOk || options.retries < 0 || options.retries > 1000000)
        return usageError(QStringLiteral("--retries takes a whole number from 0 to 1000000, not '%1'")
                              .arg(parser.value(retries)));
    const auto chosen = sqlsnap::strategyFromName(parser.value(strategy));
    if (!chosen)
        return usageError(QStringLiteral("unknown --strategy '%1' (publish, backup or compact)")
                              .arg(parser.value(strategy)));
    options.strategy = parser.isSet(compact) ? sqlsnap::OutputStrategy::Compact : *chosen;
    options.direct = parser.isSet(direct);
    options.busyTimeoutMs = parser.value(busyTimeout).toInt(&numberOk);
    if (!numberOk || options.busyTimeoutMs < 0)
        return usageError(QStringLiteral("--busy-timeout takes milliseconds from 0 to 2147483647, not '%1'")
                              .arg(parser.value(busyTimeout)));
    options.strict = !parser.isSet(allowUnstable);
    options.overwrite = parser.isSet(overwrite);
    options.verify = parser.isSet(verify);
    options.stagingDirectory = parser.value(staging);

    const QStringList paths = parser.positionalArguments();
    std::optional<sqlsnap::Expected<sqlsnap::SnapshotResult>> outcome;
    std::optional<sqlsnap::IntoResult> into;
    std::optional<sqlsnap::HandOffOutcome> handOff;
    bool handOffCancelled = false;
    runWithProgress(
        [&](sqlsnap::ProgressSink& sink) {
            if (!parser.isSet(intoOption)) {
                outcome = sqlsnap::takeSnapshot(paths[0], paths[1], options, &sink);
                return;
            }
            auto done = sqlsnap::snapshotInto(paths[0], parser.value(intoOption), options,
                                              parser.isSet(skipUnchanged), &sink);
            if (!done) {
                outcome = done.error();
                return;
            }
            into = *done;
            if (into->snapshot)
                outcome = *into->snapshot;
            if (into->snapshot && !handOffArgv.isEmpty()) {
                const sqlsnap::SnapshotResult& r = *into->snapshot;
                auto ran = sqlsnap::runHandOff(
                    handOffArgv, {r.destination, QFileInfo(r.source).absoluteFilePath(), r.sha256, {}, {}},
                    handOffTimeout, sqlsnap::CancelToken::following(&sink));
                if (ran)
                    handOff = *ran;
                else
                    handOffCancelled = true; // the snapshot stays; the run ends as interrupted
            }
        },
        !parser.isSet(quiet));
    if (into && into->skipped) {
        const QString source = sqlsnap::databasePathFor(paths[0]);
        if (parser.isSet(json))
            printJson({{QStringLiteral("source"), source},
                       {QStringLiteral("skipped"), true},
                       {QStringLiteral("unchanged_since"), into->unchangedSince}});
        else if (!parser.isSet(quiet))
            std::printf("%s: unchanged since %s; no new snapshot\n", qPrintable(source),
                        qPrintable(into->unchangedSince));
        return Success;
    }
    if (into && !into->recordProblem.isEmpty())
        warn(QStringLiteral("the snapshot is complete, but %1's history record could not be updated (%2): "
                            "prune will leave this snapshot alone")
                 .arg(parser.value(intoOption), into->recordProblem));
    if (!*outcome) {
        sqlsnap::Error error = outcome->error();
        if (error.kind == sqlsnap::ErrorKind::ChangedTooOften)
            error.message +=
                QStringLiteral(" (try --direct, which takes a brief read lock on the source, or "
                               "--allow-unstable, which publishes the last copy flagged as possibly "
                               "not one committed state)");
        return fail(error, parser.isSet(json));
    }
    const sqlsnap::SnapshotResult& result = outcome->value();
    if (!result.consistentCopy && !parser.isSet(quiet))
        warn(QStringLiteral(
                 "%1 kept changing through %2 copy attempts; as --allow-unstable asked, the snapshot "
                 "is the last copy, which SQLite found intact but which may not be one committed "
                 "state")
                 .arg(result.source)
                 .arg(result.copyAttempts));
    if (handOffCancelled)
        return fail({sqlsnap::ErrorKind::Cancelled, QStringLiteral("cancelled")}, parser.isSet(json));
    if (handOff && !handOff->ok())
        warn(QStringLiteral("the snapshot %1 is complete, but %2")
                 .arg(result.destination, handOffText(*handOff)));
    if (parser.isSet(json)) {
        QJsonObject report = sqlsnap::snapshotResultJson(result);
        if (into)
            report.insert(QStringLiteral("skipped"), false);
        if (!handOffArgv.isEmpty())
            report.insert(QStringLiteral("hand_off"), handOffJson(handOff));
        printJson(report);
    } else if (!parser.isSet(quiet)) {
        std::printf("%s: %s, %lld pages of %lld bytes, %d copy attempt%s, %lld ms (%s)\n",
                    qPrintable(result.destination), qPrintable(humanBytes(result.bytes)),
                    static_cast<long long>(result.pages), static_cast<long long>(result.pageSize),
                    result.copyAttempts, result.copyAttempts == 1 ? "" : "s",
                    static_cast<long long>(result.elapsedMs),
                    qPrintable(sqlsnap::strategyName(result.strategy)));
        if (result.integrity)
            std::printf("integrity: %s\nsha256: %s\n", qPrintable(*result.integrity),
                        qPrintable(result.sha256));
        if (handOff && handOff->ok())
            std::printf("%s\n", qPrintable(handOffText(*handOff)));
    }
    return handOff && !handOff->ok() ? kHandOffFailed : Success;
}

} // namespace cli

#include "clicommon.h"

#include <sqlitesnapshot/retention.h>

#include <QJsonArray>

#include <cstdio>

namespace cli {

int runPrune(const QStringList& args) {
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral(
        "Delete the snapshots in the history folder DIR that no --keep rule keeps, with restic's 'forget'\n"
        "rules, per source database. Only snapshots this tool wrote there (listed in DIR's history record\n"
        "and unchanged since) are ever deleted, and never the newest of a source. Says what it kept and "
        "why."));
    parser.addPositionalArgument(QStringLiteral("DIR"),
                                 QStringLiteral("A folder that snapshot --into wrote to."));
    const QCommandLineOption last(QStringLiteral("keep-last"), QStringLiteral("Keep the N newest."),
                                  QStringLiteral("N"));
    const QCommandLineOption hourly(
        QStringLiteral("keep-hourly"),
        QStringLiteral("Keep the newest of each of the N newest hours with a snapshot."),
        QStringLiteral("N"));
    const QCommandLineOption daily(QStringLiteral("keep-daily"), QStringLiteral("… of the N newest days."),
                                   QStringLiteral("N"));
    const QCommandLineOption weekly(QStringLiteral("keep-weekly"),
                                    QStringLiteral("… of the N newest weeks (ISO, Monday to Sunday)."),
                                    QStringLiteral("N"));
    const QCommandLineOption monthly(QStringLiteral("keep-monthly"),
                                     QStringLiteral("… of the N newest months."), QStringLiteral("N"));
    const QCommandLineOption yearly(QStringLiteral("keep-yearly"), QStringLiteral("… of the N newest years."),
                                    QStringLiteral("N"));
    const QCommandLineOption dryRun(QStringLiteral("dry-run"),
                                    QStringLiteral("Say what would go; delete nothing."));
    const QCommandLineOption json(QStringLiteral("json"), QStringLiteral("Print one JSON object on stdout."));
    parser.addOptions({last, hourly, daily, weekly, monthly, yearly, dryRun, json});
    if (int code = parseOrExit(parser, args, 1, QStringLiteral("sqlite-snapshot-cli prune")); code >= 0)
        return code;
    sqlsnap::RetentionPolicy policy;
    const std::pair<const QCommandLineOption*, int*> rules[] = {
        {&last, &policy.last},     {&hourly, &policy.hourly},   {&daily, &policy.daily},
        {&weekly, &policy.weekly}, {&monthly, &policy.monthly}, {&yearly, &policy.yearly}};
    for (const auto& [option, field] : rules) {
        if (!parser.isSet(*option))
            continue;
        bool ok = false;
        *field = parser.value(*option).toInt(&ok);
        if (!ok || *field < 1 || *field > 1000000)
            return usageError(QStringLiteral("--%1 takes a whole number from 1 to 1000000, not '%2'")
                                  .arg(option->names().first(), parser.value(*option)));
    }
    if (policy.isEmpty())
        return usageError(QStringLiteral(
            "give at least one --keep-last/-hourly/-daily/-weekly/-monthly/-yearly rule (see --help)"));

    std::optional<sqlsnap::Expected<sqlsnap::PruneResult>> outcome;
    runWithProgress(
        [&](sqlsnap::ProgressSink& sink) {
            outcome = sqlsnap::pruneHistory(parser.positionalArguments().first(), policy,
                                            parser.isSet(dryRun), sqlsnap::CancelToken::following(&sink));
        },
        false);
    if (!*outcome)
        return fail(outcome->error(), parser.isSet(json));
    const sqlsnap::PruneResult& result = outcome->value();
    if (parser.isSet(json)) {
        QJsonArray kept, removed;
        for (const sqlsnap::RetentionDecision& d : result.decisions) {
            const QJsonObject o{{QStringLiteral("file"), d.entry.file},
                                {QStringLiteral("source"), d.entry.source},
                                {QStringLiteral("taken"), d.entry.taken.toUTC().toString(Qt::ISODateWithMs)},
                                {QStringLiteral("reasons"), QJsonArray::fromStringList(d.reasons)}};
            (d.keep ? kept : removed).append(o);
        }
        printJson({{QStringLiteral("folder"), parser.positionalArguments().first()},
                   {QStringLiteral("dry_run"), parser.isSet(dryRun)},
                   {QStringLiteral("kept"), kept},
                   {QStringLiteral("removed"), removed},
                   {QStringLiteral("left_alone"), QJsonArray::fromStringList(result.leftAlone)}});
        return Success;
    }
    QString source;
    int going = 0;
    for (const sqlsnap::RetentionDecision& d : result.decisions) {
        if (d.entry.source != source) {
            source = d.entry.source;
            std::printf("%s\n", qPrintable(source));
        }
        going += d.keep ? 0 : 1;
        std::printf("  %-12s %s%s\n", d.keep ? "keep" : (parser.isSet(dryRun) ? "would remove" : "remove"),
                    qPrintable(d.entry.file),
                    d.keep ? qPrintable(QStringLiteral("  (") + d.reasons.join(QStringLiteral(", ")) +
                                        QLatin1Char(')'))
                           : "");
    }
    if (result.decisions.isEmpty())
        std::printf("No snapshots written by sqlite-snapshot-cli in this folder.\n");
    else
        std::printf("%d kept, %d %s\n", int(result.decisions.size()) - going, going,
                    parser.isSet(dryRun) ? "would be removed (dry run)" : "removed");
    if (!result.leftAlone.isEmpty())
        std::printf("Left alone (not written here by this tool, or changed since): %s\n",
                    qPrintable(result.leftAlone.join(QStringLiteral(", "))));
    return Success;
}

} // namespace cli

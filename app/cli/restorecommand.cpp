#include "clicommon.h"

#include <sqlitesnapshot/restore.h>

#include <QFileInfo>
#include <QJsonArray>

#include <cstdio>

namespace cli {

int runRestore(const QStringList& args) {
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral(
        "Write SNAPSHOT back to DEST atomically, for a program to use again. Refused while a program has\n"
        "DEST open (a lock held, or a -wal/-journal beside it) unless --force. A file DEST replaces is kept\n"
        "beside it as DEST.before-restore-<time>, with its companions."));
    parser.addPositionalArgument(QStringLiteral("SNAPSHOT"), QStringLiteral("A self-contained snapshot."));
    parser.addPositionalArgument(QStringLiteral("DEST"), QStringLiteral("Where the database goes."));
    const QCommandLineOption force(
        QStringLiteral("force"),
        QStringLiteral(
            "Restore even while a program has DEST open (its -wal/-journal are moved aside with the\n"
            "replaced file). The program keeps its old file open: quit it first."));
    const QCommandLineOption json(QStringLiteral("json"), QStringLiteral("Print one JSON object on stdout."));
    parser.addOptions({force, json});
    if (int code = parseOrExit(parser, args, 2, QStringLiteral("sqlite-snapshot-cli restore")); code >= 0)
        return code;
    sqlsnap::RestoreOptions options;
    options.force = parser.isSet(force);
    const QStringList paths = parser.positionalArguments();
    std::optional<sqlsnap::Expected<sqlsnap::RestoreResult>> outcome;
    runWithProgress(
        [&](sqlsnap::ProgressSink& sink) {
            outcome = sqlsnap::restoreSnapshot(paths[0], paths[1], options, &sink);
        },
        false);
    if (!*outcome)
        return fail(outcome->error(), parser.isSet(json));
    const sqlsnap::RestoreResult& r = outcome->value();
    if (parser.isSet(json)) {
        printJson({{QStringLiteral("snapshot"), QFileInfo(paths[0]).absoluteFilePath()},
                   {QStringLiteral("destination"), r.destination},
                   {QStringLiteral("bytes"), r.bytes},
                   {QStringLiteral("kept_as"), r.keptAs.isEmpty() ? QJsonValue() : QJsonValue(r.keptAs)},
                   {QStringLiteral("kept_files"), QJsonArray::fromStringList(r.keptFiles)}});
        return Success;
    }
    std::printf("restored %s to %s (%s)\n", qPrintable(QFileInfo(paths[0]).absoluteFilePath()),
                qPrintable(r.destination), qPrintable(humanBytes(r.bytes)));
    if (!r.keptAs.isEmpty())
        std::printf(
            "the replaced file is kept as %s%s\n", qPrintable(r.keptAs),
            r.keptFiles.isEmpty()
                ? ""
                : qPrintable(QStringLiteral(" (with %1)").arg(r.keptFiles.join(QStringLiteral(", ")))));
    return Success;
}

} // namespace cli

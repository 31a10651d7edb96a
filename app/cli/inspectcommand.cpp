#include "clicommon.h"

#include <sqlitesnapshot/databasefiles.h>
#include <sqlitesnapshot/jsonforms.h>
#include <sqlitesnapshot/meaning.h>

#include <QFileInfo>
#include <QJsonArray>

#include <cstdio>
#include <optional>

namespace cli {
int runInspect(const QStringList& args) {
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral(
        "Show SOURCE's files (kind, size, modification time) and what its header says, read from the bytes\n"
        "without opening an SQLite connection."));
    parser.addPositionalArgument(QStringLiteral("SOURCE"),
                                 QStringLiteral("The database (or one of its companions)."));
    const QCommandLineOption json(QStringLiteral("json"), QStringLiteral("Print one JSON object on stdout."));
    parser.addOption(json);
    if (int code = parseOrExit(parser, args, 1, QStringLiteral("sqlite-snapshot-cli inspect")); code >= 0)
        return code;

    // On the worker thread like every command's engine call, so SIGINT, SIGTERM and SIGHUP cancel it.
    std::optional<sqlsnap::Expected<sqlsnap::DatabaseFiles>> inspected;
    runWithProgress(
        [&](sqlsnap::ProgressSink& sink) {
            inspected = sqlsnap::inspectDatabase(parser.positionalArguments().first(),
                                                 sqlsnap::CancelToken::following(&sink));
        },
        false);
    auto& set = *inspected;
    if (!set)
        return fail(set.error(), parser.isSet(json));
    const sqlsnap::DatabaseHeader& h = set->header;
    if (parser.isSet(json)) {
        printJson(sqlsnap::databaseFilesJson(*set));
        return Success;
    }
    std::printf("%s\n", qPrintable(set->databasePath));
    // Each file by its name on disk (app.db-wal), then its kind, size, time and meaning (as the app says it).
    int nameWidth = 0;
    for (const sqlsnap::FileEntry& f : set->files)
        nameWidth = qMax(nameWidth, int(QFileInfo(f.path).fileName().size()));
    for (const sqlsnap::FileEntry& f : set->files)
        std::printf("  %-*s  %-13s %10s  %s  %s\n", nameWidth, qPrintable(QFileInfo(f.path).fileName()),
                    qPrintable(sqlsnap::fileKindName(f.kind)), qPrintable(humanBytes(f.size)),
                    qPrintable(f.modified.toString(QStringLiteral("yyyy-MM-dd HH:mm:ss"))),
                    qPrintable(sqlsnap::explainFile(*set, f)));
    // With frames in the -wal, the main file's header may be older than what a snapshot will have.
    const bool stale = set->headerMayBeStale();
    const QString pages = h.pageCountValid ? QString::number(h.pageCount) : QStringLiteral("unknown");
    const QString encoding =
        h.textEncoding == 0 ? QStringLiteral("not yet in the main file") : h.textEncodingName();
    std::printf(
        "journal mode: %s, page size: %u, pages: %s, encoding: %s\n", qPrintable(h.journalFormat()),
        h.pageSize,
        qPrintable(stale ? pages + QStringLiteral(" in the main file, more may be in the -wal") : pages),
        qPrintable(encoding));
    std::printf("user_version: %u, application_id: %u, lock held by others: %s\n", h.userVersion,
                h.applicationId, qPrintable(sqlsnap::explainLock(*set)));
    // The set as a whole: a -wal without -shm explained by the lock found, locks held now, the notes.
    for (const QString& line : sqlsnap::explainSet(*set))
        std::printf("%s\n", qPrintable(line));
    return Success;
}

} // namespace cli

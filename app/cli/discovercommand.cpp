#include "clicommon.h"

#include <sqlitesnapshot/discover.h>

#include <QJsonArray>
#include <QRegularExpression>

#include <cstdio>

namespace cli {
namespace {

QString lockText(const sqlsnap::DiscoveredDatabase& d) {
    if (d.inUse())
        return d.walWithoutShm ? QStringLiteral("in use (exclusive locking)")
                               : QStringLiteral("in use (%1 lock)").arg(sqlsnap::lockStateName(d.lock));
    return d.lock == sqlsnap::LockState::None ? QStringLiteral("not in use") : QStringLiteral("unknown");
}

QJsonObject toJson(const sqlsnap::DiscoveredDatabase& d) {
    const auto orNull = [](const QString& s) { return s.isEmpty() ? QJsonValue() : QJsonValue(s); };
    return {{QStringLiteral("path"), d.path},
            {QStringLiteral("app"), orNull(d.app)},
            {QStringLiteral("profile"), orNull(d.profile)},
            {QStringLiteral("install"), d.install},
            {QStringLiteral("size"), d.size},
            {QStringLiteral("companion_bytes"), d.companionBytes},
            {QStringLiteral("modified"), d.modified.isValid()
                                             ? QJsonValue(d.modified.toUTC().toString(Qt::ISODateWithMs))
                                             : QJsonValue()},
            {QStringLiteral("lock"), sqlsnap::lockStateName(d.lock)},
            {QStringLiteral("in_use"), d.inUse()},
            {QStringLiteral("wal_without_shm"), d.walWithoutShm}};
}

} // namespace

int runDiscover(const QStringList& args) {
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral(
        "List the current user's well-known application databases (Firefox and its forks, Chromium,\n"
        "Chrome, Brave, Edge, Vivaldi, Opera, Thunderbird, Zotero, …; native, Flatpak and Snap installs,\n"
        "every profile), and every SQLite database under the DIRs named, each with its app, profile, size\n"
        "and whether a program holds it now. Files are only read: nothing is opened with SQLite, no lock\n"
        "is taken. The list of known places is docs/discover.md."));
    parser.addPositionalArgument(QStringLiteral("DIR"),
                                 QStringLiteral("Also search these folders (recursively)."),
                                 QStringLiteral("[DIR…]"));
    const QCommandLineOption json(QStringLiteral("json"), QStringLiteral("Print one JSON object on stdout."));
    const QCommandLineOption noKnown(QStringLiteral("no-known"),
                                     QStringLiteral("Only the DIRs: skip the known application folders."));
    parser.addOptions({json, noKnown});
    if (int code = parseOrExit(parser, args, -1, QStringLiteral("sqlite-snapshot-cli discover")); code >= 0)
        return code;
    sqlsnap::DiscoverOptions options;
    options.folders = parser.positionalArguments();
    options.knownApps = !parser.isSet(noKnown);
    if (!options.knownApps && options.folders.isEmpty())
        return usageError(QStringLiteral("--no-known needs at least one DIR"));

    std::optional<sqlsnap::Expected<sqlsnap::DiscoverResult>> outcome;
    runWithProgress(
        [&](sqlsnap::ProgressSink& sink) {
            outcome = sqlsnap::discoverDatabases(options, sqlsnap::CancelToken::following(&sink));
        },
        false);
    if (!*outcome)
        return fail(outcome->error(), parser.isSet(json));
    const sqlsnap::DiscoverResult& result = outcome->value();
    if (parser.isSet(json)) {
        QJsonArray list;
        for (const sqlsnap::DiscoveredDatabase& d : result.databases)
            list.append(toJson(d));
        printJson({{QStringLiteral("databases"), list}, {QStringLiteral("unreadable"), result.unreadable}});
        return Success;
    }
    if (result.databases.isEmpty())
        std::printf("No databases found.\n");
    // One line per database: who it belongs to, its size and state, then the path (which may be long).
    int width = 0;
    const auto owner = [](const sqlsnap::DiscoveredDatabase& d) {
        if (d.app.isEmpty())
            return QStringLiteral("(folder)");
        QString text = d.app;
        if (!d.profile.isEmpty() || d.install != QStringLiteral("native"))
            text += QStringLiteral(" [") +
                    QStringList{d.profile, d.install == QStringLiteral("native") ? QString() : d.install}
                        .filter(QRegularExpression(QStringLiteral(".")))
                        .join(QStringLiteral(", ")) +
                    QLatin1Char(']');
        return text;
    };
    for (const sqlsnap::DiscoveredDatabase& d : result.databases)
        width = std::max(width, int(owner(d).size()));
    for (const sqlsnap::DiscoveredDatabase& d : result.databases)
        std::printf("%s  %9s  %-26s  %s\n", qPrintable(owner(d).leftJustified(width)),
                    qPrintable(humanBytes(d.size + d.companionBytes)), qPrintable(lockText(d)),
                    qPrintable(d.path));
    if (result.unreadable > 0)
        warn(QStringLiteral("%1 files or folders could not be read and were skipped").arg(result.unreadable));
    return Success;
}

} // namespace cli

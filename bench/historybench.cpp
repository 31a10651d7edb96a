// History folders (#16, "Speed"): what --skip-unchanged costs on an idle 1 GiB database against a
// snapshot of it, and prune over 10,000 snapshot files; the space part is in historyspacebench.cpp.
#include "benchsupport.h"

#include <sqlitesnapshot/history.h>
#include <sqlitesnapshot/retention.h>
#include <sqlitesnapshot/snapshot.h>

#include <QDir>
#include <QElapsedTimer>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>

#include <cstdio>
#include <sys/stat.h>
#include <unistd.h>

namespace bench {
namespace {

// Runs a program to its end with its output thrown away; its exit code.
int runDiscardingOutput(const QStringList& argv) {
    QProcess p;
    p.setStandardOutputFile(QProcess::nullDevice());
    p.setStandardErrorFile(QProcess::nullDevice());
    p.start(argv.first(), argv.mid(1));
    p.waitForFinished(-1);
    return p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1;
}

// --skip-unchanged on an idle 1 GiB database against a snapshot of it, both through the CLI as a timer
// runs it (process start included), on the same file system.
QList<Row> runSkipUnchanged(const Options& options, const QString& cliPath) {
    QList<Row> rows;
    const QString source = ensureDatabase(options.workDirectory, 1LL << 30);
    if (source.isEmpty())
        return rows;
    const QString history = options.workDirectory + QStringLiteral("/skip-history");
    QList<double> snapshot, skip, skipCore;
    for (int round = 0; round < options.rounds; ++round) {
        QDir(history).removeRecursively();
        QDir().mkpath(history);
        QElapsedTimer clock;
        clock.start();
        if (runProgram({cliPath, QStringLiteral("snapshot"), source, QStringLiteral("--into"), history,
                        QStringLiteral("--quiet")}) != 0)
            return rows;
        snapshot << clock.nsecsElapsed() / 1e9;
        const int before = int(QDir(history).entryList(QDir::Files).size());
        clock.restart();
        if (runProgram({cliPath, QStringLiteral("snapshot"), source, QStringLiteral("--into"), history,
                        QStringLiteral("--skip-unchanged"), QStringLiteral("--quiet")}) != 0)
            return rows;
        skip << clock.nsecsElapsed() / 1e9;
        clock.restart();
        auto core = sqlsnap::snapshotInto(source, history, {}, true);
        skipCore << clock.nsecsElapsed() / 1e9;
        if (!core || !core->skipped || QDir(history).entryList(QDir::Files).size() != before) {
            std::fprintf(stderr, "bench: --skip-unchanged took a snapshot of an idle database\n");
            return rows;
        }
        std::fprintf(stderr, "bench: skip-unchanged round %d/%d done\n", round + 1, options.rounds);
    }
    QDir(history).removeRecursively();
    const QString section = QStringLiteral("--skip-unchanged, idle 1 GiB + 128 MiB WAL");
    const double full = median(snapshot);
    rows << Row{section,
                QStringLiteral("cli: snapshot --into"),
                full,
                (1.125 * (1 << 30)) / 1e6 / full,
                1.0,
                0,
                QStringLiteral("the baseline: a snapshot into an empty history folder")};
    rows << Row{section,
                QStringLiteral("cli: --skip-unchanged"),
                median(skip),
                0,
                median(skip) / full,
                0,
                QStringLiteral("nothing committed since: no file; %1 % of the snapshot, target ≤ 5 %")
                    .arg(100 * median(skip) / full, 0, 'f', 2)};
    rows << Row{section,
                QStringLiteral("core: snapshotInto skip"),
                median(skipCore),
                0,
                median(skipCore) / full,
                0,
                QStringLiteral("in-process (no process start): %1 % of the snapshot")
                    .arg(100 * median(skipCore) / full, 0, 'f', 3)};
    return rows;
}

// A folder of `count` snapshot files (one byte each: prune never opens them), one every 10 minutes back
// from now, listed in the folder's record as snapshotInto writes it.
bool makePruneFolder(const QString& folder, int count) {
    QDir(folder).removeRecursively();
    QDir().mkpath(folder);
    const QString source = QStringLiteral("/home/user/.mozilla/firefox/x.default/places.sqlite");
    const QDateTime now = QDateTime::currentDateTime();
    QJsonArray list;
    for (int i = 0; i < count; ++i) {
        const QDateTime taken = now.addSecs(-600LL * i);
        const QString path = folder + QLatin1Char('/') + sqlsnap::snapshotFileName(source, taken);
        QFile file(path);
        if (!file.open(QIODevice::WriteOnly) || file.write("x", 1) != 1)
            return false;
        file.close();
        struct stat st {};
        if (::stat(QFile::encodeName(path).constData(), &st) != 0)
            return false;
        list.append(
            QJsonObject{{QStringLiteral("file"), QFileInfo(path).fileName()},
                        {QStringLiteral("source"), source},
                        {QStringLiteral("taken"), taken.toUTC().toString(Qt::ISODateWithMs)},
                        {QStringLiteral("size"), qint64(st.st_size)},
                        {QStringLiteral("inode"), QString::number(quint64(st.st_ino))},
                        {QStringLiteral("mtime_ns"),
                         QString::number(qint64(st.st_mtim.tv_sec) * 1000000000 + st.st_mtim.tv_nsec)}});
    }
    QFile record(folder + QLatin1Char('/') + QLatin1String(sqlsnap::HistoryFolder::kRecordName));
    return record.open(QIODevice::WriteOnly) &&
           record.write(
               QJsonDocument(QJsonObject{{QStringLiteral("version"), 1}, {QStringLiteral("snapshots"), list}})
                   .toJson()) > 0;
}

QList<Row> runPrune(const Options& options, const QString& cliPath) {
    constexpr int kFiles = 10000;
    const QString folder = options.workDirectory + QStringLiteral("/prune-history");
    const QStringList rules{QStringLiteral("--keep-hourly"),  QStringLiteral("24"),
                            QStringLiteral("--keep-daily"),   QStringLiteral("7"),
                            QStringLiteral("--keep-weekly"),  QStringLiteral("4"),
                            QStringLiteral("--keep-monthly"), QStringLiteral("12")};
    QList<double> dry, real, core;
    int left = -1;
    for (int round = 0; round < options.rounds; ++round) {
        if (!makePruneFolder(folder, kFiles))
            return {};
        QElapsedTimer clock;
        clock.start();
        if (runDiscardingOutput(QStringList{cliPath, QStringLiteral("prune"), folder} + rules +
                                QStringList{QStringLiteral("--dry-run"), QStringLiteral("--json")}) != 0)
            return {};
        dry << clock.nsecsElapsed() / 1e9;
        clock.restart();
        if (runDiscardingOutput(QStringList{cliPath, QStringLiteral("prune"), folder} + rules +
                                QStringList{QStringLiteral("--json")}) != 0)
            return {};
        real << clock.nsecsElapsed() / 1e9;
        left = int(QDir(folder).entryList(QDir::Files).size()); // the record included
        if (!makePruneFolder(folder, kFiles))
            return {};
        clock.restart();
        auto pruned = sqlsnap::pruneHistory(folder, {0, 24, 7, 4, 12, 0}, false);
        core << clock.nsecsElapsed() / 1e9;
        if (!pruned)
            return {};
        std::fprintf(stderr, "bench: prune round %d/%d done\n", round + 1, options.rounds);
    }
    QDir(folder).removeRecursively();
    const QString section = QStringLiteral("prune over 10,000 snapshots");
    const QString kept = QStringLiteral("--keep-hourly 24 --keep-daily 7 --keep-weekly 4 --keep-monthly 12: "
                                        "%1 files left of 10,000; target ≤ 1 s")
                             .arg(left - 1);
    return {Row{section, QStringLiteral("cli: prune --dry-run"), median(dry), 0, 0, 0,
                QStringLiteral("decides, deletes nothing (process start included)")},
            Row{section, QStringLiteral("cli: prune"), median(real), 0, 0, 0, kept},
            Row{section, QStringLiteral("core: pruneHistory"), median(core), 0, 0, 0,
                QStringLiteral("in-process, the same rules")}};
}

} // namespace

QList<Row> runHistory(const Options& options, const QString& cliPath) {
    // "history" runs all three; "prune", "skip-unchanged" and "space" one each.
    const auto wanted = [&](const char* part) {
        return options.parts.contains(QStringLiteral("history")) ||
               options.parts.contains(QLatin1String(part));
    };
    QList<Row> rows;
    if (wanted("prune"))
        rows += runPrune(options, cliPath);
    if (wanted("skip-unchanged"))
        rows += runSkipUnchanged(options, cliPath);
    if (wanted("space"))
        rows += runHistorySpace(options);
    return rows;
}

} // namespace bench

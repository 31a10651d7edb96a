// History folders, space (#16, "Speed"): 24 hourly snapshots of a 256 MiB database with ~1 % of its
// pages changed each hour, on loop-mounted ext4, XFS and btrfs images made here (needs root).
#include "benchsupport.h"

#include <sqlitesnapshot/history.h>
#include <sqlitesnapshot/snapshot.h>

#include <QDir>
#include <QElapsedTimer>
#include <QFileInfo>
#include <QProcess>
#include <QRandomGenerator>
#include <QRegularExpression>

#include <sqlite3.h>

#include <cstdio>
#include <sys/statvfs.h>
#include <unistd.h>

namespace bench {
namespace {

constexpr int kHours = 24;
constexpr qint64 kHistorySize = 256LL << 20;
constexpr int kRowsPerHourPermille = 10; // ~1 % of the rows, one row a page: ~1 % of the pages
QString output(const QString& program, const QStringList& args, int* exitCode = nullptr) {
    QProcess p;
    p.start(program, args);
    p.waitForFinished(-1);
    if (exitCode)
        *exitCode = p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1;
    return QString::fromLocal8Bit(p.readAllStandardOutput() + p.readAllStandardError()).trimmed();
}

bool succeeds(const QString& program, const QStringList& args) {
    int code = 0;
    const QString text = output(program, args, &code);
    if (code != 0)
        std::fprintf(stderr, "bench: %s %s: %s\n", qPrintable(program),
                     qPrintable(args.join(QLatin1Char(' '))), qPrintable(text));
    return code == 0;
}

qint64 usedBytes(const QString& mountPoint) {
    ::sync();
    struct statvfs st {};
    if (::statvfs(QFile::encodeName(mountPoint).constData(), &st) != 0)
        return -1;
    return qint64(st.f_blocks - st.f_bfree) * qint64(st.f_frsize);
}

// A sparse image of `type`, loop-mounted at `<dir>/mnt-<type>`; empty on failure (printed).
QString mountImage(const QString& directory, const QString& type) {
    const QString image = QStringLiteral("%1/%2.img").arg(directory, type);
    const QString mountPoint = QStringLiteral("%1/mnt-%2").arg(directory, type);
    output(QStringLiteral("umount"), {mountPoint}); // left by an interrupted run (usually none)
    QFile::remove(image);
    QDir().mkpath(mountPoint);
    QFile file(image);
    // ext4 keeps 24 full copies: 8 GiB, sparse.
    if (!file.open(QIODevice::WriteOnly) || !file.resize(8LL << 30))
        return {};
    file.close();
    const QStringList mkfs = type == QStringLiteral("ext4")
                                 ? QStringList{QStringLiteral("-q"), QStringLiteral("-F"), image}
                                 : QStringList{QStringLiteral("-q"), QStringLiteral("-f"), image};
    if (!succeeds(QStringLiteral("mkfs.") + type, mkfs) ||
        !succeeds(QStringLiteral("mount"), {QStringLiteral("-o"), QStringLiteral("loop"), image, mountPoint}))
        return {};
    return mountPoint;
}

void unmountImage(const QString& directory, const QString& type) {
    QProcess::execute(QStringLiteral("umount"), {QStringLiteral("%1/mnt-%2").arg(directory, type)});
    QFile::remove(QStringLiteral("%1/%2.img").arg(directory, type));
}

// 256 MiB: one row of 3,900 bytes a page, so a changed row is a changed page (and the b-tree page above).
QString ensureHistorySource(const QString& directory) {
    const int rows = int(kHistorySize / 4096);
    return ensureGeneratedDatabase(
        directory + QStringLiteral("/history-256M.sqlite"),
        QStringLiteral("CREATE TABLE t(id INTEGER PRIMARY KEY, ts INTEGER, data BLOB);"
                       "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < %1) "
                       "INSERT INTO t SELECT i, 0, randomblob(3900) FROM n;")
            .arg(rows)
            .toUtf8(),
        QStringLiteral("256 MiB, one row a page"));
}

// The same rows changed in every file system's run: hour h updates ~1 % of the rows, chosen by seed h.
bool changeAnHour(sqlite3* db, int hour, int rows) {
    QRandomGenerator pick(quint32(hour) * 7919u + 1);
    sqlite3_stmt* update = nullptr;
    if (sqlite3_exec(db, "BEGIN", nullptr, nullptr, nullptr) != SQLITE_OK ||
        sqlite3_prepare_v2(db, "UPDATE t SET ts = ?1, data = randomblob(3900) WHERE id = ?2", -1, &update,
                           nullptr) != SQLITE_OK)
        return false;
    for (int i = 0; i < rows * kRowsPerHourPermille / 1000; ++i) {
        sqlite3_bind_int(update, 1, hour);
        sqlite3_bind_int(update, 2, 1 + int(pick.bounded(rows)));
        sqlite3_step(update);
        sqlite3_reset(update);
    }
    sqlite3_finalize(update);
    return sqlite3_exec(db, "COMMIT", nullptr, nullptr, nullptr) == SQLITE_OK;
}

struct SpaceRun {
    bool ok = false;
    qint64 oneSnapshot = 0, used = 0, usedAfterRemount = 0, du = 0;
    qint64 rewritten = 0; // bytes, summed over hours 2..24
    int shared = 0;       // snapshots that share with their predecessor
    QList<double> seconds;
    QString detail; // btrfs filesystem du
};

SpaceRun historyOn(const QString& directory, const QString& type, const QString& base) {
    SpaceRun run;
    const QString mountPoint = mountImage(directory, type);
    if (mountPoint.isEmpty())
        return run;
    const QString history = mountPoint + QStringLiteral("/history");
    QDir().mkpath(history);
    // The source on the ordinary file system, as an app's is, starting from the same bytes each time.
    const QString source = directory + QStringLiteral("/history-source.sqlite");
    for (const char* suffix : {"", "-wal", "-shm"})
        QFile::remove(source + QString::fromLatin1(suffix));
    QFile::copy(base, source);
    sqlite3* db = nullptr;
    sqlite3_open(QFile::encodeName(source).constData(), &db);
    sqlite3_exec(db, "PRAGMA journal_mode=WAL", nullptr, nullptr, nullptr); // an app's, kept open
    const int rows = int(kHistorySize / 4096);
    const qint64 before = usedBytes(mountPoint);
    run.ok = true;
    for (int hour = 0; hour < kHours && run.ok; ++hour) {
        if (hour > 0)
            run.ok = changeAnHour(db, hour, rows);
        QElapsedTimer clock;
        clock.start();
        auto taken = sqlsnap::snapshotInto(source, history, {}, false);
        run.seconds << clock.nsecsElapsed() / 1e9;
        if (!taken || !taken->snapshot) {
            std::fprintf(stderr, "bench: %s\n", taken ? "skipped" : qPrintable(taken.error().message));
            run.ok = false;
            break;
        }
        if (hour == 0)
            run.oneSnapshot = taken->snapshot->bytes;
        if (!taken->snapshot->sharesStorageWith.isEmpty())
            ++run.shared;
        run.rewritten += taken->snapshot->bytesRewritten;
    }
    sqlite3_close(db);
    sqlsnap::waitForBackgroundRemovals();
    run.used = usedBytes(mountPoint) - before;
    if (type == QStringLiteral("btrfs"))
        run.detail = output(QStringLiteral("btrfs"), {QStringLiteral("filesystem"), QStringLiteral("du"),
                                                      QStringLiteral("-s"), history})
                         .section(QLatin1Char('\n'), 1, 1)
                         .simplified();
    // What stays once the file system has settled (XFS frees speculative copy-on-write space later).
    const QString image = QStringLiteral("%1/%2.img").arg(directory, type);
    QProcess::execute(QStringLiteral("umount"), {mountPoint});
    QProcess::execute(QStringLiteral("mount"),
                      {QStringLiteral("-o"), QStringLiteral("loop"), image, mountPoint});
    run.usedAfterRemount = usedBytes(mountPoint) - before;
    run.du = output(QStringLiteral("du"), {QStringLiteral("-s"), QStringLiteral("-B1"), history})
                 .section(QLatin1Char('\t'), 0, 0)
                 .toLongLong();
    if (type == QStringLiteral("btrfs")) // data and metadata (DUP: two copies) apart
        run.detail +=
            QStringLiteral("; btrfs filesystem df: ") +
            output(QStringLiteral("btrfs"), {QStringLiteral("filesystem"), QStringLiteral("df"), mountPoint})
                .split(QLatin1Char('\n'))
                .filter(QRegularExpression(QStringLiteral("^(Data|Metadata)")))
                .join(QStringLiteral(", "));
    unmountImage(directory, type);
    return run;
}

} // namespace

QList<Row> runHistorySpace(const Options& options) {
    QList<Row> rows;
    if (::geteuid() != 0) {
        std::fprintf(stderr, "bench: history space needs root (loop-mounted images); skipped\n");
        return rows;
    }
    const QString base = ensureHistorySource(options.workDirectory);
    if (base.isEmpty())
        return rows;
    const QString section = QStringLiteral("history: 24 h of 256 MiB, 1 %/h");
    double ext4Median = 0;
    QList<std::pair<QString, SpaceRun>> runs;
    for (const QString& type : {QStringLiteral("ext4"), QStringLiteral("xfs"), QStringLiteral("btrfs")}) {
        std::fprintf(stderr, "bench: history on %s\n", qPrintable(type));
        const SpaceRun run = historyOn(options.workDirectory, type, base);
        if (!run.ok) {
            std::fprintf(stderr, "bench: history on %s failed\n", qPrintable(type));
            continue;
        }
        if (type == QStringLiteral("ext4"))
            ext4Median = median(run.seconds);
        runs.append({type, run});
    }
    for (const auto& [type, run] : runs) {
        Row space;
        space.section = section;
        space.name = type + QStringLiteral(": space used");
        space.ratio = double(run.usedAfterRemount) / double(run.oneSnapshot);
        space.note =
            QStringLiteral("%1 used for 24 snapshots of %2 (%3 right after, before a remount); du %4; "
                           "%5 of 23 shared with the previous, %6 rewritten a snapshot on average%7; "
                           "ratio to one snapshot, target ≤ 1.5× on XFS/btrfs")
                .arg(humanBytes(run.usedAfterRemount), humanBytes(run.oneSnapshot), humanBytes(run.used),
                     humanBytes(run.du))
                .arg(run.shared)
                .arg(humanBytes(run.rewritten / qMax(1, run.shared)),
                     run.detail.isEmpty() ? QString()
                                          : QStringLiteral("; btrfs filesystem du (total, exclusive, "
                                                           "set shared): ") +
                                                run.detail);
        rows << space;
        Row time;
        time.section = section;
        time.name = type + QStringLiteral(": a snapshot");
        time.seconds = median(run.seconds);
        time.megabytesPerSecond = run.oneSnapshot / 1e6 / time.seconds;
        time.ratio = ext4Median > 0 ? time.seconds / ext4Median : 0;
        time.note = QStringLiteral("snapshotInto, median of 24 (the first is a full copy); ratio to ext4");
        rows << time;
    }
    return rows;
}

} // namespace bench

// Snapshot cost, side by side: each contender runs in a child process (so its peak RSS is its own),
// the contenders alternate round by round, and the table shows medians and ratios to the floor — a
// plain durable copy of the same files.
#include "benchsupport.h"

#include <sqlitesnapshot/snapshot.h>

#include <QDir>
#include <QElapsedTimer>
#include <QFileInfo>

#include <sqlite3.h>

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

namespace bench {
namespace {

bool copyDurably(const QString& from, const QString& to) {
    const int in = ::open(QFile::encodeName(from).constData(), O_RDONLY | O_CLOEXEC);
    if (in < 0)
        return errno == ENOENT; // an absent companion is nothing to copy
    const int out = ::open(QFile::encodeName(to).constData(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
    bool ok = out >= 0;
    while (ok) {
        const ssize_t n = ::copy_file_range(in, nullptr, out, nullptr, 64 << 20, 0);
        if (n < 0 && errno == EINTR)
            continue;
        ok = n >= 0;
        if (n <= 0)
            break;
    }
    ok = ok && ::fsync(out) == 0;
    ::close(in);
    if (out >= 0)
        ::close(out);
    return ok;
}

bool fsyncFolder(const QString& folder) {
    const int fd = ::open(QFile::encodeName(folder).constData(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    const bool ok = fd >= 0 && ::fsync(fd) == 0;
    if (fd >= 0)
        ::close(fd);
    return ok;
}

int sqliteStep(sqlite3* db, const char* what) {
    std::fprintf(stderr, "bench: %s: %s\n", what, sqlite3_errmsg(db));
    return 1;
}

} // namespace

namespace {
// Peak resident memory of this process since its exec (not inherited from the parent, unlike rusage).
long peakRssKiB() {
    QFile status(QStringLiteral("/proc/self/status"));
    if (!status.open(QIODevice::ReadOnly))
        return 0;
    for (const QByteArray& line : status.readAll().split('\n'))
        if (line.startsWith("VmHWM:"))
            return line.mid(6).trimmed().split(' ').first().toLong();
    return 0;
}

int runContenderOnce(const QString& name, const QString& source, const QString& destination,
                     const QString& cliPath, long* rssKiB);
} // namespace

int runContender(const QString& name, const QString& source, const QString& destination,
                 const QString& cliPath, const QString& resultFile) {
    QElapsedTimer clock;
    clock.start();
    long rss = 0;
    const int rc = runContenderOnce(name, source, destination, cliPath, &rss);
    const double seconds = clock.nsecsElapsed() / 1e9;
    if (rss == 0)
        rss = peakRssKiB();
    QFile result(resultFile);
    if (rc == 0 && result.open(QIODevice::WriteOnly))
        result.write(QByteArray::number(seconds, 'f', 6) + ' ' + QByteArray::number(qlonglong(rss)) + '\n');
    return rc;
}

namespace {
int runContenderOnce(const QString& name, const QString& source, const QString& destination,
                     const QString& cliPath, long* rssKiB) {
    if (name == QStringLiteral("floor")) {
        // What any durable copy pays: the bytes of the set, fsynced, and the folder entry.
        bool ok = copyDurably(source, destination);
        ok = ok && copyDurably(source + QStringLiteral("-wal"), destination + QStringLiteral("-wal"));
        ok = ok && fsyncFolder(QFileInfo(destination).absolutePath());
        return ok ? 0 : 1;
    }
    if (name == QStringLiteral("sqlite3-backup")) {
        // What `sqlite3 -readonly SRC ".backup DST"` does: the online backup API on the live source.
        sqlite3* src = nullptr;
        sqlite3* dst = nullptr;
        if (sqlite3_open_v2(QFile::encodeName(source).constData(), &src, SQLITE_OPEN_READONLY, nullptr) !=
            SQLITE_OK)
            return sqliteStep(src, "open source");
        if (sqlite3_open(QFile::encodeName(destination).constData(), &dst) != SQLITE_OK)
            return sqliteStep(dst, "open destination");
        sqlite3_backup* b = sqlite3_backup_init(dst, "main", src, "main");
        if (!b)
            return sqliteStep(dst, "backup_init");
        const int rc = sqlite3_backup_step(b, -1);
        sqlite3_backup_finish(b);
        if (rc != SQLITE_DONE)
            return sqliteStep(dst, "backup_step");
        sqlite3_close(dst);
        sqlite3_close(src);
        return 0;
    }
    if (name == QStringLiteral("vacuum-into")) {
        sqlite3* src = nullptr;
        if (sqlite3_open_v2(QFile::encodeName(source).constData(), &src, SQLITE_OPEN_READONLY, nullptr) !=
            SQLITE_OK)
            return sqliteStep(src, "open source");
        const QByteArray sql = "VACUUM INTO '" + QFile::encodeName(destination).replace('\'', "''") + "'";
        if (sqlite3_exec(src, sql.constData(), nullptr, nullptr, nullptr) != SQLITE_OK)
            return sqliteStep(src, "VACUUM INTO");
        sqlite3_close(src);
        return 0;
    }
    if (name == QStringLiteral("engine-publish") || name == QStringLiteral("engine-backup")) {
        sqlsnap::SnapshotOptions options;
        options.strategy = name == QStringLiteral("engine-publish") ? sqlsnap::OutputStrategy::Publish
                                                                    : sqlsnap::OutputStrategy::Backup;
        options.stagingDirectory = QFileInfo(destination).absolutePath(); // same file system as the others
        auto result = sqlsnap::takeSnapshot(source, destination, options);
        if (!result) {
            std::fprintf(stderr, "bench: %s\n", qPrintable(result.error().message));
            return 1;
        }
        return 0;
    }
    if (name == QStringLiteral("cli-publish")) {
        // Through GNU time, whose own small footprint is all the CLI's peak RSS can inherit.
        const QString rssFile = destination + QStringLiteral(".rss");
        const int rc =
            runProgram({QStringLiteral("/usr/bin/time"), QStringLiteral("-f"), QStringLiteral("%M"),
                        QStringLiteral("-o"), rssFile, cliPath, QStringLiteral("snapshot"), source,
                        destination, QStringLiteral("--quiet")});
        QFile rss(rssFile);
        if (rss.open(QIODevice::ReadOnly))
            *rssKiB = rss.readAll().trimmed().toLong();
        QFile::remove(rssFile);
        return rc;
    }
    std::fprintf(stderr, "bench: unknown contender %s\n", qPrintable(name));
    return 2;
}
} // namespace

QList<Row> runSnapshotCost(const Options& options, const QString& selfPath, const QString& cliPath) {
    const QStringList contenders{QStringLiteral("floor"),          QStringLiteral("engine-publish"),
                                 QStringLiteral("cli-publish"),    QStringLiteral("engine-backup"),
                                 QStringLiteral("sqlite3-backup"), QStringLiteral("vacuum-into")};
    QList<Row> rows;
    for (qint64 size : options.sizes) {
        const QString source = ensureDatabase(options.workDirectory, size);
        if (source.isEmpty())
            return {};
        const qint64 setBytes = QFileInfo(source).size() + QFileInfo(source + QStringLiteral("-wal")).size();
        QMap<QString, QList<Sample>> samples;
        for (int round = 0; round < options.rounds; ++round) {
            // Alternate the order round by round: a noisy neighbour hurts everyone alike.
            QStringList order = contenders;
            std::rotate(order.begin(), order.begin() + (round % order.size()), order.end());
            if (round % 2 == 1)
                std::reverse(order.begin(), order.end());
            for (const QString& name : order) {
                const QString out = options.workDirectory + QStringLiteral("/out");
                QDir(out).removeRecursively();
                QDir().mkpath(out);
                const Sample s =
                    runContenderProcess(selfPath, name, source, out + QStringLiteral("/snapshot.sqlite"),
                                        cliPath, options.workDirectory + QStringLiteral("/result"));
                if (!s.ok) {
                    std::fprintf(stderr, "bench: %s failed at %s\n", qPrintable(name),
                                 qPrintable(humanBytes(size)));
                    return {};
                }
                samples[name] << s;
            }
            std::fprintf(stderr, "bench: %s round %d/%d done\n", qPrintable(humanBytes(size)), round + 1,
                         options.rounds);
        }
        const double floorSeconds = medianSeconds(samples[QStringLiteral("floor")]);
        for (const QString& name : contenders) {
            Row r;
            r.section = QStringLiteral("snapshot %1 + %2 WAL").arg(humanBytes(size), humanBytes(size / 8));
            r.name = name;
            r.seconds = medianSeconds(samples[name]);
            r.megabytesPerSecond = setBytes / 1e6 / r.seconds;
            r.ratio = r.seconds / floorSeconds;
            r.peakRssMiB = maxRssMiB(samples[name]);
            rows << r;
        }
    }
    return rows;
}

} // namespace bench

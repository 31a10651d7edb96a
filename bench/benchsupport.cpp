#include "benchsupport.h"

#include <QCoreApplication>
#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>
#include <QTimer>

#include <sqlite3.h>

#include <algorithm>
#include <cstdio>
#include <ctime>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

extern char** environ;

namespace bench {
namespace {

bool exec(sqlite3* db, const QString& sql) {
    char* message = nullptr;
    if (sqlite3_exec(db, sql.toUtf8().constData(), nullptr, nullptr, &message) == SQLITE_OK)
        return true;
    std::fprintf(stderr, "bench: %s: %s\n", qPrintable(sql.left(60)), message ? message : "?");
    sqlite3_free(message);
    return false;
}

qint64 pageBytes(sqlite3* db) {
    sqlite3_stmt* stmt = nullptr;
    qint64 pages = 0;
    if (sqlite3_prepare_v2(db, "PRAGMA page_count", -1, &stmt, nullptr) == SQLITE_OK &&
        sqlite3_step(stmt) == SQLITE_ROW)
        pages = sqlite3_column_int64(stmt, 0);
    sqlite3_finalize(stmt);
    return pages * 4096;
}

} // namespace

QString humanBytes(qint64 bytes) {
    if (bytes >= (1LL << 30) && bytes % (1LL << 30) == 0)
        return QStringLiteral("%1 GiB").arg(bytes >> 30);
    if (bytes >= (1LL << 20))
        return QStringLiteral("%1 MiB").arg(bytes >> 20);
    return QStringLiteral("%1 KiB").arg(bytes >> 10);
}

QString ensureDatabase(const QString& directory, qint64 size) {
    const QString path = QStringLiteral("%1/bench-%2.sqlite").arg(directory).arg(size);
    const QString ready = path + QStringLiteral(".ready"); // written last: a half-made database is remade
    if (QFileInfo::exists(ready) && QFileInfo::exists(path + QStringLiteral("-wal")))
        return path;
    QDir().mkpath(directory);
    for (const char* suffix : {"", "-wal", "-shm", "-journal", ".ready"})
        QFile::remove(path + QString::fromLatin1(suffix));
    std::fprintf(stderr, "bench: generating %s (%s + %s WAL), once\n", qPrintable(path),
                 qPrintable(humanBytes(size)), qPrintable(humanBytes(size / 8)));
    sqlite3* db = nullptr;
    if (sqlite3_open(QFile::encodeName(path).constData(), &db) != SQLITE_OK)
        return {};
    // The last part of the data must stay in the -wal when we close.
    sqlite3_db_config(db, SQLITE_DBCONFIG_NO_CKPT_ON_CLOSE, 1, nullptr);
    bool ok = exec(
        db, QStringLiteral("PRAGMA page_size=4096; PRAGMA journal_mode=WAL; PRAGMA synchronous=OFF;"
                           "CREATE TABLE events(id INTEGER PRIMARY KEY, ts INTEGER, kind TEXT, payload TEXT);"
                           "CREATE INDEX events_ts ON events(ts);"
                           "CREATE TABLE files(id INTEGER PRIMARY KEY, name TEXT, data BLOB);"));
    // Batches of ~8 MiB: half events (text and an index), half files (16 KiB BLOBs, overflow pages).
    const QString batch =
        QStringLiteral("BEGIN;"
                       "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 16000) "
                       "INSERT INTO events(ts, kind, payload) SELECT abs(random()) % 1000000000, "
                       "  char(97 + abs(random()) % 26) || 'event', hex(randomblob(100)) FROM n;"
                       "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 256) "
                       "INSERT INTO files(name, data) SELECT 'file-' || i, randomblob(16384) FROM n;"
                       "COMMIT;");
    while (ok && pageBytes(db) < size)
        ok = exec(db, batch);
    ok = ok && exec(db, QStringLiteral("PRAGMA wal_checkpoint(TRUNCATE); PRAGMA wal_autocheckpoint=0;"));
    // Committed but not checkpointed: updates of existing rows and new rows, until the WAL is size / 8.
    while (ok && QFileInfo(path + QStringLiteral("-wal")).size() < size / 8)
        ok = exec(db, QStringLiteral(
                          "BEGIN; UPDATE events SET kind = 'updated' WHERE id IN "
                          "(SELECT 1 + abs(random()) % (SELECT max(id) FROM events) FROM files LIMIT 100);"
                          "INSERT INTO files(name, data) SELECT 'late', randomblob(16384) "
                          "FROM (SELECT 1 UNION ALL SELECT 2 UNION ALL SELECT 3 UNION ALL SELECT 4);"
                          "COMMIT;"));
    sqlite3_close(db);
    if (!ok)
        return {};
    QFile marker(ready);
    marker.open(QIODevice::WriteOnly);
    return path;
}

int runProgram(const QStringList& args) {
    QList<QByteArray> storage;
    for (const QString& a : args)
        storage << QFile::encodeName(a);
    std::vector<char*> argv;
    for (QByteArray& a : storage)
        argv.push_back(a.data());
    argv.push_back(nullptr);
    pid_t pid = 0;
    if (posix_spawn(&pid, argv[0], nullptr, nullptr, argv.data(), environ) != 0)
        return 127;
    int status = 0;
    if (waitpid(pid, &status, 0) != pid)
        return 127;
    return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
}

Sample runContenderProcess(const QString& self, const QString& name, const QString& source,
                           const QString& destination, const QString& cliPath, const QString& resultFile) {
    QFile::remove(resultFile);
    Sample s;
    if (runProgram({self, QStringLiteral("--contender"), name, source, destination, cliPath, resultFile}) !=
        0)
        return s;
    QFile result(resultFile);
    if (!result.open(QIODevice::ReadOnly))
        return s;
    const QList<QByteArray> fields = result.readAll().trimmed().split(' ');
    if (fields.size() != 2)
        return s;
    s.seconds = fields[0].toDouble();
    s.peakRssMiB = fields[1].toDouble() / 1024.0;
    s.ok = s.seconds > 0;
    return s;
}

double median(QList<double> values) {
    if (values.isEmpty())
        return 0;
    std::sort(values.begin(), values.end());
    const qsizetype n = values.size();
    return n % 2 ? values[n / 2] : (values[n / 2 - 1] + values[n / 2]) / 2;
}

double medianSeconds(QList<Sample> samples) {
    QList<double> seconds;
    for (const Sample& s : samples)
        seconds << s.seconds;
    return median(seconds);
}

double maxRssMiB(const QList<Sample>& samples) {
    double peak = 0;
    for (const Sample& s : samples)
        peak = std::max(peak, s.peakRssMiB);
    return peak;
}

void printTable(const QList<Row>& rows) {
    std::printf("| %-34s | %-22s | %10s | %9s | %8s | %9s | %s\n", "measure", "contender", "median", "MB/s",
                "ratio", "peak RSS", "note");
    std::printf("|%s|%s|%s|%s|%s|%s|%s\n", "------------------------------------", "------------------------",
                "-----------:", "----------:", "---------:", "----------:", "---");
    for (const Row& r : rows) {
        const QString time = r.seconds <= 0   ? QString() // not a time (a space figure)
                             : r.seconds >= 1 ? QStringLiteral("%1 s").arg(r.seconds, 0, 'f', 2)
                                              : QStringLiteral("%1 ms").arg(r.seconds * 1000, 0, 'f', 1);
        std::printf("| %-34s | %-22s | %10s | %9s | %8s | %9s | %s\n", qPrintable(r.section),
                    qPrintable(r.name), qPrintable(time),
                    r.megabytesPerSecond > 0 ? qPrintable(QString::number(r.megabytesPerSecond, 'f', 0)) : "",
                    r.ratio > 0 ? qPrintable(QStringLiteral("%1×").arg(r.ratio, 0, 'f', 2)) : "",
                    r.peakRssMiB > 0 ? qPrintable(QStringLiteral("%1 MiB").arg(r.peakRssMiB, 0, 'f', 1)) : "",
                    qPrintable(r.note));
    }
    std::fflush(stdout);
}

QString ensureGeneratedDatabase(const QString& path, const QByteArray& sql, const QString& what) {
    if (QFileInfo::exists(path + QStringLiteral(".ready")))
        return path;
    QFile::remove(path);
    QDir().mkpath(QFileInfo(path).absolutePath());
    std::fprintf(stderr, "bench: generating %s (%s), once\n", qPrintable(path), qPrintable(what));
    sqlite3* db = nullptr;
    sqlite3_open(QFile::encodeName(path).constData(), &db);
    const QByteArray all = "PRAGMA journal_mode=DELETE; PRAGMA synchronous=OFF;" + sql;
    char* message = nullptr;
    const bool ok = sqlite3_exec(db, all.constData(), nullptr, nullptr, &message) == SQLITE_OK;
    if (!ok)
        std::fprintf(stderr, "bench: %s\n", message);
    sqlite3_free(message);
    sqlite3_close(db);
    if (!ok)
        return {};
    QFile marker(path + QStringLiteral(".ready"));
    marker.open(QIODevice::WriteOnly);
    return path;
}

void processEventsFor(int ms) {
    QElapsedTimer t;
    t.start();
    while (t.elapsed() < ms)
        QCoreApplication::processEvents(QEventLoop::WaitForMoreEvents, 50);
}

GuiStall measureGuiStall(const std::function<void()>& during) {
    const auto threadCpuNs = [] {
        timespec t{};
        clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t);
        return qint64(t.tv_sec) * 1000000000 + t.tv_nsec;
    };
    // The kernel's run-queue wait of this thread (the second field of its schedstat): a gap the GUI
    // thread spent runnable but without a CPU is the scheduler's doing, not the GUI's work.
    const auto runQueueWaitNs = [] {
        QFile stat(QStringLiteral("/proc/thread-self/schedstat"));
        if (!stat.open(QIODevice::ReadOnly))
            return qint64(0);
        const QList<QByteArray> fields = stat.readAll().split(' ');
        return fields.size() > 1 ? fields[1].trimmed().toLongLong() : qint64(0);
    };
    qint64 longest = 0, longestCpu = 0, longestWait = 0, mostCpu = 0, cpuAtTick = 0, waitAtTick = 0;
    QElapsedTimer sinceTick;
    QTimer probe;
    probe.setTimerType(Qt::PreciseTimer);
    probe.setInterval(2);
    QObject::connect(&probe, &QTimer::timeout, [&] {
        const qint64 cpu = threadCpuNs();
        const qint64 wait = runQueueWaitNs();
        if (sinceTick.isValid() && sinceTick.nsecsElapsed() > longest) {
            longest = sinceTick.nsecsElapsed();
            longestCpu = cpu - cpuAtTick;
            longestWait = wait - waitAtTick;
        }
        if (sinceTick.isValid())
            mostCpu = std::max(mostCpu, cpu - cpuAtTick);
        cpuAtTick = cpu;
        waitAtTick = wait;
        sinceTick.restart();
    });
    probe.start();
    during();
    probe.stop();
    return GuiStall{longest / 1e9, longestCpu / 1e6, mostCpu / 1e6, longestWait / 1e6};
}

} // namespace bench

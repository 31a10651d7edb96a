// Comparing two databases (#15): `sqlite-snapshot-cli diff --summary` against `sqldiff --summary` in the
// same run, on two snapshots of one database with 0.1 % of the rows changed, on identical files, and on
// one side rewritten by VACUUM INTO (no page in common where it matters); plus the engine in process with
// and without the fast path. Each contender runs as its own process; its peak RSS is its own (wait4).
#include "benchsupport.h"

#include <compare/changedrowsmodel.h>
#include <compare/comparetab.h>
#include <jobs/job.h>
#include <preview/windowedgrid.h>
#include <window/mainwindow.h>

#include <sqlitesnapshot/compare.h>

#include <QCoreApplication>
#include <QTabWidget>

#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>
#include <QStandardPaths>

#include <algorithm>

#include <sqlite3.h>

#include <atomic>
#include <chrono>
#include <cstdio>
#include <fcntl.h>
#include <spawn.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <thread>

extern char** environ;

namespace bench {
namespace {

// Runs argv with stdout to /dev/null; its wall time and its own peak RSS, as GNU time reads it (the
// child's own rusage would carry over what it had before exec: the bench's RSS).
Sample timedProcess(const QStringList& argv, const QString& scratch) {
    const QString rssFile = scratch + QStringLiteral("/compare-rss.txt");
    QList<QByteArray> args{"/usr/bin/time", "-f", "%M", "-o", QFile::encodeName(rssFile)};
    for (const QString& a : argv)
        args << QFile::encodeName(a);
    QList<char*> pointers;
    for (QByteArray& a : args)
        pointers << a.data();
    pointers << nullptr;
    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0);
    QElapsedTimer clock;
    clock.start();
    pid_t pid = 0;
    Sample s;
    if (posix_spawnp(&pid, pointers.first(), &actions, nullptr, pointers.data(), environ) != 0) {
        posix_spawn_file_actions_destroy(&actions);
        return s;
    }
    posix_spawn_file_actions_destroy(&actions);
    int status = 0;
    waitpid(pid, &status, 0);
    s.seconds = clock.nsecsElapsed() / 1e9;
    QFile rss(rssFile);
    if (rss.open(QIODevice::ReadOnly))
        s.peakRssMiB =
            rss.readAll().trimmed().split('\n').last().toDouble() / 1024.0; // after "exited with 1"
    // diff and sqldiff: 0 same, 1 different (sqldiff exits 0 either way); anything else failed.
    s.ok = WIFEXITED(status) && WEXITSTATUS(status) <= 1;
    return s;
}

bool exec(const QString& path, const QString& sql) {
    sqlite3* db = nullptr;
    sqlite3_open(QFile::encodeName(path).constData(), &db);
    char* message = nullptr;
    const bool ok = sqlite3_exec(db, sql.toUtf8().constData(), nullptr, nullptr, &message) == SQLITE_OK;
    if (!ok)
        std::fprintf(stderr, "bench: %s\n", message);
    sqlite3_free(message);
    sqlite3_close(db);
    return ok;
}

struct Pair {
    QString a, b, same, vacuumed;
    qint64 events = 0;
};

// A of about `size` bytes (events, rowid-keyed with an index, plus a text-keyed table) and its Bs, made
// once and kept: `b` a snapshot of it after 0.1 % of the rows changed, `same` a copy, `vacuumed` B
// rewritten by VACUUM INTO. Empty paths on failure.
Pair comparePair(const Options& options, qint64 size) {
    Pair pair;
    {
        // About 120 bytes a row: `size` of events (rowid-keyed, an index) plus a text-keyed table.
        const qint64 events = size / 120;
        const QString a = ensureGeneratedDatabase(
            options.workDirectory +
                QStringLiteral("/compare-%1.sqlite").arg(humanBytes(size).remove(QLatin1Char(' '))),
            QStringLiteral(
                "CREATE TABLE events(id INTEGER PRIMARY KEY, kind TEXT, payload TEXT, at REAL);"
                "CREATE INDEX events_kind ON events(kind);"
                "CREATE TABLE settings(key TEXT PRIMARY KEY, value);"
                "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < %1) "
                "INSERT INTO events SELECT i, 'kind' || (i % 50), hex(randomblob(36)), i / 7.0 FROM n;"
                "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 10000) "
                "INSERT INTO settings SELECT 'key' || i, i FROM n;")
                .arg(events)
                .toUtf8(),
            QStringLiteral("the comparison's A"));
        if (a.isEmpty())
            return pair;
        // B: a snapshot of the same database after 0.1 % of the rows changed (a file copy, as publish
        // makes it, then the changes); identical: a plain copy; vacuumed: B rewritten by VACUUM INTO.
        const QString b = a + QStringLiteral("-changed"), same = a + QStringLiteral("-same"),
                      vacuumed = a + QStringLiteral("-vacuumed");
        if (!QFileInfo::exists(vacuumed)) {
            QFile::remove(b);
            QFile::remove(same);
            if (!QFile::copy(a, b) || !QFile::copy(a, same) ||
                !exec(b, QStringLiteral("PRAGMA synchronous=OFF; UPDATE events SET payload = 'changed' WHERE "
                                        "id IN (SELECT abs(random()) % %1 + 1 FROM events LIMIT %2);"
                                        "UPDATE settings SET value = -value WHERE rowid % 1000 = 0;")
                             .arg(events)
                             .arg(qMax<qint64>(1, events / 1000))) ||
                !exec(b, QStringLiteral("VACUUM INTO '%1'").arg(vacuumed)))
                return pair;
        }
        pair = Pair{a, b, same, vacuumed, events};
    }
    return pair;
}

} // namespace

QList<Row> runCompare(const Options& options, const QString& cliPath) {
    QList<Row> rows;
    const QString sqldiff = QStandardPaths::findExecutable(QStringLiteral("sqldiff"));
    if (sqldiff.isEmpty())
        std::fprintf(stderr, "bench: no sqldiff on PATH (Debian: sqlite3-tools): compare without it\n");
    for (const qint64 size : options.sizes) {
        const Pair pair = comparePair(options, size);
        if (pair.a.isEmpty())
            continue;
        const QString &a = pair.a, &b = pair.b, &same = pair.same, &vacuumed = pair.vacuumed;
        const qint64 events = pair.events;
        const QString section = QStringLiteral("diff, %1 (%2 rows)").arg(humanBytes(size)).arg(events);
        for (const auto& [name, other] :
             {std::pair{QStringLiteral("0.1 % changed"), b}, std::pair{QStringLiteral("identical"), same},
              std::pair{QStringLiteral("VACUUM INTO"), vacuumed}}) {
            QList<Sample> ours, theirs;
            for (int round = 0; round < options.rounds; ++round) {
                ours << timedProcess({cliPath, QStringLiteral("diff"), a, other, QStringLiteral("--summary")},
                                     options.workDirectory);
                if (!sqldiff.isEmpty())
                    theirs << timedProcess({sqldiff, QStringLiteral("--summary"), a, other},
                                           options.workDirectory);
            }
            const double baseline = theirs.isEmpty() ? 0 : medianSeconds(theirs);
            if (!theirs.isEmpty()) {
                Row r;
                r.section = section;
                r.name = QStringLiteral("sqldiff, ") + name;
                r.seconds = baseline;
                r.ratio = 1;
                r.peakRssMiB = maxRssMiB(theirs);
                r.note = QStringLiteral("sqldiff --summary A B (baseline)");
                rows << r;
            }
            Row r;
            r.section = section;
            r.name = QStringLiteral("diff, ") + name;
            r.seconds = medianSeconds(ours);
            r.ratio = baseline > 0 ? r.seconds / baseline : 0;
            r.peakRssMiB = maxRssMiB(ours);
            r.note = QStringLiteral("sqlite-snapshot-cli diff --summary A B, process start included");
            rows << r;
        }
        // In process: the same comparison with the fast path and with the merge of every row.
        for (const bool skip : {true, false}) {
            QList<double> seconds;
            qint64 merged = 0;
            for (int round = 0; round < options.rounds; ++round) {
                sqlsnap::CompareOptions o;
                o.skipUnchangedPages = skip;
                QElapsedTimer clock;
                clock.start();
                auto summary = sqlsnap::compareDatabases(a, b, o);
                if (!summary)
                    break;
                seconds << clock.nsecsElapsed() / 1e9;
                merged = 0;
                for (const sqlsnap::TableComparison& t : summary->tables)
                    merged += t.rowsMerged;
            }
            if (seconds.isEmpty())
                continue;
            Row r;
            r.section = section;
            r.name =
                skip ? QStringLiteral("engine, pages skipped") : QStringLiteral("engine, every row merged");
            r.seconds = median(seconds);
            r.note =
                QStringLiteral("compareDatabases(A, 0.1 % changed): %1 rows read through SQLite").arg(merged);
            rows << r;
        }
        // Cancel latency: the merge of every row (and the fast path's walk of the pages) cancelled after
        // 300 ms; the time until compareDatabases returns Cancelled.
        for (const bool skip : {false, true}) {
            QList<double> latencies;
            for (int round = 0; round < options.rounds; ++round) {
                sqlsnap::CancelFlag flag;
                sqlsnap::CompareOptions o;
                o.skipUnchangedPages = skip;
                std::atomic<bool> done{false};
                bool cancelled = false;
                std::thread worker([&] {
                    auto summary = sqlsnap::compareDatabases(a, skip ? same : b, o, &flag);
                    cancelled = !summary && summary.error().kind == sqlsnap::ErrorKind::Cancelled;
                    done = true;
                });
                std::this_thread::sleep_for(std::chrono::milliseconds(300));
                const bool ranLongEnough = !done;
                QElapsedTimer sinceCancel;
                sinceCancel.start();
                flag.cancel();
                worker.join();
                if (ranLongEnough && cancelled)
                    latencies << sinceCancel.nsecsElapsed() / 1e9;
            }
            if (latencies.isEmpty())
                continue;
            Row r;
            r.section = section;
            r.name = skip ? QStringLiteral("cancel, pages (identical)") : QStringLiteral("cancel, row merge");
            r.seconds = median(latencies);
            r.note = QStringLiteral("max %1 ms over %2; target ≤ 100 ms")
                         .arg(*std::max_element(latencies.begin(), latencies.end()) * 1000, 0, 'f', 1)
                         .arg(latencies.size());
            rows << r;
        }
    }
    return rows;
}

// The Compare tab on the largest pair (0.1 % changed), in the real window: the comparison job, the first
// table shown as soon as it is counted, then the grid paged to its end (Ctrl+End: the cursor read to the
// last changed row) and back to the top (a new cursor). The GUI thread's longest stall meanwhile, beside
// the idle window's in the same run (the baseline).
QList<Row> runCompareGuiStall(const Options& options) {
    QList<Row> rows;
    const qint64 size = options.sizes.last();
    const Pair pair = comparePair(options, size);
    if (pair.a.isEmpty())
        return rows;
    sqlsnap::ui::MainWindow window;
    window.resize(1280, 800);
    window.show();
    processEventsFor(300);
    const GuiStall idle = measureGuiStall([] { processEventsFor(1000); });
    QList<double> stalls;
    QStringList perRound;
    QString failed;
    for (int round = 0; round < std::max(1, options.rounds / 2); ++round) {
        const GuiStall stall = measureGuiStall([&] {
            sqlsnap::ui::Job* job = window.compareSnapshots(pair.a, pair.b);
            while (job->isRunning())
                QCoreApplication::processEvents(QEventLoop::WaitForMoreEvents, 50);
            auto* tab = qobject_cast<sqlsnap::ui::CompareTab*>(window.tabs()->currentWidget());
            if (job->state() != sqlsnap::ui::Job::State::Succeeded || !tab) {
                failed = job->error() ? job->error()->message : QStringLiteral("?");
                return;
            }
            tab->selectTable(QStringLiteral("events"));
            const auto settle = [&] {
                do
                    QCoreApplication::processEvents(QEventLoop::WaitForMoreEvents, 50);
                while (tab->rows()->loading());
            };
            settle();
            tab->grid()->goToEdge(true);
            settle();
            tab->grid()->goToEdge(false);
            settle();
            delete tab;
        });
        stalls << stall.seconds;
        perRound << QStringLiteral(
                        "%1 (GUI thread on CPU %2, waiting for one %3; most work between ticks %4)")
                        .arg(stall.seconds * 1000, 0, 'f', 1)
                        .arg(stall.cpuMs, 0, 'f', 1)
                        .arg(stall.waitMs, 0, 'f', 1)
                        .arg(stall.workMs, 0, 'f', 1);
    }
    Row r;
    r.section = QStringLiteral("Compare tab (%1, 0.1 % changed)").arg(humanBytes(size));
    r.name = QStringLiteral("longest stall while idle");
    r.seconds = idle.seconds;
    r.ratio = 1;
    rows << r;
    r.name = QStringLiteral("longest stall, compare + grid to the end and back");
    r.seconds = *std::max_element(stalls.begin(), stalls.end());
    r.ratio = idle.seconds > 0 ? r.seconds / idle.seconds : 0;
    r.note = failed.isEmpty()
                 ? QStringLiteral("per round: %1 ms; target ≤ 30 ms").arg(perRound.join(QStringLiteral(", ")))
                 : QStringLiteral("comparison failed: ") + failed;
    rows << r;
    window.close();
    return rows;
}

} // namespace bench

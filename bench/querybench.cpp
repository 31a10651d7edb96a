// The query console on the preview's table (10 M rows by default): how soon the first page of
// `SELECT * FROM big` comes (engine on a snapshot, engine on "any database", the CLI with process start),
// and how soon a long statement stops once cancelled.
#include "benchsupport.h"

#include <sqlitesnapshot/query.h>

#include <QElapsedTimer>
#include <QProcess>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdio>
#include <functional>
#include <thread>

namespace bench {

QList<Row> runQueryConsole(const Options& options, const QString& cliPath) {
    QList<Row> rows;
    const QString path = ensurePreviewDatabase(options.workDirectory, options.previewRows);
    if (path.isEmpty())
        return rows;
    const QString section = QStringLiteral("query console (%1 rows)").arg(options.previewRows);
    const QString selectAll = QStringLiteral("SELECT * FROM big");

    // The first page, from nothing open: the connection, the statement, 200 rows.
    QList<double> onSnapshot, onDatabase, viaCli;
    for (int round = 0; round < options.rounds; ++round) {
        QElapsedTimer clock;
        clock.start();
        {
            auto cursor = sqlsnap::QueryCursor::open(path, selectAll);
            if (!cursor || !(*cursor)->rows(0, 200)) {
                std::fprintf(stderr, "bench: the query console failed on %s\n", qPrintable(path));
                return rows;
            }
            onSnapshot << clock.nsecsElapsed() / 1e9;
        }
        clock.restart();
        {
            auto cursor = sqlsnap::QueryCursor::openDatabase(path, selectAll);
            if (cursor && (*cursor)->rows(0, 200))
                onDatabase << clock.nsecsElapsed() / 1e9;
        }
        QProcess cli;
        cli.setStandardOutputFile(QProcess::nullDevice());
        clock.restart();
        cli.start(cliPath, {QStringLiteral("query"), path, selectAll, QStringLiteral("--limit"),
                            QStringLiteral("200")});
        if (cli.waitForFinished(60000) && cli.exitCode() == 0)
            viaCli << clock.nsecsElapsed() / 1e9;
    }
    for (const auto& [name, samples, note] :
         {std::tuple{QStringLiteral("first 200 rows"), onSnapshot,
                     QStringLiteral("QueryCursor::open + rows(0, 200) of SELECT * FROM big; target ≤ 50 ms")},
          std::tuple{QStringLiteral("first 200, openDatabase"), onDatabase,
                     QStringLiteral("the CLI's way in (inspect, immutable, markers checked)")},
          std::tuple{QStringLiteral("CLI --limit 200"), viaCli,
                     QStringLiteral("sqlite-snapshot-cli query … --limit 200, process start included")}}) {
        if (samples.isEmpty())
            continue;
        Row r;
        r.section = section;
        r.name = name;
        r.seconds = median(samples);
        r.note = note;
        rows << r;
    }

    // Cancel latency: each call starts on a worker, is cancelled once it has run for 50 ms, and the
    // time until it returns Cancelled is measured.
    using Call = std::function<sqlsnap::Status(sqlsnap::QueryCursor&, const sqlsnap::CancelToken&)>;
    const auto firstRows = [](qint64 first) {
        return [first](sqlsnap::QueryCursor& c, const sqlsnap::CancelToken& t) -> sqlsnap::Status {
            auto page = c.rows(first, 10, t);
            return page ? sqlsnap::success() : sqlsnap::Status(page.error());
        };
    };
    const Call count = [](sqlsnap::QueryCursor& c, const sqlsnap::CancelToken& t) -> sqlsnap::Status {
        auto n = c.countRows(t);
        return n ? sqlsnap::success() : sqlsnap::Status(n.error());
    };
    const QList<std::tuple<QString, QString, Call>> calls{
        {QStringLiteral("count(*) of a 1e9 CTE"),
         QStringLiteral(
             "WITH RECURSIVE c(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM c WHERE i < 1000000000) "
             "SELECT count(*) FROM c"),
         firstRows(0)},
        {QStringLiteral("filter matching nothing"),
         QStringLiteral("SELECT * FROM big WHERE note = 'no such note'"), firstRows(0)},
        {QStringLiteral("sort before row 1"), QStringLiteral("SELECT * FROM big ORDER BY name DESC"),
         firstRows(0)},
        {QStringLiteral("integrity_check"), QStringLiteral("PRAGMA integrity_check"), firstRows(0)},
        {QStringLiteral("skip to a far row"), selectAll, firstRows(options.previewRows - 10)},
        {QStringLiteral("countRows"), selectAll, count},
    };
    for (const auto& [name, sql, call] : calls) {
        QList<double> latencies;
        for (int round = 0; round < options.rounds; ++round) {
            auto cursor = sqlsnap::QueryCursor::open(path, sql);
            if (!cursor)
                break;
            sqlsnap::CancelToken token;
            std::atomic<bool> done{false};
            sqlsnap::Status status = sqlsnap::success();
            std::thread worker([&] {
                status = call(**cursor, token);
                done = true;
            });
            std::this_thread::sleep_for(std::chrono::milliseconds(50));
            const bool ranLongEnough = !done;
            QElapsedTimer sinceCancel;
            sinceCancel.start();
            token.cancel();
            worker.join();
            const double latency = sinceCancel.nsecsElapsed() / 1e9;
            if (!ranLongEnough || status || status.error().kind != sqlsnap::ErrorKind::Cancelled) {
                std::fprintf(stderr, "bench: query '%s' ended before its cancel (or not with it)\n",
                             qPrintable(name));
                continue;
            }
            latencies << latency;
        }
        if (latencies.isEmpty())
            continue;
        Row r;
        r.section = QStringLiteral("query cancel (%1 rows)").arg(options.previewRows);
        r.name = name;
        r.seconds = median(latencies);
        r.note = QStringLiteral("max %1 ms over %2")
                     .arg(*std::max_element(latencies.begin(), latencies.end()) * 1000, 0, 'f', 1)
                     .arg(latencies.size());
        rows << r;
    }
    return rows;
}

} // namespace bench

// What a user waits for: cancel latency, the preview's first rows and last rows, the longest stall
// of the GUI thread while a snapshot runs in the real window, and while the value viewer shows 16 MiB.
#include "benchsupport.h"

#include <jobs/jobspanel.h>
#include <preview/previewwidget.h>
#include <preview/tabledatamodel.h>
#include <preview/valueviewer.h>
#include <window/mainwindow.h>

#include <sqlitesnapshot/reader.h>
#include <sqlitesnapshot/snapshot.h>
#include <sqlitesnapshot/tableexport.h>

#include <QApplication>
#include <QBuffer>
#include <QDir>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QFile>
#include <QFileInfo>
#include <QImage>
#include <QRandomGenerator>
#include <QSignalSpy>
#include <QTableView>
#include <QTest>
#include <QTimer>

#include <sqlite3.h>

#include <atomic>
#include <chrono>
#include <cstdio>
#include <functional>
#include <thread>

#include <time.h>

namespace bench {
namespace {

// Cancels as soon as the engine reports progress inside `phase`; remembers when.
class CancelInPhase : public sqlsnap::ProgressSink {
public:
    explicit CancelInPhase(sqlsnap::Phase phase) : m_phase(phase) {}
    void report(const sqlsnap::Progress& p) override {
        const bool inside = p.phase == m_phase && (p.bytesDone > 0 || p.pagesDone > 0);
        if (inside && !m_cancelled.exchange(true))
            m_clock.start();
    }
    bool isCancelled() const override { return m_cancelled.load(); }
    bool fired() const { return m_cancelled.load(); }
    double secondsSinceCancel() const { return m_clock.nsecsElapsed() / 1e9; }

private:
    sqlsnap::Phase m_phase;
    std::atomic<bool> m_cancelled{false};
    QElapsedTimer m_clock;
};

bool waitFor(QObject* sender, const char* signal, int timeoutMs) {
    QSignalSpy spy(sender, signal);
    return spy.count() > 0 || spy.wait(timeoutMs);
}

} // namespace

QString ensurePreviewDatabase(const QString& directory, qint64 rows) {
    return ensureGeneratedDatabase(
        QStringLiteral("%1/preview-%2.sqlite").arg(directory).arg(rows),
        "CREATE TABLE big(id INTEGER PRIMARY KEY, name TEXT, value REAL, note TEXT);"
        "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < " +
            QByteArray::number(rows) +
            ") INSERT INTO big SELECT i, 'row ' || i, i * 0.5, CASE WHEN i % 10 = 0 THEN NULL "
            "ELSE 'n' END FROM n;",
        QStringLiteral("%1 rows").arg(rows));
}

QList<Row> runCancelLatency(const Options& options) {
    QList<Row> rows;
    const qint64 size = options.sizes.last();
    const QString source = ensureDatabase(options.workDirectory, size);
    if (source.isEmpty())
        return rows;
    for (auto [phase, strategy, name] :
         {std::tuple{sqlsnap::Phase::Copying, sqlsnap::OutputStrategy::Publish,
                     QStringLiteral("during the copy")},
          std::tuple{sqlsnap::Phase::BackingUp, sqlsnap::OutputStrategy::Backup,
                     QStringLiteral("during the backup")}}) {
        QList<double> latencies;
        for (int round = 0; round < options.rounds; ++round) {
            const QString out = options.workDirectory + QStringLiteral("/out");
            QDir(out).removeRecursively();
            QDir().mkpath(out);
            CancelInPhase sink(phase);
            sqlsnap::SnapshotOptions snapshotOptions;
            snapshotOptions.strategy = strategy;
            snapshotOptions.stagingDirectory = out;
            auto result =
                sqlsnap::takeSnapshot(source, out + QStringLiteral("/s.sqlite"), snapshotOptions, &sink);
            const double latency = sink.secondsSinceCancel();
            // A big staged copy is unlinked in the background: the call returned without waiting for it.
            sqlsnap::waitForBackgroundRemovals();
            if (!sink.fired() || result || result.error().kind != sqlsnap::ErrorKind::Cancelled) {
                std::fprintf(stderr, "bench: the cancel %s did not happen\n", qPrintable(name));
                continue;
            }
            if (!QDir(out).entryList(QDir::NoDotAndDotDot | QDir::AllEntries | QDir::Hidden).isEmpty())
                std::fprintf(stderr, "bench: a cancel left files behind in %s\n", qPrintable(out));
            latencies << latency;
        }
        Row r;
        r.section = QStringLiteral("cancel (%1 source)").arg(humanBytes(size));
        r.name = name;
        r.seconds = median(latencies);
        r.note = QStringLiteral("max %1 ms over %2")
                     .arg(*std::max_element(latencies.begin(), latencies.end()) * 1000, 0, 'f', 1)
                     .arg(latencies.size());
        rows << r;
    }
    return rows;
}

// Cancel of the reader's long calls and of a table export on the preview table (10 M rows by default),
// a filter that matches nothing included: the call is started on a worker, cancelled once it has run
// for 50 ms, and the time until it returns is measured.
QList<Row> runReadCancelLatency(const Options& options) {
    QList<Row> rows;
    const QString path = ensurePreviewDatabase(options.workDirectory, options.previewRows);
    if (path.isEmpty())
        return rows;
    auto reader = sqlsnap::SnapshotReader::open(path);
    if (!reader)
        return rows;
    auto schema = (*reader)->schema(QStringLiteral("big"));
    if (!schema)
        return rows;
    const sqlsnap::RowFilter nothing{QStringLiteral("no such text anywhere")};
    using Call = std::function<sqlsnap::Status(const sqlsnap::CancelToken&)>;
    const auto asStatus = [](auto&& result) -> sqlsnap::Status {
        if (!result)
            return result.error();
        return sqlsnap::success();
    };
    const QString exportDir = options.workDirectory + QStringLiteral("/export");
    const QList<std::pair<QString, Call>> calls{
        {QStringLiteral("count, no filter"),
         [&](const sqlsnap::CancelToken& t) { return asStatus((*reader)->countRows(*schema, {}, t)); }},
        {QStringLiteral("count, filter matching nothing"),
         [&](const sqlsnap::CancelToken& t) { return asStatus((*reader)->countRows(*schema, nothing, t)); }},
        {QStringLiteral("position index"),
         [&](const sqlsnap::CancelToken& t) {
             return asStatus((*reader)->buildPositionIndex(*schema, {}, 200, t));
         }},
        {QStringLiteral("export, filter matching nothing"),
         [&](const sqlsnap::CancelToken& t) {
             sqlsnap::CancelFlag sink(t);
             QDir(exportDir).removeRecursively();
             QDir().mkpath(exportDir);
             return asStatus(sqlsnap::exportTable(path, QStringLiteral("big"), nothing, {},
                                                  sqlsnap::TableFormat::Csv,
                                                  exportDir + QStringLiteral("/big.csv"), false, &sink));
         }},
        {QStringLiteral("export, every row"),
         [&](const sqlsnap::CancelToken& t) {
             sqlsnap::CancelFlag sink(t);
             QDir(exportDir).removeRecursively();
             QDir().mkpath(exportDir);
             return asStatus(sqlsnap::exportTable(path, QStringLiteral("big"), {}, {},
                                                  sqlsnap::TableFormat::Csv,
                                                  exportDir + QStringLiteral("/big.csv"), false, &sink));
         }},
    };
    for (const auto& [name, call] : calls) {
        QList<double> latencies;
        for (int round = 0; round < options.rounds; ++round) {
            sqlsnap::CancelToken token;
            std::atomic<bool> done{false};
            sqlsnap::Status status = sqlsnap::success();
            QElapsedTimer sinceCancel;
            std::thread worker([&] {
                status = call(token);
                done = true;
            });
            std::this_thread::sleep_for(std::chrono::milliseconds(50));
            const bool ranLongEnough = !done;
            sinceCancel.start();
            token.cancel();
            worker.join();
            const double latency = sinceCancel.nsecsElapsed() / 1e9;
            if (!ranLongEnough || status || status.error().kind != sqlsnap::ErrorKind::Cancelled) {
                std::fprintf(stderr, "bench: %s ended before its cancel (or not with it)\n",
                             qPrintable(name));
                continue;
            }
            latencies << latency;
        }
        if (latencies.isEmpty())
            continue;
        Row r;
        r.section = QStringLiteral("cancel (%1-row table)").arg(options.previewRows);
        r.name = name;
        r.seconds = median(latencies);
        r.note = QStringLiteral("max %1 ms over %2")
                     .arg(*std::max_element(latencies.begin(), latencies.end()) * 1000, 0, 'f', 1)
                     .arg(latencies.size());
        rows << r;
    }
    QDir(exportDir).removeRecursively();
    return rows;
}

QList<Row> runPreview(const Options& options) {
    QList<Row> rows;
    const QString path = ensurePreviewDatabase(options.workDirectory, options.previewRows);
    if (path.isEmpty())
        return rows;
    QList<double> first, last;
    const QString expected = QString::number(options.previewRows);
    for (int round = 0; round < options.rounds; ++round) {
        // The real preview widget, shown: what a user opening the snapshot gets.
        QElapsedTimer clock;
        clock.start();
        sqlsnap::ui::PreviewWidget preview(path);
        preview.resize(1000, 700);
        preview.show();
        sqlsnap::ui::TableDataModel* model = preview.dataModel();
        if (!waitFor(model, SIGNAL(firstPageLoaded()), 60000))
            return rows;
        QCoreApplication::processEvents(); // painted
        first << clock.nsecsElapsed() / 1e9;
        // Ctrl+End in the grid, then wait until the last row shows its value.
        clock.restart();
        preview.dataView()->setFocus();
        QTest::keyClick(preview.dataView(), Qt::Key_End, Qt::ControlModifier);
        QElapsedTimer limit;
        limit.start();
        while (limit.elapsed() < 60000) {
            const QModelIndex current = preview.dataView()->currentIndex();
            if (model->windowStart() + current.row() + 1 == options.previewRows &&
                model->data(current, Qt::DisplayRole).toString() == expected)
                break;
            QCoreApplication::processEvents(QEventLoop::WaitForMoreEvents, 5);
        }
        QCoreApplication::processEvents(); // painted
        last << clock.nsecsElapsed() / 1e9;
    }
    Row r;
    r.section = QStringLiteral("preview of %1 rows").arg(options.previewRows);
    r.name = QStringLiteral("first 200 rows shown");
    r.seconds = median(first);
    r.note = QStringLiteral("from opening the preview; target ≤ 50 ms");
    rows << r;
    r.name = QStringLiteral("last row shown (Ctrl+End)");
    r.seconds = median(last);
    r.note = QStringLiteral("right after the first rows; target ≤ 100 ms");
    rows << r;
    return rows;
}

QList<Row> runGuiStall(const Options& options) {
    QList<Row> rows;
    const qint64 size = options.sizes.last();
    const QString source = ensureDatabase(options.workDirectory, size);
    if (source.isEmpty())
        return rows;
    const QString folder = options.workDirectory + QStringLiteral("/gui-out");
    QDir(folder).removeRecursively();
    QDir().mkpath(folder);
    sqlsnap::ui::MainWindow window;
    window.setSnapshotFolder(folder);
    window.show();
    QCoreApplication::processEvents();

    QList<double> stallCpu; // the GUI thread's CPU time during the longest gap
    QList<double> workCpu;  // the most CPU time the GUI thread spent between two ticks
    auto measure = [&](auto&& during) {
        const GuiStall stall = measureGuiStall(during);
        stallCpu << stall.cpuMs;
        workCpu << stall.workMs;
        return stall.seconds;
    };
    const double idle = measure([] { processEventsFor(1000); });
    QList<double> stalls;
    QString failed;
    for (int round = 0; round < std::max(1, options.rounds / 2); ++round) {
        stalls << measure([&] {
            window.addSources({source});
            auto* job =
                window.startSnapshot(source, folder + QStringLiteral("/gui-%1.sqlite").arg(round), false);
            while (job->isRunning())
                QCoreApplication::processEvents(QEventLoop::WaitForMoreEvents, 50);
            // The preview opens too: its first rows are part of the experience.
            processEventsFor(500);
            if (job->state() != sqlsnap::ui::Job::State::Succeeded)
                failed = job->error() ? job->error()->message : QStringLiteral("?");
        });
    }
    QStringList perRound;
    for (int i = 0; i < stalls.size(); ++i) // stallCpu[0] is the idle measurement's
        perRound << QStringLiteral("%1 (GUI thread on CPU %2; most work between ticks %3)")
                        .arg(stalls[i] * 1000, 0, 'f', 1)
                        .arg(stallCpu.value(i + 1), 0, 'f', 1)
                        .arg(workCpu.value(i + 1), 0, 'f', 1);
    Row r;
    r.section = QStringLiteral("GUI thread (%1 snapshot)").arg(humanBytes(size));
    r.name = QStringLiteral("longest stall while idle");
    r.seconds = idle;
    rows << r;
    r.name = QStringLiteral("longest stall, snapshot + preview");
    r.seconds = *std::max_element(stalls.begin(), stalls.end());
    r.note = failed.isEmpty()
                 ? QStringLiteral("per round: %1 ms; target ≤ 30 ms").arg(perRound.join(QStringLiteral(", ")))
                 : QStringLiteral("snapshot failed: ") + failed;
    rows << r;
    window.close();
    return rows;
}

// The value viewer as a side panel (320 × 560, 8 bytes a hex row: the most rows) shows a 16 MiB value
// picked in the grid: a random BLOB, a PNG of 4096 × 4096 noise (~16 MiB) and a JSON TEXT of 16 Mi
// characters. showValue() is called from the event loop while a 2 ms timer runs; the longest gap between
// two of its firings, until the viewer is idle (the picture decoded, the text analysed) and 300 ms
// after, is the longest stall of the GUI thread. Before each round a small value is shown.
QList<Row> runValueViewer(const Options& options) {
    QList<Row> rows;
    QByteArray random(16 << 20, Qt::Uninitialized);
    QRandomGenerator(1).fillRange(reinterpret_cast<quint32*>(random.data()), random.size() / 4);
    QImage noise(4096, 4096, QImage::Format_Grayscale8); // noise does not compress: ~16 MiB of PNG
    for (int y = 0; y < noise.height(); ++y)
        QRandomGenerator(y).fillRange(reinterpret_cast<quint32*>(noise.scanLine(y)),
                                      noise.bytesPerLine() / 4);
    QByteArray png;
    {
        QBuffer buffer(&png);
        buffer.open(QIODevice::WriteOnly);
        noise.save(&buffer, "PNG", 0); // level 0: quick to make, and no smaller than noise anyway
    }
    QString json = QStringLiteral("[");
    for (int i = 0; json.size() < (16 << 20); ++i)
        json += QStringLiteral("{\"id\":%1,\"url\":\"https://example.org/%1\"},").arg(i);
    json.back() = QLatin1Char(']');

    sqlsnap::ui::ValueViewer viewer;
    viewer.resize(320, 560);
    viewer.show();
    QCoreApplication::processEvents();

    qint64 longest = 0, longestCpu = 0, cpuAtTick = 0;
    QElapsedTimer sinceTick;
    QTimer probe;
    probe.setTimerType(Qt::PreciseTimer);
    probe.setInterval(2);
    QObject::connect(&probe, &QTimer::timeout, [&] {
        timespec t{};
        clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t);
        const qint64 cpu = qint64(t.tv_sec) * 1000000000 + t.tv_nsec;
        if (sinceTick.isValid() && sinceTick.nsecsElapsed() > longest) {
            longest = sinceTick.nsecsElapsed();
            longestCpu = cpu - cpuAtTick;
        }
        cpuAtTick = cpu;
        sinceTick.restart();
    });
    const auto settle = [](int ms) {
        QElapsedTimer t;
        t.start();
        while (t.elapsed() < ms)
            QCoreApplication::processEvents(QEventLoop::WaitForMoreEvents, 5);
    };

    const QList<std::tuple<QString, QVariant, QString>> values{
        {QStringLiteral("random BLOB, 16 MiB"), QVariant(random), QStringLiteral("hex view, 2 M rows")},
        {QStringLiteral("PNG 4096×4096, %1").arg(humanBytes(png.size())), QVariant(png),
         QStringLiteral("image view")},
        {QStringLiteral("JSON TEXT, %1 M chars").arg(json.size() / 1e6, 0, 'f', 1), QVariant(json),
         QStringLiteral("JSON view")},
    };
    // The noise floor: the same probe for a second with nothing to do.
    longest = longestCpu = 0;
    sinceTick.invalidate();
    probe.start();
    settle(1000);
    probe.stop();
    Row idle;
    idle.section = QStringLiteral("value viewer (GUI thread)");
    idle.name = QStringLiteral("longest stall while idle");
    idle.seconds = longest / 1e9;
    idle.note =
        QStringLiteral("GUI on CPU %1 ms: the machine's noise floor").arg(longestCpu / 1e6, 0, 'f', 1);
    rows << idle;
    for (const auto& [name, value, view] : values) {
        QList<double> stalls, cpus, calls, ready;
        for (int round = 0; round < options.rounds; ++round) {
            viewer.showValue(QStringLiteral("before"), QStringLiteral("small"));
            settle(100);
            longest = longestCpu = 0;
            sinceTick.invalidate();
            probe.start();
            settle(20);
            QElapsedTimer clock, call;
            QTimer::singleShot(0, &viewer, [&] { // from the event loop, as a selection change comes
                clock.start();
                call.start();
                viewer.showValue(value, QStringLiteral("payload"));
                calls << call.nsecsElapsed() / 1e6;
            });
            while (!clock.isValid() || viewer.isBusy())
                QCoreApplication::processEvents(QEventLoop::WaitForMoreEvents, 5);
            ready << clock.nsecsElapsed() / 1e6;
            settle(300);
            probe.stop();
            stalls << longest / 1e6;
            cpus << longestCpu / 1e6;
        }
        Row r;
        r.section = QStringLiteral("value viewer (GUI thread)");
        r.name = name;
        r.seconds = *std::max_element(stalls.begin(), stalls.end()) / 1000;
        r.note = QStringLiteral("longest stall, max of %1 rounds (median %2 ms, GUI on CPU %3 ms); "
                                "showValue() %4 ms; %5 ready after %6 ms; target ≤ 30 ms")
                     .arg(stalls.size())
                     .arg(median(stalls), 0, 'f', 1)
                     .arg(median(cpus), 0, 'f', 1)
                     .arg(median(calls), 0, 'f', 1)
                     .arg(view)
                     .arg(median(ready), 0, 'f', 0);
        rows << r;
    }
    viewer.close();
    return rows;
}

} // namespace bench

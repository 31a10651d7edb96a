// What the benchmark's parts share: options, generated databases, child processes, the results table.
#pragma once

#include <QList>
#include <QString>
#include <QStringList>

#include <functional>

namespace bench {

struct Options {
    int rounds = 5;
    QList<qint64> sizes;   // main-file sizes of the generated databases (each gets a WAL of size / 8)
    QString workDirectory; // generated databases (kept between runs) and scratch output
    QStringList
        parts; // snapshot, cancel, readcancel, preview, stall, sort, valueviewer, query, compare, history
    qint64 previewRows = 10'000'000;
};

struct Sample {
    bool ok = false;
    double seconds = 0;
    double peakRssMiB = 0;
};

struct Row {
    QString section;
    QString name;
    double seconds = 0;
    double megabytesPerSecond = 0; // 0: not a throughput figure
    double ratio = 0;              // to the section's baseline; 0: none
    double peakRssMiB = 0;         // 0: not measured
    QString note;
};

QString humanBytes(qint64 bytes); // "64 MiB", "1 GiB"

// `<dir>/bench-<size>.sqlite`: a WAL database of about `size` bytes (page size 4096; events with an
// index, files with BLOBs) plus size / 8 of committed, uncheckpointed WAL. Made once, kept for later
// runs. Empty on failure (printed).
QString ensureDatabase(const QString& directory, qint64 size);

// `<dir>/preview-<rows>.sqlite`: a snapshot with one table `big(id INTEGER PRIMARY KEY, name TEXT,
// value REAL, note TEXT)` of `rows` rows. Made once, kept for later runs. Empty on failure (printed).
QString ensurePreviewDatabase(const QString& directory, qint64 rows);
// `path`, made once by running `sql` (after journal_mode=DELETE, synchronous=OFF) and marked with
// `path.ready`; kept for later runs. Empty on failure (printed). `what` says what it holds, for the log.
QString ensureGeneratedDatabase(const QString& path, const QByteArray& sql, const QString& what);

// Runs a program to its end; its exit code (127 when it cannot start).
int runProgram(const QStringList& argv);
// Runs one contender in a child process of `self`, which times itself (process start excluded) and
// reads its own peak RSS (VmHWM: rusage's would include what the child inherited from us).
Sample runContenderProcess(const QString& self, const QString& name, const QString& source,
                           const QString& destination, const QString& cliPath, const QString& resultFile);

double medianSeconds(QList<Sample> samples);
double maxRssMiB(const QList<Sample>& samples);
double median(QList<double> values);

// The GUI thread's longest stall while `during` runs the event loop: a timer that should fire every 2 ms,
// the longest gap between two firings. The GUI thread's own CPU time over that gap tells work on the GUI
// thread (≈ the gap) from the thread waiting for a CPU (≈ 0: the 2 vCPUs busy with the engine).
struct GuiStall {
    double seconds = 0; // the longest gap
    double cpuMs = 0;   // the GUI thread's CPU time during it
    double workMs = 0;  // the most CPU time the GUI thread spent between two ticks
    double waitMs = 0;  // the time the GUI thread waited for a CPU during the longest gap (run queue)
};
GuiStall measureGuiStall(const std::function<void()>& during);
// Runs the event loop for `ms` (a stall probe's idle baseline, or letting a window settle).
void processEventsFor(int ms);

// The one table the benchmark prints.
void printTable(const QList<Row>& rows);

// The parts.
int runContender(const QString& name, const QString& source, const QString& destination,
                 const QString& cliPath, const QString& resultFile);
QList<Row> runSnapshotCost(const Options& options, const QString& selfPath, const QString& cliPath);
QList<Row> runCancelLatency(const Options& options);
QList<Row> runReadCancelLatency(const Options& options);
QList<Row> runPreview(const Options& options);
QList<Row> runGuiStall(const Options& options);
QList<Row> runSortCost(const Options& options);
QList<Row> runValueViewer(const Options& options);
QList<Row> runQueryConsole(const Options& options, const QString& cliPath);
QList<Row> runConsoleGrid(const Options& options); // the console's grid, shown (part "query")
QList<Row> runCompare(const Options& options, const QString& cliPath);
// Space of an hourly history on XFS/btrfs/ext4 images (root), --skip-unchanged, prune of 10,000 files.
QList<Row> runHistory(const Options& options, const QString& cliPath);
QList<Row> runHistorySpace(const Options& options); // part "space" of runHistory
// The Compare tab in the real window on the largest pair: the GUI thread's longest stall (part "compare").
QList<Row> runCompareGuiStall(const Options& options);

} // namespace bench

// sqlite-snapshot-bench: generates its own databases and prints one table of figures and ratios
// measured side by side in the same run. Run it with scripts/bench (see bench/README.md).
#include "benchsupport.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QDir>

#include <QElapsedTimer>
#include <QMetaEnum>

#include <algorithm>
#include <cstdio>
#include <ctime>

namespace {
qint64 threadCpuNs() {
    timespec t{};
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t);
    return qint64(t.tv_sec) * 1000000000 + t.tv_nsec;
}

// With --trace-events, the slowest outermost events on the GUI thread are printed after the run: where
// a stall comes from (a paint, a layout, a queued call into some object).
class TracingApplication : public QApplication {
public:
    using QApplication::QApplication;
    bool tracing = false;
    struct Slow {
        qint64 ns;
        QString what;
    };
    QList<Slow> slowest;

    bool notify(QObject* receiver, QEvent* event) override {
        if (!tracing || m_depth > 0)
            return QApplication::notify(receiver, event);
        ++m_depth;
        // On-CPU time, not wall time: a GUI thread waiting for one of 2 busy cores is not working.
        const qint64 before = threadCpuNs();
        const int type = event->type();
        const bool handled = QApplication::notify(receiver, event);
        const qint64 ns = threadCpuNs() - before;
        --m_depth;
        if (ns > 3'000'000) {
            const char* typeName = QMetaEnum::fromType<QEvent::Type>().valueToKey(type);
            slowest.append({ns, QStringLiteral("%1 %2 \"%3\"")
                                    .arg(QString::fromLatin1(typeName ? typeName : "?"),
                                         QString::fromLatin1(receiver->metaObject()->className()),
                                         receiver->objectName())});
        }
        return handled;
    }
    void printSlowest() const {
        QList<Slow> sorted = slowest;
        std::sort(sorted.begin(), sorted.end(), [](const Slow& a, const Slow& b) { return a.ns > b.ns; });
        for (qsizetype i = 0; i < std::min<qsizetype>(15, sorted.size()); ++i)
            std::fprintf(stderr, "slow event: %6.1f ms  %s\n", sorted[i].ns / 1e6,
                         qPrintable(sorted[i].what));
    }

private:
    int m_depth = 0;
};

qint64 parseSize(const QString& text) {
    bool ok = false;
    const QChar unit = text.isEmpty() ? QChar() : text.back().toUpper();
    const qint64 scale = unit == QLatin1Char('G') ? (1LL << 30) : unit == QLatin1Char('M') ? (1LL << 20) : 1;
    const qint64 n = (scale > 1 ? text.chopped(1) : text).toLongLong(&ok);
    return ok ? n * scale : -1;
}
} // namespace

int main(int argc, char** argv) {
    // A contender runs alone in a child process: no Qt application, nothing else in its RSS.
    if (argc == 7 && qstrcmp(argv[1], "--contender") == 0)
        return bench::runContender(QString::fromLocal8Bit(argv[2]), QString::fromLocal8Bit(argv[3]),
                                   QString::fromLocal8Bit(argv[4]), QString::fromLocal8Bit(argv[5]),
                                   QString::fromLocal8Bit(argv[6]));

    qputenv("QT_QPA_PLATFORM", "offscreen"); // the GUI parts run the real window, off screen
    TracingApplication app(argc, argv);
    QApplication::setOrganizationName(QStringLiteral("SQLite Snapshot Bench"));
    QApplication::setApplicationName(QStringLiteral("sqlite-snapshot-bench"));
    QCommandLineParser parser;
    parser.setApplicationDescription(
        QStringLiteral("Snapshot cost against a plain durable copy, and what users wait for."));
    parser.addHelpOption();
    const QCommandLineOption rounds(QStringLiteral("rounds"),
                                    QStringLiteral("Rounds per contender (median)."), QStringLiteral("n"),
                                    QStringLiteral("5"));
    const QCommandLineOption sizes(QStringLiteral("sizes"),
                                   QStringLiteral("Database sizes, comma-separated."), QStringLiteral("list"),
                                   QStringLiteral("64M,1G"));
    const QCommandLineOption huge(QStringLiteral("huge"), QStringLiteral("Add a 4 GiB database."));
    const QCommandLineOption dir(
        QStringLiteral("dir"),
        QStringLiteral("Where generated databases are kept (same file system as the output)."),
        QStringLiteral("folder"), QStringLiteral("/var/tmp/sqlite-snapshot-bench"));
    const QCommandLineOption only(
        QStringLiteral("only"),
        QStringLiteral(
            "Parts to run: snapshot,cancel,readcancel,preview,stall,sort,valueviewer,query,compare,comparetab, "
            "and history (= prune,skip-unchanged,space; space needs root) (default: all but history; compare "
            "includes comparetab)."),
        QStringLiteral("list"),
        QStringLiteral("snapshot,cancel,readcancel,preview,stall,sort,valueviewer,query,compare"));
    const QCommandLineOption previewRows(QStringLiteral("preview-rows"),
                                         QStringLiteral("Rows of the preview table."), QStringLiteral("n"),
                                         QStringLiteral("10000000"));
    const QCommandLineOption cli(QStringLiteral("cli"), QStringLiteral("Path of sqlite-snapshot-cli."),
                                 QStringLiteral("path"));
    const QCommandLineOption traceEvents(
        QStringLiteral("trace-events"),
        QStringLiteral("Print the GUI thread's events that took most CPU (> 3 ms)."));
    parser.addOptions({rounds, sizes, huge, dir, only, previewRows, cli, traceEvents});
    parser.process(app);
    app.tracing = parser.isSet(traceEvents);

    bench::Options options;
    options.rounds = std::max(1, parser.value(rounds).toInt());
    for (const QString& s : parser.value(sizes).split(QLatin1Char(','), Qt::SkipEmptyParts)) {
        const qint64 bytes = parseSize(s.trimmed());
        if (bytes <= 0) {
            std::fprintf(stderr, "error: not a size: %s\n", qPrintable(s));
            return 2;
        }
        options.sizes << bytes;
    }
    if (parser.isSet(huge))
        options.sizes << (4LL << 30);
    options.workDirectory = QDir(parser.value(dir)).absolutePath();
    options.parts = parser.value(only).split(QLatin1Char(','), Qt::SkipEmptyParts);
    options.previewRows = parser.value(previewRows).toLongLong();
    const QString cliPath =
        parser.isSet(cli) ? parser.value(cli)
                          : QCoreApplication::applicationDirPath() + QStringLiteral("/sqlite-snapshot-cli");

    QList<bench::Row> rows;
    if (options.parts.contains(QStringLiteral("snapshot")))
        rows += bench::runSnapshotCost(options, QCoreApplication::applicationFilePath(), cliPath);
    if (options.parts.contains(QStringLiteral("cancel")))
        rows += bench::runCancelLatency(options);
    if (options.parts.contains(QStringLiteral("readcancel")))
        rows += bench::runReadCancelLatency(options);
    if (options.parts.contains(QStringLiteral("preview")))
        rows += bench::runPreview(options);
    if (options.parts.contains(QStringLiteral("stall")))
        rows += bench::runGuiStall(options);
    if (options.parts.contains(QStringLiteral("sort")))
        rows += bench::runSortCost(options);
    if (options.parts.contains(QStringLiteral("valueviewer")))
        rows += bench::runValueViewer(options);
    if (options.parts.contains(QStringLiteral("query"))) {
        rows += bench::runQueryConsole(options, cliPath);
        rows += bench::runConsoleGrid(options);
    }
    if (options.parts.contains(QStringLiteral("compare")))
        rows += bench::runCompare(options, cliPath);
    if (options.parts.contains(QStringLiteral("compare")) ||
        options.parts.contains(QStringLiteral("comparetab")))
        rows += bench::runCompareGuiStall(options);
    for (const char* part : {"history", "prune", "skip-unchanged", "space"})
        if (options.parts.contains(QLatin1String(part))) {
            rows += bench::runHistory(options, cliPath);
            break;
        }
    bench::printTable(rows);
    if (app.tracing)
        app.printSlowest();
    return rows.isEmpty() ? 1 : 0;
}

#include "clicommon.h"

#include <QCoreApplication>
#include <QEventLoop>
#include <QFutureWatcher>
#include <QJsonDocument>
#include <QLocale>
#include <QMutex>
#include <QTimer>
#include <QtConcurrent>

#include <atomic>
#include <csignal>
#include <cstdio>
#include <mutex>
#include <unistd.h>

namespace cli {
namespace {

std::atomic<bool> g_interrupted{false};

extern "C" void onSignal(int) {
    g_interrupted.store(true);
}

void installSignalHandlers() {
    struct sigaction action {};
    action.sa_handler = onSignal;
    sigemptyset(&action.sa_mask);
    sigaction(SIGINT, &action, nullptr);
    sigaction(SIGTERM, &action, nullptr);
}

QString progressLine(const sqlsnap::Progress& p) {
    using sqlsnap::Phase;
    auto percent = [](qint64 done, qint64 total) {
        return total > 0 ? QStringLiteral(" %1%").arg(qMin<qint64>(100, done * 100 / total)) : QString();
    };
    switch (p.phase) {
    case Phase::Copying:
        return QStringLiteral("Copying (attempt %1 of %2)%3")
            .arg(p.attempt)
            .arg(p.maxAttempts)
            .arg(percent(p.bytesDone, p.bytesTotal));
    case Phase::BackingUp:
        return QStringLiteral("Backing up — %1 of %2 pages%3")
            .arg(p.pagesDone)
            .arg(p.pagesTotal)
            .arg(percent(p.pagesDone, p.pagesTotal));
    case Phase::Hashing:
        return QStringLiteral("Hashing%1").arg(percent(p.bytesDone, p.bytesTotal));
    default: {
        QString name = sqlsnap::phaseName(p.phase);
        name[0] = name[0].toUpper();
        return name.replace(QLatin1Char('-'), QLatin1Char(' '));
    }
    }
}

} // namespace

class ProgressReporter : public sqlsnap::ProgressSink {
public:
    void report(const sqlsnap::Progress& progress) override {
        QMutexLocker lock(&m_mutex);
        m_latest = progress;
    }
    bool isCancelled() const override { return g_interrupted.load(); }
    sqlsnap::Progress latest() {
        QMutexLocker lock(&m_mutex);
        return m_latest;
    }

private:
    QMutex m_mutex;
    sqlsnap::Progress m_latest;
};

bool interruptedBySignal() {
    return g_interrupted.load();
}

void runWithProgress(const std::function<void(sqlsnap::ProgressSink&)>& work, bool showProgress) {
    installSignalHandlers();
    ProgressReporter reporter;
    const bool live = showProgress && ::isatty(STDERR_FILENO);
    QFutureWatcher<void> watcher;
    QEventLoop loop;
    QObject::connect(&watcher, &QFutureWatcher<void>::finished, &loop, &QEventLoop::quit);
    QTimer ticker;
    QString shown;
    QObject::connect(&ticker, &QTimer::timeout, [&] {
        const QString line = progressLine(reporter.latest());
        if (line != shown) {
            std::fprintf(stderr, "\r\033[K%s", qPrintable(line));
            std::fflush(stderr);
            shown = line;
        }
    });
    // The worker's results are read here once it is done. Qt's future orders that, but ThreadSanitizer
    // cannot see inside Qt: this mutex makes the hand-over visible to it too.
    std::mutex handover;
    watcher.setFuture(QtConcurrent::run([&] {
        work(reporter);
        std::lock_guard lock(handover);
    }));
    if (live)
        ticker.start(100);
    if (!watcher.isFinished())
        loop.exec();
    watcher.waitForFinished();
    { std::lock_guard lock(handover); }
    if (live && !shown.isEmpty()) {
        std::fprintf(stderr, "\r\033[K");
        std::fflush(stderr);
    }
}

int parseOrExit(QCommandLineParser& parser, const QStringList& args, int positionalCount,
                const QString& usageName) {
    const QCommandLineOption help({QStringLiteral("h"), QStringLiteral("help")},
                                  QStringLiteral("Show this help and exit."));
    const QCommandLineOption version(QStringLiteral("version"), QStringLiteral("Show the version and exit."));
    parser.addOption(help);
    parser.addOption(version);
    if (!parser.parse(args))
        return usageError(parser.errorText());
    if (parser.isSet(help)) {
        std::fputs(qPrintable(parser.helpText().replace(QCoreApplication::applicationFilePath(), usageName)),
                   stdout);
        return Success;
    }
    if (parser.isSet(version)) {
        std::printf("sqlite-snapshot-cli %s\n", SQLSNAP_VERSION);
        return Success;
    }
    const int given = int(parser.positionalArguments().size());
    if (given != positionalCount)
        return usageError(
            given < positionalCount
                ? QStringLiteral("missing argument (see %1 --help)").arg(usageName)
                : QStringLiteral("unexpected argument: %1").arg(parser.positionalArguments().last()));
    return -1;
}

int usageError(const QString& message) {
    std::fprintf(stderr, "error: %s\n", qPrintable(message));
    return Usage;
}

void warn(const QString& message) {
    std::fprintf(stderr, "warning: %s\n", qPrintable(message));
}

int fail(const sqlsnap::Error& error, bool json) {
    QString oneLine = error.message;
    oneLine.replace(QLatin1Char('\n'), QLatin1Char(' '));
    if (json)
        printJson({{QStringLiteral("error"),
                    QJsonObject{{QStringLiteral("kind"), QString::fromLatin1(sqlsnap::kindName(error.kind))},
                                {QStringLiteral("message"), oneLine}}}});
    std::fprintf(stderr, "error: %s\n", qPrintable(oneLine));
    if (error.kind == sqlsnap::ErrorKind::Cancelled && interruptedBySignal())
        return Interrupted;
    if (error.kind == sqlsnap::ErrorKind::ChangedTooOften)
        return Unstable;
    return Failure;
}

void printJson(const QJsonObject& object) {
    std::fputs(QJsonDocument(object).toJson(QJsonDocument::Indented).constData(), stdout);
    std::fflush(stdout);
}

QString humanBytes(qint64 bytes) {
    return QLocale::c().formattedDataSize(bytes, 1, QLocale::DataSizeTraditionalFormat);
}

} // namespace cli

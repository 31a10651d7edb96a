#include "clicommon.h"

#include <sqlitesnapshot/jsonforms.h>

#include <QAbstractEventDispatcher>
#include <QCoreApplication>
#include <QJsonDocument>
#include <QLocale>
#include <QMutex>

#include <atomic>
#include <cerrno>
#include <chrono>
#include <condition_variable>
#include <csignal>
#include <cstdio>
#include <cstring>
#include <mutex>
#include <thread>
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
    // Restarted, not failed with EINTR: a write to stdout blocked on a full pipe when the signal lands
    // would otherwise end as "cannot write the report" (exit 1) with half a document, instead of the
    // cancel the work loop sees next (exit 130, the JSON closed).
    action.sa_flags = SA_RESTART;
    sigaction(SIGINT, &action, nullptr);
    sigaction(SIGTERM, &action, nullptr);
    sigaction(SIGHUP, &action, nullptr); // a closed terminal: cancel and clean up, as for SIGTERM
}

// The CLI never runs an event loop. Qt would still make one dispatcher for the main thread, GLib's by
// default, which needs a wake-up pipe and aborts the process (SIGTRAP) when no descriptor is left. This
// one does nothing and needs nothing.
class NoEventDispatcher : public QAbstractEventDispatcher {
public:
    bool processEvents(QEventLoop::ProcessEventsFlags) override { return false; }
    void registerSocketNotifier(QSocketNotifier*) override {}
    void unregisterSocketNotifier(QSocketNotifier*) override {}
    void registerTimer(int, qint64, Qt::TimerType, QObject*) override {}
    bool unregisterTimer(int) override { return false; }
    bool unregisterTimers(QObject*) override { return false; }
    QList<TimerInfo> registeredTimers(QObject*) const override { return {}; }
    int remainingTime(int) override { return -1; }
    void wakeUp() override {}
    void interrupt() override {}
};

// Every byte sequence the kernel allows is a file name, but Qt decodes arguments as UTF-8 and replaces
// what is not: a name that is not valid UTF-8 would silently become another name.
bool validUtf8(const char* text) {
    const auto* s = reinterpret_cast<const unsigned char*>(text);
    while (*s) {
        int follow = 0;
        unsigned int codepoint = 0;
        if (*s < 0x80) {
            ++s;
            continue;
        } else if ((*s & 0xe0) == 0xc0) {
            follow = 1;
            codepoint = *s & 0x1f;
        } else if ((*s & 0xf0) == 0xe0) {
            follow = 2;
            codepoint = *s & 0x0f;
        } else if ((*s & 0xf8) == 0xf0) {
            follow = 3;
            codepoint = *s & 0x07;
        } else {
            return false;
        }
        ++s;
        for (int i = 0; i < follow; ++i, ++s) {
            if ((*s & 0xc0) != 0x80)
                return false;
            codepoint = (codepoint << 6) | (*s & 0x3f);
        }
        const unsigned int smallest[] = {0, 0x80, 0x800, 0x10000};
        if (codepoint < smallest[follow] || codepoint > 0x10ffff ||
            (codepoint >= 0xd800 && codepoint <= 0xdfff))
            return false;
    }
    return true;
}

QString printable(const char* text) {
    QString shown;
    for (const auto* s = reinterpret_cast<const unsigned char*>(text); *s; ++s)
        shown += *s >= 0x20 && *s < 0x7f ? QString(QLatin1Char(char(*s)))
                                         : QStringLiteral("\\x%1").arg(*s, 2, 16, QLatin1Char('0'));
    return shown;
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
    case Phase::Verifying: // pages only from `verify`; a snapshot's check says nothing on its way
        return QStringLiteral("Verifying%1").arg(percent(p.pagesDone, p.pagesTotal));
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

void prepareProcess() {
    QCoreApplication::setEventDispatcher(new NoEventDispatcher);
    // A file size limit (ulimit -f) must end in an error (EFBIG: disk_full) and the usual cleanup, not in
    // SIGXFSZ killing the process and leaving a staging folder behind; a reader of stdout that went away
    // is a write error (EPIPE: "cannot write the report"), not SIGPIPE.
    std::signal(SIGXFSZ, SIG_IGN);
    std::signal(SIGPIPE, SIG_IGN);
    installSignalHandlers();
}

int checkArgumentEncoding(int argc, char** argv) {
    for (int i = 1; i < argc; ++i)
        if (!validUtf8(argv[i])) {
            std::fprintf(
                stderr,
                "error: argument %d is not valid UTF-8: %s (file names must be UTF-8; rename the file "
                "or use a link with a UTF-8 name)\n",
                i, qPrintable(printable(argv[i])));
            return Usage;
        }
    return -1;
}

bool finishOutput(bool report) {
    if (std::fflush(stdout) == 0 && !std::ferror(stdout))
        return true;
    if (!report)
        return false; // the command failed already and said so: one error line
    std::fprintf(stderr, "error: cannot write the report to standard output: %s\n",
                 errno ? std::strerror(errno) : "write error");
    return false;
}

bool interruptedBySignal() {
    return g_interrupted.load();
}

void runWithProgress(const std::function<void(sqlsnap::ProgressSink&)>& work, bool showProgress) {
    ProgressReporter reporter;
    const bool live = showProgress && ::isatty(STDERR_FILENO);
    // A plain thread and a condition variable: no event loop, no event dispatcher, so no descriptor
    // (GLib's wake-up pipe) is needed and nothing can abort when they run out (ulimit -n 4).
    std::mutex mutex;
    std::condition_variable finishedChanged;
    bool finished = false;
    std::thread worker([&] {
        work(reporter);
        std::lock_guard lock(mutex);
        finished = true;
        finishedChanged.notify_all();
    });
    QString shown;
    {
        std::unique_lock lock(mutex);
        while (!finished) {
            finishedChanged.wait_for(lock, std::chrono::milliseconds(100));
            if (finished || !live)
                continue;
            const QString line = progressLine(reporter.latest());
            if (line != shown) {
                std::fprintf(stderr, "\r\033[K%s", qPrintable(line));
                std::fflush(stderr);
                shown = line;
            }
        }
    }
    worker.join();
    if (live && !shown.isEmpty()) {
        std::fprintf(stderr, "\r\033[K");
        std::fflush(stderr);
    }
}

int parseOrExit(QCommandLineParser& parser, const QStringList& args, int positionalCount,
                const QString& usageName, int fileArguments, const QStringList& repeatable) {
    const QCommandLineOption help({QStringLiteral("h"), QStringLiteral("help")},
                                  QStringLiteral("Show this help and exit."));
    const QCommandLineOption version(QStringLiteral("version"), QStringLiteral("Show the version and exit."));
    parser.addOption(help);
    parser.addOption(version);
    if (!parser.parse(args)) {
        // Our wording, with the option as the user typed it (Qt says "Unknown option 'bogus'.").
        if (!parser.unknownOptionNames().isEmpty()) {
            const QString name = parser.unknownOptionNames().first();
            return usageError(
                QStringLiteral("unknown option %1%2 (see %3 --help)")
                    .arg(name.size() == 1 ? QStringLiteral("-") : QStringLiteral("--"), name, usageName));
        }
        QString text = parser.errorText();
        if (!text.isEmpty())
            text[0] = text[0].toLower();
        if (text.endsWith(QLatin1Char('.')))
            text.chop(1);
        return usageError(text);
    }
    // An option given twice is a contradiction or a slip: never silently "the last one wins" (only the
    // `repeatable` ones, such as --where-column, add up).
    for (const QString& name : parser.optionNames())
        if (parser.optionNames().count(name) > 1 && !repeatable.contains(name))
            return usageError(QStringLiteral("%1%2 is given more than once")
                                  .arg(name.size() == 1 ? QStringLiteral("-") : QStringLiteral("--"), name));
    if (parser.isSet(help)) {
        std::fputs(qPrintable(parser.helpText().replace(QCoreApplication::applicationFilePath(), usageName)),
                   stdout);
        return Success;
    }
    if (parser.isSet(version)) {
        std::printf("sqlite-snapshot-cli %s\n", SQLSNAP_VERSION);
        return Success;
    }
    const QStringList positionals = parser.positionalArguments();
    for (int i = 0; i < positionals.size() && (fileArguments < 0 || i < fileArguments); ++i)
        if (positionals[i].isEmpty())
            return usageError(QStringLiteral("an empty file name was given (see %1 --help)").arg(usageName));
    const int given = int(parser.positionalArguments().size());
    if (positionalCount >= 0 && given != positionalCount)
        return usageError(
            given < positionalCount
                ? QStringLiteral("missing argument (see %1 --help)").arg(usageName)
                : QStringLiteral("unexpected argument: %1").arg(parser.positionalArguments().last()));
    return -1;
}

QString oneLineOf(QString text) {
    // The contract is one line: whatever a message quotes (SQL, a file name) cannot break it.
    for (QChar& c : text)
        if (c.category() == QChar::Other_Control)
            c = QLatin1Char(' ');
    return text;
}

int usageError(const QString& message) {
    std::fprintf(stderr, "error: %s\n", qPrintable(oneLineOf(message)));
    return Usage;
}

void warn(const QString& message) {
    std::fprintf(stderr, "warning: %s\n", qPrintable(message));
}

int fail(const sqlsnap::Error& error, bool json, bool ndjson) {
    QString oneLine = oneLineOf(error.message);
    if (error.kind == sqlsnap::ErrorKind::DestinationExists)
        oneLine += QStringLiteral(" (use --overwrite to replace it)"); // the engine names no CLI option
    if (json) {
        const QJsonObject object = sqlsnap::errorJson({error.kind, oneLine});
        if (ndjson)
            std::printf("%s\n", QJsonDocument(object).toJson(QJsonDocument::Compact).constData());
        else
            printJson(object);
    }
    std::fprintf(stderr, "error: %s\n", qPrintable(oneLine));
    if (error.kind == sqlsnap::ErrorKind::Cancelled && interruptedBySignal())
        return Interrupted;
    if (error.kind == sqlsnap::ErrorKind::ChangedTooOften)
        return Unstable;
    return Failure;
}

void printJson(const QJsonObject& object) {
    std::fputs(QJsonDocument(object).toJson(QJsonDocument::Indented).constData(), stdout);
}

QString humanBytes(qint64 bytes) {
    return QLocale::c().formattedDataSize(bytes, 1,
                                          QLocale::DataSizeSIFormat); // as the app: 1 kB = 1000 bytes
}

} // namespace cli

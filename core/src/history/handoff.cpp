// A program run after a new snapshot (handoff.h): started with posix_spawn, watched with poll.
#include <sqlitesnapshot/handoff.h>
#include <sqlitesnapshot/history.h>

#include "io/posixio.h"

#include <QCryptographicHash>
#include <QFile>
#include <QFileInfo>
#include <QProcessEnvironment>
#include <QStandardPaths>

#include <chrono>
#include <vector>

#include <cerrno>
#include <csignal>
#include <fcntl.h>
#include <poll.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

namespace sqlsnap {

namespace {

using Clock = std::chrono::steady_clock;
constexpr int kGraceMs = 5000;                    // between SIGTERM and SIGKILL
constexpr qsizetype kStderrKeptBytes = 16 * 1024; // read back to whole lines, then cut to the tail

QString sha256Of(const QString& path, const CancelToken& cancel) {
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return {};
    QCryptographicHash hash(QCryptographicHash::Sha256);
    while (!file.atEnd() && !cancel.isCancelled()) {
        const QByteArray chunk = file.read(1 << 20);
        if (chunk.isEmpty())
            return {};
        hash.addData(chunk);
    }
    return QString::fromLatin1(hash.result().toHex());
}

// When the snapshot was taken: its record in the folder, else its name (to the second), else now.
QDateTime takenAt(const QString& path) {
    const QFileInfo info(path);
    if (auto folder = HistoryFolder::open(info.absolutePath()))
        for (const HistoryEntry& e : folder->entries())
            if (e.file == info.fileName())
                return e.taken.toUTC();
    if (const auto name = parseSnapshotFileName(info.fileName()))
        return name->taken.toUTC();
    return QDateTime::currentDateTimeUtc();
}

QStringList environmentFor(const HandOffSnapshot& s, const CancelToken& cancel) {
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    for (const QString& name : env.keys())
        if (name.startsWith(QLatin1String("SQLITE_SNAPSHOT_"))) // ours only, never an inherited one
            env.remove(name);
    const QFileInfo info(s.path);
    env.insert(QStringLiteral("SQLITE_SNAPSHOT_PATH"), info.absoluteFilePath());
    env.insert(QStringLiteral("SQLITE_SNAPSHOT_NAME"), info.fileName());
    env.insert(QStringLiteral("SQLITE_SNAPSHOT_FOLDER"), info.absolutePath());
    env.insert(QStringLiteral("SQLITE_SNAPSHOT_SOURCE"), s.source);
    env.insert(QStringLiteral("SQLITE_SNAPSHOT_SIZE"), QString::number(io::statPath(s.path).size));
    env.insert(QStringLiteral("SQLITE_SNAPSHOT_SHA256"),
               s.sha256.isEmpty() ? sha256Of(s.path, cancel) : s.sha256);
    env.insert(QStringLiteral("SQLITE_SNAPSHOT_TIME"),
               (s.taken.isValid() ? s.taken.toUTC() : takenAt(s.path)).toString(Qt::ISODateWithMs));
    env.insert(QStringLiteral("SQLITE_SNAPSHOT_SCHEDULE_ID"), s.scheduleId);
    return env.toStringList();
}

// NUL-terminated copies, and the char* arrays exec wants, alive as long as this is.
struct CStrings {
    explicit CStrings(const QStringList& list) {
        for (const QString& s : list)
            bytes.push_back(s.toUtf8());
        for (QByteArray& b : bytes)
            pointers.push_back(b.data());
        pointers.push_back(nullptr);
    }
    std::vector<QByteArray> bytes;
    std::vector<char*> pointers;
};

// The last kStderrTailChars characters of `bytes`, starting at a line's beginning when cut.
QString tailText(const QByteArray& bytes) {
    QString text = QString::fromUtf8(bytes).trimmed();
    if (text.size() > HandOffOutcome::kStderrTailChars) {
        text = text.right(HandOffOutcome::kStderrTailChars);
        if (const qsizetype newline = text.indexOf(QLatin1Char('\n')); newline >= 0)
            text = text.mid(newline + 1);
    }
    return text;
}

QString lastLine(const QString& text) {
    const QStringList lines = text.split(QLatin1Char('\n'), Qt::SkipEmptyParts);
    return lines.isEmpty() ? QString() : lines.last().trimmed();
}

} // namespace

Expected<QString> resolveHandOffProgram(const QString& program) {
    if (program.isEmpty())
        return Error{ErrorKind::InvalidArgument, QStringLiteral("the program to run is empty")};
    const QString path = program.contains(QLatin1Char('/')) ? QFileInfo(program).absoluteFilePath()
                                                            : QStandardPaths::findExecutable(program);
    const QFileInfo info(path);
    if (path.isEmpty() || !info.isFile() || !info.isExecutable())
        return Error{ErrorKind::InvalidArgument,
                     program.contains(QLatin1Char('/'))
                         ? QStringLiteral("%1 is not an executable file").arg(program)
                         : QStringLiteral("no program named %1 in PATH").arg(program)};
    return path;
}

Expected<HandOffOutcome> runHandOff(const QStringList& argv, const HandOffSnapshot& snapshot,
                                    int timeoutSeconds, const CancelToken& cancel) {
    HandOffOutcome outcome;
    const auto started = Clock::now();
    const auto elapsedMs = [&] {
        return std::chrono::duration_cast<std::chrono::milliseconds>(Clock::now() - started).count();
    };
    if (argv.isEmpty()) {
        outcome.message = QStringLiteral("no program to run");
        return outcome;
    }
    const QStringList environment = environmentFor(snapshot, cancel);
    if (cancel.isCancelled())
        return Error{ErrorKind::Cancelled, QStringLiteral("cancelled")};
    CStrings args(argv), env(environment);
    const QByteArray folder = io::encodePath(QFileInfo(snapshot.path).absolutePath());

    int pipeFds[2];
    if (::pipe2(pipeFds, O_CLOEXEC) != 0) {
        outcome.message = QStringLiteral("could not start %1: %2").arg(argv[0], io::describeErrno(errno));
        return outcome;
    }
    io::Fd readEnd(pipeFds[0]), writeEnd(pipeFds[1]);

    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0);
    posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0);
    posix_spawn_file_actions_adddup2(&actions, writeEnd.get(), 2);
    posix_spawn_file_actions_addclosefrom_np(&actions, 3); // nothing of ours leaks into it
    posix_spawn_file_actions_addchdir_np(&actions, folder.constData());
    posix_spawnattr_t attributes;
    posix_spawnattr_init(&attributes);
    // Its own process group (a timeout stops whatever it started too), the signals we ignore (SIGPIPE,
    // SIGXFSZ) or catch back to their defaults, and nothing blocked.
    sigset_t defaults, none;
    sigemptyset(&defaults);
    for (int sig : {SIGPIPE, SIGXFSZ, SIGINT, SIGTERM, SIGHUP, SIGQUIT, SIGCHLD})
        sigaddset(&defaults, sig);
    sigemptyset(&none);
    posix_spawnattr_setsigdefault(&attributes, &defaults);
    posix_spawnattr_setsigmask(&attributes, &none);
    posix_spawnattr_setpgroup(&attributes, 0);
    posix_spawnattr_setflags(&attributes,
                             POSIX_SPAWN_SETPGROUP | POSIX_SPAWN_SETSIGDEF | POSIX_SPAWN_SETSIGMASK);
    pid_t pid = -1;
    const int spawnError = ::posix_spawn(&pid, args.pointers[0], &actions, &attributes, args.pointers.data(),
                                         env.pointers.data());
    posix_spawn_file_actions_destroy(&actions);
    posix_spawnattr_destroy(&attributes);
    writeEnd = io::Fd();
    if (spawnError != 0) {
        outcome.message =
            QStringLiteral("could not start %1: %2").arg(argv[0], io::describeErrno(spawnError));
        outcome.elapsedMs = elapsedMs();
        return outcome;
    }

    QByteArray errBytes;
    bool pipeOpen = true, exited = false, stopping = false, killed = false, cancelled = false;
    int status = 0;
    auto stopAt = started + std::chrono::seconds(qMax(1, timeoutSeconds));
    while (!exited) {
        if (pid_t done = ::waitpid(pid, &status, WNOHANG); done == pid) {
            exited = true;
            break;
        }
        const auto now = Clock::now();
        if (!stopping && (now >= stopAt || cancel.isCancelled())) {
            cancelled = cancel.isCancelled();
            outcome.timedOut = !cancelled;
            ::kill(-pid, SIGTERM);
            stopping = true;
            stopAt = now + std::chrono::milliseconds(kGraceMs);
        } else if (stopping && !killed && now >= stopAt) {
            ::kill(-pid, SIGKILL);
            killed = true;
        }
        pollfd p{readEnd.get(), POLLIN, 0};
        if (pipeOpen && ::poll(&p, 1, 100) > 0) {
            char buffer[4096];
            const ssize_t n = ::read(readEnd.get(), buffer, sizeof buffer);
            if (n > 0) {
                errBytes.append(buffer, n);
                if (errBytes.size() > 2 * kStderrKeptBytes)
                    errBytes = errBytes.right(kStderrKeptBytes);
            } else if (n == 0 || errno != EINTR) {
                pipeOpen = false;
            }
        } else if (!pipeOpen) {
            ::usleep(100 * 1000);
        }
    }
    // What it wrote just before exiting; a child it left behind may hold the pipe: never wait for it.
    ::fcntl(readEnd.get(), F_SETFL, O_NONBLOCK);
    for (char buffer[4096]; pipeOpen;) {
        const ssize_t n = ::read(readEnd.get(), buffer, sizeof buffer);
        if (n <= 0)
            break;
        errBytes.append(buffer, n);
    }
    outcome.stderrTail = tailText(errBytes.right(kStderrKeptBytes));
    outcome.elapsedMs = elapsedMs();
    if (cancelled)
        return Error{ErrorKind::Cancelled, QStringLiteral("cancelled")};
    const QString said = lastLine(outcome.stderrTail);
    const QString tail = said.isEmpty() ? QString() : QStringLiteral(": ") + said;
    if (outcome.timedOut) {
        outcome.message = QStringLiteral("timed out after %1 s (stopped)%2").arg(timeoutSeconds).arg(tail);
    } else if (WIFEXITED(status)) {
        outcome.exitCode = WEXITSTATUS(status);
        if (outcome.exitCode != 0)
            outcome.message = QStringLiteral("exited with %1%2").arg(outcome.exitCode).arg(tail);
    } else if (WIFSIGNALED(status)) {
        const char* name = sigabbrev_np(WTERMSIG(status));
        outcome.message = QStringLiteral("killed by signal %1%2%3")
                              .arg(WTERMSIG(status))
                              .arg(name ? QStringLiteral(" (SIG%1)").arg(QLatin1String(name)) : QString())
                              .arg(tail);
    }
    return outcome;
}

} // namespace sqlsnap

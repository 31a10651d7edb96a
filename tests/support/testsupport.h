// Shared by the test executables: scratch folders, writer processes, runs of the CLI, invariant checks on
// real files, and a never-stable source through the fault seam.
#pragma once

#include <QByteArray>
#include <QJsonObject>
#include <QMap>
#include <QProcess>
#include <QString>
#include <QStringList>
#include <QTemporaryDir>

#include <atomic>
#include <memory>
#include <thread>

namespace testsupport {

QString dbtoolPath();
QString cliPath();

// One run of sqlite-snapshot-cli to its end: the exit code (-1: it did not exit normally; -2: it was
// still running after two minutes and was killed, err says "timed out"), stdout and stderr.
struct CliRun {
    int exitCode = -1;
    QByteArray out, err;
    QStringList errLines() const; // stderr's lines, empty ones left out
    QJsonObject json() const;     // stdout as one JSON object
};
// How a run starts, all optional: `prefix` runs the CLI through another program (setpriv … --);
// `shell` is a bash script run with $0 = the CLI and "$@" = the arguments (ulimit, odd bytes);
// `workingDirectory` is where it runs.
struct CliOptions {
    QStringList prefix{};
    QString shell{};
    QString workingDirectory{};
};
CliRun cli(const QStringList& args, const CliOptions& options = {});
// The CLI's failure contract: exit `code`, one `error:` line on stderr that contains `contains` (any
// case), and no staging path in it.
void expectOneError(const CliRun& run, int code, const QString& contains);

// Runs dbtool to completion (make …); fails the test on a non-zero exit.
bool runDbtool(const QStringList& args);

// A dbtool process that keeps running: started, then waited on until it prints "ready".
class Helper {
public:
    explicit Helper(const QStringList& args);
    ~Helper();
    bool ready() const { return m_ready; }
    QString finish(); // closes stdin, waits, returns its stdout after "ready"
    void kill();      // SIGKILL, and wait
    qint64 pid() const { return m_process->processId(); }

private:
    std::unique_ptr<QProcess> m_process;
    bool m_ready = false;
};

struct BankState {
    QString integrity; // "ok" or the report
    QString journalMode;
    qint64 total = -1; // sum of balances: 100000 in every committed state
    qint64 logRows = -1;
    qint64 maxSeq = -1; // maxSeq - minSeq + 1 == logRows when the log has no gap
    qint64 minSeq = -1;
    qint64 account1 = -1;
    QString problem() const; // empty when every invariant holds
};

// Opens a snapshot read-only (it has no companions) and reads the bank invariants.
BankState readBank(const QString& path);

// A new empty folder inside `parent`, named `<name>-<n>` (n counts up across the test executable).
QString freshFolder(const QTemporaryDir& parent, const QString& name = QStringLiteral("d"));

// Runs SQL on a database (created if missing) through its own connection; false on any error.
bool execSql(const QString& path, const QString& sql);

// First column of the first row of one query on a database opened read-only, or "error: …".
QString queryText(const QString& path, const QString& sql);

// A file's bytes; empty when it cannot be read.
QByteArray fileBytes(const QString& path);
// Bytes of every file in a folder, to prove a source set was not modified.
QMap<QString, QByteArray> folderBytes(const QString& dir);
QStringList folderEntries(const QString& dir); // names, hidden ones too

// Keeps changing a file's modification time (never its bytes) every ~50 µs until destroyed: a set
// that never looks stable to the copy, whatever the copy does.
class MtimeToucher {
public:
    explicit MtimeToucher(const QString& path);
    ~MtimeToucher();

private:
    QByteArray m_path;
    std::atomic<bool> m_stop{false};
    std::thread m_thread;
};

// For certain, however loaded the machine: every chunk the engine copies of `path` (or of its
// companions) changes the file's modification time first, through the fault seam in the engine's own
// copy, so no copy attempt of its set is ever stable. In this process only; io::faults::clear() ends it.
void touchOnEveryCopy(const QString& path);

// A small tmpfs mounted on `directory` for the test's lifetime (needs root; ok() says whether it worked):
// a full or read-only destination file system, made for real.
class ScratchMount {
public:
    ScratchMount(const QString& directory, const QString& options); // e.g. "size=512k" or "ro,size=1m"
    ~ScratchMount();
    bool ok() const { return m_mounted; }

private:
    QString m_directory;
    bool m_mounted = false;
};

QByteArray header(const QString& path, int length = 100);
bool writeFile(const QString& path, const QByteArray& bytes);

// Root reads everything, so a check of what an unreadable file does runs again as the user nobody:
// test function `function` of this very test program, under setpriv, with `extra` in its environment
// and HOME and XDG_RUNTIME_DIR at `home`. canRunAsNobody() is false without setpriv (skip then);
// runTestAsNobody() returns the empty string when the function passed, else what it printed.
bool canRunAsNobody();
QString runTestAsNobody(const QString& function, const QString& home, const QProcessEnvironment& extra);

} // namespace testsupport

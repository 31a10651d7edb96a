// Hand-off (docs/history.md, "Hand-off"): a program of the user's run after each new snapshot, so that
// restic, borg or rclone take it off the machine. It is started directly (an argv list, never a shell
// command line), learns what the snapshot is from SQLITE_SNAPSHOT_* environment variables, and its
// outcome is reported; it never changes what was snapshotted.
#pragma once

#include "error.h"
#include "progress.h"

#include <QDateTime>
#include <QString>
#include <QStringList>

namespace sqlsnap {

// How a hand-off ended. Contract (the app shows these fields beside a schedule):
// `exitCode` is the program's exit status, or -1 when it did not exit by itself (it could not be
// started, was stopped at its timeout, or died of a signal); `message` is empty exactly when it exited
// 0, otherwise one line saying what happened ("exited with 3: <its last stderr line>", "timed out
// after 900 s", "could not start …: no such file or directory").
struct HandOffOutcome {
    int exitCode = -1;
    QString message;
    QString stderrTail; // the end of what it wrote on stderr: at most kStderrTailChars, whole lines
    bool timedOut = false;
    qint64 elapsedMs = 0;
    bool ok() const { return exitCode == 0; }
    bool operator==(const HandOffOutcome&) const = default;

    static constexpr int kStderrTailChars = 2000;
};

// What the program is told, one environment variable each (names in docs/history.md).
struct HandOffSnapshot {
    QString path;       // SQLITE_SNAPSHOT_PATH: the new snapshot file, absolute
    QString source;     // SQLITE_SNAPSHOT_SOURCE: the database it is a snapshot of, absolute
    QString sha256;     // SQLITE_SNAPSHOT_SHA256 (hex); empty: read from the file here
    QDateTime taken;    // SQLITE_SNAPSHOT_TIME (UTC, ISO 8601); invalid: from the folder's record
    QString scheduleId; // SQLITE_SNAPSHOT_SCHEDULE_ID; empty for `snapshot --into`
};

// A schedule's program may run for this long unless it says otherwise (15 min: the timer's interval).
constexpr int kDefaultHandOffTimeoutSeconds = 900;

// `program` as it will be started: a name with a '/' made absolute, a bare name looked up in PATH now
// (a timer's PATH is not the shell's). InvalidArgument when it is not an executable file.
Expected<QString> resolveHandOffProgram(const QString& program);

// Runs `argv` (argv[0] a path, as resolveHandOffProgram gives) in the snapshot's folder, with stdin on
// /dev/null, stdout discarded and stderr read (its tail kept), in a process group of its own with the
// default signal dispositions. After `timeoutSeconds` the group gets SIGTERM, 5 s later SIGKILL. Every
// way it can end is an outcome; the only error is Cancelled (`cancel` fired: the program was stopped
// the same way).
Expected<HandOffOutcome> runHandOff(const QStringList& argv, const HandOffSnapshot& snapshot,
                                    int timeoutSeconds = kDefaultHandOffTimeoutSeconds,
                                    const CancelToken& cancel = {});

} // namespace sqlsnap

// The hand-off options `snapshot --into` and `schedule add` share (--then PROGRAM, --then-arg ARG…,
// --then-timeout SECONDS), and how its outcome is printed (docs/cli.md, "Hand-off").
#pragma once

#include <sqlitesnapshot/handoff.h>

#include <QCommandLineOption>
#include <QCommandLineParser>
#include <QJsonValue>

#include <optional>

namespace cli {

// The snapshot was taken (and stays), but the program run after it failed (snapshot --into, schedule run).
constexpr int kHandOffFailed = 6;

struct HandOffOptions {
    HandOffOptions();
    QList<QCommandLineOption> options() const { return {then, thenArg, thenTimeout}; }
    static QStringList repeatable() { return {QStringLiteral("then-arg")}; }
    // After parsing: -1 when the command goes on (`argv` empty when --then was not given), otherwise
    // the exit code of the usage error it printed.
    int read(const QCommandLineParser& parser, QStringList* argv, int* timeoutSeconds) const;

    QCommandLineOption then, thenArg, thenTimeout;
};

QJsonValue handOffJson(const std::optional<sqlsnap::HandOffOutcome>& outcome); // null when it did not run
QString
handOffText(const sqlsnap::HandOffOutcome& outcome); // "handed off (exit 0, 1.2 s)", "hand-off failed: …"
QString argvText(const QStringList& argv);           // for people: each argument quoted as a shell would need

} // namespace cli

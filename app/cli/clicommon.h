// What every subcommand of sqlite-snapshot-cli shares: exit codes, parsing, output, progress, signals.
#pragma once

#include <sqlitesnapshot/error.h>
#include <sqlitesnapshot/progress.h>
#include <sqlitesnapshot/tableexport.h>

#include <QCommandLineParser>
#include <QJsonObject>
#include <QStringList>

#include <functional>

namespace cli {

// Fixed: scripts rely on them (docs/cli.md).
enum ExitCode {
    Success = 0,
    Failure = 1,
    Usage = 2,
    Unstable = 3,      // --strict and the files kept changing through every attempt
    Interrupted = 130, // SIGINT / SIGTERM
};

// Parses `args` (the subcommand's own, starting with its name). Handles --help and --version.
// Returns -1 when the command should go on, otherwise the exit code to return. The first
// `fileArguments` positional arguments (all of them when -1) are file names, which may not be empty.
// `positionalCount` -1: any number of them.
// An option given twice is a usage error, unless its name is in `repeatable`.
int parseOrExit(QCommandLineParser& parser, const QStringList& args, int positionalCount,
                const QString& usageName, int fileArguments = -1, const QStringList& repeatable = {});

int fail(const sqlsnap::Error& error, bool json); // prints `error: …` (and the JSON error object)
int usageError(const QString& message);
void printJson(const QJsonObject& object);
void warn(const QString& message);

// Before QCoreApplication: an event dispatcher that needs no descriptor; SIGXFSZ and SIGPIPE ignored
// (their failures are reported as errors); SIGINT, SIGTERM and SIGHUP cancel.
void prepareProcess();
// -1 when every argument is valid UTF-8; otherwise prints `error: …` and returns Usage.
int checkArgumentEncoding(int argc, char** argv);
// Flushes stdout; false when the report could not be written (/dev/full, a closed pipe), after printing
// `error: …` if `report` (false when the command failed already and printed its one error line).
bool finishOutput(bool report);

// Runs `work` on a worker thread while the main thread shows progress on a terminal and turns
// SIGINT/SIGTERM into cancellation.
class ProgressReporter;
void runWithProgress(const std::function<void(sqlsnap::ProgressSink&)>& work, bool showProgress);
bool interruptedBySignal();

QString humanBytes(qint64 bytes);

// The export formats of `export-table` and `query --output` (exporttablecommand.cpp): `format`'s value
// when set (unset when it names none), else DEST's extension, else CSV; and the line that reports it.
std::optional<sqlsnap::TableFormat>
exportFormat(const QCommandLineParser& parser, const QCommandLineOption& format, const QString& destination);
void printExported(const sqlsnap::TableExportResult& result, sqlsnap::TableFormat format);

} // namespace cli

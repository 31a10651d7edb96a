// sqlite-snapshot-cli: consistent snapshots of live SQLite databases from the command line.
#include "clicommon.h"

#include <QCoreApplication>

#include <cstdio>

namespace cli {
int runSnapshot(const QStringList& args);
int runInspect(const QStringList& args);
int runTables(const QStringList& args);
} // namespace cli

namespace {

const char kUsage[] =
    "Usage: sqlite-snapshot-cli <command> [options]\n"
    "\n"
    "Consistent, self-contained snapshots of SQLite databases, even while another program writes to\n"
    "them. The source database and its companion files are only ever read.\n"
    "\n"
    "Commands:\n"
    "  snapshot SOURCE DEST   copy SOURCE (with its -wal/-journal) into one self-contained file DEST\n"
    "  inspect SOURCE         show the database's files and what its header says\n"
    "  tables DB              list tables and views with row counts and columns\n"
    "\n"
    "Run 'sqlite-snapshot-cli <command> --help' for a command's options.\n"
    "Exit codes: 0 success, 1 failure, 2 usage error, 3 no stable copy (the files kept changing), 130 "
    "interrupted.\n";

} // namespace

int main(int argc, char** argv) {
    cli::prepareProcess();
    if (int code = cli::checkArgumentEncoding(argc, argv); code >= 0)
        return code;
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("sqlite-snapshot-cli"));
    QCoreApplication::setApplicationVersion(QStringLiteral(SQLSNAP_VERSION));

    QStringList args = QCoreApplication::arguments();
    const QString command = args.value(1);
    if (command.isEmpty()) {
        std::fputs("error: no command given (see sqlite-snapshot-cli --help)\n\n", stderr);
        return std::fputs(kUsage, stderr), cli::Usage;
    }
    args.removeFirst(); // the subcommand parses "<command> [options]"
    int code = -1;
    if (command == QStringLiteral("--help") || command == QStringLiteral("-h") ||
        command == QStringLiteral("help"))
        code = (std::fputs(kUsage, stdout), cli::Success);
    else if (command == QStringLiteral("--version"))
        code = (std::printf("sqlite-snapshot-cli %s\n", SQLSNAP_VERSION), cli::Success);
    else if (command == QStringLiteral("snapshot"))
        code = cli::runSnapshot(args);
    else if (command == QStringLiteral("inspect"))
        code = cli::runInspect(args);
    else if (command == QStringLiteral("tables"))
        code = cli::runTables(args);
    else
        return cli::usageError(
            QStringLiteral("unknown command '%1' (see sqlite-snapshot-cli --help)").arg(command));
    // What was printed must have reached stdout: a report lost to a full device is a failure.
    if (!cli::finishOutput(code == cli::Success) && code == cli::Success)
        return cli::Failure;
    return code;
}

// sqlite-snapshot-cli: consistent snapshots of live SQLite databases from the command line.
#include "clicommon.h"
#include "commands.h"

#include <sqlitesnapshot/snapshot.h>

#include <QCoreApplication>

#include <cstdio>

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
        // One error line, as every failure: the commands are one --help away.
        return std::fputs("error: no command given (see sqlite-snapshot-cli --help)\n", stderr), cli::Usage;
    }
    args.removeFirst(); // the subcommand parses "<command> [options]"
    int code = -1;
    if (command == QStringLiteral("--help") || command == QStringLiteral("-h") ||
        command == QStringLiteral("help"))
        code = (std::fputs(qPrintable(cli::usageText()), stdout), cli::Success);
    else if (command == QStringLiteral("--version"))
        code = (std::printf("sqlite-snapshot-cli %s\n", SQLSNAP_VERSION), cli::Success);
    else if (const cli::Command* c = cli::findCommand(command))
        code = c->run(args);
    else
        return cli::usageError(
            QStringLiteral("unknown command '%1' (see sqlite-snapshot-cli --help)").arg(command));
    // A big staged copy is unlinked in the background: gone before the process ends (exit 0 or not).
    sqlsnap::waitForBackgroundRemovals();
    // What was printed must have reached stdout: a report lost to a full device is a failure.
    if (!cli::finishOutput(code == cli::Success) && code == cli::Success)
        return cli::Failure;
    return code;
}

#include "commands.h"

#include <array>

namespace cli {

int runSnapshot(const QStringList& args);
int runInspect(const QStringList& args);
int runTables(const QStringList& args);
int runQuery(const QStringList& args);
int runExportTable(const QStringList& args);
int runFind(const QStringList& args);
int runDiscover(const QStringList& args);
int runPrune(const QStringList& args);
int runRestore(const QStringList& args);
int runSchedule(const QStringList& args);
int runVerify(const QStringList& args);
int runDiff(const QStringList& args);

namespace {

constexpr std::array kCommands{
    Command{"snapshot", "SOURCE DEST", "copy SOURCE (with its -wal/-journal) into one self-contained file DEST",
            runSnapshot},
    Command{"inspect", "SOURCE", "show the database's files and what its header says", runInspect},
    Command{"tables", "DB", "list tables, virtual tables and views with row counts and columns", runTables},
    Command{"query", "DB SQL", "run one reading SQL statement and print its rows (never writes)", runQuery},
    Command{"export-table", "DB TABLE DEST",
            "write a table's rows (filtered, sorted) as CSV, JSON, NDJSON or SQL", runExportTable},
    Command{"find", "DB TEXT", "find TEXT in every column of every table, as the preview's filter does",
            runFind},
    Command{"discover", "[DIR…]",
            "list the user's application databases (browsers, mail, …) and those under DIRs", runDiscover},
    Command{"prune", "DIR --keep-…", "delete the snapshots in DIR no --keep rule keeps (restic's forget rules)",
            runPrune},
    Command{"restore", "SNAPSHOT DEST", "write a snapshot back to DEST atomically, keeping the file it replaces",
            runRestore},
    Command{"schedule", "add|edit|list|remove|run", "keep snapshots of a database on a schedule, pruned", runSchedule},
    Command{"verify", "SNAPSHOT...", "check snapshots (integrity_check, SHA-256) and remember the results",
            runVerify},
    Command{"diff", "A B",
            "what changed between two databases: schema, rows per table, or the SQL from A to B", runDiff},
};

} // namespace

std::span<const Command> commands() {
    return kCommands;
}

const Command* findCommand(const QString& name) {
    for (const Command& c : kCommands)
        if (name == QLatin1String(c.name))
            return &c;
    return nullptr;
}

QString usageText() {
    QString text = QStringLiteral(
        "Usage: sqlite-snapshot-cli <command> [options]\n"
        "\n"
        "Consistent, self-contained snapshots of SQLite databases, even while another program writes to\n"
        "them. The source database and its companion files are only ever read.\n"
        "\n"
        "Commands:\n");
    int width = 0;
    for (const Command& c : kCommands)
        width = qMax(width, int(qstrlen(c.name) + 1 + qstrlen(c.synopsis)));
    for (const Command& c : kCommands)
        text += QStringLiteral("  %1   %2\n")
                    .arg((QLatin1String(c.name) + QLatin1Char(' ') + QLatin1String(c.synopsis)).leftJustified(width),
                         QLatin1String(c.summary));
    text += QStringLiteral(
        "\n"
        "Run 'sqlite-snapshot-cli <command> --help' for a command's options.\n"
        "Exit codes: 0 success, 1 failure, 2 usage error, 3 no stable copy (the files kept changing), 130 "
        "interrupted.\n");
    return text;
}

} // namespace cli

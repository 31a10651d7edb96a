// The CLI's commands as data: each declares its name, its synopsis and a one-line summary, and its file
// (snapshotcommand.cpp, …) is its action. The top-level usage is built from this table, so a new
// command (query, diff, prune, schedule, …) costs one file and one row.
#pragma once

#include <QStringList>

#include <span>

namespace cli {

struct Command {
    const char* name;     // "snapshot"
    const char* synopsis; // "SOURCE DEST"
    const char* summary;  // one line for the usage
    int (*run)(const QStringList& args); // gets "<name> [options] …"; returns the exit code
};

std::span<const Command> commands();
const Command* findCommand(const QString& name);
QString usageText(); // the top-level usage, built from the table

} // namespace cli

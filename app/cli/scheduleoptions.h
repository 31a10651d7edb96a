// The options `schedule add` and `schedule edit` share (docs/cli.md, "schedule"): --every, --into, the
// --keep-… rules, --keep-all, --always, and the hand-off's --then/--then-arg/--then-timeout; `edit` adds
// --skip-unchanged and --no-then, to undo --always and --then. One parser, so both read them alike.
#pragma once

#include "handoffoptions.h"

#include <sqlitesnapshot/schedules.h>

namespace cli {

struct ScheduleOptions {
    enum class For { Add, Edit };
    explicit ScheduleOptions(For what);
    QList<QCommandLineOption> options() const;

    // Applies what the command line gives to `schedule`. Add: --every and --into are required and the
    // keep rules are the ones given (or --keep-all). Edit: only what is given changes; --keep-… rules
    // given replace the schedule's rules as a whole; --then replaces its hand-off, --then-timeout alone
    // changes the timeout of the one it has. -1 when the command goes on, otherwise the exit code of
    // the usage error it printed.
    int apply(const QCommandLineParser& parser, sqlsnap::Schedule* schedule) const;

    For what;
    QCommandLineOption every, into, keepAll, always, skipUnchanged, noThen;
    QList<QCommandLineOption> keeps; // --keep-last … --keep-yearly, in RetentionPolicy's order
    HandOffOptions handOff;
};

} // namespace cli

// Writing a snapshot back where a program will use it (docs/history.md, "Restore"): atomically, never
// under a program that has the target open unless told to, and never losing the file it replaces.
#pragma once

#include "error.h"
#include "progress.h"

#include <QString>
#include <QStringList>

namespace sqlsnap {

struct RestoreOptions {
    // Restore even though a program holds the target's locks, or a -wal/-journal lies beside it. The
    // companions are moved aside with the replaced file (they belong to it: a -wal left beside the
    // restored file would be replayed into it by the next program that opens it).
    bool force = false;
};

struct RestoreResult {
    QString destination;   // absolute
    QString keptAs;        // where the replaced file now is ("<dest>.before-restore-<time>"); empty if none
    QStringList keptFiles; // the companions moved aside with it
    qint64 bytes = 0;
};

// Copies `snapshot` (a self-contained database: nothing beside it) to `destination`. Refuses: a snapshot
// that is missing, not a database, or has a -wal/-journal (InvalidArgument); a destination folder that is
// missing; a destination that is the snapshot itself (DestinationAliasesSource); a destination a program
// holds now, or with a -wal/-journal beside it (DestinationInUse), unless `force`. The new file is
// written beside the destination, synced, and renamed over it; an existing destination is first kept
// under a hard link named "<dest>.before-restore-<yyyy-MM-dd HHmmss>" (a copy where links are not
// possible), so it is never lost. Cancellable (`sink`) while copying; nothing changes until the rename.
Expected<RestoreResult> restoreSnapshot(const QString& snapshot, const QString& destination,
                                        const RestoreOptions& options, ProgressSink* sink = nullptr);

} // namespace sqlsnap

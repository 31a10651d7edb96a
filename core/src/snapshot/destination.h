// Where a snapshot may go: refusing destinations that alias the source, and atomic publication.
#pragma once

#include "sqlitesnapshot/databasefiles.h"

#include <sys/types.h>

namespace sqlsnap {

class Task;

struct DestinationPlan {
    QString path;       // absolute path the caller named
    QString directory;  // its folder (exists)
    mode_t mode = 0600; // permissions for the result: the source's, never wider
};

// The one check of every output's destination (snapshots, exported tables and query results). Refuses:
// an empty path or a folder; a missing folder (not created); DEST that is the source or one of its
// companions, existing or not, by any spelling, symlink, hard link or symlinked folder; DEST that is a
// companion (-wal, -shm, -journal) of any other existing database (replacing it would lose that
// database's committed changes); an existing DEST without overwrite, or one that is not a regular file
// or symlink; a DEST with its own -wal or -journal (a program has it open, and a stale WAL would be
// replayed into the new file).
Expected<DestinationPlan> planOutput(const QString& sourceDatabase, const QString& superJournal,
                                     const QString& destination, bool overwrite);
inline Expected<DestinationPlan> planDestination(const DatabaseFiles& source, const QString& destination,
                                                 bool overwrite) {
    return planOutput(source.databasePath, source.superJournalPath, destination, overwrite);
}

// fchmod to plan.mode, fsync, rename over (or, without overwrite, beside nothing) plan.path, fsync the
// folder. The temporary file must be on the same file system as plan.path. A cancel is heard until the
// rename (io::publishInto): after Cancelled, plan.path is as it was.
Status publishFile(const QString& temporaryPath, const DestinationPlan& plan, bool overwrite, Task& task);

} // namespace sqlsnap

// Step 2 of a snapshot: copy the database and its companions into staging until the set is stable.
#pragma once

#include "io/posixio.h"
#include "sqlitesnapshot/databasefiles.h"
#include "sqlitesnapshot/snapshot.h"

namespace sqlsnap {
class MemoryImage;
class Task;

struct StagedSet {
    QString databasePath; // inside the staging directory
    QList<CopiedFile> files;
    int attempts = 0;
    bool consistent = false;
    QString rule; // which rule judged the attempt stable (for tests and logs)
    // The -wal's commits were written into databasePath during the copy (waloverlay.h) and the staged
    // -wal removed: the file is already checkpointed.
    bool walWritten = false;
};

// Copies `source` (its database, -wal and -journal; never -shm, which SQLite rebuilds) into
// `stagingDirectory`, which must be empty and private. An attempt counts when the whole set is judged
// unchanged across it (see stablecopy.cpp). At most retries + 1 attempts, with a short growing pause.
// With strict, failing every attempt is ChangedTooOften; otherwise the last attempt is returned with
// consistent = false.
// With `databaseImage` (the memory form), the database file is read into that image instead of a file
// in staging (databasePath then names no file yet); its companions are staged as files all the same.
// `databaseWriteback` Start: the staged database file is the one to be published (io::copyOpenFile).
Expected<StagedSet> copyUntilStable(const DatabaseFiles& source, const QString& stagingDirectory, int retries,
                                    bool strict, Task& task, MemoryImage* databaseImage = nullptr,
                                    io::Writeback databaseWriteback = io::Writeback::Deferred);

} // namespace sqlsnap

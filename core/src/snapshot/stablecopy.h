// Step 2 of a snapshot: copy the database and its companions into staging until the set is stable.
#pragma once

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
};

// Copies `source` (its database, -wal and -journal; never -shm, which SQLite rebuilds) into
// `stagingDirectory`, which must be empty and private. An attempt counts when the whole set is judged
// unchanged across it (see stablecopy.cpp). At most retries + 1 attempts, with a short growing pause.
// With strict, failing every attempt is ChangedTooOften; otherwise the last attempt is returned with
// consistent = false.
// With `databaseImage` (the memory form), the database file is read into that image instead of a file
// in staging (databasePath then names no file yet); its companions are staged as files all the same.
Expected<StagedSet> copyUntilStable(const DatabaseFiles& source, const QString& stagingDirectory, int retries,
                                    bool strict, Task& task, MemoryImage* databaseImage = nullptr);

} // namespace sqlsnap

// Step 4 of a snapshot: PRAGMA integrity_check and SHA-256 of the result.
#pragma once

#include "sqlitedb.h"

namespace sqlsnap {
class Task;

// "ok", or SQLite's first problems joined on one line ("…; …").
Expected<QString> integrityCheck(SqliteDb& db, Task& task);

struct Verification {
    QString integrity;
    QString sha256;
};

// Opens `path` read-only, checks it, then hashes its bytes. Cancellable throughout.
Expected<Verification> verifyFile(const QString& path, Task& task);

// SHA-256 of a file, hex, with byte progress in the Hashing phase.
Expected<QString> sha256File(const QString& path, Task& task);

} // namespace sqlsnap

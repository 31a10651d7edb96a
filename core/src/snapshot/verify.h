// Step 4 of a snapshot: PRAGMA integrity_check and SHA-256 of the result.
#pragma once

#include "sqlitesnapshot/verification.h"

#include "base/sqlitedb.h"

namespace sqlsnap {
class Task;

// Errors: Cancelled; SqliteError when the check itself could not run on a healthy file (an index whose
// collation this SQLite lacks: "integrity_check could not run: no such collation sequence: X").
Expected<IntegrityVerdict> integrityCheck(SqliteDb& db, Task& task);

struct VerifiedFile {
    IntegrityVerdict integrity;
    QString sha256;
};

// Opens `path` read-only, checks it, then hashes its bytes. Cancellable throughout.
Expected<VerifiedFile> verifyFile(const QString& path, Task& task);

// SHA-256 of a file, hex, with byte progress in the Hashing phase.
Expected<QString> sha256File(const QString& path, Task& task);

} // namespace sqlsnap

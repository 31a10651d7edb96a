// Step 4 of a snapshot: PRAGMA integrity_check and SHA-256 of the result.
#pragma once

#include "base/sqlitedb.h"

namespace sqlsnap {
class Task;

// What PRAGMA integrity_check said: "ok", or SQLite's first problems joined on one line ("…; …").
struct IntegrityVerdict {
    QString report;
    bool ok() const { return report == QLatin1String("ok"); }
};

// Errors: Cancelled; SqliteError when the check itself could not run on a healthy file (an index whose
// collation this SQLite lacks: "integrity_check could not run: no such collation sequence: X").
Expected<IntegrityVerdict> integrityCheck(SqliteDb& db, Task& task);

struct Verification {
    IntegrityVerdict integrity;
    QString sha256;
};

// Opens `path` read-only, checks it, then hashes its bytes. Cancellable throughout.
Expected<Verification> verifyFile(const QString& path, Task& task);

// SHA-256 of a file, hex, with byte progress in the Hashing phase.
Expected<QString> sha256File(const QString& path, Task& task);

} // namespace sqlsnap

// Taking a snapshot: SOURCE (and its companions) -> one self-contained database file at DEST.
#pragma once

#include "databasefiles.h"
#include "error.h"
#include "progress.h"

#include <QList>
#include <QString>

#include <optional>

namespace sqlsnap {

enum class OutputStrategy {
    Publish, // stage inside DEST's directory, checkpoint it in place, rename it: no second full copy
    Backup,  // stage in a temporary directory, sqlite3_backup_step into DEST (page progress)
    Compact, // stage in a temporary directory, VACUUM INTO DEST (smallest file)
};
QString strategyName(OutputStrategy strategy); // "publish", "backup", "compact"
std::optional<OutputStrategy> strategyFromName(const QString& name);

struct SnapshotOptions {
    int retries = 100;      // at most retries + 1 copy attempts
    bool strict = false;    // fail with ChangedTooOften when no attempt was stable
    bool overwrite = false; // replace an existing DEST (only once the new file is complete)
    bool verify = false;    // PRAGMA integrity_check and SHA-256 of the result
    OutputStrategy strategy = OutputStrategy::Publish;
    QString stagingDirectory; // Backup/Compact: where to stage; empty = the system temporary folder
    int backupPagesPerStep = 4096;
};

struct CopiedFile {
    FileKind kind;
    QString path;
    qint64 size; // bytes copied in the attempt that was used
};

struct SnapshotResult {
    QString source;
    QString destination;
    QList<CopiedFile> companions; // the database and its companions as copied
    int copyAttempts = 0;
    bool consistentCopy = false; // false: no attempt was stable; the last one was used (not --strict)
    qint64 pages = 0;            // page count of DEST
    qint64 pageSize = 0;
    qint64 bytes = 0;                 // size of DEST
    std::optional<QString> integrity; // "ok" or SQLite's report; unset without verify
    QString sha256;                   // hex, with verify
    qint64 elapsedMs = 0;
    OutputStrategy strategy = OutputStrategy::Publish;
};

// Runs the whole pipeline. Never opens an SQLite connection on SOURCE and never writes its files.
// DEST is absent or unchanged unless the call succeeds. `sink` may be null.
Expected<SnapshotResult> takeSnapshot(const QString& source, const QString& destination,
                                      const SnapshotOptions& options, ProgressSink* sink = nullptr);

} // namespace sqlsnap

// Taking a snapshot: SOURCE (and its companions) -> one self-contained database file at DEST.
#pragma once

#include "databasefiles.h"
#include "error.h"
#include "progress.h"

#include <QList>
#include <QString>

#include <optional>

struct sqlite3;

namespace sqlsnap {

enum class OutputStrategy {
    Publish, // stage inside DEST's directory, checkpoint it in place, rename it: no second full copy
    Backup,  // stage in a temporary directory, sqlite3_backup_step into DEST (page progress)
    Compact, // stage in a temporary directory, VACUUM INTO DEST (smallest file)
};
QString strategyName(OutputStrategy strategy); // "publish", "backup", "compact"
std::optional<OutputStrategy> strategyFromName(const QString& name);

struct SnapshotOptions {
    int retries = 100; // at most retries + 1 copy attempts
    // true (default): fail with ChangedTooOften when no attempt was stable, so success always means one
    // committed state. false ("allow unstable"): publish the last copy if integrity_check passes, flagged
    // consistentCopy = false — internally intact but possibly not one committed state.
    bool strict = true;
    bool overwrite = false; // replace an existing DEST (only once the new file is complete)
    bool verify = false;    // PRAGMA integrity_check and SHA-256 of the result
    OutputStrategy strategy = OutputStrategy::Publish;
    QString stagingDirectory; // Backup/Compact: where to stage; empty = the system temporary folder
    int backupPagesPerStep = 4096;
    int backupStepPauseMs = 0; // pause between backup steps (cancellable): gentler on a shared disk
    int stagedCacheKiB = 0;    // page cache of the connection on the staged copy; 0: SQLite's default
    // Direct mode (opt-in; the Python library's copy_use_tempdir=False): no staging. The source itself
    // is opened read-only (`mode=ro`) and copied with the online backup API. SQLite then takes a read
    // lock on the source — exactly what the default avoids — so a program holding the database
    // exclusively makes this fail with Locked once `busyTimeoutMs` has passed, leaving nothing behind.
    bool direct = false;
    int busyTimeoutMs = 5000;
    // A file in DEST's folder whose storage the result may share: the previous snapshot of the same
    // source in a history folder (snapshotInto sets it). Where the file system has reflinks (XFS,
    // btrfs) the result is a clone of it with only the differing blocks rewritten — the same bytes as
    // without it; elsewhere it changes nothing (docs/history.md, "Space").
    QString shareStorageWith;
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
    // With SnapshotOptions::shareStorageWith: that file when DEST shares its storage (empty when the
    // file system could not clone it), and the bytes rewritten in the clone (the rest is shared).
    QString sharesStorageWith;
    qint64 bytesRewritten = 0;
};

// An open connection to a private, in-memory copy of a snapshot: the file-less form of takeSnapshot().
// It owns the connection and closes it when destroyed; use get() with SQLite's own API (link SQLite).
class MemorySnapshot {
public:
    MemorySnapshot(MemorySnapshot&& other) noexcept;
    MemorySnapshot& operator=(MemorySnapshot&& other) noexcept;
    MemorySnapshot(const MemorySnapshot&) = delete;
    MemorySnapshot& operator=(const MemorySnapshot&) = delete;
    ~MemorySnapshot();

    sqlite3* get() const { return m_db; }
    sqlite3* release(); // the caller closes it (sqlite3_close)
    // What happened: attempts, consistency, pages, integrity (with verify); destination is empty.
    const SnapshotResult& result() const { return m_result; }

private:
    friend Expected<MemorySnapshot> snapshotToMemory(const QString&, const SnapshotOptions&, ProgressSink*);
    MemorySnapshot(sqlite3* db, SnapshotResult result);
    sqlite3* m_db = nullptr;
    SnapshotResult m_result;
};

// Like takeSnapshot(), but into memory. The database file is read from the source straight into the
// memory the result lives in (judged stable as takeSnapshot's copy is; its -wal or -journal is staged in
// options.stagingDirectory, default the system temporary folder), its WAL replayed or journal rolled
// back there, and the buffer handed to the connection with sqlite3_deserialize: the bytes are copied
// once. Progress: Phase::Copying reports the database's pages read so far (pagesDone / pagesTotal).
// A database that could grow past 2 GiB (SQLite's allocation limit) is staged as a file and copied in
// with the backup API instead (Phase::BackingUp). Nothing is left on disk. The connection may grow to
// 2 GiB (SQLITE_FCNTL_SIZE_LIMIT). `strategy` and `overwrite` do not apply.
Expected<MemorySnapshot> snapshotToMemory(const QString& source, const SnapshotOptions& options = {},
                                          ProgressSink* sink = nullptr);

// snapshotToMemory() into a connection the caller opened: an empty ":memory:" connection of the same
// SQLite library the engine links (a Python sqlite3.Connection's handle, for the Python package). Not
// used by anyone else while this runs. On failure its content is unspecified: close it. The result's
// destination is empty.
Expected<SnapshotResult> snapshotToConnection(const QString& source, sqlite3* into,
                                              const SnapshotOptions& options = {},
                                              ProgressSink* sink = nullptr);

// The set's files themselves, copied until stable: the database and its -wal / -journal as they were at
// one moment (the Python library's copy_all_files / atomic_copy, judged for the whole set). No SQLite
// connection is opened, on the source or on the copy: the copy still needs its companions.
struct CopiedSet {
    QString databasePath;    // <folder>/<source's file name>
    QList<CopiedFile> files; // what was copied from where (sizes as copied)
    int attempts = 0;
    bool consistent = false; // false only without strict: no attempt was stable, the last one is kept
};
// `folder` must exist; files of the same names in it are never replaced (DestinationExists). Each file
// appears there complete or not at all.
Expected<CopiedSet> copyDatabaseFiles(const QString& source, const QString& folder, int retries = 100,
                                      bool strict = true, ProgressSink* sink = nullptr);

// A big staging folder (over 64 MiB: the staged copy of a big database) is removed on a background
// thread after the call returns, so that a cancel of a 4 GiB snapshot returns within milliseconds.
// Its files are gone when this returns (and at the latest when the process exits normally; after a
// crash, the next run's sweep removes them). Nothing half-written is ever under DEST's name.
void waitForBackgroundRemovals();

// Runs the whole pipeline. Never opens an SQLite connection on SOURCE and never writes its files.
// DEST is absent or unchanged unless the call succeeds. `sink` may be null.
Expected<SnapshotResult> takeSnapshot(const QString& source, const QString& destination,
                                      const SnapshotOptions& options, ProgressSink* sink = nullptr);

} // namespace sqlsnap

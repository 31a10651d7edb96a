// The steps of a snapshot (docs/engine.md numbers them), shared by its three forms: a file at DEST
// (pipeline.cpp), an in-memory copy (memory.cpp) and the file set itself (fileset.cpp).
#pragma once

#include "base/sqlitedb.h"
#include "base/task.h"
#include "io/atomicoutput.h"
#include "snapshot/memoryimage.h"
#include "snapshot/stablecopy.h"

#include <optional>

#include "sqlitesnapshot/snapshot.h"

namespace sqlsnap {

// What a snapshot created, removed when it ends (success included: by then the result was renamed
// out): the staging folder of the copy and, for backup/compact/direct, the output beside DEST until
// it is published. Both live in locked StagingFolders, so a run that is killed leaves folders a later
// run can prove abandoned and remove (io::sweepAbandonedStaging).
struct Cleanup {
    io::StagingFolder staging;
    io::AtomicOutput output;
};

// Step 1 of every form: the set and its headers, read from the bytes (Phase::Inspecting), stopped by
// the task's cancellation.
Expected<DatabaseFiles> inspectSource(const QString& source, Task& task);
// The folder a snapshot stages its copy in: SnapshotOptions::stagingDirectory (made absolute), or the
// system's temporary folder when it is empty.
QString stagingParentFor(const SnapshotOptions& options);

// Steps 3 and 4: a private staging folder under `stagingParent`, the stable copy, the staged copy opened
// (WAL replayed or journal rolled back) and switched to journal_mode=DELETE. A copy that never became
// stable (strict off) is used only if integrity_check passes.
// With `image` (the memory form) the database is read into the image and opened there (memoryimage.h),
// in locking_mode=EXCLUSIVE; its -wal or -journal is staged as a file. `db` must be closed before
// `binding` ends (members are destroyed in reverse order: db first).
struct StagedAndOpen {
    std::optional<ImageBinding> binding;
    StagedSet staged;
    SqliteDb db;
};
Expected<StagedAndOpen> stageAndOpen(const DatabaseFiles& files, const QString& stagingParent,
                                     const SnapshotOptions& options, Cleanup& cleanup, Task& task,
                                     MemoryImage* image = nullptr);

// "ok", or `kind` with "what: report". Cancellation and a check that cannot run pass through.
Status requireIntact(SqliteDb& db, Task& task, ErrorKind kind, const QString& what);

// Step 5, the outputs (outputs.cpp).
// sqlite3_backup_step from `from` into `out`, in steps of `pagesPerStep` pages, reporting pages and
// checking for cancellation between steps. `busyTimeoutMs` < 0: the source cannot be busy (a private
// staged copy); otherwise a source that stays locked that long ends the backup with Locked.
Status runBackup(sqlite3* out, SqliteDb& from, int pagesPerStep, const QString& outputName, Task& task,
                 int busyTimeoutMs = -1, int pauseMs = 0);
Status backupInto(SqliteDb& staged, const QString& outputPath, int pagesPerStep, int pauseMs, Task& task);
Status vacuumInto(SqliteDb& staged, const QString& outputPath, Task& task);
Status checkDirectPossible(const DatabaseFiles& files);
Status backupDirect(const QString& source, const QString& output, const SnapshotOptions& options, Task& task);
// The result of every strategy: a plain rollback-mode file with nothing beside it, exactly
// page_count x page_size bytes.
Status checkSelfContained(const QString& path);
// A header with mixed format versions (write 2 / read 1: SQLite reads it as rollback mode) is left as it
// is by journal_mode=DELETE. A round trip through WAL rewrites both bytes, so every strategy ends in the
// same plain 1/1 file instead of publish and backup refusing what compact takes.
Status normalizeFormatVersions(SqliteDb& db, const QString& path);
Status normalizeFormatVersions(SqliteDb& db, const QByteArray& head); // the first 20 bytes
Status trimToPageCount(const QString& path);

// The facts every form reports, from the inspection and the staged set.
SnapshotResult resultOf(const DatabaseFiles& files, const StagedSet& staged, OutputStrategy strategy);

} // namespace sqlsnap

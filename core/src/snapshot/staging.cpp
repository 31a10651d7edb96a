// Steps 1, 3 and 4 of every snapshot: inspect the source, stage the set until stable, open the staged
// copy, make it self-contained.
#include "snapshot/steps.h"

#include "snapshot/verify.h"

#include <QDir>
#include <QFileInfo>

#include <sqlite3.h>

#include <cerrno>
#include <fcntl.h>

namespace sqlsnap {
namespace {

// Opening the staged copy replays its WAL or rolls back its hot journal; journal_mode=DELETE then
// checkpoints everything into the main file and removes the -wal. An image (the memory form) is opened
// through its VFS, in exclusive locking mode before anything is read: SQLite then keeps the WAL index on
// the heap instead of asking the VFS for shared memory.
Expected<SqliteDb> openAndConvert(const QString& stagedDb, int cacheKiB, const MemoryImage* image,
                                  Task& task) {
    task.setPhase(Phase::Opening);
    auto db = image ? SqliteDb::open(imageUri(stagedDb), SQLITE_OPEN_READWRITE | SQLITE_OPEN_URI)
                    : SqliteDb::open(stagedDb, SQLITE_OPEN_READWRITE);
    if (!db)
        return db.error();
    db->watchCancellation(&task);
    if (image)
        if (auto s = db->exec(QStringLiteral("PRAGMA locking_mode=EXCLUSIVE")); !s)
            return s.error();
    // The staged copy is private until it is published, and publishing fsyncs it once: the recovery,
    // the checkpoint and the switch to DELETE need no syncs of their own (each would flush the whole
    // dirty file, 1 GiB for a 1 GiB database).
    if (auto s = db->exec(QStringLiteral("PRAGMA synchronous=OFF")); !s)
        return s.error();
    if (cacheKiB > 0)
        if (auto s = db->exec(QStringLiteral("PRAGMA cache_size=-%1").arg(cacheKiB)); !s)
            return s.error();
    if (auto count = db->queryInt(QStringLiteral("SELECT count(*) FROM sqlite_schema")); !count)
        return count.error();
    task.setPhase(Phase::Converting);
    auto mode = db->queryText(QStringLiteral("PRAGMA journal_mode=DELETE"));
    if (!mode)
        return mode.error();
    if (mode->compare(QStringLiteral("delete"), Qt::CaseInsensitive) != 0)
        return Error{
            ErrorKind::SqliteError,
            QStringLiteral("cannot switch the staged copy to journal_mode=DELETE (got %1)").arg(*mode)};
    if (auto s =
            image ? normalizeFormatVersions(*db, image->head(20)) : normalizeFormatVersions(*db, stagedDb);
        !s)
        return s.error();
    return db;
}

// A rollback-mode file shorter than its header says is damaged, not merely small.
Status checkNotTruncated(const QString& path, const MemoryImage* image, const QString& sourcePath) {
    int error = 0;
    auto header = parseDatabaseHeader(image ? image->head(100) : io::readHead(path, 100, &error), sourcePath);
    if (!header)
        return header.error();
    const qint64 size = image ? image->size() : io::statPath(path).size;
    if (header->pageCountValid && size < qint64(header->pageCount) * header->pageSize)
        return Error{
            ErrorKind::NotADatabase,
            QStringLiteral("not an SQLite database: %1 (truncated: %2 bytes, its header says %3 pages of %4)")
                .arg(sourcePath)
                .arg(size)
                .arg(header->pageCount)
                .arg(header->pageSize)};
    return success();
}

} // namespace

Expected<DatabaseFiles> inspectSource(const QString& source, Task& task) {
    task.setPhase(Phase::Inspecting);
    return inspectDatabase(source, task.cancelToken());
}

QString stagingParentFor(const SnapshotOptions& options) {
    return options.stagingDirectory.isEmpty() ? QDir::tempPath()
                                              : QFileInfo(options.stagingDirectory).absoluteFilePath();
}

Status requireIntact(SqliteDb& db, Task& task, ErrorKind kind, const QString& what) {
    task.setPhase(Phase::Verifying);
    auto report = integrityCheck(db, task);
    if (!report)
        return report.error();
    if (!report->ok())
        return Error{kind, QStringLiteral("%1: %2").arg(what, report->report)};
    return success();
}

Expected<StagedAndOpen> stageAndOpen(const DatabaseFiles& files, const QString& stagingParent,
                                     const SnapshotOptions& options, Cleanup& cleanup, Task& task,
                                     MemoryImage* image) {
    auto staging = io::StagingFolder::create(stagingParent);
    if (!staging)
        return staging.error();
    cleanup.staging = std::move(*staging);
    // Publish renames the staged file itself to DEST (unless a clone of the previous snapshot is
    // published instead): its writeback can start while it is copied. The -wal is not published.
    const bool stagedIsPublished = !image && !options.direct && options.strategy == OutputStrategy::Publish &&
                                   options.shareStorageWith.isEmpty();
    auto staged = copyUntilStable(files, cleanup.staging.path(), options.retries, options.strict, task, image,
                                  stagedIsPublished ? io::Writeback::Start : io::Writeback::Deferred);
    if (!staged)
        return staged.error();
    std::optional<ImageBinding> binding;
    if (image) {
        // The name SQLite opens (and derives the -wal's and -journal's from): an empty placeholder.
        io::Fd placeholder(::open(io::encodePath(staged->databasePath).constData(),
                                  O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600));
        if (!placeholder.valid())
            return io::writeError(errno, QStringLiteral("cannot create"), staged->databasePath);
        auto bound = ImageBinding::bind(staged->databasePath, *image, task);
        if (!bound)
            return bound.error();
        binding.emplace(std::move(*bound));
    }
    // Without a WAL or journal to replay, a file shorter than its header says is damaged: say so plainly.
    // (A WAL written during the copy ended the file at its last commit's size: nothing to check.)
    if (!staged->walWritten && !io::statPath(companionPath(staged->databasePath, FileKind::Wal)).exists &&
        !io::statPath(companionPath(staged->databasePath, FileKind::Journal)).exists)
        if (auto s = checkNotTruncated(staged->databasePath, image, files.databasePath); !s)
            return s.error();
    auto db = openAndConvert(staged->databasePath, options.stagedCacheKiB, image, task);
    if (!db)
        return db.error();
    if (!staged->consistent) {
        // Allowed unstable (strict off) and no attempt was stable: use the last copy only if SQLite finds
        // nothing wrong with it. It is flagged consistentCopy = false either way.
        if (auto s =
                requireIntact(*db, task, ErrorKind::Inconsistent,
                              QStringLiteral("could not make a consistent snapshot: %1 kept changing through "
                                             "%2 attempts and the last copy is damaged")
                                  .arg(files.databasePath)
                                  .arg(staged->attempts));
            !s)
            return s.error();
    }
    return StagedAndOpen{std::move(binding), std::move(*staged), std::move(*db)};
}

SnapshotResult resultOf(const DatabaseFiles& files, const StagedSet& staged, OutputStrategy strategy) {
    SnapshotResult result;
    result.source = files.databasePath;
    result.companions = staged.files;
    result.copyAttempts = staged.attempts;
    result.consistentCopy = staged.consistent;
    result.strategy = strategy;
    return result;
}

} // namespace sqlsnap

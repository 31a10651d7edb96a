// The snapshot pipeline: inspect -> plan the destination -> copy until stable -> open the staged copy
// -> make it self-contained -> produce the output -> verify -> publish. Each step is its own function.
#include "sqlitesnapshot/snapshot.h"

#include "destination.h"
#include "posixio.h"
#include "sqlitedb.h"
#include "stablecopy.h"
#include "task.h"
#include "verify.h"

#include <QDir>
#include <QElapsedTimer>
#include <QFileInfo>
#include <QThread>
#include <QUrl>

#include <sqlite3.h>

#include <fcntl.h>
#include <unistd.h>

namespace sqlsnap {
namespace {

// What a snapshot created, removed when it ends (success included: by then the result was renamed out):
// the staging folder of the copy and, for backup/compact/direct, the folder beside DEST that holds the
// output until it is published. Both are locked StagingFolders, so a run that is killed leaves folders a
// later run can prove abandoned and remove (io::sweepAbandonedStaging).
struct Cleanup {
    io::StagingFolder staging;
    io::StagingFolder output;
};

// The output file of backup/compact/direct: inside a staging folder beside DEST, with a short fixed name,
// so that its name fits NAME_MAX whatever DEST is called and the rename into DEST stays on one file system.
Expected<QString> createOutputFile(const QString& directory, Cleanup& cleanup) {
    auto folder = io::StagingFolder::create(directory);
    if (!folder)
        return folder.error();
    cleanup.output = std::move(*folder);
    const QString path = cleanup.output.filePath(QStringLiteral("snapshot.db"));
    io::Fd fd(
        ::open(io::encodePath(path).constData(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC | O_NOFOLLOW, 0600));
    if (!fd.valid())
        return io::writeError(errno, QStringLiteral("cannot create a file in"), directory);
    return path;
}

// A file SQLite preallocated (SQLITE_FCNTL_CHUNK_SIZE: Firefox grows favicons.sqlite in 512 KiB steps)
// keeps its tail through a rename: cut the result to page_count x page_size, which SQLite reads from the
// header. Only with a valid in-header size; otherwise the file is left as it is.
Status trimToPageCount(const QString& path) {
    int error = 0;
    auto header = parseDatabaseHeader(io::readHead(path, 100, &error), path);
    if (!header || !header->pageCountValid)
        return success();
    const qint64 exact = qint64(header->pageCount) * header->pageSize;
    if (io::statPath(path).size <= exact)
        return success();
    if (::truncate(io::encodePath(path).constData(), exact) != 0)
        return io::writeError(errno, QStringLiteral("cannot trim"), path);
    return success();
}

// A header with mixed format versions (write 2 / read 1: SQLite reads it as rollback mode) is left as it
// is by journal_mode=DELETE. A round trip through WAL rewrites both bytes, so every strategy ends in the
// same plain 1/1 file instead of publish and backup refusing what compact takes.
Status normalizeFormatVersions(SqliteDb& db, const QString& path) {
    int error = 0;
    const QByteArray head = io::readHead(path, 20, &error);
    if (head.size() == 20 && (head[18] != 1 || head[19] != 1)) {
        for (const char* pragma : {"PRAGMA journal_mode=WAL", "PRAGMA journal_mode=DELETE"})
            if (auto switched = db.queryText(QString::fromLatin1(pragma)); !switched)
                return switched.error();
    }
    return success();
}

// Opening the staged copy replays its WAL or rolls back its hot journal; journal_mode=DELETE then
// checkpoints everything into the main file and removes the -wal.
Expected<SqliteDb> openAndConvert(const QString& stagedDb, int cacheKiB, Task& task) {
    task.setPhase(Phase::Opening);
    auto db = SqliteDb::open(stagedDb, SQLITE_OPEN_READWRITE);
    if (!db)
        return db.error();
    db->watchCancellation(&task);
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
    if (auto s = normalizeFormatVersions(*db, stagedDb); !s)
        return s.error();
    return db;
}

// A rollback-mode file shorter than its header says is damaged, not merely small.
Status checkNotTruncated(const QString& path, const QString& sourcePath) {
    int error = 0;
    auto header = parseDatabaseHeader(io::readHead(path, 100, &error), sourcePath);
    if (!header)
        return header.error();
    const qint64 size = io::statPath(path).size;
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

// sqlite3_backup_step from the staged copy into `out`, in steps of `pagesPerStep` pages, reporting pages
// and checking for cancellation between steps.
// `busyTimeoutMs` < 0: the source cannot be busy (a private staged copy). Otherwise a source that stays
// locked that long ends the backup with Locked.
Status runBackup(sqlite3* out, SqliteDb& staged, int pagesPerStep, const QString& outputName, Task& task,
                 int busyTimeoutMs = -1, int pauseMs = 0) {
    task.setPhase(Phase::BackingUp);
    sqlite3_backup* backup = sqlite3_backup_init(out, "main", staged.get(), "main");
    if (!backup)
        return sqliteError(out, sqlite3_errcode(out), outputName);
    int rc = SQLITE_OK;
    QElapsedTimer busySince;
    while (rc == SQLITE_OK || rc == SQLITE_BUSY || rc == SQLITE_LOCKED) {
        if (task.cancelled()) {
            sqlite3_backup_finish(backup);
            return Task::cancelledError();
        }
        if (rc == SQLITE_BUSY || rc == SQLITE_LOCKED) {
            if (!busySince.isValid())
                busySince.start();
            if (busyTimeoutMs >= 0 && busySince.elapsed() >= busyTimeoutMs) {
                sqlite3_backup_finish(backup);
                return Error{ErrorKind::Locked,
                             QStringLiteral("%1 is locked by another program: gave up after %2 ms")
                                 .arg(staged.path())
                                 .arg(busyTimeoutMs)};
            }
            QThread::msleep(10);
        } else {
            busySince.invalidate();
        }
        if (pauseMs > 0 && rc == SQLITE_OK && task.progress().pagesDone > 0)
            for (int slept = 0; slept < pauseMs && !task.cancelled(); slept += 5)
                QThread::msleep(qMin(5, pauseMs - slept));
        rc = sqlite3_backup_step(backup, qMax(1, pagesPerStep));
        task.progress().pagesTotal = sqlite3_backup_pagecount(backup);
        task.progress().pagesDone = task.progress().pagesTotal - sqlite3_backup_remaining(backup);
        task.report();
    }
    sqlite3_backup_finish(backup);
    if (rc != SQLITE_DONE)
        return sqliteError(out, rc, QStringLiteral("backup into %1").arg(outputName));
    return success();
}

Status backupInto(SqliteDb& staged, const QString& outputPath, int pagesPerStep, int pauseMs, Task& task) {
    auto out = SqliteDb::open(outputPath, SQLITE_OPEN_READWRITE);
    if (!out)
        return out.error();
    // The output is a private temporary until published: no journal, no syncs (we fsync once at the end).
    if (auto s = out->exec(QStringLiteral("PRAGMA journal_mode=OFF; PRAGMA synchronous=OFF")); !s)
        return s;
    if (auto s = runBackup(out->get(), staged, pagesPerStep, outputPath, task, -1, pauseMs); !s)
        return s;
    return out->close();
}

Status vacuumInto(SqliteDb& staged, const QString& outputPath, Task& task) {
    task.setPhase(Phase::Compacting);
    QString literal = outputPath;
    literal.replace(QLatin1Char('\''), QStringLiteral("''"));
    return staged.exec(QStringLiteral("VACUUM INTO '%1'").arg(literal));
}

// Both output paths must end in a plain rollback-mode file: bytes 18/19 = 1, nothing beside it.
Status checkSelfContained(const QString& path) {
    int error = 0;
    const QByteArray head = io::readHead(path, 20, &error);
    if (head.size() < 20 || head[18] != 1 || head[19] != 1)
        return Error{ErrorKind::SqliteError,
                     QStringLiteral("the result is not in rollback mode: %1").arg(path)};
    for (FileKind kind : {FileKind::Wal, FileKind::Journal})
        if (io::lstatPath(companionPath(path, kind)).exists)
            return Error{ErrorKind::SqliteError,
                         QStringLiteral("the result still has companion files: %1").arg(path)};
    return success();
}

// Direct mode reads the live source through SQLite, which must then neither create nor change a file
// beside it. Refused: a WAL database without its -shm (SQLite would create one), and a hot journal
// (SQLite would roll it back in place). A -shm that exists gets the read marks every WAL reader takes:
// that is the brief read lock direct mode is documented to take.
Status checkDirectPossible(const DatabaseFiles& files) {
    if (files.header.isWal() && !files.find(FileKind::Shm))
        return Error{ErrorKind::InvalidArgument,
                     QStringLiteral("--direct cannot read %1: it is in WAL mode without a -shm, which SQLite "
                                    "would create beside it; the default (staged) mode reads it untouched")
                         .arg(files.databasePath)};
    // Hot in SQLite's sense: a valid journal that no writer holds a lock for. SQLite would roll it back.
    if (files.hasHotJournal() && files.lock == LockState::None)
        return Error{ErrorKind::InvalidArgument,
                     QStringLiteral("--direct cannot read %1: it has a hot journal, which SQLite would roll "
                                    "back in place; the default (staged) mode reads it untouched")
                         .arg(files.databasePath)};
    return success();
}

// Direct mode: the live source opened read-only by SQLite and backed up into `output`, which is then
// switched to journal_mode=DELETE (a WAL source's header says WAL).
Status backupDirect(const QString& source, const QString& output, const SnapshotOptions& options,
                    Task& task) {
    task.setPhase(Phase::Opening);
    const QString uri =
        QStringLiteral("file:%1?mode=ro")
            .arg(QString::fromLatin1(QUrl::toPercentEncoding(source, QByteArrayLiteral("/"))));
    auto db = SqliteDb::open(uri, SQLITE_OPEN_READONLY | SQLITE_OPEN_URI);
    if (!db)
        return db.error();
    sqlite3_busy_timeout(db->get(), qMax(0, options.busyTimeoutMs));
    db->watchCancellation(&task);
    if (auto count = db->queryInt(QStringLiteral("SELECT count(*) FROM sqlite_schema")); !count) {
        if (count.error().kind == ErrorKind::Locked)
            return Error{ErrorKind::Locked,
                         QStringLiteral("%1 is locked by another program: gave up after %2 ms")
                             .arg(source)
                             .arg(options.busyTimeoutMs)};
        return count.error();
    }
    {
        auto out = SqliteDb::open(output, SQLITE_OPEN_READWRITE);
        if (!out)
            return out.error();
        if (auto s = out->exec(QStringLiteral("PRAGMA journal_mode=OFF; PRAGMA synchronous=OFF")); !s)
            return s;
        if (auto s =
                runBackup(out->get(), *db, options.backupPagesPerStep, output, task, options.busyTimeoutMs);
            !s)
            return s;
        if (auto s = out->close(); !s)
            return s;
    }
    if (auto s = db->close(); !s)
        return s;
    task.setPhase(Phase::Converting);
    auto out = SqliteDb::open(output, SQLITE_OPEN_READWRITE);
    if (!out)
        return out.error();
    if (auto s = out->exec(QStringLiteral("PRAGMA synchronous=OFF")); !s)
        return s;
    auto mode = out->queryText(QStringLiteral("PRAGMA journal_mode=DELETE"));
    if (!mode)
        return mode.error();
    if (auto s = normalizeFormatVersions(*out, output); !s)
        return s;
    return out->close();
}

// Steps 2 and 3 for both outputs: a private staging folder under `stagingParent`, the stable copy, and
// the staged copy opened (WAL replayed or journal rolled back) and switched to journal_mode=DELETE.
struct StagedAndOpen {
    StagedSet staged;
    SqliteDb db;
};
Expected<StagedAndOpen> stageAndOpen(const DatabaseFiles& files, const QString& stagingParent,
                                     const SnapshotOptions& options, Cleanup& cleanup, Task& task) {
    auto staging = io::StagingFolder::create(stagingParent);
    if (!staging)
        return staging.error();
    cleanup.staging = std::move(*staging);
    auto staged = copyUntilStable(files, cleanup.staging.path(), options.retries, options.strict, task);
    if (!staged)
        return staged.error();
    // Without a WAL or journal to replay, a file shorter than its header says is damaged: say so plainly.
    if (!io::statPath(companionPath(staged->databasePath, FileKind::Wal)).exists &&
        !io::statPath(companionPath(staged->databasePath, FileKind::Journal)).exists)
        if (auto s = checkNotTruncated(staged->databasePath, files.databasePath); !s)
            return s.error();
    auto db = openAndConvert(staged->databasePath, options.stagedCacheKiB, task);
    if (!db)
        return db.error();
    if (!staged->consistent) {
        // Allowed unstable (strict off) and no attempt was stable: use the last copy only if SQLite finds
        // nothing wrong with it. It is flagged consistentCopy = false either way.
        task.setPhase(Phase::Verifying);
        auto report = integrityCheck(*db, task);
        if (!report)
            return report.error();
        if (!report->ok())
            return Error{ErrorKind::Inconsistent,
                         QStringLiteral("could not make a consistent snapshot: %1 kept changing through %2 "
                                        "attempts and the last copy is damaged")
                             .arg(files.databasePath)
                             .arg(staged->attempts)};
    }
    return StagedAndOpen{std::move(*staged), std::move(*db)};
}

} // namespace

QString strategyName(OutputStrategy strategy) {
    switch (strategy) {
    case OutputStrategy::Publish:
        return QStringLiteral("publish");
    case OutputStrategy::Backup:
        return QStringLiteral("backup");
    case OutputStrategy::Compact:
        return QStringLiteral("compact");
    }
    return {};
}

std::optional<OutputStrategy> strategyFromName(const QString& name) {
    for (OutputStrategy s : {OutputStrategy::Publish, OutputStrategy::Backup, OutputStrategy::Compact})
        if (strategyName(s) == name)
            return s;
    return std::nullopt;
}

namespace {

Expected<SnapshotResult> runSnapshot(const QString& source, const QString& destination,
                                     const SnapshotOptions& options, Task& task) {
    QElapsedTimer clock;
    clock.start();
    task.setPhase(Phase::Inspecting);

    auto files = inspectDatabase(source);
    if (!files)
        return files.error();
    auto plan = planDestination(*files, destination, options.overwrite);
    if (!plan)
        return plan.error();
    if (options.direct)
        if (auto s = checkDirectPossible(*files); !s)
            return s.error();
    // Folders left by runs that were killed, beside DEST and where we stage: proven abandoned, removed.
    io::sweepAbandonedStaging(plan->directory);
    const QString stagingParent = options.stagingDirectory.isEmpty()
                                      ? QDir::tempPath()
                                      : QFileInfo(options.stagingDirectory).absoluteFilePath();
    if (!options.direct && options.strategy != OutputStrategy::Publish)
        io::sweepAbandonedStaging(stagingParent);

    Cleanup cleanup;
    QString output;
    StagedSet staged;
    if (options.direct) {
        auto temporary = createOutputFile(plan->directory, cleanup);
        if (!temporary)
            return temporary.error();
        output = *temporary;
        if (auto s = backupDirect(files->databasePath, output, options, task); !s)
            return s.error();
        staged.attempts = 1;
        staged.consistent = true; // one read transaction per backup pass; SQLite restarts a pass on a change
        staged.rule = QStringLiteral("direct");
        for (const FileEntry& f : files->files)
            if (f.kind == FileKind::Database || f.kind == FileKind::Wal)
                staged.files << CopiedFile{f.kind, f.path, io::statPath(f.path).size};
    } else {
        // Publish stages beside DEST so that the staged file itself can be renamed into place.
        const bool publishInPlace = options.strategy == OutputStrategy::Publish;
        auto opened =
            stageAndOpen(*files, publishInPlace ? plan->directory : stagingParent, options, cleanup, task);
        if (!opened)
            return opened.error();
        staged = opened->staged;
        SqliteDb* db = &opened->db;
        output = staged.databasePath;
        if (!publishInPlace) {
            if (options.strategy == OutputStrategy::Compact) {
                // VACUUM INTO rewrites from what it can read: from a damaged copy it would make an
                // "intact" file without what it skipped. Publish and backup keep the damage visible;
                // compact must refuse it.
                task.setPhase(Phase::Verifying);
                auto report = integrityCheck(*db, task);
                if (!report && report.error().kind == ErrorKind::Cancelled)
                    return report.error();
                if (!report)
                    return Error{report.error().kind, QStringLiteral("cannot check %1 before compacting: %2")
                                                          .arg(files->databasePath, report.error().message)};
                if (!report->ok())
                    return Error{
                        ErrorKind::Corrupt,
                        QStringLiteral("%1 is damaged; compacting it would drop what cannot be read: %2")
                            .arg(files->databasePath, report->report)};
            }
            auto temporary = createOutputFile(plan->directory, cleanup);
            if (!temporary)
                return temporary.error();
            output = *temporary;
            Status produced =
                options.strategy == OutputStrategy::Backup
                    ? backupInto(*db, output, options.backupPagesPerStep, options.backupStepPauseMs, task)
                    : vacuumInto(*db, output, task);
            if (!produced)
                return produced.error();
        }
        if (auto s = db->close(); !s)
            return s.error();
    }
    if (auto s = checkSelfContained(output); !s)
        return s.error();
    if (auto s = trimToPageCount(output); !s)
        return s.error();

    SnapshotResult result;
    if (options.verify) {
        auto verified = verifyFile(output, task);
        if (!verified && verified.error().kind == ErrorKind::Cancelled)
            return verified.error();
        if (!verified)
            return Error{verified.error().kind, QStringLiteral("cannot verify the snapshot of %1: %2")
                                                    .arg(files->databasePath, verified.error().message)};
        result.integrity = verified->integrity.report;
        result.sha256 = verified->sha256;
        if (!verified->integrity.ok())
            return Error{ErrorKind::Corrupt,
                         QStringLiteral("the snapshot of %1 failed its integrity check: %2")
                             .arg(files->databasePath, verified->integrity.report)};
    }
    if (task.cancelled())
        return Task::cancelledError();

    task.setPhase(Phase::Publishing);
    if (auto s = publishFile(output, *plan, options.overwrite); !s)
        return s.error();

    int error = 0;
    const auto header = parseDatabaseHeader(io::readHead(plan->path, 100, &error), plan->path);
    result.source = files->databasePath;
    result.destination = plan->path;
    result.companions = staged.files;
    result.copyAttempts = staged.attempts;
    result.consistentCopy = staged.consistent;
    result.bytes = io::statPath(plan->path).size;
    if (header) {
        result.pageSize = header->pageSize;
        result.pages = header->pageCountValid ? header->pageCount : result.bytes / header->pageSize;
    }
    result.strategy = options.direct ? OutputStrategy::Backup : options.strategy;
    result.elapsedMs = clock.elapsed();
    task.setPhase(Phase::Done);
    return result;
}

} // namespace

Expected<SnapshotResult> takeSnapshot(const QString& source, const QString& destination,
                                      const SnapshotOptions& options, ProgressSink* sink) {
    Task task(sink);
    return io::withoutStagingPaths(runSnapshot(source, destination, options, task));
}

MemorySnapshot::MemorySnapshot(sqlite3* db, SnapshotResult result) : m_db(db), m_result(std::move(result)) {}

MemorySnapshot::MemorySnapshot(MemorySnapshot&& other) noexcept
    : m_db(std::exchange(other.m_db, nullptr)), m_result(std::move(other.m_result)) {}

MemorySnapshot& MemorySnapshot::operator=(MemorySnapshot&& other) noexcept {
    if (this != &other) {
        if (m_db)
            sqlite3_close_v2(m_db);
        m_db = std::exchange(other.m_db, nullptr);
        m_result = std::move(other.m_result);
    }
    return *this;
}

MemorySnapshot::~MemorySnapshot() {
    if (m_db)
        sqlite3_close_v2(m_db);
}

sqlite3* MemorySnapshot::release() {
    return std::exchange(m_db, nullptr);
}

namespace {

// The in-memory connection and what happened; snapshotToMemory() gives the handle its owner.
struct MemoryParts {
    sqlite3* db = nullptr;
    SnapshotResult result;
};

Expected<MemoryParts> runSnapshotToMemory(const QString& source, const SnapshotOptions& options, Task& task) {
    QElapsedTimer clock;
    clock.start();
    task.setPhase(Phase::Inspecting);
    auto files = inspectDatabase(source);
    if (!files)
        return files.error();
    const QString stagingParent =
        options.stagingDirectory.isEmpty() ? QDir::tempPath() : options.stagingDirectory;
    io::sweepAbandonedStaging(stagingParent);
    Cleanup cleanup;
    auto opened = stageAndOpen(*files, stagingParent, options, cleanup, task);
    if (!opened)
        return opened.error();
    const StagedSet* staged = &opened->staged;
    SqliteDb* db = &opened->db;

    auto memory = SqliteDb::open(QStringLiteral(":memory:"), SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE);
    if (!memory)
        return memory.error();
    if (auto s = runBackup(memory->get(), *db, options.backupPagesPerStep, QStringLiteral(":memory:"), task,
                           -1, options.backupStepPauseMs);
        !s)
        return s.error();
    SnapshotResult result;
    result.source = files->databasePath;
    result.companions = staged->files;
    result.copyAttempts = staged->attempts;
    result.consistentCopy = staged->consistent;
    result.strategy = OutputStrategy::Backup;
    if (auto pages = memory->queryInt(QStringLiteral("PRAGMA page_count")); pages)
        result.pages = *pages;
    if (auto pageSize = memory->queryInt(QStringLiteral("PRAGMA page_size")); pageSize)
        result.pageSize = *pageSize;
    result.bytes = result.pages * result.pageSize;
    if (options.verify) {
        // Checked in memory, on the handle the caller gets.
        task.setPhase(Phase::Verifying);
        auto report = integrityCheck(*memory, task);
        if (!report && report.error().kind == ErrorKind::Cancelled)
            return report.error();
        if (!report)
            return Error{report.error().kind, QStringLiteral("cannot verify the snapshot of %1: %2")
                                                  .arg(files->databasePath, report.error().message)};
        result.integrity = report->report;
        if (!report->ok())
            return Error{ErrorKind::Corrupt,
                         QStringLiteral("the in-memory snapshot of %1 failed its integrity check: %2")
                             .arg(files->databasePath, report->report)};
    }
    memory->watchCancellation(nullptr); // the caller's handle must not consult our (finished) task
    result.elapsedMs = clock.elapsed();
    task.setPhase(Phase::Done);
    return MemoryParts{memory->release(), std::move(result)};
}

Expected<CopiedSet> runCopyDatabaseFiles(const QString& source, const QString& folder, int retries,
                                         bool strict, Task& task) {
    task.setPhase(Phase::Inspecting);
    auto files = inspectDatabase(source);
    if (!files)
        return files.error();
    const io::FileStat dir = io::statPath(folder);
    if (!dir.exists || !dir.directory)
        return Error{ErrorKind::DestinationDirectoryMissing,
                     QStringLiteral("no such folder: %1").arg(folder)};
    const QString name = QFileInfo(files->databasePath).fileName();
    const QString target = QDir(folder).absoluteFilePath(name);
    for (FileKind kind : {FileKind::Database, FileKind::Wal, FileKind::Journal})
        if (io::lstatPath(companionPath(target, kind)).exists)
            return Error{ErrorKind::DestinationExists,
                         QStringLiteral("destination exists: %1").arg(companionPath(target, kind))};
    io::sweepAbandonedStaging(folder);
    Cleanup cleanup;
    auto staging = io::StagingFolder::create(folder);
    if (!staging)
        return staging.error();
    cleanup.staging = std::move(*staging);
    auto staged = copyUntilStable(*files, cleanup.staging.path(), retries, strict, task);
    if (!staged)
        return staged.error();
    task.setPhase(Phase::Publishing);
    // The companions first and the database last: a reader of the folder never sees a database whose
    // committed state is still missing its -wal.
    for (FileKind kind : {FileKind::Wal, FileKind::Journal, FileKind::Database}) {
        const QString from = companionPath(staged->databasePath, kind);
        if (!io::statPath(from).exists)
            continue;
        if (auto s = io::fsyncFile(from); !s)
            return s.error();
        if (auto s = io::renameInto(from, companionPath(target, kind), false); !s)
            return s.error();
    }
    if (auto s = io::fsyncDirectory(folder); !s)
        return s.error();
    CopiedSet result;
    result.databasePath = target;
    result.files = staged->files;
    result.attempts = staged->attempts;
    result.consistent = staged->consistent;
    task.setPhase(Phase::Done);
    return result;
}

} // namespace

Expected<MemorySnapshot> snapshotToMemory(const QString& source, const SnapshotOptions& options,
                                          ProgressSink* sink) {
    Task task(sink);
    auto parts = io::withoutStagingPaths(runSnapshotToMemory(source, options, task));
    if (!parts)
        return parts.error();
    return MemorySnapshot(parts->db, std::move(parts->result));
}

Expected<CopiedSet> copyDatabaseFiles(const QString& source, const QString& folder, int retries, bool strict,
                                      ProgressSink* sink) {
    Task task(sink);
    return io::withoutStagingPaths(runCopyDatabaseFiles(source, folder, retries, strict, task));
}

} // namespace sqlsnap

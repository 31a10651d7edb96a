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

#include <unistd.h>

namespace sqlsnap {
namespace {

// Removes what a snapshot created unless it is released: the staging folder and a temporary output.
class Cleanup {
public:
    ~Cleanup() {
        if (!temporaryFile.isEmpty()) {
            ::unlink(io::encodePath(temporaryFile).constData());
            ::unlink(io::encodePath(temporaryFile + QStringLiteral("-journal")).constData());
        }
        io::removeFlatDirectory(stagingDirectory);
    }
    QString stagingDirectory;
    QString temporaryFile;
};

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
    auto staging = io::createUniqueDirectory(stagingParent.isEmpty() ? QDir::tempPath() : stagingParent,
                                             QStringLiteral(".sqlite-snapshot-"));
    if (!staging)
        return staging.error();
    cleanup.stagingDirectory = *staging;
    auto staged = copyUntilStable(files, *staging, options.retries, options.strict, task);
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

Expected<SnapshotResult> takeSnapshot(const QString& source, const QString& destination,
                                      const SnapshotOptions& options, ProgressSink* sink) {
    QElapsedTimer clock;
    clock.start();
    Task task(sink);
    task.setPhase(Phase::Inspecting);

    auto files = inspectDatabase(source);
    if (!files)
        return files.error();
    auto plan = planDestination(*files, destination, options.overwrite);
    if (!plan)
        return plan.error();

    Cleanup cleanup;
    QString output;
    StagedSet staged;
    if (options.direct) {
        auto temporary = io::createUniqueFile(
            plan->directory, QStringLiteral(".%1.tmp-").arg(QFileInfo(plan->path).fileName()));
        if (!temporary)
            return temporary.error();
        cleanup.temporaryFile = output = *temporary;
        if (auto s = backupDirect(files->databasePath, output, options, task); !s)
            return s.error();
        staged.attempts = 1;
        staged.consistent = true; // one read transaction per backup pass; SQLite restarts a pass on a change
        staged.rule = QStringLiteral("direct");
    } else {
        // Publish stages beside DEST so that the staged file itself can be renamed into place.
        const bool publishInPlace = options.strategy == OutputStrategy::Publish;
        auto opened = stageAndOpen(*files, publishInPlace ? plan->directory : options.stagingDirectory,
                                   options, cleanup, task);
        if (!opened)
            return opened.error();
        staged = opened->staged;
        SqliteDb* db = &opened->db;
        if (!staged.consistent) {
            // No attempt was stable: use the last copy only if SQLite finds nothing wrong with it.
            task.setPhase(Phase::Verifying);
            auto report = integrityCheck(*db, task);
            if (!report)
                return report.error();
            if (*report != QStringLiteral("ok"))
                return Error{
                    ErrorKind::Inconsistent,
                    QStringLiteral("could not make a consistent snapshot: %1 kept changing through %2 "
                                   "attempts and the last copy is damaged")
                        .arg(files->databasePath)
                        .arg(staged.attempts)};
        }
        output = staged.databasePath;
        if (!publishInPlace) {
            auto temporary = io::createUniqueFile(
                plan->directory, QStringLiteral(".%1.tmp-").arg(QFileInfo(plan->path).fileName()));
            if (!temporary)
                return temporary.error();
            cleanup.temporaryFile = output = *temporary;
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

    SnapshotResult result;
    if (options.verify) {
        auto verified = verifyFile(output, task);
        if (!verified)
            return verified.error();
        result.integrity = verified->integrity;
        result.sha256 = verified->sha256;
        if (verified->integrity != QStringLiteral("ok"))
            return Error{ErrorKind::Corrupt,
                         QStringLiteral("the snapshot of %1 failed its integrity check: %2")
                             .arg(files->databasePath, verified->integrity)};
    }
    if (task.cancelled())
        return Task::cancelledError();

    task.setPhase(Phase::Publishing);
    if (auto s = publishFile(output, *plan, options.overwrite); !s)
        return s.error();
    cleanup.temporaryFile.clear();

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

Expected<MemorySnapshot> snapshotToMemory(const QString& source, const SnapshotOptions& options,
                                          ProgressSink* sink) {
    QElapsedTimer clock;
    clock.start();
    Task task(sink);
    task.setPhase(Phase::Inspecting);
    auto files = inspectDatabase(source);
    if (!files)
        return files.error();
    Cleanup cleanup;
    auto opened = stageAndOpen(*files, options.stagingDirectory, options, cleanup, task);
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
    if (options.verify || !staged->consistent) {
        // Checked in memory, on the handle the caller gets (an unstable copy is always checked).
        task.setPhase(Phase::Verifying);
        auto report = integrityCheck(*memory, task);
        if (!report)
            return report.error();
        result.integrity = *report;
        if (*report != QStringLiteral("ok"))
            return Error{ErrorKind::Corrupt,
                         QStringLiteral("the in-memory snapshot of %1 failed its integrity check: %2")
                             .arg(files->databasePath, *report)};
    }
    memory->watchCancellation(nullptr); // the caller's handle must not consult our (finished) task
    MemorySnapshot snapshot(memory->release(), std::move(result));
    result.elapsedMs = clock.elapsed();
    task.setPhase(Phase::Done);
    return snapshot;
}

Expected<CopiedSet> copyDatabaseFiles(const QString& source, const QString& folder, int retries, bool strict,
                                      ProgressSink* sink) {
    Task task(sink);
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
    Cleanup cleanup;
    auto staging = io::createUniqueDirectory(folder, QStringLiteral(".sqlite-snapshot-"));
    if (!staging)
        return staging.error();
    cleanup.stagingDirectory = *staging;
    auto staged = copyUntilStable(*files, *staging, retries, strict, task);
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

} // namespace sqlsnap

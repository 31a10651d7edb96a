// Step 5 of a snapshot: the output strategies (publish needs none: the staged file itself is published),
// direct mode, and the checks every result passes.
#include "snapshot/steps.h"

#include <QElapsedTimer>
#include <QThread>
#include <QUrl>

#include <sqlite3.h>

#include <unistd.h>

namespace sqlsnap {

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

// sqlite3_backup_step from the staged copy into `out`, in steps of `pagesPerStep` pages, reporting pages
// and checking for cancellation between steps.
// `busyTimeoutMs` < 0: the source cannot be busy (a private staged copy). Otherwise a source that stays
// locked that long ends the backup with Locked.
Status runBackup(sqlite3* out, SqliteDb& staged, int pagesPerStep, const QString& outputName, Task& task,
                 int busyTimeoutMs, int pauseMs) {
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

Status normalizeFormatVersions(SqliteDb& db, const QString& path) {
    int error = 0;
    return normalizeFormatVersions(db, io::readHead(path, 20, &error));
}

Status normalizeFormatVersions(SqliteDb& db, const QByteArray& head) {
    if (head.size() == 20 && (head[18] != 1 || head[19] != 1)) {
        for (const char* pragma : {"PRAGMA journal_mode=WAL", "PRAGMA journal_mode=DELETE"})
            if (auto switched = db.queryText(QString::fromLatin1(pragma)); !switched)
                return switched.error();
    }
    return success();
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
    // One read transaction for the whole backup. Without it every backup step takes and drops its own
    // read lock, and SQLite restarts the backup from page 1 whenever another program committed in
    // between: a writer that commits often kept it from ever finishing. Held, the backup reads one
    // committed state to the end; a rollback-mode writer waits (its busy timeout) until it is done —
    // the brief read lock direct mode is documented to take.
    if (auto begun = db->exec(QStringLiteral("BEGIN")); !begun)
        return begun;
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
    if (auto s = db->exec(QStringLiteral("COMMIT")); !s)
        return s;
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

} // namespace sqlsnap

// Restoring a snapshot to a path a program will use (restore.h).
#include <sqlitesnapshot/databasefiles.h>
#include <sqlitesnapshot/history.h>
#include <sqlitesnapshot/restore.h>

#include "base/task.h"
#include "io/atomicoutput.h"
#include "io/posixio.h"

#include <QDateTime>
#include <QFileInfo>

#include <unistd.h>

namespace sqlsnap {

namespace {

Error inUse(const QString& destination, const QString& why) {
    return {
        ErrorKind::DestinationInUse,
        QStringLiteral("%1 %2: a program may have it open (restore it anyway with --force, which keeps the "
                       "replaced file and its companions beside it)")
            .arg(destination, why)};
}

// A name beside `destination` that nothing has: "<dest>.before-restore-<time>", then " (2)", ….
QString keptName(const QString& destination) {
    const QString base = destination + QStringLiteral(".before-restore-") +
                         QDateTime::currentDateTime().toString(QStringLiteral("yyyy-MM-dd HHmmss"));
    QString name = base;
    for (int n = 2; io::lstatPath(name).exists || io::lstatPath(name + QStringLiteral("-wal")).exists; ++n)
        name = base + QStringLiteral(" (%1)").arg(n);
    return name;
}

} // namespace

Expected<RestoreResult> restoreSnapshot(const QString& snapshot, const QString& destination,
                                        const RestoreOptions& options, ProgressSink* sink) {
    Task task(sink);
    task.setPhase(Phase::Inspecting);
    auto source = inspectDatabase(snapshot, task.cancelToken());
    if (!source)
        return source.error();
    if (source->find(FileKind::Wal) || source->find(FileKind::Journal))
        return Error{
            ErrorKind::InvalidArgument,
            QStringLiteral("%1 is not a self-contained snapshot: it has a -wal or -journal beside it")
                .arg(source->databasePath)};
    const QString dest = QFileInfo(destination).absoluteFilePath();
    if (destination.isEmpty() || destination.endsWith(QLatin1Char('/')) || io::statPath(dest).directory)
        return Error{ErrorKind::InvalidArgument,
                     QStringLiteral("the destination is a folder, not a file name: %1").arg(destination)};
    const QString folder = QFileInfo(dest).absolutePath();
    if (!io::statPath(folder).directory)
        return Error{ErrorKind::DestinationDirectoryMissing,
                     QStringLiteral("destination folder does not exist: %1").arg(folder)};
    if (namesFileOfDatabase(source->databasePath, dest))
        return Error{ErrorKind::DestinationAliasesSource,
                     QStringLiteral("the destination is the snapshot itself: %1").arg(dest)};
    const io::FileStat existing = io::lstatPath(dest);
    if (existing.exists && !existing.regular)
        return Error{ErrorKind::InvalidArgument,
                     QStringLiteral("the destination is %1, not a regular file: %2")
                         .arg(io::fileTypeName(existing.mode), dest)};
    // Restore writes a database back; it never rewrites a kept snapshot (one wrong pick in a file dialog
    // would quietly change history) nor replaces a file that is no database at all.
    if (existing.exists) {
        if (auto history = HistoryFolder::open(folder)) {
            const QString name = QFileInfo(dest).fileName();
            for (const HistoryEntry& entry : history->entries())
                if (entry.file == name)
                    return Error{
                        ErrorKind::InvalidArgument,
                        QStringLiteral("the destination is a snapshot kept in a history folder, not a "
                                       "database to restore: %1")
                            .arg(dest)};
        }
        if (existing.size > 0 && !startsWithSqliteHeader(dest))
            return Error{
                ErrorKind::InvalidArgument,
                QStringLiteral("the destination is not an SQLite database; restore replaces databases "
                               "only: %1")
                    .arg(dest)};
    }

    // Who has the target now: its locks, and the companions a program leaves while it has it open.
    QStringList companions;
    for (FileKind kind : {FileKind::Wal, FileKind::Shm, FileKind::Journal})
        if (io::lstatPath(companionPath(dest, kind)).exists)
            companions << companionPath(dest, kind);
    if (existing.exists && !options.force) {
        if (auto target = inspectDatabase(dest, task.cancelToken());
            target && target->lock != LockState::None && target->lock != LockState::Unknown)
            return inUse(
                dest, QStringLiteral("is held by a program now (%1 lock)").arg(lockStateName(target->lock)));
        for (const QString& c : companions)
            if (!c.endsWith(QStringLiteral("-shm")))
                return inUse(dest, QStringLiteral("has a %1 beside it").arg(c.mid(dest.size())));
    }

    // The new file, complete and synced beside the destination, before anything there changes.
    task.setPhase(Phase::Copying);
    task.progress().bytesTotal = io::statPath(source->databasePath).size;
    auto staging = io::StagingFolder::create(folder);
    if (!staging)
        return staging.error();
    int error = 0;
    io::Fd from = io::openReadOnly(source->databasePath, &error);
    if (!from.valid())
        return io::readError(error, source->databasePath);
    const QString temporary = staging->filePath(QStringLiteral("restore.db"));
    auto copied = io::copyOpenFile(from.get(), source->databasePath, temporary, task);
    if (!copied)
        return io::withoutStagingPaths(copied.error());

    RestoreResult result{dest, {}, {}, *copied};
    task.setPhase(Phase::Publishing);
    if (existing.exists) {
        // The replaced file stays, under a clear name; a hard link costs nothing and is atomic.
        result.keptAs = keptName(dest);
        if (::link(io::encodePath(dest).constData(), io::encodePath(result.keptAs).constData()) != 0) {
            io::Fd old = io::openReadOnly(dest, &error);
            if (!old.valid())
                return io::readError(error, dest);
            if (auto kept = io::copyOpenFile(old.get(), dest, result.keptAs, task); !kept)
                return kept.error();
            (void)io::fsyncFile(result.keptAs);
        }
        // Its companions belong to it (a -wal would be replayed into the restored file).
        for (const QString& c : companions) {
            const QString moved = result.keptAs + c.mid(dest.size());
            if (::rename(io::encodePath(c).constData(), io::encodePath(moved).constData()) != 0)
                return io::writeError(errno, QStringLiteral("cannot move aside"), c);
            result.keptFiles << moved;
        }
    }
    const mode_t mode =
        existing.exists ? (existing.mode & 0666) : (io::statPath(source->databasePath).mode & 0666);
    if (Status published = io::publishInto(temporary, dest, mode, true); !published)
        return io::withoutStagingPaths(published.error());
    task.setPhase(Phase::Done);
    return result;
}

} // namespace sqlsnap

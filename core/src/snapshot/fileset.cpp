// copyDatabaseFiles: the set's files themselves, copied until stable (steps 1 and 3, then a publish of
// each file, companions first).
#include "snapshot/steps.h"

#include <QDir>
#include <QFileInfo>

namespace sqlsnap {
namespace {

Expected<CopiedSet> runCopyDatabaseFiles(const QString& source, const QString& folder, int retries,
                                         bool strict, Task& task) {
    auto files = inspectSource(source, task);
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

Expected<CopiedSet> copyDatabaseFiles(const QString& source, const QString& folder, int retries, bool strict,
                                      ProgressSink* sink) {
    Task task(sink);
    return io::withoutStagingPaths(runCopyDatabaseFiles(source, folder, retries, strict, task));
}

} // namespace sqlsnap

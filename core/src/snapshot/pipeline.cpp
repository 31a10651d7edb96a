// takeSnapshot: SOURCE -> one self-contained file at DEST. Reads as the steps of docs/engine.md, with
// the same numbers.
#include "snapshot/steps.h"

#include "snapshot/destination.h"
#include "snapshot/sharedstorage.h"
#include "snapshot/verify.h"

#include <QElapsedTimer>

namespace sqlsnap {

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

// Step 5 for backup, compact and direct: the output is written into a temporary beside DEST.
Expected<QString> produceOutput(const DatabaseFiles& files, const DestinationPlan& plan, SqliteDb* staged,
                                const SnapshotOptions& options, Cleanup& cleanup, Task& task) {
    if (!options.direct && options.strategy == OutputStrategy::Compact) {
        // VACUUM INTO rewrites from what it can read: from a damaged copy it would make an "intact"
        // file without what it skipped. Publish and backup keep the damage visible; compact refuses it.
        if (auto s =
                requireIntact(*staged, task, ErrorKind::Corrupt,
                              QStringLiteral("%1 is damaged; compacting it would drop what cannot be read")
                                  .arg(files.databasePath));
            !s) {
            if (s.error().kind == ErrorKind::Cancelled || s.error().kind == ErrorKind::Corrupt)
                return s.error();
            return Error{s.error().kind, QStringLiteral("cannot check %1 before compacting: %2")
                                             .arg(files.databasePath, s.error().message)};
        }
    }
    auto output = io::AtomicOutput::create(plan.directory, QStringLiteral("snapshot.db"), false);
    if (!output)
        return output.error();
    cleanup.output = std::move(*output);
    const QString& path = cleanup.output.path();
    Status produced =
        options.direct ? backupDirect(files.databasePath, path, options, task)
        : options.strategy == OutputStrategy::Backup
            ? backupInto(*staged, path, options.backupPagesPerStep, options.backupStepPauseMs, task)
            : vacuumInto(*staged, path, task);
    if (!produced)
        return produced.error();
    return path;
}

// What direct mode read: the live database and its -wal, one read transaction (SQLite restarts a backup
// pass when the source changes under it).
StagedSet directSet(const DatabaseFiles& files) {
    StagedSet read;
    read.attempts = 1;
    read.consistent = true;
    read.rule = QStringLiteral("direct");
    for (const FileEntry& f : files.files)
        if (f.kind == FileKind::Database || f.kind == FileKind::Wal)
            read.files << CopiedFile{f.kind, f.path, io::statPath(f.path).size};
    return read;
}

Expected<SnapshotResult> runSnapshot(const QString& source, const QString& destination,
                                     const SnapshotOptions& options, Task& task) {
    QElapsedTimer clock;
    clock.start();

    // 1. Inspect: the set and its headers, from the bytes.
    auto files = inspectSource(source, task);
    if (!files)
        return files.error();
    // 2. Plan the destination: every alias of the source refused, DEST's folder known.
    auto plan = planDestination(*files, destination, options.overwrite);
    if (!plan)
        return plan.error();
    if (options.direct)
        if (auto s = checkDirectPossible(*files); !s)
            return s.error();
    // Folders left by runs that were killed, beside DEST and where we stage: proven abandoned, removed.
    io::sweepAbandonedStaging(plan->directory);
    const QString stagingParent = stagingParentFor(options);
    const bool publishInPlace = !options.direct && options.strategy == OutputStrategy::Publish;
    if (!options.direct && !publishInPlace)
        io::sweepAbandonedStaging(stagingParent);

    Cleanup cleanup;
    StagedSet staged;
    QString output;
    if (options.direct) {
        // 3-5 in one: the live source backed up read-only (opt-in; takes a read lock).
        auto produced = produceOutput(*files, *plan, nullptr, options, cleanup, task);
        if (!produced)
            return produced.error();
        output = *produced;
        staged = directSet(*files);
    } else {
        // 3. Copy until stable and 4. open the staged copy, self-contained. Publish stages beside DEST,
        // so that the staged file itself becomes DEST.
        auto opened =
            stageAndOpen(*files, publishInPlace ? plan->directory : stagingParent, options, cleanup, task);
        if (!opened)
            return opened.error();
        staged = opened->staged;
        output = staged.databasePath;
        // 5. Produce the output (publish: the staged file is the output).
        if (!publishInPlace) {
            auto produced = produceOutput(*files, *plan, &opened->db, options, cleanup, task);
            if (!produced)
                return produced.error();
            output = *produced;
        }
        if (auto s = opened->db.close(); !s)
            return s.error();
    }
    if (auto s = checkSelfContained(output); !s)
        return s.error();
    if (auto s = trimToPageCount(output); !s)
        return s.error();

    SnapshotResult result =
        resultOf(*files, staged, options.direct ? OutputStrategy::Backup : options.strategy);
    // 5b. Share the previous snapshot's storage where the file system can: a clone of it holding the
    // output's bytes is published (and verified) instead.
    if (!options.shareStorageWith.isEmpty()) {
        auto shared = shareStorageWith(output, options.shareStorageWith, task);
        if (!shared)
            return shared.error();
        if (*shared) {
            output = (*shared)->path;
            result.sharesStorageWith = options.shareStorageWith;
            result.bytesRewritten = (*shared)->bytesRewritten;
        }
    }
    // 6. Verify, on request.
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

    // 7. Publish: permissions, fsync, rename, fsync of the folder.
    task.setPhase(Phase::Publishing);
    if (auto s = publishFile(output, *plan, options.overwrite, task); !s)
        return s.error();

    int error = 0;
    const auto header = parseDatabaseHeader(io::readHead(plan->path, 100, &error), plan->path);
    result.destination = plan->path;
    result.bytes = io::statPath(plan->path).size;
    if (header) {
        result.pageSize = header->pageSize;
        result.pages = header->pageCountValid ? header->pageCount : result.bytes / header->pageSize;
    }
    result.elapsedMs = clock.elapsed();
    task.setPhase(Phase::Done);
    return result;
}

} // namespace

void waitForBackgroundRemovals() {
    io::waitForBackgroundRemovals();
}

Expected<SnapshotResult> takeSnapshot(const QString& source, const QString& destination,
                                      const SnapshotOptions& options, ProgressSink* sink) {
    Task task(sink);
    return io::withoutStagingPaths(runSnapshot(source, destination, options, task));
}

} // namespace sqlsnap

// snapshotToMemory: the file-less form of takeSnapshot (steps 1, 3, 4, then a backup into memory).
#include "snapshot/steps.h"

#include "snapshot/verify.h"

#include <QElapsedTimer>

#include <sqlite3.h>

namespace sqlsnap {

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
    auto files = inspectSource(source, task);
    if (!files)
        return files.error();
    const QString stagingParent = stagingParentFor(options);
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
    SnapshotResult result = resultOf(*files, *staged, OutputStrategy::Backup);
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

} // namespace

Expected<MemorySnapshot> snapshotToMemory(const QString& source, const SnapshotOptions& options,
                                          ProgressSink* sink) {
    Task task(sink);
    auto parts = io::withoutStagingPaths(runSnapshotToMemory(source, options, task));
    if (!parts)
        return parts.error();
    return MemorySnapshot(parts->db, std::move(parts->result));
}

} // namespace sqlsnap

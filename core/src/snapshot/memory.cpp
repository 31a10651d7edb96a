// snapshotToMemory / snapshotToConnection: the file-less form of takeSnapshot (steps 1, 3 and 4 with the
// database read into memory, then handed to the connection; memoryimage.h).
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

// Any failure once the caller cancelled is the cancel (a checkpoint stopped by the image VFS fails
// with an I/O error).
Error cancelledOr(const Error& error, const Task& task) {
    return task.cancelled() ? Task::cancelledError() : error;
}

// Whether the result fits one sqlite3_malloc64'd buffer: it is at most the main file plus every page its
// -wal or -journal holds.
bool fitsAnImage(const DatabaseFiles& files) {
    qint64 bytes = 0;
    for (const FileEntry& f : files.files)
        if (f.kind == FileKind::Database || f.kind == FileKind::Wal || f.kind == FileKind::Journal)
            bytes += f.size;
    return bytes <= memoryImageLimit();
}

Status verifyStaged(SqliteDb& db, const DatabaseFiles& files, SnapshotResult& result, Task& task) {
    task.setPhase(Phase::Verifying);
    auto report = integrityCheck(db, task);
    if (!report && report.error().kind == ErrorKind::Cancelled)
        return report.error();
    if (!report)
        return Error{report.error().kind, QStringLiteral("cannot verify the snapshot of %1: %2")
                                              .arg(files.databasePath, report.error().message)};
    result.integrity = report->report;
    if (!report->ok())
        return Error{ErrorKind::Corrupt,
                     QStringLiteral("the in-memory snapshot of %1 failed its integrity check: %2")
                         .arg(files.databasePath, report->report)};
    return success();
}

// The image, converted and closed, into `into`: trimmed to its page count, then sqlite3_deserialize
// (which takes the buffer, on failure too).
Status deserializeInto(sqlite3* into, MemoryImage& image, const DatabaseFiles& files,
                       SnapshotResult& result) {
    const QByteArray head = image.head(100);
    if (head.size() < 20 || head[18] != 1 || head[19] != 1)
        return Error{
            ErrorKind::SqliteError,
            QStringLiteral("the in-memory snapshot of %1 is not in rollback mode").arg(files.databasePath)};
    auto header = parseDatabaseHeader(head, files.databasePath);
    if (!header)
        return header.error();
    if (header->pageCountValid && qint64(header->pageCount) * header->pageSize < image.size())
        image.resize(qint64(header->pageCount) * header->pageSize);
    result.pageSize = header->pageSize;
    result.pages = image.size() / header->pageSize;
    result.bytes = image.size();
    const qint64 size = image.size(), capacity = image.capacity();
    const int rc = sqlite3_deserialize(into, "main", image.release(), size, capacity,
                                       SQLITE_DESERIALIZE_FREEONCLOSE | SQLITE_DESERIALIZE_RESIZEABLE);
    if (rc != SQLITE_OK)
        return sqliteError(
            into, rc, QStringLiteral("cannot load the snapshot of %1 into memory").arg(files.databasePath));
    // memdb's default ceiling is 1 GiB (or the image's size): let the caller's copy grow as far as
    // SQLite's allocator can, as a ":memory:" database would.
    sqlite3_int64 limit = MemoryImage::kMaxBytes;
    sqlite3_file_control(into, "main", SQLITE_FCNTL_SIZE_LIMIT, &limit);
    return success();
}

Expected<SnapshotResult> runSnapshotToConnection(const QString& source, sqlite3* into,
                                                 const SnapshotOptions& options, Task& task) {
    QElapsedTimer clock;
    clock.start();
    auto files = inspectSource(source, task);
    if (!files)
        return files.error();
    const QString stagingParent = stagingParentFor(options);
    io::sweepAbandonedStaging(stagingParent);
    Cleanup cleanup;
    MemoryImage image; // outlives `opened`: its connection and binding go first
    MemoryImage* target = fitsAnImage(*files) ? &image : nullptr;
    auto opened = stageAndOpen(*files, stagingParent, options, cleanup, task, target);
    if (!opened)
        return cancelledOr(opened.error(), task);
    SnapshotResult result = resultOf(*files, opened->staged, OutputStrategy::Backup);
    if (options.verify) // on the converted copy: the very bytes (pages) the connection gets
        if (auto s = verifyStaged(opened->db, *files, result, task); !s)
            return cancelledOr(s.error(), task);
    if (target) {
        if (auto s = opened->db.close(); !s)
            return cancelledOr(s.error(), task);
        opened->binding.reset();
        if (task.cancelled())
            return Task::cancelledError();
        if (auto s = deserializeInto(into, image, *files, result); !s)
            return s.error();
    } else {
        // Too big for one buffer: the staged file, copied page by page.
        auto pages = opened->db.queryInt(QStringLiteral("PRAGMA page_count"));
        auto pageSize = opened->db.queryInt(QStringLiteral("PRAGMA page_size"));
        if (!pages || !pageSize)
            return cancelledOr(!pages ? pages.error() : pageSize.error(), task);
        if (auto s = runBackup(into, opened->db, options.backupPagesPerStep, QStringLiteral(":memory:"), task,
                               -1, options.backupStepPauseMs);
            !s)
            return s.error();
        result.pages = *pages;
        result.pageSize = *pageSize;
        result.bytes = result.pages * result.pageSize;
    }
    result.elapsedMs = clock.elapsed();
    task.setPhase(Phase::Done);
    return result;
}

} // namespace

Expected<SnapshotResult> snapshotToConnection(const QString& source, sqlite3* into,
                                              const SnapshotOptions& options, ProgressSink* sink) {
    Task task(sink);
    return io::withoutStagingPaths(runSnapshotToConnection(source, into, options, task));
}

Expected<MemorySnapshot> snapshotToMemory(const QString& source, const SnapshotOptions& options,
                                          ProgressSink* sink) {
    auto memory = SqliteDb::open(QStringLiteral(":memory:"), SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE);
    if (!memory)
        return memory.error();
    auto result = snapshotToConnection(source, memory->get(), options, sink);
    if (!result)
        return result.error();
    return MemorySnapshot(memory->release(), std::move(*result));
}

} // namespace sqlsnap

// How an attempt is judged (the facts are SQLite's file formats; see docs/engine.md):
//
// Every attempt copies the database first and its -wal / -journal after it, then reads the set's
// markers again. Three rules, the first that applies decides:
//
// 1. WAL generation. The -wal existed before and after with the same 32-byte header (same salts and
//    checkpoint sequence: no restart in between) and the database header says WAL both times. A WAL
//    only grows within a generation and is self-checking, so the copied WAL is a valid prefix; the main
//    file changes only at checkpoints, and a checkpoint only writes pages whose frames were already in
//    the WAL -- which we copy after the main file. Replaying our WAL copy therefore yields exactly the
//    state of its last complete commit, whatever the checkpointer did to the main file meanwhile.
// 2. One rollback transaction. A valid rollback journal existed before and after with the same nonce
//    (same transaction), on the same inode, not shrinking. Every page the writer changed in the main
//    file had its original written to the journal first, and we copy the journal after the main file,
//    so rolling back our copy restores the state before that transaction.
// 3. Otherwise nothing may have changed: same existence, inode, size, nanosecond mtime and header bytes
//    for every file, and the staged bytes equal the source's when read again.
#include "snapshot/stablecopy.h"

#include "base/task.h"
#include "io/posixio.h"
#include "snapshot/memoryimage.h"

#include <QFile>
#include <QThread>

#include <cerrno>
#include <cstring>
#include <unistd.h>

namespace sqlsnap {
namespace {

struct FileMarker {
    bool exists = false;
    io::FileStat stat;
    QByteArray head;

    bool operator==(const FileMarker& other) const {
        return exists == other.exists &&
               (!exists ||
                (stat.inode == other.stat.inode && stat.device == other.stat.device &&
                 stat.size == other.stat.size && stat.mtimeNs == other.stat.mtimeNs && head == other.head));
    }
};

struct SetMarkers {
    FileMarker database, wal, journal, superJournal;
};

FileMarker readMarker(const QString& path, qint64 headBytes) {
    FileMarker m;
    int error = 0;
    io::Fd fd = io::openReadOnly(path, &error);
    if (!fd.valid())
        return m; // absent or unreadable: an unreadable file fails loudly when it is copied
    m.stat = io::statFd(fd.get());
    m.exists = m.stat.exists;
    m.head = io::readAt(fd.get(), 0, headBytes, &error);
    return m;
}

SetMarkers readMarkers(const DatabaseFiles& source) {
    SetMarkers m;
    m.database = readMarker(source.databasePath, 100);
    // A lookalike (a database of its own under a companion's name) is not part of the set.
    if (!source.lookalikes.contains(FileKind::Wal))
        m.wal = readMarker(companionPath(source.databasePath, FileKind::Wal), 32);
    if (!source.lookalikes.contains(FileKind::Journal))
        m.journal = readMarker(companionPath(source.databasePath, FileKind::Journal), 28);
    if (!source.superJournalPath.isEmpty())
        m.superJournal = readMarker(source.superJournalPath, 0);
    return m;
}

bool headerSaysWal(const QByteArray& head) {
    return head.size() >= 20 && (head[18] == 2 || head[19] == 2);
}

bool sameWalGeneration(const SetMarkers& before, const SetMarkers& after) {
    return before.wal.exists && after.wal.exists && before.wal.head.size() == 32 &&
           parseWalHeader(before.wal.head).validMagic && before.wal.head == after.wal.head &&
           before.wal.stat.inode == after.wal.stat.inode && after.wal.stat.size >= before.wal.stat.size &&
           headerSaysWal(before.database.head) && headerSaysWal(after.database.head) &&
           before.database.stat.inode == after.database.stat.inode && before.journal == after.journal &&
           before.superJournal == after.superJournal;
}

bool sameRollbackTransaction(const SetMarkers& before, const SetMarkers& after) {
    if (!before.journal.exists || !after.journal.exists || before.wal.exists || after.wal.exists)
        return false;
    const JournalHeader b = parseJournalHeader(before.journal.head);
    const JournalHeader a = parseJournalHeader(after.journal.head);
    // The record count (bytes 8..11) is rewritten when the journal is synced: not compared.
    return b.validMagic && a.validMagic && b.nonce == a.nonce && b.pageSize == a.pageSize &&
           b.sectorSize == a.sectorSize && b.initialPageCount == a.initialPageCount &&
           before.journal.stat.inode == after.journal.stat.inode &&
           after.journal.stat.size >= before.journal.stat.size && !headerSaysWal(before.database.head) &&
           !headerSaysWal(after.database.head) && before.database.stat.inode == after.database.stat.inode &&
           before.superJournal == after.superJournal;
}

bool markersEqual(const SetMarkers& a, const SetMarkers& b) {
    return a.database == b.database && a.wal == b.wal && a.journal == b.journal &&
           a.superJournal == b.superJournal;
}

// Copies one file of the set if it exists (into `image` when given). A companion that is absent is not
// an error (it may come and go); one that exists but cannot be read is.
Expected<std::optional<CopiedFile>> copyOne(FileKind kind, const QString& from, const QString& to,
                                            MemoryImage* image, qint64 pageSize, Task& task) {
    int error = 0;
    io::Fd fd = io::openReadOnly(from, &error);
    if (!fd.valid()) {
        // Absent, or a companion name that cannot exist (beside a database name of NAME_MAX bytes).
        if ((error == ENOENT || error == ENAMETOOLONG) && kind != FileKind::Database)
            return std::optional<CopiedFile>();
        if (error == ENOENT)
            return Error{ErrorKind::SourceMissing, QStringLiteral("source vanished: %1").arg(from)};
        return io::readError(error, from);
    }
    auto copied = image ? readFileInto(fd.get(), from, *image, pageSize, task)
                        : io::copyOpenFile(fd.get(), from, to, task);
    if (!copied)
        return copied.error();
    return std::optional<CopiedFile>(CopiedFile{kind, from, *copied});
}

Expected<bool> stagedEqualsSource(const QList<CopiedFile>& files, const QString& stagedDb,
                                  const MemoryImage* image, io::ContentComparer& comparer,
                                  QByteArray& imageBuffer, Task& task) {
    for (const CopiedFile& f : files) {
        const QString staged = f.kind == FileKind::Database ? stagedDb : companionPath(stagedDb, f.kind);
        auto same = f.kind == FileKind::Database && image ? fileEquals(f.path, *image, imageBuffer, task)
                                                          : comparer.same(f.path, staged, task);
        if (!same)
            return same.error();
        if (!*same)
            return false;
    }
    return true;
}

void pauseBeforeRetry(int attempt, Task& task) {
    // 1, 2, 4, … ms up to 50 ms: quick retries for short write bursts, patience for long ones.
    const int ms = attempt >= 6 ? 50 : qMin(50, 1 << (attempt - 1));
    for (int slept = 0; slept < ms && !task.cancelled(); slept += 5)
        QThread::msleep(qMin(5, ms - slept));
}

// A hot journal may name a super-journal (a multi-database transaction). SQLite rolls the journal back
// only while that super-journal exists; it would look for it at its original path. Decide here, from
// what we saw, and leave the staged journal needing nothing outside staging.
Status settleJournal(const DatabaseFiles& source, const SetMarkers& seen, const QString& stagedDb) {
    const QString stagedJournal = companionPath(stagedDb, FileKind::Journal);
    // A journal with a zeroed header (PERSIST mode, exclusive locking) has nothing to undo; SQLite would
    // leave it beside the result, so it goes now.
    int error = 0;
    if (io::statPath(stagedJournal).exists &&
        !parseJournalHeader(io::readHead(stagedJournal, 28, &error)).validMagic) {
        ::unlink(io::encodePath(stagedJournal).constData());
        return success();
    }
    if (source.superJournalPath.isEmpty())
        return success();
    if (!seen.superJournal.exists) { // the multi-database transaction committed: nothing to undo
        ::unlink(io::encodePath(stagedJournal).constData());
        return success();
    }
    // Still in flight: roll back, but without the name (zeroing the trailing magic drops it).
    QFile journal(stagedJournal);
    if (!journal.open(QIODevice::ReadWrite) || journal.size() < 8 || !journal.seek(journal.size() - 8) ||
        journal.write(QByteArray(8, '\0')) != 8)
        return Error{ErrorKind::IoError,
                     QStringLiteral("cannot prepare staged journal %1").arg(stagedJournal)};
    return success();
}

} // namespace

Expected<StagedSet> copyUntilStable(const DatabaseFiles& source, const QString& stagingDirectory, int retries,
                                    bool strict, Task& task, MemoryImage* databaseImage) {
    StagedSet staged;
    staged.databasePath = stagingDirectory + QStringLiteral("/snapshot.db");
    const int maxAttempts = qMax(0, retries) + 1;
    qint64 expectedBytes = 0;
    for (const FileEntry& f : source.files)
        if (f.kind != FileKind::Shm && f.kind != FileKind::SuperJournal)
            expectedBytes += f.size;

    SetMarkers lastSeen;
    io::ContentComparer comparer; // made before the first attempt: nothing to allocate inside the window
    QByteArray imageBuffer(databaseImage ? 256 * 1024 : 0, '\1');
    for (int attempt = 1; attempt <= maxAttempts; ++attempt) {
        if (task.cancelled())
            return Task::cancelledError();
        task.progress().attempt = attempt;
        task.progress().maxAttempts = maxAttempts;
        task.setPhase(Phase::Copying);
        task.progress().bytesTotal = expectedBytes;
        for (FileKind kind : {FileKind::Database, FileKind::Wal, FileKind::Journal})
            ::unlink(io::encodePath(companionPath(staged.databasePath, kind)).constData());

        const SetMarkers before = readMarkers(source);
        staged.files.clear();
        // Order matters: the main file first, then the WAL / journal (see rules 1 and 2 above).
        for (FileKind kind : {FileKind::Database, FileKind::Wal, FileKind::Journal}) {
            if (source.lookalikes.contains(kind))
                continue;
            auto copied = copyOne(
                kind, companionPath(source.databasePath, kind), companionPath(staged.databasePath, kind),
                kind == FileKind::Database ? databaseImage : nullptr, source.header.pageSize, task);
            if (!copied)
                return copied.error();
            if (*copied)
                staged.files.append(**copied);
        }
        const SetMarkers after = readMarkers(source);
        lastSeen = after;
        staged.attempts = attempt;

        if (sameWalGeneration(before, after)) {
            staged.consistent = true;
            staged.rule = QStringLiteral("wal-generation");
        } else if (sameRollbackTransaction(before, after)) {
            staged.consistent = true;
            staged.rule = QStringLiteral("rollback-transaction");
        } else if (markersEqual(before, after) && before.database.exists) {
            auto same = stagedEqualsSource(staged.files, staged.databasePath, databaseImage, comparer,
                                           imageBuffer, task);
            if (!same)
                return same.error();
            staged.consistent = *same;
            staged.rule = QStringLiteral("unchanged");
        }
        if (staged.consistent)
            break;
        if (attempt < maxAttempts)
            pauseBeforeRetry(attempt, task);
    }
    if (!staged.consistent && strict)
        return Error{ErrorKind::ChangedTooOften,
                     QStringLiteral("the database kept changing: no stable copy in %1 attempts: %2")
                         .arg(maxAttempts)
                         .arg(source.databasePath)};
    if (auto settled = settleJournal(source, lastSeen, staged.databasePath); !settled)
        return settled.error();
    return staged;
}

} // namespace sqlsnap

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
#include "snapshot/waloverlay.h"

#include <QFile>
#include <QThread>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <fcntl.h>
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
                                            MemoryImage* image, qint64 pageSize, io::Writeback writeback,
                                            const io::CopiedChunk& onChunk, Task& task) {
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
                        : io::copyOpenFile(fd.get(), from, to, task, writeback, onChunk);
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

// The source's -wal, indexed before the attempt copies the main file, so that its committed frames are
// written into the staged file chunk by chunk as it is copied (waloverlay.h). Only when that file is to
// be published, the set is in WAL mode and rule 1 can decide; never on the last attempt, which is a
// plain copy whatever happened before.
struct WalDuringCopy {
    io::Fd wal;
    WalFrames frames;
    bool broken = false; // the source -wal could not be read back in full: the attempt is retried
};

Expected<std::optional<WalDuringCopy>> prepareWalDuringCopy(const DatabaseFiles& source,
                                                            const SetMarkers& before, Task& task) {
    if (!walOverlayEnabled() || source.lookalikes.contains(FileKind::Wal) || !before.wal.exists ||
        !headerSaysWal(before.database.head) || !parseWalHeader(before.wal.head).validMagic)
        return std::optional<WalDuringCopy>();
    const QString walPath = companionPath(source.databasePath, FileKind::Wal);
    int error = 0;
    WalDuringCopy during;
    during.wal = io::openReadOnly(walPath, &error);
    if (!during.wal.valid())
        return std::optional<WalDuringCopy>(); // gone meanwhile: the attempt copies without it
    auto frames = indexWal(during.wal.get(), walPath, task);
    if (!frames)
        return frames.error();
    if (frames->committedFrames == 0 || frames->header != before.wal.head ||
        frames->pageSize != quint32(source.header.pageSize))
        return std::optional<WalDuringCopy>();
    during.frames = std::move(*frames);
    return std::optional<WalDuringCopy>(std::move(during));
}

// The pages of the source's -wal between `first` and `last`, into the staged file open as `out`.
Status writeWalPages(WalDuringCopy& during, int out, const QString& stagedDb, qint64 first, qint64 last) {
    if (during.broken)
        return success();
    auto written = writeLatestFrames(during.frames, during.wal.get(), out, stagedDb, quint32(first),
                                     quint32(std::min<qint64>(last, UINT32_MAX)));
    if (!written)
        return written.error();
    during.broken = !*written;
    return success();
}

Status writePagesPastTheCopy(WalDuringCopy& during, qint64 copiedBytes, const QString& stagedDb) {
    io::Fd out(::open(io::encodePath(stagedDb).constData(), O_WRONLY | O_CLOEXEC));
    if (!out.valid())
        return io::writeError(errno, QStringLiteral("cannot open"), stagedDb);
    return writeWalPages(during, out.get(), stagedDb, copiedBytes / during.frames.pageSize + 1, UINT32_MAX);
}

// After rule 1 judged the attempt stable: the staged -wal holds the frames written during the copy
// (same header, same checksum at their last commit) and perhaps later commits, which are written now;
// the file is cut to the size of the last commit, as SQLite's checkpoint cuts it, and the staged -wal
// goes. False: the staged -wal does not bear out what was written (the attempt is retried).
Expected<bool> finishWalDuringCopy(const WalDuringCopy& during, const QString& stagedDb, Task& task) {
    const QString stagedWal = companionPath(stagedDb, FileKind::Wal);
    int error = 0;
    io::Fd wal = io::openReadOnly(stagedWal, &error);
    if (!wal.valid())
        return false;
    const WalFrames& written = during.frames;
    auto stored = storedFrameChecksum(wal.get(), stagedWal, written.pageSize, written.committedFrames - 1);
    if (!stored)
        return false; // shorter than what was written: not borne out (a plain attempt reports real errors)
    if (stored->first != written.checksum[0] || stored->second != written.checksum[1] ||
        io::readAt(wal.get(), 0, 32, &error) != written.header)
        return false;
    auto later = indexWal(wal.get(), stagedWal, task, &written);
    if (!later)
        return later.error();
    io::Fd out(::open(io::encodePath(stagedDb).constData(), O_WRONLY | O_CLOEXEC));
    if (!out.valid())
        return io::writeError(errno, QStringLiteral("cannot open"), stagedDb);
    auto laterWritten = writeLatestFrames(*later, wal.get(), out.get(), stagedDb, 1, UINT32_MAX);
    if (!laterWritten)
        return laterWritten.error();
    if (!*laterWritten)
        return false;
    if (::ftruncate(out.get(), off_t(later->databasePages) * later->pageSize) != 0)
        return io::writeError(errno, QStringLiteral("cannot write"), stagedDb);
    ::unlink(io::encodePath(stagedWal).constData());
    return true;
}

} // namespace

Expected<StagedSet> copyUntilStable(const DatabaseFiles& source, const QString& stagingDirectory, int retries,
                                    bool strict, Task& task, MemoryImage* databaseImage,
                                    io::Writeback databaseWriteback) {
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
        staged.walWritten = false;
        std::optional<WalDuringCopy> walDuringCopy;
        if (databaseWriteback == io::Writeback::Start && !databaseImage && attempt < maxAttempts) {
            auto prepared = prepareWalDuringCopy(source, before, task);
            if (!prepared)
                return prepared.error();
            walDuringCopy = std::move(*prepared);
        }
        // Each chunk of the main file gets the WAL's pages that fall in it before its writeback starts;
        // pages past the copied end (the WAL grew the database) follow the copy.
        io::CopiedChunk walPagesOfChunk;
        if (walDuringCopy)
            walPagesOfChunk = [&](int out, qint64 begin, qint64 end) {
                const qint64 pageSize = walDuringCopy->frames.pageSize;
                return writeWalPages(*walDuringCopy, out, staged.databasePath, begin / pageSize + 1,
                                     end / pageSize);
            };
        // Order matters: the main file first, then the WAL / journal (see rules 1 and 2 above).
        for (FileKind kind : {FileKind::Database, FileKind::Wal, FileKind::Journal}) {
            if (source.lookalikes.contains(kind))
                continue;
            auto copied = copyOne(
                kind, companionPath(source.databasePath, kind), companionPath(staged.databasePath, kind),
                kind == FileKind::Database ? databaseImage : nullptr, source.header.pageSize,
                kind == FileKind::Database ? databaseWriteback : io::Writeback::Deferred,
                kind == FileKind::Database ? walPagesOfChunk : io::CopiedChunk(), task);
            if (!copied)
                return copied.error();
            if (*copied)
                staged.files.append(**copied);
            if (kind == FileKind::Database && walDuringCopy && *copied)
                if (auto s = writePagesPastTheCopy(*walDuringCopy, (**copied).size, staged.databasePath); !s)
                    return s.error();
        }
        const SetMarkers after = readMarkers(source);
        lastSeen = after;
        staged.attempts = attempt;

        if (sameWalGeneration(before, after) && walDuringCopy && !walDuringCopy->broken) {
            auto finished = finishWalDuringCopy(*walDuringCopy, staged.databasePath, task);
            if (!finished)
                return finished.error();
            staged.consistent = staged.walWritten = *finished;
            staged.rule = QStringLiteral("wal-generation");
        } else if (walDuringCopy) {
            // The staged file holds WAL pages: only rule 1 can vouch for it. Retried.
        } else if (sameWalGeneration(before, after)) {
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

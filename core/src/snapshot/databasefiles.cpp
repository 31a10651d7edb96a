#include "sqlitesnapshot/databasefiles.h"

#include "base/task.h"
#include "io/posixio.h"

#include <QDir>
#include <QFileInfo>
#include <QtEndian>

#include <array>

#include <cerrno>
#include <fcntl.h>

namespace sqlsnap {
namespace {

constexpr char kSqliteMagic[] = "SQLite format 3"; // followed by a NUL: 16 bytes
constexpr unsigned char kJournalMagic[8] = {0xd9, 0xd5, 0x05, 0xf9, 0x20, 0xa1, 0x63, 0xd7};
constexpr qint64 kLockBytesOffset = 0x40000000; // PENDING; RESERVED +1; SHARED +2 .. +511

// Four bytes at `offset`, copied out one by one (0 past the end: callers check sizes first). Copying
// through a local array also keeps GCC's -Warray-bounds from reasoning about QByteArray's empty buffer.
std::array<uchar, 4> fourBytes(const QByteArray& bytes, int offset) {
    std::array<uchar, 4> b{};
    if (offset >= 0 && offset + 4 <= bytes.size())
        for (int i = 0; i < 4; ++i)
            b[size_t(i)] = uchar(bytes.at(offset + i));
    return b;
}

quint32 be32(const QByteArray& bytes, int offset) {
    return qFromBigEndian<quint32>(fourBytes(bytes, offset).data());
}

quint32 native32(const QByteArray& bytes, int offset) {
    return qFromUnaligned<quint32>(fourBytes(bytes, offset).data());
}

Error notADatabase(const QString& path, const QString& why) {
    return {ErrorKind::NotADatabase, QStringLiteral("not an SQLite database: %1 (%2)").arg(path, why)};
}

// F_GETLK on one byte range: which lock, if any, another process holds there.
short lockHeldAt(int fd, qint64 start, qint64 length) {
    struct flock probe {};
    probe.l_type = F_WRLCK; // asking about a write lock reports readers too
    probe.l_whence = SEEK_SET;
    probe.l_start = start;
    probe.l_len = length;
    if (::fcntl(fd, F_GETLK, &probe) != 0)
        return -1;
    return probe.l_type;
}

LockState readLockState(int fd) {
    const short pending = lockHeldAt(fd, kLockBytesOffset, 1);
    const short reserved = lockHeldAt(fd, kLockBytesOffset + 1, 1);
    const short shared = lockHeldAt(fd, kLockBytesOffset + 2, 510);
    if (pending < 0 || reserved < 0 || shared < 0)
        return LockState::Unknown;
    if (shared == F_WRLCK)
        return LockState::Exclusive;
    if (pending != F_UNLCK)
        return LockState::Pending;
    if (reserved != F_UNLCK)
        return LockState::Reserved;
    if (shared != F_UNLCK)
        return LockState::Shared;
    return LockState::None;
}

std::optional<FileEntry> entryFor(FileKind kind, const QString& path, Error* error) {
    const io::FileStat st = io::statPath(path);
    if (!st.exists) {
        if (st.error)
            *error = io::readError(st.error, path);
        return std::nullopt;
    }
    FileEntry entry;
    entry.kind = kind;
    entry.path = path;
    entry.size = st.size;
    entry.modified = QDateTime::fromMSecsSinceEpoch(st.mtimeNs / 1000000);
    return entry;
}

} // namespace

QString fileKindName(FileKind kind) {
    switch (kind) {
    case FileKind::Database:
        return QStringLiteral("database");
    case FileKind::Wal:
        return QStringLiteral("wal");
    case FileKind::Shm:
        return QStringLiteral("shm");
    case FileKind::Journal:
        return QStringLiteral("journal");
    case FileKind::SuperJournal:
        return QStringLiteral("super-journal");
    }
    return {};
}

QString lockStateName(LockState state) {
    switch (state) {
    case LockState::Unknown:
        return QStringLiteral("unknown");
    case LockState::None:
        return QStringLiteral("none");
    case LockState::Shared:
        return QStringLiteral("shared");
    case LockState::Reserved:
        return QStringLiteral("reserved");
    case LockState::Pending:
        return QStringLiteral("pending");
    case LockState::Exclusive:
        return QStringLiteral("exclusive");
    }
    return {};
}

QString DatabaseHeader::textEncodingName() const {
    switch (textEncoding) {
    case 1:
        return QStringLiteral("UTF-8");
    case 2:
        return QStringLiteral("UTF-16le");
    case 3:
        return QStringLiteral("UTF-16be");
    default:
        return QStringLiteral("unknown");
    }
}

Expected<DatabaseHeader> parseDatabaseHeader(const QByteArray& bytes, const QString& path) {
    if (bytes.isEmpty())
        return notADatabase(path, QStringLiteral("empty file"));
    if (bytes.size() < 16 || !bytes.startsWith(QByteArray(kSqliteMagic, sizeof kSqliteMagic)))
        return notADatabase(path, QStringLiteral("no SQLite header"));
    if (bytes.size() < 100)
        return notADatabase(path, QStringLiteral("file shorter than its 100-byte header"));
    DatabaseHeader h;
    const quint32 rawPageSize = qFromBigEndian<quint16>(bytes.constData() + 16);
    h.pageSize = rawPageSize == 1 ? 65536 : rawPageSize;
    if (h.pageSize < 512 || h.pageSize > 65536 || (h.pageSize & (h.pageSize - 1)) != 0)
        return notADatabase(path, QStringLiteral("invalid page size %1").arg(rawPageSize));
    h.writeVersion = quint8(bytes[18]);
    h.readVersion = quint8(bytes[19]);
    if (h.writeVersion < 1 || h.writeVersion > 2 || h.readVersion < 1 || h.readVersion > 2)
        return notADatabase(
            path, QStringLiteral("unknown file format version %1/%2").arg(h.writeVersion).arg(h.readVersion));
    h.changeCounter = be32(bytes, 24);
    h.pageCount = be32(bytes, 28);
    h.pageCountValid = h.pageCount != 0 && be32(bytes, 92) == h.changeCounter;
    h.textEncoding = be32(bytes, 56);
    h.userVersion = be32(bytes, 60);
    h.applicationId = be32(bytes, 68);
    h.sqliteVersion = be32(bytes, 96);
    return h;
}

JournalHeader parseJournalHeader(const QByteArray& bytes) {
    JournalHeader h;
    if (bytes.size() < 28)
        return h;
    h.validMagic = std::equal(std::begin(kJournalMagic), std::end(kJournalMagic),
                              reinterpret_cast<const unsigned char*>(bytes.constData()));
    h.recordCount = be32(bytes, 8);
    h.nonce = be32(bytes, 12);
    h.initialPageCount = be32(bytes, 16);
    h.sectorSize = be32(bytes, 20);
    h.pageSize = be32(bytes, 24);
    return h;
}

QString parseSuperJournalName(const QByteArray& journal) {
    // Layout at the very end: name, 4-byte length, 4-byte checksum, 8-byte journal magic.
    const qint64 size = journal.size();
    if (size < 16 + 4)
        return {};
    const auto* tail = reinterpret_cast<const unsigned char*>(journal.constData() + size - 8);
    if (!std::equal(std::begin(kJournalMagic), std::end(kJournalMagic), tail))
        return {};
    const quint32 length = be32(journal, int(size - 16));
    if (length == 0 || length > 4096 || qint64(length) > size - 16 - 4)
        return {};
    const QByteArray name = journal.mid(size - 16 - length, length);
    quint32 checksum = 0;
    for (char c : name)
        checksum += quint32(quint8(c));
    if (checksum != be32(journal, int(size - 12)))
        return {};
    const int nul = name.indexOf('\0');
    return QFile::decodeName(nul >= 0 ? name.left(nul) : name);
}

namespace {
QString readSuperJournalName(int journalFd, qint64 journalSize) {
    const qint64 tailSize = qMin<qint64>(journalSize, 16 + 4 + 4096);
    int error = 0;
    return parseSuperJournalName(io::readAt(journalFd, journalSize - tailSize, tailSize, &error));
}
} // namespace

WalHeader parseWalHeader(const QByteArray& bytes) {
    WalHeader h;
    if (bytes.size() < 32)
        return h;
    const quint32 magic = be32(bytes, 0);
    h.validMagic = magic == 0x377f0682 || magic == 0x377f0683;
    h.bigEndianChecksums = magic == 0x377f0683;
    h.formatVersion = be32(bytes, 4);
    h.pageSize = be32(bytes, 8);
    h.checkpointSequence = be32(bytes, 12);
    h.salt1 = be32(bytes, 16);
    h.salt2 = be32(bytes, 20);
    return h;
}

ShmHeader parseShmHeader(const QByteArray& bytes) {
    ShmHeader h;
    if (bytes.size() < 100)
        return h;
    h.valid = quint8(bytes[12]) != 0; // isInit
    h.change = native32(bytes, 8);
    h.maxFrame = native32(bytes, 16);
    h.pageCount = native32(bytes, 20);
    h.backfilled = native32(bytes, 96);
    return h;
}

const FileEntry* DatabaseFiles::find(FileKind kind) const {
    for (const FileEntry& f : files)
        if (f.kind == kind)
            return &f;
    return nullptr;
}

QString companionPath(const QString& databasePath, FileKind kind) {
    switch (kind) {
    case FileKind::Wal:
        return databasePath + QStringLiteral("-wal");
    case FileKind::Shm:
        return databasePath + QStringLiteral("-shm");
    case FileKind::Journal:
        return databasePath + QStringLiteral("-journal");
    default:
        return databasePath;
    }
}

namespace {
// `x-wal`, `x-shm`, `x-journal`: the database name it belongs to, or empty.
QString companionBase(const QString& absolute) {
    for (const char* suffix : {"-wal", "-shm", "-journal"}) {
        const QString s = QString::fromLatin1(suffix);
        if (absolute.endsWith(s) && absolute.size() > s.size() && !absolute.endsWith(QLatin1Char('/') + s))
            return absolute.chopped(s.size());
    }
    return {};
}

bool startsLikeDatabase(const QString& path) {
    return startsWithSqliteHeader(path);
}

} // namespace

bool startsWithSqliteHeader(const QString& path) {
    if (!io::statPath(path).regular) // a FIFO or device is never opened: opening one can block
        return false;
    int error = 0;
    return io::readHead(path, 16, &error).startsWith(QByteArray(kSqliteMagic, sizeof kSqliteMagic));
}

QString databasePathFor(const QString& path) {
    const QString absolute = QFileInfo(path).absoluteFilePath();
    const QString base = companionBase(absolute);
    if (base.isEmpty() || !io::statPath(base).regular)
        return absolute;
    if (startsLikeDatabase(absolute))
        return absolute; // a real database that merely has such a name
    return base;
}

namespace {
// The -shm is never copied: it can only tell that it exists. One we cannot read is a note, not an error.
void noteShm(DatabaseFiles& set, const QString& path, const io::FileStat& st) {
    if (!st.regular) {
        set.notes << QStringLiteral(
                         "%1 is %2, not a regular file: ignored (the snapshot never needs the -shm)")
                         .arg(path, io::fileTypeName(st.mode));
        return;
    }
    int error = 0;
    io::Fd fd = io::openReadOnly(path, &error);
    const QByteArray bytes = fd.valid() ? io::readAt(fd.get(), 0, 136, &error) : QByteArray();
    if (error) {
        set.notes << QStringLiteral("%1 cannot be read (%2): ignored (the snapshot never needs the -shm)")
                         .arg(path, io::describeErrno(error));
        return;
    }
    set.shm = parseShmHeader(bytes);
}
} // namespace

Expected<DatabaseFiles> inspectDatabase(const QString& input, const CancelToken& cancel) {
    if (cancel.isCancelled())
        return Task::cancelledError();
    DatabaseFiles set;
    set.databasePath = databasePathFor(input);
    // SQLite follows a symlinked database to its target and keeps the companions there: so do we.
    if (io::lstatPath(set.databasePath).symlink) {
        const QString target = QFileInfo(set.databasePath).canonicalFilePath();
        if (!target.isEmpty())
            set.databasePath = target;
    }
    const QString& path = set.databasePath;
    // Qt decodes file names as UTF-8 and replaces what is not: a name reached through a folder or a
    // symlink target that is not UTF-8 would silently become another name, maybe another file.
    if (path.contains(QChar::ReplacementCharacter))
        return Error{ErrorKind::InvalidArgument,
                     QStringLiteral("file name is not valid UTF-8 (or contains U+FFFD): %1").arg(path)};

    const io::FileStat st = io::statPath(path);
    if (!st.exists) {
        if (st.error)
            return io::readError(st.error, path);
        // `db-wal` given while `db` is gone: the database is what is missing, not a database named db-wal.
        const QString base = companionBase(path);
        if (!base.isEmpty() && !io::statPath(base).exists)
            return Error{ErrorKind::SourceMissing,
                         QStringLiteral("source not found: %1 (%2 is one of its companion files)")
                             .arg(base, QFileInfo(path).fileName())};
        return Error{ErrorKind::SourceMissing, QStringLiteral("source not found: %1").arg(path)};
    }
    if (st.directory)
        return notADatabase(path, QStringLiteral("it is a directory"));
    if (!st.regular)
        return notADatabase(path, QStringLiteral("not a regular file"));
    if (const QString base = companionBase(path);
        !base.isEmpty() && !io::statPath(base).exists && !startsLikeDatabase(path))
        return Error{ErrorKind::SourceMissing,
                     QStringLiteral("source not found: %1 (%2 is one of its companion files)")
                         .arg(base, QFileInfo(path).fileName())};

    int error = 0;
    io::Fd fd = io::openReadOnly(path, &error);
    if (!fd.valid())
        return io::readError(error, path);
    if (cancel.isCancelled())
        return Task::cancelledError();
    const QByteArray head = io::readAt(fd.get(), 0, 100, &error);
    if (error)
        return io::readError(error, path);
    auto header = parseDatabaseHeader(head, path);
    if (!header)
        return header.error();
    set.header = *header;
    set.lock = readLockState(fd.get());

    Error statError{ErrorKind::IoError, {}};
    if (auto db = entryFor(FileKind::Database, path, &statError))
        set.files.append(*db);
    for (FileKind kind : {FileKind::Wal, FileKind::Shm, FileKind::Journal}) {
        if (cancel.isCancelled())
            return Task::cancelledError();
        const QString companion = companionPath(path, kind);
        const io::FileStat cst = io::statPath(companion);
        if (!cst.exists) {
            if (!cst.error)
                continue;
            if (kind == FileKind::Shm) {
                set.notes << QStringLiteral(
                                 "%1 cannot be examined (%2): ignored (the snapshot never needs the -shm)")
                                 .arg(companion, io::describeErrno(cst.error));
                continue;
            }
            return io::readError(cst.error, companion);
        }
        FileEntry entry;
        entry.kind = kind;
        entry.path = companion;
        entry.size = cst.size;
        entry.modified = QDateTime::fromMSecsSinceEpoch(cst.mtimeNs / 1000000);
        if (kind == FileKind::Shm) {
            set.files.append(entry);
            noteShm(set, companion, cst);
            continue;
        }
        // A -wal or -journal is part of the committed state: one that is not a plain file, or that we
        // cannot read, must stop us at once (a snapshot without it could lose commits).
        if (!cst.regular)
            return io::notRegularError(companion, cst.mode);
        if (startsLikeDatabase(companion)) {
            set.lookalikes << kind;
            set.notes << QStringLiteral(
                             "%1 is an SQLite database of its own, not the %2 of %3: not copied (a "
                             "program that opens %3 with SQLite may take it for its %2 and delete it)")
                             .arg(companion,
                                  kind == FileKind::Wal ? QStringLiteral("-wal") : QStringLiteral("-journal"),
                                  QFileInfo(path).fileName());
            continue;
        }
        const qint64 want = kind == FileKind::Wal ? 32 : 28;
        error = 0;
        io::Fd companionFd = io::openReadOnly(companion, &error);
        if (error == ENOENT)
            continue; // vanished since the stat: a committed journal, say
        if (!companionFd.valid())
            return io::readError(error, companion);
        if (cancel.isCancelled())
            return Task::cancelledError();
        const QByteArray bytes = io::readAt(companionFd.get(), 0, want, &error);
        if (error)
            return io::readError(error, companion);
        set.files.append(entry);
        if (kind == FileKind::Wal)
            set.wal = parseWalHeader(bytes);
        else {
            set.journal = parseJournalHeader(bytes);
            if (set.journal->validMagic && !cancel.isCancelled())
                set.superJournalPath = readSuperJournalName(companionFd.get(), entry.size);
        }
    }
    // With nothing to replay, a file shorter than its header says is damaged (or still being copied).
    const qint64 expected = qint64(set.header.pageCount) * set.header.pageSize;
    if (set.header.pageCountValid && !set.find(FileKind::Wal) && !set.find(FileKind::Journal) &&
        st.size < expected)
        set.notes << QStringLiteral(
                         "%1 is shorter than its header says (%2 bytes, %3 pages of %4): truncated or "
                         "damaged; a snapshot of it will fail")
                         .arg(path)
                         .arg(st.size)
                         .arg(set.header.pageCount)
                         .arg(set.header.pageSize);
    if (cancel.isCancelled())
        return Task::cancelledError();
    if (!set.superJournalPath.isEmpty()) {
        if (auto super = entryFor(FileKind::SuperJournal, set.superJournalPath, &statError)) {
            set.superJournalExists = true;
            set.files.append(*super);
        }
    }
    return set;
}

} // namespace sqlsnap

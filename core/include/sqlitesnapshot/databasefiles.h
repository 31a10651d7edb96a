// Step 1 of a snapshot: find a database's files and read what their headers say, from the bytes alone.
#pragma once

#include "error.h"
#include "progress.h"

#include <QDateTime>
#include <QList>
#include <QString>
#include <QStringList>

#include <optional>

namespace sqlsnap {

enum class FileKind { Database, Wal, Shm, Journal, SuperJournal };
QString fileKindName(FileKind kind); // "database", "wal", "shm", "journal", "super-journal"

// What the main file's first 100 bytes say (SQLite file format, section 1.3).
struct DatabaseHeader {
    quint32 pageSize = 0;        // bytes; the on-disk value 1 means 65536
    quint32 pageCount = 0;       // in-header database size, valid only if pageCountValid
    bool pageCountValid = false; // "version-valid-for" (offset 92) equals the change counter (24)
    quint8 writeVersion = 0;     // 1 rollback journal, 2 WAL (offset 18)
    quint8 readVersion = 0;      // offset 19
    quint32 changeCounter = 0;
    quint32 textEncoding = 0; // 1 UTF-8, 2 UTF-16le, 3 UTF-16be
    quint32 userVersion = 0;
    quint32 applicationId = 0;
    quint32 sqliteVersion = 0; // SQLITE_VERSION_NUMBER that last wrote the file

    // SQLite decides from the read version (offset 19): 2/1 is a rollback-mode database.
    bool isWal() const { return readVersion == 2; }
    QString journalFormat() const { return isWal() ? QStringLiteral("wal") : QStringLiteral("rollback"); }
    QString textEncodingName() const;
};

// Parses the first 100 bytes of a database file. Fails with NotADatabase on bad magic or a page size
// SQLite would reject. `bytes` may be shorter than 100 (then: not a database).
Expected<DatabaseHeader> parseDatabaseHeader(const QByteArray& bytes, const QString& pathForMessages);

struct JournalHeader {
    bool validMagic = false; // false: zeroed (committed PERSIST/exclusive journal) or garbage
    quint32 recordCount = 0;
    quint32 nonce = 0;
    quint32 initialPageCount = 0;
    quint32 sectorSize = 0;
    quint32 pageSize = 0;
};
JournalHeader parseJournalHeader(const QByteArray& bytes);

// The super-journal name stored at the end of a rollback journal (multi-database transactions), or
// an empty string. `journalTail` is the end of the journal (at least its last 16 + name bytes).
QString parseSuperJournalName(const QByteArray& journalTail);

struct WalHeader {
    bool validMagic = false;
    bool bigEndianChecksums = false;
    quint32 formatVersion = 0;
    quint32 pageSize = 0;
    quint32 checkpointSequence = 0;
    quint32 salt1 = 0;
    quint32 salt2 = 0;
};
WalHeader parseWalHeader(const QByteArray& bytes);

struct ShmHeader {
    bool valid = false;
    quint32 change = 0;   // iChange: +1 per commit
    quint32 maxFrame = 0; // mxFrame: last valid frame in the WAL
    quint32 pageCount = 0;
    quint32 backfilled = 0; // nBackfill: frames already copied into the database
};
ShmHeader parseShmHeader(const QByteArray& bytes);

struct FileEntry {
    FileKind kind = FileKind::Database;
    QString path;
    qint64 size = 0;
    QDateTime modified;
};

// Who holds SQLite's POSIX advisory locks on the database right now (read with F_GETLK, which
// neither takes nor disturbs a lock). Unknown where that cannot be asked.
enum class LockState { Unknown, None, Shared, Reserved, Pending, Exclusive };
QString lockStateName(LockState state);

struct DatabaseFiles {
    QString databasePath; // absolute, as the user named it (a companion given as input maps here)
    DatabaseHeader header;
    QList<FileEntry> files; // the database first, then each companion that exists
    std::optional<JournalHeader> journal;
    std::optional<WalHeader> wal;
    std::optional<ShmHeader> shm;
    QString superJournalPath; // named by a hot journal, if any
    bool superJournalExists = false;
    LockState lock = LockState::Unknown;
    // Things worth saying that do not stop a snapshot, one line each (an -shm that cannot be read).
    QStringList notes;
    // Companion names held by files that are SQLite databases themselves (`notes-journal` beside
    // `notes`): not part of this set, never copied, and said in `notes`.
    QList<FileKind> lookalikes;

    const FileEntry* find(FileKind kind) const;
    bool hasHotJournal() const { return journal && journal->validMagic && find(FileKind::Journal); }
    // WAL format, a -wal beside it, and no -shm. What it means depends on the lock found: held now, a
    // program has it open with locking_mode=EXCLUSIVE; none, the program that wrote it stopped without
    // closing it (crashed or killed) and its committed changes are still only in the -wal.
    bool walWithoutShm() const { return header.isWal() && find(FileKind::Wal) && !find(FileKind::Shm); }
    bool heldExclusively() const {
        return walWithoutShm() && lock != LockState::None && lock != LockState::Unknown;
    }
    bool walLeftBehind() const { return walWithoutShm() && lock == LockState::None; }
    // The main file's header describes the database only up to the last checkpoint: with a -wal that
    // holds frames, page count and text encoding may be newer there ("not yet in the main file").
    bool headerMayBeStale() const {
        const FileEntry* w = find(FileKind::Wal);
        return header.isWal() && w && w->size > 32;
    }
};

// Whether `path` is a regular file that starts with SQLite's 16-byte magic. Quick and safe on anything:
// a FIFO, socket or device is never opened (opening a FIFO blocks until a writer comes).
bool startsWithSqliteHeader(const QString& path);

// The database a path stands for: `x-wal`, `x-shm` and `x-journal` map to `x` when `x` exists and the
// path itself is not an SQLite database. Other paths are returned as they are (made absolute).
QString databasePathFor(const QString& path);

// The companion path of a database for a kind (`db-wal`, …); exact names, no globbing.
QString companionPath(const QString& databasePath, FileKind kind);

// Whether `destination` is one of the database's own files (the database, its -wal, -shm or -journal, and
// `superJournal` when given) by any route: the same name, `..`, a symlinked folder, a symlink (dangling
// too) or a hard link. It stats a handful of paths. The one alias check: snapshots and the app use it.
bool namesFileOfDatabase(const QString& databasePath, const QString& destination,
                         const QString& superJournal = {});

// Reads the set without opening any SQLite connection. Errors: SourceMissing, NotADatabase (also for
// a directory, a 0-byte or short file), Unreadable (the database or a companion cannot be read),
// Cancelled (`cancel` is checked before each file and each read; a cancelled token stops it at once).
Expected<DatabaseFiles> inspectDatabase(const QString& path, const CancelToken& cancel = {});

} // namespace sqlsnap

// verifySnapshot(): a snapshot file checked and hashed in place, read only.
#include "sqlitesnapshot/databasefiles.h"
#include "sqlitesnapshot/verification.h"

#include "base/sqlitedb.h"
#include "base/task.h"
#include "io/posixio.h"
#include "read/inplace.h"
#include "snapshot/verify.h"
#include "verify/meteredvfs.h"

#include <QFileInfo>

#include <sqlite3.h>

#include <algorithm>

namespace sqlsnap {
namespace {

FileIdentity identityOf(const io::FileStat& stat) {
    return {stat.size, stat.mtimeNs, quint64(stat.inode), quint64(stat.device)};
}

// SQLite 3.40 walks every b-tree inside one VM instruction, where its progress handler does not run:
// the reads it makes meanwhile (through the metered VFS) are the progress, and the moments to see a
// cancel that only a polled sink knows of (the CLI's signal flag) and to interrupt the check.
Expected<IntegrityVerdict> checkIntegrity(const QString& path, qint64 pageSize, qint64 pages, Task& task) {
    task.setPhase(Phase::Verifying);
    task.progress().pagesTotal = pages;
    task.report();
    const QString uri = immutableUri(path) + QStringLiteral("&vfs=") + QLatin1String(meteredVfsName());
    auto db = SqliteDb::open(uri, SQLITE_OPEN_READONLY | SQLITE_OPEN_URI);
    if (!db)
        return Error{db.error().kind, QString(db.error().message).replace(uri, path)};
    if (auto s = db->exec(QStringLiteral("PRAGMA query_only=1")); !s)
        return s.error();
    sqlite3* handle = db->get();
    const ReadMeter meter(4 * 1024 * 1024, [&task, handle, pageSize, pages](qint64 bytesRead) {
        // Pages read again (the index checks, beyond the page cache) do not count twice.
        task.progress().pagesDone = std::min(pages, pageSize > 0 ? bytesRead / pageSize : 0);
        task.report();
        if (task.cancelled())
            sqlite3_interrupt(handle);
    });
    auto verdict = integrityCheck(*db, task);
    db->watchCancellation(nullptr);
    if (verdict) {
        // One line of SQLite's words: without our URI ("file:…?immutable=1: database disk image is
        // malformed") and without the heading of the only database there is.
        verdict->report.remove(uri + QStringLiteral(": "));
        verdict->report.remove(QStringLiteral("*** in database main ***\n"));
        verdict->report.replace(QLatin1Char('\n'), QStringLiteral("; "));
    }
    if (task.cancelled()) // an interrupted walk may still answer: a verdict on part of the file
        return Task::cancelledError();
    if (verdict)
        task.progress().pagesDone = pages;
    return verdict;
}

} // namespace

std::optional<FileIdentity> fileIdentity(const QString& path) {
    const io::FileStat stat = io::statPath(path);
    if (!stat.exists || stat.error)
        return std::nullopt;
    return identityOf(stat);
}

Expected<Verification> verifySnapshot(const QString& path, ProgressSink* sink) {
    Task task(sink);
    task.setPhase(Phase::Inspecting);
    const QString absolute = QFileInfo(path).absoluteFilePath();
    const io::FileStat stat = io::statPath(absolute);
    if (!stat.exists && !stat.error)
        return Error{ErrorKind::SourceMissing, QStringLiteral("no such file: %1").arg(absolute)};
    if (stat.directory)
        return Error{ErrorKind::NotADatabase,
                     QStringLiteral("a directory, not a snapshot: %1").arg(absolute)};
    auto files = inspectDatabase(absolute, task.cancelToken());
    if (!files)
        return files.error();
    if (files->databasePath != absolute) // `x-wal` names x: verify what was named, never another file
        return Error{ErrorKind::NotADatabase, QStringLiteral("not an SQLite database: %1").arg(absolute)};
    // The main file alone would be judged without the changes its companions hold.
    if (files->find(FileKind::Wal) || files->find(FileKind::Journal))
        return Error{ErrorKind::InvalidArgument,
                     QStringLiteral("not a self-contained snapshot (it needs its -wal or -journal): %1")
                         .arg(absolute)};

    const FileMarkers before = readFileMarkers(absolute);
    const qint64 pageSize = files->header.pageSize;
    const qint64 pages = files->header.pageCountValid ? files->header.pageCount
                         : pageSize > 0               ? before.stat.size / pageSize
                                                      : 0;
    auto integrity = checkIntegrity(absolute, pageSize, pages, task);
    if (!integrity && integrity.error().kind == ErrorKind::Cancelled)
        return integrity.error(); // never wrapped: the message stays "cancelled"
    if (!integrity)
        return Error{integrity.error().kind,
                     QStringLiteral("cannot verify %1: %2").arg(absolute, integrity.error().message)};
    auto sha = sha256File(absolute, task);
    if (!sha)
        return sha.error();
    // Any commit or replacement changes one of these: the verdict and the hash would be of two files.
    if (!(readFileMarkers(absolute) == before))
        return Error{ErrorKind::Inconsistent,
                     QStringLiteral("%1 changed while it was verified; verify it again").arg(absolute)};

    Verification v;
    v.path = QFileInfo(absolute).canonicalFilePath();
    v.integrity = *integrity;
    v.sha256 = *sha;
    v.bytes = before.stat.size;
    v.identity = identityOf(before.stat);
    v.checkedAt = QDateTime::currentDateTimeUtc();
    task.setPhase(Phase::Done);
    return v;
}

} // namespace sqlsnap

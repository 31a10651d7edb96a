#include "snapshot/verify.h"

#include "base/task.h"
#include "io/posixio.h"

#include <QCryptographicHash>

#include <sqlite3.h>

namespace sqlsnap {

Expected<IntegrityVerdict> integrityCheck(SqliteDb& db, Task& task) {
    db.watchCancellation(&task);
    auto rows = db.queryColumn(QStringLiteral("PRAGMA integrity_check(20)"));
    if (!rows) {
        // A badly damaged file makes the check itself fail: that is a verdict, not an I/O problem.
        if (rows.error().kind == ErrorKind::Corrupt || rows.error().kind == ErrorKind::NotADatabase)
            return IntegrityVerdict{rows.error().message};
        if (rows.error().kind == ErrorKind::Cancelled)
            return rows.error();
        // The check could not run (a collation or module this SQLite lacks): say which, without the path
        // of the connection (a staged copy's name means nothing to anyone).
        return Error{rows.error().kind, QStringLiteral("PRAGMA integrity_check could not run: %1")
                                            .arg(QString::fromUtf8(sqlite3_errmsg(db.get())))};
    }
    return IntegrityVerdict{rows->join(QStringLiteral("; "))};
}

Expected<QString> sha256File(const QString& path, Task& task) {
    task.setPhase(Phase::Hashing);
    int error = 0;
    io::Fd fd = io::openReadOnly(path, &error);
    if (!fd.valid())
        return io::readError(error, path);
    task.progress().bytesTotal = io::statFd(fd.get()).size;
    QCryptographicHash hash(QCryptographicHash::Sha256);
    constexpr qint64 chunk = 4 * 1024 * 1024;
    for (qint64 offset = 0;; offset += chunk) {
        if (task.cancelled())
            return Task::cancelledError();
        const QByteArray bytes = io::readAt(fd.get(), offset, chunk, &error);
        if (error)
            return io::readError(error, path);
        hash.addData(bytes);
        task.progress().bytesDone += bytes.size();
        task.report();
        if (bytes.size() < chunk)
            break;
    }
    return QString::fromLatin1(hash.result().toHex());
}

Expected<VerifiedFile> verifyFile(const QString& path, Task& task) {
    task.setPhase(Phase::Verifying);
    VerifiedFile v;
    {
        auto db = SqliteDb::open(path, SQLITE_OPEN_READONLY);
        if (!db)
            return db.error();
        auto integrity = integrityCheck(*db, task);
        if (!integrity)
            return integrity.error();
        v.integrity = *integrity;
    }
    auto sha = sha256File(path, task);
    if (!sha)
        return sha.error();
    v.sha256 = *sha;
    return v;
}

} // namespace sqlsnap

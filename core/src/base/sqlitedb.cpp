#include "base/sqlitedb.h"

#include "io/posixio.h"
#include "base/task.h"

#include <sqlite3.h>

#include <cerrno>

namespace sqlsnap {

Error sqliteError(sqlite3* db, int rc, const QString& context) {
    const int extended = db ? sqlite3_extended_errcode(db) : rc;
    const QString detail = db ? QString::fromUtf8(sqlite3_errmsg(db)) : QString::fromUtf8(sqlite3_errstr(rc));
    const int systemErrno = db ? sqlite3_system_errno(db) : 0;
    ErrorKind kind = ErrorKind::SqliteError;
    switch (rc & 0xff) {
    case SQLITE_NOTADB:
        kind = ErrorKind::NotADatabase;
        break;
    case SQLITE_CORRUPT:
        kind = ErrorKind::Corrupt;
        break;
    case SQLITE_FULL:
        kind = ErrorKind::DiskFull;
        break;
    case SQLITE_BUSY:
    case SQLITE_LOCKED:
        kind = ErrorKind::Locked;
        break;
    case SQLITE_INTERRUPT:
        return Task::cancelledError();
    case SQLITE_PERM:
    case SQLITE_READONLY:
        kind = ErrorKind::PermissionDenied;
        break;
    case SQLITE_CANTOPEN:
    case SQLITE_IOERR:
        kind = ErrorKind::IoError;
        if (systemErrno == ENOSPC || systemErrno == EDQUOT || systemErrno == EFBIG)
            kind = ErrorKind::DiskFull;
        else if (systemErrno == EACCES || systemErrno == EPERM || systemErrno == EROFS)
            kind = ErrorKind::PermissionDenied;
        break;
    default:
        break;
    }
    Q_UNUSED(extended);
    QString message = context + QStringLiteral(": ") + detail;
    // SQLite's own words ("unable to open database file", "disk I/O error") hide the cause: add the
    // system's ("too many open files", "file too large").
    if (systemErrno != 0 &&
        ((rc & 0xff) == SQLITE_CANTOPEN || (rc & 0xff) == SQLITE_IOERR || (rc & 0xff) == SQLITE_FULL))
        message = context + QStringLiteral(": ") + io::describeErrno(systemErrno);
    else if (kind == ErrorKind::DiskFull)
        message = context + QStringLiteral(": no space left on device");
    return {kind, message};
}

Expected<SqliteDb> SqliteDb::open(const QString& path, int flags) {
    sqlite3* db = nullptr;
    const int rc = sqlite3_open_v2(path.toUtf8().constData(), &db, flags | SQLITE_OPEN_NOFOLLOW, nullptr);
    if (rc != SQLITE_OK) {
        Error e = sqliteError(db, rc, QStringLiteral("cannot open %1").arg(path));
        sqlite3_close_v2(db);
        return e;
    }
    sqlite3_extended_result_codes(db, 1);
    return SqliteDb(db, path);
}

SqliteDb& SqliteDb::operator=(SqliteDb&& other) noexcept {
    if (this != &other) {
        m_interruption.reset(); // no cancel may reach the handle once it closes
        if (m_db)
            sqlite3_close_v2(m_db);
        m_db = other.m_db;
        m_path = std::move(other.m_path);
        m_interruption = std::move(other.m_interruption);
        other.m_db = nullptr;
    }
    return *this;
}

SqliteDb::~SqliteDb() {
    m_interruption.reset();
    if (m_db)
        sqlite3_close_v2(m_db);
}

void SqliteDb::watchCancellation(Task* task) {
    m_interruption.reset();
    if (!task) {
        sqlite3_progress_handler(m_db, 0, nullptr, nullptr);
        return;
    }
    sqlite3_progress_handler(
        m_db, 2000, [](void* t) { return static_cast<Task*>(t)->cancelled() ? 1 : 0; }, task);
    if (const CancelToken* token = task->token()) {
        sqlite3* db = m_db;
        m_interruption = std::make_unique<CancelToken::Interruption>(*token, [db] { sqlite3_interrupt(db); });
    }
}

Status SqliteDb::exec(const QString& sql) {
    char* message = nullptr;
    const int rc = sqlite3_exec(m_db, sql.toUtf8().constData(), nullptr, nullptr, &message);
    sqlite3_free(message);
    if (rc != SQLITE_OK)
        return sqliteError(m_db, rc, m_path);
    return success();
}

Expected<QStringList> SqliteDb::queryColumn(const QString& sql) {
    auto stmt = Statement::prepare(m_db, sql);
    if (!stmt)
        return Error{stmt.error().kind, m_path + QStringLiteral(": ") + stmt.error().message};
    QStringList rows;
    for (;;) {
        const int rc = sqlite3_step(stmt->get());
        if (rc == SQLITE_DONE)
            return rows;
        if (rc != SQLITE_ROW)
            return sqliteError(m_db, rc, m_path);
        rows << QString::fromUtf8(reinterpret_cast<const char*>(sqlite3_column_text(stmt->get(), 0)));
    }
}

Expected<qint64> SqliteDb::queryInt(const QString& sql) {
    auto stmt = Statement::prepare(m_db, sql);
    if (!stmt)
        return Error{stmt.error().kind, m_path + QStringLiteral(": ") + stmt.error().message};
    const int rc = sqlite3_step(stmt->get());
    if (rc == SQLITE_ROW)
        return qint64(sqlite3_column_int64(stmt->get(), 0));
    if (rc == SQLITE_DONE)
        return Error{ErrorKind::SqliteError, QStringLiteral("%1: no result for %2").arg(m_path, sql)};
    return sqliteError(m_db, rc, m_path);
}

Expected<QString> SqliteDb::queryText(const QString& sql) {
    auto rows = queryColumn(sql);
    if (!rows)
        return rows.error();
    return rows->value(0);
}

Status SqliteDb::close() {
    m_interruption.reset();
    if (!m_db)
        return success();
    const int rc = sqlite3_close(m_db);
    if (rc != SQLITE_OK)
        return sqliteError(m_db, rc, QStringLiteral("cannot close %1").arg(m_path));
    m_db = nullptr;
    return success();
}

Expected<Statement> Statement::prepare(sqlite3* db, const QString& sql) {
    Statement s;
    const QByteArray utf8 = sql.toUtf8();
    const int rc = sqlite3_prepare_v2(db, utf8.constData(), int(utf8.size()), &s.m_stmt, nullptr);
    if (rc != SQLITE_OK)
        return sqliteError(db, rc, QStringLiteral("cannot prepare"));
    return s;
}

Statement& Statement::operator=(Statement&& other) noexcept {
    if (this != &other) {
        sqlite3_finalize(m_stmt);
        m_stmt = other.m_stmt;
        other.m_stmt = nullptr;
    }
    return *this;
}

Statement::~Statement() {
    sqlite3_finalize(m_stmt);
}

} // namespace sqlsnap

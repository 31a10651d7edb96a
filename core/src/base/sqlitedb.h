// RAII around an sqlite3 connection, with error mapping to the engine's Error kinds.
#pragma once

#include "sqlitesnapshot/error.h"
#include "sqlitesnapshot/progress.h"

#include <QString>
#include <QStringList>

#include <memory>
#include <utility>

struct sqlite3;
struct sqlite3_stmt;

namespace sqlsnap {
class Task;

// An Error from SQLite's result code, extended code and errno: disk full, corrupt, not a database, ….
Error sqliteError(sqlite3* db, int rc, const QString& context);

class SqliteDb {
public:
    // flags are sqlite3_open_v2 flags. Opening never creates a missing file unless SQLITE_OPEN_CREATE.
    static Expected<SqliteDb> open(const QString& path, int flags);

    SqliteDb(SqliteDb&& other) noexcept
        : m_db(other.m_db), m_path(std::move(other.m_path)), m_interruption(std::move(other.m_interruption)) {
        other.m_db = nullptr;
    }
    SqliteDb& operator=(SqliteDb&& other) noexcept;
    SqliteDb(const SqliteDb&) = delete;
    SqliteDb& operator=(const SqliteDb&) = delete;
    ~SqliteDb();

    sqlite3* get() const { return m_db; }
    const QString& path() const { return m_path; }

    // While set, long statements stop with Cancelled once the task is cancelled: polled by SQLite's
    // progress handler, and, when the task has a CancelToken, at once through sqlite3_interrupt (which
    // also stops a single long step such as count(*)). Null stops watching.
    void watchCancellation(Task* task);

    Status exec(const QString& sql);
    // Every row's first column as text (for PRAGMAs that answer with a list).
    Expected<QStringList> queryColumn(const QString& sql);
    Expected<qint64> queryInt(const QString& sql);
    Expected<QString> queryText(const QString& sql);

    Status close(); // reports an error the destructor would swallow
    sqlite3* release() { // the caller closes it
        m_interruption.reset();
        return std::exchange(m_db, nullptr);
    }

private:
    SqliteDb(sqlite3* db, QString path) : m_db(db), m_path(std::move(path)) {}
    sqlite3* m_db = nullptr;
    QString m_path;
    std::unique_ptr<CancelToken::Interruption> m_interruption; // reset before the handle closes
};

// A prepared statement, finalized on destruction.
class Statement {
public:
    Statement() = default;
    static Expected<Statement> prepare(sqlite3* db, const QString& sql);
    Statement(Statement&& other) noexcept : m_stmt(other.m_stmt) { other.m_stmt = nullptr; }
    Statement& operator=(Statement&& other) noexcept;
    Statement(const Statement&) = delete;
    Statement& operator=(const Statement&) = delete;
    ~Statement();
    sqlite3_stmt* get() const { return m_stmt; }

private:
    sqlite3_stmt* m_stmt = nullptr;
};

} // namespace sqlsnap

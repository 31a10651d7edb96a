#include "demodatabase.h"

#include <QFile>

#include <sqlite3.h>

namespace {
bool exec(sqlite3* db, const char* sql, QString* error) {
    char* message = nullptr;
    if (sqlite3_exec(db, sql, nullptr, nullptr, &message) == SQLITE_OK)
        return true;
    *error = QString::fromUtf8(message ? message : sqlite3_errmsg(db));
    sqlite3_free(message);
    return false;
}
} // namespace

QString createDemoDatabase(const QString& folder, QString* error) {
    const QString path = folder + QStringLiteral("/demo.sqlite");
    for (const char* suffix : {"", "-wal", "-shm", "-journal"})
        QFile::remove(path + QString::fromLatin1(suffix));
    sqlite3* db = nullptr;
    if (sqlite3_open(path.toUtf8().constData(), &db) != SQLITE_OK) {
        *error = QString::fromUtf8(sqlite3_errmsg(db));
        sqlite3_close(db);
        return {};
    }
    // Closing must not checkpoint: the last transaction stays in the -wal, as in a program still running.
    sqlite3_db_config(db, SQLITE_DBCONFIG_NO_CKPT_ON_CLOSE, 1, nullptr);
    const bool ok =
        exec(db, "PRAGMA journal_mode=WAL; PRAGMA wal_autocheckpoint=0;", error) &&
        exec(db,
             "BEGIN;"
             "CREATE TABLE customers(id INTEGER PRIMARY KEY, name TEXT NOT NULL, email TEXT UNIQUE, "
             "  country TEXT, joined TEXT, notes TEXT);"
             "CREATE TABLE orders(id INTEGER PRIMARY KEY, customer INTEGER REFERENCES customers(id), "
             "  placed TEXT NOT NULL, total REAL, status TEXT);"
             "CREATE INDEX orders_customer ON orders(customer);"
             "CREATE TABLE attachments(id INTEGER PRIMARY KEY, name TEXT, mime TEXT, content BLOB);"
             "CREATE TABLE \"settings (per user)\"(key TEXT PRIMARY KEY, value) WITHOUT ROWID;"
             "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 2000) "
             "INSERT INTO customers SELECT i, "
             "  (SELECT value FROM "
             "json_each('[\"Ada\",\"Grace\",\"Linus\",\"Margaret\",\"Ken\",\"Barbara\"]') "
             "   WHERE key = i % 6) || ' ' || char(65 + i % 26) || '.', "
             "  'user' || i || '@example.org', "
             "  (SELECT value FROM json_each('[\"DE\",\"FR\",\"JP\",\"BR\",\"US\",\"IN\",\"NG\"]') WHERE key "
             "= i % 7), "
             "  date('2015-01-01', '+' || (i * 3) || ' days'), "
             "  CASE WHEN i % 5 = 0 THEN NULL WHEN i % 7 = 0 THEN '' ELSE 'Prefers e-mail.' || char(10) || "
             "  'Second line of a longer note about customer ' || i END FROM n;"
             "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 120000) "
             "INSERT INTO orders SELECT i, 1 + (i * 7919) % 2000, "
             "  datetime('2020-01-01', '+' || (i * 13) || ' minutes'), round(5 + (i * 37 % 50000) / 100.0, "
             "2), "
             "  (SELECT value FROM json_each('[\"open\",\"paid\",\"shipped\",\"returned\"]') WHERE key = i % "
             "4) "
             "FROM n;"
             "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 40) "
             "INSERT INTO attachments SELECT i, 'scan-' || i || '.png', 'image/png', "
             "  CAST(x'89504E470D0A1A0A' || randomblob(1000 + i * 500) AS BLOB) FROM n;"
             "INSERT INTO \"settings (per user)\" VALUES('theme', 'dark'), ('page size', 50), ('beta', NULL);"
             "CREATE VIEW big_orders AS SELECT o.id, c.name, o.total FROM orders o JOIN customers c "
             "  ON c.id = o.customer WHERE o.total > 400;"
             "COMMIT;",
             error) &&
        exec(db, "PRAGMA wal_checkpoint(TRUNCATE);", error) &&
        // Committed after the checkpoint: these live only in the -wal until someone checkpoints.
        exec(db,
             "BEGIN; UPDATE orders SET status = 'paid' WHERE id % 10 = 0;"
             "INSERT INTO customers(name, email, country, joined, notes) VALUES "
             "('Only In The WAL', 'wal@example.org', 'NZ', date('now'), 'Added after the last checkpoint');"
             "COMMIT;",
             error);
    sqlite3_close(db);
    return ok ? path : QString();
}

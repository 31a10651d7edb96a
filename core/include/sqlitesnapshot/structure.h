// What a snapshot is made of: every schema object with its SQL, the database's facts from its header
// and pragmas, and (a slower call) the space each table and index takes. SnapshotReader answers these.
#pragma once

#include <QList>
#include <QString>

namespace sqlsnap {

struct SchemaObject {
    // "table", "view", "index", "trigger", "virtual" (CREATE VIRTUAL TABLE) or "shadow" (a table a
    // virtual table keeps its data in).
    QString type;
    QString name;
    QString table;          // the table an index or trigger belongs to (tbl_name); the name itself for tables
    QString sql;            // the CREATE statement; empty for automatic indexes (UNIQUE, PRIMARY KEY)
    bool automatic = false; // sqlite_autoindex_…: made by SQLite for a constraint
};

struct DatabaseFacts {
    int pageSize = 0;
    qint64 pageCount = 0;
    qint64 freelistPages = 0; // pages free for reuse: space VACUUM would give back
    QString encoding;         // "UTF-8", "UTF-16le", "UTF-16be"
    qint64 userVersion = 0;   // PRAGMA user_version: the application's own schema version
    qint64 applicationId = 0; // PRAGMA application_id: which application's file format
    qint64 schemaVersion = 0; // PRAGMA schema_version: bumped by SQLite on every schema change
    QString autoVacuum;       // "none", "full", "incremental"
    qint64 fileBytes() const { return qint64(pageSize) * pageCount; }
};

struct DatabaseStructure {
    DatabaseFacts facts;
    QList<SchemaObject> objects; // in sqlite_schema order: type, then name
};

// The space one b-tree (a table or an index) takes, as SQLite's dbstat counts it.
struct ObjectSize {
    QString name;
    qint64 pages = 0;
    qint64 bytes = 0;   // pages × page size
    qint64 payload = 0; // bytes of the rows or keys themselves
};

} // namespace sqlsnap

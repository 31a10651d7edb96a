// Reading a database in place without taking a lock (SQLite's immutable=1), and proving afterwards that
// nothing changed while it was read: shared by listTables() and the query console.
#pragma once

#include "sqlitesnapshot/databasefiles.h"

#include "io/posixio.h"

#include <QByteArray>
#include <QString>

namespace sqlsnap {

// What must stay the same while a plain file is read in place: any commit changes the header's change
// counter (and the size or mtime), and a transaction that starts writes its journal before the file.
struct FileMarkers {
    io::FileStat stat;
    QByteArray header;
    bool journal = false;
    bool operator==(const FileMarkers& o) const {
        return stat.exists && o.stat.exists && stat.inode == o.stat.inode && stat.device == o.stat.device &&
               stat.size == o.stat.size && stat.mtimeNs == o.stat.mtimeNs && header == o.header &&
               journal == o.journal;
    }
};

FileMarkers readFileMarkers(const QString& path);

// A rollback-mode file with nothing beside it and no writer holding a lock can be read in place with
// `immutable=1`: SQLite then takes no lock at all and creates no file, so no writer can see SQLITE_BUSY
// because of us. Anything else (WAL format, a -wal or -journal, a lock beyond SHARED) is read from a
// private staged copy.
bool readableInPlace(const DatabaseFiles& files);

// The URI that opens `path` that way (with SQLITE_OPEN_READONLY | SQLITE_OPEN_URI).
QString immutableUri(const QString& path);

} // namespace sqlsnap

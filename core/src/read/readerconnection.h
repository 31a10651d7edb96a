// The connection a SnapshotReader owns, for the engine's other readers (the query console, which defines
// it): opened read-only with query_only by SnapshotReader::open, which refused a file that needs a -wal
// or journal. The caller uses it on the reader's thread, between the reader's calls, as the reader would.
#pragma once

#include "base/sqlitedb.h"

#include "sqlitesnapshot/reader.h"

namespace sqlsnap {

SqliteDb& readerConnection(SnapshotReader& reader);

} // namespace sqlsnap

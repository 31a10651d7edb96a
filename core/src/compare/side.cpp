#include "compare/side.h"

#include "read/schema.h"
#include "snapshot/steps.h"

#include <QDir>
#include <QFileInfo>

#include <sqlite3.h>

namespace sqlsnap::compare {

Expected<Side> prepareSide(const QString& path, Task& task) {
    auto files = inspectSource(path, task);
    if (!files)
        return files.error();
    Side side;
    side.path = files->databasePath;
    if (readableInPlace(*files)) {
        side.readPath = side.path;
        side.markers = readFileMarkers(side.path);
        return side;
    }
    io::sweepAbandonedStaging(QDir::tempPath());
    Cleanup cleanup;
    auto staged = stageAndOpen(*files, QDir::tempPath(), SnapshotOptions{}, cleanup, task);
    if (!staged)
        return staged.error();
    if (auto s = staged->db.close(); !s)
        return s.error();
    side.readPath = staged->staged.databasePath;
    side.staging = std::move(cleanup.staging);
    return side;
}

Expected<SqliteDb> connectSide(const Side& side) {
    const QString uri = immutableUri(side.readPath);
    auto db = SqliteDb::open(uri, SQLITE_OPEN_READONLY | SQLITE_OPEN_URI);
    if (!db)
        return Error{db.error().kind,
                     QStringLiteral("cannot open %1: %2")
                         .arg(side.path,
                              withoutContext(db.error().message, QStringLiteral("cannot open %1").arg(uri)))};
    // Belt and braces: the comparison only ever reads; no ATTACH (and so no VACUUM INTO) either.
    sqlite3_limit(db->get(), SQLITE_LIMIT_ATTACHED, 0);
    if (auto s = db->exec(QStringLiteral("PRAGMA query_only=1")); !s)
        return s.error();
    return db;
}

Status checkSideUnchanged(const Side& side) {
    if (side.markers && !(*side.markers == readFileMarkers(side.path)))
        return Error{
            ErrorKind::Inconsistent,
            QStringLiteral("%1 changed while it was compared: take a snapshot of it and compare that")
                .arg(side.path)};
    return success();
}

} // namespace sqlsnap::compare

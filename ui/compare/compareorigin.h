// Whether A and B are snapshots of one database, as far as the files tell: the Compare tab's one-line
// notice when they look like two different ones (docs/app.md, "Compare").
#pragma once

#include <sqlitesnapshot/compare.h>

#include <QString>

namespace sqlsnap::ui {

// Which database a snapshot was taken of: its folder's history record says so (`recorded`: the source's
// absolute path), else its name as snapshotFileName makes it ("shop.db 2026-12-02 163100.sqlite":
// shop.db), else nothing is known (`database` empty).
struct SnapshotOrigin {
    QString database;
    bool recorded = false;
};
// Reads the snapshot's folder's record: a file, so off the GUI thread (the comparison job does it).
SnapshotOrigin originOf(const QString& snapshot);

// The notice, or empty when nothing says A and B differ in origin: both recorded from different paths, or
// both of known databases whose names differ; with either unknown, `tables` (every table of A and B) with
// none on both sides while each side has some.
QString differentDatabasesNotice(const SnapshotOrigin& a, const SnapshotOrigin& b,
                                 const QList<TableComparison>& tables);

} // namespace sqlsnap::ui

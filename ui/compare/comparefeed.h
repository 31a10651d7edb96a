// What a running comparison job has found so far, for the Compare tab to show before the job ends: the
// engine's thread adds, the GUI thread takes (on the job's progressChanged, which each table wakes).
#pragma once

#include "compare/compareorigin.h"

#include <sqlitesnapshot/compare.h>

#include <mutex>

namespace sqlsnap::ui {

struct CompareFeed {
    std::mutex mutex;
    bool opened = false;               // schemaChanges, plans and the origins are set
    SnapshotOrigin originA, originB;   // once opened
    QList<SchemaChange> schemaChanges; // once opened
    QList<TableComparison> plans;      // every table, not counted yet (once opened)
    QList<TableComparison> compared;   // counted since the last take
};

} // namespace sqlsnap::ui

// What the Compare tab's summary says about a table: its key and its notes (CompareTab's, kept apart so
// the tab's file holds the layout and the flow).
#pragma once

#include <sqlitesnapshot/compare.h>

namespace sqlsnap::ui::comparetexts {

// "primary key (k)", "rowid", "id (rowid)" for an INTEGER PRIMARY KEY (the grid's "id (key)"), "none".
QString keyText(const TableComparison& table);
// Only in A/B, definition changed, columns only on one side, the engine's warnings: the rowid one only
// where rows differ (on a table without differences nothing was renumbered).
QString notesText(const TableComparison& table);
QString schemaKindText(SchemaChange::Kind kind);

} // namespace sqlsnap::ui::comparetexts

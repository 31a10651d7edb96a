// What the Compare tab says: a table's key and notes in its summary, and its status at the end
// (CompareTab's, kept apart so the tab's file holds the layout and the flow).
#pragma once

#include <sqlitesnapshot/compare.h>

namespace sqlsnap::ui::comparetexts {

// "primary key (k)", "rowid", "id (rowid)" for an INTEGER PRIMARY KEY (the grid's "id (key)"), "none".
QString keyText(const TableComparison& table);
// Only in A/B, definition changed, columns only on one side, the engine's warnings: the rowid one only
// where rows differ (on a table without differences nothing was renumbered).
QString notesText(const TableComparison& table);
QString schemaKindText(SchemaChange::Kind kind);
// The tab's status once the job succeeded: the same file, the same content, or what differs.
QString succeededText(const ComparisonSummary* summary, const QList<TableComparison>& tables,
                      qsizetype schemaChanges);
// Once it was cancelled after `compared` of `total` tables: one line at 800×600 (the tab's status), and
// the whole of what it means (its tooltip).
QString cancelledText(qsizetype compared, qsizetype total);
QString cancelledToolTip(qsizetype compared, qsizetype total);

} // namespace sqlsnap::ui::comparetexts

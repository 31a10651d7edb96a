#include "compare/comparetexts.h"

#include "common/format.h"
#include "compare/comparetab.h"

#include <algorithm>

namespace sqlsnap::ui::comparetexts {

QString keyText(const TableComparison& t) {
    switch (t.key) {
    case RowKey::PrimaryKey:
        return CompareTab::tr("primary key (%1)").arg(t.keyColumns.join(QStringLiteral(", ")));
    case RowKey::Rowid:
        // An INTEGER PRIMARY KEY is the rowid: named as the grid's header names it.
        if (t.implicitRowid.isEmpty() && !t.keyColumns.isEmpty())
            return CompareTab::tr("%1 (rowid)").arg(t.keyColumns.first());
        return CompareTab::tr("rowid");
    case RowKey::None:
        break;
    }
    return CompareTab::tr("none");
}

QString notesText(const TableComparison& t) {
    QStringList notes;
    if (!t.error.isEmpty())
        notes << CompareTab::tr("could not be compared: %1").arg(t.error);
    if (!t.inA)
        notes << CompareTab::tr("only in B");
    if (!t.inB)
        notes << CompareTab::tr("only in A");
    if (t.definitionChanged)
        notes << CompareTab::tr("definition changed");
    if (!t.columnsOnlyInA.isEmpty())
        notes << CompareTab::tr("columns only in A: %1").arg(t.columnsOnlyInA.join(QStringLiteral(", ")));
    if (!t.columnsOnlyInB.isEmpty())
        notes << CompareTab::tr("columns only in B: %1").arg(t.columnsOnlyInB.join(QStringLiteral(", ")));
    const bool rowsDiffer = t.rowsAdded || t.rowsRemoved || t.rowsChanged;
    for (const QString& w : t.warnings)
        if (rowsDiffer || !w.startsWith(QLatin1String("matched by rowid")))
            notes << w;
    return notes.join(QStringLiteral("; "));
}

QString schemaKindText(SchemaChange::Kind kind) {
    switch (kind) {
    case SchemaChange::Kind::Added:
        return CompareTab::tr("added");
    case SchemaChange::Kind::Removed:
        return CompareTab::tr("removed");
    case SchemaChange::Kind::Changed:
        break;
    }
    return CompareTab::tr("changed");
}

QString succeededText(const ComparisonSummary* summary, const QList<TableComparison>& tables,
                      qsizetype schemaChanges) {
    if (summary && summary->sameFile)
        return CompareTab::tr("A and B are the same file: nothing differs.");
    if (summary && summary->identical())
        return CompareTab::tr("A and B hold the same schema and rows.");
    const qint64 schema = schemaChanges;
    const qint64 differing = std::count_if(tables.begin(), tables.end(),
                                           [](const TableComparison& t) { return t.hasDifferences(); });
    return CompareTab::tr("%1; %2.").arg(
        CompareTab::tr("%1 schema changes", nullptr, pluralCount(schema)).arg(groupedNumber(schema)),
        CompareTab::tr("%1 tables differ", nullptr, pluralCount(differing)).arg(groupedNumber(differing)));
}

QString cancelledText(qsizetype compared, qsizetype total) {
    if (compared == 0)
        return CompareTab::tr("Cancelled before any table was compared.");
    // As its job row says it (JobListModel::statusOf); the tooltip says what it means.
    return CompareTab::tr("Cancelled after %1 of %2 tables.", nullptr, pluralCount(total))
        .arg(groupedNumber(compared), groupedNumber(total));
}

QString cancelledToolTip(qsizetype compared, qsizetype total) {
    if (compared == 0)
        return CompareTab::tr("The comparison was cancelled before any table was compared.");
    return CompareTab::tr("The comparison was cancelled after %1 of %2 tables: only those are listed; "
                          "compare again to see them all (Export needs a whole comparison).",
                          nullptr, pluralCount(total))
        .arg(groupedNumber(compared), groupedNumber(total));
}

} // namespace sqlsnap::ui::comparetexts

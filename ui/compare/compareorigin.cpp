#include "compare/compareorigin.h"

#include "compare/comparetab.h"

#include <sqlitesnapshot/history.h>

#include <QDir>
#include <QFileInfo>

#include <algorithm>

namespace sqlsnap::ui {

SnapshotOrigin originOf(const QString& snapshot) {
    const QFileInfo file(snapshot);
    if (auto history = HistoryFolder::open(file.absolutePath())) {
        for (const HistoryEntry& e : history->entries())
            if (e.file == file.fileName() && history->stillWritten(e)) // a file replaced since is not the one
                return {QFileInfo(e.source).absoluteFilePath(), true};
    }
    if (const auto name = parseSnapshotFileName(file.fileName()))
        return {name->database, false};
    return {};
}

QString differentDatabasesNotice(const SnapshotOrigin& a, const SnapshotOrigin& b,
                                 const QList<TableComparison>& tables) {
    if (a.recorded && b.recorded) {
        if (a.database == b.database)
            return {};
        return CompareTab::tr("A and B are snapshots of different databases: %1 and %2.")
            .arg(QDir::toNativeSeparators(a.database), QDir::toNativeSeparators(b.database));
    }
    if (!a.database.isEmpty() && !b.database.isEmpty()) {
        // One recorded, one only named: their databases' names are what both say.
        const QString nameA = QFileInfo(a.database).fileName(), nameB = QFileInfo(b.database).fileName();
        if (nameA == nameB)
            return {};
        return CompareTab::tr("A and B are snapshots of different databases: %1 and %2.").arg(nameA, nameB);
    }
    const bool common =
        std::any_of(tables.begin(), tables.end(), [](const TableComparison& t) { return t.inA && t.inB; });
    const bool inA =
        std::any_of(tables.begin(), tables.end(), [](const TableComparison& t) { return t.inA; });
    const bool inB =
        std::any_of(tables.begin(), tables.end(), [](const TableComparison& t) { return t.inB; });
    if (common || !inA || !inB)
        return {};
    return CompareTab::tr("A and B have no table in common: they may be snapshots of different databases.");
}

} // namespace sqlsnap::ui

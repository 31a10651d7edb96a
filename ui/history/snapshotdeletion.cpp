#include "history/snapshotdeletion.h"

#include <sqlitesnapshot/history.h>

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QMap>

namespace sqlsnap::ui {

DeletionOutcome SnapshotDeletion::run(const QStringList& paths) {
    DeletionOutcome outcome;
    QMap<QString, QStringList> byFolder;
    for (const QString& path : paths) {
        const QFileInfo info(path);
        byFolder[QDir::cleanPath(info.absolutePath())] << info.fileName();
    }
    for (auto it = byFolder.cbegin(); it != byFolder.cend(); ++it) {
        const QString& folder = it.key();
        auto history = HistoryFolder::open(folder);
        if (!history) {
            // Without its record there is no telling what is ours: nothing in this folder is touched.
            for (const QString& name : it.value())
                outcome.refused << tr("%1: the folder's history record cannot be read: %2")
                                       .arg(name, history.error().message);
            continue;
        }
        QStringList forget;
        for (const QString& name : it.value()) {
            const QString path = folder + QLatin1Char('/') + name;
            const QFileInfo file(path);
            const HistoryEntry* recorded = nullptr;
            for (const HistoryEntry& e : history->entries())
                if (e.file == name)
                    recorded = &e;
            if (recorded && !file.exists() && !file.isSymLink()) {
                forget << name;
                outcome.forgotten << path;
                continue;
            }
            if (file.isSymLink() || !file.isFile()) {
                outcome.refused << tr("%1: not a snapshot file this tool wrote").arg(name);
                continue;
            }
            if (recorded ? !history->stillWritten(*recorded) : !parseSnapshotFileName(name)) {
                outcome.refused << (recorded ? tr("%1: changed since this tool wrote it").arg(name)
                                             : tr("%1: not a snapshot file this tool wrote").arg(name));
                continue;
            }
            if (!QFile::remove(path)) {
                outcome.refused << tr("%1: cannot be deleted (check the folder's permissions)").arg(name);
                continue;
            }
            outcome.deleted << path;
            if (recorded)
                forget << name;
        }
        // The file is gone either way; an entry the record keeps for it shows as missing until forgotten.
        if (!forget.isEmpty())
            if (Status s = history->forget(forget); !s)
                outcome.refused << tr("%1: deleted, but the history record could not be updated: %2")
                                       .arg(forget.join(QStringLiteral(", ")), s.error().message);
    }
    return outcome;
}

} // namespace sqlsnap::ui

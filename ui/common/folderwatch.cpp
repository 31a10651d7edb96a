#include "common/folderwatch.h"

#include <QFileInfo>
#include <QFileSystemWatcher>

namespace sqlsnap::ui {

QStringList directoriesFollowing(const QString& folder, bool readable) {
    if (folder.isEmpty())
        return {};
    QString existing = folder;
    while (!QFileInfo(existing).isDir() && QFileInfo(existing).path() != existing)
        existing = QFileInfo(existing).path();
    if (existing != folder)
        return {existing};
    QStringList directories;
    if (readable)
        directories << folder;
    if (const QString parent = QFileInfo(folder).path(); parent != folder)
        directories << parent;
    return directories;
}

void watchExactly(QFileSystemWatcher& watcher, const QStringList& directories) {
    const QStringList watched = watcher.directories();
    for (const QString& d : watched)
        if (!directories.contains(d))
            watcher.removePath(d);
    for (const QString& d : directories)
        if (!watched.contains(d))
            watcher.addPath(d);
}

} // namespace sqlsnap::ui

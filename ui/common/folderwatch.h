// Following a folder with a QFileSystemWatcher, for the lists that show a folder's files (the
// Snapshots list, the History). inotify reports changes inside a watched folder, not the folder itself
// being moved or deleted as a whole: that changes its parent only.
#pragma once

#include <QStringList>

class QFileSystemWatcher;

namespace sqlsnap::ui {

// The directories to watch to follow `folder`: itself (unless `readable` is false: inotify must read
// it, and its parent sees a chmod) and its parent; while it is gone, its nearest existing parent, to
// see it come back.
QStringList directoriesFollowing(const QString& folder, bool readable = true);

// Makes `watcher` watch exactly `directories` (the ones already watched stay, so no change is missed).
void watchExactly(QFileSystemWatcher& watcher, const QStringList& directories);

} // namespace sqlsnap::ui

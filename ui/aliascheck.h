// Whether a file name the user chose is one of a source database's own files (the database, its -wal,
// -shm or -journal) by any route: the same name, `..`, a symlinked folder, a symlink or a hard link.
// Asked before "replace it?", so that a destination that can never work is refused first. It stats a
// handful of paths: call it right after a dialog, not in a loop.
#pragma once

#include <QString>

namespace sqlsnap::ui {

bool namesFileOfSource(const QString& databasePath, const QString& destination);

} // namespace sqlsnap::ui

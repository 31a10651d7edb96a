// Deleting snapshots from a history folder: only files this tool wrote, and their entries in the folder's
// record with them. I/O: call it off the GUI thread.
#pragma once

#include <QCoreApplication>
#include <QStringList>

namespace sqlsnap::ui {

struct DeletionOutcome {
    QStringList deleted;   // files removed (and forgotten by their record)
    QStringList forgotten; // recorded snapshots whose file was already gone: only the entry went
    QStringList refused;   // "<file>: why", for each path left alone
};

class SnapshotDeletion {
    Q_DECLARE_TR_FUNCTIONS(sqlsnap::ui::SnapshotDeletion)
public:
    // Deletes each of `paths` when it is a snapshot this tool wrote: one its folder's record lists and that
    // is still the file written (same size, inode and time), or — in a folder whose record does not list
    // it — a regular file whose name parseSnapshotFileName() accepts. Anything else (a symbolic link, a
    // file of another name, a recorded one changed since, a folder whose record cannot be read) is left
    // alone and said why. A record entry whose file is gone is forgotten.
    static DeletionOutcome run(const QStringList& paths);
};

} // namespace sqlsnap::ui

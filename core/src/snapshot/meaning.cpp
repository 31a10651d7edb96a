#include "sqlitesnapshot/meaning.h"

#include <QCoreApplication>

namespace sqlsnap {
namespace {
// The translation context of these free functions (lupdate reads it from the declaration); the
// app's translators apply to it, as to its own texts.
struct Meaning {
    Q_DECLARE_TR_FUNCTIONS(sqlsnap::Meaning)
};

// An exclusive lock is a commit in progress while a hot journal exists (rollback mode). In WAL mode it is
// a program that keeps the database open with exclusive locking (a WAL writer locks the -shm, not the
// main file). In rollback mode without a hot journal one look cannot tell: the journal may have been
// deleted between reading it and asking for the lock by a program committing many times a second,
// or a program holds the database with locking_mode=EXCLUSIVE. Said as such, never "idle".
bool committing(const DatabaseFiles& set) {
    return !set.header.isWal() && set.hasHotJournal();
}
} // namespace

QString explainFile(const DatabaseFiles& set, const FileEntry& file) {
    switch (file.kind) {
    case FileKind::Database:
        if (!set.header.isWal())
            return Meaning::tr("the database (rollback-journal mode)");
        return set.find(FileKind::Wal)
                   ? Meaning::tr("the database (WAL mode): its committed state is this file plus its -wal")
                   : Meaning::tr(
                         "the database (WAL mode; no -wal now: this file alone is its committed state)");
    case FileKind::Wal:
        if (file.size == 0)
            return Meaning::tr("-wal: empty — every change is already in the main file");
        return Meaning::tr(
            "-wal: committed changes not yet merged into the main file — included in the snapshot");
    case FileKind::Shm:
        return Meaning::tr(
            "-shm: the WAL index shared by the programs using the database — not needed, not copied");
    case FileKind::Journal:
        if (set.hasHotJournal())
            return Meaning::tr(
                "-journal: an interrupted or running transaction — rolled back in the snapshot");
        return Meaning::tr("-journal: left over from a finished transaction — nothing to undo, not copied");
    case FileKind::SuperJournal:
        return set.superJournalExists
                   ? Meaning::tr(
                         "super-journal: a transaction over several databases is in flight — rolled back")
                   : Meaning::tr("super-journal: gone — the multi-database transaction committed");
    }
    return {};
}

QString explainLock(const DatabaseFiles& set) {
    switch (set.lock) {
    case LockState::None:
        return Meaning::tr("none");
    case LockState::Shared:
        // A WAL writer keeps only a shared lock on the main file (its write lock is in the -shm).
        return set.header.isWal() ? Meaning::tr("shared (a program has it open: reading or, in WAL mode, "
                                                "writing)")
                                  : Meaning::tr("shared (a program is reading)");
    case LockState::Reserved:
        return Meaning::tr("reserved (a program is writing)");
    case LockState::Pending:
        return Meaning::tr("pending (a program is about to commit)");
    case LockState::Exclusive:
        if (committing(set))
            return Meaning::tr("exclusive (a program is committing)");
        return set.header.isWal()
                   ? Meaning::tr("exclusive: held with exclusive locking (the program may be idle)")
                   : Meaning::tr("exclusive (a program is committing, or holds it with exclusive locking)");
    case LockState::Unknown:
        break;
    }
    return Meaning::tr("unknown");
}

QStringList explainSet(const DatabaseFiles& set) {
    QStringList lines;
    // Held with exclusive locking in WAL mode: said once, here, whatever lock the holder has now.
    const bool held = set.heldExclusively();
    if (held)
        lines << Meaning::tr(
            "No -shm beside the -wal: a program holds this database open with exclusive locking "
            "(locking_mode=EXCLUSIVE). The snapshot still has every committed change.");
    else if (set.walLeftBehind())
        lines << Meaning::tr(
            "No -shm beside the -wal, and no program holds the database: the -wal was left by a program "
            "that stopped without closing the database. Its committed changes are only in the -wal; the "
            "snapshot includes them.");
    else if (set.walWithoutShm())
        lines << Meaning::tr("No -shm beside the -wal. The snapshot still has every committed change.");
    switch (set.lock) {
    case LockState::Exclusive:
        if (held)
            break;
        lines << (committing(set)
                      ? Meaning::tr("Another program is committing to this database right now; the "
                                    "copy retries until it is stable.")
                  : set.header.isWal()
                      ? Meaning::tr("Another program holds this database open with exclusive locking; "
                                    "it may be idle. The copy is taken from the files all the same.")
                      : Meaning::tr("Another program is committing to this database, or holds it with "
                                    "exclusive locking. The copy is taken from the files and retries until "
                                    "it is stable."));
        break;
    case LockState::Pending:
        lines << Meaning::tr("Another program is about to commit to this database; the copy retries until "
                             "it is stable.");
        break;
    case LockState::Reserved:
        lines << Meaning::tr(
            "Another program has a write transaction open; its uncommitted changes are left out.");
        break;
    case LockState::Shared:
        if (!held)
            lines << Meaning::tr("Another program has this database open.");
        break;
    default:
        break;
    }
    for (const QString& note : set.notes)
        lines << Meaning::tr("Note: %1").arg(note);
    return lines;
}

} // namespace sqlsnap

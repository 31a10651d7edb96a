// What a database's files, its lock and its state mean, in plain words: the one wording the app's
// details and the CLI's `inspect` both show. Translated in the context "sqlsnap::Meaning"
// (QCoreApplication::translate): the app's translations apply; without a translator (the CLI), English.
#pragma once

#include "databasefiles.h"

#include <QString>
#include <QStringList>

namespace sqlsnap {

// One line for a file of the set: "-wal: committed changes not yet merged into the main file —
// included in the snapshot".
QString explainFile(const DatabaseFiles& set, const FileEntry& file);

// What the lock another program holds on the database means, read with the set's journal mode and
// journal: "exclusive" is a commit only with a hot journal in rollback mode, and in WAL mode readers
// and writers alike hold "shared". In English it starts with lockStateName()'s word.
QString explainLock(const DatabaseFiles& set);

// Lines about the set as a whole: a -wal without -shm (held exclusively, or left by a program that
// stopped without closing it), locks held right now, and the engine's notes ("Note: …").
QStringList explainSet(const DatabaseFiles& set);

} // namespace sqlsnap

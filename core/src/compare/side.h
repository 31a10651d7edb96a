// One side of a comparison: the file a connection reads for the user's A or B, and how it is proven
// unchanged. A self-contained file nobody writes is read in place (read-only, immutable=1: no lock, no
// file created beside it); anything else through a private staged copy, made as for a snapshot.
#pragma once

#include "base/sqlitedb.h"
#include "base/task.h"
#include "io/posixio.h"
#include "read/inplace.h"

#include <optional>

namespace sqlsnap::compare {

struct Side {
    QString path;     // the user's database, absolute: what errors name
    QString readPath; // the file SQLite reads: `path` itself, or its staged copy
    io::StagingFolder staging;
    std::optional<FileMarkers> markers; // an in-place read: the file as it was when opened
};

// Stages `path` when it cannot be read in place; the task sees the copy's progress and may cancel.
Expected<Side> prepareSide(const QString& path, Task& task);

// A read-only connection to the side's file (immutable: it never changes under it, or is a private copy).
Expected<SqliteDb> connectSide(const Side& side);

// Inconsistent when the in-place file changed since prepareSide.
Status checkSideUnchanged(const Side& side);

} // namespace sqlsnap::compare

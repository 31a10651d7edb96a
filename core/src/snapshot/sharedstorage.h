// Space in a history folder: a new snapshot shares the storage of the previous snapshot of the same
// source where the file system can (reflinks on XFS and btrfs; docs/history.md, "Space").
#pragma once

#include "base/task.h"

#include "sqlitesnapshot/error.h"

#include <QString>

#include <optional>

namespace sqlsnap {

struct SharedOutput {
    QString path;              // the file to publish instead of the output: the same bytes
    qint64 bytesRewritten = 0; // written into the clone; every other block is still shared
};

// `output` (complete and closed, in a staging folder beside `previous`) made again as `shared.db` in
// the same folder: a FICLONE of `previous`, then every file system block that differs from `output`
// rewritten and the size cut to `output`'s, so the two files hold the same bytes. nullopt when sharing
// is not possible or fails (no reflinks here, `previous` gone, a write error): `output` is then
// published as it is, which costs one failed ioctl. Only a cancel is an error (Cancelled).
Expected<std::optional<SharedOutput>> shareStorageWith(const QString& output, const QString& previous,
                                                       Task& task);

} // namespace sqlsnap

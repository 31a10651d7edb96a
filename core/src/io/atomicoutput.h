// One way to make a file appear under its final name complete or not at all, for every output of the
// engine (a snapshot, an exported table). Litestream's order: write a temporary in the destination's
// folder -> fsync -> rename -> fsync the folder. Our temporary is `snapshot.db`/`export` inside a locked
// StagingFolder beside the destination, so its name fits NAME_MAX whatever the destination is called,
// a cancel or failure removes it with its folder, and a run that is killed leaves a folder the next run
// can prove abandoned and sweep. Every write and sync goes through the fault seam (io/faults.h).
#pragma once

#include "io/posixio.h"

#include <sys/types.h>

namespace sqlsnap::io {

// The last step shared by all outputs: permissions, fsync, rename over `destination` (RENAME_NOREPLACE
// unless `overwrite`), fsync of its folder. With a `task`, the flush goes in steps that a cancel stops
// (one fsync of a gigabyte of dirty pages takes seconds and cannot be interrupted) and a cancel seen
// before the rename returns Cancelled with the destination untouched: the rename is the commit point.
Status publishInto(const QString& temporary, const QString& destination, mode_t mode, bool overwrite,
                   Task* task = nullptr);

class AtomicOutput {
public:
    // A new empty temporary named `name` in a staging folder in `directory`. With `open`, a descriptor
    // is kept for write(); without, the caller (SQLite) writes the file by its path().
    static Expected<AtomicOutput> create(const QString& directory, const QString& name, bool open);
    AtomicOutput() = default;
    AtomicOutput(AtomicOutput&&) noexcept = default;
    AtomicOutput& operator=(AtomicOutput&&) noexcept = default;

    const QString& path() const { return m_path; }
    bool valid() const { return !m_path.isEmpty(); }
    Status write(const QByteArray& bytes); // all of it, or DiskFull / IoError
    qint64 bytes() const { return m_bytes; }
    // publishInto(), then the staging folder goes. On failure the temporary is removed with it.
    Status publish(const QString& destination, mode_t mode, bool overwrite);

private:
    StagingFolder m_folder;
    QString m_path;
    Fd m_fd;
    qint64 m_bytes = 0;
};

} // namespace sqlsnap::io

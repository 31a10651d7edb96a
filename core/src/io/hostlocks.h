// The engine runs inside its host: closing a descriptor must never drop the host's POSIX locks.
//
// POSIX advisory locks (what SQLite's unix VFS uses) belong to the process, and closing *any*
// descriptor of a file releases all the process's locks on it. A host that links the engine and holds
// the same database open with its own SQLite connection would silently lose its locks when the engine
// closes the read-only descriptor it copied the file through. So the engine's read-only descriptors of
// sources (io::openReadOnly) are closed here: when this process holds a POSIX lock on the file's inode
// (read from /proc/locks), the descriptor is parked in a process-wide registry instead, lent out again
// to the next openReadOnly of the same file, and closed by a later call once the locks are gone (at the
// latest when the process exits). docs/engine.md, "In-process safety", says why this design.
#pragma once

#include <sys/types.h>

namespace sqlsnap::io {

// Closes `fd` (a read-only descriptor of a file the engine does not own), or parks it while this
// process holds POSIX locks on its inode. Also closes parked descriptors whose locks are gone.
void closeSourceDescriptor(int fd);

// A parked descriptor of the file (device, inode), now lent to the caller (give it back with
// closeSourceDescriptor), or -1 when none is parked and free.
int borrowParkedDescriptor(dev_t device, ino_t inode);

// How many descriptors are parked (for tests and diagnostics).
int parkedDescriptorCount();

} // namespace sqlsnap::io

// A test seam in the I/O layer: tests make chosen system calls fail, come back short, or run an action
// (delete the source, add a companion, remove the destination folder) at a chosen moment, against the
// real file system. Nothing is injected unless a test asks; the check costs one relaxed atomic load.
#pragma once

#include <QString>

#include <functional>

namespace sqlsnap::io::faults {

enum class Call { CopyFileRange, Read, Write, Fsync, OpenRead };

struct Fault {
    Call call = Call::CopyFileRange;
    QString pathContains;         // only calls on a path containing this (empty: any path)
    int skip = 0;                 // let this many matching calls through first
    int times = 1;                // then affect this many (-1: all that follow)
    int error = 0;                // fail with this errno…
    qint64 maxBytes = 0;          // …or move at most this many bytes (a short read or write)
    std::function<void()> action; // …and/or run this first (a change to the file system)
};

void inject(const Fault& fault);
void clear();
int injectedCount(); // faults that took effect since the last clear()

// For the I/O layer: before a call on `path` of `*length` bytes. Returns false with *error set when the
// call must fail; may lower *length.
bool allow(Call call, const QString& path, size_t* length, int* error);

} // namespace sqlsnap::io::faults

// Thin POSIX file layer: everything the engine does to files goes through here.
#pragma once

#include "sqlitesnapshot/error.h"

#include <QByteArray>
#include <QString>

#include <functional>
#include <vector>

#include <sys/types.h>

namespace sqlsnap {
class Task;
}

namespace sqlsnap::io {

class Fd {
public:
    Fd() = default;
    explicit Fd(int fd) : m_fd(fd) {}
    // A read-only descriptor of a file the engine does not own: closed through
    // closeSourceDescriptor() (hostlocks.h), which keeps it open while this process holds POSIX locks on
    // the file, so the host's own SQLite connection never loses its locks.
    static Fd source(int fd) {
        Fd f(fd);
        f.m_source = true;
        return f;
    }
    Fd(Fd&& other) noexcept : m_source(other.m_source), m_fd(other.release()) {}
    Fd& operator=(Fd&& other) noexcept;
    Fd(const Fd&) = delete;
    Fd& operator=(const Fd&) = delete;
    ~Fd();

    int get() const { return m_fd; }
    bool valid() const { return m_fd >= 0; }
    int release() {
        int fd = m_fd;
        m_fd = -1;
        return fd;
    }

private:
    void close();
    bool m_source = false;
    int m_fd = -1;
};

struct FileStat {
    bool exists = false;
    bool regular = false;
    bool directory = false;
    bool symlink = false; // only with lstat
    dev_t device = 0;
    ino_t inode = 0;
    qint64 size = 0;
    qint64 mtimeNs = 0;
    mode_t mode = 0;
    int error = 0; // errno when the stat failed for another reason than ENOENT
};

QByteArray encodePath(const QString& path);
FileStat statPath(const QString& path);
FileStat lstatPath(const QString& path);
FileStat statFd(int fd);

// "permission denied", "no space left on device", … for messages.
QString describeErrno(int error);

// An Error for a failed read of a source file (errno mapped to Unreadable / SourceMissing / IoError).
Error readError(int error, const QString& path);
// An Error for a failed write under the destination (DiskFull / PermissionDenied / IoError).
Error writeError(int error, const QString& what, const QString& path);

// Opens a source file read-only without updating its access time when permitted. The descriptor is a
// source descriptor (Fd::source): closing it never drops a POSIX lock this process holds on the file.
// Returns -errno in `error` on failure.
Fd openReadOnly(const QString& path, int* error);

// Reads up to `length` bytes at `offset` (fewer at the end of the file). Empty + error on failure.
QByteArray readAt(int fd, qint64 offset, qint64 length, int* error);
QByteArray readHead(const QString& path, qint64 length, int* error);

// write(2) of all `length` bytes through the fault seam, retrying EINTR and short writes; false with
// *error set on failure.
bool writeAll(int fd, const QString& path, const char* data, qint64 length, int* error);

// "a FIFO", "a character device", … for a file that is not a regular file.
QString fileTypeName(mode_t mode);
// Unreadable: "cannot read PATH: it is a FIFO, not a regular file".
Error notRegularError(const QString& path, mode_t mode);

// Copies `from` (already open; `fromPath` names it in errors) into a new file `to` (O_EXCL, mode 0600),
// in chunks, checking for cancellation between them and adding to task.progress().bytesDone. Only a
// regular file is copied (else Unreadable, at once), and at most the size it had when the copy began.
// Returns bytes copied.
// Writeback::Start starts writing each chunk to the disk as soon as it is copied (a copy that will be
// fsynced and published: the disk then works while the copy goes on, and the fsync has little left);
// Writeback::Deferred leaves that to the kernel (a private copy that is removed after use).
// `onChunk`, when given, runs after each chunk is in `to` (bytes [begin, end) of it, `out` its
// descriptor) and before its writeback starts; an error from it ends the copy.
enum class Writeback { Deferred, Start };
using CopiedChunk = std::function<Status(int out, qint64 begin, qint64 end)>;
Expected<qint64> copyOpenFile(int from, const QString& fromPath, const QString& to, Task& task,
                              Writeback writeback = Writeback::Deferred, const CopiedChunk& onChunk = {});

// Compares files byte for byte (read in chunks, cancellable). The comparison runs inside the window in
// which a source must not change, so its buffers are allocated and touched once, when the comparer is
// made, not per call: fresh pages cost a fault each, which measured ~6 ms per MiB-sized compare here —
// longer than a paced writer's pause, so every attempt against it failed.
class ContentComparer {
public:
    ContentComparer();
    // True when the two files have the same bytes.
    Expected<bool> same(const QString& a, const QString& b, Task& task);

private:
    std::vector<char> first_, second_;
};

Status fsyncFile(const QString& path);
Status fsyncOpenFile(int fd, const QString& path); // the same, through a descriptor already open
Status fsyncDirectory(const QString& directory);

// Creates a new empty file with an unpredictable name `<dir>/<prefix><random>` (O_EXCL, 0600).
Expected<QString> createUniqueFile(const QString& directory, const QString& prefix);
// Creates a new private directory (0700) with an unpredictable name.
Expected<QString> createUniqueDirectory(const QString& parent, const QString& prefix);

// A private working folder of the engine: `<parent>/.sqlite-snapshot-<random>`, 0700, flat. For as long
// as the object lives the folder's own descriptor holds an flock(): that is how a later run tells a
// folder in use from one left by a run that was killed (kill -9, power loss), which
// sweepAbandonedStaging() then removes. The folder is created under a `.sqlite-snapshot-new-` name and
// renamed once locked, so no folder with the final prefix is ever unlocked while its run is alive.
// Destroying the object removes the folder and everything in it: at once, or, when it holds more than
// 64 MiB (a staged copy of a big database), on a background thread, still locked until it is gone, so
// that a cancel or a finished job never waits for the unlink. sqlsnap::waitForBackgroundRemovals()
// (snapshot.h) waits for those.
class StagingFolder {
public:
    static Expected<StagingFolder> create(const QString& parent);
    StagingFolder() = default;
    StagingFolder(StagingFolder&& other) noexcept;
    StagingFolder& operator=(StagingFolder&& other) noexcept;
    StagingFolder(const StagingFolder&) = delete;
    StagingFolder& operator=(const StagingFolder&) = delete;
    ~StagingFolder();

    bool valid() const { return !m_path.isEmpty(); }
    const QString& path() const { return m_path; }
    QString filePath(const QString& name) const { return m_path + QLatin1Char('/') + name; }
    void remove(); // now, instead of at destruction

private:
    QString m_path;
    Fd m_lock;
};

// Removes every staging folder directly in `parent` that is provably the engine's (its exact name
// pattern, a real 0700 folder of this user holding the engine's marker file and nothing but the engine's
// files) and whose lock nobody holds; a `.sqlite-snapshot-new-*` one (a run killed between mkdir and
// lock) only when older than an hour. Never a folder in use, never a user's folder that merely has such
// a name. Returns how many were removed; errors are ignored (a folder that can't be removed stays).
int sweepAbandonedStaging(const QString& parent);

void waitForBackgroundRemovals();

// The prefix of every folder the engine stages in.
inline constexpr char kStagingPrefix[] = ".sqlite-snapshot-";

// No message names an internal staging path: `/tmp/.sqlite-snapshot-Ab3…/snapshot.db` becomes
// "a temporary file (in /tmp)". Applied once, where an engine call returns.
Error withoutStagingPaths(Error error);
template <typename T> Expected<T> withoutStagingPaths(Expected<T>&& result) {
    if (result)
        return std::move(result);
    return withoutStagingPaths(result.error());
}
// Removes a directory and the files directly in it (the engine's staging folders are flat).
void removeFlatDirectory(const QString& directory);

// rename(2) that fails with DestinationExists instead of replacing, when replace is false.
Status renameInto(const QString& from, const QString& to, bool replace);

} // namespace sqlsnap::io

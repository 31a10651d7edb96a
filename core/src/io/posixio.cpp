#include "io/posixio.h"

#include "io/faults.h"
#include "io/hostlocks.h"

#include "base/task.h"

#include <QFile>

#include <utility>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <ctime>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>
#include <vector>

namespace sqlsnap::io {
namespace {

constexpr qint64 kCopyChunk = 8 * 1024 * 1024; // per copy_file_range call: cancel checks between
constexpr qint64 kCompareChunk = 256 * 1024;   // two of these stay in L2

FileStat fromStat(const struct stat& st) {
    FileStat s;
    s.exists = true;
    s.regular = S_ISREG(st.st_mode);
    s.directory = S_ISDIR(st.st_mode);
    s.symlink = S_ISLNK(st.st_mode);
    s.device = st.st_dev;
    s.inode = st.st_ino;
    s.size = st.st_size;
    s.mtimeNs = qint64(st.st_mtim.tv_sec) * 1000000000 + st.st_mtim.tv_nsec;
    s.mode = st.st_mode;
    return s;
}

FileStat failedStat(int error) {
    FileStat s;
    // A name longer than NAME_MAX cannot exist: `x-journal` beside a 255-byte `x` is simply absent.
    if (error != ENOENT && error != ENOTDIR && error != ENAMETOOLONG)
        s.error = error;
    return s;
}

// Fallback when copy_file_range cannot be used between these two files.
Expected<qint64> copyByReadWrite(int from, const QString& fromPath, int to, qint64 offset, qint64 limit,
                                 const QString& toPath, const CopiedChunk& onChunk, Task& task) {
    std::vector<char> buffer(size_t(1024 * 1024));
    qint64 copied = 0;
    for (;;) {
        if (task.cancelled())
            return Task::cancelledError();
        if (copied >= limit)
            return copied;
        size_t chunk = size_t(qMin<qint64>(qint64(buffer.size()), limit - copied));
        int injected = 0;
        if (!faults::allow(faults::Call::Read, fromPath, &chunk, &injected)) {
            if (injected == EINTR)
                continue;
            return readError(injected, fromPath);
        }
        ssize_t n = ::pread(from, buffer.data(), chunk, offset + copied);
        if (n < 0) {
            if (errno == EINTR)
                continue;
            return readError(errno, fromPath);
        }
        if (n == 0)
            return copied;
        int error = 0;
        if (!writeAll(to, toPath, buffer.data(), n, &error))
            return writeError(error, QStringLiteral("cannot write"), toPath);
        if (onChunk)
            if (auto s = onChunk(to, offset + copied, offset + copied + n); !s)
                return s.error();
        copied += n;
        task.progress().bytesDone += n;
        task.report();
    }
}

} // namespace

bool writeAll(int fd, const QString& path, const char* data, qint64 length, int* error) {
    while (length > 0) {
        size_t chunk = size_t(length);
        if (!faults::allow(faults::Call::Write, path, &chunk, error))
            return false;
        ssize_t n = ::write(fd, data, chunk);
        if (n < 0) {
            if (errno == EINTR)
                continue;
            *error = errno;
            return false;
        }
        data += n;
        length -= n;
    }
    return true;
}

void Fd::close() {
    if (m_fd < 0)
        return;
    if (m_source)
        closeSourceDescriptor(m_fd);
    else
        ::close(m_fd);
    m_fd = -1;
}

Fd& Fd::operator=(Fd&& other) noexcept {
    if (this != &other) {
        close();
        m_source = other.m_source;
        m_fd = other.release();
    }
    return *this;
}

Fd::~Fd() {
    close();
}

QByteArray encodePath(const QString& path) {
    return QFile::encodeName(path);
}

FileStat statPath(const QString& path) {
    struct stat st;
    if (::stat(encodePath(path).constData(), &st) != 0)
        return failedStat(errno);
    return fromStat(st);
}

FileStat lstatPath(const QString& path) {
    struct stat st;
    if (::lstat(encodePath(path).constData(), &st) != 0)
        return failedStat(errno);
    return fromStat(st);
}

FileStat statFd(int fd) {
    struct stat st;
    if (::fstat(fd, &st) != 0)
        return failedStat(errno);
    return fromStat(st);
}

QString describeErrno(int error) {
    switch (error) {
    case EACCES:
    case EPERM:
        return QStringLiteral("permission denied");
    case ENOSPC:
    case EDQUOT:
        return QStringLiteral("no space left on device");
    case ENOENT:
        return QStringLiteral("no such file or directory");
    case EISDIR:
        return QStringLiteral("is a directory");
    case EROFS:
        return QStringLiteral("read-only file system");
    case EIO:
        return QStringLiteral("input/output error");
    case EFBIG:
        return QStringLiteral("file too large (the file size limit was reached)");
    case EMFILE:
    case ENFILE:
        return QStringLiteral("too many open files");
    default:
        return QString::fromLocal8Bit(std::strerror(error));
    }
}

Error readError(int error, const QString& path) {
    ErrorKind kind = ErrorKind::IoError;
    if (error == EACCES || error == EPERM)
        kind = ErrorKind::Unreadable;
    else if (error == ENOENT)
        kind = ErrorKind::SourceMissing;
    return {kind, QStringLiteral("cannot read %1: %2").arg(path, describeErrno(error))};
}

Error writeError(int error, const QString& what, const QString& path) {
    ErrorKind kind = ErrorKind::IoError;
    if (error == ENOSPC || error == EDQUOT || error == EFBIG)
        kind = ErrorKind::DiskFull;
    else if (error == EACCES || error == EPERM || error == EROFS)
        kind = ErrorKind::PermissionDenied;
    return {kind, QStringLiteral("%1 %2: %3").arg(what, path, describeErrno(error))};
}

Fd openReadOnly(const QString& path, int* error) {
    if (!faults::allow(faults::Call::OpenRead, path, nullptr, error))
        return Fd();
    const QByteArray name = encodePath(path);
    // A descriptor parked because this process holds locks on the file (hostlocks.h) is used again
    // rather than a new one, so that repeated snapshots under a host's long lock don't pile them up.
    if (parkedDescriptorCount() > 0) {
        struct stat st;
        if (::stat(name.constData(), &st) == 0) {
            const int parked = borrowParkedDescriptor(st.st_dev, st.st_ino);
            if (parked >= 0)
                return Fd::source(parked);
        }
    }
    // O_NONBLOCK: a FIFO planted under a companion's name must not hang the open (regular files ignore it).
    int fd = ::open(name.constData(), O_RDONLY | O_CLOEXEC | O_NOATIME | O_NONBLOCK);
    if (fd < 0 && errno == EPERM) // O_NOATIME needs ownership; reading must still work
        fd = ::open(name.constData(), O_RDONLY | O_CLOEXEC | O_NONBLOCK);
    if (fd < 0) {
        *error = errno;
        return Fd();
    }
    return Fd::source(fd);
}

QByteArray readAt(int fd, qint64 offset, qint64 length, int* error) {
    QByteArray bytes(length, Qt::Uninitialized);
    qint64 done = 0;
    while (done < length) {
        size_t chunk = size_t(length - done);
        if (!faults::allow(faults::Call::Read, QString(), &chunk, error))
            return {};
        ssize_t n = ::pread(fd, bytes.data() + done, chunk, offset + done);
        if (n < 0) {
            if (errno == EINTR)
                continue;
            *error = errno;
            return {};
        }
        if (n == 0)
            break;
        done += n;
    }
    bytes.truncate(done);
    return bytes;
}

QByteArray readHead(const QString& path, qint64 length, int* error) {
    Fd fd = openReadOnly(path, error);
    if (!fd.valid())
        return {};
    return readAt(fd.get(), 0, length, error);
}

QString fileTypeName(mode_t mode) {
    if (S_ISDIR(mode))
        return QStringLiteral("a directory");
    if (S_ISFIFO(mode))
        return QStringLiteral("a FIFO");
    if (S_ISSOCK(mode))
        return QStringLiteral("a socket");
    if (S_ISCHR(mode))
        return QStringLiteral("a character device");
    if (S_ISBLK(mode))
        return QStringLiteral("a block device");
    if (S_ISLNK(mode))
        return QStringLiteral("a symbolic link");
    return QStringLiteral("not a regular file");
}

Error notRegularError(const QString& path, mode_t mode) {
    return {ErrorKind::Unreadable,
            QStringLiteral("cannot read %1: it is %2, not a regular file").arg(path, fileTypeName(mode))};
}

Expected<qint64> copyOpenFile(int from, const QString& fromPath, const QString& to, Task& task,
                              Writeback writeback, const CopiedChunk& onChunk) {
    // Only a regular file is copied, and never more than the size it had when its copy began: a -wal
    // planted as a link to /dev/zero, or a file that grows without end, must not fill the disk. Growth
    // shows in the set's markers afterwards, so the attempt is judged unstable and retried.
    const FileStat source = statFd(from);
    if (!source.exists)
        return readError(source.error ? source.error : EIO, fromPath);
    if (!source.regular)
        return notRegularError(fromPath, source.mode);
    const qint64 limit = source.size;
    Fd out(::open(encodePath(to).constData(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600));
    if (!out.valid())
        return writeError(errno, QStringLiteral("cannot create"), to);
    qint64 copied = 0;
    for (;;) {
        if (task.cancelled())
            return Task::cancelledError();
        if (copied >= limit)
            return copied;
        loff_t inOffset = copied;
        size_t chunk = size_t(qMin(kCopyChunk, limit - copied));
        int injected = 0;
        ssize_t n = faults::allow(faults::Call::CopyFileRange, fromPath, &chunk, &injected)
                        ? ::copy_file_range(from, &inOffset, out.get(), nullptr, chunk, 0)
                        : (errno = injected, -1);
        if (n < 0) {
            if (errno == EINTR)
                continue;
            if (errno == EXDEV || errno == ENOSYS || errno == EINVAL || errno == EOPNOTSUPP) {
                auto rest =
                    copyByReadWrite(from, fromPath, out.get(), copied, limit - copied, to, onChunk, task);
                if (!rest)
                    return rest.error();
                return copied + *rest;
            }
            if (errno == ENOSPC || errno == EDQUOT || errno == EFBIG)
                return writeError(errno, QStringLiteral("cannot write"), to);
            return readError(errno, fromPath);
        }
        if (n == 0)
            return copied;
        if (onChunk)
            if (auto s = onChunk(out.get(), copied, copied + n); !s)
                return s.error();
        if (writeback == Writeback::Start)
            ::sync_file_range(out.get(), copied, n, SYNC_FILE_RANGE_WRITE); // a hint: errors go to the fsync
        copied += n;
        task.progress().bytesDone += n;
        task.report();
    }
}

ContentComparer::ContentComparer()
    : first_(static_cast<size_t>(kCompareChunk), 1), second_(static_cast<size_t>(kCompareChunk), 1) {}

Expected<bool> ContentComparer::same(const QString& a, const QString& b, Task& task) {
    int error = 0;
    Fd fa = openReadOnly(a, &error);
    if (!fa.valid())
        return error == ENOENT ? Expected<bool>(false) : Expected<bool>(readError(error, a));
    Fd fb = openReadOnly(b, &error);
    if (!fb.valid())
        return readError(error, b);
    auto readChunk = [](int fd, char* buffer, qint64 offset, int* err) -> qint64 {
        qint64 done = 0;
        while (done < kCompareChunk) {
            ssize_t n = ::pread(fd, buffer + done, size_t(kCompareChunk - done), offset + done);
            if (n < 0 && errno == EINTR)
                continue;
            if (n < 0) {
                *err = errno;
                return -1;
            }
            if (n == 0)
                break;
            done += n;
        }
        return done;
    };
    for (qint64 offset = 0;; offset += kCompareChunk) {
        if (task.cancelled())
            return Task::cancelledError();
        const qint64 nx = readChunk(fa.get(), first_.data(), offset, &error);
        if (nx < 0)
            return readError(error, a);
        const qint64 ny = readChunk(fb.get(), second_.data(), offset, &error);
        if (ny < 0)
            return readError(error, b);
        if (nx != ny || std::memcmp(first_.data(), second_.data(), size_t(nx)) != 0)
            return false;
        if (nx < kCompareChunk)
            return true;
    }
}

Status fsyncOpenFile(int fd, const QString& path) {
    int injected = 0;
    if (!faults::allow(faults::Call::Fsync, path, nullptr, &injected))
        return writeError(injected, QStringLiteral("cannot flush"), path);
    if (::fsync(fd) != 0)
        return writeError(errno, QStringLiteral("cannot flush"), path);
    return success();
}

Status fsyncFile(const QString& path) {
    Fd fd(::open(encodePath(path).constData(), O_RDONLY | O_CLOEXEC));
    if (!fd.valid())
        return writeError(errno, QStringLiteral("cannot flush"), path);
    return fsyncOpenFile(fd.get(), path);
}

Status fsyncDirectory(const QString& directory) {
    Fd fd(::open(encodePath(directory).constData(), O_RDONLY | O_DIRECTORY | O_CLOEXEC));
    if (!fd.valid() || ::fsync(fd.get()) != 0)
        return writeError(errno, QStringLiteral("cannot flush directory"), directory);
    return success();
}

Status renameInto(const QString& from, const QString& to, bool replace) {
    const QByteArray src = encodePath(from), dst = encodePath(to);
    if (replace) {
        if (::rename(src.constData(), dst.constData()) != 0)
            return writeError(errno, QStringLiteral("cannot rename into"), to);
        return success();
    }
    if (::renameat2(AT_FDCWD, src.constData(), AT_FDCWD, dst.constData(), RENAME_NOREPLACE) == 0)
        return success();
    if (errno == EEXIST)
        return Error{ErrorKind::DestinationExists, QStringLiteral("destination exists: %1").arg(to)};
    if (errno != EINVAL && errno != ENOSYS)
        return writeError(errno, QStringLiteral("cannot rename into"), to);
    // File systems without RENAME_NOREPLACE: link(2) fails atomically when the name is taken.
    if (::link(src.constData(), dst.constData()) != 0) {
        if (errno == EEXIST)
            return Error{ErrorKind::DestinationExists, QStringLiteral("destination exists: %1").arg(to)};
        return writeError(errno, QStringLiteral("cannot link into"), to);
    }
    ::unlink(src.constData());
    return success();
}

} // namespace sqlsnap::io

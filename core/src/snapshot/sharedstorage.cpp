// A snapshot that shares the previous one's storage (sharedstorage.h).
#include "snapshot/sharedstorage.h"

#include "io/posixio.h"

#include <QFileInfo>

#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <linux/fs.h>
#include <sys/ioctl.h>
#include <sys/stat.h>
#include <unistd.h>
#include <vector>

namespace sqlsnap {
namespace {

constexpr qint64 kChunk = 1024 * 1024; // read from both files per step; cancel checks between steps

// The clone's blocks: the unit of copy-on-write, so a block written is the only one that stops being
// shared. st_blksize within sane bounds, a divisor of kChunk.
qint64 blockSizeOf(int fd) {
    struct stat st {};
    if (::fstat(fd, &st) != 0 || st.st_blksize < 512 || st.st_blksize > kChunk || kChunk % st.st_blksize != 0)
        return 4096;
    return st.st_blksize;
}

bool writeAt(int fd, const QString& path, qint64 offset, const char* data, qint64 length) {
    if (::lseek(fd, offset, SEEK_SET) != offset)
        return false;
    int error = 0;
    return io::writeAll(fd, path, data, length, &error);
}

// Rewrites in `clone` every block whose bytes differ from `output`'s and cuts it to `size`. False when
// a read or write failed; cancelled() is checked by the caller between chunks.
enum class Rewrite { Done, Failed, Cancelled };
Rewrite rewriteDifferences(int output, int clone, const QString& clonePath, qint64 size, Task& task,
                           qint64* written) {
    const qint64 block = blockSizeOf(clone);
    task.progress().bytesTotal = size;
    for (qint64 offset = 0; offset < size; offset += kChunk) {
        if (task.cancelled())
            return Rewrite::Cancelled;
        const qint64 length = qMin(kChunk, size - offset);
        int error = 0;
        const QByteArray wanted = io::readAt(output, offset, length, &error);
        if (error || wanted.size() != length)
            return Rewrite::Failed;
        const QByteArray have = io::readAt(clone, offset, length, &error); // shorter past its end
        if (error)
            return Rewrite::Failed;
        // Runs of differing blocks, each written with one call.
        qint64 runStart = -1;
        for (qint64 at = 0; at <= length; at += block) {
            const qint64 n = qMin(block, length - at);
            const bool differs =
                at < length && (at + n > have.size() ||
                                std::memcmp(wanted.constData() + at, have.constData() + at, size_t(n)) != 0);
            if (differs && runStart < 0)
                runStart = at;
            if (!differs && runStart >= 0) {
                if (!writeAt(clone, clonePath, offset + runStart, wanted.constData() + runStart,
                             at - runStart))
                    return Rewrite::Failed;
                *written += at - runStart;
                runStart = -1;
            }
        }
        task.progress().bytesDone = offset + length;
        task.report();
    }
    if (::ftruncate(clone, size) != 0)
        return Rewrite::Failed;
    return Rewrite::Done;
}

} // namespace

Expected<std::optional<SharedOutput>> shareStorageWith(const QString& output, const QString& previous,
                                                       Task& task) {
    int error = 0;
    io::Fd from = io::openReadOnly(previous, &error);
    if (!from.valid() || !io::statFd(from.get()).regular)
        return std::optional<SharedOutput>(); // nothing to share with: published as it is
    io::Fd in = io::openReadOnly(output, &error);
    if (!in.valid())
        return std::optional<SharedOutput>();
    const qint64 size = io::statFd(in.get()).size;
    const QString clonePath = QFileInfo(output).absolutePath() + QStringLiteral("/shared.db");
    io::Fd clone(::open(io::encodePath(clonePath).constData(),
                        O_RDWR | O_CREAT | O_EXCL | O_CLOEXEC | O_NOFOLLOW, 0600));
    if (!clone.valid())
        return std::optional<SharedOutput>();
    // FICLONE only, never copy_file_range: where reflinks are missing (ext4, tmpfs) it would copy every
    // byte in the kernel — a second full copy — while the ioctl fails at once (EOPNOTSUPP, EXDEV).
    SharedOutput shared{clonePath, 0};
    Rewrite done = Rewrite::Failed;
    if (::ioctl(clone.get(), FICLONE, from.get()) == 0) {
        task.setPhase(Phase::Publishing);
        done = rewriteDifferences(in.get(), clone.get(), clonePath, size, task, &shared.bytesRewritten);
    }
    clone = io::Fd();
    if (done == Rewrite::Done)
        return std::optional<SharedOutput>(shared);
    ::unlink(io::encodePath(clonePath).constData());
    if (done == Rewrite::Cancelled)
        return Task::cancelledError();
    return std::optional<SharedOutput>();
}

} // namespace sqlsnap

#include "io/atomicoutput.h"

#include "base/task.h"
#include "io/faults.h"

#include <QFileInfo>

#include <algorithm>

#include <cerrno>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

namespace sqlsnap::io {

namespace {

// Writes the file's dirty pages back and waits for them 32 MiB at a time, looking for a cancel between
// steps and reporting the bytes as progress; the fsync that follows then has little left to do. All of
// the writeback is started first: waiting for each step before starting the next kept one 32 MiB
// request in flight and took twice as long as one fsync. Errors are left to that fsync, which reports
// them.
Status flushInSteps(const Fd& fd, Task& task) {
    constexpr off_t kStep = 32 << 20;
    struct stat st;
    if (::fstat(fd.get(), &st) != 0)
        return success();
    task.progress().bytesTotal = st.st_size;
    ::sync_file_range(fd.get(), 0, 0, SYNC_FILE_RANGE_WRITE);
    for (off_t offset = 0; offset < st.st_size; offset += kStep) {
        if (task.cancelled())
            return Task::cancelledError();
        ::sync_file_range(fd.get(), offset, kStep, SYNC_FILE_RANGE_WAIT_BEFORE);
        task.progress().bytesDone = std::min<qint64>(offset + kStep, st.st_size);
        task.report();
    }
    return success();
}

} // namespace

Status publishInto(const QString& temporary, const QString& destination, mode_t mode, bool overwrite,
                   Task* task) {
    if (::chmod(encodePath(temporary).constData(), mode) != 0)
        return writeError(errno, QStringLiteral("cannot set permissions of"), temporary);
    Fd fd(::open(encodePath(temporary).constData(), O_RDONLY | O_CLOEXEC));
    if (!fd.valid())
        return writeError(errno, QStringLiteral("cannot flush"), temporary);
    if (task)
        if (auto flushed = flushInSteps(fd, *task); !flushed)
            return flushed;
    if (auto synced = fsyncOpenFile(fd.get(), temporary); !synced)
        return synced;
    if (task && task->cancelled())
        return Task::cancelledError();
    if (auto renamed = renameInto(temporary, destination, overwrite); !renamed)
        return renamed;
    return fsyncDirectory(QFileInfo(destination).absolutePath());
}

Expected<AtomicOutput> AtomicOutput::create(const QString& directory, const QString& name, bool open) {
    auto folder = StagingFolder::create(directory);
    if (!folder)
        return folder.error();
    AtomicOutput output;
    output.m_folder = std::move(*folder);
    output.m_path = output.m_folder.filePath(name);
    Fd fd(::open(encodePath(output.m_path).constData(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC | O_NOFOLLOW,
                 0600));
    if (!fd.valid())
        return writeError(errno, QStringLiteral("cannot create a file in"), directory);
    if (open)
        output.m_fd = std::move(fd);
    return output;
}

Status AtomicOutput::write(const QByteArray& bytes) {
    int error = 0;
    if (!writeAll(m_fd.get(), m_path, bytes.constData(), bytes.size(), &error))
        return writeError(error, QStringLiteral("cannot write"), m_path);
    m_bytes += bytes.size();
    return success();
}

Status AtomicOutput::publish(const QString& destination, mode_t mode, bool overwrite) {
    m_fd = Fd(); // closed before the rename: nothing writes to it any more
    if (auto published = publishInto(m_path, destination, mode, overwrite); !published)
        return published;
    m_path.clear(); // it is the destination now
    m_folder.remove();
    return success();
}

} // namespace sqlsnap::io

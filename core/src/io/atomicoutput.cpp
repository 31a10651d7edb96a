#include "io/atomicoutput.h"

#include "io/faults.h"

#include <QFileInfo>

#include <cerrno>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

namespace sqlsnap::io {

Status publishInto(const QString& temporary, const QString& destination, mode_t mode, bool overwrite) {
    if (::chmod(encodePath(temporary).constData(), mode) != 0)
        return writeError(errno, QStringLiteral("cannot set permissions of"), temporary);
    if (auto synced = fsyncFile(temporary); !synced)
        return synced;
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
    Fd fd(::open(encodePath(output.m_path).constData(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC | O_NOFOLLOW, 0600));
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

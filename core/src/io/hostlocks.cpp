#include "io/hostlocks.h"

#include <algorithm>
#include <cstdlib>
#include <cstring>
#include <mutex>
#include <string>
#include <vector>

#include <cerrno>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

namespace sqlsnap::io {
namespace {

struct Parked {
    int fd;
    dev_t device;
    ino_t inode;
    bool lent; // handed out by borrowParkedDescriptor and not yet given back
};

std::mutex& registryMutex() {
    static std::mutex mutex;
    return mutex;
}

// Never destroyed: a parked descriptor must stay open until the process ends, whatever static
// destructors run before that.
std::vector<Parked>& registry() {
    static auto* parked = new std::vector<Parked>;
    return *parked;
}

// The inodes this process holds POSIX (process-associated) locks on, from /proc/locks:
//   "1: POSIX  ADVISORY  WRITE 4242 08:02:1312 1073741825 1073741825"
// Waiters ("1: -> POSIX …") hold nothing; FLOCK and OFDLCK locks belong to their open file description
// and survive the close of another descriptor. Matched by inode number alone: /proc/locks prints the
// super block's device, which differs from st_dev on btrfs subvolumes and overlayfs, and a false match
// only keeps a descriptor open a little longer. `known` is false when /proc/locks cannot be read.
std::vector<ino_t> inodesLockedByThisProcess(bool* known) {
    std::vector<ino_t> inodes;
    const int fd = ::open("/proc/locks", O_RDONLY | O_CLOEXEC);
    if (fd < 0) {
        *known = false;
        return inodes;
    }
    std::string text;
    char buffer[16384];
    for (;;) {
        const ssize_t n = ::read(fd, buffer, sizeof buffer);
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0) {
            *known = n == 0;
            break;
        }
        text.append(buffer, size_t(n));
    }
    ::close(fd);
    const long self = long(::getpid());
    size_t start = 0;
    while (start < text.size()) {
        size_t end = text.find('\n', start);
        if (end == std::string::npos)
            end = text.size();
        const std::string line = text.substr(start, end - start);
        start = end + 1;
        if (line.find("->") != std::string::npos || line.find(" POSIX ") == std::string::npos)
            continue;
        // id: POSIX ADVISORY READ|WRITE pid maj:min:inode start end
        char kind[16], mode[16], access[16], ident[64];
        long pid = 0;
        if (std::sscanf(line.c_str(), "%*[^:]: %15s %15s %15s %ld %63s", kind, mode, access, &pid, ident) !=
            5)
            continue;
        if (pid != self || std::strcmp(kind, "POSIX") != 0)
            continue;
        const char* lastColon = std::strrchr(ident, ':');
        if (!lastColon)
            continue;
        inodes.push_back(ino_t(std::strtoull(lastColon + 1, nullptr, 10)));
    }
    return inodes;
}

enum class Holder { Nobody, ThisProcess, Unknown };

// Who holds a POSIX lock on the file `fd` refers to, asked of the kernel through the descriptor itself:
// an OFD lock conflicts with every traditional (process-associated) lock, even this process's own, so
// F_OFD_GETLK for a write lock over the whole file reports one of them with its owner's pid. It needs no
// descriptor, so it still answers at the descriptor limit, where /proc/locks cannot be opened. It
// reports only one lock: when that is another process's, this process may hold one too (Unknown).
Holder lockHolder(int fd) {
    struct flock probe {};
    probe.l_type = F_WRLCK;
    probe.l_whence = SEEK_SET;
    probe.l_start = 0;
    probe.l_len = 0; // to the end of the file and beyond
    probe.l_pid = 0; // F_OFD_GETLK requires it
    if (::fcntl(fd, F_OFD_GETLK, &probe) != 0)
        return Holder::Unknown;
    if (probe.l_type == F_UNLCK)
        return Holder::Nobody;
    return probe.l_pid == ::getpid() ? Holder::ThisProcess : Holder::Unknown;
}

// Whether this process holds a POSIX lock on the file: the descriptor's own answer where it is
// decisive, else /proc/locks (read at most once per call of closeSourceDescriptor), else "yes" (safe).
class LockQuery {
public:
    bool lockedByThisProcess(int fd, ino_t inode) {
        switch (lockHolder(fd)) {
        case Holder::Nobody:
            return false;
        case Holder::ThisProcess:
            return true;
        case Holder::Unknown:
            break;
        }
        if (!m_read) {
            m_inodes = inodesLockedByThisProcess(&m_known);
            m_read = true;
        }
        return !m_known || std::find(m_inodes.begin(), m_inodes.end(), inode) != m_inodes.end();
    }

private:
    bool m_read = false;
    bool m_known = true;
    std::vector<ino_t> m_inodes;
};

} // namespace

void closeSourceDescriptor(int fd) {
    if (fd < 0)
        return;
    struct stat st;
    const bool statted = ::fstat(fd, &st) == 0;
    LockQuery query;
    std::lock_guard lock(registryMutex());
    auto& parked = registry();
    // Parked descriptors whose locks are gone are closed now; this one too, unless its file is locked.
    const bool keep = statted && query.lockedByThisProcess(fd, st.st_ino);
    for (auto it = parked.begin(); it != parked.end();) {
        if (it->fd == fd) { // a lent descriptor coming back
            it->lent = false;
            if (keep)
                return;
            ::close(fd);
            it = parked.erase(it);
            return;
        }
        if (!it->lent && !query.lockedByThisProcess(it->fd, it->inode)) {
            ::close(it->fd);
            it = parked.erase(it);
        } else {
            ++it;
        }
    }
    if (keep)
        parked.push_back({fd, st.st_dev, st.st_ino, false});
    else
        ::close(fd);
}

int borrowParkedDescriptor(dev_t device, ino_t inode) {
    std::lock_guard lock(registryMutex());
    for (Parked& entry : registry()) {
        if (!entry.lent && entry.device == device && entry.inode == inode) {
            entry.lent = true;
            return entry.fd;
        }
    }
    return -1;
}

int parkedDescriptorCount() {
    std::lock_guard lock(registryMutex());
    return int(registry().size());
}

} // namespace sqlsnap::io

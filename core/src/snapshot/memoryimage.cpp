// MemoryImage, reading a source file into one, and the VFS that lets SQLite open an image as a file.
#include "snapshot/memoryimage.h"

#include "base/task.h"
#include "io/faults.h"
#include "io/posixio.h"

#include <sqlite3.h>

#include <QByteArray>

#include <algorithm>
#include <atomic>
#include <cerrno>
#include <cstring>
#include <map>
#include <mutex>
#include <sys/mman.h>
#include <unistd.h>

namespace sqlsnap {
namespace {

// Per pread: the cancel checks and progress reports lie this far apart (a few ms, tens under load).
constexpr qint64 kReadChunk = 4 * 1024 * 1024;

// A database image is read once from end to end: in 2 MiB pages the kernel takes one fault where 4 KiB
// pages take 512 (a quarter of the load's time at 1 GiB). Only the whole 2 MiB pages inside the buffer
// are advised; where transparent huge pages are off, this does nothing.
void adviseHugePages(unsigned char* data, qint64 bytes) {
    constexpr quintptr kHuge = 2 << 20;
    const quintptr begin = (quintptr(data) + kHuge - 1) & ~(kHuge - 1);
    const quintptr end = (quintptr(data) + quintptr(bytes)) & ~(kHuge - 1);
    if (end > begin)
        ::madvise(reinterpret_cast<void*>(begin), end - begin, MADV_HUGEPAGE);
}

std::atomic<qint64> imageLimit{MemoryImage::kMaxBytes};

} // namespace

qint64 memoryImageLimit() {
    return imageLimit.load(std::memory_order_relaxed);
}

void setMemoryImageLimit(qint64 bytes) {
    imageLimit.store(std::min(bytes, MemoryImage::kMaxBytes), std::memory_order_relaxed);
}

MemoryImage::~MemoryImage() {
    sqlite3_free(m_data);
}

bool MemoryImage::reserve(qint64 bytes) {
    if (bytes <= m_capacity)
        return true;
    if (bytes > kMaxBytes)
        return false;
    auto* grown = static_cast<unsigned char*>(sqlite3_realloc64(m_data, sqlite3_uint64(bytes)));
    if (!grown)
        return false;
    m_data = grown;
    m_capacity = bytes;
    adviseHugePages(m_data, m_capacity);
    return true;
}

bool MemoryImage::resize(qint64 bytes) {
    if (bytes > m_capacity) {
        // Geometric growth for a database the WAL replay extends page by page, capped at the maximum.
        const qint64 wanted = std::min(kMaxBytes, std::max(bytes, m_capacity + m_capacity / 4));
        if (!reserve(wanted) && !reserve(bytes))
            return false;
    }
    if (bytes > m_size)
        std::memset(m_data + m_size, 0, size_t(bytes - m_size));
    m_size = bytes;
    return true;
}

QByteArray MemoryImage::head(qint64 length) const {
    if (m_size < length)
        return {};
    return QByteArray(reinterpret_cast<const char*>(m_data), length);
}

unsigned char* MemoryImage::release() {
    m_size = m_capacity = 0;
    return std::exchange(m_data, nullptr);
}

Expected<qint64> readFileInto(int fd, const QString& path, MemoryImage& image, qint64 pageSize, Task& task) {
    const io::FileStat source = io::statFd(fd);
    if (!source.exists)
        return io::readError(source.error ? source.error : EIO, path);
    if (!source.regular)
        return io::notRegularError(path, source.mode);
    const qint64 limit = source.size;
    if (!image.reserve(limit))
        return Error{ErrorKind::IoError,
                     QStringLiteral("not enough memory to load %1 (%2 bytes)").arg(path).arg(limit)};
    image.setSize(0);
    task.progress().pagesTotal = pageSize > 0 ? (limit + pageSize - 1) / pageSize : 0;
    qint64 done = 0;
    while (done < limit) {
        if (task.cancelled())
            return Task::cancelledError();
        size_t chunk = size_t(std::min(kReadChunk, limit - done));
        int error = 0;
        if (!io::faults::allow(io::faults::Call::Read, path, &chunk, &error))
            return io::readError(error, path);
        const ssize_t n = ::pread(fd, image.data() + done, chunk, done);
        if (n < 0) {
            if (errno == EINTR)
                continue;
            return io::readError(errno, path);
        }
        if (n == 0)
            break; // shrank meanwhile: the set's markers show it, and the attempt is judged unstable
        done += n;
        image.setSize(done); // within the reserved room: the bytes just read stay
        task.progress().bytesDone += n;
        task.progress().pagesDone = pageSize > 0 ? done / pageSize : 0;
        task.report();
    }
    return done;
}

Expected<bool> fileEquals(const QString& path, const MemoryImage& image, QByteArray& buffer, Task& task) {
    int error = 0;
    io::Fd fd = io::openReadOnly(path, &error);
    if (!fd.valid())
        return error == ENOENT ? Expected<bool>(false) : Expected<bool>(io::readError(error, path));
    if (io::statFd(fd.get()).size != image.size())
        return false;
    for (qint64 offset = 0; offset < image.size();) {
        if (task.cancelled())
            return Task::cancelledError();
        const ssize_t n = ::pread(fd.get(), buffer.data(),
                                  size_t(std::min<qint64>(buffer.size(), image.size() - offset)), offset);
        if (n < 0 && errno == EINTR)
            continue;
        if (n < 0)
            return io::readError(errno, path);
        if (n == 0 || std::memcmp(buffer.constData(), image.data() + offset, size_t(n)) != 0)
            return false;
        offset += n;
    }
    return true;
}

// ---- The VFS ----------------------------------------------------------------------------------------
//
// A shim over the default VFS: xOpen of a bound main database file gives an ImageFile; everything else
// (the -wal, the -journal, and every VFS call besides xOpen) is the default VFS's. ImageFile has no
// shared-memory methods: the connection runs in locking_mode=EXCLUSIVE, for which SQLite keeps the WAL
// index on the heap. Locks are no-ops: the image is private to the one connection that opens it.
namespace {

struct Bound {
    MemoryImage* image = nullptr;
    Task* task = nullptr;
};

std::mutex g_boundMutex;
std::map<QByteArray, Bound>& bound() {
    static std::map<QByteArray, Bound> map;
    return map;
}

struct ImageFile {
    sqlite3_file base;
    MemoryImage* image;
    Task* task;
    unsigned writes;
};

sqlite3_vfs* realVfs(sqlite3_vfs* vfs) {
    return static_cast<sqlite3_vfs*>(vfs->pAppData);
}
ImageFile* imageFile(sqlite3_file* file) {
    return reinterpret_cast<ImageFile*>(file);
}

int imageClose(sqlite3_file*) {
    return SQLITE_OK;
}

int imageRead(sqlite3_file* file, void* out, int amount, sqlite3_int64 offset) {
    const MemoryImage& image = *imageFile(file)->image;
    const qint64 available = std::clamp<qint64>(image.size() - offset, 0, amount);
    if (available > 0)
        std::memcpy(out, image.data() + offset, size_t(available));
    if (available < amount) {
        std::memset(static_cast<char*>(out) + available, 0, size_t(amount - available));
        return SQLITE_IOERR_SHORT_READ;
    }
    return SQLITE_OK;
}

int imageWrite(sqlite3_file* file, const void* data, int amount, sqlite3_int64 offset) {
    ImageFile* f = imageFile(file);
    // Every 256 pages (~1 MiB, a millisecond): a cancel ends a long checkpoint into the image.
    if ((++f->writes & 255) == 0 && f->task && f->task->cancelled())
        return SQLITE_IOERR_WRITE;
    if (offset + amount > f->image->size() && !f->image->resize(offset + amount))
        return SQLITE_FULL;
    std::memcpy(f->image->data() + offset, data, size_t(amount));
    return SQLITE_OK;
}

int imageTruncate(sqlite3_file* file, sqlite3_int64 size) {
    MemoryImage& image = *imageFile(file)->image;
    if (size < image.size())
        image.resize(size);
    return SQLITE_OK;
}

int imageSync(sqlite3_file*, int) {
    return SQLITE_OK;
}

int imageFileSize(sqlite3_file* file, sqlite3_int64* size) {
    *size = imageFile(file)->image->size();
    return SQLITE_OK;
}

int imageLock(sqlite3_file*, int) {
    return SQLITE_OK;
}

int imageCheckReservedLock(sqlite3_file*, int* reserved) {
    *reserved = 0;
    return SQLITE_OK;
}

int imageFileControl(sqlite3_file*, int, void*) {
    return SQLITE_NOTFOUND;
}

int imageSectorSize(sqlite3_file*) {
    return 4096;
}

int imageDeviceCharacteristics(sqlite3_file*) {
    return SQLITE_IOCAP_POWERSAFE_OVERWRITE;
}

const sqlite3_io_methods kImageMethods = {
    1, // no shared memory, no mmap
    imageClose,
    imageRead,
    imageWrite,
    imageTruncate,
    imageSync,
    imageFileSize,
    imageLock,
    imageLock,
    imageCheckReservedLock,
    imageFileControl,
    imageSectorSize,
    imageDeviceCharacteristics,
    nullptr,
    nullptr,
    nullptr,
    nullptr,
    nullptr,
    nullptr,
};

int vfsOpen(sqlite3_vfs* vfs, const char* name, sqlite3_file* file, int flags, int* outFlags) {
    if (name && (flags & SQLITE_OPEN_MAIN_DB)) {
        std::lock_guard lock(g_boundMutex);
        if (auto it = bound().find(QByteArray(name)); it != bound().end()) {
            auto* f = imageFile(file);
            f->base.pMethods = &kImageMethods;
            f->image = it->second.image;
            f->task = it->second.task;
            f->writes = 0;
            if (outFlags)
                *outFlags = flags;
            return SQLITE_OK;
        }
    }
    sqlite3_vfs* real = realVfs(vfs);
    return real->xOpen(real, name, file, flags, outFlags);
}
int vfsDelete(sqlite3_vfs* vfs, const char* name, int syncDir) {
    return realVfs(vfs)->xDelete(realVfs(vfs), name, syncDir);
}
int vfsAccess(sqlite3_vfs* vfs, const char* name, int flags, int* out) {
    return realVfs(vfs)->xAccess(realVfs(vfs), name, flags, out);
}
int vfsFullPathname(sqlite3_vfs* vfs, const char* name, int size, char* out) {
    return realVfs(vfs)->xFullPathname(realVfs(vfs), name, size, out);
}
void* vfsDlOpen(sqlite3_vfs* vfs, const char* name) {
    return realVfs(vfs)->xDlOpen(realVfs(vfs), name);
}
void vfsDlError(sqlite3_vfs* vfs, int size, char* out) {
    realVfs(vfs)->xDlError(realVfs(vfs), size, out);
}
void (*vfsDlSym(sqlite3_vfs* vfs, void* handle, const char* symbol))(void) {
    return realVfs(vfs)->xDlSym(realVfs(vfs), handle, symbol);
}
void vfsDlClose(sqlite3_vfs* vfs, void* handle) {
    realVfs(vfs)->xDlClose(realVfs(vfs), handle);
}
int vfsRandomness(sqlite3_vfs* vfs, int size, char* out) {
    return realVfs(vfs)->xRandomness(realVfs(vfs), size, out);
}
int vfsSleep(sqlite3_vfs* vfs, int microseconds) {
    return realVfs(vfs)->xSleep(realVfs(vfs), microseconds);
}
int vfsCurrentTime(sqlite3_vfs* vfs, double* now) {
    return realVfs(vfs)->xCurrentTime(realVfs(vfs), now);
}
int vfsGetLastError(sqlite3_vfs* vfs, int size, char* out) {
    return realVfs(vfs)->xGetLastError ? realVfs(vfs)->xGetLastError(realVfs(vfs), size, out) : 0;
}
int vfsCurrentTimeInt64(sqlite3_vfs* vfs, sqlite3_int64* now) {
    sqlite3_vfs* real = realVfs(vfs);
    if (real->iVersion >= 2 && real->xCurrentTimeInt64)
        return real->xCurrentTimeInt64(real, now);
    double days = 0;
    const int rc = real->xCurrentTime(real, &days);
    *now = sqlite3_int64(days * 86400000.0);
    return rc;
}

sqlite3_vfs* imageVfs() {
    static sqlite3_vfs vfs;
    static std::once_flag once;
    std::call_once(once, [] {
        sqlite3_vfs* real = sqlite3_vfs_find(nullptr);
        vfs.iVersion = 2;
        vfs.szOsFile = std::max<int>(real->szOsFile, int(sizeof(ImageFile)));
        vfs.mxPathname = real->mxPathname;
        vfs.zName = "sqlsnap-image";
        vfs.pAppData = real;
        vfs.xOpen = vfsOpen;
        vfs.xDelete = vfsDelete;
        vfs.xAccess = vfsAccess;
        vfs.xFullPathname = vfsFullPathname;
        vfs.xDlOpen = vfsDlOpen;
        vfs.xDlError = vfsDlError;
        vfs.xDlSym = vfsDlSym;
        vfs.xDlClose = vfsDlClose;
        vfs.xRandomness = vfsRandomness;
        vfs.xSleep = vfsSleep;
        vfs.xCurrentTime = vfsCurrentTime;
        vfs.xGetLastError = vfsGetLastError;
        vfs.xCurrentTimeInt64 = vfsCurrentTimeInt64;
        sqlite3_vfs_register(&vfs, 0);
    });
    return &vfs;
}

} // namespace

QString imageUri(const QString& path) {
    // Percent-encoded except the path's own separators: any file name survives the URI.
    const QByteArray encoded = path.toUtf8().toPercentEncoding("/");
    return QStringLiteral("file:%1?vfs=%2")
        .arg(QString::fromLatin1(encoded), QString::fromLatin1(imageVfs()->zName));
}

Expected<ImageBinding> ImageBinding::bind(const QString& path, MemoryImage& image, Task& task) {
    sqlite3_vfs* vfs = imageVfs();
    // The key is the name SQLite will pass to xOpen: the path after the VFS's own xFullPathname.
    QByteArray full(vfs->mxPathname + 1, '\0');
    // SQLITE_OK_SYMLINK counts as success (a link was resolved).
    if ((vfs->xFullPathname(vfs, path.toUtf8().constData(), int(full.size()), full.data()) & 0xff) !=
        SQLITE_OK)
        return Error{ErrorKind::IoError, QStringLiteral("cannot resolve %1").arg(path)};
    full.truncate(int(std::strlen(full.constData())));
    std::lock_guard lock(g_boundMutex);
    if (!bound().emplace(full, Bound{&image, &task}).second)
        return Error{ErrorKind::IoError, QStringLiteral("%1 is already bound to an image").arg(path)};
    return ImageBinding(full);
}

ImageBinding::~ImageBinding() {
    if (m_key.isEmpty())
        return;
    std::lock_guard lock(g_boundMutex);
    bound().erase(m_key);
}

} // namespace sqlsnap

#include "verify/meteredvfs.h"

#include <sqlite3.h>

#include <cstring>
#include <mutex>

namespace sqlsnap {
namespace {

thread_local ReadMeter* t_meter = nullptr;

// Our file: the methods first (SQLite's layout), then the default VFS's own file, allocated with it.
struct MeteredFile {
    sqlite3_file base;
    sqlite3_file* real() { return reinterpret_cast<sqlite3_file*>(this + 1); }
};

sqlite3_file* real(sqlite3_file* f) {
    return reinterpret_cast<MeteredFile*>(f)->real();
}

int meteredRead(sqlite3_file* f, void* buffer, int amount, sqlite3_int64 offset) {
    const int rc = real(f)->pMethods->xRead(real(f), buffer, amount, offset);
    if (t_meter && rc == SQLITE_OK)
        t_meter->add(amount);
    return rc;
}

// Everything else is the default VFS's, unchanged. Version 2: no xFetch, so no read bypasses xRead
// through a memory map.
const sqlite3_io_methods kMethods = {
    2,
    [](sqlite3_file* f) {
        const int rc = real(f)->pMethods->xClose(real(f));
        f->pMethods = nullptr;
        return rc;
    },
    meteredRead,
    [](sqlite3_file* f, const void* b, int n, sqlite3_int64 o) {
        return real(f)->pMethods->xWrite(real(f), b, n, o);
    },
    [](sqlite3_file* f, sqlite3_int64 size) { return real(f)->pMethods->xTruncate(real(f), size); },
    [](sqlite3_file* f, int flags) { return real(f)->pMethods->xSync(real(f), flags); },
    [](sqlite3_file* f, sqlite3_int64* size) { return real(f)->pMethods->xFileSize(real(f), size); },
    [](sqlite3_file* f, int lock) { return real(f)->pMethods->xLock(real(f), lock); },
    [](sqlite3_file* f, int lock) { return real(f)->pMethods->xUnlock(real(f), lock); },
    [](sqlite3_file* f, int* out) { return real(f)->pMethods->xCheckReservedLock(real(f), out); },
    [](sqlite3_file* f, int op, void* arg) { return real(f)->pMethods->xFileControl(real(f), op, arg); },
    [](sqlite3_file* f) { return real(f)->pMethods->xSectorSize(real(f)); },
    [](sqlite3_file* f) { return real(f)->pMethods->xDeviceCharacteristics(real(f)); },
    [](sqlite3_file* f, int region, int size, int extend, void volatile** out) {
        return real(f)->pMethods->iVersion >= 2
                   ? real(f)->pMethods->xShmMap(real(f), region, size, extend, out)
                   : SQLITE_IOERR_SHMMAP;
    },
    [](sqlite3_file* f, int offset, int n, int flags) {
        return real(f)->pMethods->iVersion >= 2 ? real(f)->pMethods->xShmLock(real(f), offset, n, flags)
                                                : SQLITE_IOERR_SHMLOCK;
    },
    [](sqlite3_file* f) {
        if (real(f)->pMethods->iVersion >= 2)
            real(f)->pMethods->xShmBarrier(real(f));
    },
    [](sqlite3_file* f, int deleteFlag) {
        return real(f)->pMethods->iVersion >= 2 ? real(f)->pMethods->xShmUnmap(real(f), deleteFlag)
                                                : SQLITE_OK;
    },
    nullptr,
    nullptr,
};

sqlite3_vfs g_vfs;

int meteredOpen(sqlite3_vfs* vfs, sqlite3_filename name, sqlite3_file* file, int flags, int* outFlags) {
    auto* underlying = static_cast<sqlite3_vfs*>(vfs->pAppData);
    auto* metered = reinterpret_cast<MeteredFile*>(file);
    std::memset(metered->real(), 0, size_t(underlying->szOsFile));
    const int rc = underlying->xOpen(underlying, name, metered->real(), flags, outFlags);
    file->pMethods = metered->real()->pMethods ? &kMethods : nullptr;
    return rc;
}

} // namespace

const char* meteredVfsName() {
    static std::once_flag registered;
    std::call_once(registered, [] {
        sqlite3_vfs* underlying = sqlite3_vfs_find(nullptr);
        g_vfs = *underlying; // every call but xOpen goes to it, through pAppData
        g_vfs.iVersion = underlying->iVersion;
        g_vfs.szOsFile = int(sizeof(MeteredFile)) + underlying->szOsFile;
        g_vfs.pNext = nullptr;
        g_vfs.zName = "sqlsnap-metered";
        g_vfs.pAppData = underlying;
        g_vfs.xOpen = meteredOpen;
        g_vfs.xDelete = [](sqlite3_vfs* v, const char* n, int sync) {
            auto* u = static_cast<sqlite3_vfs*>(v->pAppData);
            return u->xDelete(u, n, sync);
        };
        g_vfs.xAccess = [](sqlite3_vfs* v, const char* n, int flags, int* out) {
            auto* u = static_cast<sqlite3_vfs*>(v->pAppData);
            return u->xAccess(u, n, flags, out);
        };
        g_vfs.xFullPathname = [](sqlite3_vfs* v, const char* n, int size, char* out) {
            auto* u = static_cast<sqlite3_vfs*>(v->pAppData);
            return u->xFullPathname(u, n, size, out);
        };
        sqlite3_vfs_register(&g_vfs, 0);
    });
    return g_vfs.zName;
}

ReadMeter::ReadMeter(qint64 step, std::function<void(qint64)> onRead)
    : m_step(step), m_onRead(std::move(onRead)) {
    Q_ASSERT(!t_meter);
    t_meter = this;
}

ReadMeter::~ReadMeter() {
    t_meter = nullptr;
}

void ReadMeter::add(qint64 bytes) {
    m_bytes += bytes;
    if (m_bytes - m_reported >= m_step) {
        m_reported = m_bytes;
        m_onRead(m_bytes);
    }
}

} // namespace sqlsnap

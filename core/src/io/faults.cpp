#include "io/faults.h"

#include <QList>

#include <atomic>
#include <mutex>

namespace sqlsnap::io::faults {
namespace {
std::atomic<bool> g_active{false};
std::mutex g_mutex;
QList<Fault> g_faults;
int g_injected = 0;
} // namespace

void inject(const Fault& fault) {
    std::lock_guard lock(g_mutex);
    g_faults << fault;
    g_active.store(true, std::memory_order_relaxed);
}

void clear() {
    std::lock_guard lock(g_mutex);
    g_faults.clear();
    g_injected = 0;
    g_active.store(false, std::memory_order_relaxed);
}

int injectedCount() {
    std::lock_guard lock(g_mutex);
    return g_injected;
}

bool allow(Call call, const QString& path, size_t* length, int* error) {
    if (!g_active.load(std::memory_order_relaxed))
        return true;
    std::function<void()> action;
    bool fail = false;
    {
        std::lock_guard lock(g_mutex);
        for (Fault& f : g_faults) {
            if (f.call != call || f.times == 0 ||
                (!f.pathContains.isEmpty() && !path.contains(f.pathContains)))
                continue;
            if (f.skip > 0) {
                --f.skip;
                continue;
            }
            if (f.times > 0)
                --f.times;
            ++g_injected;
            action = f.action;
            if (f.maxBytes > 0 && length && *length > size_t(f.maxBytes))
                *length = size_t(f.maxBytes);
            if (f.error != 0) {
                *error = f.error;
                fail = true;
            }
            break;
        }
    }
    if (action)
        action(); // outside the lock: it may do I/O of its own
    return !fail;
}

} // namespace sqlsnap::io::faults

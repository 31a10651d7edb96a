#include "common/threadpriority.h"

#include <sys/resource.h>

#include <cerrno>

namespace sqlsnap::ui {

int niceValueOf(ThreadRole role) {
    return role == ThreadRole::Background ? 10 : 5;
}

void lowerThisThreadsPriority(ThreadRole role) {
    static thread_local bool lowered = false;
    if (lowered)
        return;
    // Relative to the process's own nice value, so a user who started the app with `nice` keeps the
    // same distance between the GUI thread and its workers. getpriority can return -1 as a value.
    errno = 0;
    const int base = ::getpriority(PRIO_PROCESS, 0);
    if (base == -1 && errno != 0)
        return;
    lowered = ::setpriority(PRIO_PROCESS, 0, base + niceValueOf(role)) == 0;
}

} // namespace sqlsnap::ui

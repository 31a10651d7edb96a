// QtConcurrent::run, with its hand-over made sound to ThreadSanitizer.
//
// The pool's locks live in Debian's Qt, which is not built with ThreadSanitizer, so TSan cannot see
// that building a task here happens before a pool thread reads it, and reports a race (a false one)
// on the task's captured values. Under TSan, this thread's memory writes are therefore not recorded
// while the task is built and queued; nothing else is hidden, and synchronisation is still tracked.
// Without TSan this is exactly QtConcurrent::run.
#pragma once

#include <QtConcurrent>

#if defined(__SANITIZE_THREAD__)
#define SQLSNAP_TSAN_ACTIVE 1
#elif defined(__has_feature)
#if __has_feature(thread_sanitizer)
#define SQLSNAP_TSAN_ACTIVE 1
#endif
#endif

#ifdef SQLSNAP_TSAN_ACTIVE
extern "C" void __tsan_ignore_thread_begin();
extern "C" void __tsan_ignore_thread_end();
#endif

namespace sqlsnap::ui {

template <class... Args> auto runInPool(Args&&... args) {
#ifdef SQLSNAP_TSAN_ACTIVE
    struct IgnoreWrites {
        IgnoreWrites() { __tsan_ignore_thread_begin(); }
        ~IgnoreWrites() { __tsan_ignore_thread_end(); }
    } ignore;
#endif
    return QtConcurrent::run(std::forward<Args>(args)...);
}

} // namespace sqlsnap::ui

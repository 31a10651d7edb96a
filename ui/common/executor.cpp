#include "common/executor.h"

#include "common/threadpriority.h"

#include <QFutureWatcher>
#include <QPromise>
#include <QThread>
#include <QThreadPool>

#include <mutex>

// The pool's locks live in Debian's Qt, which is not built with ThreadSanitizer, so TSan cannot see that
// building a task here happens before a pool thread reads it, and reports a race (a false one) on the
// task's captured values. Under TSan, this thread's memory writes are therefore not recorded while the
// task is built and queued; nothing else is hidden, and synchronisation is still tracked.
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
namespace {
// The hand-over to a pool thread, made visible to ThreadSanitizer: the submitting thread unlocks this
// after everything the task reads was written (its captures, its token), and the pool thread locks it
// before it reads any of it. Qt's own ordering (the pool's lock) is real but uninstrumented.
std::mutex& handover() {
    static std::mutex m;
    return m;
}
} // namespace

struct Task::State {
    CancelToken token;
    QFuture<void> future; // finished once `work` returned or was skipped
};

void Task::cancel() const {
    if (m_state)
        m_state->token.cancel();
}

bool Task::isCancelled() const {
    return m_state && m_state->token.isCancelled();
}

bool Task::isFinished() const {
    return !m_state || m_state->future.isFinished();
}

void Task::waitForFinished() const {
    if (m_state)
        m_state->future.waitForFinished(); // a QPromise's future: never runs the task on this thread
}

const CancelToken& Task::token() const {
    static const CancelToken none;
    return m_state ? m_state->token : none;
}

namespace {
constexpr int kInteractiveThreads = 2;

int totalThreads() {
    return std::max(QThread::idealThreadCount(), 8);
}
} // namespace

Executor::Executor() : m_long(new QThreadPool), m_interactive(new QThreadPool) {
    m_long->setObjectName(QStringLiteral("long work"));
    m_long->setMaxThreadCount(std::max(1, totalThreads() - 1));
    m_interactive->setObjectName(QStringLiteral("interactive work"));
    m_interactive->setMaxThreadCount(kInteractiveThreads);
}

Executor& Executor::instance() {
    // Never destroyed: pool threads may still be finishing a cancelled task while the process exits.
    static Executor* executor = new Executor;
    return *executor;
}

QThreadPool* Executor::pool(Lane lane) const {
    return lane == Lane::Long ? m_long : m_interactive;
}

int Executor::threadCount(Lane lane) const {
    return pool(lane)->maxThreadCount();
}

void Executor::setThreadCount(Lane lane, int threads) {
    pool(lane)->setMaxThreadCount(std::max(1, threads));
}

int Executor::activeCount(Lane lane) const {
    return pool(lane)->activeThreadCount();
}

Task Executor::start(Lane lane, QObject* context, std::function<void(const CancelToken&)> work,
                     std::function<void()> deliver, Answer answer, CancelToken token) {
    Q_ASSERT(context && context->thread() == QThread::currentThread());
    Task task;
    task.m_state = std::make_shared<Task::State>();
    task.m_state->token = token;

    auto promise = std::make_shared<QPromise<void>>();
    promise->start();
    task.m_state->future = promise->future();

    // The answer comes through a watcher owned by `context`: destroyed with it, so a late answer never
    // reaches a destroyed object.
    auto* watcher = new QFutureWatcher<void>(context);
    QObject::connect(watcher, &QFutureWatcherBase::finished, context,
                     [watcher, token, answer, deliver = std::move(deliver)]() mutable {
                         watcher->deleteLater();
                         if (answer == Answer::UnlessCancelled && token.isCancelled())
                             return;
                         deliver();
                     });
    watcher->setFuture(task.m_state->future);

    auto run = [lane, promise, token, answer, work = std::move(work)]() mutable {
        { std::lock_guard acquire(handover()); }
        if (lane == Lane::Long)
            lowerThisThreadsPriority(ThreadRole::Background);
        if (answer == Answer::Always || !token.isCancelled())
            work(token);
        work = nullptr; // the captured values go here, on the pool thread, not wherever the promise ends
        promise->finish();
    };
    {
#ifdef SQLSNAP_TSAN_ACTIVE
        struct IgnoreWrites {
            IgnoreWrites() { __tsan_ignore_thread_begin(); }
            ~IgnoreWrites() { __tsan_ignore_thread_end(); }
        } ignore;
#endif
        { std::lock_guard release(handover()); }
        pool(lane)->start(std::move(run));
    }
    return task;
}

} // namespace sqlsnap::ui

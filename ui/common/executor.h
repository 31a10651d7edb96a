// How the app runs work off the GUI thread, and how that work stops: the one executor.
//
// HOW BACKGROUND WORK RUNS
//   Executor::instance().run(lane, context, work, done) queues `work` on a pool thread of `lane` and
//   returns a Task at once. The GUI thread never waits for it (except Task::waitForFinished(), for
//   shutdown and tests). Two lanes, so long work can never starve short work:
//     Lane::Long         snapshots and exports (every Job). At most threadCount(Lane::Long) at once
//                        (N - 1 of the executor's N threads, at least 1); more wait their turn. Its
//                        threads run at a lower CPU priority than the GUI thread.
//     Lane::Interactive  what a user waits to see: inspections of sources, folder listings, stat
//                        signatures. Threads of its own, never taken by long work, so a dropped file
//                        is inspected at once however many snapshots run. Keep these tasks short.
//   `work(const CancelToken&)` runs on the pool thread and must not touch widgets or `context`. Its
//   return value is handed to `done(value)` on `context`'s thread (the GUI thread), once.
//
// HOW IT STOPS
//   Every task has its own CancelToken (a new one, or the one given): Task::cancel() cancels it, from
//   any thread, and a token is never reset, so a cancel cannot be lost or leak into another request.
//   `work` hands the token to the engine through a ProgressSink whose cancelToken() returns it (use
//   TaskSink): SQLite is then interrupted at once, not at the next poll.
//   Answer::UnlessCancelled (the default, for inspections and listings): a cancelled task never
//   answers — `work` is skipped if the token is cancelled before a thread picks the task up, and
//   `done` is not called if the token is cancelled by the time the answer arrives. Cancel a request
//   when it is replaced (a newer refresh of the same source, another folder) or no longer wanted (its
//   model or window goes): no stale answer needs to be recognised and dropped by the caller.
//   Answer::Always (for jobs, which must say how they ended): `work` always runs (a cancelled token makes
//   the engine return ErrorKind::Cancelled at once, after removing what it created) and `done` is
//   always called.
//   Either way, `done` is never called once `context` is destroyed. Destroying `context` does not
//   cancel the task: the object that owns a request cancels it (in its destructor at the latest).
//
// Call run() on `context`'s thread. Under ThreadSanitizer the hand-over to the pool is made visible to it
// (see executor.cpp); nothing else differs.
#pragma once

#include <sqlitesnapshot/progress.h>

#include <QObject>

#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <type_traits>
#include <utility>

class QThreadPool;

namespace sqlsnap::ui {

enum class Lane { Long, Interactive };

// A submitted task as its caller holds it. Copies share the task; a default Task is no task (cancel()
// does nothing, isFinished() is true).
class Task {
public:
    Task() = default;
    void cancel() const;
    bool isCancelled() const;
    bool isFinished() const; // `work` returned or was skipped (the answer may still be on its way)
    // Blocks until `work` returned or was skipped; a queued task first waits for a thread of its lane.
    // Shutdown and tests only: never on the GUI thread in normal operation.
    void waitForFinished() const;
    const CancelToken& token() const;

private:
    friend class Executor;
    struct State;
    std::shared_ptr<State> m_state;
};

// The ProgressSink a task gives the engine: cancelled exactly when its task is (cancelToken() returns the
// task's token, so a cancel interrupts SQLite at once); report() calls `onProgress` on the worker thread
// (keep it cheap and thread-safe; it may be empty).
class TaskSink : public ProgressSink {
public:
    explicit TaskSink(CancelToken token, std::function<void(const Progress&)> onProgress = {})
        : m_token(std::move(token)), m_onProgress(std::move(onProgress)) {}
    void report(const Progress& progress) override {
        if (m_onProgress)
            m_onProgress(progress);
    }
    bool isCancelled() const override { return m_token.isCancelled(); }
    const CancelToken* cancelToken() const override { return &m_token; }

private:
    CancelToken m_token;
    std::function<void(const Progress&)> m_onProgress;
};

class Executor {
public:
    enum class Answer { UnlessCancelled, Always };

    static Executor& instance();

    // How many tasks of a lane run at once. Long: N - 1 of N = max(idealThreadCount, 8) threads (jobs
    // mostly wait on I/O: several sources at once really run at once). Interactive: 2.
    int threadCount(Lane lane) const;
    void setThreadCount(Lane lane, int threads); // tests and tuning; at least 1
    int activeCount(Lane lane) const;            // tasks of the lane running right now

    // See the contract above. `work`: R(const CancelToken&); `done`: void(R).
    template <class Work, class Done>
    Task run(Lane lane, QObject* context, Work work, Done done, Answer answer = Answer::UnlessCancelled,
             CancelToken token = CancelToken()) {
        using R = std::invoke_result_t<Work&, const CancelToken&>;
        // Handed over under a mutex of its own: the pool's locks are invisible to ThreadSanitizer.
        struct Result {
            std::mutex mutex;
            std::optional<R> value;
        };
        auto result = std::make_shared<Result>();
        return start(
            lane, context,
            [result, work = std::move(work)](const CancelToken& t) mutable {
                R value = work(t);
                std::lock_guard lock(result->mutex);
                result->value.emplace(std::move(value));
            },
            [result, done = std::move(done)]() mutable {
                std::optional<R> value;
                {
                    std::lock_guard lock(result->mutex);
                    value = std::move(result->value);
                }
                if (value)
                    done(std::move(*value));
            },
            answer, std::move(token));
    }

private:
    Executor();
    Task start(Lane lane, QObject* context, std::function<void(const CancelToken&)> work,
               std::function<void()> deliver, Answer answer, CancelToken token);
    QThreadPool* pool(Lane lane) const;

    QThreadPool* m_long;
    QThreadPool* m_interactive;
};

} // namespace sqlsnap::ui

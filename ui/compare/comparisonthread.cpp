#include "compare/comparisonthread.h"

#include "common/threadpriority.h"

#include <map>
#include <mutex>
#include <optional>

namespace sqlsnap::ui {

struct ComparisonThread::State {
    QString pathA, pathB;
    std::unique_ptr<DatabaseComparison> comparison; // touched on the thread only
    std::optional<Error> openError;
    bool opened = false;
    std::mutex mutex;
    std::map<quint64, CancelToken> live; // posted, not finished: the destructor cancels them
    quint64 nextId = 0;
};

ComparisonThread::ComparisonThread(const QString& pathA, const QString& pathB)
    : m_state(std::make_shared<State>()) {
    m_state->pathA = pathA;
    m_state->pathB = pathB;
    m_context = new QObject;
    m_context->moveToThread(&m_thread);
    QObject::connect(&m_thread, &QThread::finished, m_context, &QObject::deleteLater);
    m_thread.setObjectName(QStringLiteral("comparison reader"));
    m_thread.start();
    QMetaObject::invokeMethod(
        m_context, [] { lowerThisThreadsPriority(ThreadRole::Reader); }, Qt::QueuedConnection);
}

ComparisonThread::~ComparisonThread() {
    {
        std::lock_guard lock(m_state->mutex);
        for (const auto& [id, t] : m_state->live)
            t.cancel();
    }
    // The comparison is closed on its own thread, after every job posted (a cursor's close included),
    // and the thread ends there: a quit() from here could leave jobs queued.
    QMetaObject::invokeMethod(
        m_context,
        [state = m_state] {
            state->comparison.reset();
            QThread::currentThread()->quit();
        },
        Qt::QueuedConnection);
    m_thread.wait();
}

void ComparisonThread::post(const CancelToken& token, Job job) {
    quint64 id = 0;
    {
        std::lock_guard lock(m_state->mutex);
        id = ++m_state->nextId;
        m_state->live.emplace(id, token);
    }
    QMetaObject::invokeMethod(
        m_context,
        [state = m_state, id, token, job = std::move(job)] {
            if (!token.isCancelled()) {
                if (!state->opened) {
                    state->opened = true;
                    CancelFlag sink(token);
                    if (auto opened = DatabaseComparison::open(state->pathA, state->pathB, &sink))
                        state->comparison = std::move(*opened);
                    else if (opened.error().kind != ErrorKind::Cancelled)
                        state->openError = opened.error();
                    else
                        state->opened = false; // a cancelled open is tried again by the next job
                }
                if (state->opened)
                    job(state->comparison.get(), state->openError ? &*state->openError : nullptr, token);
            }
            std::lock_guard lock(state->mutex);
            state->live.erase(id);
        },
        Qt::QueuedConnection);
}

} // namespace sqlsnap::ui

#include "sqlitesnapshot/progress.h"

#include <QList>

#include <mutex>
#include <utility>

namespace sqlsnap {

struct CancelState {
    std::atomic<bool> cancelled{false};
    std::mutex mutex; // guards the interrupters, so none runs after its Interruption is gone
    quint64 nextId = 1;
    QList<std::pair<quint64, std::function<void()>>> interrupters;
    const ProgressSink* followed = nullptr; // polled by isCancelled(), for sinks without a token
};

CancelToken::CancelToken() : m_state(std::make_shared<CancelState>()) {}

void CancelToken::cancel() const {
    m_state->cancelled.store(true, std::memory_order_release);
    std::lock_guard lock(m_state->mutex);
    for (const auto& [id, interrupt] : std::as_const(m_state->interrupters))
        interrupt();
}

bool CancelToken::isCancelled() const {
    if (m_state->cancelled.load(std::memory_order_acquire))
        return true;
    if (m_state->followed && m_state->followed->isCancelled()) {
        m_state->cancelled.store(true, std::memory_order_release);
        return true;
    }
    return false;
}

CancelToken CancelToken::following(const ProgressSink* sink) {
    if (sink && sink->cancelToken())
        return *sink->cancelToken();
    CancelToken token;
    token.m_state->followed = sink;
    return token;
}

CancelToken::Interruption::Interruption(const CancelToken& token, std::function<void()> interrupt)
    : m_state(token.m_state) {
    std::lock_guard lock(m_state->mutex);
    m_id = m_state->nextId++;
    m_state->interrupters.append({m_id, std::move(interrupt)});
    // Cancelled before the work began: the work itself sees isCancelled() first; nothing to interrupt.
}

CancelToken::Interruption::~Interruption() {
    std::lock_guard lock(m_state->mutex);
    m_state->interrupters.removeIf([this](const auto& entry) { return entry.first == m_id; });
}

} // namespace sqlsnap

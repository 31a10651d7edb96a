// The engine's view of a caller's ProgressSink: current progress plus cancellation checks.
#pragma once

#include "sqlitesnapshot/error.h"
#include "sqlitesnapshot/progress.h"

namespace sqlsnap {

class Task {
public:
    explicit Task(ProgressSink* sink) : m_sink(sink), m_token(sink ? sink->cancelToken() : nullptr) {}
    // A call that reports nothing and is stopped by `token` (the reader's calls).
    explicit Task(const CancelToken& token) : m_sink(nullptr), m_token(&token) {}

    Progress& progress() { return m_progress; }
    void setPhase(Phase phase) {
        m_progress.phase = phase;
        m_progress.bytesDone = m_progress.bytesTotal = 0;
        m_progress.pagesDone = m_progress.pagesTotal = 0;
        m_progress.rowsDone = m_progress.rowsTotal = 0;
        report();
    }
    void report() {
        if (m_sink)
            m_sink->report(m_progress);
    }
    bool cancelled() const {
        return (m_token && m_token->isCancelled()) || (m_sink && m_sink->isCancelled());
    }
    // The token whose cancel can interrupt SQLite at once, if the caller has one.
    const CancelToken* token() const { return m_token; }
    // A token cancelled when this task is: the caller's own, or one that follows its sink (for the calls
    // that take a CancelToken, as inspectDatabase does).
    CancelToken cancelToken() const { return m_token ? *m_token : CancelToken::following(m_sink); }
    static Error cancelledError() { return {ErrorKind::Cancelled, QStringLiteral("cancelled")}; }

private:
    ProgressSink* m_sink;
    const CancelToken* m_token;
    Progress m_progress;
};

} // namespace sqlsnap

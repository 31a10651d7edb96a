// Two databases opened for comparing (DatabaseComparison) on a thread of their own, fed with jobs in
// order: the Compare tab's grid reads its pages of changed rows here, so no SQLite call runs on the GUI
// thread. The same contract as preview/readerthread.h: every job carries its request's CancelToken, a job
// whose token is cancelled before it starts does not run, and the destructor cancels the running one and
// waits. The comparison is opened by the first job (open errors answer every job).
#pragma once

#include <sqlitesnapshot/compare.h>

#include <QObject>
#include <QThread>

#include <functional>
#include <memory>

namespace sqlsnap::ui {

class ComparisonThread {
public:
    ComparisonThread(const QString& pathA, const QString& pathB);
    ~ComparisonThread();
    ComparisonThread(const ComparisonThread&) = delete;
    ComparisonThread& operator=(const ComparisonThread&) = delete;

    // `comparison` is null when opening failed (`openError` says why).
    using Job =
        std::function<void(DatabaseComparison* comparison, const Error* openError, const CancelToken& token)>;
    void post(const CancelToken& token, Job job);

private:
    struct State;
    QThread m_thread;
    QObject* m_context = nullptr; // lives on m_thread
    std::shared_ptr<State> m_state;
};

} // namespace sqlsnap::ui

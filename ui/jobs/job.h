// One piece of long engine work (a snapshot, an export, a table export, …) as the GUI thread sees it.
//
// A job is a description — its kind and title, what it reads and writes — plus one function
// `ProgressSink& -> Expected<JobResult>` (a JobSpec; jobspecs.h makes the app's kinds). start() runs
// that function on the executor's long lane (common/executor.h) with a sink that
//   (1) keeps only the latest Progress and wakes the job at most once per delivery, so a fast engine
//       cannot flood the event loop, and
//   (2) is cancelled by the job's own CancelToken (cancelToken() returns it): cancel() interrupts the
//       SQLite statement running for it at once. A job is cancelled once; its token is never reset.
// The job always ends with finished(): Succeeded with its result, Failed with the engine's error, or
// Cancelled (the engine removed what it had created before it returned). Everything this object
// exposes is read and changed on the GUI thread only.
#pragma once

#include "common/executor.h"

#include <sqlitesnapshot/compare.h>
#include <sqlitesnapshot/restore.h>
#include <sqlitesnapshot/schedules.h>
#include <sqlitesnapshot/snapshot.h>
#include <sqlitesnapshot/tableexport.h>
#include <sqlitesnapshot/verification.h>

#include <QElapsedTimer>
#include <QObject>

#include <functional>
#include <memory>
#include <optional>
#include <variant>

namespace sqlsnap::ui {

enum class JobKind { Snapshot, Export, TableExport, Verify, Restore, ScheduleRun, Compare };

// What a job's function gives back when it succeeds: one of the engine's result types.
using JobResult = std::variant<SnapshotResult, TableExportResult, Verification, RestoreResult, ScheduleRunReport,
                               ComparisonSummary>;

// The two ways out of a snapshot whose copies never became stable (ErrorKind::ChangedTooOften).
enum class Rerun {
    BriefReadLock, // the same job with options.direct = true: read the live source under a read lock
    Unverified,    // the same job with options.strict = false: publish the last copy, flagged
};

struct JobSpec {
    JobKind kind = JobKind::Snapshot;
    QString title;       // the row's title: "Snapshot of notes.db → notes 2024-….sqlite"
    QString source;      // what it reads (the tooltip)
    QString destination; // what it writes (the tooltip, Show in Folder, Open); empty: nothing (Verify)
    // The work, on a pool thread: report progress to the sink and stop when it is cancelled.
    std::function<Expected<JobResult>(ProgressSink&)> run;
    // The same job run another way after it failed with `error`; empty when that way does not apply
    // (or null: the job has none).
    std::function<std::optional<JobSpec>(const Error& error, Rerun how)> rerun;
};

class Job : public QObject {
    Q_OBJECT
public:
    enum class State { Running, Succeeded, Failed, Cancelled };

    explicit Job(JobSpec spec, QObject* parent = nullptr);
    ~Job() override; // cancels and waits: the engine never outlives its job

    void start();
    void cancel();
    // Blocks until the engine returned (tests and shutdown only).
    void waitForFinished();

    const JobSpec& spec() const { return m_spec; }
    JobKind kind() const { return m_spec.kind; }
    QString title() const { return m_spec.title; }
    QString source() const { return m_spec.source; }
    QString destination() const { return m_spec.destination; }
    State state() const { return m_state; }
    bool isRunning() const { return m_state == State::Running; }
    const Progress& progress() const { return m_progress; }
    // 0..1000 across the whole job (copy, then backup or hashing): never goes back.
    int permille() const { return m_permille; }
    double bytesPerSecond() const { return m_rate; }     // of the current phase; 0 unknown
    qint64 secondsLeft() const { return m_secondsLeft; } // of the current phase; -1 unknown
    // Running: time so far; finished: the time it took (frozen when it ended).
    qint64 elapsedMs() const {
        return m_state != State::Running ? m_elapsedMs : m_clock.isValid() ? m_clock.elapsed() : 0;
    }
    const std::optional<JobResult>& result() const { return m_result; }
    // The result as one of its types; null before success or when it is of another type.
    template <class T> const T* resultAs() const { return m_result ? std::get_if<T>(&*m_result) : nullptr; }
    const std::optional<Error>& error() const { return m_error; }
    // The job to run instead, after a failure, in the way `how`; empty when there is none.
    std::optional<JobSpec> rerunSpec(Rerun how) const;

signals:
    void progressChanged();
    void finished();

private:
    struct Shared;
    void deliverProgress();
    void onFinished(Expected<JobResult> outcome);
    void updateRate(qint64 done, qint64 total, qint64 unitBytes);

    JobSpec m_spec;
    std::shared_ptr<Shared> m_shared;
    Task m_task;
    State m_state = State::Running;
    Progress m_progress;
    int m_permille = 0;
    double m_rate = 0;
    qint64 m_secondsLeft = -1;
    qint64 m_elapsedMs = 0;
    QElapsedTimer m_clock, m_phaseClock;
    Phase m_rateOf = Phase::Inspecting;
    std::optional<JobResult> m_result;
    std::optional<Error> m_error;
};

} // namespace sqlsnap::ui

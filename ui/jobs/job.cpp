#include "jobs/job.h"

#include <mutex>

namespace sqlsnap::ui {

// What the job and its task share: the latest progress, and whether a wake is already on its way.
struct Job::Shared {
    CancelToken token;
    std::mutex mutex;
    Progress latest;
    std::atomic<bool> deliveryPending{false};
};

Job::Job(JobSpec spec, QObject* parent)
    : QObject(parent), m_spec(std::move(spec)), m_shared(std::make_shared<Shared>()) {}

Job::~Job() {
    if (!m_task.isFinished()) {
        cancel();
        m_task.waitForFinished();
    }
}

void Job::start() {
    m_clock.start();
    m_phaseClock.start();
    auto shared = m_shared;
    // The job outlives its task (the destructor waits), so the task may wake it by pointer.
    Job* job = this;
    const QString cancelledEarly = tr("cancelled before it started");
    m_task = Executor::instance().run(
        Lane::Long, this,
        [shared, job, run = m_spec.run, cancelledEarly](const CancelToken& token) -> Expected<JobResult> {
            if (token.isCancelled())
                return Error{ErrorKind::Cancelled, cancelledEarly};
            TaskSink sink(token, [shared, job](const Progress& progress) {
                {
                    std::lock_guard lock(shared->mutex);
                    shared->latest = progress;
                }
                if (!shared->deliveryPending.exchange(true))
                    QMetaObject::invokeMethod(job, &Job::deliverProgress, Qt::QueuedConnection);
            });
            return run(sink);
        },
        [this](Expected<JobResult> outcome) { onFinished(std::move(outcome)); }, Executor::Answer::Always,
        m_shared->token);
}

void Job::cancel() {
    if (m_state == State::Running)
        m_shared->token.cancel(); // interrupts the SQLite statement running for it, if any
}

void Job::waitForFinished() {
    m_task.waitForFinished();
}

std::optional<JobSpec> Job::rerunSpec(Rerun how) const {
    if (m_state != State::Failed || !m_error || !m_spec.rerun)
        return std::nullopt;
    return m_spec.rerun(*m_error, how);
}

void Job::deliverProgress() {
    m_shared->deliveryPending.store(false);
    if (m_state != State::Running)
        return;
    {
        std::lock_guard lock(m_shared->mutex);
        m_progress = m_shared->latest;
    }
    // A verification is the check (the first 60 %, by pages read), then the hash.
    if (m_spec.kind == JobKind::Verify) {
        if (m_progress.phase == Phase::Verifying && m_progress.pagesTotal > 0)
            m_permille = std::max(m_permille, int(600 * m_progress.pagesDone / m_progress.pagesTotal));
        if (m_progress.phase == Phase::Hashing && m_progress.bytesTotal > 0) {
            updateRate(m_progress.bytesDone, m_progress.bytesTotal, 1);
            m_permille = std::max(m_permille, 600 + int(400 * m_progress.bytesDone / m_progress.bytesTotal));
        }
        emit progressChanged();
        return;
    }
    // The bar: copying fills the first 40 % (by bytes), the output phase the rest (pages or bytes).
    int permille = m_permille;
    switch (m_progress.phase) {
    case Phase::Copying:
        if (m_progress.bytesTotal > 0)
            permille = int(400 * std::min<qint64>(m_progress.bytesDone, m_progress.bytesTotal) /
                           m_progress.bytesTotal);
        updateRate(m_progress.bytesDone, m_progress.bytesTotal, 1);
        break;
    case Phase::Opening:
    case Phase::Converting:
        permille = 450;
        break;
    case Phase::BackingUp:
        if (m_progress.pagesTotal > 0)
            permille = 450 + int(450 * m_progress.pagesDone / m_progress.pagesTotal);
        updateRate(m_progress.pagesDone, m_progress.pagesTotal, 0);
        break;
    case Phase::Compacting:
        permille = 600;
        break;
    case Phase::Verifying:
        permille = 900;
        break;
    case Phase::Hashing:
        if (m_progress.bytesTotal > 0)
            permille = 920 + int(60 * m_progress.bytesDone / m_progress.bytesTotal);
        updateRate(m_progress.bytesDone, m_progress.bytesTotal, 1);
        break;
    case Phase::ExportingRows:
        if (m_progress.rowsTotal > 0)
            permille = int(980 * m_progress.rowsDone / m_progress.rowsTotal);
        updateRate(m_progress.rowsDone, m_progress.rowsTotal, 0);
        break;
    case Phase::Comparing:
        if (m_progress.rowsTotal > 0)
            permille = int(990 * m_progress.rowsDone / m_progress.rowsTotal);
        break;
    case Phase::Publishing:
        permille = 990;
        break;
    case Phase::Done:
        permille = 1000;
        break;
    case Phase::Inspecting:
    case Phase::Sorting: // not a job's phase
        break;
    }
    m_permille = std::max(m_permille, permille); // a retry restarts the copy, the bar does not
    emit progressChanged();
}

void Job::updateRate(qint64 done, qint64 total, qint64 unitBytes) {
    if (m_rateOf != m_progress.phase) {
        m_rateOf = m_progress.phase;
        m_phaseClock.restart();
        m_rate = 0;
        m_secondsLeft = -1;
        return;
    }
    const double seconds = m_phaseClock.elapsed() / 1000.0;
    if (seconds < 0.2 || done <= 0)
        return;
    const double perSecond = done / seconds;
    m_rate = unitBytes > 0 ? perSecond * unitBytes : 0; // pages: no byte rate (the page size varies)
    m_secondsLeft = total > done ? qint64((total - done) / perSecond + 0.5) : 0;
}

void Job::onFinished(Expected<JobResult> outcome) {
    m_elapsedMs = m_clock.isValid() ? m_clock.elapsed() : 0; // before the state: elapsedMs() reads it after
    {
        // The last progress reported, though its delivery is still queued: a cancelled job says how far it
        // got.
        std::lock_guard lock(m_shared->mutex);
        m_progress = m_shared->latest;
    }
    if (!outcome) {
        m_error = outcome.error();
        m_state = m_error->kind == ErrorKind::Cancelled ? State::Cancelled : State::Failed;
    } else {
        m_result = std::move(outcome.value());
        m_state = State::Succeeded;
        m_permille = 1000;
        m_progress.phase = Phase::Done;
    }
    m_secondsLeft = -1;
    emit progressChanged();
    emit finished();
}

} // namespace sqlsnap::ui

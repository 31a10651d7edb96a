#include "jobs/snapshotjob.h"
#include "common/runinpool.h"

#include <QPromise>

#include <mutex>
#include <sys/resource.h>

namespace sqlsnap::ui {

struct SnapshotJob::Shared : ProgressSink {
    std::mutex mutex;
    Progress latest;
    std::atomic<bool> deliveryPending{false};
    std::atomic<bool> cancelled{false};
    QPromise<void>* promise = nullptr; // set while the task runs
    SnapshotJob* job = nullptr;        // the job outlives the task (its destructor waits)
    std::optional<Expected<SnapshotResult>> outcome;
    std::optional<Expected<TableExportResult>> tableOutcome;

    void report(const Progress& progress) override {
        {
            std::lock_guard lock(mutex);
            latest = progress;
        }
        if (!deliveryPending.exchange(true))
            QMetaObject::invokeMethod(job, &SnapshotJob::deliverProgress, Qt::QueuedConnection);
    }
    bool isCancelled() const override {
        return cancelled.load(std::memory_order_relaxed) || (promise && promise->isCanceled());
    }
};

namespace {
// Jobs run on threads of their own pool, at a lower CPU priority than the GUI thread: on a machine with
// two cores, a copy (and the kernel work it causes) otherwise takes the CPU from the GUI thread for
// 100 ms at a time (measured with bench/, "GUI thread" rows).
QThreadPool* jobPool() {
    static QThreadPool* pool = [] {
        auto* p = new QThreadPool;
        p->setMaxThreadCount(8); // jobs mostly wait on I/O: several sources at once really run at once
        return p;
    }();
    return pool;
}

void lowerThisThreadsPriority() {
    // On Linux the nice value belongs to the thread: this lowers only the pool thread running a job.
    static thread_local bool lowered = false;
    if (!lowered)
        lowered = ::setpriority(PRIO_PROCESS, 0, 10) == 0;
}
} // namespace

SnapshotJob::SnapshotJob(Kind kind, const QString& source, const QString& destination,
                         const SnapshotOptions& options, QObject* parent)
    : QObject(parent), m_kind(kind), m_source(source), m_destination(destination), m_options(options),
      m_shared(std::make_shared<Shared>()) {
    m_shared->job = this;
    connect(&m_watcher, &QFutureWatcher<void>::finished, this, &SnapshotJob::onFinished);
}

SnapshotJob::~SnapshotJob() {
    if (m_watcher.isRunning()) {
        cancel();
        m_watcher.waitForFinished();
    }
}

SnapshotJob::SnapshotJob(const QString& snapshot, const QString& table, const QString& filter,
                         TableFormat format, const QString& destination, bool overwrite, QObject* parent)
    : SnapshotJob(Kind::TableExport, snapshot, destination, SnapshotOptions{}, parent) {
    m_table = table;
    m_filter = filter;
    m_format = format;
    m_options.overwrite = overwrite;
}

void SnapshotJob::start() {
    m_clock.start();
    m_phaseClock.start();
    auto shared = m_shared;
    const QString source = m_source, destination = m_destination;
    const SnapshotOptions options = m_options;
    if (m_kind == Kind::TableExport) {
        const QString table = m_table, filter = m_filter;
        const TableFormat format = m_format;
        m_watcher.setFuture(
            runInPool([shared, source, destination, options, table, filter, format](QPromise<void>& promise) {
                shared->promise = &promise;
                auto outcome =
                    exportTable(source, table, filter, format, destination, options.overwrite, shared.get());
                std::lock_guard lock(shared->mutex);
                shared->tableOutcome = std::move(outcome);
                shared->promise = nullptr;
            }));
        return;
    }
    m_watcher.setFuture(runInPool(jobPool(), [shared, source, destination, options](QPromise<void>& promise) {
        lowerThisThreadsPriority();
        shared->promise = &promise;
        auto outcome = takeSnapshot(source, destination, options, shared.get());
        std::lock_guard lock(shared->mutex);
        shared->outcome = std::move(outcome);
        shared->promise = nullptr;
    }));
}

void SnapshotJob::cancel() {
    if (m_state != State::Running)
        return;
    m_shared->cancelled.store(true);
    m_watcher.cancel();
}

void SnapshotJob::waitForFinished() {
    m_watcher.waitForFinished();
}

void SnapshotJob::deliverProgress() {
    m_shared->deliveryPending.store(false);
    if (m_state != State::Running)
        return;
    {
        std::lock_guard lock(m_shared->mutex);
        m_progress = m_shared->latest;
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
    case Phase::Publishing:
        permille = 990;
        break;
    case Phase::Done:
        permille = 1000;
        break;
    case Phase::Inspecting:
        break;
    }
    m_permille = std::max(m_permille, permille); // a retry restarts the copy, the bar does not
    emit progressChanged();
}

void SnapshotJob::updateRate(qint64 done, qint64 total, qint64 unitBytes) {
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

void SnapshotJob::onFinished() {
    std::optional<Expected<SnapshotResult>> outcome;
    std::optional<Expected<TableExportResult>> tableOutcome;
    {
        std::lock_guard lock(m_shared->mutex);
        outcome = std::move(m_shared->outcome);
        tableOutcome = std::move(m_shared->tableOutcome);
    }
    // Whichever engine call ran, the job ends the same way: with its value, or with its error.
    std::optional<Error> error;
    if (tableOutcome) {
        if (*tableOutcome)
            m_tableResult = std::move(tableOutcome->value());
        else
            error = tableOutcome->error();
    } else if (outcome) {
        if (*outcome)
            m_result = std::move(outcome->value());
        else
            error = outcome->error();
    } else {
        error = Error{ErrorKind::Cancelled, tr("cancelled before it started")};
    }
    m_elapsedMs = m_clock.isValid() ? m_clock.elapsed() : 0; // before the state: elapsedMs() reads it after
    if (error) {
        m_error = std::move(error);
        m_state = m_error->kind == ErrorKind::Cancelled ? State::Cancelled : State::Failed;
    } else {
        m_state = State::Succeeded;
        m_permille = 1000;
        m_progress.phase = Phase::Done;
    }
    m_secondsLeft = -1;
    emit progressChanged();
    emit finished();
}

} // namespace sqlsnap::ui

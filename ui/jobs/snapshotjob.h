// One snapshot (or export) running in a QtConcurrent task, as the GUI thread sees it.
//
// The engine runs on a pool thread with a ProgressSink that (1) keeps only the latest Progress and
// wakes the job at most once per delivery, so a fast engine cannot flood the event loop, and (2) reads
// cancellation from the QPromise, so cancel() is QFuture::cancel(). Everything this object exposes is
// read and changed on the GUI thread only.
#pragma once

#include <sqlitesnapshot/snapshot.h>
#include <sqlitesnapshot/tableexport.h>

#include <QElapsedTimer>
#include <QFutureWatcher>
#include <QObject>

#include <memory>
#include <optional>

namespace sqlsnap::ui {

class SnapshotJob : public QObject {
    Q_OBJECT
public:
    enum class Kind { Snapshot, Export, TableExport };
    enum class State { Running, Succeeded, Failed, Cancelled };

    SnapshotJob(Kind kind, const QString& source, const QString& destination, const SnapshotOptions& options,
                QObject* parent = nullptr);
    // Kind::TableExport: one table of a snapshot as CSV or JSON (rows matching `filter`).
    SnapshotJob(const QString& snapshot, const QString& table, const QString& filter, TableFormat format,
                const QString& destination, bool overwrite, QObject* parent = nullptr);
    ~SnapshotJob() override; // cancels and waits: the engine never outlives its job

    void start();
    void cancel();
    // Blocks until the engine returned (tests and shutdown only).
    void waitForFinished();

    Kind kind() const { return m_kind; }
    QString source() const { return m_source; }
    QString destination() const { return m_destination; }
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
    const SnapshotOptions& options() const { return m_options; }
    TableFormat tableFormat() const { return m_format; }
    QString filter() const { return m_filter; }
    const std::optional<SnapshotResult>& result() const { return m_result; }
    const std::optional<TableExportResult>& tableResult() const { return m_tableResult; }
    QString table() const { return m_table; }
    const std::optional<Error>& error() const { return m_error; }

signals:
    void progressChanged();
    void finished();

private:
    struct Shared;
    void deliverProgress();
    void onFinished();
    void updateRate(qint64 done, qint64 total, qint64 unitBytes);

    Kind m_kind;
    QString m_source, m_destination;
    SnapshotOptions m_options;
    QString m_table, m_filter;
    TableFormat m_format = TableFormat::Csv;
    std::shared_ptr<Shared> m_shared;
    QFutureWatcher<void> m_watcher;
    State m_state = State::Running;
    Progress m_progress;
    int m_permille = 0;
    double m_rate = 0;
    qint64 m_secondsLeft = -1;
    qint64 m_elapsedMs = 0;
    QElapsedTimer m_clock, m_phaseClock;
    Phase m_rateOf = Phase::Inspecting;
    std::optional<SnapshotResult> m_result;
    std::optional<TableExportResult> m_tableResult;
    std::optional<Error> m_error;
};

} // namespace sqlsnap::ui

// Progress reporting and cancellation: the small interface between the engine and its callers.
#pragma once

#include <QString>
#include <QtGlobal>

#include <atomic>

namespace sqlsnap {

enum class Phase {
    Inspecting,    // reading the database header and finding companions
    Copying,       // copying the file set into staging (attempt / maxAttempts set)
    Opening,       // opening the staged copy: WAL replay or hot-journal rollback
    Converting,    // checkpointing and switching the result to journal_mode=DELETE
    BackingUp,     // sqlite3_backup_step (pagesDone / pagesTotal set)
    Compacting,    // VACUUM INTO
    Verifying,     // PRAGMA integrity_check
    Hashing,       // SHA-256 of the result (bytesDone / bytesTotal set)
    Publishing,    // fsync + rename + fsync of the directory
    ExportingRows, // writing a table as CSV or JSON (rowsDone / rowsTotal set)
    Done,
};

QString phaseName(Phase phase); // "copying", "backing-up", … (stable, for JSON)

struct Progress {
    Phase phase = Phase::Inspecting;
    int attempt = 0;     // 1-based copy attempt, 0 outside the copy phase
    int maxAttempts = 0; // retries + 1
    qint64 bytesDone = 0;
    qint64 bytesTotal = 0;
    qint64 pagesDone = 0;
    qint64 pagesTotal = 0;
    qint64 rowsDone = 0;
    qint64 rowsTotal = 0;
};

// Implemented by callers. The engine calls report() from its own (worker) thread, often: keep it cheap
// and thread-safe. isCancelled() is polled between chunks (at most a few MiB or ~100 ms apart); once it
// returns true the engine stops, removes everything it created and returns ErrorKind::Cancelled.
class ProgressSink {
public:
    virtual ~ProgressSink() = default;
    virtual void report(const Progress& progress) { Q_UNUSED(progress); }
    virtual bool isCancelled() const { return false; }
};

// A sink whose cancellation is a flag: safe to set from another thread or from a signal handler.
class CancelFlag : public ProgressSink {
public:
    void cancel() { m_cancelled.store(true, std::memory_order_relaxed); }
    bool isCancelled() const override { return m_cancelled.load(std::memory_order_relaxed); }

private:
    std::atomic<bool> m_cancelled{false};
};

} // namespace sqlsnap

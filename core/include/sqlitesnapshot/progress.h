// Progress reporting and cancellation: the small interface between the engine and its callers.
#pragma once

#include <QString>
#include <QtGlobal>

#include <atomic>
#include <functional>
#include <memory>

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
    Sorting,       // building a SortedOrder (rowsDone read so far of rowsTotal, 0 when unknown)
    Comparing,     // comparing two databases' rows (rowsDone tables done of rowsTotal tables)
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

// The cancellation of one request, shared by the caller (who may cancel it from any thread) and the
// engine calls working for it. A token is never reset: a new request gets a new token, so a cancel can
// never be lost to a later call, nor leak into one. cancel() also interrupts the SQLite statement an
// engine call is running for the token at that moment, so even a single long step (count(*) over
// 10 M rows is one step of SQLite's VM) stops at once. Copies share one state.
class CancelToken {
public:
    CancelToken();
    void cancel() const;
    bool isCancelled() const;
    // The sink's own token when it has one; otherwise a new token that is also cancelled whenever
    // `sink->isCancelled()` says so (polled). Null: a token nobody cancels.
    static CancelToken following(const class ProgressSink* sink);

    // Engine side: while one lives, cancel() also runs `interrupt` (on the cancelling thread; it must be
    // thread-safe, as sqlite3_interrupt is). Made and destroyed around the work it can interrupt.
    class Interruption {
    public:
        Interruption(const CancelToken& token, std::function<void()> interrupt);
        ~Interruption();
        Interruption(const Interruption&) = delete;
        Interruption& operator=(const Interruption&) = delete;

    private:
        std::shared_ptr<struct CancelState> m_state;
        quint64 m_id = 0;
    };

private:
    std::shared_ptr<struct CancelState> m_state;
};

// How the engine reports and is stopped: implemented by callers. The engine calls report() from its own
// (worker) thread, often: keep it cheap and thread-safe. isCancelled() is polled between chunks (at most
// a few MiB or ~100 ms apart); once it returns true the engine stops, removes everything it created and
// returns ErrorKind::Cancelled. A sink that also has a CancelToken returns it from cancelToken(), so that
// its cancel interrupts SQLite at once instead of at the next poll.
class ProgressSink {
public:
    virtual ~ProgressSink() = default;
    virtual void report(const Progress& progress) { Q_UNUSED(progress); }
    virtual bool isCancelled() const { return false; }
    virtual const CancelToken* cancelToken() const { return nullptr; }
};

// A sink whose cancellation is a CancelToken: cancel() is safe from any thread.
class CancelFlag : public ProgressSink {
public:
    CancelFlag() = default;
    explicit CancelFlag(CancelToken token) : m_token(std::move(token)) {}
    void cancel() { m_token.cancel(); }
    bool isCancelled() const override { return m_token.isCancelled(); }
    const CancelToken* cancelToken() const override { return &m_token; }

private:
    CancelToken m_token;
};

} // namespace sqlsnap

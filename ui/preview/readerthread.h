// A SnapshotReader on a thread of its own, fed with jobs in order.
//
// The GUI thread never touches SQLite: it posts jobs here and gets answers back as queued calls.
// A model keeps two of these for one snapshot, one for pages (always quick) and one for counting and
// indexing (slow on big tables), so a count never delays the rows a user is looking at.
//
// Every job carries its caller's CancelToken and passes it to each reader call it makes: cancelling the
// token stops the job as a whole (a job of two calls included), at once, and a job whose token is
// cancelled before it starts does not run. A caller gives the jobs of one request (a table, a filter)
// one token and cancels it when the request is replaced.
//
// A job is a description (what it reads, for tests and diagnostics) and a function that returns how it
// ended. An observer, when set, hears of each job as it starts and as it ends, on the reader thread; a
// job whose token was cancelled before it could start ends Cancelled without starting.
#pragma once

#include <sqlitesnapshot/reader.h>

#include <QList>
#include <QObject>
#include <QThread>

#include <functional>
#include <memory>
#include <mutex>

namespace sqlsnap::ui {

class ReaderThread {
public:
    // Starts the thread; the reader itself is opened by the first job (see open()).
    ReaderThread();
    // Drops every job still queued, cancels the one running (its token) and waits for the thread.
    ~ReaderThread();
    ReaderThread(const ReaderThread&) = delete;
    ReaderThread& operator=(const ReaderThread&) = delete;

    // Opens `path` on the thread; `done` runs there with the error, or with a null one.
    void open(const QString& path, std::function<void(const Error* error)> done);
    using Job = std::function<Status(SnapshotReader* reader, const CancelToken& token)>;
    // Runs `job` on the thread once every earlier job is done, unless `token` is cancelled by then.
    // `job` gets a null reader if open failed.
    void post(const QString& what, const CancelToken& token, Job job);

    // Called on the reader thread with a job's description: `ended` null when it starts, else how it
    // ended. Must be thread-safe and quick; set it before posting the jobs it should hear of.
    using Observer = std::function<void(const QString& what, const Status* ended)>;
    void setObserver(Observer observer);

private:
    struct Live; // the tokens of jobs posted and not finished, cancelled by the destructor
    QThread m_thread;
    QObject* m_context = nullptr; // lives on m_thread: queued calls to it run there
    std::shared_ptr<std::unique_ptr<SnapshotReader>> m_reader;
    std::shared_ptr<Live> m_live;
};

// The usual job: one read whose answer is shown. `read(SnapshotReader&, const CancelToken&)` returns
// an Expected<T> on the reader thread; `apply(const Expected<T>&)` gets it on `context`'s thread,
// unless `token` is cancelled by then (the answer is stale and dropped). A failed open answers with
// an error too, so every request is answered or cancelled.
template <class Read, class Apply>
void postRead(ReaderThread& thread, const QString& what, const CancelToken& token, QObject* context,
              Read read, Apply apply) {
    thread.post(what, token,
                [token, context, read = std::move(read),
                 apply = std::move(apply)](SnapshotReader* reader, const CancelToken& cancel) -> Status {
                    using Answer = decltype(read(*reader, cancel));
                    Answer answer = reader ? read(*reader, cancel)
                                           : Answer(Error{ErrorKind::InvalidArgument,
                                                          QStringLiteral("the snapshot is not open")});
                    Status ended = answer ? success() : Status(answer.error());
                    QMetaObject::invokeMethod(
                        context,
                        [token, apply, answer = std::move(answer)] {
                            if (!token.isCancelled())
                                apply(answer);
                        },
                        Qt::QueuedConnection);
                    return ended;
                });
}

} // namespace sqlsnap::ui

// A SnapshotReader on a thread of its own, fed with jobs in order.
//
// The GUI thread never touches SQLite: it posts jobs here and gets answers back as queued calls.
// A model keeps two of these for one snapshot, one for pages (always quick) and one for counting and
// indexing (slow on big tables), so a count never delays the rows a user is looking at.
#pragma once

#include <sqlitesnapshot/reader.h>

#include <QObject>
#include <QThread>

#include <functional>
#include <memory>

namespace sqlsnap::ui {

class ReaderThread {
public:
    // Starts the thread; the reader itself is opened by the first job (see open()).
    ReaderThread();
    // Interrupts the running job and waits for the thread: jobs still queued are dropped.
    ~ReaderThread();
    ReaderThread(const ReaderThread&) = delete;
    ReaderThread& operator=(const ReaderThread&) = delete;

    // Opens `path` on the thread; `done` runs there with the error, or with an empty message.
    void open(const QString& path, std::function<void(const Error* error)> done);
    // Runs `job` on the thread once every earlier job is done. `job` gets a null reader if open failed.
    void post(std::function<void(SnapshotReader* reader)> job);
    // Stops the job running now (thread-safe, immediate); later jobs still run.
    void interrupt();

private:
    QThread m_thread;
    QObject* m_context = nullptr; // lives on m_thread: queued calls to it run there
    std::shared_ptr<std::unique_ptr<SnapshotReader>> m_reader;
    std::shared_ptr<std::atomic<SnapshotReader*>> m_running;
};

} // namespace sqlsnap::ui

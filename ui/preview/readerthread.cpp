#include "preview/readerthread.h"

#include <QMetaObject>

namespace sqlsnap::ui {

ReaderThread::ReaderThread()
    : m_reader(std::make_shared<std::unique_ptr<SnapshotReader>>()),
      m_running(std::make_shared<std::atomic<SnapshotReader*>>(nullptr)) {
    m_context = new QObject;
    m_context->moveToThread(&m_thread);
    m_thread.setObjectName(QStringLiteral("snapshot reader"));
    m_thread.start();
}

ReaderThread::~ReaderThread() {
    interrupt();
    m_thread.requestInterruption();
    m_thread.quit();
    m_thread.wait();
    // Nothing runs on the thread any more: its context (and the jobs still queued for it) and the
    // reader can go from here.
    delete m_context;
}

void ReaderThread::open(const QString& path, std::function<void(const Error*)> done) {
    auto reader = m_reader;
    QMetaObject::invokeMethod(
        m_context,
        [reader, path, done = std::move(done)] {
            auto opened = SnapshotReader::open(path);
            if (!opened) {
                done(&opened.error());
                return;
            }
            *reader = std::move(*opened);
            done(nullptr);
        },
        Qt::QueuedConnection);
}

void ReaderThread::post(std::function<void(SnapshotReader*)> job) {
    auto reader = m_reader;
    auto running = m_running;
    QThread* thread = &m_thread;
    QMetaObject::invokeMethod(
        m_context,
        [reader, running, thread, job = std::move(job)] {
            if (thread->isInterruptionRequested())
                return; // shutting down: drop what is still queued
            running->store(reader->get());
            job(reader->get());
            running->store(nullptr);
        },
        Qt::QueuedConnection);
}

void ReaderThread::interrupt() {
    if (SnapshotReader* r = m_running->load())
        r->interrupt();
}

} // namespace sqlsnap::ui

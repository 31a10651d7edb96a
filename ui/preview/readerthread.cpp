#include "preview/readerthread.h"

#include "common/threadpriority.h"

#include <QMetaObject>

namespace sqlsnap::ui {

struct ReaderThread::Live {
    std::mutex mutex;
    quint64 nextId = 1;
    QList<std::pair<quint64, CancelToken>> tokens;
    Observer observer;

    void report(const QString& what, const Status* ended) {
        Observer o;
        {
            std::lock_guard lock(mutex);
            o = observer;
        }
        if (o)
            o(what, ended);
    }
};

ReaderThread::ReaderThread()
    : m_reader(std::make_shared<std::unique_ptr<SnapshotReader>>()), m_live(std::make_shared<Live>()) {
    m_context = new QObject;
    m_context->moveToThread(&m_thread);
    m_thread.setObjectName(QStringLiteral("snapshot reader"));
    m_thread.start();
    QMetaObject::invokeMethod(
        m_context, [] { lowerThisThreadsPriority(ThreadRole::Reader); }, Qt::QueuedConnection);
}

ReaderThread::~ReaderThread() {
    // First no job may start any more, then the tokens of the jobs posted are cancelled: a job dequeued
    // in between sees the interruption request, and the one running stops at once.
    m_thread.requestInterruption();
    {
        std::lock_guard lock(m_live->mutex);
        for (const auto& [id, token] : std::as_const(m_live->tokens))
            token.cancel();
    }
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

void ReaderThread::setObserver(Observer observer) {
    std::lock_guard lock(m_live->mutex);
    m_live->observer = std::move(observer);
}

void ReaderThread::post(const QString& what, const CancelToken& token, Job job) {
    auto reader = m_reader;
    auto live = m_live;
    QThread* thread = &m_thread;
    quint64 id = 0;
    {
        std::lock_guard lock(live->mutex);
        id = live->nextId++;
        live->tokens.append({id, token});
    }
    QMetaObject::invokeMethod(
        m_context,
        [reader, live, thread, id, what, token, job = std::move(job)] {
            Status ended = Error{ErrorKind::Cancelled, QStringLiteral("%1: cancelled").arg(what)};
            if (!thread->isInterruptionRequested() && !token.isCancelled()) {
                live->report(what, nullptr);
                ended = job(reader->get(), token);
            }
            live->report(what, &ended);
            std::lock_guard lock(live->mutex);
            live->tokens.removeIf([id](const auto& entry) { return entry.first == id; });
        },
        Qt::QueuedConnection);
}

} // namespace sqlsnap::ui

// For tst_browsers: a page server on 127.0.0.1, and what shows that a profile was left alone (every
// file's size, time and hash; inotify on every folder) while its browser's processes are stopped.
#pragma once

#include <QCoreApplication>
#include <QCryptographicHash>
#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QHash>
#include <QMap>
#include <QTcpServer>
#include <QTcpSocket>
#include <QThread>

#include <atomic>
#include <sys/inotify.h>
#include <sys/stat.h>
#include <unistd.h>

namespace testsupport {

// Pages /p/1, /p/2, … each moving on to the next after 250 ms, served on 127.0.0.1 from a thread of
// its own (the test blocks on the CLI meanwhile); it remembers the highest page served.
class PageServer {
public:
    std::atomic<int> highest{0};
    quint16 port = 0;
    bool start() {
        m_context.moveToThread(&m_thread);
        m_thread.start();
        QMetaObject::invokeMethod(
            &m_context, [this] { listen(); }, Qt::BlockingQueuedConnection);
        return port != 0;
    }
    ~PageServer() {
        if (m_thread.isRunning()) {
            QMetaObject::invokeMethod(
                &m_context,
                [this] {
                    delete m_server;
                    m_context.moveToThread(QCoreApplication::instance()->thread());
                },
                Qt::BlockingQueuedConnection);
            m_thread.quit();
            m_thread.wait();
        }
    }

private:
    void listen() {
        m_server = new QTcpServer;
        if (m_server->listen(QHostAddress::LocalHost, 0)) // 127.0.0.1 only
            port = m_server->serverPort();
        QObject::connect(m_server, &QTcpServer::newConnection, m_server, [this] {
            while (QTcpSocket* s = m_server->nextPendingConnection()) {
                QObject::connect(s, &QTcpSocket::readyRead, s, [this, s] { answer(s); });
                QObject::connect(s, &QTcpSocket::disconnected, s, &QObject::deleteLater);
            }
        });
    }
    void answer(QTcpSocket* s) {
        if (!s->canReadLine())
            return;
        const QList<QByteArray> request = s->readLine().split(' '); // GET /p/7 HTTP/1.1
        const QByteArray path = request.value(1);
        QByteArray body, status = "404 Not Found";
        if (path.startsWith("/p/")) {
            const int n = path.mid(3).toInt();
            if (n > 0) {
                status = "200 OK";
                body = QStringLiteral(
                           "<!doctype html><html><head><title>Visit %1</title><script>setTimeout(function()"
                           "{location.href='/p/%2'},250)</script></head><body>visit %1</body></html>")
                           .arg(n)
                           .arg(n + 1)
                           .toUtf8();
                for (int seen = highest.load(); n > seen && !highest.compare_exchange_weak(seen, n);) {
                }
            }
        }
        s->write("HTTP/1.1 " + status +
                 "\r\nContent-Type: text/html; charset=utf-8\r\nCache-Control: no-store\r\n"
                 "Connection: close\r\nContent-Length: " +
                 QByteArray::number(body.size()) + "\r\n\r\n" + body);
        s->disconnectFromHost();
    }
    QThread m_thread;
    QObject m_context;
    QTcpServer* m_server = nullptr;
};

// Every file of a folder tree: size, modification time (ns) and SHA-256.
inline QMap<QString, QString> treeState(const QString& root) {
    QMap<QString, QString> state;
    QDirIterator it(root, QDir::Files | QDir::Hidden | QDir::System, QDirIterator::Subdirectories);
    while (it.hasNext()) {
        const QString path = it.next();
        struct stat st {};
        if (::lstat(QFile::encodeName(path).constData(), &st) != 0 || !S_ISREG(st.st_mode))
            continue;
        QFile f(path);
        QCryptographicHash hash(QCryptographicHash::Sha256);
        if (f.open(QIODevice::ReadOnly))
            hash.addData(&f);
        state.insert(path.mid(root.size() + 1), QStringLiteral("%1 %2.%3 %4")
                                                    .arg(st.st_size)
                                                    .arg(st.st_mtim.tv_sec)
                                                    .arg(st.st_mtim.tv_nsec)
                                                    .arg(QString::fromLatin1(hash.result().toHex())));
    }
    return state;
}

// inotify on every folder of a tree: any file opened for writing (and closed), created, deleted,
// moved, changed or given new attributes.
class TreeWatch {
public:
    explicit TreeWatch(const QString& root) : m_fd(inotify_init1(IN_NONBLOCK | IN_CLOEXEC)) {
        QStringList dirs{root};
        QDirIterator it(root, QDir::Dirs | QDir::Hidden | QDir::NoDotAndDotDot, QDirIterator::Subdirectories);
        while (it.hasNext())
            dirs << it.next();
        for (const QString& d : dirs) {
            const int wd = inotify_add_watch(m_fd, QFile::encodeName(d).constData(),
                                             IN_CLOSE_WRITE | IN_CREATE | IN_DELETE | IN_MODIFY | IN_ATTRIB |
                                                 IN_MOVED_FROM | IN_MOVED_TO);
            if (wd >= 0)
                m_dirs.insert(wd, d);
        }
    }
    ~TreeWatch() { ::close(m_fd); }
    bool ok() const { return m_fd >= 0 && !m_dirs.isEmpty(); }
    QStringList events() {
        QStringList seen;
        alignas(inotify_event) char buffer[64 * 1024];
        for (ssize_t n; (n = ::read(m_fd, buffer, sizeof buffer)) > 0;)
            for (char* p = buffer; p < buffer + n;) {
                const auto* e = reinterpret_cast<const inotify_event*>(p);
                seen << QStringLiteral("%1/%2 mask %3")
                            .arg(m_dirs.value(e->wd), e->len ? QString::fromUtf8(e->name) : QString())
                            .arg(e->mask, 0, 16);
                p += sizeof(inotify_event) + e->len;
            }
        return seen;
    }

private:
    int m_fd;
    QHash<int, QString> m_dirs;
};

// The browser process and every process it started (they all may write the profile).
inline QList<pid_t> processTree(pid_t root) {
    QList<pid_t> tree{root};
    for (bool grew = true; grew;) {
        grew = false;
        for (const QString& entry : QDir(QStringLiteral("/proc")).entryList(QDir::Dirs)) {
            bool isPid = false;
            const pid_t pid = entry.toInt(&isPid);
            if (!isPid || tree.contains(pid))
                continue;
            QFile stat(QStringLiteral("/proc/%1/stat").arg(pid));
            if (!stat.open(QIODevice::ReadOnly))
                continue;
            const QByteArray text = stat.readAll();
            const QList<QByteArray> fields = text.mid(text.lastIndexOf(')') + 2).split(' '); // state ppid …
            if (fields.size() > 1 && tree.contains(pid_t(fields[1].toInt()))) {
                tree << pid;
                grew = true;
            }
        }
    }
    return tree;
}

inline char processState(pid_t pid) {
    QFile stat(QStringLiteral("/proc/%1/stat").arg(pid));
    if (!stat.open(QIODevice::ReadOnly))
        return '?';
    const QByteArray text = stat.readAll();
    const qsizetype at = text.lastIndexOf(')') + 2;
    return at > 1 && at < text.size() ? text.at(at) : '?';
}

} // namespace testsupport

#include "window/singleinstance.h"

#include "window/appidentity.h"

#include <QDataStream>
#include <QLocalServer>
#include <QLocalSocket>
#include <QPointer>
#include <QStandardPaths>
#include <QTimer>

namespace sqlsnap::ui {

namespace {

// A message is: magic, protocol version, the list of files. The answer is one byte.
constexpr quint32 kMagic = 0x53514c53; // "SQLS"
constexpr quint16 kProtocol = 1;
constexpr char kAccepted = 'A';
// Bounds what a confused or hostile peer can make the window hold in memory.
constexpr qint64 kMaxMessageBytes = 4 * 1024 * 1024;

} // namespace

QString instanceSocketPath() {
    return QStandardPaths::writableLocation(QStandardPaths::RuntimeLocation) + QLatin1Char('/') +
           applicationId() + QStringLiteral(".instance");
}

bool handToRunningInstance(const QString& socketPath, const QStringList& files, int timeoutMs) {
    QLocalSocket socket;
    socket.connectToServer(socketPath);
    if (!socket.waitForConnected(timeoutMs))
        return false;
    QByteArray message;
    QDataStream out(&message, QIODevice::WriteOnly);
    out << kMagic << kProtocol << files;
    socket.write(message);
    if (!socket.waitForBytesWritten(timeoutMs))
        return false;
    // The confirmation comes after the window has taken the files; no answer means nothing is known
    // to have happened, so the caller opens its own window.
    if (!socket.waitForReadyRead(timeoutMs))
        return false;
    char answer = 0;
    return socket.getChar(&answer) && answer == kAccepted;
}

InstanceServer::InstanceServer(QObject* parent) : QObject(parent), m_server(new QLocalServer(this)) {
    m_server->setSocketOptions(QLocalServer::UserAccessOption);
    connect(m_server, &QLocalServer::newConnection, this, &InstanceServer::acceptConnection);
}

InstanceServer::~InstanceServer() = default;

bool InstanceServer::listen(const QString& socketPath, QString* error) {
    // An instance that answers on the path is alive and stays the one. (Qt makes a socket with access
    // options under a temporary name and renames it into place, which would silently replace a live
    // instance's socket: hence the check first.)
    QLocalSocket probe;
    probe.connectToServer(socketPath);
    if (probe.waitForConnected(1000)) {
        if (error)
            *error = tr("another instance is running");
        return false;
    }
    if (m_server->listen(socketPath))
        return true;
    if (m_server->serverError() == QAbstractSocket::AddressInUseError) {
        // Nobody answered: the file is left over from a crash.
        QLocalServer::removeServer(socketPath);
        if (m_server->listen(socketPath))
            return true;
    }
    if (error)
        *error = m_server->errorString();
    return false;
}

void InstanceServer::acceptConnection() {
    while (QLocalSocket* socket = m_server->nextPendingConnection()) {
        connect(socket, &QLocalSocket::disconnected, socket, &QObject::deleteLater);
        // A client that never completes its message is dropped rather than held forever.
        QPointer<QLocalSocket> guard(socket);
        QTimer::singleShot(10000, socket, [guard] {
            if (guard)
                guard->abort();
        });
        connect(socket, &QLocalSocket::readyRead, this, [this, socket] {
            if (socket->bytesAvailable() > kMaxMessageBytes) {
                socket->abort();
                return;
            }
            QDataStream in(socket);
            in.startTransaction();
            quint32 magic = 0;
            quint16 protocol = 0;
            QStringList files;
            in >> magic >> protocol;
            if (in.status() == QDataStream::Ok && (magic != kMagic || protocol != kProtocol)) {
                socket->abort();
                return;
            }
            in >> files;
            if (!in.commitTransaction())
                return; // not all of it has arrived yet
            emit filesReceived(files);
            socket->putChar(kAccepted);
            socket->flush();
            socket->disconnectFromServer();
        });
    }
}

} // namespace sqlsnap::ui

// One window per user: the first launch listens on a local socket in the user's runtime folder; a
// later launch hands its files over that socket and exits, as users expect of single-window tools.
#pragma once

#include <QObject>
#include <QStringList>

class QLocalServer;

namespace sqlsnap::ui {

// $XDG_RUNTIME_DIR/<app id>.instance: a 0700 folder of the user's own, so no one else can connect.
QString instanceSocketPath();

// Sends `files` (absolute paths; may be empty, which just raises the window) to the running instance
// listening at `socketPath`, and waits until it confirms. False when nothing listens there or it
// did not confirm within `timeoutMs`: then this launch opens its own window, so no file is lost.
bool handToRunningInstance(const QString& socketPath, const QStringList& files, int timeoutMs = 5000);

// The running instance's end. listen() takes the socket over from a crashed instance (a socket file
// nobody answers on), but never from a live one.
class InstanceServer : public QObject {
    Q_OBJECT
public:
    explicit InstanceServer(QObject* parent = nullptr);
    ~InstanceServer() override;

    // False, with the reason, when the socket cannot be made or another instance answers on it.
    bool listen(const QString& socketPath, QString* error = nullptr);

signals:
    // A later launch handed these files over (possibly none: it asks to raise the window).
    void filesReceived(const QStringList& files);

private:
    void acceptConnection();

    QLocalServer* m_server;
};

} // namespace sqlsnap::ui

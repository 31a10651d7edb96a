// sqlite-snapshot: the desktop app. Files given on the command line ("Open with" in a file manager)
// are added as sources; when a window is already running, they are handed to it instead.
#include "demodatabase.h"

#include <window/appidentity.h>
#include <window/mainwindow.h>
#include <window/singleinstance.h>
#include <window/translations.h>

#include <QApplication>
#include <QCommandLineParser>
#include <QDir>
#include <QFileInfo>
#include <QIcon>
#include <QSocketNotifier>
#include <QTemporaryDir>
#include <QUrl>

#include <csignal>
#include <cstdio>

#include <fcntl.h>
#include <sys/socket.h>
#include <unistd.h>

using namespace sqlsnap::ui;

namespace {

// Absolute paths, resolved against this launch's working folder before they travel to another
// process; file:// URLs (which some file managers pass) become paths.
QStringList absolutePaths(const QStringList& arguments) {
    QStringList paths;
    for (const QString& argument : arguments) {
        const QUrl url(argument);
        const QString path = url.isLocalFile() ? url.toLocalFile() : argument;
        paths << QFileInfo(path).absoluteFilePath();
    }
    return paths;
}

// SIGTERM, SIGINT and SIGHUP (the terminal or session went away) end the app as Quit does: the handler
// only writes a byte to a socket pair, and the event loop, reading the other end, closes the window
// (which saves settings and cancels jobs) and returns from exec(), so main's destructors run: the demo's
// temporary folder is removed.
int g_signalPipe[2] = {-1, -1};

void onTerminationSignal(int) {
    const char byte = 1;
    [[maybe_unused]] const ssize_t n = ::write(g_signalPipe[1], &byte, 1);
}

// Installed first thing: a signal that comes while the demo is being made waits on the socket until the
// event loop runs, and the app then quits at once, cleaning up all the same.
void quitOnTerminationSignals() {
    if (::socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, g_signalPipe) != 0)
        return;
    ::fcntl(g_signalPipe[1], F_SETFL, O_NONBLOCK);
    auto* notifier = new QSocketNotifier(g_signalPipe[0], QSocketNotifier::Read, qApp);
    QObject::connect(notifier, &QSocketNotifier::activated, qApp, [notifier] {
        notifier->setEnabled(false);
        char byte = 0;
        [[maybe_unused]] const ssize_t n = ::read(g_signalPipe[0], &byte, 1);
        // A signal is the user's (or the session's) answer already: no question, the jobs are cancelled.
        for (QWidget* window : QApplication::topLevelWidgets())
            if (auto* main = qobject_cast<sqlsnap::ui::MainWindow*>(window))
                main->closeWithoutAsking(); // cancels its jobs and saves the settings
            else
                window->close();
        QApplication::quit();
    });
    struct sigaction action {};
    action.sa_handler = onTerminationSignal;
    sigemptyset(&action.sa_mask);
    action.sa_flags = SA_RESTART;
    ::sigaction(SIGTERM, &action, nullptr);
    ::sigaction(SIGINT, &action, nullptr);
    // Started with SIGHUP ignored (nohup), the app keeps ignoring it, as nohup asks.
    struct sigaction previous {};
    if (::sigaction(SIGHUP, nullptr, &previous) == 0 && previous.sa_handler != SIG_IGN)
        ::sigaction(SIGHUP, &action, nullptr);
}

} // namespace

int main(int argc, char** argv) {
    QApplication app(argc, argv);
    quitOnTerminationSignals();
    applyApplicationIdentity();
    installTranslations();
    QApplication::setWindowIcon(QIcon(QStringLiteral(":/icons/sqlite-snapshot.svg")));

    QCommandLineParser parser;
    parser.setApplicationDescription(QApplication::translate(
        "main", "Consistent, self-contained snapshots of SQLite databases, even while they are in use."));
    parser.addHelpOption();
    const QCommandLineOption version({QStringLiteral("v"), QStringLiteral("version")},
                                     QApplication::translate("main", "Show the version and exit."));
    parser.addOption(version);
    const QCommandLineOption demo(
        QStringLiteral("demo"),
        QApplication::translate("main", "Open a demo database made in a temporary folder."));
    parser.addOption(demo);
    const QCommandLineOption newInstance(
        QStringLiteral("new-instance"),
        QApplication::translate("main", "Open a new window even if one is already running."));
    parser.addOption(newInstance);
    parser.addPositionalArgument(QStringLiteral("files"),
                                 QApplication::translate("main", "Databases to add."),
                                 QApplication::translate("main", "[files…]"));
    if (!parser.parse(QApplication::arguments())) {
        std::fprintf(stderr, "error: %s\n", qPrintable(parser.errorText()));
        return 2;
    }
    if (parser.isSet(QStringLiteral("help")))
        parser.showHelp(0);
    if (parser.isSet(version)) {
        std::printf("sqlite-snapshot %s\n", qPrintable(applicationVersion()));
        return 0;
    }

    QStringList files = absolutePaths(parser.positionalArguments());
    // The demo's folder belongs to this process and goes with it, so a demo always gets its own window.
    const bool ownWindow = parser.isSet(newInstance) || parser.isSet(demo);
    // Only looked up when needed: without $XDG_RUNTIME_DIR, Qt warns as it picks a fallback folder.
    const QString socketPath = ownWindow ? QString() : instanceSocketPath();
    if (!ownWindow && handToRunningInstance(socketPath, files))
        return 0;

    QTemporaryDir demoFolder(QDir::tempPath() + QStringLiteral("/sqlite-snapshot-demo-XXXXXX"));
    if (parser.isSet(demo)) {
        QString error;
        const QString path = demoFolder.isValid() ? createDemoDatabase(demoFolder.path(), &error) : QString();
        if (path.isEmpty()) {
            std::fprintf(stderr, "error: cannot create the demo database: %s\n", qPrintable(error));
            return 1;
        }
        files << path;
    }

    InstanceServer server;
    // Two launches at the same moment: the one that lost the race hands its files over after all.
    if (!ownWindow && !server.listen(socketPath) && handToRunningInstance(socketPath, files))
        return 0;
    MainWindow window;
    if (!ownWindow) {
        QObject::connect(&server, &InstanceServer::filesReceived, &window,
                         [&window](const QStringList& paths) {
                             window.addSources(paths);
                             window.setWindowState(window.windowState() & ~Qt::WindowMinimized);
                             window.show();
                             window.raise();
                             window.activateWindow();
                         });
    }
    window.show();
    window.addSources(files);
    return QApplication::exec();
}

// The app as the desktop meets it: one window per user (a second launch hands its files to the
// running window over a local socket, with the real sqlite-snapshot binary on one end) and the
// interface's translations, loaded for the user's language.
#include <common/format.h>
#include <sources/sourcedetailsview.h>
#include <window/appidentity.h>
#include <window/mainwindow.h>
#include <window/singleinstance.h>
#include <window/translations.h>

#include <sqlitesnapshot/meaning.h>

#include <QApplication>
#include <QLabel>
#include <QLocalServer>
#include <QLocalSocket>
#include <QMenuBar>
#include <QProcess>
#include <QScopeGuard>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>
#include <QTranslator>
#include <QUrl>

#include <csignal>
#include <cstring>
#include <thread>

#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <unistd.h>

using namespace sqlsnap::ui;

namespace {

QStringList menuTitles(const MainWindow& window) {
    QStringList titles;
    for (const QAction* action : window.menuBar()->actions())
        titles << action->text();
    return titles;
}

QString emptyHintText(const MainWindow& window) {
    const auto* hint = window.details()->findChild<QLabel*>(QStringLiteral("emptyHint"));
    return hint ? hint->text() : QString();
}

// A socket file nobody listens on: what a crashed instance leaves behind.
bool makeStaleSocket(const QString& path) {
    const int fd = ::socket(AF_UNIX, SOCK_STREAM, 0);
    if (fd < 0)
        return false;
    sockaddr_un address{};
    address.sun_family = AF_UNIX;
    const QByteArray bytes = QFile::encodeName(path);
    if (bytes.size() >= qsizetype(sizeof address.sun_path)) {
        ::close(fd);
        return false;
    }
    std::memcpy(address.sun_path, bytes.constData(), size_t(bytes.size()));
    const bool bound = ::bind(fd, reinterpret_cast<sockaddr*>(&address), sizeof address) == 0;
    ::close(fd);
    return bound;
}

// Hands `files` to `server` from another thread (a second launch), while this thread's event loop lets
// the server answer. True when the files arrived and the hand-over was confirmed.
bool handOverWhileServing(InstanceServer& server, const QStringList& files) {
    QSignalSpy received(&server, &InstanceServer::filesReceived);
    bool handed = false;
    std::thread client([&] { handed = handToRunningInstance(instanceSocketPath(), files); });
    const bool arrived = received.wait(10000);
    client.join();
    return arrived && handed && received.first().first().toStringList() == files;
}

} // namespace

class TestAppIntegration : public QObject {
    Q_OBJECT

    QTemporaryDir m_scratch;
    QString m_runtime;

    // The real app, with this test's runtime, config and data folders so nothing touches the user's.
    std::unique_ptr<QProcess> startApp(const QStringList& args, const QString& workingFolder = {}) {
        auto app = std::make_unique<QProcess>();
        app->setProgram(QStringLiteral(SQLSNAP_GUI));
        app->setArguments(args);
        app->setWorkingDirectory(workingFolder.isEmpty() ? m_scratch.path() : workingFolder);
        app->setProcessChannelMode(QProcess::ForwardedErrorChannel);
        app->start();
        return app;
    }

    void removeOurTranslators() {
        for (QTranslator* translator : QCoreApplication::instance()->findChildren<QTranslator*>()) {
            QCoreApplication::removeTranslator(translator);
            delete translator;
        }
    }

private slots:
    void initTestCase() {
        QVERIFY(m_scratch.isValid());
        m_runtime = m_scratch.filePath(QStringLiteral("runtime"));
        QVERIFY(QDir().mkpath(m_runtime));
        QVERIFY(::chmod(QFile::encodeName(m_runtime).constData(), 0700) == 0);
        // Set before anything asks QStandardPaths; inherited by the app processes started here.
        qputenv("XDG_RUNTIME_DIR", QFile::encodeName(m_runtime));
        qputenv("XDG_CONFIG_HOME", QFile::encodeName(m_scratch.filePath(QStringLiteral("config"))));
        qputenv("XDG_DATA_HOME", QFile::encodeName(m_scratch.filePath(QStringLiteral("data"))));
        qputenv("QT_QPA_PLATFORM", "offscreen");
        applyApplicationIdentity();
    }

    void cleanup() { removeOurTranslators(); }

    void identityNamesSettingsAndSocket() {
        QCOMPARE(applicationId(), QStringLiteral("org.sqlitesnapshot.SqliteSnapshot"));
        QCOMPARE(QCoreApplication::organizationName(), QStringLiteral("org.sqlitesnapshot"));
        QCOMPARE(QCoreApplication::applicationName(), QStringLiteral("SqliteSnapshot"));
        QCOMPARE(QGuiApplication::desktopFileName(), applicationId());
        QCOMPARE(instanceSocketPath(),
                 m_runtime + QStringLiteral("/org.sqlitesnapshot.SqliteSnapshot.instance"));
    }

    void englishWhenTheLanguageHasNoTranslation() {
        QVERIFY(availableTranslations().contains(QStringLiteral("de")));
        // Only the English plural forms, which every language gets.
        QCOMPARE(installTranslations(QLocale(QLocale::French, QLocale::France)),
                 QStringList{QStringLiteral(":/i18n/sqlite-snapshot_en.qm")});
        QVERIFY(!availableTranslations().contains(QStringLiteral("en")));
        MainWindow window;
        QCOMPARE(menuTitles(window),
                 (QStringList{QStringLiteral("&File"), QStringLiteral("&Edit"), QStringLiteral("&Help")}));
    }

    void germanWindowForAGermanSpeakingUser() {
        // de_AT has no file of its own: the German one serves it.
        const QStringList loaded = installTranslations(QLocale(QLocale::German, QLocale::Austria));
        QVERIFY2(!loaded.isEmpty(), "no German translation loaded");
        QCOMPARE(loaded.first(), QStringLiteral(":/i18n/sqlite-snapshot_de.qm"));
        MainWindow window;
        QCOMPARE(menuTitles(window), (QStringList{QStringLiteral("&Datei"), QStringLiteral("&Bearbeiten"),
                                                  QStringLiteral("&Hilfe")}));
        QVERIFY2(emptyHintText(window).contains(QStringLiteral("SQLite-Datenbanken hierher ziehen")),
                 qPrintable(emptyHintText(window)));
        QCOMPARE(window.snapshotAction()->text(), QStringLiteral("&Schnappschuss"));
        // The engine's words for what the files mean are translated with the app's.
        sqlsnap::DatabaseFiles set;
        set.lock = sqlsnap::LockState::None;
        QCOMPARE(sqlsnap::explainLock(set), QStringLiteral("keine"));
        QCOMPARE(rowsText(1), QStringLiteral("1 Zeile"));
        QCOMPARE(rowsText(2), QStringLiteral("2 Zeilen"));
    }

    // Counted texts say "%1 row(s)" in the source: English shows its plural forms from a plural-only
    // translation, with the digits grouped as groupedNumber() groups them (docs/app.md).
    void englishPluralForms_data() {
        QTest::addColumn<qint64>("n");
        QTest::addColumn<QString>("rows");
        QTest::addColumn<QString>("pages");
        QTest::addColumn<QString>("bytes");
        QTest::newRow("0") << qint64(0) << QStringLiteral("0 rows") << QStringLiteral("0 pages")
                           << QStringLiteral("0 bytes");
        QTest::newRow("1") << qint64(1) << QStringLiteral("1 row") << QStringLiteral("1 page")
                           << QStringLiteral("1 byte");
        QTest::newRow("2") << qint64(2) << QStringLiteral("2 rows") << QStringLiteral("2 pages")
                           << QStringLiteral("2 bytes");
        QTest::newRow("10,000,000") << qint64(10000000) << QStringLiteral("10,000,000 rows")
                                    << QStringLiteral("10,000,000 pages")
                                    << QStringLiteral("10,000,000 bytes");
        QTest::newRow("beyond an int")
            << qint64(5000000001) << QStringLiteral("5,000,000,001 rows")
            << QStringLiteral("5,000,000,001 pages") << QStringLiteral("5,000,000,001 bytes");
    }
    void englishPluralForms() {
        QFETCH(qint64, n);
        QFETCH(QString, rows);
        QFETCH(QString, pages);
        QFETCH(QString, bytes);
        const QLocale before;
        QLocale::setDefault(QLocale(QLocale::English, QLocale::UnitedStates));
        const auto restore = qScopeGuard([&] { QLocale::setDefault(before); });
        QVERIFY(installTranslations(QLocale(QLocale::English, QLocale::UnitedStates))
                    .contains(QStringLiteral(":/i18n/sqlite-snapshot_en.qm")));
        QCOMPARE(rowsText(n), rows);
        QCOMPARE(pagesText(n), pages);
        QCOMPARE(bytesText(n), bytes);
        sqlsnap::Progress backingUp;
        backingUp.phase = sqlsnap::Phase::BackingUp;
        backingUp.pagesDone = 1;
        backingUp.pagesTotal = 1;
        QCOMPARE(phaseText(backingUp), QStringLiteral("Backing up — 1 of 1 page"));
    }

    void secondLaunchHandsItsFilesToTheRunningWindow() {
        InstanceServer server;
        QString error;
        QVERIFY2(server.listen(instanceSocketPath(), &error), qPrintable(error));
        QSignalSpy received(&server, &InstanceServer::filesReceived);

        // A relative path (resolved in the launch's own folder) and a file:// URL, as file managers pass.
        const QString folder = m_scratch.filePath(QStringLiteral("launch"));
        QVERIFY(QDir().mkpath(folder));
        auto second = startApp({QStringLiteral("history.sqlite"),
                                QUrl::fromLocalFile(folder + QStringLiteral("/b c.db")).toString()},
                               folder);
        // The server answers from this event loop, so wait on the signal, not on the process.
        QVERIFY(received.wait(20000));
        QVERIFY(second->waitForFinished(20000));
        QCOMPARE(second->exitStatus(), QProcess::NormalExit);
        QCOMPARE(second->exitCode(), 0);
        QCOMPARE(
            received.first().first().toStringList(),
            (QStringList{folder + QStringLiteral("/history.sqlite"), folder + QStringLiteral("/b c.db")}));
    }

    void secondLaunchWithoutFilesRaisesTheWindow() {
        InstanceServer server;
        QVERIFY(server.listen(instanceSocketPath()));
        QSignalSpy received(&server, &InstanceServer::filesReceived);
        auto second = startApp({});
        QVERIFY(received.wait(20000));
        QVERIFY(second->waitForFinished(20000));
        QCOMPARE(second->exitCode(), 0);
        QCOMPARE(received.first().first().toStringList(), QStringList());
    }

    void newInstanceOptionOpensItsOwnWindow() {
        InstanceServer server;
        QVERIFY(server.listen(instanceSocketPath()));
        QSignalSpy received(&server, &InstanceServer::filesReceived);
        auto own = startApp({QStringLiteral("--new-instance"), QStringLiteral("x.db")});
        // It keeps running with its own window instead of handing over.
        QVERIFY(!own->waitForFinished(3000));
        QCOMPARE(received.count(), 0);
        own->kill();
        own->waitForFinished();
    }

    // Issue #12, item 7: SIGTERM, SIGINT or SIGHUP ends the app as Quit does, and the demo's folder goes
    // with it.
    void demoFolderIsRemovedOnTerminationSignals_data() {
        QTest::addColumn<int>("signal");
        QTest::newRow("SIGTERM") << int(SIGTERM);
        QTest::newRow("SIGINT") << int(SIGINT);
        QTest::newRow("SIGHUP") << int(SIGHUP);
    }
    void demoFolderIsRemovedOnTerminationSignals() {
        QFETCH(int, signal);
        const QString tmp = m_scratch.filePath(QStringLiteral("tmp-%1").arg(signal));
        QVERIFY(QDir().mkpath(tmp));
        QProcess app;
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert(QStringLiteral("TMPDIR"), tmp);
        app.setProcessEnvironment(env);
        app.setProgram(QStringLiteral(SQLSNAP_GUI));
        app.setArguments({QStringLiteral("--demo")});
        app.setProcessChannelMode(QProcess::ForwardedErrorChannel);
        // Run under nohup (SIGHUP ignored, which the child inherits), the app would rightly keep ignoring
        // SIGHUP: the child starts with every signal at its default, as from a terminal.
        app.setChildProcessModifier([] {
            for (int s : {SIGTERM, SIGINT, SIGHUP})
                ::signal(s, SIG_DFL);
        });
        app.start();
        QVERIFY(app.waitForStarted());
        const auto demoFolders = [&] {
            return QDir(tmp).entryList({QStringLiteral("sqlite-snapshot-demo-*")}, QDir::Dirs | QDir::Hidden);
        };
        QTRY_VERIFY_WITH_TIMEOUT(demoFolders().size() == 1 &&
                                     QFileInfo::exists(tmp + QLatin1Char('/') + demoFolders().first() +
                                                       QStringLiteral("/demo.sqlite")),
                                 20000);
        QTest::qWait(300); // the window is up and inspecting the demo
        QCOMPARE(::kill(pid_t(app.processId()), signal), 0);
        QVERIFY(app.waitForFinished(30000)); // generous: ThreadSanitizer on a loaded machine is slow to quit
        QCOMPARE(app.exitStatus(), QProcess::NormalExit); // it quit; the signal did not kill it
        QCOMPARE(app.exitCode(), 0);
        QCOMPARE(demoFolders(), QStringList());
    }

    void aCrashedInstanceSocketIsTakenOver() {
        const QString socketPath = instanceSocketPath();
        QFile::remove(socketPath);
        QVERIFY(makeStaleSocket(socketPath));
        QVERIFY(!handToRunningInstance(socketPath, {}, 500)); // nobody answers there

        // The real app becomes the running window on that path, and accepts a later launch's files.
        auto first = startApp({QStringLiteral("first.db")});
        bool handed = false;
        for (int i = 0; i < 200 && !handed; ++i) {
            handed =
                handToRunningInstance(socketPath, {m_scratch.filePath(QStringLiteral("later.db"))}, 2000);
            if (!handed)
                QTest::qWait(100);
        }
        QVERIFY2(handed, "the app did not take over the stale socket");
        QCOMPARE(first->state(), QProcess::Running);
        // Only this user may connect.
        struct stat info {};
        QCOMPARE(::stat(QFile::encodeName(socketPath).constData(), &info), 0);
        QVERIFY(S_ISSOCK(info.st_mode));
        QCOMPARE(int(info.st_mode & 077), 0);
        first->terminate();
        QVERIFY(first->waitForFinished(20000));
    }

    void aLiveInstanceIsNeverTakenOver() {
        InstanceServer running;
        QVERIFY(running.listen(instanceSocketPath()));
        InstanceServer latecomer;
        QString error;
        QVERIFY(!latecomer.listen(instanceSocketPath(), &error));
        QCOMPARE(error, QStringLiteral("another instance is running"));
        QVERIFY(handOverWhileServing(running, {QStringLiteral("/a.db")})); // the running one still answers
    }

    void aWindowThatNeverConfirmsDoesNotSwallowTheFiles() {
        // Accepts the connection but never answers: the launch must open its own window instead.
        QLocalServer silent;
        QFile::remove(instanceSocketPath());
        QVERIFY(silent.listen(instanceSocketPath()));
        bool handed = true;
        std::thread client(
            [&] { handed = handToRunningInstance(instanceSocketPath(), {QStringLiteral("/a.db")}, 500); });
        QTest::qWait(1500);
        client.join();
        QVERIFY(!handed);
    }

    void garbageOnTheSocketIsDropped() {
        InstanceServer server;
        QVERIFY(server.listen(instanceSocketPath()));
        QSignalSpy received(&server, &InstanceServer::filesReceived);
        QLocalSocket junk;
        junk.connectToServer(instanceSocketPath());
        QVERIFY(junk.waitForConnected(5000));
        junk.write(QByteArray(64, 'x'));
        QVERIFY(junk.waitForBytesWritten(5000));
        QTRY_COMPARE_WITH_TIMEOUT(junk.state(), QLocalSocket::UnconnectedState, 5000);
        QCOMPARE(received.count(), 0);
        QVERIFY(handOverWhileServing(server, {QStringLiteral("/b.db")})); // …and the server goes on serving
    }
};

QTEST_MAIN(TestAppIntegration)
#include "tst_appintegration.moc"

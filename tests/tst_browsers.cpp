// Real clients (label `browsers`, outside the default suite: README "Tests"). Debian's firefox-esr and
// chromium, installed when missing, browse a chain of pages served on 127.0.0.1 only, headless, on a
// fresh profile in a temporary HOME. `discover` must find their databases; `schedule run` (a fixed
// schedules file) snapshots the history database while they browse, and each snapshot must be whole
// (integrity_check ok, journal_mode=delete, visits only ever growing). With the browser stopped
// (SIGSTOP to all its processes), a snapshot must hold exactly the committed visits — compared with a
// plain copy of its files opened by SQLite itself — and leave the profile as it was: no file of it
// opened for writing, created, deleted or changed (inotify), every file's bytes and time the same.
#include "browsing.h"
#include "testsupport.h"

#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QProcess>
#include <QScopeGuard>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

#include <sqlite3.h>

#include <algorithm>
#include <csignal>
#include <unistd.h>

using namespace testsupport;

namespace {

// Nothing but 127.0.0.1: no updates, telemetry, safe browsing or remote settings, and every other host
// through a proxy that answers nothing.
constexpr const char kFirefoxPrefs[] =
    "user_pref(\"app.update.auto\", false);\n"
    "user_pref(\"app.update.enabled\", false);\n"
    "user_pref(\"browser.shell.checkDefaultBrowser\", false);\n"
    "user_pref(\"browser.startup.homepage_override.mstone\", \"ignore\");\n"
    "user_pref(\"browser.safebrowsing.malware.enabled\", false);\n"
    "user_pref(\"browser.safebrowsing.phishing.enabled\", false);\n"
    "user_pref(\"browser.safebrowsing.downloads.enabled\", false);\n"
    "user_pref(\"browser.search.update\", false);\n"
    "user_pref(\"datareporting.policy.dataSubmissionEnabled\", false);\n"
    "user_pref(\"datareporting.healthreport.uploadEnabled\", false);\n"
    "user_pref(\"toolkit.telemetry.enabled\", false);\n"
    "user_pref(\"toolkit.telemetry.unified\", false);\n"
    "user_pref(\"extensions.update.enabled\", false);\n"
    "user_pref(\"extensions.getAddons.cache.enabled\", false);\n"
    "user_pref(\"media.gmp-manager.updateEnabled\", false);\n"
    "user_pref(\"network.captive-portal-service.enabled\", false);\n"
    "user_pref(\"network.connectivity-service.enabled\", false);\n"
    "user_pref(\"network.dns.disablePrefetch\", true);\n"
    "user_pref(\"network.prefetch-next\", false);\n"
    "user_pref(\"network.trr.mode\", 5);\n"
    "user_pref(\"services.settings.server\", \"http://127.0.0.1:9/\");\n"
    "user_pref(\"network.proxy.type\", 1);\n"
    "user_pref(\"network.proxy.http\", \"127.0.0.1\");\n"
    "user_pref(\"network.proxy.http_port\", 9);\n"
    "user_pref(\"network.proxy.ssl\", \"127.0.0.1\");\n"
    "user_pref(\"network.proxy.ssl_port\", 9);\n"
    "user_pref(\"network.proxy.no_proxies_on\", \"127.0.0.1\");\n";

struct Browser {
    QString package, program, app, databaseName, visitsSql;
};

// Visits of our pages in a history database: how many, and the highest page number visited.
struct Visits {
    qint64 count = -1, highest = -1, distinctPages = -1;
    QString error;
};
Visits readVisits(const QString& path, const Browser& b, bool readOnly) {
    Visits v;
    sqlite3* db = nullptr;
    // A plain copy may hold a hot journal or a -wal: opened read-write, in its own folder, SQLite
    // recovers it (rolls back, or replays) as the browser would.
    const int flags = readOnly ? SQLITE_OPEN_READONLY : SQLITE_OPEN_READWRITE;
    if (sqlite3_open_v2(QFile::encodeName(path).constData(), &db, flags, nullptr) != SQLITE_OK) {
        v.error = QString::fromUtf8(sqlite3_errmsg(db));
        sqlite3_close(db);
        return v;
    }
    sqlite3_stmt* st = nullptr;
    if (sqlite3_prepare_v2(db, b.visitsSql.toUtf8().constData(), -1, &st, nullptr) == SQLITE_OK &&
        sqlite3_step(st) == SQLITE_ROW) {
        v.count = sqlite3_column_int64(st, 0);
        v.highest = sqlite3_column_int64(st, 1);
        v.distinctPages = sqlite3_column_int64(st, 2);
    } else {
        v.error = QString::fromUtf8(sqlite3_errmsg(db));
    }
    sqlite3_finalize(st);
    sqlite3_close(db);
    return v;
}

} // namespace

Q_DECLARE_METATYPE(Browser)

class TestBrowsers : public QObject {
    Q_OBJECT
    QTemporaryDir m_tmp;

    // Installs `package` with apt-get when `program` is missing; an empty string when it is there.
    QString install(const Browser& b) {
        if (!QStandardPaths::findExecutable(b.program).isEmpty())
            return {};
        if (::geteuid() != 0)
            return QStringLiteral("%1 is not installed, and installing it needs root (apt-get install %2)")
                .arg(b.program, b.package);
        QProcess apt;
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert(QStringLiteral("DEBIAN_FRONTEND"), QStringLiteral("noninteractive"));
        apt.setProcessEnvironment(env);
        apt.setProcessChannelMode(QProcess::MergedChannels);
        qInfo("installing %s with apt-get (this takes minutes)", qPrintable(b.package));
        apt.start(QStringLiteral("apt-get"), {QStringLiteral("install"), QStringLiteral("-y"),
                                              QStringLiteral("--no-install-recommends"), b.package});
        if (!apt.waitForFinished(30 * 60 * 1000) || apt.exitCode() != 0 ||
            QStandardPaths::findExecutable(b.program).isEmpty()) {
            const QStringList lines = QString::fromUtf8(apt.readAll()).trimmed().split(QLatin1Char('\n'));
            return QStringLiteral("apt-get install %1 failed (no network?): %2").arg(b.package, lines.last());
        }
        return {};
    }

    // One `schedule run --json` with a schedules file written afresh (so the schedule is due): the
    // snapshot's path, or an empty string (and a failed check).
    QString scheduledSnapshot(const QString& source, const QString& history, const QString& config) {
        const QJsonObject schedule{{QStringLiteral("id"), QStringLiteral("browser-1")},
                                   {QStringLiteral("source"), source},
                                   {QStringLiteral("into"), history},
                                   {QStringLiteral("every"), QStringLiteral("1m")},
                                   {QStringLiteral("keep"), QJsonObject{{QStringLiteral("last"), 1000}}},
                                   {QStringLiteral("skip_unchanged"), false}};
        const QByteArray file =
            QJsonDocument(QJsonObject{{QStringLiteral("version"), 1},
                                      {QStringLiteral("schedules"), QJsonArray{schedule}}})
                .toJson();
        if (!QDir().mkpath(config + QStringLiteral("/sqlite-snapshot")) ||
            !writeFile(config + QStringLiteral("/sqlite-snapshot/schedules.json"), file))
            return {};
        CliOptions env;
        env.shell = QStringLiteral("export XDG_CONFIG_HOME='%1'; exec \"$0\" \"$@\"").arg(config);
        const CliRun run =
            cli({QStringLiteral("schedule"), QStringLiteral("run"), QStringLiteral("--json")}, env);
        const QJsonObject first = run.json().value(QStringLiteral("runs")).toArray().at(0).toObject();
        if (run.exitCode != 0 ||
            first.value(QStringLiteral("outcome")).toString() != QStringLiteral("snapshot")) {
            qWarning("schedule run: exit %d, %s %s", run.exitCode, run.out.constData(), run.err.constData());
            return {};
        }
        return first.value(QStringLiteral("file")).toString();
    }

private slots:
    void initTestCase() { QVERIFY(m_tmp.isValid()); }

    void browse_data() {
        QTest::addColumn<Browser>("browser");
        // One query per browser: visits of our pages, the highest page, and how many pages have one.
        const QString page = QStringLiteral("CAST(substr(%1, instr(%1, '/p/') + 3) AS INTEGER)");
        QTest::newRow("firefox-esr") << Browser{
            QStringLiteral("firefox-esr"), QStringLiteral("firefox-esr"), QStringLiteral("Firefox"),
            QStringLiteral("places.sqlite"),
            QStringLiteral("SELECT count(*), coalesce(max(%1), 0), count(DISTINCT %1) FROM "
                           "moz_historyvisits v JOIN moz_places p ON p.id = v.place_id WHERE p.url "
                           "LIKE 'http://127.0.0.1:%/p/%'")
                .arg(page.arg(QStringLiteral("p.url")))};
        QTest::newRow("chromium") << Browser{
            QStringLiteral("chromium"), QStringLiteral("chromium"), QStringLiteral("Chromium"),
            QStringLiteral("History"),
            QStringLiteral(
                "SELECT count(*), coalesce(max(%1), 0), count(DISTINCT %1) FROM visits v JOIN urls u ON "
                "u.id = v.url WHERE u.url LIKE 'http://127.0.0.1:%/p/%'")
                .arg(page.arg(QStringLiteral("u.url")))};
    }

    void browse() {
        QFETCH(Browser, browser);
        if (const QString why = install(browser); !why.isEmpty())
            QSKIP(qPrintable(why));
        PageServer server;
        QVERIFY(server.start());

        const QString home = freshFolder(m_tmp, browser.package + QStringLiteral("-home"));
        const QString config = home + QStringLiteral("/.config");
        const QString history = freshFolder(m_tmp, browser.package + QStringLiteral("-history"));
        const QString cliConfig = freshFolder(m_tmp, browser.package + QStringLiteral("-cli-config"));
        const QString url = QStringLiteral("http://127.0.0.1:%1/p/1").arg(server.port);
        QString profile;
        QStringList args;
        QProcessEnvironment env;
        for (const char* keep : {"PATH", "LANG", "TZ"})
            if (qEnvironmentVariableIsSet(keep))
                env.insert(QLatin1String(keep), qEnvironmentVariable(keep));
        env.insert(QStringLiteral("HOME"), home);
        env.insert(QStringLiteral("XDG_CONFIG_HOME"), config);
        env.insert(QStringLiteral("XDG_CACHE_HOME"), home + QStringLiteral("/.cache"));
        env.insert(QStringLiteral("XDG_DATA_HOME"), home + QStringLiteral("/.local/share"));
        env.insert(QStringLiteral("XDG_RUNTIME_DIR"), home + QStringLiteral("/.runtime"));
        QVERIFY(QDir().mkpath(home + QStringLiteral("/.runtime")));
        if (browser.package == QStringLiteral("firefox-esr")) {
            profile = home + QStringLiteral("/.mozilla/firefox/t3st.browsers");
            QVERIFY(QDir().mkpath(profile));
            QVERIFY(writeFile(profile + QStringLiteral("/user.js"), kFirefoxPrefs));
            env.insert(QStringLiteral("MOZ_HEADLESS"), QStringLiteral("1"));
            args = {QStringLiteral("--headless"), QStringLiteral("--no-remote"), QStringLiteral("--profile"),
                    profile, url};
        } else {
            profile = config + QStringLiteral("/chromium/Default");
            args = {QStringLiteral("--headless"),
                    QStringLiteral("--user-data-dir=") + config + QStringLiteral("/chromium"),
                    QStringLiteral("--no-first-run"),
                    QStringLiteral("--no-default-browser-check"),
                    QStringLiteral("--disable-gpu"),
                    QStringLiteral("--disable-background-networking"),
                    QStringLiteral("--disable-component-update"),
                    QStringLiteral("--disable-sync"),
                    QStringLiteral("--disable-default-apps"),
                    QStringLiteral("--disable-domain-reliability"),
                    QStringLiteral("--disable-breakpad"),
                    QStringLiteral("--no-pings"),
                    QStringLiteral("--proxy-server=http://127.0.0.1:9"), // every host but loopback
                    url};
            if (::geteuid() == 0)
                args.prepend(QStringLiteral("--no-sandbox")); // Chromium's sandbox refuses root
        }
        QProcess process;
        process.setProcessEnvironment(env);
        process.setStandardOutputFile(m_tmp.filePath(browser.package + QStringLiteral(".log")));
        process.setStandardErrorFile(m_tmp.filePath(browser.package + QStringLiteral(".log")),
                                     QIODevice::Append);
        process.setChildProcessModifier([] { ::setpgid(0, 0); });
        process.start(QStandardPaths::findExecutable(browser.program), args);
        QVERIFY(process.waitForStarted());
        const auto stopBrowser = qScopeGuard([&] {
            ::kill(-pid_t(process.processId()), SIGCONT);
            process.terminate();
            if (!process.waitForFinished(30000)) {
                ::kill(-pid_t(process.processId()), SIGKILL);
                process.waitForFinished(30000);
            }
        });
        const QString database = profile + QLatin1Char('/') + browser.databaseName;
        QTRY_VERIFY_WITH_TIMEOUT(server.highest.load() >= 10 && QFileInfo::exists(database), 180000);

        // discover finds it, with its app and profile.
        CliOptions asTheUser;
        asTheUser.shell =
            QStringLiteral("export HOME='%1' XDG_CONFIG_HOME='%2' XDG_DATA_HOME='%1/.local/share'; "
                           "exec \"$0\" \"$@\"")
                .arg(home, config);
        const CliRun found = cli({QStringLiteral("discover"), QStringLiteral("--json")}, asTheUser);
        QCOMPARE(found.exitCode, 0);
        QJsonObject listed;
        QStringList appsFound;
        for (const QJsonValue& d : found.json().value(QStringLiteral("databases")).toArray()) {
            appsFound << d.toObject().value(QStringLiteral("path")).toString();
            if (d.toObject().value(QStringLiteral("path")).toString() == database)
                listed = d.toObject();
        }
        QVERIFY2(!listed.isEmpty(), qPrintable(appsFound.join(QLatin1Char('\n'))));
        QCOMPARE(listed.value(QStringLiteral("app")).toString(), browser.app);
        QCOMPARE(listed.value(QStringLiteral("profile")).toString(), QFileInfo(profile).fileName());
        qInfo("discover: %lld databases found in the fresh HOME, %s among them, %s",
              qlonglong(appsFound.size()), qPrintable(browser.databaseName),
              listed.value(QStringLiteral("in_use")).toBool() ? "in use" : "not in use");

        // Snapshots while it browses: whole, in rollback mode, their visits only ever growing, pages 1..n.
        const auto checkSnapshot = [&](const QString& path, const Visits& before) -> Visits {
            const Visits v = readVisits(path, browser, true);
            if (queryText(path, QStringLiteral("PRAGMA integrity_check")) != QStringLiteral("ok") ||
                queryText(path, QStringLiteral("PRAGMA journal_mode")) != QStringLiteral("delete") ||
                !v.error.isEmpty() || v.count < before.count || v.highest < before.highest)
                return Visits{-1, -1, -1,
                              QStringLiteral("%1: integrity %2, journal_mode %3, visits %4 (before %5), %6")
                                  .arg(path, queryText(path, QStringLiteral("PRAGMA integrity_check")),
                                       queryText(path, QStringLiteral("PRAGMA journal_mode")))
                                  .arg(v.count)
                                  .arg(before.count)
                                  .arg(v.error)};
            return v;
        };
        Visits last{0, 0, 0, {}};
        int taken = 0;
        QElapsedTimer clock;
        qint64 snapshotMs = 0;
        while (taken < 3 || last.count < 5) { // at least three, and until the browser committed some visits
            QVERIFY2(taken < 60, "the browser committed no visits in 60 snapshots");
            clock.start();
            const QString path = scheduledSnapshot(database, history, cliConfig);
            snapshotMs += clock.elapsed();
            QVERIFY(!path.isEmpty());
            const Visits v = checkSnapshot(path, last);
            QVERIFY2(v.error.isEmpty(), qPrintable(v.error));
            QCOMPARE(v.distinctPages, v.highest); // every page up to the newest: no commit missing
            last = v;
            ++taken;
            QTest::qWait(1000);
        }
        qInfo("while browsing: %d snapshots (%lld ms each on average), the last with %lld visits, up to page "
              "%lld "
              "(served: %d)",
              taken, snapshotMs / taken, last.count, last.highest, server.highest.load());

        // Stopped: exactly the committed state, and the profile untouched.
        const pid_t group = pid_t(process.processId());
        const QList<pid_t> tree = processTree(group);
        for (pid_t pid : tree)
            ::kill(pid, SIGSTOP);
        ::kill(-group, SIGSTOP);
        QTRY_VERIFY_WITH_TIMEOUT(std::all_of(tree.begin(), tree.end(),
                                             [](pid_t p) {
                                                 const char s = processState(p);
                                                 return s == 'T' || s == 't' || s == '?' || s == 'Z';
                                             }),
                                 10000);
        const QMap<QString, QString> before = treeState(profile);
        TreeWatch watch(profile);
        QVERIFY(watch.ok());
        { // The watch sees a write: a scratch folder of ours, written once.
            const QString scratch = freshFolder(m_tmp, QStringLiteral("watched"));
            TreeWatch control(scratch);
            QVERIFY(writeFile(scratch + QStringLiteral("/x"), "x"));
            QVERIFY(control.events().join(QLatin1Char(' ')).contains(QLatin1String("/x mask")));
        }
        // The committed state, independently: the files copied as they are (nothing writes them now) and
        // opened by SQLite in a folder of ours.
        const QString reference = freshFolder(m_tmp, browser.package + QStringLiteral("-reference"));
        for (const char* suffix : {"", "-wal", "-journal"})
            if (QFileInfo::exists(database + QLatin1String(suffix)))
                QVERIFY(
                    QFile::copy(database + QLatin1String(suffix),
                                reference + QLatin1Char('/') + browser.databaseName + QLatin1String(suffix)));
        const QString stopped = scheduledSnapshot(database, history, cliConfig);
        QVERIFY(!stopped.isEmpty());
        const QStringList events = watch.events();
        const QMap<QString, QString> after = treeState(profile);
        const Visits committed =
            readVisits(reference + QLatin1Char('/') + browser.databaseName, browser, false);
        QVERIFY2(committed.error.isEmpty(), qPrintable(committed.error));
        const Visits atStop = checkSnapshot(stopped, last);
        QVERIFY2(atStop.error.isEmpty(), qPrintable(atStop.error));
        QCOMPARE(atStop.count, committed.count);
        QCOMPARE(atStop.highest, committed.highest);
        QVERIFY2(events.isEmpty(), qPrintable(events.join(QLatin1Char('\n'))));
        QCOMPARE(after, before);
        qInfo("stopped: %lld processes, %lld profile files unchanged, snapshot with %lld visits up to page "
              "%lld = "
              "the committed state",
              qlonglong(tree.size()), qlonglong(before.size()), atStop.count, atStop.highest);

        // Going on: it browses further, and the next snapshot has at least what the stopped one had.
        for (pid_t pid : tree)
            ::kill(pid, SIGCONT);
        ::kill(-group, SIGCONT);
        const int served = server.highest.load();
        QTRY_VERIFY_WITH_TIMEOUT(server.highest.load() >= served + 5, 120000);
        const QString resumed = scheduledSnapshot(database, history, cliConfig);
        QVERIFY(!resumed.isEmpty());
        const Visits afterwards = checkSnapshot(resumed, atStop);
        QVERIFY2(afterwards.error.isEmpty(), qPrintable(afterwards.error));
        qint64 bytes = 0;
        for (const QFileInfo& f : QDir(history).entryInfoList({QStringLiteral("*.sqlite")}, QDir::Files))
            bytes += f.size();
        qInfo("resumed: snapshot with %lld visits up to page %lld (served: %d); %lld snapshots, %lld KiB in "
              "all",
              afterwards.count, afterwards.highest, server.highest.load(),
              qlonglong(QDir(history).entryList({QStringLiteral("*.sqlite")}, QDir::Files).size()),
              bytes / 1024);
    }
};

QTEST_GUILESS_MAIN(TestBrowsers)
#include "tst_browsers.moc"

// Finding databases: known application folders in fake home trees (native, Flatpak, Snap, every
// profile, $XDG_CONFIG_HOME), folders the user names, locks held by a real process, and the CLI.
#include "testsupport.h"

#include <sqlitesnapshot/discover.h>

#include <QCryptographicHash>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QTemporaryDir>
#include <QTest>

using namespace sqlsnap;
using namespace testsupport;

namespace {

QString makeDb(const QString& path,
               const QString& sql = QStringLiteral("CREATE TABLE t(x); INSERT INTO t VALUES (1)")) {
    QDir().mkpath(QFileInfo(path).path());
    return execSql(path, sql) ? path : QString();
}

// Every file under `dir` with its bytes and modification time, to show nothing was written.
QMap<QString, QString> fingerprints(const QString& dir) {
    QMap<QString, QString> out;
    const QMap<QString, QByteArray> bytes = folderBytes(dir);
    for (auto it = bytes.begin(); it != bytes.end(); ++it)
        out.insert(
            it.key(),
            QString::fromLatin1(QCryptographicHash::hash(it.value(), QCryptographicHash::Sha256).toHex()) +
                QFileInfo(dir + QLatin1Char('/') + it.key()).lastModified().toString(Qt::ISODateWithMs));
    return out;
}

const DiscoveredDatabase* byPath(const QList<DiscoveredDatabase>& list, const QString& path) {
    for (const DiscoveredDatabase& d : list)
        if (d.path == path)
            return &d;
    return nullptr;
}

} // namespace

class TestDiscover : public QObject {
    Q_OBJECT
    QTemporaryDir m_tmp;

private slots:
    void theDataFileIsWellFormed() {
        const QList<KnownLocation>& all = knownLocations();
        QVERIFY(all.size() >= 30);
        QSet<QString> apps;
        for (const KnownLocation& l : all) {
            QVERIFY2(!l.app.isEmpty() && !l.folder.isEmpty() && !l.files.isEmpty(), qPrintable(l.folder));
            QVERIFY2(
                QStringList({QStringLiteral("native"), QStringLiteral("flatpak"), QStringLiteral("snap")})
                    .contains(l.install),
                qPrintable(l.install));
            QVERIFY2(!l.folder.startsWith(QLatin1Char('/')), qPrintable(l.folder)); // under the home
            apps.insert(l.app);
        }
        for (const char* app : {"Firefox", "Chromium", "Google Chrome", "Brave", "Microsoft Edge", "Vivaldi",
                                "Opera", "Thunderbird", "Zotero"})
            QVERIFY2(apps.contains(QLatin1String(app)), app);
    }

    void findsEveryProfileOfEveryInstall() {
        const QString home = freshFolder(m_tmp, QStringLiteral("home"));
        const QString config = freshFolder(m_tmp, QStringLiteral("xdgconfig")); // $XDG_CONFIG_HOME elsewhere
        const QString ff = home + QStringLiteral("/.mozilla/firefox/abcd.default-release");
        QVERIFY(!makeDb(ff + QStringLiteral("/places.sqlite")).isEmpty());
        QVERIFY(!makeDb(ff + QStringLiteral("/cookies.sqlite")).isEmpty());
        QVERIFY(!makeDb(home + QStringLiteral("/.mozilla/firefox/x2.work/places.sqlite")).isEmpty());
        QVERIFY(writeFile(ff + QStringLiteral("/places.sqlite-wal"), QByteArray(4096, 'w'))); // a companion
        QVERIFY(writeFile(ff + QStringLiteral("/formhistory.sqlite"), "not a database at all, just text\n"));
        const QString flatpak =
            home + QStringLiteral("/.var/app/org.mozilla.firefox/.mozilla/firefox/q.default/places.sqlite");
        QVERIFY(!makeDb(flatpak).isEmpty());
        const QString snapHistory = home + QStringLiteral("/snap/chromium/common/chromium/Default/History");
        QVERIFY(!makeDb(snapHistory).isEmpty());
        const QString chromeCookies = config + QStringLiteral("/google-chrome/Profile 1/Network/Cookies");
        QVERIFY(!makeDb(chromeCookies).isEmpty());
        const QString opera = config + QStringLiteral("/opera/History");
        QVERIFY(!makeDb(opera).isEmpty());
        const QString zotero = home + QStringLiteral("/Zotero/zotero.sqlite");
        QVERIFY(!makeDb(zotero).isEmpty());
        // In ~/.config, but $XDG_CONFIG_HOME points elsewhere: not where Chrome looks, not listed.
        QVERIFY(!makeDb(home + QStringLiteral("/.config/google-chrome/Default/History")).isEmpty());
        const auto before = fingerprints(home);

        DiscoverOptions options;
        options.home = home;
        options.configHome = config;
        QStringList streamed;
        options.found = [&](const DiscoveredDatabase& d) { streamed << d.path; };
        const auto result = discoverDatabases(options);
        QVERIFY2(result, result ? "" : qPrintable(result.error().message));
        const QList<DiscoveredDatabase>& found = result->databases;
        QStringList paths;
        for (const DiscoveredDatabase& d : found)
            paths << d.path;
        QCOMPARE(streamed, paths); // each reported as found, in the list's order
        QCOMPARE(found.size(), 8);

        const DiscoveredDatabase* places = byPath(found, ff + QStringLiteral("/places.sqlite"));
        QVERIFY(places);
        QCOMPARE(places->app, QStringLiteral("Firefox"));
        QCOMPARE(places->profile, QStringLiteral("abcd.default-release"));
        QCOMPARE(places->install, QStringLiteral("native"));
        QCOMPARE(places->size, QFileInfo(places->path).size());
        QCOMPARE(places->companionBytes, qint64(4096));
        QCOMPARE(places->lock, LockState::None);
        QVERIFY(!places->inUse());
        QVERIFY(byPath(found, home + QStringLiteral("/.mozilla/firefox/x2.work/places.sqlite")));
        QCOMPARE(byPath(found, flatpak)->install, QStringLiteral("flatpak"));
        QCOMPARE(byPath(found, flatpak)->profile, QStringLiteral("q.default"));
        QCOMPARE(byPath(found, snapHistory)->app, QStringLiteral("Chromium"));
        QCOMPARE(byPath(found, snapHistory)->install, QStringLiteral("snap"));
        QCOMPARE(byPath(found, snapHistory)->profile, QStringLiteral("Default"));
        QCOMPARE(byPath(found, chromeCookies)->app, QStringLiteral("Google Chrome"));
        QCOMPARE(byPath(found, chromeCookies)->profile, QStringLiteral("Profile 1"));
        QCOMPARE(byPath(found, opera)->profile, QString()); // one profile: the folder itself
        QCOMPARE(byPath(found, zotero)->app, QStringLiteral("Zotero"));
        QVERIFY(!byPath(found, ff + QStringLiteral("/formhistory.sqlite"))); // text, not SQLite
        QVERIFY(!byPath(found, ff + QStringLiteral("/places.sqlite-wal")));  // a companion
        QCOMPARE(fingerprints(home), before);                                // only read
    }

    void aProgramHoldingTheDatabaseIsSeen() {
        const QString home = freshFolder(m_tmp, QStringLiteral("lockedhome"));
        const QString history = home + QStringLiteral("/.config/chromium/Default/History");
        QDir().mkpath(QFileInfo(history).path());
        QVERIFY(runDbtool({QStringLiteral("make"), history, QStringLiteral("wal"), QStringLiteral("10")}));
        DiscoverOptions options;
        options.home = home;
        {
            Helper holder({QStringLiteral("hold"), history, QStringLiteral("wal")}); // exclusive locking
            QVERIFY(holder.ready());
            const auto result = discoverDatabases(options);
            QVERIFY(result);
            QCOMPARE(result->databases.size(), 1);
            QVERIFY(result->databases[0].inUse());
            QVERIFY(result->databases[0].walWithoutShm);
            holder.finish();
        }
        const auto after = discoverDatabases(options);
        QVERIFY(after);
        QCOMPARE(after->databases.size(), 1);
        QCOMPARE(after->databases[0].lock, LockState::None);
    }

    void namedFoldersAreSearchedByContent() {
        const QString home = freshFolder(m_tmp, QStringLiteral("emptyhome"));
        const QString dir = freshFolder(m_tmp, QStringLiteral("named"));
        const QString plain = makeDb(dir + QStringLiteral("/a/b/c/notes")); // no extension
        const QString rollback = makeDb(dir + QStringLiteral("/app.db"));
        QVERIFY(writeFile(dir + QStringLiteral("/app.db-journal"), QByteArray(512, 0))); // a companion
        const QString lookalike = makeDb(dir + QStringLiteral("/x-journal")); // a database so named
        QVERIFY(writeFile(dir + QStringLiteral("/readme.txt"), "SQLite is nice\n"));
        QVERIFY(writeFile(dir + QStringLiteral("/short.db"), "SQLite format 3")); // truncated header
        QVERIFY(QFile::link(rollback, dir + QStringLiteral("/link.db")));         // not followed
        QVERIFY(!plain.isEmpty() && !rollback.isEmpty() && !lookalike.isEmpty());
        DiscoverOptions options;
        options.home = home;
        options.folders = {dir, dir}; // twice: still listed once
        const auto result = discoverDatabases(options);
        QVERIFY(result);
        QStringList paths;
        for (const DiscoveredDatabase& d : result->databases) {
            paths << QDir(dir).relativeFilePath(d.path);
            QCOMPARE(d.install, QStringLiteral("folder"));
            QVERIFY(d.app.isEmpty());
        }
        paths.sort();
        QCOMPARE(paths, (QStringList{QStringLiteral("a/b/c/notes"), QStringLiteral("app.db"),
                                     QStringLiteral("x-journal")}));
        QCOMPARE(byPath(result->databases, rollback)->companionBytes, qint64(512));

        options.maxDepth = 1; // dir/a/b/c/notes is 4 levels down
        const auto shallow = discoverDatabases(options);
        QVERIFY(shallow);
        QVERIFY(!byPath(shallow->databases, plain));

        // A database in a known place and under a named folder is listed once, with its app.
        const QString zotero = makeDb(home + QStringLiteral("/Zotero/zotero.sqlite"));
        options.folders = {home};
        const auto both = discoverDatabases(options);
        QVERIFY(both);
        QCOMPARE(both->databases.size(), 1);
        QCOMPARE(both->databases[0].app, QStringLiteral("Zotero"));
    }

    void badInputsAreClearErrors() {
        DiscoverOptions options;
        options.home = freshFolder(m_tmp, QStringLiteral("h3"));
        options.folders = {m_tmp.filePath(QStringLiteral("no-such-folder"))};
        auto missing = discoverDatabases(options);
        QVERIFY(!missing);
        QCOMPARE(missing.error().kind, ErrorKind::SourceMissing);
        QVERIFY(missing.error().message.contains(QStringLiteral("no-such-folder")));
        const QString text = m_tmp.filePath(QStringLiteral("text.txt"));
        QVERIFY(writeFile(text, "hello"));
        options.folders = {text};
        auto notDb = discoverDatabases(options);
        QVERIFY(!notDb);
        QCOMPARE(notDb.error().kind, ErrorKind::NotADatabase);
        const QString db = makeDb(m_tmp.filePath(QStringLiteral("given.db")));
        options.folders = {db}; // a file named: taken itself
        auto one = discoverDatabases(options);
        QVERIFY(one);
        QCOMPARE(one->databases.size(), 1);
        CancelToken cancel;
        cancel.cancel();
        options.folders = {m_tmp.path()};
        auto cancelled = discoverDatabases(options, cancel);
        QVERIFY(!cancelled);
        QCOMPARE(cancelled.error().kind, ErrorKind::Cancelled);
    }

    void theCliListsThemAsTextAndJson() {
        const QString home = freshFolder(m_tmp, QStringLiteral("clihome"));
        const QString places = makeDb(home + QStringLiteral("/.mozilla/firefox/p.default/places.sqlite"));
        const QString extra =
            makeDb(freshFolder(m_tmp, QStringLiteral("cliextra")) + QStringLiteral("/data.bin"));
        CliOptions env;
        env.shell = QStringLiteral("HOME=%1 XDG_CONFIG_HOME= XDG_DATA_HOME= exec \"$0\" \"$@\"").arg(home);
        const CliRun json =
            cli({QStringLiteral("discover"), QStringLiteral("--json"), QFileInfo(extra).path()}, env);
        QCOMPARE(json.exitCode, 0);
        const QJsonArray list = json.json().value(QStringLiteral("databases")).toArray();
        QCOMPARE(list.size(), 2);
        QCOMPARE(list[0].toObject().value(QStringLiteral("path")).toString(), places);
        QCOMPARE(list[0].toObject().value(QStringLiteral("app")).toString(), QStringLiteral("Firefox"));
        QCOMPARE(list[0].toObject().value(QStringLiteral("profile")).toString(), QStringLiteral("p.default"));
        QCOMPARE(list[0].toObject().value(QStringLiteral("in_use")).toBool(), false);
        QCOMPARE(list[1].toObject().value(QStringLiteral("path")).toString(), extra);
        QVERIFY(list[1].toObject().value(QStringLiteral("app")).isNull());
        const CliRun text = cli({QStringLiteral("discover")}, env);
        QCOMPARE(text.exitCode, 0);
        QVERIFY(text.out.contains(places.toUtf8()));
        QVERIFY(text.out.contains("Firefox [p.default]"));
        QVERIFY(text.out.contains("not in use"));
        expectOneError(cli({QStringLiteral("discover"), m_tmp.filePath(QStringLiteral("nope"))}, env), 1,
                       QStringLiteral("no such folder"));
        expectOneError(cli({QStringLiteral("discover"), QStringLiteral("--no-known")}, env), 2,
                       QStringLiteral("needs at least one DIR"));
    }
};

QTEST_GUILESS_MAIN(TestDiscover)
#include "tst_discover.moc"

// Where a snapshot may go: every route by which DEST could be the source is refused, DEST is atomic.
#include "testsupport.h"

#include <sqlitesnapshot/snapshot.h>

#include <QDir>
#include <QFile>
#include <QTest>

#include <sys/stat.h>
#include <unistd.h>

using namespace sqlsnap;
using namespace testsupport;

class TestDestination : public QObject {
    Q_OBJECT
    QTemporaryDir m_tmp;
    QString m_src, m_db, m_out;
    QMap<QString, QByteArray> m_sourceBytes;

    Expected<SnapshotResult> snap(const QString& dest, bool overwrite = false) {
        SnapshotOptions options;
        options.overwrite = overwrite;
        return takeSnapshot(m_db, dest, options);
    }

private slots:
    void initTestCase() {
        m_src = m_tmp.filePath(QStringLiteral("src"));
        m_out = m_tmp.filePath(QStringLiteral("out"));
        QDir().mkpath(m_src);
        QDir().mkpath(m_out);
        m_db = m_src + QStringLiteral("/live.db");
        QVERIFY(runDbtool({QStringLiteral("make"), m_db, QStringLiteral("wal"), QStringLiteral("100")}));
        QVERIFY(::chmod(QFile::encodeName(m_db).constData(), 0640) == 0);
        // Symlinks and hard links that lead back to the source.
        QVERIFY(QFile::link(m_db, m_out + QStringLiteral("/link-to-db")));
        QVERIFY(QFile::link(m_db + QStringLiteral("-wal"), m_out + QStringLiteral("/link-to-wal")));
        QVERIFY(::link(QFile::encodeName(m_db).constData(),
                       QFile::encodeName(m_out + QStringLiteral("/hardlink")).constData()) == 0);
        QVERIFY(QFile::link(m_src, m_tmp.filePath(QStringLiteral("src-link"))));
        m_sourceBytes = folderBytes(m_src);
    }

    void cleanup() {
        QCOMPARE(folderBytes(m_src), m_sourceBytes); // whatever happened, the source is as it was
        for (const QString& name : folderEntries(m_out))
            QVERIFY2(!name.startsWith(QLatin1Char('.')), qPrintable(QStringLiteral("left behind: ") + name));
    }

    void refusesAliases_data() {
        QTest::addColumn<QString>("dest");
        QTest::newRow("the source") << QStringLiteral("src/live.db");
        QTest::newRow("its -wal") << QStringLiteral("src/live.db-wal");
        QTest::newRow("absent -journal") << QStringLiteral("src/live.db-journal");
        QTest::newRow("absent -shm") << QStringLiteral("src/live.db-shm");
        QTest::newRow("dot-dot spelling") << QStringLiteral("out/../src/./live.db");
        QTest::newRow("symlinked folder") << QStringLiteral("src-link/live.db");
        QTest::newRow("symlinked folder, absent companion") << QStringLiteral("src-link/live.db-journal");
        QTest::newRow("symlink to source") << QStringLiteral("out/link-to-db");
        QTest::newRow("symlink to -wal") << QStringLiteral("out/link-to-wal");
        QTest::newRow("hard link") << QStringLiteral("out/hardlink");
    }
    void refusesAliases() {
        QFETCH(QString, dest);
        auto withOverwrite = snap(m_tmp.filePath(dest), true);
        QVERIFY(!withOverwrite.ok());
        QCOMPARE(withOverwrite.error().kind, ErrorKind::DestinationAliasesSource);
        QVERIFY(withOverwrite.error().message.startsWith(QStringLiteral("destination is the source")));
    }

    void refusesExistingWithoutOverwrite() {
        const QString dest = m_out + QStringLiteral("/existing.db");
        QVERIFY(writeFile(dest, "precious"));
        auto result = snap(dest);
        QVERIFY(!result.ok());
        QCOMPARE(result.error().kind, ErrorKind::DestinationExists);
        QCOMPARE(header(dest), QByteArray("precious"));
    }

    void overwriteReplacesOnlyOnSuccess() {
        const QString dest = m_out + QStringLiteral("/replace.db");
        QVERIFY(writeFile(dest, "old bytes"));
        // A failing snapshot (the source is no database) keeps the old file byte for byte.
        const QString bogus = m_out + QStringLiteral("/bogus.db");
        QVERIFY(writeFile(bogus, "nothing SQLite about this"));
        SnapshotOptions options;
        options.overwrite = true;
        auto failed = takeSnapshot(bogus, dest, options);
        QVERIFY(!failed.ok());
        QCOMPARE(header(dest), QByteArray("old bytes"));
        QFile::remove(bogus);
        auto ok = snap(dest, true);
        QVERIFY2(ok.ok(), ok.ok() ? "" : qPrintable(ok.error().message));
        QCOMPARE(readBank(dest).problem(), QString());
    }

    void missingFolderIsNotCreated() {
        const QString dest = m_out + QStringLiteral("/no/such/folder/x.db");
        auto result = snap(dest);
        QVERIFY(!result.ok());
        QCOMPARE(result.error().kind, ErrorKind::DestinationDirectoryMissing);
        QVERIFY(!QFileInfo::exists(m_out + QStringLiteral("/no")));
    }

    void refusesFolderAsDestination() {
        auto result = snap(m_out + QLatin1Char('/'));
        QVERIFY(!result.ok());
        QCOMPARE(result.error().kind, ErrorKind::InvalidArgument);
    }

    void refusesDestinationWithItsOwnWal() {
        const QString dest = m_out + QStringLiteral("/busy.db");
        QVERIFY(writeFile(dest + QStringLiteral("-wal"), "someone else's wal"));
        auto result = snap(dest, true);
        QVERIFY(!result.ok());
        QCOMPARE(result.error().kind, ErrorKind::DestinationInUse);
        QVERIFY(!QFileInfo::exists(dest));
        QFile::remove(dest + QStringLiteral("-wal"));
    }

    void permissionsNoWiderThanSource() {
        const QString dest = m_out + QStringLiteral("/private.db");
        auto result = snap(dest);
        QVERIFY(result.ok());
        struct stat st;
        QVERIFY(::stat(QFile::encodeName(dest).constData(), &st) == 0);
        QCOMPARE(st.st_mode & 0777, mode_t(0640));
    }

    void plantedSymlinkIsNeverFollowed() {
        // DEST is a symlink someone planted towards another file: refused without --overwrite; with
        // it, the link itself is replaced and the file it pointed to is never written.
        const QString victim = m_tmp.filePath(QStringLiteral("victim.txt"));
        QVERIFY(writeFile(victim, "do not touch"));
        const QString dest = m_out + QStringLiteral("/planted.db");
        QVERIFY(QFile::link(victim, dest));
        auto refused = snap(dest);
        QVERIFY(!refused.ok());
        QCOMPARE(refused.error().kind, ErrorKind::DestinationExists);
        auto replaced = snap(dest, true);
        QVERIFY2(replaced.ok(), replaced.ok() ? "" : qPrintable(replaced.error().message));
        QVERIFY(!QFileInfo(dest).isSymLink());
        QCOMPARE(readBank(dest).problem(), QString());
        QFile f(victim);
        QVERIFY(f.open(QIODevice::ReadOnly));
        QCOMPARE(f.readAll(), QByteArray("do not touch"));
        QFile::remove(dest);
    }

    void stagingFoldersArePrivate() {
        // The staging folder exists only during the call: catch it from the progress sink.
        struct Spy : ProgressSink {
            QString folder;
            mode_t mode = 0;
            void report(const Progress& p) override {
                if (p.phase != Phase::Copying || !folder.isEmpty())
                    return;
                for (const QFileInfo& f :
                     QDir(out).entryInfoList(QDir::Dirs | QDir::Hidden | QDir::NoDotAndDotDot))
                    if (f.fileName().startsWith(QStringLiteral(".sqlite-snapshot-"))) {
                        folder = f.fileName();
                        struct stat st;
                        if (::stat(QFile::encodeName(f.filePath()).constData(), &st) == 0)
                            mode = st.st_mode & 0777;
                    }
            }
            QString out;
        } spy;
        spy.out = m_out;
        auto result = takeSnapshot(m_db, m_out + QStringLiteral("/staged.db"), {}, &spy);
        QVERIFY(result.ok());
        QVERIFY(!spy.folder.isEmpty());
        QCOMPARE(spy.mode, mode_t(0700));
        QVERIFY(spy.folder.size() >= QStringLiteral(".sqlite-snapshot-").size() + 12); // unpredictable name
        QFile::remove(m_out + QStringLiteral("/staged.db"));
    }

    void unicodeAndSpacesInNames() {
        const QString dir = m_out + QStringLiteral("/Schnappschüsse und mehr 📸");
        QVERIFY(QDir().mkpath(dir));
        const QString dest = dir + QStringLiteral("/Verlauf (Kopie) 1.sqlite");
        auto result = snap(dest);
        QVERIFY2(result.ok(), result.ok() ? "" : qPrintable(result.error().message));
        QCOMPARE(result->destination, dest);
        QCOMPARE(readBank(dest).problem(), QString());
    }
};

QTEST_GUILESS_MAIN(TestDestination)
#include "tst_destination.moc"

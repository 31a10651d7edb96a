// Restore: a snapshot written back atomically, never under a program that has the target open unless
// forced, and the replaced file (with its companions) always kept.
#include "testsupport.h"

#include <sqlitesnapshot/history.h>
#include <sqlitesnapshot/restore.h>

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QTemporaryDir>
#include <QTest>

#include <sys/stat.h>

using namespace sqlsnap;
using namespace testsupport;

class TestRestore : public QObject {
    Q_OBJECT
    QTemporaryDir m_tmp;

    QString snapshotIn(const QString& dir) {
        const QString s = dir + QStringLiteral("/snap.sqlite");
        return execSql(s, QStringLiteral("CREATE TABLE t(x); INSERT INTO t VALUES ('restored')")) ? s
                                                                                                  : QString();
    }

private slots:
    void restoresAndKeepsWhatItReplaces() {
        const QString dir = freshFolder(m_tmp, QStringLiteral("keep"));
        const QString snap = snapshotIn(dir);
        const QString fresh = dir + QStringLiteral("/new.db");
        auto first = restoreSnapshot(snap, fresh, {});
        QVERIFY2(first, first ? "" : qPrintable(first.error().message));
        QCOMPARE(fileBytes(fresh), fileBytes(snap));
        QVERIFY(first->keptAs.isEmpty());

        const QString app = dir + QStringLiteral("/app.db");
        QVERIFY(execSql(app, QStringLiteral("CREATE TABLE t(x); INSERT INTO t VALUES ('old')")));
        QVERIFY(QFile::setPermissions(app, QFileDevice::ReadOwner | QFileDevice::WriteOwner));
        const QByteArray old = fileBytes(app);
        auto over = restoreSnapshot(snap, app, {});
        QVERIFY2(over, over ? "" : qPrintable(over.error().message));
        QCOMPARE(fileBytes(app), fileBytes(snap));
        QVERIFY(over->keptAs.startsWith(app + QStringLiteral(".before-restore-")));
        QCOMPARE(fileBytes(over->keptAs), old);
        QCOMPARE(QFileInfo(app).permissions() & 0x0777, QFileInfo(over->keptAs).permissions() & 0x0777);
        QCOMPARE(queryText(app, QStringLiteral("SELECT x FROM t")), QStringLiteral("restored"));
        // Nothing else appeared: no staging folder left.
        QCOMPARE(folderEntries(dir).size(), 4);
    }

    void aProgramHoldingTheTargetIsRefusedUnlessForced() {
        const QString dir = freshFolder(m_tmp, QStringLiteral("held"));
        const QString snap = snapshotIn(dir);
        const QString live = dir + QStringLiteral("/live.db");
        Helper holder({QStringLiteral("hold"), live, QStringLiteral("rollback")}); // exclusive locking
        QVERIFY(holder.ready());
        const QByteArray before = fileBytes(live);
        auto refused = restoreSnapshot(snap, live, {});
        QVERIFY(!refused);
        QCOMPARE(refused.error().kind, ErrorKind::DestinationInUse);
        QVERIFY2(refused.error().message.contains(QStringLiteral("held by a program")),
                 qPrintable(refused.error().message));
        QCOMPARE(fileBytes(live), before);
        auto forced = restoreSnapshot(snap, live, RestoreOptions{.force = true});
        QVERIFY2(forced, forced ? "" : qPrintable(forced.error().message));
        QCOMPARE(fileBytes(forced->keptAs), before);
        QCOMPARE(fileBytes(live), fileBytes(snap));
        holder.finish();
    }

    void aWalLeftBesideTheTargetGoesWithTheReplacedFile() {
        const QString dir = freshFolder(m_tmp, QStringLiteral("wal"));
        const QString snap = snapshotIn(dir);
        const QString db = dir + QStringLiteral("/crashed.db");
        {
            // A WAL database whose program died: its last commits are only in the -wal.
            Helper holder({QStringLiteral("hold"), db, QStringLiteral("wal"),
                           QStringLiteral("--normal-locking"), QStringLiteral("--no-checkpoint")});
            QVERIFY(holder.ready());
            holder.kill();
        }
        QVERIFY(QFile::exists(db + QStringLiteral("-wal")));
        auto refused = restoreSnapshot(snap, db, {});
        QVERIFY(!refused);
        QCOMPARE(refused.error().kind, ErrorKind::DestinationInUse);
        QVERIFY2(refused.error().message.contains(QStringLiteral("-wal beside it")),
                 qPrintable(refused.error().message));
        auto forced = restoreSnapshot(snap, db, RestoreOptions{.force = true});
        QVERIFY2(forced, forced ? "" : qPrintable(forced.error().message));
        QVERIFY(!QFile::exists(db + QStringLiteral("-wal")));            // never replayed into the new file
        QVERIFY(QFile::exists(forced->keptAs + QStringLiteral("-wal"))); // it stays with the old one
        QVERIFY(forced->keptFiles.contains(forced->keptAs + QStringLiteral("-wal")));
        QCOMPARE(queryText(db, QStringLiteral("SELECT x FROM t")), QStringLiteral("restored"));
        QCOMPARE(readBank(forced->keptAs).account1,
                 1007); // the old database, with the commits only its -wal held
    }

    void badInputsAreClearErrors() {
        const QString dir = freshFolder(m_tmp, QStringLiteral("bad"));
        const QString snap = snapshotIn(dir);
        const auto kind = [](const Expected<RestoreResult>& r) {
            return r ? ErrorKind::Cancelled : r.error().kind;
        };
        QCOMPARE(kind(restoreSnapshot(dir + QStringLiteral("/none.db"), dir + QStringLiteral("/x.db"), {})),
                 ErrorKind::SourceMissing);
        QCOMPARE(kind(restoreSnapshot(snap, dir + QStringLiteral("/no/such/x.db"), {})),
                 ErrorKind::DestinationDirectoryMissing);
        QCOMPARE(kind(restoreSnapshot(snap, snap, {})), ErrorKind::DestinationAliasesSource);
        QCOMPARE(kind(restoreSnapshot(snap, dir, {})), ErrorKind::InvalidArgument);
        QVERIFY(writeFile(snap + QStringLiteral("-journal"), QByteArray(512, 0)));
        QCOMPARE(kind(restoreSnapshot(snap, dir + QStringLiteral("/y.db"), {})), ErrorKind::InvalidArgument);
        QVERIFY(QFile::remove(snap + QStringLiteral("-journal")));
        QVERIFY(!QFile::exists(dir + QStringLiteral("/x.db")) &&
                !QFile::exists(dir + QStringLiteral("/y.db")));
    }

    // Found by a review: a wrong pick in the file dialog rewrote another kept snapshot, or a text file.
    void neverOverAKeptSnapshotOrANonDatabase() {
        const QString dir = freshFolder(m_tmp, QStringLiteral("kept"));
        const QString snap = snapshotIn(dir);
        const QString kept = dir + QStringLiteral("/kept 2026-12-02 101500.sqlite");
        QVERIFY(execSql(kept, QStringLiteral("CREATE TABLE t(x); INSERT INTO t VALUES ('history')")));
        auto history = HistoryFolder::open(dir);
        QVERIFY(history);
        QVERIFY(history->add(kept, dir + QStringLiteral("/kept.db"), QDateTime::currentDateTimeUtc(), {}));
        const QByteArray before = fileBytes(kept);
        auto refused = restoreSnapshot(snap, kept, {true});
        QVERIFY(!refused);
        QCOMPARE(refused.error().kind, ErrorKind::InvalidArgument);
        QVERIFY2(refused.error().message.contains(QStringLiteral("history folder")),
                 qPrintable(refused.error().message));
        QCOMPARE(fileBytes(kept), before);

        const QString text = dir + QStringLiteral("/notes.txt");
        QVERIFY(writeFile(text, QByteArray("my notes\n")));
        auto notDatabase = restoreSnapshot(snap, text, {true});
        QVERIFY(!notDatabase);
        QCOMPARE(notDatabase.error().kind, ErrorKind::InvalidArgument);
        QCOMPARE(fileBytes(text), QByteArray("my notes\n"));
        QCOMPARE(QDir(dir).entryList({QStringLiteral("*before-restore*")}, QDir::Files).size(), 0);
    }

    void theCli() {
        const QString dir = freshFolder(m_tmp, QStringLiteral("cli"));
        const QString snap = snapshotIn(dir);
        const QString dest = dir + QStringLiteral("/dest.db");
        QVERIFY(execSql(dest, QStringLiteral("CREATE TABLE old(y)")));
        const CliRun r = cli({QStringLiteral("restore"), snap, dest, QStringLiteral("--json")});
        QCOMPARE(r.exitCode, 0);
        QCOMPARE(r.json().value(QStringLiteral("destination")).toString(), dest);
        QVERIFY(QFile::exists(r.json().value(QStringLiteral("kept_as")).toString()));
        // One document, laid out as every other --json document (Qt's indented form, keys sorted), with
        // the documented fields; kept_files an array, empty when nothing came with the replaced file.
        QCOMPARE(r.out, QJsonDocument(r.json()).toJson(QJsonDocument::Indented));
        QCOMPARE(r.json().keys(), QStringList({QStringLiteral("bytes"), QStringLiteral("destination"),
                                               QStringLiteral("kept_as"), QStringLiteral("kept_files"),
                                               QStringLiteral("snapshot")}));
        QVERIFY(r.json().value(QStringLiteral("kept_files")).isArray());
        QVERIFY(r.json().value(QStringLiteral("kept_files")).toArray().isEmpty());
        const CliRun fresh =
            cli({QStringLiteral("restore"), snap, dir + QStringLiteral("/new.db"), QStringLiteral("--json")});
        QCOMPARE(fresh.exitCode, 0);
        QVERIFY(fresh.json().value(QStringLiteral("kept_as")).isNull());
        // A -journal beside it goes with the replaced file: its absolute path, named after kept_as.
        QVERIFY(writeFile(dest + QStringLiteral("-journal"), QByteArray()));
        const CliRun forced =
            cli({QStringLiteral("restore"), snap, dest, QStringLiteral("--force"), QStringLiteral("--json")});
        QCOMPARE(forced.exitCode, 0);
        const QString keptAs = forced.json().value(QStringLiteral("kept_as")).toString();
        QCOMPARE(forced.json().value(QStringLiteral("kept_files")).toArray(),
                 QJsonArray({keptAs + QStringLiteral("-journal")}));
        QVERIFY(QFile::exists(keptAs + QStringLiteral("-journal")));
        Helper holder({QStringLiteral("hold"), dest, QStringLiteral("rollback")});
        QVERIFY(holder.ready());
        expectOneError(cli({QStringLiteral("restore"), snap, dest}), 1, QStringLiteral("--force"));
        holder.finish();
        expectOneError(cli({QStringLiteral("restore"), snap}), 2, QStringLiteral("missing argument"));
    }
};

QTEST_GUILESS_MAIN(TestRestore)
#include "tst_restore.moc"

// The WAL written into the staged file during the copy (snapshot/waloverlay.h) against SQLite's own
// replay and checkpoint of the staged -wal: over many random WAL histories -- commits of every size,
// pages past the main file's end, a shrinking VACUUM, passive checkpoints, WAL restarts that leave old
// frames behind, a transaction still open, a torn tail -- both give the same bytes.
#include "testsupport.h"

#include "base/task.h"
#include "snapshot/stablecopy.h"
#include "snapshot/waloverlay.h"

#include <sqlitesnapshot/databasefiles.h>
#include <sqlitesnapshot/snapshot.h>

#include <QFile>
#include <QRandomGenerator>
#include <QTest>

#include <sqlite3.h>

using namespace sqlsnap;
using namespace testsupport;

namespace {

// A connection of this process that keeps the WAL alive (closing the last one would checkpoint it).
class Holder {
public:
    explicit Holder(const QString& path) {
        sqlite3_open(QFile::encodeName(path).constData(), &m_db);
        exec("PRAGMA journal_mode=WAL; PRAGMA wal_autocheckpoint=0; PRAGMA cache_size=20");
    }
    ~Holder() { sqlite3_close(m_db); }
    bool exec(const char* sql) {
        char* message = nullptr;
        const int rc = sqlite3_exec(m_db, sql, nullptr, nullptr, &message);
        if (rc != SQLITE_OK)
            qWarning("%s: %s", sql, message ? message : "");
        sqlite3_free(message);
        return rc == SQLITE_OK;
    }
    bool exec(const QString& sql) { return exec(sql.toUtf8().constData()); }

private:
    sqlite3* m_db = nullptr;
};

// What the snapshot does to its staged copy: open it (SQLite replays a -wal beside it), switch to rollback
// mode (which checkpoints the WAL into the file and removes it).
QString toRollbackMode(const QString& path) {
    sqlite3* db = nullptr;
    QString mode;
    sqlite3_stmt* stmt = nullptr;
    if (sqlite3_open(QFile::encodeName(path).constData(), &db) == SQLITE_OK &&
        sqlite3_exec(db, "PRAGMA synchronous=OFF", nullptr, nullptr, nullptr) == SQLITE_OK &&
        sqlite3_prepare_v2(db, "PRAGMA journal_mode=DELETE", -1, &stmt, nullptr) == SQLITE_OK &&
        sqlite3_step(stmt) == SQLITE_ROW)
        mode = QString::fromUtf8(reinterpret_cast<const char*>(sqlite3_column_text(stmt, 0)));
    else
        mode = QString::fromUtf8(sqlite3_errmsg(db));
    sqlite3_finalize(stmt);
    sqlite3_close(db);
    return mode;
}

// INSERT's tail: `count` rows of random blobs of `bytes`.
QString rows(int count, int bytes) {
    return QStringLiteral("WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < %1) "
                          "SELECT randomblob(%2) FROM n")
        .arg(count)
        .arg(bytes);
}

// One random step of a WAL's history.
void randomStep(Holder& db, QRandomGenerator& random) {
    const int table = random.bounded(3);
    switch (random.bounded(10)) {
    case 0:
    case 1:
    case 2: // rows of every size: small ones, ones that spill to overflow pages
        QVERIFY(db.exec(QStringLiteral("INSERT INTO t%1(v) ").arg(table) +
                        rows(random.bounded(1, 200), random.bounded(1, 6000))));
        break;
    case 3:
    case 4:
        QVERIFY(db.exec(QStringLiteral("UPDATE t%1 SET v = randomblob(%2) WHERE id % %3 = 0")
                            .arg(table)
                            .arg(random.bounded(1, 3000))
                            .arg(random.bounded(2, 9))));
        break;
    case 5:
        QVERIFY(db.exec(
            QStringLiteral("DELETE FROM t%1 WHERE id % %2 = 1").arg(table).arg(random.bounded(2, 5))));
        break;
    case 6: // page 1 and the schema change
        QVERIFY(db.exec(QStringLiteral("CREATE INDEX IF NOT EXISTS i%1 ON t%1(length(v))").arg(table)));
        break;
    case 7: // the database shrinks: a commit with a smaller size than frames before it
        QVERIFY(db.exec(QStringLiteral("DELETE FROM t%1; VACUUM").arg(table)));
        break;
    case 8: // the main file takes some frames; the WAL keeps them until the next restart
        QVERIFY(db.exec("PRAGMA wal_checkpoint(PASSIVE)"));
        break;
    case 9: // a restart: the next commit writes from the WAL's start, later frames of the old generation stay
        QVERIFY(db.exec("PRAGMA wal_checkpoint(RESTART)"));
        QVERIFY(db.exec(QStringLiteral("INSERT INTO t%1(v) VALUES (randomblob(100))").arg(table)));
        break;
    }
}

} // namespace

class TestWalOverlay : public QObject {
    Q_OBJECT
    QTemporaryDir m_tmp;

    // Stages `db` both ways, makes each staged copy a rollback file as the snapshot does, and compares.
    void compareBothWays(const QString& db, bool expectWritten) {
        auto set = inspectDatabase(db);
        QVERIFY2(set.ok(), set.ok() ? "" : qPrintable(set.error().message));
        Task task(nullptr);
        const QString during = freshFolder(m_tmp), replayed = freshFolder(m_tmp);
        auto a = copyUntilStable(*set, during, 5, true, task, nullptr, io::Writeback::Start);
        QVERIFY2(a.ok(), a.ok() ? "" : qPrintable(a.error().message));
        QCOMPARE(a->walWritten, expectWritten);
        QCOMPARE(QFileInfo::exists(a->databasePath + QStringLiteral("-wal")), !expectWritten);
        auto b = copyUntilStable(*set, replayed, 5, true, task);
        QVERIFY(b.ok());
        QVERIFY(!b->walWritten);
        for (const QString& staged : {a->databasePath, b->databasePath})
            QCOMPARE(toRollbackMode(staged), QStringLiteral("delete"));
        const QByteArray bytesA = fileBytes(a->databasePath), bytesB = fileBytes(b->databasePath);
        QCOMPARE(bytesA.size(), bytesB.size());
        QVERIFY(bytesA == bytesB);
        QCOMPARE(queryText(a->databasePath, QStringLiteral("PRAGMA integrity_check")), QStringLiteral("ok"));
    }

private slots:
    void cleanup() { setWalOverlayEnabled(true); }

    void randomHistoriesGiveSQLitesCheckpoint() {
        for (int seed = 1; seed <= 40; ++seed) {
            QRandomGenerator random(static_cast<quint32>(seed));
            const QString db = freshFolder(m_tmp) + QStringLiteral("/h.db");
            Holder holder(db);
            for (int t = 0; t < 3; ++t)
                QVERIFY(
                    holder.exec(QStringLiteral("CREATE TABLE t%1(id INTEGER PRIMARY KEY, v BLOB)").arg(t)));
            const int steps = random.bounded(1, 25);
            for (int i = 0; i < steps; ++i)
                randomStep(holder, random);
            compareBothWays(db, true);
            if (QTest::currentTestFailed())
                qWarning("seed %d, %d steps", seed, steps);
        }
    }

    void anOpenTransactionsFramesDoNotCount() {
        const QString db = freshFolder(m_tmp) + QStringLiteral("/o.db");
        Holder holder(db);
        QVERIFY(holder.exec(
            QStringLiteral("CREATE TABLE t0(id INTEGER PRIMARY KEY, v BLOB); INSERT INTO t0(v) ") +
            rows(300, 2000)));
        // A transaction larger than the 20-page cache spills its pages to the WAL before it commits.
        QVERIFY(holder.exec("BEGIN; UPDATE t0 SET v = randomblob(2100)"));
        compareBothWays(db, true);
        QVERIFY(holder.exec("ROLLBACK"));
    }

    void aTornTailIsIgnoredAsSQLiteIgnoresIt() {
        const QString db = freshFolder(m_tmp) + QStringLiteral("/torn.db");
        Holder holder(db);
        QVERIFY(holder.exec(
            QStringLiteral("CREATE TABLE t0(id INTEGER PRIMARY KEY, v BLOB); INSERT INTO t0(v) ") +
            rows(100, 500)));
        QFile wal(db + QStringLiteral("-wal"));
        QVERIFY(wal.open(QIODevice::Append));
        QVERIFY(wal.write(QByteArray(3000, '\x5a')) == 3000); // half a frame of garbage
        wal.close();
        compareBothWays(db, true);
    }

    void aWalWithoutACommitIsLeftToSQLite() {
        const QString db = freshFolder(m_tmp) + QStringLiteral("/uncommitted.db");
        {
            Holder holder(db);
            QVERIFY(holder.exec(
                QStringLiteral("CREATE TABLE t0(id INTEGER PRIMARY KEY, v BLOB); INSERT INTO t0(v) ") +
                rows(300, 2000)));
        } // closed: checkpointed, the -wal gone
        Holder holder(db);
        QVERIFY(holder.exec("BEGIN; UPDATE t0 SET v = randomblob(2100)")); // spilled, not committed
        QVERIFY(QFileInfo(db + QStringLiteral("-wal")).size() > 100000);
        compareBothWays(db, false);
        QVERIFY(holder.exec("ROLLBACK"));
    }

    void snapshotsWithAndWithoutAreTheSameFile() {
        const QString db = freshFolder(m_tmp) + QStringLiteral("/s.db");
        Holder holder(db);
        QRandomGenerator random(7);
        for (int t = 0; t < 3; ++t)
            QVERIFY(holder.exec(QStringLiteral("CREATE TABLE t%1(id INTEGER PRIMARY KEY, v BLOB)").arg(t)));
        for (int i = 0; i < 30; ++i)
            randomStep(holder, random);
        const QString out = freshFolder(m_tmp);
        QVERIFY(takeSnapshot(db, out + QStringLiteral("/with.db"), {}).ok());
        setWalOverlayEnabled(false);
        QVERIFY(takeSnapshot(db, out + QStringLiteral("/without.db"), {}).ok());
        QVERIFY(fileBytes(out + QStringLiteral("/with.db")) ==
                fileBytes(out + QStringLiteral("/without.db")));
        QVERIFY(fileBytes(out + QStringLiteral("/with.db")).size() > 100000);
    }
};

QTEST_GUILESS_MAIN(TestWalOverlay)
#include "tst_waloverlay.moc"

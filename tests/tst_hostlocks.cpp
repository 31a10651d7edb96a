// In-process safety: a host process that holds a database open — even in a write transaction — through
// its own SQLite connection, and snapshots the same database with the engine in-process, keeps every
// lock it holds (POSIX locks belong to the process; closing any descriptor of a file drops them all).
// Another process (dbtool lockstate, F_GETLK) is the judge, since a process never sees its own locks.
#include "testsupport.h"

#include "io/hostlocks.h"

#include <sqlitesnapshot/databasefiles.h>
#include <sqlitesnapshot/snapshot.h>
#include <sqlitesnapshot/tables.h>

#include <QProcess>
#include <QTest>

#include <sqlite3.h>

using namespace sqlsnap;

namespace {

constexpr qint64 kPendingByte = 0x40000000;
constexpr qint64 kReservedByte = kPendingByte + 1;
constexpr qint64 kSharedFirst = kPendingByte + 2;
constexpr qint64 kShmWriteLock = 120; // WAL_WRITE_LOCK in the -shm's lock bytes
constexpr qint64 kShmDeadManSwitch = 128;

// "held PID" or "free", as another process sees the byte.
QString lockState(const QString& path, qint64 offset) {
    QProcess probe;
    probe.start(testsupport::dbtoolPath(), {QStringLiteral("lockstate"), path, QString::number(offset)});
    if (!probe.waitForFinished(30000) || probe.exitCode() != 0)
        return QStringLiteral("probe failed: ") + QString::fromLocal8Bit(probe.readAllStandardError());
    return QString::fromLocal8Bit(probe.readAllStandardOutput()).trimmed();
}

bool exec(sqlite3* db, const char* sql) {
    char* message = nullptr;
    const int rc = sqlite3_exec(db, sql, nullptr, nullptr, &message);
    if (rc != SQLITE_OK)
        qWarning("%s: %s", sql, message ? message : "?");
    sqlite3_free(message);
    return rc == SQLITE_OK;
}

QString singleText(sqlite3* db, const char* sql) {
    sqlite3_stmt* stmt = nullptr;
    QString text;
    if (sqlite3_prepare_v2(db, sql, -1, &stmt, nullptr) == SQLITE_OK && sqlite3_step(stmt) == SQLITE_ROW)
        text = QString::fromUtf8(reinterpret_cast<const char*>(sqlite3_column_text(stmt, 0)));
    sqlite3_finalize(stmt);
    return text;
}

} // namespace

class TestHostLocks : public QObject {
    Q_OBJECT

private slots:
    void hostKeepsItsLocks_data() {
        QTest::addColumn<QString>("mode");
        QTest::newRow("rollback") << QStringLiteral("rollback");
        QTest::newRow("wal") << QStringLiteral("wal");
    }

    void hostKeepsItsLocks() {
        QFETCH(QString, mode);
        QTemporaryDir dir;
        const QString src = dir.filePath(QStringLiteral("host.db"));
        QVERIFY(testsupport::runDbtool({QStringLiteral("make"), src, mode, QStringLiteral("200")}));

        // The host: its own connection, a write transaction open (RESERVED in rollback mode, the WAL
        // write lock in WAL mode), changes not committed.
        sqlite3* host = nullptr;
        QCOMPARE(sqlite3_open(src.toUtf8().constData(), &host), SQLITE_OK);
        QVERIFY(exec(host, "BEGIN IMMEDIATE"));
        QVERIFY(exec(host, "UPDATE accounts SET balance = balance - 7 WHERE id = 1;"
                           "UPDATE accounts SET balance = balance + 7 WHERE id = 2;"
                           "INSERT INTO log(seq, account, amount) SELECT max(seq) + 1, 1, 7 FROM log"));

        const QString self = QStringLiteral("held %1").arg(QCoreApplication::applicationPid());
        const QString shm = src + QStringLiteral("-shm");
        auto expectHostLocks = [&](const char* after) {
            if (mode == QLatin1String("rollback")) {
                QVERIFY2(lockState(src, kReservedByte) == self, after);
                QVERIFY2(lockState(src, kSharedFirst) == self, after);
            } else {
                QVERIFY2(lockState(shm, kShmWriteLock) == self, after);
                QVERIFY2(lockState(shm, kShmDeadManSwitch) == self, after);
                QVERIFY2(lockState(src, kSharedFirst) == self, after);
            }
        };
        expectHostLocks("before the snapshot");

        // The engine in the same process: every form that reads the source.
        const QString dest = dir.filePath(QStringLiteral("snap.db"));
        auto result = takeSnapshot(src, dest, SnapshotOptions{});
        QVERIFY2(result, result ? "" : qPrintable(result.error().message));
        expectHostLocks("after takeSnapshot");
        auto memory = snapshotToMemory(src);
        QVERIFY(memory);
        expectHostLocks("after snapshotToMemory");
        auto files = inspectDatabase(src);
        QVERIFY(files);
        expectHostLocks("after inspectDatabase");
        auto tables = listTables(src);
        QVERIFY(tables);
        expectHostLocks("after listTables");
        // Repeated snapshots under one long lock reuse the parked descriptors instead of piling them up.
        const int parked = io::parkedDescriptorCount();
        QVERIFY(parked > 0);
        for (int i = 0; i < 5; ++i)
            QVERIFY(takeSnapshot(src, dir.filePath(QStringLiteral("again-%1.db").arg(i)), SnapshotOptions{}));
        QCOMPARE(io::parkedDescriptorCount(), parked);
        expectHostLocks("after more snapshots");

        // The snapshot is the committed state before the host's transaction; the host commits intact.
        const auto bank = testsupport::readBank(dest);
        QCOMPARE(bank.problem(), QString());
        QCOMPARE(bank.logRows, 200);
        QVERIFY(exec(host, "COMMIT"));
        QCOMPARE(singleText(host, "PRAGMA integrity_check"), QStringLiteral("ok"));
        QCOMPARE(singleText(host, "SELECT sum(balance) FROM accounts"), QStringLiteral("100000"));
        QCOMPARE(singleText(host, "SELECT count(*) FROM log"), QStringLiteral("201"));
        sqlite3_close(host);

        // With the host's locks gone, the next engine call closes what was parked.
        QVERIFY(inspectDatabase(src));
        QCOMPARE(io::parkedDescriptorCount(), 0);
        // A fresh connection, once nothing holds the file, finds it intact.
        QVERIFY(sqlite3_open(src.toUtf8().constData(), &host) == SQLITE_OK);
        QCOMPARE(singleText(host, "PRAGMA integrity_check"), QStringLiteral("ok"));
        QCOMPARE(singleText(host, "SELECT count(*) FROM log"), QStringLiteral("201"));
        sqlite3_close(host);
    }
};

QTEST_GUILESS_MAIN(TestHostLocks)
#include "tst_hostlocks.moc"

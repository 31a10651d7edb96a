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

#include <fcntl.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

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
    // At the descriptor limit /proc/locks cannot be opened; the descriptor itself still tells whether
    // this process holds a lock on the file, so an unlocked source's descriptor is closed (not parked
    // for want of an answer, which kept a process at its limit out of descriptors for good) and a locked
    // one is still parked.
    void atTheDescriptorLimitTheDescriptorDecides() {
        QTemporaryDir dir;
        const QString src = dir.filePath(QStringLiteral("limit.db"));
        QVERIFY(testsupport::runDbtool(
            {QStringLiteral("make"), src, QStringLiteral("rollback"), QStringLiteral("50")}));
        sqlite3* host = nullptr;
        QCOMPARE(sqlite3_open(src.toUtf8().constData(), &host), SQLITE_OK);
        const QByteArray path = src.toLocal8Bit();
        const int before = io::parkedDescriptorCount();

        rlimit saved{};
        QCOMPARE(::getrlimit(RLIMIT_NOFILE, &saved), 0);
        // Closes `fd` through the engine with no descriptor to spare; true when /proc/locks was indeed
        // out of reach meanwhile (else the case proves nothing).
        auto closeAtTheLimit = [&](int fd) {
            rlimit none = saved;
            none.rlim_cur = 0;
            ::setrlimit(RLIMIT_NOFILE, &none);
            const int probe = ::open("/proc/locks", O_RDONLY | O_CLOEXEC);
            const bool outOfReach = probe < 0 && errno == EMFILE;
            if (probe >= 0)
                ::close(probe);
            io::closeSourceDescriptor(fd);
            ::setrlimit(RLIMIT_NOFILE, &saved);
            return outOfReach;
        };
        auto isOpen = [](int fd) { return ::fcntl(fd, F_GETFD) != -1; };

        const int unlocked = ::open(path.constData(), O_RDONLY | O_CLOEXEC);
        QVERIFY(unlocked >= 0);
        QVERIFY(closeAtTheLimit(unlocked));
        QVERIFY(!isOpen(unlocked));
        QCOMPARE(io::parkedDescriptorCount(), before);

        QVERIFY(exec(host, "BEGIN IMMEDIATE"));
        QVERIFY(exec(host, "INSERT INTO log(seq, account, amount) SELECT max(seq) + 1, 1, 7 FROM log"));
        const int locked = ::open(path.constData(), O_RDONLY | O_CLOEXEC);
        QVERIFY(locked >= 0);
        QVERIFY(closeAtTheLimit(locked));
        QVERIFY(isOpen(locked));
        QCOMPARE(io::parkedDescriptorCount(), before + 1);
        QCOMPARE(lockState(src, kReservedByte),
                 QStringLiteral("held %1").arg(QCoreApplication::applicationPid()));
        QVERIFY(exec(host, "COMMIT"));

        // With the lock gone, the next close at the limit closes the parked one too.
        const int another = ::open(path.constData(), O_RDONLY | O_CLOEXEC);
        QVERIFY(another >= 0);
        QVERIFY(closeAtTheLimit(another));
        QVERIFY(!isOpen(locked));
        QCOMPARE(io::parkedDescriptorCount(), before);
        sqlite3_close(host);
    }
    // When another process holds a lock too, the kernel may name only that one: /proc/locks decides.
    void anotherProgramsLockDoesNotHideThisProcesss() {
        QTemporaryDir dir;
        const QString src = dir.filePath(QStringLiteral("shared.db"));
        QVERIFY(testsupport::runDbtool(
            {QStringLiteral("make"), src, QStringLiteral("rollback"), QStringLiteral("50")}));
        const QByteArray path = src.toLocal8Bit();
        const int before = io::parkedDescriptorCount();

        // Another process: a reader's lock on the whole SHARED range, as SQLite takes it, until told.
        int ready[2], release[2];
        QCOMPARE(::pipe(ready), 0);
        QCOMPARE(::pipe(release), 0);
        const pid_t reader = ::fork();
        QVERIFY(reader >= 0);
        if (reader == 0) {
            ::close(release[1]); // so that the parent's close (or exit) ends the wait below
            ::close(ready[0]);
            const int fd = ::open(path.constData(), O_RDWR);
            struct flock range {};
            range.l_type = F_RDLCK;
            range.l_whence = SEEK_SET;
            range.l_start = kSharedFirst;
            range.l_len = 510;
            const char ok = fd >= 0 && ::fcntl(fd, F_SETLK, &range) == 0 ? 'y' : 'n';
            (void)!::write(ready[1], &ok, 1);
            char byte;
            (void)!::read(release[0], &byte, 1);
            ::_exit(0);
        }
        ::close(ready[1]);
        ::close(release[0]);
        char ok = 0;
        QCOMPARE(::read(ready[0], &ok, 1), ssize_t(1));
        QCOMPARE(ok, 'y');
        QCOMPARE(lockState(src, kSharedFirst).left(5), QStringLiteral("held "));

        // Only the other program holds a lock: closed.
        const int alone = ::open(path.constData(), O_RDONLY | O_CLOEXEC);
        QVERIFY(alone >= 0);
        io::closeSourceDescriptor(alone);
        QVERIFY(::fcntl(alone, F_GETFD) == -1);
        QCOMPARE(io::parkedDescriptorCount(), before);

        // This process reads in a transaction beside it (its SHARED lock too): parked.
        sqlite3* host = nullptr;
        QCOMPARE(sqlite3_open(src.toUtf8().constData(), &host), SQLITE_OK);
        QVERIFY(exec(host, "BEGIN"));
        QCOMPARE(singleText(host, "SELECT count(*) FROM log"), QStringLiteral("50"));
        const int beside = ::open(path.constData(), O_RDONLY | O_CLOEXEC);
        QVERIFY(beside >= 0);
        io::closeSourceDescriptor(beside);
        QVERIFY(::fcntl(beside, F_GETFD) != -1);
        QCOMPARE(io::parkedDescriptorCount(), before + 1);
        QVERIFY(exec(host, "COMMIT"));
        sqlite3_close(host);
        ::close(release[1]);
        ::close(ready[0]);
        int status = 0;
        QCOMPARE(::waitpid(reader, &status, 0), reader);
        QVERIFY(inspectDatabase(src));
        QCOMPARE(io::parkedDescriptorCount(), before);
    }
};

QTEST_GUILESS_MAIN(TestHostLocks)
#include "tst_hostlocks.moc"

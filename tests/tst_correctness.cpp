// Engine defects of the correctness round, each through the library on real files: bounded copies,
// locked staging folders and their sweep, strict by default, the in-memory result's time, one vanished
// companion, broken entries in the reader, messages without staging paths, Expected that never throws.
#include "base/task.h"
#include "io/faults.h"
#include "io/posixio.h"

#include "testsupport.h"

#include <sqlitesnapshot/databasefiles.h>
#include <sqlitesnapshot/reader.h>
#include <sqlitesnapshot/snapshot.h>

#include <QDir>
#include <QFile>
#include <QTest>
#include <QThread>

#include <fcntl.h>
#include <sys/stat.h>
#include <sys/time.h>
#include <sys/wait.h>
#include <unistd.h>
#include <utility>

using namespace sqlsnap;
using namespace testsupport;

// Item 20: the docs say nothing throws; value() and error() assert their precondition instead.
static_assert(noexcept(std::declval<Expected<int>&>().value()));
static_assert(noexcept(std::declval<const Expected<QString>&>().value()));
static_assert(noexcept(std::declval<Expected<int>&>().error()));

class TestCorrectness : public QObject {
    Q_OBJECT
    QTemporaryDir m_tmp;

    QString freshDir(const QString& name = QStringLiteral("d")) { return freshFolder(m_tmp, name); }

private slots:
    void cleanup() { io::faults::clear(); }

    // Item 10: a file that grows while it is copied is copied up to the size it had when the copy began.
    void copyStopsAtTheSizeSeenWhenItBegan() {
        const QString dir = freshDir();
        const QString from = dir + QStringLiteral("/growing"), to = dir + QStringLiteral("/copy");
        QVERIFY(writeFile(from, QByteArray(3 * 1024 * 1024, 'a')));
        // Every chunk the copy asks for, the file grows by 4 MiB: an endless source, for real.
        io::faults::inject(
            {io::faults::Call::CopyFileRange, QStringLiteral("growing"), 0, -1, 0, 1024 * 1024, [&] {
                 QFile f(from);
                 if (f.open(QIODevice::Append))
                     f.write(QByteArray(4 * 1024 * 1024, 'b'));
             }});
        int error = 0;
        io::Fd fd = io::openReadOnly(from, &error);
        QVERIFY(fd.valid());
        Task task(nullptr);
        auto copied = io::copyOpenFile(fd.get(), from, to, task);
        QVERIFY2(copied, qPrintable(copied ? QString() : copied.error().message));
        QCOMPARE(*copied, qint64(3 * 1024 * 1024));
        QCOMPARE(QFileInfo(to).size(), qint64(3 * 1024 * 1024));
        QVERIFY(QFileInfo(from).size() > qint64(3 * 1024 * 1024));
    }

    // Item 16: a folder in use is never swept; an abandoned one is (a child process that made one and
    // died without cleaning up), and so is an old half-made one; a user's folder that merely has such a
    // name, or holds files of its own, is never touched.
    void onlyAbandonedStagingFoldersAreSwept() {
        const QString parent = freshDir();
        auto inUse = io::StagingFolder::create(parent);
        QVERIFY(inUse);
        QVERIFY(QFileInfo(inUse->path()).fileName().startsWith(QStringLiteral(".sqlite-snapshot-")));
        QVERIFY(writeFile(inUse->filePath(QStringLiteral("snapshot.db")), "x"));

        auto abandonedBy = [&](const QString& extraFile) {
            const pid_t child = ::fork();
            if (child == 0) {
                auto folder = io::StagingFolder::create(parent);
                if (folder && !extraFile.isEmpty())
                    writeFile(folder->filePath(extraFile), "y");
                ::_exit(folder ? 0 : 1); // as kill -9 would: no destructor runs
            }
            int status = 0;
            ::waitpid(child, &status, 0);
            return WIFEXITED(status) && WEXITSTATUS(status) == 0;
        };
        QStringList before = folderEntries(parent);
        QVERIFY(abandonedBy(QStringLiteral("snapshot.db")));
        QStringList abandoned = folderEntries(parent);
        for (const QString& name : before)
            abandoned.removeAll(name);
        QCOMPARE(abandoned.size(), 1);
        before = folderEntries(parent);
        QVERIFY(abandonedBy(QStringLiteral("my-notes.txt"))); // someone put a file of theirs in it
        QStringList withForeignFile = folderEntries(parent);
        for (const QString& name : before)
            withForeignFile.removeAll(name);
        QCOMPARE(withForeignFile.size(), 1);

        const QString halfMadeOld = parent + QStringLiteral("/.sqlite-snapshot-new-AbCdEf123456");
        const QString usersOwn = parent + QStringLiteral("/.sqlite-snapshot-archive");
        const QString usersLookalike = parent + QStringLiteral("/.sqlite-snapshot-Abc123XYZ789");
        for (const QString& dir : {halfMadeOld, usersOwn, usersLookalike})
            QVERIFY(QDir().mkdir(dir));
        QVERIFY(writeFile(usersOwn + QStringLiteral("/2024.db"), "precious"));
        QVERIFY(writeFile(usersLookalike + QStringLiteral("/notes.txt"), "mine"));
        QFile(usersLookalike)
            .setPermissions(QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ExeOwner);
        const struct timeval old[2] = {{::time(nullptr) - 7200, 0}, {::time(nullptr) - 7200, 0}};
        QCOMPARE(::utimes(QFile::encodeName(halfMadeOld).constData(), old), 0);

        QCOMPARE(io::sweepAbandonedStaging(parent), 1);
        QVERIFY(!QFileInfo::exists(parent + QLatin1Char('/') + abandoned.first()));
        QVERIFY(QFileInfo::exists(parent + QLatin1Char('/') + withForeignFile.first() +
                                  QStringLiteral("/my-notes.txt")));
        QVERIFY(QFileInfo::exists(inUse->filePath(QStringLiteral("snapshot.db"))));
        QVERIFY(QFileInfo::exists(usersOwn + QStringLiteral("/2024.db")));
        QVERIFY(QFileInfo::exists(usersLookalike + QStringLiteral("/notes.txt")));
        QVERIFY(QFileInfo::exists(halfMadeOld)); // no marker: not provably ours, whatever its age
        const QString path = inUse->path();
        inUse->remove();
        QVERIFY(!QFileInfo::exists(path));
    }

    // A big staging folder is removed in the background, locked until it is gone; the library's wait
    // returns when it is.
    void bigStagingFoldersGoInTheBackground() {
        const QString parent = freshDir();
        auto folder = io::StagingFolder::create(parent);
        QVERIFY(folder);
        const QString path = folder->path();
        QFile big(folder->filePath(QStringLiteral("snapshot.db")));
        QVERIFY(big.open(QIODevice::WriteOnly) && big.resize(qint64(200) * 1024 * 1024)); // sparse: instant
        big.close();
        folder->remove();
        QVERIFY(!folder->valid());
        // Whether or not the remover got to it yet, a sweep never takes it: it is still locked.
        io::sweepAbandonedStaging(parent);
        waitForBackgroundRemovals();
        QVERIFY(!QFileInfo::exists(path));
        QVERIFY(folderEntries(parent).isEmpty());
    }

    // Item 18: strict is the library's default too.
    void strictIsTheDefault() {
        QVERIFY(SnapshotOptions{}.strict);
        const QString src = freshDir(), out = freshDir();
        const QString db = src + QStringLiteral("/busy.db");
        QVERIFY(
            runDbtool({QStringLiteral("make"), db, QStringLiteral("rollback"), QStringLiteral("300000")}));
        touchOnEveryCopy(db); // no attempt is stable, however loaded the machine
        SnapshotOptions options;
        options.retries = 3;
        auto strict = takeSnapshot(db, out + QStringLiteral("/s.db"), options);
        QVERIFY(!strict);
        QCOMPARE(strict.error().kind, ErrorKind::ChangedTooOften);
        QVERIFY(folderEntries(out).isEmpty());
        auto copied = copyDatabaseFiles(db, out, 3);
        QVERIFY(!copied);
        QCOMPARE(copied.error().kind, ErrorKind::ChangedTooOften);
        QVERIFY(folderEntries(out).isEmpty());
        options.strict = false; // the explicit opt-in: the last copy, flagged
        auto lenient = takeSnapshot(db, out + QStringLiteral("/s.db"), options);
        QVERIFY2(lenient, qPrintable(lenient ? QString() : lenient.error().message));
        QVERIFY(!lenient->consistentCopy);
        QCOMPARE(lenient->copyAttempts, 4);
    }

    // Item 20: the in-memory snapshot says how long it took.
    void memorySnapshotReportsItsTime() {
        const QString src = freshDir();
        const QString db = src + QStringLiteral("/bank.db");
        QVERIFY(runDbtool({QStringLiteral("make"), db, QStringLiteral("wal"), QStringLiteral("300")}));
        struct SlowSink : ProgressSink {
            void report(const Progress& p) override {
                if (p.phase == Phase::Converting && !slept) {
                    QThread::msleep(30);
                    slept = true;
                }
            }
            bool slept = false;
        } sink;
        auto memory = snapshotToMemory(db, {}, &sink);
        QVERIFY(memory);
        QVERIFY(sink.slept);
        QVERIFY2(memory->result().elapsedMs >= 30, qPrintable(QString::number(memory->result().elapsedMs)));
    }

    // Item 20: one companion that vanishes between its stat and its open does not hide the next ones.
    void oneVanishedCompanionHidesNothing() {
        const QString src = freshDir();
        const QString db = src + QStringLiteral("/set.db");
        QVERIFY(runDbtool({QStringLiteral("make"), db, QStringLiteral("wal"), QStringLiteral("300")}));
        QVERIFY(writeFile(db + QStringLiteral("-wal"), QByteArray(32, '\0')));
        QVERIFY(writeFile(db + QStringLiteral("-journal"), QByteArray(28, '\0')));
        // Every open of the -wal fails as if it had just been deleted (its stat still saw it).
        io::faults::inject({io::faults::Call::OpenRead, QStringLiteral("set.db-wal"), 0, -1, ENOENT, 0, {}});
        auto set = inspectDatabase(db);
        QVERIFY(set);
        QVERIFY(io::faults::injectedCount() >= 1);
        QVERIFY(!set->find(FileKind::Wal)); // gone, as far as this inspection knows
        QVERIFY(set->find(FileKind::Journal));
    }

    // Item 13: the reader lists virtual, shadow and broken entries; a broken view's schema says why.
    void readerListsEveryEntry() {
        const QString src = freshDir();
        const QString db = src + QStringLiteral("/fts.db");
        QVERIFY(execSql(
            db, QStringLiteral(
                    "CREATE TABLE notes(body); CREATE VIRTUAL TABLE docs USING fts5(body);"
                    "CREATE TABLE gone(x); CREATE VIEW broken AS SELECT x FROM gone; DROP TABLE gone;")));
        auto reader = SnapshotReader::open(db);
        QVERIFY(reader);
        auto tables = (*reader)->tables();
        QVERIFY2(tables, qPrintable(tables ? QString() : tables.error().message));
        QMap<QString, TableInfo> byName;
        for (const TableInfo& t : *tables)
            byName[t.name] = t;
        QCOMPARE(byName[QStringLiteral("docs")].type, QStringLiteral("virtual"));
        QCOMPARE(byName[QStringLiteral("docs")].module, QStringLiteral("fts5"));
        QCOMPARE(byName[QStringLiteral("docs_data")].type, QStringLiteral("shadow"));
        QCOMPARE(byName[QStringLiteral("docs_data")].shadowOf, QStringLiteral("docs"));
        QVERIFY(byName.contains(QStringLiteral("broken")));
        auto schema = (*reader)->schema(QStringLiteral("broken"));
        QVERIFY(schema);
        QVERIFY2(schema->table.error.contains(QStringLiteral("no such table")),
                 qPrintable(schema->table.error));
        QVERIFY(schema->table.sql.contains(QStringLiteral("CREATE VIEW")));
        auto good = (*reader)->schema(QStringLiteral("docs_data"));
        QVERIFY(good);
        QCOMPARE(good->table.shadowOf, QStringLiteral("docs"));
        QVERIFY(good->table.error.isEmpty());
    }

    // A cancel is "cancelled", in whichever step it lands, never wrapped in that step's words.
    void cancelIsCancelledInEveryStep_data() {
        QTest::addColumn<int>("phase");
        QTest::addColumn<QString>("strategy");
        QTest::newRow("verifying") << int(Phase::Verifying) << QStringLiteral("publish");
        QTest::newRow("hashing") << int(Phase::Hashing) << QStringLiteral("publish");
        QTest::newRow("checking before compacting") << int(Phase::Verifying) << QStringLiteral("compact");
        QTest::newRow("backing up") << int(Phase::BackingUp) << QStringLiteral("backup");
        QTest::newRow("copying") << int(Phase::Copying) << QStringLiteral("publish");
    }
    void cancelIsCancelledInEveryStep() {
        QFETCH(int, phase);
        QFETCH(QString, strategy);
        const QString src = freshDir(), out = freshDir();
        const QString db = src + QStringLiteral("/bank.db");
        QVERIFY(runDbtool({QStringLiteral("make"), db, QStringLiteral("rollback"), QStringLiteral("3000")}));
        struct CancelAt : CancelFlag {
            Phase at = Phase::Done;
            void report(const Progress& p) override {
                if (p.phase == at)
                    cancel();
            }
        } sink;
        sink.at = Phase(phase);
        SnapshotOptions options;
        options.verify = true;
        options.strategy = *strategyFromName(strategy);
        auto r = takeSnapshot(db, out + QStringLiteral("/s.db"), options, &sink);
        QVERIFY(!r);
        QCOMPARE(r.error().kind, ErrorKind::Cancelled);
        QCOMPARE(r.error().message, QStringLiteral("cancelled"));
        QVERIFY(folderEntries(out).isEmpty());
        auto memory = snapshotToMemory(db, options, &sink);
        QVERIFY(!memory);
        QCOMPARE(memory.error().message, QStringLiteral("cancelled"));
    }

    // No message names an internal staging path, wherever the folder is (spaces included).
    void messagesNeverNameStagingPaths() {
        const QString parent = freshDir(QStringLiteral("My Snapshots"));
        auto folder = io::StagingFolder::create(parent);
        QVERIFY(folder);
        const Error e{ErrorKind::IoError, QStringLiteral("cannot write %1: no space left on device")
                                              .arg(folder->filePath(QStringLiteral("snapshot.db")))};
        const Error clean = io::withoutStagingPaths(e);
        QCOMPARE(
            clean.message,
            QStringLiteral("cannot write a temporary file (in %1): no space left on device").arg(parent));
        const Error other = io::withoutStagingPaths(
            Error{ErrorKind::IoError,
                  QStringLiteral("cannot open /var/tmp/.sqlite-snapshot-Zx81/snapshot.db: gone")});
        QCOMPARE(other.message, QStringLiteral("cannot open a temporary file (in /var/tmp): gone"));
    }

    // The one alias check, for the app and the engine alike.
    void aliasCheckFindsEveryRoute() {
        const QString src = freshDir();
        const QString db = src + QStringLiteral("/app.db");
        QVERIFY(runDbtool({QStringLiteral("make"), db, QStringLiteral("rollback"), QStringLiteral("10")}));
        QVERIFY(QDir().mkdir(src + QStringLiteral("/sub")));
        QVERIFY(QFile::link(src, src + QStringLiteral("/sub/up")));
        QCOMPARE(::link(QFile::encodeName(db).constData(),
                        QFile::encodeName(src + QStringLiteral("/hard.db")).constData()),
                 0);
        for (const QString& alias :
             {db, db + QStringLiteral("-journal"), db + QStringLiteral("-shm"),
              src + QStringLiteral("/sub/../app.db-wal"), src + QStringLiteral("/sub/up/app.db"),
              src + QStringLiteral("/hard.db")})
            QVERIFY2(namesFileOfDatabase(db, alias), qPrintable(alias));
        QVERIFY(!namesFileOfDatabase(db, src + QStringLiteral("/other.db")));
        QVERIFY(!namesFileOfDatabase(db, db + QStringLiteral("-journal2")));
    }
};

QTEST_GUILESS_MAIN(TestCorrectness)
#include "tst_correctness.moc"

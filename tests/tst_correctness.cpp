// Engine defects of the correctness round, each through the library on real files: bounded copies,
// locked staging folders and their sweep, strict by default, the in-memory result's time, one vanished
// companion, broken entries in the reader, messages without staging paths, Expected that never throws.
#include "io/faults.h"
#include "io/posixio.h"
#include "base/task.h"

#include "testsupport.h"

#include <sqlitesnapshot/databasefiles.h>
#include <sqlitesnapshot/reader.h>
#include <sqlitesnapshot/snapshot.h>

#include <QDir>
#include <QFile>
#include <QTest>
#include <QThread>

#include <fcntl.h>
#include <sys/time.h>
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

    // Item 16: a folder in use is never swept; an abandoned one is, and so is an old half-made one.
    void stagingFoldersInUseAreNeverSwept() {
        const QString parent = freshDir();
        auto inUse = io::StagingFolder::create(parent);
        QVERIFY(inUse);
        QVERIFY(QFileInfo(inUse->path()).fileName().startsWith(QStringLiteral(".sqlite-snapshot-")));
        QVERIFY(writeFile(inUse->filePath(QStringLiteral("snapshot.db")), "x"));
        const QString abandoned = parent + QStringLiteral("/.sqlite-snapshot-abandoned1");
        QVERIFY(QDir().mkdir(abandoned));
        QVERIFY(writeFile(abandoned + QStringLiteral("/snapshot.db"), "left by kill -9"));
        const QString halfMadeNow = parent + QStringLiteral("/.sqlite-snapshot-new-fresh"),
                      halfMadeOld = parent + QStringLiteral("/.sqlite-snapshot-new-old");
        QVERIFY(QDir().mkdir(halfMadeNow));
        QVERIFY(QDir().mkdir(halfMadeOld));
        const struct timeval old[2] = {{::time(nullptr) - 7200, 0}, {::time(nullptr) - 7200, 0}};
        QCOMPARE(::utimes(QFile::encodeName(halfMadeOld).constData(), old), 0);
        const QString unrelated = parent + QStringLiteral("/keep-me");
        QVERIFY(QDir().mkdir(unrelated));

        QCOMPARE(io::sweepAbandonedStaging(parent), 2);
        QVERIFY(QFileInfo::exists(inUse->filePath(QStringLiteral("snapshot.db"))));
        QVERIFY(!QFileInfo::exists(abandoned));
        QVERIFY(QFileInfo::exists(halfMadeNow));
        QVERIFY(!QFileInfo::exists(halfMadeOld));
        QVERIFY(QFileInfo::exists(unrelated));
        const QString path = inUse->path();
        inUse->remove();
        QVERIFY(!QFileInfo::exists(path));
    }

    // Item 18: strict is the library's default too.
    void strictIsTheDefault() {
        QVERIFY(SnapshotOptions{}.strict);
        const QString src = freshDir(), out = freshDir();
        const QString db = src + QStringLiteral("/busy.db");
        QVERIFY(
            runDbtool({QStringLiteral("make"), db, QStringLiteral("rollback"), QStringLiteral("300000")}));
        MtimeToucher toucher(db);
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
        for (int tries = 0; tries < 5; ++tries) {
            auto lenient = takeSnapshot(db, out + QStringLiteral("/s.db"), options);
            QVERIFY2(lenient, qPrintable(lenient ? QString() : lenient.error().message));
            const bool flagged = !lenient->consistentCopy;
            QFile::remove(out + QStringLiteral("/s.db"));
            if (flagged)
                return;
        }
        QFAIL("the toucher never overlapped every attempt");
    }

    // Item 20: the in-memory snapshot says how long it took.
    void memorySnapshotReportsItsTime() {
        const QString src = freshDir();
        const QString db = src + QStringLiteral("/bank.db");
        QVERIFY(runDbtool({QStringLiteral("make"), db, QStringLiteral("wal"), QStringLiteral("300")}));
        struct SlowSink : ProgressSink {
            void report(const Progress& p) override {
                if (p.phase == Phase::BackingUp && !slept) {
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
        io::faults::inject({io::faults::Call::OpenRead, QStringLiteral("set.db-wal"), 0, 1, ENOENT, 0, {}});
        auto set = inspectDatabase(db);
        QVERIFY(set);
        QCOMPARE(io::faults::injectedCount(), 1);
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

    // No message names an internal staging path, wherever the folder is (spaces included).
    void messagesNeverNameStagingPaths() {
        const QString parent = freshDir(QStringLiteral("My Snapshots"));
        auto folder = io::StagingFolder::create(parent);
        QVERIFY(folder);
        const Error e{ErrorKind::IoError, QStringLiteral("cannot write %1: no space left on device")
                                              .arg(folder->filePath(QStringLiteral("snapshot.db")))};
        const Error clean = io::withoutStagingPaths(e);
        QCOMPARE(clean.message,
                 QStringLiteral("cannot write the staged copy (in %1): no space left on device").arg(parent));
        const Error other = io::withoutStagingPaths(
            Error{ErrorKind::IoError,
                  QStringLiteral("cannot open /var/tmp/.sqlite-snapshot-Zx81/snapshot.db: gone")});
        QCOMPARE(other.message, QStringLiteral("cannot open the staged copy (in /var/tmp): gone"));
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

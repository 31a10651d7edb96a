// The whole pipeline against real writer processes, real locks and a writer killed mid-transaction.
#include "testsupport.h"

#include <sqlitesnapshot/databasefiles.h>
#include <sqlitesnapshot/snapshot.h>

#include "snapshot/memoryimage.h"

#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QScopeGuard>
#include <QTest>

#include <QtConcurrent>
#include <chrono>
#include <thread>

#include <sqlite3.h>

#include <mutex>
#include <numeric>

using namespace sqlsnap;
using namespace testsupport;

namespace {

// Records every report; can cancel once a phase (and enough progress in it) is reached.
class RecordingSink : public ProgressSink {
public:
    std::optional<Phase> cancelAt;
    qint64 cancelAfterUnits = 0;
    void report(const Progress& p) override {
        std::lock_guard lock(m_mutex);
        reports.push_back(p);
        if (cancelAt && p.phase == *cancelAt && (p.bytesDone + p.pagesDone) >= cancelAfterUnits)
            m_cancel = true;
    }
    bool isCancelled() const override { return m_cancel.load(); }
    std::vector<Progress> reports;

private:
    std::mutex m_mutex;
    std::atomic<bool> m_cancel{false};
};

template <typename T> QString message(const Expected<T>& r) {
    return r.ok() ? QString() : r.error().message;
}

Expected<SnapshotResult> memoryToFile(const QString& db, const QString& dest,
                                      const SnapshotOptions& options) {
    auto memory = snapshotToMemory(db, options);
    if (!memory)
        return memory.error();
    const QByteArray sql = "VACUUM INTO '" + dest.toUtf8() + "'";
    if (sqlite3_exec(memory->get(), sql.constData(), nullptr, nullptr, nullptr) != SQLITE_OK)
        return Error{ErrorKind::SqliteError, QString::fromUtf8(sqlite3_errmsg(memory->get()))};
    return memory->result();
}

qint64 scalar(sqlite3* db, const char* sql) {
    sqlite3_stmt* stmt = nullptr;
    qint64 value = -1;
    if (sqlite3_prepare_v2(db, sql, -1, &stmt, nullptr) == SQLITE_OK && sqlite3_step(stmt) == SQLITE_ROW)
        value = sqlite3_column_int64(stmt, 0);
    sqlite3_finalize(stmt);
    return value;
}

} // namespace

class TestSnapshot : public QObject {
    Q_OBJECT
    QString m_root;
    QTemporaryDir m_tmp;

    // A fresh source folder and a separate destination folder per test.
    QString freshDir(const QString& name) { return freshFolder(m_tmp, name); }

    void checkNoLeftovers(const QString& destDir, const QStringList& allowed) {
        QStringList entries = folderEntries(destDir);
        for (const QString& a : allowed)
            entries.removeAll(a);
        QVERIFY2(entries.isEmpty(), qPrintable(entries.join(QStringLiteral(", "))));
    }

private slots:
    void walDataOnlyInWal() {
        const QString src = freshDir(QStringLiteral("src")), out = freshDir(QStringLiteral("out"));
        const QString db = src + QStringLiteral("/app.db");
        Helper holder({QStringLiteral("hold"), db, QStringLiteral("wal"), QStringLiteral("--normal-locking"),
                       QStringLiteral("--no-checkpoint")});
        QVERIFY(holder.ready());
        QVERIFY(QFileInfo(db + QStringLiteral("-wal")).size() > 0);
        const auto before = folderBytes(src);

        SnapshotOptions options;
        options.verify = true;
        auto result = takeSnapshot(db, out + QStringLiteral("/snap.db"), options);
        QVERIFY2(result.ok(), qPrintable(message(result)));
        QCOMPARE(result->integrity, QStringLiteral("ok"));
        QCOMPARE(result->sha256.size(), 64);
        QVERIFY(result->consistentCopy);
        QCOMPARE(result->copyAttempts, 1);
        QCOMPARE(folderBytes(src), before); // nothing at the source changed, -shm included

        // Alone in an empty folder, it opens without creating companions and has the WAL-only commits.
        const QString alone = freshDir(QStringLiteral("alone"));
        QVERIFY(QFile::copy(out + QStringLiteral("/snap.db"), alone + QStringLiteral("/snap.db")));
        const QByteArray head = header(alone + QStringLiteral("/snap.db"));
        QCOMPARE(int(head[18]), 1);
        QCOMPARE(int(head[19]), 1);
        const BankState bank = readBank(alone + QStringLiteral("/snap.db"));
        QVERIFY2(bank.problem().isEmpty(), qPrintable(bank.problem()));
        QCOMPARE(bank.logRows, 2000);
        QCOMPARE(bank.account1, 1007);
        QCOMPARE(folderEntries(alone), QStringList{QStringLiteral("snap.db")});
        checkNoLeftovers(out, {QStringLiteral("snap.db")});
    }

    void exclusiveHolder_data() {
        QTest::addColumn<QString>("mode");
        QTest::addColumn<bool>("openTransaction");
        QTest::newRow("wal") << QStringLiteral("wal") << false;
        QTest::newRow("wal, spilled open transaction") << QStringLiteral("wal") << true;
        QTest::newRow("rollback") << QStringLiteral("rollback") << false;
        QTest::newRow("rollback, spilled open transaction") << QStringLiteral("rollback") << true;
    }
    void exclusiveHolder() {
        QFETCH(QString, mode);
        QFETCH(bool, openTransaction);
        const QString src = freshDir(QStringLiteral("excl")), out = freshDir(QStringLiteral("out"));
        const QString db = src + QStringLiteral("/held.db");
        QStringList args{QStringLiteral("hold"), db, mode};
        if (openTransaction)
            args << QStringLiteral("--open-txn");
        Helper holder(args);
        QVERIFY(holder.ready());
        if (openTransaction && mode == QStringLiteral("rollback"))
            QVERIFY(QFileInfo(db + QStringLiteral("-journal")).size() >
                    0); // spilled: the file holds uncommitted pages
        const auto before = folderBytes(src);

        auto result = takeSnapshot(db, out + QStringLiteral("/snap.db"), {});
        QVERIFY2(result.ok(), qPrintable(message(result)));
        const BankState bank = readBank(out + QStringLiteral("/snap.db"));
        QVERIFY2(bank.problem().isEmpty(), qPrintable(bank.problem()));
        QCOMPARE(bank.account1, 1007); // exactly the committed state: not 0 from the open transaction
        QCOMPARE(bank.logRows, 2000);
        QCOMPARE(folderBytes(src), before);
        QVERIFY(holder.finish().isEmpty());
    }

    void intoMemory_data() {
        QTest::addColumn<bool>("tooLargeForAnImage");
        QTest::newRow("read into one image") << false;
        // A set past SQLite's 2 GiB allocation limit: staged as a file, copied in with the backup API.
        QTest::newRow("past the image limit: the backup API") << true;
    }

    void intoMemory() {
        // The Python library's scenario: committed rows only in the -wal, copied into memory.
        QFETCH(bool, tooLargeForAnImage);
        if (tooLargeForAnImage)
            setMemoryImageLimit(64 * 1024);
        auto restoreLimit = qScopeGuard([] { setMemoryImageLimit(MemoryImage::kMaxBytes); });
        const QString src = freshDir(QStringLiteral("mem")), staging = freshDir(QStringLiteral("staging"));
        const QString db = src + QStringLiteral("/app.db");
        Helper holder({QStringLiteral("hold"), db, QStringLiteral("wal"), QStringLiteral("--normal-locking"),
                       QStringLiteral("--no-checkpoint")});
        QVERIFY(holder.ready());
        const auto before = folderBytes(src);
        SnapshotOptions options;
        options.verify = true;
        options.stagingDirectory = staging;
        RecordingSink sink;
        auto memory = snapshotToMemory(db, options, &sink);
        QVERIFY2(memory.ok(), qPrintable(message(memory)));
        QVERIFY(memory->get());
        const bool backedUp = std::any_of(sink.reports.begin(), sink.reports.end(),
                                          [](const Progress& p) { return p.phase == Phase::BackingUp; });
        QCOMPARE(backedUp, tooLargeForAnImage);
        QVERIFY(QFileInfo(db).size() + QFileInfo(db + QStringLiteral("-wal")).size() > 64 * 1024);
        QCOMPARE(memory->result().integrity, std::optional<QString>(QStringLiteral("ok")));
        QVERIFY(memory->result().consistentCopy);
        QVERIFY(memory->result().pages > 0);
        auto scalar = [&](const char* sql) {
            sqlite3_stmt* stmt = nullptr;
            qint64 value = -1;
            if (sqlite3_prepare_v2(memory->get(), sql, -1, &stmt, nullptr) == SQLITE_OK &&
                sqlite3_step(stmt) == SQLITE_ROW)
                value = sqlite3_column_int64(stmt, 0);
            sqlite3_finalize(stmt);
            return value;
        };
        QCOMPARE(scalar("SELECT balance FROM accounts WHERE id = 1"), qint64(1007)); // only in the -wal
        QCOMPARE(scalar("SELECT sum(balance) FROM accounts"), qint64(100000));
        QCOMPARE(scalar("SELECT count(*) FROM log"), qint64(2000));
        QCOMPARE(folderEntries(staging), QStringList()); // nothing left on disk
        QCOMPARE(folderBytes(src), before);
        // The handle is owned: moving it keeps one owner, release() hands it over.
        MemorySnapshot moved = std::move(*memory);
        QVERIFY(!memory->get() && moved.get());
        sqlite3* handle = moved.release();
        QVERIFY(handle && !moved.get());
        QCOMPARE(sqlite3_close(handle), SQLITE_OK);
        QCOMPARE(snapshotToMemory(src + QStringLiteral("/missing.db")).error().kind,
                 ErrorKind::SourceMissing);
        holder.finish();
    }

    void copyingTheFilesThemselves() {
        // copy_all_files: the set as files, judged stable together; opening the copy needs its -wal.
        const QString src = freshDir(QStringLiteral("files")), out = freshDir(QStringLiteral("out"));
        const QString db = src + QStringLiteral("/hist[1].sqlite");
        Helper holder({QStringLiteral("hold"), db, QStringLiteral("wal"), QStringLiteral("--normal-locking"),
                       QStringLiteral("--no-checkpoint")});
        QVERIFY(holder.ready());
        const auto before = folderBytes(src);
        auto copied = copyDatabaseFiles(db + QStringLiteral("-wal"), out);
        QVERIFY2(copied.ok(), qPrintable(message(copied)));
        QVERIFY(copied->consistent);
        QVERIFY(copied->attempts >= 1);
        QCOMPARE(copied->databasePath, out + QStringLiteral("/hist[1].sqlite"));
        QStringList names = folderEntries(out);
        names.sort();
        QCOMPARE(names,
                 (QStringList{QStringLiteral("hist[1].sqlite"), QStringLiteral("hist[1].sqlite-wal")}));
        QCOMPARE(folderBytes(src), before);
        holder.finish();
        // The copy, opened with its -wal, holds the committed transfer that lived only in the -wal.
        QCOMPARE(queryText(copied->databasePath, QStringLiteral("SELECT balance FROM accounts WHERE id = 1")),
                 QStringLiteral("1007"));
        auto again = copyDatabaseFiles(db, out);
        QCOMPARE(again.error().kind, ErrorKind::DestinationExists);
        QCOMPARE(copyDatabaseFiles(db, out + QStringLiteral("/missing")).error().kind,
                 ErrorKind::DestinationDirectoryMissing);
    }

    void backupStepsAndPauses() {
        // The Python library's sqlite_backup_kwargs: pages per step and a pause between steps.
        const QString src = freshDir(QStringLiteral("steps")), out = freshDir(QStringLiteral("out"));
        const QString db = src + QStringLiteral("/s.db");
        QVERIFY(runDbtool({QStringLiteral("make"), db, QStringLiteral("wal"), QStringLiteral("3000")}));
        struct Pages : ProgressSink {
            QList<qint64> done;
            void report(const Progress& p) override {
                if (p.phase == Phase::BackingUp && p.pagesDone > 0 &&
                    (done.isEmpty() || done.last() != p.pagesDone))
                    done << p.pagesDone;
            }
        } pages;
        SnapshotOptions options;
        options.strategy = OutputStrategy::Backup;
        options.backupPagesPerStep = 10;
        options.backupStepPauseMs = 20;
        options.stagedCacheKiB = 8192;
        QElapsedTimer clock;
        clock.start();
        auto result = takeSnapshot(db, out + QStringLiteral("/b.db"), options, &pages);
        QVERIFY2(result.ok(), qPrintable(message(result)));
        const qint64 steps = (result->pages + 9) / 10;
        QCOMPARE(pages.done.size(), steps); // one report per step of 10 pages
        QCOMPARE(pages.done.first(), qint64(10));
        QCOMPARE(pages.done.last(), result->pages);
        QVERIFY(clock.elapsed() >= (steps - 1) * 20); // the pauses happened
        QCOMPARE(readBank(out + QStringLiteral("/b.db")).problem(), QString());
    }

    void directModeReadsTheLiveSource() {
        const QString src = freshDir(QStringLiteral("direct")), out = freshDir(QStringLiteral("out"));
        const QString db = src + QStringLiteral("/app.db");
        Helper holder({QStringLiteral("hold"), db, QStringLiteral("wal"), QStringLiteral("--normal-locking"),
                       QStringLiteral("--no-checkpoint")});
        QVERIFY(holder.ready());
        const QByteArray walBefore = folderBytes(src).value(QStringLiteral("app.db-wal"));
        SnapshotOptions options;
        options.direct = true;
        options.verify = true;
        auto result = takeSnapshot(db, out + QStringLiteral("/d.db"), options);
        QVERIFY2(result.ok(), qPrintable(message(result)));
        QCOMPARE(result->integrity, std::optional<QString>(QStringLiteral("ok")));
        const BankState bank = readBank(out + QStringLiteral("/d.db"));
        QVERIFY2(bank.problem().isEmpty(), qPrintable(bank.problem()));
        QCOMPARE(bank.account1, 1007); // read through the live -wal
        QCOMPARE(bank.journalMode, QStringLiteral("delete"));
        QCOMPARE(folderBytes(src).value(QStringLiteral("app.db-wal")), walBefore);
        checkNoLeftovers(out, {QStringLiteral("d.db")});
        holder.finish();
    }

    // From the review: a rollback-mode writer committing all the time restarted the backup at every
    // commit, so direct mode (and the app's Retry with a Brief Read Lock) never finished.
    void directModeFinishesWhileAWriterCommits() {
        const QString src = freshDir(QStringLiteral("directbusy")), out = freshDir(QStringLiteral("out"));
        const QString db = src + QStringLiteral("/busy.db");
        QVERIFY(
            runDbtool({QStringLiteral("make"), db, QStringLiteral("rollback"), QStringLiteral("200000")}));
        Helper writer({QStringLiteral("writer"), db, QStringLiteral("rollback"),
                       QStringLiteral("--busy-timeout"), QStringLiteral("60000"),
                       QStringLiteral("--synchronous"), QStringLiteral("off")});
        QVERIFY(writer.ready());
        SnapshotOptions options;
        options.direct = true;
        options.verify = true;
        options.backupPagesPerStep = 8; // many steps: many chances for a commit in between
        // It must end by itself; a watchdog turns "never" into a failure instead of a hang.
        CancelFlag watchdog;
        std::thread deadline([&watchdog] {
            for (int waited = 0; waited < 60000 && !watchdog.isCancelled(); waited += 50)
                std::this_thread::sleep_for(std::chrono::milliseconds(50));
            watchdog.cancel();
        });
        auto result = takeSnapshot(db, out + QStringLiteral("/d.db"), options, &watchdog);
        watchdog.cancel();
        deadline.join();
        const QString commits = writer.finish();
        QVERIFY2(result.ok(), qPrintable(message(result)));
        QCOMPARE(result->integrity, std::optional<QString>(QStringLiteral("ok")));
        const BankState bank = readBank(out + QStringLiteral("/d.db"));
        QVERIFY2(bank.problem().isEmpty(), qPrintable(bank.problem())); // one committed state
        QVERIFY2(commits.contains(QStringLiteral("commits=")), qPrintable(commits));
        QVERIFY2(!commits.contains(QStringLiteral("commits=0 ")), qPrintable(commits)); // it did write
    }

    void directModeGivesUpOnALockedDatabase() {
        // The Python library waits forever here and leaves a 0-byte destination.
        const QString src = freshDir(QStringLiteral("locked")), out = freshDir(QStringLiteral("out"));
        const QString db = src + QStringLiteral("/held.db");
        Helper holder({QStringLiteral("hold"), db, QStringLiteral("rollback"), QStringLiteral("--open-txn")});
        QVERIFY(holder.ready());
        SnapshotOptions options;
        options.direct = true;
        options.busyTimeoutMs = 300;
        QElapsedTimer clock;
        clock.start();
        auto result = takeSnapshot(db, out + QStringLiteral("/d.db"), options);
        const qint64 gaveUpAfter = clock.elapsed();
        qInfo("gave up after %lld ms", gaveUpAfter);
        // The name's promise: it gives up, at the timeout and not much later (not waiting forever).
        QVERIFY2(gaveUpAfter >= 300 &&
                     gaveUpAfter < (qEnvironmentVariableIsSet("TSAN_OPTIONS") ? 10000 : 3000),
                 qPrintable(QString::number(gaveUpAfter)));
        QVERIFY(!result.ok());
        QCOMPARE(result.error().kind, ErrorKind::Locked);
        QVERIFY2(result.error().message.contains(QStringLiteral("locked by another program")),
                 qPrintable(result.error().message));
        checkNoLeftovers(out, {});
        // The default (staged) mode does not need the lock: the committed state, without waiting.
        auto staged = takeSnapshot(db, out + QStringLiteral("/s.db"), {});
        QVERIFY2(staged.ok(), qPrintable(message(staged)));
        QCOMPARE(readBank(out + QStringLiteral("/s.db")).account1, 1007);
        holder.finish();
    }

    void hotJournalFromKilledWriter() {
        const QString src = freshDir(QStringLiteral("crash")), out = freshDir(QStringLiteral("out"));
        const QString db = src + QStringLiteral("/crashed.db");
        {
            Helper writer({QStringLiteral("crash"), db});
            QVERIFY(writer.ready());
            writer.kill();
        }
        QVERIFY(QFileInfo(db + QStringLiteral("-journal")).size() > 0);
        const auto before = folderBytes(src);
        auto result = takeSnapshot(db, out + QStringLiteral("/snap.db"), {});
        QVERIFY2(result.ok(), qPrintable(message(result)));
        const BankState bank = readBank(out + QStringLiteral("/snap.db"));
        QVERIFY2(bank.problem().isEmpty(), qPrintable(bank.problem()));
        QCOMPARE(bank.account1, 1000);      // the state before the killed transaction
        QCOMPARE(folderBytes(src), before); // the hot journal is still there, untouched
        QVERIFY(QFileInfo::exists(db + QStringLiteral("-journal")));
        // Into memory: rolled back in the image the same way.
        auto memory = snapshotToMemory(db);
        QVERIFY2(memory.ok(), qPrintable(message(memory)));
        QCOMPARE(scalar(memory->get(), "SELECT balance FROM accounts WHERE id = 1"), qint64(1000));
        QCOMPARE(scalar(memory->get(), "SELECT sum(balance) FROM accounts"), qint64(100000));
        QCOMPARE(folderBytes(src), before);
    }

    // A transaction over two attached databases: SQLite writes a super-journal naming both journals,
    // and the transaction counts as committed exactly when that super-journal has been deleted.
    void multiDatabaseTransactionKilledMidCommit_data() {
        QTest::addColumn<QString>("moment");
        QTest::addColumn<int>("account1");
        QTest::addColumn<QString>("moves");
        QTest::newRow("before the super-journal is deleted: rolled back")
            << QStringLiteral("before") << 1000 << QStringLiteral("0");
        QTest::newRow("after the super-journal is deleted: committed")
            << QStringLiteral("after") << 1005 << QStringLiteral("1");
    }
    void multiDatabaseTransactionKilledMidCommit() {
        QFETCH(QString, moment);
        QFETCH(int, account1);
        QFETCH(QString, moves);
        const QString src = freshDir(QStringLiteral("multi")), out = freshDir(QStringLiteral("out"));
        const QString main = src + QStringLiteral("/main.db"), other = src + QStringLiteral("/other.db");
        QProcess crash;
        crash.start(dbtoolPath(), {QStringLiteral("crash-multi"), main, other, moment});
        QVERIFY(crash.waitForFinished(60000));
        QCOMPARE(crash.exitStatus(), QProcess::CrashExit); // it died mid-commit, as asked
        QVERIFY(QFileInfo(main + QStringLiteral("-journal")).size() > 0);
        QVERIFY(QFileInfo(other + QStringLiteral("-journal")).size() > 0);
        const bool superJournalLeft = moment == QStringLiteral("before");
        const QStringList superJournals =
            QDir(src).entryList({QStringLiteral("main.db-mj*")}, QDir::Files | QDir::Hidden);
        QCOMPARE(superJournals.size(), superJournalLeft ? 1 : 0);

        auto files = inspectDatabase(main);
        QVERIFY2(files.ok(), qPrintable(message(files)));
        QVERIFY(!files->superJournalPath.isEmpty());
        QCOMPARE(files->superJournalExists, superJournalLeft);

        const auto before = folderBytes(src);
        auto result = takeSnapshot(main, out + QStringLiteral("/main.db"), {});
        QVERIFY2(result.ok(), qPrintable(message(result)));
        auto otherResult = takeSnapshot(other, out + QStringLiteral("/other.db"), {});
        QVERIFY2(otherResult.ok(), qPrintable(message(otherResult)));
        const BankState bank = readBank(out + QStringLiteral("/main.db"));
        QVERIFY2(bank.problem().isEmpty(), qPrintable(bank.problem()));
        QCOMPARE(bank.account1, account1);
        QCOMPARE(queryText(out + QStringLiteral("/other.db"), QStringLiteral("SELECT count(*) FROM moves")),
                 moves);
        auto memory = snapshotToMemory(main);
        QVERIFY2(memory.ok(), qPrintable(message(memory)));
        QCOMPARE(scalar(memory->get(), "SELECT balance FROM accounts WHERE id = 1"), qint64(account1));
        QCOMPARE(folderBytes(src), before); // journals and super-journal untouched
        checkNoLeftovers(out, {QStringLiteral("main.db"), QStringLiteral("other.db")});
    }

    void liveWriters_data() {
        QTest::addColumn<QStringList>("writerArgs");
        QTest::addColumn<int>("snapshots");
        QTest::addColumn<bool>("mayGiveUp"); // strict: ChangedTooOften allowed, torn never
        QTest::addColumn<int>("parallel");   // snapshots of the one source taken at the same time
        QTest::addColumn<int>("retries");
        QTest::newRow("wal, flat out, truncate every 500")
            << QStringList{QStringLiteral("wal"), QStringLiteral("--truncate-every"), QStringLiteral("500")}
            << 40 << false << 1 << 100;
        QTest::newRow("wal, autocheckpoint 100, every 2 ms")
            << QStringList{QStringLiteral("wal"), QStringLiteral("--autocheckpoint"), QStringLiteral("100"),
                           QStringLiteral("--pace-us"), QStringLiteral("2000")}
            << 40 << false << 1 << 100;
        // A commit (an fsync apart) can land in every one of 101 attempts on a fast idle machine: seen
        // once in 80 snapshots. Giving up is then the right answer; a torn copy never is.
        QTest::newRow("rollback, flat out")
            << QStringList{QStringLiteral("rollback")} << 40 << true << 1 << 100;
        // Commits land in microseconds, every 2 ms: the byte compare must fit between two of them.
        QTest::newRow("rollback, synchronous=off, every 2 ms")
            << QStringList{QStringLiteral("rollback"), QStringLiteral("--synchronous"), QStringLiteral("off"),
                           QStringLiteral("--pace-us"), QStringLiteral("2000")}
            << 40 << false << 1 << 100;
        // Commits microseconds apart: on an idle machine no copy is ever stable, and every strict
        // snapshot gives up (correctly).
        QTest::newRow("rollback, synchronous=off, flat out")
            << QStringList{QStringLiteral("rollback"), QStringLiteral("--synchronous"), QStringLiteral("off")}
            << 10 << true << 1 << 20;
        // The writer switches the database between WAL and rollback mode every 50 commits.
        QTest::newRow("flipping wal <-> rollback every 50 commits")
            << QStringList{QStringLiteral("wal"), QStringLiteral("--flip-every"), QStringLiteral("50")} << 40
            << false << 1 << 100;
        QTest::newRow("wal, flat out, 3 snapshots at once")
            << QStringList{QStringLiteral("wal"), QStringLiteral("--truncate-every"), QStringLiteral("500")}
            << 30 << false << 3 << 100;
    }
    void liveWriters() {
        QFETCH(QStringList, writerArgs);
        QFETCH(int, snapshots);
        QFETCH(bool, mayGiveUp);
        QFETCH(int, parallel);
        QFETCH(int, retries);
        if (const int soak = qEnvironmentVariableIntValue("SQLSNAP_SOAK_SNAPSHOTS"); soak > 0)
            snapshots = mayGiveUp ? soak / 10 : soak; // the `slow` soak run: many more of the same
        const QString src = freshDir(QStringLiteral("live")), out = freshDir(QStringLiteral("out"));
        const QString db = src + QStringLiteral("/bank.db");
        QVERIFY(runDbtool({QStringLiteral("make"), db, writerArgs.first(), QStringLiteral("3000")}));
        // The writer trims its log to 4,000 rows: however long the run, the database stays small.
        Helper writer(QStringList{QStringLiteral("writer"), db} + writerArgs +
                      QStringList{QStringLiteral("--trim-log"), QStringLiteral("4000")});
        QVERIFY(writer.ready());
        SnapshotOptions options;
        options.strict = true;
        options.retries = retries;
        struct Outcome {
            int attempts = 0;
            bool gaveUp = false;
            QString problem;
        };
        auto snapshotOnce = [&](int i) {
            Outcome o;
            const QString dest = out + QStringLiteral("/snap-%1.db").arg(i);
            // Every other one into memory (the image path), written out by VACUUM INTO to be read alike.
            auto result = i % 2 == 0 ? takeSnapshot(db, dest, options) : memoryToFile(db, dest, options);
            if (mayGiveUp && !result.ok() && result.error().kind == ErrorKind::ChangedTooOften) {
                o.gaveUp = true;
                return o;
            }
            if (!result.ok())
                o.problem = message(result);
            else if (!result->consistentCopy)
                o.problem = QStringLiteral("no stable copy");
            else
                o.problem = readBank(dest).problem();
            o.attempts = result.ok() ? result->copyAttempts : 0;
            QFile::remove(dest);
            if (!o.problem.isEmpty())
                o.problem = QStringLiteral("snapshot %1: %2").arg(i).arg(o.problem);
            return o;
        };
        QList<int> indexes(snapshots);
        std::iota(indexes.begin(), indexes.end(), 0);
        QThreadPool pool;
        pool.setMaxThreadCount(parallel);
        const QList<Outcome> outcomes = QtConcurrent::blockingMapped(&pool, indexes, snapshotOnce);
        QMap<int, int> attempts;
        int gaveUp = 0;
        for (const Outcome& o : outcomes) {
            QVERIFY2(o.problem.isEmpty(), qPrintable(o.problem));
            if (o.gaveUp)
                ++gaveUp;
            else
                attempts[o.attempts]++;
        }
        // A row whose every snapshot gave up checked no copy: then the way out the error offers, a brief
        // read lock (direct mode), must give one committed state while the writer goes on.
        if (gaveUp == snapshots) {
            SnapshotOptions direct;
            direct.direct = true;
            direct.busyTimeoutMs = 30000;
            auto viaLock = takeSnapshot(db, out + QStringLiteral("/direct.db"), direct);
            QVERIFY2(viaLock.ok(), qPrintable(message(viaLock)));
            QCOMPARE(readBank(out + QStringLiteral("/direct.db")).problem(), QString());
            QVERIFY(QFile::remove(out + QStringLiteral("/direct.db")));
        }
        const QString stats = writer.finish();
        QString histogram;
        for (auto it = attempts.cbegin(); it != attempts.cend(); ++it)
            histogram += QStringLiteral(" %1 attempt(s): %2;").arg(it.key()).arg(it.value());
        qInfo("writer %s; %d snapshots, %d at a time, 0 torn; copy attempts:%s gave up (strict): %d",
              qPrintable(stats), snapshots, parallel, qPrintable(histogram), gaveUp);
        const qint64 commits =
            stats.section(QLatin1Char('='), 1).section(QLatin1Char(' '), 0, 0).toLongLong();
        QVERIFY2(commits > 50, qPrintable(stats)); // the writer really was writing throughout
        checkNoLeftovers(out, {});
    }

    void writerWithoutBusyTimeoutNeverSeesBusy() {
        const QString src = freshDir(QStringLiteral("busy")), out = freshDir(QStringLiteral("out"));
        const QString db = src + QStringLiteral("/b.db");
        QVERIFY(runDbtool({QStringLiteral("make"), db, QStringLiteral("wal"), QStringLiteral("3000")}));
        Helper writer({QStringLiteral("writer"), db, QStringLiteral("wal"), QStringLiteral("--busy-timeout"),
                       QStringLiteral("0")});
        QVERIFY(writer.ready());
        for (int i = 0; i < 20; ++i) {
            auto result = takeSnapshot(db, out + QStringLiteral("/s.db"), {});
            QVERIFY2(result.ok(), qPrintable(message(result)));
            QFile::remove(out + QStringLiteral("/s.db"));
        }
        const QString stats = writer.finish();
        QVERIFY2(stats.endsWith(QStringLiteral("busy=0")), qPrintable(stats));
        QVERIFY(!stats.startsWith(QStringLiteral("commits=0 ")));
    }

    void strategiesGiveTheSameDatabase_data() {
        QTest::addColumn<int>("strategy");
        QTest::newRow("backup") << int(OutputStrategy::Backup);
        QTest::newRow("compact") << int(OutputStrategy::Compact);
    }
    void strategiesGiveTheSameDatabase() {
        QFETCH(int, strategy);
        const QString src = freshDir(QStringLiteral("strat")), out = freshDir(QStringLiteral("out"));
        const QString staging = freshDir(QStringLiteral("staging"));
        const QString db = src + QStringLiteral("/s.db");
        Helper holder({QStringLiteral("hold"), db, QStringLiteral("wal"), QStringLiteral("--normal-locking"),
                       QStringLiteral("--no-checkpoint")});
        QVERIFY(holder.ready());
        RecordingSink sink;
        SnapshotOptions options;
        options.strategy = OutputStrategy(strategy);
        options.stagingDirectory = staging;
        options.backupPagesPerStep = 4;
        options.verify = true;
        auto result = takeSnapshot(db, out + QStringLiteral("/snap.db"), options, &sink);
        QVERIFY2(result.ok(), qPrintable(message(result)));
        QCOMPARE(result->strategy, OutputStrategy(strategy));
        const BankState bank = readBank(out + QStringLiteral("/snap.db"));
        QVERIFY2(bank.problem().isEmpty(), qPrintable(bank.problem()));
        QCOMPARE(bank.account1, 1007);
        checkNoLeftovers(out, {QStringLiteral("snap.db")});
        QVERIFY(folderEntries(staging).isEmpty());
        if (options.strategy == OutputStrategy::Backup) {
            qint64 last = -1, steps = 0;
            for (const Progress& p : sink.reports) {
                if (p.phase != Phase::BackingUp || p.pagesTotal == 0)
                    continue;
                QVERIFY(p.pagesDone >= last);
                last = p.pagesDone;
                ++steps;
            }
            QCOMPARE(last, result->pages);
            QVERIFY(steps > 3);
        }
    }

    void cancel_data() {
        QTest::addColumn<int>("phase");
        QTest::addColumn<int>("strategy");
        QTest::newRow("while copying") << int(Phase::Copying) << int(OutputStrategy::Publish);
        QTest::newRow("while backing up") << int(Phase::BackingUp) << int(OutputStrategy::Backup);
        QTest::newRow("while verifying") << int(Phase::Verifying) << int(OutputStrategy::Publish);
        // Until the rename, publishing is still undone by a cancel (the flush goes in steps).
        QTest::newRow("while publishing") << int(Phase::Publishing) << int(OutputStrategy::Publish);
        QTest::newRow("while publishing a backup") << int(Phase::Publishing) << int(OutputStrategy::Backup);
    }
    void cancel() {
        QFETCH(int, phase);
        QFETCH(int, strategy);
        const QString src = freshDir(QStringLiteral("cancel")), out = freshDir(QStringLiteral("out"));
        const QString staging = freshDir(QStringLiteral("staging"));
        const QString db = src + QStringLiteral("/big.db");
        QVERIFY(
            runDbtool({QStringLiteral("make"), db, QStringLiteral("rollback"), QStringLiteral("200000")}));
        RecordingSink sink;
        sink.cancelAt = Phase(phase);
        sink.cancelAfterUnits = phase == int(Phase::Copying) ? 1 : 0;
        SnapshotOptions options;
        options.strategy = OutputStrategy(strategy);
        options.stagingDirectory = staging;
        options.verify = true;
        options.backupPagesPerStep = 64;
        auto result = takeSnapshot(db, out + QStringLiteral("/snap.db"), options, &sink);
        QVERIFY(!result.ok());
        QCOMPARE(result.error().kind, ErrorKind::Cancelled);
        checkNoLeftovers(out, {});
        QVERIFY(folderEntries(staging).isEmpty());
    }

    void concurrentSnapshotsOfOneSource() {
        const QString src = freshDir(QStringLiteral("conc")), out = freshDir(QStringLiteral("out"));
        const QString db = src + QStringLiteral("/c.db");
        QVERIFY(runDbtool({QStringLiteral("make"), db, QStringLiteral("wal"), QStringLiteral("3000")}));
        Helper writer({QStringLiteral("writer"), db, QStringLiteral("wal"),
                       QStringLiteral("--autocheckpoint"), QStringLiteral("200")});
        QVERIFY(writer.ready());
        QList<int> jobs;
        for (int i = 0; i < 12; ++i)
            jobs << i;
        const QList<QString> problems = QtConcurrent::blockingMapped(jobs, [&](int i) {
            const QString dest = out + QStringLiteral("/c-%1.db").arg(i);
            auto result = takeSnapshot(db, dest, {});
            if (!result.ok())
                return result.error().message;
            return readBank(dest).problem();
        });
        for (const QString& p : problems)
            QVERIFY2(p.isEmpty(), qPrintable(p));
        QCOMPARE(folderEntries(out).size(), 12);
    }

    void truncatedDatabaseIsAnError() {
        const QString src = freshDir(QStringLiteral("trunc")), out = freshDir(QStringLiteral("out"));
        const QString db = src + QStringLiteral("/t.db");
        QVERIFY(runDbtool({QStringLiteral("make"), db, QStringLiteral("rollback"), QStringLiteral("5000")}));
        QFile f(db);
        QVERIFY(f.resize(f.size() / 2));
        auto result = takeSnapshot(db, out + QStringLiteral("/snap.db"), {});
        QVERIFY(!result.ok());
        QCOMPARE(result.error().kind, ErrorKind::NotADatabase);
        QVERIFY2(result.error().message.contains(QStringLiteral("truncated")),
                 qPrintable(result.error().message));
        checkNoLeftovers(out, {});
    }

    void garbagePagesFailVerification() {
        const QString src = freshDir(QStringLiteral("garbage")), out = freshDir(QStringLiteral("out"));
        const QString db = src + QStringLiteral("/g.db");
        QVERIFY(runDbtool({QStringLiteral("make"), db, QStringLiteral("rollback"), QStringLiteral("5000")}));
        QFile f(db);
        QVERIFY(f.open(QIODevice::ReadWrite));
        QVERIFY(f.seek(f.size() / 2));
        f.write(QByteArray(8192, '\x5a'));
        f.close();
        SnapshotOptions options;
        options.verify = true;
        auto result = takeSnapshot(db, out + QStringLiteral("/snap.db"), options);
        QVERIFY(!result.ok());
        QCOMPARE(result.error().kind, ErrorKind::Corrupt);
        QVERIFY(result.error().message.contains(QStringLiteral("integrity")));
        checkNoLeftovers(out, {});
    }

    void fullDestinationFileSystem() {
        const QString mountPoint = freshDir(QStringLiteral("tmpfs"));
        ScratchMount full(mountPoint, QStringLiteral("size=512k"));
        if (!full.ok())
            QSKIP("cannot mount a small tmpfs here (needs root): full-disk test skipped");
        const QString src = freshDir(QStringLiteral("full"));
        const QString db = src + QStringLiteral("/f.db");
        QVERIFY(runDbtool({QStringLiteral("make"), db, QStringLiteral("rollback"), QStringLiteral("20000")}));
        for (OutputStrategy strategy : {OutputStrategy::Publish, OutputStrategy::Backup}) {
            SnapshotOptions options;
            options.strategy = strategy;
            options.stagingDirectory = src;
            auto result = takeSnapshot(db, mountPoint + QStringLiteral("/snap.db"), options);
            QVERIFY(!result.ok());
            QVERIFY2(result.error().kind == ErrorKind::DiskFull, qPrintable(result.error().message));
            QVERIFY(folderEntries(mountPoint).isEmpty());
        }
    }
};

QTEST_GUILESS_MAIN(TestSnapshot)
#include "tst_snapshot.moc"

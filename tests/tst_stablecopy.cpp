// Step 2 alone: copying the set until it is stable, and how each attempt is judged.
#include "testsupport.h"

#include "base/task.h"
#include "io/faults.h"
#include "snapshot/stablecopy.h"

#include <sqlitesnapshot/databasefiles.h>

#include <QDir>
#include <QFile>
#include <QTest>

#include <atomic>
#include <fcntl.h>
#include <sys/stat.h>
#include <thread>

using namespace sqlsnap;
using namespace testsupport;

namespace {

// Creates and deletes a -journal beside the database in a loop.
class JournalFlicker {
public:
    explicit JournalFlicker(const QString& journal) : m_path(QFile::encodeName(journal)) {
        m_thread = std::thread([this] {
            while (!m_stop) {
                int fd = ::open(m_path.constData(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
                if (fd >= 0) {
                    (void)!::write(fd, "\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0", 28);
                    ::close(fd);
                }
                ::unlink(m_path.constData());
            }
        });
    }
    ~JournalFlicker() {
        m_stop = true;
        m_thread.join();
    }

private:
    QByteArray m_path;
    std::atomic<bool> m_stop{false};
    std::thread m_thread;
};

} // namespace

class TestStableCopy : public QObject {
    Q_OBJECT
    QTemporaryDir m_tmp;

    QString fresh() { return freshFolder(m_tmp); }

private slots:
    void cleanup() { io::faults::clear(); }

    void quietDatabaseIsCopiedOnceAndComparedByContent() {
        const QString dir = fresh(), staging = fresh();
        const QString db = dir + QStringLiteral("/q.db");
        QVERIFY(runDbtool({QStringLiteral("make"), db, QStringLiteral("rollback"), QStringLiteral("1000")}));
        auto set = inspectDatabase(db);
        QVERIFY(set.ok());
        Task task(nullptr);
        auto staged = copyUntilStable(*set, staging, 5, true, task);
        QVERIFY(staged.ok());
        QCOMPARE(staged->attempts, 1);
        QVERIFY(staged->consistent);
        QCOMPARE(staged->rule, QStringLiteral("unchanged"));
        QFile a(db), b(staged->databasePath);
        QVERIFY(a.open(QIODevice::ReadOnly) && b.open(QIODevice::ReadOnly));
        QCOMPARE(a.readAll(), b.readAll());
        QVERIFY(!QFileInfo::exists(staged->databasePath + QStringLiteral("-shm")));
    }

    void growingWalIsStableWithinAGeneration() {
        const QString dir = fresh();
        const QString db = dir + QStringLiteral("/w.db");
        QVERIFY(runDbtool({QStringLiteral("make"), db, QStringLiteral("wal"), QStringLiteral("1000")}));
        Helper writer({QStringLiteral("writer"), db, QStringLiteral("wal"),
                       QStringLiteral("--autocheckpoint"), QStringLiteral("0")});
        QVERIFY(writer.ready());
        int walRule = 0;
        for (int i = 0; i < 20; ++i) {
            const QString staging = fresh();
            auto set = inspectDatabase(db);
            QVERIFY(set.ok());
            Task task(nullptr);
            auto staged = copyUntilStable(*set, staging, 100, true, task);
            QVERIFY2(staged.ok(), staged.ok() ? "" : qPrintable(staged.error().message));
            QCOMPARE(staged->attempts, 1); // no checkpoints, no restarts: every first attempt counts
            walRule += staged->rule == QStringLiteral("wal-generation") ? 1 : 0;
        }
        QCOMPARE(walRule, 20);
        QVERIFY(writer.finish().startsWith(QStringLiteral("commits=")));
    }

    void neverStableFailsWithStrict() {
        const QString dir = fresh(), staging = fresh();
        const QString db = dir + QStringLiteral("/n.db");
        QVERIFY(runDbtool({QStringLiteral("make"), db, QStringLiteral("rollback"), QStringLiteral("1000")}));
        // Every attempt's copy changes the mtime (the fault seam, in the copy itself): never stable, and
        // no background thread that a loaded machine could starve.
        touchOnEveryCopy(db);
        auto set = inspectDatabase(db);
        QVERIFY(set.ok());
        Task task(nullptr);
        auto strict = copyUntilStable(*set, staging, 4, true, task);
        QVERIFY(!strict.ok());
        QCOMPARE(strict.error().kind, ErrorKind::ChangedTooOften);
        QVERIFY(strict.error().message.contains(QStringLiteral("5 attempts")));

        const QString staging2 = fresh();
        auto lenient = copyUntilStable(*set, staging2, 4, false, task);
        QVERIFY(lenient.ok());
        QCOMPARE(lenient->attempts, 5);
        QVERIFY(!lenient->consistent);
    }

    void companionComingAndGoingIsAChangeNotACrash() {
        const QString dir = fresh();
        const QString db = dir + QStringLiteral("/f.db");
        QVERIFY(runDbtool({QStringLiteral("make"), db, QStringLiteral("rollback"), QStringLiteral("2000")}));
        JournalFlicker flicker(db + QStringLiteral("-journal"));
        for (int i = 0; i < 20; ++i) {
            const QString staging = fresh();
            auto set = inspectDatabase(db);
            QVERIFY(set.ok());
            Task task(nullptr);
            auto staged = copyUntilStable(*set, staging, 100, false, task);
            QVERIFY2(staged.ok(), staged.ok() ? "" : qPrintable(staged.error().message));
            // The flickering journal is never hot: whatever was copied, none is left to replay.
            QVERIFY(!QFileInfo::exists(staged->databasePath + QStringLiteral("-journal")));
        }
    }

    void unreadableCompanionIsAnError() {
        if (::geteuid() == 0)
            QSKIP("root reads every file; tst_cli covers this as an unprivileged user");
        const QString dir = fresh(), staging = fresh();
        const QString db = dir + QStringLiteral("/u.db");
        QVERIFY(runDbtool({QStringLiteral("make"), db, QStringLiteral("rollback"), QStringLiteral("10")}));
        QVERIFY(writeFile(db + QStringLiteral("-wal"), QByteArray(64, '\0')));
        QVERIFY(::chmod(QFile::encodeName(db + QStringLiteral("-wal")).constData(), 0) == 0);
        auto set = inspectDatabase(db);
        QVERIFY(!set.ok());
        QCOMPARE(set.error().kind, ErrorKind::Unreadable);
    }
};

QTEST_GUILESS_MAIN(TestStableCopy)
#include "tst_stablecopy.moc"

// Injected faults against real files: failing, interrupted and short system calls in the copy layer,
// and the file system changing under the copy (source deleted, truncated, replaced; companions
// appearing; the destination folder removed or made read-only). Each ends in a clear error or a
// correct snapshot, with no partial DEST, nothing left in staging, and the source untouched.
#include "testsupport.h"

#include "io/faults.h"

#include <sqlitesnapshot/snapshot.h>

#include <QDir>
#include <QFile>
#include <QTest>

using namespace sqlsnap;
using namespace testsupport;
namespace faults = sqlsnap::io::faults;

namespace {
QString message(const Expected<SnapshotResult>& r) {
    return r.ok() ? QString() : r.error().message;
}
} // namespace

class TestFaults : public QObject {
    Q_OBJECT
    QTemporaryDir m_tmp;
    QString m_src, m_db, m_out;
    QMap<QString, QByteArray> m_before;

    // Nothing but the expected files in the destination folder, nothing staged in the temp folder.
    void checkClean(const QStringList& allowed) {
        QStringList left = folderEntries(m_out);
        for (const QString& a : allowed)
            left.removeAll(a);
        QVERIFY2(left.isEmpty(), qPrintable(left.join(QStringLiteral(", "))));
    }

private slots:
    void init() {
        faults::clear();
        m_src = freshFolder(m_tmp, QStringLiteral("src"));
        m_out = freshFolder(m_tmp, QStringLiteral("out"));
        m_db = m_src + QStringLiteral("/bank.db");
        QVERIFY(
            runDbtool({QStringLiteral("make"), m_db, QStringLiteral("rollback"), QStringLiteral("20000")}));
        m_before = folderBytes(m_src);
    }
    void cleanup() { faults::clear(); }

    void failingCalls_data() {
        QTest::addColumn<int>("call");
        QTest::addColumn<QString>("path"); // which file the fault hits
        QTest::addColumn<int>("error");
        QTest::addColumn<int>("kind");
        QTest::addColumn<QString>("says");
        QTest::newRow("EIO reading the source")
            << int(faults::Call::CopyFileRange) << QStringLiteral("bank.db") << EIO << int(ErrorKind::IoError)
            << QStringLiteral("Input/output error");
        QTest::newRow("ENOSPC writing the copy")
            << int(faults::Call::CopyFileRange) << QStringLiteral("bank.db") << ENOSPC
            << int(ErrorKind::DiskFull) << QStringLiteral("No space left on device");
        QTest::newRow("EIO flushing the result") << int(faults::Call::Fsync) << QString() << EIO
                                                 << int(ErrorKind::IoError) << QStringLiteral("cannot flush");
    }
    void failingCalls() {
        QFETCH(int, call);
        QFETCH(QString, path);
        QFETCH(int, error);
        QFETCH(int, kind);
        QFETCH(QString, says);
        faults::inject({faults::Call(call), path, 0, -1, error, 0, {}});
        auto r = takeSnapshot(m_db, m_out + QStringLiteral("/s.db"), {});
        QVERIFY(!r);
        QVERIFY2(int(r.error().kind) == kind, qPrintable(r.error().message));
        QVERIFY2(r.error().message.contains(says, Qt::CaseInsensitive), qPrintable(r.error().message));
        QVERIFY(!r.error().message.contains(QLatin1Char('\n')));
        QVERIFY(faults::injectedCount() > 0);
        checkClean({});
        QCOMPARE(folderBytes(m_src), m_before);
    }

    void interruptedAndShortCallsStillCopyEverything_data() {
        QTest::addColumn<int>("call");
        QTest::addColumn<int>("error");
        QTest::addColumn<qint64>("maxBytes");
        QTest::addColumn<bool>("noCopyFileRange"); // EXDEV: the read/write fallback is used
        QTest::newRow("EINTR on copy_file_range")
            << int(faults::Call::CopyFileRange) << EINTR << qint64(0) << false;
        QTest::newRow("short copy_file_range")
            << int(faults::Call::CopyFileRange) << 0 << qint64(3000) << false;
        QTest::newRow("fallback: EINTR on read") << int(faults::Call::Read) << EINTR << qint64(0) << true;
        QTest::newRow("fallback: short reads") << int(faults::Call::Read) << 0 << qint64(777) << true;
        QTest::newRow("fallback: short writes") << int(faults::Call::Write) << 0 << qint64(1000) << true;
    }
    void interruptedAndShortCallsStillCopyEverything() {
        QFETCH(int, call);
        QFETCH(int, error);
        QFETCH(qint64, maxBytes);
        QFETCH(bool, noCopyFileRange);
        if (noCopyFileRange)
            faults::inject({faults::Call::CopyFileRange, QStringLiteral("bank.db"), 0, -1, EXDEV, 0, {}});
        // Reads are of the source; writes are of the staged copy.
        const QString path = faults::Call(call) == faults::Call::Write ? QStringLiteral("snapshot.db")
                                                                       : QStringLiteral("bank.db");
        faults::inject({faults::Call(call), path, 0, 50, error, maxBytes, {}});
        auto r = takeSnapshot(m_db, m_out + QStringLiteral("/s.db"), {});
        QVERIFY2(r, qPrintable(message(r)));
        QVERIFY(faults::injectedCount() > 1);
        const BankState bank = readBank(m_out + QStringLiteral("/s.db"));
        QVERIFY2(bank.problem().isEmpty(), qPrintable(bank.problem()));
        QCOMPARE(bank.logRows, qint64(20000));
        checkClean({QStringLiteral("s.db")});
        QCOMPARE(folderBytes(m_src), m_before);
    }

    void fallbackReadErrorIsClear() {
        faults::inject({faults::Call::CopyFileRange, QStringLiteral("bank.db"), 0, -1, EXDEV, 0, {}});
        // The first read fails: a copy now stops at the size the file had when it began (no read past
        // it), so a later read may never come for a small database.
        faults::inject({faults::Call::Read, QStringLiteral("bank.db"), 0, -1, EIO, 0, {}});
        auto r = takeSnapshot(m_db, m_out + QStringLiteral("/s.db"), {});
        QVERIFY(!r);
        QCOMPARE(r.error().kind, ErrorKind::IoError);
        QVERIFY2(r.error().message.contains(QStringLiteral("cannot read")), qPrintable(r.error().message));
        checkClean({});
    }

    void sourceDeletedMidCopy() {
        faults::inject({faults::Call::CopyFileRange, QStringLiteral("bank.db"), 0, 1, 0, 0,
                        [this] { QFile::remove(m_db); }});
        auto r = takeSnapshot(m_db, m_out + QStringLiteral("/s.db"), {});
        QVERIFY(!r);
        QCOMPARE(r.error().kind, ErrorKind::SourceMissing);
        QVERIFY2(r.error().message.contains(m_db), qPrintable(r.error().message));
        checkClean({});
    }

    void sourceTruncatedMidCopy() {
        // Cut to half its size while the first chunk is copied: a change, so the copy is retried; every
        // later attempt sees a database shorter than its header says, which is reported, not published.
        faults::inject({faults::Call::CopyFileRange, QStringLiteral("bank.db"), 0, 1, 0, 0,
                        [this] { QFile(m_db).resize(QFileInfo(m_db).size() / 2); }});
        auto r = takeSnapshot(m_db, m_out + QStringLiteral("/s.db"), {});
        QVERIFY(!r);
        QVERIFY2(r.error().kind == ErrorKind::Corrupt || r.error().kind == ErrorKind::NotADatabase,
                 qPrintable(r.error().message));
        QVERIFY2(r.error().message.contains(QStringLiteral("truncated")), qPrintable(r.error().message));
        checkClean({});
    }

    void sourceReplacedMidCopy() {
        // Another database renamed over the source while it is copied: the snapshot is of one of the
        // two, whole — here the new one, since the copy retries after seeing the change.
        const QString other = m_src + QStringLiteral("/other.db");
        QVERIFY(
            runDbtool({QStringLiteral("make"), other, QStringLiteral("rollback"), QStringLiteral("500")}));
        faults::inject({faults::Call::CopyFileRange, QStringLiteral("bank.db"), 0, 1, 0, 0, [this, other] {
                            QVERIFY(::rename(QFile::encodeName(other), QFile::encodeName(m_db)) == 0);
                        }});
        auto r = takeSnapshot(m_db, m_out + QStringLiteral("/s.db"), {});
        QVERIFY2(r, qPrintable(message(r)));
        QVERIFY(r->copyAttempts >= 2);
        const BankState bank = readBank(m_out + QStringLiteral("/s.db"));
        QVERIFY2(bank.problem().isEmpty(), qPrintable(bank.problem()));
        QCOMPARE(bank.logRows, qint64(500));
    }

    void companionAppearsMidCopy() {
        // A hot journal shows up while the main file is copied (a writer started a transaction):
        // the set changed, so the copy is retried with the journal; the snapshot rolls it back.
        const QString stash = m_tmp.filePath(QStringLiteral("stash"));
        QDir().mkpath(stash);
        const QString crashed = stash + QStringLiteral("/bank.db");
        {
            Helper writer({QStringLiteral("crash"), crashed});
            QVERIFY(writer.ready());
            writer.kill();
        }
        faults::inject({faults::Call::CopyFileRange, QStringLiteral("bank.db"), 0, 1, 0, 0, [this, crashed] {
                            QFile::remove(m_db);
                            QFile::copy(crashed, m_db);
                            QFile::copy(crashed + QStringLiteral("-journal"),
                                        m_db + QStringLiteral("-journal"));
                        }});
        auto r = takeSnapshot(m_db, m_out + QStringLiteral("/s.db"), {});
        QVERIFY2(r, qPrintable(message(r)));
        QVERIFY(r->copyAttempts >= 2);
        const BankState bank = readBank(m_out + QStringLiteral("/s.db"));
        QVERIFY2(bank.problem().isEmpty(), qPrintable(bank.problem()));
        QCOMPARE(bank.account1, 1000); // the killed transaction is rolled back
        checkClean({QStringLiteral("s.db")});
    }

    void destinationFolderRemovedMidCopy() {
        faults::inject({faults::Call::CopyFileRange, QStringLiteral("bank.db"), 0, 1, 0, 0,
                        [this] { QDir(m_out).removeRecursively(); }});
        auto r = takeSnapshot(m_db, m_out + QStringLiteral("/s.db"), {});
        QVERIFY(!r);
        QVERIFY2(!r.error().message.isEmpty() && !r.error().message.contains(QLatin1Char('\n')),
                 qPrintable(r.error().message));
        QVERIFY(!QFileInfo::exists(m_out)); // nothing recreated
        QCOMPARE(folderBytes(m_src), m_before);
    }

    void destinationMadeReadOnlyMidCopy() {
        ScratchMount mount(m_out, QStringLiteral("size=64m"));
        if (!mount.ok())
            QSKIP("cannot mount a tmpfs here (needs root)");
        faults::inject({faults::Call::Fsync, QString(), 0, 1, 0, 0, [this] {
                            QProcess::execute(QStringLiteral("mount"),
                                              {QStringLiteral("-o"), QStringLiteral("remount,ro"), m_out});
                        }});
        auto r = takeSnapshot(m_db, m_out + QStringLiteral("/s.db"), {});
        QVERIFY(!r);
        QVERIFY2(r.error().kind == ErrorKind::PermissionDenied || r.error().kind == ErrorKind::IoError,
                 qPrintable(r.error().message));
        QVERIFY(!QFileInfo::exists(m_out + QStringLiteral("/s.db")));
        QProcess::execute(QStringLiteral("mount"),
                          {QStringLiteral("-o"), QStringLiteral("remount,rw"), m_out});
        // A read-only file system cannot have the staging folder removed from it: that is all that
        // may be left (private, 0700), never a file named like the destination.
        for (const QString& left : folderEntries(m_out))
            QVERIFY2(left.startsWith(QStringLiteral(".sqlite-snapshot-")), qPrintable(left));
        qInfo("left on the read-only file system: %s",
              qPrintable(folderEntries(m_out).join(QStringLiteral(", "))));
        QCOMPARE(folderBytes(m_src), m_before);
    }
};

QTEST_GUILESS_MAIN(TestFaults)
#include "tst_faults.moc"

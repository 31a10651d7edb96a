// Verifying a snapshot again (verifySnapshot: good, damaged, not a database, missing, not
// self-contained, cancelled; the file's bytes and mtime unchanged) and the record of verifications
// (used after a "restart", ignored once the file changed or was replaced, never beside the snapshot).
#include "testsupport.h"

#include <sqlitesnapshot/snapshot.h>
#include <sqlitesnapshot/verification.h>

#include <QCryptographicHash>
#include <QFile>
#include <QFileInfo>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTest>

#include <sys/stat.h>

#include <thread>

using namespace sqlsnap;
using namespace testsupport;

namespace {
QString sha256Hex(const QString& path) {
    QFile f(path);
    return f.open(QIODevice::ReadOnly)
               ? QString::fromLatin1(
                     QCryptographicHash::hash(f.readAll(), QCryptographicHash::Sha256).toHex())
               : QString();
}

qint64 mtimeNs(const QString& path) {
    struct stat st {};
    if (::stat(QFile::encodeName(path).constData(), &st) != 0)
        return -1;
    return qint64(st.st_mtim.tv_sec) * 1000000000 + st.st_mtim.tv_nsec;
}

QByteArray bytesOf(const QString& path) {
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

// Cancels once the engine reports `phase`.
class CancelAt : public CancelFlag {
public:
    explicit CancelAt(Phase phase) : m_phase(phase) {}
    void report(const Progress& p) override {
        phases << p.phase;
        if (p.phase == m_phase)
            cancel();
    }
    QList<Phase> phases;

private:
    Phase m_phase;
};
} // namespace

class TestVerify : public QObject {
    Q_OBJECT
    QTemporaryDir m_tmp;
    QString m_good; // a small snapshot: a table and an index

    QString copyOfGood(const QString& name) {
        const QString path = freshFolder(m_tmp) + QLatin1Char('/') + name;
        return QFile::copy(m_good, path) ? path : QString();
    }

private slots:
    void initTestCase() {
        m_good = m_tmp.filePath(QStringLiteral("good.sqlite"));
        QVERIFY(execSql(
            m_good,
            QStringLiteral("PRAGMA page_size=1024; CREATE TABLE t(id INTEGER PRIMARY KEY, v TEXT);"
                           "CREATE INDEX t_v ON t(v);"
                           "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 5000)"
                           " INSERT INTO t SELECT i, printf('value %08d', i) FROM n;")));
    }

    void goodSnapshot() {
        const QString path = copyOfGood(QStringLiteral("a.sqlite"));
        const QByteArray before = bytesOf(path);
        const qint64 mtime = mtimeNs(path);
        const QStringList entries = folderEntries(QFileInfo(path).absolutePath());
        CancelAt sink(Phase::Done); // records the phases; cancelling at Done changes nothing
        auto v = verifySnapshot(path, &sink);
        QVERIFY2(v, v ? "" : qPrintable(v.error().message));
        QVERIFY(v->integrity.ok());
        QCOMPARE(v->sha256, sha256Hex(path));
        QCOMPARE(v->bytes, before.size());
        QCOMPARE(v->path, QFileInfo(path).canonicalFilePath());
        QVERIFY(qAbs(v->checkedAt.secsTo(QDateTime::currentDateTimeUtc())) < 60);
        QVERIFY(sink.phases.contains(Phase::Verifying));
        QVERIFY(sink.phases.contains(Phase::Hashing));
        // Read only: the same bytes, the same mtime, nothing created beside it (no -journal, no -shm).
        QCOMPARE(bytesOf(path), before);
        QCOMPARE(mtimeNs(path), mtime);
        QCOMPARE(folderEntries(QFileInfo(path).absolutePath()), entries);
    }

    void readOnlyFileVerifies() {
        const QString path = copyOfGood(QStringLiteral("ro.sqlite"));
        QVERIFY(QFile::setPermissions(path, QFile::ReadOwner));
        auto v = verifySnapshot(path);
        QVERIFY2(v, v ? "" : qPrintable(v.error().message));
        QVERIFY(v->integrity.ok());
    }

    void damagedPageIsAVerdict_data() {
        QTest::addColumn<int>("from");
        QTest::addColumn<int>("length");
        QTest::addColumn<bool>("pattern");
        // Page 20 (1 KiB pages), one of the table's or the index's, overwritten with a pattern: SQLite
        // cannot even walk it ("malformed").
        QTest::newRow("page overwritten") << 19 * 1024 << 1024 << true;
        // Cells of page 41 zeroed, its header intact: integrity_check lists what it found.
        QTest::newRow("cells zeroed") << 40 * 1024 + 300 << 500 << false;
    }
    void damagedPageIsAVerdict() {
        QFETCH(int, from);
        QFETCH(int, length);
        QFETCH(bool, pattern);
        const QString path = copyOfGood(QStringLiteral("damaged.sqlite"));
        QByteArray bytes = bytesOf(path);
        QVERIFY(bytes.size() > 48 * 1024);
        for (int i = from; i < from + length; ++i)
            bytes[i] = pattern ? char(0x5A ^ (i & 0xFF)) : '\0';
        QVERIFY(writeFile(path, bytes));
        const qint64 mtime = mtimeNs(path);
        auto v = verifySnapshot(path);
        QVERIFY2(v, v ? "" : qPrintable(v.error().message));
        QVERIFY(!v->integrity.ok());
        QVERIFY(!v->integrity.report.isEmpty());
        QVERIFY(!v->integrity.report.contains(QLatin1Char('\n')));
        QVERIFY2(!v->integrity.report.contains(QStringLiteral("immutable")) &&
                     !v->integrity.report.contains(QStringLiteral("***")),
                 qPrintable(v->integrity.report));
        qInfo("verdict: %s", qPrintable(v->integrity.report.left(120)));
        QCOMPARE(v->sha256, sha256Hex(path)); // the bytes are still hashed: what was found damaged
        QCOMPARE(bytesOf(path), bytes);
        QCOMPARE(mtimeNs(path), mtime);
    }

    void errors_data() {
        QTest::addColumn<QString>("name");
        QTest::addColumn<QByteArray>("content"); // empty: no file
        QTest::addColumn<int>("kind");
        QTest::addColumn<QString>("says");
        QTest::newRow("missing") << "missing.sqlite" << QByteArray() << int(ErrorKind::SourceMissing)
                                 << "no such file";
        QTest::newRow("text file") << "notes.txt" << QByteArray("just some text, not a database\n")
                                   << int(ErrorKind::NotADatabase) << "not";
        QTest::newRow("empty") << "empty.sqlite" << QByteArray("") << int(ErrorKind::NotADatabase) << "";
    }
    void errors() {
        QFETCH(QString, name);
        QFETCH(QByteArray, content);
        QFETCH(int, kind);
        QFETCH(QString, says);
        const QString path = freshFolder(m_tmp) + QLatin1Char('/') + name;
        if (name != QLatin1String("missing.sqlite"))
            QVERIFY(writeFile(path, content));
        auto v = verifySnapshot(path);
        QVERIFY(!v);
        QCOMPARE(int(v.error().kind), kind);
        QVERIFY2(v.error().message.contains(says, Qt::CaseInsensitive), qPrintable(v.error().message));
        QVERIFY(v.error().message.contains(name));
        QVERIFY(!v.error().message.contains(QLatin1Char('\n')));
    }

    void directoryIsNotASnapshot() {
        auto v = verifySnapshot(freshFolder(m_tmp));
        QVERIFY(!v);
        QCOMPARE(v.error().kind, ErrorKind::NotADatabase);
    }

    void needsItsCompanionsIsRefused() {
        const QString path = copyOfGood(QStringLiteral("live.db"));
        QVERIFY(writeFile(path + QStringLiteral("-journal"), QByteArray(512, '\0')));
        auto v = verifySnapshot(path);
        QVERIFY(!v);
        QCOMPARE(v.error().kind, ErrorKind::InvalidArgument);
        QVERIFY(v.error().message.contains(QStringLiteral("self-contained")));
    }

    void cancelled_data() {
        QTest::addColumn<int>("phase");
        QTest::newRow("checking") << int(Phase::Verifying);
        QTest::newRow("hashing") << int(Phase::Hashing);
    }
    void cancelled() {
        QFETCH(int, phase);
        const QString path = copyOfGood(QStringLiteral("c.sqlite"));
        const QByteArray before = bytesOf(path);
        CancelAt sink{Phase(phase)};
        auto v = verifySnapshot(path, &sink);
        QVERIFY(!v);
        QCOMPARE(v.error().kind, ErrorKind::Cancelled);
        QCOMPARE(v.error().message, QStringLiteral("cancelled"));
        QCOMPARE(bytesOf(path), before);
    }

    // The check reports the pages it has read, and a sink without a token (as the CLI's: a signal flag)
    // stops it in the middle of SQLite's b-tree walk, which is one VM step where no progress handler
    // runs: a file of overflow pages is almost nothing but that walk.
    void checkReportsPagesAndStopsForAPolledSink() {
        const QString big = m_tmp.filePath(QStringLiteral("blobs.sqlite"));
        QVERIFY(execSql(
            big,
            QStringLiteral("CREATE TABLE b(x BLOB);"
                           "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 128)"
                           " INSERT INTO b SELECT randomblob(1048576) FROM n;")));
        struct Polled : ProgressSink {
            std::atomic<bool> stop{false};
            bool cancelOnPages = false;
            qint64 pagesDone = 0, pagesTotal = 0;
            bool hashed = false;
            void report(const Progress& p) override {
                if (p.phase == Phase::Verifying && p.pagesDone > 0) {
                    pagesDone = p.pagesDone;
                    pagesTotal = p.pagesTotal;
                    stop = stop || cancelOnPages;
                }
                hashed = hashed || p.phase == Phase::Hashing;
            }
            bool isCancelled() const override { return stop.load(); }
        };
        Polled whole;
        QVERIFY(verifySnapshot(big, &whole));
        QVERIFY(whole.pagesTotal > 128 * 250); // 4 KiB pages
        QVERIFY2(whole.pagesDone > whole.pagesTotal / 2, qPrintable(QString::number(whole.pagesDone)));
        QVERIFY(whole.pagesDone <= whole.pagesTotal);

        Polled stopped;
        stopped.cancelOnPages = true; // at the first 4 MiB read
        auto v = verifySnapshot(big, &stopped);
        QVERIFY(!v);
        QCOMPARE(v.error().kind, ErrorKind::Cancelled);
        QVERIFY2(!stopped.hashed, "the integrity check ran to its end");
        QVERIFY(stopped.pagesDone < stopped.pagesTotal / 4);
    }

    void recordUsedAfterRestart() {
        const QString path = copyOfGood(QStringLiteral("r.sqlite"));
        const QString records = freshFolder(m_tmp, QStringLiteral("data")) + QStringLiteral("/v.json");
        const QStringList entries = folderEntries(QFileInfo(path).absolutePath());
        auto v = verifySnapshot(path);
        QVERIFY(v);
        QVERIFY(!VerificationRecords::load(records).find(path));
        QVERIFY(VerificationRecords::remember(*v, records));
        // A "restart": nothing in memory, the records read again from their file.
        const auto found = VerificationRecords::load(records).find(path);
        QVERIFY(found);
        QCOMPARE(found->sha256, v->sha256);
        QCOMPARE(found->integrity.report, QStringLiteral("ok"));
        QCOMPARE(found->checkedAt, v->checkedAt);
        QCOMPARE(found->bytes, v->bytes);
        // Found by another name of the same file (a symbolic link), never written beside the snapshot.
        const QString link = m_tmp.filePath(QStringLiteral("link-to-r.sqlite"));
        QVERIFY(QFile::link(path, link));
        QVERIFY(VerificationRecords::load(records).find(link));
        QCOMPARE(folderEntries(QFileInfo(path).absolutePath()), entries);
        const QJsonObject root = QJsonDocument::fromJson(bytesOf(records)).object();
        QCOMPARE(root.value(QStringLiteral("version")).toInt(), 1);
    }

    void recordIgnoredOnceTheFileChanged_data() {
        QTest::addColumn<QString>("change");
        QTest::newRow("touched") << "touch";
        QTest::newRow("rewritten, same bytes") << "rewrite";
        QTest::newRow("replaced by rename") << "replace";
    }
    void recordIgnoredOnceTheFileChanged() {
        QFETCH(QString, change);
        const QString path = copyOfGood(QStringLiteral("x.sqlite"));
        const QString records = freshFolder(m_tmp, QStringLiteral("data")) + QStringLiteral("/v.json");
        auto v = verifySnapshot(path);
        QVERIFY(v);
        QVERIFY(VerificationRecords::remember(*v, records));
        QVERIFY(VerificationRecords::load(records).find(path));
        const QByteArray bytes = bytesOf(path);
        if (change == QLatin1String("touch")) {
            QVERIFY(QProcess::execute(QStringLiteral("touch"),
                                      {QStringLiteral("-d"), QStringLiteral("2001-01-01"), path}) == 0);
        } else if (change == QLatin1String("rewrite")) {
            const qint64 mtime = mtimeNs(path);
            QVERIFY(writeFile(path, bytes));
            while (mtimeNs(path) == mtime) // a coarse clock: write again until the mtime moves
                QVERIFY(writeFile(path, bytes));
        } else {
            const QString other = path + QStringLiteral(".new");
            QVERIFY(writeFile(other, bytes));
            QVERIFY(::rename(QFile::encodeName(other).constData(), QFile::encodeName(path).constData()) == 0);
        }
        QCOMPARE(bytesOf(path), bytes);
        QVERIFY(!VerificationRecords::load(records).find(path));
        // The next remember() drops the stale record; the file stays small.
        QVERIFY(
            VerificationRecords::remember(*verifySnapshot(copyOfGood(QStringLiteral("y.sqlite"))), records));
        QCOMPARE(VerificationRecords::load(records).size(), 1);
    }

    void concurrentWritersLoseNothing() {
        const QString records = freshFolder(m_tmp, QStringLiteral("data")) + QStringLiteral("/v.json");
        QList<Verification> done;
        for (int i = 0; i < 8; ++i) {
            auto v = verifySnapshot(copyOfGood(QStringLiteral("w%1.sqlite").arg(i)));
            QVERIFY(v);
            done << *v;
        }
        std::thread a([&] {
            for (int i = 0; i < 8; i += 2)
                VerificationRecords::remember(done[i], records);
        });
        std::thread b([&] {
            for (int i = 1; i < 8; i += 2)
                VerificationRecords::remember(done[i], records);
        });
        a.join();
        b.join();
        const auto loaded = VerificationRecords::load(records);
        QCOMPARE(loaded.size(), 8);
        for (const Verification& v : done)
            QVERIFY(loaded.find(v.path));
    }

    void unreadableRecordsAreNone() {
        const QString records = freshFolder(m_tmp, QStringLiteral("data")) + QStringLiteral("/v.json");
        QVERIFY(writeFile(records, "{ not json"));
        QCOMPARE(VerificationRecords::load(records).size(), 0);
        auto v = verifySnapshot(copyOfGood(QStringLiteral("z.sqlite")));
        QVERIFY(VerificationRecords::remember(*v, records)); // replaces what cannot be read
        QCOMPARE(VerificationRecords::load(records).size(), 1);
    }

    void snapshotsVerificationIsARecord() {
        const QString dest = freshFolder(m_tmp) + QStringLiteral("/s.sqlite");
        SnapshotOptions options;
        options.verify = true;
        auto result = takeSnapshot(m_good, dest, options);
        QVERIFY(result);
        const auto v = verificationOf(*result);
        QVERIFY(v);
        QCOMPARE(v->sha256, sha256Hex(dest));
        QCOMPARE(v->path, QFileInfo(dest).canonicalFilePath());
        QCOMPARE(v->identity, *fileIdentity(dest));
        options.verify = false;
        auto unverified = takeSnapshot(m_good, dest + QStringLiteral("2"), options);
        QVERIFY(unverified);
        QVERIFY(!verificationOf(*unverified));
    }
};

QTEST_GUILESS_MAIN(TestVerify)
#include "tst_verify.moc"

// `sqlite-snapshot-cli verify` through real processes: text and JSON, the exit codes (0 intact, 5
// damaged, 1 an error, 2 usage, 130 SIGINT), the file unchanged, and the record it leaves in the user's
// data folder — read by the next process, never beside the snapshot.
#include "testsupport.h"

#include <sqlitesnapshot/verification.h>

#include <QCryptographicHash>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>

#include <csignal>
#include <sys/stat.h>
#include <unistd.h>

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

QByteArray bytesOf(const QString& path) {
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

qint64 mtimeNs(const QString& path) {
    struct stat st {};
    if (::stat(QFile::encodeName(path).constData(), &st) != 0)
        return -1;
    return qint64(st.st_mtim.tv_sec) * 1000000000 + st.st_mtim.tv_nsec;
}
} // namespace

class TestCliVerify : public QObject {
    Q_OBJECT
    QTemporaryDir m_tmp;
    QString m_good, m_damaged;

    QString records() const { return VerificationRecords::defaultFile(); }

private slots:
    void initTestCase() {
        // The CLI runs with this environment: its records go to the test's data folder.
        qputenv("XDG_DATA_HOME", QFile::encodeName(m_tmp.filePath(QStringLiteral("data"))));
        QVERIFY(records().startsWith(m_tmp.path()));
        const QString folder = freshFolder(m_tmp, QStringLiteral("snapshots"));
        m_good = folder + QStringLiteral("/good.sqlite");
        QVERIFY(execSql(
            m_good,
            QStringLiteral("PRAGMA page_size=1024; CREATE TABLE t(id INTEGER PRIMARY KEY, v TEXT);"
                           "CREATE INDEX t_v ON t(v);"
                           "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 3000)"
                           " INSERT INTO t SELECT i, printf('v%06d', i) FROM n;")));
        m_damaged = folder + QStringLiteral("/damaged.sqlite");
        QByteArray bytes = bytesOf(m_good);
        for (int i = 9 * 1024; i < 10 * 1024; ++i)
            bytes[i] = char(0xA5 ^ (i & 0x7F));
        QVERIFY(writeFile(m_damaged, bytes));
    }

    void intactSnapshot() {
        const QByteArray before = bytesOf(m_good);
        const qint64 mtime = mtimeNs(m_good);
        const QStringList entries = folderEntries(QFileInfo(m_good).absolutePath());
        const CliRun r = cli({QStringLiteral("verify"), m_good});
        QCOMPARE(r.exitCode, 0);
        QVERIFY2(r.err.isEmpty(), r.err.constData());
        QVERIFY2(r.out.startsWith((m_good + QStringLiteral(": ok\n")).toUtf8()), r.out.constData());
        QVERIFY(r.out.contains("SHA-256 " + sha256Hex(m_good).toUtf8()));
        QCOMPARE(bytesOf(m_good), before);
        QCOMPARE(mtimeNs(m_good), mtime);
        QCOMPARE(folderEntries(QFileInfo(m_good).absolutePath()), entries);
        // Remembered for the next process (the app, #16's history): found by a new load.
        const auto found = VerificationRecords::load(records()).find(m_good);
        QVERIFY(found);
        QCOMPARE(found->sha256, sha256Hex(m_good));
        QVERIFY(found->integrity.ok());
    }

    void jsonForSeveralAndTheExitCodes() {
        const QString missing = m_tmp.filePath(QStringLiteral("gone.sqlite"));
        // Damaged: exit 5, the verdict on stdout, nothing on stderr.
        CliRun r = cli({QStringLiteral("verify"), m_good, m_damaged, QStringLiteral("--json")});
        QCOMPARE(r.exitCode, 5);
        QVERIFY2(r.err.isEmpty(), r.err.constData());
        QJsonObject doc = r.json();
        QCOMPARE(doc.value(QStringLiteral("ok")).toBool(true), false);
        const QJsonArray list = doc.value(QStringLiteral("snapshots")).toArray();
        QCOMPARE(list.size(), 2);
        QCOMPARE(list[0][QStringLiteral("ok")].toBool(), true);
        QCOMPARE(list[0][QStringLiteral("integrity")].toString(), QStringLiteral("ok"));
        QCOMPARE(list[0][QStringLiteral("sha256")].toString(), sha256Hex(m_good));
        QCOMPARE(qint64(list[0][QStringLiteral("bytes")].toDouble()), QFileInfo(m_good).size());
        QVERIFY(QDateTime::fromString(list[0][QStringLiteral("checked_at")].toString(), Qt::ISODateWithMs)
                    .isValid());
        QCOMPARE(list[1][QStringLiteral("ok")].toBool(true), false);
        QVERIFY(!list[1][QStringLiteral("integrity")].toString().isEmpty());
        QVERIFY(list[1][QStringLiteral("error")].isNull());
        QCOMPARE(list[1][QStringLiteral("sha256")].toString(), sha256Hex(m_damaged));
        const auto remembered = VerificationRecords::load(records()).find(m_damaged);
        QVERIFY(remembered && !remembered->integrity.ok());

        // A missing file: exit 1, its one error line, and the others still verified.
        r = cli({QStringLiteral("verify"), missing, m_good, QStringLiteral("--json")});
        QCOMPARE(r.exitCode, 1);
        expectOneError(r, 1, QStringLiteral("no such file"));
        doc = r.json();
        QCOMPARE(doc.value(QStringLiteral("snapshots")).toArray().size(), 2);
        QCOMPARE(doc.value(QStringLiteral("snapshots"))[0][QStringLiteral("error")][QStringLiteral("kind")]
                     .toString(),
                 QStringLiteral("source_missing"));
        QCOMPARE(doc.value(QStringLiteral("snapshots"))[1][QStringLiteral("ok")].toBool(), true);

        // Damaged in text: said on stdout.
        r = cli({QStringLiteral("verify"), m_damaged});
        QCOMPARE(r.exitCode, 5);
        QVERIFY2(r.out.contains(": DAMAGED: "), r.out.constData());
    }

    void notADatabase() {
        const QString text = m_tmp.filePath(QStringLiteral("notes.txt"));
        QVERIFY(writeFile(text, "not a database at all\n"));
        expectOneError(cli({QStringLiteral("verify"), text}), 1, QStringLiteral("notes.txt"));
    }

    void noRecordLeavesNone() {
        const QString copy = freshFolder(m_tmp) + QStringLiteral("/unrecorded.sqlite");
        QVERIFY(QFile::copy(m_good, copy));
        QCOMPARE(cli({QStringLiteral("verify"), copy, QStringLiteral("--no-record")}).exitCode, 0);
        QVERIFY(!VerificationRecords::load(records()).find(copy));
    }

    void usage() {
        expectOneError(cli({QStringLiteral("verify")}), 2, QStringLiteral("missing argument"));
        expectOneError(cli({QStringLiteral("verify"), m_good, QStringLiteral("--bogus")}), 2,
                       QStringLiteral("unknown option"));
        const CliRun help = cli({QStringLiteral("verify"), QStringLiteral("--help")});
        QCOMPARE(help.exitCode, 0);
        QVERIFY(help.out.contains("SNAPSHOT..."));
        QVERIFY(cli({QStringLiteral("--help")}).out.contains("verify SNAPSHOT..."));
    }

    // SIGINT while a big snapshot is checked or hashed: exit 130, exactly `error: cancelled`, no record.
    void interrupted() {
        const QString big = freshFolder(m_tmp) + QStringLiteral("/big.sqlite");
        QVERIFY(execSql(
            big,
            QStringLiteral("CREATE TABLE b(x BLOB);"
                           "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 256)"
                           " INSERT INTO b SELECT randomblob(1048576) FROM n;")));
        QProcess p;
        p.start(cliPath(), {QStringLiteral("verify"), big});
        QVERIFY(p.waitForStarted());
        // Once it has the snapshot open, it is verifying (its signal handlers are long installed).
        const auto hasOpen = [&] {
            const QDir fds(QStringLiteral("/proc/%1/fd").arg(p.processId()));
            for (const QFileInfo& fd :
                 fds.entryInfoList(QDir::AllEntries | QDir::System | QDir::NoDotAndDotDot))
                if (fd.symLinkTarget() == big)
                    return true;
            return false;
        };
        // Generous: under AddressSanitizer with the suite beside it, starting took 20 s once.
        QTRY_VERIFY_WITH_TIMEOUT(hasOpen(), 90000);
        ::kill(pid_t(p.processId()), SIGINT);
        QVERIFY(p.waitForFinished(60000));
        const QString err = QString::fromUtf8(p.readAllStandardError());
        QCOMPARE(p.exitCode(), 130);
        QCOMPARE(err.split(QLatin1Char('\n'), Qt::SkipEmptyParts),
                 QStringList{QStringLiteral("error: cancelled")});
        QVERIFY(!VerificationRecords::load(records()).find(big));
    }
};

QTEST_GUILESS_MAIN(TestCliVerify)
#include "tst_cliverify.moc"

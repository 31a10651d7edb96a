// Hostile inputs and contract gaps of sqlite-snapshot-cli (the correctness round), end to end through
// real processes: companions that are devices or FIFOs, names at NAME_MAX, descriptor and file-size
// limits, kill -9 leftovers, special files at DEST, bad encodings, conflicting options, full stdout.
// Every failure must be one `error:` line with the documented exit code, and never name a staging path.
//
// SQLSNAP_TEST_CLI=/path/to/old/sqlite-snapshot-cli runs these against another build.
#include "testsupport.h"

#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>
#include <QTest>

#include <csignal>
#include <fcntl.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <unistd.h>

using namespace testsupport;

namespace {

QString stagingIn(const QString& dir) {
    for (const QString& name : folderEntries(dir))
        if (name.startsWith(QStringLiteral(".sqlite-snapshot-")))
            return dir + QLatin1Char('/') + name;
    return {};
}

bool makeSocket(const QString& path) {
    const int fd = ::socket(AF_UNIX, SOCK_STREAM, 0);
    sockaddr_un address{};
    address.sun_family = AF_UNIX;
    const QByteArray name = QFile::encodeName(path);
    if (fd < 0 || size_t(name.size()) >= sizeof address.sun_path)
        return false;
    std::memcpy(address.sun_path, name.constData(), size_t(name.size()));
    const bool ok = ::bind(fd, reinterpret_cast<sockaddr*>(&address), sizeof address) == 0;
    ::close(fd);
    return ok;
}

} // namespace

class TestCliContracts : public QObject {
    Q_OBJECT
    QTemporaryDir m_tmp;
    QString m_db; // a small rollback bank database, never changed

    QString freshDir() { return freshFolder(m_tmp); }

    QString copyOfBank(const QString& dir, const QString& name) {
        const QString path = dir + QLatin1Char('/') + name;
        return QFile::copy(m_db, path) ? path : QString();
    }

private slots:
    void initTestCase() {
        m_db = m_tmp.filePath(QStringLiteral("bank.db"));
        QVERIFY(runDbtool({QStringLiteral("make"), m_db, QStringLiteral("rollback"), QStringLiteral("300")}));
    }

    // Item 10: a -wal or -journal that is not a regular file is an error at once, never streamed.
    void companionThatIsNotAFileFailsAtOnce_data() {
        QTest::addColumn<QString>("suffix");
        QTest::addColumn<QString>("kind"); // zero, urandom, fifo, dir, socket
        QTest::addColumn<QString>("says");
        QTest::newRow("-wal -> /dev/zero")
            << QStringLiteral("-wal") << QStringLiteral("zero") << QStringLiteral("character device");
        QTest::newRow("-wal -> /dev/urandom")
            << QStringLiteral("-wal") << QStringLiteral("urandom") << QStringLiteral("character device");
        QTest::newRow("-journal -> /dev/zero")
            << QStringLiteral("-journal") << QStringLiteral("zero") << QStringLiteral("character device");
        QTest::newRow("-wal FIFO") << QStringLiteral("-wal") << QStringLiteral("fifo")
                                   << QStringLiteral("FIFO");
        QTest::newRow("-journal FIFO")
            << QStringLiteral("-journal") << QStringLiteral("fifo") << QStringLiteral("FIFO");
        QTest::newRow("-wal directory")
            << QStringLiteral("-wal") << QStringLiteral("dir") << QStringLiteral("directory");
        QTest::newRow("-journal socket")
            << QStringLiteral("-journal") << QStringLiteral("socket") << QStringLiteral("socket");
    }
    void companionThatIsNotAFileFailsAtOnce() {
        QFETCH(QString, suffix);
        QFETCH(QString, kind);
        QFETCH(QString, says);
        const QString src = freshDir(), out = freshDir(), staging = freshDir();
        const QString db = copyOfBank(src, QStringLiteral("a.db"));
        const QString companion = db + suffix;
        if (kind == QStringLiteral("zero") || kind == QStringLiteral("urandom"))
            QVERIFY(QFile::link(QStringLiteral("/dev/") + kind, companion));
        else if (kind == QStringLiteral("fifo"))
            QCOMPARE(::mkfifo(QFile::encodeName(companion).constData(), 0600), 0);
        else if (kind == QStringLiteral("dir"))
            QVERIFY(QDir().mkdir(companion));
        else
            QVERIFY(makeSocket(companion));
        QElapsedTimer clock;
        clock.start();
        for (const QString& strategy : {QStringLiteral("publish"), QStringLiteral("backup")}) {
            QStringList args{QStringLiteral("snapshot"), db, out + QStringLiteral("/s.db"),
                             QStringLiteral("--strategy"), strategy};
            if (strategy == QStringLiteral("backup"))
                args << QStringLiteral("--staging-dir") << staging;
            expectOneError(cli(args), 1, says);
        }
        expectOneError(cli({QStringLiteral("inspect"), db}), 1, says);
        expectOneError(cli({QStringLiteral("tables"), db}), 1, says);
        QVERIFY2(clock.elapsed() < 30000, "a special companion must fail at once, not be streamed");
        QVERIFY(folderEntries(out).isEmpty());
        QVERIFY(folderEntries(staging).isEmpty());
    }

    // Item 11: the -shm is never copied; one that can't be read is a note of inspect, not an error.
    void unreadableShmNeverBlocks_data() {
        QTest::addColumn<QString>("kind");
        QTest::newRow("FIFO") << QStringLiteral("fifo");
        QTest::newRow("directory") << QStringLiteral("dir");
        QTest::newRow("-> /dev/zero") << QStringLiteral("zero");
    }
    void unreadableShmNeverBlocks() {
        QFETCH(QString, kind);
        const QString src = freshDir(), out = freshDir();
        const QString db = src + QStringLiteral("/w.db");
        QVERIFY(runDbtool({QStringLiteral("make"), db, QStringLiteral("wal"), QStringLiteral("300")}));
        const QString shm = db + QStringLiteral("-shm");
        QFile::remove(shm);
        if (kind == QStringLiteral("fifo"))
            QCOMPARE(::mkfifo(QFile::encodeName(shm).constData(), 0600), 0);
        else if (kind == QStringLiteral("dir"))
            QVERIFY(QDir().mkdir(shm));
        else
            QVERIFY(QFile::link(QStringLiteral("/dev/zero"), shm));
        const CliRun snap =
            cli({QStringLiteral("snapshot"), db, out + QStringLiteral("/s.db"), QStringLiteral("--verify")});
        QVERIFY2(snap.exitCode == 0, snap.err.constData());
        QCOMPARE(readBank(out + QStringLiteral("/s.db")).problem(), QString());
        const CliRun inspect = cli({QStringLiteral("inspect"), db, QStringLiteral("--json")});
        QVERIFY2(inspect.exitCode == 0, inspect.err.constData());
        const QJsonArray notes = inspect.json().value(QStringLiteral("notes")).toArray();
        QCOMPARE(notes.size(), 1);
        QVERIFY2(notes.first().toString().contains(QStringLiteral("-shm")),
                 qPrintable(notes.first().toString()));
        const CliRun text = cli({QStringLiteral("inspect"), db});
        QVERIFY2(text.out.contains("\nNote: "), text.out.constData()); // as the app words it
        const CliRun tables = cli({QStringLiteral("tables"), db});
        QVERIFY2(tables.exitCode == 0, tables.err.constData());
        QVERIFY(tables.out.contains("accounts"));
    }

    // Item 12: a legal 255-byte name works everywhere; so does a 255-byte DEST with every strategy.
    void namesAtTheLengthLimit() {
        const QString src = freshDir(), out = freshDir();
        const QString longName = QString(252, QLatin1Char('n')) + QStringLiteral(".db");
        QCOMPARE(QFile::encodeName(longName).size(), 255);
        const QString db = copyOfBank(src, longName);
        QVERIFY(!db.isEmpty());
        const CliRun snap = cli({QStringLiteral("snapshot"), db, out + QStringLiteral("/s.db")});
        QVERIFY2(snap.exitCode == 0, snap.err.constData());
        QCOMPARE(cli({QStringLiteral("inspect"), db}).exitCode, 0);
        QCOMPARE(cli({QStringLiteral("tables"), db}).exitCode, 0);
        int n = 0;
        for (const QStringList& how :
             {QStringList{QStringLiteral("--strategy"), QStringLiteral("publish")},
              QStringList{QStringLiteral("--strategy"), QStringLiteral("backup")},
              QStringList{QStringLiteral("--compact")}, QStringList{QStringLiteral("--direct")}}) {
            const QString dest =
                out + QLatin1Char('/') + QString(252, QLatin1Char('a' + n++)) + QStringLiteral(".db");
            QCOMPARE(QFile::encodeName(QFileInfo(dest).fileName()).size(), 255);
            const CliRun r = cli(QStringList{QStringLiteral("snapshot"), m_db, dest} + how);
            QVERIFY2(r.exitCode == 0, qPrintable(how.join(QLatin1Char(' ')) + QStringLiteral(": ") +
                                                 QString::fromUtf8(r.err)));
            QCOMPARE(readBank(dest).problem(), QString());
        }
        // One byte more cannot exist: said plainly, before any work.
        expectOneError(
            cli({QStringLiteral("snapshot"), m_db, out + QLatin1Char('/') + QString(256, QLatin1Char('x'))}),
            1, QStringLiteral("longer than 255 bytes"));
        QVERIFY(stagingIn(out).isEmpty());
    }

    // Item 15: any descriptor limit ends in a documented exit code (never a signal); a file-size limit
    // is disk_full, with nothing left behind.
    void descriptorLimitsEndInExitCodes() {
        const QString out = freshDir();
        // Below 4 the loader itself cannot start a program. In a sanitizer build (the CLI is built like
        // this test) UBSan's own type check needs one descriptor more than the program.
#if defined(__SANITIZE_ADDRESS__)
        const int lowest = 5;
#else
        const int lowest = 4;
#endif
        for (int limit = lowest; limit <= 12; ++limit) {
            // Descriptors the test runner may have left open are closed: the limit is the program's alone.
            const QString shell =
                QStringLiteral("exec 3>&- 4>&- 5>&- 6>&- 7>&- 8>&- 9>&-; ulimit -n %1; exec \"$0\" \"$@\"")
                    .arg(limit);
            for (const QStringList& args :
                 {QStringList{QStringLiteral("snapshot"), m_db, out + QStringLiteral("/s%1.db").arg(limit)},
                  QStringList{QStringLiteral("tables"), m_db},
                  QStringList{QStringLiteral("inspect"), m_db}}) {
                const CliRun r = cli(args, {.shell = shell});
                QVERIFY2(r.exitCode == 0 || r.exitCode == 1,
                         qPrintable(QStringLiteral("ulimit -n %1, %2: exit %3: %4")
                                        .arg(limit)
                                        .arg(args.first())
                                        .arg(r.exitCode)
                                        .arg(QString::fromUtf8(r.err))));
                if (r.exitCode == 1)
                    expectOneError(r, 1, QString());
            }
        }
        QVERIFY(stagingIn(out).isEmpty());
    }
    void fileSizeLimitIsDiskFull() {
        const QString src = freshDir(), out = freshDir(), staging = freshDir();
        const QString db = src + QStringLiteral("/big.db");
        QVERIFY(runDbtool({QStringLiteral("make"), db, QStringLiteral("rollback"), QStringLiteral("20000")}));
        // ulimit -f counts 1024-byte blocks: 512 KiB, far less than the database.
        const QString shell = QStringLiteral("ulimit -f 512; exec \"$0\" \"$@\"");
        for (const QStringList& how :
             {QStringList{}, QStringList{QStringLiteral("--strategy"), QStringLiteral("backup"),
                                         QStringLiteral("--staging-dir"), staging}}) {
            const CliRun r = cli(QStringList{QStringLiteral("snapshot"), db, out + QStringLiteral("/s.db"),
                                             QStringLiteral("--json")} +
                                     how,
                                 {.shell = shell});
            expectOneError(r, 1, QStringLiteral("file too large"));
            QCOMPARE(
                r.json().value(QStringLiteral("error")).toObject().value(QStringLiteral("kind")).toString(),
                QStringLiteral("disk_full"));
            QVERIFY2(folderEntries(out).isEmpty(), qPrintable(folderEntries(out).join(QLatin1Char(' '))));
            QVERIFY(folderEntries(staging).isEmpty());
        }
    }

    // Item 16: a run killed with SIGKILL leaves its staging folder; the next run removes it, and never
    // removes the folder of a run that is still going.
    void killedRunsLeftoversAreSwept() {
        const QString src = freshDir(), out = freshDir();
        const QString db = src + QStringLiteral("/busy.db");
        // Big enough that every attempt overlaps a touch: the run stays in its copy loop.
        QVERIFY(
            runDbtool({QStringLiteral("make"), db, QStringLiteral("rollback"), QStringLiteral("300000")}));
        MtimeToucher toucher(db);
        auto startStuck = [&](const QString& name) {
            auto p = std::make_unique<QProcess>();
            p->start(cliPath(), {QStringLiteral("snapshot"), db, out + QLatin1Char('/') + name,
                                 QStringLiteral("--retries"), QStringLiteral("1000000")});
            p->waitForStarted();
            return p;
        };
        auto waitForStaging = [&](const QStringList& except) {
            for (int i = 0; i < 500; ++i) {
                // The final name only: a folder is `.sqlite-snapshot-new-…` until it is locked and marked,
                // and a run frozen or killed before that leaves one no sweep may prove abandoned.
                for (const QString& name : folderEntries(out))
                    if (name.startsWith(QStringLiteral(".sqlite-snapshot-")) &&
                        !name.startsWith(QStringLiteral(".sqlite-snapshot-new-")) && !except.contains(name))
                        return name;
                QTest::qWait(10);
            }
            return QString();
        };
        // A run caught in its copy loop and frozen there (SIGSTOP): it holds its staging folder's lock for
        // as long as the test wants, however loaded the machine (a run that happened to finish first is
        // simply started again).
        auto startReallyStuck = [&](const QString& name, const QStringList& except, QString* staging) {
            for (int tries = 0; tries < 10; ++tries) {
                auto p = startStuck(name);
                *staging = waitForStaging(except);
                if (!staging->isEmpty())
                    ::kill(pid_t(p->processId()), SIGSTOP);
                if (!staging->isEmpty() && p->state() == QProcess::Running &&
                    folderEntries(out).contains(*staging))
                    return p;
                ::kill(pid_t(p->processId()), SIGKILL);
                p->waitForFinished();
                QFile::remove(out + QLatin1Char('/') + name);
            }
            return std::unique_ptr<QProcess>();
        };
        QString left;
        auto killed = startReallyStuck(QStringLiteral("k.db"), {}, &left);
        QVERIFY(killed && !left.isEmpty());
        ::kill(pid_t(killed->processId()), SIGKILL);
        killed->waitForFinished();
        QVERIFY(folderEntries(out).contains(left));

        // The next run into the same folder removes it; it stays alive (never stable) with its own
        // folder, which a third run must leave alone.
        QString aliveStaging;
        auto alive = startReallyStuck(QStringLiteral("a.db"), {left}, &aliveStaging);
        QVERIFY(alive);
        QVERIFY2(!aliveStaging.isEmpty(),
                 qPrintable(folderEntries(out).join(QLatin1Char(' ')) + QString::number(alive->state()) +
                            QString::fromUtf8(alive->readAllStandardError())));
        QTRY_VERIFY2(!folderEntries(out).contains(left), "the killed run's folder is removed");

        const CliRun next = cli({QStringLiteral("snapshot"), m_db, out + QStringLiteral("/next.db")});
        QVERIFY2(next.exitCode == 0, next.err.constData());
        QVERIFY2(folderEntries(out).contains(aliveStaging), "a folder in use is never removed");
        QVERIFY(alive->state() == QProcess::Running);
        ::kill(pid_t(alive->processId()), SIGTERM);
        ::kill(pid_t(alive->processId()), SIGCONT);
        QVERIFY(alive->waitForFinished(10000));
        QCOMPARE(alive->exitCode(), 130);
        QCOMPARE(folderEntries(out), QStringList{QStringLiteral("next.db")});
    }

    // Item 16, from the review: a sweep removes only what provably is the engine's. A user's folders
    // whose names start like a staging folder are never touched, whatever they hold.
    void sweepNeverTouchesUsersFolders() {
        const QString out = freshDir();
        const QString archive = out + QStringLiteral("/.sqlite-snapshot-archive"),
                      lookalike = out + QStringLiteral("/.sqlite-snapshot-Abc123XYZ789");
        QVERIFY(QDir().mkdir(archive));
        QVERIFY(QDir().mkdir(lookalike));
        QVERIFY(QFile::copy(m_db, archive + QStringLiteral("/2024.db")));
        QVERIFY(writeFile(archive + QStringLiteral("/important.txt"), "precious"));
        QVERIFY(writeFile(lookalike + QStringLiteral("/notes.txt"), "mine"));
        const auto before = folderBytes(archive);
        for (const QStringList& how :
             {QStringList{}, QStringList{QStringLiteral("--strategy"), QStringLiteral("backup"),
                                         QStringLiteral("--staging-dir"), out}}) {
            const CliRun r = cli(QStringList{QStringLiteral("snapshot"), m_db, out + QStringLiteral("/s.db"),
                                             QStringLiteral("--overwrite")} +
                                 how);
            QVERIFY2(r.exitCode == 0, r.err.constData());
        }
        QCOMPARE(folderBytes(archive), before);
        QVERIFY(QFileInfo::exists(lookalike + QStringLiteral("/notes.txt")));
    }

    // Item 19, from the review: a name that is not UTF-8 reached through a folder or a symlink is
    // refused too; the look-alike name Qt would decode it to is never read or written.
    void nonUtf8ThroughAFolderOrALinkIsRefused() {
        const QString base = freshDir();
        // dir\xff holds the real database; dir\xef\xbf\xbd (U+FFFD, what Qt decodes \xff to) a decoy.
        const QString setup = QStringLiteral(
            "cd \"$1\" && mkdir \"$(printf 'dir\\xff')\" \"$(printf 'dir\\xef\\xbf\\xbd')\" && "
            "cp \"$2\" \"$(printf 'dir\\xff')/s.db\" && cp \"$2\" \"$(printf 'dir\\xef\\xbf\\xbd')/s.db\" && "
            "ln -s \"$(printf 'dir\\xff')/s.db\" link.db");
        QProcess sh;
        sh.start(QStringLiteral("bash"), {QStringLiteral("-c"), setup, QStringLiteral("x"), base, m_db});
        QVERIFY(sh.waitForFinished() && sh.exitCode() == 0);
        const QString decoy = base + QStringLiteral("/dir") + QChar(QChar::ReplacementCharacter);
        const auto decoyBefore = folderBytes(decoy);
        QCOMPARE(decoyBefore.size(), 1);
        const CliRun viaLink = cli(
            {QStringLiteral("snapshot"), base + QStringLiteral("/link.db"), base + QStringLiteral("/o.db")});
        expectOneError(viaLink, 1, QStringLiteral("not valid UTF-8"));
        const CliRun viaCwd =
            cli({QStringLiteral("snapshot"), QStringLiteral("s.db"), QStringLiteral("o.db")},
                {.shell = QStringLiteral("cd \"$(printf 'dir\\xff')\" && exec \"$0\" \"$@\""),
                 .workingDirectory = base});
        expectOneError(viaCwd, 1, QStringLiteral("not valid UTF-8"));
        QCOMPARE(folderBytes(decoy), decoyBefore);
        QVERIFY(!QFileInfo::exists(base + QStringLiteral("/o.db")));
    }

    // Item 15, from the review: a reader of stdout that went away is a write error, not SIGPIPE.
    void closedPipeIsAWriteError() {
        const QString out = freshDir();
        for (const QStringList& args :
             {QStringList{QStringLiteral("snapshot"), m_db, out + QStringLiteral("/p.db"),
                          QStringLiteral("--json")},
              QStringList{QStringLiteral("tables"), m_db, QStringLiteral("--json")}}) {
            // `sleep 0` closes the pipe's reading end at once, before the report is written.
            const CliRun r =
                cli(args, {.shell = QStringLiteral(
                               "exec 3>&1; \"$0\" \"$@\" | (exec 0<&-; sleep 0); exit ${PIPESTATUS[0]}")});
            expectOneError(r, 1, QStringLiteral("cannot write the report"));
        }
        // A failure whose report is lost says its one error line, not two.
        const CliRun failed = cli({QStringLiteral("snapshot"), out + QStringLiteral("/nope.db"),
                                   out + QStringLiteral("/o.db"), QStringLiteral("--json")},
                                  {.shell = QStringLiteral("exec \"$0\" \"$@\" > /dev/full")});
        expectOneError(failed, 1, QStringLiteral("source not found"));
    }

    // From the review: usage errors in our words, repeated options refused, empty names refused.
    void usageErrorsAreClear_data() {
        QTest::addColumn<QStringList>("args");
        QTest::addColumn<QString>("says");
        const QString a = QStringLiteral("a"), b = QStringLiteral("b"), snap = QStringLiteral("snapshot");
        QTest::newRow("no command") << QStringList{} << QStringLiteral("no command given");
        QTest::newRow("unknown option")
            << QStringList{snap, QStringLiteral("--bogus"), a, b} << QStringLiteral("unknown option --bogus");
        QTest::newRow("missing value") << QStringList{snap, a, b, QStringLiteral("--retries")}
                                       << QStringLiteral("missing value after '--retries'");
        QTest::newRow("strategy twice") << QStringList{snap,
                                                       a,
                                                       b,
                                                       QStringLiteral("--strategy"),
                                                       QStringLiteral("backup"),
                                                       QStringLiteral("--strategy"),
                                                       QStringLiteral("compact")}
                                        << QStringLiteral("--strategy is given more than once");
        QTest::newRow("retries twice") << QStringList{snap,
                                                      a,
                                                      b,
                                                      QStringLiteral("--retries"),
                                                      QStringLiteral("1"),
                                                      QStringLiteral("--retries"),
                                                      QStringLiteral("2")}
                                       << QStringLiteral("more than once");
        QTest::newRow("empty SOURCE") << QStringList{snap, QString(), b} << QStringLiteral("empty file name");
        QTest::newRow("retries too many")
            << QStringList{snap, a, b, QStringLiteral("--retries"), QStringLiteral("99999999999999")}
            << QStringLiteral("from 0 to 1000000");
    }
    void usageErrorsAreClear() {
        QFETCH(QStringList, args);
        QFETCH(QString, says);
        const CliRun r = cli(args);
        QCOMPARE(r.exitCode, 2);
        QVERIFY2(!r.errLines().isEmpty() && r.errLines().first().startsWith(QStringLiteral("error: ")) &&
                     r.errLines().first().contains(says),
                 r.err.constData());
        QCOMPARE(r.errLines().filter(QStringLiteral("error: ")).size(), 1);
        QCOMPARE(r.errLines().size(), 1); // one line: no usage text after it, no line break inside it
    }

    // From the review: an export given another database's -wal or -journal as DEST destroyed that
    // database's committed changes; one over a database a program has open replaced it under it.
    void exportsNeverReplaceADatabasesFiles() {
        const QString dir = freshDir();
        const QString live = dir + QStringLiteral("/live.sqlite");
        QVERIFY(runDbtool({QStringLiteral("make"), live, QStringLiteral("wal"), QStringLiteral("50")}));
        Helper holder(
            {QStringLiteral("hold"), live, QStringLiteral("wal"), QStringLiteral("--normal-locking")});
        QVERIFY(holder.ready()); // WAL with its -wal and -shm, a program holding it
        const QString bank = copyOfBank(dir, QStringLiteral("bank.sqlite"));
        const QString wal = live + QStringLiteral("-wal"),
                      journal = dir + QStringLiteral("/other.db-journal");
        QVERIFY(execSql(dir + QStringLiteral("/other.db"), QStringLiteral("CREATE TABLE t(x)")));
        const QMap<QString, QByteArray> withOther = folderBytes(dir);
        for (const QStringList& args :
             {QStringList{QStringLiteral("export-table"), bank, QStringLiteral("accounts"), wal,
                          QStringLiteral("--overwrite")},
              QStringList{QStringLiteral("query"), bank, QStringLiteral("SELECT 1"),
                          QStringLiteral("--output"), wal, QStringLiteral("--overwrite")},
              QStringList{QStringLiteral("export-table"), bank, QStringLiteral("accounts"), journal},
              QStringList{QStringLiteral("snapshot"), bank, live + QStringLiteral("-shm"),
                          QStringLiteral("--overwrite")},
              QStringList{QStringLiteral("export-table"), live, QStringLiteral("accounts"),
                          bank + QStringLiteral("-wal")}})
            expectOneError(cli(args), 1, QStringLiteral("a file of the database"));
        // DEST is a database a program has open (its -wal beside it): refused, as a snapshot's DEST is.
        expectOneError(cli({QStringLiteral("export-table"), bank, QStringLiteral("accounts"), live,
                            QStringLiteral("--overwrite")}),
                       1, QStringLiteral("-wal beside it"));
        QCOMPARE(folderBytes(dir), withOther); // nothing written, nothing replaced
        holder.finish();
    }

    // From the review: a companion name held by a database of its own is not the set's companion.
    void lookalikeCompanionIsNotCopied() {
        const QString src = freshDir(), out = freshDir();
        const QString notes = copyOfBank(src, QStringLiteral("notes"));
        QVERIFY(QFile::copy(m_db, notes + QStringLiteral("-journal")));
        const auto bytes = folderBytes(src);
        const CliRun r =
            cli({QStringLiteral("snapshot"), notes, out + QStringLiteral("/s.db"), QStringLiteral("--json")});
        QVERIFY2(r.exitCode == 0, r.err.constData());
        QCOMPARE(r.json().value(QStringLiteral("companions")).toArray().size(), 1);
        const CliRun inspect = cli({QStringLiteral("inspect"), notes, QStringLiteral("--json")});
        QCOMPARE(inspect.json().value(QStringLiteral("files")).toArray().size(), 1);
        QVERIFY(inspect.json()
                    .value(QStringLiteral("notes"))
                    .toArray()
                    .first()
                    .toString()
                    .contains(QStringLiteral("database of its own")));
        QCOMPARE(folderBytes(src), bytes);
    }

    // From the review: inspect says when a file is shorter than its header; a 2/1 header is rollback mode.
    void inspectSaysWhatTheBytesSay() {
        const QString src = freshDir();
        const QString trunc = src + QStringLiteral("/trunc.db");
        QFile whole(m_db);
        QVERIFY(whole.open(QIODevice::ReadOnly));
        QVERIFY(writeFile(trunc, whole.read(8192)));
        const CliRun t = cli({QStringLiteral("inspect"), trunc});
        QCOMPARE(t.exitCode, 0);
        QVERIFY2(t.out.contains("shorter than its header says"), t.out.constData());
        const QString mixed = copyOfBank(src, QStringLiteral("mixed.db"));
        QFile f(mixed);
        QVERIFY(f.open(QIODevice::ReadWrite) && f.seek(18));
        QCOMPARE(f.write("\x02\x01", 2), qint64(2));
        f.close();
        const CliRun m = cli({QStringLiteral("inspect"), mixed, QStringLiteral("--json")});
        QCOMPARE(m.json().value(QStringLiteral("journal_mode")).toString(), QStringLiteral("rollback"));
        const CliRun d = cli(
            {QStringLiteral("snapshot"), mixed, src + QStringLiteral("/d.db"), QStringLiteral("--direct")});
        QVERIFY2(d.exitCode == 0, d.err.constData());
    }

    // Item 17: --overwrite replaces a regular file or a symlink, never a FIFO, socket or device node.
    void overwriteReplacesOnlyFiles() {
        const QString out = freshDir();
        const QString fifo = out + QStringLiteral("/fifo.db"), socket = out + QStringLiteral("/socket.db");
        QCOMPARE(::mkfifo(QFile::encodeName(fifo).constData(), 0600), 0);
        QVERIFY(makeSocket(socket));
        for (const QString& dest : {fifo, socket}) {
            expectOneError(cli({QStringLiteral("snapshot"), m_db, dest, QStringLiteral("--overwrite")}), 1,
                           QStringLiteral("not a regular file"));
        }
        struct stat st {};
        QCOMPARE(::lstat(QFile::encodeName(fifo).constData(), &st), 0);
        QVERIFY(S_ISFIFO(st.st_mode));
        QCOMPARE(::lstat(QFile::encodeName(socket).constData(), &st), 0);
        QVERIFY(S_ISSOCK(st.st_mode));
        if (::geteuid() == 0) { // as root /dev/null could really be replaced
            expectOneError(cli({QStringLiteral("snapshot"), m_db, QStringLiteral("/dev/null"),
                                QStringLiteral("--overwrite")}),
                           1, QStringLiteral("character device"));
            QCOMPARE(::stat("/dev/null", &st), 0);
            QVERIFY(S_ISCHR(st.st_mode));
        }
        // A regular file and a symlink are still replaced (the symlink itself, not its target).
        const QString file = out + QStringLiteral("/file.db"), target = out + QStringLiteral("/target"),
                      link = out + QStringLiteral("/link.db");
        QVERIFY(writeFile(file, "old"));
        QVERIFY(writeFile(target, "keep"));
        QVERIFY(QFile::link(target, link));
        for (const QString& dest : {file, link})
            QCOMPARE(cli({QStringLiteral("snapshot"), m_db, dest, QStringLiteral("--overwrite")}).exitCode,
                     0);
        QCOMPARE(readBank(file).problem(), QString());
        QVERIFY(!QFileInfo(link).isSymLink());
        QFile t(target);
        QVERIFY(t.open(QIODevice::ReadOnly));
        QCOMPARE(t.readAll(), QByteArray("keep"));
    }

    // Item 19: `snapshot db-wal` with db gone is source_missing.
    void companionWithoutItsDatabaseIsSourceMissing() {
        const QString src = freshDir(), out = freshDir();
        const QString db = src + QStringLiteral("/w.db");
        QVERIFY(runDbtool({QStringLiteral("make"), db, QStringLiteral("wal"), QStringLiteral("300")}));
        QVERIFY(writeFile(db + QStringLiteral("-wal"), QByteArray(4096, 'w')));
        QVERIFY(QFile::remove(db));
        const CliRun r = cli({QStringLiteral("snapshot"), db + QStringLiteral("-wal"),
                              out + QStringLiteral("/s.db"), QStringLiteral("--json")});
        expectOneError(r, 1, QStringLiteral("source not found: ") + db);
        QCOMPARE(r.json().value(QStringLiteral("error")).toObject().value(QStringLiteral("kind")).toString(),
                 QStringLiteral("source_missing"));
    }

    // Item 19: a file name that is not UTF-8 is refused with a clear message, never mangled.
    void nonUtf8NamesAreRefused_data() {
        QTest::addColumn<QString>("shell");
        QTest::newRow("DEST") << QStringLiteral(
            "exec \"$0\" snapshot \"$1\" \"$2/$(printf 'out\\xc3\\x28.db')\"");
        QTest::newRow("SOURCE") << QStringLiteral(
            "exec \"$0\" snapshot \"$(printf '/tmp/s\\xff.db')\" \"$2/o.db\"");
        QTest::newRow("--staging-dir") << QStringLiteral("exec \"$0\" snapshot \"$1\" \"$2/o.db\" --strategy "
                                                         "backup --staging-dir \"$(printf '/tmp/\\xfe')\"");
        QTest::newRow("inspect") << QStringLiteral("exec \"$0\" inspect \"$(printf '/tmp/\\xc0\\xaf.db')\"");
    }
    void nonUtf8NamesAreRefused() {
        QFETCH(QString, shell);
        const QString out = freshDir();
        const CliRun r = cli({m_db, out}, {.shell = shell});
        expectOneError(r, 2, QStringLiteral("not valid UTF-8"));
        QVERIFY2(folderEntries(out).isEmpty(), qPrintable(folderEntries(out).join(QLatin1Char(','))));
    }

    // Item 19: options that contradict each other are usage errors.
    void conflictingOptionsAreUsageErrors_data() {
        QTest::addColumn<QStringList>("options");
        QTest::newRow("--strategy publish --compact") << QStringList{
            QStringLiteral("--strategy"), QStringLiteral("publish"), QStringLiteral("--compact")};
        QTest::newRow("--strategy backup --compact") << QStringList{
            QStringLiteral("--strategy"), QStringLiteral("backup"), QStringLiteral("--compact")};
        QTest::newRow("--strict --allow-unstable")
            << QStringList{QStringLiteral("--strict"), QStringLiteral("--allow-unstable")};
        QTest::newRow("--direct --compact")
            << QStringList{QStringLiteral("--direct"), QStringLiteral("--compact")};
        QTest::newRow("--direct --allow-unstable")
            << QStringList{QStringLiteral("--direct"), QStringLiteral("--allow-unstable")};
        QTest::newRow("--direct --retries")
            << QStringList{QStringLiteral("--direct"), QStringLiteral("--retries"), QStringLiteral("3")};
        QTest::newRow("--busy-timeout without --direct")
            << QStringList{QStringLiteral("--busy-timeout"), QStringLiteral("10")};
        QTest::newRow("--staging-dir with publish")
            << QStringList{QStringLiteral("--staging-dir"), QStringLiteral("/tmp")};
    }
    void conflictingOptionsAreUsageErrors() {
        QFETCH(QStringList, options);
        const QString out = freshDir();
        expectOneError(
            cli(QStringList{QStringLiteral("snapshot"), m_db, out + QStringLiteral("/s.db")} + options), 2,
            QString());
        QVERIFY(folderEntries(out).isEmpty());
    }

    // Item 19: a report that cannot be written is an error, not exit 0.
    void unwritableReportIsAFailure() {
        const QString out = freshDir();
        for (const QStringList& args :
             {QStringList{QStringLiteral("snapshot"), m_db, out + QStringLiteral("/s.db"),
                          QStringLiteral("--json")},
              QStringList{QStringLiteral("inspect"), m_db, QStringLiteral("--json")},
              QStringList{QStringLiteral("tables"), m_db}}) {
            const CliRun r = cli(args, {.shell = QStringLiteral("exec \"$0\" \"$@\" > /dev/full")});
            expectOneError(r, 1, QStringLiteral("cannot write the report"));
        }
    }

    // Item 19: the strategies agree on the same input.
    void strategiesAgreeOnMixedFormatVersions() {
        const QString src = freshDir(), out = freshDir();
        const QString db = copyOfBank(src, QStringLiteral("mixed.db"));
        QFile f(db);
        QVERIFY(f.open(QIODevice::ReadWrite));
        QVERIFY(f.seek(18));
        QCOMPARE(f.write("\x02\x01", 2), qint64(2)); // write version 2 (WAL), read version 1
        f.close();
        for (const QString& strategy :
             {QStringLiteral("publish"), QStringLiteral("backup"), QStringLiteral("compact")}) {
            const QString dest = out + QLatin1Char('/') + strategy + QStringLiteral(".db");
            const CliRun r = cli({QStringLiteral("snapshot"), db, dest, QStringLiteral("--strategy"),
                                  strategy, QStringLiteral("--verify")});
            QVERIFY2(r.exitCode == 0, qPrintable(strategy + QStringLiteral(": ") + QString::fromUtf8(r.err)));
            QCOMPARE(header(dest, 20).mid(18, 2), QByteArray("\x01\x01", 2));
            QCOMPARE(readBank(dest).problem(), QString());
        }
    }
    void damagedSourceIsRefusedByEveryStrategyWithVerify() {
        const QString src = freshDir(), out = freshDir();
        const QString db = src + QStringLiteral("/damaged.db");
        // Pages that belong nowhere (the freelist lost, as damage leaves it): every row still reads,
        // integrity_check reports "Page N is never used", and VACUUM INTO would simply leave them out.
        QVERIFY(execSql(
            db, QStringLiteral("CREATE TABLE t(a); WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 "
                               "FROM c WHERE x < 2000) INSERT INTO t SELECT randomblob(500) FROM c;"
                               "CREATE TABLE keep(v); INSERT INTO keep VALUES(42); DELETE FROM t;")));
        QFile f(db);
        QVERIFY(f.open(QIODevice::ReadWrite));
        QVERIFY(f.seek(32)); // first freelist trunk page and freelist count
        QCOMPARE(f.write(QByteArray(8, '\0')), qint64(8));
        f.close();
        QVERIFY(
            queryText(db, QStringLiteral("PRAGMA integrity_check")).contains(QStringLiteral("never used")));
        for (const QString& strategy :
             {QStringLiteral("publish"), QStringLiteral("backup"), QStringLiteral("compact")}) {
            const CliRun r = cli({QStringLiteral("snapshot"), db, out + QStringLiteral("/s.db"),
                                  QStringLiteral("--strategy"), strategy, QStringLiteral("--verify")});
            QVERIFY2(r.exitCode == 1, qPrintable(strategy + QStringLiteral(" took a damaged source: ") +
                                                 QString::fromUtf8(r.out)));
            expectOneError(r, 1, QString());
            QVERIFY(folderEntries(out).isEmpty());
        }
    }
    void verifyNamesTheCheckThatCouldNotRun() {
        const QString src = freshDir(), out = freshDir();
        // An index with a collation only the program that wrote it has.
        const QString db2 = src + QStringLiteral("/coll2.db");
        QVERIFY(execSql(
            db2,
            QStringLiteral("CREATE TABLE t(a TEXT); CREATE INDEX i ON t(a); INSERT INTO t VALUES('x'),('y');"
                           "PRAGMA writable_schema=ON; UPDATE sqlite_schema SET sql = 'CREATE INDEX i ON t(a "
                           "COLLATE mycollation)' "
                           "WHERE name = 'i';")));
        const CliRun r =
            cli({QStringLiteral("snapshot"), db2, out + QStringLiteral("/s.db"), QStringLiteral("--verify")});
        expectOneError(r, 1, QStringLiteral("integrity_check could not run"));
        QVERIFY(r.err.contains("mycollation"));
        QVERIFY(folderEntries(out).isEmpty());
        // Without --verify the healthy database is snapshotted.
        QCOMPARE(cli({QStringLiteral("snapshot"), db2, out + QStringLiteral("/s.db")}).exitCode, 0);
    }

    // Item 19: inspect names each file as it is on disk; every error kind is in the docs' table.
    void inspectNamesFilesOnDisk() {
        const QString src = freshDir();
        const QString db = src + QStringLiteral("/app.db");
        QVERIFY(runDbtool({QStringLiteral("make"), db, QStringLiteral("wal"), QStringLiteral("300")}));
        QVERIFY(writeFile(db + QStringLiteral("-wal"), QByteArray()));
        const CliRun r = cli({QStringLiteral("inspect"), db});
        QCOMPARE(r.exitCode, 0);
        QVERIFY2(r.out.contains("app.db-wal "), r.out.constData());
        QVERIFY(r.out.contains("app.db "));
    }
    void everyErrorKindIsDocumented() {
        QFile doc(QStringLiteral(SQLSNAP_SOURCE_DIR "/docs/cli.md"));
        QVERIFY(doc.open(QIODevice::ReadOnly));
        const QByteArray text = doc.readAll();
        for (const char* kind :
             {"source_missing", "not_a_database", "unreadable", "changed_too_often", "inconsistent",
              "destination_exists", "destination_aliases_source", "destination_directory_missing",
              "destination_in_use", "permission_denied", "disk_full", "io_error", "locked", "corrupt",
              "sqlite_error", "invalid_argument", "cancelled"})
            QVERIFY2(text.contains(QByteArray("| `") + kind + "` |"), kind);
    }

    // Item 21: a -wal without -shm is explained from the lock actually found.
    void walWithoutShmIsExplainedByTheLock() {
        const QString src = freshDir();
        const QString db = src + QStringLiteral("/places.db");
        {
            Helper holder(
                {QStringLiteral("hold"), db, QStringLiteral("wal"), QStringLiteral("--no-checkpoint")});
            QVERIFY(holder.ready());
            const CliRun held = cli({QStringLiteral("inspect"), db});
            QVERIFY2(held.out.contains("holds this database open with exclusive locking"),
                     held.out.constData());
            QVERIFY(!held.out.contains("stopped without closing"));
            QVERIFY(held.out.contains("lock held by others: exclusive"));
            holder.kill(); // as a browser that is killed
        }
        QVERIFY(QFileInfo::exists(db + QStringLiteral("-wal")));
        QVERIFY(!QFileInfo::exists(db + QStringLiteral("-shm")));
        const CliRun left = cli({QStringLiteral("inspect"), db});
        QVERIFY2(left.out.contains("stopped without closing"), left.out.constData());
        QVERIFY(!left.out.contains("exclusive locking"));
        QVERIFY(left.out.contains("lock held by others: none"));
    }

    // Item 21: the snapshot is exactly page_count x page_size bytes, whatever the strategy.
    void snapshotHasNoPreallocatedTail() {
        const QString src = freshDir(), out = freshDir();
        const QString db = copyOfBank(src, QStringLiteral("favicons.db"));
        const qint64 size = QFileInfo(db).size();
        QVERIFY(QFile::resize(db, size + 5 * 1024 * 1024)); // as SQLITE_FCNTL_CHUNK_SIZE leaves it
        for (const QStringList& how :
             {QStringList{}, QStringList{QStringLiteral("--strategy"), QStringLiteral("backup")},
              QStringList{QStringLiteral("--compact")}, QStringList{QStringLiteral("--direct")}}) {
            const QString dest = out + QStringLiteral("/s%1.db").arg(how.join(QString()));
            const CliRun r =
                cli(QStringList{QStringLiteral("snapshot"), db, dest, QStringLiteral("--json")} + how);
            QVERIFY2(r.exitCode == 0, r.err.constData());
            const qint64 pages = qint64(r.json().value(QStringLiteral("pages")).toDouble());
            QCOMPARE(QFileInfo(dest).size(), pages * 4096);
            QCOMPARE(qint64(r.json().value(QStringLiteral("bytes")).toDouble()), pages * 4096);
            QCOMPARE(readBank(dest).problem(), QString());
        }
    }

    // Item 21: --direct never creates or changes a file beside the source, and reports what it read.
    void directModeCreatesNothingBesideTheSource() {
        const QString src = freshDir(), out = freshDir();
        const QString db = src + QStringLiteral("/places.db");
        {
            Helper holder(
                {QStringLiteral("hold"), db, QStringLiteral("wal"), QStringLiteral("--no-checkpoint")});
            QVERIFY(holder.ready());
            holder.kill(); // leaves a -wal and no -shm
        }
        const QStringList before = folderEntries(src);
        const auto bytes = folderBytes(src);
        const CliRun r =
            cli({QStringLiteral("snapshot"), db, out + QStringLiteral("/d.db"), QStringLiteral("--direct")});
        expectOneError(r, 1, QStringLiteral("-shm"));
        QCOMPARE(folderEntries(src), before);
        QCOMPARE(folderBytes(src), bytes);
        QVERIFY(folderEntries(out).isEmpty());
        // The staged default reads it as it is.
        QCOMPARE(cli({QStringLiteral("snapshot"), db, out + QStringLiteral("/s.db")}).exitCode, 0);
        QCOMPARE(folderBytes(src), bytes);

        // A WAL database with its -wal and -shm: the JSON lists what direct mode read.
        const QString live = src + QStringLiteral("/live.db");
        QVERIFY(runDbtool({QStringLiteral("make"), live, QStringLiteral("wal"), QStringLiteral("300")}));
        Helper reader({QStringLiteral("hold"), live, QStringLiteral("wal"),
                       QStringLiteral("--normal-locking"), QStringLiteral("--no-checkpoint")});
        QVERIFY(reader.ready());
        const CliRun direct = cli({QStringLiteral("snapshot"), live, out + QStringLiteral("/l.db"),
                                   QStringLiteral("--direct"), QStringLiteral("--json")});
        QVERIFY2(direct.exitCode == 0, direct.err.constData());
        QStringList kinds;
        for (const QJsonValue& c : direct.json().value(QStringLiteral("companions")).toArray())
            kinds << c.toObject().value(QStringLiteral("kind")).toString();
        QCOMPARE(kinds, (QStringList{QStringLiteral("database"), QStringLiteral("wal")}));
        reader.finish();
    }

    // Items 13 and 21: tables lists every entry, broken ones with their error; absolute path; aligned.
    void tablesListsEveryEntry() {
        const QString src = freshDir();
        const QString db = src + QStringLiteral("/fts.db");
        QVERIFY(execSql(
            db, QStringLiteral(
                    "CREATE TABLE notes(body TEXT); INSERT INTO notes VALUES('hello');"
                    "CREATE VIRTUAL TABLE docs USING fts5(body); INSERT INTO docs VALUES('hello world');"
                    "CREATE VIRTUAL TABLE boxes USING rtree(id, minx, maxx);"
                    "CREATE TABLE gone(x); CREATE VIEW broken AS SELECT x FROM gone; DROP TABLE gone;"
                    "CREATE TABLE a_table_with_a_name_much_longer_than_thirty_characters(v);"
                    "PRAGMA writable_schema=ON; INSERT INTO sqlite_schema VALUES('table', 'mystery', "
                    "'mystery', 0, "
                    "'CREATE VIRTUAL TABLE mystery USING nosuchmodule(a)');")));
        const CliRun r = cli({QStringLiteral("tables"), QStringLiteral("fts.db"), QStringLiteral("--json")},
                             {.workingDirectory = src});
        QVERIFY2(r.exitCode == 0, r.err.constData());
        QCOMPARE(r.json().value(QStringLiteral("database")).toString(), db);
        QMap<QString, QJsonObject> byName;
        for (const QJsonValue& t : r.json().value(QStringLiteral("tables")).toArray())
            byName[t.toObject().value(QStringLiteral("name")).toString()] = t.toObject();
        QCOMPARE(byName[QStringLiteral("notes")].value(QStringLiteral("rows")).toInt(), 1);
        QCOMPARE(byName[QStringLiteral("docs")].value(QStringLiteral("type")).toString(),
                 QStringLiteral("virtual"));
        QCOMPARE(byName[QStringLiteral("docs")].value(QStringLiteral("module")).toString(),
                 QStringLiteral("fts5"));
        QCOMPARE(byName[QStringLiteral("docs")].value(QStringLiteral("rows")).toInt(), 1);
        QCOMPARE(byName[QStringLiteral("boxes")].value(QStringLiteral("module")).toString(),
                 QStringLiteral("rtree"));
        QCOMPARE(byName[QStringLiteral("docs_content")].value(QStringLiteral("type")).toString(),
                 QStringLiteral("shadow"));
        QCOMPARE(byName[QStringLiteral("docs_content")].value(QStringLiteral("shadow_of")).toString(),
                 QStringLiteral("docs"));
        QCOMPARE(byName[QStringLiteral("boxes_node")].value(QStringLiteral("shadow_of")).toString(),
                 QStringLiteral("boxes"));
        QVERIFY(byName[QStringLiteral("broken")].value(QStringLiteral("rows")).isNull());
        QVERIFY(byName[QStringLiteral("broken")]
                    .value(QStringLiteral("error"))
                    .toString()
                    .contains(QStringLiteral("gone")));
        QVERIFY(byName[QStringLiteral("mystery")]
                    .value(QStringLiteral("error"))
                    .toString()
                    .contains(QStringLiteral("nosuchmodule")));
        QVERIFY(byName[QStringLiteral("notes")].value(QStringLiteral("error")).isNull());

        const CliRun text = cli({QStringLiteral("tables"), db});
        QCOMPARE(text.exitCode, 0);
        // Every line's row count ends in the same column, long names included ("1 row", "N rows", "? rows").
        static const QRegularExpression count(QStringLiteral("(\\d+ rows?|\\? rows)  "));
        qsizetype column = -1;
        for (const QString& line : QString::fromUtf8(text.out).split(QLatin1Char('\n'), Qt::SkipEmptyParts)) {
            const QRegularExpressionMatch m = count.match(line);
            QVERIFY2(m.hasMatch(), qPrintable(line));
            if (column < 0)
                column = m.capturedEnd(1);
            QVERIFY2(m.capturedEnd(1) == column, qPrintable(line));
        }
        QVERIFY(text.out.contains(" 1 row  "));
        QVERIFY2(!text.out.contains("rank"), text.out.constData()); // FTS5's hidden columns are not data
    }

    // Item 14: tables never takes a lock on a live source: a writer with no busy timeout never sees
    // SQLITE_BUSY however often tables runs.
    void tablesNeverBlocksAWriter() {
        const QString src = freshDir();
        const QString db = src + QStringLiteral("/live.db");
        QVERIFY(
            runDbtool({QStringLiteral("make"), db, QStringLiteral("rollback"), QStringLiteral("200000")}));
        Helper writer({QStringLiteral("writer"), db, QStringLiteral("rollback"),
                       QStringLiteral("--busy-timeout"), QStringLiteral("0"), QStringLiteral("--pace-us"),
                       QStringLiteral("3000")});
        QVERIFY(writer.ready());
        int listed = 0;
        for (int i = 0; i < 25; ++i) {
            const CliRun r = cli({QStringLiteral("tables"), db});
            if (r.exitCode == 0)
                ++listed;
            else
                QVERIFY2(r.exitCode == 3, r.err.constData()); // never stable is the only acceptable failure
        }
        const QString stats = writer.finish();
        QVERIFY2(listed > 0, qPrintable(stats));
        const int busy =
            stats.section(QStringLiteral("busy="), 1).section(QLatin1Char(' '), 0, 0).trimmed().toInt();
        QVERIFY2(stats.contains(QStringLiteral("busy=")) && busy == 0, qPrintable(stats));
    }
};

QTEST_GUILESS_MAIN(TestCliContracts)
#include "tst_clicontracts.moc"

// sqlite-snapshot-cli end to end through QProcess: exit codes, the single error line, JSON, signals.
#include "testsupport.h"

#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QStandardPaths>
#include <QTest>

#include <atomic>
#include <csignal>
#include <fcntl.h>
#include <sys/stat.h>
#include <thread>
#include <unistd.h>

using namespace testsupport;

class TestCli : public QObject {
    Q_OBJECT
    QTemporaryDir m_tmp;
    QString m_db;

    QString freshDir() { return freshFolder(m_tmp); }

private slots:
    void initTestCase() {
        m_db = m_tmp.filePath(QStringLiteral("bank.db"));
        QVERIFY(runDbtool({QStringLiteral("make"), m_db, QStringLiteral("wal"), QStringLiteral("500")}));
    }

    void helpAndVersion_data() {
        QTest::addColumn<QStringList>("args");
        QTest::newRow("top --help") << QStringList{QStringLiteral("--help")};
        QTest::newRow("top --version") << QStringList{QStringLiteral("--version")};
        for (const char* command : {"snapshot", "inspect", "tables", "query"}) {
            QTest::addRow("%s --help", command)
                << QStringList{QString::fromLatin1(command), QStringLiteral("--help")};
            QTest::addRow("%s --version", command)
                << QStringList{QString::fromLatin1(command), QStringLiteral("--version")};
        }
    }
    void helpAndVersion() {
        QFETCH(QStringList, args);
        const CliRun r = cli(args);
        QCOMPARE(r.exitCode, 0);
        QVERIFY(r.err.isEmpty());
        if (args.last() == QStringLiteral("--version"))
            QVERIFY(r.out.startsWith("sqlite-snapshot-cli 0."));
        else
            QVERIFY2(r.out.contains("sqlite-snapshot-cli"), r.out.constData());
    }

    void usageErrors_data() {
        QTest::addColumn<QStringList>("args");
        QTest::addColumn<QString>("says");
        QTest::newRow("no command") << QStringList{} << QString();
        QTest::newRow("unknown command")
            << QStringList{QStringLiteral("frobnicate")} << QStringLiteral("unknown command");
        QTest::newRow("unknown option") << QStringList{QStringLiteral("snapshot"), QStringLiteral("--bogus"),
                                                       QStringLiteral("a"), QStringLiteral("b")}
                                        << QStringLiteral("bogus");
        QTest::newRow("missing argument") << QStringList{QStringLiteral("snapshot"), QStringLiteral("a")}
                                          << QStringLiteral("missing argument");
        QTest::newRow("extra argument")
            << QStringList{QStringLiteral("inspect"), QStringLiteral("a"), QStringLiteral("b")}
            << QStringLiteral("unexpected argument");
        QTest::newRow("bad retries") << QStringList{QStringLiteral("snapshot"), QStringLiteral("--retries"),
                                                    QStringLiteral("many"), QStringLiteral("a"),
                                                    QStringLiteral("b")}
                                     << QStringLiteral("--retries");
        QTest::newRow("option without value") << QStringList{QStringLiteral("snapshot"), QStringLiteral("a"),
                                                             QStringLiteral("b"), QStringLiteral("--retries")}
                                              << QStringLiteral("retries");
    }
    void usageErrors() {
        QFETCH(QStringList, args);
        QFETCH(QString, says);
        const CliRun r = cli(args);
        QCOMPARE(r.exitCode, 2);
        if (!says.isEmpty())
            expectOneError(r, 2, says);
    }

    void snapshotJson() {
        const QString out = freshDir() + QStringLiteral("/Sauvegarde été 2026 (1).db");
        const CliRun r = cli(
            {QStringLiteral("snapshot"), m_db, out, QStringLiteral("--json"), QStringLiteral("--verify")});
        QCOMPARE(r.exitCode, 0);
        QVERIFY2(r.err.isEmpty(), r.err.constData()); // no progress line when stderr is not a terminal
        QJsonParseError parseError;
        const QJsonObject j = QJsonDocument::fromJson(r.out, &parseError).object();
        QCOMPARE(parseError.error, QJsonParseError::NoError);
        QCOMPARE(j.value(QStringLiteral("source")).toString(), m_db);
        QCOMPARE(j.value(QStringLiteral("destination")).toString(), out);
        QVERIFY(j.value(QStringLiteral("companions"))
                    .toArray()
                    .first()
                    .toObject()
                    .value(QStringLiteral("kind")) == QStringLiteral("database"));
        QCOMPARE(j.value(QStringLiteral("copy_attempts")).toInt(), 1);
        QCOMPARE(j.value(QStringLiteral("consistent_copy")).toBool(), true);
        QCOMPARE(j.value(QStringLiteral("page_size")).toInt(), 4096);
        QCOMPARE(qint64(j.value(QStringLiteral("pages")).toDouble()) * 4096, QFileInfo(out).size());
        QCOMPARE(qint64(j.value(QStringLiteral("bytes")).toDouble()), QFileInfo(out).size());
        QCOMPARE(j.value(QStringLiteral("integrity")).toString(), QStringLiteral("ok"));
        QCOMPARE(j.value(QStringLiteral("sha256")).toString().size(), 64);
        QVERIFY(j.value(QStringLiteral("elapsed_ms")).isDouble());
        QCOMPARE(j.value(QStringLiteral("strategy")).toString(), QStringLiteral("publish"));
        QCOMPARE(readBank(out).problem(), QString());

        const CliRun plain = cli({QStringLiteral("snapshot"), m_db, freshDir() + QStringLiteral("/x.db"),
                                  QStringLiteral("--strategy"), QStringLiteral("backup")});
        QCOMPARE(plain.exitCode, 0);
        QVERIFY(plain.out.contains("backup"));
        const CliRun noVerify = cli({QStringLiteral("snapshot"), m_db, freshDir() + QStringLiteral("/y.db"),
                                     QStringLiteral("--json"), QStringLiteral("--compact")});
        QVERIFY(noVerify.json().value(QStringLiteral("integrity")).isNull());
        QCOMPARE(noVerify.json().value(QStringLiteral("strategy")).toString(), QStringLiteral("compact"));
    }

    void failuresExitOneWithOneLine_data() {
        QTest::addColumn<QString>("source");
        QTest::addColumn<QByteArray>(
            "content"); // written to the source first, unless empty and name is "missing"
        QTest::addColumn<QString>("says");
        QTest::newRow("missing source")
            << QStringLiteral("missing") << QByteArray() << QStringLiteral("source not found");
        QTest::newRow("directory") << QStringLiteral("dir") << QByteArray() << QStringLiteral("directory");
        QTest::newRow("not sqlite") << QStringLiteral("text") << QByteArray("hello\n")
                                    << QStringLiteral("not an SQLite database");
        QTest::newRow("zero bytes") << QStringLiteral("empty") << QByteArray("")
                                    << QStringLiteral("empty file");
    }
    void failuresExitOneWithOneLine() {
        QFETCH(QString, source);
        QFETCH(QByteArray, content);
        QFETCH(QString, says);
        const QString dir = freshDir();
        QString path = dir + QLatin1Char('/') + source;
        if (source == QStringLiteral("dir"))
            QDir().mkpath(path);
        else if (source != QStringLiteral("missing"))
            QVERIFY(writeFile(path, content));
        const QString outDir = freshDir();
        for (bool json : {false, true}) {
            QStringList args{QStringLiteral("snapshot"), path, outDir + QStringLiteral("/out.db")};
            if (json)
                args << QStringLiteral("--json");
            const CliRun r = cli(args);
            expectOneError(r, 1, says);
            if (json)
                QVERIFY(!r.json()
                             .value(QStringLiteral("error"))
                             .toObject()
                             .value(QStringLiteral("kind"))
                             .toString()
                             .isEmpty());
            QVERIFY(folderEntries(outDir).isEmpty());
        }
    }

    void refusals() {
        const QString dir = freshDir();
        const QString dest = dir + QStringLiteral("/exists.db");
        QVERIFY(writeFile(dest, "keep me"));
        expectOneError(cli({QStringLiteral("snapshot"), m_db, dest}), 1,
                       QStringLiteral("destination exists"));
        QCOMPARE(header(dest), QByteArray("keep me"));
        expectOneError(cli({QStringLiteral("snapshot"), m_db, m_db + QStringLiteral("-journal")}), 1,
                       QStringLiteral("destination is the source"));
        expectOneError(cli({QStringLiteral("snapshot"), m_db, dir + QStringLiteral("/nope/x.db")}), 1,
                       QStringLiteral("does not exist"));
        const CliRun replaced = cli({QStringLiteral("snapshot"), m_db, dest, QStringLiteral("--overwrite"),
                                     QStringLiteral("--quiet")});
        QCOMPARE(replaced.exitCode, 0);
        QVERIFY(replaced.out.isEmpty());
        QCOMPARE(readBank(dest).problem(), QString());
    }

    void verifyCatchesGarbage() {
        const QString dir = freshDir(), outDir = freshDir();
        const QString db = dir + QStringLiteral("/g.db");
        QVERIFY(runDbtool({QStringLiteral("make"), db, QStringLiteral("rollback"), QStringLiteral("5000")}));
        QFile f(db);
        QVERIFY(f.open(QIODevice::ReadWrite) && f.seek(f.size() / 2));
        f.write(QByteArray(8192, '\x5a'));
        f.close();
        expectOneError(cli({QStringLiteral("snapshot"), db, outDir + QStringLiteral("/o.db"),
                            QStringLiteral("--verify")}),
                       1, QStringLiteral("integrity"));
        QVERIFY(folderEntries(outDir).isEmpty());
    }

    void unreadableWalIsAnError() {
        const QString dir = freshDir(), outDir = freshDir();
        const QString db = dir + QStringLiteral("/u.db");
        QVERIFY(runDbtool({QStringLiteral("make"), db, QStringLiteral("rollback"), QStringLiteral("10")}));
        QVERIFY(writeFile(db + QStringLiteral("-wal"), QByteArray(64, '\0')));
        QVERIFY(::chmod(QFile::encodeName(db + QStringLiteral("-wal")).constData(), 0) == 0);
        QStringList prefix;
        if (::geteuid() == 0) {
            // Root reads everything: run the CLI as nobody, who may read the database but not its -wal.
            if (QStandardPaths::findExecutable(QStringLiteral("setpriv")).isEmpty())
                QSKIP("setpriv is missing: cannot drop root privileges");
            prefix = {QStringLiteral("setpriv"), QStringLiteral("--reuid=65534"),
                      QStringLiteral("--regid=65534"), QStringLiteral("--clear-groups"),
                      QStringLiteral("--")};
            for (const QString& p : {m_tmp.path(), dir, outDir})
                QVERIFY(::chmod(QFile::encodeName(p).constData(), 0777) == 0);
            QVERIFY(::chmod(QFile::encodeName(db).constData(), 0644) == 0);
        }
        const CliRun r =
            cli({QStringLiteral("snapshot"), db, outDir + QStringLiteral("/o.db")}, {.prefix = prefix});
        expectOneError(r, 1, QStringLiteral("-wal: permission denied"));
        QVERIFY(folderEntries(outDir).isEmpty());
    }

    void directModeOnALockedDatabase() {
        const QString dir = freshDir(), outDir = freshDir();
        const QString db = dir + QStringLiteral("/held.db");
        Helper holder({QStringLiteral("hold"), db, QStringLiteral("rollback"), QStringLiteral("--open-txn")});
        QVERIFY(holder.ready());
        const CliRun r =
            cli({QStringLiteral("snapshot"), db, outDir + QStringLiteral("/d.db"), QStringLiteral("--direct"),
                 QStringLiteral("--busy-timeout"), QStringLiteral("200")});
        expectOneError(r, 1, QStringLiteral("locked by another program: gave up after 200 ms"));
        QVERIFY(folderEntries(outDir).isEmpty());
        const CliRun bad =
            cli({QStringLiteral("snapshot"), db, outDir + QStringLiteral("/d.db"), QStringLiteral("--direct"),
                 QStringLiteral("--busy-timeout"), QStringLiteral("soon")});
        QCOMPARE(bad.exitCode, 2);
        holder.finish();
    }

    void neverStableExitsThreeByDefault() {
        const QString dir = freshDir(), outDir = freshDir();
        const QString db = dir + QStringLiteral("/busy.db");
        QVERIFY(
            runDbtool({QStringLiteral("make"), db, QStringLiteral("rollback"), QStringLiteral("300000")}));
        MtimeToucher toucher(db);
        // Strict is the default; --strict is still accepted and means the same.
        for (const QStringList& extra : {QStringList{}, QStringList{QStringLiteral("--strict")}}) {
            // As below: on a loaded machine an attempt may miss every touch and succeed (correctly).
            CliRun strict;
            for (int tries = 0; tries < 5; ++tries) {
                QFile::remove(outDir + QStringLiteral("/s.db"));
                strict = cli(QStringList{QStringLiteral("snapshot"), db, outDir + QStringLiteral("/s.db"),
                                         QStringLiteral("--retries"), QStringLiteral("3")} +
                             extra);
                if (strict.exitCode != 0)
                    break;
            }
            expectOneError(strict, 3, QStringLiteral("kept changing"));
            // The message names both ways out.
            QVERIFY(strict.err.contains("--direct") && strict.err.contains("--allow-unstable"));
            QVERIFY(folderEntries(outDir).isEmpty());
        }
        const CliRun conflicting = cli({QStringLiteral("snapshot"), db, outDir + QStringLiteral("/s.db"),
                                        QStringLiteral("--strict"), QStringLiteral("--allow-unstable")});
        expectOneError(conflicting, 2, QStringLiteral("cannot be used together"));
        // On a loaded machine the toucher thread can miss a whole attempt's window, and that attempt is
        // then stable (and correct). Try again until every attempt saw a change, as it nearly always does.
        CliRun lenient;
        for (int tries = 0; tries < 5; ++tries) {
            QFile::remove(outDir + QStringLiteral("/s.db"));
            lenient = cli({QStringLiteral("snapshot"), db, outDir + QStringLiteral("/s.db"),
                           QStringLiteral("--json"), QStringLiteral("--allow-unstable"),
                           QStringLiteral("--retries"), QStringLiteral("3")});
            if (lenient.exitCode != 0 ||
                !lenient.json().value(QStringLiteral("consistent_copy")).toBool(true))
                break;
        }
        QCOMPARE(lenient.exitCode, 0);
        QCOMPARE(lenient.json().value(QStringLiteral("consistent_copy")).toBool(true), false);
        QCOMPARE(lenient.json().value(QStringLiteral("copy_attempts")).toInt(), 4);
        QVERIFY(lenient.err.startsWith("warning: "));
    }

    void signalsCancelPromptly_data() {
        QTest::addColumn<int>("signal");
        QTest::newRow("SIGINT") << int(SIGINT);
        QTest::newRow("SIGTERM") << int(SIGTERM);
        QTest::newRow("SIGHUP") << int(SIGHUP); // the terminal went away
    }
    void signalsCancelPromptly() {
        QFETCH(int, signal);
        const QString dir = freshDir(), outDir = freshDir();
        const QString db = dir + QStringLiteral("/long.db");
        QVERIFY(
            runDbtool({QStringLiteral("make"), db, QStringLiteral("rollback"), QStringLiteral("300000")}));
        MtimeToucher toucher(db); // keeps the CLI retrying, so it is surely mid-way when the signal comes
        QProcess p;
        // On a loaded machine the toucher can miss a whole attempt, which is then stable and the run
        // ends before the signal: such a run is started again.
        for (int tries = 0; tries < 10; ++tries) {
            QFile::remove(outDir + QStringLiteral("/s.db"));
            p.start(cliPath(), {QStringLiteral("snapshot"), db, outDir + QStringLiteral("/s.db"),
                                QStringLiteral("--retries"), QStringLiteral("100000")});
            QVERIFY(p.waitForStarted());
            QTest::qWait(400);
            if (p.state() == QProcess::Running)
                break;
            p.waitForFinished();
        }
        QVERIFY(p.state() == QProcess::Running);
        QElapsedTimer clock;
        clock.start();
        ::kill(pid_t(p.processId()), signal);
        QVERIFY(p.waitForFinished(5000));
        const qint64 ms = clock.elapsed();
        qInfo("exited %lld ms after the signal", ms);
        // Under ThreadSanitizer every instruction is several times slower: the promise is for real builds.
        QVERIFY(ms < (qEnvironmentVariableIsSet("TSAN_OPTIONS") ? 5000 : 1000));
        QCOMPARE(p.exitStatus(), QProcess::NormalExit);
        QCOMPARE(p.exitCode(), 130);
        QCOMPARE(QString::fromUtf8(p.readAllStandardError()).trimmed(), QStringLiteral("error: cancelled"));
        QVERIFY(folderEntries(outDir).isEmpty());
    }

    void inspectAndTablesJson() {
        const CliRun inspect =
            cli({QStringLiteral("inspect"), m_db + QStringLiteral("-wal"), QStringLiteral("--json")});
        QCOMPARE(inspect.exitCode, 0);
        const QJsonObject j = inspect.json();
        QCOMPARE(j.value(QStringLiteral("database")).toString(), m_db);
        QCOMPARE(j.value(QStringLiteral("journal_mode")).toString(), QStringLiteral("wal"));
        QCOMPARE(j.value(QStringLiteral("page_size")).toInt(), 4096);
        QVERIFY(j.value(QStringLiteral("files")).toArray().size() >= 1);
        const CliRun human = cli({QStringLiteral("inspect"), m_db});
        QCOMPARE(human.exitCode, 0);
        QVERIFY(human.out.contains("journal mode: wal"));

        const CliRun tables = cli({QStringLiteral("tables"), m_db, QStringLiteral("--json")});
        QCOMPARE(tables.exitCode, 0);
        const QJsonArray list = tables.json().value(QStringLiteral("tables")).toArray();
        QCOMPARE(list.size(), 2);
        QCOMPARE(list[0].toObject().value(QStringLiteral("name")).toString(), QStringLiteral("accounts"));
        QCOMPARE(list[0].toObject().value(QStringLiteral("rows")).toInt(), 100);
        QCOMPARE(list[1].toObject().value(QStringLiteral("rows")).toInt(), 500);
        expectOneError(cli({QStringLiteral("tables"), m_tmp.filePath(QStringLiteral("none.db"))}), 1,
                       QStringLiteral("not found"));
    }
};

QTEST_GUILESS_MAIN(TestCli)
#include "tst_cli.moc"

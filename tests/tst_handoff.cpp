// Hand-off: the program `snapshot --into --then` and a schedule run after each new snapshot — what it is
// told (SQLITE_SNAPSHOT_*), that nothing is ever interpolated by a shell, its outcome (exit code, stderr,
// timeout) recorded and shown, and the restic and rclone recipes against a local repository and remote.
#include "testsupport.h"

#include <sqlitesnapshot/handoff.h>
#include <sqlitesnapshot/schedules.h>

#include <QCryptographicHash>
#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QProcess>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

#include <cerrno>
#include <csignal>

using namespace sqlsnap;
using namespace testsupport;

namespace {

const QString kProbe = QStringLiteral(SQLSNAP_HANDOFF_PROBE);
const QString kRecipes = QStringLiteral(SQLSNAP_SOURCE_DIR "/resources/handoff");
// Every character a shell would act on, in folder and file names and in arguments.
const QString kNasty = QStringLiteral("it's \"quoted\" $(touch PWNED) `touch PWNED2` ;&|<> *");

QJsonObject readJson(const QString& path) {
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return {};
    return QJsonDocument::fromJson(file.readAll()).object();
}

QString sha256(const QString& path) {
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return {};
    return QString::fromLatin1(QCryptographicHash::hash(file.readAll(), QCryptographicHash::Sha256).toHex());
}

QByteArray bytesOf(const QString& path) {
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

// A program's run to its end: exit code and both outputs.
struct Ran {
    int exitCode = -1;
    QByteArray out, err;
};
Ran run(const QString& program, const QStringList& args) {
    QProcess p;
    p.start(program, args);
    p.waitForFinished(120000);
    return {p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1, p.readAllStandardOutput(),
            p.readAllStandardError()};
}

QStringList snapshotsIn(const QString& folder) {
    return QDir(folder).entryList({QStringLiteral("*.sqlite")}, QDir::Files, QDir::Name);
}

} // namespace

class TestHandOff : public QObject {
    Q_OBJECT
    QTemporaryDir m_tmp;

    // A source database in a folder named with kNasty, and an empty history folder beside it.
    struct Setup {
        QString source, history;
    };
    Setup setup(const QString& name) {
        const QString dir = freshFolder(m_tmp, name) + QLatin1Char('/') + kNasty;
        const Setup s{dir + QStringLiteral("/my $(touch PWNED3) 'notes'.db"),
                      dir + QStringLiteral("/history ") + kNasty};
        if (!QDir().mkpath(s.history) ||
            !execSql(s.source, QStringLiteral("CREATE TABLE t(x); INSERT INTO t VALUES (1)")))
            return {};
        return s;
    }
    // No shell ran any of kNasty's commands: none of the files they would touch exists anywhere here.
    void expectNothingInterpolated() {
        QStringList found;
        QDirIterator it(m_tmp.path(), QDir::Files | QDir::Hidden, QDirIterator::Subdirectories);
        while (it.hasNext())
            if (QFileInfo(it.next()).fileName().startsWith(QLatin1String("PWNED")))
                found << it.filePath();
        for (const QString& where : {QDir::currentPath(), QDir::homePath()})
            for (const char* name : {"PWNED", "PWNED2", "PWNED3"})
                if (QFileInfo::exists(where + QLatin1Char('/') + QLatin1String(name)))
                    found << where + QLatin1Char('/') + QLatin1String(name);
        QVERIFY2(found.isEmpty(), qPrintable(found.join(QLatin1Char('\n'))));
    }

private slots:
    void initTestCase() {
        QVERIFY(m_tmp.isValid());
        // The CLI's schedules file and runtime folder (no systemd user session: crontab advice).
        qputenv("XDG_CONFIG_HOME", QFile::encodeName(m_tmp.filePath(QStringLiteral("config"))));
        qputenv("XDG_RUNTIME_DIR", QFile::encodeName(m_tmp.filePath(QStringLiteral("noruntime"))));
    }

    void theProgramIsToldAndNothingIsInterpolated() {
        const Setup s = setup(QStringLiteral("told"));
        QVERIFY(!s.source.isEmpty());
        const QString report = m_tmp.filePath(QStringLiteral("told-report.json"));
        const QStringList extra{kNasty, QString(), QStringLiteral("two words"), QStringLiteral("--json")};
        QStringList args{QStringLiteral("snapshot"),
                         s.source,
                         QStringLiteral("--into"),
                         s.history,
                         QStringLiteral("--json"),
                         QStringLiteral("--then"),
                         kProbe,
                         QStringLiteral("--then-arg"),
                         report};
        for (const QString& a : extra)
            args << QStringLiteral("--then-arg") << a;
        CliOptions where;
        where.workingDirectory = m_tmp.path();
        const CliRun ran = cli(args, where);
        QCOMPARE(ran.exitCode, 0);
        const QJsonObject result = ran.json();
        QCOMPARE(
            result.value(QStringLiteral("hand_off")).toObject().value(QStringLiteral("exit_code")).toInt(-9),
            0);
        const QString snapshot = result.value(QStringLiteral("destination")).toString();
        QVERIFY(QFileInfo(snapshot).isFile());

        const QJsonObject told = readJson(report);
        QVERIFY2(!told.isEmpty(), "the program did not run");
        // Its arguments exactly as given, the empty one and the option-like one included.
        QStringList argv;
        for (const QJsonValue& v : told.value(QStringLiteral("argv")).toArray())
            argv << v.toString();
        QCOMPARE(argv.mid(1), QStringList{report} + extra);
        const QJsonObject env = told.value(QStringLiteral("env")).toObject();
        QCOMPARE(env.value(QStringLiteral("SQLITE_SNAPSHOT_PATH")).toString(), snapshot);
        QCOMPARE(env.value(QStringLiteral("SQLITE_SNAPSHOT_NAME")).toString(),
                 QFileInfo(snapshot).fileName());
        QCOMPARE(env.value(QStringLiteral("SQLITE_SNAPSHOT_FOLDER")).toString(), s.history);
        QCOMPARE(env.value(QStringLiteral("SQLITE_SNAPSHOT_SOURCE")).toString(), s.source);
        QCOMPARE(env.value(QStringLiteral("SQLITE_SNAPSHOT_SIZE")).toString(),
                 QString::number(QFileInfo(snapshot).size()));
        QCOMPARE(env.value(QStringLiteral("SQLITE_SNAPSHOT_SHA256")).toString(), sha256(snapshot));
        QVERIFY(env.contains(QStringLiteral("SQLITE_SNAPSHOT_SCHEDULE_ID")));
        QCOMPARE(env.value(QStringLiteral("SQLITE_SNAPSHOT_SCHEDULE_ID")).toString(), QString());
        // The time is the one the folder's record keeps for this snapshot.
        const QJsonObject record = readJson(s.history + QStringLiteral("/.sqlite-snapshot-history.json"));
        QString recorded;
        for (const QJsonValue& e : record.value(QStringLiteral("snapshots")).toArray())
            if (e.toObject().value(QStringLiteral("file")).toString() == QFileInfo(snapshot).fileName())
                recorded = e.toObject().value(QStringLiteral("taken")).toString();
        QVERIFY2(!recorded.isEmpty(), qPrintable(QString::fromUtf8(QJsonDocument(record).toJson())));
        QCOMPARE(QDateTime::fromString(env.value(QStringLiteral("SQLITE_SNAPSHOT_TIME")).toString(),
                                       Qt::ISODateWithMs),
                 QDateTime::fromString(recorded, Qt::ISODateWithMs));
        QVERIFY(env.value(QStringLiteral("SQLITE_SNAPSHOT_TIME")).toString().endsWith(QLatin1Char('Z')));
        // Where and how it ran.
        QCOMPARE(told.value(QStringLiteral("cwd")).toString(), s.history);
        QVERIFY(told.value(QStringLiteral("stdin_eof")).toBool());
        QVERIFY(told.value(QStringLiteral("stdout_is_null")).toBool()); // never mixed into our --json
        QCOMPARE(told.value(QStringLiteral("other_fds")).toArray(), QJsonArray());
        QVERIFY(told.value(QStringLiteral("own_process_group")).toBool());
        expectNothingInterpolated();
    }

    void aScheduleRunsItAfterNewSnapshotsOnly() {
        const Setup s = setup(QStringLiteral("schedule"));
        QVERIFY(!s.source.isEmpty());
        const QString report = m_tmp.filePath(QStringLiteral("schedule-report.json"));
        auto book = ScheduleBook::open(m_tmp.filePath(QStringLiteral("schedule.json")));
        QVERIFY(book);
        Schedule schedule;
        schedule.source = s.source;
        schedule.into = s.history;
        schedule.keep.last = 10;
        schedule.afterSnapshot = {kProbe, report, QStringLiteral("all went well"), QStringLiteral("0"),
                                  QStringLiteral("0")};
        const QString id = book->add(schedule)->id;
        const QDateTime t0 = QDateTime::currentDateTimeUtc();

        auto first = runDueSchedules(*book, t0);
        QVERIFY(first && first->size() == 1);
        const LastRun run1 = first->at(0).run;
        QCOMPARE(run1.outcome, QStringLiteral("snapshot"));
        QVERIFY(run1.handOff);
        QCOMPARE(run1.handOff->exitCode, 0);
        QCOMPARE(run1.handOff->message, QString());
        QCOMPARE(run1.handOff->stderrTail, QStringLiteral("all went well"));
        const QJsonObject env = readJson(report).value(QStringLiteral("env")).toObject();
        QCOMPARE(env.value(QStringLiteral("SQLITE_SNAPSHOT_SCHEDULE_ID")).toString(), id);
        QCOMPARE(env.value(QStringLiteral("SQLITE_SNAPSHOT_PATH")).toString(), run1.file);

        // Unchanged: no new snapshot, so no hand-off.
        QVERIFY(QFile::remove(report));
        auto second = runDueSchedules(*book, t0.addSecs(3600));
        QCOMPARE(second->at(0).run.outcome, QStringLiteral("unchanged"));
        QVERIFY(!second->at(0).run.handOff);
        QVERIFY(!QFileInfo::exists(report));

        // A failing program: reported with its exit code and what it said; the snapshot stays.
        QVERIFY(execSql(s.source, QStringLiteral("INSERT INTO t VALUES (2)")));
        QVERIFY(book->recordRun(id, second->at(0).run)); // (as the run did)
        Schedule failing = book->schedules()[0];
        QVERIFY(book->remove(id));
        failing.afterSnapshot = {kProbe, report, QStringLiteral("line one\nthe upload failed"),
                                 QStringLiteral("0"), QStringLiteral("3")};
        const QString id2 = book->add(failing)->id;
        auto third = runDueSchedules(*book, t0.addSecs(7200));
        const LastRun run3 = third->at(0).run;
        QCOMPARE(run3.outcome, QStringLiteral("snapshot"));
        QCOMPARE(run3.handOff->exitCode, 3);
        QCOMPARE(run3.handOff->message, QStringLiteral("exited with 3: the upload failed"));
        QCOMPARE(run3.handOff->stderrTail, QStringLiteral("line one\nthe upload failed"));
        QCOMPARE(run3.failuresInARow, 0); // the snapshot did not fail
        QVERIFY(QFileInfo(run3.file).isFile());
        QCOMPARE(queryText(run3.file, QStringLiteral("SELECT count(*) FROM t")), QStringLiteral("2"));
        QCOMPARE(snapshotsIn(s.history).size(), 2);

        // All of it is kept in the schedules file.
        const auto reread = ScheduleBook::open(m_tmp.filePath(QStringLiteral("schedule.json")));
        QCOMPARE(reread->schedules().size(), 1);
        QCOMPARE(reread->schedules()[0].id, id2);
        QCOMPARE(reread->schedules()[0].afterSnapshot, failing.afterSnapshot);
        QCOMPARE(reread->schedules()[0].afterSnapshotTimeoutSeconds, kDefaultHandOffTimeoutSeconds);
        QVERIFY(reread->schedules()[0].last->handOff == run3.handOff);
        expectNothingInterpolated();
    }

    void anOldSchedulesFileStillLoads() {
        const QString path = m_tmp.filePath(QStringLiteral("old-schedules.json"));
        QVERIFY(writeFile(path, R"({"version": 1, "schedules": [{"id": "a.db-1", "source": "/x/a.db",
            "into": "/x/h", "every": "1h", "keep": {"daily": 7}, "skip_unchanged": true,
            "last_run": {"at": "2026-12-01T10:00:00.000Z", "outcome": "snapshot", "file": "/x/h/a.sqlite",
                         "message": "", "failures_in_a_row": 0}}]})"));
        const auto book = ScheduleBook::open(path);
        QVERIFY(book);
        QCOMPARE(book->schedules().size(), 1);
        const Schedule& s = book->schedules()[0];
        QVERIFY(s.afterSnapshot.isEmpty());
        QCOMPARE(s.afterSnapshotTimeoutSeconds, kDefaultHandOffTimeoutSeconds);
        QVERIFY(s.last);
        QCOMPARE(s.last->outcome, QStringLiteral("snapshot"));
        QVERIFY(!s.last->handOff);
    }

    void aTimeoutIsReported() {
        const Setup s = setup(QStringLiteral("timeout"));
        QVERIFY(!s.source.isEmpty());
        const QString snapshot = s.history + QStringLiteral("/snap.sqlite");
        QVERIFY(execSql(snapshot, QStringLiteral("CREATE TABLE t(x)")));
        const QString report = m_tmp.filePath(QStringLiteral("timeout-report.json"));
        // It says something, then would sleep for a minute: stopped after one second.
        auto outcome = runHandOff({kProbe, report, QStringLiteral("still uploading"), QStringLiteral("60")},
                                  {snapshot, s.source, {}, {}, {}}, 1);
        QVERIFY(outcome);
        QVERIFY(outcome->timedOut);
        QCOMPARE(outcome->exitCode, -1);
        QCOMPARE(outcome->message, QStringLiteral("timed out after 1 s (stopped): still uploading"));
        QCOMPARE(outcome->stderrTail, QStringLiteral("still uploading"));
        QVERIFY(QFileInfo::exists(report)); // it did run
        QVERIFY(outcome->elapsedMs < 60000);

        // Through a schedule and the CLI: exit 6, a warning, and `schedule list` shows it.
        QVERIFY(cli({QStringLiteral("schedule"), QStringLiteral("add"), s.source, QStringLiteral("--every"),
                     QStringLiteral("1h"), QStringLiteral("--into"), s.history, QStringLiteral("--keep-all"),
                     QStringLiteral("--then"), kProbe, QStringLiteral("--then-arg"), report,
                     QStringLiteral("--then-arg"), QStringLiteral("still uploading"),
                     QStringLiteral("--then-arg"), QStringLiteral("60"), QStringLiteral("--then-timeout"),
                     QStringLiteral("1")})
                    .exitCode == 0);
        const CliRun ran =
            cli({QStringLiteral("schedule"), QStringLiteral("run"), QStringLiteral("--quiet")});
        QCOMPARE(ran.exitCode, 6);
        QVERIFY2(ran.err.contains("hand-off failed: timed out after 1 s"), ran.err.constData());
        QCOMPARE(ran.errLines().size(), 1);
        QCOMPARE(snapshotsIn(s.history).size(), 2); // snap.sqlite and the scheduled one: it stays
        const CliRun list =
            cli({QStringLiteral("schedule"), QStringLiteral("list"), QStringLiteral("--json")});
        const QJsonObject mine = list.json().value(QStringLiteral("schedules")).toArray().last().toObject();
        QCOMPARE(mine.value(QStringLiteral("after_snapshot_timeout")).toInt(), 1);
        const QJsonObject handOff =
            mine.value(QStringLiteral("last_run")).toObject().value(QStringLiteral("hand_off")).toObject();
        QVERIFY(handOff.value(QStringLiteral("timed_out")).toBool());
        QCOMPARE(handOff.value(QStringLiteral("exit_code")).toInt(), -1);
        const CliRun human = cli({QStringLiteral("schedule"), QStringLiteral("list")});
        QVERIFY2(human.out.contains("then runs: " + kProbe.toUtf8()), human.out.constData());
        QVERIFY2(human.out.contains("hand-off failed: timed out after 1 s"), human.out.constData());
        QCOMPARE(cli({QStringLiteral("schedule"), QStringLiteral("remove"), s.source}).exitCode, 0);
    }

    void anInterruptStopsItAndKeepsTheSnapshot() {
        const Setup s = setup(QStringLiteral("interrupt"));
        QVERIFY(!s.source.isEmpty());
        const QString report = m_tmp.filePath(QStringLiteral("interrupt-report.json"));
        QProcess cliProcess;
        cliProcess.start(cliPath(),
                         {QStringLiteral("snapshot"), s.source, QStringLiteral("--into"), s.history,
                          QStringLiteral("--quiet"), QStringLiteral("--then"), kProbe,
                          QStringLiteral("--then-arg"), report, QStringLiteral("--then-arg"),
                          QStringLiteral("waiting"), QStringLiteral("--then-arg"), QStringLiteral("120")});
        QVERIFY(cliProcess.waitForStarted());
        QTRY_VERIFY_WITH_TIMEOUT(!readJson(report).isEmpty(), 60000); // the program runs
        const auto pid = pid_t(readJson(report).value(QStringLiteral("pid")).toInteger());
        QVERIFY(pid > 0);
        ::kill(pid_t(cliProcess.processId()), SIGTERM);
        QVERIFY(cliProcess.waitForFinished(60000));
        QCOMPARE(cliProcess.exitCode(), 130);
        QCOMPARE(QString::fromUtf8(cliProcess.readAllStandardError()).trimmed(),
                 QStringLiteral("error: cancelled"));
        QVERIFY(::kill(pid, 0) != 0 && errno == ESRCH); // stopped, and reaped
        QCOMPARE(snapshotsIn(s.history).size(), 1);     // the snapshot stays
        QCOMPARE(queryText(s.history + QLatin1Char('/') + snapshotsIn(s.history)[0],
                           QStringLiteral("PRAGMA integrity_check")),
                 QStringLiteral("ok"));
    }

    void programsThatCannotRun() {
        const Setup s = setup(QStringLiteral("cannot"));
        QVERIFY(!s.source.isEmpty());
        const QStringList into{QStringLiteral("snapshot"), s.source, QStringLiteral("--into"), s.history};
        expectOneError(
            cli(into + QStringList{QStringLiteral("--then"), QStringLiteral("no-such-program-here")}), 2,
            QStringLiteral("no program named no-such-program-here in PATH"));
        expectOneError(
            cli(into + QStringList{QStringLiteral("--then"), m_tmp.filePath(QStringLiteral("nothing"))}), 2,
            QStringLiteral("is not an executable file"));
        expectOneError(cli(into + QStringList{QStringLiteral("--then-arg"), QStringLiteral("x")}), 2,
                       QStringLiteral("--then-arg applies only with --then"));
        expectOneError(cli(into + QStringList{QStringLiteral("--then"), kProbe,
                                              QStringLiteral("--then-timeout"), QStringLiteral("0")}),
                       2, QStringLiteral("--then-timeout"));
        expectOneError(cli({QStringLiteral("snapshot"), s.source, m_tmp.filePath(QStringLiteral("x.db")),
                            QStringLiteral("--then"), kProbe}),
                       2, QStringLiteral("--then applies only with --into"));
        QVERIFY(snapshotsIn(s.history).isEmpty()); // a usage error takes no snapshot
        // A program that dies of a signal: reported as such, exit 6, the snapshot stays.
        const CliRun killed =
            cli(into + QStringList{QStringLiteral("--then"), QStringLiteral("sh"),
                                   QStringLiteral("--then-arg"), QStringLiteral("-c"),
                                   QStringLiteral("--then-arg"), QStringLiteral("kill -9 $$")});
        QCOMPARE(killed.exitCode, 6);
        QVERIFY2(killed.err.contains("killed by signal 9 (SIGKILL)"), killed.err.constData());
        QCOMPARE(snapshotsIn(s.history).size(), 1);
        // A bare name is looked up in PATH once, and kept absolute.
        QCOMPARE(cli({QStringLiteral("schedule"), QStringLiteral("add"), s.source, QStringLiteral("--every"),
                      QStringLiteral("1h"), QStringLiteral("--into"), s.history, QStringLiteral("--keep-all"),
                      QStringLiteral("--then"), QStringLiteral("true")})
                     .exitCode,
                 0);
        const QJsonObject mine =
            cli({QStringLiteral("schedule"), QStringLiteral("list"), QStringLiteral("--json")})
                .json()
                .value(QStringLiteral("schedules"))
                .toArray()
                .last()
                .toObject();
        QCOMPARE(mine.value(QStringLiteral("after_snapshot")).toArray(),
                 QJsonArray{QStandardPaths::findExecutable(QStringLiteral("true"))});
        // Its run says how the hand-off went, beside the snapshot.
        QVERIFY(execSql(s.source, QStringLiteral("INSERT INTO t VALUES (3)")));
        const CliRun ran = cli({QStringLiteral("schedule"), QStringLiteral("run")});
        QCOMPARE(ran.exitCode, 0);
        QVERIFY2(ran.out.contains(", handed off (exit 0, "), ran.out.constData());
        QVERIFY2(
            cli({QStringLiteral("schedule"), QStringLiteral("list")}).out.contains("; handed off (exit 0, "),
            "schedule list shows the hand-off");
        QCOMPARE(cli({QStringLiteral("schedule"), QStringLiteral("remove"), s.source}).exitCode, 0);
    }

    void theResticRecipe() {
        const QString restic = QStandardPaths::findExecutable(QStringLiteral("restic"));
        if (restic.isEmpty())
            QSKIP("restic is not installed (apt-get install restic): the restic recipe was not tried");
        const Setup s = setup(QStringLiteral("restic"));
        QVERIFY(!s.source.isEmpty());
        const QString repo = m_tmp.filePath(QStringLiteral("restic repo"));
        const QString password = m_tmp.filePath(QStringLiteral("restic-password"));
        QVERIFY(writeFile(password, "correct horse battery staple\n"));
        const QStringList access{QStringLiteral("--repo"), repo, QStringLiteral("--password-file"), password};
        const Ran init = run(restic, QStringList{QStringLiteral("init")} + access);
        QVERIFY2(init.exitCode == 0, init.err.constData());

        QStringList args{QStringLiteral("snapshot"),
                         s.source,
                         QStringLiteral("--into"),
                         s.history,
                         QStringLiteral("--json"),
                         QStringLiteral("--then"),
                         kRecipes + QStringLiteral("/restic-backup")};
        for (const QString& a : access)
            args << QStringLiteral("--then-arg") << a;
        const CliRun ran = cli(args);
        QVERIFY2(ran.exitCode == 0, ran.out.constData());
        const QString snapshot = ran.json().value(QStringLiteral("destination")).toString();

        // restic has it, tagged and under its own path, and gives back the same bytes.
        const Ran listed =
            run(restic, QStringList{QStringLiteral("snapshots"), QStringLiteral("--json"),
                                    QStringLiteral("--tag"), QStringLiteral("sqlite-snapshot")} +
                            access);
        const QJsonArray snapshots = QJsonDocument::fromJson(listed.out).array();
        QCOMPARE(snapshots.size(), 1);
        QCOMPARE(snapshots[0].toObject().value(QStringLiteral("paths")).toArray(), QJsonArray{snapshot});
        const QString target = m_tmp.filePath(QStringLiteral("restic restored"));
        const Ran restored = run(restic, QStringList{QStringLiteral("restore"), QStringLiteral("latest"),
                                                     QStringLiteral("--target"), target} +
                                             access);
        QVERIFY2(restored.exitCode == 0, restored.err.constData());
        QCOMPARE(bytesOf(target + snapshot), bytesOf(snapshot));
        QCOMPARE(queryText(target + snapshot, QStringLiteral("PRAGMA integrity_check")),
                 QStringLiteral("ok"));

        // A wrong password: restic's own words are the outcome, the snapshot stays.
        QVERIFY(execSql(s.source, QStringLiteral("INSERT INTO t VALUES (2)")));
        QVERIFY(writeFile(password, "wrong\n"));
        QStringList failing = args;
        const CliRun refused = cli(failing);
        QCOMPARE(refused.exitCode, 6);
        const QJsonObject handOff = refused.json().value(QStringLiteral("hand_off")).toObject();
        QCOMPARE(handOff.value(QStringLiteral("exit_code")).toInt(), 1);
        QVERIFY2(handOff.value(QStringLiteral("stderr_tail")).toString().contains(QLatin1String("password")),
                 qPrintable(handOff.value(QStringLiteral("stderr_tail")).toString()));
        QCOMPARE(snapshotsIn(s.history).size(), 2);
        expectNothingInterpolated();
    }

    void theRcloneRecipe() {
        const QString rclone = QStandardPaths::findExecutable(QStringLiteral("rclone"));
        if (rclone.isEmpty())
            QSKIP("rclone is not installed (apt-get install rclone): the rclone recipe was not tried");
        const Setup s = setup(QStringLiteral("rclone"));
        QVERIFY(!s.source.isEmpty());
        // A remote of type "local", defined in the environment the hand-off inherits.
        const QString remote = m_tmp.filePath(QStringLiteral("rclone remote/") + kNasty);
        QVERIFY(writeFile(m_tmp.filePath(QStringLiteral("rclone.conf")), ""));
        CliOptions env;
        env.shell = QStringLiteral("export RCLONE_CONFIG=%1/rclone.conf RCLONE_CONFIG_SNAPREMOTE_TYPE=local; "
                                   "exec \"$0\" \"$@\"")
                        .arg(m_tmp.path());
        const QStringList args{QStringLiteral("snapshot"),
                               s.source,
                               QStringLiteral("--into"),
                               s.history,
                               QStringLiteral("--json"),
                               QStringLiteral("--then"),
                               kRecipes + QStringLiteral("/rclone-copy"),
                               QStringLiteral("--then-arg"),
                               QStringLiteral("snapremote:") + remote};
        const CliRun ran = cli(args, env);
        QVERIFY2(ran.exitCode == 0, ran.out.constData());
        const QString snapshot = ran.json().value(QStringLiteral("destination")).toString();
        const QString copied = remote + QLatin1Char('/') + QFileInfo(snapshot).fileName();
        QCOMPARE(bytesOf(copied), bytesOf(snapshot));
        QVERIFY(!bytesOf(copied).isEmpty());
        // Without its destination the recipe refuses (exit 2), and the snapshot stays.
        QVERIFY(execSql(s.source, QStringLiteral("INSERT INTO t VALUES (2)")));
        const CliRun refused = cli(args.mid(0, args.size() - 2), env);
        QCOMPARE(refused.exitCode, 6);
        const QJsonObject handOff = refused.json().value(QStringLiteral("hand_off")).toObject();
        QCOMPARE(handOff.value(QStringLiteral("exit_code")).toInt(), 2);
        QVERIFY(handOff.value(QStringLiteral("message"))
                    .toString()
                    .contains(QLatin1String("usage: rclone-copy")));
        QCOMPARE(snapshotsIn(s.history).size(), 2);
        QCOMPARE(QDir(remote).entryList(QDir::Files).size(), 1);
        expectNothingInterpolated();
    }
};

QTEST_GUILESS_MAIN(TestHandOff)
#include "tst_handoff.moc"

// Schedules: intervals, the user's schedules file, and the run a timer calls (due, unchanged, failed
// N times in a row, pruned), through the engine and the CLI.
#include "testsupport.h"

#include <sqlitesnapshot/schedules.h>

#include <QDir>
#include <QFileInfo>
#include <QJsonArray>
#include <QLocale>
#include <QTemporaryDir>
#include <QTest>

#include <sys/stat.h>

using namespace sqlsnap;
using namespace testsupport;

class TestSchedule : public QObject {
    Q_OBJECT
    QTemporaryDir m_tmp;

private slots:
    void intervals() {
        QCOMPARE(parseInterval(QStringLiteral("15m")), std::optional<qint64>(900));
        QCOMPARE(parseInterval(QStringLiteral("1h")), std::optional<qint64>(3600));
        QCOMPARE(parseInterval(QStringLiteral("2d")), std::optional<qint64>(2 * 86400));
        QCOMPARE(parseInterval(QStringLiteral("1w")), std::optional<qint64>(7 * 86400));
        QCOMPARE(parseInterval(QStringLiteral("90s")), std::optional<qint64>(90));
        for (const char* bad : {"10s", "0m", "1.5h", "1x", "", "h", "-1h", "1 h"})
            QVERIFY2(!parseInterval(QLatin1String(bad)), bad);
        QCOMPARE(intervalText(3600), QStringLiteral("1h"));
        QCOMPARE(intervalText(90), QStringLiteral("90s"));
        QCOMPARE(intervalText(7 * 86400), QStringLiteral("1w"));
    }

    void theBookKeepsSchedules() {
        const QString path = m_tmp.filePath(QStringLiteral("cfg/sqlite-snapshot/schedules.json"));
        auto book = ScheduleBook::open(path);
        QVERIFY(book && book->schedules().isEmpty()); // no file yet: none
        Schedule s;
        s.source = m_tmp.filePath(QStringLiteral("a.db"));
        s.into = m_tmp.path();
        s.keep.daily = 7;
        auto added = book->add(s);
        QVERIFY(added);
        QCOMPARE(added->id, QStringLiteral("a.db-1"));
        QVERIFY(!book->add(s)); // the same source into the same folder twice
        s.into = m_tmp.filePath(QStringLiteral("cfg"));
        QCOMPARE(book->add(s)->id, QStringLiteral("a.db-2"));
        auto again = ScheduleBook::open(path);
        QCOMPARE(again->schedules().size(), 2);
        QCOMPARE(again->schedules()[0].keep.daily, 7);
        QCOMPARE(again->remove(QStringLiteral("a.db-1"))->size(), 1);
        QCOMPARE(again->remove(m_tmp.filePath(QStringLiteral("a.db")))->size(), 1); // by source
        QVERIFY(!again->remove(QStringLiteral("nope")));
        QVERIFY(ScheduleBook::open(path)->schedules().isEmpty());
        QVERIFY(writeFile(path, "{broken"));
        QVERIFY(!ScheduleBook::open(path)); // never silently replaced
    }

    void replaceEditsOneSchedule() {
        const QString dir = freshFolder(m_tmp, QStringLiteral("replace"));
        const QString path = dir + QStringLiteral("/schedules.json");
        const QString source = dir + QStringLiteral("/a.db");
        QVERIFY(execSql(source, QStringLiteral("CREATE TABLE t(x)")));
        QVERIFY(QDir().mkpath(dir + QStringLiteral("/h1")));
        auto book = ScheduleBook::open(path);
        Schedule s;
        s.source = source;
        s.into = dir + QStringLiteral("/h1");
        const Schedule first = *book->add(s);
        s.into = dir + QStringLiteral("/h2");
        const Schedule second = *book->add(s);
        // Run Now on the first: a schedule not due runs anyway, and its run is recorded.
        const auto ran = runSchedule(*book, first, QDateTime::currentDateTimeUtc());
        QVERIFY(ran);
        QCOMPARE(ran->run.outcome, QStringLiteral("snapshot"));
        QVERIFY(QFileInfo(ran->run.file).absolutePath() == dir + QStringLiteral("/h1"));
        // Changed interval and rules, same source and folder: same id, the last run kept.
        Schedule edited = ScheduleBook::open(path)->schedules()[0];
        edited.everySeconds = 900;
        edited.keep.daily = 3;
        edited.skipUnchanged = false;
        QVERIFY(book->replace(edited));
        auto reread = ScheduleBook::open(path);
        QCOMPARE(reread->schedules().size(), 2);
        QCOMPARE(reread->schedules()[0].id, first.id);
        QCOMPARE(reread->schedules()[0].everySeconds, 900);
        QCOMPARE(reread->schedules()[0].keep.daily, 3);
        QVERIFY(!reread->schedules()[0].skipUnchanged);
        QVERIFY(reread->schedules()[0].last);
        // Another folder: that last run said nothing about it.
        edited.into = dir + QStringLiteral("/h3");
        QVERIFY(book->replace(edited));
        QVERIFY(!ScheduleBook::open(path)->schedules()[0].last);
        // Onto the other schedule's source and folder, or an id that is not there: refused, nothing changed.
        edited.into = second.into;
        QVERIFY(!book->replace(edited));
        Schedule ghost = second;
        ghost.id = QStringLiteral("nope-1");
        QVERIFY(!book->replace(ghost));
        reread = ScheduleBook::open(path);
        QCOMPARE(reread->schedules()[0].into, dir + QStringLiteral("/h3"));
        QCOMPARE(reread->schedules()[1].id, second.id);
    }

    // Found by a review: a folder or a FIFO as SOURCE was accepted (every run then failed), and "hist/"
    // was not the same folder as "hist" to the duplicate check.
    void addRefusesWhatCannotBeADatabaseAndSeesOneFolder() {
        const QString dir = freshFolder(m_tmp, QStringLiteral("refuse"));
        auto book = ScheduleBook::open(dir + QStringLiteral("/schedules.json"));
        QVERIFY(book);
        Schedule s;
        s.into = dir + QStringLiteral("/hist");
        s.source = dir; // a folder
        QCOMPARE(book->add(s).error().kind, ErrorKind::InvalidArgument);
        s.source = dir + QStringLiteral("/fifo");
        QCOMPARE(::mkfifo(s.source.toUtf8().constData(), 0600), 0);
        QCOMPARE(book->add(s).error().kind, ErrorKind::InvalidArgument);
        s.source = dir + QStringLiteral("/notes.txt");
        QVERIFY(writeFile(s.source, QByteArray("not a database")));
        QCOMPARE(book->add(s).error().kind, ErrorKind::NotADatabase);
        s.source = dir + QStringLiteral("/a.db");
        QVERIFY(execSql(s.source, QStringLiteral("CREATE TABLE t(x)")));
        QVERIFY(book->add(s));
        s.into = dir + QStringLiteral("/hist/");
        QCOMPARE(book->add(s).error().kind, ErrorKind::InvalidArgument); // already scheduled there
        QCOMPARE(book->schedules().size(), 1);
        QCOMPARE(book->schedules()[0].into, dir + QStringLiteral("/hist"));
    }

    void runTakesWhatIsDueThenPrunes() {
        const QString dir = freshFolder(m_tmp, QStringLiteral("run"));
        const QString source = dir + QStringLiteral("/app.db");
        const QString history = dir + QStringLiteral("/history");
        QVERIFY(QDir().mkpath(history));
        QVERIFY(execSql(source, QStringLiteral("CREATE TABLE t(x)")));
        auto book = ScheduleBook::open(dir + QStringLiteral("/schedules.json"));
        QVERIFY(book);
        Schedule s;
        s.source = source;
        s.into = history;
        s.everySeconds = 3600;
        s.keep.last = 2;
        const QString id = book->add(s)->id;
        const QDateTime t0 = QDateTime::currentDateTimeUtc();
        const auto runAt = [&](const QDateTime& when) {
            auto reports = runDueSchedules(*book, when);
            return reports ? *reports : QList<ScheduleRunReport>{};
        };
        QList<ScheduleRunReport> r = runAt(t0);
        QCOMPARE(r.size(), 1);
        QCOMPARE(r[0].run.outcome, QStringLiteral("snapshot"));
        QVERIFY(QFileInfo::exists(r[0].run.file));
        QVERIFY(runAt(t0.addSecs(600)).isEmpty()); // not due yet
        QCOMPARE(runAt(t0.addSecs(3600)).value(0).run.outcome,
                 QStringLiteral("unchanged")); // due, nothing changed
        for (int i = 1; i <= 3; ++i) {
            QVERIFY(execSql(source, QStringLiteral("INSERT INTO t VALUES (%1)").arg(i)));
            QCOMPARE(runAt(t0.addSecs(3600 * (1 + i))).value(0).run.outcome, QStringLiteral("snapshot"));
            QTest::qWait(1100); // one snapshot name per second: keep the times apart
        }
        // Four snapshots taken, the rule keeps the last 2.
        QCOMPARE(QDir(history).entryList({QStringLiteral("*.sqlite")}, QDir::Files).size(), 2);
        // A source gone: failed, counted in a row, the book says so.
        QVERIFY(QFile::remove(source));
        for (int n = 1; n <= 3; ++n) {
            const QList<ScheduleRunReport> failed = runAt(t0.addSecs(3600 * (10 + n)));
            QCOMPARE(failed.value(0).run.outcome, QStringLiteral("failed"));
            QCOMPARE(failed.value(0).run.failuresInARow, n);
        }
        const auto reread = ScheduleBook::open(dir + QStringLiteral("/schedules.json"));
        QCOMPARE(reread->schedules()[0].last->failuresInARow, 3);
        QVERIFY(reread->schedules()[0].last->message.contains(QStringLiteral("app.db")));
        QCOMPARE(reread->schedules()[0].id, id);
        // Its snapshots stay whatever happens to the source.
        QCOMPARE(QDir(history).entryList({QStringLiteral("*.sqlite")}, QDir::Files).size(), 2);
    }

    void theCli() {
        const QString dir = freshFolder(m_tmp, QStringLiteral("cli"));
        const QString source = dir + QStringLiteral("/notes.db");
        QVERIFY(execSql(source, QStringLiteral("CREATE TABLE t(x)")));
        QVERIFY(QDir().mkpath(dir + QStringLiteral("/h")));
        CliOptions env;
        env.shell =
            QStringLiteral("XDG_CONFIG_HOME=%1/cfg XDG_RUNTIME_DIR=%1/noruntime exec \"$0\" \"$@\"").arg(dir);
        const CliRun add =
            cli({QStringLiteral("schedule"), QStringLiteral("add"), source, QStringLiteral("--every"),
                 QStringLiteral("1h"), QStringLiteral("--into"), dir + QStringLiteral("/h"),
                 QStringLiteral("--keep-daily"), QStringLiteral("7")},
                env);
        QCOMPARE(add.exitCode, 0);
        QVERIFY2(add.out.contains("schedule run"), add.out.constData()); // how it gets run: a crontab line
        QVERIFY(QFileInfo::exists(dir + QStringLiteral("/cfg/sqlite-snapshot/schedules.json")));
        const CliRun run =
            cli({QStringLiteral("schedule"), QStringLiteral("run"), QStringLiteral("--json")}, env);
        QCOMPARE(run.exitCode, 0);
        QCOMPARE(run.json().value(QStringLiteral("runs")).toArray().size(), 1);
        QCOMPARE(run.json()
                     .value(QStringLiteral("runs"))
                     .toArray()[0]
                     .toObject()
                     .value(QStringLiteral("outcome"))
                     .toString(),
                 QStringLiteral("snapshot"));
        const CliRun list =
            cli({QStringLiteral("schedule"), QStringLiteral("list"), QStringLiteral("--json")}, env);
        QCOMPARE(list.json()
                     .value(QStringLiteral("schedules"))
                     .toArray()[0]
                     .toObject()
                     .value(QStringLiteral("id"))
                     .toString(),
                 QStringLiteral("notes.db-1"));
        expectOneError(
            cli({QStringLiteral("schedule"), QStringLiteral("add"), source, QStringLiteral("--every"),
                 QStringLiteral("5s"), QStringLiteral("--into"), dir, QStringLiteral("--keep-all")},
                env),
            2, QStringLiteral("--every"));
        expectOneError(cli({QStringLiteral("schedule"), QStringLiteral("add"), source,
                            QStringLiteral("--every"), QStringLiteral("1h"), QStringLiteral("--into"), dir},
                           env),
                       2, QStringLiteral("--keep-all"));
        expectOneError(cli({QStringLiteral("schedule"), QStringLiteral("frobnicate")}, env), 2,
                       QStringLiteral("add, edit, list, remove or run"));
        QCOMPARE(
            cli({QStringLiteral("schedule"), QStringLiteral("remove"), QStringLiteral("notes.db-1")}, env)
                .exitCode,
            0);
    }

    // schedule edit ID: only what is given changes (the same parsing as add); --keep-… rules replace the
    // rules as a whole; --then/--then-arg/--then-timeout/--no-then edit the hand-off; the last run stays
    // while the folder does; list says when each is next due, in the app's words (nextDueText).
    void theCliEditsASchedule() {
        const QString dir = freshFolder(m_tmp, QStringLiteral("edit"));
        const QString source = dir + QStringLiteral("/notes.db");
        QVERIFY(execSql(source, QStringLiteral("CREATE TABLE t(x)")));
        QVERIFY(QDir().mkpath(dir + QStringLiteral("/h")) && QDir().mkpath(dir + QStringLiteral("/h2")));
        CliOptions env;
        env.shell =
            QStringLiteral("XDG_CONFIG_HOME=%1/cfg XDG_RUNTIME_DIR=%1/noruntime exec \"$0\" \"$@\"").arg(dir);
        const auto run = [&](QStringList args) {
            return cli(QStringList{QStringLiteral("schedule")} + args, env);
        };
        QCOMPARE(run({QStringLiteral("add"), source, QStringLiteral("--every"), QStringLiteral("1h"),
                      QStringLiteral("--into"), dir + QStringLiteral("/h"), QStringLiteral("--keep-daily"),
                      QStringLiteral("7"), QStringLiteral("--keep-hourly"), QStringLiteral("24")})
                     .exitCode,
                 0);
        QCOMPARE(run({QStringLiteral("run"), QStringLiteral("--quiet")}).exitCode, 0);
        const auto listed = [&] {
            return run({QStringLiteral("list"), QStringLiteral("--json")})
                .json()
                .value(QStringLiteral("schedules"))
                .toArray()[0]
                .toObject();
        };
        QJsonObject s = listed();
        QVERIFY(s.contains(QStringLiteral("last_run")));
        QCOMPARE(s.value(QStringLiteral("due_now")).toBool(true), false);

        // Only --every changes.
        const CliRun every = run({QStringLiteral("edit"), QStringLiteral("notes.db-1"),
                                  QStringLiteral("--every"), QStringLiteral("1d"), QStringLiteral("--json")});
        QCOMPARE(every.exitCode, 0);
        QCOMPARE(every.json().value(QStringLiteral("every")).toString(), QStringLiteral("1d"));
        s = listed();
        QCOMPARE(s.value(QStringLiteral("every")).toString(), QStringLiteral("1d"));
        QCOMPARE(s.value(QStringLiteral("keep")).toObject().value(QStringLiteral("daily")).toInt(), 7);
        QCOMPARE(s.value(QStringLiteral("keep")).toObject().value(QStringLiteral("hourly")).toInt(), 24);
        QCOMPARE(s.value(QStringLiteral("skip_unchanged")).toBool(), true);
        QVERIFY(s.contains(QStringLiteral("last_run"))); // same source and folder: its last run stays

        // Keep rules given replace the rules; --always; a hand-off with arguments, as a list.
        QCOMPARE(run({QStringLiteral("edit"), QStringLiteral("notes.db-1"), QStringLiteral("--keep-yearly"),
                      QStringLiteral("3"), QStringLiteral("--always"), QStringLiteral("--then"),
                      QStringLiteral("true"), QStringLiteral("--then-arg"), QStringLiteral("a b"),
                      QStringLiteral("--then-arg"), QStringLiteral("--x"), QStringLiteral("--then-timeout"),
                      QStringLiteral("60")})
                     .exitCode,
                 0);
        s = listed();
        QCOMPARE(s.value(QStringLiteral("keep")).toObject(), (QJsonObject{{QStringLiteral("yearly"), 3}}));
        QCOMPARE(s.value(QStringLiteral("skip_unchanged")).toBool(true), false);
        const QStringList argv = s.value(QStringLiteral("after_snapshot")).toVariant().toStringList();
        QCOMPARE(argv.size(), 3);
        QVERIFY(argv[0].endsWith(QStringLiteral("/true")));
        QCOMPARE(argv.mid(1), (QStringList{QStringLiteral("a b"), QStringLiteral("--x")}));
        QCOMPARE(s.value(QStringLiteral("after_snapshot_timeout")).toInt(), 60);
        // --then-timeout alone changes the timeout of the program it has; --no-then removes it.
        QCOMPARE(run({QStringLiteral("edit"), QStringLiteral("notes.db-1"), QStringLiteral("--then-timeout"),
                      QStringLiteral("90"), QStringLiteral("--skip-unchanged")})
                     .exitCode,
                 0);
        s = listed();
        QCOMPARE(s.value(QStringLiteral("after_snapshot")).toVariant().toStringList(), argv);
        QCOMPARE(s.value(QStringLiteral("after_snapshot_timeout")).toInt(), 90);
        QCOMPARE(s.value(QStringLiteral("skip_unchanged")).toBool(), true);
        QCOMPARE(
            run({QStringLiteral("edit"), QStringLiteral("notes.db-1"), QStringLiteral("--no-then")}).exitCode,
            0);
        QVERIFY(listed().value(QStringLiteral("after_snapshot")).toArray().isEmpty());
        // Another folder: a new history, so the last run goes.
        QCOMPARE(run({QStringLiteral("edit"), QStringLiteral("notes.db-1"), QStringLiteral("--into"),
                      dir + QStringLiteral("/h2")})
                     .exitCode,
                 0);
        s = listed();
        QCOMPARE(s.value(QStringLiteral("into")).toString(), dir + QStringLiteral("/h2"));
        QVERIFY(!s.contains(QStringLiteral("last_run")));
        QCOMPARE(s.value(QStringLiteral("due_now")).toBool(), true);

        // Refusals, each saying which option, and the file as it was.
        const QByteArray before = [&] {
            QFile f(dir + QStringLiteral("/cfg/sqlite-snapshot/schedules.json"));
            return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
        }();
        expectOneError(run({QStringLiteral("edit"), QStringLiteral("notes.db-1")}), 2,
                       QStringLiteral("something to change"));
        expectOneError(run({QStringLiteral("edit"), QStringLiteral("nope-9"), QStringLiteral("--every"),
                            QStringLiteral("1h")}),
                       1, QStringLiteral("nope-9"));
        expectOneError(run({QStringLiteral("edit"), QStringLiteral("notes.db-1"), QStringLiteral("--every"),
                            QStringLiteral("5s")}),
                       2, QStringLiteral("--every"));
        expectOneError(
            run({QStringLiteral("edit"), QStringLiteral("notes.db-1"), QStringLiteral("--keep-all"),
                 QStringLiteral("--keep-last"), QStringLiteral("2")}),
            2, QStringLiteral("--keep-all"));
        expectOneError(run({QStringLiteral("edit"), QStringLiteral("notes.db-1"),
                            QStringLiteral("--then-timeout"), QStringLiteral("9")}),
                       2, QStringLiteral("runs no program"));
        expectOneError(run({QStringLiteral("edit"), QStringLiteral("notes.db-1"), QStringLiteral("--into"),
                            dir + QStringLiteral("/missing")}),
                       1, QStringLiteral("not a folder"));
        QFile f(dir + QStringLiteral("/cfg/sqlite-snapshot/schedules.json"));
        QVERIFY(f.open(QIODevice::ReadOnly));
        QCOMPARE(f.readAll(), before);

        // list: "next: due now" — nextDueText, which the app's Next Due column shows too.
        const CliRun text = run({QStringLiteral("list")});
        QVERIFY2(text.out.contains("  next: due now\n"), text.out.constData());
        QCOMPARE(listed().value(QStringLiteral("next_due")).toString(), QStringLiteral("due now"));
    }

    void nextDueIsWordedOnce() {
        const QDateTime now = QDateTime::currentDateTime();
        Schedule s;
        s.everySeconds = 3600;
        QCOMPARE(nextDueText(s, now), QStringLiteral("due now")); // never run
        s.last = LastRun{now.addSecs(-30 * 60).toUTC(), QStringLiteral("snapshot"), {}, {}, 0, {}};
        QCOMPARE(
            nextDueText(s, now),
            QStringLiteral("in 30 min (%1)").arg(now.addSecs(30 * 60).toString(QStringLiteral("HH:mm"))));
        s.everySeconds = 7 * 86400;
        const QDateTime due = now.addSecs(-30 * 60 + 7 * 86400);
        QCOMPARE(nextDueText(s, now), QLocale().toString(due, QStringLiteral("d MMM HH:mm")));
    }
};

QTEST_GUILESS_MAIN(TestSchedule)
#include "tst_schedule.moc"

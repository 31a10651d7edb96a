// The Schedules window (and Keep Snapshots… where it meets the CLI) on the real widgets, over the same
// schedules file the CLI edits ($XDG_CONFIG_HOME/sqlite-snapshot/schedules.json): what the dialog saves
// `schedule list` shows and what `schedule add` writes the window lists; last runs read as text ("snapshot
// taken 10:00", "kept changing — 3 times in a row"); Run Now takes a snapshot into the folder; the timer line
// says what runs them.
#include "schedulefixture.h"

#include <QCheckBox>
#include <QComboBox>
#include <QHeaderView>
#include <QJsonArray>
#include <QLabel>
#include <QLineEdit>
#include <QListView>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QRegularExpression>
#include <QScopeGuard>
#include <QSignalSpy>
#include <QSpinBox>
#include <QStackedLayout>
#include <QTest>
#include <QTreeWidget>

using namespace sqlsnap;
using namespace sqlsnap::ui;
using namespace testsupport;

class TestScheduleView : public QObject, ScheduleFixture {
    Q_OBJECT

private slots:
    void initTestCase() { setUpOnce(); }
    void init() { setUp(); }

    void theDialogAndTheCliEditOneFile() {
        QCOMPARE(ScheduleBook::defaultPath(), m_config + QStringLiteral("/sqlite-snapshot/schedules.json"));
        const QString db = m_tmp.filePath(QStringLiteral("notes.db"));
        QVERIFY(execSql(db, QStringLiteral("CREATE TABLE t(x)")));
        const QString history = m_tmp.filePath(QStringLiteral("notes-history"));
        MainWindow w;
        w.setSnapshotFolder(m_tmp.filePath(QStringLiteral("snaps")));
        selectSource(w, db);
        QVERIFY(w.scheduleActions()->keepSnapshotsAction()->isEnabled());
        QVERIFY(w.sourceView()->actions().contains(w.scheduleActions()->keepSnapshotsAction()));

        KeepSnapshotsDialog* keep = w.scheduleActions()->openKeepSnapshots();
        QVERIFY(keep && readDone(keep) && !keep->isEditing());
        QVERIFY(!keep->schedule()->isVisibleTo(keep));        // nothing to choose from yet
        QCOMPARE(keep->folder()->text(), w.snapshotFolder()); // the app's snapshot folder by default
        QVERIFY(keep->skipUnchanged()->isChecked());
        shoot(keep, QStringLiteral("keep-snapshots.png"), QSize(620, keep->sizeHint().height()));
        keep->interval()->setCurrentText(QStringLiteral("every while")); // not an interval: said in place
        QVERIFY(!saveAndWait(keep));
        QVERIFY(keep->problem()->isVisibleTo(keep));
        QVERIFY(keep->problem()->text().contains(QStringLiteral("every while")));
        keep->interval()->setCurrentText(QStringLiteral("15m"));
        keep->folder()->setText(history);
        keep->keepBox(QStringLiteral("last"))->setValue(3);
        keep->keepBox(QStringLiteral("hourly"))->setValue(0);
        keep->keepBox(QStringLiteral("daily"))->setValue(5);
        keep->keepBox(QStringLiteral("weekly"))->setValue(0);
        keep->keepBox(QStringLiteral("monthly"))->setValue(2);
        keep->keepBox(QStringLiteral("yearly"))->setValue(0);
        QVERIFY(saveAndWait(keep));

        QJsonArray listed = cliSchedules();
        QCOMPARE(listed.size(), 1);
        QJsonObject s = listed[0].toObject();
        QCOMPARE(s.value(QStringLiteral("source")).toString(), db);
        QCOMPARE(s.value(QStringLiteral("into")).toString(), history);
        QCOMPARE(s.value(QStringLiteral("every")).toString(), QStringLiteral("15m"));
        const QJsonObject rules = s.value(QStringLiteral("keep")).toObject();
        QCOMPARE(rules.value(QStringLiteral("last")).toInt(), 3);
        QCOMPARE(rules.value(QStringLiteral("daily")).toInt(), 5);
        QCOMPARE(rules.value(QStringLiteral("monthly")).toInt(), 2);
        QVERIFY(!rules.contains(QStringLiteral("hourly")));
        const QString id = s.value(QStringLiteral("id")).toString();

        // The CLI adds one: the window lists both.
        const QString other = m_tmp.filePath(QStringLiteral("other.db"));
        QVERIFY(execSql(other, QStringLiteral("CREATE TABLE t(x)")));
        QCOMPARE(cli({QStringLiteral("schedule"), QStringLiteral("add"), other, QStringLiteral("--every"),
                      QStringLiteral("1d"), QStringLiteral("--into"), history,
                      QStringLiteral("--keep-weekly"), QStringLiteral("4")},
                     m_env)
                     .exitCode,
                 0);
        SchedulesWindow* window = w.scheduleActions()->openSchedules();
        QVERIFY(loaded(window));
        QCOMPARE(window->list()->topLevelItemCount(), 2);
        QCOMPARE(window->list()->topLevelItem(1)->text(SchedulesWindow::SourceColumn),
                 QStringLiteral("other.db"));
        QCOMPARE(window->list()->topLevelItem(1)->text(SchedulesWindow::EveryColumn),
                 QStringLiteral("every day"));
        QCOMPARE(window->list()->topLevelItem(1)->text(SchedulesWindow::KeepColumn),
                 QStringLiteral("weekly 4"));
        QCOMPARE(window->list()->topLevelItem(0)->text(SchedulesWindow::EveryColumn),
                 QStringLiteral("every 15 minutes"));
        QCOMPARE(window->list()->topLevelItem(0)->text(SchedulesWindow::KeepColumn),
                 QStringLiteral("last 3, daily 5, monthly 2"));
        QCOMPARE(window->list()->topLevelItem(0)->text(SchedulesWindow::LastRunColumn),
                 QStringLiteral("not run yet"));
        QCOMPARE(window->list()->topLevelItem(0)->text(SchedulesWindow::NextColumn),
                 QStringLiteral("due now"));

        // Keep Snapshots… again on the same database edits that schedule: same id, the CLI sees the change.
        KeepSnapshotsDialog* again = w.scheduleActions()->openKeepSnapshots();
        QVERIFY(readDone(again) && again->isEditing());
        QCOMPARE(again->interval()->currentText(), QStringLiteral("15m"));
        QCOMPARE(again->keepBox(QStringLiteral("daily"))->value(), 5);
        QVERIFY(again->removeButton()->isVisibleTo(again));
        again->interval()->setCurrentText(QStringLiteral("2h"));
        again->skipUnchanged()->setChecked(false);
        QVERIFY(saveAndWait(again));
        QVERIFY(loaded(window));
        listed = cliSchedules();
        QCOMPARE(listed.size(), 2);
        QCOMPARE(listed[0].toObject().value(QStringLiteral("id")).toString(), id);
        QCOMPARE(listed[0].toObject().value(QStringLiteral("every")).toString(), QStringLiteral("2h"));
        QCOMPARE(listed[0].toObject().value(QStringLiteral("skip_unchanged")).toBool(true), false);
        QCOMPARE(window->list()->topLevelItem(0)->text(SchedulesWindow::EveryColumn),
                 QStringLiteral("every 2 hours"));

        // The CLI removes the other; the window, shown again, no longer lists it.
        QCOMPARE(cli({QStringLiteral("schedule"), QStringLiteral("remove"), other}, m_env).exitCode, 0);
        window->hide();
        window->show();
        QVERIFY(loaded(window));
        QCOMPARE(window->list()->topLevelItemCount(), 1);
        // Removed in the window: the CLI lists none.
        window->list()->topLevelItem(0)->setSelected(true);
        QVERIFY(window->removeSelected());
        QVERIFY(loaded(window));
        QCOMPARE(cliSchedules().size(), 0);
        QCOMPARE(window->list()->topLevelItemCount(), 0);
        shoot(window, QStringLiteral("schedules-empty.png"), QSize(780, 360));
    }

    void lastRunsReadAsText() {
        auto book = ScheduleBook::open();
        QVERIFY(book);
        const QDateTime now = QDateTime::currentDateTime();
        const QDateTime at(now.date(), QTime(now.time().hour(), 0));
        const auto make = [&](const QString& name, const LastRun& run) {
            Schedule s;
            s.source = m_tmp.filePath(name);
            s.into = m_tmp.filePath(QStringLiteral("h"));
            s.everySeconds = 7 * 86400;
            s.keep.daily = 7;
            if (run.handOff)
                s.afterSnapshot = {QStringLiteral("/usr/share/sqlite-snapshot/handoff/restic-backup")};
            const QString id = book->add(s)->id;
            QVERIFY(book->recordRun(id, run));
        };
        make(QStringLiteral("taken.db"),
             {at.toUTC(), QStringLiteral("snapshot"), QStringLiteral("/h/x.sqlite"), {}, 0, {}});
        make(QStringLiteral("same.db"),
             {at.toUTC(), QStringLiteral("unchanged"), QStringLiteral("/h/x.sqlite"), {}, 0, {}});
        make(QStringLiteral("busy.db"),
             {at.toUTC(),
              QStringLiteral("failed"),
              {},
              QStringLiteral("the database kept changing: no stable copy in 101 attempts: /busy.db"),
              3,
              {}});
        make(QStringLiteral("gone.db"), {at.addDays(-9).toUTC(),
                                         QStringLiteral("failed"),
                                         {},
                                         QStringLiteral("gone.db: no such file"),
                                         1,
                                         {}});
        // After a new snapshot, how its hand-off went (LastRun::handOff), beside the snapshot's line.
        make(QStringLiteral("handed.db"), {at.toUTC(),
                                           QStringLiteral("snapshot"),
                                           QStringLiteral("/h/y.sqlite"),
                                           {},
                                           0,
                                           HandOffOutcome{0, {}, {}, false, 800}});
        make(QStringLiteral("refused.db"),
             {at.toUTC(),
              QStringLiteral("snapshot"),
              QStringLiteral("/h/z.sqlite"),
              {},
              0,
              HandOffOutcome{1, QStringLiteral("exited with 1: Fatal: wrong password"), {}, false, 90}});
        SchedulesWindow window([](JobSpec) -> Job* { return nullptr; }, ScheduleBook::defaultPath());
        QVERIFY(loaded(&window));
        const auto text = [&](int row, int column) { return window.list()->topLevelItem(row)->text(column); };
        const QString hhmm = at.toString(QStringLiteral("HH:mm"));
        QCOMPARE(text(0, SchedulesWindow::LastRunColumn), QStringLiteral("snapshot taken %1").arg(hhmm));
        QCOMPARE(text(1, SchedulesWindow::LastRunColumn),
                 QStringLiteral("unchanged at %1, no new snapshot").arg(hhmm));
        QCOMPARE(text(2, SchedulesWindow::LastRunColumn),
                 QStringLiteral("kept changing — 3 times in a row (last %1)").arg(hhmm));
        QVERIFY(text(3, SchedulesWindow::LastRunColumn)
                    .startsWith(QStringLiteral("failed: gone.db: no such file (")));
        QCOMPARE(text(3, SchedulesWindow::NextColumn), QStringLiteral("due now")); // a week has passed
        QCOMPARE(text(4, SchedulesWindow::LastRunColumn),
                 QStringLiteral("snapshot taken %1; handed to restic-backup").arg(hhmm));
        QCOMPARE(text(5, SchedulesWindow::LastRunColumn),
                 QStringLiteral("snapshot taken %1; hand-off failed: exited with 1: Fatal: wrong password")
                     .arg(hhmm));
        QCOMPARE(text(0, SchedulesWindow::NextColumn),
                 ScheduleText::timeText(at.addDays(7), now)); // a week from that run
        QCOMPARE(window.list()->topLevelItem(2)->toolTip(SchedulesWindow::LastRunColumn),
                 QStringLiteral("the database kept changing: no stable copy in 101 attempts: /busy.db"));
        // Without a systemd user session: the crontab line, as the CLI prints it.
        QTRY_VERIFY(!window.isCheckingTimer());
        QVERIFY2(window.timerLine()->text().contains(QStringLiteral("schedule run --quiet")),
                 qPrintable(window.timerLine()->text()));
        QVERIFY(window.timerLine()->text().contains(QStringLiteral("crontab")));
        QVERIFY(!window.turnOnButton()->isVisibleTo(&window));
        shoot(&window, QStringLiteral("schedules.png"), QSize(1200, 420));
        shoot(&window, QStringLiteral("schedules-800x600.png"), QSize(790, 420));
    }

    // A systemd user session whose timer is off: a stand-in `systemctl` on PATH (a real process, as the
    // real one would be) says "disabled" until it is asked to enable the timer, and records what it ran.
    void anOffTimerCanBeTurnedOn() {
        const QString bin = freshFolder(m_tmp, QStringLiteral("bin"));
        const QString runtime = freshFolder(m_tmp, QStringLiteral("runtime"));
        QVERIFY(QDir().mkpath(runtime + QStringLiteral("/systemd")));
        const QString log = bin + QStringLiteral("/calls");
        const QString script = bin + QStringLiteral("/systemctl");
        QVERIFY(writeFile(
            script,
            QStringLiteral(
                "#!/bin/sh\n"
                "echo \"$*\" >> '%1'\n"
                "case \"$2\" in\n"
                "  is-enabled) if [ -e '%1.on' ]; then echo enabled; else echo disabled; exit 1; fi ;;\n"
                "  enable) touch '%1.on' ;;\n"
                "esac\n")
                .arg(log)
                .toUtf8()));
        QVERIFY(QFile::setPermissions(script, QFile::ReadOwner | QFile::WriteOwner | QFile::ExeOwner));
        const QByteArray oldPath = qgetenv("PATH"), oldRuntime = qgetenv("XDG_RUNTIME_DIR");
        qputenv("PATH", bin.toLocal8Bit() + ':' + oldPath);
        qputenv("XDG_RUNTIME_DIR", runtime.toLocal8Bit());
        {
            SchedulesWindow window([](JobSpec) -> Job* { return nullptr; }, ScheduleBook::defaultPath());
            window.show();
            QTRY_VERIFY(!window.isCheckingTimer());
            QVERIFY2(window.timerLine()->text().contains(QStringLiteral("is off")),
                     qPrintable(window.timerLine()->text()));
            QVERIFY(window.turnOnButton()->isVisible());
            QTest::mouseClick(window.turnOnButton(), Qt::LeftButton);
            QVERIFY(window.isCheckingTimer());
            QTRY_VERIFY(!window.isCheckingTimer());
            QVERIFY2(window.timerLine()->text().contains(QStringLiteral("is on")),
                     qPrintable(window.timerLine()->text()));
            QVERIFY(!window.turnOnButton()->isVisible());
        }
        qputenv("PATH", oldPath);
        qputenv("XDG_RUNTIME_DIR", oldRuntime);
        QFile calls(log);
        QVERIFY(calls.open(QIODevice::ReadOnly));
        QCOMPARE(QString::fromUtf8(calls.readAll()),
                 QStringLiteral("--user is-enabled sqlite-snapshot-schedule.timer\n"
                                "--user enable --now sqlite-snapshot-schedule.timer\n"
                                "--user is-enabled sqlite-snapshot-schedule.timer\n"));
    }

    void runNowTakesASnapshotIntoTheFolder() {
        const QString db = m_tmp.filePath(QStringLiteral("run.db"));
        QVERIFY(execSql(db, QStringLiteral("CREATE TABLE t(x); INSERT INTO t VALUES (42)")));
        const QString history = freshFolder(m_tmp, QStringLiteral("run-history"));
        auto book = ScheduleBook::open();
        Schedule s;
        s.source = db;
        s.into = history;
        s.everySeconds = 86400;
        s.keep.last = 5;
        QVERIFY(book->add(s));
        MainWindow w;
        w.setSnapshotFolder(history); // the default folder of a new schedule
        QTRY_COMPARE(w.snapshots()->rowCount(), 0);
        SchedulesWindow* window = w.scheduleActions()->openSchedules();
        QVERIFY(loaded(window));
        window->list()->topLevelItem(0)->setSelected(true);
        Job* job = window->runNow();
        QVERIFY(job);
        QTRY_VERIFY_WITH_TIMEOUT(!job->isRunning(), 30000);
        QCOMPARE(job->state(), Job::State::Succeeded);
        const QStringList files = QDir(history).entryList({QStringLiteral("run.db *.sqlite")}, QDir::Files);
        QCOMPARE(files.size(), 1);
        QCOMPARE(queryText(history + QLatin1Char('/') + files[0], QStringLiteral("SELECT x FROM t")),
                 QStringLiteral("42"));
        QTRY_COMPARE(w.snapshots()->rowCount(), 1); // the main window's snapshots list shows it
        QVERIFY(loaded(window));
        QVERIFY(window->list()
                    ->topLevelItem(0)
                    ->text(SchedulesWindow::LastRunColumn)
                    .startsWith(QStringLiteral("snapshot taken")));
        QCOMPARE(cliSchedules()[0]
                     .toObject()
                     .value(QStringLiteral("last_run"))
                     .toObject()
                     .value(QStringLiteral("outcome"))
                     .toString(),
                 QStringLiteral("snapshot"));
        // Again, nothing changed: unchanged, no second file.
        window->list()->topLevelItem(0)->setSelected(true);
        Job* second = window->runNow();
        QTRY_VERIFY_WITH_TIMEOUT(!second->isRunning(), 30000);
        QCOMPARE(QDir(history).entryList({QStringLiteral("run.db *.sqlite")}, QDir::Files).size(), 1);
        QTest::qWait(50);
        QVERIFY(loaded(window));
        QVERIFY(window->list()
                    ->topLevelItem(0)
                    ->text(SchedulesWindow::LastRunColumn)
                    .startsWith(QStringLiteral("unchanged at")));
    }

    // A schedules file that cannot be read: said in place, Run Now / Edit / Remove and Save off, and the
    // file stays byte for byte as it was.
    void anUnreadableFileIsSaidAndNeverWrittenOver_data() {
        QTest::addColumn<QString>("how");
        QTest::newRow("bad JSON") << QStringLiteral("json");
        QTest::newRow("a folder in its place") << QStringLiteral("folder");
        QTest::newRow("permission denied") << QStringLiteral("mode");
    }
    void anUnreadableFileIsSaidAndNeverWrittenOver() {
        QFETCH(QString, how);
        const QString path = ScheduleBook::defaultPath();
        QVERIFY(QDir().mkpath(QFileInfo(path).path()));
        const QByteArray bad = "{\"version\": 1, \"schedules\": [ {\"id\": \"half";
        if (how == QStringLiteral("folder")) {
            QVERIFY(QDir().mkpath(path));
        } else {
            QVERIFY(writeFile(path, bad));
            if (how == QStringLiteral("mode")) {
                if (::geteuid() == 0)
                    QSKIP("root reads a file whatever its mode");
                QVERIFY(QFile::setPermissions(path, {}));
            }
        }
        const auto cleanup = qScopeGuard([&] {
            QFile::setPermissions(path, QFile::ReadOwner | QFile::WriteOwner);
            QDir(path).removeRecursively();
            QFile::remove(path);
        });
        SchedulesWindow window([](JobSpec) -> Job* { return nullptr; }, path);
        window.show();
        QVERIFY(loaded(&window));
        QVERIFY(window.problem()->isVisible());
        QVERIFY2(window.problem()->text().contains(QStringLiteral("cannot be read")),
                 qPrintable(window.problem()->text()));
        QVERIFY(!window.runNowButton()->isEnabled());
        QVERIFY(!window.editButton()->isEnabled());
        QVERIFY(!window.removeButton()->isEnabled());
        QVERIFY(!window.runNow());
        QVERIFY(!window.removeSelected());
        if (how == QStringLiteral("json")) {
            // Where the JSON breaks, for the user who edited it by hand.
            QVERIFY2(QRegularExpression(QStringLiteral("not valid JSON: .* at line 1, column \\d+ "))
                         .match(window.problem()->text())
                         .hasMatch(),
                     qPrintable(window.problem()->text()));
            shoot(&window, QStringLiteral("schedules-unreadable.png"), QSize(780, 420));
        }

        const QString db = m_tmp.filePath(QStringLiteral("unread.db"));
        QVERIFY(QFileInfo::exists(db) || execSql(db, QStringLiteral("CREATE TABLE t(x)")));
        KeepSnapshotsDialog d(db, m_tmp.filePath(QStringLiteral("h")), path);
        QVERIFY(readDone(&d));
        QVERIFY(d.problem()->isVisibleTo(&d));
        QVERIFY(d.problem()->text().contains(QStringLiteral("cannot be read")));
        QVERIFY(!d.saveButton()->isEnabled());
        QVERIFY(!d.save());
        QVERIFY(!saveAndWait(&d));
        if (how != QStringLiteral("folder"))
            QCOMPARE(fileBytes(path), bad);
        else
            QVERIFY(QFileInfo(path).isDir());
    }

    // Both fit an 800x600 screen: their size hints and default sizes, and shown at 800x600 every button
    // and every column is in view (no horizontal scrolling to reach Next Due).
    void theSchedulesWindowFitsAn800x600Screen() {
        auto book = ScheduleBook::open();
        Schedule s;
        s.source = m_tmp.filePath(QStringLiteral("a-database-with-a-rather-long-name.sqlite"));
        s.into =
            m_tmp.filePath(QStringLiteral("a/history/folder/deep/inside/the/home/of/the/user/snapshots"));
        s.keep = RetentionPolicy{5, 24, 7, 4, 12, 3};
        s.skipUnchanged = false;
        QVERIFY(book->add(s));
        book->recordRun(
            book->schedules()[0].id,
            {QDateTime::currentDateTimeUtc(),
             QStringLiteral("snapshot"),
             s.into + QStringLiteral("/x"),
             {},
             0,
             HandOffOutcome{1, QStringLiteral("exited with 1: Fatal: wrong password"), {}, false, 90}});
        SchedulesWindow window([](JobSpec) -> Job* { return nullptr; }, ScheduleBook::defaultPath());
        QVERIFY(window.width() <= 800);
        QVERIFY2(window.sizeHint().width() <= 800, qPrintable(QString::number(window.sizeHint().width())));
        QVERIFY(window.minimumSizeHint().width() <= 800);
        window.resize(800, 600);
        window.show();
        QVERIFY(loaded(&window));
        QTRY_VERIFY(!window.isCheckingTimer());
        QApplication::processEvents();
        for (QPushButton* b : window.findChildren<QPushButton*>())
            if (b->isVisible())
                QVERIFY2(inside(b, &window), qPrintable(b->text()));
        QHeaderView* header = window.list()->header();
        const int right = header->sectionViewportPosition(SchedulesWindow::NextColumn) +
                          header->sectionSize(SchedulesWindow::NextColumn);
        QVERIFY2(right <= window.list()->viewport()->width(),
                 qPrintable(QStringLiteral("%1 > %2").arg(right).arg(window.list()->viewport()->width())));
        shoot(&window, QStringLiteral("schedules-800x600.png"), QSize(800, 600));
    }

    void keepSnapshotsFitsAn800x600Screen() {
        const QString db = m_tmp.filePath(QStringLiteral("fits.db"));
        KeepSnapshotsDialog d(db, m_tmp.filePath(QStringLiteral("h")), ScheduleBook::defaultPath());
        QVERIFY(readDone(&d));
        QVERIFY(d.sizeHint().width() <= 800 && d.sizeHint().height() <= 600);
        QVERIFY(d.minimumSizeHint().width() <= 800 && d.minimumSizeHint().height() <= 600);
        d.show();
        QApplication::processEvents();
        for (QPushButton* b : d.findChildren<QPushButton*>())
            if (b->isVisible())
                QVERIFY2(inside(b, &d), qPrintable(b->text()));
    }

    // "Next due" is said one way, by nextDueText: the Schedules window's column, the Schedule box of Keep
    // Snapshots… and `schedule list`.
    void nextDueReadsTheSameEverywhere() {
        const QString db = m_tmp.filePath(QStringLiteral("due.db"));
        QVERIFY(QFileInfo::exists(db) || execSql(db, QStringLiteral("CREATE TABLE t(x)")));
        auto book = ScheduleBook::open();
        Schedule s;
        s.source = db;
        s.into = freshFolder(m_tmp, QStringLiteral("due-history"));
        s.everySeconds = 86400;
        s.keep.daily = 3;
        const QString id = book->add(s)->id;
        const QDateTime at = QDateTime::currentDateTimeUtc().addSecs(-2 * 3600);
        QVERIFY(book->recordRun(id, {at, QStringLiteral("unchanged"), {}, {}, 0, {}}));
        s = ScheduleBook::open()->schedules()[0];
        const QString words = nextDueText(s, QDateTime::currentDateTime());
        QVERIFY(!words.isEmpty() && words != QStringLiteral("due now"));

        SchedulesWindow window([](JobSpec) -> Job* { return nullptr; }, ScheduleBook::defaultPath());
        QVERIFY(loaded(&window));
        QCOMPARE(window.list()->topLevelItem(0)->text(SchedulesWindow::NextColumn), words);
        KeepSnapshotsDialog d(db, m_tmp.filePath(QStringLiteral("h")), ScheduleBook::defaultPath());
        QVERIFY(readDone(&d));
        QVERIFY2(d.schedule()->itemText(0).endsWith(QStringLiteral("next: ") + words),
                 qPrintable(d.schedule()->itemText(0)));
        const CliRun list = cli({QStringLiteral("schedule"), QStringLiteral("list")}, m_env);
        QVERIFY2(list.out.contains((QStringLiteral("  next: ") + words + QLatin1Char('\n')).toUtf8()),
                 list.out.constData());
    }
};

QTEST_MAIN(TestScheduleView)
#include "tst_scheduleview.moc"

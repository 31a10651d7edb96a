// The Keep Snapshots… dialog on the real widgets, over the schedules file the CLI edits: it chooses
// among a database's schedules, and edits the hand-off program (a list of arguments, a timeout) with the
// last hand-off's outcome beside it.
#include "schedulefixture.h"

#include <QComboBox>
#include <QJsonArray>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSpinBox>
#include <QTest>

using namespace sqlsnap;
using namespace sqlsnap::ui;
using namespace testsupport;

class TestKeepSnapshots : public QObject, ScheduleFixture {
    Q_OBJECT

private slots:
    void initTestCase() { setUpOnce(); }
    void init() { setUp(); }

    // A database with two schedules (two history folders): the dialog lets the user choose which one is
    // edited, or a new one; each keeps its own rules, yearly ones included.
    void keepSnapshotsChoosesAmongADatabasesSchedules() {
        const QString db = m_tmp.filePath(QStringLiteral("two.db"));
        QVERIFY(execSql(db, QStringLiteral("CREATE TABLE t(x)")));
        const QString near = freshFolder(m_tmp, QStringLiteral("near")),
                      far = freshFolder(m_tmp, QStringLiteral("far"));
        auto book = ScheduleBook::open();
        QVERIFY(book);
        Schedule a;
        a.source = db;
        a.into = near;
        a.everySeconds = 3600;
        a.keep.hourly = 24;
        Schedule b = a;
        b.into = far;
        b.everySeconds = 86400;
        b.keep = RetentionPolicy{};
        b.keep.yearly = 3;
        const QString idA = book->add(a)->id, idB = book->add(b)->id;
        MainWindow w;
        w.setSnapshotFolder(m_tmp.filePath(QStringLiteral("snaps")));
        selectSource(w, db);
        KeepSnapshotsDialog* d = w.scheduleActions()->openKeepSnapshots();
        QVERIFY(readDone(d));
        QVERIFY(d->schedule()->isVisibleTo(d));
        QCOMPARE(d->schedule()->count(), 3); // both, then "New schedule"
        QVERIFY(d->schedule()->itemText(1).contains(QDir::toNativeSeparators(far)));
        QCOMPARE(d->folder()->text(), QDir::toNativeSeparators(near)); // the first, chosen at once
        QCOMPARE(d->keepBox(QStringLiteral("hourly"))->value(), 24);
        d->schedule()->setCurrentIndex(1);
        QCOMPARE(d->folder()->text(), QDir::toNativeSeparators(far));
        QCOMPARE(d->keepBox(QStringLiteral("yearly"))->value(), 3);
        QCOMPARE(d->keepBox(QStringLiteral("hourly"))->value(), 0);
        d->keepBox(QStringLiteral("yearly"))->setValue(5);
        d->show();
        shoot(d, QStringLiteral("keep-snapshots.png"), QSize(620, d->sizeHint().height()));
        QVERIFY(saveAndWait(d));
        const QJsonArray listed = cliSchedules();
        QCOMPARE(listed.size(), 2);
        QCOMPARE(listed[0].toObject().value(QStringLiteral("id")).toString(), idA); // untouched
        QCOMPARE(listed[0]
                     .toObject()
                     .value(QStringLiteral("keep"))
                     .toObject()
                     .value(QStringLiteral("hourly"))
                     .toInt(),
                 24);
        QCOMPARE(listed[1].toObject().value(QStringLiteral("id")).toString(), idB);
        QCOMPARE(listed[1]
                     .toObject()
                     .value(QStringLiteral("keep"))
                     .toObject()
                     .value(QStringLiteral("yearly"))
                     .toInt(),
                 5);
        // "New schedule": a third one, into the app's folder unless changed.
        KeepSnapshotsDialog* third = w.scheduleActions()->openKeepSnapshots();
        QVERIFY(readDone(third));
        third->schedule()->setCurrentIndex(2);
        QVERIFY(!third->isEditing());
        QCOMPARE(third->folder()->text(), w.snapshotFolder());
        QVERIFY(saveAndWait(third));
        QCOMPARE(cliSchedules().size(), 3);
    }

    // The hand-off program, its arguments (a list: one a line, spaces kept, no shell) and its timeout are
    // edited in the dialog; the last hand-off's outcome is shown beside them.
    void theHandOffIsEditedInTheDialog() {
        const QString db = m_tmp.filePath(QStringLiteral("handoff.db"));
        QVERIFY(execSql(db, QStringLiteral("CREATE TABLE t(x)")));
        const QString into = freshFolder(m_tmp, QStringLiteral("handoff-history"));
        MainWindow w;
        w.setSnapshotFolder(into);
        selectSource(w, db);
        KeepSnapshotsDialog* d = w.scheduleActions()->openKeepSnapshots();
        QVERIFY(readDone(d));
        QCOMPARE(d->handOffLast()->text(), QStringLiteral("none"));
        d->handOffArguments()->setPlainText(QStringLiteral("--tag"));
        QVERIFY(!saveAndWait(d)); // arguments without a program
        QVERIFY(d->problem()->isVisibleTo(d));
        d->handOffProgram()->setText(QStringLiteral("no-such-program-here"));
        QVERIFY(!saveAndWait(d)); // as the CLI's --then: it must be found
        QVERIFY2(d->problem()->text().contains(QStringLiteral("no-such-program-here")),
                 qPrintable(d->problem()->text()));
        QCOMPARE(cliSchedules().size(), 0);
        d->handOffProgram()->setText(QStringLiteral("true")); // a bare name: looked up in PATH now
        d->handOffArguments()->setPlainText(QStringLiteral("--tag\nwith space\n$HOME; rm -rf x\n"));
        d->handOffTimeout()->setValue(120);
        QVERIFY(saveAndWait(d));
        QJsonObject s = cliSchedules()[0].toObject();
        const QStringList argv = s.value(QStringLiteral("after_snapshot")).toVariant().toStringList();
        QCOMPARE(argv.size(), 4);
        QVERIFY(QFileInfo(argv[0]).isAbsolute() && argv[0].endsWith(QStringLiteral("/true")));
        QCOMPARE(argv.mid(1), (QStringList{QStringLiteral("--tag"), QStringLiteral("with space"),
                                           QStringLiteral("$HOME; rm -rf x")}));
        QCOMPARE(s.value(QStringLiteral("after_snapshot_timeout")).toInt(), 120);
        // Never run: its hand-off has not run either (not "not run by the last run").
        KeepSnapshotsDialog* unrun = w.scheduleActions()->openKeepSnapshots();
        QVERIFY(readDone(unrun));
        QCOMPARE(unrun->handOffLast()->text(), QStringLiteral("not run yet"));
        unrun->reject();

        // A run whose hand-off failed: the dialog says so beside the program.
        auto book = ScheduleBook::open();
        const QString id = s.value(QStringLiteral("id")).toString();
        QVERIFY(book->recordRun(
            id, {QDateTime::currentDateTimeUtc(),
                 QStringLiteral("snapshot"),
                 into + QStringLiteral("/x.sqlite"),
                 {},
                 0,
                 HandOffOutcome{1, QStringLiteral("exited with 1: Fatal: no repo"), {}, false, 90}}));
        KeepSnapshotsDialog* again = w.scheduleActions()->openKeepSnapshots();
        QVERIFY(readDone(again));
        QCOMPARE(again->handOffProgram()->text(), argv[0]);
        QCOMPARE(again->handOffArguments()->toPlainText(),
                 QStringLiteral("--tag\nwith space\n$HOME; rm -rf x"));
        QCOMPARE(again->handOffTimeout()->value(), 120);
        QVERIFY2(
            again->handOffLast()->text().startsWith(QStringLiteral("failed: exited with 1: Fatal: no repo")),
            qPrintable(again->handOffLast()->text()));
        // Cleared: no hand-off any more.
        again->handOffProgram()->clear();
        again->handOffArguments()->clear();
        QVERIFY(saveAndWait(again));
        QVERIFY(cliSchedules()[0].toObject().value(QStringLiteral("after_snapshot")).toArray().isEmpty());
    }
};

QTEST_MAIN(TestKeepSnapshots)
#include "tst_keepsnapshots.moc"

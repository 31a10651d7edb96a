// The History view on the Database tab, on the real window: a database's snapshots from its folders'
// records and the files really there (newest first, a missing file shown as missing), each action on the
// row pointed at, Delete removing only what this tool wrote, and Restore… writing the target atomically,
// keeping the file it replaced, refused while a real process holds the target until the user confirms.
#include "testsupport.h"
#include "widgetsupport.h"

#include "history/historymodel.h"
#include "history/historyview.h"
#include "history/snapshotdeletion.h"
#include "jobs/job.h"
#include "jobs/joblistmodel.h"
#include "jobs/jobspanel.h"
#include "preview/previewwidget.h"
#include "snapshots/snapshotlistmodel.h"
#include "sources/sourcelistmodel.h"
#include "window/destinationprompt.h"
#include "window/mainwindow.h"
#include "window/translations.h"

#include <sqlitesnapshot/history.h>
#include <sqlitesnapshot/schedules.h>
#include <sqlitesnapshot/snapshot.h>

#include <QAction>
#include <QApplication>
#include <QClipboard>
#include <QContextMenuEvent>
#include <QCryptographicHash>
#include <QFile>
#include <QFileInfo>
#include <QHeaderView>
#include <QItemSelectionModel>
#include <QLabel>
#include <QListView>
#include <QMenu>
#include <QMessageBox>
#include <QPushButton>
#include <QSignalSpy>
#include <QTabWidget>
#include <QTest>
#include <QTimer>
#include <QTreeView>

#include <sys/stat.h>

using namespace sqlsnap;
using namespace sqlsnap::ui;
using namespace testsupport;

namespace {
QByteArray bytesOf(const QString& path) {
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

quint64 inodeOf(const QString& path) {
    struct stat st {};
    return ::stat(QFile::encodeName(path).constData(), &st) == 0 ? quint64(st.st_ino) : 0;
}

// A schedule that keeps `source` in `into` (its folder then belongs to the database's history).
bool keepBySchedule(const QString& source, const QString& into) {
    Schedule schedule;
    schedule.source = QFileInfo(source).absoluteFilePath();
    schedule.into = into;
    auto book = ScheduleBook::open();
    return book && book->add(schedule);
}

QDateTime at(int hour) {
    return QDateTime(QDate(2026, 1, 1), QTime(hour, 0));
}

// Right-clicks the row of `path` and triggers the context menu's entry `text`; false when the entry is
// missing or disabled.
bool triggerOnRow(HistoryView* history, const QString& path, const QString& text) {
    QTreeView* view = history->view();
    const QModelIndex index = history->model()->index(history->model()->rowOfPath(path), 0);
    if (!index.isValid())
        return false;
    return testsupport::triggerContextMenu(view, view->visualRect(index).center(), text);
}

QString cell(const HistoryModel* m, const QString& path, int column, int role = Qt::DisplayRole) {
    const int row = m->rowOfPath(path);
    return row < 0 ? QStringLiteral("<not listed>") : m->data(m->index(row, column), role).toString();
}

QList<Job*> jobsOf(MainWindow& w, JobKind kind) {
    QList<Job*> found;
    for (Job* j : w.jobs()->jobs())
        if (j->kind() == kind)
            found << j;
    return found;
}
} // namespace

class TestHistoryView : public QObject {
    Q_OBJECT
    QTemporaryDir m_tmp;

    // A database with a row per snapshot, and its snapshots at `hours` into `folder`, recorded there with
    // those times (so the order is known).
    QStringList makeHistory(const QString& source, const QString& folder, const QList<int>& hours) {
        QStringList made;
        for (int hour : hours) {
            if (!execSql(
                    source,
                    QStringLiteral("CREATE TABLE IF NOT EXISTS t(x); INSERT INTO t VALUES (%1)").arg(hour)))
                return {};
            const QString path = folder + QLatin1Char('/') + snapshotFileName(source, at(hour));
            SnapshotOptions options;
            if (auto taken = takeSnapshot(source, path, options); !taken)
                return {};
            auto history = HistoryFolder::open(folder);
            if (!history || !history->add(path, QFileInfo(source).absoluteFilePath(), at(hour), std::nullopt))
                return {};
            made << path;
        }
        return made;
    }

    std::unique_ptr<MainWindow> window(const QString& folder, const QString& source) {
        auto w = std::make_unique<MainWindow>();
        w->setSnapshotFolder(folder);
        w->resize(1100, 800);
        w->show();
        w->activateWindow();
        if (!QTest::qWaitForWindowActive(w.get()))
            qWarning("the window did not become active: keys may not reach it");
        w->addSources({source});
        return w;
    }

    // Waits until the history shows `rows` rows of `source` (read off the GUI thread).
    static bool historyShows(MainWindow& w, const QString& source, int rows) {
        HistoryModel* model = w.history()->model();
        const QString database = QFileInfo(source).absoluteFilePath();
        return QTest::qWaitFor(
            [&] { return model->database() == database && !model->isLoading() && model->rowCount() == rows; },
            10000);
    }

    static bool waitForJobs(MainWindow& w) {
        return QTest::qWaitFor([&] { return w.jobs()->runningCount() == 0; }, 30000);
    }

private slots:
    void initTestCase() {
        qputenv("XDG_DATA_HOME", QFile::encodeName(m_tmp.filePath(QStringLiteral("data"))));
        qputenv("XDG_CONFIG_HOME", QFile::encodeName(m_tmp.filePath(QStringLiteral("config"))));
        QApplication::setOrganizationName(QStringLiteral("SQLite Snapshot Tests"));
        QApplication::setApplicationName(QStringLiteral("tst_historyview"));
        installTranslations(QLocale(QLocale::English, QLocale::UnitedStates));
        QVERIFY(ScheduleBook::defaultPath().startsWith(m_tmp.path()));
    }

    void timelineFromTheRecordsAndTheFilesThere() {
        const QString dir = freshFolder(m_tmp, QStringLiteral("timeline"));
        const QString folder = dir + QStringLiteral("/snapshots");
        const QString kept = dir + QStringLiteral("/kept"); // a schedule's folder
        QVERIFY(QDir().mkpath(folder) && QDir().mkpath(kept));
        const QString source = dir + QStringLiteral("/notes.db");
        const QStringList snaps = makeHistory(source, folder, {10, 11, 12});
        QCOMPARE(snaps.size(), 3);
        const QStringList scheduled = makeHistory(source, kept, {9});
        QCOMPARE(scheduled.size(), 1);
        QVERIFY(keepBySchedule(source, kept));
        // Not this database's: another one's recorded snapshot, a file of another name, and one named as
        // ours are taken before the folder kept a record (listed: the name says it is this database's).
        const QString other = dir + QStringLiteral("/other.db");
        QCOMPARE(makeHistory(other, folder, {13}).size(), 1);
        QVERIFY(writeFile(folder + QStringLiteral("/notes.txt"), "not a snapshot"));
        const QString unrecorded = folder + QLatin1Char('/') + snapshotFileName(source, at(8));
        QVERIFY(QFile::copy(snaps[0], unrecorded));
        // The 11:00 snapshot's file was deleted outside the app: missing, not an error.
        QVERIFY(QFile::remove(snaps[1]));

        auto w = window(folder, source);
        QVERIFY(historyShows(*w, source, 5));
        HistoryModel* model = w->history()->model();
        QVERIFY(w->history()->isVisible());
        QVERIFY(w->history()->statusLabel()->text().contains(QStringLiteral("1 missing")));
        QCOMPARE(model->folders(), QStringList({folder, kept}));
        const QStringList order{snaps[2], snaps[1], snaps[0], scheduled[0], unrecorded};
        for (int row = 0; row < order.size(); ++row)
            QCOMPARE(model->entry(row).path, order[row]);
        QCOMPARE(cell(model, snaps[1], HistoryModel::SizeColumn), QStringLiteral("missing"));
        QVERIFY(!model->entry(1).present);
        QVERIFY(model->entry(0).present && model->entry(0).recorded);
        QVERIFY(!model->entry(4).recorded);
        QCOMPARE(cell(model, snaps[2], HistoryModel::TakenColumn), QStringLiteral("2026-01-01 12:00:00"));
        QCOMPARE(cell(model, snaps[2], HistoryModel::SizeColumn).isEmpty(), false);
        QCOMPARE(cell(model, snaps[2], HistoryModel::VerifiedColumn), QStringLiteral("not verified"));
        QVERIFY(model->problems().isEmpty());
        const QString status = w->history()->statusLabel()->text();
        QVERIFY2(status.contains(QStringLiteral("5 snapshots")) &&
                     status.contains(QStringLiteral("1 missing")),
                 qPrintable(status));

        // Verify (toolbar, current row): the Verified column says when, SHA-256 is shortened, whole on
        // hover and in Copy SHA-256.
        w->history()->view()->setCurrentIndex(model->index(0, 0));
        QVERIFY(w->history()->verifyAction()->isEnabled());
        w->history()->verifyAction()->trigger();
        QVERIFY(waitForJobs(*w));
        QCOMPARE(jobsOf(*w, JobKind::Verify).size(), 1);
        QCOMPARE(jobsOf(*w, JobKind::Verify).first()->source(), snaps[2]);
        QTRY_VERIFY_WITH_TIMEOUT(
            cell(model, snaps[2], HistoryModel::VerifiedColumn).startsWith(QStringLiteral("ok · ")), 10000);
        const QString sha = QString::fromLatin1(
            QCryptographicHash::hash(bytesOf(snaps[2]), QCryptographicHash::Sha256).toHex());
        QCOMPARE(cell(model, snaps[2], HistoryModel::Sha256Column), sha.left(12) + QStringLiteral("…"));
        QVERIFY(cell(model, snaps[2], HistoryModel::Sha256Column, Qt::ToolTipRole).contains(sha));
        QCOMPARE(cell(model, snaps[0], HistoryModel::VerifiedColumn), QStringLiteral("not verified"));
        QTRY_COMPARE(w->history()->view()->currentIndex().row(), 0); // kept across the reload
        QVERIFY(triggerOnRow(w->history(), snaps[2], QStringLiteral("Copy SHA-256")));
        QCOMPARE(QApplication::clipboard()->text(), sha);

        // A snapshot taken elsewhere (the CLI's --into, a schedule run) shows by itself: the folder is
        // watched.
        auto elsewhere = snapshotInto(source, folder, SnapshotOptions{}, false);
        QVERIFY2(elsewhere && elsewhere->snapshot, elsewhere ? "" : qPrintable(elsewhere.error().message));
        QTRY_VERIFY_WITH_TIMEOUT(model->rowOfPath(elsewhere->snapshot->destination) == 0, 10000);

        // A damaged record is said in place; the files named as ours still show.
        QVERIFY(writeFile(kept + QLatin1Char('/') + QLatin1String(HistoryFolder::kRecordName), "{ not json"));
        w->history()->refresh();
        QTRY_VERIFY_WITH_TIMEOUT(!model->problems().isEmpty(), 10000);
        QVERIFY2(w->history()->statusLabel()->text().contains(QStringLiteral("cannot be read")),
                 qPrintable(w->history()->statusLabel()->text()));
        QVERIFY(model->rowOfPath(scheduled[0]) >= 0);

        // No database picked: the view says to pick one.
        w->history()->showDatabase(QString());
        QCOMPARE(model->rowCount(), 0);
        QVERIFY(w->history()->statusLabel()->text().contains(QStringLiteral("Pick a database")));
    }

    void eachActionActsOnTheRowPointedAt() {
        const QString dir = freshFolder(m_tmp, QStringLiteral("actions"));
        const QString source = dir + QStringLiteral("/app.db");
        const QStringList snaps = makeHistory(source, dir, {10, 11, 12, 13});
        QCOMPARE(snaps.size(), 4);
        QVERIFY(QFile::remove(snaps[2])); // 12:00 missing
        auto w = window(dir, source);
        QVERIFY(historyShows(*w, source, 4));
        HistoryView* history = w->history();
        history->view()->setCurrentIndex(history->model()->index(0, 0)); // the current row is another one

        QVERIFY(triggerOnRow(history, snaps[1], QStringLiteral("Open")));
        auto* preview = qobject_cast<PreviewWidget*>(w->tabs()->currentWidget());
        QVERIFY(preview);
        QCOMPARE(preview->snapshotPath(), snaps[1]);
        QCOMPARE(history->currentPath(), snaps[1]); // the row pointed at became current

        // Compare with Previous: the one before it in time whose file is there (12:00 is missing).
        QSignalSpy compare(history, &HistoryView::compareRequested);
        QVERIFY(triggerOnRow(history, snaps[3], QStringLiteral("Compare with Previous")));
        QCOMPARE(compare.size(), 1);
        QCOMPARE(compare[0][0].toString(), snaps[1]);
        QCOMPARE(compare[0][1].toString(), snaps[3]);
        QVERIFY(!triggerOnRow(history, snaps[0], QStringLiteral("Compare with Previous"))); // the oldest
        QVERIFY(!history->compareAction()->isEnabled());
        history->view()->setCurrentIndex(history->model()->index(history->model()->rowOfPath(snaps[1]), 0));
        QVERIFY(history->compareAction()->isEnabled());
        history->compareAction()->trigger();
        QCOMPARE(compare.size(), 2);
        QCOMPARE(compare[1][0].toString(), snaps[0]);
        QCOMPARE(compare[1][1].toString(), snaps[1]);

        // Two selected: Compare compares those two, the older as A, from the toolbar and the menu alike;
        // the actions on one snapshot are off (which one would be a guess). Three: no Compare.
        QItemSelectionModel* selection = history->view()->selectionModel();
        const auto rowIndex = [&](const QString& p) {
            return history->model()->index(history->model()->rowOfPath(p), 0);
        };
        selection->select(rowIndex(snaps[3]),
                          QItemSelectionModel::ClearAndSelect | QItemSelectionModel::Rows);
        selection->setCurrentIndex(rowIndex(snaps[0]),
                                   QItemSelectionModel::Select | QItemSelectionModel::Rows);
        QCOMPARE(history->selectedPaths().size(), 2);
        QCOMPARE(history->compareAction()->text(), QStringLiteral("Compare the Two"));
        QVERIFY(history->compareAction()->isEnabled());
        QVERIFY(!history->openAction()->isEnabled());
        QVERIFY(!history->restoreAction()->isEnabled());
        history->compareAction()->trigger();
        QCOMPARE(compare.size(), 3);
        QCOMPARE(compare[2][0].toString(), snaps[0]);
        QCOMPARE(compare[2][1].toString(), snaps[3]);
        QVERIFY(triggerOnRow(history, snaps[3], QStringLiteral("Compare the Two")));
        QCOMPARE(compare.size(), 4);
        QCOMPARE(compare[3][0].toString(), snaps[0]);
        QCOMPARE(compare[3][1].toString(), snaps[3]);
        selection->select(rowIndex(snaps[1]), QItemSelectionModel::Select | QItemSelectionModel::Rows);
        QVERIFY(!history->compareAction()->isEnabled());
        history->view()->setCurrentIndex(rowIndex(snaps[1])); // one again
        QCOMPARE(history->compareAction()->text(), QStringLiteral("Compare with Previous"));

        // A missing snapshot can only be deleted (from the record).
        QVERIFY(!triggerOnRow(history, snaps[2], QStringLiteral("Open")));
        QVERIFY(!history->openAction()->isEnabled());
        QVERIFY(!history->restoreAction()->isEnabled());
        QVERIFY(history->deleteAction()->isEnabled());

        // Export: the existing export job, of the row pointed at.
        const QString exported = dir + QStringLiteral("/exported.sqlite");
        w->destinations()->chooseSaveFile = [&](const QString&, const QString& suggested, const QString&) {
            return QFileInfo(suggested).fileName() == QFileInfo(snaps[0]).fileName() ? exported : QString();
        };
        QVERIFY(triggerOnRow(history, snaps[0], QStringLiteral("Export…")));
        QVERIFY(waitForJobs(*w));
        QCOMPARE(jobsOf(*w, JobKind::Export).size(), 1);
        QCOMPARE(jobsOf(*w, JobKind::Export).first()->source(), snaps[0]);
        QCOMPARE(jobsOf(*w, JobKind::Export).first()->state(), Job::State::Succeeded);
        QCOMPARE(queryText(exported, QStringLiteral("SELECT max(x) FROM t")), QStringLiteral("10"));

        // Verify: of the row pointed at (outside the selection: it becomes the selection).
        QVERIFY(triggerOnRow(history, snaps[3], QStringLiteral("Verify")));
        QVERIFY(waitForJobs(*w));
        QCOMPARE(jobsOf(*w, JobKind::Verify).size(), 1);
        QCOMPARE(jobsOf(*w, JobKind::Verify).first()->source(), snaps[3]);

        // Enter opens the current row.
        history->view()->setFocus();
        history->view()->setCurrentIndex(history->model()->index(history->model()->rowOfPath(snaps[3]), 0));
        QTest::keyClick(history->view(), Qt::Key_Return);
        preview = qobject_cast<PreviewWidget*>(w->tabs()->currentWidget());
        QVERIFY(preview);
        QCOMPARE(preview->snapshotPath(), snaps[3]);
    }

    void deleteRemovesOnlyThatFile() {
        const QString dir = freshFolder(m_tmp, QStringLiteral("delete"));
        const QString source = dir + QStringLiteral("/data.db");
        const QString folder = dir + QStringLiteral("/snaps");
        QVERIFY(QDir().mkpath(folder));
        const QStringList snaps = makeHistory(source, folder, {10, 11, 12});
        QCOMPARE(snaps.size(), 3);
        QVERIFY(writeFile(folder + QStringLiteral("/notes.txt"), "mine"));
        auto w = window(folder, source);
        QVERIFY(historyShows(*w, source, 3));
        HistoryView* history = w->history();
        w->openPreview(snaps[1]);
        w->openPreview(snaps[2]);
        QCOMPARE(w->tabs()->count(), 3);
        QTRY_VERIFY(w->snapshots()->rowOfPath(snaps[1]) >= 0);

        QStringList asked;
        history->confirmDelete = [&](const QStringList& paths) {
            asked = paths;
            return true;
        };
        const QStringList before = folderEntries(folder);
        QSignalSpy done(history, &HistoryView::deletionFinished);
        history->view()->setFocus();
        QVERIFY(triggerOnRow(history, snaps[1], QStringLiteral("Delete…")));
        QCOMPARE(asked, QStringList{snaps[1]});
        QVERIFY(done.wait(10000));
        QVERIFY(!QFile::exists(snaps[1]));
        QStringList expected = before;
        expected.removeAll(QFileInfo(snaps[1]).fileName());
        QCOMPARE(folderEntries(folder), expected); // nothing else went
        QCOMPARE(w->tabs()->count(), 2);           // its preview closed; the other stays
        QCOMPARE(qobject_cast<PreviewWidget*>(w->tabs()->widget(1))->snapshotPath(), snaps[2]);
        QCOMPARE(w->snapshots()->rowOfPath(snaps[1]), -1);
        auto record = HistoryFolder::open(folder);
        QVERIFY(record);
        QCOMPARE(record->entries().size(), 2);
        for (const HistoryEntry& e : record->entries())
            QVERIFY(e.file != QFileInfo(snaps[1]).fileName());
        QCOMPARE(history->model()->rowCount(), 2);
        QVERIFY(history->model()->rowOfPath(snaps[1]) < 0);

        // The Delete key acts on the selection, with its question.
        history->view()->setCurrentIndex(history->model()->index(history->model()->rowOfPath(snaps[0]), 0));
        asked.clear();
        history->confirmDelete = [&](const QStringList& paths) {
            asked = paths;
            return false; // declined: nothing happens
        };
        w->activateWindow();
        QVERIFY(QTest::qWaitForWindowActive(w.get()));
        history->view()->setFocus();
        QVERIFY(history->deleteAction()->isEnabled());
        QTest::keyClick(history->view(), Qt::Key_Delete);
        QCOMPARE(asked, QStringList{snaps[0]});
        QVERIFY(QFile::exists(snaps[0]));

        // Never a foreign file, even asked directly: a file of another name, a snapshot-named symbolic
        // link to it, a recorded snapshot changed since it was written.
        const QString foreign = folder + QStringLiteral("/notes.txt");
        const QString link = folder + QLatin1Char('/') + snapshotFileName(source, at(7));
        QVERIFY(QFile::link(foreign, link));
        QVERIFY(execSql(snaps[0], QStringLiteral("INSERT INTO t VALUES (99)"))); // edited since
        const DeletionOutcome outcome = SnapshotDeletion::run({foreign, link, snaps[0]});
        QVERIFY(outcome.deleted.isEmpty());
        QCOMPARE(outcome.refused.size(), 3);
        QCOMPARE(bytesOf(foreign), QByteArray("mine"));
        QVERIFY(QFileInfo(link).isSymLink());
        QVERIFY(QFile::exists(snaps[0]));
        QCOMPARE(HistoryFolder::open(folder)->entries().size(), 2);
        // A recorded snapshot whose file is gone leaves the record; nothing is deleted for it.
        QVERIFY(QFile::remove(snaps[2]) || !QFile::exists(snaps[2]));
        const DeletionOutcome forgotten = SnapshotDeletion::run({snaps[2]});
        QCOMPARE(forgotten.forgotten, QStringList{snaps[2]});
        QCOMPARE(HistoryFolder::open(folder)->entries().size(), 1);
    }

    void restoreWritesTheTargetAtomicallyAndKeepsTheOldOne() {
        const QString dir = freshFolder(m_tmp, QStringLiteral("restore"));
        const QString source = dir + QStringLiteral("/app.db");
        const QString folder = dir + QStringLiteral("/snaps");
        QVERIFY(QDir().mkpath(folder));
        const QStringList snaps = makeHistory(source, folder, {10, 11});
        QCOMPARE(snaps.size(), 2);
        QVERIFY(execSql(source, QStringLiteral("INSERT INTO t VALUES (500)"))); // what a restore replaces
        const QByteArray old = bytesOf(source);
        const quint64 oldInode = inodeOf(source);
        auto w = window(folder, source);
        QVERIFY(historyShows(*w, source, 2));
        HistoryView* history = w->history();
        QString suggested;
        history->chooseRestoreTarget = [&](const QString& s) {
            suggested = s;
            return s;
        };
        QString confirmedTarget;
        history->confirmRestore = [&](const QString&, const QString& target) {
            confirmedTarget = target;
            return true;
        };
        history->confirmRestoreInUse = [](const QString&, const QString&) { return false; };
        QVERIFY(triggerOnRow(history, snaps[0], QStringLiteral("Restore…"))); // the 10:00 one
        QCOMPARE(suggested, QFileInfo(source).absoluteFilePath()); // the database's own path by default
        QCOMPARE(confirmedTarget, suggested);
        QVERIFY(waitForJobs(*w));
        const QList<Job*> restores = jobsOf(*w, JobKind::Restore);
        QCOMPARE(restores.size(), 1);
        QCOMPARE(restores.first()->state(), Job::State::Succeeded);
        QCOMPARE(bytesOf(source), bytesOf(snaps[0]));
        QCOMPARE(queryText(source, QStringLiteral("SELECT max(x) FROM t")), QStringLiteral("10"));
        // Replaced by a rename: a new file at the path, the old one (its inode, its bytes) kept beside it.
        const RestoreResult* r = restores.first()->resultAs<RestoreResult>();
        QVERIFY(r);
        QVERIFY(
            r->keptAs.startsWith(QFileInfo(source).absoluteFilePath() + QStringLiteral(".before-restore-")));
        QCOMPARE(bytesOf(r->keptAs), old);
        QCOMPARE(inodeOf(r->keptAs), oldInode);
        QVERIFY(inodeOf(source) != oldInode);
        const QString status = JobListModel::statusOf(*restores.first());
        QVERIFY2(status.contains(QStringLiteral("kept as ") + r->keptAs), qPrintable(status));
        QVERIFY2(history->statusLabel()->text().contains(r->keptAs),
                 qPrintable(history->statusLabel()->text()));
        QCOMPARE(bytesOf(snaps[0]).isEmpty(), false); // the snapshot itself is untouched
    }

    void restoreIsRefusedWhileAProgramHoldsTheTargetUntilConfirmed() {
        const QString dir = freshFolder(m_tmp, QStringLiteral("held"));
        const QString source = dir + QStringLiteral("/live.db");
        const QString folder = dir + QStringLiteral("/snaps");
        QVERIFY(QDir().mkpath(folder));
        const QStringList snaps = makeHistory(source, folder, {10});
        QCOMPARE(snaps.size(), 1);
        const QString target = dir + QStringLiteral("/held.db");
        Helper holder({QStringLiteral("hold"), target, QStringLiteral("rollback")}); // exclusive locking
        QVERIFY(holder.ready());
        const QByteArray held = bytesOf(target);
        auto w = window(folder, source);
        QVERIFY(historyShows(*w, source, 1));
        HistoryView* history = w->history();
        history->chooseRestoreTarget = [&](const QString&) { return target; };
        history->confirmRestore = [](const QString&, const QString&) { return true; };
        QString refusal;
        bool answer = false;
        history->confirmRestoreInUse = [&](const QString& t, const QString& why) {
            refusal = why;
            return t == target && answer;
        };

        // Declined: the job's refusal stands, the target is as the program left it.
        QVERIFY(triggerOnRow(history, snaps[0], QStringLiteral("Restore…")));
        QVERIFY(waitForJobs(*w));
        QTRY_VERIFY(!refusal.isEmpty());
        QVERIFY2(refusal.contains(QStringLiteral("held by a program")), qPrintable(refusal));
        QVERIFY2(!refusal.contains(QStringLiteral("--force")), qPrintable(refusal)); // the app asks instead
        QCOMPARE(jobsOf(*w, JobKind::Restore).size(), 1);
        QCOMPARE(jobsOf(*w, JobKind::Restore).first()->state(), Job::State::Failed);
        QCOMPARE(jobsOf(*w, JobKind::Restore).first()->error()->kind, ErrorKind::DestinationInUse);
        QCOMPARE(bytesOf(target), held);
        QTRY_VERIFY(history->statusLabel()->text().contains(QStringLiteral("Not restored")));

        // Confirmed: it runs again with force and goes ahead; the program's file is kept.
        refusal.clear();
        answer = true;
        QVERIFY(triggerOnRow(history, snaps[0], QStringLiteral("Restore…")));
        QTRY_COMPARE_WITH_TIMEOUT(jobsOf(*w, JobKind::Restore).size(), 3, 10000);
        QVERIFY(waitForJobs(*w));
        Job* forced = jobsOf(*w, JobKind::Restore).first(); // the newest row is first
        QCOMPARE(forced->state(), Job::State::Succeeded);
        QVERIFY(forced->title().contains(QStringLiteral("while in use")));
        QCOMPARE(bytesOf(target), bytesOf(snaps[0]));
        QCOMPARE(bytesOf(forced->resultAs<RestoreResult>()->keptAs), held);
        holder.finish();
    }
    // The question the default Delete… asks (a real message box): its text and informative text, then
    // Cancel. Empty when no box showed.
    static QStringList askedToDelete(HistoryView* history, const QStringList& paths) {
        QStringList seen;
        QTimer poll;
        poll.setInterval(20);
        QObject::connect(&poll, &QTimer::timeout, [&] {
            if (auto* box = qobject_cast<QMessageBox*>(QApplication::activeModalWidget())) {
                seen = {box->text(), box->informativeText()};
                box->button(QMessageBox::Cancel)->click();
            }
        });
        poll.start();
        const bool confirmed = history->confirmDelete(paths);
        return confirmed ? QStringList{QStringLiteral("<confirmed>")} : seen;
    }

    void rowsOfTwoFoldersSayWhichFolder() {
        const QString dir = freshFolder(m_tmp, QStringLiteral("twofolders"));
        // Two folders of the same name: the label needs their parents.
        const QString folder = dir + QStringLiteral("/home/snaps"), kept = dir + QStringLiteral("/nas/snaps");
        QVERIFY(QDir().mkpath(folder) && QDir().mkpath(kept));
        const QString source = dir + QStringLiteral("/notes.db");
        const QStringList snaps = makeHistory(source, folder, {10, 12});
        const QStringList scheduled = makeHistory(source, kept, {11, 13});
        QCOMPARE(snaps.size() + scheduled.size(), 4);
        QVERIFY(keepBySchedule(source, kept));

        auto w = window(folder, source);
        QVERIFY(historyShows(*w, source, 4));
        HistoryView* history = w->history();
        HistoryModel* model = history->model();
        QVERIFY(model->spansFolders());
        QVERIFY(!history->view()->isColumnHidden(HistoryModel::FolderColumn));
        QCOMPARE(cell(model, snaps[0], HistoryModel::FolderColumn), QStringLiteral("home/snaps"));
        QCOMPARE(cell(model, scheduled[0], HistoryModel::FolderColumn), QStringLiteral("nas/snaps"));
        QCOMPARE(cell(model, scheduled[0], HistoryModel::FolderColumn, Qt::ToolTipRole), kept);
        const QString status = history->statusLabel()->text();
        QVERIFY2(status.contains(QStringLiteral("4 snapshots in 2 folders")), qPrintable(status));
        // Whole in view, at 800x600 too: it is what tells the rows apart.
        for (const QSize size : {QSize(1100, 800), QSize(800, 600)}) {
            w->resize(size);
            QTest::qWait(100);
            QHeaderView* header = history->view()->header();
            const int right = header->sectionViewportPosition(HistoryModel::FolderColumn) +
                              header->sectionSize(HistoryModel::FolderColumn);
            QVERIFY2(right <= history->view()->viewport()->width(), "the Folder column is cut off");
            QVERIFY(header->sectionSize(HistoryModel::FolderColumn) >=
                    history->view()->fontMetrics().horizontalAdvance(QStringLiteral("nas/snaps")));
        }

        // The question names the file and its folder; one file is "the file", several "the files".
        QStringList asked = askedToDelete(history, {scheduled[1]});
        QCOMPARE(asked.size(), 2);
        QVERIFY2(asked[0].contains(QFileInfo(scheduled[1]).fileName()) && asked[0].contains(kept),
                 qPrintable(asked[0]));
        QVERIFY2(asked[1].startsWith(QStringLiteral("The file will be deleted")), qPrintable(asked[1]));
        asked = askedToDelete(history, {snaps[0], snaps[1]});
        QVERIFY2(asked.value(0) == QStringLiteral("Delete 2 snapshots from %1?").arg(folder),
                 qPrintable(asked.value(0)));
        QVERIFY2(asked.value(1).startsWith(QStringLiteral("The files will be deleted")),
                 qPrintable(asked.value(1)));
        asked = askedToDelete(history, {snaps[0], scheduled[0]});
        QCOMPARE(asked.value(0), QStringLiteral("Delete 2 snapshots from 2 folders?"));
        QVERIFY(QFile::exists(snaps[0]) && QFile::exists(scheduled[1])); // Cancel deletes nothing

        // One folder only: no Folder column repeating the same name.
        const QString alone = dir + QStringLiteral("/alone.db");
        QCOMPARE(makeHistory(alone, folder, {9}).size(), 1);
        w->addSources({alone});
        QTRY_VERIFY(w->sources()->rowOf(QFileInfo(alone).absoluteFilePath()) >= 0);
        history->showDatabase(QFileInfo(alone).absoluteFilePath());
        QVERIFY(historyShows(*w, alone, 1));
        QVERIFY(!model->spansFolders());
        QVERIFY(history->view()->isColumnHidden(HistoryModel::FolderColumn));
    }

    void snapshotsOfOneSecondAreToldApart() {
        const QString dir = freshFolder(m_tmp, QStringLiteral("samesecond"));
        const QString source = dir + QStringLiteral("/data.db");
        const QStringList snaps = makeHistory(source, dir, {10});
        QCOMPARE(snaps.size(), 1);
        // Named as the app and the CLI name a second snapshot of the same second; no record lists them.
        const QString first = dir + QLatin1Char('/') + snapshotFileName(source, at(12));
        const QString second =
            QString(first).replace(QStringLiteral(".sqlite"), QStringLiteral(" (2).sqlite"));
        const QString tenth =
            QString(first).replace(QStringLiteral(".sqlite"), QStringLiteral(" (10).sqlite"));
        for (const QString& p : {first, second, tenth})
            QVERIFY(QFile::copy(snaps[0], p));
        auto w = window(dir, source);
        QVERIFY(historyShows(*w, source, 4));
        HistoryModel* model = w->history()->model();
        // Newest first: the later of one second above the earlier.
        QCOMPARE(model->entry(0).path, tenth);
        QCOMPARE(model->entry(1).path, second);
        QCOMPARE(model->entry(2).path, first);
        QCOMPARE(cell(model, first, HistoryModel::TakenColumn), QStringLiteral("2026-01-01 12:00:00"));
        QCOMPARE(cell(model, second, HistoryModel::TakenColumn), QStringLiteral("2026-01-01 12:00:00 (2)"));
        QCOMPARE(cell(model, tenth, HistoryModel::TakenColumn), QStringLiteral("2026-01-01 12:00:00 (10)"));
    }

    void aSnapshotFolderDeletedIsSaidInPlace() {
        const QString dir = freshFolder(m_tmp, QStringLiteral("gone"));
        const QString folder = dir + QStringLiteral("/snaps");
        QVERIFY(QDir().mkpath(folder));
        const QString source = dir + QStringLiteral("/data.db");
        QCOMPARE(makeHistory(source, folder, {10, 11}).size(), 2);
        auto w = window(folder, source);
        QVERIFY(historyShows(*w, source, 2));
        HistoryModel* model = w->history()->model();
        // Moved away and back as a whole: said gone, then listed again.
        QVERIFY(QDir().rename(folder, folder + QStringLiteral(".moved")));
        QTRY_VERIFY_WITH_TIMEOUT(!model->problems().isEmpty(), 5000);
        QVERIFY(QDir().rename(folder + QStringLiteral(".moved"), folder));
        QTRY_VERIFY_WITH_TIMEOUT(model->problems().isEmpty(), 5000);
        QTRY_COMPARE_WITH_TIMEOUT(model->rowCount(), 2, 5000);
        QVERIFY(QDir(folder).removeRecursively());
        QTRY_VERIFY_WITH_TIMEOUT(!model->problems().isEmpty(), 5000); // watched: no refresh needed
        QCOMPARE(model->rowCount(), 0);
        const QString status = w->history()->statusLabel()->text();
        QVERIFY2(status.contains(QStringLiteral("is gone")) &&
                     !status.contains(QStringLiteral("No snapshots")),
                 qPrintable(status));
        QVERIFY(!w->history()->deleteAction()->isEnabled());
        QVERIFY(!w->history()->openAction()->isEnabled());
    }
    // With SQLSNAP_SCREENSHOTS=<folder>: the History of a database kept in two folders (one snapshot
    // verified, one missing, two of one second) at 800x600 and large (docs/screenshots/history*.png).
    void screenshots() {
        const QString shots = qEnvironmentVariable("SQLSNAP_SCREENSHOTS");
        if (shots.isEmpty())
            QSKIP("SQLSNAP_SCREENSHOTS not set");
        const QString dir = freshFolder(m_tmp, QStringLiteral("shots"));
        const QString folder = dir + QStringLiteral("/snapshots"), kept = dir + QStringLiteral("/nas-backup");
        QVERIFY(QDir().mkpath(folder) && QDir().mkpath(kept));
        const QString source = dir + QStringLiteral("/places.sqlite");
        const QStringList snaps = makeHistory(source, folder, {9, 10, 11, 13});
        const QStringList scheduled = makeHistory(source, kept, {8, 12});
        QCOMPARE(snaps.size() + scheduled.size(), 6);
        QVERIFY(QFile::copy(snaps[3], snaps[3].chopped(7) + QStringLiteral(" (2).sqlite")));
        QVERIFY(QFile::remove(snaps[1]));
        QVERIFY(keepBySchedule(source, kept));
        auto w = window(folder, source);
        QVERIFY(historyShows(*w, source, 7));
        HistoryView* history = w->history();
        history->view()->setCurrentIndex(history->model()->index(history->model()->rowOfPath(snaps[2]), 0));
        history->verifyAction()->trigger();
        QVERIFY(waitForJobs(*w));
        QTRY_VERIFY_WITH_TIMEOUT(
            cell(history->model(), snaps[2], HistoryModel::VerifiedColumn).startsWith(QStringLiteral("ok")),
            10000);
        for (const QSize size : {QSize(800, 600), QSize(1400, 900)}) {
            w->resize(size);
            QTest::qWait(300);
            const QString name =
                size.width() == 800 ? QStringLiteral("history-800x600.png") : QStringLiteral("history.png");
            QVERIFY(w->grab().save(shots + QLatin1Char('/') + name));
        }
    }
};

QTEST_MAIN(TestHistoryView)
#include "tst_historyview.moc"

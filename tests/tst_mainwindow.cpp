// The real window, offscreen: drops, snapshot jobs (progress, verification, cancel), the preview,
// export, and every error state a user can meet.
#include "io/faults.h"
#include "testsupport.h"
#include "widgetsupport.h"

#include <common/executor.h>
#include <jobs/joblistmodel.h>
#include <jobs/jobspanel.h>
#include <jobs/jobspecs.h>
#include <preview/previewwidget.h>
#include <preview/sqlconsole.h>
#include <preview/tablelist.h>
#include <snapshots/snapshotlistmodel.h>
#include <sources/sourcedetailsview.h>
#include <sources/sourcelistmodel.h>
#include <window/banner.h>
#include <window/destinationprompt.h>
#include <window/mainwindow.h>
#include <window/translations.h>

#include <sqlitesnapshot/history.h>
#include <sqlitesnapshot/meaning.h>

#include <QAction>
#include <QApplication>
#include <QElapsedTimer>
#include <QGridLayout>
#include <QLabel>
#include <QLineEdit>
#include <QListView>
#include <QMenu>
#include <QMimeData>
#include <QProgressBar>
#include <QPushButton>
#include <QRandomGenerator>
#include <QScopeGuard>
#include <QSettings>
#include <QSignalSpy>
#include <QSplitter>
#include <QStandardPaths>
#include <QTabWidget>
#include <QTest>
#include <QTimer>
#include <QTreeView>
#include <QTreeWidget>
#include <QUrl>

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

using namespace sqlsnap;
using namespace sqlsnap::ui;
using namespace testsupport;

namespace {

void drop(QWidget* target, const QStringList& paths) {
    QMimeData mime;
    QList<QUrl> urls;
    for (const QString& p : paths)
        urls << QUrl::fromLocalFile(p);
    mime.setUrls(urls);
    QDragEnterEvent enter(QPoint(20, 20), Qt::CopyAction, &mime, Qt::LeftButton, Qt::NoModifier);
    QApplication::sendEvent(target, &enter);
    QVERIFY(enter.isAccepted());
    QDropEvent dropEvent(QPointF(20, 20), Qt::CopyAction, &mime, Qt::LeftButton, Qt::NoModifier);
    QApplication::sendEvent(target, &dropEvent);
    QVERIFY(dropEvent.isAccepted());
}

// A real click on a job row's painted button, at its place in the jobs list.
void clickJobButton(MainWindow& w, const QRect& button) {
    QVERIFY(button.isValid());
    QWidget* viewport = w.jobs()->view()->viewport();
    QTest::mousePress(viewport, Qt::LeftButton, {}, button.center());
    QTest::mouseRelease(viewport, Qt::LeftButton, {}, button.center());
}

// Rows arrive once the engine has mapped the paths given (off the GUI thread): until then, Inspecting.
SourceListModel::State stateOf(MainWindow& w, int row) {
    return row < w.sources()->size() ? w.sources()->source(row).state : SourceListModel::State::Inspecting;
}

// Waits until `path` is listed; its row, or -1.
int waitForRow(MainWindow& w, const QString& path) {
    for (int i = 0; i < 500 && w.sources()->rowOf(path) < 0; ++i)
        QTest::qWait(10);
    return w.sources()->rowOf(path);
}

// The labels' texts of a widget, joined with '|'.
QString labelTexts(QWidget* widget) {
    QStringList texts;
    for (QLabel* l : widget->findChildren<QLabel*>())
        texts << l->text();
    return texts.join(QLatin1Char('|'));
}

bool activate(QWidget* window) {
    window->activateWindow();
    return QTest::qWaitForWindowActive(window);
}

double statusMiB(const char* field) {
    QFile status(QStringLiteral("/proc/self/status"));
    if (!status.open(QIODevice::ReadOnly))
        return 0;
    for (const QByteArray& line : status.readAll().split('\n'))
        if (line.startsWith(field))
            return line.mid(int(qstrlen(field))).trimmed().split(' ').first().toDouble() / 1024.0;
    return 0;
}
double residentMiB() {
    return statusMiB("VmRSS:");
}
double peakResidentMiB() {
    return statusMiB("VmHWM:");
}

// Why a widget is wider than `limit`: from `root` down, the visible child with the widest minimum at
// each level (class, object name, minimum width), for a failure message.
QString widestChain(QWidget* root) {
    QStringList chain;
    for (QWidget* w = root; w;) {
        chain << QStringLiteral("%1 \"%2\" %3")
                     .arg(QString::fromLatin1(w->metaObject()->className()), w->objectName())
                     .arg(std::max(w->minimumSizeHint().width(), w->minimumWidth()));
        QWidget* widest = nullptr;
        for (QWidget* c : w->findChildren<QWidget*>(Qt::FindDirectChildrenOnly))
            if (c->isVisible() && !c->isWindow() &&
                (!widest || c->minimumSizeHint().width() > widest->minimumSizeHint().width()))
                widest = c;
        w = widest;
    }
    return chain.join(QStringLiteral(" > "));
}

// Whether `widget` lies wholly inside its window's rect.
bool insideWindow(QWidget* widget) {
    const QRect r(widget->mapTo(widget->window(), QPoint(0, 0)), widget->size());
    return widget->isVisible() && widget->window()->rect().contains(r);
}

} // namespace

class TestMainWindow : public QObject {
    Q_OBJECT
    QTemporaryDir m_tmp;

    QString freshDir() { return freshFolder(m_tmp); }

    // A database whose files never look stable (its mtime keeps changing), so a snapshot of it keeps
    // retrying until it is cancelled. Big enough that a copy spans several clock ticks.
    QString neverStableDatabase(std::unique_ptr<MtimeToucher>& toucher) {
        const QString db = freshDir() + QStringLiteral("/busy.db");
        if (!runDbtool({QStringLiteral("make"), db, QStringLiteral("rollback"), QStringLiteral("300000")}))
            return {};
        toucher = std::make_unique<MtimeToucher>(db);
        // And, for certain however loaded the machine is: no attempt is ever stable.
        touchOnEveryCopy(db);
        return db;
    }

    // A window whose snapshot folder is a fresh folder of the test.
    std::unique_ptr<MainWindow> window(const QString& snapshotFolder) {
        auto w = std::make_unique<MainWindow>();
        w->destinations()->confirmReplace = [](const QString&) { return true; }; // the user says yes
        w->setSnapshotFolder(snapshotFolder);
        w->show();
        return w;
    }

    Job* snapshotOf(MainWindow& w, const QString& db) {
        w.addSources({db});
        const int row = waitForRow(w, db);
        if (row < 0)
            return nullptr;
        w.sourceView()->setCurrentIndex(w.sources()->index(row));
        QList<Job*> jobs = w.snapshotSelected();
        return jobs.size() == 1 ? jobs.first() : nullptr;
    }

private slots:
    void cleanup() { sqlsnap::io::faults::clear(); }
    void initTestCase() {
        QStandardPaths::setTestModeEnabled(true); // settings and app data in the test locations
        QApplication::setOrganizationName(QStringLiteral("SQLite Snapshot Tests"));
        QApplication::setApplicationName(QStringLiteral("tst_mainwindow"));
        QSettings().clear();
        installTranslations(QLocale(QLocale::English, QLocale::UnitedStates)); // as main() does: "1 row"
    }

    void emptyWindowSaysWhatToDo() {
        auto w = window(freshDir());
        QCOMPARE(w->windowTitle(), QStringLiteral("SQLite Snapshot"));
        auto* hint = w->details()->findChild<QLabel*>(QStringLiteral("emptyHint"));
        QVERIFY(hint && hint->isVisible());
        QVERIFY(hint->text().contains(QStringLiteral("Drop SQLite databases here, or press Ctrl+O")));
        QVERIFY(!w->snapshotAction()->isEnabled()); // nothing to snapshot yet
        QCOMPARE(w->snapshotAction()->shortcut(), QKeySequence(QKeySequence::Save));
    }

    void dropAddsDatabasesOnce() {
        const QString dir = freshDir();
        const QString db = dir + QStringLiteral("/hist[1].sqlite");
        Helper holder({QStringLiteral("hold"), db, QStringLiteral("wal"), QStringLiteral("--normal-locking"),
                       QStringLiteral("--no-checkpoint")});
        QVERIFY(holder.ready());
        QVERIFY(QFileInfo::exists(db + QStringLiteral("-wal")));
        const QString text = dir + QStringLiteral("/notes.txt");
        QVERIFY(writeFile(text, "just some notes, not a database\n"));
        auto w = window(freshDir());
        drop(w.get(), {db + QStringLiteral("-wal"), text, db, db + QStringLiteral("-shm")});
        QTRY_COMPARE(w->sources()->rowCount(), 2); // the -wal and -shm stand for the database: listed once
        QCOMPARE(w->sources()->source(0).path, db);
        QTRY_COMPARE(stateOf(*w, 0), SourceListModel::State::Ready);
        QTRY_COMPARE(stateOf(*w, 1), SourceListModel::State::Error);
        QCOMPARE(w->sources()->source(1).error->kind, ErrorKind::NotADatabase);
        QVERIFY(w->sources()
                    ->data(w->sources()->index(1), Qt::DisplayRole)
                    .toString()
                    .contains(QStringLiteral("not an SQLite database")));

        // The details of the database explain its -wal.
        w->sourceView()->setCurrentIndex(w->sources()->index(0));
        auto* files = w->details()->findChild<QWidget*>(QStringLiteral("companionFiles"));
        QStringList texts;
        for (QLabel* l : files->findChildren<QLabel*>())
            texts << l->text();
        QVERIFY2(texts.join(QLatin1Char('|')).contains(QStringLiteral("committed changes not yet merged")),
                 qPrintable(texts.join(QLatin1Char('|'))));
        // The broken one shows its error in place.
        w->sourceView()->setCurrentIndex(w->sources()->index(1));
        auto* error = w->details()->findChild<QLabel*>(QStringLiteral("sourceError"));
        QVERIFY(error->isVisible());
        QVERIFY(error->text().contains(QStringLiteral("not an SQLite database")));
        holder.finish();
    }

    void snapshotJobEndsInAVerifiedSnapshotAndOpensIt() {
        const QString dir = freshDir(), folder = freshDir();
        const QString db = dir + QStringLiteral("/bank.db");
        // Committed rows only in the -wal, a writer holding the database open.
        Helper holder({QStringLiteral("hold"), db, QStringLiteral("wal"), QStringLiteral("--normal-locking"),
                       QStringLiteral("--no-checkpoint")});
        QVERIFY(holder.ready());
        const auto sourceBefore = folderBytes(dir);
        auto w = window(folder);
        Job* job = snapshotOf(*w, db);
        QVERIFY(job);
        QList<int> permille;
        connect(job, &Job::progressChanged, this, [&] { permille << job->permille(); });
        QTRY_VERIFY_WITH_TIMEOUT(!job->isRunning(), 30000);
        QCOMPARE(job->state(), Job::State::Succeeded);
        QVERIFY(!permille.isEmpty());
        QVERIFY(std::is_sorted(permille.begin(), permille.end())); // only ever forward
        QCOMPARE(permille.last(), 1000);
        QCOMPARE(job->resultAs<SnapshotResult>()->integrity, std::optional<QString>(QStringLiteral("ok")));
        QCOMPARE(job->resultAs<SnapshotResult>()->sha256.size(), 64);
        QVERIFY(QFileInfo(job->destination()).fileName().startsWith(QStringLiteral("bank.db ")));
        QVERIFY(job->destination().endsWith(QStringLiteral(".sqlite")));
        const BankState bank = readBank(job->destination());
        QVERIFY2(bank.problem().isEmpty(), qPrintable(bank.problem()));
        QCOMPARE(bank.account1, 1007); // the committed transfer that lives only in the -wal
        QCOMPARE(folderBytes(dir), sourceBefore);
        // The snapshot and the folder's history record (File → Snapshot records what it wrote there).
        QCOMPARE(folderEntries(folder), (QStringList{QString::fromLatin1(HistoryFolder::kRecordName),
                                                     QFileInfo(job->destination()).fileName()}));

        // Listed with its integrity and hash, and its preview opened.
        QTRY_COMPARE(w->snapshots()->rowCount(), 1);
        QCOMPARE(w->snapshots()->entry(0).integrity, QStringLiteral("ok"));
        QCOMPARE(w->snapshots()->entry(0).sha256, job->resultAs<SnapshotResult>()->sha256);
        auto* preview = qobject_cast<PreviewWidget*>(w->tabs()->currentWidget());
        QVERIFY(preview);
        QCOMPARE(preview->snapshotPath(), job->destination());
        QTRY_VERIFY(preview->tableList()->topLevelItemCount() >= 2);
        QTRY_VERIFY(preview->dataModel()->rowCount() > 0);
        QVERIFY(w->jobs()->statusText(job).contains(QStringLiteral("integrity ok")));
        QVERIFY(w->jobs()->cancelButtonRect(job).isNull());
        // Its row's Open button opens the preview again after the tab was closed.
        delete preview;
        QCOMPARE(w->tabs()->count(), 1);
        clickJobButton(*w, w->jobs()->openButtonRect(job));
        QCOMPARE(w->tabs()->count(), 2);
        preview = qobject_cast<PreviewWidget*>(w->tabs()->currentWidget());
        QVERIFY(preview);
        QCOMPARE(preview->snapshotPath(), job->destination());
        holder.finish();
    }

    void exportWritesAValidDatabase() {
        const QString dir = freshDir(), folder = freshDir(), exports = freshDir();
        const QString db = dir + QStringLiteral("/big.db");
        QVERIFY(runDbtool({QStringLiteral("make"), db, QStringLiteral("wal"), QStringLiteral("60000")}));
        auto w = window(folder);
        Job* snap = snapshotOf(*w, db);
        QTRY_VERIFY_WITH_TIMEOUT(!snap->isRunning(), 30000);
        QCOMPARE(snap->state(), Job::State::Succeeded);
        const QString target = exports + QStringLiteral("/exported copy.sqlite");
        QString askedTitle;
        w->destinations()->chooseSaveFile = [&](const QString& title, const QString&, const QString&) {
            askedTitle = title;
            return target;
        };
        QAction* action = nullptr;
        for (QAction* a : w->findChildren<QAction*>())
            if (a->text() == QStringLiteral("&Export Snapshot…"))
                action = a;
        QVERIFY(action && action->isEnabled());   // the preview of the new snapshot is the current tab
        for (int round = 0; round < 2; ++round) { // the second export replaces the first (confirmed)
            const int before = w->jobs()->jobs().size();
            action->trigger();
            QCOMPARE(w->jobs()->jobs().size(), before + 1);
            Job* job = w->jobs()->jobs().first();
            QCOMPARE(job->kind(), JobKind::Export);
            QList<int> permille;
            connect(job, &Job::progressChanged, this, [&] { permille << job->permille(); });
            QTRY_VERIFY_WITH_TIMEOUT(!job->isRunning(), 30000);
            QVERIFY2(job->state() == Job::State::Succeeded,
                     qPrintable(job->error() ? job->error()->message : QString()));
            QCOMPARE(job->resultAs<SnapshotResult>()->strategy, OutputStrategy::Backup);
            QVERIFY(std::is_sorted(permille.begin(), permille.end()));
            QCOMPARE(askedTitle, QStringLiteral("Export Snapshot"));
            const BankState bank = readBank(target);
            QVERIFY2(bank.problem().isEmpty(), qPrintable(bank.problem()));
            QCOMPARE(bank.logRows, qint64(60000));
            QCOMPARE(bank.journalMode, QStringLiteral("delete"));
            QCOMPARE(folderEntries(exports), QStringList{QStringLiteral("exported copy.sqlite")});
        }
    }

    void severalSnapshotsAtOnce() {
        const QString dir = freshDir(), folder = freshDir();
        QStringList dbs;
        for (const char* name : {"one.db", "two.db", "three.db"}) {
            dbs << dir + QLatin1Char('/') + QLatin1String(name);
            QVERIFY(runDbtool(
                {QStringLiteral("make"), dbs.last(), QStringLiteral("wal"), QStringLiteral("20000")}));
        }
        auto w = window(folder);
        w->addSources(dbs);
        QTRY_COMPARE(w->sources()->rowCount(), 3);
        w->sourceView()->selectAll();
        QTRY_VERIFY(w->snapshotAction()->isEnabled());
        w->snapshotAction()->trigger();
        const QList<Job*> jobs = w->jobs()->jobs();
        QCOMPARE(jobs.size(), 3);
        QCOMPARE(w->jobs()->runningCount(), 3); // all started at once, none waits for another to finish
        for (Job* job : jobs)
            QTRY_VERIFY_WITH_TIMEOUT(!job->isRunning(), 30000);
        QStringList snapshotted;
        for (Job* job : jobs) {
            QCOMPARE(job->state(), Job::State::Succeeded);
            QCOMPARE(readBank(job->destination()).logRows, qint64(20000));
            snapshotted << job->source();
        }
        snapshotted.sort();
        dbs.sort();
        QCOMPARE(snapshotted, dbs);
        QCOMPARE(w->tabs()->count(), 2); // the details and one preview: of the batch's last snapshot
        QCOMPARE(folderEntries(folder).size(), 4); // and the folder's history record
        QCOMPARE(HistoryFolder::open(folder)->entries().size(), 3);
    }

    void settingsAreRemembered() {
        const QString folder = freshDir(), dir = freshDir();
        const QString db = dir + QStringLiteral("/remember.db");
        QVERIFY(runDbtool({QStringLiteral("make"), db, QStringLiteral("rollback"), QStringLiteral("10")}));
        {
            auto w = window(folder);
            w->addSources({db});
            QTRY_COMPARE(w->sources()->rowCount(), 1);
            w->resize(900, 640);
            w->close(); // saves
        }
        auto w = std::make_unique<MainWindow>();
        QCOMPARE(w->snapshotFolder(), folder);
        QCOMPARE(w->size(), QSize(900, 640));
        QMenu* recent = nullptr;
        for (QMenu* m : w->findChildren<QMenu*>())
            if (m->title() == QStringLiteral("Open &Recent"))
                recent = m;
        QVERIFY(recent && recent->isEnabled());
        QVERIFY(recent->actions().first()->text().startsWith(QStringLiteral("remember.db")));
        recent->actions().first()->trigger(); // reopens it
        QTRY_COMPARE(w->sources()->rowCount(), 1);
        QCOMPARE(w->sources()->source(0).path, db);
    }

    void tableExportFromThePreview() {
        const QString dir = freshDir(), folder = freshDir(), exports = freshDir();
        const QString db = dir + QStringLiteral("/bank.db");
        QVERIFY(runDbtool({QStringLiteral("make"), db, QStringLiteral("rollback"), QStringLiteral("3000")}));
        auto w = window(folder);
        Job* snap = snapshotOf(*w, db);
        QTRY_VERIFY_WITH_TIMEOUT(!snap->isRunning(), 30000);
        auto* preview = qobject_cast<PreviewWidget*>(w->tabs()->currentWidget());
        QVERIFY(preview);
        QTRY_VERIFY(preview->tableList()->topLevelItemCount() >= 2);
        preview->selectTable(QStringLiteral("log"));
        QTRY_COMPARE(preview->dataModel()->table(), QStringLiteral("log"));
        const QString target = exports + QStringLiteral("/log.csv");
        QString filters;
        w->destinations()->chooseSaveFile = [&](const QString&, const QString&, const QString& nameFilters) {
            filters = nameFilters;
            return target;
        };
        QPushButton* button = nullptr;
        for (QPushButton* b : preview->findChildren<QPushButton*>())
            if (b->text() == QStringLiteral("Export Table…"))
                button = b;
        QVERIFY(button);
        QTest::mouseClick(button, Qt::LeftButton);
        QVERIFY(filters.contains(QStringLiteral("*.csv")) && filters.contains(QStringLiteral("*.json")));
        Job* job = w->jobs()->jobs().first();
        QCOMPARE(job->kind(), JobKind::TableExport);
        QTRY_VERIFY_WITH_TIMEOUT(!job->isRunning(), 30000);
        QVERIFY2(job->state() == Job::State::Succeeded,
                 qPrintable(job->error() ? job->error()->message : QString()));
        QCOMPARE(job->resultAs<TableExportResult>()->rows, qint64(3000));
        QFile csv(target);
        QVERIFY(csv.open(QIODevice::ReadOnly));
        QCOMPARE(csv.readAll().count("\r\n"), 3001); // the header and every row
        QVERIFY(w->jobs()->statusText(job).contains(QStringLiteral("3,000 rows")));
        QVERIFY(w->jobs()->openButtonRect(job).isNull()); // a CSV file has no preview
    }

    void cancelStopsPromptlyAndLeavesNothing() {
        const QString folder = freshDir();
        std::unique_ptr<MtimeToucher> toucher;
        const QString db = neverStableDatabase(toucher);
        QVERIFY(!db.isEmpty());
        auto w = window(folder);
        Job* job = snapshotOf(*w, db);
        QVERIFY(job);
        QTRY_VERIFY2(job->progress().attempt >= 3,
                     qPrintable(QStringLiteral("attempt %1, state %2, %3")
                                    .arg(job->progress().attempt)
                                    .arg(int(job->state()))
                                    .arg(job->error() ? job->error()->message : QString())));
        QTRY_VERIFY(
            w->jobs()->statusText(job).startsWith(QStringLiteral("Copying again (attempt "))); // ≤ 10/s
        QSignalSpy finished(job, &Job::finished);
        QElapsedTimer clock;
        clock.start();
        clickJobButton(*w, w->jobs()->cancelButtonRect(job));
        QVERIFY(finished.wait(10000));
        qInfo("cancel took effect after %lld ms", clock.elapsed());
        QCOMPARE(job->state(), Job::State::Cancelled);
        QVERIFY(w->jobs()->statusText(job).startsWith(QStringLiteral("Cancelled")));
        QVERIFY(w->jobs()->cancelButtonRect(job).isNull());
        QCOMPARE(folderEntries(folder), QStringList()); // no snapshot, no temporary, no staging folder
    }

    // The house, item 1: long work never starves a drop. Snapshots of a never-stable database fill the
    // long lane (and one more waits for it); a database dropped meanwhile is inspected while they all
    // still run, and none of them had to end first.
    void inspectionsNeverWaitForLongWork() {
        Executor& executor = Executor::instance();
        const int longThreads = executor.threadCount(Lane::Long);
        const auto restore = qScopeGuard([&] { executor.setThreadCount(Lane::Long, longThreads); });
        executor.setThreadCount(Lane::Long, 2);
        const QString dir = freshDir(), folder = freshDir();
        std::unique_ptr<MtimeToucher> toucher;
        const QString busy = neverStableDatabase(toucher);
        QVERIFY(!busy.isEmpty());
        auto w = window(folder);
        SnapshotOptions options;
        options.retries = 1000000; // keeps copying until cancelled
        QList<Job*> jobs;
        for (int i = 0; i < 3; ++i)
            jobs << w->startJob(
                JobSpecs::snapshot(busy, folder + QStringLiteral("/busy-%1.sqlite").arg(i), options));
        QTRY_VERIFY(jobs[0]->progress().attempt >= 2 && jobs[1]->progress().attempt >= 2);
        QCOMPARE(executor.activeCount(Lane::Long), 2);
        QCOMPARE(jobs[2]->progress().attempt, 0); // waits for a thread of the long lane

        const QString fresh = dir + QStringLiteral("/fresh.db");
        QVERIFY(runDbtool({QStringLiteral("make"), fresh, QStringLiteral("wal"), QStringLiteral("100")}));
        drop(w.get(), {fresh});
        const int row = waitForRow(*w, fresh);
        QVERIFY(row >= 0);
        QTRY_COMPARE(stateOf(*w, row), SourceListModel::State::Ready);
        for (Job* job : std::as_const(jobs))
            QVERIFY(job->isRunning()); // the inspection did not wait for any of them
        QCOMPARE(executor.activeCount(Lane::Long), 2);

        for (Job* job : std::as_const(jobs))
            job->cancel();
        for (Job* job : std::as_const(jobs)) {
            QTRY_VERIFY_WITH_TIMEOUT(!job->isRunning(), 10000);
            QCOMPARE(job->state(), Job::State::Cancelled);
        }
        QCOMPARE(folderEntries(folder), QStringList());
    }

    void snapshotTwiceInOneSecondGivesTwoSnapshots() {
        const QString dir = freshDir(), folder = freshDir();
        const QString db = dir + QStringLiteral("/twice.db");
        QVERIFY(runDbtool({QStringLiteral("make"), db, QStringLiteral("wal"), QStringLiteral("20000")}));
        auto w = window(folder);
        w->addSources({db});
        QTRY_COMPARE(stateOf(*w, 0), SourceListModel::State::Ready);
        // The second click comes while the first job is still writing its file.
        const QList<Job*> jobs = w->snapshotSelected() + w->snapshotSelected() + w->snapshotSelected();
        QCOMPARE(jobs.size(), 3);
        for (Job* job : jobs)
            QTRY_VERIFY_WITH_TIMEOUT(!job->isRunning(), 30000);
        QSet<QString> names;
        for (Job* job : jobs) {
            QVERIFY2(job->state() == Job::State::Succeeded,
                     qPrintable(job->error() ? job->error()->message : QString()));
            names.insert(job->destination());
        }
        QCOMPARE(names.size(), 3);
    }

    void deleteKeyCancelsTheSelectedJob() {
        const QString folder = freshDir();
        std::unique_ptr<MtimeToucher> toucher;
        const QString db = neverStableDatabase(toucher);
        QVERIFY(!db.isEmpty());
        auto w = window(folder);
        Job* job = snapshotOf(*w, db);
        QVERIFY(job);
        QListView* list = w->jobs()->view();
        list->setFocus();
        list->setCurrentIndex(list->model()->index(0, 0));
        QSignalSpy finished(job, &Job::finished);
        QTest::keyClick(list, Qt::Key_Delete);
        QVERIFY(finished.wait(10000));
        QCOMPARE(job->state(), Job::State::Cancelled);
        QCOMPARE(folderEntries(folder), QStringList());
    }

    void missingSourceShowsInPlace() {
        auto w = window(freshDir());
        const QString gone = freshDir() + QStringLiteral("/gone.db");
        w->addSources({gone});
        QTRY_COMPARE(stateOf(*w, 0), SourceListModel::State::Error);
        QCOMPARE(w->sources()->source(0).error->kind, ErrorKind::SourceMissing);
        auto* error = w->details()->findChild<QLabel*>(QStringLiteral("sourceError"));
        QVERIFY(error->isVisible());
        QVERIFY(error->text().contains(QStringLiteral("not found")));
        // It comes back: the folder is watched and the row recovers by itself.
        QVERIFY(runDbtool({QStringLiteral("make"), gone, QStringLiteral("rollback"), QStringLiteral("10")}));
        QTRY_COMPARE(stateOf(*w, 0), SourceListModel::State::Ready);
    }

    void unreadableSourceShowsInPlace() {
        const QString dir = freshDir();
        const QString db = dir + QStringLiteral("/private.db");
        QVERIFY(runDbtool({QStringLiteral("make"), db, QStringLiteral("rollback"), QStringLiteral("10")}));
        QVERIFY(::chmod(QFile::encodeName(db).constData(), 0) == 0);
        if (::geteuid() == 0) {
            // Root reads everything: the same check runs in a copy of this test as nobody.
            if (!canRunAsNobody())
                QSKIP("setpriv is missing: cannot drop root privileges");
            for (const QString& p : {m_tmp.path(), dir})
                QVERIFY(::chmod(QFile::encodeName(p).constData(), 0777) == 0);
            QProcessEnvironment env;
            env.insert(QStringLiteral("SQLSNAP_UNREADABLE_DB"), db);
            const QString failure = runTestAsNobody(QStringLiteral("unreadableAsThisUser"), dir, env);
            QVERIFY2(failure.isEmpty(), qPrintable(failure));
            return;
        }
        qputenv("SQLSNAP_UNREADABLE_DB", db.toLocal8Bit());
        unreadableAsThisUser();
    }

    void unreadableAsThisUser() {
        const QString db = qEnvironmentVariable("SQLSNAP_UNREADABLE_DB");
        if (db.isEmpty())
            QSKIP("run by unreadableSourceShowsInPlace");
        auto w = window(freshDir());
        w->addSources({db});
        QTRY_COMPARE(stateOf(*w, 0), SourceListModel::State::Error);
        QVERIFY2(w->sources()->source(0).error->kind == ErrorKind::Unreadable,
                 qPrintable(w->sources()->source(0).error->message));
        auto* error = w->details()->findChild<QLabel*>(QStringLiteral("sourceError"));
        QVERIFY(error->text().contains(QStringLiteral("permission denied")));
        QVERIFY(error->text().contains(QStringLiteral("Check the file's permissions")));
    }

    void destinationErrorsShowOnTheJob_data() {
        QTest::addColumn<QString>("mountOptions");
        QTest::addColumn<int>("kind");
        QTest::addColumn<QString>("shown");
        QTest::newRow("disk full") << QStringLiteral("size=256k") << int(ErrorKind::DiskFull)
                                   << QStringLiteral("no space left on device");
        QTest::newRow("read-only folder") << QStringLiteral("ro,size=1m") << int(ErrorKind::PermissionDenied)
                                          << QStringLiteral("read-only file system");
    }
    void destinationErrorsShowOnTheJob() {
        QFETCH(QString, mountOptions);
        QFETCH(int, kind);
        QFETCH(QString, shown);
        const QString dir = freshDir(), folder = freshDir();
        ScratchMount mount(folder, mountOptions);
        if (!mount.ok())
            QSKIP("cannot mount a small tmpfs here (needs root)");
        const QString db = dir + QStringLiteral("/f.db");
        QVERIFY(runDbtool({QStringLiteral("make"), db, QStringLiteral("rollback"), QStringLiteral("5000")}));
        auto w = window(folder);
        Job* job = snapshotOf(*w, db);
        QTRY_VERIFY_WITH_TIMEOUT(!job->isRunning(), 30000);
        QCOMPARE(job->state(), Job::State::Failed);
        QVERIFY2(int(job->error()->kind) == kind, qPrintable(job->error()->message));
        const QString status = w->jobs()->statusText(job);
        QVERIFY2(status.contains(shown), qPrintable(status));
        QVERIFY(status.startsWith(QStringLiteral("Failed: ")));
        QCOMPARE(folderEntries(folder), QStringList());
        QCOMPARE(w->tabs()->count(), 1); // no preview of a snapshot that does not exist
    }

    void lockedByAnotherProgramIsExplainedAndHandled() {
        const QString dir = freshDir();
        const QString db = dir + QStringLiteral("/locked.db");
        Helper holder({QStringLiteral("hold"), db, QStringLiteral("rollback"), QStringLiteral("--open-txn")});
        QVERIFY(holder.ready());
        auto w = window(freshDir());
        Job* job = snapshotOf(*w, db);
        QTRY_COMPARE(stateOf(*w, 0), SourceListModel::State::Ready);
        auto* notes = w->details()->findChild<QLabel*>(QStringLiteral("sourceNotes"));
        QVERIFY2(notes->text().contains(QStringLiteral("Another program")), qPrintable(notes->text()));
        QTRY_VERIFY_WITH_TIMEOUT(!job->isRunning(), 30000);
        QCOMPARE(job->state(), Job::State::Succeeded);
        QCOMPARE(readBank(job->destination()).account1, 1007); // committed state, not the open transaction
        holder.finish();
    }

    void twoHundredJobsWithRandomCancels() {
        const QString dir = freshDir(), folder = freshDir();
        QStringList sources;
        for (int i = 0; i < 4; ++i) {
            sources << dir + QStringLiteral("/source-%1.db").arg(i);
            QVERIFY(runDbtool({QStringLiteral("make"), sources.last(),
                               i % 2 ? QStringLiteral("wal") : QStringLiteral("rollback"),
                               QStringLiteral("3000")}));
        }
        auto w = window(folder);
        w->addSources(sources);
        QTRY_COMPARE(stateOf(*w, 3), SourceListModel::State::Ready);

        // The GUI thread's longest gap between two firings of a 5 ms timer: how responsive it stayed.
        qint64 longestNs = 0;
        const char* phase = "starting"; // what the test was doing when the longest stall happened
        const char* longestPhase = "";
        QElapsedTimer sinceTick;
        QTimer probe;
        probe.setInterval(5);
        connect(&probe, &QTimer::timeout, this, [&] {
            if (sinceTick.isValid() && sinceTick.nsecsElapsed() > longestNs) {
                longestNs = sinceTick.nsecsElapsed();
                longestPhase = phase;
            }
            sinceTick.restart();
        });
        // Two batches of 100: memory that grows with every batch would be a leak; memory that stays
        // after the first batch is allocator and thread-pool caches.
        QList<double> rssAfter;
        const double rssBefore = residentMiB();
        QRandomGenerator random(20261201);
        int verified = 0, cleanCancels = 0, cancelRequests = 0;
        probe.start();
        for (int batch = 0; batch < 2; ++batch) {
            QList<Job*> jobs;
            phase = "adding jobs";
            for (int i = 0; i < 100; ++i) {
                const QString source = sources[i % sources.size()];
                const QString dest = folder + QStringLiteral("/job-%1-%2.sqlite").arg(batch).arg(i);
                jobs << w->startSnapshot(source, dest, false);
                if (random.bounded(3) == 0) { // a third are cancelled, some at once, some a little later
                    Job* job = jobs.last();
                    QTimer::singleShot(random.bounded(20), job, [job, &cancelRequests] {
                        if (job->isRunning()) {
                            job->cancel();
                            ++cancelRequests;
                        }
                    });
                }
                if (i % 20 == 19)
                    QTest::qWait(1); // bursts of 20, as a multi-selection snapshot makes them
            }
            phase = "jobs ran";
            for (Job* job : std::as_const(jobs))
                QTRY_VERIFY_WITH_TIMEOUT(!job->isRunning(), 120000);
            phase = "checking results";
            for (Job* job : std::as_const(jobs)) {
                if (job->state() == Job::State::Succeeded) {
                    QCOMPARE(job->resultAs<SnapshotResult>()->integrity,
                             std::optional<QString>(QStringLiteral("ok")));
                    QVERIFY(QFileInfo::exists(job->destination()));
                    ++verified;
                } else {
                    QVERIFY2(job->state() == Job::State::Cancelled,
                             qPrintable(job->error() ? job->error()->message : QString()));
                    QVERIFY(!QFileInfo::exists(job->destination()));
                    ++cleanCancels;
                }
            }
            phase = "clearing finished jobs";
            w->jobs()->clearFinished();
            phase = "closing tabs";
            for (int i = w->tabs()->count() - 1; i > 0; --i)
                delete w->tabs()->widget(i);
            phase = "idle";
            QTest::qWait(50);
            rssAfter << residentMiB();
        }
        probe.stop();
        // Nothing but finished snapshots in the folder: no temporaries, no staging folders.
        for (const QString& name : folderEntries(folder))
            QVERIFY2(name.startsWith(QStringLiteral("job-")) && name.endsWith(QStringLiteral(".sqlite")),
                     qPrintable(name));
        QCOMPARE(verified + cleanCancels, 200);
        QVERIFY(cleanCancels > 0 && verified > 0);
        qInfo("200 jobs: %d verified, %d cancelled cleanly (%d cancel requests); longest GUI stall %.1f ms "
              "(while %s); "
              "RSS %.1f MiB before, %.1f MiB after 100 jobs, %.1f MiB after 200 (peak %.1f MiB)",
              verified, cleanCancels, cancelRequests, longestNs / 1e6, longestPhase, rssBefore, rssAfter[0],
              rssAfter[1], peakResidentMiB());
    }

    // Issue #12, item 1: with B's preview current, the snapshots list's actions act on the row the user
    // pointed at (A), not on the tab in view.
    void snapshotListActsOnTheRowPointedAt() {
        const QString dir = freshDir(), folder = freshDir(), exports = freshDir();
        const QString a = dir + QStringLiteral("/a.db"), b = dir + QStringLiteral("/b.db");
        QVERIFY(runDbtool({QStringLiteral("make"), a, QStringLiteral("rollback"), QStringLiteral("111")}));
        QVERIFY(runDbtool({QStringLiteral("make"), b, QStringLiteral("rollback"), QStringLiteral("222")}));
        auto w = window(folder);
        QVERIFY(activate(w.get()));
        for (const QString& db : {a, b}) {
            Job* job = snapshotOf(*w, db);
            QVERIFY(job);
            QTRY_VERIFY_WITH_TIMEOUT(!job->isRunning(), 30000);
            QCOMPARE(job->state(), Job::State::Succeeded);
        }
        QTRY_COMPARE(w->snapshots()->rowCount(), 2);
        const int rowA = w->snapshots()->entry(0).source == a ? 0 : 1;
        const QString snapshotA = w->snapshots()->entry(rowA).path;
        auto* previewB = qobject_cast<PreviewWidget*>(w->tabs()->currentWidget());
        QVERIFY(previewB);
        QCOMPARE(readBank(previewB->snapshotPath()).logRows, qint64(222)); // B's preview is in view

        QStringList suggested;
        QString target;
        w->destinations()->chooseSaveFile = [&](const QString&, const QString& suggestion, const QString&) {
            suggested << QFileInfo(suggestion).fileName();
            return target;
        };
        const auto exportedRows = [&]() -> qint64 {
            Job* job = w->jobs()->jobs().first();
            if (job->kind() != JobKind::Export || job->destination() != target)
                return -2;
            for (int i = 0; i < 3000 && job->isRunning(); ++i)
                QTest::qWait(10);
            return readBank(target).logRows;
        };

        // Right-click A's row -> Export Snapshot…: the file written holds A.
        QTreeView* list = w->snapshotView();
        const QPoint onA = list->visualRect(w->snapshots()->index(rowA, 0)).center();
        target = exports + QStringLiteral("/from-menu.sqlite");
        QVERIFY(triggerContextMenu(list, onA, QStringLiteral("Export Snapshot…")));
        QCOMPARE(suggested.last(), QFileInfo(snapshotA).fileName());
        QCOMPARE(exportedRows(), qint64(111));

        // Ctrl+E with the list focused acts on its current row, though B's preview is in view.
        w->tabs()->setCurrentWidget(previewB);
        list->setFocus();
        list->setCurrentIndex(w->snapshots()->index(rowA, 0));
        // A shortcut reaches only the active window's focus: wait for both (slow under ThreadSanitizer).
        QTRY_VERIFY(w->isActiveWindow() && list->hasFocus());
        QTRY_VERIFY(w->exportAction()->isEnabled());
        target = exports + QStringLiteral("/from-keyboard.sqlite");
        QTest::keyClick(list, Qt::Key_E, Qt::ControlModifier);
        QCOMPARE(suggested.size(), 2);
        QCOMPARE(exportedRows(), qint64(111));

        // The preview's own Export… button acts on its tab.
        target = exports + QStringLiteral("/from-preview.sqlite");
        QPushButton* button = nullptr;
        for (QPushButton* p : previewB->findChildren<QPushButton*>())
            if (p->text() == QStringLiteral("Export…"))
                button = p;
        QVERIFY(button);
        QTest::mouseClick(button, Qt::LeftButton);
        QCOMPARE(exportedRows(), qint64(222));

        // Enter on A's row opens A's preview, not the one in view.
        w->tabs()->setCurrentWidget(previewB);
        list->setFocus();
        QTest::keyClick(list, Qt::Key_Return);
        auto* current = qobject_cast<PreviewWidget*>(w->tabs()->currentWidget());
        QVERIFY(current);
        QCOMPARE(current->snapshotPath(), snapshotA);
        // And the context menu's Open Preview, on B's row while A's tab is in view.
        const QPoint onB = list->visualRect(w->snapshots()->index(1 - rowA, 0)).center();
        QVERIFY(triggerContextMenu(list, onB, QStringLiteral("Open Preview")));
        QCOMPARE(w->tabs()->currentWidget(), previewB);
    }

    // Issue #12, item 2: a program writing another database in the same folder re-inspects nothing,
    // and a refresh of a source (its own file changed) never moves the tab in view.
    void refreshKeepsTheTabAndInspectsOnlyChangedSources() {
        const QString dir = freshDir(), folder = freshDir();
        const QString a = dir + QStringLiteral("/a.db"), b = dir + QStringLiteral("/b.db"),
                      other = dir + QStringLiteral("/other.db");
        for (const QString& db : {a, b, other})
            QVERIFY(
                runDbtool({QStringLiteral("make"), db, QStringLiteral("rollback"), QStringLiteral("50")}));
        auto w = window(folder);
        QVERIFY(activate(w.get()));
        w->addSources({a, b});
        QTRY_COMPARE(stateOf(*w, 1), SourceListModel::State::Ready);
        QTRY_COMPARE(stateOf(*w, 0), SourceListModel::State::Ready);
        w->sourceView()->setCurrentIndex(w->sources()->index(w->sources()->rowOf(a)));
        Job* job = w->snapshotSelected().value(0);
        QVERIFY(job);
        QTRY_VERIFY_WITH_TIMEOUT(!job->isRunning(), 30000);
        QTRY_COMPARE(w->tabs()->currentIndex(), 1); // the preview of the new snapshot
        w->sourceView()->setFocus();                // where it was when the user pressed Ctrl+S
        QTRY_VERIFY(w->sourceView()->hasFocus());
        QTest::qWait(400); // inspections the snapshot's own reads may have caused are over
        const int rowA = w->sources()->rowOf(a), rowB = w->sources()->rowOf(b);
        const int inspectionsA = w->sources()->source(rowA).inspection;
        const int inspectionsB = w->sources()->source(rowB).inspection;

        // A rollback-mode writer on another database of the folder: its -journal comes and goes.
        Helper writer({QStringLiteral("writer"), other, QStringLiteral("rollback"),
                       QStringLiteral("--pace-us"), QStringLiteral("3000")});
        QVERIFY(writer.ready());
        QTest::qWait(1500);
        QCOMPARE(w->tabs()->currentIndex(), 1);
        QCOMPARE(w->sources()->source(rowA).inspection, inspectionsA);
        QCOMPARE(w->sources()->source(rowB).inspection, inspectionsB);
        writer.finish();

        // A's own file changes: A is inspected again, B is not, and the preview stays in view.
        QVERIFY(execSql(a, QStringLiteral("UPDATE accounts SET balance = balance + 1 WHERE id = 1; "
                                          "UPDATE accounts SET balance = balance - 1 WHERE id = 2")));
        QTRY_VERIFY(w->sources()->source(rowA).inspection > inspectionsA);
        QTRY_COMPARE(stateOf(*w, rowA), SourceListModel::State::Ready);
        QTest::qWait(400);
        QCOMPARE(w->tabs()->currentIndex(), 1);
        QCOMPARE(w->sources()->source(rowB).inspection, inspectionsB);
        QCOMPARE(w->sourceView()->currentIndex().row(), rowA);
        // Choosing a source is what brings the Database tab forward.
        QTest::keyClick(w->sourceView(), Qt::Key_Down);
        QCOMPARE(w->sourceView()->currentIndex().row(), rowB);
        QCOMPARE(w->tabs()->currentIndex(), 0);
    }

    // Issue #12, item 18: a snapshot whose files never held still fails with both ways out on its row.
    void changedTooOftenOffersBothWaysOut() {
        const QString folder = freshDir();
        std::unique_ptr<MtimeToucher> toucher;
        const QString db = neverStableDatabase(toucher);
        QVERIFY(!db.isEmpty());
        auto w = window(folder);
        SnapshotOptions options; // strict by default
        options.verify = true;
        options.retries = 2;
        QList<Job*> failed;
        for (const char* name : {"/retried.sqlite", "/published.sqlite"}) {
            failed << new Job(JobSpecs::snapshot(db, folder + QLatin1String(name), options));
            w->jobs()->addJob(failed.last());
        }
        for (Job* job : std::as_const(failed)) {
            QTRY_VERIFY_WITH_TIMEOUT(!job->isRunning(), 60000);
            QVERIFY2(job->state() == Job::State::Failed && job->error()->kind == ErrorKind::ChangedTooOften,
                     qPrintable(job->error() ? job->error()->message : QStringLiteral("succeeded")));
            QVERIFY(w->jobs()->statusText(job).contains(QStringLiteral("retry with a brief read lock")));
        }
        const auto scrollTo = [&](Job* job) {
            QListView* list = w->jobs()->view();
            list->scrollTo(list->model()->index(w->jobs()->model()->rowOf(job), 0),
                           QAbstractItemView::PositionAtTop);
        };
        w->resize(1000, 900);
        scrollTo(failed[0]);
        QTRY_VERIFY(w->jobs()->retryBriefLockButtonRect(failed[0]).isValid());

        // Retry with a brief read lock: the same job again, reading the live source directly.
        clickJobButton(*w, w->jobs()->retryBriefLockButtonRect(failed[0]));
        Job* direct = w->jobs()->jobs().first();
        QVERIFY(direct != failed[0] && direct != failed[1]);
        QVERIFY(direct->title().endsWith(QStringLiteral("(brief read lock)"))); // direct, still strict
        QCOMPARE(direct->source(), db);
        QCOMPARE(direct->destination(), failed[0]->destination());
        QVERIFY(w->jobs()->retryBriefLockButtonRect(failed[0]).isNull()); // once per failed job
        QTRY_VERIFY_WITH_TIMEOUT(!direct->isRunning(), 60000);
        QVERIFY2(direct->state() == Job::State::Succeeded,
                 qPrintable(direct->error() ? direct->error()->message : QString()));
        QCOMPARE(readBank(direct->destination()).problem(), QString());

        // Publish anyway: strict off; the finished row says it is flagged.
        scrollTo(failed[1]);
        QTRY_VERIFY(w->jobs()->publishUnverifiedButtonRect(failed[1]).isValid());
        clickJobButton(*w, w->jobs()->publishUnverifiedButtonRect(failed[1]));
        Job* unverified = w->jobs()->jobs().first();
        QVERIFY(unverified != direct);
        QVERIFY(unverified->title().endsWith(QStringLiteral("(unverified state allowed)"))); // not direct
        QCOMPARE(unverified->destination(), failed[1]->destination());
        QTRY_VERIFY_WITH_TIMEOUT(!unverified->isRunning(), 60000);
        QVERIFY2(unverified->state() == Job::State::Succeeded,
                 qPrintable(unverified->error() ? unverified->error()->message : QString()));
        QVERIFY(!unverified->resultAs<SnapshotResult>()->consistentCopy);
        QVERIFY2(
            w->jobs()->statusText(unverified).contains(QStringLiteral("not shown to be one committed state")),
            qPrintable(w->jobs()->statusText(unverified)));
    }

    // Issue #12, items 3 and 6: a finished job's time no longer counts, and each kind has its own title.
    void finishedJobsKeepTheirTimeAndSayWhatTheyAre() {
        const QString dir = freshDir(), folder = freshDir(), exports = freshDir();
        const QString db = dir + QStringLiteral("/bank.db");
        QVERIFY(runDbtool({QStringLiteral("make"), db, QStringLiteral("rollback"), QStringLiteral("500")}));
        auto w = window(folder);
        Job* snap = snapshotOf(*w, db);
        QTRY_VERIFY_WITH_TIMEOUT(!snap->isRunning(), 30000);
        const QString snapshot = snap->destination();
        Job* exported = w->startExport(snapshot, exports + QStringLiteral("/copy.sqlite"), false);
        Job* table = w->startTableExport(snapshot, QStringLiteral("log"), {}, {},
                                         exports + QStringLiteral("/log.csv"), false);
        QTRY_VERIFY_WITH_TIMEOUT(!exported->isRunning() && !table->isRunning(), 30000);
        QCOMPARE(table->state(), Job::State::Succeeded);
        const auto title = [&](Job* job) {
            return w->jobs()->model()->index(w->jobs()->model()->rowOf(job)).data().toString();
        };
        const QString name = QFileInfo(snapshot).fileName();
        QCOMPARE(title(snap), QStringLiteral("Snapshot of bank.db → %1").arg(name));
        QCOMPARE(title(exported), QStringLiteral("Export of snapshot %1 → copy.sqlite").arg(name));
        QCOMPARE(title(table), QStringLiteral("Table “log” of %1 → log.csv").arg(name));

        const QString status = w->jobs()->statusText(table);
        const qint64 took = table->elapsedMs();
        QVERIFY(status.startsWith(QStringLiteral("Done in ")));
        QTest::qWait(250);
        QCOMPARE(table->elapsedMs(), took);
        QCOMPARE(w->jobs()->statusText(table), status);
    }

    // Issue #12, item 4: Snapshot To… has Ctrl+Shift+S everywhere; Ctrl+E works from the filter box.
    void shortcutsWorkWhereTheUserIs() {
        const QString dir = freshDir(), folder = freshDir();
        const QString db = dir + QStringLiteral("/keys.db");
        QVERIFY(runDbtool({QStringLiteral("make"), db, QStringLiteral("rollback"), QStringLiteral("100")}));
        auto w = window(folder);
        QVERIFY(activate(w.get()));
        QCOMPARE(w->snapshotToAction()->shortcut(), QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_S));
        Job* snap = snapshotOf(*w, db);
        QTRY_VERIFY_WITH_TIMEOUT(!snap->isRunning(), 30000);
        QStringList asked;
        w->destinations()->chooseSaveFile = [&](const QString& title, const QString& suggested,
                                                const QString&) {
            asked << title + QLatin1Char(':') + QFileInfo(suggested).fileName();
            return QString(); // declined
        };
        w->sourceView()->setFocus();
        QTest::keyClick(w->sourceView(), Qt::Key_S, Qt::ControlModifier | Qt::ShiftModifier);
        QCOMPARE(asked.size(), 1);
        QVERIFY2(asked[0].startsWith(QStringLiteral("Snapshot To:keys.db ")), qPrintable(asked[0]));

        auto* preview = qobject_cast<PreviewWidget*>(w->tabs()->currentWidget());
        QVERIFY(preview);
        QLineEdit* filter = preview->filterEdit();
        filter->setFocus();
        QTRY_VERIFY(filter->hasFocus());
        QTest::keyClicks(filter, QStringLiteral("ab"));
        QTest::keyClick(filter, Qt::Key_E, Qt::ControlModifier);
        QCOMPARE(asked.size(), 2);
        QCOMPARE(asked[1], QStringLiteral("Export Snapshot:") + QFileInfo(snap->destination()).fileName());
        QTest::keyClicks(filter, QStringLiteral("c"));
        QCOMPARE(filter->text(), QStringLiteral("abc"));         // typing goes on where it was
        QTest::keyClick(filter, Qt::Key_A, Qt::ControlModifier); // editing keys stay the line edit's
        QTest::keyClicks(filter, QStringLiteral("x"));
        QCOMPARE(filter->text(), QStringLiteral("x"));
    }

    // Issue #12, item 5: the jobs panel cannot be dragged to nothing, a saved zero size is corrected.
    void jobsPanelNeverCollapses() {
        {
            QSplitter closed(Qt::Vertical);
            closed.addWidget(new QWidget);
            closed.addWidget(new QWidget);
            closed.resize(600, 650);
            closed.setSizes({650, 0});
            QSettings().setValue(QStringLiteral("window/rightSplitter"), closed.saveState());
        }
        auto w = window(freshDir());
        QTRY_VERIFY(w->isVisible());
        QTest::qWait(50);
        QVERIFY2(w->jobs()->height() >= 80, qPrintable(QString::number(w->jobs()->height())));
        // A drag of the handle to the window's bottom leaves the panel open.
        QSplitter* splitter = w->jobsSplitter();
        QSplitterHandle* handle = splitter->handle(1);
        const QPoint from = handle->rect().center();
        const QPoint fromGlobal = handle->mapToGlobal(from);
        const QPoint toGlobal = fromGlobal + QPoint(0, 2000);
        QMouseEvent press(QEvent::MouseButtonPress, from, fromGlobal, Qt::LeftButton, Qt::LeftButton, {});
        QApplication::sendEvent(handle, &press);
        QMouseEvent move(QEvent::MouseMove, handle->mapFromGlobal(toGlobal), toGlobal, Qt::NoButton,
                         Qt::LeftButton, {});
        QApplication::sendEvent(handle, &move);
        QMouseEvent release(QEvent::MouseButtonRelease, handle->mapFromGlobal(toGlobal), toGlobal,
                            Qt::LeftButton, Qt::NoButton, {});
        QApplication::sendEvent(handle, &release);
        QVERIFY2(w->jobs()->height() >= 80, qPrintable(QString::number(w->jobs()->height())));
        QVERIFY(splitter->sizes().value(1) >= 80);
        QSettings().remove(QStringLiteral("window/rightSplitter"));
    }

    // Issue #12, item 7: Snapshot To… onto one of the source's own files is refused before any question.
    void snapshotToOntoItsOwnFilesIsRefusedFirst() {
        const QString dir = freshDir(), elsewhere = freshDir();
        const QString db = dir + QStringLiteral("/own.db");
        QVERIFY(runDbtool({QStringLiteral("make"), db, QStringLiteral("rollback"), QStringLiteral("10")}));
        QVERIFY(writeFile(db + QStringLiteral("-journal"), QByteArray(512, '\0'))); // a finished journal
        const QString link = elsewhere + QStringLiteral("/link.db");
        QVERIFY(QFile::link(db, link));
        const QString hardLink = elsewhere + QStringLiteral("/hard.db");
        QVERIFY(::link(QFile::encodeName(db).constData(), QFile::encodeName(hardLink).constData()) == 0);
        auto w = window(freshDir());
        w->addSources({db});
        QTRY_COMPARE(stateOf(*w, 0), SourceListModel::State::Ready);
        QStringList replaceAsked;
        w->destinations()->confirmReplace = [&](const QString& path) {
            replaceAsked << path;
            return false;
        };
        QString choice;
        w->destinations()->chooseSaveFile = [&](const QString&, const QString&, const QString&) {
            return choice;
        };
        const QStringList aliases{db,
                                  db + QStringLiteral("-journal"),
                                  db + QStringLiteral("-wal"),
                                  db + QStringLiteral("-shm"),
                                  dir + QStringLiteral("/../") + QFileInfo(dir).fileName() +
                                      QStringLiteral("/own.db"),
                                  link,
                                  hardLink};
        for (const QString& alias : aliases) {
            choice = alias;
            w->snapshotToAction()->trigger();
            QVERIFY2(replaceAsked.isEmpty(), qPrintable(alias));
            QVERIFY2(w->jobs()->jobs().isEmpty(), qPrintable(alias));
            QVERIFY2(w->banner()->text().contains(QStringLiteral("never writes over its source")) &&
                         w->banner()->text().contains(alias),
                     qPrintable(alias + QStringLiteral(": ") + w->banner()->text()));
        }
        // Another existing file: asked, and declined means nothing starts.
        choice = elsewhere + QStringLiteral("/other.sqlite");
        QVERIFY(writeFile(choice, "x"));
        w->snapshotToAction()->trigger();
        QCOMPARE(replaceAsked, QStringList{choice});
        QVERIFY(w->jobs()->jobs().isEmpty());
    }

    // Issue #12, item 9: a real database whose name ends like a companion is itself, not its namesake's.
    void aDatabaseNamedLikeACompanionIsItself() {
        const QString dir = freshDir();
        const QString notes = dir + QStringLiteral("/notes"),
                      journalNamed = dir + QStringLiteral("/notes-journal");
        QVERIFY(execSql(notes, QStringLiteral("CREATE TABLE n(x); INSERT INTO n VALUES (1)")));
        QVERIFY(execSql(journalNamed, QStringLiteral("CREATE TABLE j(x); INSERT INTO j VALUES (2)")));
        auto w = window(freshDir());
        drop(w.get(), {journalNamed});
        QTRY_COMPARE(w->sources()->rowCount(), 1);
        QCOMPARE(w->sources()->source(0).path, journalNamed);
        QTRY_COMPARE(stateOf(*w, 0), SourceListModel::State::Ready);
        QCOMPARE(w->sources()->source(0).files->databasePath, journalNamed);
        QVERIFY2(labelTexts(w->details()).contains(journalNamed), qPrintable(labelTexts(w->details())));
        drop(w.get(), {notes});
        QTRY_COMPARE(w->sources()->rowCount(), 2);
        QCOMPARE(w->sources()->source(1).path, notes);
        // A real companion still stands for its database.
        const QString wal = dir + QStringLiteral("/notes-wal");
        QVERIFY(writeFile(wal, QByteArray(32, '\0')));
        drop(w.get(), {wal});
        QTest::qWait(200);
        QCOMPARE(w->sources()->rowCount(), 2);
        QCOMPARE(w->sourceView()->currentIndex().row(), 1);
    }

    // Issue #12, item 8: the details say what the files mean, without misleading words.
    void detailsExplainWalAndLocks() {
        const QString dir = freshDir();
        const QString db = dir + QStringLiteral("/held.db");
        // locking_mode=EXCLUSIVE in WAL mode: no -shm, every page still in the -wal, an idle holder.
        auto holder = std::make_unique<Helper>(QStringList{QStringLiteral("hold"), db, QStringLiteral("wal"),
                                                           QStringLiteral("--no-checkpoint")});
        QVERIFY(holder->ready());
        auto w = window(freshDir());
        w->addSources({db});
        QTRY_COMPARE(stateOf(*w, 0), SourceListModel::State::Ready);
        QVERIFY(w->sources()->source(0).files->heldExclusively());
        QString text = labelTexts(w->details());
        QVERIFY2(text.contains(QStringLiteral("holds this database open with exclusive locking")),
                 qPrintable(text));
        // Said once: the notes do not repeat the holder in other words.
        const QString notes = w->details()->findChild<QLabel*>(QStringLiteral("sourceNotes"))->text();
        QVERIFY2(notes.count(QStringLiteral("exclusive locking")) == 1, qPrintable(notes));
        // An idle holder, no hot journal: not "committing".
        QVERIFY2(!text.contains(QStringLiteral("committing")), qPrintable(text));
        if (w->sources()->source(0).files->lock == LockState::Exclusive)
            QVERIFY2(text.contains(QStringLiteral("held with exclusive locking (the program may be idle)")),
                     qPrintable(text));
        QVERIFY2(!text.contains(QStringLiteral("writing to this database right now")), qPrintable(text));
        QVERIFY2(!text.contains(QStringLiteral(" 1 pages")) && !text.contains(QStringLiteral("|1 pages")),
                 qPrintable(text));
        if (w->sources()->source(0).files->headerMayBeStale())
            QVERIFY2(text.contains(QStringLiteral("not yet in the main file")), qPrintable(text));
        if (w->sources()->source(0).files->header.textEncoding == 0)
            QVERIFY2(!text.contains(QStringLiteral("unknown")), qPrintable(text));

        // Killed without closing: the -wal stays, no -shm, no lock.
        holder->kill();
        holder.reset();
        w->sources()->refresh(0);
        QTRY_VERIFY(w->sources()->source(0).files && w->sources()->source(0).files->walLeftBehind());
        text = labelTexts(w->details());
        QVERIFY2(text.contains(QStringLiteral("stopped without closing")), qPrintable(text));
        QVERIFY2(text.contains(QStringLiteral("the snapshot includes them")), qPrintable(text));
    }

    // A small screen (800×600): with a snapshot's preview open, every pane still shrinks to fit, and
    // the preview's and the jobs panel's buttons are inside the window.
    void windowFitsASmallScreenWithAPreview() {
        const QString dir = freshDir();
        // A long name: the preview's title and the list's row must give way, not widen the window.
        const QString db =
            dir + QStringLiteral("/a database with a rather long name, for the narrow screen.db");
        QVERIFY(runDbtool({QStringLiteral("make"), db, QStringLiteral("wal"), QStringLiteral("1000")}));
        auto w = window(freshDir());
        Job* job = snapshotOf(*w, db);
        QVERIFY(job);
        QTRY_VERIFY_WITH_TIMEOUT(!job->isRunning(), 30000);
        QCOMPARE(job->state(), Job::State::Succeeded);
        auto* preview = qobject_cast<PreviewWidget*>(w->tabs()->currentWidget());
        QVERIFY(preview);
        QTRY_VERIFY(preview->tableList()->topLevelItemCount() > 0);
        QTest::qWait(50); // the counts and the first rows arrive
        QVERIFY2(w->minimumSizeHint().width() <= 800, qPrintable(widestChain(w.get())));
        QVERIFY2(w->minimumSize().width() <= 800, qPrintable(widestChain(w.get())));
        QVERIFY(w->minimumSizeHint().height() <= 600);
        QVERIFY(w->minimumSize().height() <= 600);

        w->resize(800, 600);
        QTRY_COMPARE(w->size(), QSize(800, 600));
        const QList<QPushButton*> buttons = preview->findChildren<QPushButton*>();
        QVERIFY(buttons.size() >= 2); // Export… and Export Table…
        auto* console = preview->findChild<SqlConsole*>();
        QVERIFY(console);
        for (QPushButton* b : buttons)
            if (!b->isHidden() && !console->isAncestorOf(b)) // Stop Sorting shows only while sorted
                QVERIFY2(insideWindow(b), qPrintable(b->text()));
        // The SQL tab's Run and Interrupt, once it is shown.
        preview->pageTabs()->setCurrentWidget(console);
        QTest::qWait(50);
        for (QPushButton* b : console->findChildren<QPushButton*>())
            QVERIFY2(insideWindow(b), qPrintable(b->text()));
        preview->pageTabs()->setCurrentIndex(0);
        for (QPushButton* b : w->jobs()->findChildren<QPushButton*>())
            QVERIFY2(insideWindow(b), qPrintable(b->text()));
        const QRect open = w->jobs()->openButtonRect(job);
        QVERIFY(open.isValid());
        QWidget* viewport = w->jobs()->view()->viewport();
        QVERIFY(viewport->rect().contains(open));
        QVERIFY(w->rect().contains(QRect(viewport->mapTo(w.get(), open.topLeft()), open.size())));

        // The Database tab at that size: nothing wider than the window, long values wrap.
        w->tabs()->setCurrentIndex(0);
        QTest::qWait(50);
        for (QLabel* l : w->details()->findChildren<QLabel*>())
            if (l->isVisible())
                QVERIFY2(l->width() <= w->width() && l->minimumSizeHint().width() < 400,
                         qPrintable(l->text()));
        // The list's row is elided to the list's width, not wider than it.
        QListView* list = w->sourceView();
        const QRect row = list->visualRect(w->sources()->index(w->sources()->rowOf(db)));
        QVERIFY2(row.right() <= list->viewport()->width(), qPrintable(QString::number(row.width())));
    }

    // "Locks now" and the database's own line say what the lock and the files found mean: committing
    // only with a hot journal in rollback mode; shared in WAL mode may be a writer; WAL mode without a
    // -wal is the file alone.
    void detailsWordLocksByJournalMode() {
        const QString dir = freshDir();
        auto w = window(freshDir());
        const auto detailsOf = [&](const QString& db) {
            w->addSources({db});
            const int row = waitForRow(*w, db);
            if (row < 0)
                return QString();
            w->sourceView()->setCurrentIndex(w->sources()->index(row));
            for (int i = 0; i < 500 && stateOf(*w, row) != SourceListModel::State::Ready; ++i)
                QTest::qWait(10);
            return labelTexts(w->details());
        };

        // Rollback mode, a spilled transaction open: a hot journal and an exclusive lock.
        const QString hot = dir + QStringLiteral("/hot.db");
        auto crasher = std::make_unique<Helper>(QStringList{QStringLiteral("crash"), hot});
        QVERIFY(crasher->ready());
        QString text = detailsOf(hot);
        const DatabaseFiles hotSet = *w->sources()->source(w->sources()->rowOf(hot)).files;
        QCOMPARE(hotSet.lock, LockState::Exclusive);
        QVERIFY(hotSet.hasHotJournal());
        QVERIFY2(text.contains(QStringLiteral("exclusive (a program is committing)")), qPrintable(text));
        QVERIFY2(!text.contains(QStringLiteral("may be idle")), qPrintable(text));
        crasher->kill();

        // Rollback mode, held with exclusive locking after a commit: no hot journal, an idle holder.
        const QString held = dir + QStringLiteral("/held.db");
        Helper holder({QStringLiteral("hold"), held, QStringLiteral("rollback")});
        QVERIFY(holder.ready());
        text = detailsOf(held);
        const DatabaseFiles heldSet = *w->sources()->source(w->sources()->rowOf(held)).files;
        QCOMPARE(heldSet.lock, LockState::Exclusive);
        QVERIFY(!heldSet.hasHotJournal());
        // One look cannot tell this holder from a writer committing many times a second (whose journal
        // comes and goes): both are said, never "idle" (the review saw a busy writer called idle).
        QVERIFY2(text.contains(QStringLiteral("a program is committing, or holds it with exclusive locking")),
                 qPrintable(text));
        QVERIFY2(!text.contains(QStringLiteral("may be idle")), qPrintable(text));

        // WAL mode, a writer committing now and then: only a shared lock on the main file.
        const QString busy = dir + QStringLiteral("/busy.db");
        Helper writer({QStringLiteral("writer"), busy, QStringLiteral("wal"), QStringLiteral("--pace-us"),
                       QStringLiteral("20000")});
        QVERIFY(writer.ready());
        text = detailsOf(busy);
        const DatabaseFiles busySet = *w->sources()->source(w->sources()->rowOf(busy)).files;
        QCOMPARE(busySet.lock, LockState::Shared);
        QVERIFY2(text.contains(QStringLiteral("a program has it open: reading or, in WAL mode, writing")),
                 qPrintable(text));
        QVERIFY2(!text.contains(QStringLiteral("a program is reading")), qPrintable(text));
        QVERIFY2(text.contains(QStringLiteral("this file plus its -wal")), qPrintable(text));

        // WAL mode, every program gone: SQLite checkpointed and deleted the -wal.
        const QString closed = dir + QStringLiteral("/closed.db");
        QVERIFY(runDbtool({QStringLiteral("make"), closed, QStringLiteral("wal"), QStringLiteral("100")}));
        QVERIFY(!QFileInfo::exists(closed + QStringLiteral("-wal")));
        text = detailsOf(closed);
        QVERIFY(w->sources()->source(w->sources()->rowOf(closed)).files->header.isWal());
        QVERIFY2(
            text.contains(QStringLiteral("WAL mode; no -wal now: this file alone is its committed state")),
            qPrintable(text));
        QVERIFY2(!text.contains(QStringLiteral("plus its -wal")), qPrintable(text));
    }

    // Issue #13: the CLI's inspect and the app's details say the same sentences for the same set: each
    // file's meaning, the lock's and the lines about the set (one wording, in the engine).
    void inspectSaysWhatTheDetailsSay() {
        const QString db = freshDir() + QStringLiteral("/same.db");
        Helper holder({QStringLiteral("hold"), db, QStringLiteral("wal"), QStringLiteral("--no-checkpoint")});
        QVERIFY(holder.ready());
        auto w = window(freshDir());
        w->addSources({db});
        QTRY_COMPARE(stateOf(*w, 0), SourceListModel::State::Ready);
        w->sourceView()->setCurrentIndex(w->sources()->index(0));
        const DatabaseFiles set = *w->sources()->source(0).files;
        QVERIFY(set.find(FileKind::Wal) && set.heldExclusively());

        const CliRun inspect = cli({QStringLiteral("inspect"), db});
        QCOMPARE(inspect.exitCode, 0);
        const QStringList lines = QString::fromUtf8(inspect.out).split(QLatin1Char('\n'));

        auto* grid = qobject_cast<QGridLayout*>(
            w->details()->findChild<QWidget*>(QStringLiteral("companionFiles"))->layout());
        QVERIFY(grid);
        const auto cellText = [grid](int row, int column) {
            QLayoutItem* item = grid->itemAtPosition(row, column);
            auto* label = item ? qobject_cast<QLabel*>(item->widget()) : nullptr;
            return label ? label->text() : QString();
        };
        QCOMPARE(grid->rowCount(), int(set.files.size()) + 1); // the headings, then a row a file
        for (int row = 1; row <= set.files.size(); ++row) {
            const QString name = cellText(row, 0), meaning = cellText(row, 3);
            QCOMPARE(meaning, explainFile(set, set.files.at(row - 1)));
            const auto line = std::find_if(lines.cbegin(), lines.cend(), [&](const QString& l) {
                return l.startsWith(QStringLiteral("  ") + name + QLatin1Char(' '));
            });
            QVERIFY2(line != lines.cend(), qPrintable(name));
            QVERIFY2(line->endsWith(QStringLiteral("  ") + meaning),
                     qPrintable(*line + QStringLiteral(" | ") + meaning));
        }
        const QStringList labels = [&] {
            QStringList texts;
            for (QLabel* l : w->details()->findChildren<QLabel*>())
                texts << l->text();
            return texts;
        }();
        const QString lock = explainLock(set);
        QVERIFY2(labels.contains(lock), qPrintable(lock));
        QVERIFY2(lines.filter(QStringLiteral("lock held by others: ") + lock).size() == 1,
                 qPrintable(lines.join(QLatin1Char('\n'))));
        const QString notes = w->details()->findChild<QLabel*>(QStringLiteral("sourceNotes"))->text();
        QCOMPARE(notes.split(QLatin1Char('\n')), explainSet(set));
        for (const QString& line : explainSet(set))
            QVERIFY2(lines.contains(line), qPrintable(line));
        holder.finish();
    }

    // Issue #12, item 13 (app side): virtual tables with their module, shadow tables under them, an
    // unreadable view listed with its error. Needs the engine part of the correctness round.
    void previewListsVirtualShadowAndBrokenEntries() {
        const QString dir = freshDir(), folder = freshDir();
        const QString db = dir + QStringLiteral("/fts.db");
        QVERIFY(execSql(
            db, QStringLiteral("CREATE VIRTUAL TABLE docs USING fts5(body);"
                               "INSERT INTO docs VALUES ('hello world'), ('second');"
                               "CREATE TABLE gone(x); CREATE VIEW broken AS SELECT x FROM gone;"
                               "DROP TABLE gone; CREATE TABLE plain(a); INSERT INTO plain VALUES (1)")));
        auto w = window(folder);
        Job* job = snapshotOf(*w, db);
        QTRY_VERIFY_WITH_TIMEOUT(!job->isRunning(), 30000);
        QCOMPARE(job->state(), Job::State::Succeeded);
        auto* preview = qobject_cast<PreviewWidget*>(w->tabs()->currentWidget());
        QVERIFY(preview);
        QSignalSpy listed(preview, &PreviewWidget::tablesListed);
        QTRY_VERIFY(preview->tableList()->topLevelItemCount() > 0 || !listed.isEmpty());
        QTreeWidget* list = preview->tableList();
        QTreeWidgetItem* docs = nullptr;
        QTreeWidgetItem* broken = nullptr;
        for (int i = 0; i < list->topLevelItemCount(); ++i) {
            QTreeWidgetItem* item = list->topLevelItem(i);
            if (item->data(0, Qt::UserRole).toString() == QStringLiteral("docs"))
                docs = item;
            if (item->data(0, Qt::UserRole).toString() == QStringLiteral("broken"))
                broken = item;
        }
        if (!docs || docs->data(0, Qt::UserRole + 1).toString() != QStringLiteral("virtual"))
            QSKIP("the engine does not list virtual tables yet (issue #12, engine part not merged)");
        QCOMPARE(docs->text(0), QStringLiteral("docs (fts5)"));
        QVERIFY(docs->childCount() >= 3); // docs_data, docs_idx, docs_config, …
        for (int i = 0; i < docs->childCount(); ++i)
            QVERIFY(docs->child(i)->data(0, Qt::UserRole).toString().startsWith(QStringLiteral("docs_")));
        QVERIFY(broken);
        QCOMPARE(broken->text(1), QStringLiteral("?"));
        QVERIFY(broken->toolTip(0).contains(QStringLiteral("Cannot be read")));
        QTRY_COMPARE(docs->text(1), QStringLiteral("2"));
    }

    void unusableSnapshotFolderShowsABanner() {
        auto w = window(freshDir());
        QVERIFY(w->banner()->text().isEmpty());
        const QString file = freshDir() + QStringLiteral("/a file");
        QVERIFY(writeFile(file, "x"));
        w->setSnapshotFolder(file + QStringLiteral("/snapshots")); // a folder inside a file: impossible
        QVERIFY(w->banner()->isVisible());
        QVERIFY(w->banner()->text().contains(QStringLiteral("cannot be created")));
    }
};

QTEST_MAIN(TestMainWindow)
#include "tst_mainwindow.moc"

// The real window, offscreen: drops, snapshot jobs (progress, verification, cancel), the preview,
// export, and every error state a user can meet.
#include "testsupport.h"

#include <banner.h>
#include <jobspanel.h>
#include <mainwindow.h>
#include <previewwidget.h>
#include <snapshotlistmodel.h>
#include <sourcedetailsview.h>
#include <sourcelistmodel.h>

#include <QAction>
#include <QApplication>
#include <QElapsedTimer>
#include <QLabel>
#include <QListView>
#include <QMenu>
#include <QMimeData>
#include <QProgressBar>
#include <QPushButton>
#include <QRandomGenerator>
#include <QSettings>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTabWidget>
#include <QTest>
#include <QTimer>
#include <QTreeWidget>
#include <QUrl>

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

SourceListModel::State stateOf(MainWindow& w, int row) {
    return w.sources()->source(row).state;
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
        return db;
    }

    // A window whose snapshot folder is a fresh folder of the test.
    std::unique_ptr<MainWindow> window(const QString& snapshotFolder) {
        auto w = std::make_unique<MainWindow>();
        w->setSnapshotFolder(snapshotFolder);
        w->show();
        return w;
    }

    SnapshotJob* snapshotOf(MainWindow& w, const QString& db) {
        w.addSources({db});
        const int row = w.sources()->rowOf(db);
        if (row < 0)
            return nullptr;
        w.sourceView()->setCurrentIndex(w.sources()->index(row));
        QList<SnapshotJob*> jobs = w.snapshotSelected();
        return jobs.size() == 1 ? jobs.first() : nullptr;
    }

private slots:
    void initTestCase() {
        QStandardPaths::setTestModeEnabled(true); // settings and app data in the test locations
        QApplication::setOrganizationName(QStringLiteral("SQLite Snapshot Tests"));
        QApplication::setApplicationName(QStringLiteral("tst_mainwindow"));
        QSettings().clear();
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
        QCOMPARE(w->sources()->rowCount(), 2); // the -wal and -shm stand for the database: listed once
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
        SnapshotJob* job = snapshotOf(*w, db);
        QVERIFY(job);
        QList<int> permille;
        connect(job, &SnapshotJob::progressChanged, this, [&] { permille << job->permille(); });
        QTRY_VERIFY_WITH_TIMEOUT(!job->isRunning(), 30000);
        QCOMPARE(job->state(), SnapshotJob::State::Succeeded);
        QVERIFY(!permille.isEmpty());
        QVERIFY(std::is_sorted(permille.begin(), permille.end())); // only ever forward
        QCOMPARE(permille.last(), 1000);
        QCOMPARE(job->result()->integrity, std::optional<QString>(QStringLiteral("ok")));
        QCOMPARE(job->result()->sha256.size(), 64);
        QVERIFY(QFileInfo(job->destination()).fileName().startsWith(QStringLiteral("bank.db ")));
        QVERIFY(job->destination().endsWith(QStringLiteral(".sqlite")));
        const BankState bank = readBank(job->destination());
        QVERIFY2(bank.problem().isEmpty(), qPrintable(bank.problem()));
        QCOMPARE(bank.account1, 1007); // the committed transfer that lives only in the -wal
        QCOMPARE(folderBytes(dir), sourceBefore);
        QCOMPARE(folderEntries(folder), QStringList{QFileInfo(job->destination()).fileName()});

        // Listed with its integrity and hash, and its preview opened.
        QTRY_COMPARE(w->snapshots()->rowCount(), 1);
        QCOMPARE(w->snapshots()->entry(0).integrity, QStringLiteral("ok"));
        QCOMPARE(w->snapshots()->entry(0).sha256, job->result()->sha256);
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
        SnapshotJob* snap = snapshotOf(*w, db);
        QTRY_VERIFY_WITH_TIMEOUT(!snap->isRunning(), 30000);
        QCOMPARE(snap->state(), SnapshotJob::State::Succeeded);
        const QString target = exports + QStringLiteral("/exported copy.sqlite");
        QString askedTitle;
        w->chooseSaveFile = [&](const QString& title, const QString&, const QString&) {
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
            SnapshotJob* job = w->jobs()->jobs().first();
            QCOMPARE(job->kind(), SnapshotJob::Kind::Export);
            QList<int> permille;
            connect(job, &SnapshotJob::progressChanged, this, [&] { permille << job->permille(); });
            QTRY_VERIFY_WITH_TIMEOUT(!job->isRunning(), 30000);
            QVERIFY2(job->state() == SnapshotJob::State::Succeeded,
                     qPrintable(job->error() ? job->error()->message : QString()));
            QCOMPARE(job->result()->strategy, OutputStrategy::Backup);
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
        w->sourceView()->selectAll();
        QTRY_VERIFY(w->snapshotAction()->isEnabled());
        w->snapshotAction()->trigger();
        const QList<SnapshotJob*> jobs = w->jobs()->jobs();
        QCOMPARE(jobs.size(), 3);
        QCOMPARE(w->jobs()->runningCount(), 3); // all started at once, none waits for another to finish
        for (SnapshotJob* job : jobs)
            QTRY_VERIFY_WITH_TIMEOUT(!job->isRunning(), 30000);
        QStringList snapshotted;
        for (SnapshotJob* job : jobs) {
            QCOMPARE(job->state(), SnapshotJob::State::Succeeded);
            QCOMPARE(readBank(job->destination()).logRows, qint64(20000));
            snapshotted << job->source();
        }
        snapshotted.sort();
        dbs.sort();
        QCOMPARE(snapshotted, dbs);
        QCOMPARE(w->tabs()->count(), 2); // the details and one preview: of the batch's last snapshot
        QCOMPARE(folderEntries(folder).size(), 3);
    }

    void settingsAreRemembered() {
        const QString folder = freshDir(), dir = freshDir();
        const QString db = dir + QStringLiteral("/remember.db");
        QVERIFY(runDbtool({QStringLiteral("make"), db, QStringLiteral("rollback"), QStringLiteral("10")}));
        {
            auto w = window(folder);
            w->addSources({db});
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
        QCOMPARE(w->sources()->rowCount(), 1);
        QCOMPARE(w->sources()->source(0).path, db);
    }

    void tableExportFromThePreview() {
        const QString dir = freshDir(), folder = freshDir(), exports = freshDir();
        const QString db = dir + QStringLiteral("/bank.db");
        QVERIFY(runDbtool({QStringLiteral("make"), db, QStringLiteral("rollback"), QStringLiteral("3000")}));
        auto w = window(folder);
        SnapshotJob* snap = snapshotOf(*w, db);
        QTRY_VERIFY_WITH_TIMEOUT(!snap->isRunning(), 30000);
        auto* preview = qobject_cast<PreviewWidget*>(w->tabs()->currentWidget());
        QVERIFY(preview);
        QTRY_VERIFY(preview->tableList()->topLevelItemCount() >= 2);
        preview->selectTable(QStringLiteral("log"));
        QTRY_COMPARE(preview->dataModel()->table(), QStringLiteral("log"));
        const QString target = exports + QStringLiteral("/log.csv");
        QString filters;
        w->chooseSaveFile = [&](const QString&, const QString&, const QString& nameFilters) {
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
        SnapshotJob* job = w->jobs()->jobs().first();
        QCOMPARE(job->kind(), SnapshotJob::Kind::TableExport);
        QTRY_VERIFY_WITH_TIMEOUT(!job->isRunning(), 30000);
        QVERIFY2(job->state() == SnapshotJob::State::Succeeded,
                 qPrintable(job->error() ? job->error()->message : QString()));
        QCOMPARE(job->tableResult()->rows, qint64(3000));
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
        SnapshotJob* job = snapshotOf(*w, db);
        QVERIFY(job);
        QTRY_VERIFY2(job->progress().attempt >= 3,
                     qPrintable(QStringLiteral("attempt %1, state %2, %3")
                                    .arg(job->progress().attempt)
                                    .arg(int(job->state()))
                                    .arg(job->error() ? job->error()->message : QString())));
        QTRY_VERIFY(w->jobs()->statusText(job).startsWith(QStringLiteral("Copying (attempt "))); // ≤ 10/s
        QSignalSpy finished(job, &SnapshotJob::finished);
        QElapsedTimer clock;
        clock.start();
        clickJobButton(*w, w->jobs()->cancelButtonRect(job));
        QVERIFY(finished.wait(10000));
        qInfo("cancel took effect after %lld ms", clock.elapsed());
        QCOMPARE(job->state(), SnapshotJob::State::Cancelled);
        QVERIFY(w->jobs()->statusText(job).startsWith(QStringLiteral("Cancelled")));
        QVERIFY(w->jobs()->cancelButtonRect(job).isNull());
        QCOMPARE(folderEntries(folder), QStringList()); // no snapshot, no temporary, no staging folder
    }

    void snapshotTwiceInOneSecondGivesTwoSnapshots() {
        const QString dir = freshDir(), folder = freshDir();
        const QString db = dir + QStringLiteral("/twice.db");
        QVERIFY(runDbtool({QStringLiteral("make"), db, QStringLiteral("wal"), QStringLiteral("20000")}));
        auto w = window(folder);
        w->addSources({db});
        QTRY_COMPARE(stateOf(*w, 0), SourceListModel::State::Ready);
        // The second click comes while the first job is still writing its file.
        const QList<SnapshotJob*> jobs =
            w->snapshotSelected() + w->snapshotSelected() + w->snapshotSelected();
        QCOMPARE(jobs.size(), 3);
        for (SnapshotJob* job : jobs)
            QTRY_VERIFY_WITH_TIMEOUT(!job->isRunning(), 30000);
        QSet<QString> names;
        for (SnapshotJob* job : jobs) {
            QVERIFY2(job->state() == SnapshotJob::State::Succeeded,
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
        SnapshotJob* job = snapshotOf(*w, db);
        QVERIFY(job);
        QListView* list = w->jobs()->view();
        list->setFocus();
        list->setCurrentIndex(list->model()->index(0, 0));
        QSignalSpy finished(job, &SnapshotJob::finished);
        QTest::keyClick(list, Qt::Key_Delete);
        QVERIFY(finished.wait(10000));
        QCOMPARE(job->state(), SnapshotJob::State::Cancelled);
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
            if (QStandardPaths::findExecutable(QStringLiteral("setpriv")).isEmpty())
                QSKIP("setpriv is missing: cannot drop root privileges");
            for (const QString& p : {m_tmp.path(), dir})
                QVERIFY(::chmod(QFile::encodeName(p).constData(), 0777) == 0);
            QProcess self;
            QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
            env.insert(QStringLiteral("SQLSNAP_UNREADABLE_DB"), db);
            env.insert(QStringLiteral("HOME"), dir);
            env.insert(QStringLiteral("XDG_RUNTIME_DIR"), dir);
            self.setProcessEnvironment(env);
            self.start(QStringLiteral("setpriv"),
                       {QStringLiteral("--reuid=65534"), QStringLiteral("--regid=65534"),
                        QStringLiteral("--clear-groups"), QStringLiteral("--"),
                        QCoreApplication::applicationFilePath(), QStringLiteral("unreadableAsThisUser")});
            QVERIFY(self.waitForFinished(60000));
            QVERIFY2(self.exitCode() == 0, self.readAllStandardOutput().constData());
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
        SnapshotJob* job = snapshotOf(*w, db);
        QTRY_VERIFY_WITH_TIMEOUT(!job->isRunning(), 30000);
        QCOMPARE(job->state(), SnapshotJob::State::Failed);
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
        SnapshotJob* job = snapshotOf(*w, db);
        QTRY_COMPARE(stateOf(*w, 0), SourceListModel::State::Ready);
        auto* notes = w->details()->findChild<QLabel*>(QStringLiteral("sourceNotes"));
        QVERIFY2(notes->text().contains(QStringLiteral("Another program")), qPrintable(notes->text()));
        QTRY_VERIFY_WITH_TIMEOUT(!job->isRunning(), 30000);
        QCOMPARE(job->state(), SnapshotJob::State::Succeeded);
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
            QList<SnapshotJob*> jobs;
            phase = "adding jobs";
            for (int i = 0; i < 100; ++i) {
                const QString source = sources[i % sources.size()];
                const QString dest = folder + QStringLiteral("/job-%1-%2.sqlite").arg(batch).arg(i);
                jobs << w->startSnapshot(source, dest, false);
                if (random.bounded(3) == 0) { // a third are cancelled, some at once, some a little later
                    SnapshotJob* job = jobs.last();
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
            for (SnapshotJob* job : std::as_const(jobs))
                QTRY_VERIFY_WITH_TIMEOUT(!job->isRunning(), 120000);
            phase = "checking results";
            for (SnapshotJob* job : std::as_const(jobs)) {
                if (job->state() == SnapshotJob::State::Succeeded) {
                    QCOMPARE(job->result()->integrity, std::optional<QString>(QStringLiteral("ok")));
                    QVERIFY(QFileInfo::exists(job->destination()));
                    ++verified;
                } else {
                    QVERIFY2(job->state() == SnapshotJob::State::Cancelled,
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

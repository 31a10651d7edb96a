// The window's side lists at 800x600 with very long texts: a database whose path is over 200 characters
// (its file name alone over 100), one whose error names that path, a snapshot job with such a title and
// a failed one with such an error. No horizontal scroll bar appears on the databases list, the selected
// database's details or the jobs list; every row fits the list's width, and hovering a row shows its
// whole text in the tooltip. With SQLSNAP_SCREENSHOTS=<folder>: the window, to look at.
// And the snapshots list follows its folder: what the real CLI writes there shows, a file deleted outside
// the app goes, with the selection and the scroll position kept; a folder deleted is said in place.
#include "testsupport.h"

#include <sqlitesnapshot/history.h>

#include <history/historyview.h>
#include <jobs/job.h>
#include <jobs/joblistmodel.h>
#include <jobs/jobspanel.h>
#include <snapshots/snapshotlistmodel.h>
#include <snapshots/snapshotspane.h>
#include <sources/sourcelistmodel.h>
#include <window/mainwindow.h>
#include <window/translations.h>

#include <QApplication>
#include <QClipboard>
#include <QDir>
#include <QHelpEvent>
#include <QLabel>
#include <QListView>
#include <QProcess>
#include <QPushButton>
#include <QRegularExpression>
#include <QScrollArea>
#include <QScrollBar>
#include <QStandardPaths>
#include <QTabWidget>
#include <QTest>
#include <QToolTip>
#include <QTreeView>

#include <sys/stat.h>
#include <unistd.h>

using namespace sqlsnap;
using namespace sqlsnap::ui;
using namespace testsupport;

class TestSideLists : public QObject {
    Q_OBJECT
    QTemporaryDir m_tmp;
    QString m_good, m_bad;

    // Hovers row `row` of `view` and returns the tooltip that shows.
    static QString tooltipOf(QAbstractItemView* view, int row) {
        QToolTip::hideText();
        const QModelIndex index = view->model()->index(row, 0);
        view->scrollTo(index);
        const QPoint at = view->visualRect(index).center();
        QHelpEvent event(QEvent::ToolTip, at, view->viewport()->mapToGlobal(at));
        QApplication::sendEvent(view->viewport(), &event);
        return QToolTip::isVisible() ? QToolTip::text() : QString();
    }
    // No horizontal scroll bar, and nothing wider than the viewport to scroll to.
    static void fitsItsWidth(QAbstractItemView* view) {
        QVERIFY(!view->horizontalScrollBar()->isVisible());
        QCOMPARE(view->horizontalScrollBar()->maximum(), 0);
        for (int r = 0; r < view->model()->rowCount(); ++r)
            QVERIFY2(view->visualRect(view->model()->index(r, 0)).right() < view->viewport()->width(),
                     qPrintable(QStringLiteral("row %1 is wider than its list").arg(r)));
    }

private slots:
    void initTestCase() {
        QStandardPaths::setTestModeEnabled(true);
        installTranslations(QLocale(QLocale::English, QLocale::UnitedStates));
        // Folders and a file name, each long, with no space to wrap at.
        QString folder = m_tmp.path();
        for (int i = 0; i < 2; ++i)
            folder += QStringLiteral("/a-folder-with-a-rather-long-name-number-%1").arg(i);
        QVERIFY(QDir().mkpath(folder));
        const QString name = QStringLiteral("customer-orders-and-invoices-archive-for-the-financial-years-"
                                            "2019-to-2026-exported-from-the-old-system");
        m_good = folder + QLatin1Char('/') + name + QStringLiteral(".db");
        // And one with no place to break at all.
        m_bad =
            folder + QStringLiteral("/CustomerOrdersAndInvoicesArchiveForTheFinancialYears2019To2026Exported"
                                    "FromTheOldSystemDamaged.db");
        QVERIFY(m_good.size() > 200 && m_bad.size() > 200);
        QVERIFY(execSql(m_good, QStringLiteral("CREATE TABLE t(x); INSERT INTO t VALUES (1);")));
        QVERIFY(writeFile(m_bad, QByteArray(8192, 'x')));
    }

    void longNamesAndErrorsFitAt800x600() {
        MainWindow window;
        const QString snapshots = m_tmp.filePath(QStringLiteral("snapshots"));
        QVERIFY(QDir().mkpath(snapshots));
        window.setSnapshotFolder(snapshots);
        window.resize(800, 600);
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        window.addSources({m_good, m_bad});
        SourceListModel* sources = window.sources();
        QTRY_COMPARE(sources->size(), 2);
        QTRY_VERIFY(sources->source(0).state != SourceListModel::State::Inspecting &&
                    sources->source(1).state != SourceListModel::State::Inspecting);
        const int bad = sources->rowOf(m_bad);
        QCOMPARE(sources->source(bad).state, SourceListModel::State::Error);
        const QString badError = sources->source(bad).error->message;

        // A snapshot with a long name, and a failed one whose error is long.
        Job* ok =
            window.startSnapshot(m_good, snapshots + QLatin1Char('/') + QFileInfo(m_good).fileName(), false);
        Job* failed = window.startSnapshot(m_bad, snapshots + QStringLiteral("/damaged.db"), false);
        QTRY_VERIFY(!ok->isRunning() && !failed->isRunning());
        QCOMPARE(ok->state(), Job::State::Succeeded);
        QCOMPARE(failed->state(), Job::State::Failed);
        const QString failedStatus = window.jobs()->statusText(failed);
        QVERIFY2(failedStatus.size() > 100, qPrintable(failedStatus));
        window.tabs()->setCurrentIndex(0); // the Database tab: the selected database's details
        window.sourceView()->setCurrentIndex(sources->index(bad));
        QTest::qWait(200); // the lists lay their rows out again

        fitsItsWidth(window.sourceView());
        fitsItsWidth(window.jobs()->view());
        auto* details = window.findChild<QScrollArea*>(QStringLiteral("detailsScroll"));
        QVERIFY(details && details->isVisible());
        QVERIFY2(!details->horizontalScrollBar()->isVisible(), "the database's details scroll sideways");
        if (const QString folder = qEnvironmentVariable("SQLSNAP_SCREENSHOTS"); !folder.isEmpty())
            QVERIFY(window.grab().save(folder + QStringLiteral("/side-lists-details-800x600.png")));
        // The error wraps anywhere it must, and what is copied from it is the exact text.
        auto* errorLabel = window.findChild<QLabel*>(QStringLiteral("sourceError"));
        QVERIFY(errorLabel && errorLabel->isVisible());
        QVERIFY(errorLabel->toolTip().startsWith(badError));
        errorLabel->setFocus();
        errorLabel->setSelection(0, int(errorLabel->text().size()));
        QTest::keyClick(errorLabel, Qt::Key_C, Qt::ControlModifier);
        QTRY_COMPARE(QApplication::clipboard()->text(), errorLabel->toolTip());
        window.sourceView()->setCurrentIndex(sources->index(sources->rowOf(m_good)));
        QTest::qWait(100);
        QVERIFY2(!details->horizontalScrollBar()->isVisible(), "the database's details scroll sideways");

        // The whole text on hover.
        const QString goodTip = tooltipOf(window.sourceView(), sources->rowOf(m_good));
        QVERIFY2(goodTip.contains(m_good), qPrintable(goodTip));
        const QString badTip = tooltipOf(window.sourceView(), bad);
        QVERIFY2(badTip.contains(m_bad) && badTip.contains(badError), qPrintable(badTip));
        JobListModel* jobs = window.jobs()->model();
        const QString okTip = tooltipOf(window.jobs()->view(), jobs->rowOf(ok));
        QVERIFY2(okTip.contains(ok->title()) && okTip.contains(ok->destination()), qPrintable(okTip));
        const QString failedTip = tooltipOf(window.jobs()->view(), jobs->rowOf(failed));
        QVERIFY2(failedTip.contains(failed->title()) && failedTip.contains(failedStatus),
                 qPrintable(failedTip));

        if (const QString folder = qEnvironmentVariable("SQLSNAP_SCREENSHOTS"); !folder.isEmpty())
            QVERIFY(window.grab().save(folder + QStringLiteral("/side-lists-800x600.png")));
    }
    void snapshotsListFollowsItsFolder() {
        const QString dir = freshFolder(m_tmp, QStringLiteral("watched"));
        const QString folder = dir + QStringLiteral("/snapshots");
        QVERIFY(QDir().mkpath(folder));
        const QString db = dir + QStringLiteral("/notes.db");
        QVERIFY(execSql(db, QStringLiteral("CREATE TABLE t(x); INSERT INTO t VALUES (1);")));
        const CliRun first =
            cli({QStringLiteral("snapshot"), db, QStringLiteral("--into"), folder, QStringLiteral("--json")});
        QCOMPARE(first.exitCode, 0);
        const QString firstPath = first.json().value(QStringLiteral("destination")).toString();
        // More rows than the list shows at 800x600, older than what comes next.
        for (int i = 0; i < 30; ++i) {
            const QString copy = folder + QStringLiteral("/older %1.sqlite").arg(i, 2, 10, QLatin1Char('0'));
            QVERIFY(QFile::copy(firstPath, copy));
            QFile f(copy);
            QVERIFY(f.open(QIODevice::ReadWrite));
            QVERIFY(f.setFileTime(QDateTime::currentDateTime().addSecs(-3600 - i * 60),
                                  QFileDevice::FileModificationTime));
        }
        MainWindow window;
        window.setSnapshotFolder(folder);
        window.resize(800, 600);
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        SnapshotListModel* list = window.snapshots();
        QTreeView* view = window.snapshotsPane()->view();
        QTRY_COMPARE(list->rowCount(), 31);
        QVERIFY(!window.snapshotsPane()->statusLabel()->isVisible());

        // A row far down selected and scrolled to: both stay while the folder changes.
        const QString selected = folder + QStringLiteral("/older 20.sqlite");
        view->setCurrentIndex(list->index(list->rowOfPath(selected), 0));
        view->scrollTo(view->currentIndex(), QAbstractItemView::PositionAtTop);
        QVERIFY(view->verticalScrollBar()->value() > 0);
        const auto topPath = [&] { return list->entry(view->indexAt(QPoint(1, 1)).row()).path; };
        const QString top = topPath();

        const CliRun second =
            cli({QStringLiteral("snapshot"), db, QStringLiteral("--into"), folder, QStringLiteral("--json")});
        QCOMPARE(second.exitCode, 0);
        const QString secondPath = second.json().value(QStringLiteral("destination")).toString();
        QTRY_VERIFY_WITH_TIMEOUT(list->rowOfPath(secondPath) >= 0, 5000);
        QCOMPARE(list->rowCount(), 32);
        // Its time to the second (snapshots a minute apart must not look alike); today's without the date.
        const QString taken =
            list->index(list->rowOfPath(secondPath), SnapshotListModel::TakenColumn).data().toString();
        QVERIFY2(QRegularExpression(QStringLiteral("^\\d\\d:\\d\\d:\\d\\d$")).match(taken).hasMatch(),
                 qPrintable(taken));
        QCOMPARE(window.snapshotsPane()->currentPath(), selected);
        QCOMPARE(window.snapshotsPane()->selectedPaths(), QStringList{selected});
        QCOMPARE(topPath(), top);

        QVERIFY(QFile::remove(firstPath)); // deleted outside the app
        QTRY_VERIFY_WITH_TIMEOUT(list->rowOfPath(firstPath) < 0, 5000);
        QCOMPARE(window.snapshotsPane()->currentPath(), selected);
        QCOMPARE(topPath(), top);

        // The folder moved away as a whole (only its parent changes): gone, and back when moved back.
        const int rowsBefore = list->rowCount();
        QLabel* status = window.snapshotsPane()->statusLabel();
        QVERIFY(QDir().rename(folder, folder + QStringLiteral(".moved")));
        QTRY_COMPARE_WITH_TIMEOUT(list->rowCount(), 0, 5000);
        QVERIFY2(status->text().contains(QStringLiteral("is gone")), qPrintable(status->text()));
        QVERIFY(QDir().rename(folder + QStringLiteral(".moved"), folder));
        QTRY_COMPARE_WITH_TIMEOUT(list->rowCount(), rowsBefore, 5000);

        // The folder itself deleted: the list empties and says so; nothing to show in a file manager.
        QVERIFY(QDir(folder).removeRecursively());
        QTRY_COMPARE_WITH_TIMEOUT(list->rowCount(), 0, 5000);
        QVERIFY(status->isVisible());
        QVERIFY2(status->text().contains(QStringLiteral("is gone")), qPrintable(status->text()));
        QVERIFY(!window.snapshotsPane()->showFolderButton()->isEnabled());
        // Made again (by a script, a schedule): it is seen, empty first, then with its snapshot.
        QVERIFY(QDir().mkpath(folder));
        QTRY_VERIFY_WITH_TIMEOUT(status->text().contains(QStringLiteral("No snapshots")), 5000);
        QVERIFY(window.snapshotsPane()->showFolderButton()->isEnabled());
        const CliRun third = cli({QStringLiteral("snapshot"), db, QStringLiteral("--into"), folder});
        QCOMPARE(third.exitCode, 0);
        QTRY_COMPARE_WITH_TIMEOUT(list->rowCount(), 1, 5000);
        QVERIFY(!status->isVisible());
    }
    // Taken is the time in a snapshot's name, as in the History: the file's mtime is when its publish
    // ended (a second later for a slow one, any time for a copied file). Other names: the mtime.
    void takenIsTheTimeInTheName() {
        const QString folder = freshFolder(m_tmp, QStringLiteral("named"));
        const QString db = folder + QStringLiteral("/notes.db");
        QVERIFY(execSql(db, QStringLiteral("CREATE TABLE t(x)")));
        const QDateTime named(QDate(2026, 1, 2), QTime(3, 4, 5));
        const QString snapshot = folder + QLatin1Char('/') + snapshotFileName(db, named);
        const QString other = folder + QStringLiteral("/by hand.sqlite");
        const QDateTime modified(QDate(2025, 6, 7), QTime(8, 9, 10));
        for (const QString& path : {snapshot, other}) {
            QVERIFY(QFile::copy(db, path));
            QFile f(path);
            QVERIFY(f.open(QIODevice::ReadWrite));
            QVERIFY(f.setFileTime(modified, QFileDevice::FileModificationTime));
        }
        MainWindow window;
        window.setSnapshotFolder(folder);
        SnapshotListModel* list = window.snapshots();
        QTRY_COMPARE(list->rowCount(), 2);
        const auto taken = [&](const QString& path) {
            return list->index(list->rowOfPath(path), SnapshotListModel::TakenColumn).data().toString();
        };
        QCOMPARE(taken(snapshot), QStringLiteral("2026-01-02 03:04:05"));
        QCOMPARE(taken(other), QStringLiteral("2025-06-07 08:09:10"));
    }
    // A snapshot folder this user may not read: the list and the History say so in place (not "no
    // snapshots yet"). Root reads everything: then the same check runs in a copy of this test as nobody.
    void anUnreadableFolderIsSaidInPlace() {
        const QString dir = freshFolder(m_tmp, QStringLiteral("unreadable"));
        const QString folder = dir + QStringLiteral("/snapshots");
        QVERIFY(QDir().mkpath(folder));
        const QString db = dir + QStringLiteral("/notes.db");
        QVERIFY(execSql(db, QStringLiteral("CREATE TABLE t(x); INSERT INTO t VALUES (1);")));
        QCOMPARE(cli({QStringLiteral("snapshot"), db, QStringLiteral("--into"), folder}).exitCode, 0);
        QVERIFY(::chmod(QFile::encodeName(folder).constData(), 0) == 0);
        if (::geteuid() == 0) {
            if (!canRunAsNobody())
                QSKIP("setpriv is missing: cannot drop root privileges");
            for (const QString& p : {m_tmp.path(), dir, QFileInfo(dir).path()})
                QVERIFY(::chmod(QFile::encodeName(p).constData(), 0777) == 0);
            QVERIFY(::chmod(QFile::encodeName(db).constData(), 0666) == 0);
            QProcessEnvironment env;
            env.insert(QStringLiteral("SQLSNAP_UNREADABLE_FOLDER"), folder);
            env.insert(QStringLiteral("XDG_CONFIG_HOME"), dir + QStringLiteral("/config"));
            env.insert(QStringLiteral("XDG_DATA_HOME"), dir + QStringLiteral("/data"));
            const QString failure = runTestAsNobody(QStringLiteral("unreadableAsThisUser"), dir, env);
            QVERIFY2(failure.isEmpty(), qPrintable(failure));
            return;
        }
        qputenv("SQLSNAP_UNREADABLE_FOLDER", folder.toLocal8Bit());
        unreadableAsThisUser();
    }

    void unreadableAsThisUser() {
        const QString folder = qEnvironmentVariable("SQLSNAP_UNREADABLE_FOLDER");
        if (folder.isEmpty())
            QSKIP("run by anUnreadableFolderIsSaidInPlace");
        const QString db = QFileInfo(folder).path() + QStringLiteral("/notes.db");
        MainWindow window;
        window.setSnapshotFolder(folder);
        window.resize(800, 600);
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        window.addSources({db});
        QLabel* status = window.snapshotsPane()->statusLabel();
        QTRY_VERIFY_WITH_TIMEOUT(status->isVisible(), 5000);
        QVERIFY2(status->text().contains(QStringLiteral("cannot be read")), qPrintable(status->text()));
        QCOMPARE(window.snapshots()->rowCount(), 0);
        QLabel* history = window.history()->statusLabel();
        QTRY_VERIFY_WITH_TIMEOUT(history->text().contains(QStringLiteral("cannot be read")), 5000);
        QVERIFY2(!history->text().contains(QStringLiteral("No snapshots")), qPrintable(history->text()));
    }
};

QTEST_MAIN(TestSideLists)
#include "tst_sidelists.moc"

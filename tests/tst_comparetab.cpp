// The Compare tab on the real window, offscreen: two real snapshot files with known changes → the
// summary's numbers, the marked cells, the filters, the value viewers' before and after, the same file
// twice, a missing file, the snapshots list's two-selected rule, Compare with Now on a live source.
// Layout, titles and screenshots: tst_comparetablayout; exports and cancel: tst_comparetabexport.
#include "comparefixture.h"
#include "widgetsupport.h"

#include <common/elidedlabel.h>
#include <compare/changedrowsmodel.h>
#include <compare/comparetab.h>
#include <compare/comparewithnow.h>
#include <jobs/job.h>
#include <jobs/joblistmodel.h>
#include <jobs/jobspanel.h>
#include <jobs/jobspecs.h>
#include <preview/valueviewer.h>
#include <preview/windowedgrid.h>
#include <snapshots/snapshotlistmodel.h>
#include <snapshots/snapshotspane.h>
#include <sources/sourcelistmodel.h>
#include <window/mainwindow.h>
#include <window/translations.h>

#include <QAction>
#include <QApplication>
#include <QCheckBox>
#include <QDir>
#include <QFile>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QListView>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QScopeGuard>
#include <QSet>
#include <QSettings>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTabBar>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>
#include <QTreeView>
#include <QTreeWidget>

#include <sqlitesnapshot/history.h>

#include <future>

using namespace sqlsnap;
using namespace sqlsnap::ui;
using namespace testsupport;

namespace {

constexpr int kWait = kCompareWait;

// The grid row whose key (the id column, 1) is `id`.
int rowWithId(ChangedRowsModel* rows, const QString& id) {
    for (int r = 0; r < rows->rowCount(); ++r) {
        const QModelIndex i = rows->index(r, 1);
        const QVariant v = i.data(ChangedRowsModel::HasAfterRole).toBool()
                               ? i.data(ChangedRowsModel::AfterRole)
                               : i.data(ChangedRowsModel::BeforeRole);
        if (v.toString() == id)
            return r;
    }
    return -1;
}

} // namespace

class TestCompareTab : public QObject, CompareFixture {
    Q_OBJECT

private slots:
    void initTestCase() { QVERIFY(setUpPair("tst_comparetab")); }

    void summaryCountsEveryTable() {
        auto w = window();
        CompareTab* tab = compared(*w);
        QVERIFY(tab);
        QCOMPARE(w->tabs()->currentWidget(), tab);
        QTreeWidgetItem* items = summaryRow(tab, QStringLiteral("items"));
        QVERIFY(items);
        QCOMPARE(items->text(1), QStringLiteral("1"));  // added
        QCOMPARE(items->text(2), QStringLiteral("1"));  // removed
        QCOMPARE(items->text(3), QStringLiteral("2"));  // changed
        QCOMPARE(items->text(4), QStringLiteral("47")); // unchanged
        QCOMPARE(items->text(5),
                 QStringLiteral("id (rowid)")); // its INTEGER PRIMARY KEY, the grid's "id (key)"
        QTreeWidgetItem* notes = summaryRow(tab, QStringLiteral("notes"));
        QVERIFY(notes);
        QCOMPARE(notes->text(1), QStringLiteral("1"));
        QCOMPARE(notes->text(3), QStringLiteral("0"));
        QCOMPARE(notes->text(4), QStringLiteral("2"));
        QCOMPARE(notes->text(5), QStringLiteral("primary key (k)"));
        QTreeWidgetItem* same = summaryRow(tab, QStringLiteral("same"));
        QVERIFY(same);
        QCOMPARE(same->text(4), QStringLiteral("3"));
        QCOMPARE(same->text(1) + same->text(2) + same->text(3), QStringLiteral("000"));
        // The schema: the index added, with its SQL after and none before.
        QCOMPARE(tab->schemaList()->topLevelItemCount(), 1);
        QTreeWidgetItem* index = tab->schemaList()->topLevelItem(0);
        QCOMPARE(index->text(0), QStringLiteral("added"));
        QCOMPARE(index->text(1), QStringLiteral("index"));
        QCOMPARE(index->text(2), QStringLiteral("items_name"));
        tab->schemaList()->setCurrentItem(index);
        QCOMPARE(tab->sqlBefore()->toPlainText(), QString());
        QCOMPARE(tab->sqlAfter()->toPlainText(), QStringLiteral("CREATE INDEX items_name ON items(name)"));
        QVERIFY(tab->status()->fullText().contains(QStringLiteral("2 tables differ")));
    }

    // The first table shows while the others are still being compared: the real job, held (its sink
    // blocks) right after it reported the first table done, until the test has seen that table.
    void firstTableShowsBeforeTheEnd() {
        auto w = window();
        auto* tab = new CompareTab(m_a, m_b, w->tabs());
        w->tabs()->addTab(tab, QStringLiteral("held"));
        auto gate = std::make_shared<std::promise<void>>();
        bool released = false;
        const auto release = [&] {
            if (!std::exchange(released, true))
                gate->set_value();
        };
        auto releaseOnFailure = qScopeGuard(release); // a failed check must not leave the job held
        Job* job = startHeld(*w, tab, m_a, m_b, gate);
        QTRY_COMPARE_WITH_TIMEOUT(tab->summary()->topLevelItemCount(), 1, kWait);
        QVERIFY(job->isRunning());
        QCOMPARE(tab->summary()->topLevelItem(0)->text(0), QStringLiteral("items")); // tables by name
        QCOMPARE(tab->summary()->topLevelItem(0)->text(3), QStringLiteral("2"));
        QVERIFY(tab->rows()->table().name == QStringLiteral("items")); // selected at once: it differs
        QVERIFY(tab->status()->fullText().startsWith(QStringLiteral("Comparing")));
        QCOMPARE(tab->schemaList()->topLevelItemCount(), 1); // the schema is known once both are open
        release();
        QTRY_VERIFY_WITH_TIMEOUT(!job->isRunning(), kWait);
        QCOMPARE(job->state(), Job::State::Succeeded);
        QCOMPARE(tab->summary()->topLevelItemCount(), 3);
    }

    void changedCellsAreMarkedAndShownBeforeAndAfter() {
        auto w = window();
        CompareTab* tab = compared(*w);
        QVERIFY(tab);
        QVERIFY(tab->selectTable(QStringLiteral("items")));
        QVERIFY(waitRows(tab));
        ChangedRowsModel* rows = tab->rows();
        QCOMPARE(rows->totalRows(), qint64(4));
        QCOMPARE(rows->rowCount(), 4);
        QCOMPARE(rows->headerData(1, Qt::Horizontal).toString(), QStringLiteral("id (key)"));
        QCOMPARE(rows->headerData(3, Qt::Horizontal).toString(), QStringLiteral("qty"));
        // In key order: 2 and 3 changed, 5 removed, 100 added.
        QCOMPARE(rows->index(0, 0).data().toString(), QStringLiteral("changed"));
        QCOMPARE(rows->index(2, 0).data().toString(), QStringLiteral("removed"));
        QCOMPARE(rows->index(3, 0).data().toString(), QStringLiteral("added"));
        const int two = rowWithId(rows, QStringLiteral("2"));
        QCOMPARE(two, 0);
        const QModelIndex qty = rows->index(two, 3), name = rows->index(two, 2);
        QVERIFY(qty.data(ChangedRowsModel::ChangedRole).toBool());
        QVERIFY(!name.data(ChangedRowsModel::ChangedRole).toBool());
        QVERIFY(qty.data(Qt::BackgroundRole).isValid());
        QVERIFY(!name.data(Qt::BackgroundRole).isValid());
        QCOMPARE(qty.data().toString(), QStringLiteral("2 → 20"));
        QCOMPARE(name.data().toString(), QStringLiteral("item 2"));
        // The value viewers: before and after of the cell chosen.
        tab->grid()->view()->setCurrentIndex(qty);
        QCOMPARE(tab->beforeViewer()->value(), QVariant(qint64(2)));
        QCOMPARE(tab->afterViewer()->value(), QVariant(qint64(20)));
        QCOMPARE(tab->beforeViewer()->column(), QStringLiteral("qty"));
        // An added row has no before: its viewer is cleared, the after is B's NULL.
        tab->grid()->view()->setCurrentIndex(rows->index(rowWithId(rows, QStringLiteral("100")), 3));
        QVERIFY(!tab->beforeViewer()->value().isValid());
        QVERIFY(tab->beforeViewer()->column().isEmpty());
        QCOMPARE(tab->afterViewer()->column(), QStringLiteral("qty"));
        QVERIFY(!tab->afterViewer()->value().isValid()); // NULL
        // A removed row: A's values, no after.
        tab->grid()->view()->setCurrentIndex(rows->index(rowWithId(rows, QStringLiteral("5")), 2));
        QCOMPARE(tab->beforeViewer()->value().toString(), QStringLiteral("item 5"));
        QVERIFY(tab->afterViewer()->column().isEmpty());
    }

    // Found by a review: a table on one side only showed its rows with no column at all.
    void aTableOnOneSideShowsItsOwnColumns() {
        const QString a = m_dir.filePath(QStringLiteral("one side A.sqlite"));
        const QString b = m_dir.filePath(QStringLiteral("one side B.sqlite"));
        QVERIFY(execSql(a, QStringLiteral("CREATE TABLE gone(p, q); INSERT INTO gone VALUES (1, 'was');")));
        QVERIFY(execSql(b, QStringLiteral("CREATE TABLE fresh(u, v); INSERT INTO fresh VALUES ('new', 2);")));
        auto w = window();
        Job* job = w->compareSnapshots(a, b);
        QVERIFY(job);
        QVERIFY(QTest::qWaitFor([&] { return !job->isRunning(); }, kWait));
        QCOMPARE(job->state(), Job::State::Succeeded);
        CompareTab* tab = compareTab(*w);
        QVERIFY(tab);
        QVERIFY(tab->selectTable(QStringLiteral("fresh")));
        QVERIFY(waitRows(tab));
        ChangedRowsModel* rows = tab->rows();
        QCOMPARE(rows->columnCount(), 4); // the kind, the rowid, u, v
        QCOMPARE(rows->headerData(1, Qt::Horizontal).toString(), QStringLiteral("rowid"));
        QCOMPARE(rows->headerData(2, Qt::Horizontal).toString().section(QLatin1Char(' '), 0, 0),
                 QStringLiteral("u"));
        QCOMPARE(rows->index(0, 0).data().toString(), QStringLiteral("added"));
        QCOMPARE(rows->index(0, 1).data().toString(), QStringLiteral("1"));
        QCOMPARE(rows->index(0, 2).data().toString(), QStringLiteral("new"));
        tab->grid()->view()->setCurrentIndex(rows->index(0, 3));
        QCOMPARE(tab->afterViewer()->value(), QVariant(qint64(2)));
        QVERIFY(tab->selectTable(QStringLiteral("gone")));
        QVERIFY(waitRows(tab));
        QCOMPARE(rows->columnCount(), 4);
        QCOMPARE(rows->index(0, 0).data().toString(), QStringLiteral("removed"));
        QCOMPARE(rows->index(0, 3).data().toString(), QStringLiteral("was"));
    }

    void filtersByKindAndTable() {
        auto w = window();
        CompareTab* tab = compared(*w);
        QVERIFY(tab);
        QVERIFY(tab->selectTable(QStringLiteral("items")));
        QVERIFY(waitRows(tab));
        tab->kindFilter(ChangedRowsModel::Changed)->setChecked(false);
        QVERIFY(waitRows(tab));
        QCOMPARE(tab->rows()->totalRows(), qint64(2));
        QCOMPARE(tab->rows()->index(0, 0).data().toString(), QStringLiteral("removed"));
        QCOMPARE(tab->rows()->index(1, 0).data().toString(), QStringLiteral("added"));
        // The count over the grid is of the kinds shown, and says which (not "2 changed rows").
        QCOMPARE(tab->rowsStatus()->fullText(), QStringLiteral("2 rows in items (added, removed)"));
        tab->kindFilter(ChangedRowsModel::Added)->setChecked(false);
        QVERIFY(waitRows(tab));
        QCOMPARE(tab->rows()->totalRows(), qint64(1));
        QCOMPARE(tab->rows()->index(0, 1).data(ChangedRowsModel::BeforeRole), QVariant(qint64(5)));
        tab->kindFilter(ChangedRowsModel::Changed)->setChecked(true);
        tab->kindFilter(ChangedRowsModel::Added)->setChecked(true);
        QVERIFY(waitRows(tab));
        QCOMPARE(tab->rows()->totalRows(), qint64(4));
        // The table filter hides the others (and the rows of a hidden table).
        tab->tableFilter()->setText(QStringLiteral("note"));
        QVERIFY(summaryRow(tab, QStringLiteral("items"))->isHidden());
        QVERIFY(!summaryRow(tab, QStringLiteral("notes"))->isHidden());
        QVERIFY(tab->rows()->table().name.isEmpty());
        QVERIFY(tab->schemaList()->topLevelItem(0)->isHidden()); // the index is items'
        QVERIFY(!tab->selectTable(QStringLiteral("items")));
        QVERIFY(tab->selectTable(QStringLiteral("notes")));
        QVERIFY(waitRows(tab));
        QCOMPARE(tab->rows()->totalRows(), qint64(1));
        QCOMPARE(tab->rows()->index(0, 2).data(ChangedRowsModel::AfterRole),
                 QVariant(QByteArray("\x00\xff", 2)));
    }

    // Review (#10): the same file twice was two reads; now it is one, and the tab says so.
    void theSameFileTwiceIsSaidToBeOne() {
        const QString link = m_dir.filePath(QStringLiteral("link to A.sqlite"));
        QVERIFY(QFile::link(m_a, link));
        auto w = window();
        Job* job = w->compareSnapshots(m_a, link);
        QVERIFY(job);
        QTRY_VERIFY_WITH_TIMEOUT(!job->isRunning(), kWait);
        QCOMPARE(job->state(), Job::State::Succeeded);
        auto* tab = qobject_cast<CompareTab*>(w->tabs()->currentWidget());
        QVERIFY(tab);
        QCOMPARE(tab->status()->fullText(), QStringLiteral("A and B are the same file: nothing differs."));
        QVERIFY(job->resultAs<ComparisonSummary>()->sameFile);
        QVERIFY(QFile::remove(link));
    }

    void aMissingFileIsAnErrorInPlace() {
        auto w = window();
        Job* job = w->compareSnapshots(m_a, m_dir.filePath(QStringLiteral("gone.sqlite")));
        QVERIFY(job);
        QTRY_VERIFY_WITH_TIMEOUT(!job->isRunning(), kWait);
        QCOMPARE(job->state(), Job::State::Failed);
        CompareTab* tab = compareTab(*w);
        QVERIFY(tab);
        QVERIFY2(tab->status()->fullText().startsWith(QStringLiteral("The comparison failed: ")),
                 qPrintable(tab->status()->fullText()));
        QVERIFY(!tab->status()->fullText().contains(QStringLiteral("staging"))); // no internal path named
        QCOMPARE(tab->summary()->topLevelItemCount(), 0);
    }

    void compareNeedsExactlyTwoSelected() {
        const QString third = m_folder + QStringLiteral("/shop C.sqlite");
        QVERIFY(QFile::copy(m_b, third));
        auto w = window();
        SnapshotsPane* pane = w->snapshotsPane();
        QTRY_COMPARE_WITH_TIMEOUT(w->snapshots()->rowCount(), 3, kWait);
        QAction* compare = pane->compareAction();
        QVERIFY(!compare->isEnabled());
        QItemSelectionModel* selection = pane->view()->selectionModel();
        const auto rowOf = [&](const QString& path) {
            for (int r = 0; r < w->snapshots()->rowCount(); ++r)
                if (w->snapshots()->entry(r).path == path)
                    return r;
            return -1;
        };
        const auto select = [&](const QString& path) {
            selection->select(w->snapshots()->index(rowOf(path), 0),
                              QItemSelectionModel::Select | QItemSelectionModel::Rows);
        };
        select(m_b);
        QVERIFY(!compare->isEnabled());
        select(m_a);
        QVERIFY(compare->isEnabled());
        select(third);
        QVERIFY(!compare->isEnabled());
        selection->clearSelection();
        select(m_b); // the newer one selected first: A is still the older
        select(m_a);
        QVERIFY(compare->isEnabled());
        compare->trigger();
        CompareTab* tab = compareTab(*w);
        QVERIFY(tab);
        QCOMPARE(QFileInfo(tab->before()).fileName(), QStringLiteral("shop A.sqlite"));
        QCOMPARE(QFileInfo(tab->after()).fileName(), QStringLiteral("shop B.sqlite"));
        QTRY_COMPARE_WITH_TIMEOUT(w->jobs()->runningCount(), 0, kWait);
        QVERIFY(QFile::remove(third));
    }

    void compareWithNowTakesAFreshSnapshotFirst() {
        const QString live = freshFolder(m_dir, QStringLiteral("live")) + QStringLiteral("/shop.db");
        QVERIFY(execSql(live, QString::fromLatin1(kSchemaA)));
        auto w = std::make_unique<MainWindow>();
        w->setSnapshotFolder(freshFolder(m_dir, QStringLiteral("liveSnapshots")));
        w->show();
        w->addSources({live});
        QTRY_COMPARE_WITH_TIMEOUT(w->sources()->size(), 1, kWait);
        w->sourceView()->setCurrentIndex(w->sources()->index(0));
        CompareWithNow* now = w->compareWithNow();
        QVERIFY(now->action()->isEnabled());
        QVERIFY(now->snapshotsOf(live).isEmpty());
        QVERIFY(!now->start()); // nothing to compare with yet: no job
        const QList<Job*> first = w->snapshotSelected();
        QCOMPARE(first.size(), 1);
        QTRY_VERIFY_WITH_TIMEOUT(!first.first()->isRunning(), kWait);
        QCOMPARE(first.first()->state(), Job::State::Succeeded);
        const QString earlier = first.first()->destination();
        QCOMPARE(now->snapshotsOf(live), QStringList{earlier});
        // The program changes its database; Compare with Now sees exactly that.
        QVERIFY(execSql(live, QString::fromLatin1(kChangesB)));
        QStringList offered;
        now->chooseSnapshot = [&](const QString&, const QStringList& snapshots) {
            offered = snapshots;
            return snapshots.first();
        };
        Job* comparison = nullptr;
        connect(now, &CompareWithNow::comparisonStarted, this, [&](Job* job) { comparison = job; });
        Job* snapshot = now->start();
        QVERIFY(snapshot);
        QCOMPARE(snapshot->kind(), JobKind::Snapshot);
        QCOMPARE(offered, QStringList{earlier});
        QTRY_VERIFY_WITH_TIMEOUT(comparison, kWait);
        QTRY_VERIFY_WITH_TIMEOUT(!comparison->isRunning(), kWait);
        QCOMPARE(comparison->state(), Job::State::Succeeded);
        CompareTab* tab = compareTab(*w);
        QVERIFY(tab);
        QCOMPARE(tab->before(), earlier);
        QCOMPARE(tab->after(), snapshot->destination());
        QTreeWidgetItem* items = summaryRow(tab, QStringLiteral("items"));
        QVERIFY(items);
        QCOMPARE(items->text(1) + items->text(2) + items->text(3), QStringLiteral("112"));
        QCOMPARE(queryText(live, QStringLiteral("SELECT count(*) FROM items")),
                 QStringLiteral("50")); // untouched
    }
};

QTEST_MAIN(TestCompareTab)
#include "tst_comparetab.moc"

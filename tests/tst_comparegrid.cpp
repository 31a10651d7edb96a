// The Compare tab's grid and value viewers on the real window, offscreen, over real snapshot files: the
// key named alike in the summary and the grid, the rowid column of a table keyed by its rowid, the rowid
// warning only where rows differ, columns fitted to their content, the declared type in the viewers, and
// the viewers filled when the rows of the current cell arrive after Ctrl+End.
#include "testsupport.h"

#include <compare/changedrowsmodel.h>
#include <compare/comparetab.h>
#include <jobs/job.h>
#include <preview/valueviewer.h>
#include <preview/windowedgrid.h>
#include <window/mainwindow.h>
#include <window/translations.h>

#include <QApplication>
#include <QDir>
#include <QFile>
#include <QHeaderView>
#include <QLabel>
#include <QSettings>
#include <QStandardPaths>
#include <QTabWidget>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>
#include <QTreeWidget>

using namespace sqlsnap;
using namespace sqlsnap::ui;
using namespace testsupport;

namespace {

constexpr int kWait = 60000; // a loaded machine: long enough never to be the reason a test fails

enum { KeyColumn = 5, NotesColumn = 6 };

QTreeWidgetItem* summaryRow(CompareTab* tab, const QString& table) {
    for (int i = 0; i < tab->summary()->topLevelItemCount(); ++i)
        if (tab->summary()->topLevelItem(i)->text(0) == table)
            return tab->summary()->topLevelItem(i);
    return nullptr;
}

} // namespace

class TestCompareGrid : public QObject {
    Q_OBJECT

    QTemporaryDir m_dir;
    QString m_a, m_b;

    std::unique_ptr<MainWindow> window() {
        auto w = std::make_unique<MainWindow>();
        w->setSnapshotFolder(freshFolder(m_dir, QStringLiteral("snapshots")));
        w->resize(1100, 800);
        w->show();
        return w;
    }

    // The comparison of A and B run to its end, and `table` shown in the grid with its rows read.
    CompareTab* shown(MainWindow& w, const QString& table) {
        Job* job = w.compareSnapshots(m_a, m_b);
        if (!job || !QTest::qWaitFor([&] { return !job->isRunning(); }, kWait) ||
            job->state() != Job::State::Succeeded)
            return nullptr;
        auto* tab = qobject_cast<CompareTab*>(w.tabs()->currentWidget());
        if (!tab || !tab->selectTable(table) ||
            !QTest::qWaitFor([&] { return !tab->rows()->loading(); }, kWait))
            return nullptr;
        return tab;
    }

private slots:
    void initTestCase() {
        QStandardPaths::setTestModeEnabled(true);
        QApplication::setOrganizationName(QStringLiteral("SQLite Snapshot Tests"));
        QApplication::setApplicationName(QStringLiteral("tst_comparegrid"));
        QSettings().clear();
        installTranslations(QLocale(QLocale::English, QLocale::UnitedStates));
        m_a = m_dir.filePath(QStringLiteral("a.sqlite"));
        m_b = m_dir.filePath(QStringLiteral("b.sqlite"));
        // items: an INTEGER PRIMARY KEY. plain: no key (the rowid), rows changed. still: no key, unchanged.
        // many: 2,000 rows, every one changed (4 windows of the grid).
        QVERIFY(execSql(
            m_a,
            QStringLiteral("CREATE TABLE items(id INTEGER PRIMARY KEY, name TEXT, qty INTEGER);"
                           "INSERT INTO items VALUES (1, 'one', 1), (2, 'two', 2);"
                           "CREATE TABLE plain(word VARCHAR(20), note);"
                           "INSERT INTO plain VALUES ('a', 'same'), ('b', 'same'), ('c', 'same');"
                           "CREATE TABLE still(x); INSERT INTO still VALUES (1), (2);"
                           "CREATE TABLE many(id INTEGER PRIMARY KEY, v TEXT);"
                           "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 2000)"
                           " INSERT INTO many SELECT i, 'before ' || i FROM n;")));
        QVERIFY(QFile::copy(m_a, m_b));
        QVERIFY(execSql(m_b, QStringLiteral("UPDATE items SET qty = 20, name = 'a much longer name than the "
                                            "header of its column' WHERE id = 2;"
                                            "UPDATE plain SET note = 'changed' WHERE rowid = 2;"
                                            "INSERT INTO plain VALUES ('d', 'new');"
                                            "UPDATE many SET v = 'after ' || id;")));
    }

    // Review: the summary said "rowid" while the grid said "id (key)".
    void anIntegerPrimaryKeyIsNamedAlikeInSummaryAndGrid() {
        auto w = window();
        CompareTab* tab = shown(*w, QStringLiteral("items"));
        QVERIFY(tab);
        QCOMPARE(summaryRow(tab, QStringLiteral("items"))->text(KeyColumn), QStringLiteral("id (rowid)"));
        QCOMPARE(tab->rows()->headerData(1, Qt::Horizontal).toString(), QStringLiteral("id (key)"));
        QVERIFY(!tab->rows()->showsRowid()); // the key column is the rowid: not shown twice
    }

    // Review: a table keyed by a rowid of its own showed no rowid, so its rows could not be told apart.
    void aTableKeyedByItsRowidShowsTheRowid() {
        auto w = window();
        CompareTab* tab = shown(*w, QStringLiteral("plain"));
        QVERIFY(tab);
        ChangedRowsModel* rows = tab->rows();
        QCOMPARE(summaryRow(tab, QStringLiteral("plain"))->text(KeyColumn), QStringLiteral("rowid"));
        QCOMPARE(rows->headerData(1, Qt::Horizontal).toString(), QStringLiteral("rowid (key)"));
        QCOMPARE(rows->headerData(2, Qt::Horizontal).toString(), QStringLiteral("word"));
        QCOMPARE(rows->rowCount(), 2);
        QCOMPARE(rows->index(0, 0).data().toString(), QStringLiteral("changed"));
        QCOMPARE(rows->index(0, 1).data().toString(), QStringLiteral("2"));
        QCOMPARE(rows->index(1, 0).data().toString(), QStringLiteral("added"));
        QCOMPARE(rows->index(1, 1).data().toString(), QStringLiteral("4"));
        QCOMPARE(rows->index(1, 2).data().toString(), QStringLiteral("d"));
        tab->grid()->view()->setCurrentIndex(rows->index(1, 1));
        QCOMPARE(tab->afterViewer()->value(), QVariant(qint64(4)));
        QVERIFY(!tab->beforeViewer()->value().isValid());
        QCOMPARE(tab->valueTabs()->currentIndex(), 1); // After (B): the side that has the row
        QVERIFY(tab->valueTabs()->currentWidget()->isAncestorOf(tab->afterViewer()));
    }

    // Review: the warning about VACUUM renumbering rowids showed on tables without any difference.
    void theRowidWarningShowsOnlyWhereRowsDiffer() {
        auto w = window();
        CompareTab* tab = shown(*w, QStringLiteral("plain"));
        QVERIFY(tab);
        QVERIFY2(
            summaryRow(tab, QStringLiteral("plain"))->text(NotesColumn).contains(QStringLiteral("VACUUM")),
            qPrintable(summaryRow(tab, QStringLiteral("plain"))->text(NotesColumn)));
        QCOMPARE(summaryRow(tab, QStringLiteral("still"))->text(NotesColumn), QString());
        QCOMPARE(summaryRow(tab, QStringLiteral("items"))->text(NotesColumn), QString()); // its rowid is id
    }

    // Review: every column was 140 pixels whatever it held.
    void columnsAreFittedToTheirContent() {
        auto w = window();
        CompareTab* tab = shown(*w, QStringLiteral("items"));
        QVERIFY(tab);
        QTableView* view = tab->grid()->view();
        const int id = view->columnWidth(1), name = view->columnWidth(2), qty = view->columnWidth(3);
        QVERIFY2(id < name && qty < name, qPrintable(QStringLiteral("%1 %2 %3").arg(id).arg(name).arg(qty)));
        QCOMPARE(name, int(CompareTab::kFittedWidthCap)); // the long text: as wide as allowed, no wider
        QVERIFY(id >= CompareTab::kFittedWidthMin);
        QVERIFY(id < 140); // narrower than the grid's default
    }

    // Review: the value viewers were not told the column's declared type.
    void theViewersShowTheDeclaredType() {
        auto w = window();
        CompareTab* tab = shown(*w, QStringLiteral("items"));
        QVERIFY(tab);
        tab->grid()->view()->setCurrentIndex(tab->rows()->index(0, 3)); // id 2's qty
        const auto declared = [](ValueViewer* v) {
            return v->findChild<QLabel*>(QStringLiteral("valueDeclaredType"))->text();
        };
        QCOMPARE(declared(tab->beforeViewer()), QStringLiteral("declared INTEGER"));
        QCOMPARE(declared(tab->afterViewer()), QStringLiteral("declared INTEGER"));
        QVERIFY(QTest::qWaitFor([&] { return !tab->rows()->loading(); }, kWait));
        QVERIFY(tab->selectTable(QStringLiteral("plain")));
        QVERIFY(QTest::qWaitFor([&] { return !tab->rows()->loading(); }, kWait));
        tab->grid()->view()->setCurrentIndex(tab->rows()->index(0, 2)); // word
        QCOMPARE(declared(tab->afterViewer()), QStringLiteral("declared VARCHAR(20)"));
    }

    // Review: after Ctrl+End the viewers stayed empty once the last window's rows arrived.
    void theViewersShowTheLastRowAfterCtrlEnd() {
        auto w = window();
        CompareTab* tab = shown(*w, QStringLiteral("many"));
        QVERIFY(tab);
        ChangedRowsModel* rows = tab->rows();
        QCOMPARE(rows->totalRows(), qint64(2000));
        QTableView* view = tab->grid()->view();
        view->setFocus();
        view->setCurrentIndex(rows->index(0, 2));
        QCOMPARE(tab->afterViewer()->value().toString(), QStringLiteral("after 1"));
        QTest::keyClick(view, Qt::Key_End, Qt::ControlModifier);
        QVERIFY(QTest::qWaitFor([&] { return !rows->loading(); }, kWait));
        QCOMPARE(rows->windowStart() + view->currentIndex().row(), qint64(1999));
        QCOMPARE(view->currentIndex().column(), 2);
        QCOMPARE(tab->beforeViewer()->value().toString(), QStringLiteral("before 2000"));
        QCOMPARE(tab->afterViewer()->value().toString(), QStringLiteral("after 2000"));
    }

    // Review: columns were sized to the first page only ("12 …" hid "→ 13" further on). Rows further on
    // widen a column to them (never narrower); a column the user sized stays as the user left it.
    void columnsGrowToTheRowsInSight() {
        auto w = window();
        CompareTab* tab = shown(*w, QStringLiteral("many"));
        QVERIFY(tab);
        QTableView* view = tab->grid()->view();
        const QFontMetrics metrics = view->fontMetrics();
        const int first = view->columnWidth(2);
        QVERIFY(first < metrics.horizontalAdvance(QStringLiteral("before 2000 → after 2000")));
        view->setFocus();
        view->setCurrentIndex(tab->rows()->index(0, 2));
        QTest::keyClick(view, Qt::Key_End, Qt::ControlModifier);
        QVERIFY(QTest::qWaitFor([&] { return !tab->rows()->loading(); }, kWait));
        QTRY_VERIFY(view->columnWidth(2) > first);
        QVERIFY(view->columnWidth(2) >=
                metrics.horizontalAdvance(QStringLiteral("before 2000 → after 2000")));
        // Sized by the user (as a drag of the header's edge does): left alone from then on.
        view->horizontalHeader()->resizeSection(2, 60);
        QTest::keyClick(view, Qt::Key_Home, Qt::ControlModifier);
        QVERIFY(QTest::qWaitFor([&] { return !tab->rows()->loading(); }, kWait));
        QTest::keyClick(view, Qt::Key_End, Qt::ControlModifier);
        QVERIFY(QTest::qWaitFor([&] { return !tab->rows()->loading(); }, kWait));
        QTest::qWait(200); // past the scroll's debounce
        QCOMPARE(view->columnWidth(2), 60);
    }
};

QTEST_MAIN(TestCompareGrid)
#include "tst_comparegrid.moc"

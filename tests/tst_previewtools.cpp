// The preview's tools on the real widgets: sorting by a header click (ascending, descending, off, the
// indicator, the end and any row once the order is built, Stop Sorting, the scratch folder gone
// afterwards and never beside the snapshot), the filter boxes under the header, and the Structure tab.
#include "testsupport.h"

#include <preview/filterheader.h>
#include <preview/gridcommands.h>
#include <preview/previewwidget.h>
#include <preview/tablelist.h>
#include <preview/structureview.h>
#include <preview/valueviewer.h>
#include <window/mainwindow.h>
#include <window/previewtabs.h>
#include <window/translations.h>

#include <QApplication>
#include <QClipboard>
#include <QDir>
#include <QHeaderView>
#include <QInputDialog>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QScrollBar>
#include <QTabWidget>
#include <QTableView>
#include <QTest>
#include <QTimer>
#include <QTreeWidget>
#include <QTreeWidgetItemIterator>

using namespace sqlsnap;
using namespace sqlsnap::ui;
using namespace testsupport;

class TestPreviewTools : public QObject {
    Q_OBJECT
    QTemporaryDir m_tmp;
    QString m_db;
    QString m_scratch;

    static QString cell(const TableDataModel& m, qint64 row, int column) {
        return m.data(m.index(int(row - m.windowStart()), column), Qt::DisplayRole).toString();
    }
    // The ids in SQLite's own order, for comparison.
    QStringList idsOrderedBy(const QString& orderBy) const {
        return queryText(m_db, QStringLiteral(
                                   "SELECT group_concat(id, ',') FROM (SELECT id FROM people ORDER BY %1)")
                                   .arg(orderBy))
            .split(QLatin1Char(','));
    }
    static void clickHeader(QTableView* view, int section) {
        QHeaderView* header = view->horizontalHeader();
        QTest::mouseClick(
            header->viewport(), Qt::LeftButton, {},
            QPoint(header->sectionViewportPosition(section) + 10, header->viewport()->height() / 2));
    }
    QStringList scratchFolders() const {
        return QDir(m_scratch).entryList({QStringLiteral("sqlite-snapshot-sort-*")}, QDir::Dirs);
    }

private slots:
    void initTestCase() {
        // Scratch files go under TMPDIR: a folder of this test's own, to see them come and go.
        m_scratch = m_tmp.filePath(QStringLiteral("scratch"));
        QVERIFY(QDir().mkpath(m_scratch));
        qputenv("TMPDIR", m_scratch.toLocal8Bit());
        m_db = m_tmp.filePath(QStringLiteral("snap.db"));
        QVERIFY(execSql(
            m_db,
            QStringLiteral("CREATE TABLE people(id INTEGER PRIMARY KEY, name TEXT, score INTEGER);"
                           "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 20000) "
                           "INSERT INTO people SELECT i, 'p' || ((i * 7919) % 20011), "
                           "  CASE WHEN i % 13 = 0 THEN NULL ELSE (i * 104729) % 1000 END FROM n;"
                           "CREATE INDEX people_name ON people(name);"
                           "CREATE TABLE other(x, y); INSERT INTO other VALUES (1, 2);")));
    }

    void headerClicksSortAscendingDescendingThenOff() {
        {
            PreviewWidget preview(m_db);
            preview.dataModel()->setWindowRows(2000);
            preview.resize(900, 600);
            preview.show();
            QVERIFY(QTest::qWaitForWindowExposed(&preview));
            QTRY_VERIFY(preview.tableList()->topLevelItemCount() >= 1);
            preview.selectTable(QStringLiteral("people"));
            TableDataModel* model = preview.dataModel();
            QTRY_COMPARE(cell(*model, 0, 0), QStringLiteral("1"));
            QHeaderView* header = preview.dataView()->horizontalHeader();
            QVERIFY(!header->isSortIndicatorShown());
            QVERIFY(preview.stopSortingButton()->isHidden());

            // Ascending on an unindexed column with NULLs and duplicates.
            const QStringList ascending = idsOrderedBy(QStringLiteral("score, id"));
            QCOMPARE(ascending.size(), 20000);
            clickHeader(preview.dataView(), 2);
            QCOMPARE(model->order().column, QStringLiteral("score"));
            QVERIFY(!model->order().descending);
            QVERIFY(header->isSortIndicatorShown());
            QCOMPARE(header->sortIndicatorSection(), 2);
            QCOMPARE(header->sortIndicatorOrder(), Qt::AscendingOrder);
            QTRY_COMPARE(cell(*model, 0, 0), ascending.first());
            QCOMPARE(cell(*model, 0, 2), QStringLiteral("NULL")); // NULLs first, as SQLite orders them
            QVERIFY(!preview.stopSortingButton()->isHidden());
            // Once the whole order is built, the end and any row are where SQLite puts them.
            QTRY_COMPARE(model->locator().state(), RowLocator::State::Ordered);
            QCOMPARE(model->sortProgress(), -1.0);
            QCOMPARE(model->totalRows(), qint64(20000));
            QCOMPARE(scratchFolders().size(), 1);
            preview.dataView()->setFocus();
            QTest::keyClick(preview.dataView(), Qt::Key_End, Qt::ControlModifier);
            QTRY_COMPARE(cell(*model, 19999, 0), ascending.last());
            preview.scrollToRow(12345);
            QTRY_COMPARE(cell(*model, 12345, 0), ascending.at(12345));

            // Descending on the indexed column.
            const QStringList descending = idsOrderedBy(QStringLiteral("name DESC, id DESC"));
            clickHeader(preview.dataView(), 1);
            clickHeader(preview.dataView(), 1);
            QCOMPARE(model->order().column, QStringLiteral("name"));
            QVERIFY(model->order().descending);
            QCOMPARE(header->sortIndicatorOrder(), Qt::DescendingOrder);
            QTRY_COMPARE(cell(*model, 0, 0), descending.first());
            QTRY_COMPARE(model->locator().state(), RowLocator::State::Ordered);
            preview.scrollToRow(777);
            QTRY_COMPARE(cell(*model, 777, 0), descending.at(777));

            // A third click: the table's own order, and no indicator.
            clickHeader(preview.dataView(), 1);
            QVERIFY(model->order().isNone());
            QVERIFY(!header->isSortIndicatorShown());
            QVERIFY(preview.stopSortingButton()->isHidden());
            QTRY_COMPARE(cell(*model, 0, 0), QStringLiteral("1"));

            // Stop Sorting goes back to it too, also while the order is being built.
            clickHeader(preview.dataView(), 2);
            QVERIFY(!model->order().isNone());
            QTest::mouseClick(preview.stopSortingButton(), Qt::LeftButton);
            QVERIFY(model->order().isNone());
            QVERIFY(!header->isSortIndicatorShown());
            QTRY_COMPARE(cell(*model, 0, 0), QStringLiteral("1"));
        }
        // The preview is gone: so are its scratch folders, once the reader threads let them go.
        QTRY_COMPARE(scratchFolders(), QStringList());
    }

    void columnFiltersAreTypedUnderTheHeader() {
        PreviewWidget preview(m_db);
        preview.resize(900, 600);
        preview.show();
        QVERIFY(QTest::qWaitForWindowExposed(&preview));
        QTRY_VERIFY(preview.tableList()->topLevelItemCount() >= 1);
        preview.selectTable(QStringLiteral("people"));
        TableDataModel* model = preview.dataModel();
        QTRY_COMPARE(cell(*model, 0, 0), QStringLiteral("1"));
        FilterHeader* header = preview.filterHeader();
        QLineEdit* score = header->editor(2);
        QVERIFY(score);
        QVERIFY(score->isVisible());
        // The box sits under its own column.
        QCOMPARE(score->geometry().left(), header->sectionViewportPosition(2));
        QCOMPARE(score->width(), header->sectionSize(2));

        QTest::keyClicks(score, QStringLiteral(">=990"));
        const QString expected =
            queryText(m_db, QStringLiteral("SELECT count(*) FROM people WHERE score >= 990"));
        QTRY_COMPARE(model->rowFilter().columns.size(), 1); // after the typing pause
        QTRY_COMPARE(model->countState(), TableDataModel::CountState::Exact);
        QCOMPARE(QString::number(model->count()), expected);
        for (int row = 0; row < std::min(50, model->rowCount()); ++row)
            QTRY_VERIFY(cell(*model, row, 2).toInt() >= 990);
        QVERIFY(preview.statusLabel()->text().contains(QStringLiteral("column filters")));

        // With the all-columns box too: AND.
        QTest::keyClicks(preview.filterEdit(), QStringLiteral("p1"));
        const QString both = queryText(
            m_db,
            QStringLiteral("SELECT count(*) FROM people WHERE score >= 990 AND (CAST(id AS TEXT) LIKE '%p1%' "
                           "OR name LIKE '%p1%' OR CAST(score AS TEXT) LIKE '%p1%')"));
        QTRY_COMPARE(model->filter(), QStringLiteral("p1"));
        QTRY_COMPARE(model->countState(), TableDataModel::CountState::Exact);
        QCOMPARE(QString::number(model->count()), both);

        // Escape clears the box it is typed in; the rows come back.
        preview.filterEdit()->clear();
        score->setFocus();
        QTest::keyClick(score, Qt::Key_Escape);
        QCOMPARE(score->text(), QString());
        QTRY_VERIFY(model->rowFilter().isEmpty());
        QTRY_COMPARE(model->countState(), TableDataModel::CountState::Exact);
        QCOMPARE(model->count(), qint64(20000));

        // A regular expression that does not compile says so in place.
        QTest::keyClicks(header->editor(1), QStringLiteral("/p(1/"));
        QVERIFY(!header->filtersValid());
        QVERIFY(header->editor(1)->toolTip().contains(QStringLiteral("regular expression")));
        QTest::keyClick(header->editor(1), Qt::Key_Escape);
        QVERIFY(header->filtersValid());

        // Another table starts with empty boxes, one per column of its own.
        QTest::keyClicks(header->editor(0), QStringLiteral("NULL"));
        QTRY_COMPARE(model->rowFilter().columns.size(), 1);
        preview.selectTable(QStringLiteral("other"));
        QTRY_COMPARE(header->count(), 2);
        QVERIFY(model->rowFilter().isEmpty());
        QCOMPARE(header->editor(0)->text(), QString());
        QVERIFY(!header->editor(2));
    }

    // With SQLSNAP_SCREENSHOTS=<folder>: the window with a sorted and filtered preview, at a roomy size
    // and at 800x600, for docs/screenshots (looked at by a person, not compared).
    void screenshotsOfTheSortedFilteredGrid() {
        const QString folder = qEnvironmentVariable("SQLSNAP_SCREENSHOTS");
        if (folder.isEmpty())
            QSKIP("SQLSNAP_SCREENSHOTS not set");
        const QString db = m_tmp.filePath(QStringLiteral("places.sqlite"));
        QVERIFY(execSql(
            db, QStringLiteral(
                    "CREATE TABLE moz_places(id INTEGER PRIMARY KEY, url TEXT, title TEXT, "
                    "  visit_count INTEGER, frecency INTEGER, last_visit_date INTEGER);"
                    "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 50000) "
                    "INSERT INTO moz_places SELECT i, 'https://' || "
                    "  CASE i % 5 WHEN 0 THEN 'github.com' WHEN 1 THEN 'sqlite.org' WHEN 2 THEN 'qt.io' "
                    "  WHEN 3 THEN 'en.wikipedia.org' ELSE 'news.ycombinator.com' END || '/item/' || "
                    "  ((i * 7919) % 100003), CASE WHEN i % 7 = 0 THEN NULL ELSE 'Page ' || i END, "
                    "  (i * 104729) % 500, (i * 31) % 20000, 1700000000000000 + i * 1000000 FROM n;"
                    "CREATE INDEX moz_places_url ON moz_places(url);")));
        installTranslations(QLocale(QLocale::English, QLocale::UnitedStates)); // as main() does: "1 row"
        MainWindow window;
        window.resize(1200, 720);
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        PreviewWidget* preview = window.openPreview(db);
        QTRY_VERIFY(preview->tableList()->topLevelItemCount() >= 1);
        TableDataModel* model = preview->dataModel();
        QTRY_VERIFY(model->columnCount() == 6);
        clickHeader(preview->dataView(), 3);
        clickHeader(preview->dataView(), 3); // visit_count, descending
        QTest::keyClicks(preview->filterHeader()->editor(1), QStringLiteral("github"));
        QTRY_COMPARE(model->rowFilter().columns.size(), 1);
        QTRY_COMPARE(model->locator().state(), RowLocator::State::Ordered);
        if (!preview->valuePanelToggle()->isChecked())
            preview->valuePanelToggle()->click();
        preview->dataView()->setCurrentIndex(model->index(1, 1));
        QTest::qWait(300);
        QVERIFY(window.grab().save(folder + QStringLiteral("/sorted-filtered.png")));
        window.resize(800, 600);
        QTest::qWait(300);
        QVERIFY(window.grab().save(folder + QStringLiteral("/sorted-filtered-800x600.png")));
        window.resize(1200, 720);
        preview->pageTabs()->setCurrentWidget(preview->structureView());
        QTRY_VERIFY(preview->structureView()->objectTree()->topLevelItemCount() >= 2);
        preview->structureView()->objectTree()->setCurrentItem(
            preview->structureView()->objectTree()->topLevelItem(0)->child(0));
        QTest::qWait(500);
        QVERIFY(window.grab().save(folder + QStringLiteral("/structure.png")));
    }

    void structureTabShowsEveryObjectAndOpensTables() {
        PreviewWidget preview(m_db);
        preview.resize(900, 600);
        preview.show();
        QVERIFY(QTest::qWaitForWindowExposed(&preview));
        QTRY_VERIFY(preview.tableList()->topLevelItemCount() >= 1);
        StructureView* structure = preview.structureView();
        QVERIFY(structure->objectTree()->topLevelItemCount() == 0); // read only when first shown
        preview.pageTabs()->setCurrentWidget(structure);
        QTRY_VERIFY(structure->objectTree()->topLevelItemCount() >= 2);
        QVERIFY(structure->factsLabel()->text().contains(QStringLiteral("UTF-8")));
        QTreeWidget* tree = structure->objectTree();
        QTreeWidgetItem* index = nullptr;
        QTreeWidgetItem* people = nullptr;
        for (QTreeWidgetItemIterator it(tree); *it; ++it) {
            if ((*it)->text(0) == QStringLiteral("people_name"))
                index = *it;
            if ((*it)->text(0) == QStringLiteral("people"))
                people = *it;
        }
        QVERIFY(index && people);
        QCOMPARE(index->text(1), QStringLiteral("people"));
        tree->setCurrentItem(index);
        QCOMPARE(structure->sqlView()->toPlainText(),
                 QStringLiteral("CREATE INDEX people_name ON people(name);"));
        QTRY_VERIFY(people->text(2).contains(QStringLiteral("kB")) ||
                    people->text(2).contains(QStringLiteral("MB")));
        // Enter on a table shows its rows.
        preview.selectTable(QStringLiteral("other"));
        QTRY_COMPARE(preview.dataModel()->table(), QStringLiteral("other"));
        preview.pageTabs()->setCurrentWidget(structure);
        tree->setCurrentItem(people);
        tree->setFocus();
        QTest::keyClick(tree, Qt::Key_Return);
        QTRY_COMPARE(preview.dataModel()->table(), QStringLiteral("people"));
        QCOMPARE(preview.pageTabs()->currentIndex(), 0);
    }

    void theValuePanelFollowsTheCurrentCell() {
        PreviewWidget preview(m_db);
        preview.resize(1100, 600);
        preview.show();
        QVERIFY(QTest::qWaitForWindowExposed(&preview));
        QTRY_VERIFY(preview.tableList()->topLevelItemCount() >= 1);
        preview.selectTable(QStringLiteral("people"));
        TableDataModel* model = preview.dataModel();
        QTRY_COMPARE(cell(*model, 0, 0), QStringLiteral("1"));
        if (!preview.valuePanelToggle()->isChecked())
            preview.valuePanelToggle()->click();
        QVERIFY(preview.valueViewer()->isVisible());
        preview.dataView()->setCurrentIndex(model->index(2, 1));
        QTRY_VERIFY(preview.valueViewer()->summaryText().contains(QStringLiteral("TEXT")));
        preview.dataView()->setCurrentIndex(model->index(12, 2)); // id 13: a NULL score
        QTRY_VERIFY(preview.valueViewer()->summaryText().contains(QStringLiteral("NULL")));
        // Hidden with its button, and remembered.
        preview.valuePanelToggle()->click();
        QVERIFY(!preview.valueViewer()->isVisible());
        PreviewWidget another(m_db);
        QVERIFY(!another.valuePanelToggle()->isChecked());
        preview.valuePanelToggle()->click();
        QVERIFY(preview.valueViewer()->isVisible());
    }

    void gridCommandsCopyGoAndHide() {
        PreviewWidget preview(m_db);
        preview.resize(1000, 600);
        preview.show();
        QVERIFY(QTest::qWaitForWindowExposed(&preview));
        QTRY_VERIFY(preview.tableList()->topLevelItemCount() >= 1);
        preview.selectTable(QStringLiteral("people"));
        TableDataModel* model = preview.dataModel();
        QTRY_COMPARE(model->countState(), TableDataModel::CountState::Exact);
        QTRY_COMPARE(cell(*model, 1, 1),
                     queryText(m_db, QStringLiteral("SELECT name FROM people WHERE id = 2")));
        QTableView* view = preview.dataView();
        // The row header is wide enough for the largest row number.
        QVERIFY(view->verticalHeader()->width() >=
                view->verticalHeader()->fontMetrics().horizontalAdvance(QStringLiteral("20000")));
        // Copy with headers: the column names, then the rows (Ctrl+Shift+C).
        view->setFocus();
        view->selectionModel()->select(QItemSelection(model->index(0, 0), model->index(1, 1)),
                                       QItemSelectionModel::ClearAndSelect);
        QTest::keyClick(view, Qt::Key_C, Qt::ControlModifier | Qt::ShiftModifier);
        const QString second = queryText(m_db, QStringLiteral("SELECT name FROM people WHERE id = 2"));
        const QString first = queryText(m_db, QStringLiteral("SELECT name FROM people WHERE id = 1"));
        QCOMPARE(QApplication::clipboard()->text(),
                 QStringLiteral("id\tname\n1\t%1\n2\t%2").arg(first, second));
        // A hidden column is left out of copies.
        preview.gridCommands()->setColumnShown(1, false);
        QVERIFY(view->isColumnHidden(1));
        QTest::keyClick(view, Qt::Key_C, Qt::ControlModifier);
        QCOMPARE(QApplication::clipboard()->text(), QStringLiteral("1\n2"));
        preview.gridCommands()->showAllColumns();
        QVERIFY(!view->isColumnHidden(1));
        // Go to Row (Ctrl+G): the dialog takes a row number and the grid goes there.
        // The dialog is answered once it is up (a loaded machine may take a while to show it).
        QTimer answer;
        answer.setInterval(10);
        QObject::connect(&answer, &QTimer::timeout, [&answer] {
            if (auto* dialog = qobject_cast<QInputDialog*>(QApplication::activeModalWidget())) {
                answer.stop();
                dialog->setIntValue(15000);
                dialog->accept();
            }
        });
        answer.start();
        QTest::keyClick(view, Qt::Key_G, Qt::ControlModifier);
        QCOMPARE(model->windowStart() + view->currentIndex().row(), qint64(14999));
        QTRY_COMPARE(model->data(view->currentIndex(), Qt::DisplayRole).toString(), QStringLiteral("15000"));
        // Fit Column Widths measures what is on screen.
        view->setColumnWidth(1, 20);
        preview.gridCommands()->fitColumnWidths();
        QVERIFY(view->columnWidth(1) > 20);
    }

    void theTabBarIsNotFlooded() {
        PreviewTabs tabs(new QWidget);
        for (int i = 0; i < PreviewTabs::kMaxPreviews + 3; ++i) {
            const QString copy = m_tmp.filePath(QStringLiteral("copy-%1.db").arg(i));
            QFile::remove(copy);
            QVERIFY(QFile::copy(m_db, copy));
            tabs.open(copy);
        }
        QCOMPARE(tabs.count(), 1 + PreviewTabs::kMaxPreviews); // the Database tab and the newest previews
        QCOMPARE(tabs.currentPreview()->snapshotPath(),
                 m_tmp.filePath(QStringLiteral("copy-%1.db").arg(PreviewTabs::kMaxPreviews + 2)));
        // Opening one already open selects its tab, adding none.
        tabs.open(m_tmp.filePath(QStringLiteral("copy-5.db")));
        QCOMPARE(tabs.count(), 1 + PreviewTabs::kMaxPreviews);
        QCOMPARE(tabs.currentPreview()->snapshotPath(), m_tmp.filePath(QStringLiteral("copy-5.db")));
    }

    void switchingTablesForgetsTheSort() {
        PreviewWidget preview(m_db);
        preview.resize(900, 600);
        preview.show();
        QVERIFY(QTest::qWaitForWindowExposed(&preview));
        QTRY_VERIFY(preview.tableList()->topLevelItemCount() >= 1);
        preview.selectTable(QStringLiteral("people"));
        QTRY_COMPARE(cell(*preview.dataModel(), 0, 0), QStringLiteral("1"));
        clickHeader(preview.dataView(), 2);
        QVERIFY(!preview.dataModel()->order().isNone());
        preview.selectTable(QStringLiteral("people")); // the same item: nothing changes
        QVERIFY(!preview.dataModel()->order().isNone());
        preview.dataModel()->setTable(QStringLiteral("people")); // a table chosen again starts unsorted
        QVERIFY(preview.dataModel()->order().isNone());
    }
};

QTEST_MAIN(TestPreviewTools)
#include "tst_previewtools.moc"

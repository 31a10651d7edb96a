// Sorting the preview by clicking a column's header, on the real widgets: ascending, descending, off,
// the indicator, the end and any row once the order is built, Stop Sorting, and the scratch folder
// gone afterwards (never beside the snapshot).
#include "testsupport.h"

#include <preview/previewwidget.h>

#include <QApplication>
#include <QDir>
#include <QHeaderView>
#include <QPushButton>
#include <QScrollBar>
#include <QTableView>
#include <QTest>
#include <QTreeWidget>

using namespace sqlsnap;
using namespace sqlsnap::ui;
using namespace testsupport;

class TestPreviewSort : public QObject {
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
        QTest::mouseClick(header->viewport(), Qt::LeftButton, {},
                          QPoint(header->sectionViewportPosition(section) + 10, header->height() / 2));
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
                           "CREATE INDEX people_name ON people(name);")));
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

QTEST_MAIN(TestPreviewSort)
#include "tst_previewsort.moc"

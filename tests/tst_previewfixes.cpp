// The preview's fixes from the review, on the real widgets: the filter boxes stay under their columns
// after a horizontal scroll, a resize or a hidden column (typing in the box under a column filters that
// column); an unusable /regex/ is explained in the status line; Go to Row past the end says so; Copy
// writes a BLOB as X'00FF' and keeps NULL and '' apart; Filter by This Value.
#include "testsupport.h"

#include <preview/filterheader.h>
#include <preview/gridcommands.h>
#include <preview/previewwidget.h>
#include <preview/tabledatamodel.h>
#include <preview/tablelist.h>

#include <QAction>
#include <QApplication>
#include <QClipboard>
#include <QInputDialog>
#include <QLabel>
#include <QLineEdit>
#include <QScrollBar>
#include <QTableView>
#include <QTest>
#include <QTimer>

using namespace sqlsnap;
using namespace sqlsnap::ui;
using namespace testsupport;

class TestPreviewFixes : public QObject {
    Q_OBJECT
    QTemporaryDir m_tmp;
    QString m_db;

    static QString cell(const TableDataModel& m, qint64 row, int column) {
        return m.data(m.index(int(row - m.windowStart()), column), Qt::DisplayRole).toString();
    }
    // Opens `table` in a preview of the test's database, its first page shown.
    static bool open(PreviewWidget& preview, const QString& table) {
        preview.resize(800, 600);
        preview.show();
        if (!QTest::qWaitForWindowExposed(&preview))
            return false;
        if (!QTest::qWaitFor([&] { return preview.tableList()->topLevelItemCount() >= 1; }))
            return false;
        preview.selectTable(table);
        return QTest::qWaitFor([&] {
            return preview.dataModel()->table() == table && preview.dataModel()->rowCount() > 0 &&
                   !preview.dataModel()->isLoading();
        });
    }
    // The filter box the user sees under the middle of `section`: whatever widget is there.
    static QLineEdit* boxUnder(FilterHeader* header, int section) {
        const int x = header->sectionViewportPosition(section) + header->sectionSize(section) / 2;
        const int y = header->height() - 4;
        QWidget* at = header->childAt(QPoint(x, y));
        while (at && !qobject_cast<QLineEdit*>(at))
            at = at->parentWidget();
        return qobject_cast<QLineEdit*>(at);
    }
    static QString filteredColumn(const TableDataModel& model) {
        return model.rowFilter().columns.size() == 1 ? model.rowFilter().columns.first().column : QString();
    }

private slots:
    void initTestCase() {
        m_db = m_tmp.filePath(QStringLiteral("snap.db"));
        QString columns, values;
        for (int c = 0; c < 40; ++c) {
            columns += QStringLiteral("%1c%2 INTEGER").arg(c ? QStringLiteral(", ") : QString()).arg(c);
            values += QStringLiteral("%1i * %2").arg(c ? QStringLiteral(", ") : QString()).arg(c + 1);
        }
        QVERIFY(execSql(m_db,
                        QStringLiteral("CREATE TABLE wide(%1);"
                                       "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n "
                                       "WHERE i < 300) INSERT INTO wide SELECT %2 FROM n;"
                                       "CREATE TABLE mixed(id INTEGER PRIMARY KEY, t TEXT, b BLOB, r REAL);"
                                       "INSERT INTO mixed VALUES (1, 'x', X'00FF', 1.5), (2, '', NULL, NULL),"
                                       "  (3, NULL, X'0A', 3.0), (4, 'x', X'00FF10', 2.0);"
                                       "CREATE VIRTUAL TABLE notes USING fts5(body);"
                                       "INSERT INTO notes VALUES ('hello world'), ('second note');"
                                       "CREATE TABLE links(id INTEGER PRIMARY KEY, url TEXT, "
                                       "  twice INTEGER GENERATED ALWAYS AS (id * 2) VIRTUAL);"
                                       "INSERT INTO links(id, url) VALUES (1, 'https://example.org/' || "
                                       "  replace(hex(zeroblob(150)), '00', 'ab')), (2, 'short');")
                            .arg(columns, values)));
    }

    void filterBoxesFollowAHorizontalScroll() {
        PreviewWidget preview(m_db);
        QVERIFY(open(preview, QStringLiteral("wide")));
        FilterHeader* header = preview.filterHeader();
        TableDataModel* model = preview.dataModel();
        QTableView* view = preview.dataView();
        QCOMPARE(header->count(), 40);
        // End: the grid scrolls to the last column.
        view->setFocus();
        view->setCurrentIndex(model->index(0, 0));
        QTest::keyClick(view, Qt::Key_End);
        QTRY_VERIFY(view->horizontalScrollBar()->value() > 0);
        QVERIFY(header->offset() > 0);
        const int c = 38; // on screen after the scroll
        QVERIFY(header->sectionViewportPosition(c) >= 0);
        QVERIFY(header->sectionViewportPosition(c) < header->viewport()->width());
        QLineEdit* box = boxUnder(header, c);
        QVERIFY(box);
        QCOMPARE(box, header->editor(c));
        QCOMPARE(box->geometry().left(), header->sectionViewportPosition(c));
        QTest::keyClicks(box, QStringLiteral("=390"));
        QTRY_COMPARE(filteredColumn(*model), QStringLiteral("c38"));
        QTRY_COMPARE(model->count(), qint64(1)); // c38 = i * 39: only i = 10
        if (const QString folder = qEnvironmentVariable("SQLSNAP_SCREENSHOTS"); !folder.isEmpty())
            QVERIFY(preview.grab().save(folder + QStringLiteral("/preview-scrolled-filter.png")));
        QTest::keyClick(box, Qt::Key_Escape);
        QTRY_VERIFY(model->rowFilter().isEmpty());

        // The scroll bar itself, part way.
        view->horizontalScrollBar()->setValue(view->horizontalScrollBar()->maximum() / 2);
        for (int s = 0; s < header->count(); ++s)
            QCOMPARE(header->editor(s)->geometry().left(), header->sectionViewportPosition(s));
        // A column resized, then one hidden: the boxes after it move along.
        view->horizontalScrollBar()->setValue(0);
        view->setColumnWidth(1, 300);
        QCOMPARE(header->editor(2)->geometry().left(), header->sectionViewportPosition(2));
        QCOMPARE(header->editor(1)->width(), 300);
        view->setColumnHidden(1, true);
        QTRY_VERIFY(!header->editor(1)->isVisible()); // once the header is painted
        QTRY_COMPARE(header->editor(2)->geometry().left(), header->sectionViewportPosition(2));
        QLineEdit* third = boxUnder(header, 2);
        QCOMPARE(third, header->editor(2));
        QTest::keyClicks(third, QStringLiteral("=9"));
        QTRY_COMPARE(filteredColumn(*model), QStringLiteral("c2"));
        QTRY_COMPARE(model->count(), qint64(1)); // c2 = i * 3
    }

    void hiddenColumnsAreNotShownAtFirst() {
        PreviewWidget preview(m_db);
        QVERIFY(open(preview, QStringLiteral("notes")));
        TableDataModel* model = preview.dataModel();
        QTableView* view = preview.dataView();
        const TableSchema* schema = model->schema();
        QVERIFY(schema);
        int hidden = 0;
        for (int c = 0; c < model->columnCount(); ++c) {
            QCOMPARE(view->isColumnHidden(c), schema->table.columns[c].hidden);
            hidden += schema->table.columns[c].hidden ? 1 : 0;
        }
        QVERIFY(hidden >= 1); // FTS5's own columns
        QCOMPARE(model->headerData(0, Qt::Horizontal, Qt::DisplayRole).toString(), QStringLiteral("body"));
        QVERIFY(!view->isColumnHidden(0));
        // The header's menu shows them again; a filter (a model reset) keeps what is shown.
        preview.gridCommands()->showAllColumns();
        QVERIFY(!view->isColumnHidden(1));
        QTest::keyClicks(preview.filterHeader()->editor(0), QStringLiteral("hello"));
        QTRY_COMPARE(model->rowFilter().columns.size(), 1);
        QTRY_VERIFY(!model->isLoading());
        QVERIFY(!view->isColumnHidden(1));
        // A generated column is hidden too (pragma table_xinfo's `hidden`), as `tables` leaves it out.
        QVERIFY(open(preview, QStringLiteral("links")));
        QCOMPARE(model->headerData(2, Qt::Horizontal, Qt::DisplayRole).toString(), QStringLiteral("twice"));
        QVERIFY(view->isColumnHidden(2));
    }

    void firstPageWidthsFitTheirContentCapped() {
        PreviewWidget preview(m_db);
        QVERIFY(open(preview, QStringLiteral("links")));
        QTableView* view = preview.dataView();
        QTRY_COMPARE(view->columnWidth(1), GridCommands::kFittedWidthCap); // the long URL, capped
        QVERIFY(view->columnWidth(0) < 100);                               // the id stays narrow
        QVERIFY(view->columnWidth(0) >= GridCommands::kFittedWidthMin);
        // A width the user set survives a filter (the model's reset) and switching tables and back.
        view->setColumnWidth(0, 123);
        QTest::keyClicks(preview.filterEdit(), QStringLiteral("short"));
        QTRY_COMPARE(preview.dataModel()->filter(), QStringLiteral("short"));
        QTRY_VERIFY(!preview.dataModel()->isLoading());
        QCOMPARE(view->columnWidth(0), 123);
        QVERIFY(open(preview, QStringLiteral("mixed")));
        QVERIFY(open(preview, QStringLiteral("links")));
        QTRY_COMPARE(view->columnWidth(0), 123);
    }

    void switchingTablesAndBackKeepsTheirFiltersAndSort() {
        PreviewWidget preview(m_db);
        QVERIFY(open(preview, QStringLiteral("wide")));
        TableDataModel* model = preview.dataModel();
        FilterHeader* header = preview.filterHeader();
        QTest::keyClicks(header->editor(1), QStringLiteral("<=20")); // c1 = i * 2: i <= 10
        QTest::keyClicks(preview.filterEdit(), QStringLiteral("1"));
        preview.dataModel()->setOrder(RowOrder{QStringLiteral("c0"), true});
        QTRY_COMPARE(model->rowFilter().columns.size(), 1);
        QTRY_COMPARE(model->filter(), QStringLiteral("1"));
        QVERIFY(open(preview, QStringLiteral("mixed")));
        QVERIFY(model->rowFilter().isEmpty());
        QVERIFY(model->order().isNone());
        QCOMPARE(header->editor(1)->text(), QString());
        QVERIFY(open(preview, QStringLiteral("wide")));
        QCOMPARE(
            model->rowFilter(),
            (RowFilter{QStringLiteral("1"), {ColumnFilter{QStringLiteral("c1"), QStringLiteral("<=20")}}}));
        QCOMPARE(model->order().column, QStringLiteral("c0"));
        QVERIFY(model->order().descending);
        QCOMPARE(preview.filterEdit()->text(), QStringLiteral("1"));
        QTRY_COMPARE(header->editor(1)->text(), QStringLiteral("<=20"));
        QTRY_COMPARE(model->countState(), TableDataModel::CountState::Exact);
        QCOMPARE(model->count(), qint64(10)); // i <= 10, each with a value holding a 1
        QTRY_COMPARE(cell(*model, 0, 0), QStringLiteral("10"));
        // Opened plain (a Find in Snapshot hit): unfiltered and in its own order, the kept ones dropped;
        // another table's are kept.
        QTest::keyClicks(header->editor(0), QStringLiteral("=7"));
        QVERIFY(open(preview, QStringLiteral("mixed")));
        QTest::keyClicks(header->editor(1), QStringLiteral("x"));
        QTRY_COMPARE(model->rowFilter().columns.size(), 1);
        preview.selectTablePlain(QStringLiteral("wide"));
        QTRY_VERIFY(!model->isLoading());
        QVERIFY(model->rowFilter().isEmpty());
        QVERIFY(model->order().isNone());
        QVERIFY(open(preview, QStringLiteral("mixed")));
        const QList<ColumnFilter> mixedKept{ColumnFilter{QStringLiteral("t"), QStringLiteral("x")}};
        QCOMPARE(model->rowFilter().columns, mixedKept);
        QVERIFY(open(preview, QStringLiteral("wide")));
        QVERIFY(model->rowFilter().isEmpty());
    }

    void anUnusableRegexIsExplainedInTheStatusLine() {
        PreviewWidget preview(m_db);
        QVERIFY(open(preview, QStringLiteral("mixed")));
        QTest::keyClicks(preview.filterHeader()->editor(1), QStringLiteral("/x(/"));
        QTRY_VERIFY(preview.statusLabel()->text().startsWith(QStringLiteral("Filter on t: ")));
        QVERIFY(preview.statusLabel()->text().contains(QStringLiteral("regular expression")));
        QTest::keyClick(preview.filterHeader()->editor(1), Qt::Key_Escape);
        QTRY_VERIFY(!preview.statusLabel()->text().contains(QStringLiteral("Filter on")));
    }

    void goToRowPastTheEndSaysSo() {
        PreviewWidget preview(m_db);
        QVERIFY(open(preview, QStringLiteral("wide")));
        TableDataModel* model = preview.dataModel();
        QTRY_COMPARE(model->countState(), TableDataModel::CountState::Exact);
        QTableView* view = preview.dataView();
        QString said;
        connect(preview.gridCommands(), &GridCommands::statusChanged, this,
                [&said](const QString& text) { said = text; });
        QTimer answer;
        answer.setInterval(10);
        QObject::connect(&answer, &QTimer::timeout, [&answer] {
            if (auto* dialog = qobject_cast<QInputDialog*>(QApplication::activeModalWidget())) {
                answer.stop();
                dialog->setIntValue(5000);
                dialog->accept();
            }
        });
        answer.start();
        view->setFocus();
        QTest::keyClick(view, Qt::Key_G, Qt::ControlModifier);
        QCOMPARE(said, QStringLiteral("There is no row 5,000: the last row is 300, shown instead."));
        QCOMPARE(model->windowStart() + view->currentIndex().row(), qint64(299));
        // A row that exists: no word.
        said.clear();
        preview.gridCommands()->goToRow(12);
        QCOMPARE(said, QString());
        QCOMPARE(model->windowStart() + view->currentIndex().row(), qint64(11));
    }

    void copyWritesBlobsAsLiteralsAndKeepsNullApartFromEmpty() {
        PreviewWidget preview(m_db);
        QVERIFY(open(preview, QStringLiteral("mixed")));
        TableDataModel* model = preview.dataModel();
        QTableView* view = preview.dataView();
        view->setFocus();
        view->selectionModel()->select(QItemSelection(model->index(0, 1), model->index(2, 2)),
                                       QItemSelectionModel::ClearAndSelect);
        QTest::keyClick(view, Qt::Key_C, Qt::ControlModifier);
        QCOMPARE(QApplication::clipboard()->text(), QStringLiteral("x\tX'00FF'\n\"\"\t\n\tX'0A'"));
    }

    void filterByThisValue() {
        PreviewWidget preview(m_db);
        QVERIFY(open(preview, QStringLiteral("mixed")));
        TableDataModel* model = preview.dataModel();
        QTableView* view = preview.dataView();
        FilterHeader* header = preview.filterHeader();
        QAction* action = preview.gridCommands()->filterByValueAction();
        QVERIFY(view->actions().contains(action)); // on the grid's context menu
        const auto filterBy = [&](int row, int column) {
            view->setCurrentIndex(model->index(row, column));
            action->trigger();
        };
        filterBy(0, 1); // 'x'
        QCOMPARE(header->editor(1)->text(), QStringLiteral("=x"));
        QTRY_COMPARE(model->countState(), TableDataModel::CountState::Exact);
        QTRY_COMPARE(model->count(), qint64(2));
        header->clearFilters();
        QTRY_COMPARE(model->count(), qint64(4));
        QTRY_COMPARE(model->rowCount(), 4);
        filterBy(2, 1); // NULL
        QCOMPARE(header->editor(1)->text(), QStringLiteral("NULL"));
        QTRY_COMPARE(model->rowFilter().columns.size(), 1);
        QTRY_COMPARE(model->countState(), TableDataModel::CountState::Exact);
        QTRY_COMPARE(model->count(), qint64(1));
        QCOMPARE(cell(*model, 0, 0), QStringLiteral("3"));
        header->clearFilters();
        QTRY_VERIFY(model->rowFilter().isEmpty());
        QTRY_COMPARE(model->count(), qint64(4));
        QTRY_COMPARE(model->rowCount(), 4);
        filterBy(0, 2); // X'00FF': that BLOB, not X'00FF10'
        QTRY_COMPARE(model->rowFilter().columns.size(), 1);
        QTRY_COMPARE(model->countState(), TableDataModel::CountState::Exact);
        QTRY_COMPARE(model->count(), qint64(1));
        QCOMPARE(cell(*model, 0, 0), QStringLiteral("1"));
        header->clearFilters();
        QTRY_COMPARE(model->count(), qint64(4));
        QTRY_COMPARE(model->rowCount(), 4);
        filterBy(2, 3); // 3.0
        QCOMPARE(header->editor(3)->text(), QStringLiteral("=3.0"));
        QTRY_COMPARE(model->countState(), TableDataModel::CountState::Exact);
        QTRY_COMPARE(model->count(), qint64(1));
        QCOMPARE(cell(*model, 0, 0), QStringLiteral("3"));
    }
};

QTEST_MAIN(TestPreviewFixes)
#include "tst_previewfixes.moc"

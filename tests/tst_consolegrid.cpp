// The SQL console's result grid on the real widgets and real SQLite files: a result of a million rows
// goes through a window (the model never holds more rows than its window, nor more pages than its
// cache), Ctrl+End reaches the last row (before the count is known too, and for an EXPLAIN that cannot
// be counted), the whole result's scroll bar reaches the middle; the value viewer beside the grid
// shows a long text, a BLOB and a JSON value whole; Ctrl+C and Ctrl+Shift+C copy the selected cells.
// And screenshots, when asked for (SQLSNAP_SCREENSHOTS=folder).
#include "testsupport.h"

#include <preview/previewwidget.h>
#include <preview/queryresultmodel.h>
#include <preview/sqlconsole.h>
#include <preview/valueviewer.h>
#include <preview/windowedgrid.h>
#include <window/mainwindow.h>
#include <window/translations.h>

#include <sqlitesnapshot/query.h>

#include <QApplication>
#include <QClipboard>
#include <QHeaderView>
#include <QLabel>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QScrollBar>
#include <QSettings>
#include <QSplitter>
#include <QStandardPaths>
#include <QTabWidget>
#include <QTableView>
#include <QTest>

using namespace sqlsnap;
using namespace sqlsnap::ui;
using namespace testsupport;

namespace {

constexpr qint64 kMillion = 1000000;

// Watches a model: the most rows it ever had and the most pages it ever held.
struct Watch {
    int mostRows = 0;
    int mostPages = 0;
    explicit Watch(QueryResultModel* m) {
        const auto look = [this, m] {
            mostRows = std::max(mostRows, m->rowCount());
            mostPages = std::max(mostPages, m->cachedPages());
        };
        QObject::connect(m, &QAbstractItemModel::rowsInserted, m, look);
        QObject::connect(m, &QAbstractItemModel::modelReset, m, look);
        QObject::connect(m, &QueryResultModel::pageLoaded, m, look);
    }
};

} // namespace

class TestConsoleGrid : public QObject {
    Q_OBJECT
    QTemporaryDir m_tmp;
    QString m_db;
    QString m_longText;
    QByteArray m_blob;

    static void runSql(SqlConsole* console, const QString& sql) {
        console->editor()->setPlainText(sql);
        console->editor()->setFocus();
        QTest::keyClick(console->editor(), Qt::Key_Return, Qt::ControlModifier);
    }
    // Absolute row `row`, column `column`, as the grid shows it.
    static QString cell(const QueryResultModel* m, qint64 row, int column) {
        const qint64 inWindow = row - m->windowStart();
        if (inWindow < 0 || inWindow >= m->rowCount())
            return QStringLiteral("(outside the window)");
        return m->data(m->index(int(inWindow), column), Qt::DisplayRole).toString();
    }
    static qint64 currentRow(const SqlConsole& console) {
        return console.resultModel()->windowStart() + console.resultView()->currentIndex().row();
    }

private slots:
    void initTestCase() {
        QStandardPaths::setTestModeEnabled(true); // settings in the test locations
        QApplication::setOrganizationName(QStringLiteral("SQLite Snapshot Tests"));
        QSettings().remove(QStringLiteral("preview"));
        installTranslations(QLocale(QLocale::English, QLocale::UnitedStates)); // "1 row", as main() does
        m_db = m_tmp.filePath(QStringLiteral("snap.db"));
        m_longText = QStringLiteral("ab").repeated(50000);
        m_blob = QByteArray::fromHex("89504E470D0A1A0A") + QByteArray(3000, '\0') +
                 QByteArray::fromHex("DEADBEEF");
        QVERIFY(execSql(
            m_db,
            QStringLiteral("CREATE TABLE million(i INTEGER PRIMARY KEY, t TEXT);"
                           "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < %1) "
                           "INSERT INTO million SELECT i, 'row ' || i FROM n;"
                           "CREATE TABLE vals(id INTEGER PRIMARY KEY, v);"
                           "INSERT INTO vals VALUES (1, replace(hex(zeroblob(50000)), '00', 'ab')),"
                           "  (2, x'%2'),"
                           "  (3, '{\"name\":\"Ada\",\"tags\":[\"math\",\"engines\"],\"born\":1815}'),"
                           "  (4, 3.0), (5, NULL), (6, 'tab' || char(9) || 'here');")
                .arg(kMillion)
                .arg(QString::fromLatin1(m_blob.toHex()))));
    }

    // SELECT over a million rows: through the window, to the end and to the middle, memory bounded.
    void aMillionRowsGoThroughTheWindow() {
        SqlConsole console(m_db);
        console.resize(900, 600);
        console.show();
        QVERIFY(QTest::qWaitForWindowExposed(&console));
        QueryResultModel* m = console.resultModel();
        Watch watch(m);
        runSql(&console, QStringLiteral("SELECT i, t FROM million"));
        QTRY_VERIFY(m->totalKnown()); // counted on its own connection
        QCOMPARE(m->totalRows(), kMillion);
        QCOMPARE(m->rowCount(), m->windowRows());
        QTRY_COMPARE(cell(m, 0, 1), QStringLiteral("row 1"));
        QVERIFY(console.statusLabel()->text().contains(QStringLiteral("1,000,000 rows in all")));
        QScrollBar* bar = console.resultGrid()->tableScrollBar();
        QVERIFY(bar->maximum() > kMillion - 100); // the scroll bar stands for every row

        // Ctrl+End: the last row, its value read.
        QTableView* view = console.resultView();
        view->setFocus();
        QTest::keyClick(view, Qt::Key_End, Qt::ControlModifier);
        QCOMPARE(currentRow(console), kMillion - 1);
        QTRY_COMPARE(m->data(view->currentIndex(), Qt::DisplayRole).toString(), QString::number(kMillion));
        QCOMPARE(cell(m, kMillion - 1, 1), QStringLiteral("row 1000000"));
        QCOMPARE(view->verticalHeader()->count(), m->rowCount());
        QCOMPARE(m->headerData(view->currentIndex().row(), Qt::Vertical, Qt::DisplayRole).toLongLong(),
                 kMillion);
        QTRY_VERIFY(m->atEnd()); // the page past the last row told the cursor's end

        // The whole result's scroll bar to the middle: the row there, read by stepping forward again.
        bar->setValue(bar->maximum() / 2);
        const qint64 top = console.resultGrid()->topRow();
        QVERIFY2(std::abs(top - kMillion / 2) < 100, qPrintable(QString::number(top)));
        QTRY_COMPARE(cell(m, top, 0), QString::number(top + 1));
        QCOMPARE(cell(m, top, 1), QStringLiteral("row %1").arg(top + 1));
        QVERIFY(m->windowStart() > 0 && m->windowStart() <= top);
        // A little up from there: the pages before a jump came along with it.
        QVERIFY(m->isRowLoaded(top - 1000));
        // And back to the first row (Ctrl+Home): read again, as its page was dropped meanwhile or not.
        QTest::keyClick(view, Qt::Key_Home, Qt::ControlModifier);
        QCOMPARE(currentRow(console), qint64(0));
        QTRY_COMPARE(m->data(view->currentIndex(), Qt::DisplayRole).toString(), QStringLiteral("1"));

        QVERIFY2(watch.mostRows <= m->windowRows(), qPrintable(QString::number(watch.mostRows)));
        QVERIFY2(watch.mostPages <= QueryResultModel::kCachedPages,
                 qPrintable(QString::number(watch.mostPages)));
        QVERIFY(m->cachedPages() <= QueryResultModel::kCachedPages);
    }

    // The scroll bar dragged over the whole result: the grid stays usable, and where it stops is read.
    void draggingTheScrollBarEndsWhereItStops() {
        SqlConsole console(m_db);
        console.resize(900, 600);
        console.show();
        QVERIFY(QTest::qWaitForWindowExposed(&console));
        QueryResultModel* m = console.resultModel();
        Watch watch(m);
        runSql(&console, QStringLiteral("SELECT i, t FROM million"));
        QTRY_VERIFY(m->totalKnown());
        QScrollBar* bar = console.resultGrid()->tableScrollBar();
        for (int step = 1; step <= 60; ++step) { // down and back up, a step every few milliseconds
            const int value = int(qint64(bar->maximum()) * (step <= 40 ? step : 80 - step) / 40);
            bar->setValue(value);
            QTest::qWait(3);
        }
        const qint64 top = console.resultGrid()->topRow();
        QCOMPARE(top, qint64(bar->value()));
        QTRY_COMPARE(cell(m, top, 0), QString::number(top + 1));
        QCOMPARE(cell(m, top, 1), QStringLiteral("row %1").arg(top + 1));
        QVERIFY(watch.mostRows <= m->windowRows());
        QVERIFY(watch.mostPages <= QueryResultModel::kCachedPages);
    }

    // Ctrl+End right after the first rows, before a slow count: the grid follows the end until it is
    // known, then shows the last row.
    void ctrlEndBeforeTheCountFollowsTheEnd() {
        SqlConsole console(m_db);
        console.resize(900, 600);
        console.show();
        QVERIFY(QTest::qWaitForWindowExposed(&console));
        QueryResultModel* m = console.resultModel();
        Watch watch(m);
        // A count of this statement is a full run of it (no table to count).
        runSql(&console, QStringLiteral("WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n "
                                        "WHERE i < %1) SELECT i, i * 2 AS twice FROM n")
                             .arg(kMillion));
        QTRY_VERIFY(m->rowsRead() > 0);
        if (!m->totalKnown()) // (a fast machine may have counted already)
            QVERIFY2(
                console.statusLabel()->text().startsWith(QStringLiteral("first 200 rows in ")) &&
                    console.statusLabel()->text().endsWith(QStringLiteral("more as you scroll · counting…")),
                qPrintable(console.statusLabel()->text()));
        QTableView* view = console.resultView();
        view->setFocus();
        QTest::keyClick(view, Qt::Key_End, Qt::ControlModifier);
        QTRY_VERIFY_WITH_TIMEOUT(m->totalKnown() && currentRow(console) == kMillion - 1, 60000);
        QTRY_COMPARE(m->data(view->currentIndex(), Qt::DisplayRole).toString(), QString::number(kMillion));
        QCOMPARE(cell(m, kMillion - 1, 1), QString::number(2 * kMillion));
        QVERIFY(!m->isCounting());
        QVERIFY2(
            console.statusLabel()->text().startsWith(QStringLiteral("1,000,000 rows in all · first 200 in ")),
            qPrintable(console.statusLabel()->text()));
        QVERIFY(watch.mostRows <= m->windowRows());
        QVERIFY(watch.mostPages <= QueryResultModel::kCachedPages);
    }

    // An EXPLAIN cannot be counted with count(*): it is counted by stepping, and Ctrl+End gets there.
    void ctrlEndOnAStatementThatCannotBeCounted() {
        QStringList columns;
        for (int i = 1; i <= 600; ++i)
            columns << QStringLiteral("i + %1").arg(i);
        const QString sql =
            QStringLiteral("EXPLAIN SELECT %1 FROM million").arg(columns.join(QStringLiteral(", ")));
        // What SQLite says, read straight through the engine.
        auto cursor = QueryCursor::open(m_db, sql);
        QVERIFY(cursor);
        QVERIFY(!(*cursor)->canCountRows());
        auto all = (*cursor)->rows(0, 100000);
        QVERIFY(all);
        const qint64 rows = all->rows.size();
        QVERIFY2(rows > 3 * QueryResultModel::kPageRows, qPrintable(QString::number(rows)));
        const QString lastOpcode = all->rows.last().value(1).toString();

        SqlConsole console(m_db);
        console.resize(900, 600);
        console.show();
        QVERIFY(QTest::qWaitForWindowExposed(&console));
        QueryResultModel* m = console.resultModel();
        runSql(&console, sql);
        QTRY_VERIFY(m->rowsRead() > 0);
        QTableView* view = console.resultView();
        view->setFocus();
        QTest::keyClick(view, Qt::Key_End, Qt::ControlModifier);
        QTRY_COMPARE(currentRow(console), rows - 1);
        QVERIFY(m->totalKnown());
        QCOMPARE(m->totalRows(), rows);
        QTRY_COMPARE(cell(m, rows - 1, 1), lastOpcode);
        QCOMPARE(cell(m, rows - 1, 0), QString::number(rows - 1)); // addr counts from 0
    }

    // A far jump opens the statement again at an OFFSET (or steps): the rows there are SQLite's own,
    // whatever the order, duplicate column names included; and behind the cursor too.
    void farJumpsShowSQLitesOwnRows_data() {
        // The statement, and the same with its columns swapped (SQLite's answer for the second column).
        QTest::addColumn<QString>("sql");
        QTest::addColumn<QString>("swapped");
        QTest::newRow("descending") << QStringLiteral("SELECT i, t FROM million ORDER BY i DESC")
                                    << QStringLiteral("SELECT t, i FROM million ORDER BY i DESC");
        QTest::newRow("by text, no index")
            << QStringLiteral("SELECT t, i FROM million WHERE i % 10 = 0 ORDER BY t")
            << QStringLiteral("SELECT i, t FROM million WHERE i % 10 = 0 ORDER BY t");
        QTest::newRow("one name twice")
            << QStringLiteral("SELECT i * 2 AS a, t AS a FROM million WHERE i % 2 = 1")
            << QStringLiteral("SELECT t AS a, i * 2 AS a FROM million WHERE i % 2 = 1");
        QTest::newRow("with, a trailing comment")
            << QStringLiteral("WITH odd AS (SELECT i, t FROM million WHERE i % 3 = 1) SELECT t, i FROM odd "
                              "ORDER BY i DESC; -- the newest first")
            << QStringLiteral("WITH odd AS (SELECT i, t FROM million WHERE i % 3 = 1) SELECT i, t FROM odd "
                              "ORDER BY i DESC");
    }
    void farJumpsShowSQLitesOwnRows() {
        QFETCH(QString, sql);
        QFETCH(QString, swapped);
        SqlConsole console(m_db);
        console.resize(900, 600);
        console.show();
        QVERIFY(QTest::qWaitForWindowExposed(&console));
        QueryResultModel* m = console.resultModel();
        runSql(&console, sql);
        QTRY_VERIFY_WITH_TIMEOUT(m->totalKnown(), 30000);
        const QString bare =
            sql.left(sql.indexOf(QLatin1Char(';')) < 0 ? sql.size() : sql.indexOf(QLatin1Char(';')));
        // Forward far, backward far, the end, and near the start from behind.
        const qint64 total = m->totalRows();
        for (const qint64 row : {total * 3 / 10 + 1, total / 8 + 7, total - 1, qint64(5)}) {
            console.resultGrid()->goToRow(row);
            const auto sqlite = [&](const QString& statement) {
                return queryText(m_db, QStringLiteral("SELECT * FROM (%1) LIMIT 1 OFFSET %2")
                                           .arg(statement, QString::number(row)));
            };
            QTRY_COMPARE(cell(m, row, 0), sqlite(bare));
            QCOMPARE(cell(m, row, 1), sqlite(swapped));
        }
    }

    // The current cell's whole value beside the grid, as SQLite returned it; the toggle remembered.
    void theValueViewerShowsTheWholeValue() {
        QSettings().setValue(QStringLiteral("preview/valuePanel"), true);
        SqlConsole console(m_db);
        console.resize(1100, 600);
        console.show();
        QVERIFY(QTest::qWaitForWindowExposed(&console));
        QVERIFY(console.valuePanelToggle()->isChecked());
        ValueViewer* viewer = console.valueViewer();
        QVERIFY(viewer->isVisible());
        QueryResultModel* m = console.resultModel();
        runSql(&console, QStringLiteral("SELECT v AS value FROM vals ORDER BY id"));
        QTRY_COMPARE(m->rowCount(), 6);
        QTableView* view = console.resultView();

        view->setCurrentIndex(m->index(0, 0)); // 100,000 characters of text
        QCOMPARE(viewer->value().toString(), m_longText);
        QCOMPARE(viewer->column(), QStringLiteral("value"));
        QTRY_VERIFY2(viewer->summaryText().contains(QStringLiteral("100,000 characters")),
                     qPrintable(viewer->summaryText()));
        QVERIFY(cell(m, 0, 0).size() < m_longText.size()); // the grid shows a part, the viewer all

        view->setCurrentIndex(m->index(1, 0)); // a BLOB
        QCOMPARE(viewer->value().toByteArray(), m_blob);
        QVERIFY2(viewer->summaryText().startsWith(QStringLiteral("BLOB · 3,012 bytes")),
                 qPrintable(viewer->summaryText()));
        QVERIFY(viewer->views().contains(ValueViewer::View::Hex));

        view->setCurrentIndex(m->index(2, 0)); // JSON, pretty-printed by default
        QVERIFY(viewer->value().toString().startsWith(QStringLiteral("{\"name\":\"Ada\"")));
        QTRY_COMPARE(viewer->currentView(), ValueViewer::View::Json);

        view->setCurrentIndex(m->index(3, 0)); // a REAL stays a REAL
        QCOMPARE(viewer->value().typeId(), int(QMetaType::Double));
        QVERIFY(viewer->summaryText().startsWith(QStringLiteral("REAL")));
        view->setCurrentIndex(m->index(4, 0));
        QVERIFY(viewer->summaryText().startsWith(QStringLiteral("NULL")));

        // The column's declared type comes from the result's columns.
        runSql(&console, QStringLiteral("SELECT t FROM million WHERE i = 7"));
        QTRY_COMPARE(m->rowCount(), 1);
        view->setCurrentIndex(m->index(0, 0));
        QCOMPARE(viewer->value().toString(), QStringLiteral("row 7"));
        QCOMPARE(m->columns().value(0).declaredType, QStringLiteral("TEXT"));

        // The toggle hides it, and the setting is the data page's.
        console.valuePanelToggle()->click();
        QVERIFY(!viewer->isVisible());
        QCOMPARE(QSettings().value(QStringLiteral("preview/valuePanel")).toBool(), false);
        PreviewWidget preview(m_db);
        QVERIFY(!preview.valuePanelToggle()->isChecked());
        SqlConsole another(m_db);
        QVERIFY(!another.valuePanelToggle()->isChecked());
        console.valuePanelToggle()->click();
        QVERIFY(viewer->isVisible());
        QCOMPARE(QSettings().value(QStringLiteral("preview/valuePanel")).toBool(), true);
    }

    // A value whose page comes after the cell became current is shown once it arrives.
    void theViewerWaitsForARowStillBeingRead() {
        QSettings().setValue(QStringLiteral("preview/valuePanel"), true);
        SqlConsole console(m_db);
        console.resize(900, 600);
        console.show();
        QVERIFY(QTest::qWaitForWindowExposed(&console));
        QueryResultModel* m = console.resultModel();
        runSql(&console, QStringLiteral("SELECT i, t FROM million"));
        QTRY_VERIFY(m->totalKnown());
        console.resultView()->setCurrentIndex(m->index(0, 1));
        QTRY_COMPARE(console.valueViewer()->value().toString(), QStringLiteral("row 1"));
        console.resultGrid()->goToRow(600000); // not read yet: the viewer waits for it
        QCOMPARE(m->windowStart() + console.resultView()->currentIndex().row(), qint64(600000));
        QVERIFY(!m->isRowLoaded(600000));
        QVERIFY(!console.valueViewer()->value().isValid());
        QTRY_COMPARE(console.valueViewer()->value().toString(), QStringLiteral("row 600001"));
    }

    void copyTakesTheSelectedCells() {
        SqlConsole console(m_db);
        console.resize(900, 600);
        console.show();
        QVERIFY(QTest::qWaitForWindowExposed(&console));
        QueryResultModel* m = console.resultModel();
        runSql(&console, QStringLiteral("SELECT id, v FROM vals WHERE id >= 3 ORDER BY id"));
        QTRY_COMPARE(m->rowCount(), 4);
        QTableView* view = console.resultView();
        view->setFocus();
        view->selectionModel()->select(QItemSelection(m->index(1, 0), m->index(3, 1)),
                                       QItemSelectionModel::ClearAndSelect);
        QTest::keyClick(view, Qt::Key_C, Qt::ControlModifier);
        // A REAL keeps its point, NULL is empty, a tab is quoted.
        QCOMPARE(QApplication::clipboard()->text(), QStringLiteral("4\t3.0\n5\t\n6\t\"tab\there\""));
        QTest::keyClick(view, Qt::Key_C, Qt::ControlModifier | Qt::ShiftModifier);
        QCOMPARE(QApplication::clipboard()->text(), QStringLiteral("id\tv\n4\t3.0\n5\t\n6\t\"tab\there\""));
        // A BLOB as hex.
        view->selectionModel()->select(m->index(0, 1), QItemSelectionModel::ClearAndSelect);
        runSql(&console, QStringLiteral("SELECT x'00ff10' AS b"));
        QTRY_COMPARE(m->rowCount(), 1);
        view->setFocus();
        view->selectionModel()->select(m->index(0, 0), QItemSelectionModel::ClearAndSelect);
        QTest::keyClick(view, Qt::Key_C, Qt::ControlModifier);
        QCOMPARE(QApplication::clipboard()->text(), QStringLiteral("00ff10"));
        // The editor's own Ctrl+C is the editor's.
        console.editor()->setFocus();
        console.editor()->selectAll();
        QTest::keyClick(console.editor(), Qt::Key_C, Qt::ControlModifier);
        QCOMPARE(QApplication::clipboard()->text(), QStringLiteral("SELECT x'00ff10' AS b"));
    }

    // Rows not held are never copied as "…": nothing is copied, and the status line says why.
    void copyOfRowsNotHeldIsRefused() {
        SqlConsole console(m_db);
        console.resize(900, 600);
        console.show();
        QVERIFY(QTest::qWaitForWindowExposed(&console));
        QueryResultModel* m = console.resultModel();
        runSql(&console, QStringLiteral("SELECT i, t FROM million"));
        QTRY_VERIFY(m->totalKnown());
        QApplication::clipboard()->setText(QStringLiteral("before"));
        QTableView* view = console.resultView();
        view->setFocus();
        view->selectionModel()->select(QItemSelection(m->index(0, 0), m->index(20000, 1)),
                                       QItemSelectionModel::ClearAndSelect);
        QTest::keyClick(view, Qt::Key_C, Qt::ControlModifier);
        QCOMPARE(QApplication::clipboard()->text(), QStringLiteral("before"));
        QVERIFY2(console.statusLabel()->text().startsWith(QStringLiteral("Nothing copied: ")),
                 qPrintable(console.statusLabel()->text()));
        QVERIFY(m->cachedPages() <= QueryResultModel::kCachedPages); // and nothing was read for it
    }

    // With SQLSNAP_SCREENSHOTS=<folder>: the window with a console over a million-row result and the
    // value viewer, at 1400x900 and 800x600, for docs/screenshots (looked at by a person).
    void screenshotsOfTheConsole() {
        const QString folder = qEnvironmentVariable("SQLSNAP_SCREENSHOTS");
        if (folder.isEmpty())
            QSKIP("SQLSNAP_SCREENSHOTS not set");
        QSettings().setValue(QStringLiteral("preview/valuePanel"), true);
        MainWindow window;
        window.resize(1400, 900);
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        PreviewWidget* preview = window.openPreview(m_db);
        auto* console = preview->findChild<SqlConsole*>();
        QVERIFY(console);
        preview->pageTabs()->setCurrentWidget(console);
        runSql(console,
               QStringLiteral(
                   "SELECT i AS id,\n  'https://example.org/item/' || i AS url,\n"
                   "  json_object('id', i, 'title', 'Item ' || i, 'tags', json_array('sqlite', 'snapshot'),\n"
                   "              'visits', i % 17) AS meta,\n  t\nFROM million\nWHERE i % 3 = 0"));
        QueryResultModel* m = console->resultModel();
        QTRY_VERIFY_WITH_TIMEOUT(m->totalKnown(), 30000);
        console->resultGrid()->goToRow(m->totalRows() / 2);
        const QModelIndex current = console->resultView()->currentIndex();
        console->resultView()->selectionModel()->setCurrentIndex(m->index(current.row(), 2),
                                                                 QItemSelectionModel::ClearAndSelect);
        console->resultView()->horizontalScrollBar()->setValue(0); // the first columns in view
        QTRY_VERIFY(m->isRowLoaded(m->windowStart() + current.row()));
        QTRY_COMPARE(console->valueViewer()->currentView(), ValueViewer::View::Json);
        QTest::qWait(300);
        QVERIFY(window.grab().save(folder + QStringLiteral("/console.png")));
        window.resize(800, 600);
        QTest::qWait(300);
        QVERIFY(window.grab().save(folder + QStringLiteral("/console-800x600.png")));
    }
};

QTEST_MAIN(TestConsoleGrid)
#include "tst_consolegrid.moc"

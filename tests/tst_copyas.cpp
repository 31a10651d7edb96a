// Copy As on the real preview grid: the exact text of CSV, JSON and SQL INSERT copies (NULL and '',
// a REAL keeping its point, big INTEGERs exact, BLOBs, quotes, commas and line ends in text), the INSERTs
// run through sqlite3 on the table's own schema giving back the same rows, which cells a selection
// copies (selected rows × selected columns, hidden columns left out), and a selection whose rows are not
// in memory copied after its pages are read, without blocking, or stopped when the rows change.
#include "testsupport.h"

#include <preview/gridcommands.h>
#include <preview/previewwidget.h>
#include <preview/tablelist.h>
#include <window/translations.h>

#include <QAction>
#include <QApplication>
#include <QClipboard>
#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QMenu>
#include <QProcess>
#include <QScreen>
#include <QTableView>
#include <QTest>
#include <QTimer>
#include <QTreeWidget>

using namespace sqlsnap;
using namespace sqlsnap::ui;
using namespace testsupport;

namespace {

// The rows as SQLite quotes them, one line per row: the same in any two databases holding equal rows.
QString quotedRows(const QString& db, const QString& table, const QString& columns) {
    QStringList quoted;
    for (const QString& c : columns.split(QLatin1Char(',')))
        quoted << QStringLiteral("quote(%1) || ':' || typeof(%1)").arg(c);
    return queryText(db, QStringLiteral("SELECT group_concat(line, char(10)) FROM (SELECT %1 AS line FROM "
                                        "\"%2\" ORDER BY rowid)")
                             .arg(quoted.join(QStringLiteral(" || '|' || ")), table));
}

// Runs `sql` through the sqlite3 shell on `db`; the shell's stderr, empty when it went well.
QString runSqlite3(const QString& db, const QString& sql) {
    QProcess shell;
    shell.start(QStringLiteral("sqlite3"), {QStringLiteral("-bail"), db});
    if (!shell.waitForStarted())
        return QStringLiteral("sqlite3 did not start");
    shell.write(sql.toUtf8());
    shell.closeWriteChannel();
    shell.waitForFinished(60000);
    const QString err = QString::fromUtf8(shell.readAllStandardError());
    return shell.exitCode() == 0 ? err : QStringLiteral("exit %1: %2").arg(shell.exitCode()).arg(err);
}

} // namespace

class TestCopyAs : public QObject {
    Q_OBJECT
    QTemporaryDir m_tmp;
    QString m_db;

    // A preview of m_db showing `table` with its first rows loaded.
    static void open(PreviewWidget& preview, const QString& table) {
        preview.resize(1000, 600);
        preview.show();
        QVERIFY(QTest::qWaitForWindowExposed(&preview));
        QTRY_VERIFY(preview.tableList()->topLevelItemCount() >= 1);
        preview.selectTable(table);
        QTRY_VERIFY(!preview.dataModel()->isLoading() && preview.dataModel()->rowCount() > 0);
        QTRY_VERIFY(preview.dataModel()
                        ->data(preview.dataModel()->index(0, 0), TableDataModel::RawValueRole)
                        .isValid());
    }
    static void selectAll(PreviewWidget& preview) {
        preview.dataView()->setFocus();
        preview.dataView()->selectAll();
    }
    static QString copied(PreviewWidget& preview, CopyFormat format) {
        QApplication::clipboard()->setText(QStringLiteral("before"));
        preview.gridCommands()->copyAsAction(format)->trigger();
        return QApplication::clipboard()->text();
    }

private slots:
    void initTestCase() {
        installTranslations(QLocale(QLocale::English, QLocale::UnitedStates)); // "1 row", as main() does
        m_db = m_tmp.filePath(QStringLiteral("snap.db"));
        QVERIFY(execSql(
            m_db,
            QStringLiteral("CREATE TABLE t(id INTEGER PRIMARY KEY, txt TEXT, r REAL, big INTEGER, b BLOB, "
                           "  twice INTEGER GENERATED ALWAYS AS (id * 2) VIRTUAL);"
                           "INSERT INTO t(id, txt, r, big, b) VALUES"
                           "  (1, NULL, 3.0, 9007199254740993, x'00ff'),"
                           "  (2, '', 0.1, -9223372036854775808, NULL),"
                           "  (3, 'a,\"b\"' || char(10) || 'c''d', 1e300, 9223372036854775807, x'DEADBEEF');"
                           "CREATE VIEW v AS SELECT id, txt FROM t;"
                           "CREATE TABLE reals(r REAL);"
                           "INSERT INTO reals VALUES (9e999), (-9e999), (0.1 + 0.2), (1e-300), (-7.0);"
                           "CREATE TABLE many(id INTEGER PRIMARY KEY, name TEXT, score);"
                           "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 5000) "
                           "INSERT INTO many SELECT i, 'n' || i, CASE WHEN i % 7 = 0 THEN NULL "
                           "  ELSE i * 0.5 END FROM n;")));
    }

    void theContextMenuOffersCopyAs() {
        PreviewWidget preview(m_db);
        open(preview, QStringLiteral("t"));
        QAction* copyAs = nullptr;
        for (QAction* a : preview.dataView()->actions())
            if (a->menu() && a->text() == QStringLiteral("Copy As"))
                copyAs = a;
        QVERIFY(copyAs);
        QStringList texts;
        for (QAction* a : copyAs->menu()->actions())
            texts << a->text();
        QCOMPARE(texts,
                 (QStringList{QStringLiteral("CSV"), QStringLiteral("JSON"), QStringLiteral("SQL INSERT")}));
        QCOMPARE(copyAs->menu()->actions().at(0), preview.gridCommands()->copyAsAction(CopyFormat::Csv));
    }

    // With SQLSNAP_SCREENSHOTS=<folder> (and a platform that can grab the screen, such as xcb under
    // Xvfb): the grid's context menu with Copy As open, to look at.
    void screenshotOfTheCopyAsMenu() {
        const QString folder = qEnvironmentVariable("SQLSNAP_SCREENSHOTS");
        if (folder.isEmpty())
            QSKIP("SQLSNAP_SCREENSHOTS not set");
        PreviewWidget preview(m_db);
        open(preview, QStringLiteral("t"));
        preview.resize(800, 600);
        selectAll(preview);
        QMenu menu;
        menu.addActions(preview.dataView()->actions());
        menu.popup(preview.dataView()->viewport()->mapToGlobal(QPoint(120, 60)));
        QTest::qWait(200);
        QAction* copyAs = nullptr;
        for (QAction* a : menu.actions())
            if (a->menu())
                copyAs = a;
        QVERIFY(copyAs);
        menu.setActiveAction(copyAs);
        copyAs->menu()->popup(menu.mapToGlobal(menu.actionGeometry(copyAs).topRight()));
        QTest::qWait(300);
        QVERIFY(QGuiApplication::primaryScreen()->grabWindow(0).save(folder +
                                                                     QStringLiteral("/copy-as-menu.png")));
        copyAs->menu()->hide();
        menu.hide();
    }

    void csvJsonAndSqlKeepEveryValue() {
        PreviewWidget preview(m_db);
        open(preview, QStringLiteral("t"));
        QCOMPARE(preview.dataModel()->columnCount(), 6); // the generated column is shown
        preview.gridCommands()->setColumnShown(5, false);
        selectAll(preview);
        QCOMPARE(copied(preview, CopyFormat::Csv),
                 QStringLiteral("id,txt,r,big,b\r\n"
                                "1,,3.0,9007199254740993,X'00FF'\r\n"
                                "2,\"\",0.1,-9223372036854775808,\r\n"
                                "3,\"a,\"\"b\"\"\nc'd\",1e+300,9223372036854775807,X'DEADBEEF'\r\n"));
        QCOMPARE(preview.gridCommands()->statusText(), QStringLiteral("Copied 3 rows as CSV."));
        QCOMPARE(copied(preview, CopyFormat::Json),
                 QStringLiteral("[\n"
                                "  {\"id\": 1, \"txt\": null, \"r\": 3.0, \"big\": 9007199254740993, "
                                "\"b\": {\"base64\": \"AP8=\"}},\n"
                                "  {\"id\": 2, \"txt\": \"\", \"r\": 0.1, \"big\": -9223372036854775808, "
                                "\"b\": null},\n"
                                "  {\"id\": 3, \"txt\": \"a,\\\"b\\\"\\nc'd\", \"r\": 1e+300, "
                                "\"big\": 9223372036854775807, \"b\": {\"base64\": \"3q2+7w==\"}}\n"
                                "]\n"));
        QCOMPARE(copied(preview, CopyFormat::SqlInsert),
                 QStringLiteral("INSERT INTO \"t\"(\"id\",\"txt\",\"r\",\"big\",\"b\") VALUES"
                                "(1,NULL,3.0,9007199254740993,X'00FF');\n"
                                "INSERT INTO \"t\"(\"id\",\"txt\",\"r\",\"big\",\"b\") VALUES"
                                "(2,'',0.1,-9223372036854775808,NULL);\n"
                                "INSERT INTO \"t\"(\"id\",\"txt\",\"r\",\"big\",\"b\") VALUES"
                                "(3,'a,\"b\"\nc''d',1e+300,9223372036854775807,X'DEADBEEF');\n"));
    }

    void theInsertsGiveBackTheSameRows() {
        PreviewWidget preview(m_db);
        open(preview, QStringLiteral("t"));
        selectAll(preview); // the generated column too: the INSERTs leave it to SQLite
        const QString inserts = copied(preview, CopyFormat::SqlInsert);
        QVERIFY(!inserts.contains(QStringLiteral("twice")));
        const QString copy = m_tmp.filePath(QStringLiteral("roundtrip.db"));
        QFile::remove(copy);
        QVERIFY(
            execSql(copy, queryText(m_db, QStringLiteral("SELECT sql FROM sqlite_schema WHERE name = 't'"))));
        QCOMPARE(runSqlite3(copy, inserts), QString());
        const QString columns = QStringLiteral("id,txt,r,big,b,twice");
        QCOMPARE(quotedRows(copy, QStringLiteral("t"), columns),
                 quotedRows(m_db, QStringLiteral("t"), columns));
        QVERIFY(quotedRows(m_db, QStringLiteral("t"), columns).contains(QStringLiteral("3.0:real")));
    }

    void infiniteAndTinyRealsSurvive() {
        PreviewWidget preview(m_db);
        open(preview, QStringLiteral("reals"));
        selectAll(preview);
        QCOMPARE(copied(preview, CopyFormat::Csv),
                 QStringLiteral("r\r\nInfinity\r\n-Infinity\r\n0.30000000000000004\r\n1e-300\r\n-7.0\r\n"));
        QCOMPARE(
            copied(preview, CopyFormat::Json),
            QStringLiteral("[\n  {\"r\": {\"real\": \"Infinity\"}},\n  {\"r\": {\"real\": \"-Infinity\"}},\n"
                           "  {\"r\": 0.30000000000000004},\n  {\"r\": 1e-300},\n  {\"r\": -7.0}\n]\n"));
        const QString inserts = copied(preview, CopyFormat::SqlInsert);
        QVERIFY(inserts.contains(QStringLiteral("VALUES(1e999);")));
        const QString copy = m_tmp.filePath(QStringLiteral("reals.db"));
        QFile::remove(copy);
        QVERIFY(execSql(copy, QStringLiteral("CREATE TABLE reals(r REAL)")));
        QCOMPARE(runSqlite3(copy, inserts), QString());
        QCOMPARE(quotedRows(copy, QStringLiteral("reals"), QStringLiteral("r")),
                 quotedRows(m_db, QStringLiteral("reals"), QStringLiteral("r")));
    }

    void aSelectionCopiesItsRowsTimesItsColumns() {
        PreviewWidget preview(m_db);
        open(preview, QStringLiteral("t"));
        TableDataModel* model = preview.dataModel();
        QItemSelectionModel* selection = preview.dataView()->selectionModel();
        // Two cells apart: rows 1 and 3 × columns txt and big; row 2 (between them) is not copied.
        selection->select(model->index(0, 1), QItemSelectionModel::ClearAndSelect);
        selection->select(model->index(2, 3), QItemSelectionModel::Select);
        QCOMPARE(
            copied(preview, CopyFormat::Csv),
            QStringLiteral("txt,big\r\n,9007199254740993\r\n\"a,\"\"b\"\"\nc'd\",9223372036854775807\r\n"));
        // Tab-separated copies keep to the cells selected, as before.
        preview.gridCommands()->copy(false);
        QCOMPARE(QApplication::clipboard()->text(), QStringLiteral("\n9223372036854775807"));
    }

    void aViewsInsertsNameTheView() {
        PreviewWidget preview(m_db);
        open(preview, QStringLiteral("v"));
        QItemSelectionModel* selection = preview.dataView()->selectionModel();
        selection->select(QItemSelection(preview.dataModel()->index(1, 0), preview.dataModel()->index(1, 1)),
                          QItemSelectionModel::ClearAndSelect);
        QCOMPARE(copied(preview, CopyFormat::SqlInsert),
                 QStringLiteral("INSERT INTO \"v\"(\"id\",\"txt\") VALUES(2,'');\n"));
    }

    void rowsNotInMemoryAreReadWithoutBlocking() {
        PreviewWidget preview(m_db);
        open(preview, QStringLiteral("many"));
        TableDataModel* model = preview.dataModel();
        model->setWindowRows(3000);
        QTRY_COMPARE(model->countState(), TableDataModel::CountState::Exact);
        QTRY_COMPARE(model->rowCount(), 3000);
        selectAll(preview); // rows 1 .. 3,000 of 5,000: only the pages on screen are loaded
        QApplication::clipboard()->setText(QStringLiteral("before"));
        preview.gridCommands()->copyAsAction(CopyFormat::Csv)->trigger();
        // Not copied inside the trigger: the pages are on their way, the GUI thread did not wait.
        QVERIFY(preview.gridCommands()->isCopying());
        QCOMPARE(QApplication::clipboard()->text(), QStringLiteral("before"));
        const QString expected =
            QStringLiteral("id,name,score\r\n") +
            queryText(m_db,
                      QStringLiteral("SELECT group_concat(id || ',' || name || ',' || "
                                     "iif(score IS NULL, '', printf('%.1f', score)), char(13) || char(10)) "
                                     "FROM (SELECT * FROM many WHERE id <= 3000 ORDER BY id)")) +
            QStringLiteral("\r\n");
        QTRY_VERIFY_WITH_TIMEOUT(!preview.gridCommands()->isCopying(), 60000);
        QCOMPARE(QApplication::clipboard()->text(), expected);
        QCOMPARE(preview.gridCommands()->statusText(),
                 QStringLiteral("Copied 3,000 rows as CSV. The grid holds the rows around the view; Export "
                                "Table… writes all 5,000."));
    }

    void aSortedTableIsCopiedInItsOrder() {
        PreviewWidget preview(m_db);
        open(preview, QStringLiteral("many"));
        TableDataModel* model = preview.dataModel();
        // Sorted by the unindexed column, descending: the rows between the first and the last pages wait
        // for the whole order, and the copy with them.
        model->setOrder(RowOrder{QStringLiteral("score"), true});
        QTRY_VERIFY(!model->isLoading() && model->rowCount() > 0);
        QTRY_COMPARE(model->countState(), TableDataModel::CountState::Exact);
        selectAll(preview);
        QApplication::clipboard()->setText(QStringLiteral("before"));
        preview.gridCommands()->copyAsAction(CopyFormat::Json)->trigger();
        QTRY_VERIFY_WITH_TIMEOUT(!preview.gridCommands()->isCopying(), 60000);
        QCOMPARE(preview.gridCommands()->statusText(), QStringLiteral("Copied 5,000 rows as JSON."));
        const QString expected =
            QStringLiteral("[\n  ") +
            queryText(m_db,
                      QStringLiteral("SELECT group_concat(json_object('id', id, 'name', name, 'score', "
                                     "score), ',' || char(10) || '  ') FROM (SELECT * FROM many ORDER BY "
                                     "score DESC, id DESC)")) +
            QStringLiteral("\n]\n");
        // SQLite's json_object writes {"id":1,…}: the same rows and values, spaced as the export is.
        QString copied = QApplication::clipboard()->text();
        copied.replace(QStringLiteral("\": "), QStringLiteral("\":"))
            .replace(QStringLiteral(", \""), QStringLiteral(",\""));
        QCOMPARE(copied, expected);
    }

    // With SQLSNAP_MEASURE=1: how long a copy of a whole 100,000-row window of a 1,000,000-row table takes
    // and the longest the GUI thread went without serving its event loop meanwhile (printed, not
    // asserted: figures belong to benchmarks, not tests).
    void measureACopyOfTheWholeWindow() {
        if (qEnvironmentVariable("SQLSNAP_MEASURE").isEmpty())
            QSKIP("SQLSNAP_MEASURE not set");
        const QString db = m_tmp.filePath(QStringLiteral("million.db"));
        QVERIFY(execSql(db, QStringLiteral("CREATE TABLE big(id INTEGER PRIMARY KEY, name TEXT, score REAL);"
                                           "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n "
                                           "WHERE i < 1000000) INSERT INTO big SELECT i, 'name ' || i, "
                                           "i * 0.25 FROM n;")));
        PreviewWidget preview(db);
        open(preview, QStringLiteral("big"));
        TableDataModel* model = preview.dataModel();
        QTRY_COMPARE_WITH_TIMEOUT(model->countState(), TableDataModel::CountState::Exact, 60000);
        for (CopyFormat format :
             {CopyFormat::Csv, CopyFormat::Json, CopyFormat::SqlInsert, CopyFormat::TabSeparated}) {
            selectAll(preview);
            QElapsedTimer clock, sinceTick;
            qint64 longestGap = 0;
            QTimer tick;
            tick.setInterval(1);
            connect(&tick, &QTimer::timeout, this,
                    [&] { longestGap = std::max(longestGap, sinceTick.restart()); });
            clock.start();
            sinceTick.start();
            tick.start();
            if (format == CopyFormat::TabSeparated)
                preview.gridCommands()->copy(false);
            else
                preview.gridCommands()->copyAsAction(format)->trigger();
            const qint64 triggerMs = clock.elapsed();
            QTRY_VERIFY_WITH_TIMEOUT(!preview.gridCommands()->isCopying(), 120000);
            const qint64 totalMs = clock.elapsed();
            longestGap = std::max(longestGap, sinceTick.elapsed());
            tick.stop();
            qInfo("format %d: %lld rows, %lld chars, trigger %lld ms, done in %lld ms, longest GUI gap %lld "
                  "ms (%s)",
                  int(format), qint64(model->rowCount()), qint64(QApplication::clipboard()->text().size()),
                  triggerMs, totalMs, longestGap, qPrintable(preview.gridCommands()->statusText()));
            preview.scrollToRow(500000); // another window: its pages are not loaded
            preview.scrollToRow(0);
        }
    }

    void aCopyStopsWhenTheRowsChange() {
        PreviewWidget preview(m_db);
        open(preview, QStringLiteral("many"));
        TableDataModel* model = preview.dataModel();
        model->setWindowRows(3000);
        QTRY_COMPARE(model->rowCount(), 3000);
        selectAll(preview);
        QApplication::clipboard()->setText(QStringLiteral("before"));
        preview.gridCommands()->copyAsAction(CopyFormat::Json)->trigger();
        QVERIFY(preview.gridCommands()->isCopying());
        model->setFilter(QStringLiteral("n1")); // other rows: the copy must not mix them in
        QVERIFY(!preview.gridCommands()->isCopying());
        QCOMPARE(preview.gridCommands()->statusText(),
                 QStringLiteral("Copy stopped: the rows shown changed."));
        QTest::qWait(200);
        QCOMPARE(QApplication::clipboard()->text(), QStringLiteral("before"));

        // Scrolling far moves the window away from the rows being copied: stopped too.
        QTRY_VERIFY(!model->isLoading() && model->rowCount() > 0);
        model->setFilter(QString());
        QTRY_COMPARE(model->rowCount(), 3000);
        QTRY_COMPARE(model->countState(), TableDataModel::CountState::Exact);
        selectAll(preview);
        preview.gridCommands()->copyAsAction(CopyFormat::Csv)->trigger();
        QVERIFY(preview.gridCommands()->isCopying());
        preview.scrollToRow(4990);
        QVERIFY(model->windowStart() > 0);
        QVERIFY(!preview.gridCommands()->isCopying());
        QCOMPARE(preview.gridCommands()->statusText(),
                 QStringLiteral("Copy stopped: the grid moved away from the rows being copied."));
        QCOMPARE(QApplication::clipboard()->text(), QStringLiteral("before"));
        preview.scrollToRow(0);

        // Stop Copying stops one too.
        QTRY_VERIFY(!model->isLoading() && model->rowCount() > 0);
        model->setFilter(QString());
        QTRY_COMPARE(model->rowCount(), 3000);
        selectAll(preview);
        preview.gridCommands()->copyAsAction(CopyFormat::SqlInsert)->trigger();
        QVERIFY(preview.gridCommands()->stopCopyingAction()->isVisible());
        preview.gridCommands()->stopCopyingAction()->trigger();
        QVERIFY(!preview.gridCommands()->isCopying());
        QCOMPARE(preview.gridCommands()->statusText(), QStringLiteral("Copy stopped."));
        QVERIFY(!preview.gridCommands()->stopCopyingAction()->isVisible());
        QCOMPARE(QApplication::clipboard()->text(), QStringLiteral("before"));
    }
};

QTEST_MAIN(TestCopyAs)
#include "tst_copyas.moc"

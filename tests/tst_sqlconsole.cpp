// The preview's SQL tab on the real widgets and real SQLite files: Ctrl+Enter runs and the grid shows
// rows and headers; a 100,000-row result scrolls with a bounded page cache; every kind of write is
// refused in place and the snapshot's bytes never change; a syntax error moves the editor's cursor to
// it; Interrupt stops a long statement at once and the console runs the next; the history is kept and
// recalled; the elapsed time and the row count are shown. And screenshots, when asked for.
#include "testsupport.h"

#include <preview/previewwidget.h>
#include <preview/queryresultmodel.h>
#include <preview/sqlconsole.h>
#include <window/translations.h>

#include <QApplication>
#include <QCryptographicHash>
#include <QElapsedTimer>
#include <QFile>
#include <QLabel>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QScrollBar>
#include <QSettings>
#include <QStandardPaths>
#include <QTabWidget>
#include <QTableView>
#include <QTest>

using namespace sqlsnap;
using namespace sqlsnap::ui;
using namespace testsupport;

class TestSqlConsole : public QObject {
    Q_OBJECT
    QTemporaryDir m_tmp;
    QString m_db;
    QByteArray m_hash;

    static QByteArray sha256(const QString& path) {
        QFile f(path);
        if (!f.open(QIODevice::ReadOnly))
            return {};
        QCryptographicHash hash(QCryptographicHash::Sha256);
        hash.addData(&f);
        return hash.result();
    }
    static void runSql(SqlConsole* console, const QString& sql) {
        console->editor()->setPlainText(sql);
        console->editor()->setFocus();
        QTest::keyClick(console->editor(), Qt::Key_Return, Qt::ControlModifier);
    }
    static QString cell(const QueryResultModel* m, int row, int column) {
        return m->data(m->index(row, column), Qt::DisplayRole).toString();
    }

private slots:
    void initTestCase() {
        QStandardPaths::setTestModeEnabled(true); // settings in the test locations
        QApplication::setOrganizationName(QStringLiteral("SQLite Snapshot Tests"));
        QSettings().remove(QStringLiteral("console"));
        installTranslations(QLocale(QLocale::English, QLocale::UnitedStates)); // "1 row", as main() does
        m_db = m_tmp.filePath(QStringLiteral("snap.db"));
        QVERIFY(execSql(
            m_db,
            QStringLiteral("CREATE TABLE people(id INTEGER PRIMARY KEY, name TEXT, score REAL, pic BLOB);"
                           "INSERT INTO people VALUES (1, 'Ada', 3, x'DEADBEEF'), (2, NULL, 2.5, NULL),"
                           "  (3, 'Grace', NULL, NULL);"
                           "CREATE TABLE big(i INTEGER PRIMARY KEY, t TEXT);"
                           "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 100000) "
                           "INSERT INTO big SELECT i, 'row ' || i FROM n;")));
        m_hash = sha256(m_db);
        QVERIFY(!m_hash.isEmpty());
    }

    void cleanupTestCase() {
        QCOMPARE(sha256(m_db), m_hash); // nothing the console ran wrote a byte
    }

    void theSqlTabIsInThePreview() {
        PreviewWidget preview(m_db);
        auto* console = preview.findChild<SqlConsole*>();
        QVERIFY(console);
        QCOMPARE(preview.pageTabs()->tabText(preview.pageTabs()->indexOf(console)), QStringLiteral("SQL"));
    }

    void ctrlEnterRunsAndTheGridShowsRowsAndHeaders() {
        SqlConsole console(m_db);
        console.resize(800, 500);
        console.show();
        QVERIFY(QTest::qWaitForWindowExposed(&console));
        runSql(&console, QStringLiteral("SELECT id, name, score AS s, pic FROM people ORDER BY id"));
        QueryResultModel* m = console.resultModel();
        QTRY_COMPARE(m->rowCount(), 3);
        QCOMPARE(m->columnCount(), 4);
        QCOMPARE(m->headerData(0, Qt::Horizontal, Qt::DisplayRole).toString(), QStringLiteral("id"));
        QCOMPARE(m->headerData(2, Qt::Horizontal, Qt::DisplayRole).toString(), QStringLiteral("s"));
        QCOMPARE(cell(m, 0, 1), QStringLiteral("Ada"));
        QCOMPARE(cell(m, 0, 2), QStringLiteral("3.0")); // a REAL keeps its point
        QVERIFY(cell(m, 0, 3).startsWith(QStringLiteral("BLOB ")));
        QCOMPARE(cell(m, 1, 1), QStringLiteral("NULL"));
        QVERIFY(m->data(m->index(1, 1), Qt::FontRole).value<QFont>().italic());
        QVERIFY(console.statusLabel()->text().startsWith(QStringLiteral("3 rows in ")));
        QVERIFY(console.statusLabel()->text().endsWith(QStringLiteral(" ms")));
        QVERIFY(console.errorLabel()->isHidden());
        QCOMPARE(console.editor()->toPlainText().count(QLatin1Char('\n')), 0); // Ctrl+Enter added no line
    }

    void aBigResultScrollsWithABoundedCache() {
        SqlConsole console(m_db);
        console.resize(800, 500);
        console.show();
        QVERIFY(QTest::qWaitForWindowExposed(&console));
        runSql(&console, QStringLiteral("SELECT i, t FROM big"));
        QueryResultModel* m = console.resultModel();
        QTRY_VERIFY(m->rowCount() >= QueryResultModel::kPageRows);
        QTRY_VERIFY(
            console.statusLabel()->text().startsWith(QStringLiteral("100,000 rows in all · first 200 in ")));
        QVERIFY(console.statusLabel()->text().endsWith(QStringLiteral(" ms")));
        // Page after page to the end, with the whole result's scroll bar: the cache stays bounded.
        QScrollBar* bar = console.resultGrid()->tableScrollBar();
        QElapsedTimer clock;
        clock.start();
        while (!m->atEnd() && clock.elapsed() < 60000) {
            bar->setValue(std::min(bar->maximum(), bar->value() + 150));
            QTest::qWait(1);
            QVERIFY(m->cachedPages() <= QueryResultModel::kCachedPages);
        }
        QVERIFY(m->atEnd());
        QCOMPARE(m->totalRows(), qint64(100000));
        QVERIFY(m->totalKnown());
        QVERIFY(m->cachedPages() <= QueryResultModel::kCachedPages);
        QTRY_COMPARE(cell(m, 99999, 1), QStringLiteral("row 100000"));
        // Back to the top: its page was dropped, and is read again.
        bar->setValue(0);
        QTRY_COMPARE(cell(m, 0, 1), QStringLiteral("row 1"));
        QVERIFY(m->cachedPages() <= QueryResultModel::kCachedPages);
    }

    void writesAreRefusedInPlace_data() {
        QTest::addColumn<QString>("sql");
        QTest::addColumn<QString>("refused");
        QTest::newRow("insert") << QStringLiteral("INSERT INTO people(id) VALUES (9)")
                                << QStringLiteral("INSERT");
        QTest::newRow("update") << QStringLiteral("UPDATE people SET name = 'x'") << QStringLiteral("UPDATE");
        QTest::newRow("delete") << QStringLiteral("DELETE FROM people") << QStringLiteral("DELETE");
        QTest::newRow("drop") << QStringLiteral("DROP TABLE people") << QStringLiteral("DROP");
        QTest::newRow("create") << QStringLiteral("CREATE TABLE t(x)") << QStringLiteral("CREATE");
        QTest::newRow("attach") << QStringLiteral("ATTACH 'x.db' AS x") << QStringLiteral("ATTACH");
        QTest::newRow("vacuum") << QStringLiteral("VACUUM") << QStringLiteral("VACUUM");
        QTest::newRow("pragma") << QStringLiteral("PRAGMA user_version=1")
                                << QStringLiteral("PRAGMA user_version");
        QTest::newRow("load_extension")
            << QStringLiteral("SELECT load_extension('x')") << QStringLiteral("load_extension");
    }
    void writesAreRefusedInPlace() {
        QFETCH(QString, sql);
        QFETCH(QString, refused);
        SqlConsole console(m_db);
        console.show();
        runSql(&console, sql);
        QTRY_VERIFY(!console.errorLabel()->isHidden());
        const QString message = console.errorLabel()->text();
        QVERIFY2(message.contains(
                     QStringLiteral("is refused: the console only reads; snapshots are never written")),
                 qPrintable(message));
        QVERIFY2(message.contains(refused, Qt::CaseInsensitive), qPrintable(message));
        QCOMPARE(console.resultModel()->rowCount(), 0);
        QVERIFY(!console.isRunning());
        QVERIFY(!console.interruptButton()->isEnabled());
        QCOMPARE(sha256(m_db), m_hash);
    }

    void aSyntaxErrorMovesTheCursorToIt() {
        SqlConsole console(m_db);
        console.show();
        const QString sql = QStringLiteral("SELECT id,\n  name FORM people");
        runSql(&console, sql);
        QTRY_VERIFY(!console.errorLabel()->isHidden());
        QVERIFY2(console.errorLabel()->text().contains(QStringLiteral("syntax error")),
                 qPrintable(console.errorLabel()->text()));
        QCOMPARE(console.editor()->textCursor().position(), int(sql.indexOf(QStringLiteral("people"))));
        const auto marks = console.editor()->extraSelections();
        QCOMPARE(marks.size(), 1);
        QCOMPARE(marks[0].cursor.selectedText(), QStringLiteral("people"));
        // A good statement next: the error goes.
        runSql(&console, QStringLiteral("SELECT 1"));
        QTRY_COMPARE(console.resultModel()->rowCount(), 1);
        QVERIFY(console.errorLabel()->isHidden());
        QVERIFY(console.editor()->extraSelections().isEmpty());
    }

    void interruptStopsALongStatement() {
        SqlConsole console(m_db);
        console.show();
        runSql(&console, QStringLiteral("WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n "
                                        "WHERE i < 1000000000) SELECT count(*) FROM n"));
        QVERIFY(console.isRunning());
        QVERIFY(console.interruptButton()->isEnabled());
        QTest::qWait(400);
        QVERIFY(console.isRunning());
        QVERIFY2(console.statusLabel()->text().startsWith(QStringLiteral("Running… ")),
                 qPrintable(console.statusLabel()->text()));
        QVERIFY(console.statusLabel()->text() != QStringLiteral("Running… 0 ms")); // it ticks
        QElapsedTimer clock;
        clock.start();
        QTest::keyClick(console.editor(), Qt::Key_Escape);
        QVERIFY(!console.isRunning());
        QVERIFY(console.statusLabel()->text().startsWith(QStringLiteral("Interrupted after ")));
        // Usable at once: the next statement waits only for the interrupted one to stop.
        runSql(&console, QStringLiteral("SELECT 42"));
        QTRY_COMPARE(console.resultModel()->rowCount(), 1);
        QVERIFY2(clock.elapsed() < 2000, qPrintable(QString::number(clock.elapsed())));
        QCOMPARE(cell(console.resultModel(), 0, 0), QStringLiteral("42"));
        // The Interrupt button does the same.
        runSql(&console, QStringLiteral("WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n "
                                        "WHERE i < 1000000000) SELECT count(*) FROM n"));
        QTest::qWait(100);
        console.interruptButton()->click();
        QVERIFY(!console.isRunning());
        QVERIFY(console.errorLabel()->isHidden());
    }

    void closingWhileRunningCancels() {
        QElapsedTimer clock;
        clock.start();
        {
            SqlConsole console(m_db);
            runSql(&console, QStringLiteral("WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n "
                                            "WHERE i < 1000000000) SELECT count(*) FROM n"));
            QTest::qWait(200);
        }
        QVERIFY2(clock.elapsed() < 2000, qPrintable(QString::number(clock.elapsed())));
    }

    void historyIsKeptAndRecalled() {
        QSettings().remove(QStringLiteral("console"));
        {
            SqlConsole console(m_db);
            console.show();
            runSql(&console, QStringLiteral("SELECT 1"));
            runSql(&console, QStringLiteral("SELECT 2"));
            runSql(&console, QStringLiteral("SELECT 1")); // again: one entry, the most recent
            QTRY_VERIFY(!console.isRunning());
        }
        QCOMPARE(QSettings().value(QStringLiteral("console/history")).toStringList(),
                 (QStringList{QStringLiteral("SELECT 1"), QStringLiteral("SELECT 2")}));
        SqlConsole console(m_db); // another console, later: the same history
        console.show();
        QPlainTextEdit* editor = console.editor();
        editor->setPlainText(QStringLiteral("draft"));
        editor->setFocus();
        QTest::keyClick(editor, Qt::Key_Up, Qt::ControlModifier);
        QCOMPARE(editor->toPlainText(), QStringLiteral("SELECT 1"));
        QTest::keyClick(editor, Qt::Key_Up, Qt::ControlModifier);
        QCOMPARE(editor->toPlainText(), QStringLiteral("SELECT 2"));
        QTest::keyClick(editor, Qt::Key_Up, Qt::ControlModifier); // the oldest: stays
        QCOMPARE(editor->toPlainText(), QStringLiteral("SELECT 2"));
        QTest::keyClick(editor, Qt::Key_Down, Qt::ControlModifier);
        QCOMPARE(editor->toPlainText(), QStringLiteral("SELECT 1"));
        QTest::keyClick(editor, Qt::Key_Down, Qt::ControlModifier);
        QCOMPARE(editor->toPlainText(), QStringLiteral("draft"));
        // At most 100 entries.
        for (int i = 0; i < 105; ++i) {
            editor->setPlainText(QStringLiteral("SELECT %1").arg(i + 10));
            console.run();
        }
        QTRY_VERIFY(!console.isRunning());
        const QStringList history = QSettings().value(QStringLiteral("console/history")).toStringList();
        QCOMPARE(history.size(), 100);
        QCOMPARE(history.first(), QStringLiteral("SELECT 114"));
    }

    void screenshots() {
        const QString folder = qEnvironmentVariable("SQLSNAP_SCREENSHOTS");
        if (folder.isEmpty())
            QSKIP("SQLSNAP_SCREENSHOTS not set");
        PreviewWidget preview(m_db);
        preview.resize(1200, 720);
        preview.show();
        QVERIFY(QTest::qWaitForWindowExposed(&preview));
        auto* console = preview.findChild<SqlConsole*>();
        preview.pageTabs()->setCurrentWidget(console);
        runSql(console, QStringLiteral("SELECT p.id, p.name, p.score, p.pic, b.t\nFROM people p\n"
                                       "JOIN big b ON b.i <= p.id * 40\nORDER BY p.id, b.i"));
        QTRY_VERIFY(console->resultModel()->totalKnown());
        QTest::qWait(200);
        QVERIFY(preview.grab().save(folder + QStringLiteral("/console-result.png")));
        preview.resize(800, 600);
        QTest::qWait(200);
        QVERIFY(preview.grab().save(folder + QStringLiteral("/console-result-800x600.png")));
        preview.resize(1200, 720);
        runSql(console, QStringLiteral("SELECT id, name\nFROM people\nWHRE score > 2\nORDER BY id"));
        QTRY_VERIFY(!console->errorLabel()->isHidden());
        QTest::qWait(200);
        QVERIFY(preview.grab().save(folder + QStringLiteral("/console-error.png")));
        runSql(console, QStringLiteral("DELETE FROM people WHERE id = 1"));
        QTRY_VERIFY(console->errorLabel()->text().contains(QStringLiteral("refused")));
        preview.resize(800, 600);
        QTest::qWait(200);
        QVERIFY(preview.grab().save(folder + QStringLiteral("/console-refused-800x600.png")));
    }
};

QTEST_MAIN(TestSqlConsole)
#include "tst_sqlconsole.moc"

// The preview grid's model on a real snapshot: first rows before any count, batches on scroll, the
// exact count and random access after the index, exact rendering of NULL / '' / BLOB, filter, copy.
#include "testsupport.h"

#include <preview/previewwidget.h>
#include <preview/tablelist.h>
#include <preview/tabledatamodel.h>
#include <window/translations.h>

#include <QApplication>
#include <QElapsedTimer>
#include <QThread>

#include <QScrollBar>
#include <QSignalSpy>
#include <QTableView>
#include <QTest>
#include <QTreeWidget>
#include <mutex>

using namespace sqlsnap;
using namespace sqlsnap::ui;
using namespace testsupport;

// What a preview's reader threads did, as their observer heard it (on their threads).
class JobLog {
public:
    ReaderThread::Observer observer() {
        return [this](const QString& what, const Status* ended) {
            std::lock_guard lock(m_mutex);
            if (!ended)
                m_started << what;
            else
                m_ended.insert(what, ended->ok() ? QStringLiteral("ok")
                                                 : QString::fromLatin1(kindName(ended->error().kind)));
        };
    }
    bool started(const QString& what) const {
        std::lock_guard lock(m_mutex);
        return m_started.contains(what);
    }
    // How the last job called `what` ended: "ok", an error kind ("cancelled"…), or empty if it has not.
    QString ended(const QString& what) const {
        std::lock_guard lock(m_mutex);
        return m_ended.value(what);
    }
    bool running(const QString& what) const { return started(what) && ended(what).isEmpty(); }

private:
    mutable std::mutex m_mutex;
    QStringList m_started;
    QHash<QString, QString> m_ended;
};

// Spins the event loop until `done` (checked every millisecond, unlike QTRY_*'s 50 ms steps).
template <class Done> bool spinUntil(Done done, int timeoutMs = 30000) {
    QElapsedTimer clock;
    clock.start();
    while (!done()) {
        if (clock.elapsed() > timeoutMs)
            return false;
        QCoreApplication::processEvents();
        QThread::msleep(1);
    }
    return true;
}

class TestTableDataModel : public QObject {
    Q_OBJECT
    QTemporaryDir m_tmp;
    QString m_db;

    static QString cell(const TableDataModel& m, int row, int column, int role = Qt::DisplayRole) {
        return m.data(m.index(row, column), role).toString();
    }

    // 3,000,000 rows in "big" (counting them takes a while) and 3 in "small"; made once.
    QString bigDatabase() {
        const QString path = m_tmp.filePath(QStringLiteral("big.db"));
        if (!QFileInfo::exists(path))
            [&] {
                QVERIFY(execSql(
                    path, QStringLiteral("CREATE TABLE big(id INTEGER PRIMARY KEY, label TEXT);"
                                         "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n "
                                         "WHERE i < 3000000) INSERT INTO big SELECT i, 'row ' || i FROM n;"
                                         "CREATE TABLE small(v); INSERT INTO small VALUES (1), (2), (3);")));
            }();
        return path;
    }

private slots:
    void initTestCase() {
        installTranslations(QLocale(QLocale::English, QLocale::UnitedStates)); // "3 bytes", as the app says
        m_db = m_tmp.filePath(QStringLiteral("snap.db"));
        QVERIFY(execSql(
            m_db,
            QStringLiteral("CREATE TABLE items(id INTEGER PRIMARY KEY, label TEXT, note TEXT, data BLOB);"
                           "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 50000) "
                           "INSERT INTO items SELECT i, 'item ' || i, CASE i % 3 WHEN 0 THEN NULL "
                           "  WHEN 1 THEN '' ELSE 'line one' || char(10) || 'line two' END, "
                           "  CASE WHEN i = 2 THEN x'00FF10' END FROM n;"
                           "CREATE VIEW evens AS SELECT id, label FROM items WHERE id % 2 = 0;")));
    }

    void firstRowsArriveBeforeAnyCount() {
        TableDataModel model(m_db);
        model.setCounting(TableDataModel::Counting::Off); // hold the model in its growing phase
        QSignalSpy first(&model, &TableDataModel::firstPageLoaded);
        model.setTable(QStringLiteral("items"));
        QVERIFY(first.wait(5000));
        QCOMPARE(model.rowCount(), TableDataModel::kPageRows);
        QCOMPARE(model.countState(), TableDataModel::CountState::Unknown);
        QCOMPARE(model.columnCount(), 4);
        QVERIFY(model.canFetchMore({}));

        // Scrolling a real view to the bottom asks for the next batch.
        QTableView view;
        view.setModel(&model);
        view.resize(600, 400);
        view.show();
        QVERIFY(QTest::qWaitForWindowExposed(&view));
        view.scrollToBottom();
        QTRY_COMPARE(model.rowCount(), 2 * TableDataModel::kPageRows);
        QCOMPARE(cell(model, 2 * TableDataModel::kPageRows - 1, 0), QStringLiteral("400"));

        model.setCounting(TableDataModel::Counting::Full);
        QTRY_COMPARE(model.countState(), TableDataModel::CountState::Exact);
        QCOMPARE(model.count(), qint64(50000));
        QCOMPARE(model.rowCount(), 50000);
        QVERIFY(!model.canFetchMore({}));
        // Jump to the end: the last page is fetched by itself, through the position index.
        const QString before = cell(model, 49999, 0);
        QCOMPARE(before, QStringLiteral("…"));
        QTRY_COMPARE(cell(model, 49999, 0), QStringLiteral("50000"));
        QCOMPARE(cell(model, 49999, 1), QStringLiteral("item 50000"));
        QCOMPARE(cell(model, 25000, 0), QStringLiteral("…"));
        QTRY_COMPARE(cell(model, 25000, 0), QStringLiteral("25001"));
    }

    void theEndIsReachableBeforeTheExactCount() {
        TableDataModel model(m_db);
        model.setCounting(TableDataModel::Counting::EstimateOnly); // hold it before the index exists
        model.setTable(QStringLiteral("items"));
        QTRY_COMPARE(model.countState(), TableDataModel::CountState::Estimated);
        QCOMPARE(model.count(), qint64(50000));
        QCOMPARE(model.rowCount(), 50000); // the whole table, placed by rowid, at once
        QCOMPARE(cell(model, 49999, 0), QStringLiteral("…"));
        QTRY_COMPARE(cell(model, 49999, 0), QStringLiteral("50000"));
        QTRY_COMPARE(cell(model, 31234, 1), QStringLiteral("item 31235"));
        model.setCounting(TableDataModel::Counting::Full);
        QTRY_COMPARE(model.countState(), TableDataModel::CountState::Exact);
        QCOMPARE(cell(model, 49999, 0), QStringLiteral("50000")); // dense rowids: nothing had to move
    }

    void gapsAreCorrectedByTheIndex() {
        const QString gaps = m_tmp.filePath(QStringLiteral("gaps.db"));
        QVERIFY(execSql(gaps, QStringLiteral("CREATE TABLE t(id INTEGER PRIMARY KEY, v TEXT);"
                                             "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n "
                                             "WHERE i < 30000) INSERT INTO t SELECT i, 'v' || i FROM n;"
                                             "DELETE FROM t WHERE id % 3 = 0;")));
        TableDataModel model(gaps);
        model.setCounting(TableDataModel::Counting::EstimateOnly);
        model.setTable(QStringLiteral("t"));
        QTRY_COMPARE(model.countState(), TableDataModel::CountState::Estimated);
        QCOMPARE(model.rowCount(), 29999); // max - min + 1 (30,000 was deleted): an over-estimate
        QTRY_VERIFY(cell(model, 10000, 0) != QStringLiteral("…")); // a real row, placed approximately
        model.setCounting(TableDataModel::Counting::Full);
        QTRY_COMPARE(model.countState(), TableDataModel::CountState::Exact);
        QCOMPARE(model.rowCount(), 20000);
        // Every position now holds its true row: position p is rowid p + p/2 + 1.
        QTRY_COMPARE(cell(model, 10000, 0), QStringLiteral("15001"));
        QTRY_COMPARE(cell(model, 19999, 0), QStringLiteral("29999"));
        QTRY_COMPARE(cell(model, 0, 0), QStringLiteral("1"));
    }

    void theViewSeesAWindow() {
        TableDataModel model(m_db);
        model.setWindowRows(1000);
        model.setTable(QStringLiteral("items"));
        QTRY_COMPARE(model.countState(), TableDataModel::CountState::Exact);
        QCOMPARE(model.totalRows(), qint64(50000));
        QCOMPARE(model.rowCount(), 1000); // never more rows than the window for the view
        model.setWindowStart(60000);      // clamped to the last full window
        QCOMPARE(model.windowStart(), qint64(49000));
        QCOMPARE(model.headerData(0, Qt::Vertical, Qt::DisplayRole).toLongLong(), qint64(49001));
        QTRY_COMPARE(cell(model, 999, 0), QStringLiteral("50000"));
        model.setWindowStart(20000);
        QTRY_COMPARE(cell(model, 0, 1), QStringLiteral("item 20001"));
    }

    void thePreviewScrollsTheWholeTable() {
        PreviewWidget preview(m_db);
        preview.dataModel()->setWindowRows(1000);
        preview.resize(900, 600);
        preview.show();
        QVERIFY(QTest::qWaitForWindowExposed(&preview));
        QTRY_VERIFY(preview.tableList()->topLevelItemCount() >= 1);
        preview.selectTable(QStringLiteral("items"));
        TableDataModel* model = preview.dataModel();
        QTRY_COMPARE(model->countState(), TableDataModel::CountState::Exact);
        QTRY_COMPARE(model->totalRows(), qint64(50000));
        // Ctrl+End goes to the table's last row, not the window's.
        preview.dataView()->setFocus();
        QTest::keyClick(preview.dataView(), Qt::Key_End, Qt::ControlModifier);
        QCOMPARE(model->windowStart(), qint64(49000));
        const QModelIndex current = preview.dataView()->currentIndex();
        QCOMPARE(model->windowStart() + current.row(), qint64(49999));
        QTRY_COMPARE(model->data(current, Qt::DisplayRole).toString(), QStringLiteral("50000"));
        QCOMPARE(preview.tableScrollBar()->value(), preview.tableScrollBar()->maximum());
        // The table's scroll bar reaches any row: the window follows.
        preview.tableScrollBar()->setValue(25000);
        QCOMPARE(preview.topRow(), qint64(25000));
        QVERIFY(model->windowStart() <= 25000 && 25000 < model->windowStart() + model->rowCount());
        QTRY_COMPARE(
            model->data(model->index(int(25000 - model->windowStart()), 0), Qt::DisplayRole).toString(),
            QStringLiteral("25001"));
        // Scrolling the view itself past the window's edge moves the window too.
        for (int i = 0; i < 30; ++i)
            QTest::keyClick(preview.dataView(), Qt::Key_PageDown);
        QVERIFY(preview.topRow() > 25000);
        QCOMPARE(preview.tableScrollBar()->value(), int(preview.topRow()));
        QTest::keyClick(preview.dataView(), Qt::Key_Home, Qt::ControlModifier);
        QCOMPARE(model->windowStart(), qint64(0));
        QCOMPARE(preview.topRow(), qint64(0));
    }

    void theEndPressedBeforeTheCountIsFollowed() {
        PreviewWidget preview(m_db);
        TableDataModel* model = preview.dataModel();
        model->setCounting(TableDataModel::Counting::Off); // only the first rows: the size is unknown
        preview.resize(900, 600);
        preview.show();
        QVERIFY(QTest::qWaitForWindowExposed(&preview));
        QTRY_VERIFY(preview.tableList()->topLevelItemCount() >= 1);
        preview.selectTable(QStringLiteral("items"));
        QTRY_VERIFY(model->rowCount() > 0);
        preview.dataView()->setFocus();
        QTest::keyClick(preview.dataView(), Qt::Key_End, Qt::ControlModifier);
        QVERIFY(model->totalRows() < 50000);
        model->setCounting(TableDataModel::Counting::EstimateOnly);
        QTRY_COMPARE(model->countState(), TableDataModel::CountState::Estimated);
        // The window moves to the end on the estimate's answer, an event after the state changed (under
        // load the check came in between).
        QTRY_COMPARE(model->windowStart() + preview.dataView()->currentIndex().row(), qint64(49999));
        QTRY_COMPARE(model->data(preview.dataView()->currentIndex(), Qt::DisplayRole).toString(),
                     QStringLiteral("50000"));
    }

    void countingFollowsTheFirstPage() {
        TableDataModel model(m_db);
        QStringList events;
        connect(&model, &TableDataModel::firstPageLoaded, this, [&] { events << QStringLiteral("first"); });
        connect(&model, &TableDataModel::countChanged, this, [&] {
            if (model.countState() == TableDataModel::CountState::Exact)
                events << QStringLiteral("exact");
        });
        model.setTable(QStringLiteral("items"));
        QTRY_VERIFY(events.contains(QStringLiteral("exact")));
        QCOMPARE(events.first(), QStringLiteral("first"));
    }

    void valuesKeepTheirStorageClass() {
        TableDataModel model(m_db);
        QSignalSpy first(&model, &TableDataModel::firstPageLoaded);
        model.setTable(QStringLiteral("items"));
        QVERIFY(first.wait(5000));
        QCOMPARE(cell(model, 0, 2), QString()); // '' shows empty…
        QVERIFY(model.data(model.index(0, 2), TableDataModel::RawValueRole).isValid());
        QCOMPARE(cell(model, 2, 2), QStringLiteral("NULL")); // …NULL shows NULL, in italics
        QVERIFY(!model.data(model.index(2, 2), TableDataModel::RawValueRole).isValid());
        QVERIFY(model.data(model.index(2, 2), Qt::FontRole).value<QFont>().italic());
        QCOMPARE(cell(model, 1, 2), QStringLiteral("line one↵line two")); // one line per row
        QCOMPARE(cell(model, 1, 3), QStringLiteral("BLOB 3 bytes  00 FF 10"));
        QCOMPARE(model.data(model.index(0, 0), Qt::TextAlignmentRole).toInt() & Qt::AlignRight,
                 int(Qt::AlignRight));
    }

    void filterAndCopy() {
        TableDataModel model(m_db);
        QSignalSpy first(&model, &TableDataModel::firstPageLoaded);
        model.setTable(QStringLiteral("items"));
        QVERIFY(first.wait(5000));
        model.setFilter(QStringLiteral("item 4999"));
        QTRY_COMPARE(model.countState(), TableDataModel::CountState::Exact);
        QCOMPARE(model.count(), qint64(11)); // 4999 and 49990 … 49999
        QCOMPARE(cell(model, 0, 0), QStringLiteral("4999"));
        QCOMPARE(cell(model, 10, 0), QStringLiteral("49999"));
        const QString copied = model.tabSeparated(
            {model.index(0, 0), model.index(0, 1), model.index(1, 0), model.index(1, 1), model.index(1, 2)});
        // Its note is '': a quoted empty field, apart from NULL's empty one (CSV's way).
        QCOMPARE(copied, QStringLiteral("4999\titem 4999\n49990\titem 49990\t\"\""));
        // 49991's note holds a line break: quoted, so the clipboard text stays one cell.
        QCOMPARE(model.tabSeparated({model.index(2, 2)}), QStringLiteral("\"line one\nline two\""));
    }

    void viewsArePagedByOffset() {
        TableDataModel model(m_db);
        model.setTable(QStringLiteral("evens"));
        QTRY_COMPARE(model.countState(), TableDataModel::CountState::Exact);
        QCOMPARE(model.count(), qint64(25000));
        QTRY_COMPARE(cell(model, 24999, 0), QStringLiteral("50000"));
    }

    void switchingTablesTwiceQuicklyShowsTheLast() {
        const QString path = m_tmp.filePath(QStringLiteral("three.db"));
        QVERIFY(execSql(
            path,
            QStringLiteral("CREATE TABLE a(v TEXT); CREATE TABLE b(v TEXT); CREATE TABLE c(v TEXT);"
                           "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 20000) "
                           "INSERT INTO a SELECT 'a' || i FROM n;"
                           "INSERT INTO b SELECT 'b' || substr(v, 2) FROM a;"
                           "INSERT INTO c SELECT 'c' || substr(v, 2) FROM a;")));
        PreviewWidget preview(path);
        JobLog log;
        preview.setJobObserver(log.observer());
        QTRY_COMPARE(preview.tableList()->topLevelItemCount(), 3);
        TableDataModel* model = preview.dataModel();
        QSignalSpy first(model, &TableDataModel::firstPageLoaded);
        preview.selectTable(QStringLiteral("b"));
        preview.selectTable(QStringLiteral("c"));
        QTRY_COMPARE(model->countState(), TableDataModel::CountState::Exact);
        QCOMPARE(model->table(), QStringLiteral("c"));
        QCOMPARE(model->count(), qint64(20000));
        QCOMPARE(cell(*model, 0, 0), QStringLiteral("c1"));
        QTRY_COMPARE(cell(*model, 19999, 0), QStringLiteral("c20000"));
        QCOMPARE(first.count(), 1); // only the last table's first rows were taken
        // b's jobs were cancelled before they ran or while they ran; none of its answers was taken.
        const QString bFirst = log.ended(QStringLiteral("first rows of b"));
        QVERIFY2(bFirst == QStringLiteral("cancelled") || bFirst == QStringLiteral("ok"), qPrintable(bFirst));
        QVERIFY(log.ended(QStringLiteral("count of b")) != QStringLiteral("ok"));
    }

    void switchingTablesCancelsTheOldCount() {
        TableDataModel model(bigDatabase());
        JobLog log;
        model.setJobObserver(log.observer());
        model.setTable(QStringLiteral("big"));
        QVERIFY(spinUntil([&] { return log.running(QStringLiteral("count of big")); }));
        model.setTable(QStringLiteral("small"));
        QVERIFY(spinUntil([&] { return !log.ended(QStringLiteral("count of big")).isEmpty(); }));
        QCOMPARE(log.ended(QStringLiteral("count of big")), QStringLiteral("cancelled"));
        QTRY_COMPARE(model.countState(), TableDataModel::CountState::Exact);
        QCOMPARE(model.count(), qint64(3));
    }

    void closingAPreviewDoesNotWaitForItsCounts_data() {
        QTest::addColumn<QString>("job");
        QTest::newRow("the grid's count (its index)") << QStringLiteral("count of big");
        QTest::newRow("the table list's count") << QStringLiteral("count of big (list)");
    }

    void closingAPreviewDoesNotWaitForItsCounts() {
        QFETCH(QString, job);
        const QString path = bigDatabase();
        auto* preview = new PreviewWidget(path);
        JobLog log;
        preview->setJobObserver(log.observer());
        QVERIFY(spinUntil([&] {
            if (preview->tableList()->topLevelItemCount() > 0 &&
                preview->dataModel()->table() != QStringLiteral("big"))
                preview->selectTable(QStringLiteral("big"));
            return log.running(job);
        }));
        delete preview; // returns: every job stops where it is
        QCOMPARE(log.ended(job), QStringLiteral("cancelled"));
    }

    void aBrokenFileIsAnErrorNotACrash() {
        const QString bad = m_tmp.filePath(QStringLiteral("bad.db"));
        QVERIFY(writeFile(bad, QByteArray("SQLite format 3\0", 16) + QByteArray(4000, 'x')));
        TableDataModel model(bad);
        QSignalSpy failed(&model, &TableDataModel::failed);
        model.setTable(QStringLiteral("items"));
        QVERIFY(failed.wait(5000));
        QVERIFY(!model.errorText().isEmpty());
        QCOMPARE(model.rowCount(), 0);
    }
};

QTEST_MAIN(TestTableDataModel)
#include "tst_tabledatamodel.moc"

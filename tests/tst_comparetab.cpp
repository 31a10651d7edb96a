// The Compare tab on the real window, offscreen: two real snapshot files with known changes → the
// summary's numbers, the marked cells, the filters, the value viewers' before and after, the exports
// (the SQL applied to a copy of A gives B), cancel, the snapshots list's two-selected rule, Compare with
// Now on a live source; and screenshots, when asked for (SQLSNAP_SCREENSHOTS=folder).
#include "testsupport.h"

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
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLabel>
#include <QLineEdit>
#include <QListView>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QScopeGuard>
#include <QSettings>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>
#include <QTreeView>
#include <QTreeWidget>

#include <future>

using namespace sqlsnap;
using namespace sqlsnap::ui;
using namespace testsupport;

namespace {

constexpr int kWait = 60000; // a loaded machine: long enough never to be the reason a test fails

// A: items (INTEGER PRIMARY KEY, 50 rows), notes (WITHOUT ROWID, 2 rows), same (no key, 3 rows).
// B: items 2 and 3 changed (qty), 5 removed, 100 added (47 unchanged); a note added; an index added; `same`
// as it was.
const char* kSchemaA = "CREATE TABLE items(id INTEGER PRIMARY KEY, name TEXT, qty INTEGER);"
                       "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 50)"
                       " INSERT INTO items SELECT i, 'item ' || i, i FROM n;"
                       "CREATE TABLE notes(k TEXT PRIMARY KEY, body BLOB) WITHOUT ROWID;"
                       "INSERT INTO notes VALUES ('a', x'01'), ('b', NULL);"
                       "CREATE TABLE same(x); INSERT INTO same VALUES (1), (2.5), ('three');";
const char* kChangesB = "UPDATE items SET qty = qty * 10 WHERE id IN (2, 3);"
                        "DELETE FROM items WHERE id = 5;"
                        "INSERT INTO items VALUES (100, 'new', NULL);"
                        "INSERT INTO notes VALUES ('c', x'00ff');"
                        "CREATE INDEX items_name ON items(name);";

const char* kItems = "SELECT group_concat(id || ':' || name || ':' || ifnull(qty, 'NULL'), ',')"
                     " FROM (SELECT * FROM items ORDER BY id)";
const char* kNotes =
    "SELECT group_concat(k || ':' || ifnull(hex(body), 'NULL'), ',') FROM (SELECT * FROM notes ORDER BY k)";

QTreeWidgetItem* summaryRow(CompareTab* tab, const QString& table) {
    for (int i = 0; i < tab->summary()->topLevelItemCount(); ++i)
        if (tab->summary()->topLevelItem(i)->text(0) == table)
            return tab->summary()->topLevelItem(i);
    return nullptr;
}

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

// The real job's sink, held (it blocks) right after it reported the first table done, until released.
struct HeldSink : ProgressSink {
    ProgressSink& inner;
    std::shared_ptr<std::promise<void>> gate;
    std::shared_future<void> open;
    explicit HeldSink(ProgressSink& s, std::shared_ptr<std::promise<void>> g)
        : inner(s), gate(std::move(g)), open(gate->get_future().share()) {}
    void report(const Progress& p) override {
        inner.report(p);
        if (p.phase == Phase::Comparing && p.rowsDone == 1)
            open.wait();
    }
    bool isCancelled() const override { return inner.isCancelled(); }
    const CancelToken* cancelToken() const override { return inner.cancelToken(); }
};

// A comparison job of A and B for `tab`, held after its first table until `gate` is set.
Job* startHeld(MainWindow& w, CompareTab* tab, const QString& a, const QString& b,
               std::shared_ptr<std::promise<void>> gate) {
    JobSpec spec = JobSpecs::compare(a, b, tab->feed());
    spec.run = [run = spec.run, gate](ProgressSink& sink) {
        HeldSink held(sink, gate);
        return run(held);
    };
    Job* job = w.startJob(spec);
    tab->attach(job);
    return job;
}

} // namespace

class TestCompareTab : public QObject {
    Q_OBJECT

    QTemporaryDir m_dir;
    QString m_folder, m_a, m_b;

    std::unique_ptr<MainWindow> window() {
        auto w = std::make_unique<MainWindow>();
        w->setSnapshotFolder(m_folder);
        w->resize(1100, 800);
        w->show();
        return w;
    }

    CompareTab* compareTab(MainWindow& w) {
        for (int i = 0; i < w.tabs()->count(); ++i)
            if (auto* tab = qobject_cast<CompareTab*>(w.tabs()->widget(i)))
                return tab;
        return nullptr;
    }

    // The comparison of A and B, run to its end, and its tab.
    CompareTab* compared(MainWindow& w) {
        Job* job = w.compareSnapshots(m_a, m_b);
        if (!job)
            return nullptr;
        if (!QTest::qWaitFor([&] { return !job->isRunning(); }, kWait) ||
            job->state() != Job::State::Succeeded)
            return nullptr;
        return compareTab(w);
    }

    bool waitRows(CompareTab* tab) {
        return QTest::qWaitFor([&] { return !tab->rows()->loading(); }, kWait);
    }

private slots:
    void initTestCase() {
        QStandardPaths::setTestModeEnabled(true);
        QApplication::setOrganizationName(QStringLiteral("SQLite Snapshot Tests"));
        QApplication::setApplicationName(QStringLiteral("tst_comparetab"));
        QSettings().clear();
        installTranslations(QLocale(QLocale::English, QLocale::UnitedStates));
        m_folder = m_dir.filePath(QStringLiteral("snapshots"));
        QVERIFY(QDir().mkpath(m_folder));
        m_a = m_folder + QStringLiteral("/shop A.sqlite");
        m_b = m_folder + QStringLiteral("/shop B.sqlite");
        QVERIFY(execSql(m_a, QString::fromLatin1(kSchemaA)));
        QVERIFY(QFile::copy(m_a, m_b));
        QVERIFY(execSql(m_b, QString::fromLatin1(kChangesB)));
        // A was taken first: the list (newest first) and Compare's order both go by the time.
        QFile a(m_a), b(m_b);
        QVERIFY(a.open(QIODevice::ReadWrite) && b.open(QIODevice::ReadWrite));
        const QDateTime now = QDateTime::currentDateTime();
        QVERIFY(a.setFileTime(now.addSecs(-3600), QFileDevice::FileModificationTime));
        QVERIFY(b.setFileTime(now.addSecs(-60), QFileDevice::FileModificationTime));
    }

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
        QVERIFY(tab->status()->text().contains(QStringLiteral("2 tables differ")));
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
        QVERIFY(tab->status()->text().startsWith(QStringLiteral("Comparing")));
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

    void exportsJsonAndSql() {
        auto w = window();
        CompareTab* tab = compared(*w);
        QVERIFY(tab);
        const QString json = m_dir.filePath(QStringLiteral("out/diff.json"));
        const QString sql = m_dir.filePath(QStringLiteral("out/diff.sql"));
        QVERIFY(QDir().mkpath(m_dir.filePath(QStringLiteral("out"))));
        tab->chooseExportFile = [&](bool asSql) { return asSql ? sql : json; };
        tab->exportAs(false);
        tab->exportAs(true);
        QTRY_VERIFY_WITH_TIMEOUT(QFileInfo::exists(json) && QFileInfo::exists(sql), kWait);
        QTRY_COMPARE_WITH_TIMEOUT(w->jobs()->runningCount(), 0, kWait);
        // Each export's row in the jobs list names the file it writes.
        QStringList titles;
        for (int r = 0; r < w->jobs()->model()->rowCount(); ++r)
            titles << w->jobs()->model()->index(r, 0).data().toString();
        QVERIFY2(titles.filter(QStringLiteral("as JSON to diff.json")).size() == 1,
                 qPrintable(titles.join(QLatin1Char('|'))));
        QVERIFY2(titles.filter(QStringLiteral("as SQL to diff.sql")).size() == 1,
                 qPrintable(titles.join(QLatin1Char('|'))));
        QCOMPARE(folderEntries(m_dir.filePath(QStringLiteral("out"))),
                 (QStringList{QStringLiteral("diff.json"), QStringLiteral("diff.sql")}));

        QFile jsonFile(json);
        QVERIFY(jsonFile.open(QIODevice::ReadOnly));
        QJsonParseError error;
        const QJsonObject doc = QJsonDocument::fromJson(jsonFile.readAll(), &error).object();
        QCOMPARE(error.error, QJsonParseError::NoError);
        QCOMPARE(doc.value(QStringLiteral("identical")).toBool(true), false);
        QCOMPARE(doc.value(QStringLiteral("schema_changes")).toArray().size(), 1);
        bool sawItems = false;
        for (const QJsonValue& t : doc.value(QStringLiteral("tables")).toArray()) {
            const QJsonObject table = t.toObject();
            if (table.value(QStringLiteral("name")).toString() != QLatin1String("items"))
                continue;
            sawItems = true;
            QCOMPARE(table.value(QStringLiteral("added")).toInt(), 1);
            QCOMPARE(table.value(QStringLiteral("removed")).toInt(), 1);
            QCOMPARE(table.value(QStringLiteral("changed")).toInt(), 2);
            QCOMPARE(table.value(QStringLiteral("rows")).toArray().size(), 4);
        }
        QVERIFY(sawItems);

        // The SQL turns a copy of A into B.
        const QString copy = m_dir.filePath(QStringLiteral("out/copy.sqlite"));
        QVERIFY(QFile::copy(m_a, copy));
        QFile sqlFile(sql);
        QVERIFY(sqlFile.open(QIODevice::ReadOnly));
        QVERIFY(execSql(copy, QString::fromUtf8(sqlFile.readAll())));
        QCOMPARE(queryText(copy, QString::fromLatin1(kItems)), queryText(m_b, QString::fromLatin1(kItems)));
        QCOMPARE(queryText(copy, QString::fromLatin1(kNotes)), queryText(m_b, QString::fromLatin1(kNotes)));
        QCOMPARE(queryText(copy, QStringLiteral("SELECT sql FROM sqlite_schema WHERE name = 'items_name'")),
                 QStringLiteral("CREATE INDEX items_name ON items(name)"));
        QVERIFY(QFile::remove(copy));
    }

    void cancelLeavesNothingBehind() {
        auto w = window();
        // The job is held where it hands its first results over (the test holds the feed), so the cancel
        // lands while it runs, however fast the machine.
        auto* tab = new CompareTab(m_a, m_b, w->tabs());
        w->tabs()->addTab(tab, QStringLiteral("held"));
        Job* job = nullptr;
        {
            std::lock_guard hold(tab->feed()->mutex);
            job = w->startJob(JobSpecs::compare(m_a, m_b, tab->feed()));
            tab->attach(job);
            job->cancel();
        }
        QTRY_VERIFY_WITH_TIMEOUT(!job->isRunning(), kWait);
        QCOMPARE(job->state(), Job::State::Cancelled);
        QTRY_VERIFY_WITH_TIMEOUT(tab->status()->text().contains(QStringLiteral("cancelled")), kWait);
        QCOMPARE(tab->summary()->topLevelItemCount(), 0); // no table was compared after the cancel
        QCOMPARE(tab->status()->text(),
                 QStringLiteral("The comparison was cancelled before any table was compared."));
        QVERIFY(!tab->exportButton()->isEnabled());
        // An export cancelled at once, of a pair big enough to be mid-way: no file, no temporary file.
        const QString big = freshFolder(m_dir, QStringLiteral("big"));
        const QString bigA = big + QStringLiteral("/a.sqlite"), bigB = big + QStringLiteral("/b.sqlite");
        QVERIFY(execSql(
            bigA, QStringLiteral("CREATE TABLE t(id INTEGER PRIMARY KEY, v TEXT);"
                                 "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n "
                                 "WHERE i < 300000) INSERT INTO t SELECT i, hex(randomblob(16)) FROM n;")));
        QVERIFY(QFile::copy(bigA, bigB));
        QVERIFY(execSql(bigB, QStringLiteral("UPDATE t SET v = 'changed';")));
        const QString out = freshFolder(m_dir, QStringLiteral("cancelled"));
        Job* exportJob =
            w->startJob(JobSpecs::compareExport(bigA, bigB, out + QStringLiteral("/diff.sql"), true));
        exportJob->cancel();
        QTRY_VERIFY_WITH_TIMEOUT(!exportJob->isRunning(), kWait);
        QVERIFY2(exportJob->state() == Job::State::Cancelled,
                 qPrintable(exportJob->error() ? exportJob->error()->message : QStringLiteral("succeeded")));
        QCOMPARE(folderEntries(out), QStringList());
        // Neither file compared was touched: no companion file appeared beside them.
        QCOMPARE(folderEntries(big), (QStringList{QStringLiteral("a.sqlite"), QStringLiteral("b.sqlite")}));
        QCOMPARE(folderEntries(m_folder),
                 (QStringList{QStringLiteral("shop A.sqlite"), QStringLiteral("shop B.sqlite")}));
    }

    // Review: after a cancel the tab said "the tables above were compared" and offered Export.
    void aCancelledComparisonSaysHowFarItGotAndIsNotExported() {
        auto w = window();
        auto* tab = new CompareTab(m_a, m_b, w->tabs());
        w->tabs()->addTab(tab, QStringLiteral("held"));
        QVERIFY(!tab->exportButton()->isEnabled()); // not before the end either
        // Held after the first table: the cancel lands after exactly one of the three.
        auto gate = std::make_shared<std::promise<void>>();
        auto release = qScopeGuard([gate] { gate->set_value(); });
        Job* job = startHeld(*w, tab, m_a, m_b, gate);
        QTRY_COMPARE_WITH_TIMEOUT(tab->summary()->topLevelItemCount(), 1, kWait);
        QVERIFY(!tab->exportButton()->isEnabled());
        job->cancel();
        release.dismiss();
        gate->set_value();
        QTRY_VERIFY_WITH_TIMEOUT(!job->isRunning(), kWait);
        QCOMPARE(job->state(), Job::State::Cancelled);
        QTRY_COMPARE_WITH_TIMEOUT(tab->summary()->topLevelItemCount(), 1, kWait);
        QVERIFY2(tab->status()->text().startsWith(QStringLiteral(
                     "The comparison was cancelled after 1 of 3 tables: only those are listed")),
                 qPrintable(tab->status()->text()));
        QVERIFY(!tab->status()->text().contains(QStringLiteral("above")));
        QVERIFY(!tab->exportButton()->isEnabled());
        bool asked = false;
        tab->chooseExportFile = [&](bool) {
            asked = true;
            return m_dir.filePath(QStringLiteral("never.json"));
        };
        tab->exportAs(false);
        QVERIFY(!asked);
        QVERIFY(!QFileInfo::exists(m_dir.filePath(QStringLiteral("never.json"))));
    }

    // Review: a second Compare tab of the same pair looked exactly like the first.
    void aSecondTabOfThePairHasItsOwnTitle() {
        auto w = window();
        QVERIFY(compared(*w));
        Job* second = w->compareSnapshots(m_a, m_b);
        QVERIFY(second);
        QTRY_VERIFY_WITH_TIMEOUT(!second->isRunning(), kWait);
        QStringList titles;
        for (int i = 1; i < w->tabs()->count(); ++i)
            titles << w->tabs()->tabText(i);
        QCOMPARE(titles,
                 (QStringList{QStringLiteral("shop A → shop B"), QStringLiteral("shop A → shop B (2)")}));
        QCOMPARE(w->tabs()->currentIndex(), 2);
        QVERIFY(qobject_cast<CompareTab*>(w->tabs()->currentWidget())->exportButton()->isEnabled());
    }

    // Review: the tab grew an 800x600 window to about 1118x800 (and that size was saved).
    void anOpenCompareTabKeepsThe800x600Window() {
        const QString folder = freshFolder(m_dir, QStringLiteral("long"));
        const QString longA = folder + QStringLiteral("/shop database of the main branch, taken before the "
                                                      "nightly import of every supplier's price list.sqlite");
        const QString longB = folder + QStringLiteral("/shop database of the main branch, taken after the "
                                                      "nightly import of every supplier's price list.sqlite");
        QVERIFY(QFile::copy(m_a, longA) && QFile::copy(m_b, longB));
        auto w = std::make_unique<MainWindow>();
        w->setSnapshotFolder(folder);
        w->resize(800, 600);
        w->show();
        QVERIFY(QTest::qWaitForWindowExposed(w.get()));
        QCOMPARE(w->size(), QSize(800, 600));
        Job* job = w->compareSnapshots(longA, longB);
        QVERIFY(job);
        QTRY_VERIFY_WITH_TIMEOUT(!job->isRunning(), kWait);
        auto* tab = qobject_cast<CompareTab*>(w->tabs()->currentWidget());
        QVERIFY(tab);
        QVERIFY(tab->selectTable(QStringLiteral("items")));
        QVERIFY(waitRows(tab));
        tab->grid()->view()->setCurrentIndex(tab->rows()->index(0, 3));
        QTest::qWait(100); // the layouts settle
        QCOMPARE(w->size(), QSize(800, 600));
        const QSize least = w->minimumSizeHint();
        QVERIFY2(least.width() <= 800 && least.height() <= 600,
                 qPrintable(QStringLiteral("%1x%2").arg(least.width()).arg(least.height())));
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
        QCOMPARE(tab->status()->text(), QStringLiteral("A and B are the same file: nothing differs."));
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
        QVERIFY2(tab->status()->text().startsWith(QStringLiteral("The comparison failed: ")),
                 qPrintable(tab->status()->text()));
        QVERIFY(!tab->status()->text().contains(QStringLiteral("staging"))); // no internal path named
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

    // With SQLSNAP_SCREENSHOTS=<folder>: the Compare tab on `items`, a changed cell current (its before
    // and after in the viewers), at 1400x900 and 800x600, for docs/screenshots (looked at by a person).
    void screenshotsOfTheCompareTab() {
        const QString folder = qEnvironmentVariable("SQLSNAP_SCREENSHOTS");
        if (folder.isEmpty())
            QSKIP("SQLSNAP_SCREENSHOTS not set");
        auto w = window();
        w->resize(1400, 900);
        QVERIFY(QTest::qWaitForWindowExposed(w.get()));
        CompareTab* tab = compared(*w);
        QVERIFY(tab);
        QVERIFY(tab->selectTable(QStringLiteral("items")));
        QVERIFY(waitRows(tab));
        tab->grid()->view()->setCurrentIndex(tab->rows()->index(0, 3));
        QTest::qWait(300);
        QVERIFY(w->grab().save(folder + QStringLiteral("/compare.png")));
        w->resize(800, 600);
        QTest::qWait(300);
        QVERIFY(w->grab().save(folder + QStringLiteral("/compare-800x600.png")));
    }
};

QTEST_MAIN(TestCompareTab)
#include "tst_comparetab.moc"

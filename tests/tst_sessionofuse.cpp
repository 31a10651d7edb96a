// A full session of use of one snapshot in the real PreviewWidget: tables chosen with clicks, sorted by
// header clicks (an indexed column and an unindexed one, waiting for the whole order), per-column and
// all-columns filters typed, SELECTs run in the SQL console and every kind of write refused there, the
// value viewer (copied and saved elsewhere), the Structure tab, Find in Snapshot, Go to Row, hidden
// columns and fitted widths, every copy command, and Export Table… to a file in another folder. Afterwards
// the snapshot's SHA-256, size and modification time are what they were, and no -wal, -shm or -journal
// appeared beside it (the folder holds exactly what it held).
#include "testsupport.h"

#include <jobs/job.h>
#include <jobs/jobspecs.h>
#include <preview/filterheader.h>
#include <preview/findpanel.h>
#include <preview/gridcommands.h>
#include <preview/previewwidget.h>
#include <preview/queryresultmodel.h>
#include <preview/sqlconsole.h>
#include <preview/structureview.h>
#include <preview/tablelist.h>
#include <preview/valueviewer.h>
#include <window/translations.h>

#include <sqlitesnapshot/snapshot.h>

#include <QApplication>
#include <QClipboard>
#include <QCryptographicHash>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QHeaderView>
#include <QInputDialog>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSignalSpy>
#include <QTabWidget>
#include <QTableView>
#include <QTest>
#include <QTimer>
#include <QTreeWidget>

#include <sys/stat.h>

using namespace sqlsnap;
using namespace sqlsnap::ui;
using namespace testsupport;

namespace {

struct FileFacts {
    QByteArray sha256;
    qint64 size = -1;
    qint64 mtimeNs = -1;
    bool operator==(const FileFacts&) const = default;
};

FileFacts factsOf(const QString& path) {
    FileFacts facts;
    QFile f(path);
    if (f.open(QIODevice::ReadOnly)) {
        QCryptographicHash hash(QCryptographicHash::Sha256);
        hash.addData(&f);
        facts.sha256 = hash.result().toHex();
    }
    struct stat st {};
    if (::stat(QFile::encodeName(path).constData(), &st) == 0) {
        facts.size = st.st_size;
        facts.mtimeNs = qint64(st.st_mtim.tv_sec) * 1000000000 + st.st_mtim.tv_nsec;
    }
    return facts;
}

QString cell(const TableDataModel& m, qint64 row, int column) {
    return m.data(m.index(int(row - m.windowStart()), column), Qt::DisplayRole).toString();
}

void clickHeader(QTableView* view, int section) {
    QHeaderView* header = view->horizontalHeader();
    QTest::mouseClick(
        header->viewport(), Qt::LeftButton, {},
        QPoint(header->sectionViewportPosition(section) + 10, header->viewport()->height() / 2));
}

void clickTable(QTreeWidget* list, const QString& name) {
    for (int i = 0; i < list->topLevelItemCount(); ++i) {
        QTreeWidgetItem* item = list->topLevelItem(i);
        if (item->data(0, Qt::UserRole).toString() == name) {
            list->scrollToItem(item);
            QTest::mouseClick(list->viewport(), Qt::LeftButton, {}, list->visualItemRect(item).center());
            return;
        }
    }
    QFAIL(qPrintable(QStringLiteral("no table %1 in the list").arg(name)));
}

QPushButton* buttonNamed(QWidget* in, const QString& text) {
    for (QPushButton* b : in->findChildren<QPushButton*>())
        if (b->text() == text)
            return b;
    return nullptr;
}

} // namespace

class TestSessionOfUse : public QObject {
    Q_OBJECT
    QTemporaryDir m_tmp;
    QString m_snapshot; // alone in its folder
    QString m_elsewhere;

    QStringList idsOrderedBy(const QString& orderBy) const {
        return queryText(m_snapshot,
                         QStringLiteral("SELECT group_concat(id, ',') FROM (SELECT id FROM people "
                                        "ORDER BY %1)")
                             .arg(orderBy))
            .split(QLatin1Char(','));
    }

private slots:
    void initTestCase() {
        installTranslations(QLocale(QLocale::English, QLocale::UnitedStates));
        // Sort scratch files go under TMPDIR, never beside the snapshot: a folder of their own.
        const QString scratch = m_tmp.filePath(QStringLiteral("scratch"));
        QVERIFY(QDir().mkpath(scratch));
        qputenv("TMPDIR", scratch.toLocal8Bit());
        // A live database in WAL mode, snapshotted by the engine as the app does.
        const QString source = m_tmp.filePath(QStringLiteral("live.db"));
        QVERIFY(execSql(
            source,
            QStringLiteral(
                "PRAGMA journal_mode=WAL;"
                "CREATE TABLE people(id INTEGER PRIMARY KEY, name TEXT, score INTEGER, note TEXT, pic BLOB);"
                "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 20000) "
                "INSERT INTO people SELECT i, 'p' || ((i * 7919) % 20011), "
                "  CASE WHEN i % 13 = 0 THEN NULL ELSE (i * 104729) % 1000 END, "
                "  CASE WHEN i = 777 THEN 'the needle, \"quoted\"' || char(10) || 'on two lines' END, "
                "  CASE WHEN i % 100 = 0 THEN x'89504E470D0A1A0A' END FROM n;"
                "CREATE INDEX people_name ON people(name);"
                "CREATE TABLE kv(k TEXT PRIMARY KEY, v REAL) WITHOUT ROWID;"
                "INSERT INTO kv VALUES ('a', 3.0), ('b', 0.5), ('needle', NULL);"
                "CREATE VIEW top_scores AS SELECT id, score FROM people WHERE score > 900;"
                "CREATE TRIGGER kv_check BEFORE INSERT ON kv BEGIN SELECT 1; END;")));
        const QString folder = m_tmp.filePath(QStringLiteral("snapshots"));
        QVERIFY(QDir().mkpath(folder));
        m_snapshot = folder + QStringLiteral("/live-snapshot.db");
        SnapshotOptions options;
        options.verify = true;
        auto made = takeSnapshot(source, m_snapshot, options);
        QVERIFY2(made, made ? "" : qPrintable(made.error().message));
        QCOMPARE(made->integrity.value_or(QString()), QStringLiteral("ok"));
        m_elsewhere = m_tmp.filePath(QStringLiteral("exports"));
        QVERIFY(QDir().mkpath(m_elsewhere));
    }

    void everyInspectionLeavesTheSnapshotAsItWas() {
        const FileFacts before = factsOf(m_snapshot);
        QVERIFY(!before.sha256.isEmpty());
        const QString folder = QFileInfo(m_snapshot).absolutePath();
        const QStringList entriesBefore = folderEntries(folder);
        QCOMPARE(entriesBefore, QStringList{QStringLiteral("live-snapshot.db")});
        {
            PreviewWidget preview(m_snapshot);
            preview.resize(1100, 700);
            preview.show();
            QVERIFY(QTest::qWaitForWindowExposed(&preview));
            preview.activateWindow();
            QVERIFY(QTest::qWaitForWindowActive(&preview));
            QTRY_COMPARE(preview.tableList()->topLevelItemCount(), 3);
            TableDataModel* model = preview.dataModel();
            QTableView* view = preview.dataView();

            // Tables chosen with clicks.
            clickTable(preview.tableList(), QStringLiteral("kv"));
            QTRY_COMPARE(model->table(), QStringLiteral("kv"));
            QTRY_COMPARE(cell(*model, 0, 1), QStringLiteral("3.0"));
            clickTable(preview.tableList(), QStringLiteral("top_scores"));
            QTRY_COMPARE(model->table(), QStringLiteral("top_scores"));
            QTRY_VERIFY(model->rowCount() > 0 && cell(*model, 0, 1).toInt() > 900);
            clickTable(preview.tableList(), QStringLiteral("people"));
            QTRY_COMPARE(model->table(), QStringLiteral("people"));
            QTRY_COMPARE(cell(*model, 0, 0), QStringLiteral("1"));

            // Sorted by the indexed column (descending: two clicks), then the unindexed one, to the end.
            const QStringList byName = idsOrderedBy(QStringLiteral("name DESC, id DESC"));
            clickHeader(view, 1);
            clickHeader(view, 1);
            QCOMPARE(model->order().column, QStringLiteral("name"));
            QVERIFY(model->order().descending);
            QTRY_COMPARE(cell(*model, 0, 0), byName.first());
            QTRY_COMPARE(cell(*model, 1, 0), byName.at(1));
            const QStringList byScore = idsOrderedBy(QStringLiteral("score, id"));
            clickHeader(view, 2);
            QCOMPARE(model->order().column, QStringLiteral("score"));
            QTRY_COMPARE(model->locator().state(), RowLocator::State::Ordered);
            view->setFocus();
            QTest::keyClick(view, Qt::Key_End, Qt::ControlModifier);
            QTRY_COMPARE(cell(*model, 19999, 0), byScore.last());
            preview.scrollToRow(10000);
            QTRY_COMPARE(cell(*model, 10000, 0), byScore.at(10000));
            clickHeader(view, 2);
            clickHeader(view, 2); // ascending, descending, off
            QVERIFY(model->order().isNone());
            preview.scrollToRow(0);
            QTRY_COMPARE(cell(*model, 0, 0), QStringLiteral("1"));

            // A per-column filter typed under the header, with the all-columns box, then cleared.
            QLineEdit* scoreBox = preview.filterHeader()->editor(2);
            QVERIFY(scoreBox);
            QTest::keyClicks(scoreBox, QStringLiteral(">=990"));
            QTRY_COMPARE(model->rowFilter().columns.size(), 1);
            QTRY_COMPARE(model->countState(), TableDataModel::CountState::Exact);
            QCOMPARE(QString::number(model->count()),
                     queryText(m_snapshot, QStringLiteral("SELECT count(*) FROM people WHERE score >= 990")));
            QTest::keyClicks(preview.filterEdit(), QStringLiteral("p1"));
            QTRY_COMPARE(model->filter(), QStringLiteral("p1"));
            QTRY_COMPARE(model->countState(), TableDataModel::CountState::Exact);
            QVERIFY(model->count() > 0);
            QVERIFY(model->count() <= 20000);
            preview.filterEdit()->clear();
            scoreBox->setFocus();
            QTest::keyClick(scoreBox, Qt::Key_Escape);
            QTRY_VERIFY(model->rowFilter().isEmpty());
            QTRY_COMPARE(model->countState(), TableDataModel::CountState::Exact);
            QCOMPARE(model->count(), qint64(20000));

            // The SQL console: SELECTs run; every kind of write is refused in place.
            auto* console = preview.findChild<SqlConsole*>();
            QVERIFY(console);
            preview.pageTabs()->setCurrentWidget(console);
            const auto run = [console](const QString& sql) {
                console->editor()->setPlainText(sql);
                console->editor()->setFocus();
                QTest::keyClick(console->editor(), Qt::Key_Return, Qt::ControlModifier);
            };
            run(QStringLiteral("SELECT count(*), sum(score) FROM people"));
            QTRY_VERIFY(!console->isRunning() && console->resultModel()->rowCount() == 1);
            QCOMPARE(
                console->resultModel()->data(console->resultModel()->index(0, 0), Qt::DisplayRole).toString(),
                QStringLiteral("20000"));
            run(QStringLiteral("WITH s AS (SELECT score FROM people) SELECT max(score) FROM s"));
            QTRY_VERIFY(!console->isRunning() && console->resultModel()->rowCount() == 1);
            QTRY_COMPARE(
                console->resultModel()->data(console->resultModel()->index(0, 0), Qt::DisplayRole).toString(),
                queryText(m_snapshot, QStringLiteral("SELECT max(score) FROM people")));
            run(QStringLiteral("EXPLAIN QUERY PLAN SELECT * FROM people WHERE name = 'p1'"));
            QTRY_VERIFY(!console->isRunning() && console->resultModel()->rowCount() >= 1);
            QVERIFY(console->errorLabel()->isHidden());
            run(QStringLiteral("PRAGMA table_info(people)"));
            QTRY_VERIFY(!console->isRunning() && console->resultModel()->rowCount() == 5);
            QVERIFY(console->errorLabel()->isHidden());
            QVERIFY(console->errorLabel()->isHidden());
            const QString attached = m_tmp.filePath(QStringLiteral("attached.db"));
            for (const QString& write :
                 {QStringLiteral("INSERT INTO kv VALUES ('z', 1)"),
                  QStringLiteral("UPDATE people SET score = 0"), QStringLiteral("DELETE FROM people"),
                  QStringLiteral("DROP TABLE kv"), QStringLiteral("CREATE TABLE x(y)"),
                  QStringLiteral("ATTACH DATABASE '%1' AS other").arg(attached), QStringLiteral("VACUUM"),
                  QStringLiteral("PRAGMA user_version = 1"),
                  QStringLiteral("SELECT load_extension('/nonexistent/ext')"),
                  QStringLiteral("REPLACE INTO kv VALUES ('a', 9)")}) {
                run(write);
                QTRY_VERIFY2(!console->isRunning() && console->errorLabel()->isVisible(), qPrintable(write));
                QVERIFY2(!console->errorLabel()->text().isEmpty(), qPrintable(write));
            }
            QVERIFY(!QFile::exists(attached));
            QVERIFY(!QFile::exists(m_snapshot + QStringLiteral("-journal")));
            preview.pageTabs()->setCurrentIndex(0);

            // The value viewer follows the current cell; its value is copied and saved elsewhere.
            if (!preview.valuePanelToggle()->isChecked())
                preview.valuePanelToggle()->click();
            view->setCurrentIndex(model->index(776, 3)); // id 777's note
            QTRY_VERIFY(preview.valueViewer()->summaryText().contains(QStringLiteral("TEXT")));
            preview.valueViewer()->copyToClipboard();
            QTRY_COMPARE(QApplication::clipboard()->text(),
                         QStringLiteral("the needle, \"quoted\"\non two lines"));
            view->setCurrentIndex(model->index(99, 4)); // id 100's BLOB
            QTRY_VERIFY(preview.valueViewer()->summaryText().contains(QStringLiteral("BLOB")));
            QSignalSpy saved(preview.valueViewer(), &ValueViewer::saveFinished);
            const QString valueFile = m_elsewhere + QStringLiteral("/pic.bin");
            preview.valueViewer()->saveToFile(valueFile);
            QTRY_COMPARE(saved.size(), 1);
            QCOMPARE(saved.at(0).at(1).toString(), QString());
            QFile pic(valueFile);
            QVERIFY(pic.open(QIODevice::ReadOnly));
            QCOMPARE(pic.readAll(), QByteArray::fromHex("89504E470D0A1A0A"));

            // The Structure tab.
            preview.pageTabs()->setCurrentWidget(preview.structureView());
            QTRY_VERIFY(preview.structureView()->objectTree()->topLevelItemCount() >= 4);
            QVERIFY(preview.structureView()->factsLabel()->text().contains(QStringLiteral("UTF-8")));
            QTest::qWait(300); // the sizes' scan (dbstat) reads every page
            preview.pageTabs()->setCurrentIndex(0);

            // Find in Snapshot: a hit opens its table at that row.
            preview.tableList()->setFocus();
            QTest::keyClick(preview.tableList(), Qt::Key_F, Qt::ControlModifier | Qt::ShiftModifier);
            auto* find = preview.findChild<FindPanel*>();
            QVERIFY(find);
            QTRY_VERIFY(find->isVisible());
            QTest::keyClicks(find->textEdit(), QStringLiteral("needle"));
            QTest::keyClick(find->textEdit(), Qt::Key_Return);
            QTRY_VERIFY(!find->isSearching());
            QCOMPARE(find->results()->topLevelItemCount(), 2); // people and kv
            QTreeWidgetItem* peopleHits = nullptr;
            for (int i = 0; i < find->results()->topLevelItemCount(); ++i)
                if (find->results()->topLevelItem(i)->text(0).startsWith(QStringLiteral("people ")))
                    peopleHits = find->results()->topLevelItem(i);
            QVERIFY(peopleHits && peopleHits->childCount() == 1);
            emit find->results()->itemActivated(peopleHits->child(0), 0);
            QTRY_COMPARE(model->table(), QStringLiteral("people"));
            QTRY_COMPARE(view->currentIndex().isValid() ? model->windowStart() + view->currentIndex().row()
                                                        : -1,
                         qint64(776));
            find->close();
            preview.activateWindow();
            QVERIFY(QTest::qWaitForWindowActive(&preview));

            // Go to Row (Ctrl+G).
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
            view->setCurrentIndex(view->currentIndex().siblingAtColumn(0));
            view->setFocus();
            QTest::keyClick(view, Qt::Key_G, Qt::ControlModifier);
            QTRY_COMPARE(model->data(view->currentIndex(), Qt::DisplayRole).toString(),
                         QStringLiteral("15000"));

            // Columns hidden and shown again, widths fitted.
            GridCommands* commands = preview.gridCommands();
            commands->setColumnShown(4, false);
            QVERIFY(view->isColumnHidden(4));
            commands->showAllColumns();
            QVERIFY(!view->isColumnHidden(4));
            commands->fitColumnWidths();

            // Every copy command, on a selection of two rows and on the whole window (the keys need the
            // window active again after the dialog).
            preview.activateWindow();
            QVERIFY(QTest::qWaitForWindowActive(&preview));
            const qint64 top = model->windowStart() + view->currentIndex().row();
            view->selectionModel()->select(QItemSelection(view->currentIndex().siblingAtColumn(0),
                                                          model->index(view->currentIndex().row() + 1, 1)),
                                           QItemSelectionModel::ClearAndSelect);
            const QString name15000 =
                queryText(m_snapshot, QStringLiteral("SELECT name FROM people WHERE id = 15000"));
            const QString name15001 =
                queryText(m_snapshot, QStringLiteral("SELECT name FROM people WHERE id = 15001"));
            QCOMPARE(top, qint64(14999));
            QTest::keyClick(view, Qt::Key_C, Qt::ControlModifier);
            QCOMPARE(QApplication::clipboard()->text(),
                     QStringLiteral("15000\t%1\n15001\t%2").arg(name15000, name15001));
            QTest::keyClick(view, Qt::Key_C, Qt::ControlModifier | Qt::ShiftModifier);
            QVERIFY(QApplication::clipboard()->text().startsWith(QStringLiteral("id\tname\n15000\t")));
            commands->copyAsAction(CopyFormat::Csv)->trigger();
            QTRY_COMPARE(QApplication::clipboard()->text(),
                         QStringLiteral("id,name\r\n15000,%1\r\n15001,%2\r\n").arg(name15000, name15001));
            commands->copyAsAction(CopyFormat::Json)->trigger();
            QTRY_COMPARE(
                QApplication::clipboard()->text(),
                QStringLiteral(
                    "[\n  {\"id\": 15000, \"name\": \"%1\"},\n  {\"id\": 15001, \"name\": \"%2\"}\n]\n")
                    .arg(name15000, name15001));
            commands->copyAsAction(CopyFormat::SqlInsert)->trigger();
            QTRY_VERIFY(QApplication::clipboard()->text().startsWith(
                QStringLiteral("INSERT INTO \"people\"(\"id\",\"name\") VALUES(15000,'")));
            view->selectAll(); // the window: its rows read through the model, page by page
            commands->copyAsAction(CopyFormat::Csv)->trigger();
            QTRY_VERIFY_WITH_TIMEOUT(!commands->isCopying(), 60000);
            QVERIFY(commands->statusText().startsWith(QStringLiteral("Copied 20,000 rows as CSV")));
            // The header and 20,000 rows (id 777's note holds an LF, no CR: inside its quoted field).
            QCOMPARE(QApplication::clipboard()->text().count(QStringLiteral("\r\n")), 20001);

            // Export Table… to a file in another folder, through the app's job.
            const QString exported = m_elsewhere + QStringLiteral("/people.csv");
            std::unique_ptr<Job> job;
            connect(&preview, &PreviewWidget::tableExportRequested, this,
                    [&](const QString& snapshot, const QString& table, const RowFilter& filter,
                        const RowOrder& order) {
                        job = std::make_unique<Job>(
                            JobSpecs::tableExport(snapshot, table, filter, order, exported, false));
                        job->start();
                    });
            QPushButton* exportTable = buttonNamed(&preview, QStringLiteral("Export Table…"));
            QVERIFY(exportTable);
            QTest::mouseClick(exportTable, Qt::LeftButton);
            QTRY_VERIFY(job && !job->isRunning());
            QCOMPARE(job->state(), Job::State::Succeeded);
            QFile csv(exported);
            QVERIFY(csv.open(QIODevice::ReadOnly));
            QVERIFY(csv.readLine().startsWith("id,name,score,note,pic"));

            // While the preview is open: nothing beside the snapshot either.
            QCOMPARE(folderEntries(folder), entriesBefore);
        }
        waitForBackgroundRemovals();
        QCOMPARE(folderEntries(QFileInfo(m_snapshot).absolutePath()), entriesBefore);
        const FileFacts after = factsOf(m_snapshot);
        QCOMPARE(after.sha256, before.sha256);
        QCOMPARE(after.size, before.size);
        QCOMPARE(after.mtimeNs, before.mtimeNs);
    }
};

QTEST_MAIN(TestSessionOfUse)
#include "tst_sessionofuse.moc"

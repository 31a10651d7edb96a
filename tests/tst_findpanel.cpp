// "Find in Snapshot" on the real widgets: Ctrl+Shift+F in a preview, type, Enter, hits grouped by table
// as they arrive, the cap's "and more", Stop, and activating a hit shows its table with that row current.
#include "testsupport.h"

#include <preview/findpanel.h>
#include <preview/previewwidget.h>
#include <preview/tablelist.h>
#include <window/translations.h>

#include <QApplication>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QTableView>
#include <QTest>
#include <QTreeWidget>

using namespace sqlsnap;
using namespace sqlsnap::ui;
using namespace testsupport;

class TestFindPanel : public QObject {
    Q_OBJECT
    QTemporaryDir m_tmp;
    QString m_db;

    static FindPanel* openPanel(PreviewWidget& preview) {
        preview.show();
        preview.activateWindow();
        if (!QTest::qWaitForWindowActive(&preview))
            return nullptr;
        preview.tableList()->setFocus();
        QTest::keyClick(preview.tableList(), Qt::Key_F, Qt::ControlModifier | Qt::ShiftModifier);
        return preview.findChild<FindPanel*>();
    }
    static QTreeWidgetItem* group(FindPanel* panel, const QString& table) {
        for (int i = 0; i < panel->results()->topLevelItemCount(); ++i)
            if (panel->results()->topLevelItem(i)->text(0).startsWith(table + QStringLiteral(" ")))
                return panel->results()->topLevelItem(i);
        return nullptr;
    }

private slots:
    void initTestCase() {
        installTranslations(QLocale(QLocale::English, QLocale::UnitedStates)); // "1 row", as main() does
        m_db = m_tmp.filePath(QStringLiteral("snap.db"));
        // Rowids with gaps (every third row deleted), so a row's position is not its rowid.
        QVERIFY(execSql(
            m_db,
            QStringLiteral("CREATE TABLE people(id INTEGER PRIMARY KEY, name TEXT, home TEXT);"
                           "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 30000) "
                           "INSERT INTO people SELECT i, 'person ' || i, NULL FROM n;"
                           "DELETE FROM people WHERE id % 3 = 0;"
                           "UPDATE people SET home = 'https://needle.example/' || id WHERE id IN (1, 25001);"
                           "CREATE TABLE kv(k TEXT PRIMARY KEY, v TEXT) WITHOUT ROWID;"
                           "INSERT INTO kv VALUES ('a', 'x'), ('b', 'a NEEDLE here'), ('c', 'y');"
                           "CREATE TABLE other(z); INSERT INTO other VALUES ('nothing');")));
    }

    void findShowsHitsGroupedAndOpensTheRow() {
        PreviewWidget preview(m_db);
        preview.resize(900, 600);
        QTRY_VERIFY(preview.tableList()->topLevelItemCount() >= 3);
        FindPanel* panel = openPanel(preview);
        QVERIFY(panel);
        QTRY_VERIFY(panel->isVisible());
        QTest::keyClicks(panel->textEdit(), QStringLiteral("needle"));
        QTest::keyClick(panel->textEdit(), Qt::Key_Return);
        QTRY_VERIFY(!panel->isSearching());
        QCOMPARE(panel->results()->topLevelItemCount(), 2); // kv and people; `other` holds nothing
        QTreeWidgetItem* people = group(panel, QStringLiteral("people"));
        QTreeWidgetItem* kv = group(panel, QStringLiteral("kv"));
        QVERIFY(people && kv);
        QCOMPARE(people->text(0), QStringLiteral("people — 2 rows"));
        QCOMPARE(people->childCount(), 2);
        QCOMPARE(people->child(1)->text(0), QStringLiteral("rowid 25001"));
        QCOMPARE(people->child(1)->text(1), QStringLiteral("home"));
        QCOMPARE(people->child(1)->text(2), QStringLiteral("https://needle.example/25001"));
        QCOMPARE(kv->childCount(), 1);
        QCOMPARE(kv->child(0)->text(0), QStringLiteral("row 2"));
        QCOMPARE(panel->progressLabel()->text(), QStringLiteral("3 rows found in 2 of 3 tables searched"));
        // The Row column is wide enough for a rowid hit under its table.
        QVERIFY(panel->results()->columnWidth(0) >=
                panel->results()->indentation() +
                    panel->results()->fontMetrics().horizontalAdvance(people->child(1)->text(0)));

        // A rowid table's hit: its table opens with that row current (rowid 25001 is row 16,667).
        emit panel->results()->itemActivated(people->child(1), 0);
        TableDataModel* model = preview.dataModel();
        QTRY_COMPARE(model->table(), QStringLiteral("people"));
        const auto currentRow = [&] {
            const QModelIndex current = preview.dataView()->currentIndex();
            return current.isValid() ? model->windowStart() + current.row() : qint64(-1);
        };
        QTRY_COMPARE(currentRow(), qint64(16667));
        QTRY_COMPARE(preview.dataView()->currentIndex().siblingAtColumn(0).data().toString(),
                     QStringLiteral("25001"));
        // A table without rowid: by position.
        emit panel->results()->itemActivated(kv->child(0), 0);
        QTRY_COMPARE(model->table(), QStringLiteral("kv"));
        QTRY_COMPARE(currentRow(), qint64(1));
        QTRY_COMPARE(preview.dataView()->currentIndex().siblingAtColumn(0).data().toString(),
                     QStringLiteral("b"));
        // The same table filtered meanwhile: the hit opens it unfiltered.
        emit panel->results()->itemActivated(people->child(0), 0);
        QTRY_COMPARE(model->table(), QStringLiteral("people"));
        model->setFilter(QStringLiteral("person 2"));
        QTRY_VERIFY(!model->rowFilter().isEmpty());
        emit panel->results()->itemActivated(people->child(1), 0);
        QTRY_VERIFY(model->rowFilter().isEmpty());
        QTRY_COMPARE(currentRow(), qint64(16667));
    }

    void capShowsAndMoreAndStopStops() {
        PreviewWidget preview(m_db);
        QTRY_VERIFY(preview.tableList()->topLevelItemCount() >= 3);
        FindPanel* panel = openPanel(preview);
        QVERIFY(panel);
        panel->textEdit()->setText(QStringLiteral("person"));
        panel->find();
        QVERIFY(panel->isSearching());
        QVERIFY(panel->stopButton()->isEnabled());
        QTRY_VERIFY(!panel->isSearching());
        QTreeWidgetItem* people = group(panel, QStringLiteral("people"));
        QVERIFY(people);
        QCOMPARE(people->childCount(), 1000);
        QCOMPARE(people->text(0), QStringLiteral("people — 1,000 rows and more"));
        QVERIFY(panel->progressLabel()->text().contains(
            QStringLiteral(" rows shown; more in 1 table (found in ")));

        panel->find();
        QVERIFY(panel->isSearching());
        QTest::mouseClick(panel->stopButton(), Qt::LeftButton);
        QVERIFY(!panel->isSearching());
        QVERIFY(panel->progressLabel()->text().startsWith(QStringLiteral("Stopped")));
        QVERIFY(panel->findButton()->isEnabled());
        QTest::qWait(200); // a stopped search never answers
        QVERIFY(panel->progressLabel()->text().startsWith(QStringLiteral("Stopped")));
    }
};

QTEST_MAIN(TestFindPanel)
#include "tst_findpanel.moc"

// The Compare tab's layout on the real window, offscreen: what it keeps in sight at 800×600 (the names'
// distinguishing parts, five tables of the summary and the grid, the window's size), its tab titles
// (never two alike), the notice when A and B are of different databases; and screenshots, when asked for
// (SQLSNAP_SCREENSHOTS=folder). Its content: tst_comparetab; exports and cancel: tst_comparetabexport.
#include "comparefixture.h"
#include "widgetsupport.h"

#include <QPlainTextEdit>
#include <QScrollBar>
#include <QTabWidget>
#include <QTextDocument>
#include <jobs/jobspanel.h>
#include <preview/valueviewer.h>

#include <common/elidedlabel.h>
#include <preview/windowedgrid.h>

#include <sqlitesnapshot/history.h>

#include <QHeaderView>
#include <QLabel>
#include <QPushButton>
#include <QSet>
#include <QTabBar>
#include <QTableView>

using namespace sqlsnap;
using namespace sqlsnap::ui;
using namespace testsupport;

namespace {
constexpr int kWait = kCompareWait;
} // namespace

class TestCompareTabLayout : public QObject, CompareFixture {
    Q_OBJECT

private slots:
    void initTestCase() { QVERIFY(setUpPair("tst_comparetablayout")); }

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

    // Review: at 800×600 the header showed "A (befor…3.sqlite": what tells A from B was elided away.
    void theNamesKeepWhatTellsThemApartAt800x600_data() {
        QTest::addColumn<QString>("nameA");
        QTest::addColumn<QString>("nameB");
        QTest::addColumn<QString>("keptA");
        QTest::addColumn<QString>("keptB");
        QTest::newRow("snapshots of one database")
            << QStringLiteral("customer orders of the main shop.db 2026-12-01 093000.sqlite")
            << QStringLiteral("customer orders of the main shop.db 2026-12-01 174500.sqlite")
            << QStringLiteral("2026-12-01 093000.sqlite") << QStringLiteral("2026-12-01 174500.sqlite");
        QTest::newRow("names that differ in the middle")
            << QStringLiteral(
                   "shop database of the main branch, taken in the morning of the nightly import.sqlite")
            << QStringLiteral(
                   "shop database of the main branch, taken in the evening of the nightly import.sqlite")
            << QStringLiteral("morning") << QStringLiteral("evening"); // not words of the captions
    }

    void theNamesKeepWhatTellsThemApartAt800x600() {
        QFETCH(QString, nameA);
        QFETCH(QString, nameB);
        QFETCH(QString, keptA);
        QFETCH(QString, keptB);
        const QString folder = freshFolder(m_dir, QStringLiteral("names"));
        const QString a = folder + QLatin1Char('/') + nameA, b = folder + QLatin1Char('/') + nameB;
        QVERIFY(QFile::copy(m_a, a) && QFile::copy(m_b, b));
        auto w = window();
        w->resize(800, 600);
        QVERIFY(QTest::qWaitForWindowExposed(w.get()));
        CompareTab* tab = comparedPair(*w, a, b);
        QVERIFY(tab);
        QTest::qWait(50); // the layouts settle
        QCOMPARE(w->size(), QSize(800, 600));
        const QString shownA = tab->nameLabel(false)->text(), shownB = tab->nameLabel(true)->text();
        QVERIFY2(shownA != tab->nameLabel(false)->fullText(), qPrintable(shownA)); // it is elided
        QVERIFY2(shownA.startsWith(QStringLiteral("A")) && shownA.contains(keptA), qPrintable(shownA));
        QVERIFY2(shownB.startsWith(QStringLiteral("B")) && shownB.contains(keptB), qPrintable(shownB));
        QVERIFY(tab->nameLabel(false)->toolTip().endsWith(a));
        QVERIFY(tab->nameLabel(true)->toolTip().endsWith(b));
        // The job's row is named as the tab: the parts that tell A from B are in it, whatever the panel
        // elides of the rest (the review saw "Compare …2026-12-0…b 2026-12-03 103829.sqlite").
        const QString title = w->jobs()->jobs().last()->title();
        QVERIFY2(title.contains(keptA.section(QLatin1Char('.'), 0, 0)) &&
                     title.contains(keptB.section(QLatin1Char('.'), 0, 0)),
                 qPrintable(title));
        QVERIFY2(title.size() < QStringLiteral("Compare %1 → %2").arg(nameA, nameB).size(),
                 qPrintable(title));
    }

    // Review: at 800×600 the SQL boxes cut a statement at the box's edge ("CREATE VIEW v1 AS SELECT * F"):
    // they wrap, so its end (where a view's change is) is in sight without scrolling sideways.
    void theSchemaSqlWrapsAt800x600() {
        const QString folder = freshFolder(m_dir, QStringLiteral("views"));
        const QString a = folder + QStringLiteral("/views A.sqlite"),
                      b = folder + QStringLiteral("/views B.sqlite");
        QVERIFY(execSql(a, QStringLiteral("CREATE TABLE t(x); CREATE VIEW v1 AS SELECT * FROM t WHERE x > 10 "
                                          "AND x < 1000 ORDER BY x DESC")));
        QVERIFY(execSql(b, QStringLiteral("CREATE TABLE t(x); CREATE VIEW v1 AS SELECT * FROM t WHERE x > 20 "
                                          "AND x < 1000 ORDER BY x DESC")));
        auto w = window();
        w->resize(800, 600);
        QVERIFY(QTest::qWaitForWindowExposed(w.get()));
        CompareTab* tab = comparedPair(*w, a, b);
        QVERIFY(tab);
        QTRY_COMPARE(tab->schemaList()->topLevelItemCount(), 1);
        tab->findChild<QTabWidget*>(QStringLiteral("comparePages"))->setCurrentIndex(1);
        tab->schemaList()->setCurrentItem(tab->schemaList()->topLevelItem(0));
        QTRY_VERIFY(tab->sqlAfter()->toPlainText().contains(QStringLiteral("x > 20")));
        QTest::qWait(50); // the layouts settle
        QCOMPARE(w->size(), QSize(800, 600));
        QCOMPARE(tab->sqlAfter()->horizontalScrollBar()->maximum(), 0);
        QVERIFY(tab->sqlAfter()->document()->lineCount() >= 1);
    }

    // Review: at 800×600 the summary showed 2½ tables.
    void theSummaryShowsFiveTablesAt800x600() {
        const QString folder = freshFolder(m_dir, QStringLiteral("eight"));
        const QString a = folder + QStringLiteral("/eight A.sqlite"),
                      b = folder + QStringLiteral("/eight B.sqlite");
        QString schema, changes;
        for (int t = 1; t <= 8; ++t) {
            schema += QStringLiteral(
                          "CREATE TABLE t%1(id INTEGER PRIMARY KEY, v); INSERT INTO t%1 VALUES (1, 'a');")
                          .arg(t);
            changes += QStringLiteral("UPDATE t%1 SET v = 'b';").arg(t);
        }
        QVERIFY(execSql(a, schema));
        QVERIFY(QFile::copy(a, b));
        QVERIFY(execSql(b, changes));
        auto w = window();
        w->resize(800, 600);
        QVERIFY(QTest::qWaitForWindowExposed(w.get()));
        CompareTab* tab = comparedPair(*w, a, b);
        QVERIFY(tab);
        QVERIFY(waitRows(tab));
        QTest::qWait(50); // the layouts settle
        QCOMPARE(w->size(), QSize(800, 600));
        QCOMPARE(tab->summary()->topLevelItemCount(), 8);
        QVERIFY(saveScreenshot(w.get(), QStringLiteral("compare-eight-tables-800x600.png"), w->size()));
        const QRect viewport = tab->summary()->viewport()->rect();
        int inSight = 0;
        for (int i = 0; i < 8; ++i)
            if (const QRect r = tab->summary()->visualItemRect(tab->summary()->topLevelItem(i));
                r.isValid() && r.top() >= viewport.top() && r.bottom() <= viewport.bottom())
                ++inSight;
        QVERIFY2(inSight >= 5, qPrintable(QStringLiteral("%1 tables in sight").arg(inSight)));
        // And the grid keeps rows in sight: the changed row of the table selected, whole.
        QTableView* grid = tab->grid()->view();
        QVERIFY(grid->isVisible());
        QCOMPARE(tab->rows()->totalRows(), qint64(1));
        QVERIFY(grid->viewport()->rect().contains(grid->visualRect(tab->rows()->index(0, 0))));
        QVERIFY2(grid->viewport()->height() >= 4 * grid->verticalHeader()->defaultSectionSize(),
                 qPrintable(QString::number(grid->viewport()->height())));
        // A TEXT value in the viewer beside (the changed cell's 'b'): the viewer keeps its least size and
        // scrolls where the page is lower, its parts never overlapping (the review saw the text box
        // squeezed to a few pixels under its size line).
        grid->setCurrentIndex(tab->rows()->index(0, grid->model()->columnCount() - 1));
        QTRY_COMPARE(tab->afterViewer()->value().toString(), QStringLiteral("b"));
        tab->valueTabs()->setCurrentIndex(1); // After (B), as the user clicks it
        QTest::qWait(50);
        QVERIFY2(tab->afterViewer()->height() >= tab->afterViewer()->minimumSizeHint().height(),
                 qPrintable(QStringLiteral("%1 < %2")
                                .arg(tab->afterViewer()->height())
                                .arg(tab->afterViewer()->minimumSizeHint().height())));
        QCOMPARE(w->size(), QSize(800, 600));
        QVERIFY(saveScreenshot(w.get(), QStringLiteral("compare-text-value-800x600.png"), w->size()));
    }

    // Review: tabs of two different pairs could elide to the same title.
    void tabsOfDifferentPairsHaveDifferentTitles() {
        const QString x = freshFolder(m_dir, QStringLiteral("x")),
                      y = freshFolder(m_dir, QStringLiteral("y"));
        const QString longName =
            QStringLiteral("/shop database of the main branch, taken %1 the nightly import of "
                           "every supplier's price list.sqlite");
        const QString before = x + longName.arg(QStringLiteral("before"));
        const QString after = x + longName.arg(QStringLiteral("after"));
        const QString midday = x + longName.arg(QStringLiteral("at noon, long after"));
        const QString otherA = y + QStringLiteral("/shop A.sqlite"),
                      otherB = y + QStringLiteral("/shop B.sqlite");
        for (const QString& path : {before, after, midday})
            QVERIFY(QFile::copy(m_a, path));
        QVERIFY(QFile::copy(m_a, otherA) && QFile::copy(m_b, otherB));
        auto w = window();
        QVERIFY(comparedPair(*w, before, after));
        QVERIFY(comparedPair(*w, before, midday));
        QVERIFY(comparedPair(*w, m_a, m_b));
        QVERIFY(comparedPair(*w, otherA, otherB)); // the same names in another folder
        QVERIFY(comparedPair(*w, m_a, m_b));       // the same pair again: numbered
        QStringList titles;
        for (int i = 1; i < w->tabs()->count(); ++i)
            titles << w->tabs()->tabText(i);
        QCOMPARE(titles.size(), 5);
        QCOMPARE(QSet<QString>(titles.begin(), titles.end()).size(), 5);
        QVERIFY2(titles[0].contains(QStringLiteral("before → after")), qPrintable(titles[0]));
        QCOMPARE(titles[2], QStringLiteral("shop A → shop B"));
        QCOMPARE(titles[3], QStringLiteral("shop A → shop B (in %1)").arg(QFileInfo(y).fileName()));
        QCOMPARE(titles[4], QStringLiteral("shop A → shop B (2)"));
        for (const QString& title : std::as_const(titles)) // each fits the tab bar's share of 320 px
            QVERIFY2(w->tabs()->tabBar()->fontMetrics().horizontalAdvance(title) <= 320 + 100,
                     qPrintable(title));
    }

    // A and B from different databases: a one-line notice says so, in place; from one database, nothing.
    void aNoticeSaysWhenAAndBAreOfDifferentDatabases_data() {
        QTest::addColumn<QString>("nameA");
        QTest::addColumn<QString>("nameB");
        QTest::addColumn<QString>("recordedA"); // the source its folder's record names, or none
        QTest::addColumn<QString>("recordedB");
        QTest::addColumn<bool>("commonTables");
        QTest::addColumn<QString>("notice"); // empty: none shown
        const QString none;
        const QString different = QStringLiteral("A and B are snapshots of different databases: ");
        QTest::newRow("two files of one database") << "shop A.sqlite"
                                                   << "shop B.sqlite" << none << none << true << none;
        QTest::newRow("named snapshots of one database")
            << "shop.db 2026-12-01 093000.sqlite"
            << "shop.db 2026-12-02 093000.sqlite" << none << none << true << none;
        QTest::newRow("named snapshots of two databases")
            << "shop.db 2026-12-01 093000.sqlite"
            << "stock.db 2026-12-01 093000.sqlite" << none << none << true
            << different + QLatin1String("shop.db and stock.db.");
        QTest::newRow("recorded from two databases")
            << "a.sqlite"
            << "b.sqlite"
            << "/srv/one/shop.db"
            << "/srv/two/shop.db" << true
            << different + QLatin1String("/srv/one/shop.db and /srv/two/shop.db.");
        QTest::newRow("recorded from one database, whatever the names say")
            << "shop.db 2026-12-01 093000.sqlite"
            << "stock.db 2026-12-01 093000.sqlite"
            << "/srv/shop.db"
            << "/srv/shop.db" << true << none;
        QTest::newRow("no table in common")
            << "left.sqlite"
            << "right.sqlite" << none << none << false
            << "A and B have no table in common: they may be snapshots of different databases.";
    }

    void aNoticeSaysWhenAAndBAreOfDifferentDatabases() {
        QFETCH(QString, nameA);
        QFETCH(QString, nameB);
        QFETCH(QString, recordedA);
        QFETCH(QString, recordedB);
        QFETCH(bool, commonTables);
        QFETCH(QString, notice);
        const QString folder = freshFolder(m_dir, QStringLiteral("origins"));
        const QString a = folder + QLatin1Char('/') + nameA, b = folder + QLatin1Char('/') + nameB;
        if (commonTables) {
            QVERIFY(QFile::copy(m_a, a) && QFile::copy(m_b, b));
        } else {
            QVERIFY(execSql(a, QStringLiteral("CREATE TABLE orders(id INTEGER PRIMARY KEY);")));
            QVERIFY(execSql(b, QStringLiteral("CREATE TABLE stock(id INTEGER PRIMARY KEY);")));
        }
        auto history = HistoryFolder::open(folder);
        QVERIFY(history);
        const QDateTime taken = QDateTime::currentDateTimeUtc();
        if (!recordedA.isEmpty())
            QVERIFY(history->add(a, recordedA, taken.addSecs(-60), std::nullopt));
        if (!recordedB.isEmpty())
            QVERIFY(history->add(b, recordedB, taken, std::nullopt));
        auto w = window();
        w->resize(800, 600);
        CompareTab* tab = comparedPair(*w, a, b);
        QVERIFY(tab);
        QCOMPARE(tab->originNotice()->fullText(), notice);
        QCOMPARE(tab->originNotice()->isVisible(), !notice.isEmpty());
        if (!notice.isEmpty()) {
            QTest::qWait(50); // the layouts settle
            QCOMPARE(w->size(), QSize(800, 600));
            QCOMPARE(tab->originNotice()->height() / tab->originNotice()->fontMetrics().lineSpacing(), 1);
            QCOMPARE(tab->originNotice()->toolTip(), notice);
            QVERIFY(saveScreenshot(w.get(), QStringLiteral("compare-notice-800x600.png"), w->size()));
        }
    }

    // With SQLSNAP_SCREENSHOTS=<folder>: the Compare tab on `items`, a changed cell current (its before
    // and after in the viewers), at 1400x900 and 800x600, for docs/screenshots (looked at by a person).
    void screenshotsOfTheCompareTab() {
        const QString folder = qEnvironmentVariable("SQLSNAP_SCREENSHOTS");
        if (folder.isEmpty())
            QSKIP("SQLSNAP_SCREENSHOTS not set");
        // Named as the app names snapshots: at 800×600 the header keeps each one's date and time.
        const QString snapshots = freshFolder(m_dir, QStringLiteral("shots"));
        const QString a = snapshots + QStringLiteral("/shop.db 2026-12-01 093000.sqlite");
        const QString b = snapshots + QStringLiteral("/shop.db 2026-12-02 174500.sqlite");
        QVERIFY(QFile::copy(m_a, a) && QFile::copy(m_b, b));
        auto w = window();
        w->setSnapshotFolder(snapshots);
        w->resize(1400, 900);
        QVERIFY(QTest::qWaitForWindowExposed(w.get()));
        CompareTab* tab = comparedPair(*w, a, b);
        QVERIFY(tab);
        QVERIFY(tab->selectTable(QStringLiteral("items")));
        QVERIFY(waitRows(tab));
        tab->grid()->view()->setCurrentIndex(tab->rows()->index(0, 3));
        for (const auto& [name, size] :
             {std::pair{QStringLiteral("compare.png"), QSize(1400, 900)},
              std::pair{QStringLiteral("compare-1600x1000.png"), QSize(1600, 1000)},
              std::pair{QStringLiteral("compare-800x600.png"), QSize(800, 600)}}) {
            w->resize(size);
            QTest::qWait(300);
            QVERIFY(w->grab().save(folder + QLatin1Char('/') + name));
        }
    }
};

QTEST_MAIN(TestCompareTabLayout)
#include "tst_comparetablayout.moc"

// File → Find Databases… on the real widgets: a fake home tree (HOME and XDG_* pointed at it) is listed
// with app, profile, database and size; Add Selected adds exactly the selected ones to the main window;
// a database a real process holds shows "in use now"; a folder the user adds is searched; the empty and
// error states are said in place.
#include "testsupport.h"
#include "widgetsupport.h"

#include <discover/finddatabasesdialog.h>
#include <schedules/scheduleactions.h>
#include <sources/sourcelistmodel.h>
#include <window/mainwindow.h>
#include <window/translations.h>

#include <QApplication>
#include <QHeaderView>
#include <QScopeGuard>
#include <QSemaphore>

#include <QDir>
#include <QFileInfo>
#include <QLabel>
#include <QPushButton>
#include <QSignalSpy>
#include <QStackedWidget>
#include <QTemporaryDir>
#include <QTest>
#include <QTreeWidget>
#include <atomic>

using namespace sqlsnap;
using namespace sqlsnap::ui;
using namespace testsupport;

namespace {

QString makeDb(const QString& path) {
    QDir().mkpath(QFileInfo(path).path());
    return execSql(path, QStringLiteral("CREATE TABLE t(x); INSERT INTO t VALUES (1)")) ? path : QString();
}

// The user's folders, all inside `home`, as a desktop session sets them.
void useHome(const QString& home) {
    qputenv("HOME", home.toLocal8Bit());
    qputenv("XDG_CONFIG_HOME", (home + QStringLiteral("/.config")).toLocal8Bit());
    qputenv("XDG_DATA_HOME", (home + QStringLiteral("/.local/share")).toLocal8Bit());
}

QTreeWidgetItem* rowOf(QTreeWidget* list, const QString& path) {
    for (int i = 0; i < list->topLevelItemCount(); ++i)
        if (list->topLevelItem(i)->data(0, Qt::UserRole).toString() == path)
            return list->topLevelItem(i);
    return nullptr;
}

// Saves what the dialog looks like where SQLSNAP_SCREENSHOTS names a folder (docs/screenshots).
void shoot(QWidget* w, const QString& name, QSize size) {
    QVERIFY(testsupport::saveScreenshot(w, name, size));
}

// Opens it and waits for its search to answer (it starts at once, off the GUI thread).
FindDatabasesDialog* openAndWait(MainWindow& w) {
    FindDatabasesDialog* dialog = w.scheduleActions()->openFindDatabases();
    QSignalSpy answered(dialog, &FindDatabasesDialog::searchFinished);
    if (dialog->isSearching())
        answered.wait(30000);
    return dialog;
}

} // namespace

class TestFindDatabases : public QObject {
    Q_OBJECT
    QTemporaryDir m_tmp;

private slots:
    void initTestCase() {
        QApplication::setOrganizationName(QStringLiteral("SQLite Snapshot Tests"));
        installTranslations(QLocale(QLocale::English, QLocale::UnitedStates));
    }

    void listsTheHomesDatabasesAndAddsTheSelected() {
        const QString home = freshFolder(m_tmp, QStringLiteral("home"));
        useHome(home);
        const QString ff = home + QStringLiteral("/.mozilla/firefox/abcd.default-release");
        const QString places = makeDb(ff + QStringLiteral("/places.sqlite"));
        const QString cookies = makeDb(ff + QStringLiteral("/cookies.sqlite"));
        const QString history = makeDb(home + QStringLiteral("/.config/chromium/Profile 1/History"));
        const QString flatpak = makeDb(
            home + QStringLiteral("/.var/app/org.mozilla.firefox/.mozilla/firefox/q.default/places.sqlite"));
        QVERIFY(!places.isEmpty() && !cookies.isEmpty() && !history.isEmpty() && !flatpak.isEmpty());
        QVERIFY(writeFile(home + QStringLiteral("/.config/chromium/Profile 1/Cookies"), "not a database"));

        MainWindow w;
        w.setSnapshotFolder(m_tmp.filePath(QStringLiteral("snaps")));
        FindDatabasesDialog* dialog = openAndWait(w);
        QVERIFY(dialog);
        QTreeWidget* list = dialog->list();
        QCOMPARE(list->topLevelItemCount(), 4); // the text file named Cookies is no database
        QTreeWidgetItem* p = rowOf(list, places);
        QVERIFY(p);
        QCOMPARE(p->text(FindDatabasesDialog::AppColumn), QStringLiteral("Firefox"));
        QCOMPARE(p->text(FindDatabasesDialog::ProfileColumn), QStringLiteral("abcd.default-release"));
        QCOMPARE(p->text(FindDatabasesDialog::KindColumn), QStringLiteral("places.sqlite"));
        QCOMPARE(p->toolTip(FindDatabasesDialog::PathColumn), places); // the whole path on hover
        QCOMPARE(p->data(FindDatabasesDialog::SizeColumn, Qt::UserRole + 1).toLongLong(),
                 QFileInfo(places).size());
        QCOMPARE(p->text(FindDatabasesDialog::InUseColumn), QString());
        QCOMPARE(rowOf(list, flatpak)->text(FindDatabasesDialog::AppColumn),
                 QStringLiteral("Firefox (Flatpak)"));
        QCOMPARE(rowOf(list, history)->text(FindDatabasesDialog::AppColumn), QStringLiteral("Chromium"));
        QCOMPARE(rowOf(list, history)->text(FindDatabasesDialog::ProfileColumn), QStringLiteral("Profile 1"));
        QVERIFY(dialog->message()->text().contains(QStringLiteral("Found 4 databases")));
        // Sortable: by size, by application.
        list->sortByColumn(FindDatabasesDialog::AppColumn, Qt::DescendingOrder);
        QCOMPARE(list->topLevelItem(0)->text(FindDatabasesDialog::AppColumn),
                 QStringLiteral("Firefox (Flatpak)"));
        list->sortByColumn(FindDatabasesDialog::AppColumn, Qt::AscendingOrder);
        QCOMPARE(list->topLevelItem(0)->text(FindDatabasesDialog::AppColumn), QStringLiteral("Chromium"));
        shoot(dialog, QStringLiteral("find-databases.png"), QSize(1100, 520));

        QVERIFY(!dialog->addButton()->isEnabled()); // nothing selected yet
        rowOf(list, places)->setSelected(true);
        rowOf(list, history)->setSelected(true);
        shoot(dialog, QStringLiteral("find-databases-800x600.png"), QSize(800, 600));
        QVERIFY(dialog->addButton()->isEnabled());
        QTest::mouseClick(dialog->addButton(), Qt::LeftButton);
        QTRY_COMPARE(w.sources()->rowCount(), 2);
        QSet<QString> added;
        for (int i = 0; i < w.sources()->rowCount(); ++i)
            added << w.sources()->source(i).path;
        QCOMPARE(added, (QSet<QString>{places, history}));
    }

    void aDatabaseHeldByAProgramIsInUse() {
        const QString home = freshFolder(m_tmp, QStringLiteral("lockedhome"));
        useHome(home);
        const QString history = home + QStringLiteral("/.config/chromium/Default/History");
        QDir().mkpath(QFileInfo(history).path());
        QVERIFY(runDbtool({QStringLiteral("make"), history, QStringLiteral("wal"), QStringLiteral("10")}));
        const QString idle = makeDb(home + QStringLiteral("/Zotero/zotero.sqlite"));
        MainWindow w;
        {
            Helper holder({QStringLiteral("hold"), history, QStringLiteral("wal")});
            QVERIFY(holder.ready());
            FindDatabasesDialog* dialog = openAndWait(w);
            QCOMPARE(dialog->list()->topLevelItemCount(), 2);
            QCOMPARE(rowOf(dialog->list(), history)->text(FindDatabasesDialog::InUseColumn),
                     QStringLiteral("in use now"));
            QCOMPARE(rowOf(dialog->list(), idle)->text(FindDatabasesDialog::InUseColumn), QString());
            shoot(dialog, QStringLiteral("find-databases-in-use.png"), QSize(780, 300));
            holder.finish();
            // Released: looking again says so.
            dialog->search();
            QTRY_VERIFY_WITH_TIMEOUT(!dialog->isSearching(), 30000);
            QCOMPARE(rowOf(dialog->list(), history)->text(FindDatabasesDialog::InUseColumn), QString());
            dialog->close();
        }
    }

    void foldersEmptyAndErrorStates() {
        const QString home = freshFolder(m_tmp, QStringLiteral("emptyhome"));
        useHome(home);
        MainWindow w;
        FindDatabasesDialog* dialog = openAndWait(w);
        auto* stack = dialog->findChild<QStackedWidget*>();
        QVERIFY(stack->currentWidget() != dialog->list()); // the empty state, in place of the list
        QVERIFY(qobject_cast<QLabel*>(stack->currentWidget())
                    ->text()
                    .contains(QStringLiteral("Also Look In Folder")));
        shoot(dialog, QStringLiteral("find-databases-empty.png"), QSize(780, 400));
        QVERIFY(!dialog->addButton()->isEnabled());

        // A folder of the user's: every SQLite file in it, whatever its name.
        const QString dir = freshFolder(m_tmp, QStringLiteral("mine"));
        const QString notes = makeDb(dir + QStringLiteral("/deep/er/notes"));
        QVERIFY(writeFile(dir + QStringLiteral("/readme.txt"), "text"));
        dialog->lookInFolder(dir);
        QVERIFY(dialog->isSearching()); // busy until it answers
        QVERIFY(dialog->cancelButton()->isVisibleTo(dialog));
        QTRY_VERIFY_WITH_TIMEOUT(!dialog->isSearching(), 30000);
        QVERIFY(!dialog->cancelButton()->isVisibleTo(dialog));
        QCOMPARE(stack->currentWidget(), dialog->list());
        QCOMPARE(dialog->list()->topLevelItemCount(), 1);
        QCOMPARE(rowOf(dialog->list(), notes)->text(FindDatabasesDialog::AppColumn),
                 QStringLiteral("(in a folder you added)"));

        // Stop: the search ends at once, saying so; the list keeps what the last one found.
        dialog->lookInFolder(home);
        QVERIFY(dialog->isSearching());
        QTest::mouseClick(dialog->cancelButton(), Qt::LeftButton);
        QVERIFY(!dialog->isSearching());
        QVERIFY2(dialog->message()->text().startsWith(QStringLiteral("Stopped")),
                 qPrintable(dialog->message()->text()));
        QCOMPARE(dialog->list()->topLevelItemCount(), 1);

        // A folder that is not there: said in place; what was found stays listed.
        dialog->lookInFolder(dir + QStringLiteral("/gone"));
        QTRY_VERIFY_WITH_TIMEOUT(!dialog->isSearching(), 30000);
        QVERIFY2(dialog->message()->text().startsWith(QStringLiteral("Could not look there")),
                 qPrintable(dialog->message()->text()));
        QVERIFY(dialog->message()->text().contains(QStringLiteral("gone")));
        QCOMPARE(dialog->list()->topLevelItemCount(), 1);
        shoot(dialog, QStringLiteral("find-databases-error.png"), QSize(780, 400));
        // The failing folder is dropped: looking again works.
        dialog->search();
        QTRY_VERIFY_WITH_TIMEOUT(!dialog->isSearching(), 30000);
        QVERIFY(dialog->message()->text().contains(QStringLiteral("Found 1 database.")));
    }

    // Results are listed as they are found: with the search held after its first database (the hook runs
    // on the search's thread), that one is already a row while the search goes on; Stop still stops it,
    // and nothing found after the Stop is added.
    void resultsAppearAsTheyAreFound() {
        const QString home = freshFolder(m_tmp, QStringLiteral("streamhome"));
        useHome(home);
        const QString dir = freshFolder(m_tmp, QStringLiteral("stream"));
        QVERIFY(!makeDb(dir + QStringLiteral("/a/one.db")).isEmpty());
        QVERIFY(!makeDb(dir + QStringLiteral("/b/two.db")).isEmpty());
        QVERIFY(!makeDb(dir + QStringLiteral("/c/three.db")).isEmpty());
        MainWindow w;
        FindDatabasesDialog* dialog = openAndWait(w);
        QSemaphore gate;
        std::atomic<int> held{0};
        dialog->setFoundHook([&] {
            ++held;
            gate.acquire();
        });
        const auto release = qScopeGuard([&] { gate.release(100); });
        dialog->lookInFolder(dir);
        QTRY_COMPARE_WITH_TIMEOUT(dialog->list()->topLevelItemCount(), 1, 10000);
        QVERIFY(dialog->isSearching()); // the first row is there before the search ends
        QCOMPARE(held.load(), 1);
        QVERIFY2(dialog->message()->text().contains(QStringLiteral("so far")),
                 qPrintable(dialog->message()->text()));
        if (const QString shots = qEnvironmentVariable("SQLSNAP_SCREENSHOTS"); !shots.isEmpty()) {
            dialog->resize(780, 400);
            QApplication::processEvents();
            QVERIFY(dialog->grab().save(shots + QStringLiteral("/find-databases-busy.png")));
        }
        gate.release(); // one more
        QTRY_COMPARE_WITH_TIMEOUT(dialog->list()->topLevelItemCount(), 2, 10000);
        QVERIFY(dialog->isSearching());
        QTest::mouseClick(dialog->cancelButton(), Qt::LeftButton);
        QVERIFY(!dialog->isSearching());
        QVERIFY2(dialog->message()->text().contains(QStringLiteral("2 databases found until then")),
                 qPrintable(dialog->message()->text()));
        gate.release(100); // it goes on to the next file, sees the Stop and ends
        QTest::qWait(300);
        QCOMPARE(dialog->list()->topLevelItemCount(), 2);
        // Unheld, it finds all three.
        dialog->setFoundHook({});
        dialog->search();
        QTRY_VERIFY_WITH_TIMEOUT(!dialog->isSearching(), 30000);
        QCOMPARE(dialog->list()->topLevelItemCount(), 3);
    }

    // The files of an added folder share one App (the sorted column): they are listed by path as they
    // stream in, not in the folder's directory order (a hash order on ext4).
    void filesAlikeInTheSortedColumnAreInPathOrder() {
        useHome(freshFolder(m_tmp, QStringLiteral("orderhome")));
        const QString dir = freshFolder(m_tmp, QStringLiteral("order"));
        QStringList expected;
        for (const char* name : {"m", "c", "x", "a", "q", "f", "k", "b", "t", "e", "h", "o"})
            expected << QDir::toNativeSeparators(makeDb(dir + QLatin1Char('/') + QLatin1String(name)));
        std::sort(expected.begin(), expected.end());
        MainWindow w;
        FindDatabasesDialog* dialog = openAndWait(w);
        dialog->lookInFolder(dir);
        QTRY_VERIFY_WITH_TIMEOUT(!dialog->isSearching(), 30000);
        QStringList listed;
        for (int i = 0; i < dialog->list()->topLevelItemCount(); ++i)
            listed << dialog->list()->topLevelItem(i)->text(FindDatabasesDialog::PathColumn);
        QCOMPARE(listed, expected);
    }

    // It fits an 800x600 screen: size hints and default size, and shown at 800x600 every button and the
    // In Use column are in view.
    void fitsAn800x600Screen() {
        const QString home = freshFolder(m_tmp, QStringLiteral("fithome"));
        useHome(home);
        QVERIFY(!makeDb(home + QStringLiteral(
                                   "/.mozilla/firefox/a-rather-long-profile.default-release/places.sqlite"))
                     .isEmpty());
        MainWindow w;
        FindDatabasesDialog* dialog = openAndWait(w);
        QCOMPARE(dialog->list()->topLevelItemCount(), 1);
        QVERIFY(dialog->width() <= 800);
        QVERIFY(dialog->sizeHint().width() <= 800);
        QVERIFY(dialog->minimumSizeHint().width() <= 800);
        dialog->resize(800, 600);
        QApplication::processEvents();
        for (QPushButton* b : dialog->findChildren<QPushButton*>())
            if (b->isVisible()) {
                const QRect r(b->mapTo(dialog, QPoint(0, 0)), b->size());
                QVERIFY2(dialog->rect().contains(r), qPrintable(b->text()));
            }
        QHeaderView* header = dialog->list()->header();
        const int right = header->sectionViewportPosition(FindDatabasesDialog::InUseColumn) +
                          header->sectionSize(FindDatabasesDialog::InUseColumn);
        QVERIFY2(right <= dialog->list()->viewport()->width(),
                 qPrintable(QStringLiteral("%1 > %2").arg(right).arg(dialog->list()->viewport()->width())));
    }
};

QTEST_MAIN(TestFindDatabases)
#include "tst_finddatabases.moc"

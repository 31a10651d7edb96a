// The window's remembered choices and lists, on the real objects: the snapshot method (File → Snapshot
// Method) used by the next snapshot and said in its job row, Open Recent dropping what is gone or not a
// database, and the Open dialog's "by content" filter finding extensionless databases.
#include "testsupport.h"

#include <jobs/job.h>
#include <sqlitesnapshot/tables.h>
#include <window/aboutbox.h>
#include <window/mainwindow.h>
#include <window/opendialog.h>
#include <window/recentfiles.h>
#include <window/snapshotmethod.h>
#include <window/translations.h>

#include <QAction>
#include <QApplication>
#include <QFileSystemModel>
#include <QLabel>
#include <QMenu>
#include <QMessageBox>
#include <QRegularExpression>
#include <QSettings>
#include <QStandardPaths>
#include <QTest>
#include <QTimer>

using namespace sqlsnap;
using namespace sqlsnap::ui;
using namespace testsupport;

class TestWindowChoices : public QObject {
    Q_OBJECT
    QTemporaryDir m_tmp;

private slots:
    void initTestCase() {
        QStandardPaths::setTestModeEnabled(true);
        QApplication::setOrganizationName(QStringLiteral("SQLite Snapshot Tests"));
        QApplication::setApplicationName(QStringLiteral("tst_windowchoices"));
        QSettings().clear();
        installTranslations(QLocale(QLocale::English, QLocale::UnitedStates));
    }

    void theSnapshotMethodIsUsedSaidAndRemembered() {
        const QString db = m_tmp.filePath(QStringLiteral("method.db"));
        QVERIFY(execSql(db, QStringLiteral("CREATE TABLE t(x); INSERT INTO t VALUES (1), (2);")));
        {
            QMenu menu;
            SnapshotMethod method(&menu);
            QCOMPARE(method.strategy(), OutputStrategy::Publish); // the default
            QCOMPARE(menu.actions().size(), 3);
            menu.actions().at(1)->trigger(); // SQLite Backup API
            QCOMPARE(method.strategy(), OutputStrategy::Backup);
            QVERIFY(menu.actions().at(1)->isChecked() && !menu.actions().at(0)->isChecked());
        }
        QMenu again;
        QCOMPARE(SnapshotMethod(&again).strategy(), OutputStrategy::Backup); // remembered

        MainWindow window;
        window.setSnapshotFolder(m_tmp.filePath(QStringLiteral("snapshots")));
        Job* job = window.startSnapshot(db, m_tmp.filePath(QStringLiteral("snapshots/method.sqlite")), false);
        QVERIFY(job);
        QVERIFY2(job->title().contains(QStringLiteral("backup API")), qPrintable(job->title()));
        QTRY_VERIFY_WITH_TIMEOUT(!job->isRunning(), 30000);
        QCOMPARE(job->state(), Job::State::Succeeded);
        QCOMPARE(job->resultAs<SnapshotResult>()->strategy, OutputStrategy::Backup);
        QSettings().remove(QStringLiteral("snapshot/method"));
    }

    void openRecentDropsWhatIsGoneOrNotADatabase() {
        const QString db = m_tmp.filePath(QStringLiteral("recent.db"));
        const QString text = m_tmp.filePath(QStringLiteral("notes.txt"));
        const QString wal = m_tmp.filePath(QStringLiteral("recent.db-wal"));
        QVERIFY(execSql(db, QStringLiteral("CREATE TABLE t(x)")));
        QVERIFY(writeFile(text, "just text, not a database\n"));
        QVERIFY(writeFile(wal, QByteArray(64, 'w')));
        QMenu menu;
        RecentFiles recent(&menu);
        recent.remember({db, text, m_tmp.filePath(QStringLiteral("gone.db")), wal});
        // A companion stands for its database, which is one.
        QTRY_COMPARE(recent.paths(), (QStringList{wal, db}));
        QVERIFY(RecentFiles::looksLikeDatabase(db));
        QVERIFY(!RecentFiles::looksLikeDatabase(text));
        // Loaded again after the file went: dropped then too.
        recent.save();
        QVERIFY(QFile::remove(wal));
        QVERIFY(QFile::remove(db));
        QMenu menu2;
        RecentFiles loaded(&menu2);
        loaded.load();
        QTRY_COMPARE(loaded.paths(), QStringList());
        QVERIFY(!menu2.isEnabled());
    }

    void theOpenDialogFindsDatabasesByContent() {
        const QString folder = m_tmp.filePath(QStringLiteral("profile"));
        QVERIFY(QDir().mkpath(folder + QStringLiteral("/Sub")));
        QVERIFY(execSql(folder + QStringLiteral("/History"), QStringLiteral("CREATE TABLE urls(u)")));
        QVERIFY(writeFile(folder + QStringLiteral("/fake.db"), "SQLite? no, text\n"));
        QVERIFY(writeFile(folder + QStringLiteral("/Preferences"), "{}"));
        QFileSystemModel files;
        const QModelIndex root = files.setRootPath(folder);
        QTRY_COMPARE(files.rowCount(root), 4);
        DatabaseContentFilter filter;
        filter.setSourceModel(&files);
        const auto shown = [&] {
            QStringList names;
            const QModelIndex r = filter.mapFromSource(root);
            for (int i = 0; i < filter.rowCount(r); ++i)
                names << filter.index(i, 0, r).data().toString();
            names.sort();
            return names;
        };
        QCOMPARE(shown(), (QStringList{QStringLiteral("History"), QStringLiteral("Sub")}));
        filter.setByContent(false);
        QCOMPARE(shown().size(), 4);
    }

    void theAboutBoxLinksTheHomePageAndTheLicencesOfItsParts() {
        QStringList linksShown;
        bool opensLinks = false;
        QTimer::singleShot(0, this, [&] {
            auto* box = qobject_cast<QMessageBox*>(QApplication::activeModalWidget());
            QVERIFY(box);
            for (QLabel* label : box->findChildren<QLabel*>())
                if (label->text().contains(QStringLiteral("href"))) {
                    opensLinks = label->openExternalLinks();
                    static const QRegularExpression href(QStringLiteral("href=\"([^\"]+)\""));
                    for (auto m = href.globalMatch(label->text()); m.hasNext();)
                        linksShown << m.next().captured(1);
                }
            box->accept();
        });
        AboutBox::show(nullptr);
        QVERIFY(opensLinks);
        QVERIFY(linksShown.contains(QStringLiteral("https://sqlitesnapshot.org/")));
        QVERIFY(linksShown.contains(QStringLiteral("https://www.gnu.org/licenses/lgpl-3.0.html")));
        QVERIFY(linksShown.contains(QStringLiteral("https://sqlite.org/copyright.html")));
        QVERIFY(AboutBox::text().contains(sqliteLibraryVersion()));
    }
};

QTEST_MAIN(TestWindowChoices)
#include "tst_windowchoices.moc"

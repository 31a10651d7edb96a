// The app's Verify on the snapshots list (button and the selected rows, a damaged file shown in the
// error tone, Cancel on its job row) and what is remembered across a "restart": a new window (a new
// model) shows the integrity and SHA-256 verified before — also a snapshot job's — until the file changes.
#include "testsupport.h"
#include "widgetsupport.h"

#include "common/tones.h"
#include "jobs/job.h"
#include "jobs/joblistmodel.h"
#include "jobs/jobspanel.h"
#include "jobs/jobspecs.h"
#include "snapshots/snapshotlistmodel.h"
#include "snapshots/snapshotspane.h"
#include "window/destinationprompt.h"
#include "window/mainwindow.h"
#include "window/translations.h"

#include <sqlitesnapshot/verification.h>

#include <QApplication>
#include <QContextMenuEvent>
#include <QCryptographicHash>
#include <QFile>
#include <QFileInfo>
#include <QListView>
#include <QMenu>
#include <QProcess>
#include <QPushButton>
#include <QSettings>
#include <QTest>
#include <QTimer>
#include <QTreeView>

using namespace sqlsnap;
using namespace sqlsnap::ui;
using namespace testsupport;

namespace {
QString sha256Hex(const QString& path) {
    QFile f(path);
    return f.open(QIODevice::ReadOnly)
               ? QString::fromLatin1(
                     QCryptographicHash::hash(f.readAll(), QCryptographicHash::Sha256).toHex())
               : QString();
}

QByteArray bytesOf(const QString& path) {
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

QString cell(const SnapshotListModel* m, const QString& path, int column, int role = Qt::DisplayRole) {
    const int row = m->rowOfPath(path);
    return row < 0 ? QStringLiteral("<not listed>") : m->data(m->index(row, column), role).toString();
}
} // namespace

class TestSnapshotVerify : public QObject {
    Q_OBJECT
    QTemporaryDir m_tmp;
    QString m_source;

    std::unique_ptr<MainWindow> window(const QString& folder) {
        auto w = std::make_unique<MainWindow>();
        w->destinations()->confirmReplace = [](const QString&) { return true; };
        w->setSnapshotFolder(folder);
        w->resize(1000, 700);
        w->show();
        return w;
    }

    // A folder of snapshot files nobody has verified (copies made outside the app).
    QString folderWith(const QStringList& names) {
        const QString folder = freshFolder(m_tmp, QStringLiteral("snapshots"));
        for (const QString& name : names)
            QFile::copy(m_source, folder + QLatin1Char('/') + name);
        return folder;
    }

    static void selectRows(MainWindow& w, const QStringList& paths) {
        QTreeView* view = w.snapshotsPane()->view();
        view->clearSelection();
        for (const QString& p : paths)
            view->selectionModel()->select(w.snapshots()->index(w.snapshots()->rowOfPath(p), 0),
                                           QItemSelectionModel::Select | QItemSelectionModel::Rows);
    }

    static QList<Job*> verifyJobs(MainWindow& w) {
        QList<Job*> found;
        for (Job* j : w.jobs()->jobs())
            if (j->kind() == JobKind::Verify)
                found << j;
        return found;
    }

private slots:
    void initTestCase() {
        // A data folder of the test's own: the records are the user's, never the tester's.
        qputenv("XDG_DATA_HOME", QFile::encodeName(m_tmp.filePath(QStringLiteral("data"))));
        qputenv("XDG_CONFIG_HOME", QFile::encodeName(m_tmp.filePath(QStringLiteral("config"))));
        QApplication::setOrganizationName(QStringLiteral("SQLite Snapshot Tests"));
        QApplication::setApplicationName(QStringLiteral("tst_snapshotverify"));
        installTranslations(QLocale(QLocale::English, QLocale::UnitedStates));
        QVERIFY(VerificationRecords::defaultFile().startsWith(m_tmp.path()));
        m_source = m_tmp.filePath(QStringLiteral("source.db"));
        QVERIFY(execSql(
            m_source,
            QStringLiteral("PRAGMA page_size=1024; CREATE TABLE t(id INTEGER PRIMARY KEY, v TEXT);"
                           "CREATE INDEX t_v ON t(v);"
                           "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 3000)"
                           " INSERT INTO t SELECT i, printf('v%06d', i) FROM n;")));
    }

    void verifySelectedFillsColumnsAndSurvivesARestart() {
        const QString folder = folderWith({QStringLiteral("a 2026-01-01 100000.sqlite"),
                                           QStringLiteral("b 2026-01-01 110000.sqlite"),
                                           QStringLiteral("c 2026-01-01 120000.sqlite")});
        const QString a = folder + QStringLiteral("/a 2026-01-01 100000.sqlite");
        const QString b = folder + QStringLiteral("/b 2026-01-01 110000.sqlite");
        const QString c = folder + QStringLiteral("/c 2026-01-01 120000.sqlite");
        const QByteArray bytesOfA = bytesOf(a);
        {
            auto w = window(folder);
            SnapshotListModel* model = w->snapshots();
            QTRY_COMPARE(model->rowCount(), 3);
            QCOMPARE(cell(model, a, SnapshotListModel::IntegrityColumn), QStringLiteral("not checked"));
            QCOMPARE(cell(model, a, SnapshotListModel::Sha256Column), QStringLiteral("—"));
            auto* button = w->snapshotsPane()->findChild<QPushButton*>(QStringLiteral("verifyButton"));
            QVERIFY(button);
            QVERIFY(!button->isEnabled()); // nothing selected yet
            selectRows(*w, {a, b});
            QVERIFY(button->isEnabled());
            QTest::mouseClick(button, Qt::LeftButton);
            QCOMPARE(verifyJobs(*w).size(), 2); // one job per selected snapshot, c untouched
            for (Job* j : verifyJobs(*w))
                QTRY_VERIFY_WITH_TIMEOUT(!j->isRunning(), 30000);
            for (Job* j : verifyJobs(*w))
                QCOMPARE(j->state(), Job::State::Succeeded);
            for (const QString& p : {a, b}) {
                QCOMPARE(cell(model, p, SnapshotListModel::IntegrityColumn), QStringLiteral("ok"));
                QCOMPARE(cell(model, p, SnapshotListModel::Sha256Column), sha256Hex(p));
                QVERIFY(cell(model, p, SnapshotListModel::IntegrityColumn, Qt::ToolTipRole)
                            .startsWith(QStringLiteral("Checked ")));
            }
            QCOMPARE(cell(model, c, SnapshotListModel::IntegrityColumn), QStringLiteral("not checked"));
            QVERIFY(cell(model, c, SnapshotListModel::IntegrityColumn, Qt::ToolTipRole)
                        .startsWith(QStringLiteral("Not checked")));
            const QString status = w->jobs()->statusText(verifyJobs(*w).first());
            QVERIFY2(status.contains(QStringLiteral("integrity ok")), qPrintable(status));
            w->close();
        }
        QCOMPARE(bytesOf(a), bytesOfA); // verified, never written
        QStringList names = folderEntries(folder);
        QCOMPARE(names.size(), 3); // no record beside the snapshots

        // A "restart": a new window, a new model; nothing verified in this one.
        {
            auto w = window(folder);
            SnapshotListModel* model = w->snapshots();
            QTRY_COMPARE(model->rowCount(), 3);
            QTRY_COMPARE(cell(model, a, SnapshotListModel::IntegrityColumn), QStringLiteral("ok"));
            QCOMPARE(cell(model, a, SnapshotListModel::Sha256Column), sha256Hex(a));
            QCOMPARE(cell(model, b, SnapshotListModel::Sha256Column), sha256Hex(b));
            QCOMPARE(cell(model, c, SnapshotListModel::IntegrityColumn), QStringLiteral("not checked"));
            QVERIFY(verifyJobs(*w).isEmpty());
            QVERIFY(cell(model, a, SnapshotListModel::Sha256Column, Qt::ToolTipRole)
                        .contains(QStringLiteral("Checked ")));
            w->close();
        }

        // Changed since (the same bytes, another mtime): its record no longer applies.
        QCOMPARE(QProcess::execute(QStringLiteral("touch"),
                                   {QStringLiteral("-d"), QStringLiteral("2001-01-01"), a}),
                 0);
        SnapshotListModel fresh;
        fresh.setFolder(folder);
        QTRY_COMPARE(fresh.rowCount(), 3);
        QCOMPARE(cell(&fresh, a, SnapshotListModel::IntegrityColumn), QStringLiteral("not checked"));
        QCOMPARE(cell(&fresh, b, SnapshotListModel::IntegrityColumn), QStringLiteral("ok"));
    }

    // The context menu's Verify acts on the selection when the row right-clicked is in it, and on that
    // row alone when it is not (it becomes the selection, as in a file manager).
    void contextMenuVerifiesWhatWasPointedAt() {
        const QString folder =
            folderWith({QStringLiteral("a.sqlite"), QStringLiteral("b.sqlite"), QStringLiteral("c.sqlite")});
        const QString a = folder + QStringLiteral("/a.sqlite"), b = folder + QStringLiteral("/b.sqlite"),
                      c = folder + QStringLiteral("/c.sqlite");
        auto w = window(folder);
        QTRY_COMPARE(w->snapshots()->rowCount(), 3);
        QTreeView* view = w->snapshotsPane()->view();
        const auto pointAt = [&](const QString& path) {
            return view->visualRect(w->snapshots()->index(w->snapshots()->rowOfPath(path), 0)).center();
        };
        selectRows(*w, {a, b});
        QVERIFY(triggerContextMenu(view, pointAt(c), QStringLiteral("Verify")));
        QCOMPARE(verifyJobs(*w).size(), 1);
        QCOMPARE(verifyJobs(*w).first()->source(), c);
        QCOMPARE(w->snapshotsPane()->selectedPaths(), QStringList{c});

        selectRows(*w, {a, b});
        QVERIFY(triggerContextMenu(view, pointAt(a), QStringLiteral("Verify 2 Snapshots")));
        QStringList verified;
        for (Job* j : verifyJobs(*w))
            verified << j->source();
        verified.sort();
        QCOMPARE(verified, (QStringList{a, b, c}));
        for (Job* j : verifyJobs(*w))
            QTRY_VERIFY_WITH_TIMEOUT(!j->isRunning(), 30000);
        for (const QString& p : {a, b, c})
            QCOMPARE(cell(w->snapshots(), p, SnapshotListModel::IntegrityColumn), QStringLiteral("ok"));
    }

    void damagedSnapshotShownInTheErrorTone() {
        const QString folder = folderWith({QStringLiteral("broken.sqlite")});
        const QString path = folder + QStringLiteral("/broken.sqlite");
        QByteArray bytes = bytesOf(path);
        for (int i = 9 * 1024; i < 10 * 1024; ++i)
            bytes[i] = char(0xA5 ^ (i & 0x7F));
        QVERIFY(writeFile(path, bytes));
        auto w = window(folder);
        SnapshotListModel* model = w->snapshots();
        QTRY_COMPARE(model->rowCount(), 1);
        selectRows(*w, {path});
        w->snapshotsPane()->verifyAction()->trigger();
        QCOMPARE(verifyJobs(*w).size(), 1);
        Job* job = verifyJobs(*w).first();
        QTRY_VERIFY_WITH_TIMEOUT(!job->isRunning(), 30000);
        QCOMPARE(job->state(), Job::State::Succeeded); // it did its work; the verdict is the news
        QCOMPARE(JobListModel::toneOf(*job), Tone::Error);
        const QString shown = cell(model, path, SnapshotListModel::IntegrityColumn);
        QVERIFY2(shown.startsWith(QStringLiteral("failed: ")), qPrintable(shown));
        const int row = model->rowOfPath(path);
        QCOMPARE(model->data(model->index(row, SnapshotListModel::IntegrityColumn), Qt::ForegroundRole)
                     .value<QColor>(),
                 Tones::of(QApplication::palette()).error);
        QCOMPARE(cell(model, path, SnapshotListModel::Sha256Column), sha256Hex(path));
        QCOMPARE(bytesOf(path), bytes);
        // The failed verdict is remembered too.
        SnapshotListModel fresh;
        fresh.setFolder(folder);
        QTRY_COMPARE(fresh.rowCount(), 1);
        QVERIFY(
            cell(&fresh, path, SnapshotListModel::IntegrityColumn).startsWith(QStringLiteral("failed: ")));
    }

    void snapshotJobsRecordTheirVerification() {
        const QString folder = freshFolder(m_tmp, QStringLiteral("snapshots"));
        const QString dest = folder + QStringLiteral("/taken.sqlite");
        {
            auto w = window(folder);
            Job* job = w->startSnapshot(m_source, dest, false);
            QTRY_VERIFY_WITH_TIMEOUT(!job->isRunning(), 30000);
            QCOMPARE(job->state(), Job::State::Succeeded);
            w->close();
        }
        SnapshotListModel fresh; // a later run of the app
        fresh.setFolder(folder);
        QTRY_COMPARE(fresh.rowCount(), 1);
        QCOMPARE(cell(&fresh, dest, SnapshotListModel::IntegrityColumn), QStringLiteral("ok"));
        QCOMPARE(cell(&fresh, dest, SnapshotListModel::Sha256Column), sha256Hex(dest));
    }

    void cancelOnTheJobRow() {
        const QString big = freshFolder(m_tmp, QStringLiteral("snapshots")) + QStringLiteral("/big.sqlite");
        QVERIFY(execSql(
            big,
            QStringLiteral("CREATE TABLE t(id INTEGER PRIMARY KEY, v TEXT); CREATE INDEX t_v ON t(v);"
                           "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 500000)"
                           " INSERT INTO t SELECT i, hex(randomblob(24)) FROM n;")));
        auto w = window(QFileInfo(big).absolutePath());
        QTRY_COMPARE(w->snapshots()->rowCount(), 1);
        selectRows(*w, {big});
        w->snapshotsPane()->verifyAction()->trigger();
        Job* job = verifyJobs(*w).first();
        QTRY_VERIFY(!w->jobs()->cancelButtonRect(job).isNull());
        QTest::mouseClick(w->jobs()->view()->viewport(), Qt::LeftButton, {},
                          w->jobs()->cancelButtonRect(job).center());
        QTRY_VERIFY_WITH_TIMEOUT(!job->isRunning(), 30000);
        QCOMPARE(job->state(), Job::State::Cancelled);
        QCOMPARE(cell(w->snapshots(), big, SnapshotListModel::IntegrityColumn),
                 QStringLiteral("not checked"));
        QVERIFY(!VerificationRecords::load().find(big));
    }

    // With SQLSNAP_SCREENSHOTS=<folder>: the list after Verify, one snapshot damaged, for a person to see.
    void screenshot() {
        const QString shots = qEnvironmentVariable("SQLSNAP_SCREENSHOTS");
        if (shots.isEmpty())
            QSKIP("SQLSNAP_SCREENSHOTS not set");
        const QString folder = folderWith({QStringLiteral("notes 2026-12-01 090000.sqlite"),
                                           QStringLiteral("notes 2026-12-01 100000.sqlite"),
                                           QStringLiteral("notes 2026-12-01 110000.sqlite")});
        const QString broken = folder + QStringLiteral("/notes 2026-12-01 100000.sqlite");
        QByteArray bytes = bytesOf(broken);
        for (int i = 9 * 1024; i < 10 * 1024; ++i)
            bytes[i] = char(0xA5 ^ (i & 0x7F));
        QVERIFY(writeFile(broken, bytes));
        auto w = window(folder);
        QTRY_COMPARE(w->snapshots()->rowCount(), 3);
        selectRows(*w, {broken, folder + QStringLiteral("/notes 2026-12-01 110000.sqlite")});
        w->snapshotsPane()->verifyAction()->trigger();
        for (Job* j : verifyJobs(*w))
            QTRY_VERIFY_WITH_TIMEOUT(!j->isRunning(), 30000);
        QVERIFY(QTest::qWaitForWindowExposed(w.get()));
        w->snapshotsPane()->view()->clearSelection(); // the verdicts' tones, not the selection's
        QTest::qWait(300);
        QVERIFY(w->grab().save(shots + QStringLiteral("/verify.png")));
        w->resize(800, 600);
        QTest::qWait(300);
        QVERIFY(w->grab().save(shots + QStringLiteral("/verify-800x600.png")));
    }
};

QTEST_MAIN(TestSnapshotVerify)
#include "tst_snapshotverify.moc"

// The Compare tab's ends, on the real window, offscreen: its exports (the JSON document, the SQL that
// turns a copy of A into B, where the export dialog starts) and its cancel (nothing left behind, what the
// tab and its job row say, no export of part of a comparison). The rest of the tab: tst_comparetab.
#include "comparefixture.h"

#include <QAction>
#include <QMenu>
#include <QPushButton>

#include <jobs/joblistmodel.h>
#include <jobs/jobspanel.h>
#include <window/destinationprompt.h>

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLabel>
#include <QPushButton>
#include <QScopeGuard>
#include <QTimer>

using namespace sqlsnap;
using namespace sqlsnap::ui;
using namespace testsupport;

namespace {

constexpr int kWait = kCompareWait;

const char* kItems = "SELECT group_concat(id || ':' || name || ':' || ifnull(qty, 'NULL'), ',')"
                     " FROM (SELECT * FROM items ORDER BY id)";
const char* kNotes =
    "SELECT group_concat(k || ':' || ifnull(hex(body), 'NULL'), ',') FROM (SELECT * FROM notes ORDER BY k)";

// What the job's row in the jobs list says.
QString jobStatus(MainWindow& w, Job* job) {
    JobListModel* model = w.jobs()->model();
    return model->index(model->rowOf(job)).data(JobListModel::StatusRole).toString();
}

} // namespace

class TestCompareTabExport : public QObject, CompareFixture {
    Q_OBJECT

private slots:
    void initTestCase() { QVERIFY(setUpPair("tst_comparetabexport")); }

    void exportsJsonAndSql() {
        auto w = window();
        CompareTab* tab = compared(*w);
        QVERIFY(tab);
        const QString json = m_dir.filePath(QStringLiteral("out/diff.json"));
        const QString sql = m_dir.filePath(QStringLiteral("out/diff.sql"));
        QVERIFY(QDir().mkpath(m_dir.filePath(QStringLiteral("out"))));
        // The entries say what they write: the whole comparison, whatever the filters show.
        const QList<QAction*> entries = tab->exportButton()->menu()->actions();
        QCOMPARE(entries.size(), 2);
        QCOMPARE(entries[0]->text(), QStringLiteral("Whole Comparison as JSON…"));
        QCOMPARE(entries[1]->text(), QStringLiteral("Whole Comparison as SQL…"));
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

    // Review: the Export dialog started in the snapshot folder; the app's other exports start where the
    // last one went (DestinationPrompt, kept in the settings), and so does this one now.
    void exportStartsInTheFolderOfTheLastExport() {
        auto w = window();
        CompareTab* tab = compared(*w);
        QVERIFY(tab);
        const QString out = freshFolder(m_dir, QStringLiteral("last export"));
        const QString first = w->destinations()->lastFolder();
        QVERIFY(QFileInfo(first).absoluteFilePath() != QFileInfo(m_folder).absoluteFilePath());
        QStringList suggested;
        w->destinations()->chooseSaveFile = [&](const QString&, const QString& path, const QString&) {
            suggested << path;
            return out + QStringLiteral("/diff") + QFileInfo(path).suffix().prepend(QLatin1Char('.'));
        };
        // The dialog of old was not the window's: closed at once, it leaves `suggested` empty.
        QTimer closer;
        connect(&closer, &QTimer::timeout, this, [] {
            if (QWidget* modal = QApplication::activeModalWidget())
                modal->close();
        });
        closer.start(200);
        tab->exportAs(false);
        QCOMPARE(suggested, QStringList{first + QStringLiteral("/shop A to shop B.json")});
        QTRY_VERIFY_WITH_TIMEOUT(QFileInfo::exists(out + QStringLiteral("/diff.json")), kWait);
        tab->exportAs(true);
        QCOMPARE(suggested.value(1), out + QStringLiteral("/shop A to shop B.sql"));
        QTRY_VERIFY_WITH_TIMEOUT(QFileInfo::exists(out + QStringLiteral("/diff.sql")), kWait);
        QTRY_COMPARE_WITH_TIMEOUT(w->jobs()->runningCount(), 0, kWait);
        // One folder for every export: the next table export starts there too, and so does the next session.
        QCOMPARE(w->destinations()->lastFolder(), out);
        w->destinations()->save();
        QCOMPARE(QSettings().value(QStringLiteral("lastExportFolder")).toString(), out);
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
        QTRY_VERIFY_WITH_TIMEOUT(tab->status()->fullText().startsWith(QStringLiteral("Cancelled")), kWait);
        QCOMPARE(tab->summary()->topLevelItemCount(), 0); // no table was compared after the cancel
        QCOMPARE(tab->status()->fullText(), QStringLiteral("Cancelled before any table was compared."));
        QCOMPARE(jobStatus(*w, job), QStringLiteral("Cancelled before any table was compared."));
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
        QCOMPARE(jobStatus(*w, exportJob), QStringLiteral("Cancelled — nothing was written.")); // it writes
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
        QCOMPARE(tab->status()->fullText(), QStringLiteral("Cancelled after 1 of 3 tables."));
        QVERIFY2(tab->status()->toolTip().contains(QStringLiteral("only those are listed; compare again")),
                 qPrintable(tab->status()->toolTip()));
        QVERIFY(!tab->status()->fullText().contains(QStringLiteral("above")));
        // Review: its job row said "nothing was written", as if it were an export.
        QCOMPARE(jobStatus(*w, job), QStringLiteral("Cancelled after 1 of 3 tables."));
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

    // Review: at 800×600 the cancel message wrapped to two lines.
    void aCancelledComparisonSaysSoInOneLineAt800x600() {
        auto w = window();
        w->resize(800, 600);
        QVERIFY(QTest::qWaitForWindowExposed(w.get()));
        auto* tab = new CompareTab(m_a, m_b, w->tabs());
        w->tabs()->setCurrentIndex(w->tabs()->addTab(tab, QStringLiteral("held")));
        auto gate = std::make_shared<std::promise<void>>();
        auto release = qScopeGuard([gate] { gate->set_value(); });
        Job* job = startHeld(*w, tab, m_a, m_b, gate);
        QTRY_COMPARE_WITH_TIMEOUT(tab->summary()->topLevelItemCount(), 1, kWait);
        job->cancel();
        release.dismiss();
        gate->set_value();
        QTRY_VERIFY_WITH_TIMEOUT(!job->isRunning(), kWait);
        QTRY_VERIFY_WITH_TIMEOUT(tab->status()->fullText().startsWith(QStringLiteral("Cancelled after")),
                                 kWait);
        QTest::qWait(50); // the layouts settle
        QCOMPARE(w->size(), QSize(800, 600));
        const int lines = tab->status()->height() / tab->status()->fontMetrics().lineSpacing();
        QVERIFY2(lines == 1, qPrintable(QStringLiteral("%1 px high").arg(tab->status()->height())));
        QCOMPARE(tab->status()->text(), tab->status()->fullText()); // whole, not elided, at 800×600
    }
};

QTEST_MAIN(TestCompareTabExport)
#include "tst_comparetabexport.moc"

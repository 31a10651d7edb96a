// For the Compare tab's tests (tst_comparetab, tst_comparetabexport): the pair of real snapshot files
// with known changes, the window over their folder, and the real comparison job held after its first
// table (so a cancel lands mid-way however fast the machine).
#pragma once

#include "testsupport.h"

#include <common/elidedlabel.h>
#include <compare/changedrowsmodel.h>
#include <compare/comparetab.h>
#include <jobs/job.h>
#include <jobs/jobspecs.h>
#include <window/mainwindow.h>
#include <window/translations.h>

#include <QApplication>
#include <QDir>
#include <QFile>
#include <QSettings>
#include <QStandardPaths>
#include <QTabWidget>
#include <QTemporaryDir>
#include <QTest>
#include <QTreeWidget>

#include <future>

namespace testsupport {

constexpr int kCompareWait = 60000; // a loaded machine: long enough never to be the reason a test fails

// A: items (INTEGER PRIMARY KEY, 50 rows), notes (WITHOUT ROWID, 2 rows), same (no key, 3 rows).
// B: items 2 and 3 changed (qty), 5 removed, 100 added (47 unchanged); a note added; an index added; `same`
// as it was.
inline const char* kSchemaA = "CREATE TABLE items(id INTEGER PRIMARY KEY, name TEXT, qty INTEGER);"
                              "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 50)"
                              " INSERT INTO items SELECT i, 'item ' || i, i FROM n;"
                              "CREATE TABLE notes(k TEXT PRIMARY KEY, body BLOB) WITHOUT ROWID;"
                              "INSERT INTO notes VALUES ('a', x'01'), ('b', NULL);"
                              "CREATE TABLE same(x); INSERT INTO same VALUES (1), (2.5), ('three');";
inline const char* kChangesB = "UPDATE items SET qty = qty * 10 WHERE id IN (2, 3);"
                               "DELETE FROM items WHERE id = 5;"
                               "INSERT INTO items VALUES (100, 'new', NULL);"
                               "INSERT INTO notes VALUES ('c', x'00ff');"
                               "CREATE INDEX items_name ON items(name);";

inline QTreeWidgetItem* summaryRow(sqlsnap::ui::CompareTab* tab, const QString& table) {
    for (int i = 0; i < tab->summary()->topLevelItemCount(); ++i)
        if (tab->summary()->topLevelItem(i)->text(0) == table)
            return tab->summary()->topLevelItem(i);
    return nullptr;
}

// The real job's sink, held (it blocks) right after it reported the first table done, until released.
struct HeldSink : sqlsnap::ProgressSink {
    sqlsnap::ProgressSink& inner;
    std::shared_ptr<std::promise<void>> gate;
    std::shared_future<void> open;
    explicit HeldSink(sqlsnap::ProgressSink& s, std::shared_ptr<std::promise<void>> g)
        : inner(s), gate(std::move(g)), open(gate->get_future().share()) {}
    void report(const sqlsnap::Progress& p) override {
        inner.report(p);
        if (p.phase == sqlsnap::Phase::Comparing && p.rowsDone == 1)
            open.wait();
    }
    bool isCancelled() const override { return inner.isCancelled(); }
    const sqlsnap::CancelToken* cancelToken() const override { return inner.cancelToken(); }
};

// A comparison job of A and B for `tab`, held after its first table until `gate` is set.
inline sqlsnap::ui::Job* startHeld(sqlsnap::ui::MainWindow& w, sqlsnap::ui::CompareTab* tab, const QString& a,
                                   const QString& b, std::shared_ptr<std::promise<void>> gate) {
    sqlsnap::ui::JobSpec spec = sqlsnap::ui::JobSpecs::compare(a, b, tab->feed());
    spec.run = [run = spec.run, gate](sqlsnap::ProgressSink& sink) {
        HeldSink held(sink, gate);
        return run(held);
    };
    sqlsnap::ui::Job* job = w.startJob(spec);
    tab->attach(job);
    return job;
}

// The pair (shop A, then shop B an hour later) in a snapshot folder of their own, and the window over it.
class CompareFixture {
protected:
    QTemporaryDir m_dir;
    QString m_folder, m_a, m_b;

    // In initTestCase: the settings of this test program only, English, the two files.
    bool setUpPair(const char* testName) {
        QStandardPaths::setTestModeEnabled(true);
        QApplication::setOrganizationName(QStringLiteral("SQLite Snapshot Tests"));
        QApplication::setApplicationName(QString::fromLatin1(testName));
        QSettings().clear();
        sqlsnap::ui::installTranslations(QLocale(QLocale::English, QLocale::UnitedStates));
        m_folder = m_dir.filePath(QStringLiteral("snapshots"));
        m_a = m_folder + QStringLiteral("/shop A.sqlite");
        m_b = m_folder + QStringLiteral("/shop B.sqlite");
        if (!QDir().mkpath(m_folder) || !execSql(m_a, QString::fromLatin1(kSchemaA)) ||
            !QFile::copy(m_a, m_b) || !execSql(m_b, QString::fromLatin1(kChangesB)))
            return false;
        // A was taken first: the list (newest first) and Compare's order both go by the time.
        QFile a(m_a), b(m_b);
        const QDateTime now = QDateTime::currentDateTime();
        return a.open(QIODevice::ReadWrite) && b.open(QIODevice::ReadWrite) &&
               a.setFileTime(now.addSecs(-3600), QFileDevice::FileModificationTime) &&
               b.setFileTime(now.addSecs(-60), QFileDevice::FileModificationTime);
    }

    std::unique_ptr<sqlsnap::ui::MainWindow> window() {
        auto w = std::make_unique<sqlsnap::ui::MainWindow>();
        w->setSnapshotFolder(m_folder);
        w->resize(1100, 800);
        w->show();
        return w;
    }

    static sqlsnap::ui::CompareTab* compareTab(sqlsnap::ui::MainWindow& w) {
        for (int i = 0; i < w.tabs()->count(); ++i)
            if (auto* tab = qobject_cast<sqlsnap::ui::CompareTab*>(w.tabs()->widget(i)))
                return tab;
        return nullptr;
    }

    // The comparison of `a` and `b` (A and B by default), run to its end, and its tab (the current one).
    static sqlsnap::ui::CompareTab* comparedPair(sqlsnap::ui::MainWindow& w, const QString& a,
                                                 const QString& b) {
        sqlsnap::ui::Job* job = w.compareSnapshots(a, b);
        if (!job)
            return nullptr;
        if (!QTest::qWaitFor([&] { return !job->isRunning(); }, kCompareWait) ||
            job->state() != sqlsnap::ui::Job::State::Succeeded)
            return nullptr;
        return qobject_cast<sqlsnap::ui::CompareTab*>(w.tabs()->currentWidget());
    }
    sqlsnap::ui::CompareTab* compared(sqlsnap::ui::MainWindow& w) { return comparedPair(w, m_a, m_b); }

    static bool waitRows(sqlsnap::ui::CompareTab* tab) {
        return QTest::qWaitFor([&] { return !tab->rows()->loading(); }, kCompareWait);
    }
};

} // namespace testsupport

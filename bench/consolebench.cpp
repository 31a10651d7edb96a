// The SQL console's result grid, shown, on the preview's table (10 M rows by default): `SELECT * FROM
// big` typed and run as a user does, then Ctrl+End and the whole result's scroll bar to the middle.
// Measured: when the first rows are painted, when the count is in, when the last row and the middle
// row show their values, and the longest stall of the GUI thread over all of it (a 2 ms timer; the GUI
// thread's own CPU time in that gap tells work on it from waiting for a CPU). Beside it, what DB
// Browser's way costs on plain SQLite: COUNT(*) of the query before its first page, and OFFSET paging
// to the middle.
#include "benchsupport.h"

#include <preview/queryresultmodel.h>
#include <preview/sqlconsole.h>
#include <preview/windowedgrid.h>

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QFile>
#include <QPlainTextEdit>
#include <QScrollBar>
#include <QTableView>
#include <QTest>

#include <sqlite3.h>

#include <algorithm>
#include <cstdio>
#include <functional>

namespace bench {
namespace {

// Processes events until `done()` or `timeoutMs`; whether it was done.
bool waitUntil(const std::function<bool()>& done, int timeoutMs = 120000) {
    QElapsedTimer t;
    t.start();
    while (!done()) {
        if (t.elapsed() > timeoutMs)
            return false;
        QCoreApplication::processEvents(QEventLoop::WaitForMoreEvents, 5);
    }
    return true;
}

// Steps `sql` to its end on plain SQLite; seconds.
double plainSqlite(const QString& path, const QString& sql) {
    sqlite3* db = nullptr;
    sqlite3_open_v2(QFile::encodeName(path).constData(), &db, SQLITE_OPEN_READONLY, nullptr);
    sqlite3_stmt* stmt = nullptr;
    QElapsedTimer t;
    t.start();
    sqlite3_prepare_v2(db, sql.toUtf8().constData(), -1, &stmt, nullptr);
    while (sqlite3_step(stmt) == SQLITE_ROW) {
    }
    sqlite3_finalize(stmt);
    const double seconds = t.nsecsElapsed() / 1e9;
    sqlite3_close(db);
    return seconds;
}

QString perRound(const QList<double>& ms) {
    QStringList texts;
    for (const double m : ms)
        texts << QString::number(m, 'f', 1);
    return texts.join(QStringLiteral(", "));
}

} // namespace

QList<Row> runConsoleGrid(const Options& options) {
    using sqlsnap::ui::QueryResultModel;
    QList<Row> rows;
    const QString path = ensurePreviewDatabase(options.workDirectory, options.previewRows);
    if (path.isEmpty())
        return rows;
    const qint64 n = options.previewRows;

    // The noise floor: the same probe for a second with nothing to do.
    const GuiStall idle = measureGuiStall([] { waitUntil([] { return false; }, 1000); });
    const double idleStall = idle.seconds, idleCpu = idle.cpuMs;

    QList<double> first, counted, last, middle, stalls, stallCpus, stallWaits, workCpus;
    for (int round = 0; round < options.rounds; ++round) {
        sqlsnap::ui::SqlConsole console(path);
        console.resize(1000, 700);
        console.show();
        QCoreApplication::processEvents();
        QueryResultModel* model = console.resultModel();
        QTableView* view = console.resultView();
        bool finished = false;
        const GuiStall stall = measureGuiStall([&] {
            QElapsedTimer clock;
            clock.start();
            console.editor()->setPlainText(QStringLiteral("SELECT * FROM big"));
            console.run();
            if (!waitUntil([&] { return model->rowsRead() > 0; }))
                return;
            QCoreApplication::processEvents(); // painted
            first << clock.nsecsElapsed() / 1e9;
            if (!waitUntil([&] { return model->totalKnown(); }))
                return;
            counted << clock.nsecsElapsed() / 1e9;

            // Ctrl+End, until the last row shows its id.
            view->setFocus();
            clock.restart();
            QTest::keyClick(view, Qt::Key_End, Qt::ControlModifier);
            const QString lastId = QString::number(n);
            if (!waitUntil([&] {
                    const QModelIndex current = view->currentIndex();
                    return model->windowStart() + current.row() == n - 1 &&
                           model->data(current, Qt::DisplayRole).toString() == lastId;
                }))
                return;
            QCoreApplication::processEvents();
            last << clock.nsecsElapsed() / 1e9;

            // The scroll bar to the middle (behind the cursor: the statement is run again to there).
            clock.restart();
            QScrollBar* bar = console.resultGrid()->tableScrollBar();
            bar->setValue(bar->maximum() / 2);
            const qint64 top = console.resultGrid()->topRow();
            const QString topId = QString::number(top + 1);
            if (!waitUntil([&] {
                    return model->data(model->index(int(top - model->windowStart()), 0), Qt::DisplayRole)
                               .toString() == topId;
                }))
                return;
            QCoreApplication::processEvents();
            middle << clock.nsecsElapsed() / 1e9;
            finished = true;
        });
        if (!finished)
            break;
        stalls << stall.seconds;
        stallCpus << stall.cpuMs;
        stallWaits << stall.waitMs;
        workCpus << stall.workMs;
        if (model->cachedPages() > QueryResultModel::kCachedPages || model->rowCount() > model->windowRows())
            std::fprintf(stderr, "bench: the console held %d pages, %d rows\n", model->cachedPages(),
                         model->rowCount());
    }
    if (stalls.isEmpty()) {
        std::fprintf(stderr, "bench: the console grid did not finish a round\n");
        return rows;
    }
    const QString section = QStringLiteral("console grid (%1 rows)").arg(n);
    const auto add = [&](const QString& name, double seconds, const QString& note) {
        Row r;
        r.section = section;
        r.name = name;
        r.seconds = seconds;
        r.note = note;
        rows << r;
    };
    add(QStringLiteral("longest stall while idle"), idleStall,
        QStringLiteral("GUI on CPU %1 ms: the machine's noise floor").arg(idleCpu, 0, 'f', 1));
    add(QStringLiteral("first rows painted"), median(first),
        QStringLiteral(
            "SqlConsole::run() of SELECT * FROM big to painted (fastest round %1 ms); target ≤ 50 ms")
            .arg(*std::min_element(first.begin(), first.end()) * 1000, 0, 'f', 1));
    add(QStringLiteral("count known"), median(counted), QStringLiteral("count(*) on the second connection"));
    add(QStringLiteral("last row (Ctrl+End)"), median(last),
        QStringLiteral("a cursor opened again at OFFSET n - 2,000 (the last page and 9 before it)"));
    add(QStringLiteral("middle row (scroll bar)"), median(middle),
        QStringLiteral("behind the cursor: opened again at an OFFSET"));
    const auto worst = std::max_element(stalls.begin(), stalls.end()) - stalls.begin();
    add(QStringLiteral("longest GUI stall"), stalls[worst],
        QStringLiteral(
            "over run, count, Ctrl+End, middle; GUI thread on CPU %1 ms in it, waiting for one %6 ms; max of "
            "%2 rounds "
            "(median %3 ms); most GUI work between two ticks %4 ms (per round: %5); target ≤ 30 ms")
            .arg(stallCpus[worst], 0, 'f', 1)
            .arg(stalls.size())
            .arg(median(stalls) * 1000, 0, 'f', 1)
            .arg(*std::max_element(workCpus.begin(), workCpus.end()), 0, 'f', 1)
            .arg(perRound(workCpus))
            .arg(stallWaits[worst], 0, 'f', 1));

    // DB Browser's way on plain SQLite: the count before the first page, OFFSET to the middle.
    QList<double> countFirst, offsetMiddle;
    for (int round = 0; round < options.rounds; ++round) {
        countFirst << plainSqlite(path, QStringLiteral("SELECT count(*) FROM (SELECT * FROM big)")) +
                          plainSqlite(path, QStringLiteral("SELECT * FROM big LIMIT 200"));
        offsetMiddle << plainSqlite(path, QStringLiteral("SELECT * FROM big LIMIT 200 OFFSET %1").arg(n / 2));
    }
    add(QStringLiteral("sqlite3: COUNT, then 200"), median(countFirst),
        QStringLiteral("DB Browser's first page: COUNT(*) of the query before LIMIT 200"));
    add(QStringLiteral("sqlite3: OFFSET n/2 LIMIT 200"), median(offsetMiddle),
        QStringLiteral("DB Browser's way to the middle"));
    return rows;
}

} // namespace bench

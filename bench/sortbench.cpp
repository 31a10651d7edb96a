// Sorting and filtering the preview's 10 M-row table, against what plain SQLite costs for the same
// answer in the same run: `ORDER BY col LIMIT 200` for the first sorted rows, `SELECT rowid … ORDER BY
// col` for the whole order. Peak RSS is the process's VmHWM, reset before each measurement.
#include "benchsupport.h"

#include <sqlitesnapshot/reader.h>
#include <sqlitesnapshot/sortedorder.h>

#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>

#include <sqlite3.h>

#include <cstdio>
#include <thread>

namespace bench {
namespace {

// `<dir>/sort-<rows>.sqlite`: big(id, name TEXT unindexed, score INTEGER indexed, note), made once.
QString ensureSortDatabase(const QString& directory, qint64 rows) {
    return ensureGeneratedDatabase(
        QStringLiteral("%1/sort-%2.sqlite").arg(directory).arg(rows),
        "CREATE TABLE big(id INTEGER PRIMARY KEY, name TEXT, score INTEGER, note TEXT);"
        "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < " +
            QByteArray::number(rows) +
            ") INSERT INTO big SELECT i, 'row ' || i, (i * 7919) % 1000003, CASE WHEN i % 10 = 0 "
            "THEN NULL ELSE 'n' END FROM n;"
            "CREATE INDEX big_score ON big(score);",
        QStringLiteral("%1 rows").arg(rows));
}

void resetPeakRss() {
    QFile f(QStringLiteral("/proc/self/clear_refs"));
    if (f.open(QIODevice::WriteOnly))
        f.write("5"); // resets VmHWM to the current RSS
}

double peakRssMiB() {
    QFile f(QStringLiteral("/proc/self/status"));
    if (!f.open(QIODevice::ReadOnly))
        return 0;
    for (const QByteArray& line : f.readAll().split('\n'))
        if (line.startsWith("VmHWM:"))
            return line.mid(6).trimmed().split(' ').value(0).toDouble() / 1024.0;
    return 0;
}

// Steps `sql` to its end on a fresh read-only connection: plain SQLite, as the sqlite3 shell runs it.
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

template <class F> double timed(F&& f) {
    QElapsedTimer t;
    t.start();
    f();
    return t.nsecsElapsed() / 1e9;
}

Row row(const QString& section, const QString& name, double seconds, double ratio = 0, QString note = {}) {
    Row r;
    r.section = section;
    r.name = name;
    r.seconds = seconds;
    r.ratio = ratio;
    r.note = std::move(note);
    return r;
}

} // namespace

QList<Row> runSortCost(const Options& options) {
    QList<Row> rows;
    const QString path = ensureSortDatabase(options.workDirectory, options.previewRows);
    if (path.isEmpty())
        return rows;
    auto opened = sqlsnap::SnapshotReader::open(path);
    if (!opened)
        return rows;
    sqlsnap::SnapshotReader& reader = **opened;
    auto schema = reader.schema(QStringLiteral("big"));
    if (!schema)
        return rows;
    const int rounds = std::max(1, options.rounds / 2);
    const QString unindexed = QStringLiteral("Sort, no index (%1 rows)").arg(options.previewRows);
    const QString indexed = QStringLiteral("Sort, indexed (%1 rows)").arg(options.previewRows);
    const QString filtering = QStringLiteral("Column filter (%1 rows)").arg(options.previewRows);
    const sqlsnap::RowOrder byName{QStringLiteral("name"), false};
    const sqlsnap::RowOrder byScore{QStringLiteral("score"), false};

    // First sorted rows, unindexed: a top-200 scan either way.
    QList<double> plainFirst, oursFirst;
    for (int i = 0; i < rounds; ++i) {
        plainFirst << plainSqlite(path, QStringLiteral("SELECT * FROM big ORDER BY name LIMIT 200"));
        oursFirst << timed([&] { (void)reader.rowsAfterOrderKey(*schema, {}, byName, std::nullopt, 200); });
    }
    rows << row(unindexed, QStringLiteral("sqlite3: ORDER BY name LIMIT 200"), median(plainFirst), 1.0);
    rows << row(unindexed, QStringLiteral("first sorted rows"), median(oursFirst),
                median(oursFirst) / median(plainFirst), QStringLiteral("target ≤ 1.2×"));

    // The whole order: plain SQLite's rowid sort against building the SortedOrder.
    QList<double> plainAll, oursAll;
    double plainPeak = 0, oursPeak = 0;
    std::shared_ptr<const sqlsnap::SortedOrder> sorted;
    for (int i = 0; i < rounds; ++i) {
        resetPeakRss();
        const double before = peakRssMiB();
        plainAll << plainSqlite(path, QStringLiteral("SELECT rowid FROM big ORDER BY name"));
        plainPeak = std::max(plainPeak, peakRssMiB() - before);
        sorted.reset();
        resetPeakRss();
        const double base = peakRssMiB();
        sqlsnap::CancelFlag sink;
        oursAll << timed([&] {
            auto built = sqlsnap::SortedOrder::build(path, *schema, {}, byName, options.previewRows, sink);
            if (built)
                sorted = *built;
        });
        oursPeak = std::max(oursPeak, peakRssMiB() - base);
    }
    Row plain = row(unindexed, QStringLiteral("sqlite3: SELECT rowid ORDER BY name"), median(plainAll), 1.0);
    plain.peakRssMiB = plainPeak;
    rows << plain;
    Row ours = row(unindexed, QStringLiteral("whole order (SortedOrder)"), median(oursAll),
                   median(oursAll) / median(plainAll),
                   sorted ? QStringLiteral("target ≤ 1.5×, peak RSS ≤ 64 MiB (growth over the process's)")
                          : QStringLiteral("FAILED"));
    ours.peakRssMiB = oursPeak;
    rows << ours;
    if (sorted) {
        QList<double> middle, end;
        for (int i = 0; i < 5; ++i) {
            middle << timed(
                [&] { (void)reader.rowsOfSortedOrder(*sorted, options.previewRows / 2 + i * 977, 200); });
            end << timed([&] { (void)reader.rowsOfSortedOrder(*sorted, options.previewRows - 200, 200); });
        }
        rows << row(unindexed, QStringLiteral("then any row (the middle)"), median(middle));
        rows << row(unindexed, QStringLiteral("then the end"), median(end));
    }
    sorted.reset();

    // Cancel of a build, half a second in.
    {
        QList<double> latencies;
        for (int i = 0; i < rounds; ++i) {
            sqlsnap::CancelFlag sink;
            QElapsedTimer sinceCancel;
            std::thread canceller([&] {
                std::this_thread::sleep_for(std::chrono::milliseconds(500));
                sinceCancel.start();
                sink.cancel();
            });
            (void)sqlsnap::SortedOrder::build(path, *schema, {}, byName, options.previewRows, sink);
            canceller.join();
            latencies << sinceCancel.nsecsElapsed() / 1e9;
        }
        rows << row(unindexed, QStringLiteral("cancel of the whole order"), median(latencies), 0,
                    QStringLiteral("target ≤ 100 ms"));
    }

    // Indexed: first rows and the end by key, and the whole order through the index.
    QList<double> first, last, whole;
    for (int i = 0; i < rounds; ++i) {
        first << timed([&] { (void)reader.rowsAfterOrderKey(*schema, {}, byScore, std::nullopt, 200); });
        last << timed([&] { (void)reader.rowsBeforeOrderEnd(*schema, {}, byScore, 0, 200); });
        sqlsnap::CancelFlag sink;
        whole << timed([&] {
            (void)sqlsnap::SortedOrder::build(path, *schema, {}, byScore, options.previewRows, sink);
        });
    }
    rows << row(indexed, QStringLiteral("first sorted rows"), median(first), 0,
                QStringLiteral("target ≤ 50 ms"));
    rows << row(indexed, QStringLiteral("the end (read backwards)"), median(last), 0,
                QStringLiteral("target ≤ 100 ms"));
    rows << row(indexed, QStringLiteral("whole order (SortedOrder)"), median(whole));

    // A column filter: the first matching rows, and a cancel of a count that matches nothing.
    const sqlsnap::RowFilter some{{},
                                  {sqlsnap::ColumnFilter{QStringLiteral("name"), QStringLiteral("row 77")}}};
    const sqlsnap::RowFilter none{
        {}, {sqlsnap::ColumnFilter{QStringLiteral("name"), QStringLiteral("/^nothing/")}}};
    QList<double> firstMatch, plainMatch, cancels;
    for (int i = 0; i < rounds; ++i) {
        plainMatch << plainSqlite(path,
                                  QStringLiteral("SELECT * FROM big WHERE name LIKE '%row 77%' LIMIT 200"));
        firstMatch << timed([&] { (void)reader.rowsAfterKey(*schema, some, std::nullopt, 200); });
        const sqlsnap::CancelToken token;
        QElapsedTimer sinceCancel;
        std::thread canceller([&] {
            std::this_thread::sleep_for(std::chrono::milliseconds(200));
            sinceCancel.start();
            token.cancel();
        });
        (void)reader.countRows(*schema, none, token);
        canceller.join();
        cancels << sinceCancel.nsecsElapsed() / 1e9;
    }
    rows << row(filtering, QStringLiteral("sqlite3: WHERE name LIKE … LIMIT 200"), median(plainMatch), 1.0);
    rows << row(filtering, QStringLiteral("first matching rows (name: row 77)"), median(firstMatch),
                median(firstMatch) / median(plainMatch));
    rows << row(filtering, QStringLiteral("cancel of a count matching nothing (/regex/)"), median(cancels), 0,
                QStringLiteral("target ≤ 100 ms"));
    return rows;
}

} // namespace bench

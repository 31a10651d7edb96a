// Retention with restic's `forget` rules, and `prune`: only what this tool wrote, never the newest.
#include "testsupport.h"

#include <sqlitesnapshot/retention.h>

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QTemporaryDir>
#include <QTest>

using namespace sqlsnap;
using namespace testsupport;

namespace {

QDateTime at(int day, int hour, int minute = 0) { // December 2026, local time
    return QDateTime(QDate(2026, 12, day), QTime(hour, minute));
}

HistoryEntry entryAt(const QDateTime& when) {
    HistoryEntry e;
    e.file = snapshotFileName(QStringLiteral("/src/a.db"), when);
    e.source = QStringLiteral("/src/a.db");
    e.taken = when.toUTC();
    return e;
}

QStringList keptNames(const QList<RetentionDecision>& decisions, bool keep = true) {
    QStringList names;
    for (const RetentionDecision& d : decisions)
        if (d.keep == keep)
            names << d.entry.taken.toLocalTime().toString(QStringLiteral("d HH:mm"));
    return names;
}

} // namespace

class TestPrune : public QObject {
    Q_OBJECT
    QTemporaryDir m_tmp;

private slots:
    void resticsRules() {
        // Every 30 minutes from Dec 1 00:00 to Dec 3 23:30: 144 snapshots.
        QList<HistoryEntry> all;
        for (int day = 1; day <= 3; ++day)
            for (int half = 0; half < 48; ++half)
                all << entryAt(at(day, half / 2, (half % 2) * 30));
        std::reverse(all.begin(), all.end()); // any order in
        {
            const auto d = decideRetention(all, {.last = 3});
            QCOMPARE(keptNames(d), (QStringList{QStringLiteral("3 23:30"), QStringLiteral("3 23:00"),
                                                QStringLiteral("3 22:30")}));
            QCOMPARE(d.first().reasons, (QStringList{QStringLiteral("newest"), QStringLiteral("last")}));
        }
        {
            // The newest of each of the 3 newest hours.
            const auto d = decideRetention(all, {.hourly = 3});
            QCOMPARE(keptNames(d), (QStringList{QStringLiteral("3 23:30"), QStringLiteral("3 22:30"),
                                                QStringLiteral("3 21:30")}));
        }
        {
            // The newest of each day, and the 2 newest: rules add up, one snapshot may have several reasons.
            const auto d = decideRetention(all, {.last = 2, .daily = 3});
            QCOMPARE(keptNames(d), (QStringList{QStringLiteral("3 23:30"), QStringLiteral("3 23:00"),
                                                QStringLiteral("2 23:30"), QStringLiteral("1 23:30")}));
            QCOMPARE(d[0].reasons, (QStringList{QStringLiteral("newest"), QStringLiteral("last"),
                                                QStringLiteral("daily")}));
            QCOMPARE(d[1].reasons, QStringList{QStringLiteral("last")});
            QCOMPARE(d.size(), 144);
        }
        {
            // More days asked for than there are: each day once, nothing invented.
            const auto d = decideRetention(all, {.daily = 10});
            QCOMPARE(keptNames(d).size(), 3);
        }
        {
            // Weeks are ISO weeks: Dec 6 2026 is a Sunday, Dec 7 a Monday.
            QList<HistoryEntry> days;
            for (int day = 1; day <= 14; ++day)
                days << entryAt(at(day, 12));
            const auto d = decideRetention(days, {.weekly = 2});
            QCOMPARE(keptNames(d), (QStringList{QStringLiteral("14 12:00"), QStringLiteral("13 12:00")}));
            const auto m = decideRetention(days, {.monthly = 5, .yearly = 5});
            QCOMPARE(keptNames(m), QStringList{QStringLiteral("14 12:00")});
            QCOMPARE(m[0].reasons, (QStringList{QStringLiteral("newest"), QStringLiteral("monthly"),
                                                QStringLiteral("yearly")}));
        }
    }

    void pruneDeletesOnlyWhatItWroteAndNeverTheNewest() {
        const QString folder = freshFolder(m_tmp, QStringLiteral("history"));
        auto history = HistoryFolder::open(folder);
        QVERIFY(history);
        const auto write = [&](const QString& source, const QDateTime& when) {
            const QString path = folder + QLatin1Char('/') + snapshotFileName(source, when);
            if (!execSql(path, QStringLiteral("CREATE TABLE t(x)")) ||
                !history->add(path, source, when, std::nullopt))
                return QString();
            return path;
        };
        QStringList a, b;
        for (int hour = 0; hour < 6; ++hour)
            a << write(QStringLiteral("/src/a.db"), at(1, hour));
        b << write(QStringLiteral("/src/b.db"), at(1, 3));
        QVERIFY(!a.contains(QString()) && !b.contains(QString()));
        // Not ours: a snapshot-like name this tool did not write, a recorded one changed since, and a file
        // of the user's.
        const QString foreign =
            folder + QLatin1Char('/') + snapshotFileName(QStringLiteral("/src/a.db"), at(1, 7));
        QVERIFY(execSql(foreign, QStringLiteral("CREATE TABLE t(x)")));
        QVERIFY(execSql(a[1], QStringLiteral("CREATE TABLE changed(y)")));
        QVERIFY(writeFile(folder + QStringLiteral("/notes.txt"), "mine"));

        const RetentionPolicy keepTwo{.last = 2};
        auto dry = pruneHistory(folder, keepTwo, true);
        QVERIFY2(dry, dry ? "" : qPrintable(dry.error().message));
        QCOMPARE(dry->removed, 0);
        for (const QString& f : a + b)
            QVERIFY(QFile::exists(f));
        auto real = pruneHistory(folder, keepTwo, false);
        QVERIFY(real);
        // a: 5 ours (a[1] changed), the 2 newest kept (a[5], a[4]); b: its one and only (the newest).
        QCOMPARE(real->removed, 3);
        for (int i : {0, 2, 3})
            QVERIFY2(!QFile::exists(a[i]), qPrintable(a[i]));
        for (const QString& f : {a[1], a[4], a[5], b[0], foreign, folder + QStringLiteral("/notes.txt")})
            QVERIFY2(QFile::exists(f), qPrintable(f));
        QCOMPARE(real->leftAlone, (QStringList{QFileInfo(a[1]).fileName(), QFileInfo(foreign).fileName()}));
        QCOMPARE(HistoryFolder::open(folder)->entries().size(), 4); // a[1] (not ours now), a[4], a[5], b[0]
        // The one snapshot of a source stays even when the rules keep nothing of it (never the newest).
        auto again = pruneHistory(folder, RetentionPolicy{.hourly = 1}, false);
        QVERIFY(again);
        QVERIFY(QFile::exists(b[0]) && QFile::exists(a[5]) && !QFile::exists(a[4]));
        QVERIFY(!pruneHistory(folder, RetentionPolicy{}, false)); // no rule: refused
    }

    void theCliSaysWhatItKeptAndWhy() {
        const QString dir = freshFolder(m_tmp, QStringLiteral("cli"));
        const QString history = dir + QStringLiteral("/h");
        QVERIFY(QDir().mkpath(history));
        const QString source = dir + QStringLiteral("/app.db");
        QVERIFY(execSql(source, QStringLiteral("CREATE TABLE t(x)")));
        for (int i = 0; i < 3; ++i) {
            QVERIFY(execSql(source, QStringLiteral("INSERT INTO t VALUES (1)")));
            QCOMPARE(cli({QStringLiteral("snapshot"), source, QStringLiteral("--into"), history,
                          QStringLiteral("--quiet")})
                         .exitCode,
                     0);
        }
        const CliRun dry = cli({QStringLiteral("prune"), history, QStringLiteral("--keep-last"),
                                QStringLiteral("1"), QStringLiteral("--dry-run"), QStringLiteral("--json")});
        QCOMPARE(dry.exitCode, 0);
        QCOMPARE(dry.json().value(QStringLiteral("kept")).toArray().size(), 1);
        QCOMPARE(dry.json().value(QStringLiteral("removed")).toArray().size(), 2);
        QCOMPARE(QDir(history).entryList(QDir::Files).size(), 3);
        const CliRun real =
            cli({QStringLiteral("prune"), history, QStringLiteral("--keep-last"), QStringLiteral("1")});
        QCOMPARE(real.exitCode, 0);
        QVERIFY(real.out.contains("(newest, last)"));
        QVERIFY(real.out.contains("1 kept, 2 removed"));
        QCOMPARE(QDir(history).entryList(QDir::Files).size(), 1);
        expectOneError(cli({QStringLiteral("prune"), history}), 2, QStringLiteral("at least one --keep"));
        expectOneError(
            cli({QStringLiteral("prune"), history, QStringLiteral("--keep-daily"), QStringLiteral("0")}), 2,
            QStringLiteral("--keep-daily"));
        expectOneError(cli({QStringLiteral("prune"), dir + QStringLiteral("/nope"),
                            QStringLiteral("--keep-last"), QStringLiteral("1")}),
                       1, QStringLiteral("not a folder"));
    }
};

QTEST_GUILESS_MAIN(TestPrune)
#include "tst_prune.moc"

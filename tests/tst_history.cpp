// History folders: snapshot names, source states that change with every commit (rollback and WAL,
// a WAL restarted at the same size too), the folder's record, and `snapshot --into [--skip-unchanged]`.
#include "testsupport.h"

#include <sqlitesnapshot/history.h>

#include <sqlite3.h>

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QTemporaryDir>
#include <QTest>
#include <QtConcurrent>

using namespace sqlsnap;
using namespace testsupport;

class TestHistory : public QObject {
    Q_OBJECT
    QTemporaryDir m_tmp;

    // A connection kept open (as an app keeps one), so WAL mode keeps its -wal between commits.
    static bool exec(sqlite3* db, const char* sql) {
        return sqlite3_exec(db, sql, nullptr, nullptr, nullptr) == SQLITE_OK;
    }

private slots:
    void namesRoundTrip() {
        const QDateTime when(QDate(2026, 3, 4), QTime(5, 6, 7));
        QCOMPARE(snapshotFileName(QStringLiteral("/x/places.sqlite"), when),
                 QStringLiteral("places.sqlite 2026-03-04 050607.sqlite"));
        const QString folder = freshFolder(m_tmp, QStringLiteral("names"));
        QStringList taken{folder + QStringLiteral("/History 2026-03-04 050607.sqlite"),
                          folder + QStringLiteral("/History 2026-03-04 050607 (2).sqlite")};
        const QString third = freeSnapshotPath(folder, QStringLiteral("/p/History"), when,
                                               [&](const QString& p) { return taken.contains(p); });
        QCOMPARE(QFileInfo(third).fileName(), QStringLiteral("History 2026-03-04 050607 (3).sqlite"));
        const auto parsed = parseSnapshotFileName(QFileInfo(third).fileName());
        QVERIFY(parsed);
        QCOMPARE(parsed->database, QStringLiteral("History"));
        QCOMPARE(parsed->taken, when);
        QCOMPARE(parsed->sequence, 3);
        const auto spaced = parseSnapshotFileName(QStringLiteral("my notes.db 2026-12-31 235959.sqlite"));
        QVERIFY(spaced);
        QCOMPARE(spaced->database, QStringLiteral("my notes.db"));
        for (const char* other :
             {"places.sqlite", "places 2026-13-01 000000.sqlite", "x 2026-01-01 000000 (1).sqlite",
              "x 2026-01-01 000000.sqlite-wal", "x 2026-01-01 0000.sqlite", " 2026-01-01 000000.sqlite"})
            QVERIFY2(!parseSnapshotFileName(QLatin1String(other)), other);
    }

    void theStateChangesWithEveryCommit_data() {
        QTest::addColumn<QString>("mode");
        QTest::newRow("rollback") << QStringLiteral("delete");
        QTest::newRow("wal") << QStringLiteral("wal");
    }
    void theStateChangesWithEveryCommit() {
        QFETCH(QString, mode);
        const QString path =
            freshFolder(m_tmp, QStringLiteral("state-") + mode) + QStringLiteral("/db.sqlite");
        sqlite3* db = nullptr;
        QCOMPARE(sqlite3_open(QFile::encodeName(path).constData(), &db), SQLITE_OK);
        QVERIFY(exec(db, qPrintable(QStringLiteral("PRAGMA journal_mode=%1").arg(mode))));
        QVERIFY(exec(db, "PRAGMA wal_autocheckpoint=0; CREATE TABLE t(x)"));
        auto before = readSourceState(path);
        QVERIFY(before);
        QCOMPARE(*readSourceState(path), *before); // nothing committed: the same
        QSet<QString> seen;
        for (int i = 0; i < 20; ++i) {
            // The same size each time: an UPDATE in place, so only times, counters and salts can tell.
            QVERIFY(exec(db, "INSERT OR REPLACE INTO t(rowid, x) VALUES (1, random())"));
            if (mode == QStringLiteral("wal") && i % 5 == 4)
                QVERIFY(exec(db, "PRAGMA wal_checkpoint(RESTART)")); // the next commit restarts the -wal
            auto now = readSourceState(path);
            QVERIFY(now);
            QVERIFY2(*now != *before, qPrintable(QStringLiteral("commit %1 not seen").arg(i)));
            before = now;
        }
        sqlite3_close(db);
    }

    void theRecordKeepsWhatWasWritten() {
        const QString folder = freshFolder(m_tmp, QStringLiteral("record"));
        QVERIFY(!HistoryFolder::open(m_tmp.filePath(QStringLiteral("missing"))));
        auto history = HistoryFolder::open(folder);
        QVERIFY(history);
        QVERIFY(history->entries().isEmpty());
        const QString a = folder + QStringLiteral("/a.db 2026-01-01 000000.sqlite");
        QVERIFY(execSql(a, QStringLiteral("CREATE TABLE t(x)")));
        const QDateTime taken = QDateTime::currentDateTimeUtc();
        QVERIFY(history->add(a, QStringLiteral("/src/a.db"), taken, SourceState{}));
        auto reopened = HistoryFolder::open(folder);
        QVERIFY(reopened);
        QCOMPARE(reopened->entries().size(), 1);
        QCOMPARE(reopened->entries()[0].file, QFileInfo(a).fileName());
        QCOMPARE(reopened->entries()[0].taken, taken);
        QVERIFY(reopened->stillWritten(reopened->entries()[0]));
        QVERIFY(reopened->newestOf(QStringLiteral("/src/a.db")));
        // Replaced by another file of the same name: no longer the one written.
        QVERIFY(QFile::remove(a));
        QVERIFY(execSql(a, QStringLiteral("CREATE TABLE u(y)")));
        QVERIFY(!reopened->stillWritten(reopened->entries()[0]));
        QVERIFY(!reopened->newestOf(QStringLiteral("/src/a.db")));
        QVERIFY(reopened->forget({QFileInfo(a).fileName()}));
        QVERIFY(HistoryFolder::open(folder)->entries().isEmpty());
        // No staging folder is left, nothing but the record and the snapshot.
        QCOMPARE(folderEntries(folder),
                 (QStringList{QLatin1String(HistoryFolder::kRecordName), QFileInfo(a).fileName()}));
        // A record that cannot be read is an error, never silently replaced.
        QVERIFY(
            writeFile(folder + QLatin1Char('/') + QLatin1String(HistoryFolder::kRecordName), "{not json"));
        QVERIFY(!HistoryFolder::open(folder));
    }

    void concurrentAddsAreAllKept() {
        const QString folder = freshFolder(m_tmp, QStringLiteral("concurrent"));
        QList<QString> files;
        for (int i = 0; i < 40; ++i) {
            files << folder + QStringLiteral("/s%1.sqlite").arg(i);
            QVERIFY(writeFile(files.last(), "x"));
        }
        QtConcurrent::blockingMap(files, [&](const QString& f) {
            auto h = HistoryFolder::open(folder); // each its own view, as separate runs have
            QVERIFY(h && h->add(f, QStringLiteral("/src"), QDateTime::currentDateTimeUtc(), std::nullopt));
        });
        QCOMPARE(HistoryFolder::open(folder)->entries().size(), 40);
    }

    void snapshotIntoSkipsOnlyWhatDidNotChange() {
        const QString dir = freshFolder(m_tmp, QStringLiteral("into"));
        const QString history = dir + QStringLiteral("/history");
        QVERIFY(QDir().mkpath(history));
        const QString source = dir + QStringLiteral("/app.db");
        QVERIFY(runDbtool({QStringLiteral("make"), source, QStringLiteral("wal"), QStringLiteral("100")}));
        const QStringList into{QStringLiteral("snapshot"),         source,
                               QStringLiteral("--into"),           history,
                               QStringLiteral("--skip-unchanged"), QStringLiteral("--json")};
        const CliRun first = cli(into);
        QCOMPARE(first.exitCode, 0);
        QCOMPARE(first.json().value(QStringLiteral("skipped")).toBool(), false);
        const QString written = first.json().value(QStringLiteral("destination")).toString();
        QVERIFY(parseSnapshotFileName(QFileInfo(written).fileName()));
        QCOMPARE(QFileInfo(written).path(), history);
        const CliRun second = cli(into);
        QCOMPARE(second.exitCode, 0);
        QCOMPARE(second.json().value(QStringLiteral("skipped")).toBool(), true);
        QCOMPARE(second.json().value(QStringLiteral("unchanged_since")).toString(), written);
        // A live writer: every run sees a change and takes a snapshot, never "unchanged".
        {
            Helper writer({QStringLiteral("writer"), source, QStringLiteral("wal"),
                           QStringLiteral("--pace-us"), QStringLiteral("2000")});
            QVERIFY(writer.ready());
            for (int i = 0; i < 3; ++i) {
                QTest::qWait(30);
                const CliRun run = cli(into);
                QCOMPARE(run.exitCode, 0);
                QCOMPARE(run.json().value(QStringLiteral("skipped")).toBool(), false);
            }
            writer.finish();
        }
        const CliRun afterWriter = cli(into); // the writer's last commits came after the last snapshot
        QCOMPARE(afterWriter.exitCode, 0);
        QCOMPARE(afterWriter.json().value(QStringLiteral("skipped")).toBool(), false);
        QCOMPARE(cli(into).json().value(QStringLiteral("skipped")).toBool(), true);
        QCOMPARE(HistoryFolder::open(history)->entries().size(), 5);
        // Usage: DEST with --into, --skip-unchanged alone, --into with --overwrite; a missing DIR.
        expectOneError(cli({QStringLiteral("snapshot"), source, dir + QStringLiteral("/x.db"),
                            QStringLiteral("--into"), history}),
                       2, QStringLiteral("cannot be used together"));
        expectOneError(cli({QStringLiteral("snapshot"), source, dir + QStringLiteral("/x.db"),
                            QStringLiteral("--skip-unchanged")}),
                       2, QStringLiteral("only with --into"));
        expectOneError(cli({QStringLiteral("snapshot"), source, QStringLiteral("--into"), history,
                            QStringLiteral("--overwrite")}),
                       2, QStringLiteral("--overwrite"));
        expectOneError(cli({QStringLiteral("snapshot"), source, QStringLiteral("--into"),
                            dir + QStringLiteral("/nope")}),
                       1, QStringLiteral("not a folder"));
    }
};

QTEST_GUILESS_MAIN(TestHistory)
#include "tst_history.moc"

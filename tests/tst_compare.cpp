// The comparison engine (compare.h) on real files: a property test over random change sets checked against
// sqldiff and by applying the generated SQL, the value and key decisions, paging, cancel, and proof that
// neither file is ever changed.
#include <sqlitesnapshot/compare.h>

#include "testsupport.h"

#include <QCryptographicHash>
#include <QFile>
#include <QProcess>
#include <QRandomGenerator>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QtTest>

#include <sqlite3.h>

#include <thread>

using namespace sqlsnap;

namespace {

QByteArray sha256(const QString& path) {
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly))
        return {};
    return QCryptographicHash::hash(f.readAll(), QCryptographicHash::Sha256);
}

bool exec(sqlite3* db, const QString& sql) {
    char* message = nullptr;
    const int rc = sqlite3_exec(db, sql.toUtf8().constData(), nullptr, nullptr, &message);
    if (rc != SQLITE_OK)
        qWarning("SQL failed: %s\n%s", message, qPrintable(sql.left(300)));
    sqlite3_free(message);
    return rc == SQLITE_OK;
}

QString queryOne(sqlite3* db, const QString& sql) {
    sqlite3_stmt* stmt = nullptr;
    if (sqlite3_prepare_v2(db, sql.toUtf8().constData(), -1, &stmt, nullptr) != SQLITE_OK)
        return QStringLiteral("error: ") + QString::fromUtf8(sqlite3_errmsg(db));
    QString value;
    if (sqlite3_step(stmt) == SQLITE_ROW)
        value = QString::fromUtf8(reinterpret_cast<const char*>(sqlite3_column_text(stmt, 0)));
    sqlite3_finalize(stmt);
    return value;
}

// A random value of any storage class, sometimes long enough to need overflow pages.
QString randomValue(QRandomGenerator& r) {
    switch (r.bounded(9)) {
    case 0:
        return QStringLiteral("NULL");
    case 1:
        return QString::number(r.bounded(1000));
    case 2:
        return QString::number(r.bounded(1000)) + QStringLiteral(".5");
    case 3:
        return QStringLiteral("'t%1'").arg(r.bounded(1000));
    case 4:
        return QStringLiteral("x'%1'").arg(r.bounded(0xffff), 4, 16, QLatin1Char('0'));
    case 5:
        return QStringLiteral("1");
    case 6:
        return QStringLiteral("'1'");
    case 7:
        return QStringLiteral("x'31'");
    default:
        return QStringLiteral("randomblob(%1)").arg(r.bounded(3000, 6000));
    }
}

const char* const kSchema =
    "CREATE TABLE plain(a, b, c);"
    "CREATE TABLE ipk(id INTEGER PRIMARY KEY, v, w BLOB);"
    "CREATE TABLE tpk(k TEXT PRIMARY KEY NOT NULL, v);"
    "CREATE TABLE nocase(k TEXT COLLATE NOCASE PRIMARY KEY NOT NULL, v);"
    "CREATE TABLE wr(k1 INTEGER NOT NULL, k2 TEXT NOT NULL, v, PRIMARY KEY(k1, k2)) WITHOUT ROWID;"
    "CREATE TABLE log(x);"
    "CREATE INDEX plain_b ON plain(b);"
    "CREATE VIEW ipk_view AS SELECT id, v FROM ipk;"
    "CREATE TRIGGER ipk_logged AFTER INSERT ON ipk BEGIN INSERT INTO log VALUES(new.id); END;";

void fill(sqlite3* db, QRandomGenerator& r, int rows) {
    exec(db, QStringLiteral("BEGIN"));
    for (int i = 0; i < rows; ++i) {
        exec(db, QStringLiteral("INSERT INTO plain VALUES(%1, %2, %3)")
                     .arg(randomValue(r), randomValue(r), randomValue(r)));
        exec(db, QStringLiteral("INSERT INTO ipk(v, w) VALUES(%1, %2)").arg(randomValue(r), randomValue(r)));
        exec(db, QStringLiteral("INSERT OR IGNORE INTO tpk VALUES('k%1', %2)")
                     .arg(r.bounded(10000))
                     .arg(randomValue(r)));
        exec(db, QStringLiteral("INSERT OR IGNORE INTO nocase VALUES('%1k%2', %3)")
                     .arg(r.bounded(2) ? QStringLiteral("A") : QStringLiteral("b"))
                     .arg(r.bounded(1000))
                     .arg(randomValue(r)));
        exec(db, QStringLiteral("INSERT OR IGNORE INTO wr VALUES(%1, 'x%2', %3)")
                     .arg(r.bounded(50))
                     .arg(r.bounded(50))
                     .arg(randomValue(r)));
    }
    exec(db, QStringLiteral("COMMIT"));
}

// Inserts, deletes and updates (NULLs, BLOBs, type changes) in every table, and now and then a schema change.
void change(sqlite3* db, QRandomGenerator& r) {
    exec(db, QStringLiteral("BEGIN"));
    const int n = r.bounded(1, 40);
    for (int i = 0; i < n; ++i) {
        const QString v = randomValue(r);
        switch (r.bounded(12)) {
        case 0:
            exec(db, QStringLiteral("INSERT INTO plain VALUES(%1, %2, %3)")
                         .arg(v, randomValue(r), randomValue(r)));
            break;
        case 1:
            exec(db,
                 QStringLiteral(
                     "DELETE FROM plain WHERE rowid IN (SELECT rowid FROM plain ORDER BY random() LIMIT 3)"));
            break;
        case 2:
            exec(db, QStringLiteral("UPDATE plain SET b = %1 WHERE rowid = (SELECT rowid FROM plain ORDER BY "
                                    "random() LIMIT 1)")
                         .arg(v));
            break;
        case 3:
            exec(db, QStringLiteral("INSERT INTO ipk(v, w) VALUES(%1, %2)").arg(v, randomValue(r)));
            break;
        case 4:
            exec(db, QStringLiteral(
                         "UPDATE ipk SET w = %1 WHERE id = (SELECT id FROM ipk ORDER BY random() LIMIT 1)")
                         .arg(v));
            break;
        case 5:
            exec(db,
                 QStringLiteral("DELETE FROM ipk WHERE id = (SELECT id FROM ipk ORDER BY random() LIMIT 1)"));
            break;
        case 6: // re-inserted under the same key with a new rowid: unchanged by key
            exec(db, QStringLiteral("REPLACE INTO tpk SELECT k, v FROM tpk ORDER BY random() LIMIT 1"));
            exec(db,
                 QStringLiteral("INSERT OR REPLACE INTO tpk VALUES('k%1', %2)").arg(r.bounded(10000)).arg(v));
            break;
        case 7:
            exec(db,
                 QStringLiteral("DELETE FROM tpk WHERE k = (SELECT k FROM tpk ORDER BY random() LIMIT 1)"));
            break;
        case 8:
            exec(db, QStringLiteral("INSERT OR REPLACE INTO nocase VALUES('%1k%2', %3)")
                         .arg(r.bounded(2) ? QStringLiteral("a") : QStringLiteral("B"))
                         .arg(r.bounded(1000))
                         .arg(v));
            break;
        case 9:
            exec(db, QStringLiteral("INSERT OR REPLACE INTO wr VALUES(%1, 'x%2', %3)")
                         .arg(r.bounded(50))
                         .arg(r.bounded(50))
                         .arg(v));
            break;
        case 10:
            exec(db, QStringLiteral("DELETE FROM wr WHERE k1 = %1").arg(r.bounded(50)));
            break;
        default: // a type change of one value: 1 -> '1' -> x'31' -> 1.0
            exec(db, QStringLiteral("UPDATE plain SET c = CASE typeof(c) WHEN 'integer' THEN CAST(c AS TEXT) "
                                    "WHEN 'text' THEN CAST(c AS BLOB) WHEN 'blob' THEN 1.0 ELSE 1 END "
                                    "WHERE rowid = (SELECT rowid FROM plain ORDER BY random() LIMIT 1)"));
        }
    }
    switch (r.bounded(8)) {
    case 0:
        exec(db, QStringLiteral("ALTER TABLE plain ADD COLUMN d DEFAULT 7"));
        break;
    case 1:
        exec(db, QStringLiteral("DROP INDEX plain_b; CREATE INDEX plain_c ON plain(c)"));
        break;
    case 2:
        exec(db, QStringLiteral(
                     "CREATE TABLE fresh(x PRIMARY KEY, y); INSERT INTO fresh VALUES(1, 'one'), (2, x'02')"));
        break;
    case 3:
        exec(db, QStringLiteral("DROP VIEW ipk_view; CREATE VIEW ipk_view AS SELECT id FROM ipk"));
        break;
    case 4:
        exec(db, QStringLiteral("DROP TABLE log; DROP TRIGGER IF EXISTS ipk_logged"));
        break;
    default:
        break;
    }
    exec(db, QStringLiteral("COMMIT"));
}

struct SqldiffCounts {
    qint64 changes = 0, inserts = 0, deletes = 0;
};

QMap<QString, SqldiffCounts> sqldiffSummary(const QString& a, const QString& b) {
    QProcess p;
    p.start(QStringLiteral("sqldiff"), {QStringLiteral("--summary"), QStringLiteral("--primarykey"), a, b});
    p.waitForFinished(60000);
    QMap<QString, SqldiffCounts> counts;
    static const QRegularExpression line(
        QStringLiteral("^(\\w+): (\\d+) changes, (\\d+) inserts, (\\d+) deletes"));
    for (const QString& l : QString::fromUtf8(p.readAllStandardOutput()).split(QLatin1Char('\n'))) {
        const auto m = line.match(l);
        if (m.hasMatch())
            counts[m.captured(1)] = {m.captured(2).toLongLong(), m.captured(3).toLongLong(),
                                     m.captured(4).toLongLong()};
    }
    return counts;
}

// The columns of a table on the connection's "main" or "b" schema, with their typeof, for EXCEPT.
QString typedColumns(sqlite3* db, const QString& schema, const QString& table, bool withRowid) {
    QStringList list;
    if (withRowid)
        list << QStringLiteral("rowid");
    const QString names = queryOne(
        db, QStringLiteral("SELECT group_concat(quote(name), ',') FROM pragma_table_info('%1', '%2')")
                .arg(table, schema));
    for (QString n : names.split(QLatin1Char(','), Qt::SkipEmptyParts)) {
        n = n.mid(1, n.size() - 2);
        list << QStringLiteral("\"%1\"").arg(n) << QStringLiteral("typeof(\"%1\")").arg(n);
    }
    return list.join(QStringLiteral(", "));
}

// B and the copy hold the same schema and, table by table, the same rows with the same storage classes.
QString sameContent(const QString& copy, const QString& b, const ComparisonSummary& summary) {
    sqlite3* db = nullptr;
    sqlite3_open_v2(copy.toUtf8().constData(), &db, SQLITE_OPEN_READONLY, nullptr);
    exec(db, QStringLiteral("ATTACH '%1' AS b").arg(b));
    QString problem;
    const QString schemaDiff = queryOne(
        db,
        QStringLiteral(
            "SELECT count(*) FROM (SELECT type, name, sql FROM main.sqlite_schema EXCEPT SELECT type, name, "
            "sql FROM b.sqlite_schema) UNION ALL SELECT count(*) FROM (SELECT type, name, sql FROM "
            "b.sqlite_schema EXCEPT SELECT type, name, sql FROM main.sqlite_schema)"));
    if (schemaDiff != QLatin1String("0"))
        problem = QStringLiteral("schemas differ");
    for (const TableComparison& t : summary.tables) {
        if (!t.inB || !problem.isEmpty())
            continue;
        const bool rowid = t.key == RowKey::Rowid && !t.implicitRowid.isEmpty();
        const QString ca = typedColumns(db, QStringLiteral("main"), t.name, rowid);
        const QString cb = typedColumns(db, QStringLiteral("b"), t.name, rowid);
        const QString n = queryOne(
            db,
            QStringLiteral(
                "SELECT (SELECT count(*) FROM (SELECT %1 FROM main.\"%3\" EXCEPT SELECT %2 FROM b.\"%3\")) + "
                "(SELECT count(*) FROM (SELECT %2 FROM b.\"%3\" EXCEPT SELECT %1 FROM main.\"%3\")) + "
                "abs((SELECT count(*) FROM main.\"%3\") - (SELECT count(*) FROM b.\"%3\"))")
                .arg(ca, cb, t.name));
        if (n != QLatin1String("0"))
            problem = QStringLiteral("table %1 differs: %2").arg(t.name, n);
    }
    sqlite3_close(db);
    return problem;
}

// Rows matched by key whose values SQL's IS calls equal but whose storage classes differ (1 and 1.0):
// sqldiff counts no change there, the comparison does.
qint64 numericTypeChanges(const QString& a, const QString& b, const QString& table, const QString& on,
                          const QStringList& columns) {
    sqlite3* db = nullptr;
    sqlite3_open_v2(a.toUtf8().constData(), &db, SQLITE_OPEN_READONLY, nullptr);
    exec(db, QStringLiteral("ATTACH '%1' AS b").arg(b));
    QStringList same, typed;
    for (const QString& c : columns) {
        same << QStringLiteral("x.\"%1\" IS y.\"%1\"").arg(c);
        typed << QStringLiteral("typeof(x.\"%1\") != typeof(y.\"%1\")").arg(c);
    }
    const qint64 n =
        queryOne(db,
                 QStringLiteral(
                     "SELECT count(*) FROM main.\"%1\" AS x JOIN b.\"%1\" AS y ON %2 WHERE (%3) AND (%4)")
                     .arg(table, on, same.join(QStringLiteral(" AND ")), typed.join(QStringLiteral(" OR "))))
            .toLongLong();
    sqlite3_close(db);
    return n;
}

class ScriptCollector {
public:
    QByteArray script;
};

} // namespace

class TestCompare : public QObject {
    Q_OBJECT

private slots:
    void randomChangeSets();
    void valuesAsStored();
    void keysAndWarnings();
    void columnsChanged();
    void nullsInPrimaryKey();
    void uniqueValuesMovingBetweenRowsApply();
    void pagesMatchTheVisitor();
    void fastPathSkipsUnchangedPages();
    void liveSourceIsStagedNotOpened();
    void oneFileReachedTwiceIsReadOnce();
    void declaredTypesPerSide();
    void fileChangedMeanwhile();
    void cancelStopsABigTable();
    void badInputs();

private:
    QTemporaryDir m_dir;
};

void TestCompare::randomChangeSets() {
    const int cases = qEnvironmentVariableIntValue("SQLSNAP_COMPARE_CASES") > 0
                          ? qEnvironmentVariableIntValue("SQLSNAP_COMPARE_CASES")
                          : 100;
    const bool haveSqldiff = !QStandardPaths::findExecutable(QStringLiteral("sqldiff")).isEmpty();
    int comparedWithSqldiff = 0;
    int fastPathUsed = 0; // tables where skipping pages left rows unread
    for (int seed = 1; seed <= cases; ++seed) {
        QRandomGenerator r(quint32(seed) * 7919u);
        const QString folder = testsupport::freshFolder(m_dir, QStringLiteral("case"));
        const QString a = folder + QStringLiteral("/a.db"), b = folder + QStringLiteral("/b.db"),
                      applied = folder + QStringLiteral("/applied.db");
        sqlite3* db = nullptr;
        sqlite3_open(a.toUtf8().constData(), &db);
        exec(db, QStringLiteral("PRAGMA synchronous=OFF"));
        exec(db, QString::fromLatin1(kSchema));
        fill(db, r, 60 + r.bounded(200));
        sqlite3_close(db);
        QVERIFY(QFile::copy(a, b));
        sqlite3_open(b.toUtf8().constData(), &db);
        exec(db, QStringLiteral("PRAGMA synchronous=OFF"));
        change(db, r);
        sqlite3_close(db);
        const QByteArray hashA = sha256(a), hashB = sha256(b);

        // The visitor's rows agree with the counts; the fast path (unchanged pages skipped) and the row
        // merge of every row give the same answer, row for row.
        QMap<QString, qint64> visited;
        QList<QPair<QString, RowChange>> fastRows, mergedRows;
        CompareOptions options;
        options.rowChanged = [&](const TableComparison& t, const RowChange& c) {
            ++visited[t.name];
            fastRows.append({t.name, c});
        };
        auto summary = compareDatabases(a, b, options);
        QVERIFY2(summary.ok(), qPrintable(summary.ok() ? QString() : summary.error().message));
        for (const TableComparison& t : summary->tables) {
            QVERIFY2(t.error.isEmpty(), qPrintable(t.error));
            QCOMPARE(visited.value(t.name), t.rowsAdded + t.rowsRemoved + t.rowsChanged);
            if (t.unchangedPagesSkipped && t.rowsMerged < t.rowsUnchanged)
                ++fastPathUsed;
        }
        CompareOptions everyRow;
        everyRow.skipUnchangedPages = false;
        everyRow.rowChanged = [&](const TableComparison& t, const RowChange& c) {
            mergedRows.append({t.name, c});
        };
        auto merged = compareDatabases(a, b, everyRow);
        QVERIFY(merged.ok());
        QCOMPARE(merged->tables.size(), summary->tables.size());
        for (int i = 0; i < merged->tables.size(); ++i) {
            const TableComparison &x = summary->tables[i], &y = merged->tables[i];
            QVERIFY(!y.unchangedPagesSkipped);
            QVERIFY2(
                x.rowsAdded == y.rowsAdded && x.rowsRemoved == y.rowsRemoved &&
                    x.rowsChanged == y.rowsChanged && x.rowsUnchanged == y.rowsUnchanged,
                qPrintable(
                    QStringLiteral("seed %1 table %2: fast path and merge disagree").arg(seed).arg(x.name)));
        }
        QCOMPARE(fastRows.size(), mergedRows.size());
        for (int i = 0; i < fastRows.size(); ++i) {
            QCOMPARE(fastRows[i].first, mergedRows[i].first);
            QCOMPARE(fastRows[i].second.kind, mergedRows[i].second.kind);
            QCOMPARE(fastRows[i].second.key, mergedRows[i].second.key);
            QCOMPARE(fastRows[i].second.before, mergedRows[i].second.before);
            QCOMPARE(fastRows[i].second.after, mergedRows[i].second.after);
        }

        // sqldiff's counts, where it defines them (both sides, same definition).
        if (haveSqldiff) {
            const auto theirs = sqldiffSummary(a, b);
            for (const TableComparison& t : summary->tables) {
                if (!t.inA || !t.inB || t.definitionChanged)
                    continue;
                QVERIFY2(theirs.contains(t.name), qPrintable(t.name));
                const SqldiffCounts c = theirs.value(t.name);
                QStringList on;
                for (const QString& k : t.keyColumns)
                    on << QStringLiteral("x.\"%1\" = y.\"%1\"").arg(k);
                const qint64 numeric =
                    numericTypeChanges(a, b, t.name, on.join(QStringLiteral(" AND ")), t.commonColumns);
                QVERIFY2(
                    c.inserts == t.rowsAdded && c.deletes == t.rowsRemoved &&
                        c.changes + numeric == t.rowsChanged,
                    qPrintable(
                        QStringLiteral(
                            "seed %1 table %2: sqldiff %3/%4/%5 (+%6 numeric type changes), ours %7/%8/%9")
                            .arg(seed)
                            .arg(t.name)
                            .arg(c.inserts)
                            .arg(c.deletes)
                            .arg(c.changes)
                            .arg(numeric)
                            .arg(t.rowsAdded)
                            .arg(t.rowsRemoved)
                            .arg(t.rowsChanged)));
                ++comparedWithSqldiff;
            }
        }

        // The SQL turns a copy of A into B.
        auto comparison = DatabaseComparison::open(a, b);
        QVERIFY(comparison.ok());
        QByteArray script;
        bool differences = false;
        QVERIFY(ComparisonScript::write(
            **comparison, {}, [&](const QByteArray& s) { script += s; }, {}, &differences));
        QCOMPARE(differences, !summary->identical());
        QVERIFY(QFile::copy(a, applied));
        sqlite3_open(applied.toUtf8().constData(), &db);
        exec(db, QStringLiteral("PRAGMA synchronous=OFF"));
        const bool ran = exec(db, QString::fromUtf8(script));
        sqlite3_close(db);
        QVERIFY2(ran, qPrintable(QStringLiteral("seed %1").arg(seed)));
        const QString problem = sameContent(applied, b, *summary);
        QVERIFY2(problem.isEmpty(), qPrintable(QStringLiteral("seed %1: %2").arg(seed).arg(problem)));
        auto again = compareDatabases(applied, b);
        QVERIFY(again.ok());
        QVERIFY2(again->identical(), qPrintable(QStringLiteral("seed %1").arg(seed)));

        QCOMPARE(sha256(a), hashA);
        QCOMPARE(sha256(b), hashB);
    }
    if (haveSqldiff)
        QVERIFY(comparedWithSqldiff > cases);
    QVERIFY(fastPathUsed > cases / 2);
}

// Two snapshots of one database with a few rows changed: the fast path reads only the rows under changed
// leaves; after VACUUM INTO (pages after the first change moved) it skips what still coincides; every
// answer is the merge's.
void TestCompare::fastPathSkipsUnchangedPages() {
    const QString folder = testsupport::freshFolder(m_dir);
    const QString a = folder + QStringLiteral("/a.db"), b = folder + QStringLiteral("/b.db"),
                  vacuumed = folder + QStringLiteral("/vacuumed.db");
    QVERIFY(testsupport::execSql(
        a, QStringLiteral("CREATE TABLE t(x, y);"
                          "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 50000) "
                          "INSERT INTO t SELECT i, printf('row %d', i) FROM n")));
    QVERIFY(QFile::copy(a, b));
    QVERIFY(testsupport::execSql(
        b, QStringLiteral("UPDATE t SET y = 'changed' WHERE x IN (10, 20000, 40000);"
                          "DELETE FROM t WHERE x = 30000; INSERT INTO t VALUES(-1, 'new')")));
    QVERIFY(testsupport::execSql(b, QStringLiteral("VACUUM INTO '%1'").arg(vacuumed)));
    for (const QString& other : {b, vacuumed}) {
        CompareOptions fast, slow;
        slow.skipUnchangedPages = false;
        auto x = compareDatabases(a, other, fast);
        auto y = compareDatabases(a, other, slow);
        QVERIFY(x.ok() && y.ok());
        const TableComparison &tx = x->tables.first(), &ty = y->tables.first();
        QCOMPARE(tx.rowsChanged, 3);
        QCOMPARE(tx.rowsRemoved, 1);
        QCOMPARE(tx.rowsAdded, 1);
        QCOMPARE(tx.rowsUnchanged, ty.rowsUnchanged);
        QCOMPARE(ty.rowsMerged, 50000 + 50000);
        if (other == b)
            QVERIFY2(tx.rowsMerged < 5000, qPrintable(QString::number(tx.rowsMerged)));
    }
    // Another layout of the same rows (inserted in a random order, same rowids): whatever pages happen to
    // coincide, the answer is the merge's.
    const QString shuffled = folder + QStringLiteral("/shuffled.db");
    QVERIFY(testsupport::execSql(
        shuffled, QStringLiteral("CREATE TABLE t(x, y); ATTACH '%1' AS v; INSERT INTO t(rowid, x, y) "
                                 "SELECT rowid, x, y FROM v.t ORDER BY random()")
                      .arg(vacuumed)));
    CompareOptions slow;
    slow.skipUnchangedPages = false;
    auto x = compareDatabases(a, shuffled);
    auto y = compareDatabases(a, shuffled, slow);
    QVERIFY(x.ok() && y.ok());
    QCOMPARE(x->tables.first().rowsChanged, 3);
    QCOMPARE(x->tables.first().rowsUnchanged, y->tables.first().rowsUnchanged);
    QCOMPARE(x->tables.first().rowsAdded, y->tables.first().rowsAdded);
}

void TestCompare::valuesAsStored() {
    const QString folder = testsupport::freshFolder(m_dir);
    const QString a = folder + QStringLiteral("/a.db"), b = folder + QStringLiteral("/b.db");
    QVERIFY(testsupport::execSql(
        a, QStringLiteral("CREATE TABLE v(id INTEGER PRIMARY KEY, x);"
                          "INSERT INTO v VALUES(1, 1), (2, 1), (3, 1), (4, NULL), (5, 1.0), (6, '')")));
    QVERIFY(testsupport::execSql(
        b, QStringLiteral(
               "CREATE TABLE v(id INTEGER PRIMARY KEY, x);"
               "INSERT INTO v VALUES(1, 1.0), (2, '1'), (3, x'31'), (4, NULL), (5, 1.0), (6, NULL)")));
    QList<RowChange> rows;
    CompareOptions options;
    options.rowChanged = [&](const TableComparison&, const RowChange& c) { rows << c; };
    auto summary = compareDatabases(a, b, options);
    QVERIFY(summary.ok());
    QCOMPARE(summary->tables.size(), 1);
    const TableComparison& t = summary->tables.first();
    QCOMPARE(t.rowsChanged, 4);   // 1 -> 1.0, 1 -> '1', 1 -> x'31', '' -> NULL
    QCOMPARE(t.rowsUnchanged, 2); // NULL = NULL, 1.0 = 1.0
    QCOMPARE(rows.size(), 4);
    QCOMPARE(rows[0].key, QVariantList{QVariant::fromValue<qint64>(1)});
    QCOMPARE(rows[0].after.value(1).typeId(), int(QMetaType::Double));
    QCOMPARE(rows[1].after.value(1).typeId(), int(QMetaType::QString));
    QCOMPARE(rows[2].after.value(1).typeId(), int(QMetaType::QByteArray));
    QCOMPARE(rows[3].changedColumns, QList<int>{1});
    QVERIFY(!rows[3].after.value(1).isValid());
}

void TestCompare::keysAndWarnings() {
    const QString folder = testsupport::freshFolder(m_dir);
    const QString a = folder + QStringLiteral("/a.db");
    QVERIFY(testsupport::execSql(
        a, QStringLiteral("CREATE TABLE bare(x); CREATE TABLE ipk(id INTEGER PRIMARY KEY, x);"
                          "CREATE TABLE tpk(k TEXT PRIMARY KEY, x);"
                          "CREATE TABLE wr(k PRIMARY KEY, x) WITHOUT ROWID;"
                          "CREATE TABLE shadowed(rowid, x);")));
    auto comparison = DatabaseComparison::open(a, a);
    QVERIFY(comparison.ok());
    QMap<QString, TableComparison> byName;
    for (const TableComparison& t : (*comparison)->tables())
        byName[t.name] = t;
    QCOMPARE(byName[QStringLiteral("bare")].key, RowKey::Rowid);
    QCOMPARE(byName[QStringLiteral("bare")].keyColumns, QStringList{QStringLiteral("rowid")});
    QCOMPARE(byName[QStringLiteral("bare")].warnings.size(), 1);
    QVERIFY(byName[QStringLiteral("bare")].warnings.first().contains(QLatin1String("VACUUM")));
    QCOMPARE(byName[QStringLiteral("ipk")].key, RowKey::Rowid);
    QCOMPARE(byName[QStringLiteral("ipk")].keyColumns, QStringList{QStringLiteral("id")});
    QVERIFY(byName[QStringLiteral("ipk")].warnings.isEmpty());
    QCOMPARE(byName[QStringLiteral("tpk")].key, RowKey::PrimaryKey);
    QVERIFY(byName[QStringLiteral("tpk")].warnings.isEmpty());
    QCOMPARE(byName[QStringLiteral("wr")].key, RowKey::PrimaryKey);
    QVERIFY(byName[QStringLiteral("wr")].withoutRowid);
    QCOMPARE(byName[QStringLiteral("shadowed")].keyColumns, QStringList{QStringLiteral("_rowid_")});
}

void TestCompare::columnsChanged() {
    const QString folder = testsupport::freshFolder(m_dir);
    const QString a = folder + QStringLiteral("/a.db"), b = folder + QStringLiteral("/b.db");
    QVERIFY(testsupport::execSql(a, QStringLiteral("CREATE TABLE t(id INTEGER PRIMARY KEY, x, gone);"
                                                   "INSERT INTO t VALUES(1, 'a', 0), (2, 'b', 0)")));
    QVERIFY(
        testsupport::execSql(b, QStringLiteral("CREATE TABLE t(id INTEGER PRIMARY KEY, x, fresh);"
                                               "INSERT INTO t VALUES(1, 'a', 5), (2, 'B', 5), (3, 'c', 5)")));
    auto summary = compareDatabases(a, b);
    QVERIFY(summary.ok());
    const TableComparison& t = summary->tables.first();
    QVERIFY(t.definitionChanged);
    QCOMPARE(t.commonColumns, (QStringList{QStringLiteral("id"), QStringLiteral("x")}));
    QCOMPARE(t.columnsOnlyInA, QStringList{QStringLiteral("gone")});
    QCOMPARE(t.columnsOnlyInB, QStringList{QStringLiteral("fresh")});
    QCOMPARE(t.rowsChanged, 1);
    QCOMPARE(t.rowsUnchanged, 1);
    QCOMPARE(t.rowsAdded, 1);
    QCOMPARE(summary->schemaChanges.size(), 1);
    QCOMPARE(summary->schemaChanges.first().kind, SchemaChange::Kind::Changed);
    QVERIFY(summary->schemaChanges.first().sqlBefore.contains(QLatin1String("gone")));
    QVERIFY(summary->schemaChanges.first().sqlAfter.contains(QLatin1String("fresh")));
}

// A rowid table's PRIMARY KEY may hold NULLs (SQLite allows it): such rows are told apart by rowid, and the
// SQL names them by rowid.
void TestCompare::nullsInPrimaryKey() {
    const QString folder = testsupport::freshFolder(m_dir);
    const QString a = folder + QStringLiteral("/a.db"), b = folder + QStringLiteral("/b.db"),
                  applied = folder + QStringLiteral("/applied.db");
    QVERIFY(testsupport::execSql(a, QStringLiteral("CREATE TABLE n(k TEXT PRIMARY KEY, v);"
                                                   "INSERT INTO n VALUES(NULL, 1), (NULL, 2), ('a', 3)")));
    QVERIFY(QFile::copy(a, b));
    QVERIFY(testsupport::execSql(
        b, QStringLiteral("UPDATE n SET v = 20 WHERE rowid = 2; INSERT INTO n VALUES(NULL, 4);"
                          "DELETE FROM n WHERE rowid = 1")));
    auto comparison = DatabaseComparison::open(a, b);
    QVERIFY(comparison.ok());
    auto t = (*comparison)->compareTable(QStringLiteral("n"));
    QVERIFY(t.ok());
    QCOMPARE(t->key, RowKey::PrimaryKey);
    QCOMPARE(t->rowsChanged, 1);
    QCOMPARE(t->rowsAdded, 1);
    QCOMPARE(t->rowsRemoved, 1);
    QCOMPARE(t->rowsUnchanged, 1);
    QByteArray script;
    QVERIFY(ComparisonScript::write(**comparison, {}, [&](const QByteArray& s) { script += s; }));
    QVERIFY2(script.contains("UPDATE \"n\" SET \"v\"=20 WHERE \"rowid\"=2;"), script.constData());
    QVERIFY2(script.contains("DELETE FROM \"n\" WHERE \"rowid\"=1;"), script.constData());
    QVERIFY(QFile::copy(a, applied));
    QVERIFY(testsupport::execSql(applied, QString::fromUtf8(script)));
    QCOMPARE(testsupport::queryText(
                 applied, QStringLiteral("SELECT group_concat(coalesce(k, 'NULL') || '=' || v, ' ') FROM "
                                         "(SELECT * FROM n ORDER BY v)")),
             QStringLiteral("a=3 NULL=4 NULL=20"));
}

// A UNIQUE value moving from one row to another (deleted here, added there; two rows swapping theirs; a
// UNIQUE INDEX as well as an inline constraint): the script still turns A into B, statement by statement
// (sqlite3_exec stops at the first error, as `sqlite3 -bail` does). In key order, the INSERT of 2 came
// before the DELETE of 5 that frees 'bob', and the swap's first UPDATE met the other row's value.
void TestCompare::uniqueValuesMovingBetweenRowsApply() {
    const QString folder = testsupport::freshFolder(m_dir);
    const QString a = folder + QStringLiteral("/a.db"), b = folder + QStringLiteral("/b.db"),
                  applied = folder + QStringLiteral("/applied.db");
    QVERIFY(testsupport::execSql(
        a, QStringLiteral("CREATE TABLE users(id INTEGER PRIMARY KEY, email TEXT UNIQUE);"
                          "INSERT INTO users VALUES (1, 'a'), (2, 'b'), (5, 'bob');"
                          "CREATE TABLE tags(k TEXT PRIMARY KEY, label TEXT) WITHOUT ROWID;"
                          "CREATE UNIQUE INDEX tags_label ON tags(label);"
                          "INSERT INTO tags VALUES ('x', 'red'), ('y', 'blue'), ('z', 'green');"
                          "CREATE TABLE plain(id INTEGER PRIMARY KEY, v);"
                          "INSERT INTO plain VALUES (1, 'one'), (2, 'two');")));
    QVERIFY(QFile::copy(a, b));
    QVERIFY(testsupport::execSql(
        b, QStringLiteral(
               "DELETE FROM users WHERE id = 5; UPDATE users SET email = 'bob' WHERE id = 2;"
               "INSERT INTO users VALUES (3, 'b'); UPDATE users SET email = 'c' WHERE id = 1;"
               "UPDATE tags SET label = 'tmp' WHERE k = 'x'; UPDATE tags SET label = 'red' WHERE k = 'y';"
               "UPDATE tags SET label = 'blue' WHERE k = 'x'; DELETE FROM tags WHERE k = 'z';"
               "INSERT INTO tags VALUES ('w', 'green'); UPDATE plain SET v = 'uno' WHERE id = 1;")));
    auto comparison = DatabaseComparison::open(a, b);
    QVERIFY(comparison.ok());
    QByteArray script;
    QVERIFY(ComparisonScript::write(**comparison, {}, [&](const QByteArray& s) { script += s; }));
    QVERIFY2(script.contains("UPDATE \"plain\" SET \"v\"='uno' WHERE \"id\"=1;"), script.constData());
    QVERIFY(QFile::copy(a, applied));
    QVERIFY2(testsupport::execSql(applied, QString::fromUtf8(script)), script.constData());
    auto again = compareDatabases(applied, b);
    QVERIFY(again.ok());
    QVERIFY2(again->identical(), script.constData());

    // A NUL inside a TEXT value: the statement still parses, and the value stays TEXT with it.
    QVERIFY(testsupport::execSql(
        b, QStringLiteral("INSERT INTO plain VALUES (9, CAST(x'666F6F00626172' AS TEXT))")));
    auto withNul = DatabaseComparison::open(a, b);
    QVERIFY(withNul.ok());
    script.clear();
    QVERIFY(ComparisonScript::write(**withNul, {}, [&](const QByteArray& s) { script += s; }));
    QVERIFY2(script.contains("'foo'||char(0)||'bar'"), script.constData());
    QVERIFY(QFile::remove(applied) && QFile::copy(a, applied));
    QVERIFY2(testsupport::execSql(applied, QString::fromUtf8(script)), script.constData());
    QCOMPARE(testsupport::queryText(
                 applied, QStringLiteral("SELECT typeof(v) || ' ' || hex(v) FROM plain WHERE id = 9")),
             QStringLiteral("text 666F6F00626172"));
    auto nulAgain = compareDatabases(applied, b);
    QVERIFY(nulAgain.ok());
    QVERIFY(nulAgain->identical());
}

void TestCompare::pagesMatchTheVisitor() {
    const QString folder = testsupport::freshFolder(m_dir);
    const QString a = folder + QStringLiteral("/a.db"), b = folder + QStringLiteral("/b.db");
    QVERIFY(testsupport::execSql(
        a, QStringLiteral("CREATE TABLE t(k TEXT PRIMARY KEY, v);"
                          "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 1000) "
                          "INSERT INTO t SELECT 'k' || i, i FROM n")));
    QVERIFY(QFile::copy(a, b));
    QVERIFY(testsupport::execSql(
        b, QStringLiteral("UPDATE t SET v = -v WHERE v % 7 = 0; DELETE FROM t WHERE v % 11 = 0;"
                          "INSERT INTO t VALUES('new1', 1), ('new2', 2)")));
    auto comparison = DatabaseComparison::open(a, b);
    QVERIFY(comparison.ok());
    QList<RowChange> visited;
    auto counted =
        (*comparison)->compareTable(QStringLiteral("t"), {}, [&](const TableComparison&, const RowChange& c) {
            visited << c;
        });
    QVERIFY(counted.ok());
    auto cursor = (*comparison)->changedRows(QStringLiteral("t"));
    QVERIFY(cursor.ok());
    QList<RowChange> paged;
    while (!(*cursor)->atEnd()) {
        auto page = (*cursor)->next(7);
        QVERIFY(page.ok());
        QVERIFY(page->size() <= 7);
        paged << *page;
    }
    QCOMPARE(paged.size(), visited.size());
    QCOMPARE(qint64(paged.size()), counted->rowsAdded + counted->rowsRemoved + counted->rowsChanged);
    for (int i = 0; i < paged.size(); ++i) {
        QCOMPARE(paged[i].kind, visited[i].kind);
        QCOMPARE(paged[i].key, visited[i].key);
    }
    QCOMPARE((*cursor)->table().rowsChanged, counted->rowsChanged);
    QCOMPARE(counted->rowsAdded, 2);
}

void TestCompare::liveSourceIsStagedNotOpened() {
    const QString folder = testsupport::freshFolder(m_dir);
    const QString a = folder + QStringLiteral("/live.db"), b = folder + QStringLiteral("/b.db");
    QVERIFY(testsupport::execSql(b, QStringLiteral("CREATE TABLE t(x); INSERT INTO t VALUES(1), (2)")));
    // A WAL database whose last commit is only in its -wal: held open, so the -wal stays.
    sqlite3* holder = nullptr;
    sqlite3_open(a.toUtf8().constData(), &holder);
    QVERIFY(exec(holder,
                 QStringLiteral("PRAGMA journal_mode=WAL; CREATE TABLE t(x); INSERT INTO t VALUES(1), (3)")));
    const auto before = testsupport::folderBytes(folder);
    auto summary = compareDatabases(a, b);
    QVERIFY2(summary.ok(), qPrintable(summary.ok() ? QString() : summary.error().message));
    QCOMPARE(summary->tables.first().rowsChanged, 1);
    QCOMPARE(testsupport::folderBytes(folder), before);
    sqlite3_close(holder);
}

// The same file by two paths (a symlink; a live WAL database, whose last commit is only in its -wal) is
// one side read once: no second copy to differ from the first, no file left, every table unchanged.
void TestCompare::oneFileReachedTwiceIsReadOnce() {
    const QString folder = testsupport::freshFolder(m_dir);
    const QString a = folder + QStringLiteral("/live.db"), link = folder + QStringLiteral("/link.db");
    sqlite3* holder = nullptr;
    sqlite3_open(a.toUtf8().constData(), &holder);
    QVERIFY(exec(holder, QStringLiteral("PRAGMA journal_mode=WAL; CREATE TABLE t(k TEXT PRIMARY KEY, v);"
                                        "INSERT INTO t VALUES('x', 1), ('y', 2)")));
    QVERIFY(QFile::link(a, link));
    const auto before = testsupport::folderBytes(folder);
    for (const QString& b : {a, link, a + QStringLiteral("-wal")}) {
        auto summary = compareDatabases(a, b);
        QVERIFY2(summary.ok(), qPrintable(summary.ok() ? QString() : summary.error().message));
        QVERIFY(summary->sameFile);
        QVERIFY(summary->identical());
        QCOMPARE(summary->tables.first().rowsUnchanged, 2);
    }
    QCOMPARE(testsupport::folderBytes(folder), before);
    sqlite3_close(holder);
    const QString copy = folder + QStringLiteral("/copy.db");
    QVERIFY(QFile::copy(a, copy));
    auto two = compareDatabases(a, copy);
    QVERIFY(two.ok());
    QVERIFY(!two->sameFile);
}

void TestCompare::declaredTypesPerSide() {
    const QString folder = testsupport::freshFolder(m_dir);
    const QString a = folder + QStringLiteral("/a.db"), b = folder + QStringLiteral("/b.db");
    QVERIFY(
        testsupport::execSql(a, QStringLiteral("CREATE TABLE t(id INTEGER PRIMARY KEY, n VARCHAR(9), x)")));
    QVERIFY(
        testsupport::execSql(b, QStringLiteral("CREATE TABLE t(id INTEGER PRIMARY KEY, n TEXT, y BLOB)")));
    auto opened = DatabaseComparison::open(a, b);
    QVERIFY(opened.ok());
    const TableComparison& t = (*opened)->tables().first();
    QCOMPARE(t.typesA, (QStringList{QStringLiteral("INTEGER"), QStringLiteral("VARCHAR(9)"), QString()}));
    QCOMPARE(t.typesB,
             (QStringList{QStringLiteral("INTEGER"), QStringLiteral("TEXT"), QStringLiteral("BLOB")}));
    QCOMPARE(t.keyColumns, QStringList{QStringLiteral("id")});
    QVERIFY(t.implicitRowid.isEmpty()); // the INTEGER PRIMARY KEY is the rowid
}

// A file read in place that a program changes while it is compared: the comparison says so instead of
// answering from two different states.
void TestCompare::fileChangedMeanwhile() {
    const QString folder = testsupport::freshFolder(m_dir);
    const QString a = folder + QStringLiteral("/a.db"), b = folder + QStringLiteral("/b.db");
    QVERIFY(testsupport::execSql(
        a, QStringLiteral("CREATE TABLE one(x); CREATE TABLE two(x); INSERT INTO one VALUES(1)")));
    QVERIFY(QFile::copy(a, b));
    CompareOptions options;
    options.tableCompared = [&](const TableComparison& t) {
        if (t.name == QLatin1String("one"))
            QVERIFY(testsupport::execSql(a, QStringLiteral("INSERT INTO two VALUES(2)")));
    };
    auto summary = compareDatabases(a, b, options);
    QVERIFY(!summary.ok());
    QCOMPARE(summary.error().kind, ErrorKind::Inconsistent);
    QVERIFY2(summary.error().message.contains(a), qPrintable(summary.error().message));
}

void TestCompare::cancelStopsABigTable() {
    const QString folder = testsupport::freshFolder(m_dir);
    const QString a = folder + QStringLiteral("/a.db"), b = folder + QStringLiteral("/b.db");
    const QString rows =
        QStringLiteral("WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 300000) ");
    QVERIFY(testsupport::execSql(a, QStringLiteral("CREATE TABLE t(k TEXT PRIMARY KEY, v); ") + rows +
                                        QStringLiteral("INSERT INTO t SELECT 'k' || i, i FROM n")));
    QVERIFY(testsupport::execSql(b, QStringLiteral("CREATE TABLE t(k TEXT PRIMARY KEY, v); ") + rows +
                                        QStringLiteral("INSERT INTO t SELECT 'k' || i, -i FROM n")));
    CancelFlag flag;
    qint64 readWhenCancelled = -1, readAtEnd = 0;
    CompareOptions options;
    options.progress = [&](const CompareProgress& p) {
        readAtEnd = p.rowsRead;
        if (p.rowsRead > 0 && readWhenCancelled < 0) {
            readWhenCancelled = p.rowsRead;
            std::thread([&flag] { flag.cancel(); }).join(); // from another thread, as the app's Cancel does
        }
    };
    auto summary = compareDatabases(a, b, options, &flag);
    QVERIFY(!summary.ok());
    QCOMPARE(summary.error().kind, ErrorKind::Cancelled);
    QVERIFY(readWhenCancelled > 0);
    QVERIFY(readAtEnd < 600000); // it stopped instead of reading both tables to their ends

    // A cursor's page with a cancelled token stops too, and says so.
    auto comparison = DatabaseComparison::open(a, b);
    QVERIFY(comparison.ok());
    auto cursor = (*comparison)->changedRows(QStringLiteral("t"));
    QVERIFY(cursor.ok());
    CancelToken token;
    token.cancel();
    auto page = (*cursor)->next(1000000, token);
    QVERIFY(!page.ok());
    QCOMPARE(page.error().kind, ErrorKind::Cancelled);
}

void TestCompare::badInputs() {
    const QString folder = testsupport::freshFolder(m_dir);
    const QString a = folder + QStringLiteral("/a.db"), text = folder + QStringLiteral("/text.txt");
    QVERIFY(testsupport::execSql(a, QStringLiteral("CREATE TABLE t(x)")));
    QVERIFY(testsupport::writeFile(text, QByteArray(4096, 'x')));
    auto missing = compareDatabases(a, folder + QStringLiteral("/nope.db"));
    QVERIFY(!missing.ok());
    QCOMPARE(missing.error().kind, ErrorKind::SourceMissing);
    auto notDb = compareDatabases(text, a);
    QVERIFY(!notDb.ok());
    QCOMPARE(notDb.error().kind, ErrorKind::NotADatabase);
    CompareOptions options;
    options.tables = {QStringLiteral("nosuch")};
    auto unknown = compareDatabases(a, a, options);
    QVERIFY(!unknown.ok());
    QCOMPARE(unknown.error().kind, ErrorKind::InvalidArgument);
}

QTEST_GUILESS_MAIN(TestCompare)
#include "tst_compare.moc"

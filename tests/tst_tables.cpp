// Listing tables: hostile identifiers, WITHOUT ROWID, views, and live sources read from a private copy.
#include "testsupport.h"

#include <sqlitesnapshot/tables.h>

#include <QDir>
#include <QTest>

#include <sqlite3.h>

using namespace sqlsnap;
using namespace testsupport;

namespace {

const TableInfo* findTable(const QList<TableInfo>& tables, const QString& name) {
    for (const TableInfo& t : tables)
        if (t.name == name)
            return &t;
    return nullptr;
}

} // namespace

class TestTables : public QObject {
    Q_OBJECT
    QTemporaryDir m_tmp;

private slots:
    void hostileNames() {
        const QString db = m_tmp.filePath(QStringLiteral("names.db"));
        const QStringList names{QStringLiteral("with space"),
                                QStringLiteral("quo\"te"),
                                QStringLiteral("[bracket]"),
                                QStringLiteral("new\nline"),
                                QStringLiteral("\"; DROP TABLE x; --"),
                                QStringLiteral("x")};
        QString sql;
        for (const QString& n : names)
            sql += QStringLiteral(
                       "CREATE TABLE %1(%2 INTEGER, v TEXT); INSERT INTO %1 VALUES(1, 'a'), (2, 'b');")
                       .arg(quoteIdentifier(n), quoteIdentifier(QStringLiteral("col ") + n));
        sql += QStringLiteral(
            "CREATE TABLE kv(k TEXT PRIMARY KEY, v) WITHOUT ROWID; INSERT INTO kv VALUES('a', 1);"
            "CREATE VIEW \"v w\" AS SELECT * FROM x;"
            "CREATE TABLE s(a INTEGER) STRICT;");
        QVERIFY(execSql(db, sql));
        auto tables = listTables(db);
        QVERIFY2(tables.ok(), tables.ok() ? "" : qPrintable(tables.error().message));
        for (const QString& n : names) {
            const TableInfo* t = findTable(*tables, n);
            QVERIFY2(t, qPrintable(n));
            QCOMPARE(t->rowCount, 2);
            QCOMPARE(t->columns.size(), 2);
            QCOMPARE(t->columns.first().name, QStringLiteral("col ") + n);
            QCOMPARE(t->columns.first().type, QStringLiteral("INTEGER"));
        }
        const TableInfo* kv = findTable(*tables, QStringLiteral("kv"));
        QVERIFY(kv && kv->withoutRowid && kv->rowCount == 1 && kv->columns.first().primaryKey);
        const TableInfo* view = findTable(*tables, QStringLiteral("v w"));
        QVERIFY(view && view->type == QStringLiteral("view") && view->rowCount == 2);
        QVERIFY(findTable(*tables, QStringLiteral("s"))->strict);
        QVERIFY(findTable(*tables, QStringLiteral("x"))); // the "DROP TABLE" name dropped nothing
    }

    void liveWalSourceIsReadFromACopy() {
        const QString dir = m_tmp.filePath(QStringLiteral("live"));
        QDir().mkpath(dir);
        const QString db = dir + QStringLiteral("/live.db");
        Helper holder({QStringLiteral("hold"), db, QStringLiteral("wal"), QStringLiteral("--normal-locking"),
                       QStringLiteral("--no-checkpoint")});
        QVERIFY(holder.ready());
        const auto before = folderBytes(dir);
        auto tables = listTables(db);
        QVERIFY2(tables.ok(), tables.ok() ? "" : qPrintable(tables.error().message));
        QCOMPARE(findTable(*tables, QStringLiteral("log"))->rowCount,
                 2000); // rows that live only in the -wal
        QCOMPARE(folderBytes(dir), before);
    }

    void notADatabase() {
        const QString file = m_tmp.filePath(QStringLiteral("text.db"));
        QVERIFY(writeFile(file, "plain text"));
        auto tables = listTables(file);
        QVERIFY(!tables.ok());
        QCOMPARE(tables.error().kind, ErrorKind::NotADatabase);
    }
};

QTEST_GUILESS_MAIN(TestTables)
#include "tst_tables.moc"

// Per-column filters as a user types them (contains, =, <>, <, <=, >, >=, x..y, NULL, NOT NULL,
// /regex/, \literal) and the all-columns text, on a real file: which rows each one keeps, BLOBs matched
// by the hex the grid shows (never by their bytes), typed comparisons, and hostile text kept literal.
#include "testsupport.h"

#include <sqlitesnapshot/reader.h>

#include <QTest>

using namespace sqlsnap;
using namespace testsupport;

class TestRowFilter : public QObject {
    Q_OBJECT
    QTemporaryDir m_tmp;
    QString m_db;
    std::unique_ptr<SnapshotReader> m_reader;
    TableSchema m_schema;

    // The ids of the rows `filter` keeps, in rowid order.
    QString kept(const RowFilter& filter) {
        auto page = m_reader->rowsAfterKey(m_schema, filter, std::nullopt, 1000);
        if (!page)
            return QStringLiteral("error: ") + page.error().message;
        QStringList ids;
        for (qint64 k : page->keys)
            ids << QString::number(k);
        auto count = m_reader->countRows(m_schema, filter);
        if (!count || *count != page->keys.size())
            return QStringLiteral("count disagrees");
        return ids.join(QLatin1Char(','));
    }
    QString kept(const QString& column, const QString& text) {
        return kept(RowFilter{{}, {ColumnFilter{column, text}}});
    }

private slots:
    void initTestCase() {
        m_db = m_tmp.filePath(QStringLiteral("snap.db"));
        QVERIFY(execSql(
            m_db,
            QStringLiteral("CREATE TABLE t(id INTEGER PRIMARY KEY, n INTEGER, r REAL, s TEXT, b BLOB, u);"
                           "INSERT INTO t VALUES"
                           " (1, 5, 3.0, 'Abc', x'00FF10', 5),"
                           " (2, 10, 2.5, 'abd', CAST('abc' AS BLOB), '5'),"
                           " (3, NULL, NULL, NULL, NULL, NULL),"
                           " (4, 7, 7.25, '', x'616263', 5.0),"
                           " (5, -3, 100.0, '=x marks', x'', 'text'),"
                           " (6, 3, 3.5, 'it''s; DROP TABLE t; --', x'0A', x'05');")));
        auto reader = SnapshotReader::open(m_db);
        QVERIFY(reader);
        m_reader = std::move(*reader);
        auto schema = m_reader->schema(QStringLiteral("t"));
        QVERIFY(schema);
        m_schema = *schema;
    }

    void containsIsOnWhatTheGridShows() {
        QCOMPARE(kept(QStringLiteral("s"), QStringLiteral("ab")),
                 QStringLiteral("1,2,6")); // any case: "TABLE" too
        QCOMPARE(kept(QStringLiteral("r"), QStringLiteral("3.0")), QStringLiteral("1")); // a REAL as 3.0
        // A BLOB by its hex digits, spaces as typed ignored; never by the bytes behind them.
        QCOMPARE(kept(QStringLiteral("b"), QStringLiteral("00 ff")), QStringLiteral("1"));
        QCOMPARE(kept(QStringLiteral("b"), QStringLiteral("616263")), QStringLiteral("2,4"));
        QCOMPARE(kept(QStringLiteral("b"), QStringLiteral("abc")), QString());
        QCOMPARE(kept(RowFilter{QStringLiteral("abc")}), QStringLiteral("1")); // the all-columns box too
        QCOMPARE(kept(QStringLiteral("s"), QStringLiteral("%")), QString());   // LIKE's wildcards literal
        QCOMPARE(kept(QStringLiteral("s"), QStringLiteral("'s; DROP TABLE t; --")), QStringLiteral("6"));
        QCOMPARE(kept(QStringLiteral("s"), QStringLiteral("\\=x")), QStringLiteral("5")); // \ = literally
    }

    void comparisonsAreTyped() {
        QCOMPARE(kept(QStringLiteral("n"), QStringLiteral("=5")), QStringLiteral("1"));
        QCOMPARE(kept(QStringLiteral("n"), QStringLiteral("<>5")), QStringLiteral("2,4,5,6")); // not NULL
        QCOMPARE(kept(QStringLiteral("n"), QStringLiteral("!= 5")), QStringLiteral("2,4,5,6"));
        QCOMPARE(kept(QStringLiteral("n"), QStringLiteral("<7")), QStringLiteral("1,5,6"));
        QCOMPARE(kept(QStringLiteral("n"), QStringLiteral("<=7")), QStringLiteral("1,4,5,6"));
        QCOMPARE(kept(QStringLiteral("n"), QStringLiteral(">7")), QStringLiteral("2"));
        QCOMPARE(kept(QStringLiteral("n"), QStringLiteral(">= 7")), QStringLiteral("2,4"));
        QCOMPARE(kept(QStringLiteral("n"), QStringLiteral("3..7")), QStringLiteral("1,4,6"));
        QCOMPARE(kept(QStringLiteral("r"), QStringLiteral("2.5..3.5")), QStringLiteral("1,2,6"));
        QCOMPARE(kept(QStringLiteral("n"), QStringLiteral("-3..-3")), QStringLiteral("5"));
        // Numerically, not as text: 10 > 7 although "10" < "7".
        QCOMPARE(kept(QStringLiteral("n"), QStringLiteral(">9")), QStringLiteral("2"));
        // A column without a type: 5 equals 5 and 5.0, not the text '5' nor a BLOB.
        QCOMPARE(kept(QStringLiteral("u"), QStringLiteral("=5")), QStringLiteral("1,4"));
        QCOMPARE(kept(QStringLiteral("s"), QStringLiteral("=abd")), QStringLiteral("2"));
        QCOMPARE(kept(QStringLiteral("s"), QStringLiteral("=")), QStringLiteral("4")); // the empty text
        QCOMPARE(kept(QStringLiteral("b"), QStringLiteral("=00 ff 10")), QStringLiteral("1"));
    }

    void nullsAndRegularExpressions() {
        QCOMPARE(kept(QStringLiteral("n"), QStringLiteral("NULL")), QStringLiteral("3"));
        QCOMPARE(kept(QStringLiteral("n"), QStringLiteral("null")), QStringLiteral("3"));
        QCOMPARE(kept(QStringLiteral("s"), QStringLiteral("NOT NULL")), QStringLiteral("1,2,4,5,6"));
        QCOMPARE(kept(QStringLiteral("s"), QStringLiteral("/^ab/")), QStringLiteral("2"));
        QCOMPARE(kept(QStringLiteral("s"), QStringLiteral("/^ab/i")), QStringLiteral("1,2"));
        QCOMPARE(kept(QStringLiteral("b"), QStringLiteral("/^6162/")), QStringLiteral("2,4")); // hex again
        QCOMPARE(kept(QStringLiteral("r"), QStringLiteral("/\\.25$/")), QStringLiteral("4"));
    }

    void filtersCombineWithAnd() {
        RowFilter both{QStringLiteral("ab"), {ColumnFilter{QStringLiteral("n"), QStringLiteral(">6")}}};
        QCOMPARE(kept(both), QStringLiteral("2"));
        both.columns << ColumnFilter{QStringLiteral("r"), QStringLiteral("<2")};
        QCOMPARE(kept(both), QString());
        RowFilter blanks{{}, {ColumnFilter{QStringLiteral("n"), QStringLiteral("  ")}}};
        QVERIFY(blanks.isEmpty()); // an empty box filters nothing
        QCOMPARE(kept(blanks), QStringLiteral("1,2,3,4,5,6"));
    }

    void whatCannotBeUsedIsSaidAndMatchesNothing() {
        const Status bad = checkColumnFilter(QStringLiteral("/a(b/"));
        QVERIFY(!bad);
        QCOMPARE(bad.error().kind, ErrorKind::InvalidArgument);
        QVERIFY2(bad.error().message.contains(QStringLiteral("regular expression")),
                 qPrintable(bad.error().message));
        QVERIFY(checkColumnFilter(QStringLiteral("/ab/")));
        QVERIFY(checkColumnFilter(QStringLiteral("plain")));
        QCOMPARE(kept(QStringLiteral("s"), QStringLiteral("/a(b/")), QString());
        QCOMPARE(kept(QStringLiteral("no such column"), QStringLiteral("x")), QString());
        // The table is intact after all the text above.
        QCOMPARE(queryText(m_db, QStringLiteral("SELECT count(*) FROM t")), QStringLiteral("6"));
    }
};

QTEST_GUILESS_MAIN(TestRowFilter)
#include "tst_rowfilter.moc"

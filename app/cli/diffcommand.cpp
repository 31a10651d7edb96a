// `diff A B`: what changed between two databases (two snapshots, most often), table by table and row by
// row; a summary for people, a streamed JSON document, or the SQL that turns A into B (docs/cli.md).
#include "clicommon.h"

#include <sqlitesnapshot/compare.h>

#include <QFileInfo>

#include <cstdio>

namespace cli {
namespace {

// 1 means "differences found", as diff(1) and sqldiff say it: failures need a code of their own (as find's).
constexpr int kDifferences = 1;
constexpr int kDiffFailed = 4;

void out(const QByteArray& bytes) {
    std::fwrite(bytes.constData(), 1, size_t(bytes.size()), stdout);
}

QString rowsText(qint64 n) {
    return n == 1 ? QStringLiteral("1 row") : QStringLiteral("%1 rows").arg(n);
}

QString keyText(const sqlsnap::TableComparison& t) {
    switch (t.key) {
    case sqlsnap::RowKey::PrimaryKey:
        return QStringLiteral("primary key ") + t.keyColumns.join(QStringLiteral(", "));
    case sqlsnap::RowKey::Rowid: // an INTEGER PRIMARY KEY is named: it is the rowid
        return t.implicitRowid.isEmpty() && !t.keyColumns.isEmpty()
                   ? QStringLiteral("%1 (rowid)").arg(t.keyColumns.first())
                   : QStringLiteral("rowid");
    case sqlsnap::RowKey::None:
        break;
    }
    return QStringLiteral("no shared key");
}

QString tableLine(const sqlsnap::TableComparison& t) {
    if (!t.error.isEmpty())
        return QStringLiteral("%1: could not be compared: %2").arg(t.name, t.error);
    if (!t.inA)
        return QStringLiteral("%1: only in B, %2").arg(t.name, rowsText(t.rowsAdded));
    if (!t.inB)
        return QStringLiteral("%1: only in A, %2").arg(t.name, rowsText(t.rowsRemoved));
    QString line = t.hasDifferences()
                       ? QStringLiteral("%1: %2 added, %3 removed, %4 changed, %5 unchanged")
                             .arg(t.name)
                             .arg(t.rowsAdded)
                             .arg(t.rowsRemoved)
                             .arg(t.rowsChanged)
                             .arg(t.rowsUnchanged)
                       : QStringLiteral("%1: no differences, %2").arg(t.name, rowsText(t.rowsUnchanged));
    line += QStringLiteral(" (by %1)").arg(keyText(t));
    if (t.definitionChanged)
        line += QStringLiteral("; its definition changed");
    if (!t.columnsOnlyInA.isEmpty())
        line += QStringLiteral("; columns only in A: ") + t.columnsOnlyInA.join(QStringLiteral(", "));
    if (!t.columnsOnlyInB.isEmpty())
        line += QStringLiteral("; columns only in B: ") + t.columnsOnlyInB.join(QStringLiteral(", "));
    return line;
}

// The rowid warning says what may explain rows both added and removed: only then is it worth a line.
void warnAbout(const sqlsnap::TableComparison& t) {
    for (const QString& w : t.warnings)
        if (!w.startsWith(QLatin1String("matched by rowid")) || (t.rowsAdded > 0 && t.rowsRemoved > 0))
            warn(QStringLiteral("%1: %2").arg(t.name, w));
}

enum class Mode { Text, Json, Sql };

struct Run {
    Mode mode;
    bool summaryOnly;
    QStringList tables;
    bool differences = false;
    bool jsonOpen = false; // the document began: a failure closes it (ComparisonDocument does)
};

// The comparison itself, on the worker thread; prints as it goes.
sqlsnap::Status compareAndPrint(const QString& a, const QString& b, Run& run, sqlsnap::ProgressSink& sink) {
    auto opened = sqlsnap::DatabaseComparison::open(a, b, &sink);
    if (!opened)
        return opened.error();
    sqlsnap::DatabaseComparison& comparison = **opened;
    const sqlsnap::CancelToken cancel = sqlsnap::CancelToken::following(&sink);
    QList<sqlsnap::TableComparison> tables;
    for (const QString& name : run.tables) {
        bool found = false;
        for (const sqlsnap::TableComparison& t : comparison.tables())
            found = found || t.name.compare(name, Qt::CaseInsensitive) == 0;
        if (!found)
            return sqlsnap::Error{sqlsnap::ErrorKind::InvalidArgument,
                                  QStringLiteral("no table named %1 in A or B").arg(name)};
    }
    for (const sqlsnap::TableComparison& t : comparison.tables()) {
        bool wanted = run.tables.isEmpty();
        for (const QString& name : run.tables)
            wanted = wanted || t.name.compare(name, Qt::CaseInsensitive) == 0;
        if (wanted)
            tables << t;
    }
    QList<sqlsnap::SchemaChange> changes;
    for (const sqlsnap::SchemaChange& c : comparison.schemaChanges())
        if (sqlsnap::ComparisonDocument::inScope(c, run.tables))
            changes << c;
    run.differences = !changes.isEmpty();

    if (run.mode == Mode::Sql)
        return sqlsnap::ComparisonScript::write(comparison, run.tables, out, cancel, &run.differences);

    if (run.mode == Mode::Json)
        return sqlsnap::ComparisonDocument::write(comparison, run.tables, run.summaryOnly, out, cancel,
                                                  &run.differences, &run.jsonOpen,
                                                  [](const sqlsnap::TableComparison& t) {
                                                      warnAbout(t);
                                                      std::fflush(stdout);
                                                  });

    std::printf("A: %s\nB: %s\n", qPrintable(comparison.pathA()), qPrintable(comparison.pathB()));
    if (comparison.sameFile()) // read once: no second snapshot of a live database to differ from the first
        std::printf("A and B are the same file\n");
    for (const sqlsnap::SchemaChange& c : std::as_const(changes))
        std::printf("%s %s: %s\n", qPrintable(c.type), qPrintable(c.name),
                    qPrintable(sqlsnap::schemaChangeKindName(c.kind)));
    int tablesDiffering = 0;
    for (const sqlsnap::TableComparison& t : std::as_const(tables)) {
        auto compared = comparison.compareTable(t.name, cancel);
        if (!compared)
            return compared.error();
        if (compared->hasDifferences() || !compared->error.isEmpty()) {
            run.differences = true;
            ++tablesDiffering;
        }
        std::printf("%s\n", qPrintable(tableLine(*compared)));
        warnAbout(*compared);
        std::fflush(stdout);
    }
    if (!run.differences) {
        std::printf("no differences\n");
    } else {
        std::printf("%s; %d of %d tables differ\n",
                    qPrintable(changes.size() == 1 ? QStringLiteral("1 schema change")
                                                   : QStringLiteral("%1 schema changes").arg(changes.size())),
                    tablesDiffering, int(tables.size()));
    }
    return sqlsnap::success();
}

} // namespace

int runDiff(const QStringList& args) {
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral(
        "Compare database A with database B (two snapshots, most often): schema objects added, removed or\n"
        "changed, and per table the rows added, removed and changed, matched by PRIMARY KEY (else rowid)\n"
        "and compared as SQLite stores them (1, 1.0 and '1' differ). Neither file is ever written; a live\n"
        "database is read from a private copy. Exit 0 when they are the same, 1 when they differ, 2 usage,\n"
        "3 a source kept changing, 4 failure."));
    parser.addPositionalArgument(QStringLiteral("A"), QStringLiteral("The database before."));
    parser.addPositionalArgument(QStringLiteral("B"), QStringLiteral("The database after."));
    const QCommandLineOption json(
        QStringLiteral("json"),
        QStringLiteral("Print one JSON document: schema changes, tables, their rows."));
    const QCommandLineOption summary(QStringLiteral("summary"),
                                     QStringLiteral("With --json: the counts per table, no rows (the text is the counts either way;\n"
                                                    "the rows are in --json and --sql)."));
    const QCommandLineOption table(QStringLiteral("table"),
                                   QStringLiteral("Compare only table T (repeatable)."), QStringLiteral("T"));
    const QCommandLineOption sql(QStringLiteral("sql"),
                                 QStringLiteral("Print the SQL statements that turn A into B."));
    parser.addOptions({json, summary, table, sql});
    if (int code = parseOrExit(parser, args, 2, QStringLiteral("sqlite-snapshot-cli diff"), 2,
                               {QStringLiteral("table")});
        code >= 0)
        return code;
    if (parser.isSet(sql) && (parser.isSet(json) || parser.isSet(summary)))
        return usageError(QStringLiteral("--sql cannot be combined with --json or --summary"));
    for (const QString& t : parser.values(table))
        if (t.isEmpty())
            return usageError(QStringLiteral("--table needs a table name"));
    Run run{parser.isSet(sql)    ? Mode::Sql
            : parser.isSet(json) ? Mode::Json
                                 : Mode::Text,
            parser.isSet(summary), parser.values(table)};
    const QString a = QFileInfo(parser.positionalArguments().at(0)).absoluteFilePath();
    const QString b = QFileInfo(parser.positionalArguments().at(1)).absoluteFilePath();
    sqlsnap::Status outcome = sqlsnap::success();
    runWithProgress([&](sqlsnap::ProgressSink& sink) { outcome = compareAndPrint(a, b, run, sink); }, true);
    if (!outcome) {
        std::fflush(stdout); // a JSON document begun was closed with the error
        const int code = fail(outcome.error(), run.mode == Mode::Json && !run.jsonOpen);
        return code == Failure ? kDiffFailed : code;
    }
    if (!finishOutput(true))
        return kDiffFailed;
    return run.differences ? kDifferences : Success;
}

} // namespace cli

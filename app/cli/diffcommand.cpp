// `diff A B`: what changed between two databases (two snapshots, most often), table by table and row by
// row; a summary for people, a streamed JSON document, or the SQL that turns A into B (docs/cli.md).
#include "clicommon.h"

#include <sqlitesnapshot/compare.h>
#include <sqlitesnapshot/valuetext.h>

#include <QFileInfo>

#include <cstdio>

namespace cli {
namespace {

using sqlsnap::jsonString;
using sqlsnap::jsonValue;

// 1 means "differences found", as diff(1) and sqldiff say it: failures need a code of their own (as find's).
constexpr int kDifferences = 1;
constexpr int kDiffFailed = 4;

void out(const QByteArray& bytes) {
    std::fwrite(bytes.constData(), 1, size_t(bytes.size()), stdout);
}

QByteArray jsonNames(const QStringList& names) {
    QByteArrayList items;
    for (const QString& n : names)
        items << jsonString(n);
    return '[' + items.join(", ") + ']';
}

QByteArray jsonText(const QString& s) {
    return s.isNull() || s.isEmpty() ? QByteArray("null") : jsonString(s);
}

QByteArray jsonRow(const QStringList& columns, const QVariantList& values) {
    QByteArrayList members;
    for (int c = 0; c < columns.size() && c < values.size(); ++c)
        members << jsonString(columns[c]) + ": " + jsonValue(values[c]);
    return '{' + members.join(", ") + '}';
}

QByteArray jsonOptional(std::optional<qint64> v) {
    return v ? QByteArray::number(*v) : QByteArray("null");
}

// A table's object up to its "rows" (the plan: what is known before any row is read).
QByteArray jsonTableHead(const sqlsnap::TableComparison& t) {
    return "    {\"name\": " + jsonString(t.name) + ", \"in_a\": " + (t.inA ? "true" : "false") +
           ", \"in_b\": " + (t.inB ? "true" : "false") +
           ", \"without_rowid\": " + (t.withoutRowid ? "true" : "false") +
           ", \"key\": " + jsonString(sqlsnap::rowKeyName(t.key)) +
           ", \"key_columns\": " + jsonNames(t.keyColumns) +
           ",\n     \"columns_a\": " + jsonNames(t.columnsA) + ", \"columns_b\": " + jsonNames(t.columnsB) +
           ", \"columns_only_in_a\": " + jsonNames(t.columnsOnlyInA) +
           ", \"columns_only_in_b\": " + jsonNames(t.columnsOnlyInB) +
           ", \"definition_changed\": " + (t.definitionChanged ? "true" : "false") +
           ", \"warnings\": " + jsonNames(t.warnings);
}

QByteArray jsonTableCounts(const sqlsnap::TableComparison& t) {
    return ", \"added\": " + QByteArray::number(t.rowsAdded) +
           ", \"removed\": " + QByteArray::number(t.rowsRemoved) +
           ", \"changed\": " + QByteArray::number(t.rowsChanged) +
           ", \"unchanged\": " + QByteArray::number(t.rowsUnchanged) + ", \"error\": " + jsonText(t.error) +
           '}';
}

QByteArray jsonChange(const sqlsnap::TableComparison& t, const sqlsnap::RowChange& c) {
    QByteArrayList key;
    for (const QVariant& v : c.key)
        key << jsonValue(v);
    QStringList changed;
    for (int i : c.changedColumns)
        changed << t.commonColumns.value(i);
    return "       {\"change\": " + jsonString(sqlsnap::rowChangeKindName(c.kind)) + ", \"key\": [" +
           key.join(", ") + "], \"rowid_a\": " + jsonOptional(c.rowidA) +
           ", \"rowid_b\": " + jsonOptional(c.rowidB) +
           ", \"before\": " + (c.before.isEmpty() ? QByteArray("null") : jsonRow(t.columnsA, c.before)) +
           ", \"after\": " + (c.after.isEmpty() ? QByteArray("null") : jsonRow(t.columnsB, c.after)) +
           ", \"changed_columns\": " + jsonNames(changed) + '}';
}

QString rowsText(qint64 n) {
    return n == 1 ? QStringLiteral("1 row") : QStringLiteral("%1 rows").arg(n);
}

QString keyText(const sqlsnap::TableComparison& t) {
    switch (t.key) {
    case sqlsnap::RowKey::PrimaryKey:
        return QStringLiteral("primary key ") + t.keyColumns.join(QStringLiteral(", "));
    case sqlsnap::RowKey::Rowid:
        return QStringLiteral("rowid");
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

bool inScope(const sqlsnap::SchemaChange& c, const QStringList& tables) {
    if (tables.isEmpty())
        return true;
    for (const QString& t : tables)
        if (t.compare(c.table, Qt::CaseInsensitive) == 0)
            return true;
    return false;
}

enum class Mode { Text, Json, Sql };

struct Run {
    Mode mode;
    bool summaryOnly;
    QStringList tables;
    bool differences = false;
    bool jsonOpen = false; // the document began: a failure closes it
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
        if (inScope(c, run.tables))
            changes << c;
    run.differences = !changes.isEmpty();

    if (run.mode == Mode::Sql)
        return sqlsnap::ComparisonScript::write(comparison, run.tables, out, cancel, &run.differences);

    if (run.mode == Mode::Json) {
        QByteArray head = "{\n  \"a\": " + jsonString(comparison.pathA()) +
                          ",\n  \"b\": " + jsonString(comparison.pathB()) + ",\n  \"schema_changes\": [";
        for (int i = 0; i < changes.size(); ++i) {
            const sqlsnap::SchemaChange& c = changes[i];
            head += (i ? ",\n    " : "\n    ") + QByteArray("{\"change\": ") +
                    jsonString(sqlsnap::schemaChangeKindName(c.kind)) + ", \"type\": " + jsonString(c.type) +
                    ", \"name\": " + jsonString(c.name) + ", \"table\": " + jsonString(c.table) +
                    ", \"sql_before\": " + jsonText(c.sqlBefore) +
                    ", \"sql_after\": " + jsonText(c.sqlAfter) + '}';
        }
        out(head + (changes.isEmpty() ? "],\n  \"tables\": [" : "\n  ],\n  \"tables\": ["));
        run.jsonOpen = true;
    } else {
        std::printf("A: %s\nB: %s\n", qPrintable(comparison.pathA()), qPrintable(comparison.pathB()));
        for (const sqlsnap::SchemaChange& c : std::as_const(changes))
            std::printf("%s %s: %s\n", qPrintable(c.type), qPrintable(c.name),
                        qPrintable(sqlsnap::schemaChangeKindName(c.kind)));
    }
    int tablesDiffering = 0;
    for (int i = 0; i < tables.size(); ++i) {
        const sqlsnap::TableComparison& t = tables[i];
        bool firstRow = true;
        std::function<void(const sqlsnap::TableComparison&, const sqlsnap::RowChange&)> rowChanged;
        if (run.mode == Mode::Json) {
            out((i ? ",\n" : "\n") + jsonTableHead(t));
            if (!run.summaryOnly) {
                out(",\n     \"rows\": [");
                rowChanged = [&](const sqlsnap::TableComparison& table, const sqlsnap::RowChange& c) {
                    out((firstRow ? "\n" : ",\n") + jsonChange(table, c));
                    firstRow = false;
                };
            }
        }
        auto compared = comparison.compareTable(t.name, cancel, rowChanged);
        if (!compared) {
            if (run.mode == Mode::Json && !run.summaryOnly)
                out(firstRow ? "]" : "\n     ]");
            if (run.mode == Mode::Json)
                out("}");
            return compared.error();
        }
        if (compared->hasDifferences() || !compared->error.isEmpty()) {
            run.differences = true;
            ++tablesDiffering;
        }
        if (run.mode == Mode::Json) {
            if (!run.summaryOnly)
                out(firstRow ? "]" : "\n     ]");
            out(jsonTableCounts(*compared));
        } else {
            std::printf("%s\n", qPrintable(tableLine(*compared)));
        }
        warnAbout(*compared);
        std::fflush(stdout);
    }
    if (run.mode == Mode::Json) {
        out((tables.isEmpty() ? "],\n  \"identical\": " : "\n  ],\n  \"identical\": ") +
            QByteArray(run.differences ? "false" : "true") + "\n}\n");
        run.jsonOpen = false;
    } else if (!run.differences) {
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
                                     QStringLiteral("Only the counts per table (with --json: no rows)."));
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
        if (run.jsonOpen) { // the document still closes, with what went wrong
            out("\n  ],\n  \"error\": {\"kind\": " +
                jsonString(QString::fromLatin1(sqlsnap::kindName(outcome.error().kind))) +
                ", \"message\": " + jsonString(outcome.error().message) + "}\n}\n");
            std::fflush(stdout);
        }
        const int code = fail(outcome.error(), run.mode == Mode::Json && !run.jsonOpen);
        return code == Failure ? kDiffFailed : code;
    }
    if (!finishOutput(true))
        return kDiffFailed;
    return run.differences ? kDifferences : Success;
}

} // namespace cli

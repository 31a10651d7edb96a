#include "clicommon.h"

#include <sqlitesnapshot/tableexport.h>

#include <QFileInfo>

#include <cstdio>

namespace cli {

// --format NAME, or DEST's extension, or CSV; unset (after a usage error) when NAME is unknown.
std::optional<sqlsnap::TableFormat>
exportFormat(const QCommandLineParser& parser, const QCommandLineOption& format, const QString& destination) {
    if (!parser.isSet(format))
        return sqlsnap::tableFormatForPath(destination).value_or(sqlsnap::TableFormat::Csv);
    return sqlsnap::tableFormatFromName(parser.value(format).toLower());
}

void printExported(const sqlsnap::TableExportResult& result, sqlsnap::TableFormat format) {
    std::printf("%s\n", qPrintable(QStringLiteral("exported %1 to %2 (%3, %4)")
                                       .arg(result.rows == 1 ? QStringLiteral("1 row")
                                                             : QStringLiteral("%1 rows").arg(result.rows),
                                            result.destination, sqlsnap::tableFormatName(format).toUpper(),
                                            humanBytes(result.bytes))));
}

int runExportTable(const QStringList& args) {
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral(
        "Write TABLE (a table or view of DB) to DEST as CSV, JSON, NDJSON or SQL, its rows filtered and\n"
        "sorted as the preview shows them. DB is never opened: it is copied privately until stable and the\n"
        "copy is read. DEST appears complete or not at all."));
    parser.addPositionalArgument(QStringLiteral("DB"), QStringLiteral("A database or snapshot."));
    parser.addPositionalArgument(QStringLiteral("TABLE"), QStringLiteral("A table or view."));
    parser.addPositionalArgument(QStringLiteral("DEST"), QStringLiteral("The file to write."));
    const QCommandLineOption format(
        QStringLiteral("format"),
        QStringLiteral("csv, json, ndjson or sql (default: DEST's extension; .jsonl is ndjson; else csv)."),
        QStringLiteral("FORMAT"));
    const QCommandLineOption whereColumn(
        QStringLiteral("where-column"),
        QStringLiteral("Keep rows whose COL matches FILTER (the preview's column filter); repeatable."),
        QStringLiteral("COL=FILTER"));
    const QCommandLineOption filter(QStringLiteral("filter"),
                                    QStringLiteral("Keep rows where any column, as shown, contains TEXT."),
                                    QStringLiteral("TEXT"));
    const QCommandLineOption orderBy(QStringLiteral("order-by"),
                                     QStringLiteral("Sort by COL (ascending, or descending with :desc)."),
                                     QStringLiteral("COL[:desc]"));
    const QCommandLineOption overwrite(QStringLiteral("overwrite"),
                                       QStringLiteral("Replace DEST if it exists (only on success)."));
    parser.addOptions({format, whereColumn, filter, orderBy, overwrite});
    // DB and DEST are file names; TABLE may be any text but empty is checked below.
    if (int code = parseOrExit(parser, args, 3, QStringLiteral("sqlite-snapshot-cli export-table"), 1,
                               {QStringLiteral("where-column")});
        code >= 0)
        return code;
    const QStringList positional = parser.positionalArguments();
    const QString table = positional.at(1);
    if (positional.at(2).isEmpty())
        return usageError(QStringLiteral("DEST may not be empty"));
    const QString destination = QFileInfo(positional.at(2)).absoluteFilePath();
    const auto chosen = exportFormat(parser, format, destination);
    if (!chosen)
        return usageError(
            QStringLiteral("unknown --format: %1 (csv, json, ndjson or sql)").arg(parser.value(format)));

    sqlsnap::RowFilter rows{parser.value(filter)};
    for (const QString& pair : parser.values(whereColumn)) {
        const qsizetype eq = pair.indexOf(QLatin1Char('='));
        if (eq <= 0)
            return usageError(QStringLiteral("--where-column needs COL=FILTER: %1").arg(pair));
        const QString text = pair.mid(eq + 1);
        if (auto ok = sqlsnap::checkColumnFilter(text); !ok)
            return usageError(QStringLiteral("--where-column %1: %2").arg(pair, ok.error().message));
        rows.columns.append({pair.left(eq), text});
    }
    sqlsnap::RowOrder order;
    if (parser.isSet(orderBy)) {
        QString column = parser.value(orderBy);
        if (column.endsWith(QLatin1String(":desc"), Qt::CaseInsensitive)) {
            order.descending = true;
            column.chop(5);
        } else if (column.endsWith(QLatin1String(":asc"), Qt::CaseInsensitive)) {
            column.chop(4);
        }
        if (column.isEmpty())
            return usageError(QStringLiteral("--order-by needs a column"));
        order.column = column;
    }

    const QString path = QFileInfo(positional.at(0)).absoluteFilePath();
    std::optional<sqlsnap::Expected<sqlsnap::TableExportResult>> outcome;
    runWithProgress(
        [&](sqlsnap::ProgressSink& sink) {
            outcome = sqlsnap::exportDatabaseTable(path, table, rows, order, *chosen, destination,
                                                   parser.isSet(overwrite), &sink);
        },
        false);
    if (!*outcome)
        return fail(outcome->error(), false);
    printExported(outcome->value(), *chosen);
    return Success;
}

} // namespace cli

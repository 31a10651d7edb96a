#include "clicommon.h"

#include <sqlitesnapshot/tables.h>

#include <QJsonArray>

#include <cstdio>

namespace cli {

int runTables(const QStringList& args) {
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral(
        "List DB's tables and views with row counts and column names. DB is opened read-only; a database\n"
        "with a -wal or -journal is read from a private copy, never in place."));
    parser.addPositionalArgument(QStringLiteral("DB"), QStringLiteral("A database or snapshot."));
    const QCommandLineOption json(QStringLiteral("json"), QStringLiteral("Print one JSON object on stdout."));
    const QCommandLineOption noCount(QStringLiteral("no-count"), QStringLiteral("Do not count rows."));
    parser.addOptions({json, noCount});
    if (int code = parseOrExit(parser, args, 1, QStringLiteral("sqlite-snapshot-cli tables")); code >= 0)
        return code;

    const QString path = parser.positionalArguments().first();
    std::optional<sqlsnap::Expected<QList<sqlsnap::TableInfo>>> outcome;
    runWithProgress(
        [&](sqlsnap::ProgressSink& sink) {
            outcome = sqlsnap::listTables(path, !parser.isSet(noCount), &sink);
        },
        false);
    if (!*outcome)
        return fail(outcome->error(), parser.isSet(json));
    const auto& tables = outcome->value();
    if (parser.isSet(json)) {
        QJsonArray list;
        for (const sqlsnap::TableInfo& t : tables) {
            QJsonArray columns;
            for (const sqlsnap::ColumnInfo& c : t.columns)
                columns.append(QJsonObject{{QStringLiteral("name"), c.name},
                                           {QStringLiteral("type"), c.type},
                                           {QStringLiteral("primary_key"), c.primaryKey},
                                           {QStringLiteral("not_null"), c.notNull}});
            list.append(
                QJsonObject{{QStringLiteral("name"), t.name},
                            {QStringLiteral("type"), t.type},
                            {QStringLiteral("rows"), t.rowCount >= 0 ? QJsonValue(t.rowCount) : QJsonValue()},
                            {QStringLiteral("without_rowid"), t.withoutRowid},
                            {QStringLiteral("strict"), t.strict},
                            {QStringLiteral("columns"), columns}});
        }
        printJson({{QStringLiteral("database"), path}, {QStringLiteral("tables"), list}});
        return Success;
    }
    for (const sqlsnap::TableInfo& t : tables) {
        QStringList names;
        for (const sqlsnap::ColumnInfo& c : t.columns)
            names << c.name;
        const QString rows = t.rowCount >= 0 ? QString::number(t.rowCount) : QStringLiteral("?");
        std::printf("%-5s %-30s %12s rows  %s\n", qPrintable(t.type), qPrintable(t.name), qPrintable(rows),
                    qPrintable(names.join(QStringLiteral(", "))));
    }
    return Success;
}

} // namespace cli

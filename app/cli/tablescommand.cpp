#include "clicommon.h"

#include <sqlitesnapshot/tables.h>

#include <QFileInfo>
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

    const QString path = QFileInfo(parser.positionalArguments().first()).absoluteFilePath();
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
            list.append(QJsonObject{
                {QStringLiteral("name"), t.name},
                {QStringLiteral("type"), t.type},
                {QStringLiteral("module"), t.module.isEmpty() ? QJsonValue() : QJsonValue(t.module)},
                {QStringLiteral("shadow_of"), t.shadowOf.isEmpty() ? QJsonValue() : QJsonValue(t.shadowOf)},
                {QStringLiteral("rows"), t.rowCount >= 0 ? QJsonValue(t.rowCount) : QJsonValue()},
                {QStringLiteral("without_rowid"), t.withoutRowid},
                {QStringLiteral("strict"), t.strict},
                {QStringLiteral("columns"), columns},
                {QStringLiteral("error"), t.error.isEmpty() ? QJsonValue() : QJsonValue(t.error)}});
        }
        printJson({{QStringLiteral("database"), path}, {QStringLiteral("tables"), list}});
        return Success;
    }
    // Columns as wide as their longest entry: long names keep the table aligned.
    const auto typeOf = [](const sqlsnap::TableInfo& t) {
        return t.module.isEmpty() ? t.type : t.type + QLatin1Char(' ') + t.module;
    };
    const auto rowsOf = [](const sqlsnap::TableInfo& t) {
        return t.rowCount >= 0 ? QString::number(t.rowCount) : QStringLiteral("?");
    };
    int typeWidth = 4, nameWidth = 4, rowsWidth = 4;
    for (const sqlsnap::TableInfo& t : tables) {
        typeWidth = qMax(typeWidth, int(typeOf(t).size()));
        nameWidth = qMax(nameWidth, int(t.name.size()));
        rowsWidth = qMax(rowsWidth, int(rowsOf(t).size()));
    }
    const auto pad = [](const QString& text, int width, bool right = false) {
        return right ? text.rightJustified(width) : text.leftJustified(width);
    };
    for (const sqlsnap::TableInfo& t : tables) {
        QStringList names;
        for (const sqlsnap::ColumnInfo& c : t.columns)
            names << c.name;
        QString detail = names.join(QStringLiteral(", "));
        if (!t.shadowOf.isEmpty())
            detail = QStringLiteral("(data of %1) ").arg(t.shadowOf) + detail;
        if (!t.error.isEmpty())
            detail = QStringLiteral("error: ") + t.error;
        const QString line = pad(typeOf(t), typeWidth) + QLatin1Char(' ') + pad(t.name, nameWidth) +
                             QLatin1Char(' ') + pad(rowsOf(t), rowsWidth, true) + QStringLiteral(" rows  ") +
                             detail;
        std::printf("%s\n", qPrintable(line.trimmed()));
    }
    return Success;
}

} // namespace cli

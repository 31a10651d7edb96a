#include "clicommon.h"

#include <sqlitesnapshot/jsonforms.h>
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
        printJson(sqlsnap::tablesJson(path, tables));
        return Success;
    }
    // Columns as wide as their longest entry: long names keep the table aligned.
    const auto typeOf = [](const sqlsnap::TableInfo& t) {
        return t.module.isEmpty() ? t.type : t.type + QLatin1Char(' ') + t.module;
    };
    const bool counted = !parser.isSet(noCount);
    const auto rowsOf = [counted](const sqlsnap::TableInfo& t) {
        if (!counted)
            return QString();
        if (t.rowCount < 0)
            return QStringLiteral("? rows");
        return t.rowCount == 1 ? QStringLiteral("1 row") : QStringLiteral("%1 rows").arg(t.rowCount);
    };
    // One entry per line whatever a name holds: control characters are shown escaped.
    const auto printable = [](QString text) {
        QString shown;
        for (QChar c : text)
            shown += c == QLatin1Char('\n')   ? QStringLiteral("\\n")
                     : c == QLatin1Char('\t') ? QStringLiteral("\\t")
                     : c.unicode() < 0x20 || c.unicode() == 0x7f
                         ? QStringLiteral("\\x%1").arg(c.unicode(), 2, 16, QLatin1Char('0'))
                         : QString(c);
        return shown;
    };
    int typeWidth = 4, nameWidth = 4, rowsWidth = 0;
    for (const sqlsnap::TableInfo& t : tables) {
        typeWidth = qMax(typeWidth, int(typeOf(t).size()));
        nameWidth = qMax(nameWidth, int(printable(t.name).size()));
        rowsWidth = qMax(rowsWidth, int(rowsOf(t).size()));
    }
    const auto pad = [](const QString& text, int width, bool right = false) {
        return right ? text.rightJustified(width) : text.leftJustified(width);
    };
    for (const sqlsnap::TableInfo& t : tables) {
        QStringList names;
        for (const sqlsnap::ColumnInfo& c : t.columns)
            if (!c.hidden) // FTS5's own `docs` and `rank`, generated columns' hidden parts: not the table's
                           // data
                names << printable(c.name);
        QString detail = names.join(QStringLiteral(", "));
        if (!t.shadowOf.isEmpty())
            detail = QStringLiteral("(data of %1) ").arg(t.shadowOf) + detail;
        if (!t.error.isEmpty())
            detail = QStringLiteral("error: ") + t.error;
        const QString line = pad(typeOf(t), typeWidth) + QLatin1Char(' ') +
                             pad(printable(t.name), nameWidth) + QLatin1Char(' ') +
                             (counted ? pad(rowsOf(t), rowsWidth, true) + QStringLiteral("  ") : QString()) +
                             detail;
        std::printf("%s\n", qPrintable(line.trimmed()));
    }
    return Success;
}

} // namespace cli

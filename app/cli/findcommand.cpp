#include "clicommon.h"

#include <sqlitesnapshot/find.h>

#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>

#include <cstdio>

namespace cli {
namespace {

constexpr int kFindFailed = 4; // find only: 1 means "no row holds the text", as grep (docs/cli.md)

void printLine(const QJsonObject& object) {
    std::printf("%s\n", QJsonDocument(object).toJson(QJsonDocument::Compact).constData());
}

QString rowsText(qint64 n, bool more) {
    return (n == 1 ? QStringLiteral("1 row") : QStringLiteral("%1 rows").arg(n)) +
           (more ? QStringLiteral(" (and more)") : QString());
}

} // namespace

int runFind(const QStringList& args) {
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral(
        "Find TEXT in every column of every table of DB, as the preview's filter matches it: the value as\n"
        "shown contains TEXT (ASCII letters in any case; a BLOB by its hex digits). Views are searched with\n"
        "--views; shadow tables of virtual tables never (the virtual table is). DB is read from a private\n"
        "copy, never in place. Exit 0 when a row holds TEXT, 1 when none does, 2 usage, 4 failure."));
    parser.addPositionalArgument(QStringLiteral("DB"), QStringLiteral("A database or snapshot."));
    parser.addPositionalArgument(QStringLiteral("TEXT"), QStringLiteral("The text to find."));
    const QCommandLineOption json(QStringLiteral("json"),
                                  QStringLiteral("One JSON object per line: each hit, then a summary."));
    const QCommandLineOption limit(QStringLiteral("limit-per-table"),
                                   QStringLiteral("At most N rows per table (default 1000)."),
                                   QStringLiteral("N"), QStringLiteral("1000"));
    const QCommandLineOption views(QStringLiteral("views"), QStringLiteral("Search views too."));
    parser.addOptions({json, limit, views});
    if (int code = parseOrExit(parser, args, 2, QStringLiteral("sqlite-snapshot-cli find"), 1); code >= 0)
        return code;
    bool ok = false;
    sqlsnap::FindOptions options;
    options.limitPerTable = parser.value(limit).toInt(&ok);
    if (!ok || options.limitPerTable < 1)
        return usageError(QStringLiteral("--limit-per-table needs a whole number of at least 1"));
    options.includeViews = parser.isSet(views);
    const QString text = parser.positionalArguments().at(1);
    if (text.isEmpty())
        return usageError(QStringLiteral("TEXT may not be empty"));

    const QString path = QFileInfo(parser.positionalArguments().first()).absoluteFilePath();
    const bool asJson = parser.isSet(json);
    // Hits are printed grouped by table: a table's lines once it is searched, under its count.
    QStringList pending; // the current table's lines (at most --limit-per-table)
    options.progress = [&](const sqlsnap::FindProgress& p) {
        if (asJson || !p.finished || pending.isEmpty())
            return;
        std::printf("%s: %s\n", qPrintable(p.finished->table),
                    qPrintable(rowsText(p.finished->hits, p.finished->more)));
        for (const QString& line : pending)
            std::printf("  %s\n", qPrintable(line));
        pending.clear();
    };
    std::optional<sqlsnap::Expected<sqlsnap::FindSummary>> outcome;
    runWithProgress(
        [&](sqlsnap::ProgressSink& sink) {
            outcome = sqlsnap::findInDatabase(
                path, text, options,
                [&](const sqlsnap::FindHit& h) {
                    if (asJson) {
                        printLine(
                            {{QStringLiteral("type"), QStringLiteral("hit")},
                             {QStringLiteral("table"), h.table},
                             {QStringLiteral("rowid"), h.rowid ? QJsonValue(*h.rowid) : QJsonValue()},
                             {QStringLiteral("position"), h.rowid ? QJsonValue() : QJsonValue(h.position)},
                             {QStringLiteral("columns"), QJsonArray::fromStringList(h.columns)},
                             {QStringLiteral("excerpt"), h.excerpt}});
                        return;
                    }
                    pending << (h.rowid ? QStringLiteral("rowid %1").arg(*h.rowid)
                                        : QStringLiteral("row %1").arg(h.position + 1)) +
                                   QStringLiteral("  ") + h.columns.join(QStringLiteral(", ")) +
                                   QStringLiteral(": ") + h.excerpt;
                },
                &sink);
        },
        false);
    if (!*outcome) {
        const int code = fail(outcome->error(), asJson, true);
        return code == Failure ? kFindFailed : code;
    }
    const sqlsnap::FindSummary& summary = outcome->value();
    if (asJson) {
        QJsonArray tables;
        for (const sqlsnap::FindTableResult& t : summary.tables)
            tables.append(QJsonObject{
                {QStringLiteral("name"), t.table},
                {QStringLiteral("hits"), t.hits},
                {QStringLiteral("more"), t.more},
                {QStringLiteral("error"), t.error.isEmpty() ? QJsonValue() : QJsonValue(t.error)}});
        printLine({{QStringLiteral("type"), QStringLiteral("summary")},
                   {QStringLiteral("database"), path},
                   {QStringLiteral("tables_searched"), summary.tablesSearched},
                   {QStringLiteral("hits"), summary.hits},
                   {QStringLiteral("tables"), tables}});
    }
    for (const sqlsnap::FindTableResult& t : summary.tables)
        if (!t.error.isEmpty())
            warn(QStringLiteral("%1 could not be read: %2").arg(t.table, t.error));
    return summary.hits > 0 ? Success : Failure;
}

} // namespace cli

#include "clicommon.h"

#include <sqlitesnapshot/query.h>
#include <sqlitesnapshot/valuetext.h>

#include <QFileInfo>
#include <QJsonArray>

#include <atomic>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <thread>

namespace cli {
namespace {

// The one convention of values as text, the export formats' too.
using sqlsnap::blobLiteral;
using sqlsnap::csvField;
using sqlsnap::jsonString;
using sqlsnap::jsonValue;
using sqlsnap::realText;

constexpr int kPageRows = 1000; // rows read and printed at a time: the output is streamed, never held

enum class Format { Text, Json, Csv };

// SIGINT, SIGTERM and SIGHUP cancel `token` (the handler only sets a flag: cancel() takes a lock), so that
// sqlite3_interrupt stops even a single long step at once.
class SignalCancel {
public:
    explicit SignalCancel(const sqlsnap::CancelToken& token)
        : m_thread([this, token] {
              while (!m_stop.load()) {
                  if (interruptedBySignal()) {
                      token.cancel();
                      return;
                  }
                  std::this_thread::sleep_for(std::chrono::milliseconds(10));
              }
          }) {}
    ~SignalCancel() {
        m_stop = true;
        m_thread.join();
    }

private:
    std::atomic<bool> m_stop{false};
    std::thread m_thread;
};

// One value per line whatever a text holds: control characters are shown escaped, as `tables` does.
QString printable(const QString& text) {
    QString shown;
    for (QChar c : text)
        shown += c == QLatin1Char('\n')   ? QStringLiteral("\\n")
                 : c == QLatin1Char('\t') ? QStringLiteral("\\t")
                 : c.unicode() < 0x20 || c.unicode() == 0x7f
                     ? QStringLiteral("\\x%1").arg(c.unicode(), 2, 16, QLatin1Char('0'))
                     : QString(c);
    return shown;
}

QString textCell(const QVariant& v) {
    if (!v.isValid())
        return QStringLiteral("NULL");
    switch (v.typeId()) {
    case QMetaType::LongLong:
        return QString::number(v.toLongLong());
    case QMetaType::Double:
        return QString::fromLatin1(realText(v.toDouble()));
    case QMetaType::QByteArray:
        return QString::fromLatin1(blobLiteral(v.toByteArray()));
    default:
        return printable(v.toString());
    }
}

// The text table is for people: a long value (a URL, a BLOB) is cut so the columns stay readable;
// --json, --csv and --output give every value whole.
constexpr int kTextCellWidth = 60;
QString shownCell(const QVariant& v) {
    const QString cell = textCell(v);
    return cell.size() <= kTextCellWidth ? cell : cell.left(kTextCellWidth - 1) + QChar(0x2026);
}

bool isNumber(const QVariant& v) {
    return v.typeId() == QMetaType::LongLong || v.typeId() == QMetaType::Double;
}

// Streams rows to stdout in one of the three formats (docs/cli.md describes each).
class RowWriter {
public:
    RowWriter(Format format, const QList<sqlsnap::QueryColumn>& columns)
        : m_format(format), m_columns(columns) {}

    void page(const QList<QVariantList>& rows) {
        QByteArray out;
        if (!m_started)
            out += start(rows);
        for (const QVariantList& row : rows) {
            if (m_format == Format::Json) {
                QByteArrayList values;
                for (const QVariant& v : row)
                    values << jsonValue(v);
                out += (m_rows ? ",\n    [" : "\n    [") + values.join(", ") + ']';
            } else if (m_format == Format::Csv) {
                QByteArrayList fields;
                for (const QVariant& v : row)
                    fields << csvField(v);
                out += fields.join(',') + "\r\n";
            } else {
                QStringList cells;
                for (int c = 0; c < row.size(); ++c) {
                    const QString cell = shownCell(row[c]);
                    cells << (isNumber(row[c]) ? cell.rightJustified(m_widths.value(c))
                                               : cell.leftJustified(m_widths.value(c)));
                }
                out += trimmedRight(cells.join(QStringLiteral("  "))).toUtf8() + '\n';
            }
            ++m_rows;
        }
        std::fwrite(out.constData(), 1, size_t(out.size()), stdout);
        std::fflush(stdout);
    }

    // The end of a complete result: `limited` when --limit left rows out.
    void finish(bool limited) {
        if (!m_started)
            page({});
        QByteArray out;
        if (m_format == Format::Json)
            out = (m_rows ? "\n  ],\n" : "],\n") + QByteArray("  \"row_count\": ") +
                  QByteArray::number(m_rows) + ",\n  \"limited\": " + (limited ? "true" : "false") + "\n}\n";
        else if (m_format == Format::Text)
            out = QStringLiteral("(%1%2)\n")
                      .arg(m_rows == 1 ? QStringLiteral("1 row") : QStringLiteral("%1 rows").arg(m_rows),
                           limited ? QStringLiteral("; more not shown, --limit") : QString())
                      .toUtf8();
        std::fwrite(out.constData(), 1, size_t(out.size()), stdout);
    }

    // The end of a result cut short by `error`: the JSON document still closes, with an "error" member.
    void fail(const sqlsnap::Error& error) {
        if (m_format != Format::Json)
            return;
        if (!m_started)
            page({});
        const QByteArray out = (m_rows ? "\n  ],\n" : "],\n") + QByteArray("  \"row_count\": ") +
                               QByteArray::number(m_rows) +
                               ",\n  \"limited\": false,\n  \"error\": {\"kind\": " +
                               jsonString(QString::fromLatin1(sqlsnap::kindName(error.kind))) +
                               ", \"message\": " + jsonString(error.message) + "}\n}\n";
        std::fwrite(out.constData(), 1, size_t(out.size()), stdout);
    }

private:
    static QString trimmedRight(QString s) {
        while (s.endsWith(QLatin1Char(' ')))
            s.chop(1);
        return s;
    }

    // The header; for text, column widths from the names and the first page (a later, wider value
    // widens only its own line: the rows are never held to measure them all).
    QByteArray start(const QList<QVariantList>& firstRows) {
        m_started = true;
        QByteArray out;
        if (m_format == Format::Json) {
            QByteArrayList columns;
            for (const sqlsnap::QueryColumn& c : m_columns)
                columns << "{\"name\": " + jsonString(c.name) + ", \"type\": " +
                               (c.declaredType.isEmpty() ? QByteArray("null") : jsonString(c.declaredType)) +
                               '}';
            return "{\n  \"columns\": [" + columns.join(", ") + "],\n  \"rows\": [";
        }
        if (m_format == Format::Csv) {
            QByteArrayList names;
            for (const sqlsnap::QueryColumn& c : m_columns)
                names << csvField(c.name);
            return names.join(',') + "\r\n";
        }
        for (const sqlsnap::QueryColumn& c : m_columns)
            m_widths << int(printable(c.name).size());
        for (const QVariantList& row : firstRows)
            for (int c = 0; c < row.size() && c < m_widths.size(); ++c)
                m_widths[c] = qMax(m_widths[c], int(shownCell(row[c]).size()));
        QStringList names, rules;
        for (int c = 0; c < m_columns.size(); ++c) {
            names << printable(m_columns[c].name).leftJustified(m_widths[c]);
            rules << QString(m_widths[c], QLatin1Char('-'));
        }
        out += trimmedRight(names.join(QStringLiteral("  "))).toUtf8() + '\n';
        out += rules.join(QStringLiteral("  ")).toUtf8() + '\n';
        return out;
    }

    Format m_format;
    QList<sqlsnap::QueryColumn> m_columns;
    QList<int> m_widths;
    bool m_started = false;
    qint64 m_rows = 0;
};

// `index` (a QString index into `sql`) in Unicode characters, as people and most languages count them.
qint64 characterOffset(const QString& sql, int index) {
    return index < 0 ? -1 : sql.left(index).toUcs4().size();
}

} // namespace

int runQuery(const QStringList& args) {
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral(
        "Run one reading SQL statement (SELECT, WITH, VALUES, EXPLAIN, a reporting PRAGMA) on DB and print\n"
        "its rows as they come. Anything that would write is refused. DB is never written or locked; a\n"
        "database with a -wal or -journal is read from a private copy, never in place. An SQL text that\n"
        "starts with '-' (a comment) goes after --."));
    parser.addPositionalArgument(QStringLiteral("DB"), QStringLiteral("A database or snapshot."));
    parser.addPositionalArgument(QStringLiteral("SQL"), QStringLiteral("One statement."));
    const QCommandLineOption json(QStringLiteral("json"),
                                  QStringLiteral("Print one JSON document: columns, then rows as arrays."));
    const QCommandLineOption csv(QStringLiteral("csv"),
                                 QStringLiteral("Print CSV (RFC 4180), a header row first."));
    const QCommandLineOption limit(QStringLiteral("limit"), QStringLiteral("Print at most N rows."),
                                   QStringLiteral("N"));
    const QCommandLineOption output(
        QStringLiteral("output"),
        QStringLiteral("Write the rows to FILE (as export-table does, complete or not at all) instead."),
        QStringLiteral("FILE"));
    const QCommandLineOption formatOption(
        QStringLiteral("format"),
        QStringLiteral("With --output: csv, json, ndjson or sql (default: FILE's "
                       "extension, else csv)."),
        QStringLiteral("FORMAT"));
    const QCommandLineOption overwrite(QStringLiteral("overwrite"),
                                       QStringLiteral("With --output: replace FILE if it exists."));
    parser.addOptions({json, csv, limit, output, formatOption, overwrite});
    if (int code = parseOrExit(parser, args, 2, QStringLiteral("sqlite-snapshot-cli query"), 1); code >= 0)
        return code;
    if (parser.isSet(json) && parser.isSet(csv))
        return usageError(QStringLiteral("--json and --csv cannot be combined"));
    if (parser.isSet(output) && (parser.isSet(json) || parser.isSet(csv) || parser.isSet(limit)))
        return usageError(QStringLiteral("--output takes --format, not --json, --csv or --limit"));
    if (!parser.isSet(output) && (parser.isSet(formatOption) || parser.isSet(overwrite)))
        return usageError(QStringLiteral("--format and --overwrite need --output"));
    if (parser.isSet(output) && parser.value(output).isEmpty())
        return usageError(QStringLiteral("--output needs a file name"));
    const QString outputPath =
        parser.isSet(output) ? QFileInfo(parser.value(output)).absoluteFilePath() : QString();
    const auto outputFormat = exportFormat(parser, formatOption, outputPath);
    if (!outputFormat)
        return usageError(QStringLiteral("unknown --format: %1 (csv, json, ndjson or sql)")
                              .arg(parser.value(formatOption)));
    std::optional<qint64> maxRows;
    if (parser.isSet(limit)) {
        bool ok = false;
        maxRows = parser.value(limit).toLongLong(&ok);
        if (!ok || *maxRows < 0)
            return usageError(
                QStringLiteral("--limit needs a number of rows, 0 or more: %1").arg(parser.value(limit)));
    }
    const Format format = parser.isSet(json) ? Format::Json : parser.isSet(csv) ? Format::Csv : Format::Text;
    const QString path = QFileInfo(parser.positionalArguments().at(0)).absoluteFilePath();
    const QString sql = parser.positionalArguments().at(1);

    sqlsnap::CancelToken token;
    const SignalCancel cancelOnSignal(token);
    sqlsnap::CancelFlag sink(token);
    int offset = -1;
    auto cursor = sqlsnap::QueryCursor::openDatabase(path, sql, &sink, &offset);
    if (!cursor) {
        const sqlsnap::Error& error = cursor.error();
        const qint64 at = characterOffset(sql, offset);
        if (format == Format::Json)
            printJson(
                {{QStringLiteral("error"),
                  QJsonObject{{QStringLiteral("kind"), QString::fromLatin1(sqlsnap::kindName(error.kind))},
                              {QStringLiteral("message"), error.message},
                              {QStringLiteral("offset"), at >= 0 ? QJsonValue(at) : QJsonValue()}}}});
        return fail({error.kind, at >= 0 ? error.message + QStringLiteral(" (at character %1)").arg(at + 1)
                                         : error.message},
                    false);
    }
    if (!outputPath.isEmpty()) {
        auto exported =
            sqlsnap::exportQuery(**cursor, path, *outputFormat, outputPath, parser.isSet(overwrite), &sink);
        if (!exported)
            return fail(exported.error(), false);
        printExported(*exported, *outputFormat);
        return Success;
    }
    RowWriter writer(format, (*cursor)->columns());
    qint64 printed = 0;
    bool limited = false;
    for (;;) {
        // With --limit, one row more than it lets through says whether rows were left out.
        const int want = maxRows ? int(qMin<qint64>(kPageRows, *maxRows - printed + 1)) : kPageRows;
        auto page = (*cursor)->rows(printed, want, token);
        if (!page) {
            writer.fail(page.error());
            return fail(page.error(), false);
        }
        QList<QVariantList>& rows = page->rows;
        if (maxRows && printed + rows.size() > *maxRows) {
            rows.resize(*maxRows - printed);
            limited = true;
        }
        writer.page(rows);
        printed += rows.size();
        // A reader of stdout that went away (`| head`): stop reading; main() reports the lost output.
        if (page->atEnd || limited || std::ferror(stdout))
            break;
    }
    writer.finish(limited);
    return Success;
}

} // namespace cli

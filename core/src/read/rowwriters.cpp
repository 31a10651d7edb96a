#include "read/rowwriters.h"

#include "sqlitesnapshot/tables.h"

#include <QLocale>

#include <cmath>

namespace sqlsnap {

QByteArray realText(double d) {
    if (std::isnan(d))
        return "NaN";
    if (std::isinf(d))
        return d > 0 ? "Infinity" : "-Infinity";
    QByteArray text = QByteArray::number(d, 'g', QLocale::FloatingPointShortest);
    if (!text.contains('.') && !text.contains('e'))
        text += ".0";
    return text;
}

QByteArray jsonString(const QString& s) {
    const QByteArray utf8 = s.toUtf8(); // whole, so that a pair of surrogates stays one character
    QByteArray out;
    out.reserve(utf8.size() + 2);
    out += '"';
    for (char c : utf8) {
        if (c == '"' || c == '\\') {
            out += '\\';
            out += c;
        } else if (c == '\n') {
            out += "\\n";
        } else if (c == '\r') {
            out += "\\r";
        } else if (c == '\t') {
            out += "\\t";
        } else if (uchar(c) < 0x20) {
            out += QByteArray("\\u00") + QByteArray::number(uchar(c), 16).rightJustified(2, '0');
        } else {
            out += c;
        }
    }
    out += '"';
    return out;
}

QByteArray blobLiteral(const QByteArray& blob) {
    return "X'" + blob.toHex().toUpper() + '\'';
}

// The convention of `sqlite-snapshot-cli query --json`: null, an exact integer token, a number that
// keeps its fraction, a string, {"base64": …} for a BLOB, {"real": "Infinity"} for an infinite REAL.
QByteArray jsonValue(const QVariant& v) {
    if (!v.isValid())
        return "null";
    switch (v.typeId()) {
    case QMetaType::LongLong:
        return QByteArray::number(v.toLongLong());
    case QMetaType::Double: {
        const double d = v.toDouble();
        if (std::isnan(d))
            return "null";
        return std::isinf(d) ? "{\"real\": \"" + realText(d) + "\"}" : realText(d);
    }
    case QMetaType::QByteArray:
        return "{\"base64\": \"" + v.toByteArray().toBase64() + "\"}";
    default:
        return jsonString(v.toString());
    }
}

// RFC 4180 (the convention of `query --csv`): NULL an empty field, '' a quoted empty one (""), a BLOB its
// X'…' literal, a text quoted when empty or holding a comma, a quote or a line end.
QByteArray csvField(const QVariant& v) {
    if (!v.isValid())
        return {};
    switch (v.typeId()) {
    case QMetaType::LongLong:
        return QByteArray::number(v.toLongLong());
    case QMetaType::Double:
        return realText(v.toDouble());
    case QMetaType::QByteArray:
        return blobLiteral(v.toByteArray());
    default:
        break;
    }
    QByteArray text = v.toString().toUtf8();
    if (text.isEmpty() || text.contains(',') || text.contains('"') || text.contains('\n') ||
        text.contains('\r'))
        return '"' + text.replace('"', "\"\"") + '"';
    return text;
}

QByteArray sqlLiteral(const QVariant& v) {
    if (!v.isValid())
        return "NULL";
    switch (v.typeId()) {
    case QMetaType::LongLong:
        return QByteArray::number(v.toLongLong());
    case QMetaType::Double: {
        const double d = v.toDouble();
        if (std::isnan(d))
            return "NULL";
        if (std::isinf(d))
            return d > 0 ? "1e999" : "-1e999";
        return realText(d);
    }
    case QMetaType::QByteArray:
        return blobLiteral(v.toByteArray());
    default: {
        // A NUL inside a TEXT value would end the statement's text for sqlite3 and most readers: it is
        // written as char(0) between the quoted parts, which keeps the value TEXT in any encoding.
        const QByteArrayList parts = v.toString().toUtf8().replace('\'', "''").split('\0');
        return '\'' + parts.join("'||char(0)||'") + '\'';
    }
    }
}

namespace {

class CsvWriter final : public RowWriter {
public:
    void begin(const QStringList& columns, QByteArray& out) override {
        for (int c = 0; c < columns.size(); ++c) {
            if (c > 0)
                out += ',';
            out += csvField(columns[c]);
        }
        out += "\r\n";
    }
    void row(const QVariantList& values, QByteArray& out) override {
        for (int c = 0; c < values.size(); ++c) {
            if (c > 0)
                out += ',';
            out += csvField(values[c]);
        }
        out += "\r\n";
    }
    void end(QByteArray&) override {}
};

// JSON (an array of objects) and NDJSON (one object a line) share the object.
class JsonWriter final : public RowWriter {
public:
    explicit JsonWriter(bool lines) : m_lines(lines) {}
    void begin(const QStringList& columns, QByteArray& out) override {
        for (const QString& n : columns)
            m_keys << jsonString(n) + ": ";
        if (!m_lines)
            out += '[';
    }
    void row(const QVariantList& values, QByteArray& out) override {
        if (!m_lines)
            out += m_rows == 0 ? "\n  " : ",\n  ";
        out += '{';
        for (int c = 0; c < values.size(); ++c) {
            if (c > 0)
                out += ", ";
            out += m_keys.value(c);
            out += jsonValue(values[c]);
        }
        out += '}';
        if (m_lines)
            out += '\n';
        ++m_rows;
    }
    void end(QByteArray& out) override {
        if (!m_lines)
            out += m_rows == 0 ? "]\n" : "\n]\n";
    }

private:
    bool m_lines;
    QByteArrayList m_keys;
    qint64 m_rows = 0;
};

class SqlWriter final : public RowWriter {
public:
    explicit SqlWriter(SqlTarget target) : m_target(std::move(target)) {}
    void begin(const QStringList& columns, QByteArray& out) override {
        const QByteArray table = quoteIdentifier(m_target.table).toUtf8();
        out += "BEGIN TRANSACTION;\n";
        if (!m_target.createSql.isEmpty()) {
            out += m_target.createSql.toUtf8() + ";\n";
        } else {
            QStringList quoted, seen;
            for (const QString& c : columns) {
                QString name = c;
                for (int n = 1; seen.contains(name, Qt::CaseInsensitive); ++n)
                    name = c + QLatin1Char(':') + QString::number(n);
                seen << name;
                quoted << quoteIdentifier(name);
            }
            out += "CREATE TABLE " + table + '(' + quoted.join(QLatin1Char(',')).toUtf8() + ");\n";
        }
        m_insert = "INSERT INTO " + table;
        if (m_target.nameColumns || m_target.generated.contains(true)) {
            QStringList inserted;
            for (int c = 0; c < columns.size(); ++c)
                if (!m_target.generated.value(c))
                    inserted << quoteIdentifier(columns[c]);
            m_insert += '(' + inserted.join(QLatin1Char(',')).toUtf8() + ')';
        }
        m_insert += " VALUES(";
    }
    void row(const QVariantList& values, QByteArray& out) override {
        out += m_insert;
        bool first = true;
        for (int c = 0; c < values.size(); ++c) {
            if (m_target.generated.value(c))
                continue;
            if (!first)
                out += ',';
            first = false;
            out += sqlLiteral(values[c]);
        }
        out += ");\n";
    }
    void end(QByteArray& out) override { out += "COMMIT;\n"; }

private:
    SqlTarget m_target;
    QByteArray m_insert;
};

} // namespace

std::unique_ptr<RowWriter> makeRowWriter(TableFormat format, const SqlTarget& target) {
    switch (format) {
    case TableFormat::Csv:
        return std::make_unique<CsvWriter>();
    case TableFormat::Json:
        return std::make_unique<JsonWriter>(false);
    case TableFormat::NdJson:
        return std::make_unique<JsonWriter>(true);
    case TableFormat::Sql:
        return std::make_unique<SqlWriter>(target);
    }
    return std::make_unique<CsvWriter>();
}

} // namespace sqlsnap

// RowFilter as SQL: the all-columns text and each column's typed filter (see ColumnFilter in reader.h)
// become one condition whose values are bound parameters from ?11 on, so the page queries' own
// parameters (?1 .. ?4) never collide with them and nothing a user types is spliced into SQL.
#include "sqlitesnapshot/reader.h"

#include "read/readerimpl.h"

#include <QRegularExpression>

namespace sqlsnap {
namespace {

constexpr int kFirstParameter = 11;

enum class Op {
    Contains,
    Equal,
    NotEqual,
    Less,
    LessEqual,
    Greater,
    GreaterEqual,
    Between,
    IsNull,
    IsNotNull,
    Regex
};

struct Parsed {
    Op op = Op::Contains;
    QString a, b;
};

Parsed parse(const QString& typed) {
    const QString text = typed.trimmed();
    if (text.startsWith(QLatin1Char('\\')))
        return {Op::Contains, text.mid(1), {}};
    if (text.compare(QLatin1String("NULL"), Qt::CaseInsensitive) == 0)
        return {Op::IsNull, {}, {}};
    if (text.compare(QLatin1String("NOT NULL"), Qt::CaseInsensitive) == 0)
        return {Op::IsNotNull, {}, {}};
    if (text.size() >= 2 && text.startsWith(QLatin1Char('/'))) {
        if (text.endsWith(QLatin1Char('/')) && text.size() > 2)
            return {Op::Regex, text.mid(1, text.size() - 2), {}};
        if (text.endsWith(QLatin1String("/i")) && text.size() > 3)
            return {Op::Regex, QStringLiteral("(?i)") + text.mid(1, text.size() - 3), {}};
    }
    static const std::pair<const char*, Op> prefixes[] = {
        {">=", Op::GreaterEqual}, {"<=", Op::LessEqual}, {"<>", Op::NotEqual}, {"!=", Op::NotEqual},
        {"=", Op::Equal},         {"<", Op::Less},       {">", Op::Greater}};
    for (const auto& [prefix, op] : prefixes)
        if (text.startsWith(QLatin1String(prefix)))
            return {op, text.mid(int(qstrlen(prefix))).trimmed(), {}};
    const qsizetype dots = text.indexOf(QLatin1String(".."));
    if (dots > 0 && dots + 2 < text.size())
        return {Op::Between, text.left(dots).trimmed(), text.mid(dots + 2).trimmed()};
    return {Op::Contains, text, {}};
}

// A typed operand: a number when it reads as one (whole text), else the text.
QVariant operand(const QString& text) {
    bool ok = false;
    const qint64 integer = text.toLongLong(&ok);
    if (ok)
        return QVariant::fromValue<qint64>(integer);
    const double real = text.toDouble(&ok);
    if (ok)
        return real;
    return text;
}

QString likePattern(const QString& text) {
    QString escaped = text;
    escaped.replace(QLatin1Char('\\'), QStringLiteral("\\\\"))
        .replace(QLatin1Char('%'), QStringLiteral("\\%"))
        .replace(QLatin1Char('_'), QStringLiteral("\\_"));
    return QLatin1Char('%') + escaped + QLatin1Char('%');
}

// Hex digits as a BLOB shows them: what was typed, without spaces, upper case.
QString hexPattern(const QString& text) {
    QString digits = text;
    digits.remove(QLatin1Char(' '));
    return likePattern(digits.toUpper());
}

// The condition and its values, in parameter order.
struct Compiled {
    QStringList terms;
    QVariantList values;
    QString next(const QVariant& value) {
        values << value;
        return QStringLiteral("?%1").arg(kFirstParameter + values.size() - 1);
    }
    // `column` contains `text` as shown: a BLOB by its hex digits, anything else as its text.
    QString contains(const QString& column, const QString& text) {
        const QString blob = next(hexPattern(text));
        const QString other = next(likePattern(text));
        return QStringLiteral("(CASE WHEN typeof(%1) = 'blob' THEN hex(%1) LIKE %2 ESCAPE '\\' "
                              "ELSE CAST(%1 AS TEXT) LIKE %3 ESCAPE '\\' END)")
            .arg(column, blob, other);
    }
};

QString columnCondition(Compiled& c, const QString& column, const Parsed& p) {
    switch (p.op) {
    case Op::Contains:
        return c.contains(column, p.a);
    case Op::IsNull:
        return column + QStringLiteral(" IS NULL");
    case Op::IsNotNull:
        return column + QStringLiteral(" IS NOT NULL");
    case Op::Regex:
        return QStringLiteral("regexp(%1, %2)").arg(c.next(p.a), column);
    case Op::Equal: {
        // A BLOB equals the hex digits it shows; anything else compares as SQLite compares.
        const QString value = c.next(operand(p.a));
        QString digits = p.a;
        digits.remove(QLatin1Char(' '));
        const QString hex = c.next(digits.toUpper());
        return QStringLiteral("(CASE WHEN typeof(%1) = 'blob' THEN hex(%1) = %2 ELSE %1 = %3 END)")
            .arg(column, hex, value);
    }
    case Op::NotEqual: {
        const QString value = c.next(operand(p.a));
        QString digits = p.a;
        digits.remove(QLatin1Char(' '));
        const QString hex = c.next(digits.toUpper());
        return QStringLiteral("(CASE WHEN typeof(%1) = 'blob' THEN hex(%1) <> %2 ELSE %1 <> %3 END)")
            .arg(column, hex, value);
    }
    case Op::Less:
        return QStringLiteral("%1 < %2").arg(column, c.next(operand(p.a)));
    case Op::LessEqual:
        return QStringLiteral("%1 <= %2").arg(column, c.next(operand(p.a)));
    case Op::Greater:
        return QStringLiteral("%1 > %2").arg(column, c.next(operand(p.a)));
    case Op::GreaterEqual:
        return QStringLiteral("%1 >= %2").arg(column, c.next(operand(p.a)));
    case Op::Between: {
        const QString low = c.next(operand(p.a));
        return QStringLiteral("%1 BETWEEN %2 AND %3").arg(column, low, c.next(operand(p.b)));
    }
    }
    return QStringLiteral("0");
}

Compiled compile(const TableSchema& schema, const RowFilter& filter, const QString& qualifier) {
    Compiled c;
    if (!filter.text.isEmpty() && !schema.table.columns.isEmpty()) {
        QStringList any;
        for (const ColumnInfo& column : schema.table.columns)
            any << c.contains(qualifier + quoteIdentifier(column.name), filter.text);
        c.terms << QLatin1Char('(') + any.join(QStringLiteral(" OR ")) + QLatin1Char(')');
    }
    for (const ColumnFilter& f : filter.columns) {
        if (f.text.trimmed().isEmpty())
            continue;
        bool known = false;
        for (const ColumnInfo& column : schema.table.columns)
            known = known || column.name == f.column;
        if (!known || !checkColumnFilter(f.text)) {
            c.terms << QStringLiteral("0"); // a filter that means nothing matches nothing
            continue;
        }
        c.terms << columnCondition(c, qualifier + quoteIdentifier(f.column), parse(f.text));
    }
    return c;
}

// regexp(pattern, value): the value as shown (a BLOB as hex digits) matches. The compiled expression
// is kept with the statement (auxdata), so a scan compiles it once.
void regexpFunction(sqlite3_context* context, int, sqlite3_value** argv) {
    if (sqlite3_value_type(argv[0]) == SQLITE_NULL || sqlite3_value_type(argv[1]) == SQLITE_NULL) {
        sqlite3_result_null(context);
        return;
    }
    auto* re = static_cast<QRegularExpression*>(sqlite3_get_auxdata(context, 0));
    if (!re) {
        const auto* p = reinterpret_cast<const char*>(sqlite3_value_text(argv[0]));
        re = new QRegularExpression(QString::fromUtf8(p, sqlite3_value_bytes(argv[0])));
        if (!re->isValid()) {
            const QByteArray message =
                QStringLiteral("not a regular expression: %1").arg(re->errorString()).toUtf8();
            delete re;
            sqlite3_result_error(context, message.constData(), int(message.size()));
            return;
        }
        sqlite3_set_auxdata(context, 0, re, [](void* r) { delete static_cast<QRegularExpression*>(r); });
        re = static_cast<QRegularExpression*>(sqlite3_get_auxdata(context, 0)); // may have been freed
        if (!re) {
            sqlite3_result_error_nomem(context);
            return;
        }
    }
    QString shown;
    if (sqlite3_value_type(argv[1]) == SQLITE_BLOB) {
        const QByteArray bytes(static_cast<const char*>(sqlite3_value_blob(argv[1])),
                               sqlite3_value_bytes(argv[1]));
        shown = QString::fromLatin1(bytes.toHex().toUpper());
    } else {
        const auto* t = reinterpret_cast<const char*>(sqlite3_value_text(argv[1]));
        shown = QString::fromUtf8(t, sqlite3_value_bytes(argv[1]));
    }
    sqlite3_result_int(context, re->match(shown).hasMatch() ? 1 : 0);
}

} // namespace

bool RowFilter::isEmpty() const {
    if (!text.isEmpty())
        return false;
    for (const ColumnFilter& f : columns)
        if (!f.text.trimmed().isEmpty())
            return false;
    return true;
}

Status checkColumnFilter(const QString& text) {
    const Parsed p = parse(text);
    if (p.op == Op::Regex) {
        const QRegularExpression re(p.a);
        if (!re.isValid())
            return Error{ErrorKind::InvalidArgument,
                         QStringLiteral("not a regular expression: %1 (at character %2)")
                             .arg(re.errorString())
                             .arg(re.patternErrorOffset() + 1)};
    }
    return success();
}

QString filterCondition(const TableSchema& schema, const RowFilter& filter, const QString& qualifier) {
    return compile(schema, filter, qualifier).terms.join(QStringLiteral(" AND "));
}

void bindFilter(sqlite3_stmt* stmt, const TableSchema& schema, const RowFilter& filter) {
    const Compiled c = compile(schema, filter, {});
    for (int i = 0; i < c.values.size(); ++i)
        bindValue(stmt, kFirstParameter + i, c.values[i]);
}

void registerFilterFunctions(sqlite3* db) {
    sqlite3_create_function_v2(db, "regexp", 2, SQLITE_UTF8 | SQLITE_DETERMINISTIC, nullptr, regexpFunction,
                               nullptr, nullptr, nullptr);
}

} // namespace sqlsnap

#include "preview/valueformat.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QJsonDocument>
#include <QLocale>

#include <limits>

namespace sqlsnap::ui::value {
namespace {
// The translation context of these free functions (lupdate reads it from the declaration).
struct ValueFormat {
    Q_DECLARE_TR_FUNCTIONS(sqlsnap::ui::ValueFormat)
};

QString withDecimalPoint(QString text) {
    // A REAL keeps a decimal point (405.0, not 405), so it never reads as an INTEGER.
    if (!text.contains(QLatin1Char('.')) && !text.contains(QLatin1Char('e')) &&
        !text.contains(QLatin1Char('n')))
        text += QStringLiteral(".0");
    return text;
}

// 1990-01-01T00:00:00Z and 2100-01-01T00:00:00Z in Unix seconds: the years a reading must fall in.
constexpr qint64 kEarliest = 631152000;
constexpr qint64 kLatest = 4102444800;
// Microseconds from 1601-01-01 (WebKit's and Windows' epoch) to 1970-01-01.
constexpr qint64 kWebKitToUnixMicroseconds = 11644473600LL * 1000000;

// `n` units of 1/`perSecond` s since 1970 in ISO 8601 UTC; the fraction with the unit's digits, when
// it is not zero. `n` is within the reading's range, so positive.
QString isoUtc(qint64 n, qint64 perSecond, int fractionDigits) {
    const qint64 seconds = n / perSecond, fraction = n % perSecond;
    QString text = QDateTime::fromSecsSinceEpoch(seconds, Qt::UTC).toString(Qt::ISODate);
    if (fraction != 0 && text.endsWith(QLatin1Char('Z')))
        text.insert(text.size() - 1,
                    QStringLiteral(".%1").arg(fraction, fractionDigits, 10, QLatin1Char('0')));
    return text;
}

bool isJsonSpace(QChar c) {
    return c == QLatin1Char(' ') || c == QLatin1Char('\t') || c == QLatin1Char('\n') ||
           c == QLatin1Char('\r');
}

// Where the first character that is not JSON white space is, or -1.
qsizetype firstNonSpace(const QByteArray& bytes) {
    for (qsizetype i = 0; i < bytes.size(); ++i)
        if (!isJsonSpace(QLatin1Char(bytes[i])))
            return i;
    return -1;
}

// Re-indents valid JSON text: white space outside strings is dropped and laid out again.
QString reindent(const QString& json) {
    QString out;
    out.reserve(json.size() + json.size() / 4);
    int depth = 0;
    const auto newline = [&] {
        out += QLatin1Char('\n');
        out += QString(4 * depth, QLatin1Char(' '));
    };
    const qsizetype n = json.size();
    for (qsizetype i = 0; i < n; ++i) {
        const QChar c = json[i];
        if (c == QLatin1Char('"')) { // a string, copied as it is
            const qsizetype start = i++;
            while (i < n && json[i] != QLatin1Char('"'))
                i += json[i] == QLatin1Char('\\') ? 2 : 1;
            out += QStringView(json).mid(start, std::min(i, n - 1) - start + 1);
        } else if (c == QLatin1Char('{') || c == QLatin1Char('[')) {
            qsizetype next = i + 1;
            while (next < n && isJsonSpace(json[next]))
                ++next;
            const QChar close = c == QLatin1Char('{') ? QLatin1Char('}') : QLatin1Char(']');
            out += c;
            if (next < n && json[next] == close) { // an empty one stays on its line: {} or []
                out += close;
                i = next;
            } else {
                ++depth;
                newline();
            }
        } else if (c == QLatin1Char('}') || c == QLatin1Char(']')) {
            --depth;
            newline();
            out += c;
        } else if (c == QLatin1Char(',')) {
            out += c;
            newline();
        } else if (c == QLatin1Char(':')) {
            out += QStringLiteral(": ");
        } else if (!isJsonSpace(c)) {
            out += c;
        }
    }
    return out;
}
} // namespace

StorageClass storageClassOf(const QVariant& value) {
    if (!value.isValid())
        return StorageClass::Null;
    switch (value.typeId()) {
    case QMetaType::LongLong:
    case QMetaType::Int:
    case QMetaType::ULongLong:
    case QMetaType::UInt:
        return StorageClass::Integer;
    case QMetaType::Double:
    case QMetaType::Float:
        return StorageClass::Real;
    case QMetaType::QByteArray:
        return StorageClass::Blob;
    default:
        return StorageClass::Text;
    }
}

QString storageClassName(StorageClass storageClass) {
    switch (storageClass) {
    case StorageClass::Null:
        return QStringLiteral("NULL");
    case StorageClass::Integer:
        return QStringLiteral("INTEGER");
    case StorageClass::Real:
        return QStringLiteral("REAL");
    case StorageClass::Text:
        return QStringLiteral("TEXT");
    case StorageClass::Blob:
        return QStringLiteral("BLOB");
    }
    return {};
}

QString realText(double value) {
    return withDecimalPoint(QString::number(value, 'g', 17));
}

QString shortestRealText(double value) {
    return withDecimalPoint(QString::number(value, 'g', QLocale::FloatingPointShortest));
}

QList<TimeReading> timeReadings(qint64 n) {
    QList<TimeReading> readings;
    const auto within = [](qint64 v, qint64 perSecond) {
        return v >= kEarliest * perSecond && v < kLatest * perSecond;
    };
    if (within(n, 1))
        readings.append({isoUtc(n, 1, 0), ValueFormat::tr("Unix time in seconds")});
    if (within(n, 1000))
        readings.append({isoUtc(n, 1000, 3), ValueFormat::tr("Unix time in milliseconds")});
    if (within(n, 1000000))
        readings.append(
            {isoUtc(n, 1000000, 6), ValueFormat::tr("Unix time in microseconds, as Firefox’s PRTime")});
    // n - epoch difference cannot overflow: n is a qint64 and the difference positive and far from max.
    if (n > std::numeric_limits<qint64>::min() + kWebKitToUnixMicroseconds &&
        within(n - kWebKitToUnixMicroseconds, 1000000))
        readings.append({isoUtc(n - kWebKitToUnixMicroseconds, 1000000, 6),
                         ValueFormat::tr("WebKit/Chrome time: microseconds since 1601")});
    return readings;
}

TextSize textSize(const QString& text) {
    TextSize size;
    const qsizetype n = text.size();
    for (qsizetype i = 0; i < n; ++i) {
        const char16_t u = text[i].unicode();
        ++size.characters;
        if (u < 0x80) {
            size.utf8Bytes += 1;
        } else if (u < 0x800) {
            size.utf8Bytes += 2;
        } else if (QChar::isHighSurrogate(u) && i + 1 < n && QChar::isLowSurrogate(text[i + 1].unicode())) {
            size.utf8Bytes += 4;
            ++i;
        } else {
            size.utf8Bytes += 3; // also a lone surrogate, which UTF-8 encodes as U+FFFD
        }
    }
    return size;
}

bool isUtf8Text(const QByteArray& bytes) {
    for (const char c : bytes) {
        const auto b = static_cast<unsigned char>(c);
        if ((b < 0x20 && b != '\t' && b != '\n' && b != '\r') || b == 0x7f)
            return false;
    }
    return QByteArrayView(bytes).isValidUtf8();
}

std::optional<QString> prettyJson(const QByteArray& utf8) {
    const qsizetype first = firstNonSpace(utf8);
    if (first < 0 || (utf8[first] != '{' && utf8[first] != '['))
        return std::nullopt;
    QJsonParseError error{};
    const QJsonDocument document = QJsonDocument::fromJson(utf8, &error);
    if (error.error != QJsonParseError::NoError || !(document.isObject() || document.isArray()))
        return std::nullopt;
    return reindent(QString::fromUtf8(utf8));
}

qsizetype shownLength(const QString& text, qsizetype maxChars, qsizetype maxLines, qsizetype maxLineChars) {
    qsizetype n = std::min(text.size(), maxChars);
    qsizetype line = 0, lines = 1;
    for (qsizetype i = 0; i < n; ++i) {
        if (text[i] == QLatin1Char('\n')) {
            line = 0;
            if (++lines > maxLines) {
                n = i;
                break;
            }
        } else if (++line > maxLineChars) {
            n = i;
            break;
        }
    }
    if (n > 0 && n < text.size() && text[n - 1].isHighSurrogate())
        --n;
    return n;
}

QString copyText(const QVariant& value) {
    switch (storageClassOf(value)) {
    case StorageClass::Null:
        return {};
    case StorageClass::Integer:
        return QString::number(value.toLongLong());
    case StorageClass::Real:
        return realText(value.toDouble());
    case StorageClass::Text:
        return value.toString();
    case StorageClass::Blob:
        return QString::fromLatin1(value.toByteArray().toHex());
    }
    return {};
}

QByteArray fileBytes(const QVariant& value) {
    switch (storageClassOf(value)) {
    case StorageClass::Null:
        return {};
    case StorageClass::Blob:
        return value.toByteArray();
    default:
        return copyText(value).toUtf8();
    }
}

Analysis analyse(const QVariant& value) {
    Analysis analysis;
    const StorageClass storageClass = storageClassOf(value);
    QString text;
    std::optional<QString> json;
    if (storageClass == StorageClass::Text) {
        text = value.toString();
        analysis.size = textSize(text);
        json = prettyJson(text.toUtf8());
    } else if (storageClass == StorageClass::Blob) {
        const QByteArray bytes = value.toByteArray();
        if (!isUtf8Text(bytes))
            return analysis;
        text = QString::fromUtf8(bytes);
        analysis.size = textSize(text);
        json = prettyJson(bytes);
    } else {
        return analysis;
    }
    const auto cut = [](QString& shown) {
        const qsizetype n = shownLength(shown, kShownChars, kShownLines, kShownLineChars);
        if (n < shown.size()) {
            shown.truncate(n);
            shown.squeeze(); // here, not on the GUI thread where the answer ends
        }
    };
    analysis.textLength = text.size();
    cut(text);
    analysis.text = std::move(text);
    if (json) {
        analysis.jsonLength = json->size();
        cut(*json);
        analysis.json = std::move(json);
    }
    return analysis;
}

qsizetype weight(const QVariant& value) {
    switch (storageClassOf(value)) {
    case StorageClass::Text:
        return value.toString().size() * 2;
    case StorageClass::Blob:
        return value.toByteArray().size();
    default:
        return 0;
    }
}

} // namespace sqlsnap::ui::value

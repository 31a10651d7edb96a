// What the value viewer says about one cell's value, as pure functions (Qt Core only, any thread): its
// storage class, sizes, number texts, time readings, JSON and UTF-8 checks, and the analysis of a big
// value that ValueViewer runs off the GUI thread.
//
// A value is what TableDataModel::RawValueRole gives: an invalid QVariant is SQL NULL, qint64 INTEGER,
// double REAL, QString TEXT and QByteArray BLOB.
#pragma once

#include <QByteArray>
#include <QList>
#include <QString>
#include <QVariant>

#include <optional>

namespace sqlsnap::ui::value {

enum class StorageClass { Null, Integer, Real, Text, Blob };

StorageClass storageClassOf(const QVariant& value);
// "NULL", "INTEGER", "REAL", "TEXT", "BLOB": SQL's words, never translated.
QString storageClassName(StorageClass storageClass);

// A REAL with 17 significant digits (every double reads back exactly) and a decimal point kept, as the
// grid does ("3.0", not "3"): 0.1 is "0.10000000000000001".
QString realText(double value);
// The shortest text that reads back as the same double ("0.1"), with the decimal point kept.
QString shortestRealText(double value);

// One way an INTEGER can be read as a time, between 1990-01-01 and 2100-01-01 (UTC).
struct TimeReading {
    QString iso;     // ISO 8601 in UTC: "2023-11-14T22:13:20Z", with a fraction only when it has one
    QString meaning; // which interpretation, translated: "Unix time in microseconds, as Firefox’s PRTime"
};
// Every plausible reading of `n`: Unix time in seconds, milliseconds or microseconds since 1970 (the
// last is Firefox's PRTime) and WebKit/Chrome time in microseconds since 1601-01-01. The ranges of
// these four never overlap, so a value gets at most one reading; a small integer such as 42 none.
QList<TimeReading> timeReadings(qint64 n);

// Code points (a surrogate pair is one) and the UTF-8 bytes `text` encodes to.
struct TextSize {
    qint64 characters = 0;
    qint64 utf8Bytes = 0;
};
TextSize textSize(const QString& text);

// Valid UTF-8 with no control characters other than tab, line feed and carriage return: bytes a
// person would call text. An all-zero blob is valid UTF-8, but not text.
bool isUtf8Text(const QByteArray& bytes);

// `utf8` re-indented as QJsonDocument::Indented prints it (4 spaces, "key": value), when it is a
// valid JSON object or array; nullopt otherwise. Validity is QJsonDocument's verdict, but the text
// printed is the value's own, re-indented: keys keep their order and duplicates, numbers their digits
// (a QJsonObject would sort the keys and turn integers above 2^53 into doubles).
std::optional<QString> prettyJson(const QByteArray& utf8);

// How much of `text` a QPlainTextEdit can show without stalling the GUI thread: at most `maxChars`
// characters in at most `maxLines` lines, and none past the `maxLineChars`th of a line (laying out one
// long line costs more per character than many short ones). Never splits a surrogate pair.
qsizetype shownLength(const QString& text, qsizetype maxChars, qsizetype maxLines, qsizetype maxLineChars);

// What the viewer's Copy puts on the clipboard: a TEXT as itself, a BLOB as lowercase hex without
// spaces, a number as its text (a REAL with 17 digits); NULL as nothing.
QString copyText(const QVariant& value);
// What Save to File… writes: a TEXT in UTF-8, a BLOB's bytes, a number's text in UTF-8; NULL nothing.
QByteArray fileBytes(const QVariant& value);

// The views a TEXT or BLOB value offers beyond its raw form, worked out in one pass so that a big
// value can be analysed off the GUI thread (ValueViewer does so above kInlineAnalysisBytes).
struct Analysis {
    TextSize size;               // of the text: a TEXT, or a BLOB that is UTF-8 text; else {0, 0}
    std::optional<QString> json; // pretty-printed, when the text (or the blob as text) is JSON
    std::optional<QString> text; // the text to show (TEXT, or a BLOB that is UTF-8 text), cut to
    qsizetype textLength = 0;    //   shownLength(); and the whole text's length, in UTF-16 units
    qsizetype jsonLength = 0;    // the whole pretty text's length, before it was cut
};
constexpr qsizetype kInlineAnalysisBytes = 64 * 1024;
// A text view's limits (see shownLength()): a full page costs the GUI thread ~10–20 ms to lay out and
// paint on a busy 2-core machine (QPlainTextEdit, Qt 6.4).
constexpr qsizetype kShownChars = 128 * 1024;
constexpr qsizetype kShownLines = 4000;
constexpr qsizetype kShownLineChars = 16 * 1024;
Analysis analyse(const QVariant& value);
// The size of a value in bytes as the viewer weighs it (UTF-16 units * 2 for text).
qsizetype weight(const QVariant& value);

} // namespace sqlsnap::ui::value

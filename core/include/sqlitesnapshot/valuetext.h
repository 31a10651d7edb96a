// How a value is written as text in the export formats and the CLI's `query` output: one convention,
// so a value reads the same whatever writes it (docs/library.md, "Export formats"). Values as RowPage
// holds them: an invalid QVariant is NULL; qint64, double, QString, QByteArray the other storage classes.
#pragma once

#include <QByteArray>
#include <QString>
#include <QVariant>

namespace sqlsnap {

// Shortest round-trip text, always with a '.' or an exponent: 3.0, 0.1, 1e+300; Infinity, NaN.
QByteArray realText(double d);
// A JSON string literal, UTF-8, control characters escaped.
QByteArray jsonString(const QString& s);
// null, an exact integer token, a REAL keeping its fraction, a string, {"base64": …} for a BLOB and
// {"real": "Infinity"} for an infinite REAL (NaN: null).
QByteArray jsonValue(const QVariant& v);
// X'00FF': a BLOB as an SQL literal (also CSV's BLOB field).
QByteArray blobLiteral(const QByteArray& blob);
// A literal SQLite reads back as the same value and storage class: NULL, an exact integer, a REAL
// keeping its point (1e999 for an infinity, as the sqlite3 shell's .dump writes it; NaN, which SQLite
// stores as NULL, is NULL), X'…' for a BLOB, a quoted text ('' doubled; a NUL in it as '…'||char(0)||'…').
// Known limit: a TEXT that is not valid UTF-8 reaches this as a QString already (its bad bytes U+FFFD).
QByteArray sqlLiteral(const QVariant& v);
// RFC 4180: NULL an empty field, '' a quoted empty one (""), a BLOB its X'…' literal, a text quoted when
// empty or holding a comma, a quote or a line end.
QByteArray csvField(const QVariant& v);

} // namespace sqlsnap

// Words and numbers as people read them: sizes, times, phases, advice on errors, snapshot names.
#pragma once

#include <sqlitesnapshot/databasefiles.h>
#include <sqlitesnapshot/error.h>
#include <sqlitesnapshot/progress.h>

#include "common/tones.h" // Tone, setTone(): formatted text often comes with one

#include <QString>

#include <functional>

class QWidget;

namespace sqlsnap::ui {

QString humanSize(qint64 bytes); // "1.5 MB", "812 bytes" (bytesText under 1000)
// One duration format for every time shown: "277 ms", "4.2 s", "2 min 05 s", "1 h 04 min".
QString durationText(qint64 ms);
QString groupedNumber(qint64 n); // "12,345" (in the user's locale)
// Counts with their noun in the plural form the count asks for ("1 page", "12,345 pages"; "1 row",
// "3,000 rows"; "4,096 bytes"). English shows these forms through its plural-only translation.
QString pagesText(qint64 n);
QString rowsText(qint64 n);
QString bytesText(qint64 n);
// The n for tr(text, nullptr, n) of a counted text: it picks the plural form, while the digits come
// from groupedNumber() through %1 (docs/app.md). tr's n is an int: a larger count stands in as one
// with the same last six digits, which is all a plural rule reads, above a million.
int pluralCount(qint64 n);

// "Copying (attempt 2 of 101)", "Backing up — 12,345 of 262,144 pages", "Verifying", …
QString phaseText(const Progress& progress);

// What the user can do about an error, or empty when the message says it all.
QString adviceFor(ErrorKind kind);



} // namespace sqlsnap::ui

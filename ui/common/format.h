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

QString humanSize(qint64 bytes);       // "1.5 MB", "812 bytes"
QString humanDuration(qint64 seconds); // "3 s", "2 min 05 s", "1 h 04 min"
QString groupedNumber(qint64 n);       // "12,345" (in the user's locale)
QString elapsedText(qint64 ms);        // "277 ms" under 10 s, else as humanDuration
// Counts with their noun, singular or plural ("1 page", "12,345 pages"; "1 row", "3,000 rows").
QString pagesText(qint64 n);
QString rowsText(qint64 n);

// "Copying (attempt 2 of 101)", "Backing up — 12,345 of 262,144 pages", "Verifying", …
QString phaseText(const Progress& progress);

// What the user can do about an error, or empty when the message says it all.
QString adviceFor(ErrorKind kind);

// The name a snapshot gets in the snapshot folder: "<database name> <yyyy-MM-dd HHmmss>.sqlite".
QString snapshotFileName(const QString& databasePath, const QDateTime& when);
// The first of "<folder>/<that name>", "… (2).sqlite", "… (3).sqlite", … that `taken` does not claim.
QString freeSnapshotPath(const QString& folder, const QString& databasePath, const QDateTime& when,
                         const std::function<bool(const QString& path)>& taken);

} // namespace sqlsnap::ui

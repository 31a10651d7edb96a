#include "common/format.h"

#include <QApplication>
#include <QCoreApplication>
#include <QFileInfo>
#include <QLocale>
#include <QPalette>
#include <QWidget>

#include <limits>

namespace sqlsnap::ui {
namespace {
// The translation context of these free functions (lupdate reads it from the declaration).
struct Format {
    Q_DECLARE_TR_FUNCTIONS(sqlsnap::ui::Format)
};
} // namespace

int pluralCount(qint64 n) {
    if (n >= 0 && n <= std::numeric_limits<int>::max())
        return int(n);
    return n < 0 ? 0 : int(1000000 + n % 1000000);
}

QString bytesText(qint64 n) {
    return Format::tr("%1 byte(s)", nullptr, pluralCount(n)).arg(groupedNumber(n));
}

QString humanSize(qint64 bytes) {
    if (bytes < 1000)
        return bytesText(bytes);
    return QLocale().formattedDataSize(bytes, 1, QLocale::DataSizeSIFormat);
}

QString durationText(qint64 ms) {
    if (ms < 1000)
        return Format::tr("%1 ms").arg(ms);
    if (ms < 59950) // what would round to "60.0 s" reads as a minute
        return Format::tr("%1 s").arg(QLocale().toString(ms / 1000.0, 'f', 1));
    const qint64 seconds = (ms + 500) / 1000;
    if (seconds < 3600)
        return Format::tr("%1 min %2 s").arg(seconds / 60).arg(seconds % 60, 2, 10, QLatin1Char('0'));
    return Format::tr("%1 h %2 min").arg(seconds / 3600).arg((seconds % 3600) / 60, 2, 10, QLatin1Char('0'));
}

QString pagesText(qint64 n) {
    return Format::tr("%1 page(s)", nullptr, pluralCount(n)).arg(groupedNumber(n));
}

QString rowsText(qint64 n) {
    return Format::tr("%1 row(s)", nullptr, pluralCount(n)).arg(groupedNumber(n));
}

QString groupedNumber(qint64 n) {
    // The user's digit grouping; the C locale (no LANG set) has none, so English grouping stands in.
    const QLocale locale;
    return (locale.language() == QLocale::C ? QLocale(QLocale::English) : locale).toString(n);
}

QString phaseText(const Progress& p) {
    switch (p.phase) {
    case Phase::Inspecting:
        return Format::tr("Inspecting");
    case Phase::Copying:
        // The attempt is news only once a retry happens: the first is just "Copying".
        return p.attempt > 1 && p.maxAttempts > 0
                   ? Format::tr("Copying again (attempt %1 of %2)").arg(p.attempt).arg(p.maxAttempts)
                   : Format::tr("Copying");
    case Phase::Opening:
        return Format::tr("Opening the copy");
    case Phase::Converting:
        return Format::tr("Making it self-contained");
    case Phase::BackingUp:
        return p.pagesTotal > 0
                   ? Format::tr("Backing up — %1 of %2 page(s)", nullptr, pluralCount(p.pagesTotal))
                         .arg(groupedNumber(p.pagesDone), groupedNumber(p.pagesTotal))
                   : Format::tr("Backing up");
    case Phase::Compacting:
        return Format::tr("Compacting");
    case Phase::Verifying:
        return Format::tr("Verifying");
    case Phase::Hashing:
        return Format::tr("Computing SHA-256");
    case Phase::Publishing:
        return Format::tr("Publishing");
    case Phase::ExportingRows:
        return p.rowsTotal > 0 ? Format::tr("Writing rows — %1 of %2")
                                     .arg(groupedNumber(p.rowsDone), groupedNumber(p.rowsTotal))
                               : Format::tr("Writing rows");
    case Phase::Sorting:
        return p.rowsTotal > 0 ? Format::tr("Sorting — %1 of %2 rows read")
                                     .arg(groupedNumber(p.rowsDone), groupedNumber(p.rowsTotal))
                               : Format::tr("Sorting");
    case Phase::Comparing:
        return p.rowsTotal > 0 ? Format::tr("Comparing — %1 of %2 tables")
                                     .arg(groupedNumber(p.rowsDone), groupedNumber(p.rowsTotal))
                               : Format::tr("Comparing");
    case Phase::Done:
        return Format::tr("Done");
    }
    return {};
}

QString adviceFor(ErrorKind kind) {
    switch (kind) {
    case ErrorKind::SourceMissing:
        return Format::tr(
            "The file was moved or deleted. Remove it from the list, or drop it again from its new place.");
    case ErrorKind::NotADatabase:
        return Format::tr("Only SQLite database files can be snapshotted, opened or compared.");
    case ErrorKind::Unreadable:
        return Format::tr("Check the file's permissions, or run as a user who may read it.");
    case ErrorKind::PermissionDenied:
        return Format::tr(
            "Choose a folder you may write to (File → Snapshot Folder…), or check its permissions.");
    case ErrorKind::DestinationExists:
        return Format::tr("Choose another name; an existing file is replaced only after you confirm it.");
    case ErrorKind::ChangedTooOften:
        return Format::tr(
            "The database changed during every attempt. Try again when the other program is idle.");
    case ErrorKind::DiskFull:
        return Format::tr("Free some space, or choose another snapshot folder.");
    case ErrorKind::DestinationDirectoryMissing:
        return Format::tr("Choose an existing folder.");
    case ErrorKind::Corrupt:
        return Format::tr("The source itself is damaged; SQLite's .recover command may rescue some of it.");
    case ErrorKind::Cancelled:
        return {};
    default:
        return {};
    }
}

} // namespace sqlsnap::ui

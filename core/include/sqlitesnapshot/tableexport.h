// Writing one table (or view) of a snapshot as CSV or JSON.
#pragma once

#include "reader.h"

#include "error.h"
#include "progress.h"

#include <QString>

namespace sqlsnap {

enum class TableFormat {
    Csv,  // RFC 4180: a header row, CRLF line ends, fields quoted when needed; NULL is an empty field,
          // a BLOB its bytes in hex
    Json, // an array of objects, one per row, keys in column order; NULL is null, integers exact,
          // a BLOB a base64 string, an infinite REAL the string "Infinity" / "-Infinity"
};

struct TableExportResult {
    QString destination;
    qint64 rows = 0;
    qint64 bytes = 0;
};

// Streams the rows of `table` (those `filter` keeps, in `order`: as the preview shows them) from the
// snapshot at `snapshotPath` (opened read-only, as SnapshotReader does) into `destination`, through a
// temporary file with an unpredictable name in its folder that is fsynced and renamed only when complete:
// a cancel or a failure leaves no partial file, and an existing file is replaced only with `overwrite`,
// only on success. The file gets the snapshot's permissions. Progress: phase ExportingRows,
// rowsDone/rowsTotal.
Expected<TableExportResult> exportTable(const QString& snapshotPath, const QString& table,
                                        const RowFilter& filter, const RowOrder& order, TableFormat format,
                                        const QString& destination, bool overwrite,
                                        ProgressSink* sink = nullptr);

} // namespace sqlsnap

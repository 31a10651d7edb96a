// Writing one table (or view) of a snapshot, or a query's result, as CSV, JSON, NDJSON or SQL.
#pragma once

#include "reader.h"

#include "error.h"
#include "progress.h"

#include <QString>

#include <optional>

namespace sqlsnap {

class QueryCursor;

// docs/library.md ("Export formats") gives each format's exact bytes. Every format keeps NULL and ''
// apart, INTEGERs exact and a REAL a REAL (its shortest round-trip text, with ".0" when it would look
// like an integer: 3.0).
enum class TableFormat {
    Csv,    // RFC 4180: a header row, CRLF line ends; NULL an empty field, '' a quoted empty one (""), a
            // BLOB its X'00FF' literal; a text quoted when empty or holding ',' '"' CR or LF
    Json,   // an array of objects, one per row, keys in column order; NULL is null, integers exact
            // number tokens, a BLOB {"base64": "…"}, an infinite REAL {"real": "Infinity"}
    NdJson, // the same objects, one per line (LF), nothing around them
    Sql,    // BEGIN TRANSACTION; the CREATE TABLE; one INSERT INTO "t" VALUES(…); per row; COMMIT;
};

// The format a file name's extension says (.csv, .json, .ndjson/.jsonl, .sql; any case), if any.
std::optional<TableFormat> tableFormatForPath(const QString& path);
// "csv", "json", "ndjson", "sql" and back.
QString tableFormatName(TableFormat format);
std::optional<TableFormat> tableFormatFromName(const QString& name);

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
// rowsDone/rowsTotal. The SQL format creates the table with its own CREATE statement (a view: a
// CREATE TABLE of its columns without types).
Expected<TableExportResult> exportTable(const QString& snapshotPath, const QString& table,
                                        const RowFilter& filter, const RowOrder& order, TableFormat format,
                                        const QString& destination, bool overwrite,
                                        ProgressSink* sink = nullptr);

// The same for any database, live ones included (the CLI's `export-table`): the database and its
// companions are never opened; they are copied into a private staging folder until stable (as a
// snapshot is, strict: ChangedTooOften otherwise) and the copy is exported. The file gets the
// database's permissions.
Expected<TableExportResult> exportDatabaseTable(const QString& databasePath, const QString& table,
                                                const RowFilter& filter, const RowOrder& order,
                                                TableFormat format, const QString& destination,
                                                bool overwrite, ProgressSink* sink = nullptr);

// The rows of `cursor`'s statement, from its first, read page by page (never held), written as
// exportTable writes a table's, through the same atomic output. The SQL format names the table after
// `destination`'s base name ("out.sql" → "out") and creates it with the result's columns, without types.
// The file gets the permissions of `permissionsOf` (the database the cursor reads; 0600 when unreadable).
Expected<TableExportResult> exportQuery(QueryCursor& cursor, const QString& permissionsOf, TableFormat format,
                                        const QString& destination, bool overwrite,
                                        ProgressSink* sink = nullptr);
// Opens `sql` on the snapshot at `snapshotPath` (QueryCursor::open) and exports its result.
Expected<TableExportResult> exportQuery(const QString& snapshotPath, const QString& sql, TableFormat format,
                                        const QString& destination, bool overwrite,
                                        ProgressSink* sink = nullptr);

} // namespace sqlsnap

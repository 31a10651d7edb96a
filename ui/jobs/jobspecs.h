// The app's kinds of job, each a JobSpec: a title, what it reads and writes, and the engine call it runs.
// A new kind (compare, scheduled snapshot, …) is one more function here.
#pragma once

#include "compare/comparefeed.h"
#include "jobs/job.h"

#include <sqlitesnapshot/reader.h>

#include <QCoreApplication>

namespace sqlsnap::ui {

class JobSpecs {
    Q_DECLARE_TR_FUNCTIONS(sqlsnap::ui::JobSpecs)
public:
    // A snapshot of `source` (a live database) into `destination`. Failing with ChangedTooOften, it
    // offers both reruns (Rerun): with a brief read lock, or publishing the last copy unverified. With a
    // `historyFolder` (the folder `destination` is in), the snapshot is added to its history record
    // (HistoryFolder), with the source's state read before the copy starts, on the job's thread.
    static JobSpec snapshot(const QString& source, const QString& destination, const SnapshotOptions& options,
                            const QString& historyFolder = {});
    // The app's snapshot: verified (integrity_check and SHA-256), made the way File → Snapshot Method says.
    static JobSpec snapshot(const QString& source, const QString& destination, bool overwrite,
                            OutputStrategy strategy = OutputStrategy::Publish,
                            const QString& historyFolder = {});
    // A snapshot file written elsewhere, through the backup API (page progress, any file system), verified.
    static JobSpec exportSnapshot(const QString& snapshot, const QString& destination, bool overwrite);
    // A snapshot checked again (integrity_check, SHA-256), only read; the result is remembered in
    // `records` (VerificationRecords). A damaged file is a success whose verdict is not ok.
    static JobSpec verify(const QString& snapshot,
                          const QString& records = VerificationRecords::defaultFile());
    // One table of a snapshot (the rows `filter` keeps, in `order`: as the preview shows them) in the
    // format `destination`'s extension names (.json, .ndjson/.jsonl, .sql; CSV otherwise).
    static JobSpec tableExport(const QString& snapshot, const QString& table, const RowFilter& filter,
                               const RowOrder& order, const QString& destination, bool overwrite);
    // `before` compared with `after` (the Compare tab): the schema, then every table's counts, each to
    // `feed` as soon as it is known; its result is the ComparisonSummary.
    static JobSpec compare(const QString& before, const QString& after, std::shared_ptr<CompareFeed> feed);
    // The comparison written to `destination` as the JSON document (`diff --json`) or, with `sql`, the
    // SQL that turns `before` into `after` (`diff --sql`); atomically: a temporary file beside it renamed
    // when whole, removed when cancelled or failed. Its result is a TableExportResult (rows: 0).
    static JobSpec compareExport(const QString& before, const QString& after, const QString& destination,
                                 bool sql);
};

} // namespace sqlsnap::ui

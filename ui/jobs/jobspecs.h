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
    // A snapshot written back to `destination` (restoreSnapshot: atomic, the replaced file and its
    // companions kept beside it as "<dest>.before-restore-<time>"). Without `force`, a destination a
    // program has open (a lock held, or a -wal/-journal beside it) fails with DestinationInUse, in the
    // app's words; the caller asks the user and runs it again with `force`.
    static JobSpec restore(const QString& snapshot, const QString& destination, bool force = false);
    // A schedule's run now (Run Now): its snapshot into its history folder, its pruning, and the outcome
    // recorded in the schedules file at `bookPath` — all on the job's thread. A failed snapshot is a
    // succeeded job whose report says so (as `schedule run` records it); only a cancel stops it.
    static JobSpec scheduleRun(const Schedule& schedule,
                               const QString& bookPath = ScheduleBook::defaultPath());
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

#include "jobs/jobspecs.h"

#include <sqlitesnapshot/databasefiles.h>
#include <sqlitesnapshot/history.h>
#include <sqlitesnapshot/restore.h>

#include "compare/comparenames.h"

#include <QApplication>
#include <QDateTime>
#include <QFileInfo>
#include <QFontMetrics>
#include <QSaveFile>

namespace sqlsnap::ui {

namespace {
QString fileName(const QString& path) {
    return QFileInfo(path).fileName();
}

// Runs the engine's snapshot pipeline; its result is the job's. A verified snapshot's verdict and
// SHA-256 are remembered (VerificationRecords), so the list shows them after a restart. With a
// `historyFolder`, the snapshot is also added to that folder's history record (as the CLI's --into does),
// with the source's state read before the copy starts: a commit after that moment makes the next
// comparison see a change, never the other way round.
std::function<Expected<JobResult>(ProgressSink&)>
takeSnapshotOf(const QString& source, const QString& destination, const SnapshotOptions& options,
               const QString& records, const QString& historyFolder) {
    return [source, destination, options, records, historyFolder](ProgressSink& sink) -> Expected<JobResult> {
        const QString database = databasePathFor(source);
        std::optional<SourceState> state;
        QDateTime taken;
        if (!historyFolder.isEmpty()) {
            if (auto read = readSourceState(database))
                state = *read;
            taken = QDateTime::currentDateTime();
        }
        auto outcome = takeSnapshot(source, destination, options, &sink);
        if (!outcome)
            return outcome.error();
        if (const auto verified = verificationOf(*outcome))
            VerificationRecords::remember(*verified, records); // a cache: the snapshot stands without it
        if (!historyFolder.isEmpty()) {
            // Like the verification record, a bookkeeping step: the snapshot stands without its entry
            // (prune then leaves it alone, as any file it did not write), so a record that cannot be
            // written (a damaged one is never replaced) does not turn it into a failed job.
            if (auto history = HistoryFolder::open(historyFolder))
                (void)history->add(destination, database, taken, state);
        }
        return JobResult(std::move(outcome.value()));
    };
}
} // namespace

JobSpec JobSpecs::snapshot(const QString& source, const QString& destination, const SnapshotOptions& options,
                           const QString& historyFolder) {
    JobSpec spec;
    spec.kind = JobKind::Snapshot;
    spec.source = source;
    spec.destination = destination;
    const QString from = fileName(source), to = fileName(destination);
    spec.title = options.direct    ? tr("Snapshot of %1 → %2 (brief read lock)").arg(from, to)
                 : !options.strict ? tr("Snapshot of %1 → %2 (unverified state allowed)").arg(from, to)
                                   : tr("Snapshot of %1 → %2").arg(from, to);
    // The method, when it is not the default one, is part of what the row says.
    if (options.strategy == OutputStrategy::Backup)
        spec.title += tr(" · backup API");
    else if (options.strategy == OutputStrategy::Compact)
        spec.title += tr(" · compact");
    spec.run =
        takeSnapshotOf(source, destination, options, VerificationRecords::defaultFile(), historyFolder);
    spec.rerun = [source, destination, options, historyFolder](const Error& error,
                                                               Rerun how) -> std::optional<JobSpec> {
        if (error.kind != ErrorKind::ChangedTooOften)
            return std::nullopt;
        SnapshotOptions again = options;
        if (how == Rerun::BriefReadLock)
            again.direct = true;
        else
            again.strict = false;
        return snapshot(source, destination, again, historyFolder);
    };
    return spec;
}

JobSpec JobSpecs::snapshot(const QString& source, const QString& destination, bool overwrite,
                           OutputStrategy strategy, const QString& historyFolder) {
    SnapshotOptions options;
    options.verify = true;
    options.overwrite = overwrite;
    options.strategy = strategy;
    return snapshot(source, destination, options, historyFolder);
}

JobSpec JobSpecs::exportSnapshot(const QString& snapshot, const QString& destination, bool overwrite) {
    SnapshotOptions options;
    options.verify = true;
    options.overwrite = overwrite;
    options.strategy = OutputStrategy::Backup; // page progress, and DEST may be on any file system
    JobSpec spec;
    spec.kind = JobKind::Export;
    spec.source = snapshot;
    spec.destination = destination;
    spec.title = tr("Export of snapshot %1 → %2").arg(fileName(snapshot), fileName(destination));
    spec.run = takeSnapshotOf(snapshot, destination, options, VerificationRecords::defaultFile(), {});
    return spec;
}

JobSpec JobSpecs::verify(const QString& snapshot, const QString& records) {
    JobSpec spec;
    spec.kind = JobKind::Verify;
    spec.source = snapshot;
    spec.title = tr("Verify %1").arg(fileName(snapshot));
    spec.run = [snapshot, records](ProgressSink& sink) -> Expected<JobResult> {
        auto outcome = verifySnapshot(snapshot, &sink);
        if (!outcome)
            return outcome.error();
        if (auto s = VerificationRecords::remember(*outcome, records); !s)
            return Error{s.error().kind, tr("%1 was verified, but the result could not be remembered: %2")
                                             .arg(fileName(snapshot), s.error().message)};
        return JobResult(std::move(outcome.value()));
    };
    return spec;
}

JobSpec JobSpecs::restore(const QString& snapshot, const QString& destination, bool force) {
    JobSpec spec;
    spec.kind = JobKind::Restore;
    spec.source = snapshot;
    spec.destination = destination;
    spec.title = force
                     ? tr("Restore of %1 → %2 (while in use)").arg(fileName(snapshot), fileName(destination))
                     : tr("Restore of %1 → %2").arg(fileName(snapshot), fileName(destination));
    spec.run = [snapshot, destination, force](ProgressSink& sink) -> Expected<JobResult> {
        auto outcome = restoreSnapshot(snapshot, destination, RestoreOptions{.force = force}, &sink);
        if (!outcome) {
            Error error = outcome.error();
            // The engine's sentence ends with the CLI's way out (--force); the app asks instead.
            if (error.kind == ErrorKind::DestinationInUse)
                error.message =
                    tr("%1: a program may have it open.")
                        .arg(error.message.section(QStringLiteral(": a program may have it open"), 0, 0));
            return error;
        }
        return JobResult(std::move(outcome.value()));
    };
    return spec;
}

JobSpec JobSpecs::tableExport(const QString& snapshot, const QString& table, const RowFilter& filter,
                              const RowOrder& order, const QString& destination, bool overwrite) {
    const TableFormat format = tableFormatForPath(destination).value_or(TableFormat::Csv);
    JobSpec spec;
    spec.kind = JobKind::TableExport;
    spec.source = snapshot;
    spec.destination = destination;
    spec.title = tr("Table “%1” of %2 → %3").arg(table, fileName(snapshot), fileName(destination));
    spec.run = [=](ProgressSink& sink) -> Expected<JobResult> {
        auto outcome = exportTable(snapshot, table, filter, order, format, destination, overwrite, &sink);
        if (!outcome)
            return outcome.error();
        return JobResult(std::move(outcome.value()));
    };
    return spec;
}

JobSpec JobSpecs::scheduleRun(const Schedule& schedule, const QString& bookPath) {
    JobSpec spec;
    spec.kind = JobKind::ScheduleRun;
    spec.source = schedule.source;
    spec.destination = schedule.into;
    spec.title = tr("Scheduled snapshot of %1 → %2").arg(fileName(schedule.source), schedule.into);
    spec.run = [schedule, bookPath](ProgressSink& sink) -> Expected<JobResult> {
        auto book = ScheduleBook::open(bookPath);
        if (!book)
            return book.error();
        auto report = runSchedule(*book, schedule, QDateTime::currentDateTimeUtc(), &sink);
        if (!report)
            return report.error();
        return JobResult(std::move(*report));
    };
    return spec;
}

} // namespace sqlsnap::ui

namespace sqlsnap::ui {

JobSpec JobSpecs::compare(const QString& before, const QString& after, std::shared_ptr<CompareFeed> feed) {
    JobSpec spec;
    spec.kind = JobKind::Compare;
    spec.source = before + QLatin1Char('\n') + after;
    // Named as its tab is (comparenames::tabTitle at the tab's 320 px): where the names are long, what
    // both share once around what tells them apart ("shop.db 2026-12-01 093000 → 2026-12-02 174500"), so
    // the jobs panel's own elision at 800×600 does not cut A's time away.
    spec.title =
        tr("Compare %1").arg(comparenames::tabTitle(QFontMetrics(QApplication::font()), before, after, 320));
    spec.run = [before, after, feed](ProgressSink& sink) -> Expected<JobResult> {
        // Which databases A and B were taken of (their folders' records): read here, off the GUI thread.
        SnapshotOrigin originA = originOf(before), originB = originOf(after);
        auto opened = DatabaseComparison::open(before, after, &sink);
        if (!opened)
            return sink.isCancelled() ? Error{ErrorKind::Cancelled, tr("Cancelled")} : opened.error();
        DatabaseComparison& comparison = **opened;
        ComparisonSummary summary;
        summary.pathA = comparison.pathA();
        summary.pathB = comparison.pathB();
        summary.sameFile = comparison.sameFile();
        summary.schemaChanges = comparison.schemaChanges();
        const QList<TableComparison> plans = comparison.tables();
        {
            std::lock_guard lock(feed->mutex);
            feed->schemaChanges = summary.schemaChanges;
            feed->plans = plans;
            feed->originA = std::move(originA);
            feed->originB = std::move(originB);
            feed->opened = true;
        }
        Progress progress;
        progress.phase = Phase::Comparing;
        progress.rowsTotal = plans.size();
        sink.report(progress);
        const CancelToken cancel = CancelToken::following(&sink);
        for (const TableComparison& plan : plans) {
            if (sink.isCancelled())
                return Error{ErrorKind::Cancelled, tr("Cancelled")};
            auto compared = comparison.compareTable(plan.name, cancel);
            if (!compared) // an error out of a statement the cancel interrupted is the cancel
                return sink.isCancelled() ? Error{ErrorKind::Cancelled, tr("Cancelled")} : compared.error();
            summary.tables << *compared;
            {
                std::lock_guard lock(feed->mutex);
                feed->compared << *compared;
            }
            ++progress.rowsDone;
            sink.report(progress); // wakes the job: the tab shows this table now
        }
        if (Status unchanged = comparison.checkUnchanged(); !unchanged)
            return unchanged.error();
        return JobResult(std::move(summary));
    };
    return spec;
}

JobSpec JobSpecs::compareExport(const QString& before, const QString& after, const QString& destination,
                                bool sql) {
    JobSpec spec;
    spec.kind = JobKind::Compare;
    spec.source = before + QLatin1Char('\n') + after;
    spec.destination = destination;
    // The file written is named: two exports of one comparison must be told apart in the jobs list.
    spec.title = tr("Comparison %1 → %2 as %3 to %4")
                     .arg(fileName(before), fileName(after),
                          sql ? QStringLiteral("SQL") : QStringLiteral("JSON"), fileName(destination));
    spec.run = [before, after, destination, sql](ProgressSink& sink) -> Expected<JobResult> {
        auto opened = DatabaseComparison::open(before, after, &sink);
        if (!opened)
            return sink.isCancelled() ? Error{ErrorKind::Cancelled, tr("Cancelled")} : opened.error();
        DatabaseComparison& comparison = **opened;
        // QSaveFile: the data goes to a temporary file in the destination's folder, renamed over it once
        // committed; cancelWriting() (or no commit) removes it.
        QSaveFile file(destination);
        if (!file.open(QIODevice::WriteOnly))
            return Error{ErrorKind::IoError, tr("Cannot write %1: %2").arg(destination, file.errorString())};
        TableExportResult result;
        result.destination = destination;
        bool writeFailed = false;
        const auto out = [&](const QByteArray& bytes) {
            if (!writeFailed && file.write(bytes) != bytes.size())
                writeFailed = true;
            result.bytes += bytes.size();
        };
        Progress progress;
        progress.phase = Phase::Comparing;
        progress.rowsTotal = comparison.tables().size();
        sink.report(progress);
        const CancelToken cancel = CancelToken::following(&sink);
        const Status written = sql ? ComparisonScript::write(comparison, {}, out, cancel)
                                   : ComparisonDocument::write(comparison, {}, false, out, cancel, nullptr,
                                                               nullptr, [&](const TableComparison&) {
                                                                   ++progress.rowsDone;
                                                                   sink.report(progress);
                                                               });
        if (!written || sink.isCancelled()) { // a cancel that came late still leaves nothing
            file.cancelWriting();
            // An error out of a statement the cancel interrupted is the cancel.
            return sink.isCancelled() ? Error{ErrorKind::Cancelled, tr("Cancelled")} : written.error();
        }
        if (writeFailed || !file.commit())
            return Error{ErrorKind::IoError, tr("Cannot write %1: %2").arg(destination, file.errorString())};
        return JobResult(std::move(result));
    };
    return spec;
}

} // namespace sqlsnap::ui

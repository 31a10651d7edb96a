// One snapshot into a history folder (history.h).
#include <sqlitesnapshot/databasefiles.h>
#include <sqlitesnapshot/history.h>

#include <QFileInfo>

namespace sqlsnap {

Expected<IntoResult> snapshotInto(const QString& source, const QString& folder,
                                  const SnapshotOptions& options, bool skipUnchanged, ProgressSink* sink) {
    auto history = HistoryFolder::open(folder);
    if (!history)
        return history.error();
    const QString database = databasePathFor(source);
    // Read before the copy: a commit after this moment makes the next run copy again, never the other
    // way round. A source that cannot be read has no state; the snapshot then says why.
    std::optional<SourceState> state;
    if (auto read = readSourceState(database))
        state = *read;
    IntoResult result;
    const auto newest = history->newestOf(database);
    if (skipUnchanged && state && newest && newest->sourceState == state) {
        result.skipped = true;
        result.unchangedSince = history->folder() + QLatin1Char('/') + newest->file;
        return result;
    }
    const QDateTime when = QDateTime::currentDateTime();
    SnapshotOptions once = options;
    once.overwrite = false; // a history never replaces a file
    // Consecutive snapshots share their unchanged blocks where the file system can (docs/history.md).
    if (newest && once.shareStorageWith.isEmpty())
        once.shareStorageWith = history->folder() + QLatin1Char('/') + newest->file;
    std::optional<Expected<SnapshotResult>> taken;
    for (int attempt = 0; attempt < 100; ++attempt) {
        const QString path = freeSnapshotPath(history->folder(), database, when,
                                              [](const QString& p) { return QFileInfo::exists(p); });
        taken = takeSnapshot(source, path, once, sink);
        if (*taken || taken->error().kind != ErrorKind::DestinationExists)
            break;
    }
    if (!*taken)
        return taken->error();
    result.snapshot = taken->value();
    if (Status recorded = history->add(result.snapshot->destination, database, when, state); !recorded)
        result.recordProblem = recorded.error().message;
    return result;
}

} // namespace sqlsnap

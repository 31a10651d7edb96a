// Snapshot history folders: the names snapshots get, what a source looked like when it was snapshotted
// (so an unchanged one is seen without copying it), and the folder's record of the snapshots this tool
// wrote there (docs/history.md).
#pragma once

#include "error.h"
#include "progress.h"
#include "snapshot.h"

#include <QDateTime>
#include <QList>
#include <QString>

#include <functional>
#include <optional>

namespace sqlsnap {

// "<database name> <yyyy-MM-dd HHmmss>.sqlite", in local time: sortable by name within one database.
QString snapshotFileName(const QString& databasePath, const QDateTime& when);
// That name in `folder`, or "<…> (2).sqlite", "(3)", … while `taken` says the path is taken.
QString freeSnapshotPath(const QString& folder, const QString& databasePath, const QDateTime& when,
                         const std::function<bool(const QString& path)>& taken);
struct SnapshotName {
    QString database; // "places.sqlite"
    QDateTime taken;  // local time, to the second
    int sequence = 1; // the n of " (n)"
};
// The parts of a name snapshotFileName/freeSnapshotPath made; nullopt for any other name.
std::optional<SnapshotName> parseSnapshotFileName(const QString& fileName);

// What a source's files say about its committed state, read cheaply (stat and headers, no copy): the
// main file's size, modification time, inode and change counter, and the -wal's and -journal's size,
// time and (for the -wal) salts. A commit changes at least one of them; equal states mean nothing was
// committed in between.
struct SourceState {
    qint64 size = 0, mtimeNs = 0;
    quint64 inode = 0;
    quint32 changeCounter = 0;
    qint64 walSize = -1, walMtimeNs = 0; // -1: no -wal
    quint32 walSalt1 = 0, walSalt2 = 0;
    qint64 journalSize = -1, journalMtimeNs = 0; // -1: no -journal
    bool operator==(const SourceState&) const = default;
};
Expected<SourceState> readSourceState(const QString& databasePath, const CancelToken& cancel = {});

// One snapshot this tool wrote into a history folder, as its record keeps it.
struct HistoryEntry {
    QString file;    // its name in the folder
    QString source;  // the database's absolute path
    QDateTime taken; // UTC, to the millisecond
    qint64 size = 0; // the snapshot file as written: a file that no longer matches is not ours any more
    quint64 inode = 0;
    qint64 mtimeNs = 0;
    std::optional<SourceState> sourceState; // the source just before it was copied
};

// A folder's record of what this tool wrote there: one hidden file, `.sqlite-snapshot-history.json`,
// rewritten atomically under an exclusive lock on the folder (so two runs never lose each other's entry).
class HistoryFolder {
public:
    static constexpr const char* kRecordName = ".sqlite-snapshot-history.json";

    // The folder's record (none yet: empty). A missing folder is DestinationDirectoryMissing; a record
    // that cannot be parsed is an error (never silently replaced: it says what may be deleted).
    static Expected<HistoryFolder> open(const QString& folder);

    const QString& folder() const { return m_folder; }
    const QList<HistoryEntry>& entries() const { return m_entries; }
    // Whether `entry`'s file is still the one this tool wrote (same size, inode and time).
    bool stillWritten(const HistoryEntry& entry) const;
    // The newest entry of `source` whose file is still the one written.
    std::optional<HistoryEntry> newestOf(const QString& source) const;

    // Adds the snapshot at `path` (in this folder), reading its size, inode and time now.
    Status add(const QString& path, const QString& source, const QDateTime& taken,
               const std::optional<SourceState>& state);
    // Forgets `file` (after deleting it).
    Status forget(const QStringList& files);

private:
    // Re-reads the record under the folder's lock, applies `change` and writes it back atomically.
    Status update(const std::function<void(QList<HistoryEntry>&)>& change);

    QString m_folder;
    QList<HistoryEntry> m_entries;
};

// One snapshot into a history folder (`snapshot --into`, `schedule run`): named by the time, never
// replacing a file (a name taken meanwhile moves on to " (2)", …), recorded in the folder's record with
// the source's state read just before the copy. With `skipUnchanged`, nothing is copied when that state
// equals the one recorded for the newest snapshot of the source still there.
struct IntoResult {
    bool skipped = false;
    QString unchangedSince;                 // skipped: that newest snapshot's path
    std::optional<SnapshotResult> snapshot; // taken
    QString recordProblem; // taken, but the record could not be updated (prune will leave it alone)
};
Expected<IntoResult> snapshotInto(const QString& source, const QString& folder,
                                  const SnapshotOptions& options, bool skipUnchanged,
                                  ProgressSink* sink = nullptr);

} // namespace sqlsnap

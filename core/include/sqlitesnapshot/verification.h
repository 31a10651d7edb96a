// Verifying a snapshot file (PRAGMA integrity_check + SHA-256 of its bytes), and the record of what was
// verified, kept across runs and shared by the app, the CLI and the snapshot history.
#pragma once

#include "error.h"
#include "progress.h"

#include <QDateTime>
#include <QHash>
#include <QList>
#include <QString>

#include <optional>

namespace sqlsnap {

// What PRAGMA integrity_check said: "ok", or SQLite's first problems joined on one line ("…; …"). A file
// so damaged that the check cannot start ("database disk image is malformed") is a verdict too.
struct IntegrityVerdict {
    QString report;
    bool ok() const { return report == QLatin1String("ok"); }
};

// Which file was verified: a record applies only while the file at `path` is still this one.
struct FileIdentity {
    qint64 size = 0;
    qint64 mtimeNs = 0;
    quint64 inode = 0;
    quint64 device = 0;
    bool operator==(const FileIdentity&) const = default;
};

struct Verification {
    QString path; // canonical (symbolic links resolved)
    IntegrityVerdict integrity;
    QString sha256; // hex, of the file's bytes
    qint64 bytes = 0;
    QDateTime checkedAt; // UTC
    FileIdentity identity;
};

// Checks the snapshot at `path` and hashes its bytes, reading it only: it is opened with SQLite's
// `immutable=1` (no lock, no journal, nothing created beside it) and its bytes and mtime stay as they
// were. Phases: Verifying (pagesDone of pagesTotal: pages read by the check, every 4 MiB), then Hashing
// (bytesDone / bytesTotal).
// A damaged file is a value whose integrity is not ok. Errors: SourceMissing, NotADatabase (not an
// SQLite file), InvalidArgument (a directory, or a database that needs its -wal or -journal: not a
// self-contained snapshot), Unreadable, Inconsistent (the file changed while it was verified),
// Cancelled. `sink` may be null.
Expected<Verification> verifySnapshot(const QString& path, ProgressSink* sink = nullptr);

// The verifications remembered, in one small JSON file in the user's data folder (never beside the
// snapshots: a snapshot folder holds only snapshots). Keyed by canonical path; a record is used only
// while the file's size, mtime, inode and device are those verified, so a changed or replaced file is
// "not checked" again. Written under a lock file and replaced atomically, so the app and the CLI may
// write at the same time. docs/library.md describes the format.
class VerificationRecords {
public:
    // $XDG_DATA_HOME/sqlite-snapshot/verifications.json (~/.local/share/… by default).
    static QString defaultFile();

    // Reads `file` once; a missing or unreadable file holds no records.
    static VerificationRecords load(const QString& file = defaultFile());

    // The record of the file at `path` when it is still the file verified; otherwise none.
    std::optional<Verification> find(const QString& path) const;
    qsizetype size() const { return m_records.size(); }

    // Adds or replaces the record of `verification.path`. Records of files that are gone or changed are
    // dropped on the way, so the file stays small.
    static Status remember(const Verification& verification, const QString& file = defaultFile());

private:
    QList<Verification> m_records;
    QHash<QString, qsizetype> m_byPath; // the newest record of each path
};

// The verification a snapshot taken with `verify` made, for its published file as it is now; none
// without verify or when that file cannot be stat'ed.
std::optional<Verification> verificationOf(const struct SnapshotResult& result);

// The identity of the file at `path` now (symbolic links followed); none when it cannot be stat'ed.
std::optional<FileIdentity> fileIdentity(const QString& path);

} // namespace sqlsnap

// Finding databases: the current user's well-known application databases (browsers, mail, reference
// and note-taking apps; native, Flatpak and Snap installs, every profile), and every SQLite database
// under folders the user names. Read from the bytes: no SQLite connection is opened, nothing is
// written, no lock is taken (who holds one is asked with F_GETLK, as inspectDatabase does).
#pragma once

#include "databasefiles.h"
#include "error.h"
#include "progress.h"

#include <QDateTime>
#include <QList>
#include <QString>
#include <QStringList>

#include <functional>

namespace sqlsnap {

// One place where an application keeps databases, from the data file core/data/known-databases.json
// (docs/discover.md).
struct KnownLocation {
    QString app;       // "Firefox"
    QString install;   // "native", "flatpak" or "snap"
    QString folder;    // under the home, with {config} / {data} and '*' components, as in the file
    QStringList files; // relative to a profile folder ("places.sqlite", "Network/Cookies")
};
// Every location of the data file, in its order.
const QList<KnownLocation>& knownLocations();

struct DiscoveredDatabase {
    QString path;    // absolute, as found (not resolved through symlinks)
    QString app;     // empty for a database found under a folder the user named
    QString profile; // what the location's '*' matched ("abcd.default-release", "Default"); may be empty
    QString install; // "native", "flatpak", "snap"; "folder" for one found under a named folder
    qint64 size = 0; // the main file's bytes
    qint64 companionBytes = 0;           // its -wal and -journal beside it
    QDateTime modified;                  // the newest of its files
    LockState lock = LockState::Unknown; // held by a program now (Shared or stronger), None, or Unknown
    bool walWithoutShm = false; // a -wal and no -shm: held with exclusive locking, or left by a crash
    // A program has it open now: a lock is held (exclusive locking mode too).
    bool inUse() const { return lock != LockState::None && lock != LockState::Unknown; }
};

struct DiscoverOptions {
    bool knownApps = true; // the data file's locations under `home`
    // Also every SQLite database under these folders (recursively, symlinks not followed; a file named
    // here is taken itself). A folder that does not exist is SourceMissing.
    QStringList folders;
    // Where the known locations are looked for. Empty: the user's (QDir::homePath(), $XDG_CONFIG_HOME
    // or ~/.config, $XDG_DATA_HOME or ~/.local/share). Tests point them at fake home trees.
    QString home, configHome, dataHome;
    int maxDepth = 12; // folder levels below a named folder
    // Each database as it is found, on the calling thread (the app lists them as they come).
    std::function<void(const DiscoveredDatabase&)> found;
};

struct DiscoverResult {
    QList<DiscoveredDatabase> databases; // known apps first (the data file's order), then folders'
    int unreadable = 0;                  // files or folders that could not be read, skipped
};

// Looks in every known location, then walks the named folders. Each database is listed once (by its
// real path), with the app it belongs to when a known location has it. Companions (-wal, -shm,
// -journal) are never listed as databases. `cancel` stops it between files: Cancelled.
Expected<DiscoverResult> discoverDatabases(const DiscoverOptions& options, const CancelToken& cancel = {});

} // namespace sqlsnap

// Finding databases in known application folders and under folders the user names (discover.h).
#include <sqlitesnapshot/discover.h>

#include "io/posixio.h"

#include <QDir>
#include <QDirIterator>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSet>

namespace sqlsnap {

extern const char* const kKnownDatabasesJson; // core/data/known-databases.json, compiled in

namespace {

QList<KnownLocation> parseKnownLocations() {
    QList<KnownLocation> locations;
    const QJsonArray apps = QJsonDocument::fromJson(QByteArray(kKnownDatabasesJson))
                                .object()
                                .value(QStringLiteral("apps"))
                                .toArray();
    for (const QJsonValue& a : apps) {
        const QJsonObject app = a.toObject();
        QStringList files;
        for (const QJsonValue& f : app.value(QStringLiteral("files")).toArray())
            files << f.toString();
        for (const QJsonValue& p : app.value(QStringLiteral("profiles")).toArray()) {
            const QJsonObject profile = p.toObject();
            locations.append({app.value(QStringLiteral("app")).toString(),
                              profile.value(QStringLiteral("install")).toString(),
                              profile.value(QStringLiteral("folder")).toString(), files});
        }
    }
    return locations;
}

struct Roots {
    QString home, config, data;
};

Roots rootsOf(const DiscoverOptions& options) {
    Roots r;
    r.home = options.home.isEmpty() ? QDir::homePath() : options.home;
    const auto xdg = [&](const QString& given, const char* variable, const QString& fallback) {
        if (!given.isEmpty())
            return given;
        if (!options.home.isEmpty()) // a fake home: its own folders, not the user's
            return r.home + fallback;
        const QString set = qEnvironmentVariable(variable);
        return QDir::isAbsolutePath(set) ? set : r.home + fallback;
    };
    r.config = xdg(options.configHome, "XDG_CONFIG_HOME", QStringLiteral("/.config"));
    r.data = xdg(options.dataHome, "XDG_DATA_HOME", QStringLiteral("/.local/share"));
    return r;
}

struct ProfileFolder {
    QString path;
    QString profile; // what the '*' components matched, joined with '/'
};

// The folders a location's pattern names, each with the profile its wildcards matched.
QList<ProfileFolder> expandFolder(const QString& pattern, const Roots& roots) {
    QString path = pattern;
    QString start = roots.home;
    if (path.startsWith(QStringLiteral("{config}"))) {
        start = roots.config;
        path = path.mid(8);
    } else if (path.startsWith(QStringLiteral("{data}"))) {
        start = roots.data;
        path = path.mid(6);
    }
    QList<ProfileFolder> current{{start, {}}};
    for (const QString& part : path.split(QLatin1Char('/'), Qt::SkipEmptyParts)) {
        QList<ProfileFolder> next;
        for (const ProfileFolder& folder : current) {
            if (!part.contains(QLatin1Char('*'))) {
                const QString child = folder.path + QLatin1Char('/') + part;
                if (QFileInfo(child).isDir())
                    next.append({child, folder.profile});
                continue;
            }
            const QStringList names =
                QDir(folder.path)
                    .entryList({part}, QDir::Dirs | QDir::NoDotAndDotDot | QDir::Hidden, QDir::Name);
            for (const QString& name : names)
                next.append({folder.path + QLatin1Char('/') + name,
                             folder.profile.isEmpty() ? name : folder.profile + QLatin1Char('/') + name});
        }
        current = next;
    }
    return current;
}

class Discovery {
public:
    Discovery(const DiscoverOptions& options, const CancelToken& cancel)
        : m_options(options), m_cancel(cancel) {}

    Status known() {
        const Roots roots = rootsOf(m_options);
        for (const KnownLocation& location : knownLocations())
            for (const ProfileFolder& folder : expandFolder(location.folder, roots))
                for (const QString& file : location.files) {
                    if (m_cancel.isCancelled())
                        return cancelled();
                    consider(folder.path + QLatin1Char('/') + file, location.app, folder.profile,
                             location.install);
                }
        return success();
    }

    Status folder(const QString& given) {
        const QString root = QFileInfo(given).absoluteFilePath();
        const io::FileStat st = io::statPath(root);
        if (!st.exists)
            return Error{ErrorKind::SourceMissing, QStringLiteral("%1: no such folder").arg(given)};
        if (st.regular) {
            if (!consider(root, {}, {}, QStringLiteral("folder"), true))
                return Error{ErrorKind::NotADatabase,
                             QStringLiteral("%1: not an SQLite database").arg(given)};
            return success();
        }
        const int depth = root.count(QLatin1Char('/'));
        QDirIterator it(root, QDir::Files | QDir::Hidden | QDir::System | QDir::Dirs | QDir::NoDotAndDotDot,
                        QDirIterator::Subdirectories);
        while (it.hasNext()) {
            if (m_cancel.isCancelled())
                return cancelled();
            const QString path = it.next();
            const QFileInfo info = it.fileInfo();
            if (info.isDir()) {
                if (!info.isReadable() || !info.isExecutable())
                    ++m_result.unreadable;
                continue;
            }
            if (path.count(QLatin1Char('/')) - depth > m_options.maxDepth || info.isSymLink() ||
                !info.isFile())
                continue;
            consider(path, {}, {}, QStringLiteral("folder"));
        }
        return success();
    }

    DiscoverResult take() { return std::move(m_result); }

private:
    static Error cancelled() {
        return Error{ErrorKind::Cancelled, QStringLiteral("finding databases was cancelled")};
    }

    // Lists `path` when it is an SQLite database (by its header) that is not listed yet, and not a
    // companion of another. Returns whether it is a database (listed now or before).
    bool consider(const QString& path, const QString& app, const QString& profile, const QString& install,
                  bool named = false) {
        const io::FileStat st = io::statPath(path);
        if (!st.exists || !st.regular)
            return false;
        int error = 0;
        const QByteArray head = io::readHead(path, 100, &error);
        if (error) {
            ++m_result.unreadable;
            return false;
        }
        if (!parseDatabaseHeader(head, path))
            return false;
        if (!named && databasePathFor(path) != QFileInfo(path).absoluteFilePath())
            return false; // a companion that happens to start like a database? never listed as one
        const QString real = QFileInfo(path).canonicalFilePath();
        if (m_seen.contains(real))
            return true;
        m_seen.insert(real);
        DiscoveredDatabase found;
        found.path = QFileInfo(path).absoluteFilePath();
        found.app = app;
        found.profile = profile;
        found.install = install;
        found.size = st.size;
        if (const auto set = inspectDatabase(found.path, m_cancel)) {
            for (const FileEntry& f : set->files) {
                if (f.kind == FileKind::Wal || f.kind == FileKind::Journal)
                    found.companionBytes += f.size;
                if (!found.modified.isValid() || f.modified > found.modified)
                    found.modified = f.modified;
            }
            found.lock = set->lock;
            found.walWithoutShm = set->walWithoutShm();
        } else {
            found.modified = QFileInfo(path).lastModified();
        }
        m_result.databases.append(found);
        if (m_options.found)
            m_options.found(found);
        return true;
    }

    const DiscoverOptions& m_options;
    CancelToken m_cancel;
    DiscoverResult m_result;
    QSet<QString> m_seen;
};

} // namespace

const QList<KnownLocation>& knownLocations() {
    static const QList<KnownLocation> locations = parseKnownLocations();
    return locations;
}

Expected<DiscoverResult> discoverDatabases(const DiscoverOptions& options, const CancelToken& cancel) {
    if (options.maxDepth < 0)
        return Error{ErrorKind::InvalidArgument, QStringLiteral("the folder depth may not be negative")};
    // A folder that is not there is said before anything is searched.
    for (const QString& folder : options.folders)
        if (!io::statPath(QFileInfo(folder).absoluteFilePath()).exists)
            return Error{ErrorKind::SourceMissing, QStringLiteral("%1: no such folder").arg(folder)};
    Discovery discovery(options, cancel);
    if (options.knownApps)
        if (Status s = discovery.known(); !s)
            return s.error();
    for (const QString& folder : options.folders)
        if (Status s = discovery.folder(folder); !s)
            return s.error();
    return discovery.take();
}

} // namespace sqlsnap

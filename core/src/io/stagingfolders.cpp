// Private names (createUniqueFile/Directory) and staging folders (io::StagingFolder): made with a marker and
// a lock from their first moment, removed in the background when their run ends, and swept by a later run
// once provably abandoned. Split from posixio.cpp (the descriptors, stats, reads and copies they are built
// on).
#include "io/posixio.h"

#include <QDir>
#include <QFile>
#include <QRandomGenerator>
#include <QRegularExpression>

#include <condition_variable>
#include <deque>
#include <mutex>
#include <thread>
#include <utility>

#include <cerrno>
#include <cstring>
#include <dirent.h>
#include <fcntl.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

namespace sqlsnap::io {
namespace {

QString randomSuffix() {
    static const char alphabet[] = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
    QString suffix;
    for (int i = 0; i < 12; ++i)
        suffix += QLatin1Char(alphabet[QRandomGenerator::system()->bounded(int(sizeof alphabet) - 1)]);
    return suffix;
}

} // namespace

Expected<QString> createUniqueFile(const QString& directory, const QString& prefix) {
    for (int tries = 0;; ++tries) {
        const QString path = directory + QLatin1Char('/') + prefix + randomSuffix();
        int fd =
            ::open(encodePath(path).constData(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC | O_NOFOLLOW, 0600);
        if (fd >= 0) {
            ::close(fd);
            return path;
        }
        if (errno != EEXIST || tries > 16)
            return writeError(errno, QStringLiteral("cannot create a file in"), directory);
    }
}

Expected<QString> createUniqueDirectory(const QString& parent, const QString& prefix) {
    for (int tries = 0;; ++tries) {
        const QString path = parent + QLatin1Char('/') + prefix + randomSuffix();
        if (::mkdir(encodePath(path).constData(), 0700) == 0)
            return path;
        if (errno != EEXIST || tries > 16)
            return writeError(errno, QStringLiteral("cannot create a staging folder in"), parent);
    }
}

namespace {
constexpr char kNewStagingPrefix[] = ".sqlite-snapshot-new-";
// Inside every staging folder from its first moment: with the exact name, mode 0700, our uid and only
// the files the engine makes, it proves a folder is the engine's before a sweep may remove it.
constexpr char kMarkerName[] = ".sqlite-snapshot-staging";
constexpr char kMarkerText[] = "SQLite Snapshot staging folder: removed when its run ends, or by a later run "
                               "once its lock is free.\n";

bool writeMarker(const QString& folder) {
    Fd fd(::open(encodePath(folder + QLatin1Char('/') + QLatin1String(kMarkerName)).constData(),
                 O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC | O_NOFOLLOW, 0600));
    int error = 0;
    return fd.valid() && writeAll(fd.get(), folder, kMarkerText, qint64(sizeof kMarkerText - 1), &error);
}

// Only what the engine makes in a staging folder: the marker, the staged copy and what SQLite adds
// beside it while recovering it, an output being written, its clone sharing a previous snapshot.
bool isEngineFile(const char* name) {
    for (const char* known : {kMarkerName, "snapshot.db", "snapshot.db-journal", "snapshot.db-wal",
                              "snapshot.db-shm", "export", "shared.db"})
        if (std::strcmp(name, known) == 0)
            return true;
    return false;
}

// A folder a sweep may remove: the engine's name pattern, a real folder (not a link) of ours with mode
// 0700, holding the marker with its text and nothing but the engine's files. A user's folder that merely
// has such a name is left alone.
bool provablyStaging(const QString& parent, const QString& name) {
    static const QRegularExpression pattern(QStringLiteral("^\\.sqlite-snapshot-(new-)?[A-Za-z0-9]{12}$"));
    if (!pattern.match(name).hasMatch())
        return false;
    const QString path = parent + QLatin1Char('/') + name;
    struct stat st {};
    if (::lstat(encodePath(path).constData(), &st) != 0 || !S_ISDIR(st.st_mode) ||
        (st.st_mode & 07777) != 0700 || st.st_uid != ::geteuid())
        return false;
    int error = 0;
    const QString marker = path + QLatin1Char('/') + QLatin1String(kMarkerName);
    if (!lstatPath(marker).regular || readHead(marker, 4096, &error) != QByteArray(kMarkerText))
        return false;
    bool onlyOurs = true;
    if (DIR* dir = ::opendir(encodePath(path).constData())) {
        while (dirent* entry = ::readdir(dir))
            if (std::strcmp(entry->d_name, ".") != 0 && std::strcmp(entry->d_name, "..") != 0 &&
                !isEngineFile(entry->d_name))
                onlyOurs = false;
        ::closedir(dir);
    } else {
        return false;
    }
    return onlyOurs;
}

// flock() on a folder's own descriptor; LOCK_NB: false when another open description holds it.
bool lockFolder(int fd, bool wait) {
    for (;;) {
        if (::flock(fd, LOCK_EX | (wait ? 0 : LOCK_NB)) == 0)
            return true;
        if (errno != EINTR)
            return false;
    }
}
} // namespace

namespace {
// The staging folders this thread made lately: engine calls are synchronous, so the folders an error
// can name were made on the thread that returns it (exact matches, spaces in the parent included).
thread_local QStringList t_recentStaging;
void rememberStaging(const QString& path) {
    t_recentStaging.prepend(path);
    while (t_recentStaging.size() > 8)
        t_recentStaging.removeLast();
}
} // namespace

Expected<StagingFolder> StagingFolder::create(const QString& parent) {
    auto fresh = createUniqueDirectory(parent, QString::fromLatin1(kNewStagingPrefix));
    if (!fresh)
        return fresh.error();
    StagingFolder folder;
    folder.m_lock = Fd(::open(encodePath(*fresh).constData(), O_RDONLY | O_DIRECTORY | O_CLOEXEC));
    if (!folder.m_lock.valid() || !lockFolder(folder.m_lock.get(), true) || !writeMarker(*fresh)) {
        const int error = errno ? errno : EIO;
        removeFlatDirectory(*fresh);
        return writeError(error, QStringLiteral("cannot create a staging folder in"), parent);
    }
    for (int tries = 0;; ++tries) {
        const QString path = parent + QLatin1Char('/') + QString::fromLatin1(kStagingPrefix) + randomSuffix();
        if (::renameat2(AT_FDCWD, encodePath(*fresh).constData(), AT_FDCWD, encodePath(path).constData(),
                        RENAME_NOREPLACE) == 0 ||
            ((errno == EINVAL || errno == ENOSYS) && // no RENAME_NOREPLACE: a fresh random name is enough
             ::rename(encodePath(*fresh).constData(), encodePath(path).constData()) == 0)) {
            folder.m_path = path;
            rememberStaging(path);
            return folder;
        }
        if (errno != EEXIST || tries > 16) {
            const int error = errno;
            removeFlatDirectory(*fresh);
            return writeError(error, QStringLiteral("cannot create a staging folder in"), parent);
        }
    }
}

StagingFolder::StagingFolder(StagingFolder&& other) noexcept
    : m_path(std::exchange(other.m_path, QString())), m_lock(std::move(other.m_lock)) {}

StagingFolder& StagingFolder::operator=(StagingFolder&& other) noexcept {
    if (this != &other) {
        remove();
        m_path = std::exchange(other.m_path, QString());
        m_lock = std::move(other.m_lock);
    }
    return *this;
}

StagingFolder::~StagingFolder() {
    remove();
}

namespace {

// Unlinking a 4 GiB staged copy takes over a second: a cancel or a finished job must not wait for it.
// Folders holding more than kRemoveInBackgroundBytes are removed here, one at a time, each still
// locked until it is gone (so a sweeper never takes it for abandoned). The destructor, at exit, drains
// the queue.
constexpr qint64 kRemoveInBackgroundBytes = 64LL * 1024 * 1024;

class BackgroundRemover {
public:
    ~BackgroundRemover() {
        {
            std::lock_guard lock(m_mutex);
            m_stopping = true;
        }
        m_changed.notify_all();
        if (m_thread.joinable())
            m_thread.join();
    }
    void add(QString path, Fd lock) {
        std::lock_guard guard(m_mutex);
        m_queue.push_back({std::move(path), std::move(lock)});
        ++m_pending;
        if (!m_thread.joinable())
            m_thread = std::thread([this] { run(); });
        m_changed.notify_all();
    }
    void waitUntilIdle() {
        std::unique_lock lock(m_mutex);
        m_changed.wait(lock, [this] { return m_pending == 0; });
    }

private:
    void run() {
        std::unique_lock lock(m_mutex);
        for (;;) {
            m_changed.wait(lock, [this] { return m_stopping || !m_queue.empty(); });
            if (m_queue.empty())
                return; // stopping, and nothing left
            auto [path, folderLock] = std::move(m_queue.front());
            m_queue.pop_front();
            lock.unlock();
            removeFlatDirectory(path);
            folderLock = Fd();
            lock.lock();
            --m_pending;
            m_changed.notify_all();
        }
    }

    std::mutex m_mutex;
    std::condition_variable m_changed;
    std::deque<std::pair<QString, Fd>> m_queue;
    int m_pending = 0;
    bool m_stopping = false;
    std::thread m_thread;
};

BackgroundRemover& backgroundRemover() {
    static BackgroundRemover remover;
    return remover;
}

qint64 flatDirectoryBytes(const QString& directory) {
    qint64 bytes = 0;
    if (DIR* dir = ::opendir(encodePath(directory).constData())) {
        while (dirent* entry = ::readdir(dir)) {
            struct stat st {};
            if (::fstatat(::dirfd(dir), entry->d_name, &st, AT_SYMLINK_NOFOLLOW) == 0 && S_ISREG(st.st_mode))
                bytes += st.st_size;
        }
        ::closedir(dir);
    }
    return bytes;
}

} // namespace

void StagingFolder::remove() {
    if (m_path.isEmpty())
        return;
    if (flatDirectoryBytes(m_path) > kRemoveInBackgroundBytes) {
        backgroundRemover().add(std::exchange(m_path, QString()), std::move(m_lock));
        return;
    }
    // Removed while still locked, so a sweeper never sees it unlocked before it is gone.
    removeFlatDirectory(m_path);
    m_path.clear();
    m_lock = Fd();
}

void waitForBackgroundRemovals() {
    backgroundRemover().waitUntilIdle();
}

int sweepAbandonedStaging(const QString& parent) {
    if (parent.isEmpty())
        return 0;
    QStringList candidates;
    if (DIR* dir = ::opendir(encodePath(parent).constData())) {
        while (dirent* entry = ::readdir(dir))
            if (std::strncmp(entry->d_name, kStagingPrefix, sizeof kStagingPrefix - 1) == 0)
                candidates << QFile::decodeName(entry->d_name);
        ::closedir(dir);
    }
    int removed = 0;
    const qint64 nowNs = qint64(::time(nullptr)) * 1000000000;
    for (const QString& name : candidates) {
        const QString path = parent + QLatin1Char('/') + name;
        if (!provablyStaging(parent, name))
            continue; // not provably the engine's: never touched
        const FileStat st = lstatPath(path);
        if (name.startsWith(QLatin1String(kNewStagingPrefix))) {
            // Unlocked by design for a moment: only an old one is certainly abandoned.
            if (nowNs - st.mtimeNs > qint64(3600) * 1000000000) {
                removeFlatDirectory(path);
                ++removed;
            }
            continue;
        }
        Fd fd(::open(encodePath(path).constData(), O_RDONLY | O_DIRECTORY | O_CLOEXEC | O_NOFOLLOW));
        if (!fd.valid() || !lockFolder(fd.get(), false))
            continue; // in use (or not ours to open)
        removeFlatDirectory(path);
        ++removed;
    }
    return removed;
}

Error withoutStagingPaths(Error error) {
    for (const QString& folder : std::as_const(t_recentStaging)) {
        const QString parent = folder.section(QLatin1Char('/'), 0, -2);
        const QString phrase =
            QStringLiteral("a temporary file (in %1)").arg(parent.isEmpty() ? QStringLiteral("/") : parent);
        static const QRegularExpression fileInside(QStringLiteral("^/[^\\s:/]+"));
        for (qsizetype at = error.message.indexOf(folder); at >= 0; at = error.message.indexOf(folder, at)) {
            qsizetype end = at + folder.size();
            const QRegularExpressionMatch m = fileInside.match(error.message.mid(end));
            if (m.hasMatch())
                end += m.capturedLength();
            error.message.replace(at, end - at, phrase);
            at += phrase.size();
        }
    }
    static const QRegularExpression staged(
        QStringLiteral("(/[^\\s:]*?)?/\\.sqlite-snapshot-[A-Za-z0-9-]+(/[^\\s:]*)?"));
    QString& message = error.message;
    for (QRegularExpressionMatch m = staged.match(message); m.hasMatch(); m = staged.match(message)) {
        const QString parent = m.captured(1).isEmpty() ? QStringLiteral("/") : m.captured(1);
        message.replace(m.capturedStart(), m.capturedLength(),
                        QStringLiteral("a temporary file (in %1)").arg(parent));
    }
    return error;
}

void removeFlatDirectory(const QString& directory) {
    if (directory.isEmpty())
        return;
    const QByteArray dirName = encodePath(directory);
    if (DIR* dir = ::opendir(dirName.constData())) {
        while (dirent* entry = ::readdir(dir)) {
            if (std::strcmp(entry->d_name, ".") != 0 && std::strcmp(entry->d_name, "..") != 0)
                ::unlinkat(::dirfd(dir), entry->d_name, 0);
        }
        ::closedir(dir);
    }
    ::rmdir(dirName.constData());
}

} // namespace sqlsnap::io

// A history folder's record of the snapshots this tool wrote (history.h).
#include <sqlitesnapshot/history.h>

#include "io/atomicoutput.h"
#include "io/posixio.h"

#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSet>

#include <fcntl.h>
#include <sys/file.h>
#include <unistd.h>

namespace sqlsnap {

namespace {

QJsonObject stateJson(const SourceState& s) {
    return {{QStringLiteral("size"), s.size},
            {QStringLiteral("mtime_ns"), QString::number(s.mtimeNs)},
            {QStringLiteral("inode"), QString::number(s.inode)},
            {QStringLiteral("change_counter"), qint64(s.changeCounter)},
            {QStringLiteral("wal_size"), s.walSize},
            {QStringLiteral("wal_mtime_ns"), QString::number(s.walMtimeNs)},
            {QStringLiteral("wal_salt1"), qint64(s.walSalt1)},
            {QStringLiteral("wal_salt2"), qint64(s.walSalt2)},
            {QStringLiteral("journal_size"), s.journalSize},
            {QStringLiteral("journal_mtime_ns"), QString::number(s.journalMtimeNs)}};
}

SourceState stateFrom(const QJsonObject& o) {
    // 64-bit values as strings: JSON numbers are doubles to most readers.
    const auto big = [&](const char* key) { return o.value(QLatin1String(key)).toString().toLongLong(); };
    SourceState s;
    s.size = o.value(QStringLiteral("size")).toInteger();
    s.mtimeNs = big("mtime_ns");
    s.inode = o.value(QStringLiteral("inode")).toString().toULongLong();
    s.changeCounter = quint32(o.value(QStringLiteral("change_counter")).toInteger());
    s.walSize = o.value(QStringLiteral("wal_size")).toInteger(-1);
    s.walMtimeNs = big("wal_mtime_ns");
    s.walSalt1 = quint32(o.value(QStringLiteral("wal_salt1")).toInteger());
    s.walSalt2 = quint32(o.value(QStringLiteral("wal_salt2")).toInteger());
    s.journalSize = o.value(QStringLiteral("journal_size")).toInteger(-1);
    s.journalMtimeNs = big("journal_mtime_ns");
    return s;
}

QJsonObject entryJson(const HistoryEntry& e) {
    QJsonObject o{{QStringLiteral("file"), e.file},
                  {QStringLiteral("source"), e.source},
                  {QStringLiteral("taken"), e.taken.toUTC().toString(Qt::ISODateWithMs)},
                  {QStringLiteral("size"), e.size},
                  {QStringLiteral("inode"), QString::number(e.inode)},
                  {QStringLiteral("mtime_ns"), QString::number(e.mtimeNs)}};
    if (e.sourceState)
        o.insert(QStringLiteral("source_state"), stateJson(*e.sourceState));
    return o;
}

HistoryEntry entryFrom(const QJsonObject& o) {
    HistoryEntry e;
    e.file = o.value(QStringLiteral("file")).toString();
    e.source = o.value(QStringLiteral("source")).toString();
    e.taken = QDateTime::fromString(o.value(QStringLiteral("taken")).toString(), Qt::ISODateWithMs);
    e.size = o.value(QStringLiteral("size")).toInteger();
    e.inode = o.value(QStringLiteral("inode")).toString().toULongLong();
    e.mtimeNs = o.value(QStringLiteral("mtime_ns")).toString().toLongLong();
    if (o.contains(QStringLiteral("source_state")))
        e.sourceState = stateFrom(o.value(QStringLiteral("source_state")).toObject());
    return e;
}

Expected<QList<HistoryEntry>> readRecord(const QString& folder) {
    const QString path = folder + QLatin1Char('/') + QLatin1String(HistoryFolder::kRecordName);
    int error = 0;
    const io::FileStat st = io::statPath(path);
    if (!st.exists)
        return QList<HistoryEntry>{};
    const QByteArray bytes = io::readHead(path, 64 * 1024 * 1024, &error);
    if (error)
        return io::readError(error, path);
    QJsonParseError parse{};
    const QJsonDocument doc = QJsonDocument::fromJson(bytes, &parse);
    if (parse.error != QJsonParseError::NoError || !doc.isObject() ||
        doc.object().value(QStringLiteral("version")).toInt() != 1)
        return Error{ErrorKind::InvalidArgument,
                     QStringLiteral("%1 is not a history record this version can read").arg(path)};
    QList<HistoryEntry> entries;
    for (const QJsonValue& v : doc.object().value(QStringLiteral("snapshots")).toArray())
        entries.append(entryFrom(v.toObject()));
    return entries;
}

// An exclusive flock on the folder itself, held while the record is read, changed and replaced.
class FolderLock {
public:
    explicit FolderLock(const QString& folder)
        : m_fd(::open(io::encodePath(folder).constData(), O_RDONLY | O_DIRECTORY | O_CLOEXEC)) {
        if (m_fd >= 0)
            while (::flock(m_fd, LOCK_EX) != 0 && errno == EINTR) {
            }
    }
    ~FolderLock() {
        if (m_fd >= 0)
            ::close(m_fd);
    }
    FolderLock(const FolderLock&) = delete;
    FolderLock& operator=(const FolderLock&) = delete;
    bool held() const { return m_fd >= 0; }

private:
    int m_fd;
};

} // namespace

Expected<HistoryFolder> HistoryFolder::open(const QString& folder) {
    const QString absolute = QFileInfo(folder).absoluteFilePath();
    if (!io::statPath(absolute).directory)
        return Error{ErrorKind::DestinationDirectoryMissing,
                     QStringLiteral("%1 is not a folder").arg(folder)};
    auto entries = readRecord(absolute);
    if (!entries)
        return entries.error();
    HistoryFolder history;
    history.m_folder = absolute;
    history.m_entries = std::move(*entries);
    return history;
}

bool HistoryFolder::stillWritten(const HistoryEntry& entry) const {
    const io::FileStat st = io::lstatPath(m_folder + QLatin1Char('/') + entry.file);
    return st.exists && st.regular && !st.symlink && st.size == entry.size &&
           quint64(st.inode) == entry.inode && st.mtimeNs == entry.mtimeNs;
}

std::optional<HistoryEntry> HistoryFolder::newestOf(const QString& source) const {
    std::optional<HistoryEntry> newest;
    for (const HistoryEntry& e : m_entries)
        if (e.source == source && stillWritten(e) && (!newest || e.taken > newest->taken))
            newest = e;
    return newest;
}

Status HistoryFolder::add(const QString& path, const QString& source, const QDateTime& taken,
                          const std::optional<SourceState>& state) {
    const io::FileStat st = io::statPath(path);
    if (!st.exists)
        return Error{ErrorKind::SourceMissing, QStringLiteral("%1 does not exist").arg(path)};
    HistoryEntry entry{QFileInfo(path).fileName(), source,     taken.toUTC(), st.size,
                       quint64(st.inode),          st.mtimeNs, state};
    return update([&](QList<HistoryEntry>& entries) {
        entries.removeIf([&](const HistoryEntry& e) { return e.file == entry.file; });
        entries.append(entry);
    });
}

Status HistoryFolder::forget(const QStringList& files) {
    const QSet<QString> names(files.begin(), files.end()); // prune forgets thousands at once
    return update([&](QList<HistoryEntry>& entries) {
        entries.removeIf([&](const HistoryEntry& e) { return names.contains(e.file); });
    });
}

Status HistoryFolder::update(const std::function<void(QList<HistoryEntry>&)>& change) {
    FolderLock lock(m_folder);
    if (!lock.held())
        return io::readError(errno, m_folder);
    auto entries = readRecord(m_folder); // another run may have added to it since open()
    if (!entries)
        return entries.error();
    change(*entries);
    QJsonArray list;
    for (const HistoryEntry& e : *entries)
        list.append(entryJson(e));
    const QByteArray bytes =
        QJsonDocument(QJsonObject{{QStringLiteral("version"), 1}, {QStringLiteral("snapshots"), list}})
            .toJson();
    auto output = io::AtomicOutput::create(m_folder, QStringLiteral("history.json"), true);
    if (!output)
        return output.error();
    if (Status written = output->write(bytes); !written)
        return written;
    if (Status published =
            output->publish(m_folder + QLatin1Char('/') + QLatin1String(kRecordName), 0644, true);
        !published)
        return published;
    m_entries = std::move(*entries);
    return success();
}

} // namespace sqlsnap

// Snapshot names and source states (history.h).
#include <sqlitesnapshot/databasefiles.h>
#include <sqlitesnapshot/history.h>

#include "io/posixio.h"

#include <QFileInfo>
#include <QRegularExpression>

namespace sqlsnap {

namespace {
const QString kTimeFormat = QStringLiteral("yyyy-MM-dd HHmmss");
}

QString snapshotFileName(const QString& databasePath, const QDateTime& when) {
    return QStringLiteral("%1 %2.sqlite").arg(QFileInfo(databasePath).fileName(), when.toString(kTimeFormat));
}

QString freeSnapshotPath(const QString& folder, const QString& databasePath, const QDateTime& when,
                         const std::function<bool(const QString& path)>& taken) {
    const QString name = snapshotFileName(databasePath, when);
    QString path = folder + QLatin1Char('/') + name;
    for (int n = 2; taken(path); ++n)
        path = folder + QLatin1Char('/') + QFileInfo(name).completeBaseName() +
               QStringLiteral(" (%1).sqlite").arg(n);
    return path;
}

std::optional<SnapshotName> parseSnapshotFileName(const QString& fileName) {
    static const QRegularExpression pattern(
        QStringLiteral("^(.+) (\\d{4}-\\d{2}-\\d{2} \\d{6})(?: \\(([1-9]\\d{0,5})\\))?\\.sqlite$"));
    const QRegularExpressionMatch m = pattern.match(fileName);
    if (!m.hasMatch())
        return std::nullopt;
    const QDateTime taken = QDateTime::fromString(m.captured(2), kTimeFormat);
    if (!taken.isValid())
        return std::nullopt;
    SnapshotName name{m.captured(1), taken, m.captured(3).isEmpty() ? 1 : m.captured(3).toInt()};
    if (name.sequence == 1 && !m.captured(3).isEmpty())
        return std::nullopt; // " (1)" is never written
    return name;
}

Expected<SourceState> readSourceState(const QString& databasePath, const CancelToken& cancel) {
    auto set = inspectDatabase(databasePath, cancel);
    if (!set)
        return set.error();
    SourceState state;
    const io::FileStat main = io::statPath(set->databasePath);
    if (!main.exists)
        return Error{ErrorKind::SourceMissing, QStringLiteral("%1 does not exist").arg(set->databasePath)};
    state.size = main.size;
    state.mtimeNs = main.mtimeNs;
    state.inode = quint64(main.inode);
    state.changeCounter = set->header.changeCounter;
    if (const FileEntry* wal = set->find(FileKind::Wal)) {
        const io::FileStat st = io::statPath(wal->path);
        state.walSize = st.size;
        state.walMtimeNs = st.mtimeNs;
        if (set->wal) {
            state.walSalt1 = set->wal->salt1;
            state.walSalt2 = set->wal->salt2;
        }
    }
    if (const FileEntry* journal = set->find(FileKind::Journal)) {
        const io::FileStat st = io::statPath(journal->path);
        state.journalSize = st.size;
        state.journalMtimeNs = st.mtimeNs;
    }
    return state;
}

} // namespace sqlsnap

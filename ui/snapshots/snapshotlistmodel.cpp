#include "snapshots/snapshotlistmodel.h"

#include <sqlitesnapshot/history.h>

#include "common/executor.h"
#include "common/folderwatch.h"

#include "common/format.h"

#include <QApplication>
#include <QDir>
#include <QDirIterator>
#include <QFileInfo>
#include <QFont>
#include <QLocale>
#include <QSet>

namespace sqlsnap::ui {

SnapshotListModel::SnapshotListModel(QObject* parent) : QAbstractTableModel(parent) {
    // A snapshot written elsewhere shows up, one deleted goes; a burst of changes (a CLI run writes its
    // file and then the folder's record) is listed once.
    m_rescanTimer.setSingleShot(true);
    m_rescanTimer.setInterval(300);
    connect(&m_rescanTimer, &QTimer::timeout, this, &SnapshotListModel::rescan);
    connect(&m_watcher, &QFileSystemWatcher::directoryChanged, this, [this] { m_rescanTimer.start(); });
}

SnapshotListModel::~SnapshotListModel() {
    m_listing.cancel();
}

void SnapshotListModel::setFolder(const QString& folder) {
    m_folder = folder;
    rescan();
}

void SnapshotListModel::rescan() {
    m_rescanTimer.stop();
    m_listing.cancel(); // a listing of the folder shown before never answers
    m_listing = Executor::instance().run(
        Lane::Interactive, this,
        [folder = m_folder, recordsFile = m_recordsFile](const CancelToken& token) {
            return list(folder, recordsFile, token);
        },
        [this, startedAt = m_added](const Listing& listing) { applyListing(listing, startedAt); });
}

SnapshotListModel::Listing SnapshotListModel::list(const QString& folder, const QString& recordsFile,
                                                   const CancelToken& token) {
    Listing listing;
    const QFileInfo info(folder);
    if (folder.isEmpty())
        return listing;
    if (!info.exists()) {
        listing.state = FolderState::Missing;
        listing.problem = tr("The snapshot folder %1 is gone (deleted or moved outside the app). Choose one "
                             "with Folder…")
                              .arg(folder);
        return listing;
    }
    if (!info.isDir() || !info.isReadable() || !info.isExecutable()) {
        listing.state = FolderState::Unreadable;
        listing.problem =
            info.isDir() ? tr("The snapshot folder %1 cannot be read (permission denied). Check "
                              "its permissions, or choose another with Folder…")
                               .arg(folder)
                         : tr("The snapshot folder %1 is not a folder. Choose one with Folder…").arg(folder);
        return listing;
    }
    listing.state = FolderState::Listed;
    const VerificationRecords records = VerificationRecords::load(recordsFile);
    QDirIterator files(folder, {QStringLiteral("*.sqlite")}, QDir::Files);
    while (files.hasNext() && !token.isCancelled()) {
        const QFileInfo f(files.next());
        Entry e;
        e.path = f.absoluteFilePath();
        // The time in the name is when the snapshot was taken (the History says the same); the file's
        // mtime is when its publish finished, a second later for a slow one. Other names: the mtime.
        const auto name = parseSnapshotFileName(f.fileName());
        e.modified = f.lastModified();
        e.taken = name ? name->taken : e.modified;
        e.bytes = f.size();
        if (const auto v = records.find(e.path)) {
            e.integrity = v->integrity.report;
            e.sha256 = v->sha256;
            e.checkedAt = v->checkedAt;
        }
        listing.entries << e;
    }
    return listing;
}

void SnapshotListModel::applyListing(const Listing& listing, quint64 startedAt) {
    QList<Entry> kept = listing.entries;
    for (Entry& f : kept) {
        const int row = rowOfPath(f.path);
        if (row < 0)
            continue;
        // What only this session knows: where it came from, and a verification the records lack (they
        // could not be written) while the file still has its size.
        const Entry& known = m_entries[row];
        f.source = known.source;
        f.consistentCopy = known.consistentCopy;
        f.copyAttempts = known.copyAttempts;
        f.addedAt = known.addedAt;
        if (f.checkedAt.isNull() && known.checkedAt.isValid() && known.bytes == f.bytes) {
            f.integrity = known.integrity;
            f.sha256 = known.sha256;
            f.checkedAt = known.checkedAt;
        }
    }
    // A snapshot of this session published after the listing started (so it may have missed it) stays;
    // one taken before that and not found was deleted since.
    for (const Entry& e : std::as_const(m_entries)) {
        bool listed = false;
        for (const Entry& f : listing.entries)
            listed = listed || f.path == e.path;
        if (!listed && e.addedAt > startedAt)
            kept << e;
    }
    std::stable_sort(kept.begin(), kept.end(),
                     [](const Entry& a, const Entry& b) { return a.modified > b.modified; });
    emit aboutToRefresh();
    m_state = listing.state;
    m_problem = listing.problem;
    replaceRows(kept);
    watch();
    emit folderListed();
}

void SnapshotListModel::replaceRows(const QList<Entry>& next) {
    QSet<QString> nextPaths;
    for (const Entry& e : next)
        nextPaths.insert(e.path);
    // Rows, not a reset: a view keeps its selection and current row on the rows that stay.
    for (int row = int(m_entries.size()) - 1; row >= 0; --row)
        if (!nextPaths.contains(m_entries[row].path)) {
            beginRemoveRows({}, row, row);
            m_entries.removeAt(row);
            endRemoveRows();
        }
    for (int i = 0; i < next.size(); ++i)
        if (rowOfPath(next[i].path) < 0) {
            const int at = int(std::min<qsizetype>(i, m_entries.size()));
            beginInsertRows({}, at, at);
            m_entries.insert(at, next[i]);
            endInsertRows();
        }
    bool sameOrder = true;
    for (int i = 0; i < next.size() && sameOrder; ++i)
        sameOrder = m_entries[i].path == next[i].path;
    if (!sameOrder) { // a file rewritten in place has a new time: it moves
        emit layoutAboutToBeChanged();
        const QModelIndexList before = persistentIndexList();
        QModelIndexList after;
        for (const QModelIndex& i : before) {
            int row = -1;
            for (int r = 0; r < next.size() && row < 0; ++r)
                row = next[r].path == m_entries[i.row()].path ? r : -1;
            after << index(row, i.column());
        }
        m_entries = next;
        changePersistentIndexList(before, after);
        emit layoutChanged();
    } else {
        m_entries = next;
    }
    if (!m_entries.isEmpty())
        emit dataChanged(index(0, 0), index(int(m_entries.size()) - 1, ColumnCount - 1));
}

void SnapshotListModel::watch() {
    watchExactly(m_watcher, directoriesFollowing(m_folder, m_state != FolderState::Unreadable));
}

int SnapshotListModel::add(const SnapshotResult& result, const QDateTime& taken) {
    Entry e;
    e.path = result.destination;
    e.taken = taken;
    e.modified = taken;
    e.bytes = result.bytes;
    e.integrity = result.integrity.value_or(QString());
    e.sha256 = result.sha256;
    e.checkedAt = result.integrity ? taken.toUTC() : QDateTime();
    e.source = result.source;
    e.consistentCopy = result.consistentCopy;
    e.copyAttempts = result.copyAttempts;
    e.addedAt = ++m_added;
    if (const int existing = rowOfPath(e.path); existing >= 0) {
        beginRemoveRows({}, existing, existing);
        m_entries.removeAt(existing);
        endRemoveRows();
    }
    beginInsertRows({}, 0, 0);
    m_entries.prepend(e);
    endInsertRows();
    return 0;
}

int SnapshotListModel::setVerification(const Verification& v) {
    for (int row = 0; row < m_entries.size(); ++row) {
        Entry& e = m_entries[row];
        if (e.path != v.path && QFileInfo(e.path).canonicalFilePath() != v.path)
            continue;
        e.integrity = v.integrity.report;
        e.sha256 = v.sha256;
        e.checkedAt = v.checkedAt;
        e.bytes = v.bytes;
        emit dataChanged(index(row, 0), index(row, ColumnCount - 1));
        return row;
    }
    return -1;
}

void SnapshotListModel::remove(const QString& path) {
    if (const int row = rowOfPath(path); row >= 0) {
        beginRemoveRows({}, row, row);
        m_entries.removeAt(row);
        endRemoveRows();
    }
}

int SnapshotListModel::rowOfPath(const QString& path) const {
    for (int i = 0; i < m_entries.size(); ++i)
        if (m_entries[i].path == path)
            return i;
    return -1;
}

int SnapshotListModel::rowCount(const QModelIndex& parent) const {
    return parent.isValid() ? 0 : int(m_entries.size());
}

int SnapshotListModel::columnCount(const QModelIndex& parent) const {
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant SnapshotListModel::data(const QModelIndex& index, int role) const {
    if (!index.isValid() || index.row() >= m_entries.size())
        return {};
    const Entry& e = m_entries[index.row()];
    if (role == PathRole)
        return e.path;
    if (role == Qt::DisplayRole) {
        switch (index.column()) {
        case NameColumn:
            return QFileInfo(e.path).fileName();
        case TakenColumn:
            // To the second: snapshots a minute apart (a schedule, a script) must not look alike. Today's
            // without the date, as the Verified times: the narrow pane keeps room for the verdict.
            return e.taken.toString(e.taken.date() == QDate::currentDate()
                                        ? QStringLiteral("HH:mm:ss")
                                        : QStringLiteral("yyyy-MM-dd HH:mm:ss"));
        case SizeColumn:
            return humanSize(e.bytes);
        case IntegrityColumn:
            if (e.integrity.isEmpty())
                return tr("not checked");
            return e.integrity == QStringLiteral("ok")
                       ? tr("ok")
                       : tr("failed: %1").arg(e.integrity.section(QLatin1Char('\n'), 0, 0));
        case Sha256Column:
            return e.sha256.isEmpty() ? QStringLiteral("—") : e.sha256;
        }
    }
    if (role == Qt::ToolTipRole && (index.column() == IntegrityColumn || index.column() == Sha256Column))
        return verificationTip(e);
    if (role == Qt::ToolTipRole) {
        QString tip = e.path + tr("\ntaken %1").arg(QLocale().toString(e.taken, QLocale::LongFormat));
        if (!e.source.isEmpty())
            tip += tr("\nfrom %1, copy attempts: %2").arg(e.source).arg(e.copyAttempts);
        if (!e.consistentCopy)
            tip += tr("\nThe files kept changing: no copy attempt was stable. SQLite found it intact.");
        if (!e.sha256.isEmpty())
            tip += tr("\nSHA-256 %1").arg(e.sha256);
        return tip;
    }
    if (role == Qt::ForegroundRole && index.column() == IntegrityColumn) {
        const Tones& tones = Tones::of(QApplication::palette());
        if (e.integrity.isEmpty())
            return tones.muted;
        return e.integrity == QStringLiteral("ok") ? (e.consistentCopy ? tones.ok : tones.warning)
                                                   : tones.error;
    }
    if (role == Qt::FontRole && index.column() == Sha256Column) {
        QFont mono(QStringLiteral("monospace"));
        mono.setStyleHint(QFont::Monospace);
        return mono;
    }
    if (role == Qt::TextAlignmentRole && index.column() == SizeColumn)
        return int(Qt::AlignRight | Qt::AlignVCenter);
    return {};
}

QString SnapshotListModel::verificationTip(const Entry& e) {
    if (e.checkedAt.isNull())
        return tr("Not checked. Verify checks its integrity and computes its SHA-256.");
    const QString when = QLocale().toString(e.checkedAt.toLocalTime(), QLocale::ShortFormat);
    const QString verdict = e.integrity == QStringLiteral("ok")
                                ? tr("Integrity: ok")
                                : tr("Integrity check failed: %1").arg(e.integrity);
    return tr("Checked %1\n%2\nSHA-256 %3").arg(when, verdict, e.sha256);
}

QVariant SnapshotListModel::headerData(int section, Qt::Orientation orientation, int role) const {
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case NameColumn:
        return tr("Snapshot");
    case TakenColumn:
        return tr("Taken");
    case SizeColumn:
        return tr("Size");
    case IntegrityColumn:
        return tr("Integrity");
    case Sha256Column:
        return tr("SHA-256");
    }
    return {};
}

} // namespace sqlsnap::ui

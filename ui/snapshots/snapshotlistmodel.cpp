#include "snapshots/snapshotlistmodel.h"
#include "common/executor.h"

#include "common/format.h"

#include <QApplication>
#include <QDir>
#include <QDirIterator>
#include <QFileInfo>
#include <QFont>
#include <QLocale>

namespace sqlsnap::ui {

SnapshotListModel::SnapshotListModel(QObject* parent) : QAbstractTableModel(parent) {}

SnapshotListModel::~SnapshotListModel() {
    m_listing.cancel();
}

void SnapshotListModel::setFolder(const QString& folder) {
    m_folder = folder;
    m_listing.cancel(); // a listing of the folder shown before never answers
    m_listing = Executor::instance().run(
        Lane::Interactive, this,
        [folder](const CancelToken& token) {
            QList<Entry> found;
            QDirIterator files(folder, {QStringLiteral("*.sqlite")}, QDir::Files);
            while (files.hasNext() && !token.isCancelled()) {
                const QFileInfo f(files.next());
                found << Entry{f.absoluteFilePath(), f.lastModified(), f.size(), {}, {}, {}, true, 0};
            }
            return found;
        },
        [this](const QList<Entry>& found) { applyListing(found); });
}

void SnapshotListModel::applyListing(const QList<Entry>& found) {
    beginResetModel();
    QList<Entry> kept; // this session's snapshots keep their integrity and SHA-256
    for (const Entry& e : std::as_const(m_entries))
        if (!e.sha256.isEmpty() || !e.integrity.isEmpty())
            kept << e;
    for (const Entry& f : found) {
        bool known = false;
        for (const Entry& e : std::as_const(kept))
            known = known || e.path == f.path;
        if (!known)
            kept << f;
    }
    std::stable_sort(kept.begin(), kept.end(),
                     [](const Entry& a, const Entry& b) { return a.taken > b.taken; });
    m_entries = kept;
    endResetModel();
    emit folderListed();
}

int SnapshotListModel::add(const SnapshotResult& result, const QDateTime& taken) {
    Entry e{result.destination, taken,         result.bytes,          result.integrity.value_or(QString()),
            result.sha256,      result.source, result.consistentCopy, result.copyAttempts};
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
            return e.taken.toString(QStringLiteral("yyyy-MM-dd HH:mm"));
        case SizeColumn:
            return humanSize(e.bytes);
        case IntegrityColumn:
            if (e.integrity.isEmpty())
                return tr("not checked");
            return e.integrity == QStringLiteral("ok") ? tr("ok")
                                                       : e.integrity.section(QLatin1Char('\n'), 0, 0);
        case Sha256Column:
            return e.sha256.isEmpty() ? QStringLiteral("—") : e.sha256;
        }
    }
    if (role == Qt::ToolTipRole) {
        QString tip = e.path;
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

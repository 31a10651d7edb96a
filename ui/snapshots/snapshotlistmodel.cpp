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
        [folder, recordsFile = m_recordsFile](const CancelToken& token) {
            const VerificationRecords records = VerificationRecords::load(recordsFile);
            QList<Entry> found;
            QDirIterator files(folder, {QStringLiteral("*.sqlite")}, QDir::Files);
            while (files.hasNext() && !token.isCancelled()) {
                const QFileInfo f(files.next());
                Entry e;
                e.path = f.absoluteFilePath();
                e.taken = f.lastModified();
                e.bytes = f.size();
                if (const auto v = records.find(e.path)) {
                    e.integrity = v->integrity.report;
                    e.sha256 = v->sha256;
                    e.checkedAt = v->checkedAt;
                }
                found << e;
            }
            return found;
        },
        [this](const QList<Entry>& found) { applyListing(found); });
}

void SnapshotListModel::applyListing(const QList<Entry>& found) {
    beginResetModel();
    QList<Entry> kept = found;
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
        if (f.checkedAt.isNull() && known.checkedAt.isValid() && known.bytes == f.bytes) {
            f.integrity = known.integrity;
            f.sha256 = known.sha256;
            f.checkedAt = known.checkedAt;
        }
    }
    // A snapshot of this session that the listing missed (published while it ran) stays.
    for (const Entry& e : std::as_const(m_entries)) {
        bool listed = false;
        for (const Entry& f : found)
            listed = listed || f.path == e.path;
        if (!listed && !e.source.isEmpty())
            kept << e;
    }
    std::stable_sort(kept.begin(), kept.end(),
                     [](const Entry& a, const Entry& b) { return a.taken > b.taken; });
    m_entries = kept;
    endResetModel();
    emit folderListed();
}

int SnapshotListModel::add(const SnapshotResult& result, const QDateTime& taken) {
    Entry e;
    e.path = result.destination;
    e.taken = taken;
    e.bytes = result.bytes;
    e.integrity = result.integrity.value_or(QString());
    e.sha256 = result.sha256;
    e.checkedAt = result.integrity ? taken.toUTC() : QDateTime();
    e.source = result.source;
    e.consistentCopy = result.consistentCopy;
    e.copyAttempts = result.copyAttempts;
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
            return e.taken.toString(QStringLiteral("yyyy-MM-dd HH:mm"));
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

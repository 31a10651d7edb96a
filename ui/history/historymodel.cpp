#include "history/historymodel.h"

#include "common/folderwatch.h"
#include "common/format.h"
#include "common/tones.h"

#include <sqlitesnapshot/history.h>
#include <sqlitesnapshot/schedules.h>
#include <sqlitesnapshot/verification.h>

#include <QApplication>
#include <QDir>
#include <QFileInfo>
#include <QFont>
#include <QLocale>
#include <QSet>

namespace sqlsnap::ui {

namespace {
constexpr int kShortHash = 12; // hex digits shown; the tooltip and Copy SHA-256 have all 64

// When a snapshot was verified, briefly: the time today, the day before (the tooltip has both).
QString checkedWhen(const QDateTime& utc) {
    const QDateTime local = utc.toLocalTime();
    return QLocale().toString(local, local.date() == QDate::currentDate() ? QStringLiteral("HH:mm")
                                                                          : QStringLiteral("yyyy-MM-dd"));
}

// The same database, however it was written down (a record keeps the absolute path it was given).
bool sameFile(const QString& a, const QString& b) {
    if (QFileInfo(a).absoluteFilePath() == QFileInfo(b).absoluteFilePath())
        return true;
    const QString ca = QFileInfo(a).canonicalFilePath(), cb = QFileInfo(b).canonicalFilePath();
    return !ca.isEmpty() && ca == cb;
}
// Each folder by its name, with parents added until no two folders read alike ("a/snaps", "b/snaps").
QMap<QString, QString> folderLabels(const QStringList& folders) {
    QMap<QString, QString> labels;
    for (int depth = 1; depth <= 64; ++depth) {
        QMap<QString, int> seen;
        for (const QString& f : folders) {
            const QStringList parts = f.split(QLatin1Char('/'), Qt::SkipEmptyParts);
            labels[f] = parts.mid(std::max<qsizetype>(0, parts.size() - depth)).join(QLatin1Char('/'));
            if (labels[f].isEmpty())
                labels[f] = f; // the root
            ++seen[labels[f]];
        }
        bool distinct = true;
        for (int n : std::as_const(seen))
            distinct = distinct && n == 1;
        if (distinct)
            break;
    }
    return labels;
}
} // namespace

HistoryModel::HistoryModel(QObject* parent)
    : QAbstractTableModel(parent), m_scheduleBook(ScheduleBook::defaultPath()),
      m_recordsFile(VerificationRecords::defaultFile()) {
    m_reloadTimer.setSingleShot(true);
    m_reloadTimer.setInterval(300);
    connect(&m_reloadTimer, &QTimer::timeout, this, &HistoryModel::reload);
    connect(&m_watcher, &QFileSystemWatcher::directoryChanged, this, [this] { m_reloadTimer.start(); });
}

HistoryModel::~HistoryModel() {
    m_reading.cancel();
}

void HistoryModel::show(const QString& databasePath, const QString& snapshotFolder) {
    if (databasePath == m_database && snapshotFolder == m_snapshotFolder)
        return;
    const bool otherDatabase = databasePath != m_database;
    m_database = databasePath;
    m_snapshotFolder = snapshotFolder;
    if (otherDatabase) {
        // Another database's rows must not stand for this one's while its reading is on its way.
        beginResetModel();
        m_listing = {};
        endResetModel();
        m_loading = !m_database.isEmpty();
    }
    reload();
}

void HistoryModel::reload() {
    m_reloadTimer.stop();
    m_reading.cancel(); // an older reading never answers
    if (m_database.isEmpty()) {
        m_reading = {};
        m_loading = false;
        apply({});
        return;
    }
    m_reading = Executor::instance().run(
        Lane::Interactive, this,
        [database = m_database, folder = m_snapshotFolder, book = m_scheduleBook, records = m_recordsFile](
            const CancelToken& token) { return read(database, folder, book, records, token); },
        [this](const Listing& listing) {
            m_loading = false;
            apply(listing);
        });
}

HistoryModel::Listing HistoryModel::read(const QString& databasePath, const QString& snapshotFolder,
                                         const QString& scheduleBook, const QString& recordsFile,
                                         const CancelToken& cancel) {
    Listing listing;
    if (!snapshotFolder.isEmpty())
        listing.folders << QDir::cleanPath(QFileInfo(snapshotFolder).absoluteFilePath());
    // The folders this database's schedules write into: the same history, kept by the timer.
    if (auto book = ScheduleBook::open(scheduleBook))
        for (const Schedule& s : book->schedules())
            if (sameFile(s.source, databasePath) && !listing.folders.contains(QDir::cleanPath(s.into)))
                listing.folders << QDir::cleanPath(s.into);
    const VerificationRecords verified = VerificationRecords::load(recordsFile);
    const QString databaseName = QFileInfo(databasePath).fileName();
    QSet<QString> listed;
    for (const QString& folder : std::as_const(listing.folders)) {
        if (cancel.isCancelled())
            return {};
        const QFileInfo info(folder);
        if (!info.isDir()) {
            // The snapshot folder is made at start: gone means deleted since. A schedule's folder is made
            // by its first run.
            if (folder == listing.folders.first() && !snapshotFolder.isEmpty())
                listing.problems << tr("The snapshot folder %1 is gone (deleted or moved outside the app): "
                                       "its snapshots are not listed.")
                                        .arg(folder);
            continue;
        }
        if (!info.isReadable() || !info.isExecutable()) {
            listing.problems
                << tr("%1 cannot be read (permission denied): its snapshots are not listed.").arg(folder);
            continue;
        }
        auto history = HistoryFolder::open(folder);
        QSet<QString> recordedNames; // of any database: another one's snapshot is not this one's
        if (!history) {
            listing.problems
                << tr("The history record of %1 cannot be read: %2").arg(folder, history.error().message);
        } else {
            for (const HistoryEntry& h : history->entries()) {
                recordedNames.insert(h.file);
                if (!sameFile(h.source, databasePath))
                    continue;
                Entry e;
                e.path = folder + QLatin1Char('/') + h.file;
                e.folder = folder;
                if (const auto name = parseSnapshotFileName(h.file))
                    e.sequence = name->sequence;
                e.taken = h.taken.toLocalTime();
                e.recorded = true;
                const QFileInfo file(e.path);
                e.present = file.exists();
                e.bytes = e.present ? file.size() : h.size;
                e.changedSinceWritten = e.present && !history->stillWritten(h);
                listing.entries << e;
            }
        }
        // Snapshots of this database's name that no record lists (taken before the folder kept one).
        for (const QFileInfo& file :
             QDir(folder).entryInfoList({QStringLiteral("*.sqlite")}, QDir::Files | QDir::NoSymLinks)) {
            if (recordedNames.contains(file.fileName()))
                continue;
            const auto name = parseSnapshotFileName(file.fileName());
            if (!name || name->database != databaseName)
                continue;
            Entry e;
            e.path = file.absoluteFilePath();
            e.folder = folder;
            e.sequence = name->sequence;
            e.taken = name->taken;
            e.bytes = file.size();
            listing.entries << e;
        }
    }
    for (Entry& e : listing.entries) {
        if (listed.contains(e.path)) {
            e.path.clear(); // the same folder named twice (a schedule into the snapshot folder)
            continue;
        }
        listed.insert(e.path);
        if (!e.present)
            continue;
        if (const auto v = verified.find(e.path)) {
            e.integrity = v->integrity.report;
            e.sha256 = v->sha256;
            e.checkedAt = v->checkedAt;
        }
    }
    listing.entries.removeIf([](const Entry& e) { return e.path.isEmpty(); });
    std::stable_sort(listing.entries.begin(), listing.entries.end(), [](const Entry& a, const Entry& b) {
        // Newest first; within one second (unrecorded names say only the second) " (2)" is the later.
        if (a.taken != b.taken)
            return a.taken > b.taken;
        return a.sequence != b.sequence ? a.sequence > b.sequence : a.path > b.path;
    });
    listing.folderLabels = folderLabels(listing.folders);
    return listing;
}

void HistoryModel::apply(const Listing& listing) {
    beginResetModel();
    m_listing = listing;
    endResetModel();
    watchFolders();
    emit loaded();
}

void HistoryModel::watchFolders() {
    QStringList wanted;
    for (const QString& folder : std::as_const(m_listing.folders))
        for (const QString& d : directoriesFollowing(folder, QFileInfo(folder).isReadable()))
            if (!wanted.contains(d))
                wanted << d;
    // A verification made anywhere (the snapshots list, the CLI) fills the Verified column.
    const QString recordsFolder = QFileInfo(m_recordsFile).absolutePath();
    if (!m_database.isEmpty() && QFileInfo(recordsFolder).isDir() && !wanted.contains(recordsFolder))
        wanted << recordsFolder;
    watchExactly(m_watcher, wanted);
}

bool HistoryModel::spansFolders() const {
    for (const Entry& e : m_listing.entries)
        if (e.folder != m_listing.entries.first().folder)
            return true;
    return false;
}

int HistoryModel::rowOfPath(const QString& path) const {
    for (int i = 0; i < m_listing.entries.size(); ++i)
        if (m_listing.entries[i].path == path)
            return i;
    return -1;
}

int HistoryModel::previousPresentRow(int row) const {
    for (int r = row + 1; r < m_listing.entries.size(); ++r)
        if (m_listing.entries[r].present)
            return r;
    return -1;
}

int HistoryModel::rowCount(const QModelIndex& parent) const {
    return parent.isValid() ? 0 : int(m_listing.entries.size());
}

int HistoryModel::columnCount(const QModelIndex& parent) const {
    return parent.isValid() ? 0 : ColumnCount;
}

QString HistoryModel::tooltip(const Entry& e) const {
    QStringList lines{e.path};
    if (!e.present)
        lines << tr("Missing: the folder's record lists this snapshot, but its file is gone (deleted or "
                    "moved outside the app). Delete removes it from the record.");
    else if (!e.recorded)
        lines << tr("Named as this tool names snapshots of this database, but not in the folder's record "
                    "(taken before the folder kept one).");
    else if (e.changedSinceWritten)
        lines << tr("Changed since this tool wrote it (size, time or file): Delete leaves it alone.");
    if (e.present && e.checkedAt.isValid()) {
        const QString when = QLocale().toString(e.checkedAt.toLocalTime(), QLocale::ShortFormat);
        lines << (e.integrity == QStringLiteral("ok")
                      ? tr("Verified %1: integrity ok").arg(when)
                      : tr("Checked %1: integrity check failed: %2").arg(when, e.integrity));
        lines << tr("SHA-256 %1").arg(e.sha256);
    } else if (e.present) {
        lines << tr("Not verified. Verify checks its integrity and computes its SHA-256.");
    }
    return lines.join(QLatin1Char('\n'));
}

QVariant HistoryModel::data(const QModelIndex& index, int role) const {
    if (!index.isValid() || index.row() >= m_listing.entries.size())
        return {};
    const Entry& e = m_listing.entries[index.row()];
    const bool checked = e.present && e.checkedAt.isValid();
    switch (role) {
    case PathRole:
        return e.path;
    case Qt::DisplayRole:
        switch (index.column()) {
        case TakenColumn: {
            const QString time = QLocale().toString(e.taken, QStringLiteral("yyyy-MM-dd HH:mm:ss"));
            return e.sequence > 1 ? QStringLiteral("%1 (%2)").arg(time).arg(e.sequence) : time;
        }
        case FolderColumn:
            return folderLabel(e.folder);
        case SizeColumn:
            return e.present ? humanSize(e.bytes) : tr("missing");
        case VerifiedColumn:
            if (!e.present)
                return QStringLiteral("—");
            if (!checked)
                return tr("not verified");
            return e.integrity == QStringLiteral("ok")
                       ? tr("ok · %1").arg(checkedWhen(e.checkedAt))
                       : tr("failed: %1").arg(e.integrity.section(QLatin1Char('\n'), 0, 0));
        case Sha256Column:
            return checked ? e.sha256.left(kShortHash) + QStringLiteral("…") : QStringLiteral("—");
        }
        return {};
    case Qt::ToolTipRole:
        return index.column() == FolderColumn ? e.folder : tooltip(e);
    case Qt::ForegroundRole: {
        const Tones& tones = Tones::of(QApplication::palette());
        if (!e.present)
            return tones.muted;
        if (index.column() == VerifiedColumn)
            return !checked ? tones.muted : e.integrity == QStringLiteral("ok") ? tones.ok : tones.error;
        return {};
    }
    case Qt::FontRole: {
        if (index.column() == Sha256Column) {
            QFont mono(QStringLiteral("monospace"));
            mono.setStyleHint(QFont::Monospace);
            return mono;
        }
        if (!e.present) {
            QFont italic;
            italic.setItalic(true);
            return italic;
        }
        return {};
    }
    case Qt::TextAlignmentRole:
        return index.column() == SizeColumn ? QVariant(int(Qt::AlignRight | Qt::AlignVCenter)) : QVariant();
    case Qt::AccessibleTextRole:
        return data(index, Qt::DisplayRole).toString() +
               (index.column() == Sha256Column && checked ? QStringLiteral(" ") + e.sha256 : QString());
    default:
        return {};
    }
}

QVariant HistoryModel::headerData(int section, Qt::Orientation orientation, int role) const {
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case TakenColumn:
        return tr("Taken");
    case SizeColumn:
        return tr("Size");
    case VerifiedColumn:
        return tr("Verified");
    case Sha256Column:
        return tr("SHA-256");
    case FolderColumn:
        return tr("Folder");
    }
    return {};
}

} // namespace sqlsnap::ui

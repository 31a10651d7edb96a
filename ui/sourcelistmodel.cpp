#include "sourcelistmodel.h"
#include "runinpool.h"

#include "format.h"

#include <QApplication>
#include <QDir>
#include <QFileInfo>
#include <QFutureWatcher>
#include <QIcon>
#include <QPalette>
#include <QStyle>

namespace sqlsnap::ui {

SourceListModel::SourceListModel(QObject* parent) : QAbstractListModel(parent) {
    m_refreshTimer.setSingleShot(true);
    m_refreshTimer.setInterval(300);
    connect(&m_refreshTimer, &QTimer::timeout, this, [this] {
        const QSet<QString> dirty = std::exchange(m_dirty, {});
        for (const QString& path : dirty)
            if (const int row = rowOf(path); row >= 0)
                inspect(row);
    });
    connect(&m_watcher, &QFileSystemWatcher::fileChanged, this, &SourceListModel::onFilesChanged);
    connect(&m_watcher, &QFileSystemWatcher::directoryChanged, this, &SourceListModel::onFilesChanged);
}

QString SourceListModel::databasePathByName(const QString& path) {
    QString absolute = QDir::cleanPath(QFileInfo(path).absoluteFilePath());
    for (const char* suffix : {"-wal", "-shm", "-journal"}) {
        const QString s = QString::fromLatin1(suffix);
        if (absolute.endsWith(s) && absolute.size() > s.size())
            return absolute.left(absolute.size() - s.size());
    }
    return absolute;
}

int SourceListModel::rowOf(const QString& databasePath) const {
    for (int i = 0; i < m_sources.size(); ++i)
        if (m_sources[i].path == databasePath)
            return i;
    return -1;
}

QList<int> SourceListModel::add(const QStringList& paths) {
    QList<int> rows;
    for (const QString& given : paths) {
        const QString path = databasePathByName(given);
        int row = rowOf(path);
        if (row < 0) {
            row = int(m_sources.size());
            beginInsertRows({}, row, row);
            m_sources.append(Source{path, State::Inspecting, {}, {}, 0});
            endInsertRows();
            inspect(row);
        }
        rows << row;
    }
    return rows;
}

void SourceListModel::remove(int row) {
    if (row < 0 || row >= m_sources.size())
        return;
    beginRemoveRows({}, row, row);
    m_sources.removeAt(row);
    endRemoveRows();
}

void SourceListModel::refresh(int row) {
    if (row >= 0 && row < m_sources.size())
        inspect(row);
}

void SourceListModel::inspect(int row) {
    Source& s = m_sources[row];
    const int inspection = ++s.inspection;
    const QString path = s.path;
    auto* watcher = new QFutureWatcher<std::optional<Expected<DatabaseFiles>>>(this);
    connect(watcher, &QFutureWatcherBase::finished, this, [this, watcher, path, inspection] {
        watcher->deleteLater();
        const int r = rowOf(path);
        if (r < 0 || m_sources[r].inspection != inspection)
            return; // removed meanwhile, or a newer inspection is on its way
        auto outcome = watcher->result();
        Source& s = m_sources[r];
        if (outcome && *outcome) {
            s.files = std::move(outcome->value());
            s.error.reset();
            s.state = State::Ready;
            watch(s);
        } else {
            s.files.reset();
            s.error = outcome ? outcome->error() : Error{ErrorKind::IoError, tr("inspection failed")};
            s.state = State::Error;
            // A missing file may come back: keep watching its folder.
            m_watcher.addPath(QFileInfo(s.path).absolutePath());
        }
        emit dataChanged(index(r), index(r));
        emit sourceUpdated(r);
    });
    watcher->setFuture(
        runInPool([path]() -> std::optional<Expected<DatabaseFiles>> { return inspectDatabase(path); }));
}

void SourceListModel::watch(const Source& source) {
    QStringList paths{QFileInfo(source.path).absolutePath()}; // companions appearing or vanishing
    for (const FileEntry& f : source.files->files)
        paths << f.path;
    for (const QString& p : std::as_const(paths))
        if (!m_watcher.files().contains(p) && !m_watcher.directories().contains(p))
            m_watcher.addPath(p);
}

void SourceListModel::onFilesChanged(const QString& path) {
    const QString cleaned = QDir::cleanPath(path);
    for (const Source& s : std::as_const(m_sources))
        if (cleaned == QFileInfo(s.path).absolutePath() || databasePathByName(cleaned) == s.path)
            m_dirty.insert(s.path);
    // Throttled, not debounced: a database written continuously still refreshes every 300 ms.
    if (!m_dirty.isEmpty() && !m_refreshTimer.isActive())
        m_refreshTimer.start();
}

int SourceListModel::rowCount(const QModelIndex& parent) const {
    return parent.isValid() ? 0 : int(m_sources.size());
}

QVariant SourceListModel::data(const QModelIndex& index, int role) const {
    if (!index.isValid() || index.row() >= m_sources.size())
        return {};
    const Source& s = m_sources[index.row()];
    const QFileInfo info(s.path);
    switch (role) {
    case Qt::DisplayRole: {
        QString detail;
        if (s.state == State::Inspecting)
            detail = tr("Inspecting…");
        else if (s.state == State::Error)
            detail = s.error->message;
        else {
            const DatabaseHeader& h = s.files->header;
            detail = tr("%1 · %2 · %3 mode")
                         .arg(humanSize(s.files->files.first().size),
                              tr("%1 pages").arg(groupedNumber(h.pageCount)),
                              h.isWal() ? QStringLiteral("WAL") : tr("rollback"));
            if (const FileEntry* wal = s.files->find(FileKind::Wal); wal && wal->size > 0)
                detail += tr(" · -wal %1").arg(humanSize(wal->size));
            if (s.files->hasHotJournal())
                detail += tr(" · hot journal");
        }
        return info.fileName() + QLatin1Char('\n') + detail;
    }
    case Qt::ToolTipRole:
        return s.state == State::Error ? s.path + QLatin1Char('\n') + s.error->message + QLatin1Char('\n') +
                                             adviceFor(s.error->kind)
                                       : s.path;
    case Qt::DecorationRole:
        if (s.state == State::Error)
            return QApplication::style()->standardIcon(QStyle::SP_MessageBoxWarning);
        return QIcon(QStringLiteral(":/icons/database.svg"));
    case Qt::ForegroundRole:
        if (s.state == State::Error)
            return QColor(0xb0, 0x1c, 0x1c);
        return {};
    case Qt::AccessibleTextRole:
        return info.fileName();
    case PathRole:
        return s.path;
    case StateRole:
        return int(s.state);
    default:
        return {};
    }
}

} // namespace sqlsnap::ui

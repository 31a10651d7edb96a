#include "sources/sourcelistmodel.h"
#include "common/runinpool.h"

#include "common/format.h"

#include <QApplication>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QFutureWatcher>
#include <QIcon>
#include <QPalette>
#include <QStyle>

#include <sys/stat.h>

namespace sqlsnap::ui {

SourceListModel::SourceListModel(QObject* parent) : QAbstractListModel(parent) {
    m_refreshTimer.setSingleShot(true);
    m_refreshTimer.setInterval(300);
    connect(&m_refreshTimer, &QTimer::timeout, this, &SourceListModel::refreshChanged);
    connect(&m_watcher, &QFileSystemWatcher::fileChanged, this, &SourceListModel::onFilesChanged);
    connect(&m_watcher, &QFileSystemWatcher::directoryChanged, this, &SourceListModel::onFilesChanged);
}

QByteArray SourceListModel::filesSignature(const QString& databasePath) {
    QByteArray signature;
    for (FileKind kind : {FileKind::Database, FileKind::Wal, FileKind::Shm, FileKind::Journal}) {
        struct stat st {};
        if (::stat(QFile::encodeName(companionPath(databasePath, kind)).constData(), &st) != 0) {
            signature += "-;";
            continue;
        }
        signature += QByteArray::number(qint64(st.st_ino)) + ',' + QByteArray::number(qint64(st.st_size)) +
                     ',' + QByteArray::number(qint64(st.st_mtim.tv_sec)) + '.' +
                     QByteArray::number(qint64(st.st_mtim.tv_nsec)) + ',' +
                     QByteArray::number(qint64(st.st_ctim.tv_nsec)) + ';';
    }
    return signature;
}

int SourceListModel::rowOf(const QString& databasePath) const {
    for (int i = 0; i < m_sources.size(); ++i)
        if (m_sources[i].path == databasePath)
            return i;
    return -1;
}

void SourceListModel::add(const QStringList& paths) {
    if (paths.isEmpty())
        return;
    const int batch = m_nextBatch++;
    auto* watcher = new QFutureWatcher<QStringList>(this);
    connect(watcher, &QFutureWatcherBase::finished, this, [this, watcher, batch] {
        watcher->deleteLater();
        m_mapped.insert(batch, watcher->result());
        applyMappedBatches();
    });
    // The engine decides from the bytes: a real database named `notes-journal` is not `notes`'s journal.
    watcher->setFuture(runInPool([paths] {
        QStringList databases;
        for (const QString& p : paths)
            databases << QDir::cleanPath(databasePathFor(p));
        return databases;
    }));
}

void SourceListModel::applyMappedBatches() {
    while (m_mapped.contains(m_applyBatch)) {
        const QStringList databases = m_mapped.take(m_applyBatch++);
        QList<int> rows;
        for (const QString& path : databases) {
            int row = rowOf(path);
            if (row < 0) {
                row = int(m_sources.size());
                beginInsertRows({}, row, row);
                m_sources.append(Source{path, State::Inspecting, {}, {}, 0, {}});
                endInsertRows();
                inspect(row);
            }
            rows << row;
        }
        emit added(rows);
    }
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
    struct Outcome {
        QByteArray signature;
        std::optional<Expected<DatabaseFiles>> files;
    };
    auto* watcher = new QFutureWatcher<Outcome>(this);
    connect(watcher, &QFutureWatcherBase::finished, this, [this, watcher, path, inspection] {
        watcher->deleteLater();
        const int r = rowOf(path);
        if (r < 0 || m_sources[r].inspection != inspection)
            return; // removed meanwhile, or a newer inspection is on its way
        Outcome outcome = watcher->result();
        Source& s = m_sources[r];
        s.signature = outcome.signature;
        if (outcome.files && *outcome.files) {
            s.files = std::move(outcome.files->value());
            s.error.reset();
            s.state = State::Ready;
            watch(s);
        } else {
            s.files.reset();
            s.error =
                outcome.files ? outcome.files->error() : Error{ErrorKind::IoError, tr("inspection failed")};
            s.state = State::Error;
            // A missing file may come back: keep watching its folder.
            m_watcher.addPath(QFileInfo(s.path).absolutePath());
        }
        emit dataChanged(index(r), index(r));
        emit sourceUpdated(r);
    });
    // The signature first: a change during the inspection then shows as a difference next time.
    watcher->setFuture(runInPool([path]() -> Outcome {
        return {filesSignature(path), inspectDatabase(path)};
    }));
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
    for (const Source& s : std::as_const(m_sources)) {
        bool own = false;
        for (FileKind kind : {FileKind::Database, FileKind::Wal, FileKind::Shm, FileKind::Journal})
            own = own || cleaned == companionPath(s.path, kind);
        if (s.files)
            for (const FileEntry& f : s.files->files)
                own = own || cleaned == f.path; // a symlinked source's files live at its target
        if (own)
            m_dirty.insert(s.path);
        else if (cleaned == QFileInfo(s.path).absolutePath() ||
                 (s.files && cleaned == QFileInfo(s.files->databasePath).absolutePath()))
            m_folderSeen.insert(s.path);
    }
    // Throttled, not debounced: a database written continuously still refreshes every 300 ms.
    if ((!m_dirty.isEmpty() || !m_folderSeen.isEmpty()) && !m_refreshTimer.isActive())
        m_refreshTimer.start();
}

void SourceListModel::refreshChanged() {
    const QSet<QString> dirty = std::exchange(m_dirty, {});
    for (const QString& path : dirty)
        if (const int row = rowOf(path); row >= 0)
            inspect(row);
    // Something changed in their folder: only the sources whose own files differ are inspected again.
    QList<QPair<QString, QByteArray>> candidates;
    for (const QString& path : std::exchange(m_folderSeen, {}))
        if (const int row = rowOf(path); row >= 0 && !dirty.contains(path))
            candidates.append({path, m_sources[row].signature});
    if (candidates.isEmpty())
        return;
    auto* watcher = new QFutureWatcher<QStringList>(this);
    connect(watcher, &QFutureWatcherBase::finished, this, [this, watcher] {
        watcher->deleteLater();
        for (const QString& path : watcher->result())
            if (const int row = rowOf(path); row >= 0)
                inspect(row);
    });
    watcher->setFuture(runInPool([candidates] {
        QStringList changed;
        for (const auto& [path, signature] : candidates)
            if (filesSignature(path) != signature)
                changed << path;
        return changed;
    }));
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
                         .arg(humanSize(s.files->files.first().size), pagesText(h.pageCount),
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

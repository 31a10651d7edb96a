#include "sources/sourcelistmodel.h"
#include "common/executor.h"

#include "common/format.h"

#include <QApplication>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QIcon>
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

SourceListModel::~SourceListModel() {
    cancelPending();
}

void SourceListModel::cancelPending() {
    for (const Task& task : std::as_const(m_inspections))
        task.cancel();
    m_inspections.clear();
    for (const Task& task : std::as_const(m_tasks))
        task.cancel();
    m_tasks.clear();
    m_mapped.clear(); // the batches cancelled never answer: later ones need not wait for them
    m_applyBatch = m_nextBatch;
}

void SourceListModel::keep(Task task) {
    m_tasks.erase(
        std::remove_if(m_tasks.begin(), m_tasks.end(), [](const Task& t) { return t.isFinished(); }),
        m_tasks.end());
    m_tasks.append(std::move(task));
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
    // The engine decides from the bytes: a real database named `notes-journal` is not `notes`'s journal.
    keep(Executor::instance().run(
        Lane::Interactive, this,
        [paths](const CancelToken& token) {
            QStringList databases;
            for (const QString& p : paths)
                if (!token.isCancelled())
                    databases << QDir::cleanPath(databasePathFor(p));
            return databases;
        },
        [this, batch](QStringList databases) {
            m_mapped.insert(batch, std::move(databases));
            applyMappedBatches();
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
    m_inspections.take(m_sources[row].path).cancel();
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
    ++s.inspection;
    const QString path = s.path;
    struct Outcome {
        QByteArray signature;
        std::optional<Expected<DatabaseFiles>> files;
    };
    // A newer inspection replaces the one on its way: that one is cancelled and never answers.
    m_inspections.take(path).cancel();
    m_inspections.insert(
        path, Executor::instance().run(
                  Lane::Interactive, this,
                  // The signature first: a change during the inspection then shows as a difference next time.
                  [path](const CancelToken& token) -> Outcome {
                      Outcome outcome{filesSignature(path), {}};
                      if (!token.isCancelled())
                          outcome.files = inspectDatabase(path, token);
                      return outcome;
                  },
                  [this, path](Outcome outcome) {
                      m_inspections.remove(path);
                      const int r = rowOf(path);
                      if (r < 0)
                          return; // removed meanwhile (then its inspection was cancelled too)
                      Source& s = m_sources[r];
                      s.signature = outcome.signature;
                      if (outcome.files && *outcome.files) {
                          s.files = std::move(outcome.files->value());
                          s.error.reset();
                          s.state = State::Ready;
                          watch(s);
                      } else {
                          s.files.reset();
                          s.error = outcome.files ? outcome.files->error()
                                                  : Error{ErrorKind::IoError, tr("inspection failed")};
                          s.state = State::Error;
                          // A missing file may come back: keep watching its folder.
                          m_watcher.addPath(QFileInfo(s.path).absolutePath());
                      }
                      emit dataChanged(index(r), index(r));
                      emit sourceUpdated(r);
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
    keep(Executor::instance().run(
        Lane::Interactive, this,
        [candidates](const CancelToken& token) {
            QStringList changed;
            for (const auto& [path, signature] : candidates)
                if (!token.isCancelled() && filesSignature(path) != signature)
                    changed << path;
            return changed;
        },
        [this](const QStringList& changed) {
            for (const QString& path : changed)
                if (const int row = rowOf(path); row >= 0)
                    inspect(row);
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
            return Tones::of(QApplication::palette()).error;
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

// The databases the user dropped or opened, each inspected off the GUI thread and kept fresh.
//
// add() asks the engine, off the GUI thread, which database each path stands for (databasePathFor():
// a -wal, -shm or -journal means its database unless its own bytes say it is a database itself), then
// puts a row in per database not yet listed (state Inspecting) and emits added(). Each row is inspected
// on the executor's interactive lane (common/executor.h: never behind snapshots or exports) and turns
// Ready (with the DatabaseFiles) or Error (with the engine's message). A newer inspection of a source
// cancels the one on its way; removing a source, or destroying the model, cancels what is pending.
//
// Refreshing: a change to one of a source's own files (the database, -wal, -shm, -journal) re-inspects
// that source, at most every 300 ms. A change in its folder (any file created, renamed or deleted) only
// compares the stat signature of the source's own files, off the GUI thread, and re-inspects the source
// when they differ: a program writing another database in the same folder costs no inspection.
#pragma once

#include "common/executor.h"

#include <sqlitesnapshot/databasefiles.h>

#include <QAbstractListModel>
#include <QFileSystemWatcher>
#include <QHash>
#include <QList>
#include <QMap>
#include <QSet>
#include <QTimer>

#include <optional>

namespace sqlsnap::ui {

class SourceListModel : public QAbstractListModel {
    Q_OBJECT
public:
    enum class State { Inspecting, Ready, Error };
    struct Source {
        QString path; // the database (a dropped companion is mapped to it)
        State state = State::Inspecting;
        std::optional<DatabaseFiles> files;
        std::optional<Error> error;
        int inspection = 0;   // how many inspections were started (an older one is cancelled)
        QByteArray signature; // size, time and inode of its own files, taken just before the inspection
    };
    enum Roles { PathRole = Qt::UserRole, StateRole };

    explicit SourceListModel(QObject* parent = nullptr);
    ~SourceListModel() override; // cancels what is pending

    // Adds each path (or the database it stands for), asynchronously: added() follows with the rows
    // of the paths given, whether new or already listed, in order. Calls are answered in call order.
    void add(const QStringList& paths);
    void remove(int row);
    void refresh(int row);
    // Cancels every inspection and listing on its way (the window closes): none of them answers.
    void cancelPending();
    const Source& source(int row) const { return m_sources[row]; }
    int rowOf(const QString& databasePath) const;
    int size() const { return int(m_sources.size()); }

    int rowCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role) const override;

    // The stat signature of a database's own files (I/O: call it off the GUI thread).
    static QByteArray filesSignature(const QString& databasePath);

signals:
    void sourceUpdated(int row);
    void added(const QList<int>& rows);

private:
    void inspect(int row);
    void watch(const Source& source);
    void onFilesChanged(const QString& path);
    void refreshChanged();
    void applyMappedBatches();
    void keep(Task task); // a pending task to cancel with the model (finished ones are dropped)

    QList<Source> m_sources;
    QFileSystemWatcher m_watcher;
    QSet<QString> m_dirty;      // databases whose own files changed since the last refresh
    QSet<QString> m_folderSeen; // databases whose folder changed: compare signatures first
    QTimer m_refreshTimer;
    int m_nextBatch = 0, m_applyBatch = 0;
    QMap<int, QStringList> m_mapped;    // add() batches mapped by the engine, waiting for their turn
    QHash<QString, Task> m_inspections; // the inspection on its way, per database
    QList<Task> m_tasks;                // path mappings and signature comparisons on their way
};

} // namespace sqlsnap::ui

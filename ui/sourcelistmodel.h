// The databases the user dropped or opened, each inspected off the GUI thread and kept fresh.
//
// add() puts a row in at once (state Inspecting) and inspects its files in a QtConcurrent task; the
// row turns Ready (with the DatabaseFiles) or Error (with the engine's message). A companion path
// (-wal, -shm, -journal) stands for its database, and a database already listed is not added twice.
// The files of every source are watched; changes re-inspect the source, at most every 300 ms.
#pragma once

#include <sqlitesnapshot/databasefiles.h>

#include <QAbstractListModel>
#include <QFileSystemWatcher>
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
        int inspection = 0; // bumps with each inspection started; older answers are dropped
    };
    enum Roles { PathRole = Qt::UserRole, StateRole };

    explicit SourceListModel(QObject* parent = nullptr);

    // Adds each path (or the database it stands for); returns the rows of the paths given, whether
    // new or already listed, in order.
    QList<int> add(const QStringList& paths);
    void remove(int row);
    void refresh(int row);
    const Source& source(int row) const { return m_sources[row]; }
    int rowOf(const QString& databasePath) const;
    int size() const { return int(m_sources.size()); }

    int rowCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role) const override;

    // The database a dropped or opened path stands for, judged from the name alone (no I/O: this runs
    // on the GUI thread). The inspection confirms it from the bytes.
    static QString databasePathByName(const QString& path);

signals:
    void sourceUpdated(int row);

private:
    void inspect(int row);
    void watch(const Source& source);
    void onFilesChanged(const QString& path);

    QList<Source> m_sources;
    QFileSystemWatcher m_watcher;
    QSet<QString> m_dirty; // databases whose files changed since the last refresh
    QTimer m_refreshTimer;
};

} // namespace sqlsnap::ui

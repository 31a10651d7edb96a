// The snapshots in the snapshot folder: those taken in this session (with their integrity result and
// SHA-256) and those found in the folder (listed on the executor's interactive lane; a newer
// setFolder() cancels the listing on its way, and so does destroying the model).
#pragma once

#include "common/executor.h"

#include <sqlitesnapshot/snapshot.h>

#include <QAbstractTableModel>
#include <QDateTime>

namespace sqlsnap::ui {

class SnapshotListModel : public QAbstractTableModel {
    Q_OBJECT
public:
    enum Column { NameColumn, TakenColumn, SizeColumn, IntegrityColumn, Sha256Column, ColumnCount };
    enum Roles { PathRole = Qt::UserRole };
    struct Entry {
        QString path;
        QDateTime taken;
        qint64 bytes = 0;
        QString integrity; // "ok", SQLite's report, or empty when not checked
        QString sha256;
        QString source;
        bool consistentCopy = true;
        int copyAttempts = 0;
    };

    explicit SnapshotListModel(QObject* parent = nullptr);
    ~SnapshotListModel() override;

    // Lists the *.sqlite files of `folder` (in the background); entries of this session stay.
    void setFolder(const QString& folder);
    QString folder() const { return m_folder; }
    // A snapshot just taken: first in the list. Returns its row.
    int add(const SnapshotResult& result, const QDateTime& taken);
    const Entry& entry(int row) const { return m_entries[row]; }
    int rowOfPath(const QString& path) const;

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role) const override;

signals:
    void folderListed();

private:
    void applyListing(const QList<Entry>& found);

    QString m_folder;
    QList<Entry> m_entries;
    Task m_listing; // the listing of m_folder on its way
};

} // namespace sqlsnap::ui

// The snapshots in the snapshot folder: those taken in this session and those found in the folder
// (listed on the executor's interactive lane; a newer setFolder() or rescan() cancels the listing on its
// way, and so does destroying the model). Integrity and SHA-256 are what was verified: in this session, or
// a record of an earlier one (VerificationRecords) that still applies to the file as it is.
//
// The folder is watched (its nearest existing parent while it is gone): a snapshot the CLI or a schedule
// writes there, or a file deleted outside the app, shows within about 300 ms (changes are gathered, then
// listed again). A new listing changes only the rows that changed (removed, inserted, moved, updated), so
// a view keeps its selection and current row; aboutToRefresh() and folderListed() frame it (a view keeps
// its scroll position with them). A folder that is gone or cannot be read empties the list and says so
// (folderProblem()).
#pragma once

#include "common/executor.h"

#include <sqlitesnapshot/snapshot.h>
#include <sqlitesnapshot/verification.h>

#include <QAbstractTableModel>
#include <QDateTime>
#include <QFileSystemWatcher>
#include <QTimer>

namespace sqlsnap::ui {

class SnapshotListModel : public QAbstractTableModel {
    Q_OBJECT
public:
    enum Column { NameColumn, TakenColumn, SizeColumn, IntegrityColumn, Sha256Column, ColumnCount };
    enum Roles { PathRole = Qt::UserRole };
    struct Entry {
        QString path;
        QDateTime taken;    // shown: the time in the snapshot's name, else the file's mtime
        QDateTime modified; // the order, newest first: the mtime to the millisecond (names have seconds)
        qint64 bytes = 0;
        QString integrity; // "ok", SQLite's report, or empty when not checked
        QString sha256;
        QDateTime checkedAt; // when integrity and sha256 were found; invalid when not checked
        QString source;      // set for a snapshot taken in this session
        bool consistentCopy = true;
        int copyAttempts = 0;
        quint64 addedAt = 0; // add()'s count when added in this session; 0 for a file listed
    };
    enum class FolderState { NotListed, Listed, Missing, Unreadable };
    // What one listing found (I/O: list() runs off the GUI thread).
    struct Listing {
        QList<Entry> entries;
        FolderState state = FolderState::NotListed;
        QString problem; // Missing, Unreadable: what to tell the user
    };

    explicit SnapshotListModel(QObject* parent = nullptr);
    ~SnapshotListModel() override;

    // Where remembered verifications are read (default: VerificationRecords::defaultFile()).
    void setRecordsFile(const QString& file) { m_recordsFile = file; }
    // Lists the *.sqlite files of `folder` (in the background), each with its remembered verification;
    // entries of this session stay.
    void setFolder(const QString& folder);
    // The same folder listed again (what the watcher calls, debounced).
    void rescan();
    QString folder() const { return m_folder; }
    FolderState folderState() const { return m_state; }
    QString folderProblem() const { return m_problem; }
    static Listing list(const QString& folder, const QString& recordsFile, const CancelToken& token);
    // A snapshot just taken: first in the list. Returns its row.
    int add(const SnapshotResult& result, const QDateTime& taken);
    // A verification just made: the row of its file shows it. Returns the row, or -1 when not listed.
    int setVerification(const Verification& verification);
    // A snapshot deleted (from its history): its row goes.
    void remove(const QString& path);
    const Entry& entry(int row) const { return m_entries[row]; }
    int rowOfPath(const QString& path) const;

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role) const override;

signals:
    void aboutToRefresh(); // a listing is about to change the rows
    void folderListed();   // it has (the rows, folderState() and folderProblem() are its)

private:
    void applyListing(const Listing& listing, quint64 startedAt);
    void replaceRows(const QList<Entry>& next);
    void watch();
    static QString verificationTip(const Entry& e);

    QString m_folder;
    QString m_recordsFile = VerificationRecords::defaultFile();
    QList<Entry> m_entries;
    Task m_listing; // the listing of m_folder on its way
    FolderState m_state = FolderState::NotListed;
    QString m_problem;
    quint64 m_added = 0; // add() calls so far
    QFileSystemWatcher m_watcher;
    QTimer m_rescanTimer;
};

} // namespace sqlsnap::ui

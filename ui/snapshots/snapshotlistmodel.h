// The snapshots in the snapshot folder: those taken in this session and those found in the folder
// (listed on the executor's interactive lane; a newer setFolder() cancels the listing on its way, and so
// does destroying the model). Integrity and SHA-256 are what was verified: in this session, or a record
// of an earlier one (VerificationRecords) that still applies to the file as it is.
#pragma once

#include "common/executor.h"

#include <sqlitesnapshot/snapshot.h>
#include <sqlitesnapshot/verification.h>

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
        QDateTime checkedAt; // when integrity and sha256 were found; invalid when not checked
        QString source;      // set for a snapshot taken in this session
        bool consistentCopy = true;
        int copyAttempts = 0;
    };

    explicit SnapshotListModel(QObject* parent = nullptr);
    ~SnapshotListModel() override;

    // Where remembered verifications are read (default: VerificationRecords::defaultFile()).
    void setRecordsFile(const QString& file) { m_recordsFile = file; }
    // Lists the *.sqlite files of `folder` (in the background), each with its remembered verification;
    // entries of this session stay.
    void setFolder(const QString& folder);
    QString folder() const { return m_folder; }
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
    void folderListed();

private:
    void applyListing(const QList<Entry>& found);
    static QString verificationTip(const Entry& e);

    QString m_folder;
    QString m_recordsFile = VerificationRecords::defaultFile();
    QList<Entry> m_entries;
    Task m_listing; // the listing of m_folder on its way
};

} // namespace sqlsnap::ui

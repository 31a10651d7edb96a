// One database's snapshots over time: what the history records of its folders list for it (the app's
// snapshot folder, and the folders its schedules write into), checked against the files actually there,
// newest first.
//
// show() reads on the executor's interactive lane (common/executor.h): each folder's record
// (HistoryFolder), its *.sqlite files, the user's schedules (ScheduleBook) and the verifications
// remembered (VerificationRecords). A newer show() or reload() cancels the reading on its way, and so does
// destroying the model; a cancelled reading never answers. The folders (and the verification record's
// folder) are watched: a change reloads, at most every 300 ms, keeping the rows until the answer is in.
//
// A row is one of:
//   - a snapshot the record lists and whose file is there: ours (still the file written) or changed since;
//   - a snapshot the record lists whose file is gone: missing (shown, never an error: it was deleted or
//     moved outside the app);
//   - a file named as this tool names snapshots of this database ("<name> <yyyy-MM-dd HHmmss>.sqlite",
//     parseSnapshotFileName) that no record lists (taken before the folder had a record).
//
// A database kept in more than one folder (the snapshot folder and a schedule's) has a Folder column
// (spansFolders()): the folder's name, with as many parent folders as it takes to tell the folders apart;
// the whole path on hover. Snapshots taken within one second are told apart by their " (2)", shown after
// the time. The snapshot folder gone, or a folder that cannot be read, is a problem said in place.
#pragma once

#include "common/executor.h"

#include <QAbstractTableModel>
#include <QDateTime>
#include <QFileSystemWatcher>
#include <QMap>
#include <QStringList>
#include <QTimer>

namespace sqlsnap::ui {

class HistoryModel : public QAbstractTableModel {
    Q_OBJECT
public:
    enum Column { TakenColumn, SizeColumn, VerifiedColumn, FolderColumn, Sha256Column, ColumnCount };
    enum Roles { PathRole = Qt::UserRole };
    struct Entry {
        QString path;     // absolute
        QString folder;   // the folder it is in (one of Listing::folders)
        int sequence = 1; // the n of its name's " (n)": the n-th snapshot taken within that second
        QDateTime taken;  // local time
        qint64 bytes = 0; // the file's size now; the recorded size when it is missing
        bool present = true;
        bool recorded = false;            // listed in its folder's record
        bool changedSinceWritten = false; // recorded, but no longer the file this tool wrote
        QString integrity;                // "ok", SQLite's report, or empty when not checked
        QString sha256;
        QDateTime checkedAt; // UTC; invalid when not checked
    };
    // What one reading found.
    struct Listing {
        QList<Entry> entries;                // newest first
        QStringList folders;                 // the folders read, the snapshot folder first
        QStringList problems;                // records that could not be read, in the user's words
        QMap<QString, QString> folderLabels; // folder → the short name the Folder column shows
    };

    explicit HistoryModel(QObject* parent = nullptr);
    ~HistoryModel() override;

    // Where the schedules and the verifications are read (tests give their own; defaults: the user's).
    void setScheduleBookPath(const QString& path) { m_scheduleBook = path; }
    void setRecordsFile(const QString& file) { m_recordsFile = file; }

    // The history of `databasePath` (empty: none) in `snapshotFolder` and its schedules' folders.
    void show(const QString& databasePath, const QString& snapshotFolder);
    void reload();
    QString database() const { return m_database; }
    QString snapshotFolder() const { return m_snapshotFolder; }
    QStringList folders() const { return m_listing.folders; }
    QStringList problems() const { return m_listing.problems; }
    // Whether the rows come from more than one folder (the Folder column is worth showing).
    bool spansFolders() const;
    QString folderLabel(const QString& folder) const { return m_listing.folderLabels.value(folder, folder); }
    // True from show() until the first answer for that database is in.
    bool isLoading() const { return m_loading; }

    const Entry& entry(int row) const { return m_listing.entries[row]; }
    int rowOfPath(const QString& path) const;
    // The newest snapshot older than `row` whose file is there (what "Compare with Previous" compares
    // with), or -1.
    int previousPresentRow(int row) const;

    // The reading itself (I/O: call it off the GUI thread).
    static Listing read(const QString& databasePath, const QString& snapshotFolder,
                        const QString& scheduleBook, const QString& recordsFile, const CancelToken& cancel);

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role) const override;

signals:
    void loaded(); // an answer is in (the rows, folders and problems are its)

private:
    void apply(const Listing& listing);
    void watchFolders();
    QString tooltip(const Entry& e) const;

    QString m_database, m_snapshotFolder;
    QString m_scheduleBook, m_recordsFile;
    Listing m_listing;
    bool m_loading = false;
    Task m_reading;
    QFileSystemWatcher m_watcher;
    QTimer m_reloadTimer;
};

} // namespace sqlsnap::ui

// The selected database's snapshots on a timeline (HistoryModel), below its details on the Database tab,
// and what can be done with them: Open, Compare with Previous, Export…, Verify, Delete…, Restore….
//
// Every action acts on what the user pointed at, as the snapshots list's do: the context menu on the row
// under the cursor (which becomes the current row; Verify and Delete act on the selection it joins, a
// row outside it becoming the only one), the toolbar and keys (Enter, Delete, Ctrl+C) on the current row
// or the selection. A missing snapshot can only be deleted (from the record).
//
// Work on files runs off the GUI thread: Verify and Restore… as jobs (startJob), Delete… on the
// executor's interactive lane. Restore… asks for the target (the database's own path by default); a
// target a program has open is refused by the job, then the user is asked, and the job runs again with
// force once confirmed. The questions are members, so tests can answer them.
#pragma once

#include "common/executor.h"

#include <QWidget>

#include <functional>

class QAction;
class QLabel;
class QToolBar;
class QTreeView;

namespace sqlsnap::ui {

class ElidedLabel;
class HistoryModel;
class Job;
struct JobSpec;

class HistoryView : public QWidget {
    Q_OBJECT
public:
    explicit HistoryView(QWidget* parent = nullptr);
    ~HistoryView() override;

    HistoryModel* model() const { return m_model; }
    QTreeView* view() const { return m_view; }
    QLabel* statusLabel() const { return m_status; }
    // About eight rows: the details above keep room for their files and facts.
    QSize sizeHint() const override;

    // The database whose history shows (empty: none; the view then says to pick one). The same path again
    // changes nothing: a refresh of the database's files does not re-read its history.
    void showDatabase(const QString& databasePath);
    void setSnapshotFolder(const QString& folder);
    void refresh();

    // The snapshot of the current row, or empty; the snapshots of the selected rows, newest first.
    QString currentPath() const;
    QStringList selectedPaths() const;
    // What Compare compares, A then B: the two selected snapshots, older first; with one selected, the
    // one before it in time. Empty when neither applies (three selected, the oldest, a missing file).
    QStringList comparisonPair() const;

    QAction* openAction() const { return m_open; }
    QAction* compareAction() const { return m_compare; }
    QAction* exportAction() const { return m_export; }
    QAction* verifyAction() const { return m_verify; }
    QAction* deleteAction() const { return m_delete; }
    QAction* restoreAction() const { return m_restore; }
    QAction* copyHashAction() const { return m_copyHash; }

    // The actions themselves, on given snapshots (what the menu, toolbar and keys call).
    void verify(const QStringList& paths);
    void deleteSnapshots(const QStringList& paths);
    void restore(const QString& snapshotPath);

    // Starts a job (the window's startJob: its row in the jobs panel). Required for Verify and Restore….
    std::function<Job*(JobSpec spec)> startJob;
    // Asks where a snapshot is restored to, starting at `suggested` (a file dialog); empty: not now.
    std::function<QString(const QString& suggested)> chooseRestoreTarget;
    // Asks before an existing `target` is replaced by `snapshot` (it is kept beside it).
    std::function<bool(const QString& snapshot, const QString& target)> confirmRestore;
    // Asks whether to restore while a program has `target` open; `refusal` is the job's reason.
    std::function<bool(const QString& target, const QString& refusal)> confirmRestoreInUse;
    // Asks before `paths` are deleted (by default: deleteQuestion() in a message box).
    std::function<bool(const QStringList& paths)> confirmDelete;
    // The question: the file and its folder (or how many, from which folder or how many folders); the
    // paths themselves as details when there are several.
    struct DeleteQuestion {
        QString text, informative, details;
    };
    static DeleteQuestion deleteQuestion(const QStringList& paths);

protected:
    bool eventFilter(QObject* watched, QEvent* event) override; // the list's Delete key

signals:
    void openRequested(const QString& snapshotPath);
    // The snapshot pointed at (`after`) and the one before it in time (`before`).
    void compareRequested(const QString& before, const QString& after);
    void exportRequested(const QString& snapshotPath);
    // A snapshot about to be deleted: its preview closes first (nothing reads a file being deleted).
    void closePreviewRequested(const QString& snapshotPath);
    void snapshotsDeleted(const QStringList& paths); // the files (or entries) that are gone
    void deletionFinished(); // after snapshotsDeleted, once the rows are re-read (tests wait for it)

private:
    void createActions();
    void updateActions();
    QList<int> selectedRows() const; // the selected rows; the current one when none is selected
    void updateStatus();
    void showMessage(const QString& text, bool error);
    void showContextMenu(const QPoint& viewportPos);
    void startRestore(const QString& snapshot, const QString& target, bool force);
    void installDefaultQuestions();

    HistoryModel* m_model;
    QTreeView* m_view;
    ElidedLabel* m_title;
    QLabel* m_status;
    QToolBar* m_bar;
    QAction *m_open, *m_compare, *m_export, *m_verify, *m_delete, *m_restore, *m_copyHash;
    QString m_message; // the last action's outcome, shown until the database changes
    bool m_messageIsError = false;
    QStringList m_keepSelection; // across a reload
    Task m_deletion;
};

} // namespace sqlsnap::ui

// The snapshots of the snapshot folder as a list, with its own actions. Every action acts on what the
// user pointed at: the context menu on the row under the cursor, double-click and Enter on the row
// activated, the header's Show in Folder on the list's current row, Verify (button and menu) on the
// selected rows — the row right-clicked joins them or, outside them, becomes the only one. It never looks
// at which preview tab happens to be current.
//
// Below its buttons a line says what the list cannot: the folder has no snapshots yet, is gone, or cannot
// be read (in the error tone; Show in Folder is disabled while the folder is gone). When the folder is
// listed again (it is watched), the selection, the current row and the row at the top of the view stay
// (scrolled to the top, it stays at the top: a new snapshot shows there).
#pragma once

#include <QWidget>

class QAction;
class QLabel;
class QPushButton;
class QMenu;
class QTreeView;

namespace sqlsnap::ui {

class SnapshotListModel;

class SnapshotsPane : public QWidget {
    Q_OBJECT
public:
    explicit SnapshotsPane(SnapshotListModel* model, QWidget* parent = nullptr);

    QTreeView* view() const { return m_view; }
    // The line about the folder (hidden when the list says it all).
    QLabel* statusLabel() const { return m_status; }
    QPushButton* showFolderButton() const { return m_showFolder; }
    // The snapshot of the list's current row, or empty.
    QString currentPath() const;
    // The snapshots of the selected rows, in list order.
    QStringList selectedPaths() const;
    QAction* verifyAction() const { return m_verify; }
    // Compare: enabled with exactly two rows selected; the one taken earlier is A (before).
    QAction* compareAction() const { return m_compare; }
    // The snapshot at a point of the view's viewport, or empty.
    QString pathAt(const QPoint& viewportPos) const;

signals:
    void openRequested(const QString& snapshotPath);
    void exportRequested(const QString& snapshotPath);
    void showInFolderRequested(const QString& path); // a snapshot, or the folder itself
    void chooseFolderRequested();
    void currentChanged();
    void verifyRequested(const QStringList& snapshotPaths);
    void compareRequested(const QString& before, const QString& after);

protected:
    bool eventFilter(QObject* watched, QEvent* event) override; // the view's viewport's resizes

private:
    // The name column takes the room the others (as wide as their content) leave, never less than a
    // readable width: below that the list scrolls sideways instead of hiding the names.
    void fitNameColumn();
    void updateStatus();
    void showContextMenu(const QPoint& viewportPos);
    void copyHash(int row) const;

    SnapshotListModel* m_model;
    QTreeView* m_view;
    QAction* m_verify = nullptr;
    QAction* m_compare = nullptr;
    QLabel* m_status = nullptr;
    QPushButton* m_showFolder = nullptr;
    QString m_topPath;   // the row at the top of the view before a listing, to scroll back to
    bool m_atTop = true; // the view was scrolled to its top
};

} // namespace sqlsnap::ui

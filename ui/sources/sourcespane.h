// The databases list: a heading and one row per source (name, size, mode; the path in the tooltip),
// several selectable. The window adds its actions (Snapshot, Snapshot To…, Remove) to the view.
#pragma once

#include <QWidget>

class QListView;

namespace sqlsnap::ui {

class SourceListModel;

class SourcesPane : public QWidget {
    Q_OBJECT
public:
    SourcesPane(SourceListModel* model, QWidget* parent = nullptr);

    QListView* view() const { return m_view; }
    // The selected databases (or the current one when none is selected), leaving out rows in error: they
    // have nothing to snapshot until their file is fixed (they refresh themselves).
    QStringList selectedPaths() const;
    void removeSelected();

signals:
    void selectionChanged();
    void activated(); // Enter or a double click on a row
    // A mouse press on a row: the user pointed at a database, wherever the focus was (it may stay in a
    // preview until the release, or never move when the press is filtered on the way).
    void pressed();

private:
    SourceListModel* m_model;
    QListView* m_view;
};

} // namespace sqlsnap::ui

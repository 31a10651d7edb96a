// File → Open Databases…: besides the usual names (*.sqlite, *.db, …), the default choice "SQLite
// databases (by content)" lists every file that starts with SQLite's header, whatever it is called —
// Chrome's History and Cookies, Firefox's extensionless files — so they can be found without knowing
// the name. Deciding reads the first 16 bytes of each file in the folder shown (on the GUI thread, as
// the dialog lists it; remembered by path, size and time, so each file is read once).
#pragma once

#include <QSortFilterProxyModel>

class QWidget;

namespace sqlsnap::ui {

// The by-content choice as a filter over the dialog's file system model: folders always pass.
class DatabaseContentFilter : public QSortFilterProxyModel {
    Q_OBJECT
public:
    using QSortFilterProxyModel::QSortFilterProxyModel;
    void setByContent(bool on);
    bool byContent() const { return m_byContent; }

protected:
    bool filterAcceptsRow(int row, const QModelIndex& parent) const override;

private:
    bool m_byContent = true;
    mutable QHash<QString, bool> m_verdicts; // "path|size|mtime" → starts like an SQLite database
};

// The files chosen (none if cancelled), starting in `folder`.
QStringList askForDatabases(QWidget* parent, const QString& folder);

} // namespace sqlsnap::ui

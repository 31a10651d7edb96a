// File → Open Recent: the databases the user added last (at most ten, newest first), kept in the
// settings, as a menu whose entries ask to open them again.
#pragma once

#include <QObject>
#include <QStringList>

class QMenu;
class QWidget;

namespace sqlsnap::ui {

class RecentFiles : public QObject {
    Q_OBJECT
public:
    // `menu` is filled and kept current here; it is disabled while the list is empty.
    explicit RecentFiles(QMenu* menu, QObject* parent = nullptr);

    void remember(const QStringList& paths); // moved (or added) to the top, in order
    void clear();
    QStringList paths() const { return m_paths; }

    void load(); // from the settings ("recentFiles")
    void save() const;

signals:
    void openRequested(const QString& path);

private:
    void rebuildMenu();

    QMenu* m_menu;
    QStringList m_paths;
};

} // namespace sqlsnap::ui

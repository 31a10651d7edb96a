// File → Open Recent: the databases the user added last (at most ten, newest first), kept in the
// settings, as a menu whose entries ask to open them again. Entries whose file is gone or is not a
// database are dropped, checked in the background when the list is loaded and when it changes.
#pragma once

#include "common/executor.h"

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
    // Whether `path` (a database or one of its companions) is there and starts like an SQLite database.
    static bool looksLikeDatabase(const QString& path);

signals:
    void openRequested(const QString& path);

private:
    void rebuildMenu();
    void prune(); // drops the entries looksLikeDatabase() refuses, in the background

    QMenu* m_menu;
    QStringList m_paths;
    Task m_pruning;
};

} // namespace sqlsnap::ui

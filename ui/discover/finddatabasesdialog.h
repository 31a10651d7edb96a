// File → Find Databases…: the user's well-known application databases and every SQLite database under
// folders they add (discover.h), found off the GUI thread, listed to pick from and add as sources.
#pragma once

#include "common/executor.h"

#include <sqlitesnapshot/discover.h>

#include <QDialog>

class QLabel;
class QPushButton;
class QStackedWidget;
class QTreeWidget;

namespace sqlsnap::ui {

class FindDatabasesDialog : public QDialog {
    Q_OBJECT
public:
    enum Column { AppColumn, ProfileColumn, KindColumn, PathColumn, SizeColumn, InUseColumn };

    explicit FindDatabasesDialog(QWidget* parent = nullptr);
    ~FindDatabasesDialog() override; // cancels a search still running

    // Looks again: the known locations, then every folder added so far. Runs on the executor; busy
    // until it answers (searchFinished()).
    void search();
    // "Also Look In Folder…" without its folder dialog (tests): adds `folder` and looks again.
    void lookInFolder(const QString& folder);
    void cancelSearch();
    bool isSearching() const;

    QTreeWidget* list() const { return m_list; }
    QLabel* message() const { return m_message; } // the empty, error or count line, in place
    QPushButton* addButton() const { return m_add; }
    QPushButton* cancelButton() const { return m_cancel; }
    QStringList selectedPaths() const;
    void addSelected(); // emits addRequested() with the selected paths and closes

signals:
    void addRequested(const QStringList& paths);
    void searchFinished();

private:
    void chooseFolder();
    void showResult(const Expected<DiscoverResult>& result);
    void setBusy(bool busy);
    void updateButtons();

    QStringList m_folders;
    QList<DiscoveredDatabase> m_found;
    Task m_task;
    bool m_searching = false;
    QLabel* m_message;
    QStackedWidget* m_stack;
    QLabel* m_empty;
    QTreeWidget* m_list;
    QPushButton* m_lookIn;
    QPushButton* m_cancel;
    QPushButton* m_add;
};

} // namespace sqlsnap::ui

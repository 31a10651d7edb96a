// File → Find Databases…: the user's well-known application databases and every SQLite database under
// folders they add (discover.h), found off the GUI thread and listed as each is found (Stop keeps what was
// found so far), to pick from and add as sources.
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
    // Tests: runs on the search's thread after each database is found, before the next is looked for
    // (a test holds the search there to see the first row arrive before it ends). For the next search.
    void setFoundHook(std::function<void()> hook) { m_foundHook = std::move(hook); }

signals:
    void addRequested(const QStringList& paths);
    void searchFinished();

private:
    void chooseFolder();
    void showResult(const Expected<DiscoverResult>& result);
    void addFound(const DiscoveredDatabase& found);
    void clearStale();
    void setBusy(bool busy);
    void updateButtons();

    QStringList m_folders;
    QList<DiscoveredDatabase> m_found;
    Task m_task;
    std::function<void()> m_foundHook;
    bool m_searching = false;
    bool m_stale = false; // the list shows an earlier search's rows (the current one found none yet)
    QLabel* m_message;
    QStackedWidget* m_stack;
    QLabel* m_empty;
    QTreeWidget* m_list;
    QPushButton* m_lookIn;
    QPushButton* m_cancel;
    QPushButton* m_add;
};

} // namespace sqlsnap::ui

// "Find in Snapshot" (Ctrl+Shift+F in a preview): a text searched in every column of every table, as the
// all-columns filter matches it (findInSnapshot). Hits arrive as they are found, grouped by table;
// activating one opens its table in the preview with that row current.
//
// The search runs on the executor's Long lane (a whole snapshot can take seconds; it must never hold an
// Interactive thread), with the task's token: Stop, a new search and closing the panel cancel it, and a
// cancelled search never answers. Hits come to the GUI thread in batches (at most every 100 ms or 500
// hits), never one call per row.
#pragma once

#include <sqlitesnapshot/find.h>

#include "common/executor.h"

#include <QDialog>

#include <memory>

class QLabel;
class QTimer;
class QLineEdit;
class QPushButton;
class QTreeWidget;
class QTreeWidgetItem;

namespace sqlsnap::ui {

class PreviewWidget;

class FindPanel : public QDialog {
    Q_OBJECT
public:
    explicit FindPanel(PreviewWidget* preview);
    ~FindPanel() override;
    // The preview's panel, made on first use, shown and focused.
    static FindPanel* showFor(PreviewWidget* preview);

    QLineEdit* textEdit() const { return m_text; }
    QPushButton* findButton() const { return m_find; }
    QPushButton* stopButton() const { return m_stop; }
    QTreeWidget* results() const { return m_results; }
    QLabel* progressLabel() const { return m_progress; }
    bool isSearching() const { return m_searching; }

    void find();
    void stop();

signals:
    void finished(); // the search ended (found all, failed or stopped)

private:
    struct Shared; // what the search hands over to the GUI thread, under a mutex
    void drain();  // takes the hits and progress handed over so far (every 100 ms while searching)
    void onDone(const Expected<FindSummary>& summary);
    void markTable(const FindTableResult& result);
    void setSearching(bool searching);
    void openHit(QTreeWidgetItem* item);
    // Opens `table` in the preview, unfiltered and in its own order, with row `position` current (once
    // the rows are there: the table loads off the GUI thread).
    void showRow(const QString& table, qint64 position);
    QTreeWidgetItem* tableItem(const QString& table);

    PreviewWidget* m_preview;
    QLineEdit* m_text;
    QPushButton* m_find;
    QPushButton* m_stop;
    QLabel* m_progress;
    QTreeWidget* m_results;
    QTimer* m_drainTimer;
    std::shared_ptr<Shared> m_shared;
    Task m_task;                 // the search
    Task m_locate;               // the position of the hit being opened
    QObject* m_waiter = nullptr; // waits for the opened table's rows to show the row
    bool m_searching = false;
    qint64 m_hits = 0;
};

} // namespace sqlsnap::ui

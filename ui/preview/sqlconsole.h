// The preview's SQL tab: a read-only console over one snapshot. An editor above, a result grid below.
//
// Ctrl+Enter (or Run) runs the editor's statement through QueryCursor (read-only by construction: a
// write is refused with the engine's one-line message); Escape (or Interrupt) cancels it at once. While
// it runs the status line ticks the elapsed time; then it says "N rows in 12 ms" or "first 200 rows in
// 3 ms, more as you scroll", and once the whole count is known "N rows in all · first 200 in 3 ms". An error
// shows under the editor in the error tone, with the editor's cursor moved to where the SQL is at fault, that
// place underlined. Ctrl+Up / Ctrl+Down walk the history (ConsoleHistory, per user).
//
// The rows show in a WindowedGrid (the data grid's: a window of the result, a scroll bar for all of it,
// Ctrl+Home / Ctrl+End), the current cell's whole value beside it in a ValueViewer (the "Value" button,
// remembered with the data page's: preview/valuePanel), and Ctrl+C / Ctrl+Shift+C copy the selected
// cells as tab-separated text (with the columns' names), as the data grid does.
//
// The GUI thread never touches SQLite: QueryResultModel opens, pages and counts on threads of its own.
// A new statement, Interrupt and closing the console cancel the old statement's work; its answers are
// dropped.
#pragma once

#include "preview/consolehistory.h"

#include <QElapsedTimer>
#include <QWidget>

class QLabel;
class QPlainTextEdit;
class QAction;
class QPushButton;
class QSplitter;
class QTableView;
class QTimer;

namespace sqlsnap::ui {

class QueryResultModel;
class ValueViewer;
class WindowedGrid;

class SqlConsole : public QWidget {
    Q_OBJECT
public:
    explicit SqlConsole(const QString& snapshotPath, QWidget* parent = nullptr);
    ~SqlConsole() override;

    QPlainTextEdit* editor() const { return m_editor; }
    QTableView* resultView() const { return m_view; }
    WindowedGrid* resultGrid() const { return m_grid; }
    ValueViewer* valueViewer() const { return m_valueViewer; }
    QPushButton* valuePanelToggle() const { return m_valueToggle; }
    QAction* copyAction() const { return m_copy; }
    QAction* copyWithHeadersAction() const { return m_copyWithHeaders; }
    QueryResultModel* resultModel() const { return m_model; }
    QPushButton* runButton() const { return m_run; }
    QPushButton* interruptButton() const { return m_interrupt; }
    QLabel* statusLabel() const { return m_status; }
    QLabel* errorLabel() const { return m_error; }
    bool isRunning() const;

    void run();       // the editor's text; nothing when it is blank
    void interrupt(); // the running statement, if any
    // The selected cells to the clipboard, tab-separated; nothing (and the status line says why) when
    // some of their rows are not held in memory.
    void copy(bool withHeaders);

protected:
    bool eventFilter(QObject* watched, QEvent* event) override;
    void showEvent(QShowEvent* event) override;

private:
    QWidget* createResultPane();
    void showCurrentValue();
    void onTotalChanged();
    void onStarted(qint64 ms);
    void onFailed(const QString& message, int errorOffset);
    void updateStatus();
    void setRunning(bool running);
    void markError(int offset);
    void clearError();
    void recall(bool older);

    QString m_path;
    QueryResultModel* m_model;
    QPlainTextEdit* m_editor;
    QPushButton* m_run;
    QPushButton* m_interrupt;
    QLabel* m_status;
    QLabel* m_error;
    WindowedGrid* m_grid;
    QTableView* m_view;
    QSplitter* m_splitter;
    QPushButton* m_valueToggle;
    ValueViewer* m_valueViewer;
    QSplitter* m_valueSplitter;
    bool m_valuePending = false; // the current cell's page is on its way: shown when it arrives
    QAction* m_copy;
    QAction* m_copyWithHeaders;
    QTimer* m_tick;
    QElapsedTimer m_clock;
    QString m_firstText;          // "first 200 rows in 3 ms, more as you scroll" / "12 rows in 3 ms"
    bool m_firstComplete = false; // the first page held every row: the count says nothing more
    qint64 m_firstRows = 0, m_firstMs = 0;
    ConsoleHistory m_history;
};

} // namespace sqlsnap::ui

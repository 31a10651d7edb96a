// One copy of the grid's selection to the clipboard, in one of the copy formats (docs/app.md, "The grid's
// commands").
//
// Contract:
// - What is copied: the rows with a selected cell (in table order) × the columns with one (in view order,
//   hidden columns left out) — the bounding "selected rows × selected columns", never rows between two
//   separately selected ones. Tab-separated copies keep the cells selected, as Copy always did.
// - The rows are the model's window rows (at most TableDataModel::windowRows()): the selection cannot hold
//   more. Rows whose page is not in memory are asked for through the model, a few pages at a time, on its
//   own page reader thread (as scrolling to them would); the GUI thread never waits for them, and takes
//   the loaded rows a chunk per event-loop pass. Rows of a sorted table that wait for the whole order are
//   copied once it is built.
// - A selection whose rows are all loaded is copied at once, inside start().
// - The copy stops, and says so, when the model's rows change meanwhile (another table, filter or order,
//   rows placed anew, the window moved away from them) or a page cannot be read; cancel() stops it too.
//   finished() is emitted exactly once, after start(); the clipboard is set only when the copy completes.
#pragma once

#include <QItemSelection>
#include <QObject>
#include <QPointer>

#include <memory>

namespace sqlsnap {
class RowText;
}

namespace sqlsnap::ui {

class TableDataModel;

enum class CopyFormat { TabSeparated, TabSeparatedWithHeaders, Csv, Json, SqlInsert };

class SelectionCopy : public QObject {
    Q_OBJECT
public:
    // `selection`: the view's (window rows); `columns`: the shown columns with a selected cell, in view
    // order (the others are left out).
    SelectionCopy(TableDataModel* model, CopyFormat format, const QItemSelection& selection,
                  const QList<int>& columns, QObject* parent = nullptr);
    ~SelectionCopy() override;

    void start();
    void cancel();
    qint64 rowCount() const { return m_rows.size(); }
    bool isRunning() const { return m_running; }

signals:
    // While rows are read: rows taken so far of all; `waitingForOrder`: the rest waits for the sort.
    void progress(qint64 rowsDone, qint64 rowsTotal, bool waitingForOrder);
    // `copied`: the text is on the clipboard. `message`: one line for the status.
    void finished(bool copied, const QString& message);

private:
    void step(); // takes the loaded rows in order, asks for the next pages, or finishes
    bool isLoaded(qint64 row) const;
    void take(qint64 row);
    void askAhead(int from);
    void stop(const QString& message);
    void complete();
    void checkRows(); // after a reset: whether the rows copied are still where they were
    QString formatName() const;

    QPointer<TableDataModel> m_model;
    CopyFormat m_format;
    QList<qint64> m_rows; // absolute table rows, ascending
    QList<int> m_columns;
    struct Range {
        qint64 top, bottom; // table rows
        int left, right;
    };
    QList<Range> m_ranges; // the selection's (tab-separated copies take its cells)
    QString m_table;
    int m_placement = 0;
    int m_next = 0; // the index into m_rows of the next row to take
    bool m_running = false;
    bool m_stepQueued = false;
    std::unique_ptr<RowText> m_text; // CSV, JSON, SQL
    QStringList m_chunks;            // tab-separated
    QList<QMetaObject::Connection> m_connections;
};

} // namespace sqlsnap::ui

// A QTableView over a model that holds only a window of its rows, with a scroll bar for all of them.
//
// A QTableView keeps data per row in its header, so a model of 10 million rows would cost ~300 ms of
// GUI thread on every reset; a window of 100,000 costs ~3 ms. The model shows rows windowStart() ..
// windowStart() + rowCount() of totalRows(); this grid's own scroll bar stands for all of them and
// moves the window as the user scrolls, pages, or jumps (Ctrl+Home, Ctrl+End, go to row). Model rows
// are window-relative: absolute row = windowStart() + row.
#pragma once

#include <QWidget>

class QAbstractItemModel;
class QScrollBar;
class QTableView;

namespace sqlsnap::ui {

// What a WindowedGrid asks of its model, besides QAbstractItemModel.
class WindowedRows {
public:
    virtual ~WindowedRows() = default;
    virtual qint64 totalRows() const = 0; // every row as far as known (loaded, estimated or exact)
    virtual qint64 windowStart() const = 0;
    virtual int windowRows() const = 0;            // the window's most rows
    virtual void setWindowStart(qint64 start) = 0; // clamped to the rows; a model reset
    virtual bool totalKnown() const = 0; // the end is reachable (estimated or exact), not still growing
};

class WindowedGrid : public QWidget {
    Q_OBJECT
public:
    // `rows` is `model`, seen as WindowedRows; both outlive the grid.
    WindowedGrid(QAbstractItemModel* model, WindowedRows* rows, QWidget* parent = nullptr);

    QTableView* view() const { return m_view; }
    QScrollBar* tableScrollBar() const { return m_scroll; }
    // The absolute row at the top of the view.
    qint64 topRow() const;
    // Shows absolute row `row` at the top (or as near as the end allows), moving the window.
    void scrollToRow(qint64 row);
    // Shows absolute row `row` and makes it current (in the current column).
    void goToRow(qint64 row);
    // The first row, or the last: before the total is known, the end is followed until it is.
    void goToEdge(bool end);
    // Rows were added or the total changed: the scroll bar follows, and a pending Ctrl+End goes on.
    void totalChanged();
    // Forgets a pending Ctrl+End (the rows shown changed: another table, filter or order).
    void stopFollowingEnd() { m_followEnd = false; }

protected:
    bool eventFilter(QObject* watched, QEvent* event) override;

private:
    void syncScrollBar();
    void onViewScrolled(int value);
    int rowsInView() const;
    void moveToEdge(bool end);

    QAbstractItemModel* m_model;
    WindowedRows* m_rows;
    QTableView* m_view;
    QScrollBar* m_scroll;
    bool m_syncing = false;
    bool m_followEnd = false; // Ctrl+End before the total was known: go to the end once it is
};

} // namespace sqlsnap::ui

// The window that TableDataModel and QueryResultModel keep over their rows (see WindowedGrid): where it
// starts, how many rows it holds at most, and the row insertions and removals the view is told of when
// the total under it grows or shrinks. One implementation, so that both grids move the same way.
#pragma once

#include "windowedgrid.h"

#include <QAbstractTableModel>

#include <functional>

namespace sqlsnap::ui {

class WindowedTableModel : public QAbstractTableModel, public WindowedRows {
    Q_OBJECT
public:
    qint64 windowStart() const final { return m_windowStart; }
    int windowRows() const final { return m_windowRows; }
    // Moves the window (clamped to the rows); a model reset, cheap since the window is small.
    void setWindowStart(qint64 start) final;
    // A smaller window (at least `minimumRows`), back at the first row: tests use small windows.
    void setWindowRows(int rows);

signals:
    void windowMoved();

protected:
    WindowedTableModel(int windowRows, int minimumRows, QObject* parent);
    // The rows of the window when the total is `total`.
    int visibleRows(qint64 total) const {
        return int(std::clamp<qint64>(total - m_windowStart, 0, m_windowRows));
    }
    // Runs `apply`, which changes the total from `before` to `after`, inside the insertion or removal of
    // the window's rows it makes (the window itself stays where it is).
    void changeTotal(qint64 before, qint64 after, const std::function<void()>& apply);
    // Sets the window's start inside a model reset the caller runs (the total shrank under it).
    void placeWindow(qint64 start) { m_windowStart = start; }

private:
    qint64 m_windowStart = 0;
    int m_windowRows;
    int m_minimumRows;
};

} // namespace sqlsnap::ui

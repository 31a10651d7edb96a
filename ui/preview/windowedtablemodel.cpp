#include "windowedtablemodel.h"

#include <algorithm>

namespace sqlsnap::ui {

WindowedTableModel::WindowedTableModel(int windowRows, int minimumRows, QObject* parent)
    : QAbstractTableModel(parent), m_windowRows(windowRows), m_minimumRows(minimumRows) {}

void WindowedTableModel::setWindowStart(qint64 start) {
    start = std::clamp<qint64>(start, 0, std::max<qint64>(0, totalRows() - m_windowRows));
    if (start == m_windowStart)
        return;
    beginResetModel();
    m_windowStart = start;
    endResetModel();
    emit windowMoved();
}

void WindowedTableModel::setWindowRows(int rows) {
    beginResetModel();
    m_windowRows = std::max(m_minimumRows, rows);
    m_windowStart = 0;
    endResetModel();
    emit windowMoved();
}

void WindowedTableModel::changeTotal(qint64 before, qint64 after, const std::function<void()>& apply) {
    const int shownBefore = visibleRows(before);
    const int shownAfter = visibleRows(after);
    if (shownAfter > shownBefore) {
        beginInsertRows({}, shownBefore, shownAfter - 1);
        apply();
        endInsertRows();
    } else if (shownAfter < shownBefore) {
        beginRemoveRows({}, shownAfter, shownBefore - 1);
        apply();
        endRemoveRows();
    } else {
        apply();
    }
}

} // namespace sqlsnap::ui

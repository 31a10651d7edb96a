// An item delegate for a one-column list whose rows are never wider than the view: a long text is
// elided (in the view's textElideMode) instead of widening the rows behind a horizontal scroll bar.
// The view must lay its rows out again on resize (QListView::Adjust).
#pragma once

#include <QStyledItemDelegate>

namespace sqlsnap::ui {

class ViewWidthDelegate : public QStyledItemDelegate {
    Q_OBJECT
public:
    using QStyledItemDelegate::QStyledItemDelegate;
    QSize sizeHint(const QStyleOptionViewItem& option, const QModelIndex& index) const override;
};

} // namespace sqlsnap::ui

#include "common/viewwidthdelegate.h"

#include <QListView>

namespace sqlsnap::ui {

QSize ViewWidthDelegate::sizeHint(const QStyleOptionViewItem& option, const QModelIndex& index) const {
    QSize size = QStyledItemDelegate::sizeHint(option, index);
    if (const auto* view = qobject_cast<const QListView*>(option.widget)) {
        const int room = view->viewport()->width() - 2 * view->spacing();
        if (room > 0)
            size.setWidth(std::min(size.width(), room));
    }
    return size;
}

} // namespace sqlsnap::ui

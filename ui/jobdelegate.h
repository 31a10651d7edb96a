// Paints a job row of the jobs list: title, Cancel or Open button, progress bar and status text
// (coloured by outcome, wrapped). The buttons are drawn by the style and clicked through
// editorEvent, so a hundred rows cost no widgets.
#pragma once

#include <QHash>
#include <QPair>
#include <QPersistentModelIndex>
#include <QStyledItemDelegate>

namespace sqlsnap::ui {

class JobDelegate : public QStyledItemDelegate {
    Q_OBJECT
public:
    enum class Button { None, Cancel, Open };

    explicit JobDelegate(QObject* parent = nullptr);

    void paint(QPainter* painter, const QStyleOptionViewItem& option,
               const QModelIndex& index) const override;
    QSize sizeHint(const QStyleOptionViewItem& option, const QModelIndex& index) const override;
    bool editorEvent(QEvent* event, QAbstractItemModel* model, const QStyleOptionViewItem& option,
                     const QModelIndex& index) override;

    // Which button a row shows, and where, within the item's rectangle `itemRect`.
    static Button buttonOf(const QModelIndex& index);
    QRect buttonRect(const QRect& itemRect, const QModelIndex& index, const QWidget* widget) const;

signals:
    void cancelClicked(const QModelIndex& index);
    void openClicked(const QModelIndex& index);

private:
    QRect statusRect(const QRect& itemRect, const QStyleOptionViewItem& option) const;

    QPersistentModelIndex m_pressed; // the row whose button is held down
    // Wrapped status heights by text and width: the view asks every row's size on each relayout, and
    // a finished row's text no longer changes, so shaping it again would be wasted (it was the GUI
    // thread's main cost with hundreds of jobs).
    mutable QHash<QPair<QString, int>, int> m_statusHeights;
};

} // namespace sqlsnap::ui

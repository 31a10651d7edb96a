// Paints a job row of the jobs list: title, Cancel or Open button, progress bar, status text (coloured
// by outcome, wrapped) and, for a snapshot whose files never held still, a row of buttons with the two
// ways out. The buttons are drawn by the style and clicked through editorEvent, so a hundred rows cost
// no widgets.
#pragma once

#include <QHash>
#include <QPair>
#include <QPersistentModelIndex>
#include <QStyledItemDelegate>

namespace sqlsnap::ui {

class JobDelegate : public QStyledItemDelegate {
    Q_OBJECT
public:
    enum class Button { None, Cancel, Open, RetryBriefLock, PublishUnverified };

    explicit JobDelegate(QObject* parent = nullptr);

    void paint(QPainter* painter, const QStyleOptionViewItem& option,
               const QModelIndex& index) const override;
    QSize sizeHint(const QStyleOptionViewItem& option, const QModelIndex& index) const override;
    bool editorEvent(QEvent* event, QAbstractItemModel* model, const QStyleOptionViewItem& option,
                     const QModelIndex& index) override;
    // The tooltip: the whole title (the row elides a long one), then the model's tooltip (source,
    // destination, the whole status).
    bool helpEvent(QHelpEvent* event, QAbstractItemView* view, const QStyleOptionViewItem& option,
                   const QModelIndex& index) override;

    // Which button a row shows on its title line, and where, within the item's rectangle `itemRect`.
    static Button buttonOf(const QModelIndex& index);
    QRect buttonRect(const QRect& itemRect, const QModelIndex& index, const QWidget* widget) const;
    // The buttons below the status (RetryBriefLock, PublishUnverified), and where one of them is.
    static QList<Button> actionButtonsOf(const QModelIndex& index);
    QRect actionButtonRect(const QRect& itemRect, const QModelIndex& index, const QWidget* widget,
                           Button which) const;

signals:
    void cancelClicked(const QModelIndex& index);
    void openClicked(const QModelIndex& index);
    void actionClicked(const QModelIndex& index, sqlsnap::ui::JobDelegate::Button button);

private:
    QRect statusRect(const QRect& itemRect, const QStyleOptionViewItem& option,
                     const QModelIndex& index) const;
    Button buttonAt(const QRect& itemRect, const QModelIndex& index, const QWidget* widget,
                    const QPoint& at) const;

    QPersistentModelIndex m_pressed; // the row whose button is held down
    Button m_pressedButton = Button::None;
    // Wrapped status heights by text and width: the view asks every row's size on each relayout, and
    // a finished row's text no longer changes, so shaping it again would be wasted (it was the GUI
    // thread's main cost with hundreds of jobs).
    mutable QHash<QPair<QString, int>, int> m_statusHeights;
};

} // namespace sqlsnap::ui

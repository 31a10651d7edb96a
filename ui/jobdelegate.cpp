#include "jobdelegate.h"

#include "joblistmodel.h"

#include <QAbstractItemView>
#include <QApplication>
#include <QMouseEvent>
#include <QPainter>
#include <QStyle>
#include <QStyleOptionButton>
#include <QStyleOptionProgressBar>

namespace sqlsnap::ui {

namespace {
constexpr int kPadX = 8, kPadY = 6, kSpacing = 4, kBarHeight = 10, kMaxStatusHeight = 400;

QFont titleFont(QFont font) {
    font.setBold(true);
    return font;
}

QString buttonText(JobDelegate::Button button) {
    return button == JobDelegate::Button::Cancel ? JobDelegate::tr("Cancel") : JobDelegate::tr("Open");
}

void repaint(const QStyleOptionViewItem& option, const QModelIndex& index) {
    if (auto* view = qobject_cast<QAbstractItemView*>(const_cast<QWidget*>(option.widget)))
        view->update(index);
}

QStyle* styleOf(const QWidget* widget) {
    return widget ? widget->style() : QApplication::style();
}

QSize buttonSize(JobDelegate::Button button, const QWidget* widget, const QFont& font) {
    QStyleOptionButton option;
    option.text = buttonText(button);
    option.fontMetrics = QFontMetrics(font);
    const QSize text = option.fontMetrics.size(Qt::TextShowMnemonic, option.text);
    return styleOf(widget)
        ->sizeFromContents(QStyle::CT_PushButton, &option, text, widget)
        .expandedTo({80, 0});
}
} // namespace

JobDelegate::JobDelegate(QObject* parent) : QStyledItemDelegate(parent) {}

JobDelegate::Button JobDelegate::buttonOf(const QModelIndex& index) {
    if (index.data(JobListModel::RunningRole).toBool())
        return Button::Cancel;
    if (index.data(JobListModel::CanOpenRole).toBool())
        return Button::Open;
    return Button::None;
}

QRect JobDelegate::buttonRect(const QRect& itemRect, const QModelIndex& index, const QWidget* widget) const {
    const Button button = buttonOf(index);
    if (button == Button::None)
        return {};
    const QSize size = buttonSize(button, widget, widget ? widget->font() : QApplication::font());
    return QRect(itemRect.right() - kPadX - size.width() + 1, itemRect.top() + kPadY / 2, size.width(),
                 size.height());
}

QRect JobDelegate::statusRect(const QRect& itemRect, const QStyleOptionViewItem& option) const {
    const int titleHeight = std::max(QFontMetrics(titleFont(option.font)).height(),
                                     buttonSize(Button::Cancel, option.widget, option.font).height() - kPadY);
    const int top = itemRect.top() + kPadY + titleHeight + kSpacing + kBarHeight + kSpacing;
    return QRect(itemRect.left() + kPadX, top, itemRect.width() - 2 * kPadX,
                 itemRect.bottom() - kPadY - top + 1);
}

QSize JobDelegate::sizeHint(const QStyleOptionViewItem& option, const QModelIndex& index) const {
    // The width is the view's: rows fill it, and the status wraps within it.
    const auto* view = qobject_cast<const QAbstractItemView*>(option.widget);
    const int width = view ? view->viewport()->width() : std::max(option.rect.width(), 300);
    const QRect status = statusRect(QRect(0, 0, width, kMaxStatusHeight), option);
    const QString text = index.data(JobListModel::StatusRole).toString();
    const int wrapWidth = std::max(status.width(), 50);
    auto cached = m_statusHeights.constFind({text, wrapWidth});
    if (cached == m_statusHeights.constEnd()) {
        if (m_statusHeights.size() > 4000)
            m_statusHeights.clear();
        const int height = QFontMetrics(option.font)
                               .boundingRect(QRect(0, 0, wrapWidth, kMaxStatusHeight), Qt::TextWordWrap, text)
                               .height();
        cached = m_statusHeights.insert({text, wrapWidth}, height);
    }
    const int textHeight = *cached;
    return QSize(width, status.top() + std::max(textHeight, option.fontMetrics.height()) + kPadY);
}

void JobDelegate::paint(QPainter* painter, const QStyleOptionViewItem& option,
                        const QModelIndex& index) const {
    painter->save();
    const QRect card = option.rect.adjusted(1, 1, -1, -2);
    const QPalette& palette = option.palette;
    const bool selected = option.state & QStyle::State_Selected;
    painter->setRenderHint(QPainter::Antialiasing);
    painter->setPen(palette.color(QPalette::Mid));
    painter->setBrush(selected ? palette.color(QPalette::Highlight).lighter(185)
                               : palette.color(QPalette::Base));
    painter->drawRoundedRect(QRectF(card).adjusted(0.5, 0.5, -0.5, -0.5), 4, 4);
    painter->setRenderHint(QPainter::Antialiasing, false);

    // Title, elided so the button keeps its place.
    const QRect button = buttonRect(option.rect, index, option.widget);
    const QFont bold = titleFont(option.font);
    const QFontMetrics boldMetrics(bold);
    const int titleRight = button.isValid() ? button.left() - kSpacing : option.rect.right() - kPadX;
    const QRect title(option.rect.left() + kPadX, option.rect.top() + kPadY,
                      titleRight - option.rect.left() - kPadX,
                      std::max(boldMetrics.height(), button.height() - kPadY));
    painter->setFont(bold);
    painter->setPen(palette.color(QPalette::WindowText));
    painter->drawText(
        title, Qt::AlignLeft | Qt::AlignVCenter,
        boldMetrics.elidedText(index.data(Qt::DisplayRole).toString(), Qt::ElideMiddle, title.width()));
    painter->setFont(option.font);

    if (button.isValid()) {
        QStyleOptionButton push;
        push.initFrom(option.widget);
        push.rect = button;
        push.text = buttonText(buttonOf(index));
        push.state =
            QStyle::State_Enabled | (m_pressed == index ? QStyle::State_Sunken : QStyle::State_Raised);
        styleOf(option.widget)->drawControl(QStyle::CE_PushButton, &push, painter, option.widget);
    }

    QStyleOptionProgressBar bar;
    bar.initFrom(option.widget);
    bar.rect = QRect(option.rect.left() + kPadX, title.bottom() + 1 + kSpacing,
                     option.rect.width() - 2 * kPadX, kBarHeight);
    bar.minimum = 0;
    bar.maximum = 1000;
    bar.progress = index.data(JobListModel::PermilleRole).toInt();
    bar.textVisible = false;
    bar.state |= QStyle::State_Horizontal;
    styleOf(option.widget)->drawControl(QStyle::CE_ProgressBar, &bar, painter, option.widget);

    painter->setPen(toneColor(Tone(index.data(JobListModel::ToneRole).toInt()), palette));
    painter->drawText(statusRect(option.rect, option), Qt::AlignLeft | Qt::AlignTop | Qt::TextWordWrap,
                      index.data(JobListModel::StatusRole).toString());
    if (option.state & QStyle::State_HasFocus) {
        QStyleOptionFocusRect focus;
        focus.initFrom(option.widget);
        focus.rect = card.adjusted(2, 2, -2, -2);
        styleOf(option.widget)->drawPrimitive(QStyle::PE_FrameFocusRect, &focus, painter, option.widget);
    }
    painter->restore();
}

bool JobDelegate::editorEvent(QEvent* event, QAbstractItemModel* model, const QStyleOptionViewItem& option,
                              const QModelIndex& index) {
    const auto type = event->type();
    if (type != QEvent::MouseButtonPress && type != QEvent::MouseButtonRelease &&
        type != QEvent::MouseButtonDblClick)
        return QStyledItemDelegate::editorEvent(event, model, option, index);
    const auto* mouse = static_cast<QMouseEvent*>(event);
    const bool onButton = mouse->button() == Qt::LeftButton &&
                          buttonRect(option.rect, index, option.widget).contains(mouse->position().toPoint());
    if (type == QEvent::MouseButtonPress || type == QEvent::MouseButtonDblClick) {
        if (!onButton)
            return false;
        m_pressed = index;
        repaint(option, index);
        return true; // a press on the button neither selects the row nor starts a double-click
    }
    const bool wasPressed = m_pressed.isValid() && m_pressed == index;
    m_pressed = QPersistentModelIndex();
    repaint(option, index);
    if (!wasPressed || !onButton)
        return false;
    // The row may have finished between press and release: the button it shows now is what counts.
    const Button button = buttonOf(index);
    if (button == Button::Cancel)
        emit cancelClicked(index);
    else if (button == Button::Open)
        emit openClicked(index);
    return true;
}

} // namespace sqlsnap::ui

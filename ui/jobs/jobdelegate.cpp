#include "jobs/jobdelegate.h"

#include "common/breakabletext.h"
#include "jobs/joblistmodel.h"

#include <QAbstractItemView>
#include <QApplication>
#include <QHelpEvent>
#include <QMouseEvent>
#include <QPainter>
#include <QStyle>
#include <QStyleOptionButton>
#include <QStyleOptionProgressBar>
#include <QToolTip>

namespace sqlsnap::ui {

namespace {
constexpr int kPadX = 8, kPadY = 6, kSpacing = 4, kBarHeight = 10, kMaxStatusHeight = 400;

QFont titleFont(QFont font) {
    font.setBold(true);
    return font;
}

QString buttonText(JobDelegate::Button button) {
    switch (button) {
    case JobDelegate::Button::Cancel:
        return JobDelegate::tr("Cancel");
    case JobDelegate::Button::Open:
        return JobDelegate::tr("Open");
    case JobDelegate::Button::RetryBriefLock:
        return JobDelegate::tr("Retry with a Brief Read Lock");
    case JobDelegate::Button::PublishUnverified:
        return JobDelegate::tr("Publish Anyway (Unverified State)");
    case JobDelegate::Button::None:
        break;
    }
    return {};
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
int titleHeight(const QFont& font, const QWidget* widget) {
    return std::max(QFontMetrics(titleFont(font)).height(),
                    buttonSize(JobDelegate::Button::Cancel, widget, font).height() - kPadY);
}

// The row of action buttons under the title (zero when the row has none): near the top, so it stays in
// sight when the jobs panel is small and the status text long.
int actionsHeight(const QModelIndex& index, const QWidget* widget, const QFont& font) {
    const QList<JobDelegate::Button> actions = JobDelegate::actionButtonsOf(index);
    return actions.isEmpty() ? 0 : buttonSize(actions.first(), widget, font).height() + kSpacing;
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

QList<JobDelegate::Button> JobDelegate::actionButtonsOf(const QModelIndex& index) {
    if (index.data(JobListModel::CanRerunRole).toBool())
        return {Button::RetryBriefLock, Button::PublishUnverified};
    return {};
}

QRect JobDelegate::actionButtonRect(const QRect& itemRect, const QModelIndex& index, const QWidget* widget,
                                    Button which) const {
    const QList<Button> buttons = actionButtonsOf(index);
    if (!buttons.contains(which))
        return {};
    const QFont font = widget ? widget->font() : QApplication::font();
    // Under the title, left to right.
    const int height = buttonSize(buttons.first(), widget, font).height();
    int left = itemRect.left() + kPadX;
    for (Button b : buttons) {
        const QSize size = buttonSize(b, widget, font);
        if (b == which)
            return QRect(left, itemRect.top() + kPadY + titleHeight(font, widget) + kSpacing, size.width(),
                         height);
        left += size.width() + kSpacing;
    }
    return {};
}

JobDelegate::Button JobDelegate::buttonAt(const QRect& itemRect, const QModelIndex& index,
                                          const QWidget* widget, const QPoint& at) const {
    if (buttonRect(itemRect, index, widget).contains(at))
        return buttonOf(index);
    for (Button b : actionButtonsOf(index))
        if (actionButtonRect(itemRect, index, widget, b).contains(at))
            return b;
    return Button::None;
}

QRect JobDelegate::statusRect(const QRect& itemRect, const QStyleOptionViewItem& option,
                              const QModelIndex& index) const {
    const int top = itemRect.top() + kPadY + titleHeight(option.font, option.widget) + kSpacing +
                    actionsHeight(index, option.widget, option.font) + kBarHeight + kSpacing;
    return QRect(itemRect.left() + kPadX, top, itemRect.width() - 2 * kPadX,
                 itemRect.bottom() - kPadY - top + 1);
}

QSize JobDelegate::sizeHint(const QStyleOptionViewItem& option, const QModelIndex& index) const {
    // The width is the view's: rows fill it, and the status wraps within it.
    const auto* view = qobject_cast<const QAbstractItemView*>(option.widget);
    const int width = view ? view->viewport()->width() : std::max(option.rect.width(), 300);
    const QRect status = statusRect(QRect(0, 0, width, kMaxStatusHeight), option, index);
    // A long path in an error wraps too: it gets places to break (the model's text stays exact).
    const QString text = breakableText(index.data(JobListModel::StatusRole).toString());
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
    // Selected: a tint of the highlight over the card, so its text colours stay readable on any theme.
    painter->setBrush(selected ? mix(palette.color(QPalette::Highlight), palette.color(QPalette::Base), 0.22)
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

    const auto drawButton = [&](const QRect& rect, Button which) {
        QStyleOptionButton push;
        push.initFrom(option.widget);
        push.rect = rect;
        push.text = buttonText(which);
        push.state =
            QStyle::State_Enabled |
            (m_pressed == index && m_pressedButton == which ? QStyle::State_Sunken : QStyle::State_Raised);
        styleOf(option.widget)->drawControl(QStyle::CE_PushButton, &push, painter, option.widget);
    };
    if (button.isValid())
        drawButton(button, buttonOf(index));
    for (Button b : actionButtonsOf(index))
        drawButton(actionButtonRect(option.rect, index, option.widget, b), b);

    QStyleOptionProgressBar bar;
    bar.initFrom(option.widget);
    bar.rect = QRect(option.rect.left() + kPadX,
                     title.bottom() + 1 + kSpacing + actionsHeight(index, option.widget, option.font),
                     option.rect.width() - 2 * kPadX, kBarHeight);
    bar.minimum = 0;
    bar.maximum = 1000;
    bar.progress = index.data(JobListModel::PermilleRole).toInt();
    bar.textVisible = false;
    bar.state |= QStyle::State_Horizontal;
    styleOf(option.widget)->drawControl(QStyle::CE_ProgressBar, &bar, painter, option.widget);

    painter->setPen(toneColor(Tone(index.data(JobListModel::ToneRole).toInt()), palette));
    painter->drawText(statusRect(option.rect, option, index), Qt::AlignLeft | Qt::AlignTop | Qt::TextWordWrap,
                      breakableText(index.data(JobListModel::StatusRole).toString()));
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
    const Button at = mouse->button() == Qt::LeftButton
                          ? buttonAt(option.rect, index, option.widget, mouse->position().toPoint())
                          : Button::None;
    if (type == QEvent::MouseButtonPress || type == QEvent::MouseButtonDblClick) {
        if (at == Button::None)
            return false;
        m_pressed = index;
        m_pressedButton = at;
        repaint(option, index);
        return true; // a press on a button neither selects the row nor starts a double-click
    }
    const bool wasPressed = m_pressed.isValid() && m_pressed == index && m_pressedButton == at;
    m_pressed = QPersistentModelIndex();
    m_pressedButton = Button::None;
    repaint(option, index);
    if (!wasPressed || at == Button::None)
        return false;
    // The row may have finished between press and release: the button it shows now is what counts.
    if (at == Button::Cancel)
        emit cancelClicked(index);
    else if (at == Button::Open)
        emit openClicked(index);
    else
        emit actionClicked(index, at);
    return true;
}

bool JobDelegate::helpEvent(QHelpEvent* event, QAbstractItemView* view, const QStyleOptionViewItem& option,
                            const QModelIndex& index) {
    if (event->type() != QEvent::ToolTip || !index.isValid())
        return QStyledItemDelegate::helpEvent(event, view, option, index);
    const QString text =
        index.data(Qt::DisplayRole).toString() + QLatin1Char('\n') + index.data(Qt::ToolTipRole).toString();
    QToolTip::showText(event->globalPos(), text, view, option.rect);
    return true;
}

} // namespace sqlsnap::ui

#include "common/elidedlabel.h"

#include <QEvent>

namespace sqlsnap::ui {

ElidedLabel::ElidedLabel(QWidget* parent, Qt::TextElideMode mode) : QLabel(parent), m_mode(mode) {
    setTextFormat(Qt::PlainText);
    setSizePolicy(QSizePolicy::Preferred, QSizePolicy::Fixed);
}

void ElidedLabel::setFullText(const QString& text) {
    m_full = text;
    updateGeometry();
    elide();
}

QSize ElidedLabel::minimumSizeHint() const {
    // Room for a few characters and the ellipsis: the layout decides the rest.
    const QFontMetrics metrics = fontMetrics();
    const int margins = contentsMargins().left() + contentsMargins().right() + 2 * margin();
    return {std::min(metrics.horizontalAdvance(m_full), metrics.horizontalAdvance(QStringLiteral("MMMM…"))) +
                margins,
            QLabel::minimumSizeHint().height()};
}

QSize ElidedLabel::sizeHint() const {
    const int margins = contentsMargins().left() + contentsMargins().right() + 2 * margin();
    return {fontMetrics().horizontalAdvance(m_full) + margins, QLabel::sizeHint().height()};
}

void ElidedLabel::resizeEvent(QResizeEvent* event) {
    QLabel::resizeEvent(event);
    elide();
}

void ElidedLabel::changeEvent(QEvent* event) {
    QLabel::changeEvent(event);
    if (event->type() == QEvent::FontChange || event->type() == QEvent::StyleChange) {
        updateGeometry();
        elide();
    }
}

void ElidedLabel::elide() {
    const QString shown = fontMetrics().elidedText(m_full, m_mode, contentsRect().width() - 2 * margin());
    if (shown != text())
        setText(shown);
}

} // namespace sqlsnap::ui

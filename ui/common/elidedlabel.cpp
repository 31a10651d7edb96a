#include "common/elidedlabel.h"

#include <QEvent>

namespace sqlsnap::ui {

ElidedLabel::ElidedLabel(QWidget* parent, Qt::TextElideMode mode) : QLabel(parent), m_mode(mode) {
    setTextFormat(Qt::PlainText);
    setSizePolicy(QSizePolicy::Preferred, QSizePolicy::Fixed);
}

QString elideAround(const QFontMetrics& metrics, const ElisionParts& p, int width) {
    const QString whole = p.whole();
    if (metrics.horizontalAdvance(whole) <= width)
        return whole;
    const QString ellipsis = QStringLiteral("…");
    const int fixed = metrics.horizontalAdvance(p.lead + p.keep + p.tail);
    if (!p.head.isEmpty() && width - fixed >= metrics.horizontalAdvance(ellipsis)) {
        const QString head = metrics.elidedText(p.head, Qt::ElideMiddle, width - fixed);
        if (!head.isEmpty())
            return p.lead + head + p.keep + p.tail;
    }
    if (!p.shortLead.isEmpty()) {
        ElisionParts shorter = p;
        shorter.lead = std::exchange(shorter.shortLead, QString());
        return elideAround(metrics, shorter, width);
    }
    const QString lead = p.lead + (p.head.isEmpty() ? QString() : ellipsis);
    const int room = width - metrics.horizontalAdvance(lead + p.keep);
    if (!p.tail.isEmpty() && room >= metrics.horizontalAdvance(ellipsis)) {
        const QString tail = metrics.elidedText(p.tail, Qt::ElideLeft, room);
        if (!tail.isEmpty())
            return lead + p.keep + tail;
    }
    return metrics.elidedText(lead + p.keep + (p.tail.isEmpty() ? QString() : ellipsis), Qt::ElideRight,
                              width);
}

void ElidedLabel::setFullText(const QString& text) {
    m_parts.reset();
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

void ElidedLabel::setFullText(const ElisionParts& parts) {
    setFullText(parts.whole());
    m_parts = parts;
    elide();
}

void ElidedLabel::elide() {
    const int width = contentsRect().width() - 2 * margin();
    const QString shown = m_parts ? elideAround(fontMetrics(), *m_parts, width)
                                  : fontMetrics().elidedText(m_full, m_mode, width);
    if (shown != text())
        setText(shown);
}

} // namespace sqlsnap::ui

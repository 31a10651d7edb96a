#include "window/banner.h"

#include "common/tones.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>

namespace sqlsnap::ui {

Banner::Banner(QWidget* parent) : QFrame(parent) {
    setObjectName(QStringLiteral("banner"));
    m_text = new QLabel(this);
    m_text->setWordWrap(true);
    m_text->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_close = new QPushButton(tr("Dismiss"), this);
    m_close->setAccessibleName(tr("Dismiss message"));
    connect(m_close, &QPushButton::clicked, this, &QWidget::hide);
    auto* layout = new QHBoxLayout(this);
    layout->setContentsMargins(10, 6, 6, 6);
    layout->addWidget(m_text, 1);
    layout->addWidget(m_close);
    hide();
}

void Banner::showMessage(Level level, const QString& text) {
    // A tint of the tone over the window colour, a stronger border, and text readable on that tint.
    const QPalette& p = palette();
    const QColor window = p.color(QPalette::Window);
    const QColor accent = level == Level::Error ? Tones::of(p).error : p.color(QPalette::Highlight);
    const QColor background = mix(accent, window, 0.12), border = mix(accent, window, 0.5);
    const QColor ink = level == Level::Error ? readableOn(accent, {background})
                                             : readableOn(p.color(QPalette::WindowText), {background});
    setStyleSheet(QStringLiteral("#banner { background: %1; border: 1px solid %2; border-radius: 4px; }"
                                 " QLabel { color: %3; }")
                      .arg(background.name(), border.name(), ink.name()));
    m_text->setText(text);
    show();
}

QString Banner::text() const {
    return isVisible() ? m_text->text() : QString();
}

} // namespace sqlsnap::ui

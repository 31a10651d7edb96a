#include "window/banner.h"

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
    setStyleSheet(
        level == Level::Error
            ? QStringLiteral("#banner { background: #fde8e8; border: 1px solid #e0a0a0; border-radius: 4px; }"
                             " QLabel { color: #7a1010; }")
            : QStringLiteral(
                  "#banner { background: #e8f0fd; border: 1px solid #a0b8e0; border-radius: 4px; }"));
    m_text->setText(text);
    show();
}

QString Banner::text() const {
    return isVisible() ? m_text->text() : QString();
}

} // namespace sqlsnap::ui

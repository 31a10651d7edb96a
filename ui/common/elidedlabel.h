// A one-line label that shrinks with its layout: the text is elided to the width it gets (the whole
// of it in the tooltip, unless one is set), so a long name never widens the window.
#pragma once

#include <QLabel>

namespace sqlsnap::ui {

class ElidedLabel : public QLabel {
    Q_OBJECT
public:
    explicit ElidedLabel(QWidget* parent = nullptr, Qt::TextElideMode mode = Qt::ElideMiddle);
    // Plain text only; what QLabel::text() returns is the elided form.
    void setFullText(const QString& text);
    QString fullText() const { return m_full; }
    QSize minimumSizeHint() const override;
    QSize sizeHint() const override;

protected:
    void resizeEvent(QResizeEvent* event) override;
    void changeEvent(QEvent* event) override;

private:
    void elide();
    QString m_full;
    Qt::TextElideMode m_mode;
};

} // namespace sqlsnap::ui

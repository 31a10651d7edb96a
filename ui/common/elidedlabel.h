// A one-line label that shrinks with its layout: the text is elided to the width it gets (the whole
// of it in the tooltip, unless one is set), so a long name never widens the window.
#pragma once

#include <QLabel>

#include <optional>

namespace sqlsnap::ui {

// A text in parts, for eliding what tells least first: `head`, then `tail`, then `keep` (the part that
// tells this name from another one), `lead` (a caption such as "A (before): ") only with the rest;
// `shortLead` ("A: "), when set, stands in for `lead` where the long one would cost `keep` or `tail`.
struct ElisionParts {
    QString lead, head, keep, tail, shortLead;
    QString whole() const { return lead + head + keep + tail; }
};
// `parts` within `width`: whole when it fits; else head elided in its middle; else (with the short lead,
// if any, from here on) head as "…" and the tail elided at its left (its end, an extension, stays); else
// the whole elided at its right.
QString elideAround(const QFontMetrics& metrics, const ElisionParts& parts, int width);

class ElidedLabel : public QLabel {
    Q_OBJECT
public:
    explicit ElidedLabel(QWidget* parent = nullptr, Qt::TextElideMode mode = Qt::ElideMiddle);
    // Plain text only; what QLabel::text() returns is the elided form.
    void setFullText(const QString& text);
    // Elided by elideAround(): the part that tells it apart (`keep`) goes last.
    void setFullText(const ElisionParts& parts);
    QString fullText() const { return m_full; }
    QSize minimumSizeHint() const override;
    QSize sizeHint() const override;

protected:
    void resizeEvent(QResizeEvent* event) override;
    void changeEvent(QEvent* event) override;

private:
    void elide();
    QString m_full;
    std::optional<ElisionParts> m_parts;
    Qt::TextElideMode m_mode;
};

} // namespace sqlsnap::ui

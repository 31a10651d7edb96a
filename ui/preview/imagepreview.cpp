#include "preview/imagepreview.h"

#include "common/tones.h"

#include <QBuffer>
#include <QImageReader>
#include <QPainter>

namespace sqlsnap::ui {

QByteArray imageFormatOf(const QByteArray& bytes) {
    if (bytes.isEmpty())
        return {};
    QBuffer buffer;
    buffer.setData(bytes); // shared, not copied
    if (!buffer.open(QIODevice::ReadOnly))
        return {};
    QImageReader reader(&buffer);
    return reader.canRead() ? reader.format() : QByteArray();
}

DecodedImage decodeImage(const QByteArray& bytes) {
    DecodedImage decoded;
    QBuffer buffer;
    buffer.setData(bytes);
    buffer.open(QIODevice::ReadOnly);
    QImageReader reader(&buffer);
    if (!reader.canRead()) {
        decoded.error = reader.errorString();
        return decoded;
    }
    decoded.format = reader.format();
    decoded.size = reader.size();
    // A reader that can scale while it decodes (JPEG) does the work of scaling down for us.
    if (decoded.size.isValid() &&
        (decoded.size.width() > kPreviewSide || decoded.size.height() > kPreviewSide) &&
        reader.supportsOption(QImageIOHandler::ScaledSize))
        reader.setScaledSize(decoded.size.scaled(kPreviewSide, kPreviewSide, Qt::KeepAspectRatio));
    QImage image = reader.read();
    if (image.isNull()) {
        decoded.error = reader.errorString();
        return decoded;
    }
    if (!decoded.size.isValid())
        decoded.size = image.size();
    if (image.width() > kPreviewSide || image.height() > kPreviewSide)
        image = image.scaled(kPreviewSide, kPreviewSide, Qt::KeepAspectRatio, Qt::SmoothTransformation);
    decoded.preview = std::move(image);
    return decoded;
}

ImageView::ImageView(QWidget* parent) : QWidget(parent) {
    setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Expanding);
}

void ImageView::setImage(const QImage& image, const QSize& originalSize) {
    m_image = image;
    m_originalSize = originalSize.isValid() ? originalSize : image.size();
    m_placeholder.clear();
    m_scaled = QPixmap();
    update();
}

void ImageView::setPlaceholder(const QString& text) {
    m_image = QImage();
    m_originalSize = QSize();
    m_placeholder = text;
    m_scaled = QPixmap();
    update();
}

QRect ImageView::imageRect() const {
    if (m_image.isNull() || width() <= 0 || height() <= 0)
        return {};
    QSize size = m_originalSize;
    if (size.width() <= width() && size.height() <= height()) {
        const int factor = std::clamp(std::min(width() / size.width(), height() / size.height()), 1, 8);
        size *= factor;
    } else {
        size.scale(this->size(), Qt::KeepAspectRatio);
    }
    size = size.expandedTo({1, 1});
    return QRect(QPoint((width() - size.width()) / 2, (height() - size.height()) / 2), size);
}

QSize ImageView::sizeHint() const {
    return {240, 240};
}

QSize ImageView::minimumSizeHint() const {
    return {64, 64};
}

void ImageView::resizeEvent(QResizeEvent* event) {
    QWidget::resizeEvent(event);
    m_scaled = QPixmap();
}

void ImageView::paintEvent(QPaintEvent*) {
    QPainter painter(this);
    if (m_image.isNull()) {
        painter.setPen(toneColor(Tone::Muted, palette()));
        painter.drawText(rect().adjusted(8, 8, -8, -8), Qt::AlignCenter | Qt::TextWordWrap, m_placeholder);
        return;
    }
    const QRect target = imageRect();
    const qreal ratio = devicePixelRatioF();
    const QSize pixels = (QSizeF(target.size()) * ratio).toSize();
    if (m_scaled.isNull() || m_scaled.size() != pixels) {
        // Enlarged pixels stay sharp; a smaller picture is scaled down smoothly. Once per size.
        const bool enlarging = pixels.width() > m_image.width();
        m_scaled = QPixmap::fromImage(m_image.scaled(
            pixels, Qt::IgnoreAspectRatio, enlarging ? Qt::FastTransformation : Qt::SmoothTransformation));
        m_scaled.setDevicePixelRatio(ratio);
    }
    if (m_image.hasAlphaChannel()) {
        const int cell = 8;
        const QColor light = palette().color(QPalette::Base);
        const QColor dark = mix(palette().color(QPalette::Text), light, 0.15);
        painter.save();
        painter.setClipRect(target);
        for (int y = target.top(); y <= target.bottom(); y += cell)
            for (int x = target.left(); x <= target.right(); x += cell)
                painter.fillRect(x, y, cell, cell,
                                 ((x - target.left()) / cell + (y - target.top()) / cell) % 2 ? dark : light);
        painter.restore();
    }
    painter.drawPixmap(target.topLeft(), m_scaled);
}

} // namespace sqlsnap::ui

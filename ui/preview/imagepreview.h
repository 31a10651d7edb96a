// A BLOB as a picture, for the value viewer: whether Qt can read it, the decode (off the GUI thread) and
// the widget that shows it scaled to fit.
#pragma once

#include <QByteArray>
#include <QImage>
#include <QPixmap>
#include <QWidget>

namespace sqlsnap::ui {

// The format a Qt image reader recognises in `bytes` ("png", "jpeg", "gif", …), or empty. Reads only
// the first bytes (QImageReader::canRead() on a QBuffer), so its cost does not grow with the blob:
// ~10 µs (~1.6 ms the first time in a process, which loads the image plugins).
QByteArray imageFormatOf(const QByteArray& bytes);

struct DecodedImage {
    QImage preview;    // the picture, at most kPreviewSide pixels on its longer side; null on failure
    QSize size;        // the image's own size in pixels
    QByteArray format; // as imageFormatOf() names it
    QString error;     // why it could not be read, when preview is null
};
constexpr int kPreviewSide = 1024;
// Decodes `bytes` whole: safe on any thread, and slow for a big image (a 16 MiB PNG takes ~0.3 s), so
// never on the GUI thread. A picture larger than kPreviewSide is scaled down here, not while painting.
DecodedImage decodeImage(const QByteArray& bytes);

// Paints a picture scaled to fit, its aspect kept: a smaller one is enlarged by a whole factor (at most
// 8, pixels kept sharp), a larger one scaled down smoothly; a checkerboard in the palette's colours
// shows through transparency. Without a picture it shows a placeholder text in the muted tone.
class ImageView : public QWidget {
    Q_OBJECT
public:
    explicit ImageView(QWidget* parent = nullptr);
    void setImage(const QImage& image, const QSize& originalSize);
    void setPlaceholder(const QString& text); // and no picture
    bool hasImage() const { return !m_image.isNull(); }
    QImage image() const { return m_image; }
    QSize originalSize() const { return m_originalSize; }
    // Where the picture is painted in the widget's current size (empty without a picture).
    QRect imageRect() const;
    QSize sizeHint() const override;
    QSize minimumSizeHint() const override;

protected:
    void paintEvent(QPaintEvent* event) override;
    void resizeEvent(QResizeEvent* event) override;

private:
    QImage m_image;
    QSize m_originalSize;
    QString m_placeholder;
    QPixmap m_scaled; // m_image at imageRect()'s size, made once per size
};

} // namespace sqlsnap::ui

#include "common/tones.h"

#include <QApplication>
#include <QHash>
#include <QWidget>

#include <cmath>

namespace sqlsnap::ui {

namespace {
double channel(double c) {
    return c <= 0.04045 ? c / 12.92 : std::pow((c + 0.055) / 1.055, 2.4);
}
double luminance(const QColor& c) {
    return 0.2126 * channel(c.redF()) + 0.7152 * channel(c.greenF()) + 0.0722 * channel(c.blueF());
}
double worstContrast(const QColor& colour, std::initializer_list<QColor> backgrounds) {
    double worst = 21;
    for (const QColor& b : backgrounds)
        worst = std::min(worst, contrastRatio(colour, b));
    return worst;
}
} // namespace

double contrastRatio(const QColor& a, const QColor& b) {
    const double la = luminance(a), lb = luminance(b);
    return (std::max(la, lb) + 0.05) / (std::min(la, lb) + 0.05);
}

QColor mix(const QColor& a, const QColor& b, double amountOfA) {
    const double t = std::clamp(amountOfA, 0.0, 1.0);
    return QColor::fromRgbF(float(a.redF() * t + b.redF() * (1 - t)),
                            float(a.greenF() * t + b.greenF() * (1 - t)),
                            float(a.blueF() * t + b.blueF() * (1 - t)));
}

QColor readableOn(const QColor& colour, std::initializer_list<QColor> backgrounds, double minRatio) {
    if (worstContrast(colour, backgrounds) >= minRatio)
        return colour;
    // Away from the backgrounds' lightness: lighter text on dark backgrounds, darker on light ones.
    double backgroundLuminance = 0;
    for (const QColor& b : backgrounds)
        backgroundLuminance += luminance(b) / double(backgrounds.size());
    const bool lighten = backgroundLuminance < 0.18;
    float h, s, l, a;
    colour.getHslF(&h, &s, &l, &a);
    QColor best = colour;
    for (int step = 1; step <= 50; ++step) {
        const float lightness = lighten ? l + (1 - l) * float(step) / 50 : l * (1 - float(step) / 50);
        best = QColor::fromHslF(h, s, lightness, a);
        if (worstContrast(best, backgrounds) >= minRatio)
            break;
    }
    return best;
}

const Tones& Tones::of(const QPalette& palette) {
    static QHash<qint64, Tones> cache; // GUI thread only, as palettes are
    const auto found = cache.constFind(palette.cacheKey());
    if (found != cache.constEnd())
        return *found;
    if (cache.size() > 64)
        cache.clear();
    const QColor base = palette.color(QPalette::Base), window = palette.color(QPalette::Window);
    Tones tones;
    tones.ok = readableOn(QColor(0x1b, 0x7a, 0x2e), {base, window});
    tones.warning = readableOn(QColor(0x9a, 0x5b, 0x00), {base, window});
    tones.error = readableOn(QColor(0xb0, 0x1c, 0x1c), {base, window});
    tones.muted = readableOn(mix(palette.color(QPalette::WindowText), window, 0.6), {base, window});
    return *cache.insert(palette.cacheKey(), tones);
}

QColor toneColor(Tone tone, const QPalette& palette) {
    const Tones& tones = Tones::of(palette);
    switch (tone) {
    case Tone::Success:
        return tones.ok;
    case Tone::Muted:
        return tones.muted;
    case Tone::Error:
        return tones.error;
    case Tone::Warning:
        return tones.warning;
    case Tone::Normal:
        break;
    }
    return palette.color(QPalette::WindowText);
}

void setTone(QWidget* widget, Tone tone) {
    QPalette palette = widget->palette();
    const QColor color = toneColor(tone, QApplication::palette(widget));
    palette.setColor(QPalette::WindowText, color);
    palette.setColor(QPalette::Text, color);
    widget->setPalette(palette);
}

} // namespace sqlsnap::ui

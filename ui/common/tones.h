// The colours that say something — ok, warning, error, muted — computed from the palette, so they stay
// readable on a dark theme as on a light one. Nothing in ui/ hard-codes a colour: it asks for a tone.
#pragma once

#include <QColor>
#include <QPalette>

class QWidget;

namespace sqlsnap::ui {

// What a text's colour means.
enum class Tone { Normal, Success, Muted, Error, Warning };

struct Tones {
    QColor ok;      // green: a verified snapshot, integrity ok
    QColor warning; // amber: flagged, but not failed
    QColor error;   // red: failed, unreadable
    QColor muted;   // grey: not checked, cancelled, hints
    // Each with a contrast of at least 4.5:1 (WCAG AA for text) on the palette's Base and Window colours.
    // Cached per palette: cheap enough for a model's data().
    static const Tones& of(const QPalette& palette);
};

// WCAG 2 contrast ratio of two colours, 1 (same luminance) to 21 (black on white).
double contrastRatio(const QColor& a, const QColor& b);
// `colour`'s hue, made lighter or darker until it has at least `minRatio` contrast on every one of
// `backgrounds` (as close to the original as that allows).
QColor readableOn(const QColor& colour, std::initializer_list<QColor> backgrounds, double minRatio = 4.5);
// `a` and `b` mixed: 0 is `b`, 1 is `a`.
QColor mix(const QColor& a, const QColor& b, double amountOfA);

// The text colour of a tone on a palette (Normal: the palette's WindowText).
QColor toneColor(Tone tone, const QPalette& palette);
// Colours a widget's text by the palette (cheap), not by a style sheet (which re-polishes it each time).
void setTone(QWidget* widget, Tone tone);

} // namespace sqlsnap::ui

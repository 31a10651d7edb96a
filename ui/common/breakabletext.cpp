#include "common/breakabletext.h"

namespace sqlsnap::ui {

QString breakableText(const QString& text, int run) {
    QString out;
    out.reserve(text.size() + text.size() / std::max(1, run));
    int sinceBreak = 0;
    for (const QChar c : text) {
        // Where Qt's line breaking already may break: spaces, after '/' and '-'.
        const bool breaks = c.isSpace() || c == QLatin1Char('/') || c == QLatin1Char('-');
        if (!breaks && sinceBreak >= run && !c.isLowSurrogate()) {
            out += QChar(0x200B);
            sinceBreak = 0;
        }
        out += c;
        sinceBreak = breaks ? 0 : sinceBreak + 1;
    }
    return out;
}

} // namespace sqlsnap::ui

// How the Compare tab names A and B where room is short (its header, its tab's title): by the part of
// each name that tells it from the other's, eliding what both share first (docs/app.md, "Compare").
#pragma once

#include "common/elidedlabel.h"

#include <QFontMetrics>
#include <QString>

namespace sqlsnap::ui::comparenames {

// `path`'s file name in parts against `other`'s: `head` and `tail` are what both names share (cut where a
// word, a date or an extension starts), `keep` what differs. Snapshots of one database named by the tool
// ("shop.db 2026-12-02 163100.sqlite") keep their whole date and time. Equal file names are told apart by
// their folders: "x/shop.sqlite" against "y/shop.sqlite".
ElisionParts distinctName(const QString& path, const QString& other);

// A tab's title for the pair: "A → B" (names without their extension) when it fits in `width`; else what
// both share once around the two parts that differ ("shop.db 2026-12-02 163100 → 2026-12-03 090000"),
// the shared parts elided first; two names with nothing in common each get half.
QString tabTitle(const QFontMetrics& metrics, const QString& before, const QString& after, int width);

} // namespace sqlsnap::ui::comparenames

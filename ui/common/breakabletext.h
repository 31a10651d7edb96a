// Text that wraps in a narrow place: a run of more than `run` characters with nowhere to break (a long
// file name such as "CustomerOrdersArchive2019To2026.db") gets zero-width spaces, so word wrapping can
// break it instead of widening its list or panel. Only for text that is painted or read, never for text
// a user copies: the zero-width spaces would come with it.
#pragma once

#include <QString>

namespace sqlsnap::ui {

QString breakableText(const QString& text, int run = 30);

} // namespace sqlsnap::ui

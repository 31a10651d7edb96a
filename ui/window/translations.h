// The interface's translations: the app's own (compiled in from resources/translations/*.ts) and
// Qt's (for standard dialogs and buttons), for the user's languages when they are available, and the
// English plural forms always.
#pragma once

#include <QLocale>
#include <QStringList>

namespace sqlsnap::ui {

// Installs the translators for `locale` on the application (which owns them); returns the files
// loaded: the language's own first (e.g. ":/i18n/sqlite-snapshot_de.qm", then Qt's), and last, for every
// language, the English plural forms (":/i18n/sqlite-snapshot_en.qm": "1 row", "2 rows"), which every
// other translation comes before. English needs nothing else.
QStringList installTranslations(const QLocale& locale = QLocale::system());

// The languages the app itself is translated into, as locale names ("de"), from the compiled-in files
// (English, the source language, is not one: its file holds only plural forms).
QStringList availableTranslations();

} // namespace sqlsnap::ui

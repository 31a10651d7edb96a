// The interface's translations: the app's own (compiled in from resources/translations/*.ts) and
// Qt's (for standard dialogs and buttons), for the user's languages when they are available.
#pragma once

#include <QLocale>
#include <QStringList>

namespace sqlsnap::ui {

// Installs the translators for `locale` on the application (which owns them); returns the files
// loaded, e.g. ":/i18n/sqlite-snapshot_de.qm". English needs none, so an empty list is normal.
QStringList installTranslations(const QLocale& locale = QLocale::system());

// The languages the app itself is translated into, as locale names ("de"), from the compiled-in files.
QStringList availableTranslations();

} // namespace sqlsnap::ui

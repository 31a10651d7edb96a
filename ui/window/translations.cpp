#include "window/translations.h"

#include <QCoreApplication>
#include <QDir>
#include <QLibraryInfo>
#include <QTranslator>

#include <memory>

namespace sqlsnap::ui {

namespace {
const QString kResourceFolder = QStringLiteral(":/i18n");
const QString kBaseName = QStringLiteral("sqlite-snapshot");
const QString kEnglishPlurals = kResourceFolder + QLatin1Char('/') + kBaseName + QStringLiteral("_en.qm");
} // namespace

QStringList installTranslations(const QLocale& locale) {
    QStringList loaded;
    // English plural forms for every language: the source texts say "%1 row(s)". Installed first, so
    // that Qt asks every translation installed after it before this one.
    auto plurals = std::make_unique<QTranslator>(QCoreApplication::instance());
    const bool havePlurals = plurals->load(kEnglishPlurals);
    if (havePlurals)
        QCoreApplication::installTranslator(plurals.release());
    // QTranslator::load(locale, …) walks the user's preferred languages in order (LANGUAGE, then
    // LC_ALL / LC_MESSAGES / LANG), so "de_AT" finds "_de". English finds the plural forms again.
    auto app = std::make_unique<QTranslator>(QCoreApplication::instance());
    if (app->load(locale, kBaseName, QStringLiteral("_"), kResourceFolder) &&
        app->filePath() != kEnglishPlurals) {
        loaded << app->filePath();
        QCoreApplication::installTranslator(app.release());
    }
    // Qt's own strings (Cancel, Open, file dialogs), from qt6-translations-l10n when installed. Only
    // worth loading next to a translation of our own: a half-translated window is worse than none.
    if (!loaded.isEmpty()) {
        auto qt = std::make_unique<QTranslator>(QCoreApplication::instance());
        if (qt->load(locale, QStringLiteral("qtbase"), QStringLiteral("_"),
                     QLibraryInfo::path(QLibraryInfo::TranslationsPath))) {
            loaded << qt->filePath();
            QCoreApplication::installTranslator(qt.release());
        }
    }
    if (havePlurals)
        loaded << kEnglishPlurals;
    return loaded;
}

QStringList availableTranslations() {
    QStringList languages;
    const QStringList files =
        QDir(kResourceFolder).entryList({kBaseName + QStringLiteral("_*.qm")}, QDir::Files, QDir::Name);
    for (const QString& file : files)
        if (kResourceFolder + QLatin1Char('/') + file != kEnglishPlurals)
            languages << file.mid(kBaseName.size() + 1).chopped(3);
    return languages;
}

} // namespace sqlsnap::ui

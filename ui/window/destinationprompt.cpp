#include "window/destinationprompt.h"

#include "window/banner.h"

#include <sqlitesnapshot/databasefiles.h>

#include <QDir>
#include <QFileDialog>
#include <QFileInfo>
#include <QMessageBox>
#include <QSettings>

namespace sqlsnap::ui {

namespace {
const QString kKey = QStringLiteral("lastExportFolder");
}

DestinationPrompt::DestinationPrompt(QWidget* window, Banner* banner)
    : QObject(window), m_banner(banner), m_lastFolder(QDir::homePath()) {
    chooseSaveFile = [window](const QString& title, const QString& suggested, const QString& nameFilters) {
        // The replace question comes after the alias check (ask()), not from the dialog.
        return QFileDialog::getSaveFileName(window, title, suggested, nameFilters, nullptr,
                                            QFileDialog::DontConfirmOverwrite);
    };
    confirmReplace = [window](const QString& path) {
        return QMessageBox::question(window, tr("Replace File"),
                                     tr("%1 already exists. Replace it? It is replaced only once the new "
                                        "file is complete.")
                                         .arg(QFileInfo(path).fileName())) == QMessageBox::Yes;
    };
}

std::optional<DestinationPrompt::Destination> DestinationPrompt::ask(const QString& title,
                                                                     const QString& source,
                                                                     const QString& suggestedName,
                                                                     const QString& nameFilters) {
    const QString path = chooseSaveFile(title, m_lastFolder + QLatin1Char('/') + suggestedName, nameFilters);
    if (path.isEmpty())
        return std::nullopt;
    m_lastFolder = QFileInfo(path).absolutePath();
    if (namesFileOfDatabase(source, path)) {
        m_banner->showMessage(Banner::Level::Error,
                              tr("%1 is %2 itself or one of its files (-wal, -shm, -journal): a snapshot "
                                 "never writes over its source. Choose another name.")
                                  .arg(path, QFileInfo(source).fileName()));
        return std::nullopt;
    }
    const bool exists = QFileInfo::exists(path);
    if (exists && !confirmReplace(path))
        return std::nullopt;
    return Destination{path, exists};
}

void DestinationPrompt::load() {
    m_lastFolder = QSettings().value(kKey, QDir::homePath()).toString();
}

void DestinationPrompt::save() const {
    QSettings().setValue(kKey, m_lastFolder);
}

} // namespace sqlsnap::ui

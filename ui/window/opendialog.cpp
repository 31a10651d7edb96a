#include "window/opendialog.h"

#include <sqlitesnapshot/databasefiles.h>

#include <QCoreApplication>
#include <QDateTime>
#include <QFile>
#include <QFileDialog>
#include <QFileSystemModel>

namespace sqlsnap::ui {

void DatabaseContentFilter::setByContent(bool on) {
    if (on == m_byContent)
        return;
    m_byContent = on;
    invalidateFilter();
}

bool DatabaseContentFilter::filterAcceptsRow(int row, const QModelIndex& parent) const {
    const auto* files = qobject_cast<const QFileSystemModel*>(sourceModel());
    if (!files || !m_byContent)
        return true;
    const QModelIndex index = files->index(row, 0, parent);
    if (files->isDir(index))
        return true;
    const QFileInfo info = files->fileInfo(index);
    const QString key = QStringLiteral("%1|%2|%3")
                            .arg(info.absoluteFilePath())
                            .arg(info.size())
                            .arg(info.lastModified().toMSecsSinceEpoch());
    if (const auto it = m_verdicts.constFind(key); it != m_verdicts.constEnd())
        return *it;
    // Only a regular file is read (a FIFO would block the dialog), 16 bytes of it, once per version.
    const bool database =
        info.isFile() && info.size() >= 100 && startsWithSqliteHeader(info.absoluteFilePath());
    m_verdicts.insert(key, database);
    return database;
}

QStringList askForDatabases(QWidget* parent, const QString& folder) {
    QFileDialog dialog(
        parent, QCoreApplication::translate("sqlsnap::ui::OpenDialog", "Open SQLite Databases"), folder);
    dialog.setFileMode(QFileDialog::ExistingFiles);
    // The platform's own dialog would ignore the content filter.
    dialog.setOption(QFileDialog::DontUseNativeDialog);
    const QString byContent =
        QCoreApplication::translate("sqlsnap::ui::OpenDialog", "SQLite databases, by content (*)");
    dialog.setNameFilters({byContent,
                           QCoreApplication::translate(
                               "sqlsnap::ui::OpenDialog",
                               "SQLite databases, by name (*.sqlite *.sqlite3 *.db *.db3 *-wal *-journal)"),
                           QCoreApplication::translate("sqlsnap::ui::OpenDialog", "All files (*)")});
    auto* filter = new DatabaseContentFilter(&dialog);
    dialog.setProxyModel(filter);
    QObject::connect(
        &dialog, &QFileDialog::filterSelected, filter,
        [filter, byContent](const QString& chosen) { filter->setByContent(chosen == byContent); });
    if (dialog.exec() != QDialog::Accepted)
        return {};
    return dialog.selectedFiles();
}

} // namespace sqlsnap::ui

#include "window/aboutbox.h"

#include <QApplication>
#include <QMessageBox>

#include <sqlitesnapshot/tables.h>

namespace sqlsnap::ui {

void AboutBox::show(QWidget* parent) {
    QMessageBox::about(parent, tr("About SQLite Snapshot"),
                       tr("<h3>SQLite Snapshot %1</h3><p>Consistent, self-contained snapshots of SQLite "
                          "databases, even while other programs write to them. The source files are only "
                          "ever read.</p><p>Qt %2 · SQLite %3</p>")
                           .arg(QApplication::applicationVersion(), QString::fromLatin1(qVersion()),
                                sqliteLibraryVersion()));
}

} // namespace sqlsnap::ui

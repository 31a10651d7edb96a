#include "window/aboutbox.h"

#include <QApplication>
#include <QMessageBox>

// TODO(lead): sqliteLibraryVersion() (sqlitesnapshot/tables.h) — then this include, the last of
// <sqlite3.h> in ui/, and ui's link to SQLite go.
#include <sqlite3.h>

namespace sqlsnap::ui {

void AboutBox::show(QWidget* parent) {
    QMessageBox::about(parent, tr("About SQLite Snapshot"),
                       tr("<h3>SQLite Snapshot %1</h3><p>Consistent, self-contained snapshots of SQLite "
                          "databases, even while other programs write to them. The source files are only "
                          "ever read.</p><p>Qt %2 · SQLite %3</p>")
                           .arg(QApplication::applicationVersion(), QString::fromLatin1(qVersion()),
                                QString::fromLatin1(sqlite3_libversion())));
}

} // namespace sqlsnap::ui

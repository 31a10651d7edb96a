#include "window/aboutbox.h"

#include <QApplication>
#include <QMessageBox>

#include <sqlitesnapshot/tables.h>

namespace sqlsnap::ui {

QString AboutBox::text() {
    const QString home = QStringLiteral(SQLSNAP_HOMEPAGE);
    // The project's own licence is not chosen yet (docs/app.md, "About box"); the parts it is built
    // from are named with theirs.
    return tr("<h3>SQLite Snapshot %1</h3><p>Consistent, self-contained snapshots of SQLite databases, even "
              "while other programs write to them. The source files are only ever read.</p>"
              "<p><a href=\"%2\">%2</a></p>"
              "<p>Built with <a href=\"https://www.qt.io/\">Qt</a> %3 (<a "
              "href=\"https://www.gnu.org/licenses/lgpl-3.0.html\">LGPL 3</a>) and <a "
              "href=\"https://sqlite.org/\">SQLite</a> %4 (<a "
              "href=\"https://sqlite.org/copyright.html\">public domain</a>).</p>")
        .arg(QApplication::applicationVersion(), home, QString::fromLatin1(qVersion()),
             sqliteLibraryVersion());
}

void AboutBox::show(QWidget* parent) {
    QMessageBox::about(parent, tr("About SQLite Snapshot"), text());
}

} // namespace sqlsnap::ui

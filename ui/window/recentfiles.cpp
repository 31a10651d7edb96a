#include "window/recentfiles.h"

#include "common/executor.h"

#include <sqlitesnapshot/databasefiles.h>

#include <QFile>
#include <QFileInfo>
#include <QMenu>
#include <QSettings>

namespace sqlsnap::ui {

namespace {
constexpr int kMaxRecent = 10;
const QString kKey = QStringLiteral("recentFiles");
} // namespace

RecentFiles::RecentFiles(QMenu* menu, QObject* parent) : QObject(parent), m_menu(menu) {
    rebuildMenu();
}

void RecentFiles::remember(const QStringList& paths) {
    for (const QString& p : paths) {
        m_paths.removeAll(p);
        m_paths.prepend(p);
    }
    while (m_paths.size() > kMaxRecent)
        m_paths.removeLast();
    rebuildMenu();
    prune(); // a file added that was not a database (the error showed in place) leaves the menu again
}

void RecentFiles::clear() {
    m_paths.clear();
    rebuildMenu();
}

void RecentFiles::load() {
    m_paths = QSettings().value(kKey).toStringList().mid(0, kMaxRecent);
    rebuildMenu();
    prune();
}

void RecentFiles::prune() {
    // Off the GUI thread: a path on a slow or unmounted file system must not freeze the window.
    const QStringList paths = m_paths;
    m_pruning.cancel();
    m_pruning = Executor::instance().run(
        Lane::Interactive, this,
        [paths](const CancelToken& cancel) {
            QStringList gone;
            for (const QString& p : paths) {
                if (cancel.isCancelled())
                    break;
                if (!looksLikeDatabase(p))
                    gone << p;
            }
            return gone;
        },
        [this](const QStringList& gone) {
            if (gone.isEmpty())
                return;
            for (const QString& p : gone)
                m_paths.removeAll(p);
            rebuildMenu();
            save();
        });
}

bool RecentFiles::looksLikeDatabase(const QString& path) {
    // A database or one of its companions (a -wal or -journal names its database): the file is there
    // and starts with SQLite's header, or it is a companion whose database does.
    QString database = path;
    for (const char* suffix : {"-wal", "-journal", "-shm"})
        if (database.endsWith(QLatin1String(suffix)))
            database.chop(int(qstrlen(suffix)));
    return startsWithSqliteHeader(database); // never blocks on a FIFO
}

void RecentFiles::save() const {
    QSettings().setValue(kKey, m_paths);
}

void RecentFiles::rebuildMenu() {
    m_menu->clear();
    for (const QString& p : std::as_const(m_paths))
        m_menu->addAction(QFileInfo(p).fileName() + QStringLiteral("  —  ") + QFileInfo(p).absolutePath(),
                          this, [this, p] { emit openRequested(p); });
    if (!m_paths.isEmpty()) {
        m_menu->addSeparator();
        m_menu->addAction(tr("Clear Menu"), this, &RecentFiles::clear);
    }
    m_menu->setEnabled(!m_paths.isEmpty());
}

} // namespace sqlsnap::ui

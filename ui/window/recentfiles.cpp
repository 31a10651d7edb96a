#include "window/recentfiles.h"

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
}

void RecentFiles::clear() {
    m_paths.clear();
    rebuildMenu();
}

void RecentFiles::load() {
    m_paths = QSettings().value(kKey).toStringList().mid(0, kMaxRecent);
    rebuildMenu();
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

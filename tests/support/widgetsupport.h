// Helpers for tests on the real widgets: what a user does with the mouse that Qt Test has no call for,
// and the screenshots kept in docs/screenshots.
#pragma once

#include <QAbstractItemView>
#include <QAction>
#include <QApplication>
#include <QContextMenuEvent>
#include <QMenu>
#include <QTimer>

namespace testsupport {

// Right-clicks `pos` of a view's viewport and triggers the enabled entry `text` of the context menu it
// opens (the menu runs its own event loop, so the entry is picked from a timer inside it). False when
// no menu opened or it had no such enabled entry.
inline bool triggerContextMenu(QAbstractItemView* view, const QPoint& pos, const QString& text) {
    bool triggered = false;
    QTimer::singleShot(100, view, [&] {
        auto* menu = qobject_cast<QMenu*>(QApplication::activePopupWidget());
        if (!menu)
            return;
        for (QAction* a : menu->actions())
            if (a->text() == text && a->isEnabled()) {
                menu->close();
                a->trigger();
                triggered = true;
                return;
            }
        menu->close();
    });
    QContextMenuEvent event(QContextMenuEvent::Mouse, pos, view->viewport()->mapToGlobal(pos));
    QApplication::sendEvent(view->viewport(), &event);
    return triggered;
}

// Where SQLSNAP_SCREENSHOTS names a folder (docs/screenshots), resizes `w` and saves what it looks like
// as `name` there. True when nothing was asked or the file was saved.
inline bool saveScreenshot(QWidget* w, const QString& name, QSize size) {
    const QString dir = qEnvironmentVariable("SQLSNAP_SCREENSHOTS");
    if (dir.isEmpty())
        return true;
    w->resize(size);
    QApplication::processEvents();
    return w->grab().save(dir + QLatin1Char('/') + name);
}

} // namespace testsupport

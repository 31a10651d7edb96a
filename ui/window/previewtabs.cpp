#include "window/previewtabs.h"

#include "compare/comparenames.h"
#include "compare/comparetab.h"
#include "preview/previewwidget.h"

#include <QAction>
#include <QDir>
#include <QFileInfo>
#include <QTabBar>

namespace sqlsnap::ui {

PreviewTabs::PreviewTabs(QWidget* details, QWidget* parent) : QTabWidget(parent) {
    setDocumentMode(true);
    setTabsClosable(true);
    addTab(details, tr("Database"));
    tabBar()->setTabButton(0, QTabBar::RightSide, nullptr); // the details tab stays
    connect(this, &QTabWidget::tabCloseRequested, this, [this](int i) {
        if (i > 0)
            delete widget(i);
    });
    auto* closeTab = new QAction(this);
    closeTab->setShortcut(QKeySequence::Close);
    closeTab->setShortcutContext(Qt::WindowShortcut);
    connect(closeTab, &QAction::triggered, this, [this] {
        if (currentIndex() > 0)
            delete currentWidget();
    });
    addAction(closeTab);
}

CompareTab* PreviewTabs::openCompare(const QString& before, const QString& after) {
    // Titled by what tells A from B (comparenames.h), and never like another tab: a second tab of the same
    // pair gets a number, another pair whose names read the same gets its folder.
    const QString name = comparenames::tabTitle(tabBar()->fontMetrics(), before, after, 320);
    const auto taken = [this](const QString& text) {
        for (int i = 1; i < count(); ++i)
            if (tabText(i) == text)
                return true;
        return false;
    };
    int same = 0;
    const CompareTab* alike = nullptr; // of another pair, titled as this one would be
    for (int i = 1; i < count(); ++i)
        if (auto* c = qobject_cast<CompareTab*>(widget(i))) {
            if (c->before() == before && c->after() == after)
                ++same;
            else if (tabText(i) == name)
                alike = c;
        }
    QString title = name;
    if (alike) {
        const QFileInfo side(
            QFileInfo(alike->after()).absolutePath() != QFileInfo(after).absolutePath() ? after : before);
        title = tr("%1 (in %2)").arg(name, side.absoluteDir().dirName());
    }
    if (same || taken(title)) {
        const QString base = title;
        int n = same + 1;
        do
            title = tr("%1 (%2)").arg(base).arg(n++);
        while (taken(title));
    }
    auto* tab = new CompareTab(before, after, this);
    const int i = addTab(tab, title);
    setTabToolTip(i, before + QLatin1Char('\n') + after);
    setCurrentIndex(i);
    return tab;
}

PreviewWidget* PreviewTabs::currentPreview() const {
    return qobject_cast<PreviewWidget*>(currentWidget());
}

void PreviewTabs::closePreview(const QString& snapshotPath) {
    for (int i = count() - 1; i > 0; --i)
        if (auto* p = qobject_cast<PreviewWidget*>(widget(i)); p && p->snapshotPath() == snapshotPath)
            delete p;
}

PreviewWidget* PreviewTabs::open(const QString& snapshotPath) {
    for (int i = 1; i < count(); ++i)
        if (auto* p = qobject_cast<PreviewWidget*>(widget(i)); p && p->snapshotPath() == snapshotPath) {
            setCurrentIndex(i);
            return p;
        }
    // The tab bar is not flooded: past kMaxPreviews the preview opened longest ago closes (it is a
    // click away in the snapshots list).
    m_opened.removeAll(nullptr); // closed ones
    while (count() - 1 >= kMaxPreviews) {
        int oldest = -1;
        for (int i = 1; i < count(); ++i)
            if (i != currentIndex() &&
                (oldest < 0 || m_opened.indexOf(widget(i)) < m_opened.indexOf(widget(oldest))))
                oldest = i;
        if (oldest < 0)
            break;
        delete widget(oldest);
    }
    auto* preview = new PreviewWidget(snapshotPath, this);
    m_opened << preview;
    emit previewCreated(preview);
    // A long name is elided (the tooltip has it all); the Database tab keeps its name, and more tabs
    // than fit scroll.
    const QString name =
        tabBar()->fontMetrics().elidedText(QFileInfo(snapshotPath).completeBaseName(), Qt::ElideMiddle, 260);
    const int i = addTab(preview, QIcon(QStringLiteral(":/icons/snapshot.svg")), name);
    setTabToolTip(i, snapshotPath);
    setCurrentIndex(i);
    return preview;
}

} // namespace sqlsnap::ui

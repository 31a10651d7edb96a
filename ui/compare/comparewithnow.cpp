#include "compare/comparewithnow.h"

#include "jobs/job.h"
#include "sources/sourcespane.h"
#include "window/mainwindow.h"

#include <sqlitesnapshot/databasefiles.h>
#include <sqlitesnapshot/history.h>

#include <QAction>
#include <QDir>
#include <QFileInfo>
#include <QInputDialog>
#include <QListView>
#include <QStatusBar>

#include <algorithm>

namespace sqlsnap::ui {

CompareWithNow::CompareWithNow(MainWindow* window) : QObject(window), m_window(window) {
    m_action = new QAction(tr("Compare with &Now…"), this);
    m_action->setToolTip(tr("Take a snapshot of the selected database now and compare one of its earlier "
                            "snapshots with it"));
    connect(m_action, &QAction::triggered, this, [this] { start(); });
    window->sourceView()->addAction(m_action); // its context menu lists the view's actions
    connect(window->sourceView()->selectionModel(), &QItemSelectionModel::selectionChanged, this,
            &CompareWithNow::updateEnabled);
    connect(window->sourceView()->selectionModel(), &QItemSelectionModel::currentChanged, this,
            &CompareWithNow::updateEnabled);
    updateEnabled();
    chooseSnapshot = [this](const QString& source, const QStringList& snapshots) {
        QStringList names;
        for (const QString& s : snapshots)
            names << QFileInfo(s).fileName();
        bool ok = false;
        const QString name = QInputDialog::getItem(
            m_window, tr("Compare with Now"),
            tr("Compare which snapshot of %1 with a snapshot taken now?").arg(QFileInfo(source).fileName()),
            names, 0, false, &ok);
        return ok ? snapshots.value(names.indexOf(name)) : QString();
    };
}

void CompareWithNow::updateEnabled() {
    const auto* pane = qobject_cast<SourcesPane*>(m_window->sourceView()->parentWidget());
    m_action->setEnabled(pane ? pane->selectedPaths().size() == 1 : false);
}

QStringList CompareWithNow::snapshotsOf(const QString& source) const {
    const QString database = QFileInfo(databasePathFor(source)).absoluteFilePath();
    auto history = HistoryFolder::open(m_window->snapshotFolder());
    if (!history)
        return {};
    QList<HistoryEntry> entries;
    for (const HistoryEntry& e : history->entries())
        if (QFileInfo(e.source).absoluteFilePath() == database &&
            QFileInfo::exists(QDir(m_window->snapshotFolder()).filePath(e.file)))
            entries << e;
    std::sort(entries.begin(), entries.end(),
              [](const HistoryEntry& a, const HistoryEntry& b) { return a.taken > b.taken; });
    QStringList paths;
    for (const HistoryEntry& e : std::as_const(entries))
        paths << QDir(m_window->snapshotFolder()).filePath(e.file);
    return paths;
}

Job* CompareWithNow::start() {
    const auto* pane = qobject_cast<SourcesPane*>(m_window->sourceView()->parentWidget());
    const QStringList sources = pane ? pane->selectedPaths() : QStringList();
    if (sources.size() != 1)
        return nullptr;
    const QStringList snapshots = snapshotsOf(sources.first());
    if (snapshots.isEmpty()) {
        m_window->statusBar()->showMessage(
            tr("%1 has no snapshot in the snapshot folder yet: take one first (Ctrl+S)")
                .arg(QFileInfo(sources.first()).fileName()),
            8000);
        return nullptr;
    }
    const QString before = chooseSnapshot(sources.first(), snapshots);
    if (before.isEmpty())
        return nullptr;
    const QList<Job*> jobs = m_window->snapshotSelected();
    if (jobs.size() != 1)
        return nullptr;
    Job* snapshot = jobs.first();
    connect(snapshot, &Job::finished, this, [this, snapshot, before] {
        if (snapshot->state() == Job::State::Succeeded)
            emit comparisonStarted(m_window->compareSnapshots(before, snapshot->destination()));
    });
    return snapshot;
}

} // namespace sqlsnap::ui

#include "window/mainwindow.h"

#include <sqlitesnapshot/databasefiles.h>
#include <sqlitesnapshot/history.h>

#include "common/format.h"
#include "compare/comparetab.h"
#include "compare/comparewithnow.h"
#include "history/historyview.h"
#include "jobs/jobspanel.h"
#include "jobs/jobspecs.h"
#include "preview/findpanel.h"
#include "preview/gridcommands.h"
#include "preview/previewwidget.h"
#include "schedules/scheduleactions.h"
#include "snapshots/snapshotlistmodel.h"
#include "snapshots/snapshotspane.h"
#include "sources/sourcedetailsview.h"
#include "sources/sourcelistmodel.h"
#include "sources/sourcespane.h"
#include "window/aboutbox.h"
#include "window/banner.h"
#include "window/destinationprompt.h"
#include "window/opendialog.h"
#include "window/previewtabs.h"
#include "window/recentfiles.h"
#include "window/snapshotmethod.h"

#include <QAction>
#include <QApplication>
#include <QCloseEvent>
#include <QDesktopServices>
#include <QDir>
#include <QFileDialog>
#include <QFileInfo>
#include <QListView>
#include <QMenu>
#include <QMenuBar>
#include <QMessageBox>
#include <QMimeData>
#include <QPushButton>
#include <QScreen>
#include <QSettings>
#include <QSplitter>
#include <QStandardPaths>
#include <QStatusBar>
#include <QTabWidget>
#include <QToolBar>
#include <QTreeView>
#include <QUrl>
#include <QVBoxLayout>

namespace sqlsnap::ui {
namespace {
// A failed job's row is shown whole (its reason is the news): the panel grows to it, up to this share of
// the room the previews and the jobs split.
constexpr double kJobsGrowShare = 0.5;

QString databaseFilters() {
    return QCoreApplication::translate("sqlsnap::ui::MainWindow",
                                       "SQLite databases (*.sqlite *.db *.sqlite3);;All files (*)");
}

QStringList localFiles(const QMimeData* mime) {
    QStringList paths;
    if (mime && mime->hasUrls())
        for (const QUrl& url : mime->urls())
            if (url.isLocalFile())
                paths << url.toLocalFile();
    return paths;
}
} // namespace

MainWindow::MainWindow(QWidget* parent)
    : QMainWindow(parent), m_sources(new SourceListModel(this)), m_snapshots(new SnapshotListModel(this)) {
    setWindowTitle(tr("SQLite Snapshot"));
    setWindowIcon(QIcon(QStringLiteral(":/icons/sqlite-snapshot.svg")));
    setAcceptDrops(true);
    createActions();
    createLayout();
    m_destinations = new DestinationPrompt(this, m_banner);
    restoreSettings();
    connect(m_sources, &SourceListModel::sourceUpdated, this, [this](int row) {
        if (m_sourceView->currentIndex().row() == row)
            showSelectedSource(); // a refresh: the details update, the tab in view stays
        updateActions();
    });
    connect(m_sources, &SourceListModel::added, this, [this](const QList<int>& rows) {
        if (rows.isEmpty())
            return;
        m_sourceView->setCurrentIndex(m_sources->index(rows.last()));
        QStringList databases;
        for (int r : rows)
            databases << m_sources->source(r).path;
        m_recent->remember(databases);
    });
    // Which snapshot Export acts on follows the focus.
    connect(qApp, &QApplication::focusChanged, this, &MainWindow::updateActions);
    connect(m_sources, &QAbstractItemModel::rowsInserted, this, [this] {
        showSelectedSource();
        updateActions();
    });
    connect(m_sources, &QAbstractItemModel::rowsRemoved, this, [this] {
        showSelectedSource();
        updateActions();
    });
    connect(m_jobs, &JobsPanel::jobFinished, this, &MainWindow::onJobFinished);
    connect(m_jobs, &JobsPanel::openRequested, this, &MainWindow::openPreview);
    connect(m_jobs, &JobsPanel::jobAdded, this, &MainWindow::ensureJobsVisible);
    connect(m_jobs, &JobsPanel::showInFolderRequested, this, [](const QString& path) {
        QDesktopServices::openUrl(QUrl::fromLocalFile(QFileInfo(path).absolutePath()));
    });
    updateActions();
}

MainWindow::~MainWindow() {
    // Children are destroyed before QObject would drop this connection: a focus change on the way
    // (a focused child going) must not reach updateActions() on a half-destroyed window.
    disconnect(qApp, &QApplication::focusChanged, this, nullptr);
    m_jobs->cancelAll(); // each job's destructor waits for its engine, which stops within milliseconds
}

void MainWindow::restoreSettings() {
    QSettings settings;
    if (!restoreGeometry(settings.value(QStringLiteral("window/geometry")).toByteArray()))
        resize(QSize(1180, 760).boundedTo(screen()->availableSize())); // all of it on a small screen
    // First start: the lists take under a third of the window, whatever its size (340 of 1180 px), so
    // a small screen's window still leaves the details and the preview's grid most of the room.
    if (!m_mainSplitter->restoreState(settings.value(QStringLiteral("window/mainSplitter")).toByteArray()))
        m_mainSplitter->setSizes({width() * 340 / 1180, width() * 840 / 1180});
    m_leftSplitter->restoreState(settings.value(QStringLiteral("window/leftSplitter")).toByteArray());
    m_rightSplitter->restoreState(settings.value(QStringLiteral("window/rightSplitter")).toByteArray());
    if (!m_databaseSplitter->restoreState(
            settings.value(QStringLiteral("window/databaseSplitter")).toByteArray()))
        m_databaseSplitter->setSizes({1000, 1000}); // first start: half each (scaled to the tab's height)
    ensureJobsVisible(); // a state saved with the jobs dragged to nothing (older versions allowed it)
    m_recent->load();
    m_destinations->load();
    m_lastOpenFolder = settings.value(QStringLiteral("lastOpenFolder"), QDir::homePath()).toString();
    const QString defaultFolder =
        QStandardPaths::writableLocation(QStandardPaths::AppDataLocation) + QStringLiteral("/snapshots");
    setSnapshotFolder(settings.value(QStringLiteral("snapshotFolder"), defaultFolder).toString());
}

void MainWindow::saveSettings() const {
    QSettings settings;
    settings.setValue(QStringLiteral("window/geometry"), saveGeometry());
    settings.setValue(QStringLiteral("window/mainSplitter"), m_mainSplitter->saveState());
    settings.setValue(QStringLiteral("window/leftSplitter"), m_leftSplitter->saveState());
    settings.setValue(QStringLiteral("window/rightSplitter"), m_rightSplitter->saveState());
    settings.setValue(QStringLiteral("window/databaseSplitter"), m_databaseSplitter->saveState());
    settings.setValue(QStringLiteral("lastOpenFolder"), m_lastOpenFolder);
    settings.setValue(QStringLiteral("snapshotFolder"), m_snapshotFolder);
    m_recent->save();
    m_destinations->save();
}

void MainWindow::setSnapshotFolder(const QString& folder) {
    m_snapshotFolder = QDir::cleanPath(folder);
    if (!QDir().mkpath(m_snapshotFolder))
        m_banner->showMessage(Banner::Level::Error,
                              tr("The snapshot folder %1 cannot be created. Choose another one with File → "
                                 "Snapshot Folder….")
                                  .arg(m_snapshotFolder));
    m_snapshots->setFolder(m_snapshotFolder);
    m_history->setSnapshotFolder(m_snapshotFolder);
    m_snapshotsPane->view()->setToolTip(tr("Snapshot folder: %1").arg(m_snapshotFolder));
    statusBar()->showMessage(tr("Snapshots go to %1").arg(m_snapshotFolder));
}

void MainWindow::chooseSnapshotFolder() {
    const QString folder = QFileDialog::getExistingDirectory(this, tr("Snapshot Folder"), m_snapshotFolder);
    if (!folder.isEmpty()) {
        setSnapshotFolder(folder);
        saveSettings();
    }
}

void MainWindow::addSources(const QStringList& paths) {
    m_sources->add(paths); // selected and remembered once listed (SourceListModel::added)
}

QTabWidget* MainWindow::tabs() const {
    return m_tabs;
}

QTreeView* MainWindow::snapshotView() const {
    return m_snapshotsPane->view();
}

void MainWindow::ensureJobsVisible() {
    QList<int> sizes = m_rightSplitter->sizes();
    if (sizes.size() != 2 || sizes[1] >= kJobsMinHeight)
        return;
    const int total = sizes[0] + sizes[1];
    const int jobs = std::max(kJobsMinHeight, std::min(170, total / 3));
    m_rightSplitter->setSizes({std::max(0, total - jobs), jobs});
}

void MainWindow::showWholeJobRow(Job* job) {
    QList<int> sizes = m_rightSplitter->sizes();
    const int wanted = m_jobs->heightToShow(job);
    if (sizes.size() != 2 || sizes[1] >= wanted)
        return;
    const int total = sizes[0] + sizes[1];
    const int jobs = std::max(sizes[1], std::min(wanted, int(total * kJobsGrowShare)));
    m_rightSplitter->setSizes({std::max(0, total - jobs), jobs});
    m_jobs->scrollTo(job);
}

void MainWindow::openFiles() {
    const QStringList files = askForDatabases(this, m_lastOpenFolder);
    if (files.isEmpty())
        return;
    m_lastOpenFolder = QFileInfo(files.first()).absolutePath();
    addSources(files);
}

QStringList MainWindow::selectedSourcePaths() const {
    return m_sourcesPane->selectedPaths();
}

QString MainWindow::commandSnapshotPath() const {
    for (const QWidget* w = QApplication::focusWidget(); w; w = w->parentWidget()) {
        if (const auto* preview = qobject_cast<const PreviewWidget*>(w))
            return preview->snapshotPath();
        if (w == m_snapshotsPane)
            return m_snapshotsPane->currentPath();
    }
    if (m_snapshotsPane->view()->selectionModel()->hasSelection())
        return m_snapshotsPane->currentPath();
    if (const PreviewWidget* preview = m_tabs->currentPreview())
        return preview->snapshotPath();
    return {};
}

QList<Job*> MainWindow::snapshotSelected() {
    QList<Job*> started;
    const QDateTime now = QDateTime::currentDateTime();
    for (const QString& source : selectedSourcePaths()) {
        // Two snapshots within one second: the file may exist, or a job may still be writing it.
        const QString dest = freeSnapshotPath(m_snapshotFolder, source, now, [this](const QString& path) {
            return QFileInfo::exists(path) || m_jobs->isWriting(path);
        });
        // Into the snapshot folder: recorded in its history, so prune and the history know it.
        started << startJob(JobSpecs::snapshot(source, dest, false, m_method->strategy(), m_snapshotFolder));
    }
    return started;
}

Job* MainWindow::compareSnapshots(const QString& before, const QString& after) {
    CompareTab* tab = m_tabs->openCompare(before, after);
    connect(tab, &CompareTab::jobRequested, this, [this](const JobSpec& spec) { startJob(spec); });
    // Asked like every other export: the folder of the last export, refused over B's own files.
    tab->chooseExportFile = [this, tab](bool sql) {
        const auto dest = m_destinations->ask(
            sql ? tr("Export Comparison as SQL") : tr("Export Comparison as JSON"), tab->after(),
            tab->exportFileName(sql), sql ? tr("SQL (*.sql)") : tr("JSON (*.json)"));
        return dest ? dest->path : QString();
    };
    Job* job = startJob(JobSpecs::compare(before, after, tab->feed()));
    tab->attach(job);
    return job;
}

Job* MainWindow::startSnapshot(const QString& source, const QString& destination, bool overwrite) {
    return startJob(JobSpecs::snapshot(source, destination, overwrite, m_method->strategy()));
}

Job* MainWindow::startExport(const QString& snapshot, const QString& destination, bool overwrite) {
    return startJob(JobSpecs::exportSnapshot(snapshot, destination, overwrite));
}

Job* MainWindow::startTableExport(const QString& snapshot, const QString& table, const RowFilter& filter,
                                  const RowOrder& order, const QString& destination, bool overwrite) {
    return startJob(JobSpecs::tableExport(snapshot, table, filter, order, destination, overwrite));
}

Job* MainWindow::startJob(JobSpec spec) {
    // The user moved on: an earlier refusal or error no longer describes what is happening.
    m_banner->hide();
    auto* job = new Job(std::move(spec));
    m_jobs->addJob(job);
    return job;
}

void MainWindow::snapshotTo() {
    const QStringList sources = selectedSourcePaths();
    if (sources.isEmpty())
        return;
    const QString name = snapshotFileName(sources.first(), QDateTime::currentDateTime());
    if (const auto dest = m_destinations->ask(tr("Snapshot To"), sources.first(), name, databaseFilters()))
        startSnapshot(sources.first(), dest->path, dest->overwrite);
}

void MainWindow::exportSnapshot(const QString& snapshotPath) {
    if (snapshotPath.isEmpty())
        return;
    const QString name = QFileInfo(snapshotPath).fileName();
    if (const auto dest = m_destinations->ask(tr("Export Snapshot"), snapshotPath, name, databaseFilters()))
        startExport(snapshotPath, dest->path, dest->overwrite);
}

void MainWindow::exportTable(const QString& snapshotPath, const QString& table, const RowFilter& filter,
                             const RowOrder& order) {
    const QString filters = QStringList{tr("CSV (*.csv)"), tr("JSON (*.json)"),
                                        tr("NDJSON (*.ndjson *.jsonl)"), tr("SQL (*.sql)")}
                                .join(QStringLiteral(";;"));
    if (const auto dest =
            m_destinations->ask(tr("Export Table"), snapshotPath, table + QStringLiteral(".csv"), filters))
        startTableExport(snapshotPath, table, filter, order, dest->path, dest->overwrite);
}

PreviewWidget* MainWindow::openPreview(const QString& snapshotPath) {
    PreviewWidget* preview = m_tabs->open(snapshotPath);
    updateActions();
    return preview;
}

void MainWindow::onJobFinished(Job* job) {
    if (job->state() == Job::State::Failed)
        showWholeJobRow(job);
    if (job->state() == Job::State::Succeeded)
        recordFinishedJob(job);
    if (m_jobs->runningCount() == 0 && !m_lastFinishedSnapshot.isEmpty())
        openPreview(std::exchange(m_lastFinishedSnapshot, QString()));
}

void MainWindow::recordFinishedJob(Job* job) {
    if (job->kind() == JobKind::Verify) {
        m_snapshots->setVerification(*job->resultAs<Verification>());
    } else if (job->kind() == JobKind::Snapshot) {
        if (QFileInfo(job->destination()).absolutePath() == m_snapshotFolder)
            m_snapshots->add(*job->resultAs<SnapshotResult>(), QDateTime::currentDateTime());
        // One preview for a batch, not a tab per job: the last snapshot opens once nothing else runs
        // (the others are a click away in the snapshots list and on their job rows).
        m_lastFinishedSnapshot = job->destination();
    } else if (job->kind() == JobKind::ScheduleRun) {
        // A schedule's Run Now into the snapshot folder: list it again (the report names only the file).
        if (QDir::cleanPath(job->destination()) == m_snapshotFolder)
            m_snapshots->setFolder(m_snapshotFolder);
    } else if (!job->destination().isEmpty()) { // not a comparison: its tab shows it
        statusBar()->showMessage(tr("Wrote %1").arg(job->destination()), 8000);
    }
}

void MainWindow::showSelectedSource(bool switchToDetails) {
    const QModelIndex current = m_sourceView->currentIndex();
    m_details->show(current.isValid() ? &m_sources->source(current.row()) : nullptr, m_sources->size() > 0);
    m_history->showDatabase(current.isValid() ? m_sources->source(current.row()).path : QString());
    if (switchToDetails && current.isValid() && m_tabs->currentIndex() != 0 && m_sourceView->hasFocus())
        m_tabs->setCurrentIndex(0);
}

void MainWindow::updateActions() {
    const bool haveSource = !selectedSourcePaths().isEmpty();
    m_snapshotAction->setEnabled(haveSource);
    m_snapshotToAction->setEnabled(haveSource);
    m_removeAction->setEnabled(m_sourceView->currentIndex().isValid());
    m_exportAction->setEnabled(!commandSnapshotPath().isEmpty());
    const bool havePreview = m_tabs->currentPreview() != nullptr;
    m_findAction->setEnabled(havePreview);
    m_goToRowAction->setEnabled(havePreview);
    m_scheduleActions->updateActions();
}

void MainWindow::dragEnterEvent(QDragEnterEvent* event) {
    if (!localFiles(event->mimeData()).isEmpty())
        event->acceptProposedAction();
}

void MainWindow::dragMoveEvent(QDragMoveEvent* event) {
    if (!localFiles(event->mimeData()).isEmpty())
        event->acceptProposedAction();
}

void MainWindow::dropEvent(QDropEvent* event) {
    const QStringList files = localFiles(event->mimeData());
    if (files.isEmpty())
        return;
    event->acceptProposedAction();
    addSources(files);
}

void MainWindow::closeWithoutAsking() {
    m_askBeforeQuit = false;
    close();
    m_askBeforeQuit = true;
}

bool MainWindow::confirmQuitWhileRunning() {
    const int running = m_jobs->runningCount();
    if (running == 0 || !m_askBeforeQuit)
        return true;
    QMessageBox box(QMessageBox::Question, tr("Quit SQLite Snapshot"),
                    tr("%1 job(s) are running: quit and cancel them?", nullptr, pluralCount(running))
                        .arg(groupedNumber(running)),
                    QMessageBox::NoButton, this);
    box.setObjectName(QStringLiteral("confirmQuit"));
    box.setInformativeText(tr("A cancelled snapshot or export leaves nothing behind."));
    QPushButton* quit = box.addButton(tr("Quit"), QMessageBox::AcceptRole);
    QPushButton* keep = box.addButton(tr("Keep Running"), QMessageBox::RejectRole);
    box.setDefaultButton(keep);
    box.setEscapeButton(keep);
    box.exec();
    // Jobs may have ended while the question was up: quitting then cancels what is left, if anything.
    return box.clickedButton() == quit;
}

void MainWindow::closeEvent(QCloseEvent* event) {
    if (!confirmQuitWhileRunning()) {
        event->ignore();
        return;
    }
    m_jobs->cancelAll();
    m_sources->cancelPending();
    saveSettings();
    event->accept();
}

} // namespace sqlsnap::ui

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
constexpr int kJobsMinHeight = 90; // the jobs header and one row: never dragged or restored to nothing
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

void MainWindow::createActions() {
    QMenu* file = menuBar()->addMenu(tr("&File"));
    m_openAction = file->addAction(
        QIcon::fromTheme(QStringLiteral("document-open"), style()->standardIcon(QStyle::SP_DialogOpenButton)),
        tr("&Open Databases…"), this, &MainWindow::openFiles);
    m_openAction->setShortcut(QKeySequence::Open);
    m_openAction->setToolTip(tr("Add SQLite databases to the list (Ctrl+O)"));
    m_recent = new RecentFiles(file->addMenu(tr("Open &Recent")), this);
    connect(m_recent, &RecentFiles::openRequested, this, [this](const QString& path) { addSources({path}); });
    m_scheduleActions = new ScheduleActions(this);
    file->addAction(m_scheduleActions->findDatabasesAction());
    file->addSeparator();
    m_snapshotAction = file->addAction(QIcon(QStringLiteral(":/icons/snapshot.svg")), tr("&Snapshot"), this,
                                       [this] { snapshotSelected(); });
    m_snapshotAction->setShortcut(QKeySequence::Save);
    m_snapshotAction->setToolTip(tr("Snapshot the selected databases into the snapshot folder (Ctrl+S)"));
    m_snapshotToAction = file->addAction(tr("Snapshot &To…"), this, &MainWindow::snapshotTo);
    // Explicit: QKeySequence::SaveAs is unbound on plain X11. The platform's own Save As key, where it
    // differs, works too; the menu shows the first.
    QList<QKeySequence> snapshotToKeys{QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_S)};
    for (const QKeySequence& k : QKeySequence::keyBindings(QKeySequence::SaveAs))
        if (!snapshotToKeys.contains(k))
            snapshotToKeys << k;
    m_snapshotToAction->setShortcuts(snapshotToKeys);
    m_snapshotToAction->setToolTip(
        tr("Snapshot the selected database into a file you choose (Ctrl+Shift+S)"));
    m_method = new SnapshotMethod(file->addMenu(tr("Snapshot &Method")), this);
    m_exportAction =
        file->addAction(QIcon::fromTheme(QStringLiteral("document-save-as"),
                                         style()->standardIcon(QStyle::SP_DialogSaveButton)),
                        tr("&Export Snapshot…"), this, [this] { exportSnapshot(commandSnapshotPath()); });
    m_exportAction->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_E));
    m_exportAction->setToolTip(tr("Write the selected snapshot to a file you choose (Ctrl+E)"));
    file->addSeparator();
    file->addAction(m_scheduleActions->keepSnapshotsAction());
    file->addAction(m_scheduleActions->schedulesAction());
    file->addSeparator();
    file->addAction(tr("Snapshot &Folder…"), this, &MainWindow::chooseSnapshotFolder);
    file->addSeparator();
    file->addAction(tr("&Quit"), this, &QWidget::close)->setShortcut(QKeySequence::Quit);

    QMenu* edit = menuBar()->addMenu(tr("&Edit"));
    m_removeAction =
        edit->addAction(tr("&Remove from List"), this, [this] { m_sourcesPane->removeSelected(); });
    m_removeAction->setShortcut(QKeySequence::Delete);
    m_removeAction->setShortcutContext(Qt::WidgetShortcut);
    edit->addSeparator();
    // The preview in view's own commands. Their keys belong to the preview (its grid, its find), so the
    // menu only shows them after a tab: the same key on a window action would make both ambiguous.
    m_findAction =
        edit->addAction(tr("&Find in Snapshot…") + QLatin1Char('\t') +
                            QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_F).toString(QKeySequence::NativeText),
                        this, [this] {
                            if (PreviewWidget* preview = m_tabs->currentPreview())
                                FindPanel::showFor(preview);
                        });
    m_goToRowAction =
        edit->addAction(tr("&Go to Row…") + QLatin1Char('\t') +
                            QKeySequence(Qt::CTRL | Qt::Key_G).toString(QKeySequence::NativeText),
                        this, [this] {
                            if (PreviewWidget* preview = m_tabs->currentPreview())
                                preview->gridCommands()->askGoToRow();
                        });

    QMenu* help = menuBar()->addMenu(tr("&Help"));
    help->addAction(tr("&About SQLite Snapshot"), this, [this] { AboutBox::show(this); });
    help->addAction(tr("About &Qt"), qApp, &QApplication::aboutQt);

    QToolBar* bar = addToolBar(tr("Main"));
    bar->setObjectName(QStringLiteral("mainToolBar"));
    bar->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    bar->setMovable(false);
    bar->addAction(m_openAction);
    bar->addAction(m_snapshotAction);
    bar->addAction(m_snapshotToAction);
    bar->addAction(m_exportAction);
}

void MainWindow::createLayout() {
    m_banner = new Banner(this);

    m_sourcesPane = new SourcesPane(m_sources, this);
    m_sourceView = m_sourcesPane->view();
    m_sourceView->addAction(m_removeAction);
    m_sourceView->addAction(m_snapshotAction);
    m_sourceView->addAction(m_snapshotToAction);
    m_sourceView->addAction(m_scheduleActions->keepSnapshotsAction());
    connect(m_sourcesPane, &SourcesPane::selectionChanged, this, [this] {
        showSelectedSource(true);
        updateActions();
    });
    connect(m_sourcesPane, &SourcesPane::activated, this, [this] { snapshotSelected(); });
    // A click on a database brings its details forward at once, not only once the list has the focus.
    connect(m_sourcesPane, &SourcesPane::pressed, this, [this] {
        if (m_sourceView->currentIndex().isValid())
            m_tabs->setCurrentIndex(0);
    });

    m_snapshotsPane = new SnapshotsPane(m_snapshots, this);
    connect(m_snapshotsPane, &SnapshotsPane::openRequested, this, &MainWindow::openPreview);
    connect(m_snapshotsPane, &SnapshotsPane::exportRequested, this, &MainWindow::exportSnapshot);
    connect(m_snapshotsPane, &SnapshotsPane::chooseFolderRequested, this, &MainWindow::chooseSnapshotFolder);
    connect(m_snapshotsPane, &SnapshotsPane::showInFolderRequested, this, [](const QString& path) {
        const QFileInfo info(path);
        QDesktopServices::openUrl(QUrl::fromLocalFile(info.isDir() ? path : info.absolutePath()));
    });
    connect(m_snapshotsPane, &SnapshotsPane::currentChanged, this, &MainWindow::updateActions);
    connect(m_snapshotsPane, &SnapshotsPane::compareRequested, this, &MainWindow::compareSnapshots);
    m_compareWithNow = new CompareWithNow(this);
    if (auto* file = qobject_cast<QMenu*>(m_exportAction->parent())) // File, below Export Snapshot…
        file->insertActions(file->actions().value(file->actions().indexOf(m_exportAction) + 1),
                            {m_snapshotsPane->compareAction(), m_compareWithNow->action()});
    connect(m_snapshotsPane, &SnapshotsPane::verifyRequested, this, [this](const QStringList& paths) {
        for (const QString& path : paths)
            startJob(JobSpecs::verify(path));
    });

    m_leftSplitter = new QSplitter(Qt::Vertical, this);
    m_leftSplitter->addWidget(m_sourcesPane);
    m_leftSplitter->addWidget(m_snapshotsPane);
    m_leftSplitter->setSizes({350, 300});

    // The Database tab: the selected database's details, its history below (docs/app.md, "History").
    m_details = new SourceDetailsView(this);
    m_history = new HistoryView(this);
    m_history->startJob = [this](JobSpec spec) { return startJob(std::move(spec)); };
    connect(m_history, &HistoryView::openRequested, this, &MainWindow::openPreview);
    connect(m_history, &HistoryView::exportRequested, this, &MainWindow::exportSnapshot);
    connect(m_history, &HistoryView::snapshotsDeleted, this, [this](const QStringList& paths) {
        for (const QString& path : paths)
            m_snapshots->remove(path);
    });
    connect(m_history, &HistoryView::compareRequested, this, &MainWindow::compareSnapshots);
    auto* databasePage = new QSplitter(Qt::Vertical, this);
    databasePage->setObjectName(QStringLiteral("databasePage"));
    databasePage->addWidget(m_details);
    databasePage->addWidget(m_history);
    databasePage->setChildrenCollapsible(false);
    databasePage->setStretchFactor(0, 1); // the details and the history share the tab's height
    databasePage->setStretchFactor(1, 1);
    m_databaseSplitter = databasePage;
    m_tabs = new PreviewTabs(databasePage, this);
    connect(m_history, &HistoryView::closePreviewRequested, m_tabs, &PreviewTabs::closePreview);
    connect(m_tabs, &QTabWidget::currentChanged, this, &MainWindow::updateActions);
    connect(m_tabs, &PreviewTabs::previewCreated, this, [this](PreviewWidget* preview) {
        connect(preview, &PreviewWidget::exportRequested, this, &MainWindow::exportSnapshot);
        connect(preview, &PreviewWidget::tableExportRequested, this, &MainWindow::exportTable);
    });

    m_jobs = new JobsPanel(this);
    m_rightSplitter = new QSplitter(Qt::Vertical, this);
    m_rightSplitter->addWidget(m_tabs);
    m_rightSplitter->addWidget(m_jobs);
    m_rightSplitter->setStretchFactor(0, 1);
    m_rightSplitter->setSizes({480, 170});
    m_jobs->setMinimumHeight(kJobsMinHeight);
    m_rightSplitter->setCollapsible(0, false);
    m_rightSplitter->setCollapsible(1, false);

    m_mainSplitter = new QSplitter(this);
    m_mainSplitter->addWidget(m_leftSplitter);
    m_mainSplitter->addWidget(m_rightSplitter);
    m_mainSplitter->setStretchFactor(0, 1);
    m_mainSplitter->setStretchFactor(1, 3);
    m_mainSplitter->setSizes({340, 840});

    auto* central = new QWidget(this);
    auto* layout = new QVBoxLayout(central);
    layout->setContentsMargins(6, 6, 6, 6);
    layout->addWidget(m_banner);
    layout->addWidget(m_mainSplitter, 1);
    setCentralWidget(central);
    statusBar();
    setTabOrder(m_sourceView, m_snapshotsPane->view());
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

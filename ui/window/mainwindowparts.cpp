// How the main window is put together: its actions and menus, and the layout of the panes, the
// previews and the jobs panel. What it does with them is mainwindow.cpp.
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

} // namespace sqlsnap::ui

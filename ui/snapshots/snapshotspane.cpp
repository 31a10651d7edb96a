#include "snapshots/snapshotspane.h"

#include "snapshots/snapshotlistmodel.h"

#include "common/breakabletext.h"
#include "common/tones.h"

#include <QAction>
#include <QApplication>
#include <QClipboard>
#include <QEvent>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QMenu>
#include <QPushButton>
#include <QScrollBar>
#include <QTreeView>
#include <QVBoxLayout>

namespace sqlsnap::ui {

SnapshotsPane::SnapshotsPane(SnapshotListModel* model, QWidget* parent)
    : QWidget(parent), m_model(model), m_view(new QTreeView(this)) {
    m_view->setObjectName(QStringLiteral("snapshotList"));
    m_view->setAccessibleName(tr("Snapshots"));
    m_view->setModel(m_model);
    m_view->setRootIsDecorated(false);
    m_view->setUniformRowHeights(true);
    m_view->setSelectionMode(QAbstractItemView::ExtendedSelection); // Verify acts on several
    m_view->header()->setStretchLastSection(false);
    // Not Stretch: a stretched section gets what is left, down to 25 px ("Snap…") in a narrow pane.
    m_view->header()->setSectionResizeMode(SnapshotListModel::NameColumn, QHeaderView::Interactive);
    for (int c : {SnapshotListModel::TakenColumn, SnapshotListModel::SizeColumn})
        m_view->header()->setSectionResizeMode(c, QHeaderView::ResizeToContents);
    m_view->setTextElideMode(Qt::ElideMiddle);    // "places.sql…101530.sqlite": the database and the time
    m_view->viewport()->installEventFilter(this); // its width changes with the vertical scroll bar too
    connect(m_view->header(), &QHeaderView::sectionResized, this, [this](int section) {
        if (section != SnapshotListModel::NameColumn)
            fitNameColumn();
    });
    // As wide as its usual words: a failed verdict's long report is elided here and whole on hover.
    m_view->setColumnWidth(SnapshotListModel::IntegrityColumn,
                           m_view->fontMetrics().horizontalAdvance(SnapshotListModel::tr("not checked")) +
                               24);
    m_view->setColumnWidth(SnapshotListModel::Sha256Column, 90); // the whole hash: tooltip, Ctrl+C
    m_view->setContextMenuPolicy(Qt::CustomContextMenu);
    connect(m_view, &QTreeView::customContextMenuRequested, this, &SnapshotsPane::showContextMenu);
    // Double-click and Enter: the row activated, whatever tab is current.
    connect(m_view, &QTreeView::activated, this, [this](const QModelIndex& index) {
        if (index.isValid())
            emit openRequested(m_model->entry(index.row()).path);
    });
    connect(m_view->selectionModel(), &QItemSelectionModel::currentChanged, this,
            &SnapshotsPane::currentChanged);

    auto* copy = new QAction(tr("Copy SHA-256"), m_view);
    copy->setShortcut(QKeySequence::Copy);
    copy->setShortcutContext(Qt::WidgetShortcut);
    connect(copy, &QAction::triggered, this, [this] {
        if (m_view->currentIndex().isValid())
            copyHash(m_view->currentIndex().row());
    });
    m_view->addAction(copy);

    m_verify = new QAction(tr("Verify"), this);
    m_verify->setToolTip(tr("Check the selected snapshots' integrity and compute their SHA-256 again"));
    m_verify->setEnabled(false);
    connect(m_verify, &QAction::triggered, this, [this] {
        if (const QStringList paths = selectedPaths(); !paths.isEmpty())
            emit verifyRequested(paths);
    });
    connect(m_view->selectionModel(), &QItemSelectionModel::selectionChanged, this,
            [this] { m_verify->setEnabled(m_view->selectionModel()->hasSelection()); });
    connect(m_model, &QAbstractItemModel::modelReset, this,
            [this] { m_verify->setEnabled(m_view->selectionModel()->hasSelection()); });

    m_compare = new QAction(tr("Compare"), this);
    m_compare->setToolTip(tr("Compare the two selected snapshots: what changed from the older to the newer"));
    m_compare->setEnabled(false);
    connect(m_compare, &QAction::triggered, this, [this] {
        QList<int> rows;
        for (int row = 0; row < m_model->rowCount(); ++row)
            if (m_view->selectionModel()->isRowSelected(row, {}))
                rows << row;
        if (rows.size() != 2)
            return;
        const SnapshotListModel::Entry &first = m_model->entry(rows[0]), &second = m_model->entry(rows[1]);
        const bool firstOlder = first.modified.isValid() && second.modified.isValid()
                                    ? first.modified <= second.modified
                                    : rows[0] > rows[1]; // the list's order: newest first
        emit compareRequested(firstOlder ? first.path : second.path, firstOlder ? second.path : first.path);
    });
    const auto updateCompare = [this] { m_compare->setEnabled(selectedPaths().size() == 2); };
    connect(m_view->selectionModel(), &QItemSelectionModel::selectionChanged, this, updateCompare);
    connect(m_model, &QAbstractItemModel::modelReset, this, updateCompare);

    auto* head = new QHBoxLayout;
    auto* title = new QLabel(tr("<b>Snapshots</b>"), this);
    auto* verifyButton = new QPushButton(tr("Verify"), this);
    verifyButton->setObjectName(QStringLiteral("verifyButton"));
    verifyButton->setToolTip(m_verify->toolTip());
    verifyButton->setEnabled(false);
    connect(verifyButton, &QPushButton::clicked, m_verify, &QAction::trigger);
    connect(m_verify, &QAction::changed, verifyButton,
            [this, verifyButton] { verifyButton->setEnabled(m_verify->isEnabled()); });
    auto* showFolder = m_showFolder = new QPushButton(tr("Show in Folder"), this);
    showFolder->setToolTip(tr("Show the selected snapshot (or the snapshot folder) in the file manager"));
    connect(showFolder, &QPushButton::clicked, this, [this] {
        const QString p = currentPath();
        emit showInFolderRequested(p.isEmpty() ? m_model->folder() : p);
    });
    auto* folderButton = new QPushButton(tr("Folder…"), this);
    folderButton->setToolTip(tr("Choose where snapshots are written"));
    connect(folderButton, &QPushButton::clicked, this, &SnapshotsPane::chooseFolderRequested);
    head->addWidget(title, 1);
    head->addWidget(verifyButton);
    head->addWidget(showFolder);
    head->addWidget(folderButton);
    m_status = new QLabel(this);
    m_status->setObjectName(QStringLiteral("snapshotsStatus"));
    m_status->setWordWrap(true);
    m_status->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_status->setSizePolicy(QSizePolicy::Ignored, QSizePolicy::Preferred); // wraps, never widens the pane
    m_status->hide();
    // The rows that stay keep their selection by themselves (the model moves rows, never resets); the
    // scroll position is kept here, by the row that was at the top.
    connect(m_model, &SnapshotListModel::aboutToRefresh, this, [this] {
        m_atTop = m_view->verticalScrollBar()->value() == 0;
        const QModelIndex top = m_view->indexAt(QPoint(1, 1));
        m_topPath = top.isValid() ? m_model->entry(top.row()).path : QString();
    });
    connect(m_model, &SnapshotListModel::folderListed, this, [this] {
        if (const int row = m_model->rowOfPath(m_topPath); row >= 0 && !m_atTop)
            m_view->scrollTo(m_model->index(row, 0), QAbstractItemView::PositionAtTop);
        else if (m_atTop)
            m_view->scrollToTop();
        updateStatus();
    });
    for (auto signal : {&QAbstractItemModel::rowsInserted, &QAbstractItemModel::rowsRemoved})
        connect(m_model, signal, this, &SnapshotsPane::updateStatus);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addLayout(head);
    layout->addWidget(m_status);
    layout->addWidget(m_view, 1);
    updateStatus();
}

void SnapshotsPane::updateStatus() {
    using State = SnapshotListModel::FolderState;
    const State state = m_model->folderState();
    m_showFolder->setEnabled(state != State::Missing);
    QString text;
    if (state == State::Missing || state == State::Unreadable)
        text = m_model->folderProblem();
    else if (state == State::Listed && m_model->rowCount() == 0)
        text = tr("No snapshots in this folder yet. File → Snapshot (Ctrl+S) takes one.");
    m_status->setText(breakableText(text)); // a long path wraps too
    m_status->setToolTip(m_model->folder());
    setTone(m_status, text == m_model->folderProblem() ? Tone::Error : Tone::Muted);
    m_status->setVisible(!text.isEmpty());
}

void SnapshotsPane::fitNameColumn() {
    QHeaderView* header = m_view->header();
    int others = 0;
    for (int c = 0; c < header->count(); ++c)
        if (c != SnapshotListModel::NameColumn && !header->isSectionHidden(c))
            others += header->sectionSize(c);
    // About 24 characters: the start of the database's name and the time it was taken, elided between.
    const int readable = m_view->fontMetrics().averageCharWidth() * 24 + 16;
    const int width = std::max(readable, m_view->viewport()->width() - others);
    if (header->sectionSize(SnapshotListModel::NameColumn) != width)
        header->resizeSection(SnapshotListModel::NameColumn, width);
}

bool SnapshotsPane::eventFilter(QObject* watched, QEvent* event) {
    if (watched == m_view->viewport() && (event->type() == QEvent::Resize || event->type() == QEvent::Show))
        fitNameColumn();
    return QWidget::eventFilter(watched, event);
}

QString SnapshotsPane::currentPath() const {
    const QModelIndex i = m_view->currentIndex();
    return i.isValid() ? m_model->entry(i.row()).path : QString();
}

QStringList SnapshotsPane::selectedPaths() const {
    QStringList paths;
    for (int row = 0; row < m_model->rowCount(); ++row)
        if (m_view->selectionModel()->isRowSelected(row, {}))
            paths << m_model->entry(row).path;
    return paths;
}

QString SnapshotsPane::pathAt(const QPoint& viewportPos) const {
    const QModelIndex i = m_view->indexAt(viewportPos);
    return i.isValid() ? m_model->entry(i.row()).path : QString();
}

void SnapshotsPane::copyHash(int row) const {
    if (!m_model->entry(row).sha256.isEmpty())
        QApplication::clipboard()->setText(m_model->entry(row).sha256);
}

void SnapshotsPane::showContextMenu(const QPoint& viewportPos) {
    const QModelIndex index = m_view->indexAt(viewportPos);
    QMenu menu(this);
    if (!index.isValid()) {
        menu.addAction(tr("Show Snapshot Folder"), this,
                       [this] { emit showInFolderRequested(m_model->folder()); })
            ->setEnabled(m_showFolder->isEnabled());
        menu.exec(m_view->viewport()->mapToGlobal(viewportPos));
        return;
    }
    // The row under the cursor becomes the current one (as file managers do) and every entry acts on it;
    // Verify acts on the selection, which it joins (a row outside it becomes the whole selection).
    if (m_view->selectionModel()->isRowSelected(index.row(), {}))
        m_view->selectionModel()->setCurrentIndex(index, QItemSelectionModel::NoUpdate);
    else
        m_view->setCurrentIndex(index);
    const int row = index.row();
    const QString path = m_model->entry(row).path;
    menu.addAction(tr("Open Preview"), this, [this, path] { emit openRequested(path); });
    menu.addAction(tr("Export Snapshot…"), this, [this, path] { emit exportRequested(path); });
    const QStringList selected = selectedPaths();
    menu.addAction(selected.size() > 1 ? tr("Verify %n Snapshots", nullptr, int(selected.size()))
                                       : tr("Verify"),
                   this, [this, selected] { emit verifyRequested(selected); });
    menu.addAction(m_compare);
    menu.addSeparator();
    const QString sha256 = m_model->entry(row).sha256; // rows may move while the menu is open
    QAction* hash =
        menu.addAction(tr("Copy SHA-256"), this, [sha256] { QApplication::clipboard()->setText(sha256); });
    hash->setEnabled(!sha256.isEmpty());
    menu.addAction(tr("Show in Folder"), this, [this, path] { emit showInFolderRequested(path); });
    menu.exec(m_view->viewport()->mapToGlobal(viewportPos));
}

} // namespace sqlsnap::ui

#include "history/historyview.h"

#include "common/breakabletext.h"
#include "common/elidedlabel.h"
#include "common/format.h"
#include "common/tones.h"
#include "history/historymodel.h"
#include "history/snapshotdeletion.h"
#include "jobs/job.h"
#include "jobs/jobspecs.h"

#include <QAction>
#include <QApplication>
#include <QClipboard>
#include <QFileInfo>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QKeyEvent>
#include <QLabel>
#include <QLocale>
#include <QMenu>
#include <QSet>
#include <QTimer>
#include <QToolBar>
#include <QTreeView>
#include <QVBoxLayout>

namespace sqlsnap::ui {

HistoryView::HistoryView(QWidget* parent)
    : QWidget(parent), m_model(new HistoryModel(this)), m_view(new QTreeView(this)),
      m_title(new ElidedLabel(this)), m_status(new QLabel(this)), m_bar(new QToolBar(this)) {
    setObjectName(QStringLiteral("historyView"));
    m_view->setObjectName(QStringLiteral("historyList"));
    m_view->setAccessibleName(tr("Snapshots of this database"));
    m_view->setModel(m_model);
    m_view->setRootIsDecorated(false);
    m_view->setUniformRowHeights(true);
    m_view->setAllColumnsShowFocus(true);
    m_view->setSelectionMode(QAbstractItemView::ExtendedSelection); // Verify and Delete act on several
    m_view->setContextMenuPolicy(Qt::CustomContextMenu);
    QHeaderView* header = m_view->header();
    // Time, size and verdict as wide as they are; the (shortened) SHA-256 takes what is left.
    // Time, size and verdict as wide as they are; the folder (shown when the rows come from more than
    // one) before the hash, which takes what is left: at 800x600 the folder is what tells rows apart.
    for (int c : {HistoryModel::TakenColumn, HistoryModel::SizeColumn, HistoryModel::VerifiedColumn})
        header->setSectionResizeMode(c, QHeaderView::ResizeToContents);
    header->setStretchLastSection(true);
    m_view->setTextElideMode(Qt::ElideMiddle);
    m_view->setColumnHidden(HistoryModel::FolderColumn, true);
    m_title->setObjectName(QStringLiteral("historyTitle"));
    QFont bold = m_title->font();
    bold.setBold(true);
    m_title->setFont(bold);
    m_status->setObjectName(QStringLiteral("historyStatus"));
    m_status->setWordWrap(true);
    m_status->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_bar->setObjectName(QStringLiteral("historyActions"));
    m_bar->setToolButtonStyle(Qt::ToolButtonTextOnly);
    m_bar->setIconSize(QSize(16, 16));
    // Narrower than its buttons, the bar folds the last ones into its » menu: it never widens the window.
    m_bar->setMinimumWidth(m_bar->fontMetrics().averageCharWidth() * 12);

    createActions();
    installDefaultQuestions();
    m_title->setFullText(tr("History"));

    connect(m_view, &QTreeView::customContextMenuRequested, this, &HistoryView::showContextMenu);
    connect(m_view, &QTreeView::activated, this, [this](const QModelIndex& index) {
        if (index.isValid() && m_model->entry(index.row()).present)
            emit openRequested(m_model->entry(index.row()).path);
    });
    connect(m_view->selectionModel(), &QItemSelectionModel::currentChanged, this,
            &HistoryView::updateActions);
    connect(m_view->selectionModel(), &QItemSelectionModel::selectionChanged, this,
            &HistoryView::updateActions);
    // A reload keeps what the user pointed at: the same snapshots stay current and selected.
    connect(m_model, &QAbstractItemModel::modelAboutToBeReset, this, [this] {
        m_keepSelection = selectedPaths();
        m_keepSelection.prepend(currentPath());
    });
    connect(m_model, &QAbstractItemModel::modelReset, this, [this] {
        const QStringList keep = std::exchange(m_keepSelection, {});
        QItemSelectionModel* selection = m_view->selectionModel();
        for (int i = 0; i < keep.size(); ++i) {
            const int row = m_model->rowOfPath(keep[i]);
            if (row < 0)
                continue;
            const QModelIndex at = m_model->index(row, 0);
            if (i == 0)
                selection->setCurrentIndex(at, QItemSelectionModel::NoUpdate);
            else
                selection->select(at, QItemSelectionModel::Select | QItemSelectionModel::Rows);
        }
        updateActions();
    });
    connect(m_model, &HistoryModel::loaded, this, [this] {
        m_view->setColumnHidden(HistoryModel::FolderColumn, !m_model->spansFolders());
        if (m_model->spansFolders()) {
            // As wide as its names, up to about 16 characters (elided in the middle, whole on hover).
            int widest = m_view->fontMetrics().horizontalAdvance(
                m_model->headerData(HistoryModel::FolderColumn, Qt::Horizontal, Qt::DisplayRole).toString());
            for (int r = 0; r < m_model->rowCount(); ++r)
                widest = std::max(widest, m_view->fontMetrics().horizontalAdvance(
                                              m_model->folderLabel(m_model->entry(r).folder)));
            m_view->setColumnWidth(HistoryModel::FolderColumn,
                                   std::min(widest, m_view->fontMetrics().averageCharWidth() * 16) + 16);
        }
        updateStatus();
    });

    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 4, 0, 0);
    layout->setSpacing(2);
    layout->addWidget(m_title);
    layout->addWidget(m_bar);
    layout->addWidget(m_status);
    layout->addWidget(m_view, 1);
    // Not Expanding (as its list is): the details above get their share of the tab's height too.
    setSizePolicy(QSizePolicy::Preferred, QSizePolicy::Preferred);
    updateActions();
    updateStatus();
}

HistoryView::~HistoryView() {
    m_deletion.cancel();
}

void HistoryView::createActions() {
    const auto add = [this](const QString& text, const QString& tip, auto slot) {
        auto* a = new QAction(text, this);
        a->setToolTip(tip);
        connect(a, &QAction::triggered, this, slot);
        return a;
    };
    m_open = add(tr("Open"), tr("Open the snapshot in a preview tab (Enter)"), [this] {
        if (const QString p = currentPath(); !p.isEmpty())
            emit openRequested(p);
    });
    m_compare =
        add(tr("Compare with Previous"), tr("Compare the snapshot with the one taken before it"), [this] {
            if (const QStringList pair = comparisonPair(); pair.size() == 2)
                emit compareRequested(pair[0], pair[1]);
        });
    m_compare->setIconText(tr("Compare")); // the toolbar's word; menus say it whole
    m_export = add(tr("Export…"), tr("Write the snapshot to a file you choose"), [this] {
        if (const QString p = currentPath(); !p.isEmpty())
            emit exportRequested(p);
    });
    m_verify =
        add(tr("Verify"), tr("Check the selected snapshots' integrity and compute their SHA-256 again"),
            [this] { verify(selectedPaths()); });
    m_delete = add(tr("Delete…"), tr("Delete the selected snapshots (Delete): only files this tool wrote"),
                   [this] { deleteSnapshots(selectedPaths()); });
    m_delete->setShortcut(QKeySequence::Delete);
    m_restore = add(tr("Restore…"),
                    tr("Write the snapshot back to the database's path (or one you choose); the file it "
                       "replaces is kept beside it"),
                    [this] {
                        if (const QString p = currentPath(); !p.isEmpty())
                            restore(p);
                    });
    m_copyHash = add(tr("Copy SHA-256"), tr("Copy the snapshot's whole SHA-256 (Ctrl+C)"), [this] {
        const QModelIndex i = m_view->currentIndex();
        if (i.isValid() && !m_model->entry(i.row()).sha256.isEmpty())
            QApplication::clipboard()->setText(m_model->entry(i.row()).sha256);
    });
    m_copyHash->setShortcut(QKeySequence::Copy);
    // The list's own keys, as the jobs list has them: the view's key events, so no window action with the
    // same key (Remove from List) can make them ambiguous. The menus show them.
    m_view->installEventFilter(this);
    for (QAction* a : {m_delete, m_copyHash})
        a->setShortcutContext(Qt::WidgetShortcut);
    m_bar->addAction(m_open);
    m_bar->addAction(m_compare);
    m_bar->addAction(m_export);
    m_bar->addAction(m_verify);
    m_bar->addAction(m_delete);
    m_bar->addAction(m_restore);
}

QSize HistoryView::sizeHint() const {
    const int row = m_view->fontMetrics().height() + 4;
    return {QWidget::sizeHint().width(), m_title->sizeHint().height() + m_bar->sizeHint().height() +
                                             m_status->sizeHint().height() + row * 9};
}

bool HistoryView::eventFilter(QObject* watched, QEvent* event) {
    if (watched == m_view && event->type() == QEvent::KeyPress) {
        const auto* key = static_cast<QKeyEvent*>(event);
        if (key->matches(QKeySequence::Delete)) {
            if (m_delete->isEnabled())
                m_delete->trigger();
            return true;
        }
        if (key->matches(QKeySequence::Copy)) {
            if (m_copyHash->isEnabled())
                m_copyHash->trigger();
            return true;
        }
    }
    return QWidget::eventFilter(watched, event);
}

void HistoryView::showDatabase(const QString& databasePath) {
    if (databasePath != m_model->database()) {
        m_message.clear();
        m_title->setFullText(databasePath.isEmpty()
                                 ? tr("History")
                                 : tr("History of %1").arg(QFileInfo(databasePath).fileName()));
        m_title->setToolTip(databasePath);
    }
    m_model->show(databasePath, m_model->snapshotFolder());
    updateStatus();
}

void HistoryView::setSnapshotFolder(const QString& folder) {
    m_model->show(m_model->database(), folder);
    updateStatus();
}

void HistoryView::refresh() {
    m_model->reload();
}

QString HistoryView::currentPath() const {
    const QModelIndex i = m_view->currentIndex();
    return i.isValid() && m_model->entry(i.row()).present ? m_model->entry(i.row()).path : QString();
}

QList<int> HistoryView::selectedRows() const {
    QList<int> rows;
    for (int row = 0; row < m_model->rowCount(); ++row)
        if (m_view->selectionModel()->isRowSelected(row, {}))
            rows << row;
    if (rows.isEmpty() && m_view->currentIndex().isValid())
        rows << m_view->currentIndex().row();
    return rows;
}

QStringList HistoryView::comparisonPair() const {
    const QList<int> rows = selectedRows();
    if (rows.size() == 2) {
        const HistoryModel::Entry &a = m_model->entry(rows[0]), &b = m_model->entry(rows[1]);
        if (!a.present || !b.present)
            return {};
        return a.taken <= b.taken ? QStringList{a.path, b.path} : QStringList{b.path, a.path};
    }
    if (rows.size() != 1 || !m_model->entry(rows[0]).present)
        return {};
    const int before = m_model->previousPresentRow(rows[0]);
    return before < 0 ? QStringList()
                      : QStringList{m_model->entry(before).path, m_model->entry(rows[0]).path};
}

QStringList HistoryView::selectedPaths() const {
    QStringList paths;
    for (int row = 0; row < m_model->rowCount(); ++row)
        if (m_view->selectionModel()->isRowSelected(row, {}))
            paths << m_model->entry(row).path;
    if (paths.isEmpty() && m_view->currentIndex().isValid())
        paths << m_model->entry(m_view->currentIndex().row()).path;
    return paths;
}

void HistoryView::updateActions() {
    const QModelIndex current = m_view->currentIndex();
    // Open, Export, Restore and Copy act on one snapshot: with more selected, which one is not clear.
    const bool one = selectedRows().size() == 1;
    const bool present = one && current.isValid() && m_model->entry(current.row()).present;
    m_open->setEnabled(present);
    const bool two = selectedRows().size() == 2;
    m_compare->setText(two ? tr("Compare the Two") : tr("Compare with Previous"));
    m_compare->setToolTip(two ? tr("Compare the two selected snapshots, the older one as A")
                              : tr("Compare the snapshot with the one taken before it"));
    m_compare->setIconText(tr("Compare"));
    m_compare->setEnabled(comparisonPair().size() == 2);
    m_export->setEnabled(present);
    m_restore->setEnabled(present && bool(startJob));
    m_copyHash->setEnabled(present && !m_model->entry(current.row()).sha256.isEmpty());
    bool anyPresent = false;
    const QStringList selected = selectedPaths();
    for (const QString& p : selected)
        anyPresent = anyPresent || m_model->entry(m_model->rowOfPath(p)).present;
    m_verify->setEnabled(anyPresent && bool(startJob));
    m_delete->setEnabled(!selected.isEmpty() && m_deletion.isFinished());
}

void HistoryView::updateStatus() {
    QStringList lines;
    Tone tone = Tone::Muted;
    const QString name = QFileInfo(m_model->database()).fileName();
    if (m_model->database().isEmpty()) {
        lines << tr("Pick a database in the list to see its snapshots over time.");
    } else if (m_model->isLoading()) {
        lines << tr("Reading the history…");
    } else if (!m_model->problems().isEmpty()) {
        lines << m_model->problems();
        tone = Tone::Error;
    } else if (m_model->rowCount() == 0) {
        lines << tr("No snapshots of %1 yet. File → Snapshot (Ctrl+S) takes one into the snapshot folder.")
                     .arg(name);
    } else {
        const int n = m_model->rowCount();
        int missing = 0;
        for (int r = 0; r < n; ++r)
            missing += m_model->entry(r).present ? 0 : 1;
        QSet<QString> folders;
        for (int r = 0; r < n; ++r)
            folders.insert(m_model->entry(r).folder);
        QString line =
            folders.size() > 1
                ? tr("%1 snapshot(s) in %2 folders, newest first", nullptr, pluralCount(n))
                      .arg(groupedNumber(n))
                      .arg(folders.size())
                : tr("%1 snapshot(s), newest first", nullptr, pluralCount(n)).arg(groupedNumber(n));
        if (missing > 0)
            line += tr(" · %1 missing", nullptr, pluralCount(missing)).arg(groupedNumber(missing));
        lines << line;
    }
    if (!m_message.isEmpty()) {
        lines << m_message;
        if (m_messageIsError)
            tone = Tone::Error;
    }
    m_status->setText(breakableText(lines.join(QLatin1Char('\n')))); // a long path wraps too
    m_status->setToolTip(tr("Read from: %1").arg(m_model->folders().join(QStringLiteral(", "))));
    setTone(m_status, tone);
}

void HistoryView::showMessage(const QString& text, bool error) {
    m_message = text;
    m_messageIsError = error;
    updateStatus();
}

void HistoryView::showContextMenu(const QPoint& viewportPos) {
    const QModelIndex index = m_view->indexAt(viewportPos);
    if (!index.isValid())
        return;
    // The row under the cursor becomes current and every entry acts on it; Verify and Delete on the
    // selection it joins (a row outside it becomes the whole selection), as in the snapshots list.
    if (m_view->selectionModel()->isRowSelected(index.row(), {}))
        m_view->selectionModel()->setCurrentIndex(index, QItemSelectionModel::NoUpdate);
    else
        m_view->setCurrentIndex(index);
    // What the entries act on is fixed now: a reload while the menu is open does not move it.
    const HistoryModel::Entry pointed = m_model->entry(index.row());
    // Compare: the two selected when the row pointed at is one of them, else it and the one before it.
    const QStringList pair = comparisonPair();
    const QStringList selected = selectedPaths();
    QMenu menu(this);
    const auto add = [&](const QAction* like, auto slot, bool enabled) {
        QAction* a = menu.addAction(like->text(), this, slot);
        a->setToolTip(like->toolTip());
        a->setEnabled(enabled);
    };
    const QString path = pointed.path;
    add(
        m_open, [this, path] { emit openRequested(path); }, pointed.present);
    add(
        m_compare, [this, pair] { emit compareRequested(pair[0], pair[1]); }, pair.size() == 2);
    add(
        m_export, [this, path] { emit exportRequested(path); }, pointed.present);
    add(
        m_verify, [this, selected] { verify(selected); }, m_verify->isEnabled());
    menu.addSeparator();
    add(
        m_restore, [this, path] { restore(path); }, pointed.present && bool(startJob));
    add(
        m_delete, [this, selected] { deleteSnapshots(selected); }, m_delete->isEnabled());
    menu.addSeparator();
    const QString sha256 = pointed.sha256;
    add(
        m_copyHash, [sha256] { QApplication::clipboard()->setText(sha256); }, !sha256.isEmpty());
    menu.exec(m_view->viewport()->mapToGlobal(viewportPos));
}

} // namespace sqlsnap::ui

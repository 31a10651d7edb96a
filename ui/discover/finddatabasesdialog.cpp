// Find Databases… (finddatabasesdialog.h).
#include "discover/finddatabasesdialog.h"

#include "common/format.h"

#include <QCoreApplication>
#include <QDialogButtonBox>
#include <QDir>
#include <QFileDialog>
#include <QFileInfo>
#include <QHeaderView>
#include <QLabel>
#include <QPointer>
#include <QPushButton>
#include <QStackedWidget>
#include <QTreeWidget>
#include <QVBoxLayout>

namespace sqlsnap::ui {

namespace {

constexpr int SortRole = Qt::UserRole + 1;

// Sorts by SortRole where a column sets it (sizes as numbers), else by text, ignoring case.
class FoundItem : public QTreeWidgetItem {
public:
    using QTreeWidgetItem::QTreeWidgetItem;
    bool operator<(const QTreeWidgetItem& other) const override {
        const int column = treeWidget() ? treeWidget()->sortColumn() : 0;
        const QVariant a = data(column, SortRole), b = other.data(column, SortRole);
        if (a.isValid() && b.isValid() && a.toLongLong() != b.toLongLong())
            return a.toLongLong() < b.toLongLong();
        if (const int c = text(column).compare(other.text(column), Qt::CaseInsensitive);
            c != 0 || a.isValid())
            return c < 0;
        // Alike in the sorted column (every file of an added folder has one App): by path, so that rows
        // streaming in take their place at once instead of arriving in the folder's directory order.
        return text(FindDatabasesDialog::PathColumn).compare(other.text(FindDatabasesDialog::PathColumn)) < 0;
    }
};

QString installText(const QString& install) {
    if (install == QStringLiteral("flatpak"))
        return FindDatabasesDialog::tr("Flatpak");
    if (install == QStringLiteral("snap"))
        return FindDatabasesDialog::tr("Snap");
    return {};
}

} // namespace

FindDatabasesDialog::FindDatabasesDialog(QWidget* parent) : QDialog(parent) {
    setWindowTitle(tr("Find Databases"));
    setObjectName(QStringLiteral("findDatabasesDialog"));
    resize(760, 480); // fits an 800x600 screen; the path column elides in the middle

    m_message = new QLabel(this);
    m_message->setWordWrap(true);
    m_message->setTextInteractionFlags(Qt::TextSelectableByMouse);

    m_list = new QTreeWidget(this);
    m_list->setHeaderLabels(
        {tr("Application"), tr("Profile"), tr("Database"), tr("Path"), tr("Size"), tr("In Use")});
    m_list->setRootIsDecorated(false);
    m_list->setSelectionMode(QAbstractItemView::ExtendedSelection);
    m_list->setSortingEnabled(true);
    m_list->sortByColumn(AppColumn, Qt::AscendingOrder);
    m_list->setTextElideMode(Qt::ElideMiddle); // a path's folder and its file name both stay in view
    m_list->setUniformRowHeights(true);
    m_list->header()->setStretchLastSection(false);
    m_list->header()->setSectionResizeMode(PathColumn, QHeaderView::Stretch);
    for (int c : {AppColumn, ProfileColumn, KindColumn, SizeColumn, InUseColumn})
        m_list->header()->setSectionResizeMode(c, QHeaderView::ResizeToContents);
    connect(m_list, &QTreeWidget::itemSelectionChanged, this, &FindDatabasesDialog::updateButtons);
    connect(m_list, &QTreeWidget::itemDoubleClicked, this, &FindDatabasesDialog::addSelected);

    m_empty = new QLabel(this);
    m_empty->setAlignment(Qt::AlignCenter);
    m_empty->setWordWrap(true);
    m_empty->setMargin(24);
    setTone(m_empty, Tone::Muted);
    m_stack = new QStackedWidget(this);
    m_stack->addWidget(m_list);
    m_stack->addWidget(m_empty);

    auto* buttons = new QDialogButtonBox(this);
    m_lookIn = buttons->addButton(tr("Also Look In &Folder…"), QDialogButtonBox::ActionRole);
    m_cancel = buttons->addButton(QDialogButtonBox::Cancel);
    m_cancel->setText(tr("&Stop"));
    m_add = buttons->addButton(tr("&Add Selected"), QDialogButtonBox::AcceptRole);
    QPushButton* close = buttons->addButton(QDialogButtonBox::Close);
    m_add->setDefault(true);
    connect(m_lookIn, &QPushButton::clicked, this, &FindDatabasesDialog::chooseFolder);
    connect(m_cancel, &QPushButton::clicked, this, &FindDatabasesDialog::cancelSearch);
    connect(m_add, &QPushButton::clicked, this, &FindDatabasesDialog::addSelected);
    connect(close, &QPushButton::clicked, this, &QDialog::reject);

    auto* layout = new QVBoxLayout(this);
    layout->addWidget(m_message);
    layout->addWidget(m_stack, 1);
    layout->addWidget(buttons);
    search();
}

FindDatabasesDialog::~FindDatabasesDialog() {
    m_task.cancel();
}

bool FindDatabasesDialog::isSearching() const {
    return m_searching;
}

void FindDatabasesDialog::search() {
    m_task.cancel();
    m_stale = true; // the earlier search's rows stay until this one finds its first database
    DiscoverOptions options;
    options.folders = m_folders;
    // Each database is listed as it is found: handed to the GUI thread through the application object
    // (which outlives every search), and dropped there when the search was cancelled or the dialog has
    // gone — a cancel happens on the GUI thread, so nothing of a stopped search is added after it.
    const QPointer<FindDatabasesDialog> guard(this);
    const CancelToken token;
    options.found = [guard, token, hook = m_foundHook](const DiscoveredDatabase& found) {
        QMetaObject::invokeMethod(
            QCoreApplication::instance(),
            [guard, token, found] {
                if (guard && !token.isCancelled())
                    guard->addFound(found);
            },
            Qt::QueuedConnection);
        if (hook)
            hook();
    };
    setBusy(true);
    // The long lane: a named folder may hold a large tree, and this must not hold up inspections.
    m_task = Executor::instance().run(
        Lane::Long, this, [options](const CancelToken& t) { return discoverDatabases(options, t); },
        [this](Expected<DiscoverResult> result) {
            setBusy(false);
            showResult(result);
            emit searchFinished();
        },
        Executor::Answer::UnlessCancelled, token);
}

void FindDatabasesDialog::cancelSearch() {
    if (!isSearching())
        return;
    m_task.cancel(); // a cancelled search never answers: say so here
    setBusy(false);
    m_message->setText(m_stale ? tr("Stopped. The list shows what an earlier search found.")
                               : tr("Stopped. The list shows the %n database(s) found until then.", nullptr,
                                    pluralCount(m_found.size())));
    setTone(m_message, Tone::Muted);
    updateButtons();
    emit searchFinished();
}

void FindDatabasesDialog::lookInFolder(const QString& folder) {
    const QString clean = QDir::cleanPath(QFileInfo(folder).absoluteFilePath());
    if (!m_folders.contains(clean))
        m_folders << clean;
    search();
}

void FindDatabasesDialog::chooseFolder() {
    const QString folder =
        QFileDialog::getExistingDirectory(this, tr("Also Look In Folder"), QDir::homePath());
    if (!folder.isEmpty())
        lookInFolder(folder);
}

void FindDatabasesDialog::setBusy(bool busy) {
    m_searching = busy;
    if (busy) {
        m_message->setText(m_folders.isEmpty()
                               ? tr("Looking for databases in the places applications keep them…")
                               : tr("Looking for databases in the places applications keep them and in "
                                    "%1…")
                                     .arg(m_folders.join(QStringLiteral(", "))));
        setTone(m_message, Tone::Normal);
    }
    m_cancel->setVisible(busy);
    m_lookIn->setEnabled(!busy);
    updateButtons();
}

void FindDatabasesDialog::showResult(const Expected<DiscoverResult>& result) {
    if (!result) {
        // A folder that cannot be searched: said in place; it is dropped so the next search can work.
        m_message->setText(tr("Could not look there: %1").arg(result.error().message));
        setTone(m_message, Tone::Error);
        if (!m_folders.isEmpty())
            m_folders.removeLast();
        if (m_found.isEmpty()) {
            m_empty->setText(tr("Nothing to show. Look in another folder with “Also Look In Folder…”."));
            m_stack->setCurrentWidget(m_empty);
        }
        return;
    }
    // Every database has been listed as it was found (addFound); the result is the same list.
    clearStale(); // none found: the earlier rows go too
    if (m_found.isEmpty()) {
        m_empty->setText(tr("No databases found in the places applications keep them.\nLook in a folder "
                            "of your own with “Also Look In Folder…”."));
        m_stack->setCurrentWidget(m_empty);
        m_message->setText(tr("Nothing found."));
    } else {
        m_stack->setCurrentWidget(m_list);
        QString text = tr("Found %1 database(s). Select the ones to add to the list.", nullptr,
                          pluralCount(m_found.size()))
                           .arg(groupedNumber(m_found.size()));
        if (result->unreadable > 0)
            text += QLatin1Char(' ') +
                    tr("%1 file(s) or folder(s) could not be read.", nullptr, pluralCount(result->unreadable))
                        .arg(groupedNumber(result->unreadable));
        m_message->setText(text);
    }
    setTone(m_message, Tone::Normal);
    updateButtons();
}

void FindDatabasesDialog::clearStale() {
    if (!m_stale)
        return;
    m_stale = false;
    m_found.clear();
    m_list->clear();
}

void FindDatabasesDialog::addFound(const DiscoveredDatabase& d) {
    clearStale();
    m_found << d;
    auto* item = new FoundItem;
    QString app = d.app.isEmpty() ? tr("(in a folder you added)") : d.app;
    if (const QString install = installText(d.install); !install.isEmpty())
        app = tr("%1 (%2)").arg(app, install);
    item->setText(AppColumn, app);
    item->setText(ProfileColumn, d.profile);
    item->setText(KindColumn, QFileInfo(d.path).fileName());
    item->setText(PathColumn, QDir::toNativeSeparators(d.path));
    item->setToolTip(PathColumn, QDir::toNativeSeparators(d.path));
    item->setText(SizeColumn, humanSize(d.size + d.companionBytes));
    item->setData(SizeColumn, SortRole, d.size + d.companionBytes);
    item->setTextAlignment(SizeColumn, Qt::AlignRight | Qt::AlignVCenter);
    if (d.companionBytes > 0)
        item->setToolTip(SizeColumn, tr("%1, and %2 in its journal or WAL beside it")
                                         .arg(humanSize(d.size), humanSize(d.companionBytes)));
    item->setText(InUseColumn, d.inUse() ? tr("in use now") : QString());
    if (d.inUse())
        item->setToolTip(InUseColumn, tr("A program has it open: a snapshot still works, without "
                                         "disturbing it."));
    item->setData(0, Qt::UserRole, d.path);
    m_list->addTopLevelItem(item); // sorted in, as the list is sorted; a selection stays as it is
    m_stack->setCurrentWidget(m_list);
    if (m_searching)
        m_message->setText(
            tr("Found %n database(s) so far; still looking…", nullptr, pluralCount(m_found.size())));
}

QStringList FindDatabasesDialog::selectedPaths() const {
    QStringList paths;
    for (int i = 0; i < m_list->topLevelItemCount(); ++i)
        if (const QTreeWidgetItem* item = m_list->topLevelItem(i); item->isSelected())
            paths << item->data(0, Qt::UserRole).toString();
    return paths;
}

void FindDatabasesDialog::addSelected() {
    const QStringList paths = selectedPaths();
    if (paths.isEmpty())
        return;
    emit addRequested(paths);
    accept();
}

void FindDatabasesDialog::updateButtons() {
    m_add->setEnabled(!m_list->selectedItems().isEmpty());
}

} // namespace sqlsnap::ui

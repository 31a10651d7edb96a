#include "compare/comparetab.h"

#include "common/elidedlabel.h"
#include "common/format.h"
#include "common/tones.h"
#include "compare/changedrowsmodel.h"
#include "compare/comparetexts.h"
#include "compare/comparisonthread.h"
#include "jobs/job.h"
#include "jobs/jobspecs.h"
#include "preview/valueviewer.h"
#include "preview/windowedgrid.h"

#include <QCheckBox>
#include <QFileDialog>
#include <QFileInfo>
#include <QFontDatabase>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QMenu>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSplitter>
#include <QTabWidget>
#include <QTableView>
#include <QTreeWidget>
#include <QVBoxLayout>

namespace sqlsnap::ui {

using comparetexts::keyText;
using comparetexts::notesText;
using comparetexts::schemaKindText;

namespace {
enum SummaryColumn {
    NameColumn,
    AddedColumn,
    RemovedColumn,
    ChangedColumn,
    UnchangedColumn,
    KeyColumn,
    NotesColumn
};

QPlainTextEdit* sqlView(QWidget* parent) {
    auto* edit = new QPlainTextEdit(parent);
    edit->setReadOnly(true);
    edit->setLineWrapMode(QPlainTextEdit::NoWrap);
    edit->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    return edit;
}

QWidget* titled(const QString& title, QWidget* content, QWidget* parent) {
    auto* box = new QWidget(parent);
    auto* layout = new QVBoxLayout(box);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(new QLabel(title, box));
    layout->addWidget(content, 1);
    return box;
}
} // namespace

CompareTab::CompareTab(const QString& before, const QString& after, QWidget* parent)
    : QWidget(parent), m_before(before), m_after(after), m_feed(std::make_shared<CompareFeed>()),
      m_thread(std::make_unique<ComparisonThread>(before, after)) {
    // Elided, each name on its own: two long snapshot names must never widen the window, and neither
    // may hide the other.
    auto* nameA = new ElidedLabel(this);
    nameA->setFullText(tr("A (before): %1").arg(QFileInfo(before).fileName()));
    nameA->setToolTip(before);
    auto* nameB = new ElidedLabel(this);
    nameB->setFullText(tr("B (after): %1").arg(QFileInfo(after).fileName()));
    nameB->setToolTip(after);
    m_status = new QLabel(tr("Comparing…"), this);
    m_status->setWordWrap(true);
    m_cancel = new QPushButton(tr("Cancel"), this);
    m_cancel->setEnabled(false);
    connect(m_cancel, &QPushButton::clicked, this, [this] {
        if (m_job)
            m_job->cancel();
    });
    m_export = new QPushButton(tr("Export"), this);
    m_export->setToolTip(
        tr("Write the comparison to a file: a JSON document, or the SQL that turns A into B"));
    auto* exportMenu = new QMenu(m_export);
    exportMenu->addAction(tr("As JSON…"), this, [this] { exportAs(false); });
    exportMenu->addAction(tr("As SQL…"), this, [this] { exportAs(true); });
    m_export->setMenu(exportMenu);
    // Only a comparison that ran to its end is exported (docs/app.md, "Compare").
    m_export->setEnabled(false);
    auto* head = new QHBoxLayout;
    head->addWidget(nameA, 1);
    head->addWidget(new QLabel(QStringLiteral("→"), this));
    head->addWidget(nameB, 1);
    head->addWidget(m_cancel);
    head->addWidget(m_export);

    m_tableFilter = new QLineEdit(this);
    m_tableFilter->setPlaceholderText(tr("Filter tables"));
    m_tableFilter->setClearButtonEnabled(true);
    connect(m_tableFilter, &QLineEdit::textChanged, this, &CompareTab::applyFilters);
    m_added = new QCheckBox(tr("Added"), this);
    m_removed = new QCheckBox(tr("Removed"), this);
    m_changed = new QCheckBox(tr("Changed"), this);
    auto* filters = new QHBoxLayout;
    filters->addWidget(m_tableFilter, 1);
    filters->addWidget(new QLabel(tr("Show rows:"), this));
    for (QCheckBox* box : {m_added, m_removed, m_changed}) {
        box->setChecked(true);
        connect(box, &QCheckBox::toggled, this, &CompareTab::applyFilters);
        filters->addWidget(box);
    }

    m_summary = new QTreeWidget(this);
    m_summary->setRootIsDecorated(false);
    m_summary->setUniformRowHeights(true);
    m_summary->setHeaderLabels(
        {tr("Table"), tr("Added"), tr("Removed"), tr("Changed"), tr("Unchanged"), tr("Key"), tr("Notes")});
    m_summary->header()->setStretchLastSection(true);
    // Room for a few tables even at 800×600 (the grid below takes the rest), and no more: the tab's
    // least height must leave an 800×600 window its size.
    m_summary->setMinimumHeight(m_summary->fontMetrics().height() * 5);
    connect(m_summary, &QTreeWidget::currentItemChanged, this, &CompareTab::showSelectedTable);

    m_rows = new ChangedRowsModel(m_thread.get(), this);
    m_grid = new WindowedGrid(m_rows, m_rows, this);
    m_grid->view()->setSelectionBehavior(QAbstractItemView::SelectItems);
    // Fitting measures the rows on screen only, not the whole window of 500 (tens of ms of GUI thread).
    m_grid->view()->horizontalHeader()->setResizeContentsPrecision(0);
    connect(m_rows, &ChangedRowsModel::loaded, this, [this] {
        m_grid->totalChanged();
        m_rowsStatus->setText(!m_rows->error().isEmpty()
                                  ? tr("The rows could not be read: %1").arg(m_rows->error())
                              : m_rows->table().name.isEmpty() ? tr("Select a table to see its changed rows.")
                              : m_rows->totalRows() == 0
                                  ? tr("No rows of the kinds shown changed in %1.").arg(m_rows->table().name)
                                  : tr("%1 changed rows in %2", nullptr, pluralCount(m_rows->totalRows()))
                                        .arg(groupedNumber(m_rows->totalRows()), m_rows->table().name));
        setTone(m_rowsStatus, m_rows->error().isEmpty() ? Tone::Muted : Tone::Error);
        if (std::exchange(m_fitPending, false) && m_rows->error().isEmpty())
            fitColumns();
        showCurrentCell();
    });
    connect(m_grid->view()->selectionModel(), &QItemSelectionModel::currentChanged, this,
            &CompareTab::showCurrentCell);
    connect(m_rows, &QAbstractItemModel::modelReset, this, [this] {
        connect(m_grid->view()->selectionModel(), &QItemSelectionModel::currentChanged, this,
                &CompareTab::showCurrentCell, Qt::UniqueConnection);
    });
    m_rowsStatus = new QLabel(tr("Select a table to see its changed rows."), this);
    setTone(m_rowsStatus, Tone::Muted);
    m_beforeViewer = new ValueViewer(this);
    m_afterViewer = new ValueViewer(this);
    // Tabs, not two viewers stacked: each needs its own height, and both would not fit at 800×600.
    m_values = new QTabWidget(this);
    m_values->setObjectName(QStringLiteral("compareValues"));
    m_values->setDocumentMode(true);
    m_values->addTab(m_beforeViewer, tr("Before (A)"));
    m_values->addTab(m_afterViewer, tr("After (B)"));
    // Below its viewers' own least size (a header, buttons and a view each): at 800×600 they get more than
    // this anyway, and a window never grows for them.
    m_values->setMinimumSize(m_values->minimumSizeHint().width(), m_values->fontMetrics().height() * 6);
    auto* rowsPage = new QWidget(this);
    auto* rowsLayout = new QVBoxLayout(rowsPage);
    rowsLayout->setContentsMargins(0, 0, 0, 0);
    rowsLayout->addWidget(m_rowsStatus);
    auto* rowsSplit = new QSplitter(Qt::Horizontal, rowsPage);
    rowsSplit->addWidget(m_grid);
    rowsSplit->addWidget(m_values);
    rowsSplit->setStretchFactor(0, 2);
    rowsSplit->setStretchFactor(1, 1);
    rowsLayout->addWidget(rowsSplit, 1);

    m_schema = new QTreeWidget(this);
    m_schema->setRootIsDecorated(false);
    m_schema->setHeaderLabels({tr("Change"), tr("Type"), tr("Name"), tr("Table")});
    connect(m_schema, &QTreeWidget::currentItemChanged, this, &CompareTab::showSelectedSchemaChange);
    m_sqlBefore = sqlView(this);
    m_sqlAfter = sqlView(this);
    auto* sqlSplit = new QSplitter(Qt::Horizontal, this);
    sqlSplit->addWidget(titled(tr("SQL before (A)"), m_sqlBefore, sqlSplit));
    sqlSplit->addWidget(titled(tr("SQL after (B)"), m_sqlAfter, sqlSplit));
    auto* schemaSplit = new QSplitter(Qt::Vertical, this);
    schemaSplit->addWidget(m_schema);
    schemaSplit->addWidget(sqlSplit);

    auto* pages = new QTabWidget(this);
    pages->setObjectName(QStringLiteral("comparePages"));
    pages->setDocumentMode(true);
    pages->addTab(rowsPage, tr("Rows"));
    pages->addTab(schemaSplit, tr("Schema"));

    auto* split = new QSplitter(Qt::Vertical, this);
    split->addWidget(m_summary);
    split->addWidget(pages);
    split->setStretchFactor(0, 1);
    split->setStretchFactor(1, 3);

    auto* layout = new QVBoxLayout(this);
    layout->addLayout(head);
    layout->addWidget(m_status);
    layout->addLayout(filters);
    layout->addWidget(split, 1);
}

CompareTab::~CompareTab() {
    if (m_job && m_job->isRunning())
        m_job->cancel(); // a closed tab wants no more of it
    m_rows->shutdown();  // its cursor goes before the comparison; m_thread (a member) then waits for both
}

QCheckBox* CompareTab::kindFilter(int kind) const {
    return kind == ChangedRowsModel::Added     ? m_added
           : kind == ChangedRowsModel::Removed ? m_removed
                                               : m_changed;
}

void CompareTab::attach(Job* job) {
    m_job = job;
    m_cancel->setEnabled(true);
    connect(job, &Job::progressChanged, this, &CompareTab::takeFeed);
    connect(job, &Job::finished, this, &CompareTab::onJobFinished);
}

void CompareTab::takeFeed() {
    QList<TableComparison> compared;
    {
        std::lock_guard lock(m_feed->mutex);
        if (m_feed->opened && m_schemaChanges.isEmpty() && m_schema->topLevelItemCount() == 0) {
            m_schemaChanges = m_feed->schemaChanges;
            for (const SchemaChange& c : std::as_const(m_schemaChanges)) {
                auto* item = new QTreeWidgetItem(m_schema, {schemaKindText(c.kind), c.type, c.name, c.table});
                Q_UNUSED(item);
            }
        }
        compared.swap(m_feed->compared);
    }
    for (const TableComparison& t : std::as_const(compared))
        addTable(t);
    if (m_job && m_job->isRunning())
        m_status->setText(phaseText(m_job->progress()));
}

void CompareTab::addTable(const TableComparison& t) {
    m_tables << t;
    auto* item = new QTreeWidgetItem(m_summary);
    item->setText(NameColumn, t.name);
    item->setText(AddedColumn, groupedNumber(t.rowsAdded));
    item->setText(RemovedColumn, groupedNumber(t.rowsRemoved));
    item->setText(ChangedColumn, groupedNumber(t.rowsChanged));
    item->setText(UnchangedColumn, groupedNumber(t.rowsUnchanged));
    item->setText(KeyColumn, keyText(t));
    item->setText(NotesColumn, notesText(t));
    item->setToolTip(NotesColumn, notesText(t));
    for (int c = AddedColumn; c <= UnchangedColumn; ++c)
        item->setTextAlignment(c, Qt::AlignRight | Qt::AlignVCenter);
    if (!t.error.isEmpty())
        item->setForeground(NotesColumn, Tones::of(palette()).error);
    if (!t.hasDifferences())
        item->setForeground(NameColumn, Tones::of(palette()).muted);
    for (int c = NameColumn; c < NotesColumn; ++c) // the counts as wide as they are: room for the notes
        m_summary->resizeColumnToContents(c);
    applyFilters();
    // The first table with differences shows at once, without waiting for the others.
    if (!m_summary->currentItem() && t.hasDifferences() && !item->isHidden())
        m_summary->setCurrentItem(item);
}

void CompareTab::applyFilters() {
    const QString text = m_tableFilter->text().trimmed();
    for (int i = 0; i < m_summary->topLevelItemCount(); ++i) {
        QTreeWidgetItem* item = m_summary->topLevelItem(i);
        item->setHidden(!text.isEmpty() && !item->text(NameColumn).contains(text, Qt::CaseInsensitive));
    }
    for (int i = 0; i < m_schema->topLevelItemCount(); ++i) {
        QTreeWidgetItem* item = m_schema->topLevelItem(i);
        item->setHidden(!text.isEmpty() && !item->text(3).contains(text, Qt::CaseInsensitive) &&
                        !item->text(2).contains(text, Qt::CaseInsensitive));
    }
    if (m_summary->currentItem() && m_summary->currentItem()->isHidden())
        m_summary->setCurrentItem(nullptr);
    showSelectedTable();
}

bool CompareTab::selectTable(const QString& table) {
    for (int i = 0; i < m_summary->topLevelItemCount(); ++i)
        if (QTreeWidgetItem* item = m_summary->topLevelItem(i);
            item->text(NameColumn) == table && !item->isHidden()) {
            m_summary->setCurrentItem(item);
            return true;
        }
    return false;
}

void CompareTab::showSelectedTable() {
    if (!m_rows)
        return;
    int kinds = 0;
    if (m_added->isChecked())
        kinds |= ChangedRowsModel::Added;
    if (m_removed->isChecked())
        kinds |= ChangedRowsModel::Removed;
    if (m_changed->isChecked())
        kinds |= ChangedRowsModel::Changed;
    QTreeWidgetItem* item = m_summary->currentItem();
    const int i = item ? m_summary->indexOfTopLevelItem(item) : -1;
    const TableComparison table = i >= 0 && i < m_tables.size() ? m_tables[i] : TableComparison();
    if (table.name == m_rows->table().name && kinds == m_rows->kinds() &&
        table.counted == m_rows->table().counted)
        return;
    m_grid->stopFollowingEnd();
    m_fitPending = table.name != m_rows->table().name; // a filter's change keeps the user's widths
    m_rows->setTable(table, kinds);
    m_beforeViewer->clear();
    m_afterViewer->clear();
}

void CompareTab::showCurrentCell() {
    const QModelIndex index = m_grid->view()->currentIndex();
    if (!index.isValid() || index.column() == 0 || index.row() >= m_rows->rowCount()) {
        m_beforeViewer->clear();
        m_afterViewer->clear();
        return;
    }
    const QString column = m_rows->columnName(index.column());
    const QString type = m_rows->declaredType(index.column());
    const bool hasBefore = index.data(ChangedRowsModel::HasBeforeRole).toBool();
    const bool hasAfter = index.data(ChangedRowsModel::HasAfterRole).toBool();
    if (hasBefore)
        m_beforeViewer->showValue(index.data(ChangedRowsModel::BeforeRole), column, type);
    else
        m_beforeViewer->clear();
    if (hasAfter)
        m_afterViewer->showValue(index.data(ChangedRowsModel::AfterRole), column, type);
    else
        m_afterViewer->clear();
    // A cell one side lacks (an added or removed row): the side that has it comes forward.
    if (hasBefore != hasAfter)
        m_values->setCurrentWidget(hasBefore ? m_beforeViewer : m_afterViewer);
}

void CompareTab::fitColumns() {
    // As the preview grid fits a new table (GridCommands::fitNewTable): the header and the first page,
    // within bounds, the first columns only (a table of thousands costs no more than a screenful).
    QTableView* view = m_grid->view();
    const int measured = std::min(m_rows->columnCount(), 64);
    for (int c = 0; c < measured; ++c) {
        view->resizeColumnToContents(c);
        view->setColumnWidth(c, std::clamp(view->columnWidth(c), kFittedWidthMin, kFittedWidthCap));
    }
}

void CompareTab::showSelectedSchemaChange() {
    QTreeWidgetItem* item = m_schema->currentItem();
    const int i = item ? m_schema->indexOfTopLevelItem(item) : -1;
    const SchemaChange change = i >= 0 && i < m_schemaChanges.size() ? m_schemaChanges[i] : SchemaChange();
    m_sqlBefore->setPlainText(change.sqlBefore);
    m_sqlAfter->setPlainText(change.sqlAfter);
}

void CompareTab::onJobFinished() {
    takeFeed();
    m_cancel->setEnabled(false);
    if (!m_job)
        return;
    m_export->setEnabled(m_job->state() == Job::State::Succeeded);
    switch (m_job->state()) {
    case Job::State::Succeeded: {
        const auto* summary = m_job->resultAs<ComparisonSummary>();
        const bool same = summary && (summary->identical() || summary->sameFile);
        m_status->setText(comparetexts::succeededText(summary, m_tables, m_schemaChanges.size()));
        setTone(m_status, same ? Tone::Success : Tone::Normal);
        break;
    }
    case Job::State::Failed:
        m_status->setText(
            tr("The comparison failed: %1").arg(m_job->error() ? m_job->error()->message : QString()));
        setTone(m_status, Tone::Error);
        break;
    case Job::State::Cancelled: {
        qsizetype total = 0;
        {
            std::lock_guard lock(m_feed->mutex); // the job has ended; the lock says who may touch the feed
            total = m_feed->plans.size();
        }
        m_status->setText(comparetexts::cancelledText(m_tables.size(), total));
        setTone(m_status, Tone::Warning);
    } break;
    case Job::State::Running:
        break;
    }
}

void CompareTab::exportAs(bool sql) {
    if (!m_export->isEnabled()) // the comparison has not run to its end: there is nothing whole to write
        return;
    QString path;
    if (chooseExportFile) {
        path = chooseExportFile(sql);
    } else {
        const QString name = QFileInfo(m_before).completeBaseName() + QStringLiteral(" to ") +
                             QFileInfo(m_after).completeBaseName() +
                             (sql ? QStringLiteral(".sql") : QStringLiteral(".json"));
        path = QFileDialog::getSaveFileName(
            this, sql ? tr("Export Comparison as SQL") : tr("Export Comparison as JSON"),
            QFileInfo(m_after).absoluteDir().filePath(name), sql ? tr("SQL (*.sql)") : tr("JSON (*.json)"));
    }
    if (!path.isEmpty())
        emit jobRequested(JobSpecs::compareExport(m_before, m_after, path, sql));
}

} // namespace sqlsnap::ui

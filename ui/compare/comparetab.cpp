#include "compare/comparetab.h"

#include "common/elidedlabel.h"
#include "common/format.h"
#include "common/tones.h"
#include "compare/changedrowsmodel.h"
#include "compare/compareorigin.h"
#include "compare/comparetexts.h"
#include "compare/comparisonthread.h"
#include "jobs/job.h"
#include "jobs/jobspecs.h"
#include "preview/valueviewer.h"
#include "preview/windowedgrid.h"

#include <QCheckBox>
#include <QFileInfo>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QScopedValueRollback>
#include <QTabWidget>
#include <QTableView>
#include <QTreeWidget>

namespace sqlsnap::ui {

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
} // namespace

using comparetexts::keyText;
using comparetexts::notesText;
using comparetexts::schemaKindText;

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

// "added, removed": the kinds of change the grid shows.
QString CompareTab::shownKinds() const {
    QStringList kinds;
    if (m_added->isChecked())
        kinds << tr("added");
    if (m_removed->isChecked())
        kinds << tr("removed");
    if (m_changed->isChecked())
        kinds << tr("changed");
    return kinds.join(QStringLiteral(", "));
}

void CompareTab::setStatus(const QString& text, const QString& toolTip) {
    m_status->setFullText(text);
    m_status->setToolTip(toolTip.isEmpty() ? text : toolTip);
}

void CompareTab::onRowsLoaded() {
    m_grid->totalChanged();
    const QString rowsText =
        !m_rows->error().isEmpty()       ? tr("The rows could not be read: %1").arg(m_rows->error())
        : m_rows->table().name.isEmpty() ? tr("Select a table to see its changed rows.")
        : m_rows->totalRows() == 0 ? tr("No rows of the kinds shown changed in %1.").arg(m_rows->table().name)
        : m_added->isChecked() && m_removed->isChecked() && m_changed->isChecked()
            ? tr("%1 changed rows in %2", nullptr, pluralCount(m_rows->totalRows()))
                  .arg(groupedNumber(m_rows->totalRows()), m_rows->table().name)
            // Some kinds left out: the count is of the kinds shown, and says which.
            : tr("%1 rows in %2 (%3)", nullptr, pluralCount(m_rows->totalRows()))
                  .arg(groupedNumber(m_rows->totalRows()), m_rows->table().name, shownKinds());
    m_rowsStatus->setFullText(rowsText); // elided beside the viewers: the tooltip has it whole
    m_rowsStatus->setToolTip(rowsText);
    setTone(m_rowsStatus, m_rows->error().isEmpty() ? Tone::Muted : Tone::Error);
    if (std::exchange(m_fitPending, false) && m_rows->error().isEmpty())
        fitColumns();
    else if (m_rows->error().isEmpty())
        growColumnsToRows();
    showCurrentCell();
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
        if (m_feed->opened && !m_opened) {
            m_opened = true;
            const QString notice = differentDatabasesNotice(m_feed->originA, m_feed->originB, m_feed->plans);
            m_notice->setFullText(notice);
            m_notice->setToolTip(notice);
            m_notice->setVisible(!notice.isEmpty());
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
        setStatus(phaseText(m_job->progress()));
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
    if (m_tables.size() == 1)
        balanceSplit(); // with the row's real height
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
        m_values->setCurrentIndex(hasBefore ? 0 : 1); // the tabs hold the viewers' scroll areas
}

void CompareTab::fitColumns() {
    // As the preview grid fits a new table (GridCommands::fitNewTable): the header and the first page,
    // within bounds, the first columns only (a table of thousands costs no more than a screenful).
    QTableView* view = m_grid->view();
    const QScopedValueRollback fitting(m_fitting, true);
    m_userWidths.clear();
    const int measured = std::min(m_rows->columnCount(), 64);
    for (int c = 0; c < measured; ++c) {
        view->resizeColumnToContents(c);
        view->setColumnWidth(c, std::clamp(view->columnWidth(c), kFittedWidthMin, kFittedWidthCap));
    }
}

// Rows further on can be wider than the first page ("12 → 13" after "1 → 2", a key of seven digits after
// one): as the window moves, a column grows to the rows in sight (within the cap), never shrinks, and one
// the user sized stays as the user left it.
void CompareTab::growColumnsToRows() {
    QTableView* view = m_grid->view();
    const QScopedValueRollback fitting(m_fitting, true);
    const int measured = std::min(m_rows->columnCount(), 64);
    for (int c = 0; c < measured; ++c)
        if (!m_userWidths.contains(c))
            if (const int wanted =
                    std::min(static_cast<QAbstractItemView*>(view)->sizeHintForColumn(c), kFittedWidthCap);
                wanted > view->columnWidth(c))
                view->setColumnWidth(c, wanted);
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
        setStatus(comparetexts::succeededText(summary, m_tables, m_schemaChanges.size()));
        setTone(m_status, same ? Tone::Success : Tone::Normal);
        break;
    }
    case Job::State::Failed:
        setStatus(tr("The comparison failed: %1").arg(m_job->error() ? m_job->error()->message : QString()));
        setTone(m_status, Tone::Error);
        break;
    case Job::State::Cancelled: {
        qsizetype total = 0;
        {
            std::lock_guard lock(m_feed->mutex); // the job has ended; the lock says who may touch the feed
            total = m_feed->plans.size();
        }
        setStatus(comparetexts::cancelledText(m_tables.size(), total),
                  comparetexts::cancelledToolTip(m_tables.size(), total));
        setTone(m_status, Tone::Warning);
    } break;
    case Job::State::Running:
        break;
    }
}

QString CompareTab::exportFileName(bool sql) const {
    return QFileInfo(m_before).completeBaseName() + QStringLiteral(" to ") +
           QFileInfo(m_after).completeBaseName() + (sql ? QStringLiteral(".sql") : QStringLiteral(".json"));
}

void CompareTab::exportAs(bool sql) {
    if (!m_export->isEnabled()) // the comparison has not run to its end: there is nothing whole to write
        return;
    const QString path = chooseExportFile ? chooseExportFile(sql) : QString();
    if (!path.isEmpty())
        emit jobRequested(JobSpecs::compareExport(m_before, m_after, path, sql));
}

} // namespace sqlsnap::ui

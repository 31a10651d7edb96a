#include "compare/comparetab.h"

#include "common/format.h"
#include "common/tones.h"
#include "compare/changedrowsmodel.h"
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

QString keyText(const TableComparison& t) {
    switch (t.key) {
    case RowKey::PrimaryKey:
        return CompareTab::tr("primary key (%1)").arg(t.keyColumns.join(QStringLiteral(", ")));
    case RowKey::Rowid:
        return CompareTab::tr("rowid");
    case RowKey::None:
        break;
    }
    return CompareTab::tr("none");
}

QString notesText(const TableComparison& t) {
    QStringList notes;
    if (!t.error.isEmpty())
        notes << CompareTab::tr("could not be compared: %1").arg(t.error);
    if (!t.inA)
        notes << CompareTab::tr("only in B");
    if (!t.inB)
        notes << CompareTab::tr("only in A");
    if (t.definitionChanged)
        notes << CompareTab::tr("definition changed");
    if (!t.columnsOnlyInA.isEmpty())
        notes << CompareTab::tr("columns only in A: %1").arg(t.columnsOnlyInA.join(QStringLiteral(", ")));
    if (!t.columnsOnlyInB.isEmpty())
        notes << CompareTab::tr("columns only in B: %1").arg(t.columnsOnlyInB.join(QStringLiteral(", ")));
    notes << t.warnings;
    return notes.join(QStringLiteral("; "));
}

QString schemaKindText(SchemaChange::Kind kind) {
    switch (kind) {
    case SchemaChange::Kind::Added:
        return CompareTab::tr("added");
    case SchemaChange::Kind::Removed:
        return CompareTab::tr("removed");
    case SchemaChange::Kind::Changed:
        break;
    }
    return CompareTab::tr("changed");
}

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
    auto* names = new QLabel(
        tr("<b>A</b> (before): %1 &nbsp; → &nbsp; <b>B</b> (after): %2")
            .arg(QFileInfo(before).fileName().toHtmlEscaped(), QFileInfo(after).fileName().toHtmlEscaped()),
        this);
    names->setToolTip(before + QLatin1Char('\n') + after);
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
    auto* head = new QHBoxLayout;
    head->addWidget(names, 1);
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
    // Room for a few tables even at 800×600 (the grid below takes the rest).
    m_summary->setMinimumHeight(m_summary->fontMetrics().height() * 7);
    connect(m_summary, &QTreeWidget::currentItemChanged, this, &CompareTab::showSelectedTable);

    m_rows = new ChangedRowsModel(m_thread.get(), this);
    m_grid = new WindowedGrid(m_rows, m_rows, this);
    m_grid->view()->setSelectionBehavior(QAbstractItemView::SelectItems);
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
    auto* values = new QSplitter(Qt::Vertical, this);
    values->addWidget(titled(tr("<b>Before</b> (A)"), m_beforeViewer, values));
    values->addWidget(titled(tr("<b>After</b> (B)"), m_afterViewer, values));
    auto* rowsPage = new QWidget(this);
    auto* rowsLayout = new QVBoxLayout(rowsPage);
    rowsLayout->setContentsMargins(0, 0, 0, 0);
    rowsLayout->addWidget(m_rowsStatus);
    auto* rowsSplit = new QSplitter(Qt::Horizontal, rowsPage);
    rowsSplit->addWidget(m_grid);
    rowsSplit->addWidget(values);
    rowsSplit->setStretchFactor(0, 3);
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
    if (index.data(ChangedRowsModel::HasBeforeRole).toBool())
        m_beforeViewer->showValue(index.data(ChangedRowsModel::BeforeRole), column);
    else
        m_beforeViewer->clear();
    if (index.data(ChangedRowsModel::HasAfterRole).toBool())
        m_afterViewer->showValue(index.data(ChangedRowsModel::AfterRole), column);
    else
        m_afterViewer->clear();
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
    switch (m_job->state()) {
    case Job::State::Succeeded: {
        const auto* summary = m_job->resultAs<ComparisonSummary>();
        const bool same = summary && summary->identical();
        const qint64 schema = m_schemaChanges.size();
        const qint64 differing = std::count_if(m_tables.begin(), m_tables.end(),
                                               [](const TableComparison& t) { return t.hasDifferences(); });
        m_status->setText(
            same
                ? tr("A and B hold the same schema and rows.")
                : tr("%1; %2.").arg(
                      tr("%1 schema changes", nullptr, pluralCount(schema)).arg(groupedNumber(schema)),
                      tr("%1 tables differ", nullptr, pluralCount(differing)).arg(groupedNumber(differing))));
        setTone(m_status, same ? Tone::Success : Tone::Normal);
        break;
    }
    case Job::State::Failed:
        m_status->setText(
            tr("The comparison failed: %1").arg(m_job->error() ? m_job->error()->message : QString()));
        setTone(m_status, Tone::Error);
        break;
    case Job::State::Cancelled:
        m_status->setText(tr("The comparison was cancelled; the tables above were compared."));
        setTone(m_status, Tone::Warning);
        break;
    case Job::State::Running:
        break;
    }
}

void CompareTab::exportAs(bool sql) {
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

// How the preview is put together: its toolbar, the grid with its filter row, the schema view, the
// splitter between them and the actions (previewwidget.cpp is what they do).
#include "preview/previewwidget.h"

#include "common/elidedlabel.h"
#include "common/format.h"
#include "preview/filterheader.h"
#include "preview/findpanel.h"
#include "preview/gridcommands.h"
#include "preview/sqlconsole.h"
#include "preview/structureview.h"
#include "preview/tablelist.h"
#include "preview/valueviewer.h"

#include <QAction>
#include <QApplication>
#include <QFileInfo>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QKeyEvent>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QScrollBar>
#include <QSplitter>
#include <QTabWidget>
#include <QTableView>
#include <QTimer>
#include <QVBoxLayout>

namespace sqlsnap::ui {

QLayout* PreviewWidget::createToolbar() {
    // The snapshot's name gives way (elided in the middle) before the buttons do.
    auto* title = new ElidedLabel(this);
    title->setObjectName(QStringLiteral("previewTitle"));
    QFont bold = title->font();
    bold.setBold(true);
    title->setFont(bold);
    title->setFullText(QFileInfo(m_path).fileName());
    title->setToolTip(m_path);
    auto* readOnly = new QLabel(tr("— read-only"), this);
    auto* exportButton = new QPushButton(tr("Export…"), this);
    exportButton->setToolTip(tr("Write this snapshot to a file you choose"));
    connect(exportButton, &QPushButton::clicked, this, [this] { emit exportRequested(m_path); });
    auto* head = new QHBoxLayout;
    head->addWidget(title);
    head->addWidget(readOnly);
    head->addStretch(1);
    head->addWidget(exportButton);
    m_error = new QLabel(this);
    m_error->setWordWrap(true);
    setTone(m_error, Tone::Error);
    m_error->hide();
    return head;
}

void PreviewWidget::createGrid() {
    m_filter = new QLineEdit(this);
    m_filter->setPlaceholderText(tr("Filter rows (any column contains…)"));
    m_filter->setAccessibleName(tr("Filter rows"));
    m_filter->setClearButtonEnabled(true);
    m_filter->installEventFilter(this);
    m_filterDelay = new QTimer(this);
    m_filterDelay->setSingleShot(true);
    m_filterDelay->setInterval(250);
    connect(m_filter, &QLineEdit::textChanged, m_filterDelay, qOverload<>(&QTimer::start));
    connect(m_filterDelay, &QTimer::timeout, this, [this] {
        m_model->setFilter(RowFilter{m_filter->text(), m_header->columnFilters()});
    });

    m_grid = new WindowedGrid(m_model, m_model, this);
    m_view = m_grid->view();
    m_view->setObjectName(QStringLiteral("dataView"));
    m_view->setAccessibleName(tr("Rows"));
    m_header = new FilterHeader(m_view);
    m_view->setHorizontalHeader(m_header);
    m_header->setDefaultSectionSize(140);
    connect(m_header, &FilterHeader::filtersChanged, m_filterDelay, qOverload<>(&QTimer::start));
    connect(m_header, &FilterHeader::filtersChanged, this, &PreviewWidget::updateStatus);
    // A header click sorts (ascending, descending, off), as in DB Browser, instead of selecting the
    // column; the model sorts, never the view.
    m_header->setSectionsClickable(true);
    m_header->setSortIndicatorShown(false);
    disconnect(m_header, &QHeaderView::sectionPressed, m_view, &QTableView::selectColumn);
    connect(m_header, &QHeaderView::sectionClicked, this, &PreviewWidget::onHeaderClicked);
    m_status = new QLabel(this);
    m_status->setObjectName(QStringLiteral("previewStatus"));
    m_status->setWordWrap(true); // a narrow window: the counts wrap instead of widening it
    m_stopSort = new QPushButton(tr("Stop Sorting"), this);
    m_stopSort->setObjectName(QStringLiteral("stopSorting"));
    m_stopSort->setToolTip(tr("Go back to the table's own order"));
    m_stopSort->hide();
    connect(m_stopSort, &QPushButton::clicked, this, [this] { sortBy(-1, false); });

    auto* exportTable = new QPushButton(tr("Export Table…"), this);
    exportTable->setToolTip(tr("Write the rows shown (all of them, filtered as shown) as CSV or JSON"));
    connect(exportTable, &QPushButton::clicked, this, [this] {
        if (!m_model->table().isEmpty())
            emit tableExportRequested(m_path, m_model->table(), m_model->rowFilter(), m_model->order());
    });
    auto* filterRow = new QHBoxLayout;
    filterRow->addWidget(m_filter, 1);
    filterRow->addWidget(exportTable);
    m_valueToggle = new QPushButton(tr("Value"), this);
    m_valueToggle->setObjectName(QStringLiteral("valuePanelToggle"));
    m_valueToggle->setCheckable(true);
    m_valueToggle->setToolTip(
        tr("Show the selected cell's whole value beside the rows (text, JSON, hex, image)"));
    filterRow->addWidget(m_valueToggle);
    m_dataPage = new QWidget(this);
    auto* dataLayout = new QVBoxLayout(m_dataPage);
    dataLayout->setContentsMargins(0, 4, 0, 0);
    dataLayout->addLayout(filterRow);
    // The value of the current cell, whole, beside the grid; a button (remembered) hides it.
    m_valueViewer = new ValueViewer(this);
    m_valueViewer->setObjectName(QStringLiteral("valueViewer"));
    m_valueSplitter =
        placeBesideGrid(m_grid, m_valueViewer, m_valueToggle, this, [this] { showCurrentValue(); });
    dataLayout->addWidget(m_valueSplitter, 1);
    auto* statusRow = new QHBoxLayout;
    statusRow->addWidget(m_status, 1);
    statusRow->addWidget(m_stopSort);
    dataLayout->addLayout(statusRow);
}

void PreviewWidget::createSchemaView() {
    m_schema = new QPlainTextEdit(this);
    m_schema->setReadOnly(true);
    m_schema->setAccessibleName(tr("Schema"));
    QFont mono(QStringLiteral("monospace"));
    mono.setStyleHint(QFont::Monospace);
    m_schema->setFont(mono);
}

QSplitter* PreviewWidget::createSplitter() {
    m_tabs = new QTabWidget(this);
    m_tabs->addTab(m_dataPage, tr("Data"));
    m_tabs->addTab(m_schema, tr("Schema"));
    m_structure = new StructureView(this);
    m_tabs->addTab(m_structure, tr("Structure"));
    m_tabs->addTab(new SqlConsole(m_path, this), tr("SQL"));
    connect(m_tabs, &QTabWidget::currentChanged, this, [this](int index) {
        if (m_tabs->widget(index) == m_structure && !m_structureAsked) {
            m_structureAsked = true;
            readStructure();
        }
    });
    connect(m_structure, &StructureView::openTableRequested, this, [this](const QString& name) {
        selectTable(name);
        m_tabs->setCurrentWidget(m_dataPage);
    });
    m_splitter = new QSplitter(this);
    m_splitter->addWidget(m_tables);
    m_splitter->addWidget(m_tabs);
    // The grid gets most of the room, at any size: the table list a fifth of it.
    m_splitter->setStretchFactor(0, 1);
    m_splitter->setStretchFactor(1, 4);
    m_splitter->setSizes({170, 680});
    return m_splitter;
}

void PreviewWidget::createActions() {
    m_commands = new GridCommands(m_view, m_model, [this](qint64 row) { m_grid->goToRow(row); });
    auto* find = new QAction(this);
    find->setShortcut(QKeySequence::Find);
    find->setShortcutContext(Qt::WidgetWithChildrenShortcut);
    connect(find, &QAction::triggered, m_filter, [this] {
        m_filter->setFocus();
        m_filter->selectAll();
    });
    addAction(find);
    auto* findAll = new QAction(tr("Find in Snapshot…"), this);
    findAll->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_F));
    findAll->setShortcutContext(Qt::WidgetWithChildrenShortcut);
    connect(findAll, &QAction::triggered, this, [this] { FindPanel::showFor(this); });
    addAction(findAll);
}

} // namespace sqlsnap::ui

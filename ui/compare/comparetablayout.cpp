// How the Compare tab is put together: the header (A → B, Cancel, Export), the status and the origin
// notice, the filters, and the splitter of the summary over the Rows and Schema pages; and how that
// splitter shares the height (balanceSplit). The flow (the feed, the filters, the job's end) is in
// comparetab.cpp.
#include "compare/comparetab.h"

#include "common/elidedlabel.h"
#include "common/tones.h"
#include "compare/changedrowsmodel.h"
#include "compare/comparenames.h"
#include "compare/comparisonthread.h"
#include "jobs/job.h"
#include "preview/valueviewer.h"
#include "preview/windowedgrid.h"

#include <QCheckBox>
#include <QDir>
#include <QFontDatabase>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QMenu>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QScrollArea>
#include <QScrollBar>
#include <QSplitter>
#include <QStyle>
#include <QTabWidget>
#include <QTableView>
#include <QTimer>
#include <QTreeWidget>
#include <QVBoxLayout>

namespace sqlsnap::ui {

namespace {
// The summary's share of the height until the user moves the splitter: this many tables in sight (an
// 800×600 window included), or a quarter of a taller tab.
constexpr int kSummaryRows = 6;

QPlainTextEdit* sqlView(QWidget* parent) {
    auto* edit = new QPlainTextEdit(parent);
    edit->setReadOnly(true);
    // Wrapped: at 800×600 a box is a third of the page wide, and a view's change sits at its statement's end.
    edit->setLineWrapMode(QPlainTextEdit::WidgetWidth);
    edit->setWordWrapMode(QTextOption::WrapAtWordBoundaryOrAnywhere);
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

ElidedLabel* distinctNameLabel(const QString& caption, const QString& shortCaption, const QString& path,
                               const QString& other, QWidget* parent) {
    auto* label = new ElidedLabel(parent);
    ElisionParts parts = comparenames::distinctName(path, other);
    parts.lead = caption;
    parts.shortLead = shortCaption;
    label->setFullText(parts);
    label->setToolTip(caption + QDir::toNativeSeparators(path));
    return label;
}
} // namespace

CompareTab::CompareTab(const QString& before, const QString& after, QWidget* parent)
    : QWidget(parent), m_before(before), m_after(after), m_feed(std::make_shared<CompareFeed>()),
      m_thread(std::make_unique<ComparisonThread>(before, after)) {
    // Elided, each name on its own: two long snapshot names must never widen the window, and neither
    // may hide the other; what is elided first is what both names share.
    m_nameA = distinctNameLabel(tr("A (before): "), tr("A: "), before, after, this);
    m_nameB = distinctNameLabel(tr("B (after): "), tr("B: "), after, before, this);
    // One line: a long status (a cancel, an error) elides, its tooltip holds the whole.
    m_status = new ElidedLabel(this, Qt::ElideRight);
    setStatus(tr("Comparing…"));
    m_notice = new ElidedLabel(this, Qt::ElideRight);
    setTone(m_notice, Tone::Warning);
    m_notice->hide();
    m_cancel = new QPushButton(tr("Cancel"), this);
    m_cancel->setEnabled(false);
    connect(m_cancel, &QPushButton::clicked, this, [this] {
        if (m_job)
            m_job->cancel();
    });
    m_export = new QPushButton(tr("Export"), this);
    // The whole comparison, every table and kind of change, whatever the filters show (a document or a
    // script of part of it would read as the whole): the entries say so.
    m_export->setToolTip(tr("Write the whole comparison to a file (every table and change, whatever the "
                            "filters show): a JSON document, or the SQL that turns A into B"));
    auto* exportMenu = new QMenu(m_export);
    exportMenu->setToolTipsVisible(true);
    exportMenu->addAction(tr("Whole Comparison as JSON…"), this, [this] { exportAs(false); });
    exportMenu->addAction(tr("Whole Comparison as SQL…"), this, [this] { exportAs(true); });
    m_export->setMenu(exportMenu);
    // Only a comparison that ran to its end is exported (docs/app.md, "Compare").
    m_export->setEnabled(false);
    // The names have the header's whole width (at 800×600 each needs it for its date and time); the
    // buttons go beside the status, which is one line.
    auto* head = new QHBoxLayout;
    head->addWidget(m_nameA, 1);
    head->addWidget(new QLabel(QStringLiteral("→"), this));
    head->addWidget(m_nameB, 1);
    auto* statusRow = new QHBoxLayout;
    statusRow->addWidget(m_status, 1);
    statusRow->addWidget(m_cancel);
    statusRow->addWidget(m_export);

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
    // The least height is a few lines, and no more: the tab's least height must leave an 800×600 window
    // its size. What it gets beyond that is balanceSplit()'s.
    m_summary->setMinimumHeight(m_summary->fontMetrics().height() * 4);
    connect(m_summary, &QTreeWidget::currentItemChanged, this, &CompareTab::showSelectedTable);

    m_rows = new ChangedRowsModel(m_thread.get(), this);
    m_grid = new WindowedGrid(m_rows, m_rows, this);
    m_grid->view()->setSelectionBehavior(QAbstractItemView::SelectItems);
    // Fitting measures the rows on screen only, not the whole window of 500 (tens of ms of GUI thread).
    m_grid->view()->horizontalHeader()->setResizeContentsPrecision(0);
    connect(m_rows, &ChangedRowsModel::loaded, this, &CompareTab::onRowsLoaded);
    connect(m_grid->view()->horizontalHeader(), &QHeaderView::sectionResized, this, [this](int column) {
        if (!m_fitting)
            m_userWidths.insert(column); // dragged by the user: the tab no longer sizes it
    });
    // Scrolling within the window shows other rows too: their widths are looked at once it rests.
    auto* growSoon = new QTimer(this);
    growSoon->setSingleShot(true);
    growSoon->setInterval(100);
    connect(growSoon, &QTimer::timeout, this, &CompareTab::growColumnsToRows);
    connect(m_grid->view()->verticalScrollBar(), &QScrollBar::valueChanged, growSoon,
            qOverload<>(&QTimer::start));
    connect(m_grid->view()->selectionModel(), &QItemSelectionModel::currentChanged, this,
            &CompareTab::showCurrentCell);
    connect(m_rows, &QAbstractItemModel::modelReset, this, [this] {
        connect(m_grid->view()->selectionModel(), &QItemSelectionModel::currentChanged, this,
                &CompareTab::showCurrentCell, Qt::UniqueConnection);
    });
    m_rowsStatus = new ElidedLabel(this, Qt::ElideRight);
    m_rowsStatus->setFullText(tr("Select a table to see its changed rows."));
    setTone(m_rowsStatus, Tone::Muted);
    m_beforeViewer = new ValueViewer(this);
    m_afterViewer = new ValueViewer(this);
    // Tabs, not two viewers stacked: each needs its own height, and both would not fit at 800×600.
    m_values = new QTabWidget(this);
    m_values->setObjectName(QStringLiteral("compareValues"));
    m_values->setDocumentMode(true);
    // Each viewer in a scroll area: where the page is lower than a viewer's least size (a TEXT value's
    // header, text box, size line and buttons at 800×600), it scrolls instead of its parts overlapping.
    for (ValueViewer* viewer : {m_beforeViewer, m_afterViewer}) {
        auto* scroll = new QScrollArea(this);
        scroll->setWidgetResizable(true);
        scroll->setFrameShape(QFrame::NoFrame);
        scroll->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
        scroll->setWidget(viewer);
        m_values->addTab(scroll, viewer == m_beforeViewer ? tr("Before (A)") : tr("After (B)"));
    }
    // Below its viewers' own least size: at 800×600 they get more than this anyway (and scroll where
    // less), and a window never grows for them.
    m_values->setMinimumSize(m_beforeViewer->minimumSizeHint().width() +
                                 style()->pixelMetric(QStyle::PM_ScrollBarExtent),
                             m_values->fontMetrics().height() * 6);
    // The rows' status over the grid only: the viewers beside have the page's whole height (at 800×600
    // they need every line of it).
    auto* gridColumn = new QWidget(this);
    auto* gridLayout = new QVBoxLayout(gridColumn);
    gridLayout->setContentsMargins(0, 0, 0, 0);
    gridLayout->addWidget(m_rowsStatus);
    gridLayout->addWidget(m_grid, 1);
    auto* rowsPage = new QSplitter(Qt::Horizontal, this);
    rowsPage->addWidget(gridColumn);
    rowsPage->addWidget(m_values);
    rowsPage->setStretchFactor(0, 2);
    rowsPage->setStretchFactor(1, 1);

    m_schema = new QTreeWidget(this);
    m_schema->setRootIsDecorated(false);
    m_schema->setHeaderLabels({tr("Change"), tr("Type"), tr("Name"), tr("Table")});
    connect(m_schema, &QTreeWidget::currentItemChanged, this, &CompareTab::showSelectedSchemaChange);
    m_sqlBefore = sqlView(this);
    m_sqlAfter = sqlView(this);
    auto* sqlSplit = new QSplitter(Qt::Horizontal, this);
    sqlSplit->addWidget(titled(tr("SQL before (A)"), m_sqlBefore, sqlSplit));
    sqlSplit->addWidget(titled(tr("SQL after (B)"), m_sqlAfter, sqlSplit));
    // A few lines each at least: the Schema page's least height is the pages' (a tab widget's is its
    // tallest page's), and the summary above needs that room at 800×600.
    const int line = fontMetrics().height();
    m_schema->setMinimumHeight(line * 4);
    m_sqlBefore->setMinimumHeight(line * 3);
    m_sqlAfter->setMinimumHeight(line * 3);
    auto* schemaSplit = new QSplitter(Qt::Vertical, this);
    schemaSplit->addWidget(m_schema);
    schemaSplit->addWidget(sqlSplit);

    auto* pages = new QTabWidget(this);
    pages->setObjectName(QStringLiteral("comparePages"));
    pages->setDocumentMode(true);
    pages->addTab(rowsPage, tr("Rows"));
    pages->addTab(schemaSplit, tr("Schema"));

    m_split = new QSplitter(Qt::Vertical, this);
    m_split->addWidget(m_summary);
    m_split->addWidget(pages);
    m_split->setStretchFactor(0, 1);
    m_split->setStretchFactor(1, 3);
    connect(m_split, &QSplitter::splitterMoved, this, [this] { m_splitMoved = true; });

    auto* layout = new QVBoxLayout(this);
    layout->addLayout(head);
    layout->addLayout(statusRow);
    layout->addWidget(m_notice);
    layout->addLayout(filters);
    layout->addWidget(m_split, 1);
}

void CompareTab::resizeEvent(QResizeEvent* event) {
    QWidget::resizeEvent(event);
    balanceSplit();
}

void CompareTab::balanceSplit() {
    // A review found 2½ tables in sight at 800×600 with the splitter's stretch alone: the summary is what
    // one reads first, the grid scrolls. Until the user moves the splitter, whose choice then stands.
    if (m_splitMoved || m_split->height() <= 0)
        return;
    const int total = m_split->height() - m_split->handleWidth();
    const QTreeWidgetItem* first = m_summary->topLevelItem(0);
    const int row = first ? m_summary->visualItemRect(first).height() : m_summary->fontMetrics().height() + 4;
    const int wanted = m_summary->header()->sizeHint().height() + kSummaryRows * row +
                       style()->pixelMetric(QStyle::PM_ScrollBarExtent, nullptr, m_summary) +
                       2 * m_summary->frameWidth();
    const int lower = m_split->widget(1)->minimumSizeHint().height();
    const int summary =
        std::max(m_summary->minimumHeight(), std::min(std::max(wanted, total / 4), total - lower));
    if (m_split->sizes().value(0) != summary)
        m_split->setSizes({summary, total - summary});
}

} // namespace sqlsnap::ui

#include "preview/sqlconsole.h"

#include "common/format.h"
#include "preview/queryresultmodel.h"
#include "preview/valueviewer.h"
#include "preview/windowedgrid.h"

#include <QAction>
#include <QApplication>
#include <QClipboard>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QKeyEvent>
#include <QLabel>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QScrollBar>
#include <QSet>
#include <QSplitter>
#include <QTableView>
#include <QTextBlock>
#include <QTimer>
#include <QVBoxLayout>

#include <algorithm>

namespace sqlsnap::ui {

SqlConsole::SqlConsole(const QString& snapshotPath, QWidget* parent)
    : QWidget(parent), m_path(snapshotPath), m_model(new QueryResultModel(this)) {
    m_editor = new QPlainTextEdit(this);
    m_editor->setObjectName(QStringLiteral("consoleEditor"));
    m_editor->setAccessibleName(tr("SQL statement"));
    m_editor->setPlaceholderText(
        tr("SELECT … — Ctrl+Enter runs, Escape interrupts, Ctrl+Up and Ctrl+Down recall. The console only "
           "reads."));
    QFont mono(QStringLiteral("monospace"));
    mono.setStyleHint(QFont::Monospace);
    m_editor->setFont(mono);
    m_editor->setTabChangesFocus(true);
    m_editor->installEventFilter(this);

    m_run = new QPushButton(tr("Run"), this);
    m_run->setToolTip(tr("Run the statement (Ctrl+Enter)"));
    m_interrupt = new QPushButton(tr("Interrupt"), this);
    m_interrupt->setToolTip(tr("Stop the running statement (Escape)"));
    m_interrupt->setEnabled(false);
    m_status = new QLabel(this);
    m_status->setObjectName(QStringLiteral("consoleStatus"));
    m_status->setWordWrap(true); // a narrow window: the status wraps instead of widening it
    setTone(m_status, Tone::Muted);
    m_error = new QLabel(this);
    m_error->setObjectName(QStringLiteral("consoleError"));
    m_error->setWordWrap(true);
    m_error->setTextInteractionFlags(Qt::TextSelectableByMouse);
    setTone(m_error, Tone::Error);
    m_error->hide();
    connect(m_run, &QPushButton::clicked, this, &SqlConsole::run);
    connect(m_interrupt, &QPushButton::clicked, this, &SqlConsole::interrupt);

    auto* bar = new QHBoxLayout;
    bar->addWidget(m_run);
    bar->addWidget(m_interrupt);
    bar->addWidget(m_status, 1);
    m_valueToggle = new QPushButton(tr("Value"), this);
    m_valueToggle->setObjectName(QStringLiteral("consoleValuePanelToggle"));
    m_valueToggle->setCheckable(true);
    m_valueToggle->setToolTip(
        tr("Show the selected cell's whole value beside the rows (text, JSON, hex, image)"));
    bar->addWidget(m_valueToggle);
    auto* top = new QWidget(this);
    auto* topLayout = new QVBoxLayout(top);
    topLayout->setContentsMargins(0, 4, 0, 0);
    topLayout->addWidget(m_editor, 1);
    topLayout->addWidget(m_error);
    topLayout->addLayout(bar);

    m_splitter = new QSplitter(Qt::Vertical, this);
    m_splitter->addWidget(top);
    m_splitter->addWidget(createResultPane());
    m_splitter->setStretchFactor(0, 1);
    m_splitter->setStretchFactor(1, 3);
    m_splitter->setCollapsible(0, false);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_splitter);

    m_tick = new QTimer(this);
    m_tick->setInterval(100);
    connect(m_tick, &QTimer::timeout, this, &SqlConsole::updateStatus);
    connect(m_model, &QueryResultModel::started, this, &SqlConsole::onStarted);
    connect(m_model, &QueryResultModel::failed, this, &SqlConsole::onFailed);
    connect(m_model, &QueryResultModel::countKnown, this, &SqlConsole::updateStatus);
    connect(m_model, &QueryResultModel::pageLoaded, this, &SqlConsole::updateStatus);
    connect(m_model, &QueryResultModel::totalRowsChanged, this, &SqlConsole::onTotalChanged);
}

QWidget* SqlConsole::createResultPane() {
    m_grid = new WindowedGrid(m_model, m_model, this);
    m_grid->tableScrollBar()->setAccessibleName(tr("Rows of the whole result"));
    m_view = m_grid->view();
    m_view->setObjectName(QStringLiteral("consoleResult"));
    m_view->setAccessibleName(tr("Result rows"));

    const auto action = [this](const QString& text, const QKeySequence& keys) {
        auto* a = new QAction(text, m_view);
        a->setShortcut(keys);
        a->setShortcutContext(Qt::WidgetWithChildrenShortcut);
        m_view->addAction(a);
        return a;
    };
    m_copy = action(tr("Copy"), QKeySequence::Copy);
    connect(m_copy, &QAction::triggered, this, [this] { copy(false); });
    m_copyWithHeaders = action(tr("Copy with Headers"), QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_C));
    connect(m_copyWithHeaders, &QAction::triggered, this, [this] { copy(true); });
    m_view->setContextMenuPolicy(Qt::ActionsContextMenu);

    // The current cell's whole value beside the rows, as on the data page (and the same setting).
    m_valueViewer = new ValueViewer(this);
    m_valueViewer->setObjectName(QStringLiteral("consoleValueViewer"));
    m_valueSplitter =
        placeBesideGrid(m_grid, m_valueViewer, m_valueToggle, this, [this] { showCurrentValue(); });
    connect(m_view->selectionModel(), &QItemSelectionModel::currentChanged, this,
            &SqlConsole::showCurrentValue);
    connect(m_model, &QAbstractItemModel::modelReset, this, &SqlConsole::showCurrentValue);
    connect(m_model, &QAbstractItemModel::dataChanged, this,
            [this](const QModelIndex& from, const QModelIndex& to) {
                // Only a value that was waiting for its page: a shown one is not shown again.
                const QModelIndex current = m_view->currentIndex();
                if (m_valuePending && current.isValid() && current.row() >= from.row() &&
                    current.row() <= to.row())
                    showCurrentValue();
            });
    return m_valueSplitter;
}

void SqlConsole::showEvent(QShowEvent* event) {
    // The data page's Value button may have changed the setting since: follow it.
    m_valueToggle->setChecked(valuePanelWanted());
    QWidget::showEvent(event);
}

void SqlConsole::showCurrentValue() {
    m_valuePending = false;
    if (!m_valueToggle->isChecked())
        return;
    const QModelIndex current = m_view->currentIndex();
    if (!current.isValid() || current.column() >= m_model->columns().size()) {
        m_valueViewer->clear();
        return;
    }
    // A row whose page is not held has no value to show yet: the viewer waits for dataChanged.
    if (!m_model->isRowLoaded(m_model->windowStart() + current.row())) {
        m_valueViewer->clear();
        m_valuePending = true;
        return;
    }
    const QueryColumn& column = m_model->columns()[current.column()];
    m_valueViewer->showValue(m_model->data(current, QueryResultModel::RawValueRole), column.name,
                             column.declaredType);
}

void SqlConsole::onTotalChanged() {
    m_grid->totalChanged(); // the scroll bar, and a pending Ctrl+End
    // Rows read past the window's end (no count yet): the window moves on when the view is near it.
    m_grid->scrollToRow(m_grid->topRow());
}

void SqlConsole::copy(bool withHeaders) {
    const QModelIndexList cells = m_view->selectionModel()->selectedIndexes();
    if (cells.isEmpty())
        return;
    QSet<int> missing;
    for (const QModelIndex& cell : cells)
        if (!m_model->isRowLoaded(m_model->windowStart() + cell.row()))
            missing.insert(cell.row());
    if (!missing.isEmpty()) {
        // A copy never takes "…" for a value: rows not held would have to be read first.
        const qint64 rows = missing.size();
        m_status->setText(tr("Nothing copied: %1 selected row(s) not in memory (the console holds %2 rows); "
                             "select fewer",
                             nullptr, pluralCount(rows))
                              .arg(groupedNumber(rows), groupedNumber(qint64(QueryResultModel::kCachedPages) *
                                                                      QueryResultModel::kPageRows)));
        return;
    }
    QApplication::clipboard()->setText(m_model->tabSeparated(cells, withHeaders));
}

SqlConsole::~SqlConsole() = default; // the model's destructor cancels its work and joins its threads

bool SqlConsole::isRunning() const {
    return m_model->isRunning();
}

void SqlConsole::run() {
    const QString sql = m_editor->toPlainText();
    if (sql.trimmed().isEmpty())
        return;
    m_history.add(sql);
    clearError();
    m_grid->stopFollowingEnd();
    m_firstText.clear();
    m_clock.start();
    m_model->run(m_path, sql);
    setRunning(true);
    updateStatus();
}

void SqlConsole::interrupt() {
    if (!m_model->isRunning())
        return;
    m_model->cancel();
    setRunning(false);
    m_status->setText(tr("Interrupted after %1").arg(durationText(m_clock.elapsed())));
}

void SqlConsole::setRunning(bool running) {
    m_interrupt->setEnabled(running);
    if (running)
        m_tick->start();
    else
        m_tick->stop();
}

void SqlConsole::onStarted(qint64 ms) {
    setRunning(false);
    const qint64 n = m_model->rowsRead();
    m_firstComplete = m_model->atEnd();
    // Columns as wide as their first rows on screen need (measuring all 200 costs up to 10 ms of GUI
    // thread), within bounds: an id column narrow, a long text not all.
    m_view->horizontalHeader()->setResizeContentsPrecision(0);
    m_view->resizeColumnsToContents();
    for (int c = 0; c < m_model->columnCount(); ++c)
        m_view->setColumnWidth(c, std::clamp(m_view->columnWidth(c), 60, 320));
    m_firstRows = n;
    m_firstMs = ms;
    m_firstText = m_model->atEnd()
                      ? tr("%1 row(s) in %2", nullptr, pluralCount(n)).arg(groupedNumber(n), durationText(ms))
                      : tr("first %1 row(s) in %2, more as you scroll", nullptr, pluralCount(n))
                            .arg(groupedNumber(n), durationText(ms));
    updateStatus();
}

void SqlConsole::onFailed(const QString& message, int errorOffset) {
    setRunning(false);
    m_status->setText(tr("Failed after %1").arg(durationText(m_clock.elapsed())));
    m_error->setText(message);
    m_error->show();
    if (errorOffset >= 0)
        markError(errorOffset);
}

void SqlConsole::updateStatus() {
    if (m_model->isRunning()) {
        m_status->setText(tr("Running… %1").arg(durationText(m_clock.elapsed())));
        return;
    }
    if (m_firstText.isEmpty())
        return; // interrupted or failed: their own words stay
    if (m_model->totalKnown() && !m_firstComplete) {
        const qint64 total = m_model->totalRows();
        m_status->setText(
            tr("%1 row(s) in all · first %2 in %3", nullptr, pluralCount(total))
                .arg(groupedNumber(total), groupedNumber(m_firstRows), durationText(m_firstMs)));
        return;
    }
    // A count on its way (Ctrl+End waits for it): said, so that a long one does not look like nothing.
    m_status->setText(m_model->isCounting() ? m_firstText + QStringLiteral(" · ") + tr("counting…")
                                            : m_firstText);
}

void SqlConsole::markError(int offset) {
    QTextCursor cursor(m_editor->document());
    const int length = m_editor->document()->characterCount() - 1;
    offset = std::clamp(offset, 0, std::max(0, length));
    cursor.setPosition(offset);
    m_editor->setTextCursor(cursor);
    // The word at fault underlined (one character when it is no word, the last when at the end).
    QTextCursor mark(cursor);
    if (offset >= length && offset > 0)
        mark.setPosition(offset - 1);
    mark.movePosition(QTextCursor::EndOfWord, QTextCursor::KeepAnchor);
    if (!mark.hasSelection())
        mark.movePosition(QTextCursor::NextCharacter, QTextCursor::KeepAnchor);
    QTextEdit::ExtraSelection selection;
    selection.cursor = mark;
    selection.format.setUnderlineStyle(QTextCharFormat::WaveUnderline);
    selection.format.setUnderlineColor(toneColor(Tone::Error, m_editor->palette()));
    m_editor->setExtraSelections({selection});
    m_editor->setFocus();
}

void SqlConsole::clearError() {
    m_error->clear();
    m_error->hide();
    m_editor->setExtraSelections({});
}

void SqlConsole::recall(bool older) {
    QString text;
    if (older ? !m_history.older(m_editor->toPlainText(), &text) : !m_history.newer(&text))
        return;
    m_editor->setPlainText(text);
    m_editor->moveCursor(QTextCursor::End);
}

bool SqlConsole::eventFilter(QObject* watched, QEvent* event) {
    if (watched == m_editor &&
        (event->type() == QEvent::KeyPress || event->type() == QEvent::ShortcutOverride)) {
        auto* key = static_cast<QKeyEvent*>(event);
        const bool ctrl = key->modifiers() & Qt::ControlModifier;
        const bool ours = (ctrl && (key->key() == Qt::Key_Return || key->key() == Qt::Key_Enter ||
                                    key->key() == Qt::Key_Up || key->key() == Qt::Key_Down)) ||
                          (key->key() == Qt::Key_Escape && m_model->isRunning());
        if (!ours)
            return QWidget::eventFilter(watched, event);
        event->accept();
        if (event->type() == QEvent::ShortcutOverride)
            return true; // the key comes to us as a KeyPress, not to a shortcut
        if (key->key() == Qt::Key_Escape)
            interrupt();
        else if (key->key() == Qt::Key_Up)
            recall(true);
        else if (key->key() == Qt::Key_Down)
            recall(false);
        else
            run();
        return true;
    }
    return QWidget::eventFilter(watched, event);
}

} // namespace sqlsnap::ui

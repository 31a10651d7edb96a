#include "preview/sqlconsole.h"

#include "common/format.h"
#include "preview/queryresultmodel.h"

#include <QHBoxLayout>
#include <QHeaderView>
#include <QKeyEvent>
#include <QLabel>
#include <QPlainTextEdit>
#include <QPushButton>
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
    auto* top = new QWidget(this);
    auto* topLayout = new QVBoxLayout(top);
    topLayout->setContentsMargins(0, 4, 0, 0);
    topLayout->addWidget(m_editor, 1);
    topLayout->addWidget(m_error);
    topLayout->addLayout(bar);

    m_view = new QTableView(this);
    m_view->setObjectName(QStringLiteral("consoleResult"));
    m_view->setAccessibleName(tr("Result rows"));
    m_view->setModel(m_model);
    m_view->setWordWrap(false);
    m_view->verticalHeader()->setDefaultSectionSize(m_view->fontMetrics().height() + 6);
    m_view->verticalHeader()->setSectionResizeMode(QHeaderView::Fixed); // no per-row measuring
    m_view->horizontalHeader()->setDefaultSectionSize(140);
    m_view->setSelectionMode(QAbstractItemView::ExtendedSelection);

    m_splitter = new QSplitter(Qt::Vertical, this);
    m_splitter->addWidget(top);
    m_splitter->addWidget(m_view);
    m_splitter->setStretchFactor(0, 1);
    m_splitter->setStretchFactor(1, 2);
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
    // Columns as wide as their first rows need, within bounds: an id column narrow, a long text not all.
    m_view->resizeColumnsToContents();
    for (int c = 0; c < m_model->columnCount(); ++c)
        m_view->setColumnWidth(c, std::clamp(m_view->columnWidth(c), 60, 320));
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
    QString text = m_firstText;
    if (const auto total = m_model->totalRows(); total && !m_firstComplete)
        text += QStringLiteral(" · ") +
                tr("%1 row(s) in all", nullptr, pluralCount(*total)).arg(groupedNumber(*total));
    m_status->setText(text);
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

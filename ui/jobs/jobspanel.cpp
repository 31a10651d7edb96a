#include "jobs/jobspanel.h"

#include "common/format.h"
#include "jobs/jobdelegate.h"
#include "jobs/joblistmodel.h"

#include <QAction>
#include <QApplication>
#include <QClipboard>
#include <QHBoxLayout>
#include <QKeyEvent>
#include <QLabel>
#include <QListView>
#include <QMenu>
#include <QPushButton>
#include <QStackedLayout>
#include <QVBoxLayout>

namespace sqlsnap::ui {

JobsPanel::JobsPanel(QWidget* parent)
    : QWidget(parent), m_model(new JobListModel(this)), m_delegate(new JobDelegate(this)) {
    m_header = new QLabel(tr("Jobs"), this);
    QFont bold = m_header->font();
    bold.setBold(true);
    m_header->setFont(bold);
    m_clear = new QPushButton(tr("Clear Finished"), this);
    m_clear->setEnabled(false);
    connect(m_clear, &QPushButton::clicked, this, &JobsPanel::clearFinished);
    auto* head = new QHBoxLayout;
    head->addWidget(m_header, 1);
    head->addWidget(m_clear);

    m_empty = new QLabel(
        tr("No jobs in this session yet. Snapshots and exports you start show their progress here."), this);
    setTone(m_empty, Tone::Muted);
    m_empty->setWordWrap(true);
    m_empty->setAlignment(Qt::AlignLeft | Qt::AlignTop);

    m_view = new QListView(this);
    m_view->setObjectName(QStringLiteral("jobList"));
    m_view->setAccessibleName(tr("Jobs"));
    m_view->setModel(m_model);
    m_view->setItemDelegate(m_delegate);
    m_view->setSelectionMode(QAbstractItemView::ExtendedSelection);
    m_view->setVerticalScrollMode(QAbstractItemView::ScrollPerPixel);
    m_view->setResizeMode(QListView::Adjust); // rows are as wide as the view; their height follows
    m_view->setFrameShape(QFrame::NoFrame);
    m_view->setContextMenuPolicy(Qt::CustomContextMenu);
    m_view->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_view->viewport()->setBackgroundRole(QPalette::Window);
    m_view->installEventFilter(this);
    connect(m_view, &QListView::customContextMenuRequested, this, &JobsPanel::showContextMenu);
    connect(m_view, &QListView::doubleClicked, this, &JobsPanel::openJob);
    connect(m_delegate, &JobDelegate::cancelClicked, this, [this](const QModelIndex& index) {
        if (Job* job = m_model->job(index.row()))
            job->cancel();
    });
    connect(m_delegate, &JobDelegate::openClicked, this, &JobsPanel::openJob);
    connect(m_delegate, &JobDelegate::actionClicked, this,
            [this](const QModelIndex& index, JobDelegate::Button button) {
                if (Job* job = m_model->job(index.row()))
                    m_model->rerun(job, button == JobDelegate::Button::RetryBriefLock ? Rerun::BriefReadLock
                                                                                      : Rerun::Unverified);
            });
    // Every job added, by the window or by a row's button: the view shows the new first row.
    connect(m_model, &QAbstractItemModel::rowsInserted, this, [this] {
        m_view->scrollToTop();
        if (Job* job = m_model->job(0))
            emit jobAdded(job);
    });

    connect(m_model, &JobListModel::jobFinished, this, [this](Job* job) {
        // Its status may now take more lines: the view lays its rows out again (once per event loop
        // pass, however many finished).
        emit m_delegate->sizeHintChanged(m_model->index(m_model->rowOf(job)));
        emit jobFinished(job);
    });
    connect(m_model, &JobListModel::runningCountChanged, this, &JobsPanel::updateHeader);
    connect(m_model, &JobListModel::rowLayoutChanged, m_delegate, &JobDelegate::sizeHintChanged);
    connect(m_model, &JobListModel::rowsRemoved, this, &JobsPanel::updateHeader);

    auto* body = new QWidget(this);
    m_stack = new QStackedLayout(body);
    m_stack->addWidget(m_empty);
    m_stack->addWidget(m_view);

    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addLayout(head);
    layout->addWidget(body, 1);
}

void JobsPanel::addJob(Job* job) {
    m_model->addJob(job); // rowsInserted scrolls to it and emits jobAdded
}

QList<Job*> JobsPanel::jobs() const {
    return m_model->jobs();
}

int JobsPanel::runningCount() const {
    return m_model->runningCount();
}

bool JobsPanel::isWriting(const QString& path) const {
    for (const Job* job : m_model->jobs())
        if (job->isRunning() && job->destination() == path)
            return true;
    return false;
}

void JobsPanel::cancelAll() {
    for (Job* job : m_model->jobs())
        job->cancel();
}

void JobsPanel::clearFinished() {
    m_model->removeFinished();
}

int JobsPanel::heightToShow(const Job* job) const {
    const QModelIndex index = m_model->index(m_model->rowOf(job));
    if (!index.isValid())
        return 0;
    const int row = m_view->sizeHintForIndex(index).height();
    const int chrome = height() - m_view->viewport()->height(); // the header, margins and frame
    return chrome + row + 2 * m_view->spacing();
}

void JobsPanel::scrollTo(const Job* job) {
    const QModelIndex index = m_model->index(m_model->rowOf(job));
    if (index.isValid())
        m_view->scrollTo(index);
}

QString JobsPanel::statusText(const Job* job) const {
    return m_model->index(m_model->rowOf(job)).data(JobListModel::StatusRole).toString();
}

QRect JobsPanel::buttonRectOf(const Job* job, int which) const {
    const QModelIndex index = m_model->index(m_model->rowOf(job));
    const auto button = JobDelegate::Button(which);
    const bool onTitle = JobDelegate::buttonOf(index) == button;
    if (!index.isValid() || (!onTitle && !JobDelegate::actionButtonsOf(index).contains(button)))
        return {};
    const QRect item = m_view->visualRect(index);
    const QRect rect = onTitle ? m_delegate->buttonRect(item, index, m_view)
                               : m_delegate->actionButtonRect(item, index, m_view, button);
    if (!rect.intersects(m_view->viewport()->rect()))
        return {};
    return rect;
}

QRect JobsPanel::cancelButtonRect(const Job* job) const {
    return buttonRectOf(job, int(JobDelegate::Button::Cancel));
}

QRect JobsPanel::openButtonRect(const Job* job) const {
    return buttonRectOf(job, int(JobDelegate::Button::Open));
}

QRect JobsPanel::retryBriefLockButtonRect(const Job* job) const {
    return buttonRectOf(job, int(JobDelegate::Button::RetryBriefLock));
}

QRect JobsPanel::publishUnverifiedButtonRect(const Job* job) const {
    return buttonRectOf(job, int(JobDelegate::Button::PublishUnverified));
}

void JobsPanel::updateHeader() {
    const int running = m_model->runningCount();
    m_header->setText(running > 0
                          ? tr("Jobs — %1 running", nullptr, pluralCount(running)).arg(groupedNumber(running))
                          : tr("Jobs"));
    m_clear->setEnabled(m_model->rowCount() > running);
    m_stack->setCurrentWidget(m_model->rowCount() == 0 ? static_cast<QWidget*>(m_empty) : m_view);
}

QList<Job*> JobsPanel::selectedJobs() const {
    QList<Job*> selected;
    for (const QModelIndex& index : m_view->selectionModel()->selectedIndexes())
        selected << m_model->job(index.row());
    return selected;
}

void JobsPanel::openJob(const QModelIndex& index) {
    if (index.data(JobListModel::CanOpenRole).toBool())
        emit openRequested(m_model->job(index.row())->destination());
}

bool JobsPanel::eventFilter(QObject* watched, QEvent* event) {
    if (watched == m_view && event->type() == QEvent::KeyPress) {
        const auto* key = static_cast<QKeyEvent*>(event);
        if (key->key() == Qt::Key_Delete) { // cancel the selected jobs that still run
            for (Job* job : selectedJobs())
                job->cancel();
            return true;
        }
        if (key->key() == Qt::Key_Return || key->key() == Qt::Key_Enter) {
            openJob(m_view->currentIndex());
            return true;
        }
        if (key->matches(QKeySequence::Copy)) {
            QStringList lines;
            for (const QModelIndex& index : m_view->selectionModel()->selectedIndexes())
                lines << index.data(Qt::DisplayRole).toString() + QLatin1Char('\n') +
                             index.data(JobListModel::StatusRole).toString();
            QApplication::clipboard()->setText(lines.join(QStringLiteral("\n\n")));
            return true;
        }
    }
    return QWidget::eventFilter(watched, event);
}

void JobsPanel::showContextMenu(const QPoint& at) {
    const QModelIndex index = m_view->indexAt(at);
    if (!index.isValid())
        return;
    Job* job = m_model->job(index.row());
    QMenu menu(this);
    QAction* cancel = menu.addAction(tr("Cancel"), this, [job] { job->cancel(); });
    cancel->setShortcut(QKeySequence::Delete);
    cancel->setEnabled(job->isRunning());
    QAction* open = menu.addAction(tr("Open Preview"), this, [this, index] { openJob(index); });
    open->setEnabled(index.data(JobListModel::CanOpenRole).toBool());
    QAction* show = menu.addAction(tr("Show in Folder"), this, [this, job] {
        emit showInFolderRequested(job->destination().isEmpty() ? job->source() : job->destination());
    });
    show->setEnabled(job->state() == Job::State::Succeeded);
    if (index.data(JobListModel::CanRerunRole).toBool()) {
        menu.addSeparator();
        menu.addAction(tr("Retry with a Brief Read Lock"), this,
                       [this, job] { m_model->rerun(job, Rerun::BriefReadLock); });
        menu.addAction(tr("Publish Anyway (Unverified State)"), this,
                       [this, job] { m_model->rerun(job, Rerun::Unverified); });
    }
    menu.addSeparator();
    menu.addAction(tr("Copy Message"), this, [index] {
        QApplication::clipboard()->setText(index.data(JobListModel::StatusRole).toString());
    });
    menu.exec(m_view->viewport()->mapToGlobal(at));
}

} // namespace sqlsnap::ui

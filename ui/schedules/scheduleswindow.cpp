// The Schedules window (scheduleswindow.h).
#include "schedules/scheduleswindow.h"

#include "common/tones.h"
#include "jobs/job.h"
#include "jobs/jobspecs.h"
#include "schedules/keepsnapshotsdialog.h"
#include "schedules/scheduletext.h"

#include <QDialogButtonBox>
#include <QDir>
#include <QEvent>
#include <QFileInfo>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QPushButton>
#include <QStackedLayout>
#include <QTreeWidget>
#include <QVBoxLayout>

namespace sqlsnap::ui {

SchedulesWindow::SchedulesWindow(std::function<Job*(JobSpec)> startJob, const QString& bookPath,
                                 QWidget* parent)
    : QDialog(parent), m_startJob(std::move(startJob)), m_bookPath(bookPath) {
    setWindowTitle(tr("Schedules"));
    setObjectName(QStringLiteral("schedulesWindow"));
    resize(760, 440); // fits an 800x600 screen; the folder and last-run columns elide

    m_timer = new QLabel(this);
    m_timer->setWordWrap(true);
    m_timer->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_turnOn = new QPushButton(tr("&Turn On Timer"), this);
    m_turnOn->hide();
    connect(m_turnOn, &QPushButton::clicked, this, &SchedulesWindow::turnOnTimer);
    auto* timerRow = new QHBoxLayout;
    timerRow->addWidget(m_timer, 1);
    timerRow->addWidget(m_turnOn, 0, Qt::AlignTop);

    m_list = new QTreeWidget(this);
    m_list->setHeaderLabels(
        {tr("Database"), tr("Every"), tr("Into"), tr("Keep"), tr("Last Run"), tr("Next Due")});
    m_list->setRootIsDecorated(false);
    m_list->setTextElideMode(Qt::ElideMiddle);
    m_list->setWordWrap(false);
    m_list->header()->setStretchLastSection(false);
    m_list->header()->setSectionResizeMode(QHeaderView::Interactive); // fitColumns() sizes them
    m_list->viewport()->installEventFilter(this);
    connect(m_list, &QTreeWidget::itemSelectionChanged, this, &SchedulesWindow::updateButtons);
    connect(m_list, &QTreeWidget::itemDoubleClicked, this, &SchedulesWindow::editSelected);

    m_emptyText = tr("No schedules yet.\nChoose a database in the list, then Keep Snapshots… "
                     "(or `sqlite-snapshot-cli schedule add`).");
    m_empty = new QLabel(m_emptyText, this);
    m_empty->setAlignment(Qt::AlignCenter);
    m_empty->setWordWrap(true);
    setTone(m_empty, Tone::Muted);
    m_stack = new QStackedLayout;
    m_stack->addWidget(m_list);
    m_stack->addWidget(m_empty);

    m_problem = new QLabel(this);
    m_problem->setWordWrap(true);
    m_problem->setTextInteractionFlags(Qt::TextSelectableByMouse);
    setTone(m_problem, Tone::Error);
    m_problem->hide();

    auto* buttons = new QDialogButtonBox(this);
    m_runNow = buttons->addButton(tr("&Run Now"), QDialogButtonBox::ActionRole);
    m_edit = buttons->addButton(tr("&Edit…"), QDialogButtonBox::ActionRole);
    m_remove = buttons->addButton(tr("Re&move"), QDialogButtonBox::ActionRole);
    QPushButton* close = buttons->addButton(QDialogButtonBox::Close);
    connect(m_runNow, &QPushButton::clicked, this, &SchedulesWindow::runNow);
    connect(m_edit, &QPushButton::clicked, this, &SchedulesWindow::editSelected);
    connect(m_remove, &QPushButton::clicked, this, &SchedulesWindow::removeSelected);
    connect(close, &QPushButton::clicked, this, &QDialog::close);

    auto* layout = new QVBoxLayout(this);
    layout->addLayout(timerRow);
    layout->addLayout(m_stack, 1);
    layout->addWidget(m_problem);
    layout->addWidget(buttons);
    reload();
    checkTimer();
}

SchedulesWindow::~SchedulesWindow() {
    m_timerTask.cancel();
    m_bookTask.cancel();
}

void SchedulesWindow::showEvent(QShowEvent* event) {
    QDialog::showEvent(event);
    reload(); // the CLI may have changed the file while this was hidden
}

void SchedulesWindow::reload() {
    // Read on the interactive lane: the file may sit on a slow or hung home folder.
    m_bookTask.cancel();
    m_loading = true;
    updateButtons();
    m_bookTask = Executor::instance().run(
        Lane::Interactive, this,
        [path = m_bookPath](const CancelToken&) -> Expected<QList<Schedule>> {
            auto book = ScheduleBook::open(path);
            if (!book)
                return book.error();
            return book->schedules();
        },
        [this](Expected<QList<Schedule>> schedules) {
            m_loading = false;
            showSchedules(schedules);
            emit reloaded();
        });
}

void SchedulesWindow::showSchedules(const Expected<QList<Schedule>>& schedules) {
    if (!schedules) {
        // Nothing can be run, edited or removed from a file that cannot be read, and nothing writes over
        // it (ScheduleBook never does): the user fixes or moves it, and the window reads it again.
        m_unreadable = true;
        m_schedules.clear();
        m_list->clear();
        m_problem->setText(tr("Your schedules file cannot be read, so the schedules cannot be run, edited or "
                              "removed here; nothing is written over it. %1")
                               .arg(schedules.error().message));
        m_problem->show();
        m_empty->setText(
            tr("The schedules file %1 cannot be read.").arg(QDir::toNativeSeparators(m_bookPath)));
        m_stack->setCurrentWidget(m_empty);
        updateButtons();
        return;
    }
    m_unreadable = false;
    m_problem->hide();
    m_empty->setText(m_emptyText);
    const QString keepId = selected() ? selected()->id : QString();
    m_schedules = *schedules;
    const QDateTime now = QDateTime::currentDateTime();
    m_list->clear();
    for (const Schedule& s : m_schedules) {
        auto* item = new QTreeWidgetItem(m_list);
        item->setText(SourceColumn, QFileInfo(s.source).fileName());
        item->setToolTip(SourceColumn, QDir::toNativeSeparators(s.source) + QLatin1Char('\n') + s.id);
        item->setText(EveryColumn, ScheduleText::every(s.everySeconds));
        item->setText(IntoColumn, QDir::toNativeSeparators(s.into));
        item->setToolTip(IntoColumn, QDir::toNativeSeparators(s.into));
        QString keep = ScheduleText::keep(s.keep);
        if (!s.skipUnchanged)
            keep += tr("; a snapshot every time");
        item->setText(KeepColumn, keep);
        item->setToolTip(KeepColumn, keep);
        const QString lastRun = ScheduleText::lastRun(s, now);
        item->setText(LastRunColumn, lastRun);
        item->setToolTip(LastRunColumn, lastRun);
        if (s.last) {
            item->setToolTip(LastRunColumn,
                             s.last->message.isEmpty()
                                 ? lastRun + QLatin1Char('\n') + QDir::toNativeSeparators(s.last->file)
                                 : s.last->message);
            item->setForeground(
                LastRunColumn,
                toneColor(ScheduleText::lastRunFailed(s) ? Tone::Error : Tone::Success, palette()));
        }
        item->setText(NextColumn, ScheduleText::nextDue(s, now));
        item->setData(0, Qt::UserRole, s.id);
        if (s.id == keepId)
            item->setSelected(true);
    }
    if (!m_list->selectedItems().size() && m_list->topLevelItemCount() > 0)
        m_list->topLevelItem(0)->setSelected(true);
    m_stack->setCurrentWidget(m_schedules.isEmpty() ? static_cast<QWidget*>(m_empty) : m_list);
    fitColumns();
    updateButtons();
}

bool SchedulesWindow::eventFilter(QObject* watched, QEvent* event) {
    if (watched == m_list->viewport() && event->type() == QEvent::Resize)
        fitColumns();
    return QDialog::eventFilter(watched, event);
}

// Every column as wide as its text when the list is wide enough (the folder takes what is left);
// otherwise Every and Next Due keep theirs and the long ones (database, folder, keep rules, last run)
// share the rest in proportion to their text and elide, whole on hover — Next Due always in view.
void SchedulesWindow::fitColumns() {
    QHeaderView* header = m_list->header();
    const int columns = header->count();
    QList<int> wanted(columns);
    int total = 0;
    for (int c = 0; c < columns; ++c) {
        int text = 0;
        for (int row = 0; row < m_list->topLevelItemCount(); ++row)
            text =
                std::max(text, m_list->fontMetrics().horizontalAdvance(m_list->topLevelItem(row)->text(c)));
        wanted[c] = std::max(header->sectionSizeHint(c), text + 16);
        total += wanted[c];
    }
    const int available = m_list->viewport()->width();
    if (total <= available) {
        wanted[IntoColumn] += available - total;
    } else {
        const int fixed = wanted[EveryColumn] + wanted[NextColumn];
        int longTotal = 0;
        for (int c : {SourceColumn, IntoColumn, KeepColumn, LastRunColumn})
            longTotal += wanted[c];
        const int room = std::max(available - fixed, 4 * 48);
        for (int c : {SourceColumn, IntoColumn, KeepColumn, LastRunColumn})
            wanted[c] = std::max(48, int(qint64(wanted[c]) * room / std::max(1, longTotal)));
    }
    for (int c = 0; c < columns; ++c)
        header->resizeSection(c, wanted[c]);
}

const Schedule* SchedulesWindow::selected() const {
    const QList<QTreeWidgetItem*> items = m_list->selectedItems();
    if (items.isEmpty())
        return nullptr;
    const QString id = items.first()->data(0, Qt::UserRole).toString();
    for (const Schedule& s : m_schedules)
        if (s.id == id)
            return &s;
    return nullptr;
}

Job* SchedulesWindow::runNow() {
    const Schedule* s = selected();
    if (!s || !m_startJob || m_unreadable)
        return nullptr;
    Job* job = m_startJob(JobSpecs::scheduleRun(*s, m_bookPath));
    if (job)
        connect(job, &Job::finished, this, &SchedulesWindow::reload);
    return job;
}

void SchedulesWindow::editSelected() {
    const Schedule* s = selected();
    if (!s || m_unreadable)
        return;
    auto* dialog = new KeepSnapshotsDialog(*s, m_bookPath, this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &KeepSnapshotsDialog::bookChanged, this, &SchedulesWindow::reload);
    dialog->open();
}

bool SchedulesWindow::removeSelected() {
    const Schedule* s = selected();
    if (!s || m_loading || m_unreadable)
        return false;
    m_loading = true;
    updateButtons();
    m_bookTask = Executor::instance().run(
        Lane::Interactive, this,
        [path = m_bookPath, id = s->id](const CancelToken&) -> Status {
            auto book = ScheduleBook::open(path);
            if (!book)
                return book.error();
            if (auto removed = book->remove(id); !removed)
                return removed.error();
            return success();
        },
        [this](Status removed) {
            m_loading = false;
            reload();
            if (!removed) { // said once the list is read again (reload hides the line when it works)
                connect(
                    this, &SchedulesWindow::reloaded, this,
                    [this, message = removed.error().message] {
                        m_problem->setText(message);
                        m_problem->show();
                    },
                    Qt::SingleShotConnection);
            }
        });
    return true;
}

void SchedulesWindow::checkTimer() {
    m_timerTask.cancel();
    m_checking = true;
    m_timer->setText(tr("Checking whether the timer that runs schedules is on…"));
    setTone(m_timer, Tone::Muted);
    m_timerTask = Executor::instance().run(
        Lane::Interactive, this, [](const CancelToken&) { return checkScheduleTimer(); },
        [this](TimerStatus status) {
            m_checking = false;
            showTimer(status);
            emit timerChecked();
        });
}

void SchedulesWindow::turnOnTimer() {
    m_turnOn->setEnabled(false);
    m_timerTask.cancel();
    m_checking = true;
    m_timerTask = Executor::instance().run(
        Lane::Interactive, this, [](const CancelToken&) { return enableScheduleTimer(); },
        [this](QString error) {
            m_turnOn->setEnabled(true);
            if (!error.isEmpty()) {
                m_checking = false;
                m_timer->setText(tr("Could not turn the timer on: %1").arg(error));
                setTone(m_timer, Tone::Error);
                emit timerChecked();
                return;
            }
            checkTimer();
        });
}

void SchedulesWindow::showTimer(const TimerStatus& status) {
    using State = TimerStatus::State;
    m_turnOn->setVisible(status.state == State::Disabled);
    switch (status.state) {
    case State::Enabled:
        m_timer->setText(tr("The systemd user timer %1 is on: it runs the schedules that are due every 15 "
                            "minutes, while you are logged in.")
                             .arg(QLatin1String(kScheduleTimer)));
        setTone(m_timer, Tone::Success);
        return;
    case State::Disabled:
        m_timer->setText(tr("Nothing runs these schedules yet: the systemd user timer %1 is off.")
                             .arg(QLatin1String(kScheduleTimer)));
        setTone(m_timer, Tone::Warning);
        return;
    case State::NotInstalled:
        m_timer->setText(tr("Nothing runs these schedules yet: the systemd user timer %1 is not installed "
                            "(%2). Install the package, or add this line to your crontab (crontab -e):\n%3")
                             .arg(QLatin1String(kScheduleTimer), status.detail, status.crontabLine));
        setTone(m_timer, Tone::Warning);
        return;
    case State::NoSystemd:
        m_timer->setText(tr("No systemd user session here: nothing runs these schedules until you add this "
                            "line to your crontab (crontab -e):\n%1")
                             .arg(status.crontabLine));
        setTone(m_timer, Tone::Warning);
        return;
    }
}

void SchedulesWindow::updateButtons() {
    const bool one = selected() != nullptr && !m_loading && !m_unreadable;
    m_runNow->setEnabled(one && m_startJob);
    m_edit->setEnabled(one);
    m_remove->setEnabled(one);
}

} // namespace sqlsnap::ui

#include "jobspanel.h"

#include "format.h"

#include <QFileInfo>
#include <QHBoxLayout>
#include <QLabel>
#include <QProgressBar>
#include <QPushButton>
#include <QScrollArea>
#include <QTimer>
#include <QVBoxLayout>

namespace sqlsnap::ui {

JobRow::JobRow(SnapshotJob* job, QWidget* parent) : QFrame(parent), m_job(job) {
    setFrameShape(QFrame::StyledPanel);
    job->setParent(this);
    m_title = new QLabel(this);
    m_title->setTextFormat(Qt::PlainText);
    QFont bold = m_title->font();
    bold.setBold(true);
    m_title->setFont(bold);
    m_status = new QLabel(this);
    m_status->setObjectName(QStringLiteral("jobStatus"));
    m_status->setWordWrap(true);
    m_status->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_bar = new QProgressBar(this);
    m_bar->setRange(0, 1000);
    m_bar->setTextVisible(false);
    m_bar->setMaximumHeight(12);
    m_cancel = new QPushButton(tr("Cancel"), this);
    m_cancel->setAccessibleName(tr("Cancel %1").arg(QFileInfo(job->source()).fileName()));
    m_open = new QPushButton(tr("Open"), this);
    m_open->setToolTip(tr("Look inside this snapshot"));
    m_open->hide();

    auto* top = new QHBoxLayout;
    top->addWidget(m_title, 1);
    top->addWidget(m_open);
    top->addWidget(m_cancel);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(8, 6, 8, 6);
    layout->setSpacing(4);
    layout->addLayout(top);
    layout->addWidget(m_bar);
    layout->addWidget(m_status);

    const QString what = job->kind() == SnapshotJob::Kind::Export ? tr("Export") : tr("Snapshot");
    m_title->setText(
        tr("%1 of %2 → %3")
            .arg(what, QFileInfo(job->source()).fileName(), QFileInfo(job->destination()).fileName()));
    m_title->setToolTip(job->source() + QStringLiteral("\n→ ") + job->destination());
    connect(job, &SnapshotJob::progressChanged, this, &JobRow::update);
    connect(m_cancel, &QPushButton::clicked, job, &SnapshotJob::cancel);
    connect(m_open, &QPushButton::clicked, this, [this] { emit openRequested(m_job->destination()); });
    update();
}

void JobRow::update() {
    // A running job repaints at most ten times a second: with dozens of jobs, relaying out the list on
    // every progress report would keep the GUI thread busy (measured in tst_mainwindow's 200 jobs).
    if (m_job->isRunning() && m_lastUpdate.isValid() && m_lastUpdate.elapsed() < 100) {
        if (!m_updatePending) {
            m_updatePending = true;
            QTimer::singleShot(100 - int(m_lastUpdate.elapsed()), this, [this] {
                m_updatePending = false;
                update();
            });
        }
        return;
    }
    m_lastUpdate.start();
    m_bar->setValue(m_job->permille());
    switch (m_job->state()) {
    case SnapshotJob::State::Running: {
        QStringList parts{phaseText(m_job->progress())};
        if (m_job->bytesPerSecond() > 0)
            parts << tr("%1/s").arg(humanSize(qint64(m_job->bytesPerSecond())));
        if (m_job->secondsLeft() >= 0 && m_job->elapsedMs() > 1000)
            parts << tr("%1 left").arg(humanDuration(m_job->secondsLeft()));
        m_status->setText(parts.join(QStringLiteral(" · ")));
        setTone(m_status, Tone::Normal);
        return;
    }
    case SnapshotJob::State::Succeeded: {
        if (m_job->kind() == SnapshotJob::Kind::TableExport) {
            const TableExportResult& t = *m_job->tableResult();
            m_status->setText(
                tr("Done in %1 · %2 rows · %3")
                    .arg(elapsedText(m_job->elapsedMs()), groupedNumber(t.rows), humanSize(t.bytes)));
            setTone(m_status, Tone::Success);
            break;
        }
        const SnapshotResult& r = *m_job->result();
        const QString attempts =
            r.copyAttempts == 1 ? tr("1 copy attempt") : tr("%1 copy attempts").arg(r.copyAttempts);
        QString text =
            tr("Done in %1 · %2 · %3")
                .arg(r.elapsedMs < 10000 ? tr("%1 ms").arg(r.elapsedMs) : humanDuration(r.elapsedMs / 1000),
                     humanSize(r.bytes), attempts);
        if (r.integrity)
            text += *r.integrity == QStringLiteral("ok") ? tr(" · integrity ok")
                                                         : tr(" · integrity: %1").arg(*r.integrity);
        if (!r.consistentCopy)
            text += tr("\nThe files kept changing through every attempt; SQLite found the last copy intact.");
        m_status->setText(text);
        setTone(m_status, Tone::Success);
        m_open->setVisible(m_job->kind() == SnapshotJob::Kind::Snapshot);
        break;
    }
    case SnapshotJob::State::Cancelled:
        m_status->setText(tr("Cancelled — nothing was written."));
        setTone(m_status, Tone::Muted);
        break;
    case SnapshotJob::State::Failed: {
        const QString advice = adviceFor(m_job->error()->kind);
        m_status->setText(tr("Failed: %1").arg(m_job->error()->message) +
                          (advice.isEmpty() ? QString() : QStringLiteral("\n") + advice));
        setTone(m_status, Tone::Error);
        break;
    }
    }
    m_cancel->hide();
}

JobsPanel::JobsPanel(QWidget* parent) : QWidget(parent) {
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

    auto* content = new QWidget;
    m_rows = new QVBoxLayout(content);
    m_rows->setContentsMargins(0, 0, 0, 0);
    m_empty = new QLabel(tr("No snapshots yet. Select a database and press Snapshot (Ctrl+S)."), content);
    setTone(m_empty, Tone::Muted);
    m_empty->setWordWrap(true);
    m_rows->addWidget(m_empty);
    m_rows->addStretch(1);
    auto* scroll = new QScrollArea(this);
    scroll->setWidget(content);
    scroll->setWidgetResizable(true);
    scroll->setFrameShape(QFrame::NoFrame);

    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addLayout(head);
    layout->addWidget(scroll, 1);
}

JobRow* JobsPanel::addJob(SnapshotJob* job) {
    auto* row = new JobRow(job, this);
    m_rows->insertWidget(0, row); // newest first
    m_jobRows.prepend(row);
    m_empty->hide();
    connect(row, &JobRow::openRequested, this, &JobsPanel::openRequested);
    connect(job, &SnapshotJob::finished, this, [this, job] {
        updateHeader();
        emit jobFinished(job);
    });
    job->start();
    updateHeader();
    return row;
}

QList<SnapshotJob*> JobsPanel::jobs() const {
    QList<SnapshotJob*> all;
    for (JobRow* r : m_jobRows)
        all << r->job();
    return all;
}

int JobsPanel::runningCount() const {
    int n = 0;
    for (JobRow* r : m_jobRows)
        n += r->job()->isRunning() ? 1 : 0;
    return n;
}

void JobsPanel::cancelAll() {
    for (JobRow* r : m_jobRows)
        r->job()->cancel();
}

void JobsPanel::clearFinished() {
    for (auto it = m_jobRows.begin(); it != m_jobRows.end();) {
        if ((*it)->job()->isRunning()) {
            ++it;
            continue;
        }
        delete *it;
        it = m_jobRows.erase(it);
    }
    m_empty->setVisible(m_jobRows.isEmpty());
    updateHeader();
}

void JobsPanel::updateHeader() {
    const int running = runningCount();
    m_header->setText(running > 0 ? tr("Jobs — %n running", nullptr, running) : tr("Jobs"));
    m_clear->setEnabled(m_jobRows.size() > running);
}

} // namespace sqlsnap::ui

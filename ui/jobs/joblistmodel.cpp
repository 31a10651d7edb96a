#include "jobs/joblistmodel.h"

#include <QFileInfo>

#include <variant>

namespace sqlsnap::ui {

JobListModel::JobListModel(QObject* parent) : QAbstractListModel(parent) {
    m_repaint.setSingleShot(true);
    m_repaint.setInterval(100);
    connect(&m_repaint, &QTimer::timeout, this, &JobListModel::flushProgress);
}

void JobListModel::addJob(Job* job) {
    job->setParent(this);
    beginInsertRows({}, 0, 0);
    m_jobs.prepend(job);
    ++m_running;
    endInsertRows();
    connect(job, &Job::progressChanged, this, [this, job] {
        m_changed.insert(job);
        if (!m_repaint.isActive())
            m_repaint.start();
    });
    connect(job, &Job::finished, this, [this, job] {
        m_changed.remove(job);
        --m_running;
        const QModelIndex at = index(rowOf(job));
        emit dataChanged(at, at);
        emit runningCountChanged(m_running);
        emit jobFinished(job);
    });
    job->start();
    emit runningCountChanged(m_running);
}

int JobListModel::rowOf(const Job* job) const {
    return int(m_jobs.indexOf(job));
}

void JobListModel::removeFinished() {
    // Contiguous runs of finished rows go in one removal each.
    for (int row = int(m_jobs.size()) - 1; row >= 0;) {
        if (m_jobs[row]->isRunning()) {
            --row;
            continue;
        }
        int first = row;
        while (first > 0 && !m_jobs[first - 1]->isRunning())
            --first;
        beginRemoveRows({}, first, row);
        for (int r = row; r >= first; --r) {
            m_changed.remove(m_jobs[r]);
            m_rerunDone.remove(m_jobs[r]);
            delete m_jobs.takeAt(r);
        }
        endRemoveRows();
        row = first - 1;
    }
}

void JobListModel::flushProgress() {
    int first = int(m_jobs.size()), last = -1;
    for (int row = 0; row < m_jobs.size() && !m_changed.isEmpty(); ++row) {
        if (m_changed.remove(m_jobs[row])) {
            first = std::min(first, row);
            last = std::max(last, row);
        }
    }
    m_changed.clear();
    if (last >= 0)
        emit dataChanged(index(first), index(last), {StatusRole, PermilleRole});
}

int JobListModel::rowCount(const QModelIndex& parent) const {
    return parent.isValid() ? 0 : int(m_jobs.size());
}

QVariant JobListModel::data(const QModelIndex& index, int role) const {
    if (!index.isValid() || index.row() >= m_jobs.size())
        return {};
    const Job& job = *m_jobs[index.row()];
    switch (role) {
    case Qt::DisplayRole:
        return job.title();
    case Qt::ToolTipRole:
        return job.source() +
               (job.destination().isEmpty() ? QString() : QStringLiteral("\n→ ") + job.destination()) +
               QStringLiteral("\n\n") + statusOf(job);
    case Qt::AccessibleTextRole:
        return job.title() + QStringLiteral(": ") + statusOf(job);
    case JobRole:
        return QVariant::fromValue(const_cast<Job*>(&job));
    case StatusRole:
        return statusOf(job);
    case ToneRole:
        return int(toneOf(job));
    case PermilleRole:
        // A failed or cancelled job made nothing: its bar empties rather than stay where it stopped.
        return job.state() == Job::State::Failed || job.state() == Job::State::Cancelled ? 0
               : job.state() == Job::State::Succeeded                                    ? 1000
                                                                                         : job.permille();
    case RunningRole:
        return job.isRunning();
    case CanOpenRole:
        return job.kind() == JobKind::Snapshot && job.state() == Job::State::Succeeded;
    case CanRerunRole:
        return canRerun(job) && !m_rerunDone.contains(&job);
    default:
        return {};
    }
}

bool JobListModel::canRerun(const Job& job) {
    return job.rerunSpec(Rerun::BriefReadLock).has_value();
}

Job* JobListModel::rerun(const Job* job, Rerun how) {
    if (!job || rowOf(job) < 0 || !canRerun(*job) || m_rerunDone.contains(job))
        return nullptr;
    std::optional<JobSpec> spec = job->rerunSpec(how);
    if (!spec)
        return nullptr;
    m_rerunDone.insert(job);
    const QModelIndex at = index(rowOf(job));
    emit dataChanged(at, at);
    emit rowLayoutChanged(at);
    auto* again = new Job(std::move(*spec));
    addJob(again);
    return again;
}

Tone JobListModel::toneOf(const Job& job) {
    switch (job.state()) {
    case Job::State::Running:
        return Tone::Normal;
    case Job::State::Succeeded: {
        if (const Verification* v = job.resultAs<Verification>(); v && !v->integrity.ok())
            return Tone::Error; // the job did its work; what it found is the news
        if (const ScheduleRunReport* run = job.resultAs<ScheduleRunReport>())
            return run->run.outcome == QStringLiteral("failed") ? Tone::Error : Tone::Success;
        const SnapshotResult* r = job.resultAs<SnapshotResult>();
        return r && !r->consistentCopy ? Tone::Warning : Tone::Success; // flagged: not one committed state
    }
    case Job::State::Cancelled:
        return Tone::Muted;
    case Job::State::Failed:
        return Tone::Error;
    }
    return Tone::Normal;
}

QString JobListModel::doneText(const Job& job, const TableExportResult& t) {
    if (job.kind() == JobKind::Compare) // a comparison exported: bytes, no table rows
        return tr("Done in %1 · %2").arg(durationText(job.elapsedMs()), humanSize(t.bytes));
    return tr("Done in %1 · %2 · %3")
        .arg(durationText(job.elapsedMs()), rowsText(t.rows), humanSize(t.bytes));
}

QString JobListModel::doneText(const Job& job, const ComparisonSummary& s) {
    if (s.identical())
        return tr("Done in %1 · no differences").arg(durationText(job.elapsedMs()));
    const qint64 schema = s.schemaChanges.size();
    const qint64 differing = std::count_if(s.tables.begin(), s.tables.end(),
                                           [](const TableComparison& t) { return t.hasDifferences(); });
    return tr("Done in %1 · %2 · %3")
        .arg(durationText(job.elapsedMs()),
             tr("%1 schema changes", nullptr, pluralCount(schema)).arg(groupedNumber(schema)),
             tr("%1 tables differ", nullptr, pluralCount(differing)).arg(groupedNumber(differing)));
}

QString JobListModel::doneText(const Job& job, const Verification& v) {
    const QString verdict =
        v.integrity.ok() ? tr("integrity ok") : tr("integrity check failed: %1").arg(v.integrity.report);
    return tr("Done in %1 · %2 · %3").arg(durationText(job.elapsedMs()), humanSize(v.bytes), verdict);
}

QString JobListModel::doneText(const Job& job, const RestoreResult& r) {
    QString text = tr("Done in %1 · %2").arg(durationText(job.elapsedMs()), humanSize(r.bytes));
    // Where the file it replaced went is the news: nothing was lost, and this is where to look.
    if (r.keptAs.isEmpty())
        return text + tr("\nNothing was replaced: %1 did not exist.").arg(r.destination);
    text += tr("\nThe replaced file is kept as %1").arg(r.keptAs);
    QStringList companions;
    for (const QString& kept : r.keptFiles)
        companions << QFileInfo(kept).fileName();
    if (!companions.isEmpty())
        text += tr(" (with %1)").arg(companions.join(QStringLiteral(", ")));
    return text;
}

QString JobListModel::doneText(const Job& job, const ScheduleRunReport& r) {
    const QString what = r.run.outcome == QStringLiteral("snapshot")    ? tr("snapshot taken")
                         : r.run.outcome == QStringLiteral("unchanged") ? tr("unchanged, no new snapshot")
                                                                        : tr("failed: %1").arg(r.run.message);
    return tr("Done in %1 · %2").arg(durationText(job.elapsedMs()), what);
}

QString JobListModel::doneText(const Job&, const SnapshotResult& r) {
    const QString attempts =
        tr("%1 copy attempt(s)", nullptr, pluralCount(r.copyAttempts)).arg(groupedNumber(r.copyAttempts));
    QString text = tr("Done in %1 · %2 · %3").arg(durationText(r.elapsedMs), humanSize(r.bytes), attempts);
    if (r.integrity)
        text += *r.integrity == QStringLiteral("ok") ? tr(" · integrity ok")
                                                     : tr(" · integrity: %1").arg(*r.integrity);
    if (!r.consistentCopy)
        text += tr("\nFlagged: not shown to be one committed state. The files kept changing through every "
                   "attempt and the last copy was published as asked; SQLite found it intact.");
    return text;
}

QString JobListModel::statusOf(const Job& job) {
    switch (job.state()) {
    case Job::State::Running: {
        QStringList parts{phaseText(job.progress())};
        if (job.bytesPerSecond() > 0)
            parts << tr("%1/s").arg(humanSize(qint64(job.bytesPerSecond())));
        // A guess only once the rate is measured (a second in) and only when there is time to wait.
        if (job.secondsLeft() >= 2 && job.elapsedMs() > 1000)
            parts << tr("%1 left").arg(durationText(job.secondsLeft() * 1000));
        return parts.join(QStringLiteral(" · "));
    }
    case Job::State::Succeeded:
        return std::visit([&](const auto& result) { return doneText(job, result); }, *job.result());
    case Job::State::Cancelled:
        // A comparison writes nothing: how far it got is the news (its export writes, and says so).
        if (job.kind() == JobKind::Compare && job.destination().isEmpty()) {
            const Progress& p = job.progress();
            if (p.phase != Phase::Comparing || p.rowsDone == 0)
                return tr("Cancelled before any table was compared.");
            return tr("Cancelled after %1 of %2 tables.", nullptr, pluralCount(p.rowsTotal))
                .arg(groupedNumber(p.rowsDone), groupedNumber(p.rowsTotal));
        }
        return tr("Cancelled — nothing was written.");
    case Job::State::Failed: {
        QString advice = adviceFor(job.error()->kind);
        if (canRerun(job))
            advice += tr(" Or retry with a brief read lock (the other program may wait a moment), or publish "
                         "the last copy without the guarantee that it is one committed state.");
        return tr("Failed: %1").arg(job.error()->message) +
               (advice.isEmpty() ? QString() : QStringLiteral("\n") + advice);
    }
    }
    return {};
}

} // namespace sqlsnap::ui

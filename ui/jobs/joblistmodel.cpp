#include "jobs/joblistmodel.h"

#include <QFileInfo>

namespace sqlsnap::ui {

JobListModel::JobListModel(QObject* parent) : QAbstractListModel(parent) {
    m_repaint.setSingleShot(true);
    m_repaint.setInterval(100);
    connect(&m_repaint, &QTimer::timeout, this, &JobListModel::flushProgress);
}

void JobListModel::addJob(SnapshotJob* job) {
    job->setParent(this);
    beginInsertRows({}, 0, 0);
    m_jobs.prepend(job);
    ++m_running;
    endInsertRows();
    connect(job, &SnapshotJob::progressChanged, this, [this, job] {
        m_changed.insert(job);
        if (!m_repaint.isActive())
            m_repaint.start();
    });
    connect(job, &SnapshotJob::finished, this, [this, job] {
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

int JobListModel::rowOf(const SnapshotJob* job) const {
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
    const SnapshotJob& job = *m_jobs[index.row()];
    switch (role) {
    case Qt::DisplayRole:
        return titleOf(job);
    case Qt::ToolTipRole:
        return job.source() + QStringLiteral("\n→ ") + job.destination() + QStringLiteral("\n\n") +
               statusOf(job);
    case Qt::AccessibleTextRole:
        return titleOf(job) + QStringLiteral(": ") + statusOf(job);
    case JobRole:
        return QVariant::fromValue(const_cast<SnapshotJob*>(&job));
    case StatusRole:
        return statusOf(job);
    case ToneRole:
        return int(toneOf(job));
    case PermilleRole:
        return job.permille();
    case RunningRole:
        return job.isRunning();
    case CanOpenRole:
        return job.kind() == SnapshotJob::Kind::Snapshot && job.state() == SnapshotJob::State::Succeeded;
    case CanRerunRole:
        return canRerun(job) && !m_rerunDone.contains(&job);
    default:
        return {};
    }
}

bool JobListModel::canRerun(const SnapshotJob& job) {
    return job.kind() == SnapshotJob::Kind::Snapshot && job.state() == SnapshotJob::State::Failed &&
           job.error() && job.error()->kind == ErrorKind::ChangedTooOften;
}

SnapshotJob* JobListModel::rerun(const SnapshotJob* job, Rerun how) {
    if (!job || rowOf(job) < 0 || !canRerun(*job) || m_rerunDone.contains(job))
        return nullptr;
    m_rerunDone.insert(job);
    const QModelIndex at = index(rowOf(job));
    emit dataChanged(at, at);
    emit rowLayoutChanged(at);
    SnapshotOptions options = job->options();
    if (how == Rerun::BriefReadLock)
        options.direct = true;
    else
        options.strict = false;
    auto* again = new SnapshotJob(SnapshotJob::Kind::Snapshot, job->source(), job->destination(), options);
    addJob(again);
    return again;
}

QString JobListModel::titleOf(const SnapshotJob& job) {
    const QString source = QFileInfo(job.source()).fileName(), dest = QFileInfo(job.destination()).fileName();
    switch (job.kind()) {
    case SnapshotJob::Kind::Export:
        return tr("Export of snapshot %1 → %2").arg(source, dest);
    case SnapshotJob::Kind::TableExport:
        return tr("Table “%1” of %2 → %3").arg(job.table(), source, dest);
    case SnapshotJob::Kind::Snapshot:
        break;
    }
    if (job.options().direct)
        return tr("Snapshot of %1 → %2 (brief read lock)").arg(source, dest);
    if (!job.options().strict)
        return tr("Snapshot of %1 → %2 (unverified state allowed)").arg(source, dest);
    return tr("Snapshot of %1 → %2").arg(source, dest);
}

Tone JobListModel::toneOf(const SnapshotJob& job) {
    switch (job.state()) {
    case SnapshotJob::State::Running:
        return Tone::Normal;
    case SnapshotJob::State::Succeeded:
        return Tone::Success;
    case SnapshotJob::State::Cancelled:
        return Tone::Muted;
    case SnapshotJob::State::Failed:
        return Tone::Error;
    }
    return Tone::Normal;
}

QString JobListModel::statusOf(const SnapshotJob& job) {
    switch (job.state()) {
    case SnapshotJob::State::Running: {
        QStringList parts{phaseText(job.progress())};
        if (job.bytesPerSecond() > 0)
            parts << tr("%1/s").arg(humanSize(qint64(job.bytesPerSecond())));
        if (job.secondsLeft() >= 0 && job.elapsedMs() > 1000)
            parts << tr("%1 left").arg(humanDuration(job.secondsLeft()));
        return parts.join(QStringLiteral(" · "));
    }
    case SnapshotJob::State::Succeeded: {
        if (job.kind() == SnapshotJob::Kind::TableExport) {
            const TableExportResult& t = *job.tableResult();
            return tr("Done in %1 · %2 · %3")
                .arg(elapsedText(job.elapsedMs()), rowsText(t.rows), humanSize(t.bytes));
        }
        const SnapshotResult& r = *job.result();
        const QString attempts =
            r.copyAttempts == 1 ? tr("1 copy attempt") : tr("%1 copy attempts").arg(r.copyAttempts);
        QString text = tr("Done in %1 · %2 · %3").arg(elapsedText(r.elapsedMs), humanSize(r.bytes), attempts);
        if (r.integrity)
            text += *r.integrity == QStringLiteral("ok") ? tr(" · integrity ok")
                                                         : tr(" · integrity: %1").arg(*r.integrity);
        if (!r.consistentCopy)
            text +=
                tr("\nFlagged: not shown to be one committed state. The files kept changing through every "
                   "attempt and the last copy was published as asked; SQLite found it intact.");
        return text;
    }
    case SnapshotJob::State::Cancelled:
        return tr("Cancelled — nothing was written.");
    case SnapshotJob::State::Failed: {
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

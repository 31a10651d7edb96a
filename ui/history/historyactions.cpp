// The History view's actions on files, each off the GUI thread: Verify and Restore… as jobs (startJob),
// Delete… on the executor's interactive lane (historyview.h says what each acts on).
#include "history/historyview.h"

#include "common/format.h"
#include "history/historymodel.h"
#include "history/snapshotdeletion.h"
#include "jobs/job.h"
#include "jobs/jobspecs.h"

#include <QFileInfo>
#include <QTimer>

#include <memory>

namespace sqlsnap::ui {

void HistoryView::verify(const QStringList& paths) {
    if (!startJob)
        return;
    for (const QString& path : paths) {
        const int row = m_model->rowOfPath(path);
        if (row < 0 || !m_model->entry(row).present)
            continue;
        if (Job* job = startJob(JobSpecs::verify(path)))
            connect(job, &Job::finished, this, &HistoryView::refresh);
    }
}

void HistoryView::deleteSnapshots(const QStringList& paths) {
    if (paths.isEmpty() || !m_deletion.isFinished() || !confirmDelete(paths))
        return;
    for (const QString& path : paths)
        emit closePreviewRequested(path);
    m_deletion = Executor::instance().run(
        Lane::Interactive, this, [paths](const CancelToken&) { return SnapshotDeletion::run(paths); },
        [this](const DeletionOutcome& outcome) {
            QStringList lines;
            const int gone = int(outcome.deleted.size() + outcome.forgotten.size());
            if (gone > 0)
                lines << tr("Deleted %1 snapshot(s).", nullptr, pluralCount(gone)).arg(groupedNumber(gone));
            for (const QString& refused : outcome.refused)
                lines << tr("Left alone: %1").arg(refused);
            showMessage(lines.join(QLatin1Char('\n')), !outcome.refused.isEmpty());
            emit snapshotsDeleted(outcome.deleted + outcome.forgotten);
            // Said once the rows no longer show what was deleted.
            auto once = std::make_shared<QMetaObject::Connection>();
            *once = connect(m_model, &HistoryModel::loaded, this, [this, once] {
                disconnect(*once);
                updateActions();
                emit deletionFinished();
            });
            m_model->reload();
        });
    updateActions();
}

void HistoryView::restore(const QString& snapshotPath) {
    if (!startJob || snapshotPath.isEmpty())
        return;
    const QString target = chooseRestoreTarget(m_model->database());
    if (target.isEmpty())
        return;
    if (QFileInfo::exists(target) && !confirmRestore(snapshotPath, target))
        return;
    startRestore(snapshotPath, target, false);
}

void HistoryView::startRestore(const QString& snapshot, const QString& target, bool force) {
    Job* job = startJob(JobSpecs::restore(snapshot, target, force));
    if (!job)
        return;
    connect(job, &Job::finished, this, [this, job, snapshot, target, force] {
        if (const RestoreResult* r = job->resultAs<RestoreResult>()) {
            showMessage(r->keptAs.isEmpty()
                            ? tr("Restored %1 to %2.").arg(QFileInfo(snapshot).fileName(), r->destination)
                            : tr("Restored %1 to %2. The replaced file is kept as %3.")
                                  .arg(QFileInfo(snapshot).fileName(), r->destination, r->keptAs),
                        false);
            refresh();
            return;
        }
        if (job->state() != Job::State::Failed)
            return;
        const Error error = *job->error();
        if (error.kind != ErrorKind::DestinationInUse || force) {
            showMessage(tr("Restore failed: %1").arg(error.message), true);
            return;
        }
        // The refusal is on the job's row; the question comes after this signal, not inside it.
        QTimer::singleShot(0, this, [this, snapshot, target, message = error.message] {
            if (confirmRestoreInUse(target, message))
                startRestore(snapshot, target, true);
            else
                showMessage(tr("Not restored: %1").arg(message), true);
        });
    });
}

} // namespace sqlsnap::ui

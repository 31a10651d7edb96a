// The questions the History view asks by default (tests replace them): the restore target, replacing it,
// restoring while a program has it open, deleting.
#include "history/historyview.h"

#include "common/format.h"

#include <QFileDialog>
#include <QFileInfo>
#include <QMessageBox>
#include <QPushButton>

namespace sqlsnap::ui {

void HistoryView::installDefaultQuestions() {
    chooseRestoreTarget = [this](const QString& suggested) {
        // The replace question comes next, with what happens to the file replaced.
        return QFileDialog::getSaveFileName(this, tr("Restore Snapshot To"), suggested,
                                            tr("SQLite databases (*.sqlite *.db *.sqlite3);;All files (*)"),
                                            nullptr, QFileDialog::DontConfirmOverwrite);
    };
    confirmRestore = [this](const QString& snapshot, const QString& target) {
        QMessageBox box(QMessageBox::Question, tr("Restore Snapshot"),
                        tr("Replace %1 with the snapshot %2?")
                            .arg(QFileInfo(target).fileName(), QFileInfo(snapshot).fileName()),
                        QMessageBox::Cancel, this);
        box.setInformativeText(tr("The current file is kept beside it as “%1.before-restore-<time>”, with "
                                  "its -wal and -journal if it has them.")
                                   .arg(QFileInfo(target).fileName()));
        QPushButton* go = box.addButton(tr("Restore"), QMessageBox::AcceptRole);
        box.setDefaultButton(go);
        box.exec();
        return box.clickedButton() == go;
    };
    confirmRestoreInUse = [this](const QString&, const QString& refusal) {
        QMessageBox box(QMessageBox::Warning, tr("Restore Snapshot"), refusal, QMessageBox::Cancel, this);
        box.setInformativeText(
            tr("Restore anyway? Its -wal and -journal move aside with the replaced file. A program that has "
               "it open keeps using its old file: quit it first, or restart it afterwards."));
        QPushButton* go = box.addButton(tr("Restore Anyway"), QMessageBox::DestructiveRole);
        box.setDefaultButton(QMessageBox::Cancel);
        box.exec();
        return box.clickedButton() == go;
    };
    confirmDelete = [this](const QStringList& paths) {
        const DeleteQuestion q = deleteQuestion(paths);
        QMessageBox box(QMessageBox::Question, tr("Delete Snapshots"), q.text, QMessageBox::Cancel, this);
        box.setInformativeText(q.informative);
        if (!q.details.isEmpty())
            box.setDetailedText(q.details);
        QPushButton* go = box.addButton(tr("Delete"), QMessageBox::DestructiveRole);
        box.setDefaultButton(QMessageBox::Cancel);
        box.exec();
        return box.clickedButton() == go;
    };
}

HistoryView::DeleteQuestion HistoryView::deleteQuestion(const QStringList& paths) {
    const int n = int(paths.size());
    QStringList folders;
    for (const QString& p : paths)
        if (const QString f = QFileInfo(p).absolutePath(); !folders.contains(f))
            folders << f;
    DeleteQuestion q;
    // Which folder: the same database may be kept in the snapshot folder and a schedule's.
    if (n == 1)
        q.text = tr("Delete %1 from %2?").arg(QFileInfo(paths.first()).fileName(), folders.first());
    else if (folders.size() == 1)
        q.text = tr("Delete %1 snapshot(s) from %2?", nullptr, pluralCount(n))
                     .arg(groupedNumber(n), folders.first());
    else
        q.text = tr("Delete %1 snapshot(s) from %2 folders?", nullptr, pluralCount(n))
                     .arg(groupedNumber(n))
                     .arg(folders.size());
    q.informative = tr("The file(s) will be deleted from the disk and from the folder's history record. This "
                       "cannot be undone.",
                       nullptr, pluralCount(n));
    if (n > 1)
        q.details = paths.join(QLatin1Char('\n'));
    return q;
}

} // namespace sqlsnap::ui

#include "snapshot/destination.h"

#include "io/atomicoutput.h"

#include <QDir>
#include <QFileInfo>

#include <climits>
#include <sys/stat.h>
#include <unistd.h>

namespace sqlsnap {
namespace {

Error aliasError(const QString& destination) {
    return {ErrorKind::DestinationAliasesSource,
            QStringLiteral("destination is the source database or one of its files: %1").arg(destination)};
}

// Canonical folder + file name: the same file spelled differently (`..`, a symlinked folder) compares
// equal even when the file itself does not exist yet.
QString canonicalName(const QString& path) {
    const QFileInfo info(path);
    const QString dir = QFileInfo(info.absolutePath()).canonicalFilePath();
    return dir.isEmpty() ? QString() : dir + QLatin1Char('/') + info.fileName();
}

} // namespace

bool namesFileOfDatabase(const QString& databasePath, const QString& destination,
                         const QString& superJournal) {
    // SQLite keeps a symlinked database's companions beside its target: compare those names too.
    QStringList databases{databasePath};
    if (const QString target = QFileInfo(databasePath).canonicalFilePath();
        !target.isEmpty() && target != databasePath)
        databases << target;
    QStringList files;
    for (const QString& db : std::as_const(databases))
        for (FileKind kind : {FileKind::Database, FileKind::Wal, FileKind::Shm, FileKind::Journal})
            files << companionPath(db, kind);
    if (!superJournal.isEmpty())
        files << superJournal;
    // The name itself, and where a symlink at that name points.
    QStringList destinationNames{canonicalName(destination)};
    if (const QFileInfo info(destination); info.isSymLink())
        destinationNames << canonicalName(info.symLinkTarget());
    const io::FileStat dest = io::statPath(destination);
    for (const QString& file : std::as_const(files)) {
        const QString name = canonicalName(file);
        if (!name.isEmpty() && destinationNames.contains(name))
            return true;
        if (dest.exists) { // a hard link, or any other route to the same file
            const io::FileStat st = io::statPath(file);
            if (st.exists && st.device == dest.device && st.inode == dest.inode)
                return true;
        }
    }
    return false;
}

Expected<DestinationPlan> planOutput(const QString& sourceDatabase, const QString& superJournal,
                                     const QString& destination, bool overwrite) {
    if (destination.isEmpty())
        return Error{ErrorKind::InvalidArgument, QStringLiteral("no destination given")};
    DestinationPlan plan;
    const QFileInfo info(destination);
    plan.path = info.absoluteFilePath();
    plan.directory = info.absolutePath();
    if (destination.endsWith(QLatin1Char('/')) || info.fileName().isEmpty())
        return Error{ErrorKind::InvalidArgument,
                     QStringLiteral("destination is a folder, not a file name: %1").arg(destination)};

    if (plan.path.contains(QChar::ReplacementCharacter) ||
        QFileInfo(plan.directory).canonicalFilePath().contains(QChar::ReplacementCharacter))
        return Error{
            ErrorKind::InvalidArgument,
            QStringLiteral("destination name is not valid UTF-8 (or contains U+FFFD): %1").arg(plan.path)};
    if (io::encodePath(info.fileName()).size() > NAME_MAX)
        return Error{ErrorKind::InvalidArgument,
                     QStringLiteral("destination name is longer than %1 bytes, the limit of file names: %2")
                         .arg(NAME_MAX)
                         .arg(destination)};
    const io::FileStat dir = io::statPath(plan.directory);
    if (!dir.exists || !dir.directory)
        return Error{ErrorKind::DestinationDirectoryMissing,
                     QStringLiteral("destination folder does not exist: %1").arg(plan.directory)};

    if (namesFileOfDatabase(sourceDatabase, plan.path, superJournal))
        return aliasError(plan.path);
    // Another database's -wal or -journal holds committed changes that database needs.
    if (const QString owner = databasePathFor(plan.path); owner != plan.path)
        return Error{
            ErrorKind::DestinationAliasesSource,
            QStringLiteral("destination is a file of the database %1 (its %2): replacing it would lose "
                           "that database's changes: %3")
                .arg(owner, plan.path.mid(owner.size()), plan.path)};

    const io::FileStat link = io::lstatPath(plan.path);
    if (link.exists) {
        const io::FileStat target = io::statPath(plan.path);
        if (target.directory)
            return Error{ErrorKind::InvalidArgument,
                         QStringLiteral("destination is a folder, not a file name: %1").arg(plan.path)};
        // Only a regular file is ever replaced (a symlink is replaced itself, never followed): a FIFO,
        // socket or device node at DEST, such as /dev/null, is refused even with overwrite.
        if (!link.symlink && !link.regular)
            return Error{ErrorKind::InvalidArgument,
                         QStringLiteral("destination is %1, not a regular file: %2 (only a file is replaced)")
                             .arg(io::fileTypeName(link.mode), plan.path)};
        if (!overwrite)
            return Error{ErrorKind::DestinationExists,
                         QStringLiteral("destination exists: %1").arg(plan.path)};
    }
    for (FileKind kind : {FileKind::Wal, FileKind::Journal}) {
        const QString companion = companionPath(plan.path, kind);
        if (io::lstatPath(companion).exists)
            return Error{
                ErrorKind::DestinationInUse,
                QStringLiteral("destination has a %1 beside it (another program may have it open): %2")
                    .arg(companion.mid(plan.path.size()), companion)};
    }
    if (::access(io::encodePath(plan.directory).constData(), W_OK | X_OK) != 0)
        return io::writeError(errno, QStringLiteral("cannot write to destination folder"), plan.directory);

    const io::FileStat src = io::statPath(sourceDatabase);
    plan.mode = src.exists ? (src.mode & 0666) : 0600;
    return plan;
}

Status publishFile(const QString& temporaryPath, const DestinationPlan& plan, bool overwrite, Task& task) {
    return io::publishInto(temporaryPath, plan.path, plan.mode, overwrite, &task);
}

} // namespace sqlsnap

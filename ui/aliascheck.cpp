#include "aliascheck.h"

#include <sqlitesnapshot/databasefiles.h>

#include <QFile>
#include <QFileInfo>

#include <sys/stat.h>

namespace sqlsnap::ui {
namespace {
// Canonical folder + file name: equal for two spellings of one name even when the file does not exist.
QString canonicalName(const QString& path) {
    const QFileInfo info(path);
    const QString dir = QFileInfo(info.absolutePath()).canonicalFilePath();
    return dir.isEmpty() ? QString() : dir + QLatin1Char('/') + info.fileName();
}

bool statOf(const QString& path, struct stat* st) {
    return ::stat(QFile::encodeName(path).constData(), st) == 0;
}
} // namespace

bool namesFileOfSource(const QString& databasePath, const QString& destination) {
    // SQLite keeps a symlinked database's companions beside its target: so do the names compared here.
    QStringList databases{databasePath};
    if (const QString target = QFileInfo(databasePath).canonicalFilePath();
        !target.isEmpty() && target != databasePath)
        databases << target;
    QStringList names;
    for (const QString& db : std::as_const(databases))
        for (FileKind kind : {FileKind::Database, FileKind::Wal, FileKind::Shm, FileKind::Journal})
            names << companionPath(db, kind);
    // The name itself, and where a symlink (dangling, too) at that name points.
    QStringList destNames{canonicalName(destination)};
    if (const QFileInfo info(destination); info.isSymLink())
        destNames << canonicalName(info.symLinkTarget());
    struct stat destStat {};
    const bool destExists = statOf(destination, &destStat);
    for (const QString& file : std::as_const(names)) {
        const QString name = canonicalName(file);
        if (!name.isEmpty() && destNames.contains(name))
            return true;
        struct stat st {};
        if (destExists && statOf(file, &st) && st.st_dev == destStat.st_dev && st.st_ino == destStat.st_ino)
            return true; // a hard link, or any other route to the same file
    }
    return false;
}

} // namespace sqlsnap::ui

#include "read/inplace.h"

#include <QUrl>

namespace sqlsnap {

FileMarkers readFileMarkers(const QString& path) {
    FileMarkers m;
    m.stat = io::statPath(path);
    int error = 0;
    m.header = io::readHead(path, 100, &error);
    m.journal = io::lstatPath(companionPath(path, FileKind::Journal)).exists;
    return m;
}

bool readableInPlace(const DatabaseFiles& files) {
    return !files.header.isWal() && !files.find(FileKind::Wal) && !files.find(FileKind::Journal) &&
           (files.lock == LockState::None || files.lock == LockState::Shared);
}

QString immutableUri(const QString& path) {
    return QStringLiteral("file:%1?immutable=1")
        .arg(QString::fromLatin1(QUrl::toPercentEncoding(path, QByteArrayLiteral("/"))));
}

} // namespace sqlsnap

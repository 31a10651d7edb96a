// A WAL's committed frames written into the staged database by the engine itself, while the database
// is copied: publish then writes the checkpointed file to the disk in one sequential pass, where SQLite's
// checkpoint after the copy rewrote every changed page at random once the copy's writeback had begun
// (a quarter of the time of a 1 GiB snapshot with a 128 MiB WAL). The rules are SQLite's WAL recovery
// and checkpoint (walformat.html, docs/engine.md "The WAL written during the copy"); the staged copy
// of the -wal stays the authority: stablecopy.cpp checks it against what was written and retries the
// attempt on any difference.
#pragma once

#include "sqlitesnapshot/error.h"

#include <QByteArray>
#include <QString>

#include <utility>
#include <vector>

namespace sqlsnap {
class Task;

// What SQLite's recovery finds in a WAL: the frames up to its last valid commit frame.
struct WalFrames {
    QByteArray header;    // the 32-byte WAL header (salts, checkpoint sequence)
    quint32 pageSize = 0; // 0: no valid header (SQLite treats the WAL as empty)
    bool bigEndianChecksums = false;
    qint64 committedFrames = 0;   // frames 0 .. committedFrames-1 are committed and valid
    quint32 databasePages = 0;    // the database's size in pages after the last commit
    quint32 checksum[2] = {0, 0}; // the running checksum after the last committed frame
    // The latest committed frame of each page, by page number: (page number, frame index). Only frames
    // from `from` on (indexWal's resumeFrom) when resumed.
    std::vector<std::pair<quint32, qint64>> latest;
};

// Reads the WAL open as `fd` as SQLite's recovery does: a bad header, version or page size means an
// empty WAL; frames count while their salts match the header and their cumulative checksums hold; the
// last frame with a database size (a commit) ends what counts. With `resumeFrom` (an index of an earlier
// state of the same WAL generation), scanning starts after its committed frames, seeded with its
// checksum; the caller has checked the header is the same.
Expected<WalFrames> indexWal(int fd, const QString& path, Task& task, const WalFrames* resumeFrom = nullptr);

// The checksum stored in frame `frame`'s header (to see that a later copy holds the same frames).
Expected<std::pair<quint32, quint32>> storedFrameChecksum(int fd, const QString& path, quint32 pageSize,
                                                          qint64 frame);

// Writes the page of `frames.latest` of every page number in [firstPage, lastPage] (1-based), read from
// the WAL open as `walFd`, into the database file open as `outFd` at its place. False when the WAL can no
// longer be read there (a writer truncated it meanwhile): what was written is then not to be used. An
// error only for a failed write.
Expected<bool> writeLatestFrames(const WalFrames& frames, int walFd, int outFd, const QString& outPath,
                                 quint32 firstPage, quint32 lastPage);

// Tests compare the snapshots made with and without writing the WAL during the copy.
void setWalOverlayEnabled(bool enabled);
bool walOverlayEnabled();

} // namespace sqlsnap

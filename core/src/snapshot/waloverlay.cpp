#include "snapshot/waloverlay.h"

#include "base/task.h"
#include "io/posixio.h"

#include <algorithm>
#include <atomic>
#include <cerrno>
#include <cstring>
#include <unistd.h>

namespace sqlsnap {
namespace {

constexpr qint64 kWalHeaderBytes = 32;
constexpr qint64 kFrameHeaderBytes = 24;
constexpr quint32 kWalFormatVersion = 3007000;
constexpr qint64 kScanBytes = 1 << 20; // per read while indexing

std::atomic<bool> overlayEnabled{true};

quint32 be32(const unsigned char* p) {
    return quint32(p[0]) << 24 | quint32(p[1]) << 16 | quint32(p[2]) << 8 | quint32(p[3]);
}

// SQLite's WAL checksum: over 32-bit words in pairs, in the byte order the WAL's magic number names.
void addChecksum(bool bigEndian, const unsigned char* data, qint64 bytes, quint32 sum[2]) {
    quint32 s1 = sum[0], s2 = sum[1];
    for (qint64 i = 0; i + 8 <= bytes; i += 8) {
        quint32 w0, w1;
        if (bigEndian) {
            w0 = be32(data + i);
            w1 = be32(data + i + 4);
        } else {
            std::memcpy(&w0, data + i, 4); // the build is little-endian (x86-64, arm64)
            std::memcpy(&w1, data + i + 4, 4);
        }
        s1 += w0 + s2;
        s2 += w1 + s1;
    }
    sum[0] = s1;
    sum[1] = s2;
}

bool readFully(int fd, unsigned char* into, qint64 length, qint64 offset, int* error) {
    qint64 done = 0;
    while (done < length) {
        const ssize_t n = ::pread(fd, into + done, size_t(length - done), offset + done);
        if (n < 0 && errno == EINTR)
            continue;
        if (n < 0) {
            *error = errno;
            return false;
        }
        if (n == 0)
            return false; // shorter than it was: *error stays 0
        done += n;
    }
    return true;
}

} // namespace

void setWalOverlayEnabled(bool enabled) {
    overlayEnabled.store(enabled, std::memory_order_relaxed);
}

bool walOverlayEnabled() {
    return overlayEnabled.load(std::memory_order_relaxed);
}

Expected<WalFrames> indexWal(int fd, const QString& path, Task& task, const WalFrames* resumeFrom) {
    WalFrames wal;
    const io::FileStat st = io::statFd(fd);
    if (!st.exists)
        return io::readError(st.error ? st.error : EIO, path);
    int error = 0;
    unsigned char head[kWalHeaderBytes];
    if (st.size < kWalHeaderBytes || !readFully(fd, head, kWalHeaderBytes, 0, &error))
        return error ? Expected<WalFrames>(io::readError(error, path)) : Expected<WalFrames>(wal);
    const quint32 magic = be32(head);
    const quint32 pageSize = be32(head + 8);
    quint32 headerSum[2] = {0, 0};
    const bool bigEndian = (magic & 1) != 0;
    addChecksum(bigEndian, head, 24, headerSum);
    if ((magic & 0xfffffffe) != 0x377f0682 || be32(head + 4) != kWalFormatVersion || pageSize < 512 ||
        pageSize > 65536 || (pageSize & (pageSize - 1)) != 0 || headerSum[0] != be32(head + 24) ||
        headerSum[1] != be32(head + 28))
        return wal; // SQLite's recovery reads such a WAL as empty
    wal.header = QByteArray(reinterpret_cast<const char*>(head), kWalHeaderBytes);
    wal.pageSize = pageSize;
    wal.bigEndianChecksums = bigEndian;

    const qint64 frameBytes = kFrameHeaderBytes + pageSize;
    qint64 frame = 0;
    quint32 sum[2] = {headerSum[0], headerSum[1]};
    if (resumeFrom) {
        frame = resumeFrom->committedFrames;
        sum[0] = resumeFrom->checksum[0];
        sum[1] = resumeFrom->checksum[1];
        wal.committedFrames = resumeFrom->committedFrames;
        wal.databasePages = resumeFrom->databasePages;
        wal.checksum[0] = sum[0];
        wal.checksum[1] = sum[1];
    }
    // Frames seen since the last commit: they count only once a commit frame follows.
    std::vector<std::pair<quint32, qint64>> seen;
    std::vector<unsigned char> buffer(size_t(std::max<qint64>(kScanBytes / frameBytes, 1) * frameBytes));
    const qint64 framesPerRead = qint64(buffer.size()) / frameBytes;
    const qint64 totalFrames = (st.size - kWalHeaderBytes) / frameBytes; // whole frames only
    bool valid = true;
    while (valid && frame < totalFrames) {
        if (task.cancelled())
            return Task::cancelledError();
        const qint64 count = std::min(framesPerRead, totalFrames - frame);
        if (!readFully(fd, buffer.data(), count * frameBytes, kWalHeaderBytes + frame * frameBytes, &error)) {
            if (error)
                return io::readError(error, path);
            break; // shrank meanwhile: what was read counts
        }
        for (qint64 i = 0; valid && i < count; ++i, ++frame) {
            const unsigned char* f = buffer.data() + i * frameBytes;
            const quint32 pageNumber = be32(f);
            valid = pageNumber != 0 && std::memcmp(f + 8, head + 16, 8) == 0; // the first bad frame ends it
            if (!valid)
                break;
            addChecksum(bigEndian, f, 8, sum);
            addChecksum(bigEndian, f + kFrameHeaderBytes, pageSize, sum);
            valid = sum[0] == be32(f + 16) && sum[1] == be32(f + 20);
            if (!valid)
                break;
            seen.emplace_back(pageNumber, frame);
            if (const quint32 pages = be32(f + 4); pages != 0) {
                wal.committedFrames = frame + 1;
                wal.databasePages = pages;
                wal.checksum[0] = sum[0];
                wal.checksum[1] = sum[1];
                wal.latest.insert(wal.latest.end(), seen.begin(), seen.end());
                seen.clear();
            }
        }
    }
    // The latest frame of each page: sorted by page, then frame, keeping the last of each page.
    std::sort(wal.latest.begin(), wal.latest.end());
    auto last = std::unique(wal.latest.rbegin(), wal.latest.rend(),
                            [](const auto& a, const auto& b) { return a.first == b.first; });
    wal.latest.erase(wal.latest.begin(), last.base());
    return wal;
}

Expected<std::pair<quint32, quint32>> storedFrameChecksum(int fd, const QString& path, quint32 pageSize,
                                                          qint64 frame) {
    unsigned char header[kFrameHeaderBytes];
    int error = 0;
    if (!readFully(fd, header, kFrameHeaderBytes, kWalHeaderBytes + frame * (kFrameHeaderBytes + pageSize),
                   &error))
        return io::readError(error ? error : EIO, path);
    return std::pair<quint32, quint32>(be32(header + 16), be32(header + 20));
}

Expected<bool> writeLatestFrames(const WalFrames& frames, int walFd, int outFd, const QString& outPath,
                                 quint32 firstPage, quint32 lastPage) {
    if (frames.latest.empty() || firstPage > lastPage)
        return true;
    const qint64 pageSize = frames.pageSize;
    std::vector<unsigned char> page(static_cast<size_t>(pageSize));
    auto it = std::lower_bound(frames.latest.begin(), frames.latest.end(),
                               std::pair<quint32, qint64>(firstPage, -1));
    for (; it != frames.latest.end() && it->first <= lastPage; ++it) {
        int error = 0;
        const qint64 at = kWalHeaderBytes + it->second * (kFrameHeaderBytes + pageSize) + kFrameHeaderBytes;
        if (!readFully(walFd, page.data(), pageSize, at, &error))
            return false;
        qint64 written = 0;
        while (written < pageSize) {
            const ssize_t n = ::pwrite(outFd, page.data() + written, size_t(pageSize - written),
                                       (qint64(it->first) - 1) * pageSize + written);
            if (n < 0 && errno == EINTR)
                continue;
            if (n <= 0)
                return io::writeError(n < 0 ? errno : EIO, QStringLiteral("cannot write"), outPath);
            written += n;
        }
    }
    return true;
}

} // namespace sqlsnap

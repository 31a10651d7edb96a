// Progress and cancellation for PRAGMA integrity_check, which SQLite runs for the most part inside one VM
// instruction (its b-tree walk), where no progress handler runs: a VFS over the default one that counts
// the bytes read on the thread that is metering.
#pragma once

#include <QString>
#include <QtGlobal>

#include <functional>

namespace sqlsnap {

// The VFS's name, for a URI's `vfs=` parameter (registered on first use).
const char* meteredVfsName();

// While one lives, every read through the metered VFS on this thread calls `onRead` with the total of
// bytes read so far (at most every `step` bytes). One per thread at a time.
class ReadMeter {
public:
    ReadMeter(qint64 step, std::function<void(qint64 bytesRead)> onRead);
    ~ReadMeter();
    ReadMeter(const ReadMeter&) = delete;
    ReadMeter& operator=(const ReadMeter&) = delete;

    void add(qint64 bytes);

private:
    qint64 m_step;
    qint64 m_bytes = 0;
    qint64 m_reported = 0;
    std::function<void(qint64)> m_onRead;
};

} // namespace sqlsnap

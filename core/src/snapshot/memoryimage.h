// The memory form's database file (memory.cpp). The stable copy reads the source's main file straight
// into a MemoryImage; SQLite then opens the image as that file through the "sqlsnap-image" VFS, so the
// WAL replay, the checkpoint and the switch to journal_mode=DELETE write into it; sqlite3_deserialize
// finally hands the same buffer to the caller's connection. The database's bytes are copied once, from
// the source into the memory the result lives in: no staged file, no page-by-page backup.
#pragma once

#include "sqlitesnapshot/error.h"

#include <QString>

#include <utility>

namespace sqlsnap {
class Task;

// An sqlite3_malloc64'd buffer (sqlite3_deserialize with FREEONCLOSE frees it with sqlite3_free).
class MemoryImage {
public:
    // sqlite3_malloc64 and sqlite3_realloc64 refuse 0x7fffff00 bytes and more (SQLite 3.40): a
    // database larger than this is loaded the slower way (a staged copy, then the backup API).
    static constexpr qint64 kMaxBytes = 0x7fff0000;

    MemoryImage() = default;
    MemoryImage(MemoryImage&& other) noexcept
        : m_data(std::exchange(other.m_data, nullptr)), m_size(std::exchange(other.m_size, 0)),
          m_capacity(std::exchange(other.m_capacity, 0)) {}
    MemoryImage& operator=(MemoryImage&&) = delete;
    MemoryImage(const MemoryImage&) = delete;
    MemoryImage& operator=(const MemoryImage&) = delete;
    ~MemoryImage();

    unsigned char* data() const { return m_data; }
    qint64 size() const { return m_size; }
    qint64 capacity() const { return m_capacity; }
    // Room for at least `bytes`, the bytes kept (a retry reuses memory already touched: no new faults).
    bool reserve(qint64 bytes);
    // The new size; bytes past the old size are zero. False when the memory cannot be had.
    bool resize(qint64 bytes);
    // The new size within the capacity, the bytes left as they are (written there by the caller).
    void setSize(qint64 bytes) { m_size = bytes <= m_capacity ? bytes : m_capacity; }
    // The first `length` bytes (a database header), empty when the image is shorter.
    QByteArray head(qint64 length) const;
    // Ownership of the buffer to the caller (sqlite3_deserialize); the image is empty after.
    unsigned char* release();

private:
    unsigned char* m_data = nullptr;
    qint64 m_size = 0;
    qint64 m_capacity = 0;
};

// The largest set (database + -wal/-journal, in bytes) read into one image; a larger one is staged as a
// file and copied into the connection with the backup API. MemoryImage::kMaxBytes unless a test lowered
// it (to take the fallback without a 2 GiB database).
qint64 memoryImageLimit();
void setMemoryImageLimit(qint64 bytes);

// Reads the regular file open as `fd` (`path` names it in errors) into `image`, replacing its bytes,
// never more than the size it had when the read began (as io::copyOpenFile copies). In chunks, checking
// for cancellation between them, adding to bytesDone and counting pagesDone of pagesTotal (`pageSize`
// bytes each) in task.progress(). Returns the bytes read.
Expected<qint64> readFileInto(int fd, const QString& path, MemoryImage& image, qint64 pageSize, Task& task);

// True when the file at `path` holds exactly `image`'s bytes, read again in chunks of `buffer`'s size
// (made once by the caller: fresh pages inside the stable-copy window cost a fault each). Cancellable.
Expected<bool> fileEquals(const QString& path, const MemoryImage& image, QByteArray& buffer, Task& task);

// A file: URI that opens `path` with the VFS that serves bound images (registered on first use).
QString imageUri(const QString& path);

// While it lives, a connection opened on imageUri(path) reads and writes `image` as its
// main database file; every other file (the -wal, the -journal) is the default VFS's, on disk. The
// connection must be closed before the binding ends. Writes check `task` for cancellation now and then,
// so a long checkpoint into the image stops soon after a cancel (with an I/O error the caller reports
// as Cancelled). `path` must name a file that exists (the default VFS derives the -wal's permissions
// from it): an empty placeholder.
class ImageBinding {
public:
    static Expected<ImageBinding> bind(const QString& path, MemoryImage& image, Task& task);
    ImageBinding(ImageBinding&& other) noexcept : m_key(std::exchange(other.m_key, QByteArray())) {}
    ImageBinding& operator=(ImageBinding&&) = delete;
    ImageBinding(const ImageBinding&) = delete;
    ImageBinding& operator=(const ImageBinding&) = delete;
    ~ImageBinding();

private:
    explicit ImageBinding(QByteArray key) : m_key(std::move(key)) {}
    QByteArray m_key; // the full path SQLite opens
};

} // namespace sqlsnap

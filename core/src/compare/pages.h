// The fast path of a comparison (#15 item 2): two snapshots of one database share most of their pages at the
// same page numbers. Both files' b-tree pages are read directly (not through SQLite) and walked together from
// a table's roots; a leaf whose bytes are the same in both, reached where both trees put it, holds the same
// rows on both sides, so only the rowid ranges outside such leaves need the row merge. Any doubt (other page
// sizes, a page that is not what a table b-tree holds) gives up the fast path, never the answer: the merge
// of the whole table is always correct.
#pragma once

#include "compare/merge.h"
#include "io/posixio.h"

#include <QString>

#include <optional>

namespace sqlsnap::compare {

// One database file's pages, read with pread (the file is immutable while compared, or a private copy).
class PageFile {
public:
    static Expected<std::unique_ptr<PageFile>> open(const QString& path, const QString& context);
    ~PageFile() = default;
    PageFile(const PageFile&) = delete;
    PageFile& operator=(const PageFile&) = delete;

    int pageSize() const { return m_pageSize; }
    int usableSize() const { return m_usable; }
    quint32 pageCount() const { return m_pageCount; }
    // Page `number` (1-based) into `out`; false when it lies outside the file or cannot be read.
    bool read(quint32 number, QByteArray& out) const;

private:
    PageFile() = default;
    io::Fd m_fd; // a source descriptor: closing it never drops a lock this process holds on the file
    int m_pageSize = 0;
    int m_usable = 0;
    quint32 m_pageCount = 0;
};

struct PageSkip {
    QList<RowidRange> ranges; // to merge row by row, in order; the rest is the same on both sides
    qint64 rowsSkipped = 0;   // rows in the leaves skipped (unchanged rows the merge will not see)
    qint64 pagesRead = 0;     // pages read from both files
};

// The rowid ranges of a rowid table (its b-tree rooted at `rootA` in A and `rootB` in B) that may differ;
// unset when the fast path does not apply (then merge the whole table). Polls `task`.
Expected<std::optional<PageSkip>> changedRowidRanges(const PageFile& a, quint32 rootA, const PageFile& b,
                                                     quint32 rootB, Task& task);

} // namespace sqlsnap::compare

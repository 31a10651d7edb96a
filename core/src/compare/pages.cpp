#include "compare/pages.h"

#include <fcntl.h>
#include <unistd.h>

#include <limits>

namespace sqlsnap::compare {
namespace {

constexpr quint8 kInteriorTable = 0x05;
constexpr quint8 kLeafTable = 0x0d;
constexpr int kMaxDepth = 40; // far deeper than any real b-tree: a cycle in a damaged file ends here

quint32 be32(const QByteArray& page, int at) {
    const auto* p = reinterpret_cast<const unsigned char*>(page.constData()) + at;
    return quint32(p[0]) << 24 | quint32(p[1]) << 16 | quint32(p[2]) << 8 | quint32(p[3]);
}

int be16(const QByteArray& page, int at) {
    const auto* p = reinterpret_cast<const unsigned char*>(page.constData()) + at;
    return int(p[0]) << 8 | int(p[1]);
}

// SQLite's varint (1–9 bytes, big-endian, 7 bits a byte, the ninth all 8); false when it runs off the page.
bool varint(const QByteArray& page, int& at, quint64& value) {
    value = 0;
    for (int i = 0; i < 9; ++i) {
        if (at >= page.size())
            return false;
        const auto byte = quint8(page[at++]);
        if (i == 8) {
            value = (value << 8) | byte;
            return true;
        }
        value = (value << 7) | (byte & 0x7f);
        if (!(byte & 0x80))
            return true;
    }
    return true;
}

struct Interval {
    qint64 first, last; // inclusive; empty when first > last
    bool empty() const { return first > last; }
    Interval meet(const Interval& o) const { return {qMax(first, o.first), qMin(last, o.last)}; }
};

struct Child {
    quint32 page;
    Interval keys;
};

class Walk {
public:
    Walk(const PageFile& a, const PageFile& b, Task& task) : m_a(a), m_b(b), m_task(task) {}

    // false: the fast path does not apply (a page that is no table b-tree page, a read that failed).
    bool walk(quint32 pageA, Interval keysA, quint32 pageB, Interval keysB, int depth) {
        if (depth > kMaxDepth || (++m_visits % 1024 == 0 && m_task.cancelled()))
            return false;
        QByteArray a, b;
        if (!m_a.read(pageA, a) || !m_b.read(pageB, b))
            return false;
        m_pagesRead += 2;
        const int header = pageA == 1 ? 100 : 0;
        const int headerB = pageB == 1 ? 100 : 0;
        const quint8 typeA = quint8(a[header]), typeB = quint8(b[headerB]);
        for (quint8 t : {typeA, typeB})
            if (t != kInteriorTable && t != kLeafTable)
                return false;
        if (pageA == pageB && a == b) {
            if (typeA == kLeafTable) {
                const Interval both = keysA.meet(keysB);
                const int cells = be16(a, header + 3);
                bool same = true;
                if (!sameOverflow(a, header, cells, same))
                    return false;
                if (same && !both.empty()) {
                    prove(both);
                    m_rowsSkipped += cells;
                }
                return true;
            }
        }
        if (typeA != kInteriorTable || typeB != kInteriorTable)
            return true; // nothing proven here: the merge reads these keys
        QList<Child> childrenA, childrenB;
        if (!children(a, header, keysA, childrenA) || !children(b, headerB, keysB, childrenB))
            return false;
        // Children at the same page number on both sides are walked together (all of them when the
        // interior pages are the same); the others prove nothing.
        int j = 0;
        for (const Child& ca : std::as_const(childrenA)) {
            for (int k = 0; k < childrenB.size(); ++k) {
                const Child& cb = childrenB[(j + k) % childrenB.size()];
                if (cb.page != ca.page)
                    continue;
                j = (j + k) % childrenB.size();
                if (!walk(ca.page, ca.keys, cb.page, cb.keys, depth + 1))
                    return false;
                break;
            }
        }
        return true;
    }

    PageSkip finish() {
        PageSkip skip;
        skip.rowsSkipped = m_rowsSkipped;
        skip.pagesRead = m_pagesRead;
        qint64 next = std::numeric_limits<qint64>::min();
        bool open = true; // `next` is still a key to cover
        for (const Interval& p : std::as_const(m_proven)) {
            if (open && p.first > next)
                skip.ranges << RowidRange{next, p.first - 1};
            if (p.last == std::numeric_limits<qint64>::max()) {
                open = false;
                break;
            }
            next = p.last + 1;
        }
        if (open)
            skip.ranges << RowidRange{next, std::numeric_limits<qint64>::max()};
        return skip;
    }

private:
    void prove(const Interval& keys) {
        if (!m_proven.isEmpty() && m_proven.last().last < std::numeric_limits<qint64>::max() &&
            m_proven.last().last + 1 == keys.first)
            m_proven.last().last = keys.last;
        else
            m_proven << keys;
    }

    // An interior table page's children, each with the keys it covers (within `keys`).
    bool children(const QByteArray& page, int header, const Interval& keys, QList<Child>& out) const {
        const int cells = be16(page, header + 3);
        if (header + 12 + 2 * cells > page.size())
            return false;
        qint64 first = keys.first;
        for (int i = 0; i < cells; ++i) {
            int at = be16(page, header + 12 + 2 * i);
            if (at + 4 > page.size())
                return false;
            const quint32 child = be32(page, at);
            at += 4;
            quint64 key = 0;
            if (!varint(page, at, key))
                return false;
            const Interval covered = Interval{first, qint64(key)}.meet(keys);
            out << Child{child, covered};
            if (qint64(key) == std::numeric_limits<qint64>::max())
                return true; // nothing can lie to its right
            first = qint64(key) + 1;
        }
        out << Child{be32(page, header + 8), Interval{first, keys.last}.meet(keys)};
        return true;
    }

    // Whether the overflow chains of a leaf's cells (the same cells on both sides) hold the same bytes:
    // a changed value may keep its first bytes in the cell and change only what overflows.
    bool sameOverflow(const QByteArray& page, int header, int cells, bool& same) {
        const qint64 usable = m_a.usableSize();
        const qint64 maxLocal = usable - 35;
        const qint64 minLocal = (usable - 12) * 32 / 255 - 23;
        if (header + 8 + 2 * cells > page.size())
            return false;
        QByteArray a, b;
        for (int i = 0; i < cells && same; ++i) {
            int at = be16(page, header + 8 + 2 * i);
            quint64 payload = 0, rowid = 0;
            if (!varint(page, at, payload) || !varint(page, at, rowid))
                return false;
            if (qint64(payload) <= maxLocal)
                continue;
            const qint64 k = minLocal + (qint64(payload) - minLocal) % (usable - 4);
            const qint64 local = k <= maxLocal ? k : minLocal;
            if (at + local + 4 > page.size())
                return false;
            quint32 next = be32(page, int(at + local));
            qint64 left = (qint64(payload) - local + usable - 5) / (usable - 4); // pages in the chain
            while (next != 0 && left-- > 0) {
                if (!m_a.read(next, a) || !m_b.read(next, b))
                    return false;
                m_pagesRead += 2;
                if (a != b) {
                    same = false;
                    break;
                }
                next = be32(a, 0);
            }
        }
        return true;
    }

    const PageFile& m_a;
    const PageFile& m_b;
    Task& m_task;
    QList<Interval> m_proven; // in key order, adjacent ones joined
    qint64 m_rowsSkipped = 0;
    qint64 m_pagesRead = 0;
    qint64 m_visits = 0;
};

} // namespace

Expected<std::unique_ptr<PageFile>> PageFile::open(const QString& path, const QString& context) {
    std::unique_ptr<PageFile> file(new PageFile);
    int error = 0;
    file->m_fd = io::openReadOnly(path, &error);
    if (!file->m_fd.valid())
        return Error{ErrorKind::Unreadable, QStringLiteral("cannot read %1").arg(context)};
    QByteArray header(100, '\0');
    if (::pread(file->m_fd.get(), header.data(), 100, 0) != 100)
        return Error{ErrorKind::NotADatabase, QStringLiteral("%1: shorter than its header").arg(context)};
    const int size = be16(header, 16);
    file->m_pageSize = size == 1 ? 65536 : size;
    file->m_usable = file->m_pageSize - quint8(header[20]);
    const off_t bytes = ::lseek(file->m_fd.get(), 0, SEEK_END);
    file->m_pageCount = file->m_pageSize > 0 ? quint32(bytes / file->m_pageSize) : 0;
    return file;
}

bool PageFile::read(quint32 number, QByteArray& out) const {
    if (number == 0 || number > m_pageCount)
        return false;
    out.resize(m_pageSize);
    return ::pread(m_fd.get(), out.data(), size_t(m_pageSize), off_t(number - 1) * m_pageSize) == m_pageSize;
}

Expected<std::optional<PageSkip>> changedRowidRanges(const PageFile& a, quint32 rootA, const PageFile& b,
                                                     quint32 rootB, Task& task) {
    if (a.pageSize() != b.pageSize() || a.usableSize() != b.usableSize() || a.usableSize() < 480 ||
        rootA < 2 || rootB < 2)
        return std::optional<PageSkip>();
    Walk walk(a, b, task);
    const Interval all{std::numeric_limits<qint64>::min(), std::numeric_limits<qint64>::max()};
    const bool applies = walk.walk(rootA, all, rootB, all, 0);
    if (task.cancelled())
        return Task::cancelledError();
    if (!applies)
        return std::optional<PageSkip>();
    return std::optional<PageSkip>(walk.finish());
}

} // namespace sqlsnap::compare

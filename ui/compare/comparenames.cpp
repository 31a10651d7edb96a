#include "compare/comparenames.h"

#include <sqlitesnapshot/history.h>

#include <QDir>
#include <QFileInfo>

namespace sqlsnap::ui::comparenames {

namespace {

bool isBoundary(QChar c) {
    return c.isSpace() || QStringLiteral("._-/,()[]").contains(c);
}

struct Split {
    QString head, keepA, keepB, tail;
};

// What `a` and `b` share at their start and end, each cut at a boundary so that no word or number is
// split between the shared and the differing part. Two snapshots of `database` (named by the tool): its
// name is the head, and the whole date and time (with a " (2)") is what differs: a time that shares its
// date with the other is still read as one.
Split split(const QString& a, const QString& b, const QString& database) {
    if (!database.isEmpty()) {
        const qsizetype p = database.size() + 1;
        const QString ext = QStringLiteral(".sqlite");
        const qsizetype s = a.endsWith(ext) && b.endsWith(ext) ? ext.size() : 0;
        return {a.left(p), a.mid(p, a.size() - p - s), b.mid(p, b.size() - p - s), a.right(s)};
    }
    const qsizetype shorter = std::min(a.size(), b.size());
    qsizetype p = 0;
    while (p < shorter && a[p] == b[p])
        ++p;
    while (p > 0 && !isBoundary(a[p - 1]))
        --p;
    qsizetype s = 0;
    while (s < shorter - p && a[a.size() - 1 - s] == b[b.size() - 1 - s])
        ++s;
    while (s > 0 && !isBoundary(a[a.size() - s]))
        --s;
    return {a.left(p), a.mid(p, a.size() - p - s), b.mid(p, b.size() - p - s), a.right(s)};
}

struct Names {
    QString a, b;
    QString database; // both are snapshots of it, named by the tool
};

// The names to tell apart: the file names, or with their folder's name when those are the same.
ElisionParts around(const QString& head, const QString& keep, const QString& tail) {
    ElisionParts parts;
    parts.head = head;
    parts.keep = keep;
    parts.tail = tail;
    return parts;
}

Names names(const QString& a, const QString& b, bool withExtension) {
    const QFileInfo fa(a), fb(b);
    Names n{withExtension ? fa.fileName() : fa.completeBaseName(),
            withExtension ? fb.fileName() : fb.completeBaseName(),
            {}};
    if (n.a == n.b && fa.absolutePath() != fb.absolutePath()) {
        n.a = fa.absoluteDir().dirName() + QLatin1Char('/') + n.a;
        n.b = fb.absoluteDir().dirName() + QLatin1Char('/') + n.b;
    } else if (const auto sa = parseSnapshotFileName(fa.fileName()),
               sb = parseSnapshotFileName(fb.fileName());
               sa && sb && sa->database == sb->database && n.a != n.b) {
        n.database = sa->database;
    }
    return n;
}

} // namespace

ElisionParts distinctName(const QString& path, const QString& other) {
    const Names n = names(path, other, true);
    if (n.a == n.b)
        return around({}, n.a, {});
    const Split parts = split(n.a, n.b, n.database);
    return around(parts.head, parts.keepA, parts.tail);
}

QString tabTitle(const QFontMetrics& metrics, const QString& before, const QString& after, int width) {
    const Names n = names(before, after, false);
    const QString &a = n.a, &b = n.b;
    const QString arrow = QStringLiteral(" → ");
    const QString whole = a + arrow + b;
    if (metrics.horizontalAdvance(whole) <= width || a == b)
        return metrics.elidedText(whole, Qt::ElideMiddle, width);
    const Split parts = split(a, b, n.database);
    if (parts.head.isEmpty() && parts.tail.isEmpty()) {
        const int half = (width - metrics.horizontalAdvance(arrow)) / 2;
        return metrics.elidedText(a, Qt::ElideMiddle, half) + arrow +
               metrics.elidedText(b, Qt::ElideMiddle, half);
    }
    return elideAround(metrics, around(parts.head, parts.keepA + arrow + parts.keepB, parts.tail), width);
}

} // namespace sqlsnap::ui::comparenames

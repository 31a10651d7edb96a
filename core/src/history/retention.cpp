// restic's `forget` rules for a history folder (retention.h).
#include <sqlitesnapshot/retention.h>

#include "io/posixio.h"

#include <QDir>
#include <QMap>

#include <algorithm>
#include <unistd.h>

namespace sqlsnap {

namespace {

struct Rule {
    const char* reason;
    int count;
    qint64 (*bucket)(const QDateTime& local); // equal for snapshots of one hour, day, …
};

qint64 hourOf(const QDateTime& t) {
    return qint64(t.date().toJulianDay()) * 24 + t.time().hour();
}
qint64 dayOf(const QDateTime& t) {
    return t.date().toJulianDay();
}
qint64 weekOf(const QDateTime& t) {
    int year = 0;
    const int week = t.date().weekNumber(&year);
    return qint64(year) * 100 + week;
}
qint64 monthOf(const QDateTime& t) {
    return qint64(t.date().year()) * 100 + t.date().month();
}
qint64 yearOf(const QDateTime& t) {
    return t.date().year();
}

} // namespace

QList<RetentionDecision> decideRetention(QList<HistoryEntry> snapshots, const RetentionPolicy& policy) {
    std::sort(snapshots.begin(), snapshots.end(),
              [](const HistoryEntry& a, const HistoryEntry& b) { return a.taken > b.taken; });
    // As restic: each rule walks the snapshots newest first and keeps one whenever its bucket differs
    // from the last one it saw, until it has kept `count`. "last" keeps every snapshot (its bucket is
    // the snapshot itself).
    Rule rules[] = {{"last", policy.last, nullptr},       {"hourly", policy.hourly, hourOf},
                    {"daily", policy.daily, dayOf},       {"weekly", policy.weekly, weekOf},
                    {"monthly", policy.monthly, monthOf}, {"yearly", policy.yearly, yearOf}};
    qint64 lastBucket[std::size(rules)];
    std::fill(std::begin(lastBucket), std::end(lastBucket), std::numeric_limits<qint64>::min());
    QList<RetentionDecision> decisions;
    for (int i = 0; i < snapshots.size(); ++i) {
        RetentionDecision d{snapshots[i], i == 0, {}};
        if (i == 0)
            d.reasons << QStringLiteral("newest");
        const QDateTime local = snapshots[i].taken.toLocalTime();
        for (size_t r = 0; r < std::size(rules); ++r) {
            if (rules[r].count <= 0)
                continue;
            const qint64 bucket = rules[r].bucket ? rules[r].bucket(local) : i;
            if (bucket != lastBucket[r]) {
                lastBucket[r] = bucket;
                --rules[r].count;
                d.keep = true;
                d.reasons << QLatin1String(rules[r].reason);
            }
        }
        decisions.append(d);
    }
    return decisions;
}

Expected<PruneResult> pruneHistory(const QString& folder, const RetentionPolicy& policy, bool dryRun,
                                   const CancelToken& cancel) {
    if (policy.isEmpty())
        return Error{
            ErrorKind::InvalidArgument,
            QStringLiteral(
                "no --keep rule given: nothing would be kept but the newest, so nothing is removed")};
    auto history = HistoryFolder::open(folder);
    if (!history)
        return history.error();
    PruneResult result;
    QMap<QString, QList<HistoryEntry>> bySource;
    QSet<QString> ours;
    for (const HistoryEntry& e : history->entries())
        if (history->stillWritten(e)) {
            bySource[e.source].append(e);
            ours.insert(e.file);
        }
    for (const QString& name : QDir(history->folder()).entryList(QDir::Files | QDir::Hidden, QDir::Name))
        if (!ours.contains(name) && parseSnapshotFileName(name))
            result.leftAlone << name;
    QStringList removed;
    for (auto it = bySource.begin(); it != bySource.end(); ++it)
        for (const RetentionDecision& d : decideRetention(it.value(), policy)) {
            result.decisions.append(d);
            if (d.keep || dryRun)
                continue;
            if (cancel.isCancelled())
                break;
            const QString path = history->folder() + QLatin1Char('/') + d.entry.file;
            if (!history->stillWritten(d.entry)) // replaced since it was listed: not ours to delete
                continue;
            if (::unlink(io::encodePath(path).constData()) != 0 && errno != ENOENT) {
                const int error = errno;
                if (!removed.isEmpty())
                    (void)history->forget(removed);
                return Error{ErrorKind::IoError,
                             QStringLiteral("cannot remove %1: %2").arg(path, io::describeErrno(error))};
            }
            removed << d.entry.file;
        }
    if (!removed.isEmpty()) {
        if (Status forgotten = history->forget(removed); !forgotten)
            return forgotten.error();
        if (Status synced = io::fsyncDirectory(history->folder()); !synced)
            return synced.error();
    }
    result.removed = int(removed.size());
    if (cancel.isCancelled())
        return Error{ErrorKind::Cancelled, QStringLiteral("pruning was cancelled")};
    return result;
}

} // namespace sqlsnap

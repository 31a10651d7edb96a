// Which snapshots of a history folder to keep, with restic's `forget` semantics (docs/history.md), and
// pruning the rest — only files this tool wrote there, never the newest of a source.
#pragma once

#include "history.h"

#include <QList>
#include <QStringList>

namespace sqlsnap {

// How many of each kind to keep; 0: none of that kind. A snapshot is kept when any rule keeps it.
struct RetentionPolicy {
    int last = 0;    // the n newest
    int hourly = 0;  // the newest of each of the n newest hours that have a snapshot
    int daily = 0;   // … days
    int weekly = 0;  // … ISO weeks (Monday to Sunday)
    int monthly = 0; // … calendar months
    int yearly = 0;  // … calendar years
    bool isEmpty() const { return !last && !hourly && !daily && !weekly && !monthly && !yearly; }
};

struct RetentionDecision {
    HistoryEntry entry;
    bool keep = false;
    // Why it is kept: "newest" (always), "last", "hourly", "daily", "weekly", "monthly", "yearly".
    QStringList reasons;
};

// Decides for the snapshots of one source (any order given; decisions come newest first). Hours, days,
// weeks, months and years are those of local time, as the names are.
QList<RetentionDecision> decideRetention(QList<HistoryEntry> snapshots, const RetentionPolicy& policy);

struct PruneResult {
    QList<RetentionDecision>
        decisions; // every snapshot of the folder this tool wrote, by source, newest first
    // Files in the folder left alone because this tool did not write them (or they changed since):
    // snapshot-like names not in the record, and recorded ones that no longer match.
    QStringList leftAlone;
    int removed = 0; // files deleted (0 with dryRun)
};

// Applies `policy` to every source's snapshots in `folder`, deleting those not kept unless `dryRun`.
// An empty policy is InvalidArgument (restic refuses too: it would delete everything but the newest).
Expected<PruneResult> pruneHistory(const QString& folder, const RetentionPolicy& policy, bool dryRun,
                                   const CancelToken& cancel = {});

} // namespace sqlsnap

// The JSON forms of the engine's results, as `sqlite-snapshot-cli … --json` prints them (docs/cli.md) and
// the Python package returns them (docs/python.md): written once, so the two can never drift apart.
#pragma once

#include "databasefiles.h"
#include "error.h"
#include "handoff.h"
#include "retention.h"
#include "schedules.h"
#include "snapshot.h"
#include "tables.h"

#include <QJsonObject>

namespace sqlsnap {

QJsonObject errorJson(const Error& error);                    // {"error": {"kind", "message"}}
QJsonObject snapshotResultJson(const SnapshotResult& result); // snapshot --json
QJsonObject databaseFilesJson(const DatabaseFiles& set);      // inspect --json
QJsonObject tablesJson(const QString& database, const QList<TableInfo>& tables); // tables --json
QJsonObject retentionJson(const RetentionPolicy& keep); // {"last": n, "daily": n, …}: the counts set
QJsonObject handOffJson(const HandOffOutcome& outcome); // one hand-off's outcome
// One schedule as the schedules file keeps it; `schedule list --json` adds when it is next due.
QJsonObject scheduleJson(const Schedule& schedule);

} // namespace sqlsnap

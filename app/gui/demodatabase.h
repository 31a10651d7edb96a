// The demo database `scripts/run` opens when no file is given: a WAL database with a few tables (one
// of 120,000 rows, one with BLOBs, a view) whose last committed changes are still only in its -wal, so
// a new user sees every part of the flow at once.
#pragma once

#include <QString>

// Creates `<folder>/demo.sqlite` (and its -wal). Returns the database path, or an empty string with
// `error` set.
QString createDemoDatabase(const QString& folder, QString* error);

// Comparing the values of two statements' current rows without copying them: the order SQLite's ORDER BY
// gives a key column (so two ordered scans can be merged), and the exact equality of stored values.
#pragma once

#include "compare/plan.h"

struct sqlite3_stmt;

namespace sqlsnap::compare {

// <0, 0, >0 as ORDER BY orders a's column `ca` against b's `cb`: NULL, then numbers (integers and reals by
// value), then text by `collation` (BINARY compares the database's encoding), then BLOBs by bytes.
int compareOrdered(sqlite3_stmt* a, int ca, sqlite3_stmt* b, int cb, Collation collation, int encoding);

// The same storage class and the same value: 1, 1.0, '1' and x'31' all differ; NULL equals NULL; a REAL
// by its bits.
bool sameStoredValue(sqlite3_stmt* a, int ca, sqlite3_stmt* b, int cb);

} // namespace sqlsnap::compare

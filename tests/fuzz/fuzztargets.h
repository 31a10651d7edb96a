// The fuzz targets' bodies, shared by the libFuzzer executables (scripts/fuzz, clang) and by
// tst_fuzzcorpus, which replays every file of tests/fuzz/corpus/ in the default suite.
#pragma once

#include <cstddef>
#include <cstdint>

namespace fuzz {

// Header and companion parsing: the bytes as a database header, WAL, -shm and journal headers and a
// journal's super-journal tail; then as real files (database, -wal, -journal) given to inspectDatabase.
int databaseFiles(const uint8_t* data, size_t size);

// The preview's reader over an arbitrary (corrupt) snapshot: list tables, read each one's schema,
// first pages by key and by offset, the rowid range, the count, the position index, every row.
int reader(const uint8_t* data, size_t size);

} // namespace fuzz

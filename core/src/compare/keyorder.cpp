#include "compare/keyorder.h"

#include <sqlite3.h>

#include <cmath>
#include <cstring>

namespace sqlsnap::compare {
namespace {

int classRank(int type) {
    switch (type) {
    case SQLITE_NULL:
        return 0;
    case SQLITE_INTEGER:
    case SQLITE_FLOAT:
        return 1;
    case SQLITE_TEXT:
        return 2;
    default:
        return 3;
    }
}

int sign(qint64 v) {
    return v < 0 ? -1 : v > 0 ? 1 : 0;
}

// An integer against a real, exactly (as SQLite's sqlite3IntFloatCompare).
int compareIntReal(qint64 i, double r) {
    if (std::isnan(r))
        return 1; // SQLite stores no NaN (it becomes NULL); ordered after it anyway
    if (r < -9223372036854775808.0)
        return 1;
    if (r >= 9223372036854775808.0)
        return -1;
    const qint64 whole =
        qint64(r); // exact: a double below 2^63 in magnitude truncates to a representable value
    if (i != whole)
        return i < whole ? -1 : 1;
    const double fraction = r - double(whole);
    return fraction > 0 ? -1 : fraction < 0 ? 1 : 0;
}

int compareBytes(const void* x, int nx, const void* y, int ny) {
    const int common = qMin(nx, ny);
    const int c = common > 0 ? std::memcmp(x, y, size_t(common)) : 0;
    return c != 0 ? c : nx - ny;
}

int compareText(sqlite3_stmt* a, int ca, sqlite3_stmt* b, int cb, Collation collation, int encoding) {
    if (collation == Collation::Binary && encoding != 1) {
        // BINARY compares the bytes of the database's own encoding.
        const auto* x = static_cast<const char16_t*>(sqlite3_column_text16(a, ca));
        const int nx = sqlite3_column_bytes16(a, ca) / 2;
        const auto* y = static_cast<const char16_t*>(sqlite3_column_text16(b, cb));
        const int ny = sqlite3_column_bytes16(b, cb) / 2;
        for (int i = 0; i < qMin(nx, ny); ++i) {
            char16_t ux = x[i], uy = y[i];
            if (encoding == 2) { // little-endian bytes: the low byte first
                ux = char16_t((ux << 8) | (ux >> 8));
                uy = char16_t((uy << 8) | (uy >> 8));
            }
            if (ux != uy)
                return ux < uy ? -1 : 1;
        }
        return nx - ny;
    }
    // NOCASE and RTRIM work on UTF-8 (SQLite converts to it for them), as does BINARY on a UTF-8 database.
    const auto* x = reinterpret_cast<const unsigned char*>(sqlite3_column_text(a, ca));
    int nx = sqlite3_column_bytes(a, ca);
    const auto* y = reinterpret_cast<const unsigned char*>(sqlite3_column_text(b, cb));
    int ny = sqlite3_column_bytes(b, cb);
    if (collation == Collation::Rtrim) {
        while (nx > 0 && x[nx - 1] == ' ')
            --nx;
        while (ny > 0 && y[ny - 1] == ' ')
            --ny;
    }
    if (collation == Collation::NoCase) {
        const auto fold = [](unsigned char c) { return c >= 'A' && c <= 'Z' ? c + 32 : int(c); };
        for (int i = 0; i < qMin(nx, ny); ++i)
            if (const int d = fold(x[i]) - fold(y[i]); d != 0)
                return d;
        return nx - ny;
    }
    return compareBytes(x, nx, y, ny);
}

} // namespace

int compareOrdered(sqlite3_stmt* a, int ca, sqlite3_stmt* b, int cb, Collation collation, int encoding) {
    const int ta = sqlite3_column_type(a, ca);
    const int tb = sqlite3_column_type(b, cb);
    if (const int rank = classRank(ta) - classRank(tb); rank != 0)
        return rank;
    switch (ta) {
    case SQLITE_NULL:
        return 0;
    case SQLITE_INTEGER:
        if (tb == SQLITE_INTEGER) {
            const qint64 x = sqlite3_column_int64(a, ca), y = sqlite3_column_int64(b, cb);
            return x < y ? -1 : x > y ? 1 : 0;
        }
        return compareIntReal(sqlite3_column_int64(a, ca), sqlite3_column_double(b, cb));
    case SQLITE_FLOAT:
        if (tb == SQLITE_INTEGER)
            return -compareIntReal(sqlite3_column_int64(b, cb), sqlite3_column_double(a, ca));
        {
            const double x = sqlite3_column_double(a, ca), y = sqlite3_column_double(b, cb);
            return x < y ? -1 : x > y ? 1 : 0;
        }
    case SQLITE_TEXT:
        return sign(compareText(a, ca, b, cb, collation, encoding));
    default:
        return sign(compareBytes(sqlite3_column_blob(a, ca), sqlite3_column_bytes(a, ca),
                                 sqlite3_column_blob(b, cb), sqlite3_column_bytes(b, cb)));
    }
}

bool sameStoredValue(sqlite3_stmt* a, int ca, sqlite3_stmt* b, int cb) {
    const int type = sqlite3_column_type(a, ca);
    if (type != sqlite3_column_type(b, cb))
        return false;
    switch (type) {
    case SQLITE_NULL:
        return true;
    case SQLITE_INTEGER:
        return sqlite3_column_int64(a, ca) == sqlite3_column_int64(b, cb);
    case SQLITE_FLOAT: {
        const double x = sqlite3_column_double(a, ca), y = sqlite3_column_double(b, cb);
        return std::memcmp(&x, &y, sizeof x) == 0;
    }
    case SQLITE_TEXT: {
        const void* x = sqlite3_column_text(a, ca);
        const int nx = sqlite3_column_bytes(a, ca);
        const void* y = sqlite3_column_text(b, cb);
        return nx == sqlite3_column_bytes(b, cb) && compareBytes(x, nx, y, nx) == 0;
    }
    default: {
        const void* x = sqlite3_column_blob(a, ca);
        const int nx = sqlite3_column_bytes(a, ca);
        const void* y = sqlite3_column_blob(b, cb);
        return nx == sqlite3_column_bytes(b, cb) && compareBytes(x, nx, y, nx) == 0;
    }
    }
}

} // namespace sqlsnap::compare

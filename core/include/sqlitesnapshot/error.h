// Errors and result values shared by the engine, the CLI and the app.
#pragma once

#include <QString>
#include <QtGlobal>

#include <utility>
#include <variant>

namespace sqlsnap {

// A machine-readable reason. The CLI prints kindName() in --json output; keep names stable.
enum class ErrorKind {
    SourceMissing,            // the database file does not exist (or vanished)
    NotADatabase,             // bad magic, empty, shorter than its header, truncated, a directory
    Unreadable,               // permission denied or other failure reading a source file
    ChangedTooOften,          // --strict: the files kept changing through every copy attempt
    Inconsistent,             // no consistent copy could be made (the last attempt failed its checks)
    DestinationExists,        // DEST exists and overwriting was not asked for
    DestinationAliasesSource, // DEST is the source database or one of its companions
    DestinationDirectoryMissing,
    DestinationInUse, // DEST has its own -wal/-journal: another program has it open
    PermissionDenied, // cannot write to the destination directory
    DiskFull,         // no space left while writing the output
    IoError,          // any other I/O failure
    Locked,           // a lock could not be obtained in time (direct mode)
    Corrupt,          // the result failed PRAGMA integrity_check
    SqliteError,      // SQLite reported an error not covered above
    InvalidArgument,  // options that make no sense together
    Cancelled,        // the caller asked to stop
};

const char* kindName(ErrorKind kind);

struct Error {
    ErrorKind kind;
    QString message; // one line, meant for people: says what failed and on which file
};

// A value or an Error. Small on purpose: the engine's functions return it instead of throwing.
template <typename T> class Expected {
public:
    Expected(T value) : m_state(std::move(value)) {}
    Expected(Error error) : m_state(std::move(error)) {}

    bool ok() const { return std::holds_alternative<T>(m_state); }
    explicit operator bool() const { return ok(); }

    // Precondition: ok() for value(), !ok() for error(). Checked by Q_ASSERT in debug builds; nothing here
    // throws (std::get would throw std::bad_variant_access).
    T& value() & noexcept { return *valuePointer(); }
    const T& value() const& noexcept { return *valuePointer(); }
    T&& value() && noexcept { return std::move(*valuePointer()); }
    T* operator->() noexcept { return valuePointer(); }
    const T* operator->() const noexcept { return valuePointer(); }
    T& operator*() & noexcept { return value(); }
    const T& operator*() const& noexcept { return value(); }

    const Error& error() const noexcept {
        const Error* e = std::get_if<Error>(&m_state);
        Q_ASSERT_X(e, "Expected::error", "called on a value");
        return *e;
    }

private:
    T* valuePointer() noexcept {
        T* v = std::get_if<T>(&m_state);
        Q_ASSERT_X(v, "Expected::value", "called on an error");
        return v;
    }
    const T* valuePointer() const noexcept {
        const T* v = std::get_if<T>(&m_state);
        Q_ASSERT_X(v, "Expected::value", "called on an error");
        return v;
    }
    std::variant<T, Error> m_state;
};

// For steps that produce nothing but may fail.
struct Done {};
using Status = Expected<Done>;
inline Status success() {
    return Done{};
}

} // namespace sqlsnap

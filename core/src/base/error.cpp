#include "sqlitesnapshot/error.h"
#include "sqlitesnapshot/progress.h"

namespace sqlsnap {

const char* kindName(ErrorKind kind) {
    switch (kind) {
    case ErrorKind::SourceMissing:
        return "source_missing";
    case ErrorKind::NotADatabase:
        return "not_a_database";
    case ErrorKind::Unreadable:
        return "unreadable";
    case ErrorKind::ChangedTooOften:
        return "changed_too_often";
    case ErrorKind::Inconsistent:
        return "inconsistent";
    case ErrorKind::DestinationExists:
        return "destination_exists";
    case ErrorKind::DestinationAliasesSource:
        return "destination_aliases_source";
    case ErrorKind::DestinationDirectoryMissing:
        return "destination_directory_missing";
    case ErrorKind::DestinationInUse:
        return "destination_in_use";
    case ErrorKind::PermissionDenied:
        return "permission_denied";
    case ErrorKind::DiskFull:
        return "disk_full";
    case ErrorKind::IoError:
        return "io_error";
    case ErrorKind::Locked:
        return "locked";
    case ErrorKind::Corrupt:
        return "corrupt";
    case ErrorKind::SqliteError:
        return "sqlite_error";
    case ErrorKind::InvalidArgument:
        return "invalid_argument";
    case ErrorKind::Cancelled:
        return "cancelled";
    }
    return "unknown";
}

QString phaseName(Phase phase) {
    switch (phase) {
    case Phase::Inspecting:
        return QStringLiteral("inspecting");
    case Phase::Copying:
        return QStringLiteral("copying");
    case Phase::Opening:
        return QStringLiteral("opening");
    case Phase::Converting:
        return QStringLiteral("converting");
    case Phase::BackingUp:
        return QStringLiteral("backing-up");
    case Phase::Compacting:
        return QStringLiteral("compacting");
    case Phase::Verifying:
        return QStringLiteral("verifying");
    case Phase::Hashing:
        return QStringLiteral("hashing");
    case Phase::Publishing:
        return QStringLiteral("publishing");
    case Phase::ExportingRows:
        return QStringLiteral("exporting-rows");
    case Phase::Sorting:
        return QStringLiteral("sorting");
    case Phase::Comparing:
        return QStringLiteral("comparing");
    case Phase::Done:
        return QStringLiteral("done");
    }
    return {};
}

} // namespace sqlsnap

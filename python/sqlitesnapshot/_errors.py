"""The package's exceptions: one base class, one subclass per error kind of the engine.

Each subclass's ``kind`` is the CLI's kind name (``sqlite-snapshot-cli snapshot --json`` prints it as
``error.kind``). Where Python programmers expect a built-in exception, the subclass is also one:
a missing source is a ``FileNotFoundError``, a bad argument a ``ValueError``, and so on.
"""

from __future__ import annotations

import sqlite3
from typing import Optional


class SnapshotError(Exception):
    """Base class of every error the engine reports."""

    kind: str = "error"

    def __init__(self, message: str, filename: Optional[str] = None) -> None:
        super().__init__(message)
        self.message = message
        if filename is not None:
            self.filename = filename

    def __str__(self) -> str:
        return self.message


class SourceMissingError(SnapshotError, FileNotFoundError):
    kind = "source_missing"


class NotADatabaseError(SnapshotError, sqlite3.DatabaseError):
    kind = "not_a_database"


class UnreadableError(SnapshotError, PermissionError):
    kind = "unreadable"


class ChangedTooOftenError(SnapshotError):
    kind = "changed_too_often"


class InconsistentError(SnapshotError):
    kind = "inconsistent"


class DestinationExistsError(SnapshotError, FileExistsError):
    kind = "destination_exists"


class DestinationAliasesSourceError(SnapshotError, ValueError):
    kind = "destination_aliases_source"


class DestinationDirectoryMissingError(SnapshotError, FileNotFoundError):
    kind = "destination_directory_missing"


class DestinationInUseError(SnapshotError):
    kind = "destination_in_use"


class PermissionDeniedError(SnapshotError, PermissionError):
    kind = "permission_denied"


class DiskFullError(SnapshotError, OSError):
    kind = "disk_full"


class SnapshotIOError(SnapshotError, OSError):
    kind = "io_error"


class LockedError(SnapshotError, sqlite3.OperationalError):
    kind = "locked"


class CorruptError(SnapshotError, sqlite3.DatabaseError):
    kind = "corrupt"


class SqliteError(SnapshotError, sqlite3.DatabaseError):
    kind = "sqlite_error"


class InvalidArgumentError(SnapshotError, ValueError):
    kind = "invalid_argument"


class CancelledError(SnapshotError):
    kind = "cancelled"


ERROR_CLASSES: dict[str, type[SnapshotError]] = {
    cls.kind: cls
    for cls in (
        SourceMissingError,
        NotADatabaseError,
        UnreadableError,
        ChangedTooOftenError,
        InconsistentError,
        DestinationExistsError,
        DestinationAliasesSourceError,
        DestinationDirectoryMissingError,
        DestinationInUseError,
        PermissionDeniedError,
        DiskFullError,
        SnapshotIOError,
        LockedError,
        CorruptError,
        SqliteError,
        InvalidArgumentError,
        CancelledError,
    )
}


def error_from(kind: str, message: str, filename: Optional[str] = None) -> SnapshotError:
    cls = ERROR_CLASSES.get(kind, SnapshotError)
    return cls(message, filename)

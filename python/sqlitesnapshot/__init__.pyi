import os
import sqlite3
from typing import Any, Callable, Optional, Union

from ._errors import (
    ERROR_CLASSES as ERROR_CLASSES,
    CancelledError as CancelledError,
    ChangedTooOftenError as ChangedTooOftenError,
    CorruptError as CorruptError,
    DestinationAliasesSourceError as DestinationAliasesSourceError,
    DestinationDirectoryMissingError as DestinationDirectoryMissingError,
    DestinationExistsError as DestinationExistsError,
    DestinationInUseError as DestinationInUseError,
    DiskFullError as DiskFullError,
    InconsistentError as InconsistentError,
    InvalidArgumentError as InvalidArgumentError,
    LockedError as LockedError,
    NotADatabaseError as NotADatabaseError,
    PermissionDeniedError as PermissionDeniedError,
    SnapshotError as SnapshotError,
    SnapshotIOError as SnapshotIOError,
    SourceMissingError as SourceMissingError,
    SqliteError as SqliteError,
    UnreadableError as UnreadableError,
)
from ._result import (
    ColumnInfo as ColumnInfo,
    CopiedFile as CopiedFile,
    DatabaseInfo as DatabaseInfo,
    FileInfo as FileInfo,
    SnapshotResult as SnapshotResult,
    TableInfo as TableInfo,
)

PathLike = Union[str, os.PathLike[str]]
ProgressCallback = Callable[[str, int, int, int], Any]
STRATEGIES: tuple[str, ...]

def snapshot(source: PathLike, destination: PathLike, *, retries: int = ..., strict: bool = ...,
             overwrite: bool = ..., verify: bool = ..., strategy: str = ...,
             progress: Optional[ProgressCallback] = ...) -> SnapshotResult: ...
def snapshot_to_memory(source: PathLike, *, retries: int = ..., strict: bool = ..., verify: bool = ...,
                       progress: Optional[ProgressCallback] = ...,
                       backup_progress: Optional[Callable[[int, int, int], Any]] = ...,
                       pages_per_step: int = ...) -> sqlite3.Connection: ...
def inspect(source: PathLike) -> DatabaseInfo: ...
def tables(db: PathLike, *, count_rows: bool = ...) -> list[TableInfo]: ...
def sqlite_library_version() -> str: ...

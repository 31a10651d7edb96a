import sqlite3
from collections.abc import Callable
from contextlib import AbstractContextManager
from pathlib import Path
from typing import Any, Optional, Union

PathIsh = Union[str, Path]
CopyFunction = Callable[[str, str], bool]
COPY_RETRY_DEFAULT: int
ATOMIC_COPY_MAX_ATTEMPTS: int

class SqliteBackupError(RuntimeError): ...

def sqlite_connect_immutable(db: PathIsh) -> AbstractContextManager[sqlite3.Connection]: ...
def atomic_copy(src: str, dest: str) -> bool: ...
def glob_database_files(source_database: Path) -> list[Path]: ...
def copy_all_files(source_files: list[Path], temporary_dest: Path,
                   copy_function: Optional[CopyFunction] = ..., retry: int = ...) -> bool: ...
def sqlite_backup(
    source: PathIsh,
    destination: Optional[PathIsh] = ...,
    *,
    wal_checkpoint: bool = ...,
    copy_use_tempdir: bool = ...,
    copy_retry: int = ...,
    copy_retry_strict: bool = ...,
    sqlite_connect_kwargs: Optional[dict[str, Any]] = ...,
    sqlite_backup_kwargs: Optional[dict[str, Any]] = ...,
    copy_function: Optional[CopyFunction] = ...,
) -> Optional[sqlite3.Connection]: ...

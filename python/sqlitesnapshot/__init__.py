"""Consistent, self-contained snapshots of live SQLite databases (the SQLite Snapshot engine).

    import sqlitesnapshot
    result = sqlitesnapshot.snapshot("places.sqlite", "copy.db")
    conn = sqlitesnapshot.snapshot_to_memory("places.sqlite")

The engine never writes the source's files and never takes SQLite's locks on them; the result is one
committed state of the database in one rollback-mode file with nothing beside it. Drop-in for
``sqlite_backup``: ``from sqlitesnapshot.sqlite_backup import sqlite_backup``. docs/python.md.
"""

from __future__ import annotations

import json
import os
import pathlib
import sqlite3
import tempfile
from typing import Any, Callable, Optional, Union

from . import _engine
from ._errors import (
    ERROR_CLASSES,
    CancelledError,
    ChangedTooOftenError,
    CorruptError,
    DestinationAliasesSourceError,
    DestinationDirectoryMissingError,
    DestinationExistsError,
    DestinationInUseError,
    DiskFullError,
    InconsistentError,
    InvalidArgumentError,
    LockedError,
    NotADatabaseError,
    PermissionDeniedError,
    SnapshotError,
    SnapshotIOError,
    SourceMissingError,
    SqliteError,
    UnreadableError,
    error_from,
)
from ._result import ColumnInfo, CopiedFile, DatabaseInfo, FileInfo, SnapshotResult, TableInfo

__all__ = [
    "snapshot",
    "snapshot_to_memory",
    "inspect",
    "tables",
    "sqlite_library_version",
    "SnapshotResult",
    "CopiedFile",
    "DatabaseInfo",
    "FileInfo",
    "TableInfo",
    "ColumnInfo",
    "ProgressCallback",
    "STRATEGIES",
    "SnapshotError",
    "SourceMissingError",
    "NotADatabaseError",
    "UnreadableError",
    "ChangedTooOftenError",
    "InconsistentError",
    "DestinationExistsError",
    "DestinationAliasesSourceError",
    "DestinationDirectoryMissingError",
    "DestinationInUseError",
    "PermissionDeniedError",
    "DiskFullError",
    "SnapshotIOError",
    "LockedError",
    "CorruptError",
    "SqliteError",
    "InvalidArgumentError",
    "CancelledError",
    "ERROR_CLASSES",
]

PathLike = Union[str, "os.PathLike[str]"]
# progress(phase, attempt, pages_done, pages_total): phase is the CLI's phase name ("copying",
# "backing-up", …); attempt the copy attempt (0 outside copying); pages during backing-up.
ProgressCallback = Callable[[str, int, int, int], Any]
STRATEGIES = ("publish", "backup", "compact")


def _path(value: Any, name: str) -> str:
    try:
        path = os.fspath(value)
    except TypeError:
        raise TypeError(f"'{name}' must be a path (str or os.PathLike), not {type(value).__name__}") from None
    if isinstance(path, bytes):
        path = os.fsdecode(path)
    if not path:
        raise ValueError(f"'{name}' must not be empty")
    return path


def _retries(value: Any) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        raise TypeError(f"'retries' must be an int, not {type(value).__name__}")
    if value < 0:
        raise ValueError(f"'retries' must be 0 or more, not {value}")
    return value


def _check_progress(progress: Any) -> None:
    if progress is not None and not callable(progress):
        raise TypeError("'progress' must be callable or None")


def _run(text: str, filename: Optional[str] = None) -> dict[str, Any]:
    data: dict[str, Any] = json.loads(text)
    error = data.get("error")
    if isinstance(error, dict):
        kind = error["kind"]
        raise error_from(kind, error["message"], filename if kind == "source_missing" else None)
    return data


def _snapshot(source: str, destination: str, *, retries: int, strict: bool, overwrite: bool, verify: bool,
              strategy: str, progress: Optional[ProgressCallback], direct: bool = False,
              pages_per_step: int = 0) -> SnapshotResult:
    if strategy not in STRATEGIES:
        raise InvalidArgumentError(f"unknown strategy {strategy!r}: one of {', '.join(STRATEGIES)}")
    text = _engine.snapshot(source, destination, retries, bool(strict), bool(overwrite), bool(verify),
                            strategy, bool(direct), pages_per_step, progress)
    return SnapshotResult.from_json(_run(text, source))


def snapshot(source: PathLike, destination: PathLike, *, retries: int = 100, strict: bool = True,
             overwrite: bool = False, verify: bool = False, strategy: str = "publish",
             progress: Optional[ProgressCallback] = None) -> SnapshotResult:
    """Copies SOURCE (with its -wal or -journal) into one self-contained database file at DESTINATION.

    The result is one committed state of the source, in rollback mode with nothing beside it, written
    atomically: DESTINATION is absent or unchanged unless this returns. ``strict`` (default) fails with
    ChangedTooOftenError when no copy attempt was stable; ``strict=False`` keeps the last intact copy,
    flagged ``consistent_copy=False``. Releases the GIL; Ctrl-C cancels within milliseconds.
    """
    src, dest = _path(source, "source"), _path(destination, "destination")
    _check_progress(progress)
    return _snapshot(src, dest, retries=_retries(retries), strict=strict, overwrite=overwrite, verify=verify,
                     strategy=strategy, progress=progress)


def snapshot_to_memory(source: PathLike, *, retries: int = 100, strict: bool = True, verify: bool = False,
                       progress: Optional[ProgressCallback] = None,
                       backup_progress: Optional[Callable[[int, int, int], Any]] = None,
                       pages_per_step: int = 1024) -> sqlite3.Connection:
    """A stdlib ``sqlite3.Connection`` to an in-memory copy of a snapshot of SOURCE.

    The engine reads the database straight into the connection's memory (one copy of its bytes), replays
    its -wal or rolls back its journal there, and judges the copy stable as ``snapshot`` does; the
    companions it stages in a private temporary folder are removed before this returns, on success,
    failure or Ctrl-C alike. ``progress`` gets the database's pages read so far in the "copying" phase;
    ``backup_progress(status, remaining, total)`` is called as ``Connection.backup`` calls it (the last
    call ``(101, 0, pages)``). The connection belongs to the calling thread (sqlite3's default).
    ``pages_per_step`` applies only where the engine cannot fill a stdlib connection itself (another
    SQLite library than Python's; docs/python.md) and loads with ``Connection.backup`` instead.
    """
    src = _path(source, "source")
    _check_progress(progress)
    if backup_progress is not None and not callable(backup_progress):
        raise TypeError("'backup_progress' must be callable or None")
    retries = _retries(retries)
    memory = sqlite3.connect(":memory:")
    try:
        if _engine.can_fill(memory):
            _fill(memory, src, retries, bool(strict), bool(verify), progress, backup_progress)
        else:
            _load_staged(memory, src, retries, bool(strict), bool(verify), progress, backup_progress,
                         pages_per_step)
    except BaseException:
        memory.close()
        raise
    return memory


def _fill(memory: sqlite3.Connection, src: str, retries: int, strict: bool, verify: bool,
          progress: Optional[ProgressCallback], backup_progress: Optional[Callable[[int, int, int], Any]]) -> None:
    # The engine deserializes its in-memory copy into this very connection's handle (with the GIL
    # released): no bytes object, no second copy.
    def report(phase: str, attempt: int, done: int, total: int) -> None:
        if progress is not None:
            progress(phase, attempt, done, total)
        if backup_progress is not None and phase == "copying" and 0 < total and done < total:
            backup_progress(_SQLITE_OK, total - done, total)

    staging = _memory_staging_parent(src, whole=False) or tempfile.gettempdir()
    text = _engine.snapshot_to_connection(src, memory, retries, strict, verify, staging,
                                          report if progress is not None or backup_progress is not None else None)
    result = SnapshotResult.from_json(_run(text, src))
    if backup_progress is not None:
        backup_progress(_SQLITE_DONE, 0, result.pages)


def _load_staged(memory: sqlite3.Connection, src: str, retries: int, strict: bool, verify: bool,
                 progress: Optional[ProgressCallback], backup_progress: Optional[Callable[[int, int, int], Any]],
                 pages_per_step: int) -> None:
    # The portable way: a snapshot file in a private folder, copied in with Connection.backup in steps
    # (a Ctrl-C is raised between two steps).
    with tempfile.TemporaryDirectory(prefix="sqlitesnapshot-memory-", dir=_memory_staging_parent(src)) as folder:
        staged = os.path.join(folder, "snapshot.db")
        _snapshot(src, staged, retries=retries, strict=strict, overwrite=False, verify=verify,
                  strategy="publish", progress=progress)
        _backup(memory, staged, progress, backup_progress or (lambda *_: None), pages_per_step)


_SQLITE_OK = 0
_SQLITE_DONE = 101


def _memory_staging_parent(source: str, whole: bool = True) -> Optional[str]:
    """Where snapshot_to_memory stages files: /dev/shm when it has room, else tempfile's choice (None).

    What is staged lives only until it is loaded (the -wal or -journal, or with ``whole`` the database
    too), so the durability a file on disk pays for is wasted there. A TMPDIR set in the environment is
    the user's choice and wins. Room: twice the staged files, as a copy and its replay may need.
    """
    if os.environ.get("TMPDIR") or not os.path.isdir("/dev/shm"):
        return None
    try:
        suffixes = ("", "-wal", "-journal") if whole else ("-wal", "-journal")
        needed = sum(os.path.getsize(source + suffix) for suffix in suffixes if os.path.exists(source + suffix))
        room = os.statvfs("/dev/shm")
        if room.f_bavail * room.f_frsize > 2 * needed + (64 << 20) and os.access("/dev/shm", os.W_OK):
            return "/dev/shm"
    except OSError:
        pass
    return None


def _backup(memory: sqlite3.Connection, staged: str, progress: Optional[ProgressCallback],
            backup_progress: Callable[[int, int, int], Any], pages_per_step: int) -> None:
    def loading(status: int, remaining: int, total: int) -> None:
        # Also gives Python a moment between steps to raise a KeyboardInterrupt.
        if progress is not None:
            progress("loading", 0, total - remaining, total)
        backup_progress(status, remaining, total)

    with sqlite3.connect(pathlib.Path(staged).as_uri() + "?mode=ro", uri=True) as staged_connection:
        staged_connection.backup(memory, pages=pages_per_step, progress=loading)
    staged_connection.close()


def inspect(source: PathLike) -> DatabaseInfo:
    """SOURCE's files and what its header says, read from the bytes (no SQLite connection)."""
    src = _path(source, "source")
    return DatabaseInfo.from_json(_run(_engine.inspect(src), src))


def tables(db: PathLike, *, count_rows: bool = True) -> list[TableInfo]:
    """The tables, views and virtual tables of DB, with their columns and (unless told not) row counts.

    A live database is read from a private staged copy: it is never locked.
    """
    path = _path(db, "db")
    data = _run(_engine.tables(path, bool(count_rows)), path)
    return [TableInfo.from_json(t) for t in data["tables"]]


def sqlite_library_version() -> str:
    """The version of the SQLite library the engine runs on."""
    return str(_engine.sqlite_version())

"""Drop-in for ``sqlite_backup.core`` (purarue/sqlite_backup v0.1.8), on the SQLite Snapshot engine.

Migrate with one line: ``from sqlitesnapshot.sqlite_backup import sqlite_backup``. Same functions,
arguments, exceptions and messages where programs may depend on them; the results are the engine's:
one committed state, self-contained (rollback mode, nothing beside it), written atomically, and a
destination that is the source under another name is refused. docs/python.md lists every difference.
"""

from __future__ import annotations

import errno
import filecmp
import os
import shutil
import sqlite3
import tempfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any, Optional, Union

from . import _engine, _run, _snapshot, snapshot_to_memory
from ._errors import ChangedTooOftenError, DestinationAliasesSourceError, SnapshotError

__all__ = [
    "sqlite_backup",
    "copy_all_files",
    "atomic_copy",
    "glob_database_files",
    "sqlite_connect_immutable",
    "SqliteBackupError",
    "COPY_RETRY_DEFAULT",
    "PathIsh",
    "CopyFunction",
]

PathIsh = Union[str, Path]
CopyFunction = Callable[[str, str], bool]

COPY_RETRY_DEFAULT: int = 100

# atomic_copy retries "till the file doesn't change"; the original never gives up. Ours does, after
# this many changed copies (SqliteBackupError), rather than spin forever under a writer that never pauses.
ATOMIC_COPY_MAX_ATTEMPTS = 1000

_SQLITE_OK = 0
_SQLITE_DONE = 101


class SqliteBackupError(RuntimeError):
    """Generic error for the sqlite_backup module"""


@contextmanager
def sqlite_connect_immutable(db: PathIsh) -> Iterator[sqlite3.Connection]:
    """A read-only connection with SQLite's ``immutable=1``: no locks, no journal recovery.

    Only for a file nothing writes to (a snapshot). The path is passed as a proper ``file:`` URI, so
    names with ``?``, ``#`` or ``%`` work.
    """
    conn: Optional[sqlite3.Connection] = None
    try:
        with sqlite3.connect(Path(os.fspath(db)).absolute().as_uri() + "?immutable=1", uri=True) as conn:
            yield conn
    finally:
        if conn:
            conn.close()


def _signature(path: str) -> tuple[int, int, int, int]:
    st = os.stat(path)
    return (st.st_dev, st.st_ino, st.st_size, st.st_mtime_ns)


def atomic_copy(src: str, dest: str) -> bool:
    """Copy from src to dest. If src changes while copying to dest, retry till it is the same.

    Returns True when the first copy was taken without src changing, False when src changed during an
    earlier attempt (the final copy, which was stable, is in dest). Each copy goes to a temporary file
    beside dest and is renamed over it, so dest is never seen half written.
    """
    src, dest = os.fspath(src), os.fspath(dest)
    if os.path.isdir(dest):
        dest = os.path.join(dest, os.path.basename(src))
    if os.path.exists(dest) and os.path.samefile(src, dest):
        raise shutil.SameFileError(f"{src!r} and {dest!r} are the same file")
    succeeded = True
    for _ in range(ATOMIC_COPY_MAX_ATTEMPTS):
        before = _signature(src)
        fd, temporary = tempfile.mkstemp(prefix=".sqlitesnapshot-copy-", dir=os.path.dirname(dest) or ".")
        try:
            os.close(fd)
            shutil.copy(src, temporary)
            stable = _signature(src) == before and filecmp.cmp(src, temporary, shallow=False)
            if stable:
                os.replace(temporary, dest)
                return succeeded
        finally:
            if os.path.exists(temporary):
                os.unlink(temporary)
        succeeded = False
    raise SqliteBackupError(f"'{src}' changed during each of {ATOMIC_COPY_MAX_ATTEMPTS} copies")


def glob_database_files(source_database: Path) -> list[Path]:
    """List any of the temporary database files (and the database itself).

    The database, then its ``-wal`` and ``-journal`` when they exist: the files SQLite reads. The
    ``-shm`` is left out (SQLite rebuilds it), and so is every other ``NAME-*`` file.
    """
    source_database = Path(source_database)
    files: list[Path] = [source_database]
    for suffix in ("-wal", "-journal"):
        companion = source_database.with_name(source_database.name + suffix)
        if companion.is_file():
            files.append(companion)
    return files


def _is_database_set(files: list[Path]) -> bool:
    """Whether `files` is a database and (some of) its own companions, as glob_database_files lists them."""
    if not files:
        return False
    database = Path(files[0])
    companions = {database.with_name(database.name + s) for s in ("-wal", "-journal")}
    if not database.is_file() or not all(Path(f) in companions for f in files[1:]):
        return False
    with open(database, "rb") as f:
        return f.read(16) == b"SQLite format 3\x00"



def copy_all_files(source_files: list[Path], temporary_dest: Path,
                   copy_function: Optional[CopyFunction] = None, retry: int = COPY_RETRY_DEFAULT) -> bool:
    """Copy all files from source to directory, retrying (up to 'retry' times) while any of them changes.

    Returns True when the files were copied without any of them changing, False when they still changed
    after 'retry' retries (the last copies are kept). A database and its companions with the default
    copy function are copied by the engine, judged as one set (a WAL or journal copied with the state it
    belongs to); other files, or a caller's copy_function, as the original does.
    """
    if isinstance(copy_function, int) and not isinstance(copy_function, bool):
        retry, copy_function = copy_function, None  # the older copy_all_files(files, dest, retry)
    temporary_dest = Path(temporary_dest)
    if not temporary_dest.is_dir():
        raise ValueError(f"Expected a directory, received {temporary_dest}")
    files = [Path(f) for f in source_files]
    if (copy_function is None or copy_function is atomic_copy) and _is_database_set(files):
        return _copy_set_with_engine(files, temporary_dest, retry)
    copy = copy_function or atomic_copy
    copies = [(str(s), str(temporary_dest / s.name)) for s in files]
    while retry >= 0:
        if all([copy(s, d) for s, d in copies]):
            return True
        retry -= 1
    return False


def _copy_set_with_engine(files: list[Path], temporary_dest: Path, retry: int) -> bool:
    # The engine never replaces a file; the original overwrites. Copy into a private folder inside
    # temporary_dest, then move each file into place.
    with tempfile.TemporaryDirectory(prefix=".sqlitesnapshot-set-", dir=temporary_dest) as folder:
        data = _run(_engine.copy_files(str(files[0]), folder, max(retry, 0), False, None), str(files[0]))
        for copied in Path(folder).iterdir():
            os.replace(copied, temporary_dest / copied.name)
        return bool(data["consistent_copy"])


def _backup_arguments(kwargs: Optional[dict[str, Any]]) -> tuple[Optional[Callable[[int, int, int], Any]], int]:
    """progress and pages of sqlite_backup_kwargs (sqlite3.Connection.backup's keywords)."""
    progress: Optional[Callable[[int, int, int], Any]] = None
    pages = -1
    for key, value in (kwargs or {}).items():
        if key == "progress":
            if value is not None and not callable(value):
                raise TypeError("progress argument must be a callable")
            progress = value
        elif key == "pages":
            pages = int(value)
        elif key == "name":
            if value != "main":
                raise ValueError(f"sqlite_backup copies the 'main' database only, not {value!r}")
        elif key == "sleep":
            pass  # the engine's backup never waits on a lock: the copy it reads is private
        else:
            raise TypeError(f"backup() got an unexpected keyword argument '{key}'")
    return progress, pages


class _PageProgress:
    """Engine progress -> Connection.backup's progress(status, remaining, total), ending with SQLITE_DONE."""

    def __init__(self, callback: Callable[[int, int, int], Any]) -> None:
        self.callback = callback
        self.done = False

    def __call__(self, phase: str, attempt: int, pages_done: int, pages_total: int) -> None:
        if phase != "backing-up" or pages_total <= 0 or self.done:
            return
        self.done = pages_done >= pages_total
        self.callback(_SQLITE_DONE if self.done else _SQLITE_OK, pages_total - pages_done, pages_total)


def sqlite_backup(
    source: PathIsh,
    destination: Optional[PathIsh] = None,
    *,
    wal_checkpoint: bool = True,
    copy_use_tempdir: bool = True,
    copy_retry: int = COPY_RETRY_DEFAULT,
    copy_retry_strict: bool = True,
    sqlite_connect_kwargs: Optional[dict[str, Any]] = None,
    sqlite_backup_kwargs: Optional[dict[str, Any]] = None,
    copy_function: Optional[CopyFunction] = None,
) -> Optional[sqlite3.Connection]:
    """'Snapshots' the source database, including its journal/WAL files.

    Without a 'destination', returns a stdlib connection to an in-memory copy. With one, writes the
    snapshot there (atomically, replacing an existing file) and returns None. 'copy_use_tempdir=False'
    reads the source directly with SQLite's backup API (a brief read lock). 'copy_retry' and
    'copy_retry_strict' bound the copy attempts; 'copy_function(src, dest) -> bool' replaces the
    engine's copy of the files (False: "changed, retry"). 'sqlite_backup_kwargs' takes
    Connection.backup's progress and pages. 'wal_checkpoint' and 'sqlite_connect_kwargs' are accepted;
    the result is always in rollback mode with nothing beside it.
    """
    del wal_checkpoint, sqlite_connect_kwargs  # nothing to checkpoint, no connection of the caller's
    source_text = os.fspath(source)
    source_path = Path(source_text)
    if not source_path.exists():
        raise FileNotFoundError(errno.ENOENT, os.strerror(errno.ENOENT), source_text)
    if destination is not None and not isinstance(destination, (str, Path)):
        raise TypeError(f"Unexpected 'destination' type, expected path like object, got {type(destination)}")
    if destination is not None and source_path == Path(destination):
        raise ValueError(f"'source' and 'destination' '{source_path}' can't be the same")
    progress, pages = _backup_arguments(sqlite_backup_kwargs)
    strict_message = (
        f"While in strict mode, this failed to copy all files without any of them changing {copy_retry} times. "
        "Increase 'copy_retry' or disable 'copy_retry_strict'"
    )
    retries = max(int(copy_retry), 0)

    with tempfile.TemporaryDirectory(prefix="sqlitesnapshot-backup-") as folder:
        read_from = source_text
        if copy_function is not None and copy_use_tempdir:
            # The caller's copy function decides what is "unchanged"; the engine then makes the result
            # self-contained and atomic from that private copy.
            succeeded = copy_all_files(glob_database_files(source_path), Path(folder), copy_function, retries)
            if not succeeded and copy_retry_strict:
                raise SqliteBackupError(strict_message)
            read_from = os.path.join(folder, source_path.name)
        try:
            if destination is None:
                if not copy_use_tempdir:
                    staged = os.path.join(folder, "direct.db")
                    _snapshot(read_from, staged, retries=retries, strict=copy_retry_strict, overwrite=False,
                              verify=False, strategy="backup", progress=None, direct=True)
                    read_from = staged
                return snapshot_to_memory(read_from, retries=retries, strict=copy_retry_strict,
                                          backup_progress=progress, pages_per_step=pages if pages > 0 else 1024)
            _snapshot(read_from, os.fspath(destination), retries=retries, strict=copy_retry_strict,
                      overwrite=True, verify=False, strategy="backup" if progress else "publish",
                      progress=_PageProgress(progress) if progress else None, direct=not copy_use_tempdir,
                      pages_per_step=pages if pages > 0 else 0)
        except ChangedTooOftenError:
            raise SqliteBackupError(strict_message) from None
        except DestinationAliasesSourceError as error:
            raise DestinationAliasesSourceError(
                f"'source' and 'destination' '{source_path}' can't be the same ({error.message})") from None
        except SnapshotError as error:
            if error.kind == "source_missing":
                raise FileNotFoundError(errno.ENOENT, os.strerror(errno.ENOENT), source_text) from None
            raise
    return None

# sqlitesnapshot.sqlite_backup: the public API of sqlite_backup.core v0.1.8, with the engine's results.
from __future__ import annotations

import os
import shutil
import sqlite3
from pathlib import Path

import pytest

from conftest import BUSY_ROWS, Writer, bank_problem, leftovers, make_bank
from sqlitesnapshot import sqlite_backup as sb
from sqlitesnapshot.sqlite_backup import (
    COPY_RETRY_DEFAULT,
    SqliteBackupError,
    atomic_copy,
    copy_all_files,
    glob_database_files,
    sqlite_backup,
    sqlite_connect_immutable,
)


def test_the_public_names() -> None:
    for name in ("sqlite_backup", "copy_all_files", "atomic_copy", "glob_database_files",
                 "sqlite_connect_immutable", "SqliteBackupError", "COPY_RETRY_DEFAULT"):
        assert hasattr(sb, name), name
    assert COPY_RETRY_DEFAULT == 100
    assert issubclass(SqliteBackupError, RuntimeError)


def test_into_memory_returns_a_connection(bank: Path) -> None:
    conn = sqlite_backup(bank)
    assert isinstance(conn, sqlite3.Connection)
    assert bank_problem(conn) == ""


def test_to_a_file_returns_none_and_replaces(bank: Path, tmp_path: Path) -> None:
    dest = tmp_path / "out.db"
    dest.write_bytes(b"old")
    assert sqlite_backup(bank, dest) is None
    with sqlite3.connect(dest) as conn:
        assert bank_problem(conn) == ""
        assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "delete"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["bank.db", "out.db"]


def test_missing_source_is_file_not_found_with_the_argument(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    with pytest.raises(FileNotFoundError) as info:
        sqlite_backup("./missing.db", "out.db")
    assert info.value.filename == "./missing.db"
    assert not (tmp_path / "out.db").exists()


def test_source_equal_to_destination(bank: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    with pytest.raises(ValueError, match="'source' and 'destination' .* can't be the same"):
        sqlite_backup(bank, bank)
    # Aliases the original let through, rewriting its own source: relative, symlinked, hard-linked.
    monkeypatch.chdir(tmp_path)
    (tmp_path / "link.db").symlink_to(bank)
    os.link(bank, tmp_path / "hard.db")
    before = bank.read_bytes()
    for alias in ("./bank.db", str(tmp_path / "sub" / ".." / "bank.db"), "link.db", "hard.db"):
        with pytest.raises(ValueError, match="can't be the same"):
            sqlite_backup("bank.db", alias)
    assert bank.read_bytes() == before


def test_destination_type(bank: Path) -> None:
    with pytest.raises(TypeError, match="Unexpected 'destination' type"):
        sqlite_backup(bank, 3)  # type: ignore[arg-type]


def test_strict_failure_message_and_no_empty_destination(tmp_path: Path, writer_factory: type[Writer]) -> None:
    src = make_bank(tmp_path / "busy.db", "rollback", BUSY_ROWS)
    dest = tmp_path / "out.db"
    writer = writer_factory(src, "rollback", "--synchronous", "off")
    with pytest.raises(SqliteBackupError,
                       match="failed to copy all files without any of them changing 2 times"):
        sqlite_backup(src, dest, copy_retry=2)
    writer.stop()
    assert not dest.exists() and leftovers(tmp_path) == []


def test_copy_function_is_honoured(bank: Path, tmp_path: Path) -> None:
    calls: list[tuple[str, str]] = []

    def changes_twice(src: str, dest: str) -> bool:
        calls.append((src, dest))
        shutil.copyfile(src, dest)
        return len(calls) > 2

    conn = sqlite_backup(bank, copy_function=changes_twice)
    assert conn is not None and bank_problem(conn) == "" and len(calls) == 3
    with pytest.raises(SqliteBackupError, match="changing 4 times"):
        sqlite_backup(bank, tmp_path / "x.db", copy_retry=4, copy_function=lambda s, d: False)
    assert not (tmp_path / "x.db").exists()
    lenient = sqlite_backup(bank, copy_retry=1, copy_retry_strict=False,
                            copy_function=lambda s, d: shutil.copyfile(s, d) is None and False)
    assert lenient is not None and bank_problem(lenient) == ""


@pytest.mark.parametrize("to_file", [False, True])
def test_backup_progress_as_connection_backup_calls_it(bank: Path, tmp_path: Path, to_file: bool) -> None:
    calls: list[tuple[int, int, int]] = []
    dest = tmp_path / "out.db" if to_file else None
    sqlite_backup(bank, dest, sqlite_backup_kwargs={"progress": lambda *a: calls.append(a), "pages": 2})
    assert calls, "progress was never called"
    total = calls[-1][2]
    assert calls[-1] == (101, 0, total) and total > 0  # SQLITE_DONE, nothing remaining
    assert all(status in (0, 101) and 0 <= remaining <= total for status, remaining, total in calls)
    with pytest.raises(TypeError):
        sqlite_backup(bank, sqlite_backup_kwargs={"bogus": 1})


def test_direct_mode(tmp_path: Path) -> None:
    bank = make_bank(tmp_path / "r.db", "rollback", 30)
    assert sqlite_backup(bank, tmp_path / "d.db", copy_use_tempdir=False) is None
    conn = sqlite_backup(bank, copy_use_tempdir=False)
    assert conn is not None and bank_problem(conn) == ""


def test_glob_database_files(tmp_path: Path) -> None:
    db = make_bank(tmp_path / "h.db", "wal", 10)
    for name in ("h.db-wal", "h.db-shm", "h.db-journal", "h.db-backup-2020"):
        (tmp_path / name).write_bytes(b"")
    assert glob_database_files(db) == [db, tmp_path / "h.db-wal", tmp_path / "h.db-journal"]


def test_copy_all_files_and_atomic_copy(tmp_path: Path) -> None:
    db = make_bank(tmp_path / "c.db", "rollback", 20)
    dest = tmp_path / "dest"
    dest.mkdir()
    (dest / "c.db").write_bytes(b"stale")  # replaced, as the original does
    assert copy_all_files(glob_database_files(db), dest) is True
    assert (dest / "c.db").read_bytes() == db.read_bytes()
    assert sorted(p.name for p in dest.iterdir()) == ["c.db"]
    with pytest.raises(ValueError, match="Expected a directory"):
        copy_all_files([db], tmp_path / "c.db")
    plain = tmp_path / "notes.txt"
    plain.write_text("hello")
    assert copy_all_files([plain], dest, atomic_copy, 3) is True
    assert (dest / "notes.txt").read_text() == "hello"
    assert atomic_copy(str(plain), str(tmp_path / "copy.txt")) is True
    assert (tmp_path / "copy.txt").read_text() == "hello"
    assert atomic_copy(str(plain), str(dest)) is True  # into a folder, as shutil.copy
    with pytest.raises(shutil.SameFileError):
        atomic_copy(str(plain), str(plain))


def test_sqlite_connect_immutable(tmp_path: Path) -> None:
    odd = tmp_path / "a?b#c%d.db"
    make_bank(odd, "rollback", 5)
    with sqlite_connect_immutable(odd) as conn:
        assert conn.execute("SELECT count(*) FROM log").fetchone()[0] == 5

# The Pythonic API: snapshot, snapshot_to_memory, inspect, tables, the exceptions and progress.
from __future__ import annotations

import json
import os
import sqlite3
import subprocess
from pathlib import Path

import pytest

import sqlitesnapshot
from conftest import bank_problem, leftovers, make_bank

CLI = os.environ.get("SQLSNAP_CLI", "")


def cli_json(*args: str) -> dict:
    run = subprocess.run([CLI, *args, "--json"], capture_output=True, text=True)
    return json.loads(run.stdout)


def test_snapshot_result_has_the_cli_json_fields(bank: Path, tmp_path: Path) -> None:
    result = sqlitesnapshot.snapshot(bank, tmp_path / "snap.db", verify=True)
    assert isinstance(result, sqlitesnapshot.SnapshotResult)
    cli = cli_json("snapshot", str(bank), str(tmp_path / "cli.db"))
    assert set(vars(result)) == set(cli)
    assert result.consistent_copy and result.copy_attempts == 1
    assert result.integrity == "ok" and len(result.sha256 or "") == 64
    assert result.destination == str(tmp_path / "snap.db") and result.strategy == "publish"
    assert result.bytes == os.path.getsize(tmp_path / "snap.db") == result.pages * result.page_size
    assert [c.kind for c in result.companions] == ["database"]
    with sqlite3.connect(tmp_path / "snap.db") as conn:
        assert bank_problem(conn) == ""
        assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "delete"
    assert leftovers(tmp_path) == []


@pytest.mark.parametrize("strategy", ["publish", "backup", "compact"])
def test_each_strategy(bank: Path, tmp_path: Path, strategy: str) -> None:
    result = sqlitesnapshot.snapshot(str(bank), str(tmp_path / "s.db"), strategy=strategy)
    assert result.strategy == strategy
    with sqlite3.connect(tmp_path / "s.db") as conn:
        assert bank_problem(conn) == ""


def test_wal_content_not_yet_checkpointed_is_in_the_snapshot(tmp_path: Path) -> None:
    src = tmp_path / "live.db"
    host = sqlite3.connect(src, isolation_level=None)
    host.execute("PRAGMA journal_mode=WAL")
    host.execute("PRAGMA wal_autocheckpoint=0")
    host.execute("CREATE TABLE t(x)")
    host.executemany("INSERT INTO t VALUES(?)", [(i,) for i in range(1000)])
    assert (tmp_path / "live.db-wal").stat().st_size > 0
    result = sqlitesnapshot.snapshot(src, tmp_path / "snap.db")
    assert {c.kind for c in result.companions} == {"database", "wal"}
    conn = sqlitesnapshot.snapshot_to_memory(src)
    assert conn.execute("SELECT count(*) FROM t").fetchone()[0] == 1000
    with sqlite3.connect(tmp_path / "snap.db") as snap:
        assert snap.execute("SELECT count(*) FROM t").fetchone()[0] == 1000
    assert not (tmp_path / "snap.db-wal").exists()
    host.close()


def test_snapshot_to_memory_is_a_stdlib_connection_and_leaves_no_file(bank: Path, tmp_path: Path,
                                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    temp = tmp_path / "tmp"
    temp.mkdir()
    monkeypatch.setenv("TMPDIR", str(temp))
    import tempfile
    monkeypatch.setattr(tempfile, "tempdir", None)
    calls: list[tuple[str, int, int, int]] = []
    conn = sqlitesnapshot.snapshot_to_memory(bank, progress=lambda *args: calls.append(args))
    assert type(conn) is sqlite3.Connection
    assert bank_problem(conn) == ""
    name = conn.execute("PRAGMA database_list").fetchone()[2]
    assert not os.path.isabs(name)  # in memory: no file behind it ("" or memdb's own name)
    conn.execute("INSERT INTO log(seq) VALUES(-1)")  # a writable copy of its own
    # The database is read into memory while copying: its pages are reported, all of them at the end.
    pages = [(done, total) for phase, _, done, total in calls if phase == "copying" and total > 0]
    assert pages and pages[-1][0] == pages[-1][1]
    assert [c[0] for c in calls][-1] == "done"
    assert list(temp.iterdir()) == []
    conn.close()


def test_snapshot_to_memory_without_the_fast_path(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # Where the engine cannot fill Python's connection itself (another SQLite library), a staged file is
    # copied in with Connection.backup: the same snapshot, the WAL's commits included.
    src = make_bank(tmp_path / "w.db", "wal", 300)
    monkeypatch.setattr(sqlitesnapshot._engine, "can_fill", lambda connection: False)
    temp = tmp_path / "tmp"
    temp.mkdir()
    monkeypatch.setenv("TMPDIR", str(temp))
    import tempfile
    monkeypatch.setattr(tempfile, "tempdir", None)
    phases: list[str] = []
    conn = sqlitesnapshot.snapshot_to_memory(src, progress=lambda phase, *rest: phases.append(phase))
    assert bank_problem(conn) == "" and conn.execute("SELECT count(*) FROM log").fetchone()[0] == 300
    assert "publishing" in phases and phases[-1] == "loading"
    assert list(temp.iterdir()) == []
    conn.close()


def test_the_connection_is_filled_in_place_and_grows(bank: Path) -> None:
    assert sqlitesnapshot._engine.can_fill(sqlite3.connect(":memory:"))  # the fast path is the one tested
    assert not sqlitesnapshot._engine.can_fill(object())  # type: ignore[arg-type]
    conn = sqlitesnapshot.snapshot_to_memory(bank)
    before = conn.execute("PRAGMA page_count").fetchone()[0]
    conn.execute("CREATE TABLE big(b BLOB)")
    conn.execute("INSERT INTO big SELECT zeroblob(4000) FROM (WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL "
                 "SELECT i + 1 FROM n WHERE i < 2000) SELECT i FROM n)")  # ~8 MiB past the loaded image
    assert conn.execute("PRAGMA page_count").fetchone()[0] > before + 1900
    assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok" and bank_problem(conn) == ""
    conn.close()


def test_progress_gets_phase_attempt_and_pages(bank: Path, tmp_path: Path) -> None:
    calls: list[tuple[str, int, int, int]] = []
    sqlitesnapshot.snapshot(bank, tmp_path / "s.db", strategy="backup",
                            progress=lambda *args: calls.append(args))
    assert all(isinstance(a, str) and all(isinstance(n, int) for n in rest) for a, *rest in calls)
    phases = [c[0] for c in calls]
    assert phases[0] == "inspecting" and phases[-1] == "done"
    assert any(c[0] == "copying" and c[1] == 1 for c in calls)
    backing = [c for c in calls if c[0] == "backing-up" and c[3] > 0]
    assert backing and backing[-1][2] == backing[-1][3]  # all pages done at the end


def test_an_exception_in_progress_cancels_and_is_raised(bank: Path, tmp_path: Path) -> None:
    class Stop(Exception):
        pass

    def stop(phase: str, *rest: int) -> None:
        if phase == "copying":
            raise Stop

    with pytest.raises(Stop):
        sqlitesnapshot.snapshot(bank, tmp_path / "s.db", progress=stop)
    assert not (tmp_path / "s.db").exists() and leftovers(tmp_path) == []


def test_errors_have_the_cli_kind(bank: Path, tmp_path: Path) -> None:
    missing = "no-such.db"
    with pytest.raises(FileNotFoundError) as info:
        sqlitesnapshot.snapshot(missing, tmp_path / "x.db")
    assert isinstance(info.value, sqlitesnapshot.SourceMissingError)
    assert info.value.kind == "source_missing" == cli_json("snapshot", missing, str(tmp_path / "x.db"))["error"]["kind"]
    assert info.value.filename == missing

    (tmp_path / "exists.db").write_bytes(b"")
    with pytest.raises(FileExistsError) as exists:
        sqlitesnapshot.snapshot(bank, tmp_path / "exists.db")
    assert exists.value.kind == "destination_exists"
    assert sqlitesnapshot.snapshot(bank, tmp_path / "exists.db", overwrite=True).consistent_copy

    with pytest.raises(ValueError) as alias:
        sqlitesnapshot.snapshot(bank, bank.parent / "." / bank.name)
    assert isinstance(alias.value, sqlitesnapshot.DestinationAliasesSourceError)
    with pytest.raises(sqlitesnapshot.DestinationDirectoryMissingError):
        sqlitesnapshot.snapshot(bank, tmp_path / "nowhere" / "x.db")

    junk = tmp_path / "junk.db"
    junk.write_bytes(b"this is not a database" * 100)
    with pytest.raises(sqlitesnapshot.NotADatabaseError) as bad:
        sqlitesnapshot.snapshot(junk, tmp_path / "j.db")
    assert isinstance(bad.value, sqlite3.DatabaseError) and bad.value.kind == "not_a_database"
    assert cli_json("snapshot", str(junk), str(tmp_path / "j.db"))["error"]["kind"] == "not_a_database"
    for error in (info.value, exists.value, alias.value, bad.value):
        assert isinstance(error, sqlitesnapshot.SnapshotError) and ".sqlite-snapshot-" not in str(error)


def test_every_engine_kind_has_its_class() -> None:
    source = (Path(__file__).parents[2] / "core" / "src" / "base" / "error.cpp").read_text()
    kinds = {line.split('"')[1] for line in source.splitlines() if line.strip().startswith('return "')} - {"unknown"}
    assert kinds <= set(sqlitesnapshot.ERROR_CLASSES)
    assert all(cls.kind == kind and issubclass(cls, sqlitesnapshot.SnapshotError)
               for kind, cls in sqlitesnapshot.ERROR_CLASSES.items())


def test_bad_arguments_are_value_and_type_errors(bank: Path, tmp_path: Path) -> None:
    with pytest.raises(ValueError):
        sqlitesnapshot.snapshot(bank, tmp_path / "s.db", strategy="fast")
    with pytest.raises(ValueError):
        sqlitesnapshot.snapshot(bank, tmp_path / "s.db", retries=-1)
    with pytest.raises(TypeError):
        sqlitesnapshot.snapshot(bank, 42)  # type: ignore[arg-type]
    with pytest.raises(TypeError):
        sqlitesnapshot.snapshot(bank, tmp_path / "s.db", progress="no")  # type: ignore[arg-type]
    assert not (tmp_path / "s.db").exists()


def test_inspect_and_tables(tmp_path: Path) -> None:
    bank = make_bank(tmp_path / "b.db", "rollback", 50)
    info = sqlitesnapshot.inspect(bank)
    assert isinstance(info, sqlitesnapshot.DatabaseInfo)
    assert info.database == str(bank) and info.journal_mode == "rollback" and info.files[0].kind == "database"
    assert set(vars(info)) == set(cli_json("inspect", str(bank)))
    listed = {t.name: t for t in sqlitesnapshot.tables(bank)}
    assert listed["log"].rows == 50 and listed["accounts"].rows == 100
    assert [c.name for c in listed["accounts"].columns] == ["id", "balance"]
    assert listed["accounts"].columns[0].primary_key
    assert sqlitesnapshot.tables(bank, count_rows=False)[0].rows is None
    with pytest.raises(FileNotFoundError):
        sqlitesnapshot.inspect(tmp_path / "none.db")


def test_typed_package() -> None:
    folder = Path(sqlitesnapshot.__file__).parent
    for name in ("py.typed", "__init__.pyi", "sqlite_backup.pyi", "_engine.pyi"):
        assert (folder / name).is_file(), name
    assert sqlitesnapshot.sqlite_library_version().startswith("3.")


def test_mypy_strict_accepts_a_typical_caller(tmp_path: Path) -> None:
    # typed_sample.py uses the API as a typed program does; the stubs must serve `mypy --strict`.
    api = pytest.importorskip("mypy.api")
    sample = str(Path(__file__).with_name("typed_sample.py"))
    out, err, status = api.run(["--strict", "--no-incremental", "--cache-dir", str(tmp_path / "cache"), sample])
    assert status == 0, out + err
    # A wrong call is caught: the stubs are not Any.
    bad = tmp_path / "bad.py"
    bad.write_text("import sqlitesnapshot\nsqlitesnapshot.snapshot('a', 'b', retries='many')\n")
    out, err, status = api.run(["--strict", "--no-incremental", "--cache-dir", str(tmp_path / "cache"), str(bad)])
    assert status == 1 and "retries" in out, out + err

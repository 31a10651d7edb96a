# Shared by the Python tests: real databases made by dbtool (the C++ tests' helper), writer processes.
# Run by ctest (test python_package); by hand:
#   PYTHONPATH=build/default/python SQLSNAP_DBTOOL=build/default/tests/dbtool /usr/bin/python3 -m pytest tests/python
from __future__ import annotations

import os
import sqlite3
import subprocess
from pathlib import Path
from typing import Iterator

import pytest

DBTOOL = os.environ.get("SQLSNAP_DBTOOL", "")
# Rows of a bank that a rollback writer committing flat out (synchronous=off) changes during every copy
# attempt (~25 MB: each copy takes milliseconds, the writer commits every few microseconds).
BUSY_ROWS = 200000


def dbtool(*args: str) -> None:
    assert DBTOOL, "SQLSNAP_DBTOOL must name the dbtool helper"
    subprocess.run([DBTOOL, *args], check=True)


def make_bank(path: Path, mode: str = "wal", rows: int = 200) -> Path:
    dbtool("make", str(path), mode, str(rows))
    return path


def bank_problem(conn: sqlite3.Connection) -> str:
    """Empty when the bank's invariants hold (as testsupport::readBank checks them)."""
    if conn.execute("PRAGMA integrity_check").fetchone()[0] != "ok":
        return "integrity_check failed"
    total = conn.execute("SELECT sum(balance) FROM accounts").fetchone()[0]
    if total != 100000:
        return f"sum of balances is {total}"
    count, low, high = conn.execute("SELECT count(*), min(seq), max(seq) FROM log").fetchone()
    if count and high - low + 1 != count:
        return f"log has a gap: {count} rows from {low} to {high}"
    return ""


@pytest.fixture
def bank(tmp_path: Path) -> Path:
    return make_bank(tmp_path / "bank.db")


class Writer:
    """dbtool writer: a separate process committing transfers until stopped."""

    def __init__(self, db: Path, mode: str, *extra: str) -> None:
        self.process = subprocess.Popen([DBTOOL, "writer", str(db), mode, *extra], stdin=subprocess.PIPE,
                                        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        assert self.process.stdout is not None
        line = self.process.stdout.readline()
        assert "ready" in line, line

    def stop(self) -> str:
        out, err = self.process.communicate(input="", timeout=60)  # closing stdin stops it
        assert self.process.returncode == 0, err
        return out


@pytest.fixture
def writer_factory() -> Iterator[type[Writer]]:
    made: list[Writer] = []

    class Tracked(Writer):
        def __init__(self, *args: str) -> None:  # type: ignore[override]
            super().__init__(*args)  # type: ignore[arg-type]
            made.append(self)

    yield Tracked  # type: ignore[misc]
    for w in made:
        if w.process.poll() is None:
            w.process.kill()
            w.process.wait()


def leftovers(folder: Path) -> list[str]:
    """Files the engine or the package may have left: staging folders and temporaries."""
    return sorted(p.name for p in folder.iterdir() if p.name.startswith((".sqlite-snapshot", "sqlitesnapshot-",
                                                                           ".sqlitesnapshot")))

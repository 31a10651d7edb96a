#!/usr/bin/env python3
"""sqlitesnapshot.sqlite_backup against the original sqlite_backup algorithm, side by side in one run.

The original (purarue/sqlite_backup v0.1.8) is reimplemented here from its documented behaviour:
copy the database and its -wal into a temporary folder with shutil.copy, compare each with filecmp
(retry while any changed), connect to the copy (still in WAL mode, its -wal beside it),
Connection.backup into ":memory:" or into DEST, then wal_checkpoint(TRUNCATE) of DEST, then close the
copy (SQLite checkpoints its WAL as the last connection closes), as sqlite_backup.core v0.1.8's code does. Each contender runs in its own process,
which reports its wall time; peak RSS is the child's ru_maxrss (os.wait4).

    PYTHONPATH=build/default/python /usr/bin/python3 bench/python_sqlite_backup.py [--db-mib 1024]
        [--wal-mib 128] [--rounds 3] [--folder DIR]

The source is made once (a table of 1 KiB blobs to --db-mib, then rows rewritten through a WAL of
--wal-mib that a connection of this process keeps open, so it is never checkpointed). Warm cache: every
contender reads the same files, in turn.
"""

from __future__ import annotations

import argparse
import os
import shutil
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time

CHILD = r"""
import filecmp, os, shutil, sqlite3, sys, tempfile, time
from pathlib import Path
contender, src, dest = sys.argv[1:4]

def original(source, destination):
    source = Path(source)
    with tempfile.TemporaryDirectory() as td:
        files = [source] + [p for p in source.parent.glob(source.name + "-*") if not p.name.endswith("-shm")]
        for _ in range(101):
            ok = True
            for f in files:
                while True:
                    shutil.copy(f, Path(td) / f.name)
                    if filecmp.cmp(f, Path(td) / f.name, shallow=True):
                        break
                    ok = False
            if ok:
                break
        target = sqlite3.connect(":memory:" if destination is None else destination)
        with sqlite3.connect(Path(td) / source.name) as conn:
            conn.backup(target)
        if destination is not None:
            with target:
                target.execute("PRAGMA wal_checkpoint(TRUNCATE);")
        conn.close()
        if destination is not None:
            target.close()
            return None
        return target

start = time.monotonic()
if contender == "original-memory":
    conn = original(src, None)
elif contender == "original-file":
    conn = original(src, dest)
else:
    from sqlitesnapshot.sqlite_backup import sqlite_backup
    conn = sqlite_backup(src, None if contender == "ours-memory" else dest)
elapsed = time.monotonic() - start
if conn is not None:
    assert conn.execute("SELECT count(*) FROM t").fetchone()[0] > 0
else:
    check = sqlite3.connect(dest)
    assert check.execute("SELECT count(*) FROM t").fetchone()[0] > 0
    check.close()
print(elapsed)
"""


def make_source(folder: str, db_mib: int, wal_mib: int) -> tuple[str, sqlite3.Connection]:
    path = os.path.join(folder, "big.db")
    conn = sqlite3.connect(path, isolation_level=None)
    conn.execute("PRAGMA page_size=4096")
    conn.execute("CREATE TABLE t(id INTEGER PRIMARY KEY, b BLOB)")
    rows = db_mib * 1024 * 1024 // 1100
    conn.execute("BEGIN")
    conn.execute("INSERT INTO t(b) WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < ?) "
                 "SELECT randomblob(1000) FROM n", (rows,))
    conn.execute("COMMIT")
    conn.execute("PRAGMA journal_mode=WAL")
    conn.execute("PRAGMA wal_autocheckpoint=0")
    changed = wal_mib * 1024 * 1024 // 4096 // 1  # one page per row rewritten, about
    conn.execute("BEGIN")
    conn.execute("UPDATE t SET b = randomblob(1000) WHERE id % ? = 0 AND id <= ?",
                 (max(rows // changed, 1), rows))
    conn.execute("COMMIT")
    return path, conn  # kept open: the WAL stays


def run(contender: str, src: str, dest: str) -> tuple[float, float]:
    if os.path.exists(dest):
        os.unlink(dest)
    child = subprocess.Popen([sys.executable, "-c", CHILD, contender, src, dest], stdout=subprocess.PIPE, text=True)
    assert child.stdout is not None
    out = child.stdout.read()
    _, status, usage = os.wait4(child.pid, 0)
    child.returncode = os.waitstatus_to_exitcode(status)
    if child.returncode != 0:
        raise SystemExit(f"{contender} failed ({child.returncode})")
    return float(out.strip()), usage.ru_maxrss / 1024  # seconds, MiB


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--db-mib", type=int, default=1024)
    parser.add_argument("--wal-mib", type=int, default=128)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--folder", default=None)
    args = parser.parse_args()
    folder = tempfile.mkdtemp(prefix="sqlitesnapshot-bench-", dir=args.folder)
    try:
        made = time.monotonic()
        src, keeper = make_source(folder, args.db_mib, args.wal_mib)
        sizes = {s: os.path.getsize(src + s) for s in ("", "-wal")}
        print(f"source: {sizes[''] / 2**20:.0f} MiB + {sizes['-wal'] / 2**20:.0f} MiB WAL "
              f"(made in {time.monotonic() - made:.1f} s)")
        dest = os.path.join(folder, "out.db")
        results: dict[str, list[tuple[float, float]]] = {}
        contenders = ["original-memory", "ours-memory", "original-file", "ours-file"]
        for _ in range(args.rounds):
            for contender in contenders:  # interleaved: the machine's neighbours hit every contender alike
                results.setdefault(contender, []).append(run(contender, src, dest))
        print("| contender | median | ratio to the original | peak RSS |")
        print("|---|---:|---:|---:|")
        for contender in contenders:
            median = statistics.median(t for t, _ in results[contender])
            baseline = statistics.median(t for t, _ in results[contender.replace("ours", "original")])
            rss = max(r for _, r in results[contender])
            print(f"| {contender} | {median:.2f} s | {baseline / median:.2f}× | {rss:.0f} MiB |")
        keeper.close()
    finally:
        shutil.rmtree(folder, ignore_errors=True)


if __name__ == "__main__":
    main()

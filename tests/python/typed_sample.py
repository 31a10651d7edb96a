import sqlite3
from pathlib import Path

import sqlitesnapshot
from sqlitesnapshot.sqlite_backup import SqliteBackupError, copy_all_files, glob_database_files, sqlite_backup


def progress(phase: str, attempt: int, done: int, total: int) -> None:
    print(phase, attempt, done, total)


def main(src: Path) -> int:
    result: sqlitesnapshot.SnapshotResult = sqlitesnapshot.snapshot(src, src.with_suffix(".copy"), progress=progress)
    conn: sqlite3.Connection = sqlitesnapshot.snapshot_to_memory(src)
    conn.close()
    try:
        maybe = sqlite_backup(src, sqlite_backup_kwargs={"progress": lambda s, r, t: None})
    except SqliteBackupError as error:
        print(error)
        return 1
    except sqlitesnapshot.SourceMissingError as missing:
        print(missing.kind, missing.filename)
        return 1
    files: list[Path] = glob_database_files(src)
    ok: bool = copy_all_files(files, src.parent)
    tables = [t.name for t in sqlitesnapshot.tables(src)]
    return result.copy_attempts + len(tables) + int(ok) + (0 if maybe is None else 1)

"""What the engine returns, as frozen dataclasses with the CLI's JSON field names."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Optional


@dataclass(frozen=True)
class CopiedFile:
    path: str
    kind: str  # "database", "wal", "journal"
    size: int


@dataclass(frozen=True)
class SnapshotResult:
    """The fields of ``sqlite-snapshot-cli snapshot --json``."""

    source: str
    destination: str
    companions: list[CopiedFile]
    copy_attempts: int
    consistent_copy: bool
    pages: int
    page_size: int
    bytes: int
    integrity: Optional[str]
    sha256: Optional[str]
    elapsed_ms: int
    strategy: str
    shares_storage_with: Optional[str]  # the earlier snapshot whose storage DEST shares (history folders)
    bytes_rewritten: int  # with shared storage: the bytes written into the clone

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> "SnapshotResult":
        fields = dict(data)
        fields["companions"] = [CopiedFile(**c) for c in data["companions"]]
        return cls(**fields)


@dataclass(frozen=True)
class FileInfo:
    path: str
    kind: str
    size: int
    modified: str  # ISO 8601, UTC
    meaning: str


@dataclass(frozen=True)
class DatabaseInfo:
    """The fields of ``sqlite-snapshot-cli inspect --json``."""

    database: str
    files: list[FileInfo]
    journal_mode: str
    page_size: int
    page_count: Optional[int]
    text_encoding: str
    user_version: int
    application_id: int
    change_counter: int
    sqlite_version: int
    hot_journal: bool
    lock: str
    super_journal: Optional[str]
    header_may_be_stale: bool
    notes: list[str]

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> "DatabaseInfo":
        fields = dict(data)
        fields["files"] = [FileInfo(**f) for f in data["files"]]
        return cls(**fields)


@dataclass(frozen=True)
class ColumnInfo:
    name: str
    type: str
    primary_key: bool
    not_null: bool
    hidden: bool


@dataclass(frozen=True)
class TableInfo:
    """One entry of ``sqlite-snapshot-cli tables --json``."""

    name: str
    type: str  # "table", "view", "virtual", "shadow", …
    module: Optional[str]
    shadow_of: Optional[str]
    rows: Optional[int]
    without_rowid: bool
    strict: bool
    columns: list[ColumnInfo]
    error: Optional[str]

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> "TableInfo":
        fields = dict(data)
        fields["columns"] = [ColumnInfo(**c) for c in data["columns"]]
        return cls(**fields)

"""Online backup and restore of the SQLite file, through SQLite's backup API.

- `backup` copies the live database in one step of `Connection.backup`: one read transaction,
  so the copy is a consistent snapshot, and in WAL mode writers carry on meanwhile. The copy
  is written next to the target, switched to a self-contained rollback journal, checked with
  `PRAGMA integrity_check`, flushed to disk and only then renamed into place.
- `restore` checks the backup first (a SQLite file, a catalog database, integrity ok), saves
  the current database beside itself, then copies the backup *into* the live database with the
  same API, under the write lock: connections that other processes hold open see the restored
  content, instead of writing on into a replaced file.
"""

from __future__ import annotations

import os
import sqlite3
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from ..db import BUSY_TIMEOUT_MS, connect, private

MARKER = "_sqlite_migrations"  # every catalog database has it (init-db creates it)
COUNTED = ("users", "customers", "orders", "order_history", "export_history")


class BackupError(Exception):
    """The backup or restore was refused or failed; nothing was changed."""


@dataclass(frozen=True)
class Summary:
    path: str
    size: int
    rows: dict[str, int]

    def __str__(self) -> str:
        counts = ", ".join(f"{n} {table}" for table, n in self.rows.items())
        return f"{self.size:,} bytes, integrity ok ({counts})"

    @property
    def empty(self) -> bool:
        return not any(self.rows.get(t) for t in ("users", "orders", "export_history"))


def backup(database: str, target: Path, force: bool = False, verify: bool = True) -> Summary:
    """Copy the live `database` to `target`; refuses to overwrite it unless `force`.
    With `verify` the database must be an intact catalog database to begin with."""
    if target.exists() and not force:
        raise BackupError(f"{target} exists: choose another name or use --force")
    if target.exists() and target.resolve() == Path(database).resolve():
        raise BackupError("the backup file is the database itself")
    if verify:
        check(database)
    partial = target.with_name(f".{target.name}.partial")
    partial.unlink(missing_ok=True)
    try:
        private(str(partial))  # owner-only from the first byte: it holds every order
        _copy(database, partial)
        size = partial.stat().st_size
        rows = check(str(partial)).rows if verify else {}
        _flush(partial)
        os.replace(partial, target)
    except OSError as err:  # e.g. the disk is full: say so, leave nothing half-written
        raise BackupError(f"backup failed, nothing was written: {err}") from err
    finally:
        partial.unlink(missing_ok=True)
    return Summary(str(target), size, rows)


def _copy(database: str, partial: Path) -> None:
    source = sqlite3.connect(database, timeout=BUSY_TIMEOUT_MS / 1000)
    copy = sqlite3.connect(partial)
    try:
        source.backup(copy)  # pages=-1: the whole file in one step, one consistent snapshot
        copy.execute("PRAGMA journal_mode = DELETE")  # one self-contained file, no -wal
    except sqlite3.Error as err:
        raise BackupError(f"backup failed: {err}") from err
    finally:
        copy.close()
        source.close()


def _flush(path: Path) -> None:
    with path.open("rb+") as fh:
        os.fsync(fh.fileno())


def check(path: str) -> Summary:
    """What the file holds; BackupError unless it is an intact catalog database."""
    if not Path(path).is_file():
        raise BackupError(f"{path}: no such file")
    try:
        conn = sqlite3.connect(f"{Path(path).resolve().as_uri()}?mode=ro", uri=True)
    except sqlite3.Error as err:
        raise BackupError(f"{path}: cannot open: {err}") from err
    try:
        return _inspect(conn, path)
    except sqlite3.DatabaseError as err:
        raise BackupError(f"{path}: not a usable SQLite database: {err}") from err
    finally:
        conn.close()


def _inspect(conn: sqlite3.Connection, path: str) -> Summary:
    problems = [row[0] for row in conn.execute("PRAGMA integrity_check")]
    if problems != ["ok"]:
        raise BackupError(f"{path}: integrity_check failed: {'; '.join(problems[:5])}")
    tables = {row[0] for row in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")}
    if MARKER not in tables:
        raise BackupError(f"{path}: not a catalog database (no {MARKER} table)")
    rows = {
        table: int(conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0])
        for table in COUNTED
        if table in tables
    }
    return Summary(path, Path(path).stat().st_size, rows)


def restore(source: Path, database: str, force: bool = False) -> tuple[Summary, Path | None]:
    """Replace the live database's content with the backup `source`.

    Refuses a damaged or foreign backup, and a database that holds data (or is damaged or not
    a catalog database) unless `force`. The current database is first saved as
    `<name>.before-restore-<time>.sqlite` beside it; that path is returned (None if there was
    no database yet)."""
    check(str(source))
    saved = None
    if Path(database).exists():
        if not force:
            _refuse_to_replace(database)
        saved = _save_current(database)
    _copy_into(source, database)
    return check(database), saved


def _refuse_to_replace(database: str) -> None:
    try:
        current = check(database)
    except BackupError as err:
        raise BackupError(f"{err}; use --force to replace it anyway") from err
    if not current.empty:
        raise BackupError(
            f"{database} holds data ({current}): use --force to replace it "
            "(it is saved beside itself first)"
        )


def _save_current(database: str) -> Path:
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%S%fZ")
    path = Path(database)
    target = path.with_name(f"{path.stem}.before-restore-{stamp}.sqlite")
    try:
        return Path(backup(database, target, verify=False).path)
    except BackupError as err:
        raise BackupError(
            f"could not save the current database first ({err}); stop the service and move "
            f"{database} (and its -wal and -shm files) away by hand, then restore"
        ) from err


def _copy_into(source: Path, database: str) -> None:
    backup_conn = sqlite3.connect(f"{source.resolve().as_uri()}?mode=ro", uri=True)
    live = connect(database)  # WAL and the busy timeout, as the service opens it
    try:
        backup_conn.backup(live.conn)
    except sqlite3.Error as err:
        raise BackupError(f"restore failed, the database is unchanged: {err}") from err
    finally:
        live.conn.close()
        backup_conn.close()

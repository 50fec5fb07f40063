"""flask db backup / check / restore: consistent copies under load, and restores that bring the
data back without ever replacing a database by accident."""

from __future__ import annotations

import copy
import errno
import sqlite3
import stat
import threading
import time
from pathlib import Path

import pytest
import requests

from catalog import create_app
from catalog.store import backup
from harness.acks import Ledger, check, write_orders
from harness.serving import gunicorn

BACKUPS = 3


def cli(database: Path, *args: str):
    app = create_app({"DATABASE": str(database), "SECRET_KEY": "faults"})
    return app.test_cli_runner().invoke(args=[str(a) for a in args])


def count(database: Path, table: str = "orders") -> int:
    with sqlite3.connect(database) as conn:
        return int(conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0])


def snapshot(ledger: Ledger) -> Ledger:
    """The acknowledged writes so far; anything later may or may not be in a copy."""
    with ledger.lock:
        return Ledger(copy.deepcopy(ledger.created), copy.deepcopy(ledger.changed), 10**9)


def test_backups_during_writes_are_consistent_and_restore_into_the_running_server(instance):
    ledger, stop, taken = Ledger(), threading.Event(), []
    with gunicorn(instance.folder, instance.database) as server:
        args = (server.url, instance.token, instance.body, ledger, stop)
        writers = [threading.Thread(target=write_orders, args=args) for _ in range(4)]
        for writer in writers:
            writer.start()
        try:
            for n in range(BACKUPS):
                while len(ledger.created) < 10 * (n + 1):
                    time.sleep(0.05)
                before, file = snapshot(ledger), instance.folder / f"backup-{n}.sqlite"
                result = cli(instance.database, "db", "backup", file)
                assert result.exit_code == 0, result.output
                taken.append((file, before))
        finally:
            stop.set()
            for writer in writers:
                writer.join(timeout=30)
        assert ledger.refused == []
        for file, before in taken:
            assert check(file, before) == [], file  # every write acknowledged before is in it
            assert not Path(f"{file}-wal").exists()  # one self-contained file
        assert count(taken[-1][0]) < count(instance.database)  # the writers went on

        file, before = taken[0]
        result = cli(instance.database, "db", "restore", "--force", file)
        assert result.exit_code == 0, result.output
        headers = instance.headers
        listed = requests.get(f"{server.url}/api/v1/orders", headers=headers).json()
        assert listed["total"] == count(file) >= len(before.created)
        created = requests.post(f"{server.url}/api/v1/orders", json=instance.body, headers=headers)
        assert created.status_code == 201, created.text
        assert created.json()["number"] not in {o["number"] for o in listed["items"]}
    assert check(instance.database, before) == []
    saved = list(instance.folder.glob("catalog.before-restore-*.sqlite"))
    assert len(saved) == 1 and count(saved[0]) >= len(ledger.created)


def test_restore_brings_back_the_backed_up_data(app, runner, orders, tmp_path):
    database = Path(app.config["DATABASE"])
    first, second = orders(2), orders(3)
    file = tmp_path / "backup.sqlite"
    assert runner.invoke(args=["db", "backup", str(file)]).exit_code == 0
    orders(4)

    refused = runner.invoke(args=["db", "restore", str(file)])
    assert refused.exit_code == 1
    assert "holds data" in refused.output and "--force" in refused.output
    assert count(database) == 3

    result = runner.invoke(args=["db", "restore", "--force", str(file)])
    assert result.exit_code == 0, result.output
    with sqlite3.connect(database) as conn:
        stored = conn.execute("SELECT id, number, quantity FROM orders ORDER BY id").fetchall()
    assert stored == [(o["id"], o["number"], o["quantity"]) for o in (first, second)]
    (saved,) = tmp_path.glob("test.before-restore-*.sqlite")
    assert count(saved) == 3
    assert f"the previous database is saved as {saved}" in result.output


def test_backup_never_overwrites_without_force(app, runner, tmp_path):
    file = tmp_path / "backup.sqlite"
    file.write_bytes(b"an older backup")
    refused = runner.invoke(args=["db", "backup", str(file)])
    assert refused.exit_code == 1 and "exists" in refused.output
    assert file.read_bytes() == b"an older backup"
    assert runner.invoke(args=["db", "backup", "--force", str(file)]).exit_code == 0
    assert count(file, "users") == 0
    assert not list(tmp_path.glob(".*.partial"))


def damaged(tmp_path: Path, good: Path, kind: str) -> Path:
    bad = tmp_path / f"{kind}.sqlite"
    if kind == "random-bytes":
        bad.write_bytes(bytes(range(256)) * 64)
    elif kind == "truncated":
        bad.write_bytes(good.read_bytes()[: good.stat().st_size // 2])
    elif kind == "foreign":
        with sqlite3.connect(bad) as conn:
            conn.execute("CREATE TABLE notes (text)")
    else:
        bad.write_bytes(b"")
    return bad


@pytest.mark.parametrize("kind", ["random-bytes", "truncated", "foreign", "empty"])
def test_restore_refuses_a_damaged_or_foreign_file(app, runner, orders, tmp_path, kind):
    good = tmp_path / "good.sqlite"
    orders(2)
    assert runner.invoke(args=["db", "backup", str(good)]).exit_code == 0
    bad = damaged(tmp_path, good, kind)
    result = runner.invoke(args=["db", "restore", "--force", str(bad)])
    assert result.exit_code == 1
    assert str(bad) in result.output
    assert count(Path(app.config["DATABASE"])) == 1
    assert not list(tmp_path.glob("test.before-restore-*"))
    check_result = runner.invoke(args=["db", "check", str(bad)])
    assert check_result.exit_code == 1


def test_check_reports_the_database(runner, orders, app):
    orders(2)
    result = runner.invoke(args=["db", "check"])
    assert result.exit_code == 0
    assert "integrity ok" in result.output and "1 orders" in result.output


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def test_the_database_backups_and_saved_copies_are_private(app, runner, orders, tmp_path):
    database = Path(app.config["DATABASE"])
    orders(2)
    assert mode(database) == 0o600
    file = tmp_path / "backup.sqlite"
    assert runner.invoke(args=["db", "backup", str(file)]).exit_code == 0
    assert mode(file) == 0o600
    database.chmod(0o644)  # an older installation: opening it again tightens it
    orders(3)
    assert mode(database) == 0o600
    assert runner.invoke(args=["db", "restore", "--force", str(file)]).exit_code == 0
    (saved,) = tmp_path.glob("test.before-restore-*.sqlite")
    assert mode(saved) == 0o600


def test_a_full_disk_during_a_backup_leaves_no_partial_file(
    app, runner, orders, tmp_path, monkeypatch
):
    orders(2)

    def no_space(path: Path) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(backup, "_flush", no_space)
    file = tmp_path / "backup.sqlite"
    result = runner.invoke(args=["db", "backup", str(file)])
    assert result.exit_code == 1
    assert "No space left on device" in result.output and "Traceback" not in result.output
    assert sorted(p.name for p in tmp_path.iterdir() if "backup" in p.name) == []

"""Opening a connection never drops another connection's locks in the same process. POSIX locks
belong to the process, and closing any descriptor of the file drops them all. A WAL connection
keeps a shared lock on the database file, so that no other process takes the file for itself
(checkpointing and resetting the WAL under it). Under threaded gunicorn workers, a private()
that opened and closed the file on every connect corrupted the database within seconds of load."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from catalog.db import connect

# SQLite's unix VFS: readers hold a read lock in the SHARED range (PENDING_BYTE + 2, 510 bytes).
TRY_EXCLUSIVE = """
import fcntl, os, sys
fd = os.open(sys.argv[1], os.O_RDWR)
try:
    fcntl.lockf(fd, fcntl.LOCK_EX | fcntl.LOCK_NB, 510, 0x40000002, os.SEEK_SET)
except OSError:
    print("held by another process")
else:
    print("free")
"""


def others_see(path: str) -> str:
    done = subprocess.run([sys.executable, "-c", TRY_EXCLUSIVE, path],
                          capture_output=True, text=True, timeout=60)  # fmt: skip
    return done.stdout.strip() or done.stderr


def test_a_new_connection_keeps_the_locks_of_the_others(tmp_path: Path) -> None:
    path = str(tmp_path / "locks.sqlite")
    reader = connect(path)
    reader.conn.execute("CREATE TABLE t (x)")
    reader.conn.execute("BEGIN")
    assert reader.conn.execute("SELECT count(*) FROM t").fetchone() == (0,)  # a read under way
    assert others_see(path) == "held by another process"
    other = connect(path)  # another request's connection, opened meanwhile in this process
    assert others_see(path) == "held by another process"
    reader.conn.execute("COMMIT")
    other.conn.close()
    reader.conn.close()

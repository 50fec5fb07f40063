"""Helpers shared by tests/, bench/ and scripts/: a real gunicorn over a given database
(`serving`), the ledger of acknowledged writes and its check against the SQLite file (`acks`),
and a threaded server with Debian's Chromium for browser runs (`browser`).

Not part of the shipped package: pytest finds it through `pythonpath = ["."]`, the benches by
running as `python -m bench.NAME` from the repository root.
"""

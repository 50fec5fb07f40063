"""Order creation over HTTP through gunicorn, beside a trivial endpoint on the same server.

Starts gunicorn (`catalog:create_app()`, --preload) on 127.0.0.1 over a fresh database, then
several client processes call GET /api/v1/ping (authenticated, no application work) and
POST /api/v1/orders (rules validation, one BEGIN IMMEDIATE transaction). Prints requests per
second and p50/p99 latency of each and their ratio: what the application itself costs.

Usage: .venv/bin/python -m bench.orders_http [--workers 2] [--clients 8] [--requests 150]
"""

from __future__ import annotations

import argparse
import os
import re
import statistics
import subprocess
import sys
import tempfile
import time
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path
from typing import Any

import requests

from catalog import accounts, create_app
from catalog.db import get_db
from catalog.migrations import apply_all
from catalog.services.active_rules import engine

ROOT = Path(__file__).resolve().parent.parent


def prepare(folder: Path) -> tuple[str, dict[str, str]]:
    app = create_app({"DATABASE": str(folder / "bench.sqlite"), "SECRET_KEY": "bench"})
    with app.app_context():
        apply_all(get_db())
        token = accounts.create_user(get_db(), "bench", "sales").token
        proposal = engine().configure("KZ", "x3000-tractor-6x4", {})
    return token, {g.id: v for g in proposal.groups if (v := g.value or g.default)}


def start(folder: Path, workers: int) -> tuple[subprocess.Popen[bytes], str]:
    log = folder / "gunicorn.log"
    env = {**os.environ, "CATALOG_INSTANCE": str(folder), "CATALOG_SECRET_KEY": "bench",
           "CATALOG_DATABASE": str(folder / "bench.sqlite")}  # fmt: skip
    command = [sys.executable, "-m", "gunicorn", "-w", str(workers), "-b", "127.0.0.1:0",
               "--preload", "--no-control-socket", "--error-logfile", str(log),
               "catalog:create_app()"]  # fmt: skip
    process = subprocess.Popen(command, cwd=ROOT, env=env)
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        found = re.search(r"Listening at: (http://\S+) ", log.read_text() if log.exists() else "")
        if found:
            return process, found[1]
        time.sleep(0.1)
    process.terminate()
    raise SystemExit("gunicorn did not start")


def client(url: str, token: str, kind: str, n: int, selections: dict[str, str]) -> list[float]:
    http = requests.Session()
    http.headers["Authorization"] = f"Bearer {token}"
    body = {"customer": f"Bench {os.getpid()}", "market": "KZ", "model": "x3000-tractor-6x4",
            "selections": selections, "quantity": 1}  # fmt: skip
    times = []
    for _ in range(n):
        started = time.perf_counter()
        if kind == "ping":
            response = http.get(f"{url}/api/v1/ping")
        else:
            response = http.post(f"{url}/api/v1/orders", json=body)
        times.append(time.perf_counter() - started)
        if response.status_code not in (200, 201):
            raise RuntimeError(f"{kind}: {response.status_code} {response.text[:200]}")
    return times


def run(url: str, token: str, kind: str, args: Any, selections: dict[str, str]) -> dict[str, float]:
    client(url, token, kind, 10, selections)  # warm up both workers' caches
    started = time.perf_counter()
    with ProcessPoolExecutor(args.clients) as pool:
        jobs = [pool.submit(client, url, token, kind, args.requests, selections)
                for _ in range(args.clients)]  # fmt: skip
        times = sorted(t for job in jobs for t in job.result())
    wall = time.perf_counter() - started
    return {
        "rps": len(times) / wall,
        "p50": statistics.median(times) * 1000,
        "p99": times[int(len(times) * 0.99) - 1] * 1000,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--clients", type=int, default=8)
    parser.add_argument("--requests", type=int, default=150, help="per client and endpoint")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        token, selections = prepare(folder)
        process, url = start(folder, args.workers)
        try:
            results = {kind: run(url, token, kind, args, selections) for kind in ("ping", "orders")}
        finally:
            process.terminate()
            process.wait(timeout=20)
    print(f"gunicorn -w {args.workers}, {args.clients} client processes, "
          f"{args.requests} requests each per endpoint")  # fmt: skip
    for kind, label in (("ping", "GET /api/v1/ping"), ("orders", "POST /api/v1/orders")):
        r = results[kind]
        print(f"{label:22} {r['rps']:8.0f} req/s   p50 {r['p50']:6.1f} ms   p99 {r['p99']:6.1f} ms")
    ratio = results["ping"]["rps"] / results["orders"]["rps"]
    print(f"ratio ping/orders: {ratio:.1f}x throughput")


if __name__ == "__main__":
    main()

"""Latencies and errors per endpoint for bench/load.py, and the printed report."""

from __future__ import annotations

import math
from collections import Counter
from dataclasses import dataclass, field
from typing import Any


@dataclass
class Stats:
    times: dict[str, list[float]] = field(default_factory=dict)  # label -> seconds
    statuses: Counter[str] = field(default_factory=Counter)  # "label status" -> count
    errors: dict[str, list[str]] = field(default_factory=dict)  # label -> details
    conflicts: int = 0  # 409 on PATCH, answered by reading the order again

    def record(self, label: str, seconds: float, status: int) -> None:
        self.times.setdefault(label, []).append(seconds)
        self.statuses[f"{label} {status}"] += 1

    def error(self, label: str, detail: str) -> None:
        self.errors.setdefault(label, []).append(detail)

    def merge(self, other: Stats) -> None:
        for label, times in other.times.items():
            self.times.setdefault(label, []).extend(times)
        self.statuses.update(other.statuses)
        for label, details in other.errors.items():
            self.errors.setdefault(label, []).extend(details)
        self.conflicts += other.conflicts


def percentile(values: list[float], fraction: float) -> float:
    """Nearest-rank percentile of unsorted values."""
    ordered = sorted(values)
    return ordered[max(0, math.ceil(fraction * len(ordered)) - 1)]


def endpoint_rows(stats: Stats, elapsed: float) -> list[dict[str, Any]]:
    rows = []
    for label, times in sorted(stats.times.items()):
        rows.append(
            {
                "endpoint": label,
                "requests": len(times),
                "rps": len(times) / elapsed,
                "p50_ms": percentile(times, 0.50) * 1000,
                "p99_ms": percentile(times, 0.99) * 1000,
            }
        )
    return rows


def report(
    stats: Stats, elapsed: float, ledger: Any, problems: list[str], params: dict[str, Any]
) -> dict[str, Any]:
    """Print the results and return them as a dict (for --json and the tests)."""
    rows = endpoint_rows(stats, elapsed)
    total = sum(r["requests"] for r in rows)
    errors = sum(len(d) for d in stats.errors.values())
    before, after = params["load"][0], params["load"][-1]
    print(f"nginx -> gunicorn -w {params['workers']} (gthread), {params['clients']} clients, "
          f"{elapsed:.1f} s measured, load average {before:.1f} -> {after:.1f}")  # fmt: skip
    print(f"{'endpoint':28} {'requests':>8} {'req/s':>7} {'p50 ms':>8} {'p99 ms':>8}")
    for r in rows:
        print(f"{r['endpoint']:28} {r['requests']:8} {r['rps']:7.1f} "
              f"{r['p50_ms']:8.1f} {r['p99_ms']:8.1f}")  # fmt: skip
    print(f"{'all':28} {total:8} {total / elapsed:7.1f}")
    other = [t for label, times in stats.times.items() if "spec.pdf" not in label for t in times]
    other_p50 = percentile(other, 0.50) * 1000 if other else 0.0
    other_p99 = percentile(other, 0.99) * 1000 if other else 0.0
    print(f"{'all but spec sheets':28} {len(other):8} {len(other) / elapsed:7.1f} "
          f"{other_p50:8.1f} {other_p99:8.1f}")  # fmt: skip
    if params.get("slow_clients"):
        print(f"slow clients attached: {params['slow_clients']} (header lines sent "
              f"{params['slow_lines']}, dropped by nginx and reconnected "
              f"{params['slow_reconnects']})")  # fmt: skip
    print(f"statuses: {dict(sorted(stats.statuses.items()))}")
    print(f"409 conflicts answered by re-reading: {stats.conflicts}")
    print(f"errors: {errors}")
    for label, details in stats.errors.items():
        print(f"  {label}: {len(details)} e.g. {details[0]!r}")
    changed = ledger.writes - len(ledger.created)
    print(f"acknowledged writes: {len(ledger.created)} created (201), {changed} changed (200); "
          f"outcome unknown: {ledger.unknown}")  # fmt: skip
    print("verified: every acknowledged write is stored, integrity_check ok"
          if not problems else f"LOST OR DAMAGED WRITES ({len(problems)}):")  # fmt: skip
    for problem in problems[:20]:
        print("  " + problem)
    return {
        "params": params,
        "elapsed": elapsed,
        "endpoints": rows,
        "requests": total,
        "rps": total / elapsed,
        "other_p50_ms": other_p50,
        "other_p99_ms": other_p99,
        "statuses": dict(stats.statuses),
        "conflicts": stats.conflicts,
        "errors": errors,
        "error_details": {k: v[:5] for k, v in stats.errors.items()},
        "created": len(ledger.created),
        "changed": changed,
        "unknown": ledger.unknown,
        "problems": problems,
    }

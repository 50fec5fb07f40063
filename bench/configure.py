"""Configure-step latency, compile time and memory: the engine beside an independent baseline.

    .venv/bin/python -m bench.configure [--profile sample|generated|big|soak ...] [--quick]

Profiles: (a) sample: the shipped rules/, every market x model; (b) generated: 300 groups /
3,000 rules (bench/generate.py), walks to completion; (c) big: the "big tables" model
(bench/bigtables.py: 260 groups, three of 310-330 values, 320 tables of arity 2-12, 200,000+
rows); (d) soak: 1,000 random sessions on one sample model in one process, the first 100
sessions beside the last 100. Every profile reports (e) compile time and peak RSS.

The baseline (bench/reference.py, its own encoding, no code of the engine's compiler) is one
incremental PySAT solver per model: propagation rules values out, then one solve per value not
yet seen in a found truck. It answers the option states only (no reasons, defaults or price), so
the engine does more per step. The reference walks the random sessions and the engine replays
the very same steps, each side in its own process (peak RSS per side). Warm: after warm-up
sessions on the same process; cold: a fresh engine (or solver) per session, compiled first.
Ratios are baseline / engine: above 1 the engine is faster.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from bench.bigtables import generate_big_tables
from bench.generate import generate_rules
from catalog.rulebook import load_rulebook

ROOT = Path(__file__).resolve().parent.parent

TARGETS = {
    "sample": "warm p99 <= 5 ms",
    "generated": "p99 <= 100 ms, max <= 250 ms, faster than the baseline at p50 and p99",
    "big": "p99 <= 100 ms, max <= 250 ms, faster than the baseline; compile <= 2 s, RSS < 300 MB",
    "soak": "last 100 sessions' p50 and p99 within 1.2x of the first 100",
}


def pct(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(q * len(ordered)))] * 1000 if ordered else 0.0


def plan_for(profile: str, quick: bool, tmp: Path) -> tuple[Path, dict[str, Any]]:
    """The rules folder and what to walk: market/model pairs, warm-up and timed sessions."""
    if profile in ("sample", "soak"):
        folder = ROOT / "rules"
    elif profile == "generated":
        folder = generate_rules(tmp / "rules")
    else:
        folder = generate_big_tables(tmp / "rules")
    book = load_rulebook(folder)
    models = [(m, t) for m in sorted(book.markets) for t in book.models]
    if profile == "sample":
        pairs = models[::4] if quick else models
        plan = {"pairs": pairs, "warmup": 1, "timed": 1 if quick else 2}
    elif profile == "soak":
        plan = {"pairs": [models[0]], "warmup": 0, "timed": 200 if quick else 1000}
        plan["cold"] = False
    else:
        pairs = [models[0]]
        plan = {"pairs": pairs, "warmup": 0 if quick else 1, "timed": 1 if quick else 3}
        plan["models"] = models
    return folder, plan | {"seed": 1, "profile": profile}


def run_side(side: str, folder: Path, plan: dict[str, Any], tmp: Path) -> dict[str, Any]:
    plan_file, out_file = tmp / f"{side}-plan.json", tmp / f"{side}-out.json"
    plan_file.write_text(json.dumps(plan))
    command = [
        sys.executable,
        "-m",
        "bench.sessions",
        side,
        str(folder),
        str(plan_file),
        str(out_file),
    ]
    subprocess.run(command, check=True, cwd=ROOT)
    result: dict[str, Any] = json.loads(out_file.read_text())
    return result


def describe(folder: Path) -> str:
    book = load_rulebook(folder)
    tables = [r for r in book.rules if r.kind == "table"]
    values = sum(len(g.options) for g in book.groups.values())
    rows = sum(len(r.rows) for r in tables)
    arity = max((len(r.groups) for r in tables), default=0)
    return (
        f"{len(book.groups)} groups, {values:,} options, {len(book.rules):,} rules "
        f"({len(tables)} tables, arity <= {arity}, {rows:,} rows)"
    )


def line(name: str, ours: list[float], base: list[float]) -> str:
    e50, e99, emax = pct(ours, 0.5), pct(ours, 0.99), max(ours, default=0) * 1000
    b50, b99, bmax = pct(base, 0.5), pct(base, 0.99), max(base, default=0) * 1000
    return (
        f"  {name:<26} engine p50 {e50:8.2f} p99 {e99:8.2f} max {emax:8.2f} ms"
        f" | baseline p50 {b50:8.2f} p99 {b99:8.2f} max {bmax:8.2f} ms"
        f" | ratio p50 x{_ratio(b50, e50)} p99 x{_ratio(b99, e99)}"
    )


def _ratio(base: float, ours: float) -> str:
    return f"{base / ours:.3g}" if ours else "-"


def report(profile: str, folder: Path, eng: dict[str, Any], ref: dict[str, Any]) -> dict[str, Any]:
    print(f"== {profile}: {describe(folder)}; rules loaded in {eng['load']:.2f} s")
    print(f"   target: {TARGETS[profile]}")
    if profile == "soak":
        return soak_report(eng, ref)
    ec, rc = max(eng["compile"]), max(ref["compile"])
    print(
        f"  compile + empty answer (slowest model): engine {ec:.3f} s | baseline {rc:.3f} s"
        f" | ratio x{_ratio(rc, ec)};  peak RSS: engine {eng['rss']:.0f} MB | baseline"
        f" {ref['rss']:.0f} MB"
    )
    print(line(f"warm, {len(eng['warm'])} steps", eng["warm"], ref["warm"]))
    print(line(f"cold, {len(eng['cold'])} steps", eng["cold"], ref["cold"]))
    if eng.get("buyable"):
        print(f"  buyable: {eng['buyable']}")
    if eng.get("unbuyable"):
        no_truck = eng["unbuyable"]
        print(f"  {no_truck} session(s) on a market x model with no valid truck: not walked")
    if eng["wrong"]:
        print(f"  !! {eng['wrong']} session(s) did not end complete and valid in the engine")
    return {"engine": _figures(eng), "baseline": _figures(ref)}


def _figures(side: dict[str, Any]) -> dict[str, Any]:
    out = {"compile_s": max(side["compile"]), "rss_mb": side["rss"]}
    for phase in ("warm", "cold"):
        times = side[phase]
        out[phase] = {"steps": len(times), "p50_ms": pct(times, 0.5), "p99_ms": pct(times, 0.99)}
        out[phase]["max_ms"] = max(times, default=0) * 1000
    return out


def soak_report(eng: dict[str, Any], ref: dict[str, Any]) -> dict[str, Any]:
    edge = len(eng["per"]) // 10
    out: dict[str, Any] = {"sessions": len(eng["per"])}
    for name, side in (("engine", eng), ("baseline", ref)):
        first = [t for s in side["per"][:edge] for t in s]
        last = [t for s in side["per"][-edge:] for t in s]
        f50, f99, l50, l99 = pct(first, 0.5), pct(first, 0.99), pct(last, 0.5), pct(last, 0.99)
        print(
            f"  {name:<8} first {edge}: p50 {f50:6.2f} p99 {f99:6.2f} ms | last {edge}: p50"
            f" {l50:6.2f} p99 {l99:6.2f} ms | last/first p50 x{l50 / f50:.2f} p99 x{l99 / f99:.2f}"
        )
        out[name] = {"first_p50": f50, "first_p99": f99, "last_p50": l50, "last_p99": l99}
    rss = eng["memory"]
    print(
        f"  engine RSS after {edge} sessions {rss[0]:.0f} MB, after {len(eng['per'])}:"
        f" {rss[-1]:.0f} MB; peak {eng['rss']:.0f} MB (baseline peak {ref['rss']:.0f} MB)"
    )
    e, b = out["engine"], out["baseline"]
    print(
        f"  last {edge}, engine beside baseline: ratio p50 x{_ratio(b['last_p50'], e['last_p50'])}"
        f" p99 x{_ratio(b['last_p99'], e['last_p99'])}"
    )
    return out | {"rss_mb": rss}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--profile", action="append", choices=list(TARGETS), default=[])
    parser.add_argument("--quick", action="store_true", help="fewer sessions (a smoke run)")
    parser.add_argument("--json", type=Path, help="also write the figures here")
    args = parser.parse_args()
    load = os.getloadavg()
    print(f"load average {load[0]:.2f} {load[1]:.2f} {load[2]:.2f}; {time.strftime('%F %T')}")
    figures = {}
    for profile in args.profile or list(TARGETS):
        with tempfile.TemporaryDirectory() as name:
            tmp = Path(name)
            folder, plan = plan_for(profile, args.quick, tmp)
            ref = run_side("reference", folder, plan, tmp)
            plan["sessions"] = str(tmp / "sessions.json")
            (tmp / "sessions.json").write_text(json.dumps(ref["sessions"]))
            eng = run_side("soak" if profile == "soak" else "engine", folder, plan, tmp)
            figures[profile] = report(profile, folder, eng, ref)
    if args.json:
        args.json.write_text(json.dumps(figures, indent=2))


if __name__ == "__main__":
    main()

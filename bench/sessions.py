"""The two sides of bench/configure.py, each run in a process of its own (so its peak RSS is its
own): the reference walks random sessions and times them; the engine replays the same sessions.

A session is a list of (group, value) choices: a random open group (more than one possible
value, not chosen), then a random possible value, until no group is open. The reference makes
them, so both sides answer exactly the same steps.

    python -m bench.sessions reference|engine RULES_DIR PLAN.json OUT.json
"""

from __future__ import annotations

import gc
import json
import random
import resource
import sys
import time
from datetime import date
from pathlib import Path
from typing import Any

from bench.reference import Reference
from catalog.rulebook import Engine, load_rulebook

Choice = tuple[str, str]


def rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def current_rss_mb() -> float:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return 0.0  # pragma: no cover - Linux always has it


def walk(ref: Reference, rnd: random.Random) -> tuple[list[Choice], list[float]]:
    chosen: dict[str, str] = {}
    steps: list[Choice] = []
    times: list[float] = []
    possible = ref.step(chosen)
    while True:
        open_groups = sorted(g for g, vs in possible.items() if g not in chosen and len(vs) > 1)
        if not open_groups:
            return steps, times
        group = rnd.choice(open_groups)
        chosen[group] = rnd.choice(sorted(possible[group]))
        steps.append((group, chosen[group]))
        start = time.perf_counter()
        possible = ref.step(chosen)
        times.append(time.perf_counter() - start)


def replay(step: Any, session: list[Choice]) -> list[float]:
    """Time `step(chosen)` after each choice of the session."""
    chosen: dict[str, str] = {}
    times = []
    for group, value in session:
        chosen[group] = value
        start = time.perf_counter()
        step(dict(chosen))
        times.append(time.perf_counter() - start)
    return times


def reference_side(book: Any, plan: dict[str, Any]) -> dict[str, Any]:
    """Compile, walk warm-up and timed sessions (warm), replay the timed ones fresh (cold)."""
    out: dict[str, Any] = {"compile": [], "warm": [], "cold": [], "sessions": [], "per": []}
    for market, model in plan["pairs"]:
        start = time.perf_counter()
        ref = Reference(book, market, model)
        out["compile"].append(time.perf_counter() - start)
        rnd = random.Random(f"{plan['seed']}{market}{model}")
        for n in range(plan["warmup"] + plan["timed"]):
            steps, times = walk(ref, rnd)
            kind = "timed" if n >= plan["warmup"] else "warmup"
            out["sessions"].append([market, model, steps, kind])
            out["per"].append(times)
            if kind == "timed":
                out["warm"] += times
        ref.close()
    gc.collect()
    for market, model, steps, kind in out["sessions"]:
        if kind != "timed" or not plan.get("cold", True):
            continue
        fresh = Reference(book, market, model)
        out["cold"] += replay(fresh.step, [tuple(s) for s in steps])
        fresh.close()
    return out


def engine_side(book: Any, plan: dict[str, Any], sessions: list[Any]) -> dict[str, Any]:
    """Compile; cold: a fresh engine per session; warm: one engine after the warm-up."""
    out: dict[str, Any] = {"compile": [], "warm": [], "cold": [], "wrong": 0, "per": []}
    out["unbuyable"] = 0
    engine = Engine(book)
    for market, model in plan["pairs"]:
        start = time.perf_counter()
        engine.configure(market, model, {})
        out["compile"].append(time.perf_counter() - start)
    out["buyable"] = {
        f"{m}/{t}": Engine(book).configure(m, t, {}).buyable for m, t in plan.get("models", [])
    }
    timed = [s for s in sessions if s[3] == "timed"]
    for market, model, steps, _ in sessions:  # warm-up first, then the timed ones
        if _ != "timed":
            replay(lambda c, m=market, t=model: engine.configure(m, t, c), steps)
    for market, model, steps, _ in timed:
        out["warm"] += replay(lambda c, m=market, t=model: engine.configure(m, t, c), steps)
        if not engine.configure(market, model, {}).buyable:
            out["unbuyable"] += 1  # no valid truck at all (a Euro II-only model in KZ): no walk
        else:
            out["wrong"] += not _ends_valid(engine, market, model, steps)
    gc.collect()
    for market, model, steps, _ in timed:
        fresh = Engine(book)
        fresh.configure(market, model, {})
        out["cold"] += replay(lambda c, e=fresh, m=market, t=model: e.configure(m, t, c), steps)
    return out


def soak_side(book: Any, plan: dict[str, Any], sessions: list[Any]) -> dict[str, Any]:
    """Every session replayed in one process on one engine, in order."""
    engine = Engine(book)
    per, memory = [], []
    for n, (market, model, steps, _) in enumerate(sessions):
        per.append(replay(lambda c, m=market, t=model: engine.configure(m, t, c), steps))
        if n + 1 in (len(sessions) // 10, len(sessions)):
            memory.append(current_rss_mb())
    return {"per": per, "memory": memory}


def _ends_valid(engine: Engine, market: str, model: str, steps: list[Choice]) -> bool:
    result = engine.configure(market, model, dict(steps))
    return result.complete and result.valid and not result.violations


def main() -> None:
    side, rules, plan_file, out_file = sys.argv[1:5]
    plan = json.loads(Path(plan_file).read_text())
    start = time.perf_counter()
    # both sides answer as of today: the rules in force (the engine would take this view itself)
    book = load_rulebook(Path(rules)).as_of(date.today())
    loaded = time.perf_counter() - start
    if side == "reference":
        out = reference_side(book, plan)
    else:
        sessions = json.loads(Path(plan["sessions"]).read_text())
        steps = [[m, t, [tuple(s) for s in st], kind] for m, t, st, kind in sessions]
        out = soak_side(book, plan, steps) if side == "soak" else engine_side(book, plan, steps)
    out |= {"load": loaded, "rss": rss_mb()}
    Path(out_file).write_text(json.dumps(out))


if __name__ == "__main__":
    main()

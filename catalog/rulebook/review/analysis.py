"""Rule-base analysis for engineers, as feature-model tools do it, per market and model.

For every market and model the rules are compiled (compiler.compile_space) and one incremental
solver with a switch per hard rule (probe.Probe, asked through possible.py and causes.py)
answers: is any truck valid at all; which offered options occur in no valid truck (dead) and
which rules block them; which hard rules follow from the others (redundant); whether each piece
of advice can be followed. The counter (counting.count_space) gives the exact number of valid
trucks. judging.py turns these facts into findings with their path:line. Pure: no Flask, no
database.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Iterable
from datetime import date
from pathlib import Path

from ..dates import today
from ..engine.compiler import Space, compile_space
from ..model import Market, Model, Rulebook
from .causes import blocking_rules, implied_by
from .counting import MAX_NODES, MAX_SECONDS, count_space
from .findings import N_, Analysis, Finding, SpaceFacts, phrase
from .judging import judge
from .possible import can_follow, is_buyable, possible_values
from .probe import Probe

EXPLAIN_MAX = 400  # above this many hard rules, redundant rules are not traced to their causes


def analyse(
    book: Rulebook,
    markets: Iterable[str] | None = None,
    count: bool = True,
    reuse: bool = True,
    max_nodes: int = MAX_NODES,
    max_seconds: float = MAX_SECONDS,
    day: date | None = None,
) -> Analysis:
    """Analyse the given markets (default: all) on every model, as of `day` (default today)."""
    start = time.perf_counter()
    book = book.as_of(day or today())
    codes = sorted(markets) if markets is not None else sorted(book.markets)
    unknown = [c for c in codes if c not in book.markets]
    if unknown:
        raise KeyError(f"unknown market(s): {', '.join(unknown)}")
    spaces: dict[tuple[str, str], SpaceFacts] = {}
    calls = 0
    for code in codes:
        for model in book.models.values():
            facts, probe_calls = study(
                book, book.markets[code], model, count, reuse, max_nodes, max_seconds
            )
            spaces[(code, model.id)] = facts
            calls += probe_calls
    findings = judge(book, codes, spaces) + unchecked_approvals(book, codes)
    return Analysis(
        version=book.version,
        markets=codes,
        models=list(book.models),
        spaces=spaces,
        findings=findings,
        seconds=time.perf_counter() - start,
        solver_calls=calls,
        counted=count,
    )


def unchecked_approvals(book: Rulebook, codes: list[str]) -> list[Finding]:
    """EAEU markets register a truck only under a type approval: say where none are listed
    (format/approvals.py; no approval numbers are public, so the shipped tables are empty)."""
    out = []
    for code in codes:
        if not book.markets[code].attrs.get("eaeu"):
            continue
        if any(r.id.startswith(f"{code.lower()}-type-approval-") for r in book.rules):
            continue
        path = f"{Path(book.root).name}/approvals/{code.lower()}.csv"
        said = phrase(
            N_("type approvals are not checked in %(market)s until %(path)s lists them"),
            market=code,
            path=path,
        )
        out.append(Finding("info", "approvals-not-checked", code, f"{path}:1", market=code, **said))
    return out


def study(
    book: Rulebook,
    market: Market,
    model: Model,
    count: bool = True,
    reuse: bool = True,
    max_nodes: int = MAX_NODES,
    max_seconds: float = MAX_SECONDS,
) -> tuple[SpaceFacts, int]:
    space = compile_space(book, market, model)
    probe = Probe(space, reuse)
    try:
        facts = _facts(space, probe)
        if count:
            possible = {space.var[(g, v)] for g, vs in facts.possible.items() for v in vs}
            facts.count = count_space(space, possible, max_nodes, max_seconds)
        return facts, probe.calls
    finally:
        probe.close()


def _facts(space: Space, probe: Probe) -> SpaceFacts:
    buyable = is_buyable(probe)
    possible = possible_values(probe) if buyable else set()
    facts = SpaceFacts(
        market=space.market.code,
        model=space.model.id,
        buyable=buyable,
        offered=dict(space.domains),
        possible={
            g: tuple(v for v in d if space.var[(g, v)] in possible)
            for g, d in space.domains.items()
        },
    )
    facts.applies = {rule.id: bool(clauses) for rule, clauses in space.hard}
    if not buyable:
        facts.blocked_by[""] = _minimal_blockers(probe, [])
        return facts
    for label in facts.dead():
        group, value = label.split("=", 1)
        facts.blocked_by[label] = _minimal_blockers(probe, [space.var[(group, value)]])
    explain = len(space.hard) <= EXPLAIN_MAX
    for rule, clauses in space.hard:
        implied, used = implied_by(probe, rule, clauses, explain)
        facts.implied[rule.id] = tuple(sorted(used)) if implied else None
    for rule, clauses in space.advice:
        facts.followable[rule.id] = can_follow(probe, clauses)
    return facts


def _minimal_blockers(probe: Probe, lits: list[int]) -> tuple[str, ...]:
    """Hard rules that, with `lits`, leave no valid configuration (subset-minimal if small)."""
    return tuple(sorted(r.id for r in blocking_rules(probe, lits)))


_CACHE: dict[tuple[str, str, tuple[str, ...]], Analysis] = {}
_LOCK = threading.Lock()
CACHE_SIZE = 8
PAGE_BUDGET = 2.0  # seconds of counting per market and model when a page asks


def cached_analysis(book: Rulebook, markets: Iterable[str] | None = None) -> Analysis:
    """The analysis of this rules version (and market selection), computed once per process."""
    codes = tuple(sorted(markets) if markets is not None else sorted(book.markets))
    key = (book.version, book.root, codes)
    with _LOCK:
        if key not in _CACHE:
            if len(_CACHE) >= CACHE_SIZE:
                del _CACHE[next(iter(_CACHE))]
            _CACHE[key] = analyse(book, codes, max_seconds=PAGE_BUDGET)
        return _CACHE[key]

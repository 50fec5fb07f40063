"""What one rule does, and what a change of the rules does.

`rule_effect(book, rule)`: the options one rule blocks (or takes off a model) in each market and
model. An option is blocked by rule R on a model in a market when some valid truck has it once R
is switched off, and none has it with R on.

A change of the rules: per market, models and options that became (un)available, changed counts,
and the open orders the new rules reject. `rules_at(repo, rev, dest)` writes the rules folder as
it was at a git revision (git archive); `compare(old, new)` compares two analyses;
`rejected(engine_on, orders)` validates stored orders, each as of its own day.

Pure apart from running git: no Flask, no database (the caller passes the orders).
"""

from __future__ import annotations

import io
import subprocess
import tarfile
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from ..engine.compiler import compile_space
from ..engine.engine import Engine, SelectionError
from ..model import Rule, Rulebook
from .findings import Analysis, SpaceFacts
from .possible import possible_values, possible_without
from .probe import Probe
from .rule_judging import relevant


@dataclass(frozen=True)
class Effect:
    market: str
    model: str
    blocked: tuple[str, ...]  # "group=option" possible without the rule, impossible with it
    hidden: tuple[str, ...]  # offered rules: options not offered on this model because of it
    unbuyable: bool  # the model is buyable without the rule and not with it


def rule_effect(book: Rulebook, rule: Rule, markets: list[str] | None = None) -> list[Effect]:
    """Every market and model where `rule` changes what can be sold, in catalogue order."""
    out = []
    for code in relevant(book, rule, markets or sorted(book.markets)):
        market = book.markets[code]
        for model in book.models.values():
            if not rule.applies_to(market, model):
                continue
            effect = _effect(book, rule, code, model.id)
            if effect.blocked or effect.hidden or effect.unbuyable:
                out.append(effect)
    return out


def _effect(book: Rulebook, rule: Rule, code: str, model_id: str) -> Effect:
    space = compile_space(book, book.markets[code], book.models[model_id])
    hidden = tuple(f"{g}={v}" for (g, v), r in space.hidden.items() if r.id == rule.id)
    if not any(r.id == rule.id for r, _ in space.hard):
        return Effect(code, model_id, (), hidden, False)
    probe = Probe(space)
    try:
        with_rule, without = possible_values(probe), possible_without(probe, rule)
    finally:
        probe.close()
    blocked = tuple(f"{g}={v}" for g, v in (space.value_of[n] for n in sorted(without - with_rule)))
    return Effect(code, model_id, blocked, hidden, bool(without) and not with_rule)


class RevisionError(Exception):
    """The revision or the rules folder in it cannot be read from git."""


def rules_at(folder: Path, rev: str, dest: Path) -> Path:
    """Extract `folder` (a rules folder inside a git work tree) as it was at `rev` into `dest`."""
    if not rev or rev.startswith("-"):
        raise RevisionError(f"not a revision: {rev!r}")
    folder = folder.resolve()
    top = _git(folder, "rev-parse", "--show-toplevel").decode().strip()
    inside = folder.relative_to(Path(top).resolve()).as_posix()
    _git(folder, "rev-parse", "--verify", "--quiet", f"{rev}^{{commit}}")
    data = _git(Path(top), "archive", "--format=tar", rev, "--", inside)
    with tarfile.open(fileobj=io.BytesIO(data)) as tar:
        tar.extractall(dest, filter="data")
    found = dest / inside
    if not found.is_dir():
        raise RevisionError(f"{inside} does not exist at {rev}")
    return found


def _git(cwd: Path, *args: str) -> bytes:
    try:
        done = subprocess.run(["git", *args], cwd=cwd, capture_output=True, check=True)
    except FileNotFoundError as err:
        raise RevisionError("git is not installed") from err
    except subprocess.CalledProcessError as err:
        message = err.stderr.decode(errors="replace").strip() or f"git {args[0]} failed"
        raise RevisionError(f"git {' '.join(args)}: {message}") from err
    return done.stdout


@dataclass
class MarketImpact:
    market: str
    status: str = "changed"  # changed, added, removed
    models_lost: list[str] = field(default_factory=list)  # buyable before, not now
    models_gained: list[str] = field(default_factory=list)
    options_lost: dict[str, list[str]] = field(default_factory=dict)  # model -> "g=v"
    options_gained: dict[str, list[str]] = field(default_factory=dict)
    counts: dict[str, tuple[int | None, int | None]] = field(default_factory=dict)

    @property
    def empty(self) -> bool:
        return self.status == "changed" and not (
            self.models_lost
            or self.models_gained
            or self.options_lost
            or self.options_gained
            or self.counts
        )

    def to_json(self) -> dict[str, Any]:
        return {
            "market": self.market,
            "status": self.status,
            "models_lost": self.models_lost,
            "models_gained": self.models_gained,
            "options_lost": self.options_lost,
            "options_gained": self.options_gained,
            "counts": {m: {"before": b, "after": a} for m, (b, a) in self.counts.items()},
        }


@dataclass(frozen=True)
class Rejection:
    order: dict[str, Any]  # id, number, market, model, status, selections
    reasons: tuple[str, ...]  # "rule: message (path:line)" or a selection problem

    def line(self) -> str:
        o = self.order
        when = f", delivery {o['delivery'].isoformat()}" if o.get("delivery") else ""
        head = f"{o.get('number') or o.get('id')} ({o['market']} {o['model']}, {o['status']}{when})"
        return f"{head}: {'; '.join(self.reasons)}"


def compare(old: Analysis, new: Analysis) -> list[MarketImpact]:
    out = []
    for code in sorted(set(old.markets) | set(new.markets)):
        if code not in new.markets:
            out.append(MarketImpact(code, "removed"))
        elif code not in old.markets:
            out.append(MarketImpact(code, "added"))
        else:
            out.append(_market(code, old, new))
    return [m for m in out if not m.empty]


def _market(code: str, old: Analysis, new: Analysis) -> MarketImpact:
    impact = MarketImpact(code)
    for model in sorted(set(old.models) | set(new.models)):
        before, after = old.spaces.get((code, model)), new.spaces.get((code, model))
        was, now = bool(before and before.buyable), bool(after and after.buyable)
        if was and not now:
            impact.models_lost.append(model)
        elif now and not was:
            impact.models_gained.append(model)
        lost, gained = _options(before), _options(after)
        if lost - gained and was:
            impact.options_lost[model] = sorted(lost - gained)
        if gained - lost and now:
            impact.options_gained[model] = sorted(gained - lost)
        counts = (_count(before), _count(after))
        if counts[0] != counts[1]:
            impact.counts[model] = counts
    return impact


def _options(facts: SpaceFacts | None) -> set[str]:
    if facts is None:
        return set()
    return {f"{g}={v}" for g, vs in facts.possible.items() for v in vs}


def _count(facts: SpaceFacts | None) -> int | None:
    if facts is None:
        return None
    if not facts.buyable:
        return 0
    return facts.count.value if facts.count else None


def rejected(
    engine_on: Callable[[date | None], Engine], orders: Iterable[dict[str, Any]]
) -> list[Rejection]:
    """The orders that the rules reject, each judged by the engine as of its `delivery` day
    (None: today), with the reasons."""
    out = []
    for order in orders:
        try:
            verdict = engine_on(order.get("delivery")).validate(
                order["market"], order["model"], order["selections"]
            )
        except SelectionError as err:
            out.append(Rejection(order, tuple(f"{k}: {v}" for k, v in err.errors.items())))
            continue
        if not verdict.valid:
            reasons = [f"{v.rule}: {v.message} ({v.source})" for v in verdict.violations]
            reasons += [f"missing {g}" for g in verdict.missing]
            out.append(Rejection(order, tuple(reasons)))
    return out

"""What the engine promises beyond single answers: smallest drops however many culprits, the
same answers from a warm engine as from a fresh one, and calls that do not wait for each other.
"""

from __future__ import annotations

import json
import random
import threading
from pathlib import Path

from catalog.rulebook import Engine, load_rulebook
from catalog.rulebook.engine.results import AVAILABLE, Configuration

from .folders import make, rules

PAIRS = 20  # 40 culprits in all: more than the 18 the old search could prove


def pairs_book(tmp_path: Path) -> Engine:
    groups = [{"id": f"{side}{n}", "options": [{"id": "a"}, {"id": "b"}]}
              for n in range(PAIRS) for side in "yz"]  # fmt: skip
    groups.append({"id": "mode", "options": [{"id": "on"}, {"id": "off"}]})
    rule_list = [
        {"id": f"pair{n}", "kind": "excludes", "if": f"y{n}=b", "then": f"z{n}=b", "message": "x"}
        for n in range(PAIRS)
    ] + [
        {"id": f"mode{n}", "kind": "requires", "if": "mode=on", "then": f"y{n}=a", "message": "x"}
        for n in range(PAIRS)
    ]
    folder = make(
        tmp_path,
        catalogue__groups_yaml="groups:\n" + "".join(f"  - {json.dumps(g)}\n" for g in groups),
        catalogue__rules_yaml=rules("".join(f"- {json.dumps(r)}\n" for r in rule_list)),
    )
    return Engine(load_rulebook(folder))


def test_drop_is_smallest_with_many_culprits(tmp_path: Path) -> None:
    engine = pairs_book(tmp_path)
    # 20 disjoint conflicts {y=b, z=b}: no drop of fewer than 20 can resolve them all
    chosen = {f"{side}{n}": "b" for n in range(PAIRS) for side in "yz"}
    result = engine.configure("AA", "truck", chosen)
    assert result.drop_proven
    assert len(result.drop) == PAIRS
    assert {d.split("=")[0][1:] for d in result.drop} == {str(n) for n in range(PAIRS)}
    kept = {g: v for g, v in chosen.items() if f"{g}={v}" not in result.drop}
    assert not engine.validate("AA", "truck", {**kept, "mode": "off"}).violations
    # mode=on against every y=b: dropping mode alone beats dropping the twenty y's
    chosen = {"mode": "on", **{f"y{n}": "b" for n in range(PAIRS)}}
    result = engine.configure("AA", "truck", chosen)
    assert result.drop == ["mode=on"] and result.drop_proven
    result = engine.configure("AA", "truck", chosen, changed="mode")
    assert sorted(result.drop) == sorted(f"y{n}=b" for n in range(PAIRS))


def answer(result: Configuration) -> tuple[object, ...]:
    """Everything an answer says that is fixed by the rules and the selections alone."""
    states = tuple(
        (g.id, g.selected, g.value, tuple((o.id, o.state, bool(o.reasons)) for o in g.options))
        for g in result.groups
    )
    return (states, result.complete, result.valid, result.buyable, result.price,
            len(result.drop), result.drop_proven,
            sorted({v.options for v in result.violations}))  # fmt: skip


def sessions(engine: Engine, market: str, model: str, seed: int) -> list[dict[str, str]]:
    rnd = random.Random(seed)
    out = []
    chosen: dict[str, str] = {}
    result = engine.configure(market, model, chosen)
    while not result.complete:
        group = rnd.choice([g for g in result.groups if g.value is None])
        chosen[group.id] = rnd.choice([o.id for o in group.options if o.state == AVAILABLE])
        out.append(dict(chosen))
        result = engine.configure(market, model, chosen)
    return out


ROOT = Path(__file__).resolve().parents[2] / "rules"


def test_warm_answers_equal_cold_ones() -> None:
    """A worker that has served many sessions answers each step as a fresh engine does."""
    warm = Engine(load_rulebook(ROOT))
    pairs = [(m, t) for m in warm.book.markets for t in warm.book.models]
    pairs = [(m, t) for m, t in pairs if warm.configure(m, t, {}).buyable][::3]
    for n in range(8):  # warm up: many sessions on every space
        for market, model in pairs:
            sessions(warm, market, model, n)
    for market, model in pairs:
        cold = Engine(warm.book)
        steps = sessions(cold, market, model, 999)
        rnd = random.Random(f"{market}{model}")
        for chosen in steps:
            group = rnd.choice(cold.configure(market, model, chosen).groups)
            extra = {**chosen, group.id: rnd.choice(group.options).id}  # sometimes a conflict
            for selections in (chosen, extra):
                fresh = Engine(warm.book).configure(market, model, selections)
                assert answer(warm.configure(market, model, selections)) == answer(fresh)


def test_calls_on_one_model_run_side_by_side() -> None:
    """Threads configuring one model at once get the answers a lone caller gets."""
    engine = Engine(load_rulebook(ROOT))
    market, model = "KZ", next(iter(engine.book.models))
    steps = sessions(engine, market, model, 1)
    expected = [answer(engine.configure(market, model, s)) for s in steps]
    failures: list[int] = []

    def worker(n: int) -> None:
        for step, want in zip(steps, expected, strict=True):
            if answer(engine.configure(market, model, step)) != want:
                failures.append(n)

    threads = [threading.Thread(target=worker, args=(n,)) for n in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert not failures
    assert len(engine.solving(market, model).pool._idle) >= 1

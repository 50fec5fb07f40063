"""The promise: every option shown available can still be completed to a valid truck.

Random walks over every shipped market and model always end complete and valid; on random
small rulebooks an independent brute-force enumeration agrees with the engine on every state.
"""

from __future__ import annotations

import random
from itertools import combinations, product
from pathlib import Path

import pytest

from catalog.rulebook import Engine, load_rulebook
from catalog.rulebook.engine.results import AVAILABLE, BLOCKED, REQUIRED, SELECTED

from .folders import make, rules

SHIPPED = Engine(load_rulebook(Path(__file__).resolve().parents[2] / "rules"))
PAIRS = [(m, t) for m in SHIPPED.book.markets for t in SHIPPED.book.models]


@pytest.mark.parametrize(("market", "model"), PAIRS, ids=[f"{m}-{t}" for m, t in PAIRS])
def test_random_walks_end_complete_and_valid(market: str, model: str) -> None:
    rnd = random.Random(f"{market}{model}")
    first = SHIPPED.configure(market, model, {})
    if not first.buyable:
        assert all(o.state == BLOCKED for g in first.groups for o in g.options)
        assert first.violations, "an impossible model must say which rules forbid it"
        return
    for _ in range(3):
        chosen: dict[str, str] = {}
        result = first
        while not result.complete:
            open_groups = [g for g in result.groups if g.value is None]
            group = rnd.choice(open_groups)
            options = [o.id for o in group.options if o.state == AVAILABLE]
            assert options, f"dead end at {group.id} after {chosen}"
            chosen[group.id] = rnd.choice(options)
            result = SHIPPED.configure(market, model, chosen)
            assert not result.violations and not result.drop, (chosen, result.violations)
        assert result.valid
        values = {g.id: g.value for g in result.groups if g.value}
        assert SHIPPED.validate(market, model, values).valid


KINDS = ("requires", "excludes", "forbid", "require", "compare", "table")
VALUES = {"engine": ["e2", "e5", "c5"], "gearbox": ["g10", "g20"], "tank": ["t400", "t800", "cyl"]}
ATTR = {"engine": "torque", "gearbox": "input", "tank": "capacity"}
NUMBERS = {
    ("engine", "e2"): 10, ("engine", "e5"): 20, ("engine", "c5"): 20,
    ("gearbox", "g10"): 10, ("gearbox", "g20"): 20,
    ("tank", "t400"): 400, ("tank", "t800"): 800, ("tank", "cyl"): 900,
}  # fmt: skip


def random_rules(rnd: random.Random) -> list[dict[str, object]]:
    out: list[dict[str, object]] = []
    for n in range(rnd.randint(1, 5)):
        kind = rnd.choice(KINDS)
        g1, g2 = rnd.sample(list(VALUES), 2)
        a, b = rnd.choice(VALUES[g1]), rnd.choice(VALUES[g2])
        rule: dict[str, object] = {"id": f"r{n}", "kind": kind}
        if kind in ("requires", "excludes"):
            rule |= {"if": f"{g1}={a}", "then": f"{g2}={b}"}
        elif kind in ("forbid", "require"):
            rule |= {"options": f"{g1}={a}"}
        elif kind == "compare" and {g1, g2} == {"engine", "gearbox"}:
            rule |= {"left": "engine.torque", "op": rnd.choice(["<=", ">=", "="]),
                     "right": "gearbox.input"}  # fmt: skip
        else:
            rows = [[rnd.choice([*VALUES[g1], "*"]), rnd.choice(VALUES[g2])] for _ in range(3)]
            rule |= {"kind": "table", "groups": [g1, g2], "rows": rows}
        out.append(rule)
    return out


def holds(rule: dict[str, object], truck: dict[str, str]) -> bool:
    """An independent reading of each rule kind, straight from rules/README.md."""

    def sel(text: object) -> bool:
        group, _, value = str(text).partition("=")
        return truck[group] == value

    kind = rule["kind"]
    if kind == "requires":
        return not sel(rule["if"]) or sel(rule["then"])
    if kind == "excludes":
        return not (sel(rule["if"]) and sel(rule["then"]))
    if kind == "forbid":
        return not sel(rule["options"])
    if kind == "require":
        return sel(rule["options"])
    if kind == "compare":
        left = NUMBERS[("engine", truck["engine"])]
        right = NUMBERS[("gearbox", truck["gearbox"])]
        return {"<=": left <= right, ">=": left >= right, "=": left == right}[str(rule["op"])]
    groups = rule["groups"]
    assert isinstance(groups, list)
    return any(
        all(cell in ("*", truck[g]) for g, cell in zip(groups, row, strict=True))
        for row in rule["rows"]  # type: ignore[attr-defined]
    )


def brute_states(
    rule_list: list[dict[str, object]], chosen: dict[str, str]
) -> dict[tuple[str, str], str]:
    trucks = [dict(zip(VALUES, combo, strict=True)) for combo in product(*VALUES.values())]
    valid = [t for t in trucks if all(holds(r, t) for r in rule_list)]
    fits = [t for t in valid if all(t[g] == v for g, v in chosen.items())]
    out = {}
    for group, values in VALUES.items():
        if group in chosen:
            rest = {g: v for g, v in chosen.items() if g != group}
            others = [t for t in valid if all(t[g] == v for g, v in rest.items())]
            for value in values:
                ok = any(t[group] == value for t in others)
                state = SELECTED if value == chosen[group] else AVAILABLE if ok else BLOCKED
                out[(group, value)] = state
            continue
        possible = {t[group] for t in fits}
        for value in values:
            if value not in possible:
                out[(group, value)] = BLOCKED
            else:
                out[(group, value)] = REQUIRED if len(possible) == 1 else AVAILABLE
    return out


def consistent(rule_list: list[dict[str, object]], chosen: dict[str, str]) -> bool:
    trucks = [dict(zip(VALUES, combo, strict=True)) for combo in product(*VALUES.values())]
    return any(
        all(holds(r, t) for r in rule_list) and all(t[g] == v for g, v in chosen.items())
        for t in trucks
    )


def _yaml(rule_list: list[dict[str, object]]) -> str:
    import json

    return rules("".join(f"- {json.dumps(r)}\n" for r in rule_list) or "[]")


@pytest.mark.parametrize("seed", range(60))
def test_engine_agrees_with_brute_force(tmp_path: Path, seed: int) -> None:
    rnd = random.Random(seed)
    rule_list = random_rules(rnd)
    groups = """
        groups:
          - id: engine
            options:
              - {id: e2, attrs: {torque: 10}}
              - {id: e5, attrs: {torque: 20}}
              - {id: c5, attrs: {torque: 20}}
          - id: gearbox
            options: [{id: g10, attrs: {input: 10}}, {id: g20, attrs: {input: 20}}]
          - id: tank
            options: [{id: t400}, {id: t800}, {id: cyl}]
    """
    text = _yaml(rule_list) if rule_list else "rules: []\n"
    eng = Engine(load_rulebook(make(tmp_path, catalogue__groups_yaml=groups,
                                    catalogue__rules_yaml=text)))  # fmt: skip
    for _ in range(4):
        chosen = {g: rnd.choice(v) for g, v in VALUES.items() if rnd.random() < 0.4}
        result = eng.configure("AA", "truck", chosen)
        expected = brute_states(rule_list, chosen)
        if result.drop:  # a contradiction: the drop must be needed, enough and smallest
            assert not consistent(rule_list, chosen)
            kept = {g: v for g, v in chosen.items() if f"{g}={v}" not in result.drop}
            assert consistent(rule_list, kept)
            assert not any(
                consistent(rule_list, {g: v for g, v in chosen.items() if g not in drop})
                for size in range(len(result.drop))
                for drop in combinations(chosen, size)
            )
            continue
        got = {(g.id, o.id): o.state for g in result.groups for o in g.options}
        assert got == expected, (rule_list, chosen)
        for group in result.groups:
            for option in group.options:
                if option.state == BLOCKED:
                    assert option.reasons, (group.id, option.id)

"""Small random rulebooks over the base folder's groups, using every rule kind and feature.

Rules get `if:` conditions, attribute selectors, model and market filters, compare operands
from groups, the model, the market and numbers, tables with `*`, `offered` with `on:`, an
optional group's `none`, and defaults and recommendations (advice, which never blocks).
"""

from __future__ import annotations

import json
import random
from pathlib import Path

from catalog.rulebook import Rulebook, load_rulebook

from .folders import make, rules

VALUES = {
    "engine": ["e2", "e5", "c5"],
    "gearbox": ["g10", "g20"],
    "tank": ["t400", "t800", "cyl"],
    "extras": ["fridge", "winch", "none"],
}
ATTR_SELECTORS = ["engine[fuel=cng]", "engine[emission>=5]", "tank[fuel=diesel]",
                  "gearbox[speeds<16]", "tank[capacity>500]"]  # fmt: skip
SIDES = ["engine.torque", "gearbox.input", "engine.emission", "market.min_emission",
         "model.axles", "tank.capacity"]  # fmt: skip
KINDS = ("requires", "excludes", "forbid", "require", "compare", "table", "offered",
         "default", "recommend")  # fmt: skip


def _selector(rnd: random.Random, group: str | None = None) -> str:
    if group is None and rnd.random() < 0.2:
        return rnd.choice(ATTR_SELECTORS)
    group = group or rnd.choice(list(VALUES))
    values = [v for v in VALUES[group] if v != "none" or rnd.random() < 0.5]
    return f"{group}={rnd.choice(values)}"


def random_rules(rnd: random.Random, most: int = 5) -> list[dict[str, object]]:
    out: list[dict[str, object]] = []
    for n in range(rnd.randint(1, most)):
        kind = rnd.choice(KINDS)
        rule: dict[str, object] = {"id": f"r{n}", "kind": kind, "message": f"rule {n}"}
        if kind in ("requires", "excludes"):
            rule |= {"if": _selector(rnd), "then": _selector(rnd)}
        elif kind in ("forbid", "require"):
            rule["options"] = _selector(rnd)
        elif kind == "compare":
            left = rnd.choice([s for s in SIDES if not s.startswith(("market", "model"))])
            right = rnd.choice([s for s in SIDES if s != left])
            right = right if rnd.random() < 0.8 else str(rnd.choice([5, 10, 400]))
            if rnd.random() < 0.5:
                left, right = right, left
            rule |= {"left": left, "op": rnd.choice(["<=", ">=", "=", "!=", "<", ">"]),
                     "right": right}  # fmt: skip
        elif kind == "table":
            groups = rnd.sample(list(VALUES), rnd.randint(2, 3))
            rows = [
                [rnd.choice([*VALUES[g], "*"]) for g in groups] for _ in range(rnd.randint(1, 5))
            ]
            rule |= {"groups": groups, "rows": rows}
        elif kind == "offered":
            group = rnd.choice(["engine", "tank", "extras"])
            value = rnd.choice([v for v in VALUES[group] if v != "none"])
            rule |= {
                "options": f"{group}={value}",
                "on": {"body": rnd.choice(["tractor", "cargo"])},
            }
        elif kind == "default":
            group = rnd.choice(list(VALUES))
            rule |= {"group": group, "option": rnd.choice(VALUES[group])}
        else:
            rule["options"] = _selector(rnd)
        if kind not in ("offered", "default", "recommend") and rnd.random() < 0.3:
            rule["if"] = [_selector(rnd)] if "if" not in rule else [rule["if"], _selector(rnd)]
        if rnd.random() < 0.15:
            rule["models"] = {"body": rnd.choice(["tractor", "cargo"])}
        if kind not in ("default", "recommend", "offered") and rnd.random() < 0.15:
            rule["severity"] = "advice"
        out.append(rule)
    return out


def book_of(tmp_path: Path, rule_list: list[dict[str, object]]) -> Rulebook:
    text = rules("".join(f"- {json.dumps(r)}\n" for r in rule_list))
    return load_rulebook(make(tmp_path, catalogue__rules_yaml=text))

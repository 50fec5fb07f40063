"""Small random rulebooks of every hard rule kind, for checks against plain evaluation."""

from __future__ import annotations

import random

GROUPS = """
    groups:
      - id: engine
        options:
          - {id: e2, attrs: {torque: 10}}
          - {id: e5, attrs: {torque: 20}}
          - {id: c5, attrs: {torque: 30}}
      - id: gearbox
        options: [{id: g10, attrs: {input: 10}}, {id: g20, attrs: {input: 20}}]
      - id: tank
        options: [{id: t400}, {id: t800}, {id: cyl}]
      - id: extras
        optional: true
        options: [{id: fridge}, {id: winch}]
"""
VALUES = {
    "engine": ["e2", "e5", "c5"],
    "gearbox": ["g10", "g20"],
    "tank": ["t400", "t800", "cyl"],
    "extras": ["fridge", "winch", "none"],
}


def random_rule(rnd: random.Random, n: int) -> str:
    g1, g2, g3 = rnd.sample(list(VALUES), 3)
    a, b = rnd.choice(VALUES[g1]), "|".join(rnd.sample(VALUES[g2], rnd.randint(1, 2)))
    when = f", if: {g3}={rnd.choice(VALUES[g3])}" if rnd.random() < 0.3 else ""
    kind = rnd.choice(["requires", "excludes", "forbid", "require", "compare", "table"])
    if kind in ("requires", "excludes"):
        return f"- {{id: r{n}, kind: {kind}, if: {g1}={a}, then: {g2}={b}}}"
    if kind in ("forbid", "require"):
        return f"- {{id: r{n}, kind: {kind}, options: {g2}={b}{when}}}"
    if kind == "compare":
        op = rnd.choice(["<=", ">=", "=", "<"])
        sides = f'left: engine.torque, op: "{op}", right: gearbox.input'
        return f"- {{id: r{n}, kind: compare, {sides}{when}}}"
    cols = [g1, g2, g3][: rnd.randint(1, 3)]
    rows = [[rnd.choice([*VALUES[g], "*"]) for g in cols] for _ in range(rnd.randint(1, 4))]
    return f"- {{id: r{n}, kind: table, groups: {cols}, rows: {rows}{when}}}".replace("'", '"')

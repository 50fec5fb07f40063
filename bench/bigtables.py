"""Generate the "big tables" rule folder: an industrial-size model of allowed-combination tables.

260 groups (three of 310-330 values, the rest 2-8), 320 tables of arity 2-12 with at least
200,000 rows in all, and a few hundred requires/excludes rules. A hidden population of planted
trucks (families of similar trucks, as real product lines are) is valid under every rule: each
table holds every planted truck's projection, so every model is buyable by construction; the
other rows are blocks of variations around a planted truck, so sessions have real choices.
Deterministic from the seed. Usage: python bench/bigtables.py OUT_DIR [--seed 12]
"""

from __future__ import annotations

import argparse
import csv
import random
from itertools import product
from math import prod
from pathlib import Path
from typing import Any

from bench.generate import _dump, _rule

MODELS = ("big-tractor", "big-dump")
ROWS_MIN = 200_000


def generate_big_tables(
    folder: Path,
    seed: int = 12,
    groups: int = 260,
    tables: int = 320,
    population: int = 4,
    rows_min: int = ROWS_MIN,
) -> Path:
    rnd = random.Random(seed)
    sizes = [rnd.randint(310, 330) if i < 3 else rnd.randint(2, 8) for i in range(groups)]
    domains = {f"t{i:03d}": [f"o{j}" for j in range(n)] for i, n in enumerate(sizes)}
    names = list(domains)
    families = [{g: rnd.choice(vs) for g, vs in domains.items()} for _ in range(6)]
    planted = []
    for _ in range(population):
        base = rnd.choice(families)
        planted.append(
            {g: base[g] if rnd.random() < 0.6 else rnd.choice(vs) for g, vs in domains.items()}
        )
    rules: list[dict[str, Any]] = []
    files: dict[str, list[list[str]]] = {}
    total, n = 0, 0
    while n < tables or total < rows_min:  # small tables cap at their product: add more
        arity = rnd.randint(2, 4) if n < 30 else rnd.randint(2, 12)
        cols = (
            rnd.sample(names[:3], 1) + rnd.sample(names[3:], arity - 1)
            if n < 30
            else rnd.sample(names, arity)
        )
        rows = _rows(rnd, cols, domains, planted, rnd.randint(450, 900))
        rule_id = f"tab{n:03d}"
        files[rule_id] = [cols, *rows]
        rules.append(_rule(rule_id, "table", groups=cols, file=f"../tables/{rule_id}.csv"))
        total += len(rows)
        n += 1
    rules += _simple_rules(rnd, domains, planted, min(200, groups))
    _write(folder, rnd, domains, planted, rules, files)
    return folder


def _rows(
    rnd: random.Random,
    cols: list[str],
    domains: dict[str, list[str]],
    planted: list[dict[str, str]],
    target: int,
) -> list[list[str]]:
    """Every planted truck's projection, then blocks until `target` rows.

    A block is what engineers write: around one planted truck, a few values of each column
    allowed together (the full product), a whole column sometimes as `*`.
    """
    rows = {tuple(t[c] for c in cols) for t in planted}
    target = min(target, prod(len(domains[c]) for c in cols))
    for _ in range(40):
        if len(rows) >= target:
            break
        truck = rnd.choice(planted)
        budget = rnd.randint(target // 4, target)
        choices: list[list[str]] = [[] for _ in cols]
        size = 1
        for i in rnd.sample(range(len(cols)), len(cols)):
            values = domains[cols[i]]
            mode = rnd.random()
            if mode < 0.15:  # a key column: the planted value
                choices[i] = [truck[cols[i]]]
            elif mode < 0.5:
                choices[i] = ["*"]
            else:  # a wide column written out, as far as the block's budget goes
                k = max(1, min(len(values), budget // size, rnd.randint(2, len(values))))
                others = [v for v in values if v != truck[cols[i]]]
                choices[i] = [truck[cols[i]], *rnd.sample(others, k - 1)]
                size *= k
        rows.update(product(*choices))
    return [list(r) for r in sorted(rows)]


def _simple_rules(
    rnd: random.Random, domains: dict[str, list[str]], planted: list[dict[str, str]], count: int
) -> list[dict[str, Any]]:
    """requires/excludes that every planted truck obeys."""
    out: list[dict[str, Any]] = []
    small = [g for g, vs in domains.items() if len(vs) <= 8]
    while len(out) < count:
        g1, g2 = rnd.sample(small, 2)
        a, b = rnd.choice(domains[g1]), rnd.choice(domains[g2])
        rule_id = f"s{len(out):03d}"
        if rnd.random() < 0.8:
            if not any(t[g1] == a and t[g2] == b for t in planted):
                out.append(_rule(rule_id, "excludes", **{"if": f"{g1}={a}", "then": f"{g2}={b}"}))
            continue
        then = {t[g2] for t in planted if t[g1] == a} | {rnd.choice(domains[g2])}
        if len(then) < len(domains[g2]):
            out.append(
                _rule(
                    rule_id,
                    "requires",
                    **{"if": f"{g1}={a}", "then": f"{g2}={'|'.join(sorted(then))}"},
                )
            )
    return out


def _write(
    folder: Path,
    rnd: random.Random,
    domains: dict[str, list[str]],
    planted: list[dict[str, str]],
    rules: list[dict[str, Any]],
    files: dict[str, list[list[str]]],
) -> None:
    for sub in ("catalogue", "markets", "tables"):
        (folder / sub).mkdir(parents=True, exist_ok=True)
    groups = [
        {
            "id": g,
            "name": {"en": f"Group {g}"},
            "options": [{"id": v, "price": rnd.randint(0, 900)} for v in vs],
        }
        for g, vs in domains.items()
    ]
    # the second model offers only the planted values of one group: still buyable
    restricted = next(g for g, vs in domains.items() if len(vs) > 4)
    offers = {restricted: sorted({t[restricted] for t in planted[:50]})}
    models = [
        {
            "id": m,
            "name": m,
            "platform": "BIG",
            "body": m.split("-")[1],
            "fuel": "diesel",
            "drive": "6x4",
            "axles": 3,
            "mass": {"kind": "GVW", "t": 40},
            "price": 300000,
            **({"offers": offers} if n else {}),
        }
        for n, m in enumerate(MODELS)
    ]
    _dump(folder / "catalogue" / "models.yaml", {"models": models})
    _dump(folder / "catalogue" / "groups.yaml", {"groups": groups})
    _dump(folder / "catalogue" / "rules.yaml", {"rules": rules})
    _dump(folder / "markets" / "aa.yaml", {"market": {"code": "AA", "language": "en"}})
    for rule_id, rows in files.items():
        with (folder / "tables" / f"{rule_id}.csv").open("w", newline="") as fh:
            csv.writer(fh).writerows(rows)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("out", type=Path)
    parser.add_argument("--seed", type=int, default=12)
    args = parser.parse_args()
    generate_big_tables(args.out, args.seed)
    print(f"wrote {args.out}")


if __name__ == "__main__":
    main()

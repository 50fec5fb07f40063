"""Generate a large rule folder of the shipped format: hundreds of groups, thousands of rules.

Every model gets a hidden "planted" truck and every generated hard rule is true of it, so each
model stays buyable however many rules there are; the rules still cut the space hard, as real
variant rules do. Usage: python -m bench.generate OUT_DIR [--groups 300] [--rules 3000]
"""

from __future__ import annotations

import argparse
import csv
import json
import random
from pathlib import Path
from typing import Any

MARKETS = ("AA", "BB")
MODELS = ("gen-tractor", "gen-dump", "gen-mixer")


def generate_rules(
    folder: Path, groups: int = 300, rules: int = 3000, seed: int = 7, big_tables: int = 3
) -> Path:
    rnd = random.Random(seed)
    gen = _Gen(rnd, groups)
    out: list[dict[str, Any]] = []
    kinds = [
        ("requires", 0.30),
        ("excludes", 0.30),
        ("compare", 0.10),
        ("forbid", 0.06),
        ("require", 0.03),
        ("offered", 0.06),
        ("table", 0.02),
        ("default", 0.08),
        ("recommend", 0.05),
    ]
    names = [k for k, _ in kinds]
    weights = [w for _, w in kinds]
    tables: dict[str, list[list[str]]] = {}
    for n in range(rules):
        kind = rnd.choices(names, weights)[0]
        rule = getattr(gen, kind)(f"r{n:04d}")
        if kind == "table" and len(tables) < big_tables:
            rule, rows = gen.big_table(f"r{n:04d}", rnd.randint(6, 12), rnd.randint(2000, 4000))
            tables[rule["id"]] = rows
        out.append(rule)
    _write(folder, gen, out, tables)
    return folder


class _Gen:
    def __init__(self, rnd: random.Random, groups: int):
        self.rnd = rnd
        self.groups = {
            f"g{i:03d}": [f"v{j}" for j in range(rnd.randint(2, 10))] for i in range(groups)
        }
        self.attr = {(g, v): rnd.randint(0, 100) for g, vs in self.groups.items() for v in vs}
        self.planted = {m: {g: rnd.choice(vs) for g, vs in self.groups.items()} for m in MODELS}

    def _pick(self) -> tuple[str, list[str]]:
        group = self.rnd.choice(list(self.groups))
        return group, self.groups[group]

    def _any_planted(self, group: str, value: str) -> bool:
        return any(p[group] == value for p in self.planted.values())

    def requires(self, rule_id: str) -> dict[str, Any]:
        (g1, vs1), (g2, vs2) = self._pick(), self._pick()
        a = self.rnd.choice(vs1)
        then = set(self.rnd.sample(vs2, max(1, len(vs2) // 2)))
        then |= {p[g2] for p in self.planted.values() if p[g1] == a}
        return _rule(
            rule_id, "requires", **{"if": f"{g1}={a}", "then": f"{g2}={'|'.join(sorted(then))}"}
        )

    def excludes(self, rule_id: str) -> dict[str, Any]:
        for _ in range(50):
            (g1, vs1), (g2, vs2) = self._pick(), self._pick()
            a, b = self.rnd.choice(vs1), self.rnd.choice(vs2)
            if g1 != g2 and not any(p[g1] == a and p[g2] == b for p in self.planted.values()):
                return _rule(rule_id, "excludes", **{"if": f"{g1}={a}", "then": f"{g2}={b}"})
        return self.requires(rule_id)

    def compare(self, rule_id: str) -> dict[str, Any]:
        (g1, _), (g2, _) = self._pick(), self._pick()
        pairs = [(self.attr[(g1, p[g1])], self.attr[(g2, p[g2])]) for p in self.planted.values()]
        op = (
            "<=" if all(x <= y for x, y in pairs) else ">=" if all(x >= y for x, y in pairs) else ""
        )
        if not op or g1 == g2:
            return self.excludes(rule_id)
        return _rule(rule_id, "compare", left=f"{g1}.w", op=op, right=f"{g2}.w")

    def forbid(self, rule_id: str) -> dict[str, Any]:
        group, values = self._pick()
        free = [v for v in values if not self._any_planted(group, v)]
        if not free:
            return self.excludes(rule_id)
        return _rule(rule_id, "forbid", options=f"{group}={self.rnd.choice(free)}")

    def require(self, rule_id: str) -> dict[str, Any]:
        group, values = self._pick()
        keep = {p[group] for p in self.planted.values()} | {self.rnd.choice(values)}
        return _rule(rule_id, "require", options=f"{group}={'|'.join(sorted(keep))}")

    def offered(self, rule_id: str) -> dict[str, Any]:
        group, values = self._pick()
        on = [m for m in MODELS if self.rnd.random() < 0.5] or [MODELS[0]]
        hidden = [
            v for v in values if all(self.planted[m][group] != v for m in MODELS if m not in on)
        ]
        if not hidden:
            return self.excludes(rule_id)
        return _rule(
            rule_id, "offered", options=f"{group}={self.rnd.choice(hidden)}", on={"id": on}
        )

    def table(self, rule_id: str) -> dict[str, Any]:
        chosen = self.rnd.sample(list(self.groups), self.rnd.randint(2, 4))
        rows = [[p[g] for g in chosen] for p in self.planted.values()]
        for _ in range(self.rnd.randint(5, 60)):
            rows.append([self.rnd.choice(self.groups[g] + ["*"]) for g in chosen])
        return _rule(rule_id, "table", groups=chosen, rows=rows)

    def big_table(
        self, rule_id: str, width: int, height: int
    ) -> tuple[dict[str, Any], list[list[str]]]:
        chosen = self.rnd.sample(list(self.groups), width)
        rows = [[p[g] for g in chosen] for p in self.planted.values()]
        rows += [[self.rnd.choice(self.groups[g]) for g in chosen] for _ in range(height)]
        rule = _rule(rule_id, "table", groups=chosen, file=f"../tables/{rule_id}.csv")
        return rule, [chosen, *rows]

    def default(self, rule_id: str) -> dict[str, Any]:
        group, values = self._pick()
        return {"id": rule_id, "kind": "default", "group": group, "option": self.rnd.choice(values)}

    def recommend(self, rule_id: str) -> dict[str, Any]:
        group, values = self._pick()
        return _rule(rule_id, "recommend", options=f"{group}={self.rnd.choice(values)}")


def _rule(rule_id: str, kind: str, **fields: Any) -> dict[str, Any]:
    severity = "advice" if kind == "recommend" else "error"
    message = {"en": f"Generated {kind} rule {rule_id}.", "ru": f"Правило {rule_id}."}
    return {
        "id": rule_id,
        "kind": kind,
        "severity": severity,
        "message": message,
        "reference": "generated",
        **fields,
    }


def _write(folder: Path, gen: _Gen, rules: list[dict[str, Any]], tables: dict[str, Any]) -> None:
    for sub in ("catalogue", "markets", "layers", "tables"):
        (folder / sub).mkdir(parents=True, exist_ok=True)
    groups = [
        {
            "id": g,
            "name": {"en": f"Group {g}"},
            "options": [
                {"id": v, "price": gen.rnd.randint(0, 5000), "attrs": {"w": gen.attr[(g, v)]}}
                for v in vs
            ],
        }
        for g, vs in gen.groups.items()
    ]
    models = [
        {
            "id": m,
            "name": m,
            "platform": "GEN",
            "body": m.split("-")[1],
            "fuel": "diesel",
            "drive": "6x4",
            "axles": 3,
            "wheelbase": "3800+1400",
            "mass": {"kind": "GVW", "t": 40},
            "price": 300000,
        }
        for m in MODELS
    ]
    _dump(folder / "catalogue" / "models.yaml", {"models": models})
    _dump(folder / "catalogue" / "groups.yaml", {"groups": groups})
    market_rules = [r for r in rules[: len(rules) // 10] if r["kind"] in ("require", "forbid")]
    catalogue_rules = [r for r in rules if r not in market_rules]
    _dump(folder / "catalogue" / "rules.yaml", {"rules": catalogue_rules})
    _dump(folder / "layers" / "base.yaml", {"layer": {"id": "base"}, "rules": market_rules})
    for code in MARKETS:
        _dump(
            folder / "markets" / f"{code.lower()}.yaml",
            {"market": {"code": code, "language": "en"}, "include": ["../layers/base.yaml"]},
        )
    for rule_id, rows in tables.items():
        with (folder / "tables" / f"{rule_id}.csv").open("w", newline="") as fh:
            csv.writer(fh).writerows(rows)


def _dump(path: Path, data: Any) -> None:
    # JSON is valid YAML flow syntax, one item a line keeps path:line useful.
    lines = []
    for key, items in data.items():
        if isinstance(items, list):
            lines.append(f"{key}:")
            lines += [f"  - {json.dumps(item, ensure_ascii=False)}" for item in items]
        else:
            lines.append(f"{key}: {json.dumps(items, ensure_ascii=False)}")
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("out", type=Path)
    parser.add_argument("--groups", type=int, default=300)
    parser.add_argument("--rules", type=int, default=3000)
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()
    generate_rules(args.out, args.groups, args.rules, args.seed)
    print(f"wrote {args.out}")


if __name__ == "__main__":
    main()

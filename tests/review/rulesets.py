"""Small rule folders written into tmp_path, and brute-force answers to check analyses against."""

from __future__ import annotations

from itertools import product
from pathlib import Path
from textwrap import dedent

from catalog.rulebook import load_rulebook
from catalog.rulebook.engine.compiler import compile_space
from catalog.rulebook.engine.solving import Solving
from catalog.rulebook.model import Rulebook

RULES = Path(__file__).resolve().parents[2] / "rules"  # the shipped rules

GROUPS = """
groups:
  - id: engine
    options:
      - {id: e2, attrs: {emission: 2, torque: 10}}
      - {id: e5, attrs: {emission: 5, torque: 20}}
      - {id: e6, attrs: {emission: 6, torque: 30}}
  - id: gearbox
    options:
      - {id: g10, attrs: {input: 10, speeds: 12}}
      - {id: g20, attrs: {input: 20, speeds: 12}}
      - {id: g30, attrs: {input: 30, speeds: 16}}
  - id: paint
    options: [{id: white}, {id: red}, {id: blue}]
  - id: heater
    optional: true
    options: [{id: air}, {id: water}]
"""

MODELS = """
models:
  - {id: small, name: Small, body: dump, price: 100, offers: {engine: [e2], gearbox: [g10]}}
  - {id: big, name: Big, body: tractor, price: 200}
"""


def write_rules(
    root: Path, rules: str = "", markets: dict[str, str] | None = None, layer: str = ""
) -> Path:
    """A rules folder: GROUPS, MODELS, catalogue rules, one layer and markets (code -> rules)."""
    folder = root / "rules"
    for sub in ("catalogue", "markets", "layers"):
        (folder / sub).mkdir(parents=True, exist_ok=True)
    (folder / "catalogue" / "groups.yaml").write_text(dedent(GROUPS))
    (folder / "catalogue" / "models.yaml").write_text(dedent(MODELS))
    (folder / "catalogue" / "rules.yaml").write_text("rules:\n" + _indent(rules or "[]"))
    (folder / "layers" / "base.yaml").write_text(
        "layer: {id: base}\nrules:\n" + _indent(layer or "[]")
    )
    for code, text in (markets or {"AA": ""}).items():
        head = f'market: {{code: "{code}", attrs: {{min_emission: 5}}}}\n'
        body = "include: [../layers/base.yaml]\nrules:\n" + _indent(text or "[]")
        (folder / "markets" / f"{code.lower()}.yaml").write_text(head + body)
    return folder


def _indent(text: str) -> str:
    return "".join(f"  {line}\n" for line in dedent(text).strip("\n").splitlines())


def load(root: Path, rules: str = "", **kw: object) -> Rulebook:
    return load_rulebook(write_rules(root, rules, **kw))  # type: ignore[arg-type]


def brute_force(book: Rulebook, market: str, model: str) -> int:
    """Count valid configurations by trying every combination of offered values."""
    space = compile_space(book, book.markets[market], book.models[model])
    solving = Solving(space)
    domains = [[space.var[(g, v)] for v in d] for g, d in space.domains.items()]
    found = sum(1 for combo in product(*domains) if solving.consistent(list(combo)))
    solving.close()
    return found

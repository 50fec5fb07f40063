"""Exact counts by BDD, checked against brute-force enumeration."""

from __future__ import annotations

import random
from itertools import product
from math import prod
from pathlib import Path

import pytest
from rulebook.folders import make, rules
from rulebook.randomrules import GROUPS, VALUES, random_rule

from bench.generate import generate_rules
from bench.reference import Problem
from catalog.rulebook import load_rulebook
from catalog.rulebook.engine.compiler import compile_space
from catalog.rulebook.review.analysis import analyse
from catalog.rulebook.review.counting import count_space

from .rulesets import brute_force, load

CASES = {
    "no-rules": "[]",
    "forbid-and-require": """
        - {id: no-blue, kind: forbid, options: paint=blue}
        - {id: heat, kind: require, options: heater=air|water}
    """,
    "requires-excludes": """
        - {id: water-red, kind: requires, if: heater=water, then: paint=red}
        - {id: e6-no-white, kind: excludes, if: engine=e6, then: paint=white|red}
    """,
    "compare": """
        - {id: torque, kind: compare, left: engine.torque, op: "<=", right: gearbox.input}
    """,
    # rows overlap through "*": counting rows instead of projecting them away would overcount
    "table-with-wildcards": """
        - id: pairs
          kind: table
          groups: [engine, gearbox, paint]
          rows: [[e2, "*", "*"], ["*", g30, "*"], [e5, g20, white], [e5, "*", red], [e2, g10, red]]
    """,
    "table-with-condition": """
        - id: pairs
          kind: table
          if: heater=water
          groups: [engine, paint]
          rows: [[e5, red], [e6, "*"]]
    """,
    "contradiction": """
        - {id: red, kind: require, options: paint=red}
        - {id: not-red, kind: forbid, options: paint=red, models: {id: big}}
    """,
}


@pytest.mark.parametrize("rules", CASES.values(), ids=CASES.keys())
@pytest.mark.parametrize("model", ["small", "big"])
def test_count_equals_brute_force(tmp_path: Path, rules: str, model: str) -> None:
    book = load(tmp_path, rules)
    analysis = analyse(book)
    count = analysis.spaces[("AA", model)].count
    assert count is not None and count.exact
    assert count.value == brute_force(book, "AA", model)


def test_count_without_the_possible_values_is_the_same(tmp_path: Path) -> None:
    book = load(tmp_path, CASES["table-with-wildcards"])
    space = compile_space(book, book.markets["AA"], book.models["big"])
    assert count_space(space).value == brute_force(book, "AA", "big") == 18 * 3


def test_independent_groups_multiply(tmp_path: Path) -> None:
    book = load(tmp_path)
    space = compile_space(book, book.markets["AA"], book.models["big"])
    count = count_space(space)
    assert count.value == 3 * 3 * 3 * 3 == count.upper
    assert count.components == 0


def test_a_budget_that_runs_out_gives_no_number_but_an_upper_bound(tmp_path: Path) -> None:
    book = load(tmp_path, CASES["table-with-wildcards"])
    space = compile_space(book, book.markets["AA"], book.models["big"])
    count = count_space(space, max_nodes=1)
    assert count.value is None and not count.exact
    assert count.upper == 3 * 3 * 3 * 3


def test_counts_agree_with_an_independent_evaluation_on_random_models(tmp_path: Path) -> None:
    """Random rulebooks of every hard kind; every truck judged by bench/reference.py's reading."""
    for seed in range(25):
        rnd = random.Random(seed)
        text = "\n".join(random_rule(rnd, n) for n in range(rnd.randint(1, 6)))
        folder = tmp_path / str(seed)
        book = load_rulebook(
            make(folder, catalogue__groups_yaml=GROUPS, catalogue__rules_yaml=rules(text))
        )
        problem = Problem(book, "AA", "truck")
        trucks = [dict(zip(VALUES, combo, strict=True)) for combo in product(*VALUES.values())]
        expected = sum(1 for truck in trucks if problem.valid(truck))
        space = compile_space(book, book.markets["AA"], book.models["truck"])
        count = count_space(space)
        assert count.exact and count.value == expected == count.lower, (text, count)


def test_a_big_model_gives_unknown_with_bounds_within_its_budget(tmp_path: Path) -> None:
    book = load_rulebook(generate_rules(tmp_path / "rules"))
    space = compile_space(book, book.markets["AA"], book.models["gen-tractor"])
    count = count_space(space, max_seconds=1.0)
    assert count.value is None and not count.exact
    assert 0 <= count.lower <= count.upper
    assert count.upper <= prod(len(d) for d in space.domains.values())

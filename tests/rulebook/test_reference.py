"""The independent checker itself (bench/reference.py): on random small rulebooks of every hard
rule kind, its clauses agree with a plain evaluation of every truck, and its step with the trucks
that fit the selections."""

from __future__ import annotations

import random
from itertools import product
from pathlib import Path

import pytest

from catalog.rulebook import load_rulebook

from .checker import Checker
from .folders import make, rules
from .randomrules import GROUPS, VALUES, random_rule


@pytest.mark.parametrize("seed", range(30))
def test_reference_agrees_with_plain_evaluation(tmp_path: Path, seed: int) -> None:
    rnd = random.Random(seed)
    text = "\n".join(random_rule(rnd, n) for n in range(rnd.randint(1, 5)))
    book = load_rulebook(
        make(tmp_path, catalogue__groups_yaml=GROUPS, catalogue__rules_yaml=rules(text))
    )
    check = Checker(book, "AA", "truck")
    trucks = [dict(zip(VALUES, combo, strict=True)) for combo in product(*VALUES.values())]
    for truck in trucks:
        assert check.consistent(truck) == check.problem.valid(truck), (text, truck)
    chosen = {g: rnd.choice(vs) for g, vs in VALUES.items() if rnd.random() < 0.4}
    fits = [t for t in trucks if check.problem.valid(t) and chosen.items() <= t.items()]
    if fits:
        step = check.ref.step(chosen)
        for group in VALUES:
            if group not in chosen:
                assert step[group] == {t[group] for t in fits}, (text, chosen, group)

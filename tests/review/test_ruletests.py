"""The shipped rule tests pass, and every market and layer rule has at least one."""

from __future__ import annotations

import pytest

from catalog.rulebook import DatedEngines, load_rulebook
from catalog.rulebook.review.ruletests import Case, load_cases, run_case, untested_rules

from .rulesets import RULES

BOOK = load_rulebook(RULES)
CASES, PROBLEMS = load_cases(RULES)


def test_the_rule_test_files_have_no_problems() -> None:
    assert [str(p) for p in PROBLEMS] == []
    assert len(CASES) >= 20


def test_every_market_and_layer_rule_has_a_test() -> None:
    market_rules = [r.id for r in BOOK.rules if r.owner != "catalogue"]
    assert len(market_rules) >= 20
    assert untested_rules(BOOK, CASES) == []


@pytest.mark.parametrize("case", CASES, ids=[c.id for c in CASES])
def test_shipped_case(case: Case) -> None:
    outcome = run_case(DatedEngines(BOOK), case)
    assert outcome.passed, outcome.line()


def test_an_untested_market_rule_is_reported() -> None:
    without_kz = [c for c in CASES if c.market != "KZ"]
    missing = [r.id for r, _ in untested_rules(BOOK, without_kz)]
    assert {"kz-euro-4-minimum", "kz-aetr-tachograph", "kz-tractors-first"} <= set(missing)
    assert not any(rule.startswith("eng-") for rule in missing)

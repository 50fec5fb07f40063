"""Type approvals on fixture folders (no real approval numbers are public): the shipped rules
with an `approvals/kz.csv` written here. A KZ truck registers only under an approval in force on
its delivery date that covers its model code, engine, gearbox and wheelbase."""

from __future__ import annotations

import shutil
from datetime import UTC, date, datetime
from pathlib import Path

import pytest

from catalog.paths import RULES
from catalog.rulebook import Engine, load_rulebook
from catalog.rulebook.format.loader import RulebookError
from catalog.rulebook.review.analysis import analyse
from catalog.specsheet.facts import Document
from catalog.specsheet.pipeline import SheetRequest, spec_html

HEADER = "approval,valid_from,valid_until,model_code,engine,gearbox,wheelbase\n"
TRACTOR = "x3000-tractor-6x4"  # dealer code SX42554V324, wheelbase 3175+1400
ROW = "KZ-OTTS-0001,2026-01-01,2027-12-31,SX42554V324,WP12.430E50,12JSD200T-B,3175+1400\n"


def folder(tmp_path: Path, kz: str) -> Path:
    rules = tmp_path / "rules"
    shutil.copytree(RULES, rules)
    (rules / "approvals").mkdir(exist_ok=True)
    (rules / "approvals" / "kz.csv").write_text(HEADER + kz, encoding="utf-8")
    return rules


def states(engine: Engine, market: str, model: str, group: str) -> dict[str, str]:
    config = engine.configure(market, model, {})
    return {o.id: o.state for g in config.groups if g.id == group for o in g.options}


def test_an_approval_covers_its_variant_only_while_it_is_in_force(tmp_path: Path) -> None:
    book = load_rulebook(folder(tmp_path, (
        "KZ-OTTS-0001,2026-01-01,2027-12-31,SX42554V324,WP12.430E50,12JSD200T-B,3175+1400\n"
        "KZ-OTTS-0002,2026-01-01,2027-06-30,SX42554V324,WP12.430E50,SF16JZ240,*\n"
    )))  # fmt: skip
    early = Engine(book.as_of(date(2027, 3, 1)))
    gearboxes = states(early, "KZ", TRACTOR, "gearbox")
    assert gearboxes["12JSD200T-B"] != "blocked" and gearboxes["SF16JZ240"] != "blocked"
    assert gearboxes["16JSD200T"] == "blocked"  # no approval names it
    reasons = early.configure("KZ", TRACTOR, {}).groups
    blocked = next(
        o for g in reasons if g.id == "gearbox" for o in g.options if o.id == "16JSD200T"
    )
    assert blocked.reasons[0].rule == f"kz-type-approval-{TRACTOR}"
    assert blocked.reasons[0].source.startswith("rules/approvals/kz.csv:")

    later = Engine(book.as_of(date(2027, 9, 1)))  # the AMT's approval has ended
    assert states(later, "KZ", TRACTOR, "gearbox")["SF16JZ240"] == "blocked"
    gone = Engine(book.as_of(date(2028, 1, 1)))  # none in force: the model cannot register
    assert not gone.configure("KZ", TRACTOR, {}).buyable
    # other models have no approval at all in KZ; KG has no table, so nothing changes there
    assert not early.configure("KZ", "x3000-dump-8x4", {}).buyable
    assert early.configure("KG", "x3000-dump-8x4", {}).buyable


def test_the_shipped_empty_tables_check_nothing() -> None:
    book = load_rulebook(RULES)
    assert (RULES / "approvals" / "kz.csv").read_text().strip() == HEADER.strip()
    assert not [r for r in book.rules if "type-approval" in r.id]


@pytest.mark.parametrize(
    ("rows", "expected"),
    [
        ("A1,2026-13-01,,SX1,E,G,*\n", "kz.csv:2: A1: '2026-13-01' is not an ISO date"),
        ("A2,2027-01-01,2026-01-01,SX1,E,G,*\n", "kz.csv:2: A2: valid_until is before valid_from"),
        ("A3,,,SX1,E\n", "kz.csv:2: -: 7 cells expected, not 5"),
        ("ok,,,SX1,E,G,*\nA4,,,,E,G,*\n", "kz.csv:3: A4: every cell but the dates is needed"),
    ],
)
def test_bad_rows_are_named_at_path_and_line(tmp_path: Path, rows: str, expected: str) -> None:
    with pytest.raises(RulebookError) as raised:
        load_rulebook(folder(tmp_path, rows))
    assert expected in str(raised.value)


def test_rules_check_notes_where_approvals_are_not_checked(tmp_path: Path) -> None:
    shipped = analyse(load_rulebook(RULES), ["KZ", "KG", "TJ"], count=False)
    notes = {f.item: f.line() for f in shipped.findings if f.kind == "approvals-not-checked"}
    assert sorted(notes) == ["KG", "KZ"]  # the EAEU markets; TJ registers no approvals
    assert notes["KZ"].startswith("rules/approvals/kz.csv:1: KZ: type approvals are not checked")
    filled = load_rulebook(folder(tmp_path, ROW))
    found = analyse(filled, ["KZ", "KG"], count=False).findings
    assert [f.item for f in found if f.kind == "approvals-not-checked"] == ["KG"]


def test_the_spec_sheet_prints_the_approval_that_covers_the_truck(tmp_path: Path) -> None:
    other = "KZ-OTTS-0002,2026-01-01,,SX42554V324,WP12.430E50,12JSDX220T-B,3175+1400\n"
    book = load_rulebook(folder(tmp_path, ROW + other)).as_of(date(2027, 3, 1))
    engine = Engine(book)
    values = {
        g.id: v for g in engine.configure("KZ", TRACTOR, {}).groups if (v := g.value or g.default)
    }
    issued = datetime(2027, 3, 1, 12, tzinfo=UTC)
    html = spec_html(engine, SheetRequest("KZ", TRACTOR, values, Document(issued), "en"))
    chosen = values["gearbox"]
    assert chosen in ("12JSD200T-B", "12JSDX220T-B")
    covering, other_one = ("0001", "0002") if chosen == "12JSD200T-B" else ("0002", "0001")
    assert f"KZ-OTTS-{covering}: WP12.430E50 + {chosen}" in html
    assert f"KZ-OTTS-{other_one}" not in html  # only the approval that covers this truck

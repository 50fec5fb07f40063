"""Reading an export history CSV: good rows parsed, every bad line reported with its number."""

from __future__ import annotations

from pathlib import Path

import pytest

from catalog.exports.history import HistoryFileError, Vocabulary, parse

ROOT = Path(__file__).resolve().parents[2]
VOCAB = Vocabulary(
    markets=frozenset({"KZ", "KG", "TJ", "TM", "UZ"}),
    bodies=frozenset({"tractor", "dump", "mixer", "cargo"}),
    platforms=frozenset({"X3000", "X5000", "X6000", "F3000", "L3000"}),
)
HEADER = "year,market,body,platform,units,note\n"


def problems(text: str) -> list[str]:
    with pytest.raises(HistoryFileError) as err:
        parse(text, VOCAB)
    return [str(p) for p in err.value.problems]


def test_the_shipped_history_file_holds_the_brief_figures() -> None:
    rows = parse((ROOT / "data" / "exports-history.csv").read_text(encoding="utf-8"), VOCAB)
    by_year = {y: sum(r.units for r in rows if r.year == y) for y in (2022, 2023)}
    assert by_year == {2022: 3571, 2023: 7500}
    assert {r.platform for r in rows} == {"unknown"}
    assert all("illustrative" in r.note for r in rows)
    kz_2023 = {r.body: r.units for r in rows if (r.year, r.market) == (2023, "KZ")}
    assert kz_2023 == {"tractor": 2300, "dump": 600, "mixer": 100, "cargo": 150}


def test_names_are_normalised_and_blank_lines_skipped() -> None:
    rows = parse("\ufeffYear,Market,Body,Units\n2023, kz ,Dump,5\n\n2023,UZ,tractor,0\n", VOCAB)
    assert [(r.year, r.market, r.body, r.platform, r.units, r.line) for r in rows] == [
        (2023, "KZ", "dump", "unknown", 5, 2),
        (2023, "UZ", "tractor", "unknown", 0, 4),
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param(
            "", ["line 1: the file is empty; expected a header: year,market,body,units"], id="empty"
        ),
        pytest.param(
            "year,market,units\n", ["line 1: missing column(s): body"], id="missing-column"
        ),
        pytest.param(
            "year,market,body,units,colour\n",
            ["line 1: unknown column(s): colour"],
            id="unknown-column",
        ),
        pytest.param(HEADER, ["line 1: the file has a header but no rows"], id="no-rows"),
        pytest.param(
            HEADER + "2023,KZ,dump,,12\n", ["line 2: 5 fields, the header has 6"], id="short-row"
        ),
        pytest.param(
            HEADER + "2023,KZ,dump,,-4,x\n",
            ["line 2: units: '-4' is not a whole number"],
            id="negative",
        ),
        pytest.param(
            HEADER + "1850,KZ,dump,,4,x\n",
            ["line 2: year: 1850 is outside 1990..2100"],
            id="old-year",
        ),
        pytest.param(
            HEADER + "2023,RU,bus,Z9,1.5,x\n",
            [
                "line 2: units: '1.5' is not a whole number",
                "line 2: market: 'RU' is not one of KG, KZ, TJ, TM, UZ",
                "line 2: body: 'bus' is not one of cargo, dump, mixer, tractor",
                "line 2: platform: 'Z9' is not one of F3000, L3000, X3000, X5000, X6000",
            ],
            id="every-field-wrong",
        ),
        pytest.param(
            HEADER + "2023,KZ,dump,,4,x\n2023,KZ,dump,,5,y\n",
            ["line 3: same year, market, body and platform as line 2"],
            id="duplicate",
        ),
    ],
)
def test_bad_files_are_refused_with_line_numbers(text: str, expected: list[str]) -> None:
    assert problems(text) == expected


def test_every_bad_line_is_reported_not_only_the_first() -> None:
    text = HEADER + "2023,KZ,dump,,4,a\n2023,KZ,bus,,4,b\n2023,UZ,dump,,4,c\n2022,XX,dump,,4,d\n"
    assert [p.split(":")[0] for p in problems(text)] == ["line 3", "line 5"]


def test_a_quoted_field_over_two_lines_keeps_later_line_numbers_right() -> None:
    text = HEADER + '2023,KZ,dump,,4,"two\nlines"\n2023,KZ,bus,,4,b\n'
    assert problems(text) == ["line 4: body: 'bus' is not one of cargo, dump, mixer, tractor"]

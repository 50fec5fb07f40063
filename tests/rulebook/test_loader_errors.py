"""Every loader error comes back at once, each as `path:line: id: message`."""

from __future__ import annotations

from pathlib import Path

import pytest

from catalog import create_app
from catalog.rulebook import RulebookError, load_rulebook

from .folders import make

CASES = [
    pytest.param(
        {
            "catalogue/rules.yaml": "rules:\n  - id: x\n    kind: [requires\n",
        },
        [
            "rules/catalogue/rules.yaml:3: -: YAML syntax error: while parsing a flow sequence, did not find expected ',' or ']'",
        ],
        id="yaml-syntax",
    ),
    pytest.param(
        {
            "catalogue/rules.yaml": "rules:\n\t- id: x\n",
        },
        [
            "rules/catalogue/rules.yaml:2: -: YAML syntax error: while scanning for the next token, found character that cannot start any token",
        ],
        id="tab-indent",
    ),
    pytest.param(
        {
            "catalogue/rules.yaml": "rules:\n  - id: r1\n    kind: forbid\n    options: wheels=big\n",
        },
        [
            "rules/catalogue/rules.yaml:4: r1: unknown group 'wheels' in 'wheels=big'",
        ],
        id="unknown-group",
    ),
    pytest.param(
        {
            "catalogue/rules.yaml": "rules:\n  - id: r1\n    kind: forbid\n    options: engine=e9\n",
        },
        [
            "rules/catalogue/rules.yaml:4: r1: unknown option 'e9' of group engine",
        ],
        id="unknown-option",
    ),
    pytest.param(
        {
            "catalogue/rules.yaml": "rules:\n  - id: r1\n    kind: forbid\n    options: engine[power<100]\n",
        },
        [
            "rules/catalogue/rules.yaml:4: r1: no option of group engine has attribute 'power'",
        ],
        id="unknown-attr",
    ),
    pytest.param(
        {
            "catalogue/rules.yaml": "rules:\n  - {id: r1, kind: forbid, options: engine=e2}\n  - {id: r1, kind: forbid, options: engine=e5}\n",
        },
        [
            "rules/catalogue/rules.yaml:3: r1: duplicate rule id (first at rules/catalogue/rules.yaml:2)",
        ],
        id="duplicate-rule",
    ),
    pytest.param(
        {
            "catalogue/groups.yaml": "groups:\n  - id: engine\n    options:\n      - {id: e2}\n      - {id: e2}\n",
        },
        [
            "rules/catalogue/groups.yaml:5: engine: duplicate option 'e2'",
        ],
        id="duplicate-option",
    ),
    pytest.param(
        {
            "catalogue/models.yaml": "models:\n  - id: truck\n    price: cheap\n",
        },
        [
            "rules/catalogue/models.yaml:3: truck: price must be a whole number, not 'cheap'",
        ],
        id="wrong-type-price",
    ),
    pytest.param(
        {
            "catalogue/models.yaml": "models:\n  - id: truck\n    price: -5\n",
        },
        [
            "rules/catalogue/models.yaml:3: truck: price must be from 0 to 1,000,000,000, not -5",
        ],
        id="negative-price",
    ),
    pytest.param(
        {
            "catalogue/models.yaml": "models:\n  - id: truck\n    mass: {kind: GVW, t: 9000}\n",
        },
        [
            "rules/catalogue/models.yaml:3: truck: mass.t must be between 0 and 500 t, not 9000",
        ],
        id="impossible-mass",
    ),
    pytest.param(
        {
            "catalogue/models.yaml": "models:\n  - id: truck\n    axles: 0\n",
        },
        [
            "rules/catalogue/models.yaml:3: truck: axles must be a whole number from 1 to 10",
        ],
        id="impossible-axles",
    ),
    pytest.param(
        {
            "catalogue/groups.yaml": "groups:\n  - id: engine\n    options:\n      - {id: e2, attrs: {emission: 12}}\n",
        },
        [
            "rules/catalogue/groups.yaml:4: engine: attrs.emission must be a Euro stage from 0 to 7, not 12",
        ],
        id="bad-emission",
    ),
    pytest.param(
        {
            "catalogue/rules.yaml": "rules:\n  - id: r1\n    kind: demands\n",
        },
        [
            "rules/catalogue/rules.yaml:3: r1: unknown rule kind 'demands' (requires, excludes, offered, require, forbid, compare, table, default, recommend)",
        ],
        id="unknown-kind",
    ),
    pytest.param(
        {
            "catalogue/rules.yaml": "rules:\n  - id: r1\n    kind: compare\n    left: engine.torque\n    op: '<='\n",
        },
        [
            "rules/catalogue/rules.yaml:2: r1: a compare rule needs right",
        ],
        id="missing-key",
    ),
    pytest.param(
        {
            "catalogue/rules.yaml": "rules:\n  - id: r1\n    kind: compare\n    left: engine.torque\n    op: '=<'\n    right: gearbox.input\n",
        },
        [
            "rules/catalogue/rules.yaml:5: r1: op must be one of <= >= < > = !=, not '=<'",
        ],
        id="bad-op",
    ),
    pytest.param(
        {
            "catalogue/rules.yaml": "rules:\n  - id: r1\n    kind: compare\n    left: engine.power\n    op: '<='\n    right: 100\n",
        },
        [
            "rules/catalogue/rules.yaml:4: r1: options of engine lack a number for 'power': e2, e5, c5",
        ],
        id="compare-missing-attr",
    ),
    pytest.param(
        {
            "catalogue/rules.yaml": "rules:\n  - id: r1\n    kind: forbid\n    options: engine=e2\n    sevirity: advice\n",
        },
        [
            "rules/catalogue/rules.yaml:5: r1: unknown key 'sevirity' in a forbid rule",
        ],
        id="unknown-key",
    ),
    pytest.param(
        {
            "catalogue/rules.yaml": "rules:\n  - id: r1\n    kind: forbid\n    options: engine=e2\n    severity: fatal\n",
        },
        [
            "rules/catalogue/rules.yaml:5: r1: severity must be error or advice: 'fatal'",
        ],
        id="bad-severity",
    ),
    pytest.param(
        {
            "catalogue/rules.yaml": "rules:\n  - id: t1\n    kind: table\n    groups: [engine, gearbox]\n    rows:\n      - [e2, g10]\n      - [e5]\n",
        },
        [
            "rules/catalogue/rules.yaml:7: t1: table row has 1 cells, expected 2",
        ],
        id="table-row-width",
    ),
    pytest.param(
        {
            "catalogue/rules.yaml": "rules:\n  - id: t1\n    kind: table\n    groups: [engine, gearbox]\n    rows:\n      - [e2, g10]\n      - [e5, g99]\n",
        },
        [
            "rules/catalogue/rules.yaml:7: t1: table row names unknown option 'g99' of gearbox",
        ],
        id="table-row-option",
    ),
    pytest.param(
        {
            "catalogue/rules.yaml": "rules:\n  - id: t1\n    kind: table\n    groups: [engine, gearbox]\n    file: ../tables/t1.csv\n",
            "tables/t1.csv": "engine,gearbox\ne2,g10\ne5,g77\n",
        },
        [
            "rules/tables/t1.csv:3: t1: table row names unknown option 'g77' of gearbox",
        ],
        id="table-csv-option",
    ),
    pytest.param(
        {
            "catalogue/rules.yaml": "rules:\n  - id: t1\n    kind: table\n    groups: [engine, gearbox]\n    file: ../../etc/passwd.csv\n",
        },
        [
            "rules/catalogue/rules.yaml:5: t1: table file '../../etc/passwd.csv' must be a .csv inside the rules folder",
        ],
        id="table-csv-escape",
    ),
    pytest.param(
        {
            "catalogue/models.yaml": "models:\n  - id: truck\n    offers: {engine: [e2, e7]}\n",
        },
        [
            "rules/catalogue/models.yaml:2: truck: offers unknown engine option 'e7'",
        ],
        id="offers-unknown",
    ),
    pytest.param(
        {
            "layers/base.yaml": "layer: {id: base}\ninclude: [base.yaml]\nrules: []\n",
        },
        [
            "rules/layers/base.yaml:2: base: layer includes itself (base -> base)",
        ],
        id="layer-self-include",
    ),
    pytest.param(
        {
            "layers/base.yaml": "layer: {id: base}\ninclude: [other.yaml]\n",
            "layers/other.yaml": "layer: {id: other}\ninclude: [base.yaml]\n",
        },
        [
            "rules/layers/base.yaml:2: other: layer includes itself (other -> base -> other)",
            "rules/layers/other.yaml:2: base: layer includes itself (base -> other -> base)",
        ],
        id="layer-cycle",
    ),
    pytest.param(
        {
            "markets/aa.yaml": "market: {code: AA}\ninclude: [../layers/base.yaml]\nrules:\n  - id: m1\n    kind: compare\n    left: engine.emission\n    op: '>='\n    right: market.min_emission\n",
        },
        [
            "rules/markets/aa.yaml:4: m1: market AA has no attribute 'min_emission'",
        ],
        id="market-attr-missing",
    ),
    pytest.param(
        {
            "markets/aa.yaml": "market: {code: Kazakhstan}\n",
        },
        [
            "rules/markets/aa.yaml:1: market: market code must be two capital letters, not 'Kazakhstan'",
        ],
        id="market-code",
    ),
    pytest.param(
        {
            "markets/aa.yaml": "market: {code: NO, language: fr}\n",
        },
        [
            "rules/markets/aa.yaml:1: market: language must be one of en, ru, zh: 'fr'",
        ],
        id="market-code-no",
    ),
    pytest.param(
        {
            "markets/bb.yaml": "market: {code: AA}\n",
        },
        [
            "rules/markets/bb.yaml:1: AA: duplicate market (first at rules/markets/aa.yaml:1)",
        ],
        id="duplicate-market",
    ),
    pytest.param(
        {
            "catalogue/rules.yaml": "rules:\n  - id: r1\n    kind: forbid\n    kind: require\n",
        },
        [
            "rules/catalogue/rules.yaml:4: -: duplicate key 'kind' in a rule",
        ],
        id="duplicate-yaml-key",
    ),
    pytest.param(
        {
            "catalogue/rules.yaml": "rules:\n  - id: r1\n    kind: forbid\n    options: engine=e2\n    message: {ru: Нет}\n",
        },
        [
            "rules/catalogue/rules.yaml:5: r1: message needs an English text (en)",
        ],
        id="message-no-en",
    ),
    pytest.param(
        {
            "catalogue/rules.yaml": b"rules: [\xff]\n",
        },
        [
            "rules/catalogue/rules.yaml:1: -: not UTF-8 text: invalid start byte",
        ],
        id="not-utf8",
    ),
]


def _write(folder: Path, files: dict[str, str | bytes]) -> None:
    for rel, text in files.items():
        path = folder / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(text, bytes):
            path.write_bytes(text)
        else:
            path.write_text(text, encoding="utf-8")


@pytest.mark.parametrize(("files", "expected"), CASES)
def test_each_problem_is_reported_with_its_place(
    tmp_path: Path, files: dict[str, str | bytes], expected: list[str]
) -> None:
    folder = make(tmp_path)
    _write(folder, files)
    with pytest.raises(RulebookError) as caught:
        load_rulebook(folder)
    assert [str(p) for p in caught.value.problems] == expected


def test_every_problem_at_once(tmp_path: Path) -> None:
    folder = make(tmp_path)
    _write(
        folder,
        {
            "catalogue/rules.yaml": (
                "rules:\n"
                "  - {id: a, kind: forbid, options: engine=e9}\n"
                "  - {id: b, kind: forbid, options: wheel=x}\n"
                "  - {id: a, kind: forbid, options: engine=e2}\n"
            ),
            "catalogue/models.yaml": "models:\n  - {id: truck, price: -1}\n",
        },
    )
    with pytest.raises(RulebookError) as caught:
        load_rulebook(folder)
    assert [str(p) for p in caught.value.problems] == [
        "rules/catalogue/models.yaml:2: truck: price must be from 0 to 1,000,000,000, not -1",
        "rules/catalogue/rules.yaml:2: a: unknown option 'e9' of group engine",
        "rules/catalogue/rules.yaml:3: b: unknown group 'wheel' in 'wheel=x'",
    ]


def test_absurd_numbers_are_refused(tmp_path: Path) -> None:
    folder = make(tmp_path)
    _write(
        folder,
        {
            "catalogue/models.yaml": "models:\n  - {id: truck, price: 10000000000000}\n",
            "catalogue/groups.yaml": "groups:\n  - id: e\n    options: [{id: a, attrs: {w: 1e999}}]\n",
        },
    )
    with pytest.raises(RulebookError) as caught:
        load_rulebook(folder)
    assert [str(p) for p in caught.value.problems] == [
        "rules/catalogue/groups.yaml:3: e: attrs.w must be a number within ±1e+12, not 1e999",
        "rules/catalogue/models.yaml:2: truck: price must be from 0 to 1,000,000,000, "
        "not 10000000000000",
    ]


def test_yaml_never_guesses_types(tmp_path: Path) -> None:
    """YAML 1.1 reads NO as false and 12.00 as a float; ids and codes stay strings here."""
    folder = make(tmp_path)
    _write(
        folder,
        {
            "markets/no.yaml": "market: {code: NO, language: en}\nrules: []\n",
            "catalogue/groups.yaml": (
                "groups:\n  - id: tyres\n    options: [{id: 12.00R20}, {id: 11.00}, {id: on}]\n"
            ),
        },
    )
    book = load_rulebook(folder)
    assert "NO" in book.markets
    assert book.groups["tyres"].values == ("12.00R20", "11.00", "on")


def test_the_service_refuses_a_broken_rulebook(tmp_path: Path) -> None:
    folder = make(tmp_path)
    _write(folder, {"catalogue/rules.yaml": "rules:\n  - {id: a, kind: forbid, options: x=y}\n"})
    with pytest.raises(RulebookError):
        create_app({"TESTING": True, "RULES_DIR": str(folder), "DATABASE": ":memory:"})


def test_rules_check_prints_problems_and_exits_1(tmp_path: Path) -> None:
    folder = make(tmp_path)
    _write(folder, {"catalogue/rules.yaml": "rules:\n  - {id: a, kind: forbid, options: x=y}\n"})
    app = create_app({"TESTING": True, "DATABASE": str(tmp_path / "db.sqlite")})
    result = app.test_cli_runner().invoke(args=["rules", "check", "--rules", str(folder)])
    assert result.exit_code == 1
    assert "rules/catalogue/rules.yaml:2: a: unknown group 'x' in 'x=y'" in result.output


def test_the_shipped_rules_load_and_check(tmp_path: Path) -> None:
    app = create_app({"TESTING": True, "DATABASE": str(tmp_path / "db.sqlite")})
    result = app.test_cli_runner().invoke(args=["rules", "check"])
    assert result.exit_code == 0, result.output

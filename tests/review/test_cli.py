"""`flask rules check | test | diff` on the shipped rules and on rule folders in tmp_path."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path
from textwrap import dedent

from flask import Flask
from flask.testing import FlaskCliRunner

from catalog import accounts, create_app
from catalog.db import get_db
from catalog.migrations import apply_all
from catalog.store import orders

from .rulesets import write_rules

NO_BLUE = "- {id: no-blue, kind: forbid, options: paint=blue}"


def run(runner: FlaskCliRunner, *args: str) -> tuple[int, str]:
    result = runner.invoke(args=["rules", *args])
    return result.exit_code, result.output


def test_check_on_the_shipped_rules_passes_with_warnings(runner: FlaskCliRunner) -> None:
    code, out = run(runner, "check")
    assert code == 0
    assert "0 error(s), 28 warning(s)" in out
    assert (
        "rules/catalogue/models.yaml:759: x5000-tractor-6x4: no valid configuration in KZ: "
        "blocked by kz-euro-4-minimum (rules/markets/kz.yaml:21)"
    ) in out  # Euro II only, no Euro IV+ swap on the dealer's list
    assert "rules/markets/kz.yaml:35: kz-long-haul-12-speed: redundant" in out
    assert "| x5000-tractor-6x4     | 220,200,960       | 0 (never)       |" in out


def test_check_json_for_one_market(runner: FlaskCliRunner) -> None:
    code, out = run(runner, "check", "--json", "--market", "kz")
    data = json.loads(out)
    assert code == 0 and data["ok"] is True and data["markets"] == ["KZ"]
    assert data["errors"] == []
    assert {"KZ"} == set(data["counts"])
    assert data["counts"]["KZ"]["x5000-tractor-6x4"] == {
        "buyable": False,
        "count": 0,
        "exact": True,
        "lower_bound": 0,
        "upper_bound": 0,
    }
    unbuyable = [
        w for w in data["warnings"] if w["kind"] == "unbuyable" and w["item"] == "x5000-tractor-6x4"
    ]
    assert unbuyable == [
        {
            "severity": "warning",
            "kind": "unbuyable",
            "item": "x5000-tractor-6x4",
            "source": "rules/catalogue/models.yaml:759",
            "message": "no valid configuration in KZ: blocked by kz-euro-4-minimum "
            "(rules/markets/kz.yaml:21)",
            "market": "KZ",
            "models": ["x5000-tractor-6x4"],
            "rules": ["kz-euro-4-minimum"],
        }
    ]


def test_check_unknown_market_is_a_usage_error(runner: FlaskCliRunner) -> None:
    code, out = run(runner, "check", "--market", "XX")
    assert code == 2 and "unknown market XX" in out


def test_check_markdown_for_a_pull_request(runner: FlaskCliRunner) -> None:
    code, out = run(runner, "check", "--markdown", "--no-notes")
    assert code == 0
    assert out.startswith("## Rule check passed\n")
    assert "- `rules/markets/kz.yaml:35` **kz-long-haul-12-speed**: redundant" in out
    assert "### Notes" not in out
    assert "| model " in out


def test_check_exits_1_on_an_analysis_error(runner: FlaskCliRunner, tmp_path: Path) -> None:
    folder = write_rules(tmp_path, NO_BLUE + "\n- {id: rec, kind: recommend, options: paint=blue}")
    code, out = run(runner, "check", "--rules", str(folder))
    assert code == 1
    assert "Errors (1)" in out
    assert "rules/catalogue/rules.yaml:3: rec: advice that can never be followed" in out


def test_check_exits_1_on_a_load_error(runner: FlaskCliRunner, tmp_path: Path) -> None:
    folder = write_rules(tmp_path, "- {id: bad, kind: forbid, options: paint=green}")
    code, out = run(runner, "check", "--rules", str(folder), "--json")
    assert code == 1
    data = json.loads(out[: out.rindex("}") + 1])
    assert data["ok"] is False
    assert data["errors"][0]["source"] == "rules/catalogue/rules.yaml:2"


def test_rules_test_on_the_shipped_cases(runner: FlaskCliRunner) -> None:
    code, out = run(runner, "test")
    assert code == 0, out
    assert (
        "PASS rules/tests/kz.yaml:71: kz-euro-2-engine-rejected: invalid (kz-euro-4-minimum)" in out
    )
    assert out.rstrip().endswith("passed, 0 failed")


CASES = """
orders:
  white:
    market: AA
    model: small
    selections: {engine: e2, gearbox: g10, paint: white, heater: air}
cases:
  - id: white-ok
    order: white
    expect: valid
  - id: blue-rejected
    order: white
    change: {paint: blue}
    expect: invalid
    rules: [no-blue]
  - id: wrong-expectation
    order: white
    change: {paint: blue}
    expect: valid
  - id: wrong-rule
    order: white
    change: {paint: blue}
    expect: invalid
    rules: [no-red]
"""


def test_rules_test_reports_each_failure_with_path_line(
    runner: FlaskCliRunner, tmp_path: Path
) -> None:
    folder = write_rules(tmp_path, NO_BLUE)
    (folder / "tests").mkdir()
    (folder / "tests" / "paint.yaml").write_text(dedent(CASES).lstrip())
    code, out = run(runner, "test", "--rules", str(folder))
    assert code == 1
    lines = out.splitlines()
    assert "PASS rules/tests/paint.yaml:7: white-ok: valid" in lines
    assert "PASS rules/tests/paint.yaml:10: blue-rejected: invalid (no-blue)" in lines
    assert any(
        line.startswith(
            "FAIL rules/tests/paint.yaml:15: wrong-expectation: "
            "expected valid, got invalid (no-blue"
        )
        for line in lines
    )
    assert (
        "FAIL rules/tests/paint.yaml:19: wrong-rule: "
        "expected a violation of no-red, got ['no-blue']" in lines
    )
    assert lines[-1] == "2 passed, 2 failed"


def test_rules_test_reports_a_broken_case_file(runner: FlaskCliRunner, tmp_path: Path) -> None:
    folder = write_rules(tmp_path)
    (folder / "tests").mkdir()
    (folder / "tests" / "bad.yaml").write_text("cases:\n  - {id: x, market: AA, model: small}\n")
    code, out = run(runner, "test", "--rules", str(folder))
    assert code == 1
    assert "FAIL rules/tests/bad.yaml:2: x: a case needs an id and expect" in out


def git(repo: Path, *args: str) -> None:
    ident = ["-c", "user.name=t", "-c", "user.email=t@example.org", "-c", "commit.gpgsign=false"]
    subprocess.run(["git", *ident, *args], cwd=repo, check=True, capture_output=True)


def app_with(tmp_path: Path, folder: Path, stored: list[dict[str, object]]) -> Flask:
    """An app on the rules `folder` whose database holds the `stored` orders."""
    app = create_app(
        {"TESTING": True, "DATABASE": str(tmp_path / "cli.sqlite"), "RULES_DIR": str(folder)}
    )
    with app.app_context():
        db = get_db()
        apply_all(db)
        user = accounts.create_user(db, "engineer-1", "engineer").user_id
        for order in stored:
            orders.insert(db, order, user)
    return app


def diff_app(tmp_path: Path, folder: Path) -> Flask:
    stored: list[dict[str, object]] = [
        {
            "customer": "Bishkek Build",
            "market": "AA",
            "model": "small",
            "selections": {"engine": "e2", "gearbox": "g10", "paint": paint},
            "quantity": 1,
            "price": 100,
            "price_detail": {},
            "status": status,
            "rules_version": "old",
            "ship_date": "2026-01-01" if status == "shipped" else None,
        }
        for status, paint in (("quoted", "red"), ("shipped", "red"), ("draft", "white"))
    ]
    return app_with(tmp_path, folder, stored)


def test_diff_against_a_git_revision(tmp_path: Path) -> None:
    repo = tmp_path / "repo"
    folder = write_rules(repo, markets={"AA": "", "BB": ""})
    git(repo, "init", "-q")
    git(repo, "add", "rules")
    git(repo, "commit", "-q", "-m", "rules")
    write_rules(
        repo, markets={"AA": "- {id: aa-no-red, kind: forbid, options: paint=red}", "BB": ""}
    )
    runner = diff_app(tmp_path, folder).test_cli_runner()
    code, out = run(runner, "diff", "HEAD", "--json")
    assert code == 0, out
    data = json.loads(out)
    assert [m["market"] for m in data["markets"]] == ["AA"]
    aa = data["markets"][0]
    assert aa["options_lost"] == {"big": ["paint=red"], "small": ["paint=red"]}
    assert aa["counts"]["small"] == {"before": 9, "after": 6}
    assert aa["models_lost"] == []
    rejected = data["rejected_orders"]
    assert [(r["status"], r["newly_rejected"]) for r in rejected] == [("quoted", True)]
    assert rejected[0]["reasons"][0].startswith("aa-no-red: ")
    assert rejected[0]["reasons"][0].endswith("(rules/markets/aa.yaml:4)")
    code, out = run(runner, "diff", "HEAD")
    assert "Market AA" in out and "small: valid configurations 9 -> 6" in out
    assert "Open orders the working-tree rules reject: 1 of 2" in out
    assert run(runner, "diff", "HEAD", "--strict")[0] == 1


def test_diff_of_an_unknown_revision(tmp_path: Path) -> None:
    repo = tmp_path / "repo"
    folder = write_rules(repo)
    git(repo, "init", "-q")
    runner = diff_app(tmp_path, folder).test_cli_runner()
    code, out = run(runner, "diff", "no-such-rev")
    assert code == 1 and "no-such-rev" in out
    code, out = run(runner, "diff", "--", "--output=/tmp/x")
    assert code == 1 and "not a revision: '--output=/tmp/x'" in out

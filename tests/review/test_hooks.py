"""The pre-commit hooks run the rule check and the rule tests on commits touching rules/."""

from __future__ import annotations

import re
import shlex
from typing import Any

import pytest
import yaml
from flask.testing import FlaskCliRunner

from .rulesets import RULES

ROOT = RULES.parent


def hooks() -> list[dict[str, Any]]:
    offered = yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text())
    config = yaml.safe_load((ROOT / ".pre-commit-config.yaml").read_text())
    local = [h for repo in config["repos"] if repo["repo"] == "local" for h in repo["hooks"]]
    return [*offered, *local]


@pytest.mark.parametrize("path", ["rules/markets/kz.yaml", "rules/tests/kz.yaml"])
def test_hooks_run_on_rule_files(path: str) -> None:
    found = hooks()
    assert len(found) == 4
    assert all(re.search(h["files"], path) for h in found)
    assert not any(re.search(h["files"], "catalog/web/review.py") for h in found)


def test_hook_commands_are_the_rule_commands(runner: FlaskCliRunner) -> None:
    commands = {tuple(shlex.split(h["entry"])[1:]) for h in hooks()}
    assert commands == {
        ("--app", "catalog", "rules", "check", "--no-notes"),
        ("--app", "catalog", "rules", "test", "--failures"),
    }
    for command in commands:
        result = runner.invoke(args=list(command[2:]))
        assert result.exit_code == 0, result.output

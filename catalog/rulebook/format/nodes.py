"""Read YAML nodes by the field they fill, keeping each value's line.

We compose nodes instead of constructing objects so that YAML 1.1 never turns `NO` into false
or `12.00` into a float behind our back, and so that every value knows where it was written.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from datetime import date
from typing import Any

import yaml
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from ...languages import LANGUAGES
from ..dates import parse_day
from ..model import Period, Source, Text

try:
    from yaml import CSafeLoader as _Loader
except ImportError:  # pragma: no cover - libyaml missing
    from yaml import SafeLoader as _Loader

MAX_ATTRIBUTE = 1e12  # beyond any physical figure or price; keeps sums and SQLite integers safe
_INT = re.compile(r"^[-+]?\d+$")
_FLOAT = re.compile(r"^[-+]?(\d+\.\d*|\.\d+|\d+)([eE][-+]?\d+)?$")
_BREAK = re.compile("\r\n|[\r\n\x85\u2028\u2029]")  # YAML's line breaks


@dataclass(frozen=True)
class Problem:
    source: Source
    item: str  # the id of the item at fault, or "-" when there is none yet
    message: str
    severity: str = "error"

    def __str__(self) -> str:
        return f"{self.source}: {self.item}: {self.message}"


class Invalid(Exception):
    """One value is wrong; the caller records it and carries on with the next item."""

    def __init__(self, node: Node, message: str):
        super().__init__(message)
        self.node = node
        self.message = message


def compose(text: str) -> Node | None:
    return yaml.compose(text, Loader=_Loader)


def syntax_line(err: yaml.YAMLError) -> int:
    mark = getattr(err, "problem_mark", None) or getattr(err, "context_mark", None)
    return mark.line + 1 if mark is not None else 1


def last_line(text: str) -> int:
    """The number of the file's last line, counting line breaks as YAML does."""
    pieces = _BREAK.split(text)
    return max(1, len(pieces) - (pieces[-1] == ""))


def syntax_message(err: yaml.YAMLError) -> str:
    problem = getattr(err, "problem", None) or str(err)
    context = getattr(err, "context", None)
    return (
        f"YAML syntax error: {context}, {problem}" if context else f"YAML syntax error: {problem}"
    )


def line(node: Node) -> int:
    return node.start_mark.line + 1


def mapping(node: Node, what: str) -> dict[str, tuple[Node, Node]]:
    if not isinstance(node, MappingNode):
        raise Invalid(node, f"{what} must be a mapping")
    out: dict[str, tuple[Node, Node]] = {}
    for key, value in node.value:
        name = scalar(key, f"a key of {what}")
        if name in out:
            raise Invalid(key, f"duplicate key {name!r} in {what}")
        out[name] = (key, value)
    return out


def sequence(node: Node, what: str) -> list[Node]:
    if not isinstance(node, SequenceNode):
        raise Invalid(node, f"{what} must be a list")
    return list(node.value)


def scalar(node: Node, what: str) -> str:
    if not isinstance(node, ScalarNode) or node.tag == "tag:yaml.org,2002:null":
        raise Invalid(node, f"{what} must be a single value")
    return str(node.value)


def string(node: Node, what: str) -> str:
    value = scalar(node, what).strip()
    if not value:
        raise Invalid(node, f"{what} must not be empty")
    return value


def number(node: Node, what: str) -> float:
    value = scalar(node, what).replace("_", "")
    if not _FLOAT.match(value):
        raise Invalid(node, f"{what} must be a number, not {value!r}")
    result = float(value)
    if not math.isfinite(result):
        raise Invalid(node, f"{what} must be a finite number")
    return result


def integer(node: Node, what: str) -> int:
    value = scalar(node, what).replace("_", "")
    if not _INT.match(value):
        raise Invalid(node, f"{what} must be a whole number, not {value!r}")
    return _int(node, value, what)


def _int(node: Node, text: str, what: str) -> int:
    try:
        return int(text)
    except ValueError as err:  # over Python's 4,300-digit limit (found by the rules fuzzer)
        raise Invalid(node, f"{what} is too large a number") from err


def boolean(node: Node, what: str) -> bool:
    value = scalar(node, what).lower()
    if value in ("true", "yes"):
        return True
    if value in ("false", "no"):
        return False
    raise Invalid(node, f"{what} must be true or false, not {value!r}")


def attribute(node: Node, what: str) -> str | int | float | bool:
    """An attribute value: quoted stays a string; plain numbers and booleans are typed."""
    text = scalar(node, what)
    if isinstance(node, ScalarNode) and node.style in ("'", '"'):
        return text
    if _INT.match(text) or _FLOAT.match(text):
        value = _int(node, text, what) if _INT.match(text) else float(text)
        if not (math.isfinite(value) and abs(value) <= MAX_ATTRIBUTE):
            raise Invalid(node, f"{what} must be a number within ±{MAX_ATTRIBUTE:.0e}, not {text}")
        return value
    if text in ("true", "false"):
        return text == "true"
    return text


def strings(node: Node, what: str) -> list[str]:
    """A string or a list of strings."""
    if isinstance(node, ScalarNode):
        return [string(node, what)]
    return [string(item, what) for item in sequence(node, what)]


def text(node: Node, what: str) -> Text:
    """A plain English string, or a mapping of language to text with `en` present."""
    if isinstance(node, ScalarNode):
        return {"en": string(node, what)}
    found = mapping(node, what)
    out: Text = {}
    for lang, (key, value) in found.items():
        if lang not in LANGUAGES:
            raise Invalid(key, f"{what} has unknown language {lang!r} (use {', '.join(LANGUAGES)})")
        out[lang] = string(value, f"{what}.{lang}")
    if "en" not in out:
        raise Invalid(node, f"{what} needs an English text (en)")
    return out


def check_keys(node: Node, found: dict[str, Any], allowed: set[str], what: str) -> None:
    unknown = sorted(set(found) - allowed)
    if unknown:
        key = found[unknown[0]][0]
        raise Invalid(key, f"unknown key {unknown[0]!r} in {what}")


def day(node: Node, what: str) -> date:
    try:
        return parse_day(scalar(node, what))
    except ValueError as err:
        raise Invalid(node, f"{what} {err}") from err


def period(found: dict[str, tuple[Node, Node]]) -> Period:
    """`from:` and `until:` (the last day in force, included) of a mapping, if any."""
    start = day(found["from"][1], "from") if "from" in found else None
    end = day(found["until"][1], "until") if "until" in found else None
    if start and end and end < start:
        raise Invalid(
            found["until"][1], f"until {end.isoformat()} is before from {start.isoformat()}"
        )
    return Period(start, end)

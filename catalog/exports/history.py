"""Read an export history CSV: every row checked, every problem reported with its line number.

Columns: year, market, body, units (required), platform and note (optional). An empty platform is
stored as "unknown". Pure: no Flask, no SQL.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable
from dataclasses import dataclass

from ..limits import YEARS
from ..store.export_rows import HistoryRow

REQUIRED = ("year", "market", "body", "units")
OPTIONAL = ("platform", "note")
UNKNOWN = "unknown"
MAX_UNITS = 1_000_000
MAX_NOTE = 500


@dataclass(frozen=True)
class Vocabulary:
    """The names a history row may use, taken from the rulebook."""

    markets: frozenset[str]
    bodies: frozenset[str]
    platforms: frozenset[str]


@dataclass(frozen=True)
class Problem:
    line: int
    message: str

    def __str__(self) -> str:
        return f"line {self.line}: {self.message}"


class HistoryFileError(Exception):
    """The file was refused whole; `problems` says where and why."""

    def __init__(self, problems: list[Problem]):
        super().__init__("; ".join(str(p) for p in problems))
        self.problems = problems


def parse(text: str, vocab: Vocabulary) -> list[HistoryRow]:
    """All rows of the file, or HistoryFileError listing every bad line."""
    reader = csv.reader(io.StringIO(text.removeprefix("\ufeff"), newline=""))
    header = next(reader, None)
    problems = _header_problems(header)
    if problems or header is None:
        raise HistoryFileError(problems)
    columns = [name.strip().lower() for name in header]
    rows: list[HistoryRow] = []
    for values in reader:
        if not any(v.strip() for v in values):
            continue
        row, row_problems = _row(columns, values, reader.line_num, vocab)
        problems += row_problems
        if row is not None:
            rows.append(row)
    problems += _duplicates(rows)
    if not rows and not problems:
        problems.append(Problem(1, "the file has a header but no rows"))
    if problems:
        raise HistoryFileError(sorted(problems, key=lambda p: p.line))
    return rows


def _header_problems(header: list[str] | None) -> list[Problem]:
    if header is None:
        return [Problem(1, "the file is empty; expected a header: " + ",".join(REQUIRED))]
    names = [name.strip().lower() for name in header]
    missing = [c for c in REQUIRED if c not in names]
    unknown = [c for c in names if c not in REQUIRED + OPTIONAL]
    problems = []
    if missing:
        problems.append(Problem(1, "missing column(s): " + ", ".join(missing)))
    if unknown:
        problems.append(Problem(1, "unknown column(s): " + ", ".join(unknown)))
    if len(set(names)) != len(names):
        problems.append(Problem(1, "a column is named twice"))
    return problems


def _row(
    columns: list[str], values: list[str], line: int, vocab: Vocabulary
) -> tuple[HistoryRow | None, list[Problem]]:
    if len(values) != len(columns):
        return None, [Problem(line, f"{len(values)} fields, the header has {len(columns)}")]
    cell = {c: v.strip() for c, v in zip(columns, values, strict=True)}
    errors: list[str] = []
    year = _integer(cell["year"], "year", YEARS, errors)
    units = _integer(cell["units"], "units", range(MAX_UNITS + 1), errors)
    market = cell["market"].upper()
    body = cell["body"].lower()
    platform = cell.get("platform", "").upper() or UNKNOWN
    note = cell.get("note", "")
    _member(market, "market", vocab.markets, errors)
    _member(body, "body", vocab.bodies, errors)
    if platform != UNKNOWN:
        _member(platform, "platform", vocab.platforms, errors)
    if len(note) > MAX_NOTE:
        errors.append(f"note: longer than {MAX_NOTE} characters")
    if errors or year is None or units is None:
        return None, [Problem(line, e) for e in errors]
    return HistoryRow(year, market, body, platform, units, note, line), []


def _integer(text: str, name: str, allowed: range, errors: list[str]) -> int | None:
    if not text.isascii() or not text.isdigit():
        errors.append(f"{name}: {text!r} is not a whole number")
        return None
    value = int(text)
    if value not in allowed:
        errors.append(f"{name}: {value} is outside {allowed.start}..{allowed.stop - 1}")
        return None
    return value


def _member(value: str, name: str, known: Iterable[str], errors: list[str]) -> None:
    names = sorted(known)
    if value not in names:
        errors.append(f"{name}: {value!r} is not one of {', '.join(names)}")


def _duplicates(rows: list[HistoryRow]) -> list[Problem]:
    first: dict[tuple[int, str, str, str], int] = {}
    problems = []
    for row in rows:
        if row.key in first:
            problems.append(
                Problem(row.line, f"same year, market, body and platform as line {first[row.key]}")
            )
        else:
            first[row.key] = row.line
    return problems

"""Type approvals (EAEU ОТТС): `approvals/<market>.csv` lists the approved variants of a market.

Columns: approval (its number), valid_from, valid_until (ISO days, both in force; empty: open),
model_code (the dealer code, SX…), engine, gearbox, wheelbase (`*`: any). A market whose file has
rows only registers a truck that some approval in force on its delivery date covers; an empty
file (the header only) means approvals are not checked there.

The approvals become ordinary dated table rules over (engine, gearbox), one id per market and
model (`<market>-type-approval-<model>`), one version per period in which the set of approvals
in force does not change, so the engine, the review pages and the calendar read them like any
rule. A period with no approval for a model blocks that model, saying why.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path

from ..model import Filter, Model, Period, Rule, Source
from .nodes import Problem

FOLDER = "approvals"
COLUMNS = ("approval", "valid_from", "valid_until", "model_code", "engine", "gearbox", "wheelbase")
NEEDED = ("approval", "model_code", "engine", "gearbox", "wheelbase")
MESSAGE = {
    "en": "No type approval in force on the delivery date covers this truck (model code, engine, "
    "gearbox and wheelbase must match an approval).",
    "ru": "Ни одно действующее на дату поставки ОТТС не распространяется на этот грузовик "
    "(код модели, двигатель, коробка передач и колёсная база должны совпадать с одобрением).",
    "zh": "交付日有效的车辆型式认证均不覆盖此车型（型号代码、发动机、变速箱和轴距须与认证一致）。",
}


@dataclass(frozen=True)
class Approval:
    number: str
    period: Period
    model_code: str
    engine: str
    gearbox: str
    wheelbase: str
    source: Source

    def covers(self, model: Model) -> bool:
        wheelbase = str(model.attrs.get("wheelbase", ""))
        return self.model_code == model.attrs.get("code") and self.wheelbase in ("*", wheelbase)


def read(root: Path, cite: str) -> tuple[dict[str, tuple[str, list[Approval]]], list[Problem]]:
    """Market code -> (file, its approvals), from every `approvals/*.csv`; problems at
    path:line."""
    out: dict[str, tuple[str, list[Approval]]] = {}
    problems: list[Problem] = []
    for file in sorted((root / FOLDER).glob("*.csv")):
        path = f"{cite}/{FOLDER}/{file.name}"
        rows, found = _rows(file.read_text(encoding="utf-8"), path)
        problems += found
        out[file.stem.upper()] = (path, rows)
    return out, problems


def _rows(text: str, path: str) -> tuple[list[Approval], list[Problem]]:
    try:
        lines = list(csv.reader(io.StringIO(text)))
    except csv.Error as err:
        return [], [Problem(Source(path, 1), "-", f"not a readable CSV file: {err}")]
    if not lines or tuple(c.strip() for c in lines[0]) != COLUMNS:
        return [], [Problem(Source(path, 1), "-", f"the header must be {','.join(COLUMNS)}")]
    out: list[Approval] = []
    problems: list[Problem] = []
    for number, cells in enumerate(lines[1:], start=2):
        where = Source(path, number)
        if len(cells) != len(COLUMNS):
            problems.append(Problem(where, "-", f"{len(COLUMNS)} cells expected, not {len(cells)}"))
            continue
        row = dict(zip(COLUMNS, (c.strip() for c in cells), strict=True))
        item = row["approval"] or "-"
        try:
            period = Period(_day(row["valid_from"]), _day(row["valid_until"]))
        except ValueError as err:
            problems.append(Problem(where, item, str(err)))
            continue
        if period.start and period.end and period.end < period.start:
            problems.append(Problem(where, item, "valid_until is before valid_from"))
        elif not all(row[k] for k in NEEDED):
            problems.append(Problem(where, item, "every cell but the dates is needed"))
        else:
            code, engine, gearbox = row["model_code"], row["engine"], row["gearbox"]
            out.append(Approval(item, period, code, engine, gearbox, row["wheelbase"], where))
    return out, problems


def _day(text: str) -> date | None:
    if not text:
        return None
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise ValueError(f"{text!r} is not an ISO date (YYYY-MM-DD)") from None


def rules(
    market: str, approvals: list[Approval], models: dict[str, Model], path: str
) -> list[Rule]:
    """The table rules that make `approvals` binding in `market` (none for an empty table)."""
    if not approvals:
        return []
    cuts = sorted({d for a in approvals for d in a.period.changes()})
    starts: list[date | None] = [None, *cuts]
    out = []
    for n, start in enumerate(starts):
        period = Period(start, cuts[n] - timedelta(days=1) if n < len(cuts) else None)
        day = start or date.min
        for model in models.values():
            covering = [a for a in approvals if a.period.holds(day) and a.covers(model)]
            rows = {(a.engine, a.gearbox): a for a in reversed(covering)}
            out.append(
                Rule(
                    id=f"{market.lower()}-type-approval-{model.id}",
                    kind="table",
                    severity="error",
                    message=MESSAGE,
                    reference=_reference(covering, path),
                    source=Source(path, 1),
                    owner=f"market:{market}",
                    models=Filter((("id", (model.id,), False),)),
                    groups=("engine", "gearbox"),
                    rows=tuple(sorted(rows)),
                    row_sources=tuple(rows[r].source for r in sorted(rows)),
                    row_notes=tuple(_described(rows[r]) for r in sorted(rows)),
                    period=period,
                )
            )
    return out


def _reference(covering: list[Approval], path: str) -> str:
    """The approvals in force for the model (what a spec sheet prints), or that none is."""
    if not covering:
        return f"no type approval (ОТТС) in force for this model ({path})"
    listed = "; ".join(_described(a) for a in covering)
    return f"type approval (ОТТС) {listed} ({path})"


def _described(approval: Approval) -> str:
    a = approval
    return f"{a.number}: {a.engine} + {a.gearbox}, wheelbase {a.wheelbase}, {a.period}"

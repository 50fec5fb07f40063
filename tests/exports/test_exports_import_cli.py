"""`flask exports import FILE.csv`: idempotent; a bad file is refused whole, with line numbers."""

from __future__ import annotations

from pathlib import Path

from flask import Flask
from flask.testing import FlaskCliRunner
from pypdf import PdfReader

from catalog.db import connect

from .conftest import HISTORY_CSV


def stored(app: Flask) -> list[dict[str, object]]:
    db = connect(app.config["DATABASE"])
    try:
        return list(db.table("export_history").rows_where(order_by="year, market, body"))
    finally:
        db.conn.close()


def test_importing_the_same_file_again_changes_nothing(app: Flask, runner: FlaskCliRunner) -> None:
    first = runner.invoke(args=["exports", "import", str(HISTORY_CSV)])
    assert first.exit_code == 0, first.output
    assert first.output == "exports-history.csv: 36 added, 0 changed, 0 removed, 0 unchanged\n"
    rows = stored(app)
    again = runner.invoke(args=["exports", "import", str(HISTORY_CSV)])
    assert again.output == "exports-history.csv: 0 added, 0 changed, 0 removed, 36 unchanged\n"
    assert stored(app) == rows
    assert sum(int(str(r["units"])) for r in rows if r["year"] == 2023) == 7500


def test_a_bad_row_rejects_the_whole_file(
    app: Flask, runner: FlaskCliRunner, tmp_path: Path
) -> None:
    bad = tmp_path / "bad.csv"
    bad.write_text(
        "year,market,body,units\n2024,KZ,dump,10\n2024,KZ,dump,x\n2024,XX,cargo,3\n",
        encoding="utf-8",
    )
    result = runner.invoke(args=["exports", "import", str(bad)])
    assert result.exit_code == 1
    assert result.output.splitlines() == [
        f"{bad}:3: units: 'x' is not a whole number",
        f"{bad}:4: market: 'XX' is not one of KG, KZ, TJ, TM, UZ",
        "2 problem(s); nothing was imported",
    ]
    assert stored(app) == []


def test_a_file_that_is_not_utf8_names_the_line(
    app: Flask, runner: FlaskCliRunner, tmp_path: Path
) -> None:
    bad = tmp_path / "latin1.csv"
    bad.write_bytes(
        "year,market,body,units,note\n2024,KZ,dump,1,ok\n2024,KZ,cargo,1,caf\xe9\n".encode(
            "latin-1"
        )
    )
    result = runner.invoke(args=["exports", "import", str(bad)])
    assert result.exit_code == 1
    assert result.output.splitlines()[0] == f"{bad}:3: not UTF-8 text"
    assert stored(app) == []


def test_rebuild_recomputes_the_shipped_summary(app: Flask, runner: FlaskCliRunner) -> None:
    result = runner.invoke(args=["exports", "rebuild"])
    assert result.output == "shipped summary rebuilt: 0 row(s)\n"


def test_demo_data_loads_the_history_once(app: Flask, runner: FlaskCliRunner) -> None:
    first = runner.invoke(args=["demo-data"])
    assert first.exit_code == 0, first.output
    assert "export history exports-history.csv: 36 added" in first.output
    again = runner.invoke(args=["demo-data"])
    assert "export history exports-history.csv: 0 added, 0 changed, 0 removed, 36 unchanged" in (
        again.output
    )
    assert sum(int(str(r["units"])) for r in stored(app) if r["year"] == 2023) == 7500


def test_the_report_command_writes_the_pdf(runner: FlaskCliRunner, tmp_path: Path) -> None:
    assert runner.invoke(args=["exports", "import", str(HISTORY_CSV)]).exit_code == 0
    out = tmp_path / "report.pdf"
    result = runner.invoke(args=["exports", "report", "--year", "2023", "-o", str(out)])
    assert result.output == f"{out}: export report 2023\n"
    text = " ".join(p.extract_text() for p in PdfReader(out).pages)
    assert "7,500 units in 2023" in text and "+110.0 %" in text

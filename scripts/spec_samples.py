"""Render the README's spec sheet samples: one truck per language, first page as PNG.

Usage: .venv/bin/python scripts/spec_samples.py [OUT_DIR]   (default docs/; needs pdftoppm)
"""

from __future__ import annotations

import subprocess
import sys
import tempfile
from datetime import UTC, datetime
from pathlib import Path

from catalog.rulebook import Engine, load_rulebook
from catalog.specsheet import Document, SheetRequest, spec_pdf

ROOT = Path(__file__).resolve().parent.parent

ISSUED = datetime(2026, 3, 5, 12, tzinfo=UTC)
SAMPLES = [  # lang, market, model, selections, order number, customer
    ("en", "TJ", "ca3-sx33156v386", {"body": "box-35m3-wear-resistant", "paint": "yellow",
     "retarder": "fast-fhb400"}, "TJ-2026-00017", "Pamir Mining Co."),
    ("ru", "KZ", "x6000-tractor-6x4", {"abs": "wabco-4ch", "tachograph": "aetr-digital",
     "extra_tank": "alu-300", "paint": "red"}, "KZ-2026-00042",
     "ТОО «Астана Транс Логистик»"),
    ("zh", "UZ", "uz-sx5258gjb5t534t", {"paint": "blue"}, "UZ-2026-00008", "Tashkent Beton"),
]  # fmt: skip


def main(out: Path) -> None:
    engine = Engine(load_rulebook(ROOT / "rules"))
    out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        for lang, market, model, selections, number, customer in SAMPLES:
            doc = Document(ISSUED, number=number, customer=customer, quantity=4, status="quoted")
            pdf = Path(tmp) / f"spec-{lang}.pdf"
            pdf.write_bytes(spec_pdf(engine, SheetRequest(market, model, selections, doc, lang)))
            target = out / f"spec-{lang}"
            subprocess.run(
                ["pdftoppm", "-png", "-r", "60", "-f", "1", "-l", "1", "-singlefile", str(pdf),
                 str(target)], check=True,
            )  # fmt: skip
            print(f"{target}.png")


if __name__ == "__main__":
    main(Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT / "docs")

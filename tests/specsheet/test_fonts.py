"""Every glyph is there: the fonts the CSS names are embedded and cover every printed character.

A missing glyph is not visible in pdftotext output (the text is still extracted), so this checks
pdffonts (embedded, and Chinese set in Noto Sans CJK SC, not the Japanese face) and the cmaps of
the named fonts against every character the sheet prints.
"""

from __future__ import annotations

import subprocess
from collections.abc import Callable
from functools import cache
from pathlib import Path

import pytest
from fontTools.ttLib import TTFont

from .conftest import KZ_TRACTOR, Rendered

FAMILIES = ["DejaVu Sans", "DejaVu Sans:bold", "DejaVu Sans Mono", "Noto Sans CJK SC",
            "Noto Sans CJK SC:bold"]  # fmt: skip


def pdffonts(pdf: bytes, tmp: Path) -> list[list[str]]:
    file = tmp / "fonts.pdf"
    file.write_bytes(pdf)
    out = subprocess.run(["pdffonts", str(file)], capture_output=True, check=True, text=True)
    return [line.split() for line in out.stdout.splitlines()[2:]]


@cache
def covered() -> frozenset[int]:
    """Every code point some font of the CSS font stacks has a glyph for."""
    points: set[int] = set()
    for family in FAMILIES:
        found = subprocess.run(
            ["fc-match", "-f", "%{file}|%{index}", family], capture_output=True, text=True
        ).stdout
        path, index = found.split("|")
        font = TTFont(path, fontNumber=int(index or 0), lazy=True)
        points |= set(font.getBestCmap())
        font.close()
    return frozenset(points)


@pytest.mark.parametrize("lang", ["en", "ru", "zh"])
def test_fonts_are_embedded_and_cover_every_character(
    render: Callable[..., Rendered], lang: str, tmp_path: Path
) -> None:
    sheet = render("KZ", "x3000-tractor-6x4", KZ_TRACTOR, lang)
    fonts = pdffonts(sheet.pdf, tmp_path)
    names = [row[0].split("+")[-1] for row in fonts]
    assert fonts and all(row[-5] == "yes" for row in fonts), fonts  # "emb" column
    assert any(name.startswith("DejaVu-Sans") for name in names)
    missing = sorted({ch for ch in sheet.text if not ch.isspace() and ord(ch) not in covered()})
    assert missing == []


def test_chinese_is_set_in_the_simplified_chinese_face(
    render: Callable[..., Rendered], tmp_path: Path
) -> None:
    sheet = render("KZ", "x3000-tractor-6x4", KZ_TRACTOR, "zh")
    names = [row[0].split("+")[-1] for row in pdffonts(sheet.pdf, tmp_path)]
    assert "Noto-Sans-CJK-SC" in names
    assert not any("JP" in name or "KR" in name or "TC" in name for name in names)
    assert '<html lang="zh-Hans">' in sheet.html

"""Small SVG charts drawn on the server: the same markup goes into the page and the PDF report.

Every label passes through `esc`; numbers are formatted here. No JavaScript, no external files.
"""

from __future__ import annotations

from dataclasses import dataclass
from html import escape

from markupsafe import Markup

BAR = "#0b5cad"
BEFORE = "#9fb8d6"
INK = "#1b1f24"
MUTED = "#59636e"
GRID = "#d0d7de"
FONT = 'font-family="DejaVu Sans, Noto Sans CJK SC, sans-serif"'  # CJK for Chinese titles


@dataclass(frozen=True)
class Bar:
    label: str
    value: int
    note: str = ""  # shown above the bar, e.g. "+110.0 %"


@dataclass(frozen=True)
class Pair:
    label: str
    value: int
    previous: int


def esc(text: object) -> str:
    return escape(str(text), quote=True)


def units(n: int) -> str:
    return f"{n:,}"


def pct(change: float | None, missing: str = "n/a") -> str:
    """A change in per cent; `missing` (translated by the caller) when there is none."""
    return missing if change is None else f"{change:+.1f} %"


def _svg(width: int, height: int, title: str, body: list[str]) -> Markup:
    head = (
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" '
        f'width="{width}" height="{height}" role="img" aria-label="{esc(title)}" class="chart">'
        f"<title>{esc(title)}</title>"
    )
    return Markup(head + "".join(body) + "</svg>")


def _text(
    x: float, y: float, text: str, anchor: str = "middle", size: int = 12, fill: str = INK
) -> str:
    return (
        f'<text x="{x:.1f}" y="{y:.1f}" text-anchor="{anchor}" font-size="{size}" '
        f'fill="{fill}" {FONT}>{esc(text)}</text>'
    )


def _rect(x: float, y: float, w: float, h: float, fill: str, label: str) -> str:
    return (
        f'<rect x="{x:.1f}" y="{y:.1f}" width="{max(w, 0):.1f}" height="{max(h, 0):.1f}" '
        f'fill="{fill}"><title>{esc(label)}</title></rect>'
    )


def column_chart(title: str, bars: list[Bar], width: int = 640, height: int = 280) -> Markup:
    """Vertical bars (e.g. units per year), each with its value and a note above it."""
    top, bottom, side = 56, 30, 20
    plot = height - top - bottom
    body = [_text(width / 2, 18, title, size=14)]
    peak = max((b.value for b in bars), default=0) or 1
    slot = (width - 2 * side) / max(len(bars), 1)
    base = top + plot
    body.append(f'<line x1="{side}" y1="{base}" x2="{width - side}" y2="{base}" stroke="{GRID}"/>')
    for i, bar in enumerate(bars):
        h = plot * bar.value / peak
        x = side + i * slot + slot * 0.2
        body.append(_rect(x, base - h, slot * 0.6, h, BAR, f"{bar.label}: {units(bar.value)}"))
        cx = x + slot * 0.3
        body.append(_text(cx, base + 18, bar.label))
        body.append(_text(cx, base - h - 6, units(bar.value), size=11))
        if bar.note:
            body.append(_text(cx, base - h - 20, bar.note, size=10, fill=MUTED))
    return _svg(width, height, title, body)


def pair_chart(title: str, pairs: list[Pair], years: tuple[int, int], width: int = 640) -> Markup:
    """Horizontal bars, this year beside the year before, one row per market or body type."""
    row, top, label_w, right = 34, 46, 90, 70
    height = top + row * max(len(pairs), 1) + 10
    peak = max((max(p.value, p.previous) for p in pairs), default=0) or 1
    span = width - label_w - right
    body = [_text(width / 2, 18, title, size=14), *_legend(years, width)]
    for i, p in enumerate(pairs):
        y = top + i * row
        body.append(_text(label_w - 8, y + 17, p.label, anchor="end"))
        body.append(
            _rect(
                label_w,
                y + 2,
                span * p.value / peak,
                13,
                BAR,
                f"{p.label} {years[0]}: {units(p.value)}",
            )
        )
        body.append(
            _rect(
                label_w,
                y + 16,
                span * p.previous / peak,
                9,
                BEFORE,
                f"{p.label} {years[1]}: {units(p.previous)}",
            )
        )
        end = label_w + span * max(p.value, p.previous) / peak + 6
        body.append(_text(end, y + 14, units(p.value), anchor="start", size=11))
    return _svg(width, height, title, body)


def _legend(years: tuple[int, int], width: int) -> list[str]:
    x = width - 200
    return [
        _rect(x, 26, 12, 10, BAR, str(years[0])),
        _text(x + 16, 35, str(years[0]), anchor="start", size=11),
        _rect(x + 70, 26, 12, 10, BEFORE, str(years[1])),
        _text(x + 86, 35, str(years[1]), anchor="start", size=11),
    ]

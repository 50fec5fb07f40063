"""SVG building blocks for the side view: a tiny writer in millimetres (y up) and truck parts.

Styles are presentation attributes (not CSS classes) so every SVG renderer draws them alike.
"""

from __future__ import annotations

import itertools

INK = "#1b1f24"
STYLE = {
    "ground": f'stroke="{INK}" stroke-width="14"',
    "frame": 'fill="#2b2f36"',
    "bumper": f'fill="#3a3f47" stroke="{INK}" stroke-width="12"',
    "cab": f'stroke="{INK}" stroke-width="18" stroke-linejoin="round"',
    "glass": 'fill="#b9d3e8" stroke="#40566b" stroke-width="12"',
    "stripe": 'fill="#13294b" fill-opacity="0.85"',
    "door": 'fill="none" stroke="#40464e" stroke-width="10" stroke-opacity="0.6"',
    "step": 'fill="#40464e"',
    "lamp": 'fill="#f6e7a8" stroke="#7a6a2a" stroke-width="8"',
    "mirror": 'fill="#2b2f36"',
    "tyre": 'fill="#1d1f22"',
    "rim": 'fill="#a3aab3" stroke="#6b7280" stroke-width="10"',
    "hub": 'fill="#5b6068"',
    "guard": 'fill="none" stroke="#2b2f36" stroke-width="40"',
    "tank": 'fill="#c9ced6" stroke="#5b6068" stroke-width="12"',
    "steel": 'fill="#8d949e" stroke="#3a3f47" stroke-width="14"',
    "body": 'fill="#9aa3ad" stroke="#2b2f36" stroke-width="18" stroke-linejoin="round"',
    "rib": 'stroke="#5b6470" stroke-width="14"',
    "drum": 'fill="#e4e7eb" stroke="#2b2f36" stroke-width="18"',
    "belt": 'fill="none" stroke="#e8731a" stroke-width="40"',
    "wood": 'fill="#8a6a48" stroke="#4a3724" stroke-width="12"',
    "side": 'fill="#d5dae0" stroke="#3a3f47" stroke-width="14"',
    "gas": 'fill="#7fb069" stroke="#3f5f33" stroke-width="12"',
    "dim": 'stroke="#59636e" stroke-width="10" fill="none"',
    "text": 'fill="#3b434c" font-family="DejaVu Sans" font-size="210" text-anchor="middle"',
}


class Svg:
    def __init__(self, left: int, right: int, top: int, bottom: int):
        self.box = (left, -top, right - left, top + bottom)
        self.parts: list[str] = []

    def _add(self, tag: str, attrs: str, style: str, extra: str = "") -> None:
        self.parts.append(f"<{tag} {attrs} {STYLE[style]}{extra}/>")

    def rect(self, x: float, y: float, w: float, h: float, style: str, rx: float = 0) -> None:
        attrs = f'x="{x:g}" y="{-(y + h):g}" width="{w:g}" height="{h:g}" rx="{rx:g}"'
        self._add("rect", attrs, style)

    def line(self, x1: float, y1: float, x2: float, y2: float, style: str) -> None:
        self._add("line", f'x1="{x1:g}" y1="{-y1:g}" x2="{x2:g}" y2="{-y2:g}"', style)

    def circle(self, x: float, y: float, r: float, style: str) -> None:
        self._add("circle", f'cx="{x:g}" cy="{-y:g}" r="{r:g}"', style)

    def path(self, d: str, style: str, fill: str = "") -> None:
        """`d` in mm with y up: every "x,y" pair is flipped."""
        flipped = " ".join(_flip(token) for token in d.split())
        self._add("path", f'd="{flipped}"', style, f' fill="{fill}"' if fill else "")

    def text(self, x: float, y: float, number: int) -> None:
        self.parts.append(f'<text x="{x:g}" y="{-y:g}" {STYLE["text"]}>{int(number)}</text>')

    def markup(self, height_mm: float, max_width_mm: float) -> str:
        left, top, w, h = self.box
        width_mm = min(max_width_mm, height_mm * w / h)
        height_mm = width_mm * h / w
        head = (
            f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="{left} {top} {w} {h}" '
            f'width="{width_mm:.1f}mm" height="{height_mm:.1f}mm" role="img">'
        )
        return head + "".join(self.parts) + "</svg>"


def _flip(token: str) -> str:
    if "," not in token:
        return token
    letter = token[0] if token[0].isalpha() else ""
    x, y = token[len(letter) :].split(",")
    return f"{letter}{x},{-float(y):g}"


def wheel(svg: Svg, x: int, radius: int) -> None:
    svg.path(
        f"M{x - radius - 120},{radius + 50} Q{x},{2 * radius + 260} {x + radius + 120},"
        f"{radius + 50}",
        "guard",
    )
    svg.circle(x, radius, radius, "tyre")
    svg.circle(x, radius, radius * 0.58, "rim")
    svg.circle(x, radius, radius * 0.2, "hub")


def fifth_wheel(svg: Svg, x: int) -> None:
    svg.rect(x - 500, 1180, 1000, 110, "steel")
    svg.path(f"M{x - 420},{1290} L{x - 300},{1420} L{x + 300},{1420} L{x + 420},{1290} Z", "steel")


def fuel_tank(svg: Svg, x: int, length: int) -> None:
    svg.rect(x, 420, length, 440, "tank", rx=120)
    svg.line(x + 150, 640, x + length - 150, 640, "dim")


def cng_rack(svg: Svg, x: int, width: int) -> None:
    for i in range(3):
        svg.rect(x + i * width / 3 + 20, 1200, width / 3 - 40, 1750, "gas", rx=100)


def dump_body(svg: Svg, start: int, end: int, option: str, roof: int) -> None:
    height = {"u-body-25m3": 1400, "u-body-30m3": 1650}.get(option, 1850)
    floor = 1330
    top = floor + height
    svg.rect(start - 200, 1180, 160, 900, "steel")  # hoist
    svg.path(
        f"M{start - 450},{top} L{start - 450},{top + 120} L{start + 200},{top + 120} "
        f"L{start + 200},{top} Z",
        "body",
    )  # cab guard
    if option.startswith("u-body"):
        svg.path(
            f"M{start},{top} L{start},{floor + 250} Q{start},{floor} {start + 400},{floor} "
            f"L{end - 500},{floor} L{end},{floor + 500} L{end},{top} Z",
            "body",
        )
        svg.line(start + 150, top - 300, end - 150, top - 300, "rib")
        return
    svg.rect(start, floor, end - start, height, "body")
    for x in range(start + 700, end - 200, 700):
        svg.line(x, floor + 40, x, top - 40, "rib")


def mixer_drum(svg: Svg, start: int, end: int) -> None:
    length = end - start - 300
    a, m, b = start + 200, start + 200 + int(length * 0.45), start + 200 + length

    def centre(x: int) -> float:
        return 2150 + (x - a) * 0.12

    svg.rect(a + 150, 1180, 250, centre(a + 250) - 1180 - 400, "steel")  # front pedestal
    svg.rect(b - 900, 1180, 300, centre(b - 750) - 1180 - 450, "steel")  # rear pedestal
    svg.path(
        f"M{a},{centre(a) + 480} Q{a + 250},{centre(a) + 1050} {m},{centre(m) + 1100} "
        f"L{b},{centre(b) + 430} L{b},{centre(b) - 430} L{m},{centre(m) - 1100} "
        f"Q{a + 250},{centre(a) - 1050} {a},{centre(a) - 480} Z",
        "drum",
    )
    for frac in (0.3, 0.55, 0.78):
        x = a + int(length * frac)
        half = 1050 if frac < 0.5 else 1050 - (frac - 0.45) * 1500
        svg.line(x - 120, centre(x) - half, x + 120, centre(x) + half, "belt")
    svg.path(
        f"M{b - 250},{centre(b) + 430} L{b - 500},{centre(b) + 950} "
        f"L{b + 150},{centre(b) + 950} L{b + 50},{centre(b) + 430} Z",
        "steel",
    )  # hopper


def platform(svg: Svg, start: int, end: int) -> None:
    svg.rect(start, 1180, end - start, 160, "wood")
    svg.rect(start, 1340, end - start, 700, "side")
    svg.rect(start, 1340, 90, 1350, "steel")  # headboard
    for x in range(start + 1200, end - 300, 1200):
        svg.line(x, 1360, x, 2020, "rib")


def dimensions(svg: Svg, axles: tuple[int, ...], front: int, rear: int) -> None:
    y = -380
    svg.line(axles[0], y, axles[-1], y, "dim")
    for x in axles:
        svg.line(x, y - 120, x, y + 120, "dim")
    for left, right in itertools.pairwise(axles):
        svg.text((left + right) / 2, y + 60, right - left)
    y2 = -1000
    svg.line(front, y2, rear, y2, "dim")
    for x in (front, rear):
        svg.line(x, y2 - 120, x, y2 + 120, "dim")
    svg.text((front + rear) / 2, y2 + 60, rear - front)

"""A side-view drawing of the truck as inline SVG, generated from the model and its options.

Axle count and spacing come from the wheelbase ("1800+3775+1400"), the cab from the `cab` option,
the body from the model's body type and the `body` option, the cab colour from `paint`.
Coordinates are millimetres: x from the front axle backwards, y up from the ground; the SVG
flips y. Only numbers and fixed colours reach the markup, never text from a user.
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass

from markupsafe import Markup

from ..rulebook.model import Model
from .shapes import (
    Svg,
    cng_rack,
    dimensions,
    dump_body,
    fifth_wheel,
    fuel_tank,
    mixer_drum,
    platform,
    wheel,
)

HEIGHT_MM = 46  # printed height on the page; the width follows the truck's length
MAX_WIDTH_MM = 86  # the right-hand column beside the document facts
PAINT = {
    "white": "#eef0f3",
    "red": "#c8102e",
    "yellow": "#f2b705",
    "blue": "#1f4e9c",
    "orange": "#e8731a",
}
TYRE_RADIUS = {"12.00R20": 560, "315/80R22.5": 536, "315/70R22.5": 510, "14.00R20": 620}
CAB = {  # length, roof height (mm)
    "flat-roof": (2300, 3250),
    "high-roof": (2300, 3850),
    "day-cab": (1700, 2950),
}


@dataclass(frozen=True)
class Layout:
    axles: tuple[int, ...]  # x of every axle, the first at 0
    radius: int
    front: int  # x of the front bumper (negative)
    cab_length: int
    roof: int
    body_start: int
    rear: int  # x of the rear end

    @property
    def width(self) -> int:
        return self.rear - self.front


def axle_positions(wheelbase: str, axles: int) -> tuple[int, ...]:
    """ "3175+1400" -> (0, 3175, 4575); a single unreadable figure falls back to 4000 mm spans."""
    spans = [int(p) for p in wheelbase.split("+") if p.strip().isdigit()]
    if len(spans) != max(axles - 1, 1):
        spans = [4000] + [1350] * (max(axles, 2) - 2)
    xs = [0]
    for span in spans:
        xs.append(xs[-1] + span)
    return tuple(xs)


def layout(model: Model, values: dict[str, str]) -> Layout:
    axles = axle_positions(str(model.attr("wheelbase") or ""), int(model.attr("axles") or 2))
    length, roof = CAB.get(values.get("cab", ""), CAB["flat-roof"])
    front = -1300 if model.attr("platform") == "L3000" else -1450
    body_start = front + length + 250
    if values.get("fuel_tank") == "cng-8x150":
        body_start += 800
    overhang = {"tractor": 900, "dump": 1200, "mixer": 1600, "cargo": 1700}
    rear = axles[-1] + overhang.get(str(model.attr("body")), 1200)
    radius = TYRE_RADIUS.get(values.get("tyres", ""), 540)
    return Layout(axles, radius, front, length, roof, body_start, rear)


def side_view(model: Model, values: dict[str, str]) -> Markup:
    lay = layout(model, values)
    svg = Svg(lay.front - 250, lay.rear + 250, top=lay.roof + 150, bottom=1250)
    svg.line(lay.front - 250, 0, lay.rear + 250, 0, "ground")
    svg.rect(lay.front + 350, 880, lay.rear - lay.front - 350, 300, "frame")
    _tank(svg, lay, values)
    _body(svg, lay, model, values)
    _cab(svg, lay, PAINT.get(values.get("paint", ""), PAINT["white"]))
    for x in lay.axles:
        wheel(svg, x, lay.radius)
    dimensions(svg, lay.axles, lay.front, lay.rear)
    return Markup(svg.markup(HEIGHT_MM, MAX_WIDTH_MM))


def _tank(svg: Svg, lay: Layout, values: dict[str, str]) -> None:
    if values.get("fuel_tank") == "cng-8x150":
        cng_rack(svg, lay.front + lay.cab_length + 150, 700)
        return
    gaps = list(itertools.pairwise(lay.axles))
    start, end = max(gaps, key=lambda pair: pair[1] - pair[0])
    room = end - start - 2 * lay.radius - 500
    if room > 400:
        fuel_tank(svg, start + lay.radius + 250, min(room, 1500))


def _body(svg: Svg, lay: Layout, model: Model, values: dict[str, str]) -> None:
    body = str(model.attr("body"))
    if body == "tractor":
        rear = lay.axles[-2:] if len(lay.axles) > 2 else lay.axles[-1:]
        fifth_wheel(svg, sum(rear) // len(rear) - 250)
    elif body == "dump":
        option = values.get("body", "u-body-25m3")
        dump_body(svg, lay.body_start, lay.rear, option, lay.roof)
    elif body == "mixer":
        mixer_drum(svg, lay.body_start, lay.rear)
    else:
        platform(svg, lay.body_start, lay.rear)


def _cab(svg: Svg, lay: Layout, paint: str) -> None:
    x, length, top = lay.front, lay.cab_length, lay.roof
    floor = 1000
    svg.rect(x - 40, 450, 520, 520, "bumper")
    svg.path(
        f"M{x},{floor} L{x},{floor + 1050} L{x + 230},{top - 180} Q{x + 270},{top} {x + 470},{top} "
        f"L{x + length},{top} L{x + length},{floor} Z",
        "cab",
        fill=paint,
    )
    svg.path(
        f"M{x + 45},{floor + 1250} L{x + 215},{top - 300} L{x + 1050},{top - 300} "
        f"L{x + 1050},{floor + 1250} Z",
        "glass",
    )
    svg.rect(x + 150, floor + 120, 950, top - floor - 330, "door")
    svg.rect(x + 8, floor + 880, length - 16, 90, "stripe")
    svg.rect(x + 880, floor + 1000, 160, 45, "step")  # door handle
    svg.rect(x + length + 40, floor + 500, 130, top - floor - 650, "steel", rx=50)  # air intake
    svg.rect(x + 350, floor - 330, 500, 70, "step")
    svg.rect(x - 25, 980, 150, 160, "lamp")
    svg.rect(x - 170, floor + 1350, 90, 520, "mirror")
    if length > 2000:  # sleeper cab: small bunk window behind the door
        svg.rect(x + 1300, top - 900, 600, 300, "glass")

"""The three charts of the plan, drawn with reportlab.graphics only: Pareto, impact/effort matrix, pain radar.

Each function takes plain numbers and labels (already translated) and returns a ``Drawing``; none of
them reads the questionnaire or the assessment, so they are easy to test and to reuse.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from reportlab.graphics.shapes import Circle, Drawing, Group, Line, Polygon, PolyLine, Rect, String
from reportlab.pdfbase.pdfmetrics import stringWidth

from app.domain.results import MATRIX_POINTS
from app.report.markup import plain
from app.report.styles import COLOURS, SIZES

MAX_BARS = 25
MAX_POINTS = MATRIX_POINTS  # the window draws as many (app.domain.results)


@dataclass(frozen=True)
class Bar:
    """One task of the Pareto chart."""

    label: str
    hours: float
    cumulative: float  # 0–1 share of all hours up to and including this task
    focus: bool


@dataclass(frozen=True)
class Point:
    """One measure of the matrix: ``number`` refers to the list printed under the chart."""

    number: int
    ease: float
    hours: float
    premature: bool


def nice_step(top: float, ticks: int = 5) -> float:
    """A 1-2-5 step so that about ``ticks`` steps cover ``top``."""
    if top <= 0:
        return 1.0
    raw = top / ticks
    power = 10 ** math.floor(math.log10(raw))
    return float(next(m * power for m in (1, 2, 2.5, 5, 10) if m * power >= raw))


def _text(x: float, y: float, s: str, font: str, size: float, *, anchor: str = "start",
          colour: object = None) -> String:
    return String(x, y, plain(s), fontName=font, fontSize=size, textAnchor=anchor,
                  fillColor=colour or COLOURS["ink"])


def _fitting(text: str, font: str, size: float, width: float, floor: float = 4.5) -> float:
    """``size``, or smaller (not below ``floor``) so that ``text`` fits ``width``: big figures stay on their bar."""
    w = stringWidth(text, font, size)
    return size if w <= width else max(floor, size * width / w)


def _fmt(v: float) -> str:
    return f"{v:,.0f}" if v >= 10 or v == int(v) else f"{v:g}"


def pareto_rest(bars: Sequence[Bar]) -> tuple[list[Bar], Bar | None]:
    """The bars drawn one by one (the ``MAX_BARS`` largest) and, past them, one bar for all the others.

    The rest bar carries the exact sum of the others' hours (nothing counted twice, nothing lost) and the
    cumulative share of the last task, so the line still ends at 100 %.
    """
    if len(bars) <= MAX_BARS:
        return list(bars), None
    rest = bars[MAX_BARS:]
    return list(bars[:MAX_BARS]), Bar("", sum(b.hours for b in rest), rest[-1].cumulative, False)


def pareto_chart(bars: Sequence[Bar], width: float, height: float, font: str, *, coverage: float,
                 unit_label: str, cumulative_label: str, legend: tuple[str, str],
                 rest_label: tuple[str, str] = ("", "")) -> Drawing:
    """Bars of annual hours by task (focus tasks dark) with the cumulative share as a line on a 0–100 % axis.

    Past ``MAX_BARS`` tasks the others are one last bar, labelled with the two lines of ``rest_label``
    (「その他」, 「9,975業務」), hatched, and cut with a break mark when it is taller than the chart, its
    hours printed on it: the scale stays that of the tasks shown.
    """
    d = Drawing(width, height)
    fs = SIZES["figure"]
    shown, rest = pareto_rest(bars)
    left, right, bottom, top = 40.0, 34.0, 16.0 + (fs + 1 if rest else 0.0), 22.0
    pw, ph = width - left - right, height - bottom - top
    vmax = max((b.hours for b in shown), default=0.0)
    step = nice_step(vmax)
    ymax = step * max(1, math.ceil(vmax * 1.06 / step))  # headroom: the tallest bar never touches the legend
    # axes and grid
    for i in range(round(ymax / step) + 1):
        y = bottom + ph * (i * step / ymax)
        d.add(Line(left, y, left + pw, y, strokeColor=COLOURS["grid"], strokeWidth=0.3))
        d.add(_text(left - 3, y - fs / 3, _fmt(i * step), font, fs, anchor="end"))
    for pct in (0, 25, 50, 75, 100):
        y = bottom + ph * pct / 100
        d.add(_text(left + pw + 3, y - fs / 3, f"{pct}%", font, fs))
    d.add(_text(left - 3, bottom + ph + 6, unit_label, font, fs, anchor="end"))
    d.add(_text(left + pw + 3, bottom + ph + 6, cumulative_label, font, fs))
    d.add(Line(left, bottom, left + pw, bottom, strokeColor=COLOURS["ink"], strokeWidth=0.6))
    d.add(Line(left, bottom, left, bottom + ph, strokeColor=COLOURS["ink"], strokeWidth=0.6))
    d.add(Line(left + pw, bottom, left + pw, bottom + ph, strokeColor=COLOURS["ink"], strokeWidth=0.6))
    slots = len(shown) + (2 if rest else 0)  # the rest bar gets two slots: its label has two words
    slot = pw / max(slots, 1)
    bw = slot * 0.7
    points: list[float] = []
    for i, b in enumerate(shown):
        x = left + slot * i + (slot - bw) / 2
        h = ph * (b.hours / ymax) if ymax else 0.0
        fill = COLOURS["bar_focus"] if b.focus else COLOURS["bar_other"]
        d.add(Rect(x, bottom, bw, h, fillColor=fill, strokeColor=COLOURS["ink"], strokeWidth=0.3))
        d.add(_text(x + bw / 2, bottom - fs - 2, b.label, font, fs, anchor="middle"))
        points += [x + bw / 2, bottom + ph * b.cumulative]
    if rest is not None:
        x, w = left + slot * len(shown) + (slot - bw) / 2, 2 * slot - (slot - bw)
        points += [x + w / 2, bottom + ph * rest.cumulative]
        _rest_bar(d, rest.hours, x=x, w=w, bottom=bottom, ph=ph, ymax=ymax, font=font, label=rest_label)
    # the coverage guide over the bars: many tasks of similar size made every bar taller than it, and the bars,
    # drawn after it, hid it
    gy = bottom + ph * coverage
    d.add(Line(left, gy, left + pw, gy, strokeColor=COLOURS["ink"], strokeWidth=0.6, strokeDashArray=[2, 2]))
    if points:
        d.add(PolyLine(points, strokeColor=COLOURS["line"], strokeWidth=1.0))
        for i in range(0, len(points), 2):
            d.add(Rect(points[i] - 1.6, points[i + 1] - 1.6, 3.2, 3.2, fillColor=COLOURS["white"],
                       strokeColor=COLOURS["line"], strokeWidth=0.8))
    # legend: dark / light swatches and the line, so colour is never the only cue
    lx, ly = left, height - 10
    for label, fill in ((legend[0], COLOURS["bar_focus"]), (legend[1], COLOURS["bar_other"])):
        d.add(Rect(lx, ly, 8, 6, fillColor=fill, strokeColor=COLOURS["ink"], strokeWidth=0.3))
        d.add(_text(lx + 11, ly, label, font, fs))
        lx += 16 + len(label) * fs
    d.add(Line(lx, ly + 3, lx + 14, ly + 3, strokeColor=COLOURS["line"], strokeWidth=1.0))
    d.add(Rect(lx + 5.4, ly + 1.4, 3.2, 3.2, fillColor=COLOURS["white"], strokeColor=COLOURS["line"], strokeWidth=0.8))
    d.add(_text(lx + 17, ly, cumulative_label, font, fs))
    lx += 24 + len(cumulative_label) * fs
    d.add(Line(lx, ly + 3, lx + 14, ly + 3, strokeColor=COLOURS["ink"], strokeWidth=0.6, strokeDashArray=[2, 2]))
    d.add(_text(lx + 17, ly, f"{coverage * 100:.0f}%", font, fs))
    return d


def _rest_bar(d: Drawing, hours: float, *, x: float, w: float, bottom: float, ph: float, ymax: float, font: str,
              label: tuple[str, str]) -> None:
    """The one bar of every task not drawn: white with grey hatching, its hours on it, cut if off the scale."""
    fs = SIZES["figure"]
    full = ph * (hours / ymax) if ymax else 0.0
    cut = full > ph
    h = ph if cut else full
    group = Group()
    group.add(Rect(x, bottom, w, h, fillColor=COLOURS["white"], strokeColor=COLOURS["ink"], strokeWidth=0.5))
    k = 4.0
    while k < h + w:  # 45° hatching inside the bar
        x0, y0 = x + max(0.0, k - h), bottom + min(k, h)
        x1, y1 = x + min(w, k), bottom + max(0.0, k - w)
        group.add(Line(x0, y0, x1, y1, strokeColor=COLOURS["grid"], strokeWidth=0.4))
        k += 4.0
    d.add(group, name="rest_bar")
    if cut:  # a break mark: a white gap between two slanted ink lines across the bar near its top
        y0 = bottom + h - 14
        d.add(Polygon([x - 2, y0 - 2, x + w + 2, y0 + 2, x + w + 2, y0 + 6, x - 2, y0 + 2],
                      fillColor=COLOURS["white"], strokeColor=None))
        for dy in (0.0, 4.0):
            d.add(Line(x - 2, y0 - 2 + dy, x + w + 2, y0 + 2 + dy, strokeColor=COLOURS["ink"], strokeWidth=0.6))
    # The figure sits low in the bar, where the cumulative line (which ends at its top) never passes.
    value_y = bottom + 3 if cut or h > 3 * fs else bottom + h + 2
    value = _fmt(hours)
    size = _fitting(value, font, fs - 0.5, w - 2)
    tw = stringWidth(value, font, size)
    d.add(Rect(x + w / 2 - tw / 2 - 1, value_y - 2, tw + 2, size + 2.5, fillColor=COLOURS["white"], strokeColor=None))
    d.add(_text(x + w / 2, value_y, value, font, size, anchor="middle"))
    d.add(_text(x + w / 2, bottom - fs - 2, label[0], font, fs, anchor="middle"))
    d.add(_text(x + w / 2, bottom - 2 * fs - 3, label[1], font, fs, anchor="middle"))


def _log_scale(lo: float, hi: float, bottom: float, ph: float) -> tuple[float, float]:
    return math.log10(lo), (math.log10(hi) - math.log10(lo)) / ph if ph else 1.0


EASE_RANGE = (0.8, 5.2)  # padded beyond the 1–5 scale so a marker at 1 or 5 is drawn whole inside the frame
MARKER_RADIUS = 5.5


def matrix_chart(points: Sequence[Point], width: float, height: float, font: str, *, ease_cut: float,
                 hours_cut: float, labels: dict[str, str], axis_x: str, axis_y: str) -> Drawing:
    """Impact (hours saved, log scale) against ease (1–5), the four quadrants shaded and named.

    ``labels`` maps quick_win / major_project / fill_in / not_now to their printed names.
    Premature measures are drawn as squares, the others as circles; each carries its number.
    The drawing's ``plot`` (the frame), ``quadrant_labels`` and ``markers`` are named children, so
    tests can check that every marker lies inside the frame and clear of the quadrant names.
    """
    d = Drawing(width, height)
    fs = SIZES["figure"]
    title = SIZES["h2"]
    left, right, bottom, top = 46.0, 10.0, 26.0, 8.0
    pw, ph = width - left - right, height - bottom - top
    radius = MARKER_RADIUS
    # The quadrant names sit in bands along the top and bottom edges; the hour scale is drawn between
    # the bands, so no marker can ever cover a name (whatever its ease).
    pad_top = 3 + title + 3 + radius + 1
    pad_bottom = 5 + title + radius + 1
    hmax = max([p.hours for p in points] + [hours_cut * 10, 100.0])
    # One decade below the smaller of the cut and the smallest point, so the chart is not half empty.
    low = min([p.hours for p in points if p.hours > 0] + [hours_cut])
    lo, hi = 10 ** math.floor(math.log10(max(low, 1.0)) - 1e-9), 10 ** math.ceil(math.log10(hmax))
    if lo >= hours_cut:
        lo /= 10
    log_lo, per_pt = _log_scale(lo, hi, bottom, ph - pad_top - pad_bottom)

    def y_of(hours: float) -> float:
        return bottom + pad_bottom + (math.log10(min(max(hours, lo), hi)) - log_lo) / per_pt

    x_lo, x_hi = EASE_RANGE

    def x_of(ease: float) -> float:
        return left + pw * (min(max(ease, 1.0), 5.0) - x_lo) / (x_hi - x_lo)

    xc, yc = x_of(ease_cut), y_of(max(hours_cut, lo))
    quads = (("major_project", left, yc, xc - left, bottom + ph - yc),
             ("quick_win", xc, yc, left + pw - xc, bottom + ph - yc),
             ("not_now", left, bottom, xc - left, yc - bottom),
             ("fill_in", xc, bottom, left + pw - xc, yc - bottom))
    for key, x, y, w, h in quads:
        d.add(Rect(x, y, w, h, fillColor=COLOURS[f"q_{key}"], strokeColor=None))
    names = Group()
    for key, x, y, w, h in quads:
        # Big quadrant names in the corner away from the centre, inside the reserved bands.
        anchor_x = x + 5 if key in ("major_project", "not_now") else x + w - 5
        anchor_y = y + h - title - 3 if key in ("major_project", "quick_win") else y + 5
        names.add(_text(anchor_x, anchor_y, labels[key], font, title,
                        anchor="start" if key in ("major_project", "not_now") else "end", colour=COLOURS["muted"]))
    d.add(names, name="quadrant_labels")
    d.add(Rect(left, bottom, pw, ph, fillColor=None, strokeColor=COLOURS["ink"], strokeWidth=0.6), name="plot")
    d.add(Line(xc, bottom, xc, bottom + ph, strokeColor=COLOURS["ink"], strokeWidth=0.9))
    d.add(Line(left, yc, left + pw, yc, strokeColor=COLOURS["ink"], strokeWidth=0.9))
    for e in (1, 2, 3, 4, 5):
        d.add(Line(x_of(e), bottom, x_of(e), bottom - 2.5, strokeColor=COLOURS["ink"], strokeWidth=0.6))
        d.add(_text(x_of(e), bottom - fs - 3, str(e), font, fs, anchor="middle"))
    d.add(_text(left + pw / 2, bottom - 2 * fs - 8, axis_x, font, fs, anchor="middle"))
    ticks = []
    decade = lo
    while decade <= hi * 1.0001:
        ticks.append(decade)
        decade *= 10
    cut_y = y_of(hours_cut)
    for value in ticks:
        y = y_of(value)
        if value != hours_cut and abs(y - cut_y) < fs + 1:
            continue  # the cut's own label wins over a decade label it would overprint
        d.add(Line(left - 2.5, y, left, y, strokeColor=COLOURS["ink"], strokeWidth=0.6))
        d.add(_text(left - 4, y - fs / 3, _fmt(value), font, fs, anchor="end"))
    if hours_cut not in ticks:
        d.add(_text(left - 4, cut_y - fs / 3, _fmt(hours_cut), font, fs, anchor="end"))
    axis = Group(_text(0, 0, axis_y, font, fs, anchor="middle"))
    axis.translate(10, bottom + ph / 2)
    axis.rotate(90)
    d.add(axis)
    d.add(_markers(points, x_of, y_of, x_min=left + radius + 1, x_max=left + pw - radius - 1, font=font),
          name="markers")
    return d


def _markers(points: Sequence[Point], x_of: Callable[[float], float], y_of: Callable[[float], float], *,
             x_min: float, x_max: float, font: str) -> Group:
    """The numbered markers, nudged sideways (right, left, further right …) until none overlaps another."""
    fs = SIZES["figure"]
    radius = MARKER_RADIUS
    step = 2 * radius + 1
    group = Group()
    placed: list[tuple[float, float]] = []
    for p in sorted(points[:MAX_POINTS], key=lambda p: p.number):
        x0, y = min(max(x_of(p.ease), x_min), x_max), y_of(p.hours)
        x = x0
        for k in range(1, 2 * MAX_POINTS + 2):
            if not any(abs(x - px) < 2 * radius and abs(y - py) < 2 * radius for px, py in placed):
                break
            candidate = x0 + step * ((k + 1) // 2) * (1 if k % 2 else -1)
            x = candidate if x_min <= candidate <= x_max else x
        placed.append((x, y))
        if p.premature:
            group.add(Rect(x - radius, y - radius, 2 * radius, 2 * radius, fillColor=COLOURS["white"],
                           strokeColor=COLOURS["ink"], strokeWidth=0.8))
        else:
            group.add(Circle(x, y, radius, fillColor=COLOURS["white"], strokeColor=COLOURS["ink"], strokeWidth=0.8))
        group.add(_text(x, y - fs / 3 - 0.3, str(p.number), font, fs - 0.5, anchor="middle"))
    return group


def radar_chart(axes: Sequence[tuple[str, float]], width: float, height: float, font: str) -> Drawing:
    """Shares (0–1) on spokes, on a fixed 0–100 % scale with rings every 25 %."""
    d = Drawing(width, height)
    fs = SIZES["figure"]
    cx, cy = width / 2, height / 2 - 2
    radius = min(width / 2 - 110, height / 2 - 22)
    n = max(len(axes), 3)

    def at(i: int, r: float) -> tuple[float, float]:
        angle = math.pi / 2 - 2 * math.pi * i / n
        return cx + r * math.cos(angle), cy + r * math.sin(angle)

    rings = (0.25, 0.5, 0.75, 1.0)
    for ring in rings:
        pts = [c for i in range(n) for c in at(i, radius * ring)]
        d.add(Polygon(pts, fillColor=None, strokeColor=COLOURS["grid"], strokeWidth=0.5 if ring < 1 else 0.8))
    for i in range(n):
        x, y = at(i, radius)
        d.add(Line(cx, cy, x, y, strokeColor=COLOURS["grid"], strokeWidth=0.4))
    values = [c for i, (_, v) in enumerate(axes) for c in at(i, radius * min(max(v, 0.0), 1.0))]
    if len(values) >= 6:
        d.add(Polygon(values, fillColor=COLOURS["q_quick_win"], strokeColor=COLOURS["accent"], strokeWidth=1.2))
        for i in range(0, len(values), 2):
            d.add(Circle(values[i], values[i + 1], 1.8, fillColor=COLOURS["accent"], strokeColor=None))
    # Ring values are drawn after the shape, so a large share never hides its own scale.
    for ring in rings:
        lx, ly = at(0, radius * ring)
        d.add(_text(lx - 2, ly - 0.5, f"{ring * 100:.0f}%", font, fs - 1, anchor="end", colour=COLOURS["muted"]))
    leading = fs * 1.2
    for i, (label, v) in enumerate(axes):
        x, y = at(i, radius + 8)
        dx = x - cx
        anchor = "middle" if abs(dx) < 4 else ("start" if dx > 0 else "end")
        # the room beside the spoke's end, to the drawing's edge: a long (English) label takes two lines there
        room = 2 * min(x, width - x) if anchor == "middle" else (width - x if anchor == "start" else x) - 2
        lines = radar_label_lines(plain(label), f" {v * 100:.0f}%", font, fs, room)
        if y > cy + radius * 0.9:  # above the top spoke: the lines stack upwards
            first = y + 2 + leading * (len(lines) - 1)
        elif y < cy - radius * 0.9:  # below the bottom spoke
            first = y - fs
        else:  # beside a spoke: centred on it
            first = y - fs / 3 + leading * (len(lines) - 1) / 2
        for row, text in enumerate(lines):
            d.add(_text(x, first - row * leading, text, font, fs, anchor=anchor))
    return d


def radar_label_lines(label: str, figure: str, font: str, size: float, room: float, *, most: int = 2) -> list[str]:
    """A spoke's label and its figure (「 67%」) on one line when they fit ``room``, else broken by the Japanese
    rules onto at most ``most`` lines; only a label longer than those lines is cut (with 「…」)."""
    whole = label + figure
    if stringWidth(whole, font, size) <= room:
        return [whole]
    from app.report.kinsoku import word_split

    lines = [text.strip() for _, text in word_split(whole, [max(room, size)], font, size)]
    if len(lines) <= most:
        return lines
    kept = lines[:most]
    last = kept[-1]
    while last and stringWidth(last + "…" + figure, font, size) > room:
        last = last[:-1].rstrip()
    kept[-1] = last + "…" + figure
    return kept


def monthly_chart(values: Sequence[float], labels: Sequence[str], peaks: Sequence[bool], *, width: float,
                  height: float, font: str, unit_label: str) -> Drawing:
    """Twelve bars of hours per month (April first); peak months dark, each bar labelled with its hours."""
    d = Drawing(width, height)
    fs = SIZES["figure"]
    left, right, bottom, top = 40.0, 10.0, 16.0, 14.0
    pw, ph = width - left - right, height - bottom - top
    vmax = max(values, default=0.0)
    step = nice_step(vmax)
    ymax = step * max(1, math.ceil(vmax * 1.12 / step))
    for i in range(round(ymax / step) + 1):
        y = bottom + ph * (i * step / ymax)
        d.add(Line(left, y, left + pw, y, strokeColor=COLOURS["grid"], strokeWidth=0.3))
        d.add(_text(left - 3, y - fs / 3, _fmt(i * step), font, fs, anchor="end"))
    d.add(_text(left - 3, bottom + ph + 5, unit_label, font, fs, anchor="end"))
    d.add(Line(left, bottom, left + pw, bottom, strokeColor=COLOURS["ink"], strokeWidth=0.6))
    slot = pw / max(len(values), 1)
    bw = slot * 0.66
    for i, (v, label, peak) in enumerate(zip(values, labels, peaks, strict=True)):
        x = left + slot * i + (slot - bw) / 2
        h = ph * (v / ymax) if ymax else 0.0
        fill = COLOURS["bar_focus"] if peak else COLOURS["bar_other"]
        d.add(Rect(x, bottom, bw, h, fillColor=fill, strokeColor=COLOURS["ink"], strokeWidth=0.3))
        d.add(_text(x + bw / 2, bottom - fs - 2, label, font, fs, anchor="middle"))
        d.add(_text(x + bw / 2, bottom + h + 2, _fmt(v), font, _fitting(_fmt(v), font, fs - 0.5, slot - 4),
                    anchor="middle"))
    return d

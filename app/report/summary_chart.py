"""The ward summary's bar chart: the departments with the most potential, the rest summed in one line.

A chart of 300 departments cannot be read (and a drawing taller than a page cannot be laid out), so the
chart shows the ``MAX_CHART_ROWS`` departments with the highest potential and one line for all the
others together; the department table and the exports carry every department.
"""

from __future__ import annotations

from dataclasses import dataclass

from reportlab.graphics.shapes import Drawing, Line, Rect, String
from reportlab.lib.units import mm

from app.domain.aggregate import WardSummary
from app.report.followup_strings import text
from app.report.formats import number
from app.report.markup import plain
from app.report.styles import COLOURS, SIZES

MAX_CHART_ROWS = 25


@dataclass(frozen=True)
class ChartRow:
    """One bar: a department (its sections summed) or the rest."""

    label: str
    potential: float
    realised: float
    rest: bool = False


def chart_rows(s: WardSummary, lang: str, limit: int = MAX_CHART_ROWS) -> list[ChartRow]:
    """The top ``limit`` departments by potential (input order breaks ties) and, if any are left, the rest."""
    deps = [ChartRow(d.department, d.total("potential_hours"), d.total("realised_hours")) for d in s.by_department()]
    ranked = sorted(range(len(deps)), key=lambda i: (-deps[i].potential, i))
    top = [deps[i] for i in ranked[:limit]]
    rest = [deps[i] for i in ranked[limit:]]
    if rest:
        top.append(ChartRow(text("sum_chart_rest", lang, count=len(rest)), sum(r.potential for r in rest),
                            sum(r.realised for r in rest), rest=True))
    return top


def summary_chart(s: WardSummary, width: float, font: str, lang: str) -> Drawing:
    """Horizontal bars: potential (light, outlined) with realised (dark) drawn over it; the rest as text only.

    The rest is a sum over many departments: drawn to the same scale it would dwarf every bar, so its
    figures are printed without a bar.
    """
    fs = SIZES["figure"] + 0.5
    label_w, row_h = 34 * mm, 7.5 * mm
    rows = chart_rows(s, lang)
    height = row_h * len(rows) + 14 * mm
    d = Drawing(width, height)
    bars = [r for r in rows if not r.rest]
    top = max([x.potential for x in bars] + [x.realised for x in bars] + [1.0])
    plot_w = width - label_w - 30 * mm
    base_y = 10 * mm
    for i, row in enumerate(reversed(rows)):
        y = base_y + i * row_h
        d.add(String(label_w - 2, y + 2.2 * mm, plain(row.label, 14), fontName=font, fontSize=fs, textAnchor="end"))
        value = f"{number(row.potential, 0)} / {number(row.realised, 0)}"
        if row.rest:
            d.add(String(label_w + 2, y + 2.2 * mm, value + "  " + text("sum_chart_rest_note", lang), fontName=font,
                         fontSize=fs))
            continue
        pw = plot_w * row.potential / top
        rw = plot_w * row.realised / top
        d.add(Rect(label_w, y + 1 * mm, pw, 5 * mm, fillColor=COLOURS["bar_other"], strokeColor=COLOURS["rule"],
                   strokeWidth=0.5))
        d.add(Rect(label_w, y + 2.2 * mm, rw, 2.6 * mm, fillColor=COLOURS["bar_focus"], strokeColor=None))
        d.add(String(label_w + pw + 2, y + 2.2 * mm, value, fontName=font, fontSize=fs))
    d.add(Line(label_w, base_y - 1, label_w, height - 8 * mm, strokeColor=COLOURS["ink"], strokeWidth=0.6))
    # key, drawn at the top: the two bars differ in height and shade, so neither depends on colour
    ky = height - 5 * mm
    d.add(Rect(label_w, ky, 8 * mm, 3.5 * mm, fillColor=COLOURS["bar_other"], strokeColor=COLOURS["rule"],
               strokeWidth=0.5))
    d.add(String(label_w + 10 * mm, ky + 0.8 * mm, text("sum_chart_potential", lang), fontName=font, fontSize=fs))
    d.add(Rect(label_w + 40 * mm, ky + 0.5 * mm, 8 * mm, 2.5 * mm, fillColor=COLOURS["bar_focus"], strokeColor=None))
    d.add(String(label_w + 50 * mm, ky + 0.8 * mm, text("sum_chart_realised", lang), fontName=font, fontSize=fs))
    return d

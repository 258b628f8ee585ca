"""The pain radar's spoke labels are shown whole when there is room (English ones were cut at 22 characters with
「…」: 「Paper reception and s… 67%」), on two lines when one is too long, and never past the drawing's edges."""

from __future__ import annotations

from reportlab.graphics.shapes import String
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth

from app.report import charts
from app.report.fonts import register_fonts

FONT = register_fonts()
ENGLISH = ["Paper reception and storage", "Retyping / double entry", "Seals (hanko)", "Residents must visit",
           "Many phone or email inquiries", "Handling cash", "Many meetings or trips", "Depends on one person",
           "Queries and data requests to other departments", "Concentrated in peak periods"]


def strings(drawing: object) -> list[String]:
    return [s for s in drawing.contents if isinstance(s, String)]  # type: ignore[attr-defined]


def extent(s: String) -> tuple[float, float]:
    w = stringWidth(s.text, s.fontName, s.fontSize)
    left = {"start": s.x, "middle": s.x - w / 2, "end": s.x - w}[s.textAnchor]
    return left, left + w


def test_english_labels_are_shown_whole_within_the_drawing() -> None:
    width = 170 * mm  # the plan's frame
    axes = [(label, (n % 4) / 4) for n, label in enumerate(ENGLISH)]
    drawing = charts.radar_chart(axes, width, 74 * mm, FONT)
    shown = " ".join(s.text for s in strings(drawing))  # a label's lines are drawn one after the other
    assert "…" not in shown
    for label in ENGLISH:
        assert label in shown
    for s in strings(drawing):
        left, right = extent(s)
        assert left >= 0 and right <= width, s.text


def test_a_label_too_long_for_its_room_takes_two_lines() -> None:
    size = 7.0
    room = stringWidth("Queries and data requests", FONT, size) + 1
    lines = charts.radar_label_lines("Queries and data requests to other departments", " 17%", FONT, size, room)
    assert lines == ["Queries and data requests", "to other departments 17%"]
    assert charts.radar_label_lines("Seals (hanko)", " 0%", FONT, size, room) == ["Seals (hanko) 0%"]
    # Japanese by the line-breaking rules: 「・」 never starts the second line
    lines = charts.radar_label_lines("紙の受付・保管", "", FONT, size, stringWidth("紙の受付", FONT, size) + 1)
    assert lines == ["紙の受", "付・保管"]


def test_only_a_label_longer_than_two_lines_is_cut() -> None:
    size = 7.0
    room = stringWidth("Queries and", FONT, size) + 1
    lines = charts.radar_label_lines("Queries and data requests to other departments", " 17%", FONT, size, room)
    assert len(lines) == 2 and lines[-1].endswith("… 17%")
    assert all(stringWidth(line, FONT, size) <= room for line in lines)

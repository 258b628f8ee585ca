"""Custom flowables and the page furniture: check boxes, the boxed list, and the "n / N" footer canvas."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Flowable, Table, TableStyle

from app.report.markup import plain
from app.report.styles import COLOURS, FOOTER_OFFSET_MM, MARGINS_MM, PAGE_SIZE, SIZES


class CheckBox(Flowable):  # type: ignore[misc]  # reportlab ships no type hints
    """An empty square to tick by hand at the meeting (drawn, so it never depends on a glyph)."""

    def __init__(self, size: float = 3.6 * mm) -> None:
        super().__init__()
        self.size = size
        self.width = size
        self.height = size

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        """Fixed size."""
        return self.size, self.size

    def draw(self) -> None:
        """A thin black square."""
        self.canv.setStrokeColor(COLOURS["ink"])
        self.canv.setLineWidth(0.8)
        self.canv.rect(0, 0, self.size, self.size, stroke=1, fill=0)


def boxed(rows: Sequence[Sequence[Any]], width: float, background: Any = None, *, font: str,
          border: float = 1.6, border_colour: Any = None) -> Table:
    """A framed block (the 「まずはこの3つから」 box): a thick border, a light fill, kept on one page.

    Secondary boxes pass a thinner grey ``border`` so the quick wins stay the strongest thing on the page.
    """
    table = Table([list(r) for r in rows], colWidths=[width])
    table.setStyle(TableStyle([
        ("FONTNAME", (0, 0), (-1, -1), font),
        ("BOX", (0, 0), (-1, -1), border, border_colour if border_colour is not None else COLOURS["accent"]),
        ("BACKGROUND", (0, 0), (-1, -1), background if background is not None else COLOURS["box_bg"]),
        ("LEFTPADDING", (0, 0), (-1, -1), 4 * mm),
        ("RIGHTPADDING", (0, 0), (-1, -1), 4 * mm),
        ("TOPPADDING", (0, 0), (-1, -1), 1.2 * mm),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 1.2 * mm),
        ("TOPPADDING", (0, 0), (-1, 0), 3 * mm),
        ("BOTTOMPADDING", (0, -1), (-1, -1), 3 * mm),
    ]))
    table.keepWithNext = False
    return table


class PageRefs:
    """Page numbers known only at the end of the build (the contents list on the cover), filled in at save.

    A :class:`PageRef` on the cover records where its number goes; each section heading records its page
    (``found``); the canvas draws ``label(page)`` at every place once the whole plan is laid out.
    """

    def __init__(self, label: Callable[[int], str]) -> None:
        self.label = label
        self.found: dict[str, int] = {}
        self.places: list[tuple[int, float, float, str]] = []  # (page, x, y, key)

    def on_page(self, page: int) -> list[tuple[float, float, str]]:
        """The texts to draw on ``page``: (right x, baseline y, text)."""
        return [(x, y, self.label(self.found[key])) for p, x, y, key in self.places if p == page and key in self.found]


class PageRef(Flowable):  # type: ignore[misc]  # reportlab ships no type hints
    """An empty line-high cell that remembers where the page number of section ``key`` is to be drawn."""

    def __init__(self, refs: PageRefs, key: str, height: float) -> None:
        super().__init__()
        self.refs, self.key, self.height = refs, key, height

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        self.width = avail_width
        return avail_width, self.height

    def draw(self) -> None:
        x, y = self.canv.absolutePosition(self.width, 0)
        self.refs.places.append((self.canv.getPageNumber(), x, y, self.key))


def numbered_canvas(font: str, footer_left: str, page_label: Callable[[int, int], str],
                    refs: PageRefs | None = None) -> type[Canvas]:
    """A canvas class that draws the footer (``footer_left`` and ``page_label(n, N)``) once N is known.

    Pages are kept until ``save`` so the total is printed on every page in a single build pass
    (a second layout pass would double the rendering time); ``refs`` page numbers are drawn then too.
    """
    left_text = plain(footer_left, 60)

    class NumberedCanvas(Canvas):  # type: ignore[misc]  # reportlab ships no type hints
        def __init__(self, *args: Any, **kwargs: Any) -> None:
            super().__init__(*args, **kwargs)
            self._pages: list[dict[str, Any]] = []

        def showPage(self) -> None:  # noqa: N802 - reportlab's method name
            self._pages.append(dict(self.__dict__))
            self._startPage()

        def save(self) -> None:
            total = len(self._pages)
            for state in self._pages:
                self.__dict__.update(state)
                self._footer(total)
                super().showPage()
            super().save()

        def _footer(self, total: int) -> None:
            w, _ = PAGE_SIZE
            y = FOOTER_OFFSET_MM * mm
            self.saveState()
            self.setStrokeColor(COLOURS["rule"])
            self.setLineWidth(0.4)
            self.line(MARGINS_MM["left"] * mm, y + SIZES["footer"] + 2, w - MARGINS_MM["right"] * mm,
                      y + SIZES["footer"] + 2)
            self.setFont(font, SIZES["footer"])
            self.setFillColor(COLOURS["muted"])
            self.drawString(MARGINS_MM["left"] * mm, y, left_text)
            self.drawRightString(w - MARGINS_MM["right"] * mm, y, page_label(self._pageNumber, total))
            if refs is not None:
                self.setFont(font, SIZES["body"])
                self.setFillColor(COLOURS["ink"])
                for x, ry, text in refs.on_page(self._pageNumber):
                    self.drawRightString(x, ry + 3, text)
            self.restoreState()

    return NumberedCanvas

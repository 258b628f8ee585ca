"""A table of thousands of rows laid out in time linear in its rows: each page gets a table of its own rows.

reportlab splits a long ``Table`` page by page, and each split measures every remaining row again and
rewrites every style command of the rest, so a 10,000-row task list took time quadratic in its rows.
:class:`LongTable` measures each row once, cuts exactly where reportlab would (whole rows, the header
repeated on every page) and hands the page a small ``Table`` of the rows that fit.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from reportlab.platypus import Flowable, Table, TableStyle

Command = tuple[Any, ...]
_MEASURE_CHUNK = 200  # rows measured together (one Table each): cheap to build, no quadratic work


def _shift(command: Command, by: int) -> Command:
    """A style command written for row 0 moved to row ``by`` (columns unchanged)."""
    name, (c0, r0), (c1, r1), *rest = command
    return (name, (c0, r0 + by), (c1, r1 + by), *rest)


class LongTable(Flowable):  # type: ignore[misc]  # reportlab ships no type hints
    """A header row and body rows, each body row with its own style commands (written for row 0).

    ``commands`` apply to every page's table (the header is row 0 there); ``row_commands[i]`` to body
    row ``i`` only, so a shade or rule stays with its row on whichever page it lands.
    """

    def __init__(self, header: list[Any], rows: list[list[Any]], col_widths: Sequence[float], *,
                 commands: list[Command], row_commands: list[list[Command]], heights: list[float] | None = None,
                 header_height: float | None = None) -> None:
        super().__init__()
        self.header, self.rows, self.col_widths = header, rows, list(col_widths)
        self.commands, self.row_commands = commands, row_commands
        self.heights, self.header_height = heights, header_height
        self.hAlign = "CENTER"  # as a Table
        self._whole: Table | None = None

    @classmethod
    def of(cls, rows: list[list[Any]], col_widths: Sequence[float], commands: list[Command],
           body_commands: list[Command]) -> LongTable:
        """From a header row and body rows as for a ``Table``: ``body_commands`` name body rows (1 …) as a
        ``Table`` would; a ``BACKGROUND`` over several rows is shaded row by row (the same look)."""
        per_row: list[list[Command]] = [[] for _ in rows[1:]]
        for name, (c0, r0), (c1, r1), *rest in body_commands:
            if r0 < 1 or r1 < r0 or (r1 != r0 and name != "BACKGROUND"):
                raise ValueError(f"{name} must name body rows one at a time: {r0}–{r1}")
            for r in range(r0, r1 + 1):
                per_row[r - 1].append((name, (c0, 0), (c1, 0), *rest))
        return cls(rows[0], rows[1:], col_widths, commands=commands, row_commands=per_row)

    def _table(self, start: int, end: int) -> Table:
        """A plain table of body rows ``start``–``end`` under the header, with their heights already known."""
        heights = None if self.heights is None else [self.header_height, *self.heights[start:end]]
        table = Table([self.header, *self.rows[start:end]], colWidths=self.col_widths, rowHeights=heights,
                      repeatRows=1, splitByRow=1, splitInRow=0)
        style = list(self.commands)
        for n, i in enumerate(range(start, end), 1):
            style += [_shift(c, n) for c in self.row_commands[i]]
        table.setStyle(TableStyle(style))
        return table

    def _measure(self, width: float) -> None:
        """Every row's height, measured once, in chunks (a row's height does not depend on its neighbours)."""
        if self.heights is not None:
            return
        heights: list[float] = []
        header = 0.0
        for start in range(0, max(len(self.rows), 1), _MEASURE_CHUNK):
            table = self._table(start, min(start + _MEASURE_CHUNK, len(self.rows)))
            table.wrap(width, 1e9)
            measured = list(table._rowHeights)  # reportlab's measured heights, read after wrap
            header = measured[0]
            heights += measured[1:]
        self.heights, self.header_height = heights, header

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        """The whole table's size; when it fits, the table drawn is built here."""
        self._measure(avail_width)
        assert self.heights is not None and self.header_height is not None
        height = self.header_height + sum(self.heights)
        self._whole = None
        if height <= avail_height + 1e-6:
            self._whole = self._table(0, len(self.rows))
            self._whole.wrap(avail_width, avail_height)
        self.width = sum(self.col_widths)
        self.height = height
        return self.width, height

    def split(self, avail_width: float, avail_height: float) -> list[Flowable]:
        """The rows that fit under the header here, and the rest as another ``LongTable`` (nothing if none fit)."""
        self._measure(avail_width)
        assert self.heights is not None and self.header_height is not None
        room = avail_height - self.header_height
        end, used = 0, 0.0
        while end < len(self.rows) and used + self.heights[end] <= room + 1e-6:
            used += self.heights[end]
            end += 1
        if end == 0:
            return []
        if end == len(self.rows):
            return [self._table(0, end)]
        rest = LongTable(self.header, self.rows[end:], self.col_widths, commands=self.commands,
                         row_commands=self.row_commands[end:], heights=self.heights[end:],
                         header_height=self.header_height)
        return [self._table(0, end), rest]

    def draw(self) -> None:
        """Draw the whole table (only called when :meth:`wrap` found that it fits)."""
        assert self._whole is not None, "LongTable drawn without fitting"
        self._whole.drawOn(self.canv, 0, 0)

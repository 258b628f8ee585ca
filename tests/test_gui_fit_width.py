"""Nothing on a step is cut off at 150 % or in meeting mode on a 1366×768 laptop: lines wrap at the width their
container has (app.gui.fit_width), toolbars and button rows make a second row instead of running off the page."""

from __future__ import annotations

import tkinter
from collections.abc import Iterator
from typing import Any

import customtkinter as ctk
import pytest

from app import service
from app.gui import fit_width, style
from app.gui.flat_frame import FlatLabel
from app.gui.light_label import LightLabel

pytestmark = pytest.mark.gui


def _walk(widget: Any) -> Iterator[Any]:
    yield widget
    for child in widget.winfo_children():
        yield from _walk(child)


def _visible_edge(widget: Any, page: Any) -> int:
    """The right edge of what shows ``widget``: the page, or the scrolling area it sits in (narrower: its bar)."""
    edge = page.winfo_rootx() + page.winfo_width()
    ancestor = widget.master
    while ancestor is not None and ancestor is not page:
        if isinstance(ancestor, ctk.CTkScrollableFrame):
            canvas = ancestor._parent_canvas
            edge = min(edge, canvas.winfo_rootx() + canvas.winfo_width())
        ancestor = ancestor.master
    return edge


def _cut_off(page: Any) -> list[str]:
    """Texts on ``page`` that Tk draws narrower than they need, or that reach past the right edge of the page or
    of the scrolling area that shows them."""
    found = []
    for widget in _walk(page):
        right_edge = _visible_edge(widget, page)
        if not widget.winfo_ismapped() or isinstance(widget, ctk.CTkOptionMenu):
            continue  # an option menu cuts a long choice with an ellipsis by design
        if isinstance(widget, (ctk.CTkLabel, FlatLabel)):
            inner = widget._label
            text = str(widget.cget("text"))
        elif isinstance(widget, LightLabel):  # one canvas: its text item is what must fit
            text = str(widget.cget("text"))
            needed = widget._text_box[0] if text.strip() else 0  # the text's width as a Tk label measures it
            if needed > widget.winfo_width() + 1:
                found.append(f"{text[:50]!r}: needs {needed} px, has {widget.winfo_width()}")
            elif widget.winfo_rootx() + widget.winfo_width() > right_edge + 1:
                found.append(f"{text[:50]!r}: ends at {widget.winfo_rootx() + widget.winfo_width()}, "
                             f"shown up to {right_edge}")
            continue
        elif isinstance(widget, ctk.CTkCheckBox):  # its text is a Tk label beside the box
            inner, text = widget._text_label, str(widget.cget("text"))
        elif isinstance(widget, ctk.CTkButton):
            inner, text = widget, str(widget.cget("text"))
        else:
            continue
        if not text.strip() or not inner.winfo_ismapped():
            continue
        if inner.winfo_reqwidth() > inner.winfo_width() + 2:
            found.append(f"{text[:50]!r}: needs {inner.winfo_reqwidth()} px, has {inner.winfo_width()}")
        elif inner.winfo_rootx() + inner.winfo_width() > right_edge + 1:
            found.append(f"{text[:50]!r}: ends at {inner.winfo_rootx() + inner.winfo_width()}, "
                         f"shown up to {right_edge}")
    return found


@pytest.mark.parametrize(("lang", "size"), [("en", 150), ("ja", "meeting")])
def test_no_step_cuts_a_text_off_at_large_sizes_on_a_laptop(wizard: Any, lang: str, size: int | str) -> None:
    root = wizard.root
    geometry = root.geometry()
    wizard.doc.open_path(service.example_assessment_path(), confirmed=True)
    wizard.set_lang(lang)
    if size == "meeting":
        wizard.meeting.set_meeting(True)
    else:
        wizard.set_scale(int(size))
    root.geometry("1366x740+0+0")
    try:
        problems = {}
        for step in range(len(wizard.q.steps)):
            assert wizard.go(step)
            page = wizard.pages[step]
            for form in page.forms():
                form.finish_building()
            root.update()
            cut = _cut_off(page)
            if cut:
                problems[wizard.q.steps[step].id] = cut
        assert not problems
    finally:
        wizard.meeting.set_meeting(False)
        wizard.set_scale(100)
        wizard.set_lang("ja")
        root.geometry(geometry)
        root.update()


def test_a_new_text_size_rewraps_lines_whose_room_keeps_its_size(wizard: Any) -> None:
    """The room is measured to the window's (or scrolling area's) right edge, which does not move with the text
    size: the wrap length, in unscaled pixels, must follow the new size all the same."""
    root = wizard.root
    root.update()
    holder = tkinter.Frame(root)
    holder.place(x=root.winfo_width() - 600, y=0, width=600, height=200)
    label = FlatLabel(holder, text="長い説明" * 40, wraplength=1000, justify="left")
    label.pack(anchor="w")
    fit_width.follow_width(holder, label, margin=20)
    root.update()
    try:
        assert label.cget("wraplength") == 580
        wizard.set_scale(150)
        root.update()
        assert holder.winfo_width() == 600
        assert label.cget("wraplength") == 600 * 2 // 3 - 20  # 400 unscaled pixels are 600 on screen
        wizard.set_scale(100)
        root.update()
        assert label.cget("wraplength") == 580
    finally:
        wizard.set_scale(100)
        holder.destroy()


def test_a_line_in_a_scrolling_area_wraps_at_its_edge_less_the_padding_on_the_way(gui_root: Any) -> None:
    """Measured from the frame's left edge to the scrolling area's right edge, less every ``padx`` to the right
    on the way: a frame that grows with its widest line cannot feed its own width back into the wrapping."""
    scroll = ctk.CTkScrollableFrame(gui_root, width=600, height=100)
    scroll.place(x=0, y=0)
    card = tkinter.Frame(scroll)
    card.grid(row=0, column=0, sticky="w", padx=(10, 30))
    label = FlatLabel(card, text="長い説明" * 40, wraplength=1000, justify="left")
    label.grid(row=0, column=0, sticky="w")
    fit_width.follow_width(card, label, margin=0)
    gui_root.update()
    try:
        canvas = scroll._parent_canvas
        room = canvas.winfo_rootx() + canvas.winfo_width() - card.winfo_rootx() - 30
        assert label.cget("wraplength") == room
        assert card.winfo_rootx() + card.winfo_width() <= canvas.winfo_rootx() + canvas.winfo_width() - 30
    finally:
        scroll.destroy()


def test_a_toolbar_makes_a_second_row_only_when_one_row_does_not_fit(gui_root: Any) -> None:
    """(The toolbar is placed against the window's right edge, so its room is its width.)"""
    gui_root.update()
    right = gui_root.winfo_width()
    bar = tkinter.Frame(gui_root)
    bar.place(x=right - 1100, y=0, width=1100, height=100)
    first = [ctk.CTkButton(bar, text=f"first {n}", width=150) for n in range(3)]
    second = [ctk.CTkButton(bar, text=f"second {n}", width=250) for n in range(2)]  # wider than those above
    for column, button in enumerate(first + second):
        button.grid(row=0, column=column, padx=(0, 6))
    fit_width.flow(bar, [[(b, (0, 6)) for b in first], [(b, (12, 6)) for b in second]])
    gui_root.update()

    def rows() -> list[set[int]]:
        return [{b.winfo_rooty() for b in first}, {b.winfo_rooty() for b in second}]

    def gap() -> int:  # between the first row's first two buttons
        return first[1].winfo_rootx() - first[0].winfo_rootx() - first[0].winfo_width()

    def frames() -> list[Any]:
        return [w for w in bar.winfo_children() if w not in first + second]

    try:
        one_row, gap_in_one_row = rows(), gap()
        assert one_row[0] == one_row[1] and len(one_row[0]) == 1
        bar.place_configure(x=right - 600, width=600)
        gui_root.update()
        stacked = rows()
        assert len(stacked[0]) == len(stacked[1]) == 1 and min(stacked[1]) > max(stacked[0])
        assert second[0].winfo_rootx() == first[0].winfo_rootx()  # no group gap at the start of a row
        assert gap() == gap_in_one_row  # the wide buttons below do not widen the columns above
        assert [w for w in bar.winfo_children() if w in first + second] == first + second  # the Tab order
        bar.place_configure(x=right - 1100, width=1100)
        gui_root.update()
        assert rows() == one_row and gap() == gap_in_one_row
        assert not any(f.winfo_ismapped() for f in frames())
        style.set_scale(125)  # customtkinter grids its widgets again at a new size: not the removed rows
        gui_root.update()
        assert not any(f.winfo_ismapped() for f in frames())
    finally:
        style.set_scale(100)
        bar.destroy()

"""The window as careful with data as the storage layer: length counters, files it must not overwrite, files
it cannot read, plain error dialogs with a detail part for IT staff, and workers that never stall."""

from __future__ import annotations

import gc
import time
from typing import Any

import customtkinter as ctk
import pytest

from app import service
from app.gui import style
from app.gui.worker import run_in_thread
from tests.conftest import wait_until
from tests.test_gui_flow import type_into

pytestmark = pytest.mark.gui


def open_example(wizard: Any) -> None:
    assert wizard.open_path(service.example_assessment_path())
    wizard.root.update()


def step_of(wizard: Any, kind: str) -> int:
    return next(i for i, s in enumerate(wizard.q.steps) if s.kind == kind)


# --- text lengths -------------------------------------------------------------------------------------
def test_text_counter_turns_red_past_the_limit_and_the_step_is_not_left(wizard: Any) -> None:
    open_example(wizard)
    basic = step_of(wizard, "page") + 1
    wizard.go(basic)
    field = wizard.pages[basic].form.fields["department"]
    assert field.item.max_length == 60 and field.counter is not None
    assert field.counter.cget("text") == f"{len('区民課')} / 60"
    fits = "あ" * 60
    type_into(field, fits)
    assert field.counter.cget("text") == "60 / 60" and field.counter.cget("text_color") == style.MUTED
    assert not field.error
    field.widget.insert("end", "い")  # one character too many: allowed, nothing is cut
    assert field.widget.get() == fits + "い"
    assert field.counter.cget("text") == "61 / 60" and field.counter.cget("text_color") == style.ERROR
    message = field.error_label.cget("text")
    assert "60文字以内" in message and "現在61文字" in message and field.error_label.winfo_manager()
    wizard.next_button.invoke()
    assert wizard.current == basic  # the step is not left while the text does not fit
    assert wizard.a.info["department"] == fits  # the model holds the last text that fitted
    field.widget.delete(len(fits), "end")
    assert field.counter.cget("text_color") == style.MUTED and not field.error
    wizard.next_button.invoke()
    assert wizard.current == basic + 1


def test_long_text_counter_and_message(wizard: Any) -> None:
    open_example(wizard)
    basic = step_of(wizard, "page") + 1
    wizard.go(basic)
    field = wizard.pages[basic].form.fields["participants"]
    limit = field.item.max_length
    field.widget.delete("1.0", "end")
    field.widget.insert("1.0", "係" * (limit + 5))
    wizard.root.update()  # <<Modified>> arrives as an event
    assert field.counter.cget("text") == f"{limit + 5} / {limit}"
    assert field.counter.cget("text_color") == style.ERROR
    assert f"{limit}文字以内" in field.error_label.cget("text")
    assert field.widget.get("1.0", "end-1c") == "係" * (limit + 5)
    wizard.next_button.invoke()
    assert wizard.current == basic


def test_grid_text_cell_over_its_limit_is_marked_like_other_bad_cells(wizard: Any) -> None:
    open_example(wizard)
    grid_step = step_of(wizard, "task_grid")
    wizard.go(grid_step)
    grid = wizard.pages[grid_step]
    limit = next(i for i in grid.items if i.id == "name").max_length
    name = wizard.a.tasks[0].name
    long_name = "窓" * (limit + 1)
    grid.edit_cell(0, "name", long_name)
    key = (wizard.a.tasks[0].id, "name")
    assert key in grid.errors
    column = 1 + [i.id for i in grid.items].index("name")
    assert grid.sheet.get_cell_data(0, column) == long_name  # kept as typed, not cut
    note = grid.sheet.props(0, column, key="note") if hasattr(grid.sheet, "props") else None
    assert f"{limit}文字以内" in grid.errors[key][1] and f"現在{limit + 1}文字" in grid.errors[key][1]
    assert (0, column) in grid._noted and (note is None or f"{limit}文字以内" in str(note))
    assert f"{limit}文字以内" in grid.message.cget("text")
    assert wizard.a.tasks[0].name == name  # the model keeps the name that fitted
    wizard.next_button.invoke()
    assert wizard.current == grid_step
    grid.edit_cell(0, "name", name)
    assert not grid.errors
    wizard.next_button.invoke()
    assert wizard.current == grid_step + 1


# --- workers ------------------------------------------------------------------------------------------
def test_a_worker_finalising_tk_garbage_does_not_stall(gui_root: Any) -> None:
    """The cause of the story-sheet test's rare timeouts, kept reproduced.

    Destroyed widgets leave CTkFonts in reference cycles; when the garbage collector runs in a worker
    thread, each font's finaliser calls Tcl, which only the main thread inside ``mainloop`` serves. The
    app runs ``mainloop``; ``wait_until`` now does too. Pumped with ``update()`` this took 30 s.
    """
    frame = ctk.CTkFrame(gui_root)
    for _ in range(30):
        ctk.CTkLabel(frame, text="x", font=ctk.CTkFont(size=12))
    gc.collect()
    gc.disable()  # the fonts become garbage now and are collected by the worker below
    try:
        frame.destroy()
        del frame
        results: list[Any] = []
        start = time.monotonic()
        run_in_thread(gui_root, gc.collect, lambda result, error: results.append((result, error)))
        wait_until(gui_root, lambda: bool(results), timeout=20)
    finally:
        gc.enable()
    assert results[0][1] is None and results[0][0] > 0
    assert time.monotonic() - start < 5

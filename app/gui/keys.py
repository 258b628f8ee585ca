"""Keyboard use of the whole window: Tab reaches every control, a focus ring, Space/Enter, Esc, the shortcuts.

customtkinter draws its controls on canvases that Tk's Tab traversal skips (they have no key
bindings). Every button, check box, switch, option menu and segmented choice is made focusable the
first time it is shown (one ``<Map>`` binding for the whole application, so dialogs and cards built
later are covered too): Tk's own highlight ring shows the focus, Space (and Enter on buttons) acts.
Multi-line fields give Tab back to the traversal instead of inserting a tab character. Enter in a
text field is left alone: a Japanese input method confirms its conversion with it.
"""

from __future__ import annotations

import contextlib
import tkinter
from collections.abc import Callable, Sequence
from typing import Any

import customtkinter as ctk

RING = 2  # px of the focus ring
RING_COLOUR = "#e07b00"  # orange: visible on the blue buttons and on the grey panels alike
_installed = "_kaizen_keys"
_command = [""]  # the registered Tcl command that says whether a control can take the focus now


SHORTCUT_HELP = (("Alt+→ / Ctrl+PgDn", "key_next"), ("Alt+← / Ctrl+PgUp", "key_back"), ("Ctrl+S", "key_save"),
                 ("Ctrl+O", "key_open"), ("Ctrl+P", "key_print"), ("F1", "key_help"), ("Tab / Shift+Tab", "key_tab"),
                 ("Space / Enter", "key_press"), ("← →", "key_arrows"), ("Esc", "key_escape"),
                 ("Tab / Ctrl+Tab / Delete", "key_grid"), ("↑ ↓ / Space / Tab", "key_list"),
                 ("← → ↑ ↓ / PgUp / PgDn", "key_calendar"))


def shortcut_help(lang: str) -> list[tuple[str, str]]:
    """(keys, what they do) for the help panel, in ``lang``."""
    from app.gui.strings import ui

    return [(keys, ui(text, lang)) for keys, text in SHORTCUT_HELP]


def enabled(widget: Any) -> bool:
    """Whether a control is not disabled (widgets without a state count as enabled)."""
    try:
        return str(widget.cget("state")) != "disabled"
    except (ValueError, tkinter.TclError, AttributeError):
        return True


def _press(widget: Any) -> str:
    """Act as a click would; "break" so that Tk's other bindings of the key do not run."""
    if not enabled(widget):
        return "break"
    if isinstance(widget, ctk.CTkOptionMenu):
        widget._open_dropdown_menu()  # the menu takes the arrow keys and Enter from here
    elif isinstance(widget, ctk.CTkCheckBox | ctk.CTkSwitch):
        widget.toggle()
    elif hasattr(widget, "invoke"):
        widget.invoke()
    return "break"


def _step_segment(widget: Any, delta: int) -> str:
    """Select the previous/next segment (the first or last when none is selected); delta 0 selects only then."""
    values = list(widget.cget("values"))
    current = widget.get()
    if values and (delta or current not in values):
        n = values.index(current) + delta if current in values else (0 if delta >= 0 else len(values) - 1)
        widget._clicked(values[max(0, min(len(values) - 1, n))])
    return "break"


def make_focusable(widget: Any, can_focus: str) -> None:
    """Give one customtkinter control a place in the Tab order, a focus ring and its keys."""
    if getattr(widget, _installed, False):
        return
    setattr(widget, _installed, True)
    frame: Any = tkinter.Frame
    try:
        background = frame.cget(widget, "background")
        frame.configure(widget, takefocus=can_focus, highlightthickness=RING, highlightcolor=RING_COLOUR,
                        highlightbackground=background)
    except tkinter.TclError:
        return
    bind = tkinter.Misc.bind
    from app.gui.segmented import Segmented

    if isinstance(widget, Segmented):
        bind(widget, "<Left>", lambda _e: _step_segment(widget, -1))
        bind(widget, "<Right>", lambda _e: _step_segment(widget, 1))
        for sequence in ("<Alt-Left>", "<Alt-Right>"):  # the step keys: <Left>/<Right> took them too and stopped them
            bind(widget, sequence, lambda _e: None)
        bind(widget, "<space>", lambda _e: _step_segment(widget, 0))
        return
    bind(widget, "<space>", lambda _e: _press(widget))
    from app.gui.light import LightButton

    if isinstance(widget, ctk.CTkButton | ctk.CTkOptionMenu | LightButton):
        bind(widget, "<Return>", lambda _e: _press(widget))
        bind(widget, "<KP_Enter>", lambda _e: _press(widget))
    if isinstance(widget, ctk.CTkOptionMenu):
        bind(widget, "<Down>", lambda _e: _press(widget))


def _controls() -> tuple[type, ...]:
    from app.gui.light import LightButton
    from app.gui.segmented import Segmented

    return (ctk.CTkButton, LightButton, ctk.CTkCheckBox, ctk.CTkSwitch, ctk.CTkRadioButton, ctk.CTkOptionMenu,
            Segmented)


def _traverse(widget: tkinter.Misc, backwards: bool = False) -> Any:
    """Tk's next (or previous) widget in the Tab order.

    Tk defines ``tk_focusNext`` in focus.tcl, loaded on first use through its tclIndex. Under the Windows test
    interpreter (Wine) that load did not happen and the command was missing; sourcing the file then is what the
    index would have done, so traversal never depends on auto-loading.
    """
    try:
        return widget.tk_focusPrev() if backwards else widget.tk_focusNext()
    except tkinter.TclError:
        widget.tk.eval("source -encoding utf-8 [file join $tk_library focus.tcl]")
        return widget.tk_focusPrev() if backwards else widget.tk_focusNext()


def _focus_next(event: tkinter.Event[Any], backwards: bool = False) -> str:
    widget = event.widget
    target = _traverse(widget, backwards)
    if target is not None:
        focus(target)
    return "break"


def focus(widget: tkinter.Misc) -> str:
    """Give ``widget`` itself the focus (customtkinter's ``focus_set`` hands it to an inner label); "break"."""
    tkinter.Misc.focus_set(widget)
    return "break"


def dialog_close(toplevel: tkinter.Misc) -> bool:
    """Close a dialog as its window's close box would (cancel); False for the main window."""
    if not isinstance(toplevel, tkinter.Toplevel):
        return False
    command = str(toplevel.tk.call("wm", "protocol", str(toplevel), "WM_DELETE_WINDOW"))
    if command:
        toplevel.tk.eval(command)
    else:
        toplevel.destroy()
    return True


def back_tab_sequences(widget: tkinter.Misc, modifiers: str = "") -> list[str]:
    """Shift+Tab as this Tk names it: X11 sends ISO_Left_Tab, a keysym that Windows' Tk rejects (TclError)."""
    sequences = [f"<{modifiers}Shift-Tab>"]
    if widget.tk.call("tk", "windowingsystem") == "x11":
        sequences.append(f"<{modifiers}ISO_Left_Tab>")
    return sequences


def table_only(sheet: Any) -> None:
    """Only a tksheet's table is a Tab stop: its row numbers, headers and corner took the focus too, showed
    nothing and kept it (Tab there moves the table's current cell)."""
    for child in sheet.winfo_children():
        if child is not sheet.MT:
            with contextlib.suppress(tkinter.TclError):  # a part without the option
                child.configure(takefocus=0)


def current_on_focus(sheet: Any) -> None:
    """A table that gets the keyboard with no current cell makes its first cell current: nothing showed where
    the focus was, and tksheet's arrow keys do nothing without a current cell."""

    def focus_in(_event: Any) -> None:
        if sheet.get_currently_selected() or not sheet.get_total_rows():
            return
        sheet.select_cell(0, 0)
        sheet.see(0, 0)

    sheet.MT.bind("<FocusIn>", focus_in, add=True)


def list_stop(sheet: Any) -> None:
    """A tksheet list with no cells to edit (重点業務, 行動計画) is one stop of the Tab order: Tab enters it, the
    arrows move inside it, and the next Tab or Shift+Tab leaves it. tksheet's Tab moved between its cells, and
    its row numbers took the focus too: the fields after a list were out of a keyboard's reach."""
    table_only(sheet)

    def leave(forward: bool) -> str:
        target = sheet.MT.tk_focusNext() if forward else sheet.MT.tk_focusPrev()
        if target is not None and target is not sheet.MT:
            tkinter.Misc.focus_set(target)
        return "break"

    sheet.MT.bind("<Tab>", lambda _e: leave(True))
    for sequence in back_tab_sequences(sheet):
        sheet.MT.bind(sequence, lambda _e: leave(False))


def item_list(items: Sequence[Any], choose: Callable[[int], Any]) -> None:
    """Rows of a list drawn as labels (the follow-up window's actions): one Tab stop, the current row, with a
    focus ring; ↑ ↓ Home End choose another row and move there, as in a list box. A row with no key of its own
    was reachable by mouse only. ``choose(n)`` shows row ``n``, calls :func:`item_current` and returns the row
    widget to give the keyboard to (the list may have been rebuilt), or None when it refused to change."""
    def move(target: int) -> str:
        row = choose(max(0, min(len(items) - 1, target)))
        if row is not None and row.winfo_exists():
            focus(row)
        return "break"

    frame: Any = tkinter.Frame
    bind = tkinter.Misc.bind
    for n, item in enumerate(items):
        try:
            background = frame.cget(item, "background")
            frame.configure(item, takefocus=0, highlightthickness=RING, highlightcolor=RING_COLOUR,
                            highlightbackground=background)
        except tkinter.TclError:
            continue
        for sequence, target in (("<Up>", n - 1), ("<Down>", n + 1), ("<Home>", 0), ("<End>", len(items) - 1),
                                 ("<Return>", n), ("<KP_Enter>", n), ("<space>", n)):
            def key(_event: tkinter.Event[Any], target: int = target) -> str:
                return move(target)

            bind(item, sequence, key)


def item_current(items: Sequence[Any], current: int) -> None:
    """Make row ``current`` of an :func:`item_list` its one Tab stop."""
    frame: Any = tkinter.Frame
    for n, item in enumerate(items):
        with contextlib.suppress(tkinter.TclError):
            frame.configure(item, takefocus=1 if n == current else 0)


def install(root: tkinter.Misc, shortcuts: dict[str, Callable[[], object]]) -> None:
    """Keyboard support for every window of the application; ``shortcuts`` maps Tk sequences to actions."""
    controls = _controls()

    def can_focus(path: str) -> int:
        try:
            widget = root.nametowidget(path)
        except (KeyError, tkinter.TclError):
            return 0
        return 1 if widget.winfo_viewable() and enabled(widget) else 0

    can_focus_command = root.register(can_focus)
    _command[0] = can_focus_command

    def mapped(path: str) -> None:
        try:
            widget = root.nametowidget(path)
        except (KeyError, tkinter.TclError):
            return  # not one of tkinter's widgets (or gone already)
        if isinstance(widget, controls) and not getattr(widget, _installed, False):
            make_focusable(widget, can_focus_command)

    # only the widget's name is passed (``bind_all`` would build a whole event, 18 fields, for each of the
    # hundreds of widgets a page maps)
    root.tk.call("bind", "all", "<Map>", f"+{root.register(mapped)} %W")
    # multi-line fields: Tab leaves (a tab character is invisible and would mark the file changed)
    root.bind_class("Text", "<Tab>", _focus_next)
    for sequence in back_tab_sequences(root):
        root.bind_class("Text", sequence, lambda e: _focus_next(e, backwards=True))

    def escape(event: tkinter.Event[Any]) -> str | None:
        widget = event.widget
        if not isinstance(widget, tkinter.Misc):
            return None
        return "break" if dialog_close(widget.winfo_toplevel()) else None

    root.bind_all("<Escape>", escape, add=True)
    # Tab into an entry selects its text (Tk's <<TraverseIn>>); leaving it kept that selection, shown grey in
    # a date field after a date was picked or the field was tabbed out of: no selection outlives the focus
    root.bind_class("Entry", "<FocusOut>", _clear_selection, add=True)
    for sequence, action in shortcuts.items():
        def run(event: tkinter.Event[Any], action: Callable[[], object] = action) -> str:
            widget = event.widget
            # only in the main window: a dialog's keys stay the dialog's
            if not isinstance(widget, tkinter.Misc) or widget.winfo_toplevel() is root:
                action()
            return "break"

        root.bind_all(sequence, run)
        # the Text class has Emacs keys on some of these (Ctrl+O opens a line, Ctrl+P moves up): ours win
        root.bind_class("Text", sequence, run)


def _clear_selection(event: tkinter.Event[Any]) -> None:
    """The entry that lost the focus shows no selection (its text stays as it is)."""
    widget = event.widget
    if isinstance(widget, tkinter.Entry):
        try:
            widget.selection_clear()
        except tkinter.TclError:
            return  # gone already


def prepare(container: tkinter.Misc) -> None:
    """Make the controls in ``container`` focusable now (before their ``<Map>`` events arrive)."""
    if not _command[0]:
        return
    controls = _controls()
    stack: list[tkinter.Misc] = [container]
    while stack:
        widget = stack.pop()
        if isinstance(widget, controls):
            make_focusable(widget, _command[0])
        stack.extend(widget.winfo_children())


def focus_first(container: tkinter.Misc, fallback: tkinter.Misc | None = None) -> None:
    """Put the keyboard focus on the first control of ``container``; ``fallback`` when it has none."""
    prepare(container)
    target = _traverse(container)
    inside = target is not None and str(target).startswith(str(container) + ".")
    chosen = target if inside else fallback or target
    if chosen is not None:
        focus(chosen)


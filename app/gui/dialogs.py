"""Modal dialogs with Japanese buttons, file choosers and a small calendar; tests replace these functions.

Every dialog the window shows goes through this module, so a test can answer it (monkeypatch) and
no test ever blocks on a modal window.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import tkinter
from collections.abc import Callable, Sequence
from pathlib import Path
from tkinter import filedialog

import customtkinter as ctk

from app.domain.errors import UserError
from app.gui import keys, style
from app.gui.after_jobs import TextBox, Toplevel
from app.gui.flat_frame import WrappedLabel
from app.gui.strings import ui


def ask(parent: tkinter.Misc, title: str, message: str, buttons: Sequence[tuple[str, str]],
        lang: str = "ja", *, detail: str | None = None) -> str | None:
    """Show ``message`` with ``buttons`` ((key, label) …); returns the key pressed, None when closed.

    ``detail`` (errno, OS text, file position …) stays folded under 「詳細（情報担当者向け）」: the user reads
    the plain message, IT staff can open it and copy the text.
    """
    top = Toplevel(parent)
    top.title(title)
    top.transient(parent.winfo_toplevel())
    top.resizable(False, False)
    answer: list[str | None] = [None]
    WrappedLabel(top, text=message, font=style.font(), justify="left", wraplength=520).pack(
        padx=24, pady=(20, 12), anchor="w")
    if detail:
        _detail_part(top, detail, lang)
    row = ctk.CTkFrame(top, fg_color="transparent")
    row.pack(padx=16, pady=(0, 16), anchor="e")

    def press(key: str) -> None:
        answer[0] = key
        top.destroy()

    for key, label in buttons:
        ctk.CTkButton(row, text=label, font=style.font(), width=110, command=lambda k=key: press(k)).pack(
            side="left", padx=6)
    top.protocol("WM_DELETE_WINDOW", top.destroy)
    top.after(50, lambda: _grab(top))
    parent.wait_window(top)
    return answer[0]


def _detail_part(top: ctk.CTkToplevel, detail: str, lang: str) -> None:
    """A folded 「詳細（情報担当者向け）」 section: a toggle and a read-only, selectable text."""
    box = TextBox(top, width=520, height=80, font=style.font(12), wrap="char", fg_color=style.PANEL)
    box.insert("1.0", detail)
    box.configure(state="disabled")  # read-only; still selectable for copying into a support request

    def toggle() -> None:
        if box.winfo_manager():
            box.pack_forget()
            button.configure(text="▸ " + ui("error_detail", lang))
        else:
            box.pack(padx=24, pady=(0, 10), anchor="w", after=button)
            button.configure(text="▾ " + ui("error_detail", lang))

    button = ctk.CTkButton(top, text="▸ " + ui("error_detail", lang), font=style.font(12), fg_color="transparent",
                           text_color=style.MUTED, hover_color=("gray85", "gray25"), anchor="w", command=toggle)
    button.pack(padx=18, pady=(0, 8), anchor="w")


def _grab(top: ctk.CTkToplevel) -> None:
    try:
        top.grab_set()
        top.focus_force()
        keys.focus_first(top)  # the first button takes Enter/Space; Tab moves on, Esc cancels
    except tkinter.TclError:
        return  # closed already, or another grab is active; the dialog still works


def info(parent: tkinter.Misc, message: str, lang: str = "ja") -> None:
    """A notice with an OK button."""
    ask(parent, ui("notice_title", lang), message, [("ok", ui("btn_ok", lang))], lang)


def error(parent: tkinter.Misc, message: str, lang: str = "ja", detail: str | None = None) -> None:
    """An error the user should read, with an OK button; ``detail`` is folded away for IT staff."""
    ask(parent, ui("error_title", lang), message, [("ok", ui("btn_ok", lang))], lang, detail=detail)


def error_texts(exc: UserError, lang: str = "ja") -> tuple[str, str | None]:
    """The catalogue messages of ``exc`` (plain, one per line) and the detail for IT staff, if there is any.

    The detail names each problem's code, file, position and ``params["detail"]`` (errno, OS text,
    Windows error code, JSON parser message); it is None when no problem carries a ``detail``.
    """
    message = "\n".join(p.message(lang) for p in exc.problems)
    lines = []
    for p in exc.problems:
        if "detail" not in p.params:
            continue
        where = str(p.params.get("path") or p.path or "")
        if p.line:
            where += f":{p.line}:{p.column or 1}"
        lines.append(" ".join(part for part in (p.code, where, str(p.params["detail"])) if part))
    return message, "\n".join(lines) or None


def show_error(parent: tkinter.Misc, exc: UserError, lang: str = "ja") -> None:
    """A user error as the catalogue says it, with its detail folded away (see :func:`error_texts`)."""
    message, detail = error_texts(exc, lang)
    error(parent, message, lang, detail=detail)


def yes_no(parent: tkinter.Misc, message: str, lang: str = "ja") -> bool:
    """A yes/no question; closing the dialog means no."""
    return ask(parent, ui("notice_title", lang), message,
               [("yes", ui("btn_yes", lang)), ("no", ui("btn_no", lang))], lang) == "yes"


def ask_open_path(parent: tkinter.Misc, lang: str = "ja") -> Path | None:
    """Choose an assessment file to open."""
    name = filedialog.askopenfilename(parent=parent, filetypes=[
        (ui("assessment_files", lang), "*.kaizen.json *.json"), (ui("all_files", lang), "*")])
    return Path(name) if name else None


EXPORT_TYPES = {".xlsx": "xlsx_files", ".csv": "csv_files", ".kaizenpack": "pack_files"}


def ask_save_path(parent: tkinter.Misc, initial: Path, pdf: bool = False, lang: str = "ja") -> Path | None:
    """Where to save an assessment, a PDF when ``pdf``, or a file named like ``initial`` (.xlsx, .csv, .kaizenpack)."""
    suffix = ".pdf" if pdf else initial.suffix if initial.suffix in EXPORT_TYPES else ".json"
    if pdf:
        types = [(ui("pdf_files", lang), "*.pdf")]
    elif suffix in EXPORT_TYPES:
        types = [(ui(EXPORT_TYPES[suffix], lang), "*" + suffix)]
    else:
        types = [(ui("assessment_files", lang), "*.kaizen.json")]
    name = filedialog.asksaveasfilename(parent=parent, initialdir=str(initial.parent), initialfile=initial.name,
                                        defaultextension=suffix, filetypes=[*types, (ui("all_files", lang), "*")])
    return Path(name) if name else None


class CalendarPopup(Toplevel):
    """A month view; clicking a day calls ``on_pick`` with the date and closes.

    The keyboard works it as well: ← → move a day, ↑ ↓ a week (into the month before or after, which is then
    shown), PageUp / PageDown a month, Enter picks the highlighted day and Esc closes without a change. The
    highlighted day is filled in the accent colour and has the keyboard focus (its ring).
    """

    def __init__(self, parent: tkinter.Misc, start: dt.date, on_pick: Callable[[dt.date], None],
                 lang: str = "ja") -> None:
        opener = parent.focus_get()  # the date button (or field) the keyboard came from: it has the focus back
        super().__init__(parent)
        self._opener = opener
        self.title(ui("calendar_title", lang))
        self.transient(parent.winfo_toplevel())
        self.resizable(False, False)
        self._on_pick = on_pick
        self._lang = lang
        self._month = start.replace(day=1)
        self.highlighted = start  # the day Enter picks
        self.days: dict[dt.date, ctk.CTkButton] = {}  # the shown month's day buttons
        head = ctk.CTkFrame(self, fg_color="transparent")
        head.pack(fill="x", padx=8, pady=8)
        ctk.CTkButton(head, text="◀", width=36, font=style.font(), command=lambda: self._shift(-1)).pack(side="left")
        self._title = ctk.CTkLabel(head, text="", font=style.font(weight="bold"))
        self._title.pack(side="left", expand=True)
        ctk.CTkButton(head, text="▶", width=36, font=style.font(), command=lambda: self._shift(1)).pack(side="right")
        self._grid = ctk.CTkFrame(self, fg_color="transparent")
        self._grid.pack(padx=8, pady=(0, 4))
        ctk.CTkButton(self, text=ui("today", lang), font=style.font(),
                      command=lambda: self.pick(dt.date.today())).pack(pady=(0, 8))
        self._start = start
        self._draw()
        for sequence, days in (("<Left>", -1), ("<Right>", 1), ("<Up>", -7), ("<Down>", 7)):
            self.bind(sequence, lambda _e, days=days: self.move(days))
        self.bind("<Prior>", lambda _e: self.move_months(-1))
        self.bind("<Next>", lambda _e: self.move_months(1))
        for sequence in ("<Return>", "<KP_Enter>"):
            self.bind(sequence, lambda _e: self._pick_highlighted())
        self.bind("<Escape>", lambda _e: self._cancel())
        # by the field it fills, not in a corner of the screen; kept on the screen near its edges
        x = min(parent.winfo_rootx(), parent.winfo_screenwidth() - round(300 * style.scale()))
        y = min(parent.winfo_rooty() + parent.winfo_height(), parent.winfo_screenheight() - round(360 * style.scale()))
        self.geometry(f"+{max(0, x)}+{max(0, y)}")
        self.after(30, self._take_focus)

    def _take_focus(self) -> None:
        try:
            self.focus_force()
            self._focus_highlighted()  # Tab and Space/Enter from the chosen day (Esc closes)
        except tkinter.TclError:
            return  # closed already

    def _focus_highlighted(self) -> None:
        button = self.days.get(self.highlighted)
        if button is not None:
            keys.prepare(self._grid)  # in the Tab order with its focus ring before its <Map> arrives
            tkinter.Misc.focus_set(button)

    def _shift(self, months: int) -> None:
        index = self._month.month - 1 + months
        self._month = dt.date(self._month.year + index // 12, index % 12 + 1, 1)
        self._draw()

    def move(self, days: int) -> str:
        """Highlight the day ``days`` after the highlighted one, showing its month; "break"."""
        self._highlight(self.highlighted + dt.timedelta(days=days))
        return "break"

    def move_months(self, months: int) -> str:
        """Highlight the same day ``months`` later (the month's last day when it is shorter); "break"."""
        import calendar

        index = self.highlighted.month - 1 + months
        year, month = self.highlighted.year + index // 12, index % 12 + 1
        self._highlight(self.highlighted.replace(year=year, month=month,
                                                 day=min(self.highlighted.day, calendar.monthrange(year, month)[1])))
        return "break"

    def _highlight(self, day: dt.date) -> None:
        if not dt.date.min < day < dt.date.max:
            return
        previous, self.highlighted = self.highlighted, day
        if day.replace(day=1) != self._month:
            self._month = day.replace(day=1)
            self._draw()
        else:
            for d in (previous, day):
                if d in self.days:
                    self.days[d].configure(**self._day_colours(d))
        self._focus_highlighted()

    def _day_colours(self, day: dt.date) -> dict[str, object]:
        if day == self.highlighted:
            return {"fg_color": style.ACCENT, "text_color": "white", "hover_color": style.ACCENT}
        return {"fg_color": "transparent", "text_color": ("gray10", "gray90"), "hover_color": ("gray80", "gray30")}

    def _pick_highlighted(self) -> str:
        self.pick(self.highlighted)
        return "break"

    def _cancel(self) -> str:
        self.destroy()
        return "break"

    def destroy(self) -> None:
        opener = getattr(self, "_opener", None)
        super().destroy()
        if opener is not None:
            with contextlib.suppress(tkinter.TclError):  # gone with its page
                tkinter.Misc.focus_set(opener)

    def _draw(self) -> None:
        # a month grid is 6×7 small buttons; rebuilding it is cheap and holds no scrollable frame
        for child in self._grid.winfo_children():
            child.destroy()
        self.days.clear()
        m = self._month
        self._title.configure(text=f"{m.year}年{m.month}月" if self._lang == "ja" else m.strftime("%B %Y"))
        heads = "月火水木金土日" if self._lang == "ja" else ["Mo", "Tu", "We", "Th", "Fr", "Sa", "Su"]
        for c, h in enumerate(heads):
            ctk.CTkLabel(self._grid, text=h, width=36, font=style.font(12)).grid(row=0, column=c)
        import calendar  # only when a calendar is shown: not on the way to the first frame

        for r, week in enumerate(calendar.Calendar().monthdayscalendar(m.year, m.month), start=1):
            for c, day in enumerate(week):
                if day:
                    d = dt.date(m.year, m.month, day)
                    button = ctk.CTkButton(self._grid, text=str(day), width=36, height=28, font=style.font(12),
                                           command=lambda d=d: self.pick(d), **self._day_colours(d))
                    button.grid(row=r, column=c, padx=1, pady=1)
                    self.days[d] = button

    def pick(self, day: dt.date) -> None:
        """Choose ``day`` and close."""
        self._on_pick(day)
        self.destroy()

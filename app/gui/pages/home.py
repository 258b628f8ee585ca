"""Home: start a new self-check, open a file or a recent one, recover autosaved work after a crash."""

from __future__ import annotations

import datetime as dt
import tkinter
from pathlib import Path
from typing import TYPE_CHECKING, Any

import customtkinter as ctk

from app import service
from app.gui import keys, style
from app.gui.flat_frame import FlatFrame, RoundedFrame
from app.gui.form_view import FormView
from app.gui.light import LightButton
from app.gui.light_label import LightLabel
from app.gui.qtune_strings import QT
from app.gui.scrolling import ScrollFrame
from app.gui.strings import ui
from app.gui.widgets import show_texts
from app.gui.wrap import wrap

if TYPE_CHECKING:
    from app.gui.host import HomeHost

NEW_ITEMS = ("department", "section", "session_date", "participants")
MAX_RECOVERY = 3
MAX_RECENT = 8


class HomePage(FlatFrame):
    """The first screen; the step list stays disabled until an assessment is started or opened."""

    def __init__(self, parent: tkinter.Misc, wiz: HomeHost) -> None:
        super().__init__(parent, fg_color=style.PAGE_BG, corner_radius=0)
        self.wiz = wiz
        self.draft: dict[str, Any] = {}
        self.columnconfigure((0, 1), weight=1, uniform="home")
        self.title = LightLabel(self, text=ui("app_title", wiz.lang), font=style.font(26, "bold"), anchor="w")
        self.title.grid(row=0, column=0, columnspan=2, sticky="w", padx=24, pady=(18, 0))
        self.subtitle = LightLabel(self, text=wiz.q.description.get(wiz.lang), font=style.font(13),
                                   text_color=style.MUTED, anchor="w", justify="left", wraplength=1000)
        self.subtitle.grid(row=1, column=0, columnspan=2, sticky="w", padx=24, pady=(2, 10))

        self.recovery = RoundedFrame(self, fg_color="#fff4d6", corner_radius=8)
        self.recovery.grid(row=2, column=0, columnspan=2, sticky="ew", padx=24, pady=(0, 10))
        self.recovery.columnconfigure(0, weight=1)
        self.recovery_title = LightLabel(self.recovery, text=ui("home_recover_title", wiz.lang),
                                         font=style.font(15, "bold"), anchor="w")
        self.recovery_title.grid(row=0, column=0, sticky="w", padx=12, pady=(8, 2))
        # rows are made when there is something to recover or reopen (most starts have neither)
        self.recovery_rows: list[tuple[LightLabel, LightButton, LightButton]] = []
        self._build_new()
        self._build_open()
        self.rowconfigure(3, weight=1)
        self.bind("<Configure>", self._wrap, add=True)

    def _wrap(self, event: tkinter.Event[tkinter.Misc]) -> None:
        # wrap lengths are in unscaled pixels; the window is not: follow its width at every text size
        width = int(event.width / style.scale())
        self._subtitle_width = max(300, width - 60)
        self._show_subtitle()
        self.aggregate_hint.configure(wraplength=max(200, width // 2 - 90))
        for f in self.form.fields.values():  # half the page, less padding, scroll bar and the 「0 / 60」 counter
            f.set_wrap(max(200, min(480, width // 2 - 190)))

    def _show_subtitle(self) -> None:
        # with the Japanese line-breaking rules: Tk's own wrapping put 「。」 alone at the start of a line
        width = getattr(self, "_subtitle_width", 1000)
        text = wrap(self.wiz.q.description.get(self.wiz.lang), self.subtitle.cget("font").measure, width)
        if self.subtitle.cget("text") != text:
            self.subtitle.configure(text=text, wraplength=width + 40)

    def _panel(self, column: int, padx: tuple[int, int]) -> tuple[ctk.CTkFrame, LightLabel]:
        """One of Home's two panels (new self-check, continue from a file) with its heading."""
        panel = RoundedFrame(self, corner_radius=10)
        panel.grid(row=3, column=column, sticky="nsew", padx=padx, pady=(0, 16))
        panel.columnconfigure(0, weight=1)
        title = LightLabel(panel, text="", font=style.font(18, "bold"), anchor="w")
        title.grid(row=0, column=0, sticky="w", padx=16, pady=(12, 6))
        return panel, title

    def _build_new(self) -> None:
        wiz = self.wiz
        left, self.new_title = self._panel(0, (24, 10))
        q = wiz.q
        items = tuple(q.item(i) for i in NEW_ITEMS if q.has_item(i))
        # the form scrolls inside its panel and the start button stays below it: at 150 % on a 768-pixel
        # screen the four fields are taller than the panel, and the button must never be out of reach
        scroll = ScrollFrame(left, fg_color="transparent")
        scroll.grid(row=1, column=0, sticky="nsew", padx=(10, 4))
        scroll.columnconfigure(0, weight=1)
        left.rowconfigure(1, weight=1)
        self.form = FormView(scroll, items, lambda: wiz.lang, answers=lambda: self.draft, env=lambda: self.draft,
                             on_changed=lambda: None, text_height=56)
        self.form.grid(row=0, column=0, sticky="ew")
        for f in self.form.fields.values():
            f.set_wrap(480)
        self.start_button = LightButton(left, text=ui("home_start", wiz.lang), height=40,
                                        font=style.font(16, "bold"), command=self.start)
        self.start_button.grid(row=2, column=0, sticky="w", padx=16, pady=(8, 16))

    def _build_open(self) -> None:
        wiz = self.wiz
        right, self.open_title = self._panel(1, (10, 24))
        # like the form on the left, everything below the heading scrolls inside its panel: at 125 and 150 %
        # on a 768-pixel screen, with recent files listed, it is taller than the panel, and the last buttons
        # (the central team's) must never be out of reach
        body = ScrollFrame(right, fg_color="transparent")
        body.grid(row=1, column=0, sticky="nsew", padx=(0, 4), pady=(0, 10))
        body.columnconfigure(0, weight=1)
        right.rowconfigure(1, weight=1)
        self.open_body = body
        self.open_button = LightButton(body, text=ui("home_open_file", wiz.lang), height=36, font=style.font(),
                                         command=wiz.doc.open_dialog)
        self.open_button.grid(row=1, column=0, sticky="w", padx=10, pady=4)
        self.example_button = LightButton(body, text=ui("home_example", wiz.lang), height=36, font=style.font(),
                                            fg_color="gray45",
                                            command=lambda: wiz.doc.open_path(service.example_assessment_path()))
        self.example_button.grid(row=2, column=0, sticky="w", padx=10, pady=4)
        self.recent_title = LightLabel(body, text=ui("home_recent", wiz.lang), font=style.font(15, "bold"),
                                       anchor="w")
        self.recent_title.grid(row=3, column=0, sticky="w", padx=10, pady=(14, 2))
        self.recent_frame = FlatFrame(body, fg_color="transparent")
        self.recent_frame.grid(row=4, column=0, sticky="ew", padx=6)
        self.recent_buttons: list[LightButton] = []
        self.no_recent = LightLabel(self.recent_frame, text=ui("home_no_recent", wiz.lang), font=style.font(13),
                                    text_color=style.MUTED)
        # the central team's view across departments sits apart below the files: most users never need it
        central = FlatFrame(body, fg_color="transparent")
        central.grid(row=5, column=0, sticky="ew", padx=10, pady=(22, 6))
        self.aggregate_button = LightButton(central, text=ui("home_aggregate", wiz.lang), height=36,
                                              font=style.font(), fg_color=style.DONE,
                                              hover_color="#25662a", command=self.open_aggregate)
        self.aggregate_button.grid(row=0, column=0, sticky="w")
        self.aggregate_hint = LightLabel(central, text=ui("home_aggregate_hint", wiz.lang), font=style.font(12),
                                         text_color=style.MUTED, anchor="w", justify="left", wraplength=460)
        self.aggregate_hint.grid(row=1, column=0, sticky="w", pady=(2, 0))
        self.pack_button = LightButton(central, text=ui("home_pack", wiz.lang), height=30, font=style.font(13),
                                         fg_color="gray45",
                                         command=self.load_pack)
        self.pack_button.grid(row=2, column=0, sticky="w", pady=(8, 0))
        self.aggregate_window: Any = None
        self.questionnaire_button = LightButton(central, text=QT("qt_home_button", wiz.lang), height=32,
                                                  font=style.font(13),
                                                  fg_color="gray45", command=self.open_questionnaire)
        self.questionnaire_button.grid(row=3, column=0, sticky="w", pady=(8, 0))
        self.questionnaire_window: Any = None

    def retranslate(self) -> None:
        """Texts in the current language."""
        lang = self.wiz.lang
        self._show_subtitle()
        for label, text in ((self.title, ui("app_title", lang)),
                            (self.questionnaire_button, QT("qt_home_button", lang))):
            if label.cget("text") != text:
                label.configure(text=text)
        show_texts(lang, [
            (self.recovery_title, "home_recover_title"),
            (self.new_title, "home_new"),
            (self.start_button, "home_start"),
            (self.open_title, "home_open_title"),
            (self.open_button, "home_open_file"),
            (self.example_button, "home_example"),
            (self.recent_title, "home_recent"),
            (self.no_recent, "home_no_recent"),
            (self.aggregate_button, "home_aggregate"),
            (self.aggregate_hint, "home_aggregate_hint"),
            (self.pack_button, "home_pack"),
        ])
        self.form.retranslate()

    def refresh(self) -> None:
        """Recent files, recoverable autosaves and a fresh form for a new assessment."""
        if not self.draft:
            self.draft["session_date"] = dt.date.today().isoformat()
        self.form.refresh()
        self._refresh_recent()
        self._refresh_recovery()

    def focus_start(self, tries: int = 100) -> None:
        """Give the keyboard to the first field of 新しく始める (部署名) while Home is what is shown: at start-up
        nothing visible had it, so a keyboard user saw no cursor and typing went nowhere until a first Tab.

        Tk gives the focus only to a widget on screen, so until the window manager has shown the window this
        looks again every 50 ms (5 s at most)."""
        if self.wiz.current >= 0:
            return
        if self.winfo_viewable():
            keys.focus_first(self.form)
        elif tries > 0:
            self.after(50, self.focus_start, tries - 1)

    def _recovery_row(self, n: int) -> tuple[LightLabel, LightButton, LightButton]:
        """Row ``n`` of the recovery box, made on first use."""
        while len(self.recovery_rows) <= n:
            row = len(self.recovery_rows)
            label = LightLabel(self.recovery, text="", font=style.font(), anchor="w")
            restore = LightButton(self.recovery, text="", width=100, font=style.font(13))
            discard = LightButton(self.recovery, text="", width=80, font=style.font(13), fg_color="gray55")
            for c, w in enumerate((label, restore, discard)):
                w.grid(row=row + 1, column=c, sticky="w", padx=(12, 6) if c == 0 else 6, pady=3)
            self.recovery_rows.append((label, restore, discard))
        return self.recovery_rows[n]

    def _recent_button(self, n: int) -> LightButton:
        """Button ``n`` of the recent files, made on first use."""
        while len(self.recent_buttons) <= n:
            b = LightButton(self.recent_frame, text="", anchor="w", height=28, font=style.font(13),
                              fg_color="transparent", text_color=style.ACCENT, hover_color=("gray85", "gray25"))
            b.grid(row=len(self.recent_buttons), column=0, sticky="w")
            self.recent_buttons.append(b)
        return self.recent_buttons[n]

    def _refresh_recent(self) -> None:
        recent = self.wiz.prefs.recent_existing()[:MAX_RECENT]
        for n in range(len(recent)):
            self._recent_button(n)
        for n, b in enumerate(self.recent_buttons):
            if n < len(recent):
                path = recent[n]
                b.configure(text=f"{path.name}   ({_short(path.parent)})",
                            command=lambda p=path: self.wiz.doc.open_path(p))
                b.grid()
            else:
                b.grid_remove()
        if recent:
            self.no_recent.grid_remove()
        else:
            self.no_recent.grid(row=0, column=0, sticky="w", padx=4)

    def _refresh_recovery(self) -> None:
        lang = self.wiz.lang
        doc = self.wiz.doc
        pending = service.pending_recoveries(doc.autosave_folder, exclude_slot=doc.slot)[:MAX_RECOVERY]
        for n in range(len(pending)):
            self._recovery_row(n)
        for n, (label, restore, discard) in enumerate(self.recovery_rows):
            widgets = (label, restore, discard)
            if n < len(pending):
                p = pending[n]
                when = p.saved_at.strftime("%Y-%m-%d %H:%M")
                label.configure(text=ui("home_recover_line", lang, dept=p.department or ui("no_department", lang),
                                        when=when))
                restore.configure(text=ui("home_recover", lang), command=lambda p=p: self.wiz.doc.recover(p))
                discard.configure(text=ui("home_discard", lang), command=lambda p=p: self._discard(p))
                for w in widgets:
                    w.grid()
            else:
                for w in widgets:
                    w.grid_remove()
        if pending:
            self.recovery.grid()
        else:
            self.recovery.grid_remove()

    def open_aggregate(self) -> Any:
        """The ward-wide window for the central team (one at a time)."""
        from app.gui.aggregate_window import open_aggregate_window

        window = self.aggregate_window
        if window is not None and window.winfo_exists():
            window.lift()
            return window
        self.aggregate_window = open_aggregate_window(self, self.wiz.lang)
        return self.aggregate_window

    def load_pack(self, path: Path | None = None) -> Any:
        """配布パックを読み込む: check, confirm a downgrade, install (see :mod:`app.gui.pack_dialog`)."""
        from app.gui.pack_dialog import load_pack

        return load_pack(self, self.wiz.lang, path)

    def open_questionnaire(self) -> Any:
        """The improvement team's questionnaire window (one at a time), on the questionnaire in use."""
        from app.gui.qtune_window import open_questionnaire_window

        window = self.questionnaire_window
        if window is not None and window.winfo_exists():
            window.lift()
            return window
        self.questionnaire_window = open_questionnaire_window(self, self.wiz.lang,
                                                              base=service.get_questionnaire(self.wiz.q.id))
        return self.questionnaire_window

    def _discard(self, pending: service.Recovery) -> None:
        self.wiz.doc.discard_recovery(pending)
        self.refresh()

    def start(self) -> None:
        """Check the basic fields and start the wizard."""
        if self.form.validate():
            self.form.focus_error()
            return
        info = dict(self.draft)
        self.draft.clear()
        self.wiz.doc.start_new(info)


def _short(folder: Path) -> str:
    text = str(folder)
    return text if len(text) <= 40 else "…" + text[-39:]

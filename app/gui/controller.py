"""The wizard controller: one window for the app's life, the model, step navigation and the side step list.

Pages are built on first visit and then only raised (customtkinter's scrollable frames leak when
destroyed); each page refreshes itself from :attr:`Wizard.a` when raised. Files, autosave and
errors are in :mod:`app.gui.session`.
"""

from __future__ import annotations

import functools
import importlib
from collections.abc import Callable
from typing import TYPE_CHECKING

import customtkinter as ctk

from app import service
from app.domain.assessment import Assessment
from app.domain.progress import step_complete
from app.domain.questionnaire import Questionnaire, Step
from app.gui import fit_width, keys, style, wheel
from app.gui.flat_frame import FlatFrame
from app.gui.light import LightButton
from app.gui.light_label import LightLabel
from app.gui.pages.base import StepPage
from app.gui.prefs import Prefs
from app.gui.session import Document
from app.gui.settled import QuietOptionMenu
from app.gui.strings import ui
from app.gui.widgets import GlossaryWindow, show_texts

if TYPE_CHECKING:
    from app.domain.results import AssessmentResult, TaskResult

SIDEBAR_WIDTH = 190
SIDEBAR_MAX_WIDTH = 300


PAGE_CLASSES = {
    "page": ("form", "FormPage"), "task_grid": ("grid", "GridPage"), "focus": ("focus", "FocusPage"),
    "task_analysis": ("analysis", "AnalysisPage"), "measures": ("measures", "MeasuresPage"),
    "results": ("results", "ResultsPage"), "action_plan": ("plan", "PlanPage"), "output": ("output", "OutputPage"),
}


def page_class(kind: str) -> type[StepPage]:
    """The page class of a step kind, imported on first use so that Home appears quickly."""
    module_name, class_name = PAGE_CLASSES[kind]
    cls: type[StepPage] = getattr(importlib.import_module(f"app.gui.pages.{module_name}"), class_name)
    return cls


class Wizard:
    """The application: window layout, the assessment being edited and where the user is."""

    def __init__(self, root: ctk.CTk, q: Questionnaire, prefs: Prefs) -> None:
        self.root = root
        self.q = q
        self.prefs = prefs
        self.lang = prefs.lang
        self.a: Assessment = service.new_assessment(q)
        self.started = False  # False until a new assessment is started or a file opened
        self.revision = 0
        self.current = -1  # -1 = Home
        self.current_task: str | None = None
        self.visited: set[int] = set()
        self.pages: dict[int, StepPage] = {}
        self._result: tuple[int, AssessmentResult] | None = None
        self._sidebar_job: str | None = None
        self.glossary: GlossaryWindow | None = None
        self.doc = Document(self)  # where the assessment lives, whether it is saved, its autosave
        self._layout()
        from app.gui.pages.home import HomePage

        self.home = HomePage(self.container, self)
        self.home.grid(row=0, column=0, sticky="nsew")
        self.retranslate()
        self.show_home()

    # --- layout ------------------------------------------------------------------------------
    def _layout(self) -> None:
        root = self.root
        root.columnconfigure(1, weight=1)
        root.rowconfigure(1, weight=1)
        top = FlatFrame(root, corner_radius=0, fg_color=style.PANEL)
        top.grid(row=0, column=0, columnspan=2, sticky="ew")
        top.columnconfigure(0, weight=1)
        self.file_label = LightLabel(top, text="", font=style.font(15, "bold"), anchor="w")
        self.file_label.grid(row=0, column=0, sticky="w", padx=12, pady=6)
        from app.gui.titlefit import TitleFitter

        self.title_fit = TitleFitter(top, self.file_label)  # at 150 % only the file name gives way to the buttons
        self.top_buttons: dict[str, LightButton] = {}
        for n, (key, command) in enumerate((("home", self.show_home), ("open", self.doc.open_dialog),
                                            ("save", self.doc.save), ("save_as", self.doc.save_as),
                                            ("glossary", self.show_glossary))):
            b = LightButton(top, text=ui(key, self.lang), width=60, font=style.font(13), command=command)
            b.grid(row=0, column=n + 1, padx=3, pady=6)
            self.top_buttons[key] = b
        self.lang_menu = QuietOptionMenu(top, values=["日本語", "English"], width=100, font=style.font(13),
                                           dropdown_font=style.font(13),
                                           command=lambda v: self.set_lang("en" if v == "English" else "ja"))
        self.lang_menu.set("English" if self.lang == "en" else "日本語")
        self.lang_menu.grid(row=0, column=6, padx=(12, 3))
        self.scale_menu = QuietOptionMenu(top, values=[f"{s}%" for s in style.SCALES], width=80,
                                            font=style.font(13), dropdown_font=style.font(13),
                                            command=lambda v: self.set_scale(int(v.rstrip("%"))))
        self.scale_menu.set(f"{self.prefs.scale}%")
        self.scale_menu.grid(row=0, column=8, padx=(3, 12))
        self.scale_label = LightLabel(top, text=ui("text_size", self.lang), font=style.font(12), text_color=style.MUTED)
        self.scale_label.grid(row=0, column=7, padx=(10, 2))
        from app.gui.meeting import MeetingSwitch

        self.meeting = MeetingSwitch(top, self)
        self.meeting.grid(row=0, column=9, padx=(6, 12))

        side = FlatFrame(root, corner_radius=0, width=SIDEBAR_WIDTH, fg_color=style.PANEL)
        side.grid(row=1, column=0, rowspan=2, sticky="nsw")
        side.grid_propagate(False)
        self.side = side
        self._side_font = style.font(14)
        self._side_widths: dict[tuple[str, ...], int] = {}  # the widest step line per list of titles
        side.columnconfigure(0, weight=1)
        self.side_title = LightLabel(side, text=ui("steps", self.lang), font=style.font(13, "bold"),
                                     text_color=style.MUTED)
        self.side_title.grid(row=0, column=0, sticky="w", padx=12, pady=(10, 4))
        self.step_buttons: list[LightButton] = []
        self._home_sidebar: str | None = None  # the language the not-yet-started step list was last shown in
        for i, _step in enumerate(self.q.steps):
            b = LightButton(side, text="", anchor="w", height=34, font=self._side_font, corner_radius=6,
                            command=functools.partial(self.go, i))
            b.grid(row=i + 1, column=0, sticky="ew", padx=8, pady=2)
            self.step_buttons.append(b)

        self.container: ctk.CTkFrame = FlatFrame(root, corner_radius=0, fg_color=style.PAGE_BG)
        self.container.grid(row=1, column=1, sticky="nsew")
        self.container.rowconfigure(0, weight=1)
        self.container.columnconfigure(0, weight=1)

        self._layout_nav(top, side)

    def _layout_nav(self, top: ctk.CTkFrame, side: ctk.CTkFrame) -> None:
        """The navigation bar under the page (戻る / 手順 n/9 / 次へ) and the keyboard."""
        root = self.root
        nav = FlatFrame(root, corner_radius=0, fg_color=style.PANEL)
        nav.grid(row=2, column=1, sticky="ew")
        nav.columnconfigure(1, weight=1)
        self.nav = nav
        self.back_button = LightButton(nav, text=ui("back", self.lang), width=120, font=style.font(), command=self.back)
        self.back_button.grid(row=0, column=0, padx=12, pady=8)
        self.step_label = LightLabel(nav, text="", font=style.font(13), text_color=style.MUTED)
        self.step_label.grid(row=0, column=1)
        self.next_button = LightButton(nav, text=ui("next", self.lang), width=120, font=style.font(), command=self.next)
        self.next_button.grid(row=0, column=2, padx=12, pady=8)
        # Tab order follows the stacking order: the page and its navigation first, then the top bar and step list
        top.lift()
        side.lift()
        # Enter is deliberately bound to nothing (it confirms IME conversion); the list is in the help panel
        keys.install(root, {sequence: action for action, sequences in self.shortcuts().items()
                            for sequence in sequences})
        keys.prepare(top)  # mapped already (the option menus lay themselves out while made): no <Map> comes
        wheel.install(root)

    def shortcuts(self) -> dict[Callable[[], object], tuple[str, ...]]:
        """Each keyboard shortcut's action and its Tk sequences (listed for the user in the help panel)."""
        return {self.next: ("<Alt-Right>", "<Control-Next>"), self.back: ("<Alt-Left>", "<Control-Prior>"),
                self.doc.save: ("<Control-s>", "<Control-S>"), self.doc.open_dialog: ("<Control-o>", "<Control-O>"),
                self.print_plan: ("<Control-p>", "<Control-P>"), self.show_glossary: ("<F1>",)}

    # --- the model -----------------------------------------------------------------------------
    def changed(self) -> None:
        """The model changed: mark unsaved, schedule autosave and the step list update."""
        self.revision += 1
        self.doc.dirty = True
        self.update_title()
        self.doc.schedule_autosave()
        if self._sidebar_job is None:
            self._sidebar_job = self.root.after(300, self._sidebar_later)

    def _sidebar_later(self) -> None:
        self._sidebar_job = None
        self.update_sidebar()

    def result(self) -> AssessmentResult:
        """The scored assessment, computed once per model revision."""
        if self._result is None or self._result[0] != self.revision:
            self._result = (self.revision, service.score(self.q, self.a))
        return self._result[1]

    def focus_tasks(self) -> list[TaskResult]:
        """The focus tasks, most hours first."""
        return sorted((t for t in self.result().tasks if t.focus), key=lambda t: t.rank)

    def set_assessment(self, a: Assessment) -> None:
        """Start editing ``a`` (new, opened or recovered)."""
        self.a = a  # the window's language is a preference: the file keeps its own lang
        for page in self.pages.values():
            page.forget_document()
        self.started = True
        self.revision += 1
        self.visited = set()
        self.current_task = None
        self.update_title()
        self.update_sidebar()
        self.fit_sidebar()

    # --- navigation --------------------------------------------------------------------------
    def page(self, index: int) -> StepPage:
        """The page of step ``index``, built on first use."""
        page = self.pages.get(index)
        if page is None:
            step: Step = self.q.steps[index]
            page = page_class(step.kind)(self.container, self, step)
            page.grid(row=0, column=0, sticky="nsew")
            page.retranslate()
            self.pages[index] = page
        return page

    def go(self, index: int) -> bool:
        """Show step ``index``; leaving the current step checks it first when moving forward."""
        if not self.started or not 0 <= index < len(self.q.steps):
            return False
        if 0 <= self.current != index and not self.pages[self.current].leave(forward=index > self.current):
            return False
        entering = self.current != index
        self.current = index
        self.visited.add(index)
        page = self.page(index)
        if entering:
            page.on_enter()
        page.refresh()
        self._show(page)
        self.nav.grid()
        self.update_sidebar()
        return True

    def _show(self, shown: ctk.CTkFrame) -> None:
        """Only the shown page is mapped: Tab never walks into the controls of a page underneath."""
        frames: list[ctk.CTkFrame] = [self.home, *self.pages.values()]
        for other in frames:
            if other is not shown:
                other.grid_remove()
        shown.grid()
        shown.tkraise()
        self.root.after_idle(self._keep_focus, shown)

    def _keep_focus(self, shown: ctk.CTkFrame, tries: int = 40) -> None:
        # the focused control may have been on the page just hidden: continue on the new page's first one
        focused = self.root.focus_get()
        if focused is not None and focused.winfo_viewable() and keys.enabled(focused):
            return
        if not shown.winfo_exists():
            return  # the page was replaced (a new questionnaire, a closed file) before Tk was idle
        if not shown.winfo_viewable():
            # the window is not on screen yet (at start-up Home is built before the window manager has mapped
            # the window): no control can take the focus, so ask again shortly (for at most two seconds)
            if tries:
                self.root.after(50, self._keep_focus, shown, tries - 1)
            return
        # a page with nothing to fill in (はじめに, 結果) hands the keyboard to 次へ
        keys.focus_first(shown, self.next_button if self.current >= 0 else None)

    def next(self) -> None:
        """The next step (per-task pages move between focus tasks with their own 「業務 n/N」 control)."""
        if 0 <= self.current < len(self.q.steps) - 1:
            self.go(self.current + 1)

    def back(self) -> None:
        """The previous step."""
        if self.current > 0:
            self.go(self.current - 1)

    def show_home(self) -> None:
        """Raise Home (the assessment stays open; the step list leads back)."""
        if self.current >= 0 and not self.pages[self.current].leave(forward=False):
            return
        self.current = -1
        self.home.refresh()
        self._show(self.home)
        self.nav.grid_remove()
        self.update_sidebar()

    def update_title(self) -> None:
        """The file name (and * when unsaved) in the top bar."""
        shown = self.doc.path or self.doc.read_only_source
        name = shown.name if shown else ui("untitled", self.lang)
        dept = self.a.info.get("department") if self.started else None
        # the top bar shares its row with the buttons: a 60-character department must not run under them
        prefix = f"{_clip(dept, 24)} — " if isinstance(dept, str) and dept else ""
        suffix = ""
        if self.started and self.doc.read_only_source is not None:
            suffix += f"  [{ui('read_only_tag', self.lang)}]"
        if not self.started:
            prefix, name = "", ui("app_title", self.lang)
        elif self.doc.dirty:
            suffix += " *"
        if hasattr(self, "title_fit"):
            self.title_fit.set(prefix, name, suffix)  # the file name shortened (…) to the room the buttons leave
        else:
            self.file_label.configure(text=prefix + name + suffix)
        save_button = getattr(self, "top_buttons", {}).get("save")  # None while the top bar is built
        if save_button is not None:
            # a newer app's file is never overwritten: only 「名前を付けて保存」 is offered
            save_button.configure(state="disabled" if self.started and self.doc.read_only_source else "normal")


    # --- step list -----------------------------------------------------------------------------
    def step_complete(self, index: int) -> bool:
        """Whether step ``index`` looks done, judged from the model only (:func:`app.domain.progress.step_complete`)."""
        return step_complete(self.q, self.a, self.result(), index, visited=self.visited,
                             plan_written=self.doc.pdf_path is not None)

    def update_sidebar(self) -> None:
        """Marks: ▶ where you are, ✓ complete, ○ not yet."""
        if not self.started:
            # before anything is open the list depends on the language only (all ○, disabled): the start
            # configured it twice (each configure redraws the nine buttons)
            if self._home_sidebar == self.lang:
                return
            self._home_sidebar = self.lang
        else:
            self._home_sidebar = None
        for i, (b, step) in enumerate(zip(self.step_buttons, self.q.steps, strict=True)):
            here = i == self.current
            mark = "▶" if here else ("✓" if self.started and self.step_complete(i) else "○")
            b.configure(text=f"{mark} {i + 1}. {step.title.get(self.lang)}",
                        state="normal" if self.started else "disabled",
                        fg_color=style.ACCENT if here else "transparent",
                        text_color=("white", "white") if here else ("gray10", "gray90"),
                        hover_color=("gray80", "gray30") if not here else style.ACCENT)
        if self.current >= 0:
            self.step_label.configure(text=ui("step_of", self.lang, n=self.current + 1, total=len(self.q.steps)))
            self.back_button.configure(state="normal" if self.current > 0 else "disabled")
            last = self.current == len(self.q.steps) - 1
            self.next_button.configure(state="disabled" if last else "normal")

    def fit_sidebar(self) -> None:
        """Make the step list as wide as its longest step name (English names are longer than Japanese)."""
        titles = tuple(f" {i + 1}. {step.title.get(self.lang)}" for i, step in enumerate(self.q.steps))
        widest = self._side_widths.get(titles)
        if widest is None:
            # Tk's text widths add up (no kerning): the widest mark plus the widest title is the widest line,
            # 12 measurements instead of 27 (each about half a millisecond on a start)
            marks = max(self._side_font.measure(mark) for mark in "▶✓○")
            widest = self._side_widths[titles] = marks + max(self._side_font.measure(t) for t in titles)
        # the font measures unscaled pixels, as the frame's width is given: button and frame padding added
        width = min(SIDEBAR_MAX_WIDTH, max(SIDEBAR_WIDTH, widest + 44))
        if self.side.cget("width") != width:
            self.side.configure(width=width)

    # --- language and text size ----------------------------------------------------------------
    def retranslate(self) -> None:
        """Every text in the current language."""
        lang = self.lang
        show_texts(lang, [
            *((b, key) for key, b in self.top_buttons.items()),
            (self.back_button, "back"),
            (self.next_button, "next"),
            (self.side_title, "steps"),
            (self.scale_label, "text_size"),
        ])
        self.retranslate_scale_label(round(style.scale() * 100))
        self.meeting.retranslate()
        self.root.title(ui("app_title", lang))
        self.home.retranslate()
        for page in self.pages.values():
            page.retranslate()
        self.update_title()
        self.update_sidebar()
        self.fit_sidebar()

    def set_lang(self, lang: str) -> None:
        """Switch the window (and new action texts) to ``lang``; the document is not changed."""
        self.lang = "en" if lang == "en" else "ja"
        self.prefs.lang = self.lang
        shown = "English" if self.lang == "en" else "日本語"
        if self.lang_menu.get() != shown:  # asked for elsewhere than the menu (the keyboard, a test)
            self.lang_menu.set(shown)
        self.doc.save_prefs()
        self.retranslate()
        if self.current >= 0:
            self.pages[self.current].refresh()
        else:
            self.home.refresh()
        self.root.after_idle(fit_width.refit)  # buttons in the other language: a toolbar may need another row

    def set_scale(self, percent: int) -> None:
        """Apply a text size of 100, 125 or 150 % (remembered; meeting mode's own size is not)."""
        self.prefs.scale = percent
        self.doc.save_prefs()
        if self.scale_menu.get() != f"{percent}%":
            self.scale_menu.set(f"{percent}%")
        if not self.meeting.on:
            self.apply_scale(percent)

    def apply_scale(self, percent: int) -> None:
        """Show every widget at ``percent`` text size."""
        style.set_scale(percent)
        # lines wrapped in a room of the same pixels, now other unscaled pixels; once laid out again, rows of
        # buttons that have grown
        fit_width.refit()
        self.root.after_idle(fit_width.refit)
        self._home_sidebar = None
        # customtkinter re-grids every widget it rescales, hidden ones too (an unneeded question, an empty
        # status line, an idle progress bar): each page puts its own show/hide state back
        for page in self.pages.values():
            page.rescale()
            page.retranslate()
        self.home.retranslate()
        if self.current >= 0:
            self.pages[self.current].refresh()
        else:  # Home: its recovery box and recent files as they are, and no 戻る / 次へ bar
            self.home.refresh()
            self.nav.grid_remove()
        self.retranslate_scale_label(percent)

    def retranslate_scale_label(self, percent: int) -> None:
        """At 150 % and more the 「文字の大きさ」 label gives its room to the file name (the menu says 150 %)."""
        if self.meeting.on or percent >= style.SCALES[-1]:
            self.scale_label.grid_remove()
        else:
            self.scale_label.grid()

    def print_plan(self) -> None:
        """Ctrl+P: the output step's 印刷 button (the plan is written first when there is none yet)."""
        index = next((i for i, step in enumerate(self.q.steps) if step.kind == "output"), None)
        if not self.started or index is None or (self.current != index and not self.go(index)):
            return
        printer = getattr(self.pages[index], "print_plan", None)
        if callable(printer):
            printer()

    def show_glossary(self) -> None:
        """The glossary (OCR, RPA, ECRS …) in a small window."""
        if self.glossary is None:
            self.glossary = GlossaryWindow(self.root, self.q, keys.shortcut_help)
        self.glossary.show(self.lang)


def _clip(text: str, limit: int) -> str:
    """``text`` cut to ``limit`` characters with an ellipsis (only for display; the model is untouched)."""
    return text if len(text) <= limit else text[: limit - 1] + "…"

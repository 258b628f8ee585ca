"""The task inventory: an Excel-like grid (tksheet) whose columns are the questionnaire's task-grid items.

Cells are typed in, pasted from Excel or picked from dropdowns; every change is coerced into
``task.answers`` (full-width digits and "1,200" accepted) and annual hours are recomputed live.
A hidden first column holds each row's task id, so inserted, deleted and dragged rows keep their
tasks (and the analysis, measures and actions that hang off them).
"""

from __future__ import annotations

import tkinter
from typing import TYPE_CHECKING, Any

from tksheet import Sheet, num2alpha

from app.domain.assessment import Task
from app.domain.errors import AssessmentError, Problem
from app.domain.questionnaire import Item, Step
from app.domain.scoring import annual_hours, task_env
from app.domain.values import coerce
from app.gui import fit_width, keys, style
from app.gui.flat_frame import FlatFrame, FlatLabel
from app.gui.formats import hours
from app.gui.grid_dropdown import tall_dropdowns
from app.gui.light import LightButton
from app.gui.pages import grid_cells as cells
from app.gui.pages.base import StepPage
from app.gui.pages.grid_freeze import FrozenNames
from app.gui.settled import no_early_layout
from app.gui.strings import ui
from app.gui.widgets import FoldingLabel, show_texts

if TYPE_CHECKING:
    from app.gui.checklist import CheckListPopup
    from app.gui.host import PageHost
    from app.gui.import_dialog import ImportDialog

ERROR_BG = "#ffd6d6"
CALC_BG = "#eef2f6"
CHAR_PX = 13


class GridPage(StepPage):
    """One row per task; ``errors`` holds the cells that did not parse, with their text and message."""

    def __init__(self, parent: tkinter.Misc, wiz: PageHost, step: Step) -> None:
        super().__init__(parent, wiz, step)
        self.items: tuple[Item, ...] = step.items
        self.errors: dict[tuple[str, str], tuple[str, str]] = {}  # (task id, item id) -> (text, message)
        self._loaded_revision = -1
        self._errors_of: object = None  # the assessment the cell errors belong to
        self._noted: set[tuple[int, int]] = set()  # cells carrying a note (the problem's message)
        self._hours: tuple[int, object, float] = (-1, None, 0.0)  # (model revision, assessment, total hours)
        bar = FlatFrame(self.body, fg_color="transparent")
        bar.grid(row=0, column=0, sticky="ew", pady=(0, 6))
        self.buttons: dict[str, LightButton] = {}
        for n, (key, command) in enumerate((("grid_add", self.add_row), ("grid_delete", self.delete_rows),
                                            ("grid_up", lambda: self.move_rows(-1)),
                                            ("grid_down", lambda: self.move_rows(1)))):
            b = LightButton(bar, text="", width=90, font=style.font(13), command=command)
            b.grid(row=0, column=n, padx=(0, 6))
            self.buttons[key] = b
        # importing sits apart from the row buttons: it adds many rows at once (deleting them undoes it)
        b = LightButton(bar, text="", width=90, font=style.font(13), fg_color=style.DONE, hover_color="#25662a",
                          command=self.import_sheet)
        b.grid(row=0, column=4, padx=(12, 6))
        self.buttons["grid_import"] = b
        b = LightButton(bar, text="", width=90, font=style.font(13), command=self.write_template)
        b.grid(row=0, column=5, padx=(0, 6))
        self.buttons["grid_template"] = b
        # the two Excel buttons on a row of their own when all six do not fit (English at 150 %)
        fit_width.flow(bar, [[(self.buttons[k], (0, 6)) for k in ("grid_add", "grid_delete", "grid_up", "grid_down")],
                             [(self.buttons["grid_import"], (12, 6)), (self.buttons["grid_template"], (0, 6))]])
        # the total has a line of its own under the grid: beside the buttons it was cut at 100 % and hidden at 150 %
        self.total = FlatLabel(self.body, text="", font=style.font(14, "bold"), anchor="w")
        bar.columnconfigure(6, weight=1)
        with no_early_layout():  # tksheet lays the half-built page out four times while it is made
            self.sheet = Sheet(self.body, headers=["id", *["" for _ in self.items]], data=[],
                               default_header_height="3", header_wrap="w", table_wrap="", show_top_left=False,
                               startup_focus=False,  # tksheet took the keyboard when made, off 次へ
                               paste_can_expand_y=True, font=style.tk_font(14), header_font=style.tk_font(13, "bold"),
                               index_font=style.tk_font(13), popup_menu_font=style.tk_font(13),
                               default_row_index_width=44, alternate_color="#f7f9fb", height=400, index_align="w")
        self.sheet.grid(row=1, column=0, sticky="nsew")
        tall_dropdowns(self.sheet)  # every choice of a select column, not tksheet's six; ↑ ↓ choose in it
        self.body.rowconfigure(1, weight=1)
        self.sheet.enable_bindings("single_select", "drag_select", "row_select", "column_width_resize",
                                   "double_click_column_resize", "row_height_resize", "arrowkeys",
                                   "right_click_popup_menu",
                                   "rc_select", "rc_insert_row", "rc_delete_row", "copy", "cut", "paste", "delete",
                                   "undo", "edit_cell", "row_drag_and_drop", "ctrl_select")
        self.sheet.hide_columns(0, data_indexes=True)
        self.frozen = FrozenNames(self.sheet, lambda: [str(t.answers.get("name", "")) for t in self.wiz.a.tasks])
        self.sheet.bind("<<SheetModified>>", self._modified)
        self.sheet.extra_bindings("begin_edit_cell", self._begin_edit)
        # Tab moves between cells (tksheet); Ctrl+Tab leaves the grid, to 次へ or back to the row buttons
        back = [(seq, lambda: self.buttons["grid_import"]) for seq in keys.back_tab_sequences(self, "Control-")]
        for sequence, target in [("<Control-Tab>", lambda: self.wiz.next_button), *back]:
            self.sheet.MT.bind(sequence, lambda _e, target=target: keys.focus(target()))
        keys.table_only(self.sheet)  # the row numbers and headers are no Tab stop
        keys.current_on_focus(self.sheet)
        self.message = FoldingLabel(self.body, text="", font=style.font(13), text_color=style.ERROR, anchor="w",
                                    justify="left", wraplength=1000)
        self.total.grid(row=2, column=0, sticky="ew", pady=(4, 0))
        self.message.grid(row=3, column=0, sticky="ew", pady=(4, 0))
        self.note = FoldingLabel(self.body, text="", font=style.font(13), text_color=style.DONE, anchor="w")
        self.note.grid(row=4, column=0, sticky="ew")
        for label in (self.message, self.note):  # an empty line takes no room from the grid
            label.configure(text="")
        self.hint = FlatLabel(self.body, text="", font=style.font(12), text_color=style.MUTED, anchor="w")
        self.hint.grid(row=5, column=0, sticky="ew")
        self._set_columns()
        keys.prepare(self)  # the focus rings before the first layout (a ring added when mapped makes a row taller)

    # --- columns ---------------------------------------------------------------------------------
    def _set_columns(self) -> None:
        lang = self.wiz.lang
        self.sheet.headers(["id", *[i.label.get(lang) for i in self.items]], redraw=False)
        widths: list[int] = []  # displayed columns only: the id column is hidden
        for c, item in enumerate(self.items, start=1):
            widths.append(round(cells.width_chars(item, self.wiz.lang) * CHAR_PX * style.scale()) + 8)
            col = self.sheet.span(num2alpha(c), header=False)
            if item.calculate is not None:
                self.sheet.readonly(col)
                self.sheet.highlight(col, bg=CALC_BG, redraw=False)
            elif item.type in ("select_one", "likert", "boolean"):
                self.sheet.dropdown(col, values=["", *cells.labels(item, self.wiz.lang)], edit_data=False, redraw=False)
            if item.type in ("integer", "decimal") or item.calculate is not None:
                self.sheet.align(col, align="e", redraw=False)
        self.sheet.set_column_widths(widths)
        self.sheet.set_header_height_lines(3)

    def retranslate(self) -> None:
        super().retranslate()
        lang = self.wiz.lang
        show_texts(lang, [*((b, key) for key, b in self.buttons.items()), (self.hint, "grid_paste_hint")])
        self._set_columns()
        self._loaded_revision = -1

    def unfitted(self) -> int:
        """Cells whose typed text does not fit (blank required cells hold nothing to lose)."""
        return sum(1 for text, _message in self.errors.values() if text)

    def forget_document(self) -> None:
        """Another assessment: its task ids (t1, t2 …) are not these tasks."""
        self.errors.clear()
        self._errors_of = self.wiz.a
        self._loaded_revision = -1

    def rescale(self) -> None:
        self.sheet.font(style.tk_font(14))
        self.sheet.header_font(style.tk_font(13, "bold"))
        self.sheet.index_font(style.tk_font(13))
        self._set_columns()
        for label in (self.message, self.note):  # customtkinter re-grids them when it rescales
            label.configure(text=label.cget("text"))

    # --- model -> sheet ----------------------------------------------------------------------------
    def display(self, item: Item, value: object) -> str:
        """How a stored answer appears in a cell."""
        return cells.display(item, value, self.wiz.lang)

    def row_for(self, task: Task, env: dict[str, Any] | None = None) -> list[Any]:
        """The cells of one task, including the hidden id and the computed columns (``env``: its
        :func:`task_env`, when already computed)."""
        if env is None:
            env = task_env(self.wiz.q, self.wiz.a, task)
        row: list[Any] = [task.id]
        for item in self.items:
            err = self.errors.get((task.id, item.id))
            value = env.get(item.id) if item.calculate is not None else task.answers.get(item.id)
            row.append(err[0] if err else self.display(item, value))
        return row

    def refresh(self) -> None:
        if not self.wiz.a.tasks:
            # an empty sheet has no cell to type or paste into: offer one blank row (dropped on leaving
            # if it stays blank, so it is not a change of its own)
            self.wiz.a.add_task()
            self.load()
            self.sheet.select_cell(0, 0)  # displayed column 0 is 業務名 (the id column is hidden)
        elif self._loaded_revision != self.wiz.revision:
            self.load()
        self.update_total()

    def load(self) -> None:
        """Put every task into the sheet (after opening a file, or model-side row operations)."""
        tasks = self.wiz.a.tasks
        live = {t.id for t in tasks}
        if self._errors_of is not self.wiz.a:  # another file: its task ids (t1, t2 …) are not these tasks
            self._errors_of = self.wiz.a
            self.errors.clear()
        self.errors = {k: v for k, v in self.errors.items() if k[0] in live}
        q, a = self.wiz.q, self.wiz.a
        envs = [task_env(q, a, t) for t in tasks]
        # the total under the grid, from the same answers (update_total reused it until the model changes)
        self._hours = (self.wiz.revision, a, sum(annual_hours(q, env) for env in envs))
        self.sheet.set_sheet_data([self.row_for(t, env) for t, env in zip(tasks, envs, strict=True)],
                                  reset_col_positions=False, reset_row_positions=True, redraw=False)
        self.sheet.dehighlight_cells(all_=True, redraw=False)
        for r, c in self._noted:
            self.sheet.note(r, c, note=None)
        self._noted.clear()
        # only cells with a problem need marking (a call per cell took most of the first visit with 200 rows)
        columns = {item.id: c for c, item in enumerate(self.items, start=1)}
        rows = {t.id: r for r, t in enumerate(tasks)}
        for (tid, item_id), err in self.errors.items():
            if tid in rows and item_id in columns:
                self._mark(rows[tid], columns[item_id], err)
        self.sheet.hide_columns(0, data_indexes=True)
        self.frozen.update()
        self._loaded_revision = self.wiz.revision

    def _mark(self, r: int, c: int, err: tuple[str, str] | None) -> None:
        if err:
            self.sheet.highlight(r, c, bg=ERROR_BG, redraw=False)
            self.sheet.note(r, c, note=err[1])
            self._noted.add((r, c))
        else:
            self.sheet.dehighlight_cells(cells=[(r, c)], redraw=False)
            if (r, c) in self._noted:
                self.sheet.note(r, c, note=None)
                self._noted.discard((r, c))

    # --- sheet -> model ------------------------------------------------------------------------------
    def _begin_edit(self, event: Any) -> str | None:
        """A select-multiple cell (接点, 繁忙期) opens a check list instead of a text editor."""
        c = self.sheet.displayed_column_to_data(event.column)
        item = self.items[c - 1] if 0 < c <= len(self.items) else None
        if item is None or item.type != "select_multiple":
            return str(event.value)
        self.after_idle(self.open_check_list, event.row, item)
        return None

    def open_check_list(self, r: int, item: Item) -> CheckListPopup:
        """Tick the values of row ``r``'s ``item`` in a small window by the cell; OK writes them into the cell."""
        from app.gui.checklist import open_for_cell

        def done(text: str, c: int = 1 + self.items.index(item)) -> None:
            self.sheet.set_cell_data(r, c, text, redraw=False)
            self.sync([r])
            keys.focus(self.sheet.MT)

        return open_for_cell(self.sheet, r, self.items.index(item), item, lang=self.wiz.lang, on_text=done,
                             value=self.wiz.a.tasks[r].answers.get(item.id))

    def _modified(self, event: dict[str, Any]) -> None:
        edited = event.get("cells", {}).get("table", {}) if event.get("eventname") == "edit_table" else None
        rows = sorted({r for r, _c in edited}) if edited else None
        self.sync(rows)

    def sync(self, rows: list[int] | None = None) -> None:
        """Read rows (all when None) back into the model; row order and deletions follow the sheet."""
        a = self.wiz.a
        data = self.sheet.get_sheet_data()
        by_id = {t.id: t for t in a.tasks}
        if rows is None or len(data) != len(a.tasks) or any(a.tasks[r].id != data[r][0] for r in rows if r < len(data)):
            rows = list(range(len(data)))
            seen: set[str] = set()
            order: list[Task] = []
            for r, row in enumerate(data):
                tid = str(row[0] or "")
                if not tid or tid in seen:
                    tid = cells.fresh_id(a.new_task_id(), seen | set(by_id))
                    self.sheet.set_cell_data(r, 0, tid, redraw=False)
                seen.add(tid)
                order.append(by_id.get(tid) or Task(tid))
            for gone in set(by_id) - seen:
                a.remove_task(gone)
            a.tasks = order
        for r in rows:
            self._read_row(r, data[r])
        self.wiz.changed()
        self._loaded_revision = self.wiz.revision
        self.update_total()
        self.frozen.update()  # a renamed or moved task shows its new name beside its number

    def _read_row(self, r: int, row: list[Any]) -> None:
        task = self.wiz.a.tasks[r]
        for c, item in enumerate(self.items, start=1):
            if not item.is_input:
                continue
            text = row[c] if c < len(row) else ""
            text = "" if text is None else str(text)
            key = (task.id, item.id)
            try:
                value = coerce(item, text)
            except AssessmentError as exc:
                p = exc.problems[0]
                msg = Problem(p.code, {**p.params, "field": item.label.get(self.wiz.lang)}).message(self.wiz.lang)
                self.errors[key] = (text, msg)
                # the cell keeps what was typed (red, with the message as its note); the model keeps the
                # last value that fitted, as the form fields do, so a save or autosave meanwhile loses nothing
                self._mark(r, c, self.errors[key])
                continue
            self.errors.pop(key, None)
            if value is None or value == []:
                task.answers.pop(item.id, None)
            else:
                task.answers[item.id] = value
            shown = self.display(item, value)
            if shown != text:
                # show the canonical form (１，２００ → 1200, "4" → "4 ほぼ手順どおり"): people see what was read
                self.sheet.set_cell_data(r, c, shown, redraw=False)
            self._mark(r, c, None)
        env = task_env(self.wiz.q, self.wiz.a, task)
        for c, item in enumerate(self.items, start=1):
            if item.calculate is not None:
                self.sheet.set_cell_data(r, c, self.display(item, env.get(item.id)), redraw=False)

    def update_total(self) -> None:
        """The task count and total hours above the grid, and the first problem below it."""
        q, a = self.wiz.q, self.wiz.a
        revision, loaded, total = self._hours
        if revision != self.wiz.revision or loaded is not a:
            total = sum(annual_hours(q, task_env(q, a, t)) for t in a.tasks)
            self._hours = (self.wiz.revision, a, total)
        lang = self.wiz.lang
        self.total.configure(text=ui("grid_total", lang, count=len(a.tasks), hours=hours(total)))
        if self.errors:
            first_key = next(iter(self.errors))
            row = next((n for n, t in enumerate(a.tasks, start=1) if t.id == first_key[0]), 0)
            first = ui("grid_row_error", lang, row=row, message=self.errors[first_key][1])
            self.message.configure(text=ui("grid_errors", lang, count=len(self.errors), first=first))
        else:
            self.message.configure(text="")

    # --- user actions ---------------------------------------------------------------------------------
    def edit_cell(self, row: int, item_id: str, text: str) -> None:
        """Type ``text`` into a cell, as a user would (also used by tests)."""
        c = 1 + next(n for n, i in enumerate(self.items) if i.id == item_id)
        self.sheet.set_cell_data(row, c, text, redraw=False)
        self.sync([row])

    def add_row(self) -> None:
        """Append an empty task and select its name cell."""
        x = self.sheet.get_xview()[0]
        self.wiz.a.add_task()
        self.wiz.changed()
        self.load()
        r = len(self.wiz.a.tasks) - 1
        self.sheet.set_xview(x)  # reloading does not move the grid sideways
        mt = self.sheet.MT
        name_shown = mt.col_positions[1] > mt.canvasx(0) + 4  # 業務名 (displayed column 0) at least partly in view
        self.sheet.see(r, 0, keep_xscroll=name_shown)  # down to the new row; sideways only to bring 業務名 in
        self.sheet.select_cell(r, 0)  # displayed column 0 is 業務名 (the id column is hidden)
        self.sheet.focus_set()  # typing goes into the new row's 業務名, not into the button just pressed
        self.update_total()

    def import_sheet(self) -> ImportDialog:
        """Open the import window; the imported rows are appended, selected and shown."""
        from app.gui.import_dialog import open_import_dialog

        return open_import_dialog(self, self.wiz.q, self.wiz.a, self.imported, lang=self.wiz.lang)

    def write_template(self, path: Any = None) -> Any:
        """Save the blank inventory workbook for the sections (業務の棚卸しシート)."""
        from app.gui.import_dialog import write_template

        return write_template(self, self.wiz.q, self.wiz.lang, path)

    def imported(self, result: Any) -> None:
        """Tasks were appended by the import window: show them selected, so 「選択行を削除」 undoes it."""
        count = len(result.tasks)
        self.wiz.changed()
        self.load()
        self.update_total()
        total = len(self.wiz.a.tasks)
        if count:
            self.sheet.deselect("all", redraw=False)
            self.sheet.create_selection_box(total - count, 0, total, len(self.items), type_="rows")  # displayed columns
            self.sheet.see(total - count, 0)
            self.sheet.redraw()
        self.message.configure(text="")
        self.note.configure(text=ui("grid_imported", self.wiz.lang, count=count))

    def selected_rows(self) -> list[int]:
        """Rows with a selected cell or a selected row header."""
        rows = set(self.sheet.get_selected_rows(get_cells_as_rows=True))
        return sorted(r for r in rows if r < len(self.wiz.a.tasks))

    def delete_rows(self) -> None:
        """Delete the selected rows' tasks (and their analysis, measures and actions)."""
        rows = self.selected_rows()
        if not rows:
            return
        for tid in [self.wiz.a.tasks[r].id for r in rows]:
            self.wiz.a.remove_task(tid)
        self.wiz.changed()
        self.load()
        self.update_total()

    def move_rows(self, delta: int) -> None:
        """Move the selected row up or down by one."""
        rows = self.selected_rows()
        tasks = self.wiz.a.tasks
        if len(rows) != 1 or not 0 <= rows[0] + delta < len(tasks):
            return
        r = rows[0]
        tasks[r], tasks[r + delta] = tasks[r + delta], tasks[r]
        self.wiz.changed()
        self.load()
        self.sheet.select_row(r + delta)
        self.update_total()

    def drop_blank_rows(self) -> None:
        """A row with nothing typed (and no cell waiting to be fixed) is not a task."""
        a = self.wiz.a
        for t in [t for t in a.tasks if not t.answers and not any(k[0] == t.id for k in self.errors)]:
            a.remove_task(t.id)
            self.wiz.changed()

    def before_save(self) -> None:
        self.drop_blank_rows()
        self.load()
        self.update_total()

    def leave(self, forward: bool) -> bool:
        a = self.wiz.a
        self.drop_blank_rows()
        marked = False
        for r, t in enumerate(a.tasks):
            for c, item in enumerate(self.items, start=1):
                if item.required and item.id not in t.answers and (t.id, item.id) not in self.errors:
                    msg = Problem("A005", {"field": item.label.get(self.wiz.lang)}).message(self.wiz.lang)
                    self.errors[(t.id, item.id)] = ("", msg)
                    self._mark(r, c, self.errors[(t.id, item.id)])
                    marked = True
        # the sheet is loaded again only when it no longer shows the model (200 rows were reloaded and
        # redrawn on every step after this one)
        if marked or self._loaded_revision != self.wiz.revision:
            self.load()
        self.update_total()
        if not forward:
            return True
        if not a.tasks:
            self.message.configure(text=ui("grid_need_task", self.wiz.lang))
            return False
        return not self.errors

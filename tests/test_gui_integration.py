"""The follow-up, import, export and ward-wide windows reached from the wizard, as a user reaches them."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import shutil
from pathlib import Path
from typing import Any

import openpyxl
import pytest

from app import resources, service
from app.domain.errors import Problem, StorageError
from app.domain.plan import record_follow_up
from tests.conftest import FakeDialogs, wait_until
from tests.test_gui_flow import type_into

pytestmark = pytest.mark.gui

DATA = Path(__file__).resolve().parent / "data"
EXAMPLES = Path(__file__).resolve().parents[1] / "questionnaires" / "examples"


def open_example(wizard: Any) -> None:
    assert wizard.doc.open_path(service.example_assessment_path())
    wizard.root.update()


def step_of(wizard: Any, kind: str) -> int:
    return next(i for i, s in enumerate(wizard.q.steps) if s.kind == kind)


def test_import_from_the_inventory_step_adds_selected_rows_that_delete_undoes(
        wizard: Any, fake_dialogs: FakeDialogs, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from app.gui import import_dialog

    monkeypatch.setattr(resources, "user_config_dir", lambda: tmp_path / "config")  # the remembered mapping
    monkeypatch.setattr(import_dialog, "ask_sheet_path", lambda _parent, _lang="ja": DATA / "gyomuryo_chosa.xlsx")
    open_example(wizard)
    wizard.go(step_of(wizard, "task_grid"))
    grid = wizard.pages[wizard.current]
    before = [t.id for t in wizard.a.tasks]
    dlg = grid.buttons["grid_import"].invoke()
    wizard.root.update()
    dlg.choose()  # the file chooser (answered above), then the suggested mapping
    assert dlg.import_button.cget("state") == "normal"
    dlg.run_import()
    wizard.root.update()
    added = [t for t in wizard.a.tasks if t.id not in before]
    assert len(added) == 6 and fake_dialogs.infos and "6件" in fake_dialogs.infos[-1]
    assert all(t.answers.get("name") for t in added) and any(t.answers.get("annual_cases") for t in added)
    # the grid shows the model, new rows at the end and selected, so one click undoes the import
    assert grid.sheet.get_total_rows() == len(wizard.a.tasks)
    name_col = 1 + [i.id for i in grid.items].index("name")
    assert grid.sheet.get_cell_data(len(before), name_col) == added[0].answers["name"]
    assert grid.selected_rows() == list(range(len(before), len(wizard.a.tasks)))
    assert "6件" in grid.note.cget("text") and wizard.doc.dirty
    grid.buttons["grid_delete"].invoke()
    assert [t.id for t in wizard.a.tasks] == before
    assert grid.sheet.get_total_rows() == len(before)


def test_follow_up_from_the_plan_step_is_saved_in_the_action_history(
        wizard: Any, fake_dialogs: FakeDialogs, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from app.gui.pages import plan as plan_module

    monkeypatch.setattr(plan_module, "today", lambda: dt.date(2027, 3, 1))  # the file reopened months later
    open_example(wizard)
    wizard.go(step_of(wizard, "action_plan"))
    plan = wizard.pages[wizard.current]
    # review dates follow later deadlines, so only the lines reviewed before 2027-03-01 are overdue
    late = sum(1 for x in wizard.a.actions if x.review_date < "2027-03-01")
    assert 0 < late < len(wizard.a.actions)
    assert plan.banner.winfo_manager() and "確認日を過ぎた行動があります" in plan.banner_label.cget("text")
    assert f"{late}件" in plan.banner_label.cget("text")
    dlg = plan.banner_button.invoke()
    wizard.root.update()
    assert dlg.current is not None and dlg.current.id == "a1"
    dlg.status.set("完了")
    type_into(dlg.date, "2027/2/20")
    type_into(dlg.hours, "３２０")
    dlg.texts["after"].insert("1.0", "控えの綴りをやめました。")
    assert dlg.record()
    dlg.close()
    wizard.root.update()
    # the plan table refreshed: status and realised hours shown, one line fewer is overdue
    assert plan.sheet.get_row_data(0)[5:] == ["完了", "320.0"]
    assert f"{late - 1}件" in plan.banner_label.cget("text")
    assert "2027-02-20" in plan.followup_summary.cget("text") and wizard.doc.dirty
    saved = tmp_path / "区民課.kaizen.json"
    fake_dialogs.save_paths.append(saved)
    assert wizard.doc.save()
    a1 = json.loads(saved.read_text("utf-8"))["actions"][0]
    assert (a1["status"], a1["done_date"], a1["realised_hours"]) == ("done", "2027-02-20", 320)
    assert a1["history"][-1]["status"] == "done" and a1["after"].startswith("控え")

    # the detail's own button opens the same window on the selected line; once every line is followed
    # up, the banner goes away
    plan.select(1)
    dlg = plan.followup_button.invoke()
    assert dlg.current.id == "a2"
    dlg.close()
    for x in wizard.a.actions:
        record_follow_up(x, "in_progress", dt.date(2027, 2, 1))
    plan.refresh()
    assert not plan.banner.winfo_manager()


def test_export_buttons_write_excel_and_csv_in_a_worker(wizard: Any, fake_dialogs: FakeDialogs,
                                                       tmp_path: Path) -> None:
    open_example(wizard)
    wizard.go(step_of(wizard, "output"))
    out = wizard.pages[wizard.current]
    xlsx, tasks_csv = tmp_path / "export.xlsx", tmp_path / "actions.csv"
    fake_dialogs.save_paths += [xlsx, tasks_csv]
    out.xlsx_button.invoke()
    assert out.busy  # written in a worker thread; the window keeps handling events
    wait_until(wizard.root, lambda: not out.busy, timeout=60)
    book = openpyxl.load_workbook(xlsx, read_only=True)
    assert len(book.sheetnames) == 3
    names = [row[0] for row in book[book.sheetnames[0]].iter_rows(min_row=2, values_only=True)]
    assert [t.name for t in wizard.a.tasks] == [n for n in names if n]
    out.csv_table.set("行動計画")
    out.csv_button.invoke()
    wait_until(wizard.root, lambda: not out.busy, timeout=60)
    raw = tasks_csv.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")  # UTF-8 with BOM: Excel shows Japanese
    rows = list(csv.reader(io.StringIO(raw.decode("utf-8-sig"))))
    assert len(rows) == 1 + len(wizard.a.actions)
    assert str(tasks_csv) in out.export_status.cget("text")
    assert out.open_export.cget("state") == "normal"


def test_story_sheet_for_a_done_action_and_a_locked_target(wizard: Any, fake_dialogs: FakeDialogs,
                                                           tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    open_example(wizard)
    wizard.go(step_of(wizard, "output"))
    out = wizard.pages[wizard.current]
    assert out.story_button.cget("state") == "disabled"  # nothing is done yet
    assert "振り返り" in out.export_status.cget("text")
    record_follow_up(wizard.a.action("a3"), "done", dt.date(2027, 2, 1), 200.0, today=dt.date(2027, 2, 1))
    wizard.changed()
    wizard.go(step_of(wizard, "output"))
    assert out.story_button.cget("state") == "normal" and out.story_ids == ["a3"]
    locked, other = tmp_path / "story.pdf", tmp_path / "story (2).pdf"
    locked.write_bytes(b"%PDF-1.4 open in a viewer")
    real = service.write_story
    written: list[str] = []

    def write(q: Any, a: Any, action_id: str, path: Path, **kw: Any) -> Path:
        if path == locked:  # open in a PDF viewer on Windows
            raise StorageError(Problem("S004", {"path": str(path)}))
        written.append(action_id)
        return real(q, a, action_id, path, **kw)

    monkeypatch.setattr(service, "write_story", write)
    fake_dialogs.save_paths += [locked, other]
    fake_dialogs.yes.append(True)
    out.story_button.invoke()
    wait_until(wizard.root, lambda: not out.busy and other.exists(), timeout=20)
    assert fake_dialogs.asked and other.read_bytes()[:5] == b"%PDF-" and written == ["a3"]
    assert fake_dialogs.save_initials[-1] == other  # the free name next to the locked file
    assert locked.read_bytes() == b"%PDF-1.4 open in a viewer"


def test_aggregate_window_opens_from_home(wizard: Any, fake_dialogs: FakeDialogs, tmp_path: Path) -> None:
    for f in EXAMPLES.glob("*.kaizen.json"):
        shutil.copy(f, tmp_path / f.name)
    window = wizard.home.aggregate_button.invoke()
    try:
        wizard.root.update()
        assert window.winfo_exists() and wizard.home.open_aggregate() is window  # one window, raised again
        window.paths.append(tmp_path)
        window.run()
        wait_until(wizard.root, lambda: window.summary is not None)
        assert len(window.summary.departments) == 4
    finally:
        window.destroy()


def test_back_keeps_text_that_does_not_fit_and_its_message(wizard: Any) -> None:
    open_example(wizard)
    basic = step_of(wizard, "page") + 1
    wizard.go(basic)
    field = wizard.pages[basic].form.fields["target_hours"]
    type_into(field, "1500")
    field.widget.insert("end", "くらい")  # one keystroke too many
    wizard.back_button.invoke()
    wizard.next_button.invoke()
    assert wizard.current == basic
    assert field.widget.get() == "1500くらい" and "⚠" in field.error_label.cget("text")
    assert wizard.a.info.get("target_hours") == 1500  # the model keeps the last valid value
    wizard.next_button.invoke()
    assert wizard.current == basic  # and the step is not left with the bad text showing
    type_into(field, "1500")

    assert wizard.go(step_of(wizard, "action_plan"))
    plan = wizard.pages[wizard.current]
    type_into(plan.entries["deadline"], "2026/13/40")
    wizard.back_button.invoke()
    wizard.next_button.invoke()
    assert plan.entries["deadline"].get() == "2026/13/40" and plan.error_labels["deadline"].cget("text")


def test_step_names_fit_the_side_list_in_english(wizard: Any) -> None:
    open_example(wizard)
    wizard.set_lang("en")
    try:
        wizard.root.update()
        # unscaled pixels on both sides: customtkinter scales the frame and the font alike (125 %, 150 %),
        # so what fits here fits at every text size (the screenshots at 125 % show it)
        side_width = wizard.side.cget("width")
        for button in wizard.step_buttons:
            assert wizard._side_font.measure(button.cget("text")) + 30 <= side_width, button.cget("text")
    finally:
        wizard.set_lang("ja")
    assert wizard.side.cget("width") < side_width  # the Japanese names need less room


def test_results_list_keeps_hours_in_their_own_column(wizard: Any) -> None:
    open_example(wizard)
    wizard.go(step_of(wizard, "results"))
    rows = wizard.pages[wizard.current].lists.texts()
    figures = [right for _left, right in rows if right]
    assert len(figures) >= len(wizard.result().measures)
    assert all(f.endswith(" h") and "\n" not in f for f in figures)

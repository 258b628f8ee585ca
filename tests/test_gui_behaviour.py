"""The window's promises one by one: Enter never advances, messages next to fields, skip logic, grid input,
nothing lost between focus tasks, unsaved-changes prompt, autosave recovery, callback errors, locked PDFs."""

from __future__ import annotations

import copy
import json
from pathlib import Path
from typing import Any

import pytest

from app import service
from app.domain.errors import Problem, StorageError
from app.storage import autosave
from tests.conftest import FakeDialogs, wait_until
from tests.test_gui_flow import type_into
from tests.test_gui_integration import step_of

pytestmark = pytest.mark.gui


def open_example(wizard: Any) -> None:
    assert wizard.doc.open_path(service.example_assessment_path())
    wizard.root.update()


def test_required_field_message_shown_and_start_refused(wizard: Any) -> None:
    home = wizard.home
    type_into(home.form.fields["department"], "")
    home.start_button.invoke()
    assert not wizard.started
    assert "部署名" in home.form.fields["department"].error_label.cget("text")


def test_enter_never_advances_a_step(wizard: Any) -> None:
    open_example(wizard)
    wizard.go(1)
    entry = wizard.pages[1].form.fields["department"].widget
    entry.focus_force()
    wizard.root.update()
    for target in (entry._entry, wizard.root):
        target.event_generate("<Return>")
        target.event_generate("<KP_Enter>")
    wizard.root.update()
    assert wizard.current == 1


def test_grid_accepts_full_width_digits_and_flags_bad_cells(wizard: Any) -> None:
    open_example(wizard)
    wizard.go(2)
    grid = wizard.pages[2]
    grid.edit_cell(0, "annual_cases", "１，２００")
    assert wizard.a.tasks[0].answers["annual_cases"] == 1200
    minutes = wizard.a.tasks[0].answers["minutes_per_case"]
    grid.edit_cell(0, "minutes_per_case", "たくさん")
    assert wizard.a.tasks[0].answers["minutes_per_case"] == minutes  # the last value that fitted is kept
    assert (wizard.a.tasks[0].id, "minutes_per_case") in grid.errors
    assert "1件あたりの処理時間" in grid.message.cget("text")
    wizard.next_button.invoke()
    assert wizard.current == 2  # a red cell blocks the step
    grid.edit_cell(0, "minutes_per_case", "10")
    assert not grid.errors
    wizard.next_button.invoke()
    assert wizard.current == 3


def test_grid_paste_from_excel_adds_rows(wizard: Any) -> None:
    open_example(wizard)
    wizard.go(2)
    grid = wizard.pages[2]
    before = len(wizard.a.tasks)
    root = wizard.root
    root.clipboard_clear()
    root.clipboard_append("新しい業務A\t窓口受付\t法令\t窓口\t１，０００\t5\nNew task B\t庶務\tなし\tなし\t200\t30\n")
    grid.buttons["grid_add"].invoke()  # an empty row; pasting two rows into it grows the sheet by one
    grid.sheet.select_cell(before, 0)  # the first visible column (業務名)
    grid.sheet.paste()
    root.update()
    assert len(wizard.a.tasks) == before + 2
    added = wizard.a.tasks[before]
    assert added.answers["name"] == "新しい業務A"
    assert added.answers["annual_cases"] == 1000
    assert added.answers["category"] == "counter"
    assert wizard.a.tasks[-1].answers["minutes_per_case"] == 30


def test_grid_rows_move_and_delete_with_their_tasks(wizard: Any) -> None:
    open_example(wizard)
    wizard.go(2)
    grid = wizard.pages[2]
    first, second = wizard.a.tasks[0].id, wizard.a.tasks[1].id
    grid.sheet.select_cell(0, 0)
    grid.buttons["grid_down"].invoke()
    assert [t.id for t in wizard.a.tasks[:2]] == [second, first]
    grid.sheet.select_cell(1, 0)
    grid.buttons["grid_delete"].invoke()
    assert first not in {t.id for t in wizard.a.tasks}
    assert first not in wizard.a.analysis and all(x.task_id != first for x in wizard.a.actions)


def test_skip_logic_applies_live_and_keeps_hidden_answers(wizard: Any) -> None:
    open_example(wizard)
    wizard.go(4)
    page = wizard.pages[4]
    fields = page.form.fields
    tid = wizard.current_task
    fields["ecrs_c_repeat"].widget.set("はい")
    fields["ecrs_e"].widget.set("はい")
    wizard.root.update()
    assert not fields["ecrs_c_repeat"].grid_info()  # hidden when E = はい
    assert "ecrs_c_repeat" not in wizard.a.analysis[tid]  # and not scored
    fields["ecrs_e"].widget.set("いいえ")
    wizard.root.update()
    assert fields["ecrs_c_repeat"].grid_info()
    assert wizard.a.analysis[tid]["ecrs_c_repeat"] == "yes"  # the earlier answer is back


def test_moving_between_focus_tasks_loses_nothing(wizard: Any) -> None:
    open_example(wizard)
    wizard.go(4)
    page = wizard.pages[4]
    first = wizard.current_task
    note = page.form.fields["analysis_note"].widget
    note.delete("1.0", "end")
    note.insert("1.0", "窓口の待ち時間が長い")
    wizard.root.update()
    page.selector.next.invoke()
    assert wizard.current_task != first
    page.selector.prev.invoke()
    assert wizard.current_task == first
    assert page.form.fields["analysis_note"].widget.get("1.0", "end-1c") == "窓口の待ち時間が長い"
    assert wizard.a.analysis[first]["analysis_note"] == "窓口の待ち時間が長い"


def test_quick_win_confirmation_appears_only_for_candidates(wizard: Any) -> None:
    open_example(wizard)
    wizard.go(5)
    page = wizard.pages[5]
    tid = wizard.current_task
    chosen = [mid for mid, c in wizard.a.measures[tid].items() if c.chosen]
    for mid in chosen:
        card = page.cards[mid]
        page._update_status()
        scored = wizard.result().measure(tid, mid)
        shown = bool(card.form.fields["quick_win_confirm"].grid_info())
        assert shown == bool(scored and scored.quick_win_candidate), mid


def test_close_with_unsaved_changes_asks(wizard: Any, fake_dialogs: FakeDialogs, tmp_path: Path,
                                         monkeypatch: pytest.MonkeyPatch) -> None:
    quits: list[bool] = []
    monkeypatch.setattr(wizard.root, "quit", lambda: quits.append(True))
    open_example(wizard)
    wizard.go(1)
    type_into(wizard.pages[1].form.fields["section"], "証明係")
    assert wizard.doc.dirty
    fake_dialogs.answers.append("cancel")
    wizard.doc.close_window()
    assert not quits and fake_dialogs.asked
    target = tmp_path / "saved.kaizen.json"
    fake_dialogs.answers.append("save")
    fake_dialogs.save_paths.append(target)
    wizard.doc.close_window()
    assert quits == [True]
    assert json.loads(target.read_text(encoding="utf-8"))["info"]["section"] == "証明係"


def test_ctrl_s_saves(wizard: Any, fake_dialogs: FakeDialogs, tmp_path: Path) -> None:
    open_example(wizard)
    target = tmp_path / "ctrl-s.kaizen.json"
    fake_dialogs.save_paths.append(target)
    wizard.go(1)
    type_into(wizard.pages[1].form.fields["section"], "記録係")
    wizard.root.event_generate("<Control-s>")
    wizard.root.update()
    assert target.exists() and not wizard.doc.dirty


def test_autosave_is_offered_for_recovery_after_a_crash(wizard: Any) -> None:
    open_example(wizard)
    wizard.go(1)
    type_into(wizard.pages[1].form.fields["section"], "復元テスト係")
    saved = wizard.doc.autosave_now()
    assert saved is not None and saved.exists()
    crashed_slot = wizard.doc.slot
    # a new session: the crashed one's slot is no longer the window's own
    wizard.doc.slot = autosave.slot_for(None)
    wizard.doc.dirty = False
    wizard.show_home()
    rows = [r for r in wizard.home.recovery_rows if r[0].grid_info()]
    assert rows and "区民課" in rows[0][0].cget("text")
    rows[0][1].invoke()
    assert wizard.started and wizard.a.info["section"] == "復元テスト係"
    assert wizard.doc.dirty and wizard.doc.slot == crashed_slot
    wizard.doc.dirty = False
    autosave.clear(crashed_slot, wizard.doc.autosave_folder)


def test_callback_error_is_logged_and_shown_with_the_log_path(wizard: Any, fake_dialogs: FakeDialogs) -> None:
    fake_dialogs.allow_errors = True

    def broken() -> None:
        raise RuntimeError("boom")

    wizard.root.after(0, broken)
    wait_until(wizard.root, lambda: bool(fake_dialogs.errors))
    assert ".log" in fake_dialogs.errors[0]


def test_locked_pdf_offers_another_name(wizard: Any, fake_dialogs: FakeDialogs, tmp_path: Path,
                                        monkeypatch: pytest.MonkeyPatch) -> None:
    open_example(wizard)
    wizard.go(8)
    page = wizard.pages[8]
    locked, other = tmp_path / "plan.pdf", tmp_path / "plan (2).pdf"
    locked.write_bytes(b"%PDF-1.4 the copy open in the viewer")
    real = service.write_plan

    def write(q: Any, a: Any, path: Path, **kw: Any) -> Path:
        if path == locked:
            raise StorageError(Problem("S004", {"path": str(path)}))
        return real(q, a, path, **kw)

    monkeypatch.setattr(service, "write_plan", write)
    fake_dialogs.save_paths.extend([locked, other])
    fake_dialogs.yes.append(True)
    page.pdf_button.invoke()
    wait_until(wizard.root, lambda: wizard.doc.pdf_path == other, timeout=60)
    assert other.read_bytes()[:5] == b"%PDF-"
    assert "開かれている" in fake_dialogs.asked[0]
    assert fake_dialogs.save_initials[-1] == other  # the free name next to the locked file is suggested
    assert locked.read_bytes() == b"%PDF-1.4 the copy open in the viewer"


def test_the_window_language_is_a_preference_not_part_of_the_file(wizard: Any, tmp_path: Path) -> None:
    data = json.loads(service.example_assessment_path().read_text("utf-8"))
    data["lang"] = "en"
    source = tmp_path / "english.kaizen.json"
    source.write_text(json.dumps(data, ensure_ascii=False), "utf-8")
    assert wizard.lang == "ja"
    assert wizard.doc.open_path(source)
    assert wizard.a.lang == "en" and not wizard.doc.dirty  # opening keeps the file's language
    before = copy.deepcopy(wizard.a)
    wizard.set_lang("en")
    wizard.set_lang("ja")
    assert wizard.a == before and not wizard.doc.dirty  # switching the window changes nothing in the document
    wizard.set_lang("en")
    try:
        wizard.a.actions.clear()
        wizard.go(step_of(wizard, "action_plan"))
        wizard.pages[wizard.current].propose(quiet=True)  # lines from the proposals (if entering did not add them)
        first = wizard.a.actions[0]
        assert first.first_step == wizard.q.measure(first.measure_id).first_step.get("en")  # the window's language
    finally:
        wizard.set_lang("ja")


def test_language_switch_and_text_size(wizard: Any) -> None:
    open_example(wizard)
    wizard.go(6)
    wizard.set_lang("en")
    assert wizard.step_buttons[2].cget("text").endswith("Task inventory")
    assert wizard.next_button.cget("text") == "Next ▶"
    wizard.set_scale(125)
    for i in range(len(wizard.q.steps)):
        assert wizard.go(i)
        wizard.root.update()
    wizard.set_scale(100)
    wizard.set_lang("ja")
    assert wizard.next_button.cget("text") == "次へ ▶"


def test_every_document_without_actions_is_prefilled_on_the_plan_step(wizard: Any, tmp_path: Path) -> None:
    data = json.loads(service.example_assessment_path().read_text("utf-8"))
    data["actions"] = []
    for name in ("first.kaizen.json", "second.kaizen.json"):  # the page object lives on between documents
        source = tmp_path / name
        source.write_text(json.dumps(data, ensure_ascii=False), "utf-8")
        assert wizard.doc.open_path(source)
        assert not wizard.a.actions
        wizard.go(step_of(wizard, "action_plan"))
        wizard.root.update()
        assert wizard.a.actions, f"{name}: the plan is prefilled from the proposals"
        wizard.doc.dirty = False

"""The window as careful with data as the storage layer: length counters, files it must not overwrite, files
it cannot read, plain error dialogs with a detail part for IT staff, and workers that never stall."""

from __future__ import annotations

import datetime as dt
import gc
import json
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import customtkinter as ctk
import pytest

from app import service
from app.gui import style
from app.gui.worker import run_in_thread
from app.storage import assessment_file
from tests.conftest import FakeDialogs, wait_until
from tests.test_gui_flow import type_into
from tests.test_storage_migrations import V0

pytestmark = pytest.mark.gui


def open_example(wizard: Any) -> None:
    assert wizard.doc.open_path(service.example_assessment_path())
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


def test_saving_with_text_that_does_not_fit_asks_first(wizard: Any, fake_dialogs: FakeDialogs,
                                                         tmp_path: Path) -> None:
    open_example(wizard)
    basic = step_of(wizard, "page") + 1
    wizard.go(basic)
    field = wizard.pages[basic].form.fields["department"]
    field.widget.insert("end", "課" * 58)  # 区民課 + 58 = 61 characters, one over the limit
    target = tmp_path / "途中.kaizen.json"
    fake_dialogs.save_paths.append(target)
    fake_dialogs.yes.append(False)  # "save anyway?" → no: nothing is written
    assert not wizard.doc.save_as()
    assert "1か所" in fake_dialogs.asked[-1] and not target.exists()
    fake_dialogs.save_paths.append(target)
    fake_dialogs.yes.append(True)  # → yes: the last value that fitted is saved, the typed text stays on screen
    assert wizard.doc.save_as()
    assert json.loads(target.read_text(encoding="utf-8"))["info"]["department"] == "区民課"
    assert field.widget.get() == "区民課" + "課" * 58
    field.widget.delete(3, "end")
    asked = len(fake_dialogs.asked)
    assert wizard.doc.save()
    assert len(fake_dialogs.asked) == asked  # everything fits again: no question
    type_into(field, "課" * 61)  # select all and paste too much: "delete, then insert"
    assert wizard.a.info["department"] == "区民課"  # the value before the paste, not the blank in between
    wizard.doc.dirty = False
    open_example(wizard)  # another document: what did not fit in the last one is not carried over
    fake_dialogs.save_paths.append(tmp_path / "別.kaizen.json")
    asked = len(fake_dialogs.asked)
    assert wizard.doc.save_as() and len(fake_dialogs.asked) == asked


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
def collect_once_free() -> int:
    """``gc.collect()`` in this thread, waiting out a collection already under way in another one.

    CPython's ``gc.collect`` returns 0 at once while another thread is collecting; an earlier test's
    worker can still be inside one, its font finaliser waiting for the main loop. That collection ends
    as soon as ``wait_until`` serves Tcl; then this one finds the garbage made here.
    """
    deadline = time.monotonic() + 15
    while True:
        found = gc.collect()
        if found or time.monotonic() > deadline:
            return found
        time.sleep(0.02)


def test_a_worker_finalising_tk_garbage_does_not_stall(gui_root: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    """The cause of the story-sheet test's rare timeouts, kept reproduced.

    Destroyed widgets leave CTkFonts in reference cycles; when the garbage collector runs in a worker
    thread, each font's finaliser calls Tcl, which only the main thread inside ``mainloop`` serves. The
    app runs ``mainloop``; ``wait_until`` now does too. Pumped with ``update()`` this took 30 s: each call
    waited a second for a main loop and then failed in its finaliser ("main thread is not in main loop"). So
    the check is that no finaliser failed, not how long it took (a time depends on the machine's load).
    """
    failed: list[str] = []
    monkeypatch.setattr(sys, "unraisablehook", lambda info: failed.append(repr(info.exc_value)))
    frame = ctk.CTkFrame(gui_root)
    for _ in range(30):
        ctk.CTkLabel(frame, text="x", font=ctk.CTkFont(size=12))
    gc.collect()
    gc.disable()  # the fonts become garbage now and are collected by the worker below
    try:
        frame.destroy()
        del frame
        # fonts in reference cycles of their own too: whatever earlier tests left holding the labels' fonts
        # (the text-size tracker, say), the worker below has Tcl-calling finalisers to run
        for _ in range(30):
            cycle: list[Any] = [ctk.CTkFont(size=12)]
            cycle.append(cycle)
        del cycle
        results: list[Any] = []
        run_in_thread(gui_root, collect_once_free, lambda result, error: results.append((result, error)))
        wait_until(gui_root, lambda: bool(results), timeout=20)
    finally:
        gc.enable()
    assert results[0][1] is None and results[0][0] > 0
    assert failed == []


# --- opening files --------------------------------------------------------------------------------------
def example_data() -> dict[str, Any]:
    data: dict[str, Any] = json.loads(service.example_assessment_path().read_text("utf-8"))
    return data


def test_a_newer_file_opens_read_only_and_is_never_overwritten(wizard: Any, fake_dialogs: FakeDialogs,
                                                               tmp_path: Path) -> None:
    data = example_data()
    data["format_version"] = 7
    data["future_field"] = {"kept": "by the newer app"}
    newer = tmp_path / "新しい版.kaizen.json"
    newer.write_text(json.dumps(data, ensure_ascii=False), "utf-8")
    original = newer.read_bytes()
    assert wizard.doc.open_path(newer, confirmed=True)
    assert len(fake_dialogs.infos) == 1  # told once, in one list
    notes = fake_dialogs.infos[0]
    assert "新しい版のアプリ" in notes and "名前を付けて保存" in notes and notes.count("・") == 3
    assert "扱わない内容が1件あります（future_field）" in notes  # A020: kept, also by 「名前を付けて保存」
    assert "読み取り専用" in wizard.file_label.cget("text") and "新しい版.kaizen.json" in wizard.file_label.cget("text")
    assert wizard.top_buttons["save"].cget("state") == "disabled"
    wizard.go(1)
    type_into(wizard.pages[1].form.fields["section"], "読み取り係")
    wizard.doc.autosave_now()
    wizard.root.event_generate("<Control-s>")  # Save (Ctrl+S) explains and asks for another name
    wizard.root.update()
    assert "上書きしません" in fake_dialogs.infos[-1]
    assert fake_dialogs.save_initials[-1] == tmp_path / "新しい版 (2).kaizen.json"
    assert newer.read_bytes() == original
    fake_dialogs.allow_errors = True
    fake_dialogs.save_paths.append(newer)  # the user types the very same name
    assert not wizard.doc.save_as()
    assert "上書きできません" in fake_dialogs.errors[-1] and "S012" not in fake_dialogs.errors[-1]
    assert newer.read_bytes() == original and wizard.doc.dirty
    copy = tmp_path / "新しい版 (2).kaizen.json"
    fake_dialogs.save_paths.append(copy)
    assert wizard.doc.save()
    assert json.loads(copy.read_text("utf-8"))["info"]["section"] == "読み取り係"
    assert newer.read_bytes() == original
    assert "読み取り専用" not in wizard.file_label.cget("text")
    assert wizard.top_buttons["save"].cget("state") == "normal"


def test_what_happened_on_opening_is_listed_once(wizard: Any, fake_dialogs: FakeDialogs, tmp_path: Path) -> None:
    old = tmp_path / "旧形式.kaizen.json"
    old.write_text(V0, "utf-8")
    assert wizard.doc.open_path(old, confirmed=True)
    assert len(fake_dialogs.infos) == 1
    notes = fake_dialogs.infos[0]
    assert notes.startswith("「旧形式.kaizen.json」を開きました")
    assert "古い形式（形式0）" in notes and "この質問票にない回答が" in notes  # A018 and A015 (legacy_column)
    assert "読み取り専用" not in wizard.file_label.cget("text") and wizard.doc.path == old
    data = example_data()
    data["questionnaire"]["version"] = "0.9.0"
    data["info"]["retired_question"] = "旧い回答"
    changed = tmp_path / "質問票変更.kaizen.json"
    changed.write_text(json.dumps(data, ensure_ascii=False), "utf-8")
    assert wizard.doc.open_path(changed, confirmed=True)
    assert len(fake_dialogs.infos) == 2
    notes = fake_dialogs.infos[1]
    assert "バージョン0.9.0が見つかりません" in notes and "info.retired_question" in notes
    wizard.root.update()
    assert wizard.doc.open_path(changed, confirmed=True) and len(fake_dialogs.infos) == 3  # each opening, once
    assert not wizard.doc.dirty


@pytest.mark.parametrize(("content", "code_text"), [
    ("{\"format\": \"kaizen-assessment\",, }", "評価ファイルとして読めません"),   # A010
    ("{\"format\": \"kaizen-assessment\", \"tasks\": [", "途中で切れています"),  # A017
    ("[1, 2, 3]", "評価ファイルではありません"),                                # A012
    (None, "ファイルが見つかりません"),                                          # S001
])
def test_a_broken_file_is_reported_and_the_current_work_stays(wizard: Any, fake_dialogs: FakeDialogs,
                                                              tmp_path: Path, content: str | None,
                                                              code_text: str) -> None:
    monkey_folder = tmp_path / "autosave"
    wizard.doc.autosave_folder, saved_folder = monkey_folder, wizard.doc.autosave_folder
    try:
        open_example(wizard)
        wizard.go(1)
        type_into(wizard.pages[1].form.fields["section"], "作業中の係")
        autosaved = wizard.doc.autosave_now()
        work, page = wizard.a, wizard.current
        broken = tmp_path / "壊れた ファイル.kaizen.json"
        if content is not None:
            broken.write_text(content, "utf-8")
        fake_dialogs.allow_errors = True
        assert not wizard.doc.open_path(broken, confirmed=True)
        assert code_text in fake_dialogs.errors[-1]
        assert wizard.a is work and wizard.a.info["section"] == "作業中の係" and wizard.doc.dirty
        assert wizard.current == page and autosaved is not None and autosaved.exists()
    finally:
        wizard.doc.autosave_folder = saved_folder


# --- error dialogs ----------------------------------------------------------------------------------------
def test_user_errors_are_plain_with_the_detail_folded_for_it_staff(wizard: Any, fake_dialogs: FakeDialogs,
                                                                    tmp_path: Path) -> None:
    open_example(wizard)
    fake_dialogs.allow_errors = True
    fake_dialogs.save_paths.append(tmp_path / "外れたUSB" / "区民課.kaizen.json")  # the folder is gone
    assert not wizard.doc.save_as()
    message, detail = fake_dialogs.errors[-1], fake_dialogs.details[-1]
    assert message.startswith("保存先のフォルダが見つかりません") and "S011" not in message
    assert detail is not None and detail.startswith("S011 ") and "ENOENT" in detail and "外れたUSB" in detail
    broken = tmp_path / "broken.kaizen.json"
    broken.write_text("{\n \"format\": \"kaizen-assessment\",,\n}", "utf-8")
    assert not wizard.doc.open_path(broken, confirmed=True)
    assert fake_dialogs.details[-1] is not None and fake_dialogs.details[-1].startswith("A010 ")
    assert ":2:" in fake_dialogs.details[-1]  # line and column for whoever opens the file in an editor
    fake_dialogs.errors.clear()


def test_the_real_error_dialog_folds_the_detail(gui_root: Any) -> None:
    from app.gui import dialogs

    seen: dict[str, Any] = {}

    def inspect() -> None:
        top = [w for w in gui_root.winfo_children() if isinstance(w, ctk.CTkToplevel) and w.winfo_exists()][-1]
        buttons = [w for w in top.winfo_children() if isinstance(w, ctk.CTkButton)]
        boxes = [w for w in top.winfo_children() if isinstance(w, ctk.CTkTextbox)]
        seen["folded"] = not boxes[0].winfo_manager()
        toggle = next(b for b in buttons if "情報担当者向け" in b.cget("text"))
        toggle.invoke()
        seen["open"] = bool(boxes[0].winfo_manager())
        seen["detail"] = boxes[0].get("1.0", "end-1c")
        ok = next(w for row in top.winfo_children() if isinstance(row, ctk.CTkFrame)
                  for w in row.winfo_children() if isinstance(w, ctk.CTkButton))
        ok.invoke()

    gui_root.after(300, inspect)
    dialogs.error(gui_root, "ディスクの空き容量が足りません", detail="S003 D:\\a.pdf ENOSPC No space left on device")
    assert seen == {"folded": True, "open": True, "detail": "S003 D:\\a.pdf ENOSPC No space left on device"}


# --- autosave and restart -----------------------------------------------------------------------------------
def restart(folder: Path, recover: bool = False) -> dict[str, Any]:
    """Start the app again in a new process (the old one crashed or was closed) and see what Home offers."""
    args = [sys.executable, "-m", "tests.gui_restart_probe", str(folder), *(["recover"] if recover else [])]
    done = subprocess.run(args, capture_output=True, text=True, timeout=120, check=False,
                          cwd=Path(__file__).resolve().parents[1])
    assert done.returncode == 0, done.stderr[-2000:]
    result: dict[str, Any] = json.loads(done.stdout.strip().splitlines()[-1])
    return result


def test_after_a_clean_close_nothing_stale_is_offered(wizard: Any, fake_dialogs: FakeDialogs,
                                                      tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    folder = tmp_path / "autosave"
    monkeypatch.setattr(wizard.doc, "autosave_folder", folder)
    open_example(wizard)
    wizard.go(1)
    type_into(wizard.pages[1].form.fields["section"], "閉じる前の係")
    assert wizard.doc.autosave_now() is not None and list(folder.iterdir())
    fake_dialogs.save_paths.append(tmp_path / "区民課.kaizen.json")
    assert wizard.doc.save()
    wizard.doc.close_window()
    assert restart(folder) == {"offered": []}


def test_after_a_crash_the_change_is_offered_and_recovered_intact(wizard: Any, tmp_path: Path,
                                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    folder = tmp_path / "autosave"
    monkeypatch.setattr(wizard.doc, "autosave_folder", folder)
    open_example(wizard)
    wizard.go(1)
    type_into(wizard.pages[1].form.fields["section"], "停電直前の係")
    wizard.go(step_of(wizard, "task_grid"))
    wizard.pages[wizard.current].edit_cell(0, "annual_cases", "４，２００")
    assert wizard.doc.autosave_now() is not None
    # the process dies here: no close, no save
    result = restart(folder, recover=True)
    assert len(result["offered"]) == 1 and "区民課" in result["offered"][0]
    recovered = result["assessment"]
    expected = assessment_file.to_dict(wizard.a, now=dt.datetime(2027, 1, 1, tzinfo=dt.UTC))
    assert recovered == json.loads(json.dumps(expected, ensure_ascii=False))
    assert recovered["info"]["section"] == "停電直前の係" and recovered["tasks"][0]["answers"]["annual_cases"] == 4200
    assert result["dirty"]  # recovered work stays unsaved until the user saves it

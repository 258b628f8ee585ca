"""The follow-up, import and ward-wide windows, driven on a real Tk root under Xvfb."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path
from typing import Any

import pytest

from app import resources, service
from app.domain.errors import Problem, StorageError
from tests.conftest import FakeDialogs, wait_until

pytestmark = pytest.mark.gui

EXAMPLES = Path(__file__).resolve().parents[1] / "questionnaires" / "examples"
DATA = Path(__file__).resolve().parent / "data"


@pytest.fixture
def callback_errors(gui_root: Any) -> Any:
    raised: list[BaseException] = []
    previous = gui_root.report_callback_exception
    gui_root.report_callback_exception = lambda _t, value, _tb: raised.append(value)
    yield raised
    gui_root.report_callback_exception = previous
    assert not raised


def test_follow_up_records_history_and_makes_a_story(gui_root: Any, fake_dialogs: FakeDialogs,
                                                     callback_errors: Any, tmp_path: Path) -> None:
    from app.gui.followup_dialog import FollowUpDialog

    opened = service.open_assessment(EXAMPLES / "example_shimin.kaizen.json")
    q, a = opened.questionnaire, opened.assessment
    closed: list[bool] = []
    dlg = FollowUpDialog(gui_root, q, a, closed.append, today=dt.date(2027, 1, 20))
    gui_root.update()
    dlg.select("a1")
    dlg.status.set("完了")
    dlg.hours.insert(0, "３２０")  # full-width, as typed on a Japanese keyboard
    dlg.texts["before"].insert("1.0", "申請書の控えを二重に綴っていた。")
    dlg.texts["comment"].insert("1.0", "キャビネットが一つ空きました。")
    assert dlg.record()
    action = a.action("a1")
    assert (action.status, action.realised_hours, action.done_date) == ("done", 320.0, "2027-01-20")
    assert action.history[-1].status == "done" and action.before.startswith("申請書")
    worker = dlg.make_story(tmp_path / "story.pdf")
    assert worker is not None and dlg.busy  # written in a worker thread; the window keeps handling events
    assert dlg.story_button.cget("state") == "disabled"
    wait_until(gui_root, lambda: not dlg.busy, timeout=20)
    assert dlg.story_path == tmp_path / "story.pdf" and dlg.story_path.read_bytes().startswith(b"%PDF")
    assert str(dlg.story_path) in dlg.status_line.cget("text")
    assert dlg.story_button.cget("state") == "normal"
    dlg.select("a2")
    dlg.hours.insert(0, "たくさん")
    assert not dlg.record()
    assert fake_dialogs.errors
    fake_dialogs.yes.append(True)  # what does not fit is not recorded: closing asks first
    dlg.close()
    gui_root.update()
    assert fake_dialogs.asked[-1].startswith("この行動に入力した内容は正しくないため記録できません")
    assert closed == [True]
    assert service.score(q, a).totals.realised_hours == pytest.approx(320.0)


def test_story_sheet_locked_in_a_viewer_offers_a_free_name(gui_root: Any, fake_dialogs: FakeDialogs,
                                                           callback_errors: Any, tmp_path: Path,
                                                           monkeypatch: pytest.MonkeyPatch) -> None:
    from app.gui.followup_dialog import FollowUpDialog

    opened = service.open_assessment(EXAMPLES / "example_shimin.kaizen.json")
    q, a = opened.questionnaire, opened.assessment
    dlg = FollowUpDialog(gui_root, q, a, today=dt.date(2027, 1, 20))
    gui_root.update()
    locked = tmp_path / "事例 シート.pdf"
    locked.write_bytes(b"%PDF-1.4 open in a viewer")
    real = service.write_story

    def write(q: Any, a: Any, action_id: str, path: Path, **kw: Any) -> Path:
        if path == locked:  # Windows refuses to replace a PDF open in a viewer
            raise StorageError(Problem("S004", {"path": str(path), "detail": "winerror 32"}))
        return real(q, a, action_id, path, **kw)

    monkeypatch.setattr(service, "write_story", write)
    fake_dialogs.yes.append(True)
    fake_dialogs.save_paths.append(tmp_path / "事例 シート (2).pdf")  # the user accepts the suggested name
    dlg.select("a1")
    dlg.status.set("完了")
    assert dlg.make_story(locked) is not None
    wait_until(gui_root, lambda: dlg.story_path is not None, timeout=20)
    assert "開かれている" in fake_dialogs.asked[0]
    assert fake_dialogs.save_initials == [tmp_path / "事例 シート (2).pdf"]
    assert dlg.story_path.read_bytes()[:5] == b"%PDF-" and locked.read_bytes() == b"%PDF-1.4 open in a viewer"
    assert not fake_dialogs.errors
    dlg.close()


def test_import_dialog_maps_and_imports_the_survey(gui_root: Any, fake_dialogs: FakeDialogs, callback_errors: Any,
                                                  tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from app.gui.import_dialog import ImportDialog

    monkeypatch.setattr(resources, "user_config_dir", lambda: tmp_path / "config")
    q = service.get_questionnaire()
    a = service.new_assessment(q)
    results: list[Any] = []
    dlg = ImportDialog(gui_root, q, a, results.append, path=DATA / "gyomuryo_chosa.xlsx")
    gui_root.update()
    assert dlg.mapping()["annual_cases"] == 3
    dlg.set_column("systems", None)  # the user chooses not to import a column
    dlg.run_import()
    gui_root.update()
    assert len(results) == 1 and len(a.tasks) == 6
    assert all("systems" not in t.answers for t in a.tasks)
    assert fake_dialogs.infos and "6件" in fake_dialogs.infos[-1]


def test_import_dialog_refuses_formulas_without_results_and_names_the_cells(
        gui_root: Any, fake_dialogs: FakeDialogs, callback_errors: Any, tmp_path: Path,
        monkeypatch: pytest.MonkeyPatch) -> None:
    import openpyxl

    from app.gui.import_dialog import ImportDialog

    monkeypatch.setattr(resources, "user_config_dir", lambda: tmp_path / "config")
    fake_dialogs.allow_errors = True
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "業務一覧"
    ws.append(["業務名", "年間件数", "1件あたりの処理時間（分）"])
    ws.append(["窓口受付", "=100*12", 20])  # a script's workbook: the formula holds no result
    wb.save(tmp_path / "script.xlsx")
    q = service.get_questionnaire()
    a = service.new_assessment(q)
    results: list[Any] = []
    dlg = ImportDialog(gui_root, q, a, results.append, path=tmp_path / "script.xlsx")
    gui_root.update()
    assert dlg.run_import() is None
    gui_root.update()
    assert results == [] and a.tasks == [] and dlg.winfo_exists()  # nothing imported; the window stays to fix it
    assert fake_dialogs.errors and "業務一覧!B2" in fake_dialogs.errors[-1]
    assert "値として貼り付け" in fake_dialogs.errors[-1]
    dlg.destroy()


def test_import_dialog_says_it_is_reading_while_it_reads(gui_root: Any, fake_dialogs: FakeDialogs,
                                                         callback_errors: Any, tmp_path: Path,
                                                         monkeypatch: pytest.MonkeyPatch) -> None:
    # a 20,000-row sheet takes a second or two to read (one refused for its size, a few): the window showed nothing
    from app.gui.import_dialog import ImportDialog

    monkeypatch.setattr(resources, "user_config_dir", lambda: tmp_path / "config")
    seen: list[tuple[str, str, str]] = []
    dialog: list[Any] = []
    for name in ("preview_import", "import_tasks"):
        real = getattr(service, name)

        def watched(*args: Any, real: Any = real, **kwargs: Any) -> Any:
            if dialog:
                dlg = dialog[0]
                seen.append((str(dlg.cget("cursor")), dlg.header_label.cget("text"), dlg.import_button.cget("state")))
            return real(*args, **kwargs)

        monkeypatch.setattr(service, name, watched)
    q = service.get_questionnaire()
    a = service.new_assessment(q)
    dlg = ImportDialog(gui_root, q, a, path=None)
    dialog.append(dlg)
    assert dlg.load(DATA / "gyomuryo_chosa.xlsx")
    reading = ("watch", "「gyomuryo_chosa.xlsx」を読み込んでいます…", "disabled")
    assert seen == [reading]
    assert dlg.cget("cursor") == "" and dlg.header_label.cget("text").startswith("見出し行")
    assert dlg.import_button.cget("state") == "normal"
    dlg.run_import()
    gui_root.update()
    assert seen[1:] == [reading]
    assert len(a.tasks) == 6


def test_aggregate_window_summarises_a_folder_with_a_broken_file(gui_root: Any, fake_dialogs: FakeDialogs,
                                                                  callback_errors: Any, tmp_path: Path) -> None:
    from app.gui.aggregate_window import AggregateWindow

    for f in EXAMPLES.glob("*.kaizen.json"):
        shutil.copy(f, tmp_path / f.name)
    (tmp_path / "broken.kaizen.json").write_text("{\"format\": ", "utf-8")
    win = AggregateWindow(gui_root, paths=[tmp_path])
    gui_root.update()
    win.run()
    wait_until(gui_root, lambda: win.summary is not None)
    assert len(win.summary.departments) == 4 and len(win.summary.skipped) == 1
    pdf = win.save(".pdf", tmp_path / "summary.pdf")
    xlsx = win.save(".xlsx", tmp_path / "summary.xlsx")
    assert pdf is not None and pdf.read_bytes().startswith(b"%PDF")
    assert xlsx is not None and xlsx.stat().st_size > 0
    win.destroy()


def test_the_shareable_tick_is_off_by_default_and_recorded(gui_root: Any, fake_dialogs: FakeDialogs,
                                                           callback_errors: Any) -> None:
    from app.gui.followup_dialog import FollowUpDialog

    opened = service.open_assessment(EXAMPLES / "example_shimin.kaizen.json")
    q, a = opened.questionnaire, opened.assessment
    dlg = FollowUpDialog(gui_root, q, a, today=dt.date(2027, 1, 20))
    gui_root.update()
    dlg.select("a1")
    assert dlg.shareable.get() == 0 and not a.action("a1").shareable
    dlg.status.set("完了")
    dlg.shareable.set(1)
    assert dlg.record()
    assert a.action("a1").shareable
    dlg.select("a2")
    assert dlg.shareable.get() == 0
    dlg.select("a1")
    assert dlg.shareable.get() == 1  # rebuilt from the model
    dlg.close()
    gui_root.update()


def test_aggregate_window_makes_the_newsletter(gui_root: Any, fake_dialogs: FakeDialogs, callback_errors: Any,
                                               tmp_path: Path) -> None:
    from app.gui.aggregate_window import AggregateWindow

    win = AggregateWindow(gui_root, paths=[EXAMPLES])
    gui_root.update()
    assert win.newsletter_button.cget("state") == "disabled"  # nothing summarised yet
    win.run()
    wait_until(gui_root, lambda: win.summary is not None)
    assert win.newsletter_button.cget("state") == "normal"
    worker = win.make_newsletter(tmp_path / "report.pdf")
    assert worker is not None and win.busy
    wait_until(gui_root, lambda: not win.busy, timeout=30)
    assert (tmp_path / "report.pdf").read_bytes().startswith(b"%PDF")
    assert fake_dialogs.infos and "report.pdf" in fake_dialogs.infos[-1]
    win.destroy()


def test_aggregate_window_newsletter_without_stories_says_so(gui_root: Any, fake_dialogs: FakeDialogs,
                                                             callback_errors: Any, tmp_path: Path) -> None:
    from app.gui.aggregate_window import AggregateWindow

    fake_dialogs.allow_errors = True
    shutil.copy(EXAMPLES / "example_shimin.kaizen.json", tmp_path / "s.kaizen.json")  # nothing done yet
    win = AggregateWindow(gui_root, paths=[tmp_path])
    gui_root.update()
    win.run()
    wait_until(gui_root, lambda: win.summary is not None)
    win.make_newsletter(tmp_path / "report.pdf")
    wait_until(gui_root, lambda: not win.busy, timeout=30)
    assert not (tmp_path / "report.pdf").exists()
    assert fake_dialogs.errors and "業務改善レポートに載せられる事例がありません" in fake_dialogs.errors[-1]
    win.destroy()


def test_the_follow_up_actions_are_chosen_with_the_keyboard(gui_root: Any, fake_dialogs: FakeDialogs,
                                                            callback_errors: Any) -> None:
    """Found in a keyboard walk: the list of actions took no focus, so from the keyboard only the first action's
    result could be recorded. The list is one Tab stop; ↑ ↓ Home End choose the action the form shows."""
    from app.gui.followup_dialog import FollowUpDialog
    from tests.test_gui_keyboard import press, tab_to

    opened = service.open_assessment(EXAMPLES / "example_shimin.kaizen.json")
    q, a = opened.questionnaire, opened.assessment
    dlg = FollowUpDialog(gui_root, q, a, today=dt.date(2027, 1, 20))
    gui_root.update()
    dlg.focus_force()
    gui_root.update()
    rows = dlg.buttons
    tab_to(dlg, rows["a1"])
    assert dlg.current is not None and dlg.current.id == "a1"
    press(dlg, "<Down>")
    press(dlg, "<Down>")
    assert dlg.current.id == "a3" and dlg.focus_get() is rows["a3"]
    assert dlg.status.get() == "未着手"  # the form shows a3 now
    press(dlg, "<End>")
    last = a.actions[-1].id
    assert dlg.current.id == last and dlg.focus_get() is rows[last]
    press(dlg, "<Up>")
    assert dlg.current.id == a.actions[-2].id
    # one Tab stop: Tab goes on to the form, and Shift+Tab from there comes back to the chosen action only
    press(dlg, "<Tab>")
    assert dlg.focus_get() not in rows.values()
    from app.gui import keys

    back = keys.back_tab_sequences(dlg)[-1]
    for _ in range(30):
        press(dlg, back)
        if dlg.focus_get() in rows.values():
            break
    assert dlg.focus_get() is rows[a.actions[-2].id]
    dlg.destroy()


def test_what_was_typed_for_an_action_is_recorded_before_another_is_shown(gui_root: Any, fake_dialogs: FakeDialogs,
                                                                          callback_errors: Any) -> None:
    """Choosing another action, or closing the window, dropped a result typed but not yet recorded (記録する)."""
    from app.gui.followup_dialog import FollowUpDialog

    opened = service.open_assessment(EXAMPLES / "example_shimin.kaizen.json")
    q, a = opened.questionnaire, opened.assessment
    closed: list[bool] = []
    dlg = FollowUpDialog(gui_root, q, a, closed.append, today=dt.date(2027, 1, 20))
    gui_root.update()
    before = len(a.action("a2").history)
    dlg.select("a2")  # only looking: nothing typed, nothing recorded
    assert len(a.action("a2").history) == before
    dlg.status.set("完了")
    dlg.hours.insert(0, "120")
    dlg.select("a3")
    assert (a.action("a2").status, a.action("a2").realised_hours) == ("done", 120.0)
    assert dlg.current is not None and dlg.current.id == "a3"
    dlg.hours.insert(0, "たくさん")  # does not fit: the action stays shown with its message
    fake_dialogs.allow_errors = True
    dlg.select("a4")
    assert dlg.current.id == "a3" and fake_dialogs.errors and dlg.hours.get() == "たくさん"
    dlg.hours.delete(0, "end")
    dlg.note.insert(0, "来月に再開")
    dlg.close()  # recorded on closing
    gui_root.update()
    assert closed == [True] and a.action("a3").history[-1].note == "来月に再開"


def _descendants(widget: Any) -> int:
    return sum(1 + _descendants(child) for child in widget.winfo_children())


def test_aggregate_window_lists_sections_with_department_subtotals_like_the_pdf(
        gui_root: Any, fake_dialogs: FakeDialogs, callback_errors: Any, tmp_path: Path) -> None:
    """Found with a 300-department ward: a department with two sections was listed twice under the same name with
    different hours, and the count said 343 部署 (the files) where the PDF says 300部署（343ファイル）."""
    from app.gui.aggregate_window import AggregateWindow
    from app.gui.formats import hours
    from tests.data.make_ward import make_ward

    make_ward(tmp_path / "ward", 8)  # department 3 has two sections
    win = AggregateWindow(gui_root, paths=[tmp_path / "ward"])
    gui_root.update()
    win.run()
    wait_until(gui_root, lambda: win.summary is not None)
    s = win.summary
    rows = win.table.get_sheet_data()
    two = [d for d in s.departments if d.department == s.departments[3].department]
    assert len(two) == 2 and two[0].section != two[1].section
    names = [r[:2] for r in rows]
    at = names.index([two[0].department, two[0].section])
    assert names[at + 1] == [two[1].department, two[1].section]
    subtotal = rows[at + 2]
    assert subtotal[:2] == [f"{two[0].department} 計", "2係"]
    assert subtotal[2] == hours(two[0].inventory_hours + two[1].inventory_hours)
    assert subtotal[5] == f"{two[0].done_count + two[1].done_count}/{two[0].action_count + two[1].action_count}"
    assert rows[-1][0] == "全体" and rows[-1][2] == hours(s.total("inventory_hours"))
    assert len(rows) == len(s.departments) + 1 + 1  # every file, one subtotal, the whole office
    notes = win.notes.get("1.0", "end")
    assert notes.startswith(f"8部署（{len(s.departments)}ファイル、係ごと）")
    # from the keyboard: Tab goes from the table to the (read-only) notes, which a disabled text box is not
    assert win.table.MT.tk_focusNext() is win.notes._textbox
    win.destroy()


def test_aggregate_window_notes_show_a_focus_ring(gui_root: Any, fake_dialogs: FakeDialogs,
                                                  callback_errors: Any) -> None:
    """Walking the ward window by keyboard: Tab from the table to the read-only notes showed nothing (no cursor,
    no ring), so the keyboard seemed lost until the next Tab lit the PDF button."""
    from app.gui import keys
    from app.gui.aggregate_window import AggregateWindow

    win = AggregateWindow(gui_root)
    gui_root.update()
    box = win.notes._textbox
    assert int(box.cget("highlightthickness")) == keys.RING
    assert str(box.cget("highlightcolor")) == keys.RING_COLOUR
    win.destroy()


def test_aggregate_window_table_does_not_grow_with_the_city(gui_root: Any, fake_dialogs: FakeDialogs,
                                                            callback_errors: Any, tmp_path: Path) -> None:
    """1,000 departments were 5,000 labels: 14 s to draw, 6 s to close. The table draws the rows in view only, so
    the window has as many widgets for 60 departments as for 6."""
    from app.gui.aggregate_window import AggregateWindow
    from tests.data.make_ward import make_ward

    counts = []
    for n in (6, 60):
        make_ward(tmp_path / f"ward{n}", n)
        win = AggregateWindow(gui_root, paths=[tmp_path / f"ward{n}"])
        gui_root.update()
        win.run()
        wait_until(gui_root, lambda win=win: win.summary is not None, timeout=60)
        gui_root.update()
        assert win.table.get_total_rows() > n
        counts.append(_descendants(win.result))
        win.destroy()
    assert counts[0] == counts[1], counts

"""Importing task inventories from real .xlsx files (written by openpyxl, see tests/data/make_sheets.py) and CSV."""

from __future__ import annotations

from pathlib import Path

import openpyxl
import pytest

from app import resources, service
from app.cli import main
from app.domain.errors import UserError
from app.domain.questionnaire import Questionnaire
from app.exchange.importer import import_rows
from app.exchange.layout import detect_layout, suggest_mapping
from app.exchange.reader import read_grid

DATA = Path(__file__).resolve().parent / "data"
SURVEY = DATA / "gyomuryo_chosa.xlsx"
SIMPLE = DATA / "simple_inventory.xlsx"


@pytest.fixture
def q() -> Questionnaire:
    return service.get_questionnaire("standard")


@pytest.fixture(autouse=True)
def no_saved_mapping(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Keep the user's remembered mapping out of the tests."""
    folder = tmp_path / "config"
    monkeypatch.setattr(resources, "user_config_dir", lambda: folder)
    return folder


def test_the_fixtures_are_real_workbooks_with_merged_headers() -> None:
    wb = openpyxl.load_workbook(SURVEY)
    ws = wb["調査票"]
    merged = {str(r) for r in ws.merged_cells.ranges}
    assert {"A1:K1", "D4:F4", "B4:B5"} <= merged
    assert ws["K10"].value.startswith("=SUM(")  # the 小計 row carries a formula, as in real sheets


def test_survey_layout_two_header_rows_below_the_title(q: Questionnaire) -> None:
    grid = read_grid(SURVEY)
    layout = detect_layout(q, grid)
    assert layout is not None
    assert (layout.first + 1, layout.last + 1) == (4, 5)  # sheet rows
    mapping = suggest_mapping(q, grid, layout)
    letters = {fid: layout.columns[c].letter for fid, c in mapping.items()}
    assert letters == {"name": "B", "category": "C", "annual_cases": "D", "minutes_per_case": "E",
                       "fixed_hours": "F", "staff": "G", "peak_months": "H", "single_person": "I", "systems": "J"}
    assert "処理件数等" in layout.columns[3].label and "年間件数" in layout.columns[3].label


def test_survey_rows_skipped_and_values_read_like_typed(q: Questionnaire) -> None:
    grid = read_grid(SURVEY)
    layout = detect_layout(q, grid)
    assert layout is not None
    result = import_rows(q, grid, layout, suggest_mapping(q, grid, layout))
    assert [t["name"] for t in result.tasks] == [
        "保育所入所申込の受付", "児童手当の認定請求の受付", "子ども医療費助成の申請受付", "入所選考会議",
        "国・都への実績報告", "子育て支援ガイドの作成"]
    assert result.skipped == {"blank": [11], "subtotal": [10, 16, 17], "heading": [6, 12], "no_name": [18],
                              "example": []}
    first, third, fourth = result.tasks[0], result.tasks[2], result.tasks[3]
    assert first["annual_cases"] == 2400 and first["minutes_per_case"] == 45  # "２，４００", "４５分"
    assert first["category"] == "counter" and first["peak_months"] == [11, 12]
    assert third["annual_cases"] == 4500 and third["single_person"] is True  # "4,500件", "○"
    assert fourth["fixed_hours"] == 260  # "２６０時間"
    # the unreadable cell is reported by sheet, column and row; its task still comes in, cell left blank
    assert [(p.code, p.where) for p in result.problems] == [("A001", "調査票!D14")]
    assert "annual_cases" not in result.tasks[4] and result.tasks[4]["minutes_per_case"] == 480
    assert result.rows == [7, 8, 9, 13, 14, 15]


def test_import_into_an_assessment_gives_the_sheet_hours(q: Questionnaire) -> None:
    a = service.new_assessment(q, {"department": "子育て支援課"})
    result = service.import_tasks(q, a, SURVEY)
    assert len(a.tasks) == len(result.tasks) == 6
    hours = {t.name: t.annual_hours for t in service.score(q, a).tasks}
    # independently: cases × minutes / 60 + fixed, from the values typed in make_sheets.py
    assert hours["保育所入所申込の受付"] == pytest.approx(2400 * 45 / 60)
    assert hours["児童手当の認定請求の受付"] == pytest.approx(3200 * 20 / 60)
    assert hours["入所選考会議"] == pytest.approx(260)
    assert hours["子育て支援ガイドの作成"] == pytest.approx(180)


def test_simple_sheet_with_a_blank_row(q: Questionnaire) -> None:
    a = service.new_assessment(q)
    result = service.import_tasks(q, a, SIMPLE)
    assert [t.name for t in a.tasks] == ["住民税申告書の受付", "課税資料の整理", "電話問合せ対応"]
    assert result.skipped["blank"] == [4]
    assert a.tasks[1].answers["category"] == "documents"


def test_csv_in_shift_jis_with_full_width_digits(q: Questionnaire, tmp_path: Path) -> None:
    path = tmp_path / "inventory.csv"
    path.write_bytes("業務名,年間件数,1件あたりの処理時間（分）\r\n窓口受付,１，２００,１０\r\n小計,1200,\r\n"
                     .encode("cp932"))
    a = service.new_assessment(q)
    service.import_tasks(q, a, path)
    assert [(t.name, t.answers["annual_cases"], t.answers["minutes_per_case"]) for t in a.tasks] == [
        ("窓口受付", 1200, 10)]


def test_user_mapping_overrides_and_is_remembered_by_heading(q: Questionnaire, no_saved_mapping: Path) -> None:
    preview = service.preview_import(q, SIMPLE)
    mapping = {"name": 0, "annual_cases": 2, "minutes_per_case": 3}  # leave the other columns out on purpose
    a = service.new_assessment(q)
    service.import_tasks(q, a, SIMPLE, mapping=mapping, remember=True)
    assert "category" not in a.tasks[0].answers
    saved = service.load_import_mapping()
    assert saved["annual_cases"] == "年間件数"
    assert (no_saved_mapping / service.IMPORT_MAPPING_FILE).is_file()
    again = service.preview_import(q, SIMPLE)
    assert again.mapping["annual_cases"] == 2 and again.mapping == preview.mapping | again.mapping


@pytest.mark.parametrize(("mapping", "code"), [({"annual_cases": 2}, "X002"), ({"name": 0, "nonsense": 1}, "X003"),
                                                ({"name": 0, "annual_cases": 0}, "X003"),
                                                ({"name": 0, "staff": 99}, "X003")])
def test_bad_mappings_are_user_errors(q: Questionnaire, mapping: dict[str, int], code: str) -> None:
    a = service.new_assessment(q)
    with pytest.raises(UserError) as exc:
        service.import_tasks(q, a, SIMPLE, mapping=mapping)
    assert code in {p.code for p in exc.value.problems}
    assert a.tasks == []


def test_unsupported_and_headerless_files(q: Questionnaire, tmp_path: Path) -> None:
    old = tmp_path / "old.xls"
    old.write_bytes(b"\xd0\xcf\x11\xe0")
    with pytest.raises(UserError) as exc:
        service.preview_import(q, old)
    assert exc.value.code == "X004"
    fake = tmp_path / "fake.xlsx"
    fake.write_bytes(b"not a zip")
    with pytest.raises(UserError) as exc:
        service.preview_import(q, fake)
    assert exc.value.code == "X006"
    numbers = tmp_path / "numbers.csv"
    numbers.write_text("1,2,3\n4,5,6\n", "utf-8")
    with pytest.raises(UserError) as exc:
        service.preview_import(q, numbers)
    assert exc.value.code == "X001"
    with pytest.raises(UserError) as exc:
        service.preview_import(q, SURVEY, sheet="存在しないシート")
    assert exc.value.code == "X007"


@pytest.mark.parametrize(("cells", "expected"), [
    (["小計", None], True), (["窓口業務　小計"], True), (["【合計】"], True), (["計"], True), (["総合計"], True),
    (["収納・会計"], False), (["集計・報告"], False), (["決算合計表の作成"], False), (["統計調査"], False),
])
def test_subtotal_labels(cells: list[object], expected: bool) -> None:
    from app.exchange.importer import is_subtotal

    assert is_subtotal(cells) is expected  # type: ignore[arg-type]


def test_exchange_sits_beside_storage_and_report() -> None:
    """Spreadsheets in and out depend only on the domain (and openpyxl), never on other layers or shells."""
    import ast

    forbidden = ("app.storage", "app.report", "app.loading", "app.gui", "app.service", "app.cli", "reportlab",
                 "customtkinter")
    for path in (Path(__file__).resolve().parents[1] / "app" / "exchange").glob("*.py"):
        for node in ast.walk(ast.parse(path.read_text("utf-8"))):
            names = [a.name for a in node.names] if isinstance(node, ast.Import) else \
                [node.module] if isinstance(node, ast.ImportFrom) and node.module else []
            for name in names:
                assert not any(name == f or name.startswith(f + ".") for f in forbidden), (path.name, name)


def test_missing_sheet_file_is_a_user_error(q: Questionnaire, tmp_path: Path) -> None:
    with pytest.raises(UserError) as exc:
        service.preview_import(q, tmp_path / "nothing.xlsx")
    assert exc.value.code == "S001"


@pytest.mark.parametrize("saved", [
    '{"annual_cases": ' + "[" * 100_000 + "]" * 100_000 + "}",  # was RecursionError: exit 1 on every import
    '{"annual_cases": ' + "[" * 900 + "]" * 900 + ', "name": 1, "minutes_per_case": "処理時間"}',
    "[1, 2]", "{broken", "\udcff",
])
def test_a_damaged_remembered_mapping_is_ignored(q: Questionnaire, no_saved_mapping: Path, tmp_path: Path,
                                                capsys: pytest.CaptureFixture[str], saved: str) -> None:
    no_saved_mapping.mkdir()
    (no_saved_mapping / service.IMPORT_MAPPING_FILE).write_bytes(saved.encode("utf-8", "surrogateescape"))
    assert all(isinstance(v, str) for v in service.load_import_mapping().values())
    assert service.preview_import(q, SIMPLE).mapping["annual_cases"] == 2
    assert main(["import", str(SIMPLE), "--into", str(tmp_path / "a.kaizen.json")]) == 0
    assert "Traceback" not in capsys.readouterr().err


def _formula_sheet(path: Path, rows: list[list[object]]) -> Path:
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "業務一覧"
    ws.append(["業務名", "業務区分", "年間件数", "1件あたりの処理時間（分）", "備考"])
    for row in rows:
        ws.append(row)
    wb.save(path)
    return path


def _as_excel_saved(path: Path, results: dict[str, str]) -> Path:
    """The same workbook as Excel saves it: each formula cell holds its last result (``ref → <v>…`` or 't=str')."""
    import re
    import zipfile

    with zipfile.ZipFile(path) as src:
        parts = {n: src.read(n) for n in src.namelist()}
    xml = parts["xl/worksheets/sheet1.xml"].decode("utf-8")
    for ref, result in results.items():
        cell = re.compile(rf'<c r="{ref}"><f>(.*?)</f><v />')
        if result == "":  # a formula whose result is the empty text
            xml, n = cell.subn(rf'<c r="{ref}" t="str"><f>\1</f><v></v>', xml)
        else:
            xml, n = cell.subn(rf'<c r="{ref}"><f>\1</f><v>{result}</v>', xml)
        assert n == 1, ref
    parts["xl/worksheets/sheet1.xml"] = xml.encode("utf-8")
    with zipfile.ZipFile(path, "w") as out:
        for name, data in parts.items():
            out.writestr(name, data)
    return path


def test_formulas_without_a_result_refuse_the_import_and_name_the_cells(q: Questionnaire, tmp_path: Path) -> None:
    # a sheet a script wrote (never opened in Excel): the formulas hold no result and used to import as blank,
    # so the tasks came in without their hours and nobody was told
    rows: list[list[object]] = [["窓口受付", "窓口受付", "=100*12", 20, None],
                                ["【内部事務】", None, None, None, None],
                                ["課税資料の整理", "文書管理・決裁", 300, "=60/3", None],
                                ["小計", None, "=SUM(C2:C4)", None, None]]
    rows += [[f"業務{i}", "照会・回答", f"={i}*10", 5, None] for i in range(6)]
    path = _formula_sheet(tmp_path / "script.xlsx", rows)
    a = service.new_assessment(q)
    with pytest.raises(UserError) as exc:
        service.import_tasks(q, a, path)
    [problem] = exc.value.problems
    assert problem.code == "X016"
    assert problem.where == "業務一覧!C2"
    # the heading and the subtotal rows are not tasks and are not named; five cells are listed, all are counted
    assert problem.params == {"cells": "業務一覧!C2、業務一覧!D4、業務一覧!C6、業務一覧!C7、業務一覧!C8", "count": 8}
    text = problem.message("ja")
    assert "業務一覧!C2" in text and "全部で8か所" in text and "値として貼り付け" in text
    assert "Paste Values" in problem.message("en")
    assert a.tasks == []  # nothing half-imported


def test_formulas_excel_calculated_import_their_results(q: Questionnaire, tmp_path: Path) -> None:
    path = _formula_sheet(tmp_path / "excel.xlsx", [["窓口受付", "窓口受付", "=100*12", 20, '=""'],
                                                    ["課税資料の整理", "文書管理・決裁", 300, "=60/3", '=""']])
    _as_excel_saved(path, {"C2": "1200", "D3": "20", "E2": "", "E3": ""})
    a = service.new_assessment(q)
    service.import_tasks(q, a, path)
    assert [(t.name, t.answers["annual_cases"], t.answers["minutes_per_case"]) for t in a.tasks] == [
        ("窓口受付", 1200, 20), ("課税資料の整理", 300, 20)]


def test_a_formula_without_a_result_in_a_column_not_imported_is_no_obstacle(q: Questionnaire,
                                                                            tmp_path: Path) -> None:
    path = _formula_sheet(tmp_path / "notes.xlsx", [["窓口受付", "窓口受付", 1200, 20, "=C2*D2"]])
    a = service.new_assessment(q)
    service.import_tasks(q, a, path, mapping={"name": 0, "annual_cases": 2, "minutes_per_case": 3})
    assert [(t.name, t.answers["annual_cases"]) for t in a.tasks] == [("窓口受付", 1200)]


def test_a_row_of_formulas_only_is_not_skipped_as_blank(q: Questionnaire, tmp_path: Path,
                                                        capsys: pytest.CaptureFixture[str]) -> None:
    # every cell a formula without a result: the row has no value at all, and was dropped as if empty
    path = _formula_sheet(tmp_path / "only.xlsx", [["窓口受付", "窓口受付", 1200, 20, None],
                                                   ["=A2", "=B2", "=C2", "=D2", None]])
    target = tmp_path / "a.kaizen.json"
    assert main(["import", str(path), "--into", str(target)]) == 2
    err = capsys.readouterr().err
    assert "X016" in err and "業務一覧!A3" in err and not target.exists()


def test_a_name_too_long_is_cut_at_its_limit_with_a_notice_not_dropped(q: Questionnaire, tmp_path: Path) -> None:
    # the name used to be left blank (A008): the plan then listed an unnamed task of 18,000 hours among the focus
    long_name = "住民票の写し等の交付（窓口）に関する" + "あ" * 70  # 88 characters
    path = tmp_path / "long.csv"
    path.write_text(f"業務名,年間件数,1件あたりの処理時間（分）\n{long_name},12000,30\n短い業務,10,5\n",
                    encoding="utf-8")
    a = service.new_assessment(q)
    result = service.import_tasks(q, a, path)
    assert [t.name for t in a.tasks] == [long_name[:80], "短い業務"]
    assert a.tasks[0].answers["annual_cases"] == 12000
    [problem] = result.problems
    assert (problem.code, problem.where) == ("X017", "long!A2")
    assert "「業務名」が80文字を超えているため（88文字）、先頭の80文字を取り込みました" in problem.message("ja")
    assert "'Task' is longer than 80 characters (88)" in problem.message("en")


def test_line_breaks_typed_in_a_name_cell_are_joined(q: Questionnaire, tmp_path: Path) -> None:
    # Alt+Enter in a narrow column of a 業務量調査 sheet: one line again, a space only beside letters and digits
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "業務一覧"
    ws.append(["業務名", "年間件数", "使用システム"])
    ws.append(["住民票の写し\n等の交付（窓口）", 100, "住民記録\nシステム"])
    ws.append(["AI-OCR\n導入の検討 ", 10, "Excel\r\nAccess"])
    wb.save(tmp_path / "breaks.xlsx")
    a = service.new_assessment(q)
    result = service.import_tasks(q, a, tmp_path / "breaks.xlsx")
    assert [(t.name, t.answers["systems"]) for t in a.tasks] == [("住民票の写し等の交付（窓口）", "住民記録システム"),
                                                                ("AI-OCR 導入の検討 ", "Excel Access")]
    assert result.problems == []


def test_a_cell_that_does_not_fit_is_kept_in_the_file_not_dropped(tmp_path: Path,
                                                                   capsys: pytest.CaptureFixture[str]) -> None:
    """「たくさん」 or −5 cases in a sheet: reported at sheet!cell, left out of the figures, and kept in the file
    (``unplaced``, A019), as the same value in an assessment file is; it was imported as a blank and lost."""
    from app.domain.quality import left_out

    sheet = tmp_path / "調査.csv"
    sheet.write_text("業務名,年間件数,1件あたりの時間（分）\n窓口受付,たくさん,10\n郵送請求,-5,99999\n電話,120,5\n",
                     encoding="utf-8")
    target = tmp_path / "new.kaizen.json"
    assert main(["import", str(sheet), "--into", str(target)]) == 0
    err = capsys.readouterr().err
    assert "調査!B2" in err and "調査!B3" in err and "調査!C3" in err and "A019" in err, err
    opened = service.open_assessment(target)
    a = opened.assessment
    assert a.unplaced == {"tasks[0].annual_cases": "たくさん", "tasks[1].annual_cases": "-5",
                          "tasks[1].minutes_per_case": "99999"}
    assert "A019" in [p.code for p in opened.problems]
    assert [(x.task, x.value) for x in left_out(opened.questionnaire, a)] == [
        ("窓口受付", "たくさん"), ("郵送請求", "-5"), ("郵送請求", "99999")]
    assert a.tasks[2].answers["annual_cases"] == 120
    # a second import into the same file places its values after the tasks already there
    assert main(["import", str(sheet), "--into", str(target)]) == 0
    assert service.open_assessment(target).assessment.unplaced["tasks[3].annual_cases"] == "たくさん"


def test_a_chart_sheet_named_with_sheet_is_said_to_be_one(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """``--sheet グラフ`` naming a chart sheet: X017 with the table sheets (was X006 「Excelファイルを読めません
    （AttributeError）… 壊れていないか」, as if the file were damaged)."""
    from openpyxl.chart import BarChart, Reference

    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "業務一覧"
    ws.append(["業務名", "年間件数"])
    ws.append(["窓口受付", 100])
    chart = BarChart()
    chart.add_data(Reference(ws, min_col=2, min_row=1, max_row=2))
    wb.create_chartsheet("グラフ").add_chart(chart)
    book = tmp_path / "調査.xlsx"
    wb.save(book)
    target = tmp_path / "new.kaizen.json"
    assert main(["import", str(book), "--into", str(target), "--sheet", "グラフ"]) == 2
    err = capsys.readouterr().err
    assert "X018" in err and "「グラフ」" in err and "業務一覧" in err and "X006" not in err, err
    assert not target.exists()
    assert main(["import", str(book), "--into", str(target)]) == 0  # the first table sheet, as before
    assert [t.name for t in service.open_assessment(target).assessment.tasks] == ["窓口受付"]


def test_a_task_whose_name_is_a_formula_without_a_result_is_not_taken_for_a_heading(q: Questionnaire,
                                                                                    tmp_path: Path) -> None:
    """業務名 ``=Sheet2!A1`` (no result) with 年間件数 and 時間 both 20: the two equal numbers made the row look like
    a heading merged across, so it was skipped as one and X016 never named the cell; the task was lost."""
    path = _formula_sheet(tmp_path / "script.xlsx", [["=一覧!A2", None, 20, 20, None], ["窓口受付", None, 5, 5, None]])
    a = service.new_assessment(q)
    with pytest.raises(UserError) as exc:
        service.import_tasks(q, a, path)
    assert [(p.code, p.where) for p in exc.value.problems] == [("X016", "業務一覧!A2")]
    assert a.tasks == []


@pytest.mark.parametrize(("spec", "code"), [("nosuchfield=A", "X003"), ("=B", "X003"), ("annual_cases=A", "X002")])
def test_a_dry_run_refuses_the_mapping_the_import_would_refuse(tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                                              spec: str, code: str) -> None:
    """``--dry-run --map nosuchfield=A`` said nothing and exited 0; the same import without --dry-run is X003."""
    sheet = tmp_path / "調査.csv"
    sheet.write_text("業務名,年間件数\n窓口受付,100\n", encoding="utf-8")
    target = tmp_path / "new.kaizen.json"
    for extra in (["--dry-run"], []):
        assert main(["import", str(sheet), "--into", str(target), "--map", spec, *extra]) == 2, extra
        err = capsys.readouterr().err
        assert code in err, (extra, err)
    assert not target.exists()
    assert main(["import", str(sheet), "--into", str(target), "--dry-run"]) == 0  # a fitting mapping as before
    assert not target.exists()


def _reads(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The sheets parsed from here on (the cells read, not just the bytes)."""
    from app.exchange import reader

    parsed: list[str] = []
    real = reader._xlsx_grid

    def counting(raw: bytes, name: str, sheet: str | None) -> reader.Grid:
        parsed.append(name)
        return real(raw, name, sheet)

    monkeypatch.setattr(reader, "_xlsx_grid", counting)
    return parsed


def test_an_import_right_after_its_preview_does_not_read_the_sheet_again(
        q: Questionnaire, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # the window (and the CLI) show a preview, then import: 20,000 rows were parsed twice, a second or two more
    path = tmp_path / "inventory.xlsx"
    path.write_bytes(SIMPLE.read_bytes())
    parsed = _reads(monkeypatch)
    preview = service.preview_import(q, path)
    a = service.new_assessment(q)
    result = service.import_tasks(q, a, path, mapping=preview.mapping, preview=preview)
    assert parsed == [str(path)]
    assert [t.name for t in a.tasks] == ["住民税申告書の受付", "課税資料の整理", "電話問合せ対応"]
    assert result.skipped["blank"] == [4]
    # the same, for the sheet asked for by name (the window names it once the workbook has more than one)
    parsed.clear()
    named = service.preview_import(q, path, preview.grid.sheet)
    service.import_tasks(q, service.new_assessment(q), path, sheet=preview.grid.sheet, preview=named)
    service.import_tasks(q, service.new_assessment(q), path, sheet=preview.grid.sheet, preview=preview)
    assert parsed == [str(path)]


def test_a_sheet_saved_again_after_its_preview_is_read_again(q: Questionnaire, tmp_path: Path,
                                                           monkeypatch: pytest.MonkeyPatch) -> None:
    # someone adds a row in Excel and saves while the import window is open: the import takes the file as it is now
    path = tmp_path / "inventory.xlsx"
    path.write_bytes(SIMPLE.read_bytes())
    preview = service.preview_import(q, path)
    wb = openpyxl.load_workbook(path)
    ws = wb.worksheets[0]
    ws.append(["新しい業務", *([None] * (ws.max_column - 1))])
    wb.save(path)
    parsed = _reads(monkeypatch)
    a = service.new_assessment(q)
    service.import_tasks(q, a, path, preview=preview)
    assert parsed == [str(path)]
    assert [t.name for t in a.tasks][-1] == "新しい業務"


def test_a_preview_of_another_file_or_sheet_is_not_used(q: Questionnaire, tmp_path: Path,
                                                        monkeypatch: pytest.MonkeyPatch) -> None:
    other = tmp_path / "other.xlsx"
    other.write_bytes(SIMPLE.read_bytes())
    wrong_file = service.preview_import(q, other)
    wb = openpyxl.load_workbook(SURVEY)
    wb.create_sheet("メモ", 0)  # the first sheet is now another one: the preview asked for the survey by name
    two = tmp_path / "two.xlsx"
    wb.save(two)
    survey_sheet = wb.sheetnames[1]
    wrong_sheet = service.preview_import(q, two, survey_sheet)
    parsed = _reads(monkeypatch)
    a = service.new_assessment(q)
    service.import_tasks(q, a, SURVEY, preview=wrong_file)
    assert len(a.tasks) == 6 and parsed == [str(SURVEY)]
    with pytest.raises(UserError) as caught:  # the first sheet, 「メモ」, is empty: what a fresh read says
        service.import_tasks(q, service.new_assessment(q), two, preview=wrong_sheet)
    assert parsed == [str(SURVEY), str(two)]
    assert caught.value.problems[0].code == "X001"


def test_a_preview_whose_file_is_gone_says_so(q: Questionnaire, tmp_path: Path) -> None:
    path = tmp_path / "inventory.xlsx"
    path.write_bytes(SIMPLE.read_bytes())
    preview = service.preview_import(q, path)
    path.unlink()
    with pytest.raises(UserError) as caught:
        service.import_tasks(q, service.new_assessment(q), path, preview=preview)
    assert caught.value.problems[0].code == "S001"

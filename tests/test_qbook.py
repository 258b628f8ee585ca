"""The questionnaire workbook: export → edit in a spreadsheet (openpyxl here) → import as a new version."""

from __future__ import annotations

import io
import zipfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

import openpyxl
import pytest

from app import cli, resources, service
from app.domain.errors import UserError
from app.domain.messages import CATALOGUE
from app.exchange.qbook_write import FIRST_ROW, HEADER_ROW
from app.loading.loader import load_questionnaire
from app.loading.yaml_edit import next_minor
from app.service import qbook
from tests.helpers import EXAMPLE, STANDARD, standard_text
from tests.report_support import FIXED, all_text, page_texts, squash

Workbook = Any


def export(tmp_path: Path) -> Path:
    out = tmp_path / "book.xlsx"
    qbook.export_questionnaire("standard", out, FIXED)
    return out


def find_row(ws: Any, key: object) -> int:
    for r in range(FIRST_ROW, ws.max_row + 1):
        if ws.cell(r, 1).value == key:
            return r
    raise AssertionError(key)


def column(ws: Any, header: str) -> int:
    return [c.value for c in ws[HEADER_ROW]].index(header) + 1


def set_cell(wb: Workbook, sheet: str, key: object, header: str, value: object) -> str:
    ws = wb[sheet]
    cell = ws.cell(find_row(ws, key), column(ws, header))
    cell.value = value
    return f"{sheet}!{cell.coordinate}"


def edited(tmp_path: Path, change: Callable[[Workbook], object], name: str = "edited.xlsx") -> tuple[Path, object]:
    wb = openpyxl.load_workbook(export(tmp_path))
    where = change(wb)
    path = tmp_path / name
    wb.save(path)
    return path, where


def test_export_has_the_sheets_headings_explanations_and_validation(tmp_path: Path) -> None:
    wb = openpyxl.load_workbook(export(tmp_path))
    assert wb.sheetnames == ["説明", "設定", "効果区分", "改善策", "進め方カード", "用語集"]
    assert wb["説明"]["B3"].value == "standard" and wb["説明"]["B4"].value == "2.0.0"
    settings = wb["設定"]
    assert [c.value for c in settings[HEADER_ROW]][:7] == ["キー", "項目", "項目（英）", "値", "値（英）", "単位",
                                                           "仮の値"]
    row = find_row(settings, "unit_cost_yen_per_hour")
    assert settings.cell(row, 4).value == 4000 and settings.cell(row, 6).value == "円/時間"
    assert settings.cell(row, 7).value == "はい"
    assert settings.cell(HEADER_ROW + 1, 7).value  # the row under the headings says what each column takes
    # keys locked, values editable, sheet protected; a number has no English value to type
    assert settings.protection.sheet
    assert settings.cell(row, 1).protection.locked and not settings.cell(row, 4).protection.locked
    assert settings.cell(row, 5).protection.locked
    team = find_row(settings, "central_team_name")
    assert settings.cell(team, 4).value == "業務改善担当" and settings.cell(team, 5).value == "improvement team"
    assert not settings.cell(team, 5).protection.locked
    ranges = {str(dv.sqref): (dv.type, dv.formula1, dv.formula2) for dv in settings.data_validations.dataValidation}
    assert any(v == ("decimal", "0", "1000000") and f"D{row}" in k for k, v in ranges.items())
    measures = wb["改善策"]
    headers = [c.value for c in measures[HEADER_ROW]]
    for wanted in ("キー", "名称", "使う", "削減率", "仮の値", "出典・根拠", "最初の一歩", "KPI", "提案する条件（式）"):
        assert wanted in headers
    kinds = {(dv.type, dv.formula1) for dv in measures.data_validations.dataValidation}
    assert ("decimal", "0") in kinds and ("list", '"はい,いいえ"') in kinds
    assert measures.cell(find_row(measures, "rpa"), column(measures, "削減率")).value == 0.56
    assert not any(ws.merged_cells.ranges for ws in wb.worksheets)


def test_an_unchanged_workbook_only_raises_the_version_and_keeps_every_comment(tmp_path: Path) -> None:
    out = tmp_path / "new.yaml"
    done = qbook.import_questionnaire(export(tmp_path), out)
    assert done.changes == 0 and done.questionnaire.version == "2.1.0"
    assert out.read_text(encoding="utf-8") == standard_text().replace('version: "2.0.0"', 'version: "2.1.0"', 1)


def test_unit_cost_and_a_rate_changed_in_excel_reach_the_next_plan_with_the_new_version(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def change(wb: Workbook) -> None:
        set_cell(wb, "設定", "unit_cost_yen_per_hour", "値", 5000)
        set_cell(wb, "設定", "unit_cost_yen_per_hour", "仮の値", "いいえ")
        set_cell(wb, "設定", "unit_cost_yen_per_hour", "出典・根拠", "人事課 2026年度の単価")
        set_cell(wb, "改善策", "eliminate", "削減率", 0.5)
    book, _ = edited(tmp_path, change)
    folder = tmp_path / "site"
    folder.mkdir()
    assert cli.main(["questionnaire", "import", str(book), "-o", str(folder / "city.yaml")]) == 0
    text = (folder / "city.yaml").read_text(encoding="utf-8")
    assert "# 業務改善セルフチェック 標準質問票" in text  # comments survive
    assert "value: 5000" in text and "reduction_rate: 0.5" in text
    new = load_questionnaire(folder / "city.yaml")
    assert new.version == "2.1.0" and new.value("unit_cost_yen_per_hour") == 5000
    assert not new.settings["unit_cost_yen_per_hour"].provisional
    old = service.open_assessment(EXAMPLE)
    before = service.score(old.questionnaire, old.assessment)
    monkeypatch.setenv(resources.QUESTIONNAIRES_ENV, str(folder))
    opened = service.open_assessment(EXAMPLE)
    assert opened.questionnaire.version == "2.1.0"
    after = service.score(opened.questionnaire, opened.assessment)
    eliminated = [(b, a) for b, a in zip(before.measures, after.measures, strict=True) if a.measure_id == "eliminate"]
    assert eliminated and all(a.potential_hours == pytest.approx(b.potential_hours / 2) for b, a in eliminated)
    assert after.totals.potential_yen == pytest.approx(round(after.totals.potential_hours * 5000), abs=1)
    pdf = service.render_plan(opened.questionnaire, opened.assessment, fixed_date=FIXED)
    cover, summary = (squash(t) for t in page_texts(pdf)[:2])
    assert "版2.1.0" in cover and "5,000円/時間" in summary  # the new version on the cover, the new unit cost
    assert "5,000" in all_text(pdf)


def _merge(wb: Workbook) -> str:
    wb["改善策"].merge_cells("B5:C5")
    return "改善策!B5:C5"


def _delete(wb: Workbook) -> str:
    ws = wb["改善策"]
    row = find_row(ws, "cashless")
    ws.delete_rows(row)
    return f"改善策!A{row}"


def _rename_key(wb: Workbook) -> str:
    ws = wb["効果区分"]
    ws.cell(find_row(ws, 5), 1).value = 6
    return f"効果区分!A{find_row(ws, 6)}"


def _formula(wb: Workbook) -> str:
    ws = wb["設定"]
    cell = ws.cell(find_row(ws, "hours_per_fte"), 4)
    cell.value = "=7.75*245"
    return f"設定!{cell.coordinate}"


def _header(wb: Workbook) -> str:
    wb["改善策"].cell(HEADER_ROW, 2).value = "名前"
    return f"改善策!B{HEADER_ROW}"


def _term_without_key(wb: Workbook) -> str:
    ws = wb["用語集"]
    blank = next(r for r in range(FIRST_ROW, ws.max_row + 1) if ws.cell(r, 1).value is None)
    ws.cell(blank, 2).value = "説明だけの行"
    return f"用語集!A{blank}"


def _too_many_rows(wb: Workbook) -> str:
    wb["改善策"].cell(2100, 1).value = "x"
    return "改善策!A1"


CASES = [
    ("team name cleared", lambda wb: set_cell(wb, "設定", "central_team_name", "値", None), "X116"),
    ("text in a number", lambda wb: set_cell(wb, "設定", "unit_cost_yen_per_hour", "値", "四千円"), "X106"),
    ("rate above 1", lambda wb: set_cell(wb, "改善策", "rpa", "削減率", 56), "X107"),
    ("rate below 0", lambda wb: set_cell(wb, "改善策", "rpa", "削減率", -0.1), "X107"),
    ("setting out of range", lambda wb: set_cell(wb, "設定", "pareto_coverage", "値", 1.5), "X107"),
    ("flag not yes/no", lambda wb: set_cell(wb, "改善策", "rpa", "仮の値", "たぶん"), "X108"),
    ("unknown ECRS letter", lambda wb: set_cell(wb, "改善策", "rpa", "ECRS", "Z"), "X109"),
    ("deleted key row", _delete, "X110"),
    ("unknown key", _rename_key, "X111"),
    ("broken expression", lambda wb: set_cell(wb, "改善策", "rpa", "提案する条件（式）", "rule_based >= ("), "X113"),
    ("required text cleared", lambda wb: set_cell(wb, "改善策", "rpa", "名称", None), "X116"),
    ("formula", _formula, "X104"),
    ("merged cells", _merge, "X105"),
    ("moved column", _header, "X103"),
    ("new glossary row without its term", _term_without_key, "X120"),
    ("sheet too large", _too_many_rows, "X115"),
    ("band thresholds out of order", lambda wb: set_cell(wb, "効果区分", 4, "最小の年間削減時間", 40), "X121"),
    ("band 1 not from zero", lambda wb: set_cell(wb, "効果区分", 1, "最小の年間削減時間", 5), "X107"),
    # cleared cells the questionnaire cannot do without: named at the cell, not as X118 of the base YAML
    ("number setting cleared", lambda wb: set_cell(wb, "設定", "unit_cost_yen_per_hour", "値", None), "X128"),
    ("rate cleared", lambda wb: set_cell(wb, "改善策", "rpa", "削減率", None), "X128"),
    ("band threshold cleared", lambda wb: set_cell(wb, "効果区分", 2, "最小の年間削減時間", None), "X128"),
    ("condition cleared", lambda wb: set_cell(wb, "改善策", "rpa", "提案する条件（式）", None), "X128"),
    ("Japanese first step cleared", lambda wb: set_cell(wb, "改善策", "rpa", "最初の一歩", None), "X116"),
    ("first step cleared in both languages", lambda wb: (set_cell(wb, "改善策", "rpa", "最初の一歩（英）", None),
                                                         set_cell(wb, "改善策", "rpa", "最初の一歩", None))[1], "X116"),
    ("card text cleared", lambda wb: set_cell(wb, "進め方カード", "eliminate", "何をするか", None), "X116"),
    ("English without Japanese", lambda wb: (set_cell(wb, "改善策", "eliminate", "proposal_reason", None),
                                             set_cell(wb, "改善策", "eliminate", "proposal_reason（英）", "Why"))[0],
     "X116"),
]


@pytest.mark.parametrize(("name", "change", "code"), CASES, ids=[c[0] for c in CASES])
def test_each_bad_cell_is_named_sheet_cell_and_nothing_is_written(
        tmp_path: Path, name: str, change: Callable[[Workbook], str], code: str,
        capsys: pytest.CaptureFixture[str]) -> None:
    book, where = edited(tmp_path, change)
    out = tmp_path / "new.yaml"
    assert cli.main(["questionnaire", "import", str(book), "-o", str(out)]) == 2
    err = capsys.readouterr().err
    assert f"{code} {where}: " in err, err
    assert "Traceback" not in err and "X118" not in err, err
    assert not out.exists()


def test_every_problem_is_reported_at_once(tmp_path: Path) -> None:
    def change(wb: Workbook) -> list[str]:
        return [set_cell(wb, "設定", "unit_cost_yen_per_hour", "値", "abc"),
                set_cell(wb, "改善策", "rpa", "削減率", 2), _merge(wb), _formula(wb)]
    book, wheres = edited(tmp_path, change)
    with pytest.raises(UserError) as caught:
        qbook.import_questionnaire(book, tmp_path / "new.yaml")
    got = [str(p.params["cell"]) for p in caught.value.problems]
    assert sorted(got) == sorted(wheres)  # type: ignore[arg-type]
    for p in caught.value.problems:
        assert p.code in CATALOGUE and p.path == str(book)
        assert "\n" not in p.message("ja") and p.message("en") != p.message("ja")
    assert not (tmp_path / "new.yaml").exists()


def test_a_workbook_of_another_questionnaire_is_refused(tmp_path: Path) -> None:
    other = tmp_path / "city.yaml"
    other.write_text(standard_text().replace("id: standard", "id: city", 1), encoding="utf-8")
    book = tmp_path / "city.xlsx"
    qbook.export_questionnaire(other, book)
    with pytest.raises(UserError) as caught:
        qbook.import_questionnaire(book, tmp_path / "new.yaml", base="standard")
    assert caught.value.code == "X101" and caught.value.problems[0].params["cell"] == "説明!B3"
    # named explicitly, the right base is found from its file
    done = qbook.import_questionnaire(book, tmp_path / "new.yaml", base=other)
    assert done.questionnaire.id == "city"


def test_a_workbook_of_an_older_version_is_refused(tmp_path: Path) -> None:
    book = export(tmp_path)
    first = qbook.import_questionnaire(book, tmp_path / "v11.yaml")
    with pytest.raises(UserError) as caught:
        qbook.import_questionnaire(book, tmp_path / "again.yaml", base=first.path)
    assert caught.value.code == "X117"


def test_texts_flags_new_glossary_terms_and_a_switched_off_measure(tmp_path: Path) -> None:
    def change(wb: Workbook) -> None:
        set_cell(wb, "設定", "review_months", "項目（英）", "Review after N months")
        set_cell(wb, "改善策", "rpa", "使う", "いいえ")
        set_cell(wb, "改善策", "manual", "最初の一歩", "手順を書く\n画面ごとに")
        set_cell(wb, "効果区分", 3, "最小の年間削減時間", 60)
        ws = wb["用語集"]
        blank = next(r for r in range(FIRST_ROW, ws.max_row + 1) if ws.cell(r, 1).value is None)
        ws.cell(blank, 1).value = "BPR"
        ws.cell(blank, 2).value = "業務の流れを根本から見直すこと。"
    book, _ = edited(tmp_path, change)
    new = qbook.import_questionnaire(book, tmp_path / "new.yaml").questionnaire
    assert new.settings["review_months"].label.en == "Review after N months"
    assert new.settings["review_months"].label.ja == "確認日（実施日からの月数）"
    assert not new.measure("rpa").enabled and new.measure("ai_ocr").enabled
    assert new.measure("manual").first_step.ja == "手順を書く\n画面ごとに"
    assert [b.min_hours for b in new.bands] == [0, 20, 60, 150, 400]
    assert new.glossary[-1].term == "BPR"
    # switched off: never suggested, never scored, even where an older file chose it
    opened = service.open_assessment(EXAMPLE)
    result = service.score(new, opened.assessment)
    assert all("rpa" not in t.suggested for t in result.tasks)
    assert all(m.measure_id != "rpa" for m in result.measures)


def test_a_zip_bomb_is_refused_before_it_is_unpacked(tmp_path: Path) -> None:
    raw = io.BytesIO()
    with zipfile.ZipFile(raw, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("xl/worksheets/sheet1.xml", b"<" + b"a" * (200 * 1024 * 1024))
    book = tmp_path / "bomb.xlsx"
    book.write_bytes(raw.getvalue())
    with pytest.raises(UserError) as caught:
        qbook.import_questionnaire(book, tmp_path / "new.yaml", base="standard")
    assert caught.value.code == "X114"


def test_an_output_that_is_an_input_or_not_yaml_is_refused(tmp_path: Path) -> None:
    book = export(tmp_path)
    with pytest.raises(UserError) as caught:
        qbook.import_questionnaire(book, tmp_path / "new.xlsx")
    assert caught.value.code == "S014"
    copy = tmp_path / "base.yaml"
    copy.write_text(STANDARD.read_text(encoding="utf-8"), encoding="utf-8")
    before = copy.read_bytes()
    with pytest.raises(UserError) as caught:
        qbook.import_questionnaire(book, copy, base=copy)
    assert caught.value.code == "S013" and copy.read_bytes() == before


@pytest.mark.parametrize(("old", "new"), [("1.0.0", "1.1.0"), ("1.4.2", "1.5.0"), ("2", "2.1.0"), ("3.9", "3.10.0")])
def test_the_minor_version_goes_up(old: str, new: str) -> None:
    assert next_minor(old) == new


def test_the_team_name_and_a_cards_contact_are_edited_in_excel(tmp_path: Path) -> None:
    def change(wb: Workbook) -> None:
        set_cell(wb, "設定", "central_team_name", "値", "行政改革推進課")
        set_cell(wb, "設定", "central_team_name", "値（英）", "Administrative Reform Division")
        set_cell(wb, "進め方カード", "rpa", "窓口・内線", "情報政策課（内線 2345）")
        set_cell(wb, "進め方カード", "rpa", "見本のまま", "いいえ")
    book, _ = edited(tmp_path, change)
    new = qbook.import_questionnaire(book, tmp_path / "new.yaml").questionnaire
    assert new.text_setting("central_team_name") == "行政改革推進課"
    assert new.team_name("en") == "Administrative Reform Division"
    guide = new.measure("rpa").guide
    assert guide is not None and guide.contact.ja == "情報政策課（内線 2345）" and not guide.example


def test_the_team_contact_is_an_optional_text_setting_with_its_row_in_the_workbook() -> None:
    from app.domain.errors import QuestionnaireError
    from app.loading.loader import convert
    from tests.helpers import standard_text

    text = standard_text()
    anchor = "  date_style:\n"
    assert anchor in text and convert(text).team_contact() == ""  # absent: nothing to show
    given = text.replace(anchor, "  central_team_contact:\n    text: {ja: 内線 1234, en: ext. 1234}\n"
                                 "    label: {ja: 連絡先}\n" + anchor, 1)
    q = convert(given)
    assert q.team_contact() == "内線 1234" and q.team_contact("en") == "ext. 1234"
    rows = next(s for s in qbook.editable_sheets(q) if s.name == "設定").rows
    assert next(r for r in rows if r.key == "central_team_contact").values["value"] == "内線 1234"
    wrong = text.replace(anchor, "  central_team_contact:\n    value: 1234\n    label: {ja: 連絡先}\n" + anchor, 1)
    with pytest.raises(QuestionnaireError) as caught:
        convert(wrong)
    assert any(p.code == "Q012" and "central_team_contact" in p.where for p in caught.value.problems)


def test_the_team_contact_is_added_in_excel_in_both_languages(tmp_path: Path) -> None:
    assert qbook.resolve_base("standard").team_contact() == ""  # the row is offered although the file has none

    def change(wb: Workbook) -> None:
        set_cell(wb, "設定", "central_team_contact", "値", "内線 1234、kaizen@example.lg.jp")
        set_cell(wb, "設定", "central_team_contact", "値（英）", "ext. 1234")
    book, _ = edited(tmp_path, change)
    new = qbook.import_questionnaire(book, tmp_path / "new.yaml").questionnaire
    assert (new.team_contact(), new.team_contact("en")) == ("内線 1234、kaizen@example.lg.jp", "ext. 1234")
    book, where = edited(tmp_path, lambda wb: set_cell(wb, "設定", "central_team_contact", "値（英）", "ext. 1"),
                         "english-only.xlsx")
    with pytest.raises(UserError) as caught:
        qbook.import_questionnaire(book, tmp_path / "other.yaml")
    problem = caught.value.problems[0]
    assert problem.code == "X116" and problem.params["cell"] == str(where).replace("E", "D")  # the Japanese cell
    assert not (tmp_path / "other.yaml").exists()


def _rewritten(book: Path, out: Path, part: str, change: Callable[[bytes], bytes]) -> Path:
    with zipfile.ZipFile(book) as zi, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zo:
        for info in zi.infolist():
            data = zi.read(info.filename)
            zo.writestr(info.filename, change(data) if info.filename == part else data)
    return out


@pytest.mark.parametrize(("what", "filler"), [
    # openpyxl keeps each unknown element and builds every cell: 2,500,000 of them in a 13 MB book took 1 GB
    ("unknown elements", lambda n: f'<x a="{n}"/>'),
    ("cells far below the table", lambda n: f'<row r="{1000 + n}"><c r="AA{1000 + n}"><v>{n}</v></c></row>'),
])
def test_a_workbook_of_a_shape_no_export_has_is_refused_in_bounded_memory(
        tmp_path: Path, capsys: pytest.CaptureFixture[str], what: str, filler: Callable[[int], str]) -> None:
    import tracemalloc

    from app.exchange.qbook_open import MAX_XML_ELEMENTS

    junk = "".join(filler(n) for n in range(MAX_XML_ELEMENTS)).encode()
    book = _rewritten(export(tmp_path), tmp_path / "odd.xlsx", "xl/worksheets/sheet2.xml",
                      lambda d: d.replace(b"</sheetData>", junk + b"</sheetData>"))
    tracemalloc.start()
    try:
        assert cli.main(["questionnaire", "import", str(book), "-o", str(tmp_path / "new.yaml")]) == 2
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    err = capsys.readouterr().err
    assert "X127" in err and "xl/worksheets/sheet2.xml" in err and f"> {MAX_XML_ELEMENTS:,}" in err, err
    assert peak < 60 * 1024 * 1024, f"{peak:,} bytes"
    assert not (tmp_path / "new.yaml").exists()


def test_a_damaged_part_inside_the_workbook_is_x006_not_an_internal_error(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    book = export(tmp_path)
    raw = bytearray(book.read_bytes())
    with zipfile.ZipFile(book) as zf:
        info = zf.getinfo("xl/worksheets/sheet2.xml")
    start = info.header_offset + 30 + len(info.filename.encode()) + len(info.extra)
    for k in range(200, 260):  # the deflate stream itself, not the zip's directory
        raw[start + k] ^= 0xFF
    book.write_bytes(bytes(raw))
    assert cli.main(["questionnaire", "import", str(book), "-o", str(tmp_path / "new.yaml")]) == 2  # was 1
    err = capsys.readouterr().err
    assert "X006" in err and "Traceback" not in err


def _delete_first(sheet: str) -> Callable[[Workbook], str]:
    def change(wb: Workbook) -> str:
        wb[sheet].delete_rows(FIRST_ROW)
        return f"{sheet}!A{FIRST_ROW}"
    return change


ROW_DELETED = [("設定", None), ("効果区分", None), ("改善策", ("「使う」を いいえ", "使う = いいえ")),
               ("進め方カード", None), ("用語集", None)]


@pytest.mark.parametrize(("sheet", "instead"), ROW_DELETED, ids=[s for s, _ in ROW_DELETED])
def test_a_deleted_row_is_named_with_advice_true_for_its_own_sheet(
        tmp_path: Path, sheet: str, instead: tuple[str, str] | None) -> None:
    """X110 told the user of every sheet to switch a measure off with 使う = いいえ; only 改善策 has that column."""
    book, where = edited(tmp_path, _delete_first(sheet))
    with pytest.raises(UserError) as caught:
        qbook.import_questionnaire(book, tmp_path / "new.yaml")
    (problem,) = [p for p in caught.value.problems if p.code == "X110"]
    ja, en = problem.message("ja"), problem.message("en")
    assert problem.params["cell"] == where and problem.params["sheet"] == sheet
    assert ja.startswith(f"{where}: ") and f"（シート「{sheet}」）" in ja and f"(sheet '{sheet}')" in en
    assert "書き出したブックからその行を戻してください" in ja and "restore it from the exported workbook" in en
    if instead is None:
        assert "改善策" not in ja and "使う" not in ja and "measure" not in en, ja
        assert ja.endswith("戻してください。") and en.endswith("exported workbook."), (ja, en)
    else:
        assert instead[0] in ja and instead[1] in en


def test_an_unknown_key_of_the_questionnaire_is_said_to_be_not_in_it(tmp_path: Path) -> None:
    book, where = edited(tmp_path, _rename_key)
    with pytest.raises(UserError) as caught:
        qbook.import_questionnaire(book, tmp_path / "new.yaml")
    (problem,) = [p for p in caught.value.problems if p.code == "X111"]
    assert problem.message("ja").startswith(f"{where}: キー「6」は質問票にありません（シート「効果区分」）")
    assert "is not in the questionnaire (sheet '効果区分')" in problem.message("en")


NUMBER_OUT = [
    ("rate", lambda wb: set_cell(wb, "改善策", "rpa", "削減率", 56), ("削減率は 0.3＝30%", "a rate of 0.3 = 30 %")),
    ("setting", lambda wb: set_cell(wb, "設定", "unit_cost_yen_per_hour", "値", -1), None),
    ("share setting", lambda wb: set_cell(wb, "設定", "pareto_coverage", "値", 1.5), None),
    ("band 1", lambda wb: set_cell(wb, "効果区分", 1, "最小の年間削減時間", 5),
     ("区分1のしきい値は0", "band 1 starts at 0")),
]


@pytest.mark.parametrize(("name", "change", "hint"), NUMBER_OUT, ids=[n[0] for n in NUMBER_OUT])
def test_a_number_out_of_range_gets_the_example_of_its_own_column(
        tmp_path: Path, name: str, change: Callable[[Workbook], str], hint: tuple[str, str] | None) -> None:
    """X107 ended 「（削減率は 0.3＝30%）」 under every number: a unit cost, a band's threshold, a case's hours."""
    book, where = edited(tmp_path, change)
    with pytest.raises(UserError) as caught:
        qbook.import_questionnaire(book, tmp_path / "new.yaml")
    (problem,) = [p for p in caught.value.problems if p.code == "X107"]
    ja, en = problem.message("ja"), problem.message("en")
    assert problem.params["cell"] == where and ja.startswith(f"{where}: ")
    assert f"「{problem.params['column']}」の範囲（{problem.params['minimum']}〜{problem.params['maximum']}）の外" in ja
    if hint is None:
        assert "削減率" not in ja and "rate" not in en and ja.endswith("範囲内の値にしてください。"), (ja, en)
    else:
        assert hint[0] in ja and hint[1] in en

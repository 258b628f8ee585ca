"""The 事例 sheet of the questionnaire workbook: the case catalogue edited in Excel and read back."""

from __future__ import annotations

import datetime as dt
import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any

import openpyxl
import pytest

from app import cli
from app.domain.errors import UserError
from app.exchange.qbook_write import FIRST_ROW, HEADER_ROW
from app.loading.cases_file import loads
from app.loading.loader import load_questionnaire
from app.service import qbook
from tests.report_support import FIXED

EXAMPLES = Path(__file__).resolve().parents[1] / "questionnaires" / "examples"


@pytest.fixture
def catalogue(tmp_path: Path) -> Path:
    out = tmp_path / "cases.yaml"
    assert cli.main(["cases", str(EXAMPLES), "-o", str(out), "--fixed-date", "2026-12-01"]) == 0
    return out


def export(tmp_path: Path, catalogue: Path) -> Path:
    out = tmp_path / "book.xlsx"
    assert cli.main(["questionnaire", "export", "standard", "-o", str(out), "--cases", str(catalogue),
                     "--fixed-date", FIXED.isoformat()]) == 0
    return out


def headers(ws: Any) -> list[object]:
    return [c.value for c in ws[HEADER_ROW]]


def cell(ws: Any, row: int, header: str) -> Any:
    return ws.cell(row, headers(ws).index(header) + 1)


def edited(tmp_path: Path, catalogue: Path, change: Callable[[Any], object]) -> tuple[Path, object]:
    wb = openpyxl.load_workbook(export(tmp_path, catalogue))
    where = change(wb["事例"])
    path = tmp_path / "edited.xlsx"
    wb.save(path)
    return path, where


def test_the_sheet_shows_every_case_with_locked_keys_validation_and_formats(tmp_path: Path, catalogue: Path
                                                                             ) -> None:
    cases = loads(catalogue.read_text("utf-8"))
    wb = openpyxl.load_workbook(export(tmp_path, catalogue))
    assert wb.sheetnames == ["説明", "設定", "効果区分", "改善策", "進め方カード", "事例", "用語集"]
    assert wb["説明"]["B6"].value == str(catalogue.resolve()) and len(wb["説明"]["B7"].value) == 16
    ws = wb["事例"]
    assert headers(ws)[:3] == ["事例キー", "部署", "係"] and "実績（時間/年）" in headers(ws)
    assert ws.cell(HEADER_ROW + 1, 2).value  # what each column takes, under the headings
    rows = range(FIRST_ROW, FIRST_ROW + len(cases))
    assert [ws.cell(r, 1).value for r in rows] == [f"{c.assessment_id} / {c.action_id}" for c in cases]
    first = cases[0]
    assert cell(ws, FIRST_ROW, "部署").value == first.department
    assert cell(ws, FIRST_ROW, "完了日").value == dt.datetime.fromisoformat(first.done_date)  # a date cell
    assert cell(ws, FIRST_ROW, "完了日").number_format == "yyyy/mm/dd"
    assert cell(ws, FIRST_ROW, "実績（時間/年）").number_format == "#,##0.0"
    assert ws.cell(FIRST_ROW, 1).protection.locked and cell(ws, FIRST_ROW, "改善策キー").protection.locked
    q = qbook.resolve_base("standard")
    labels = {str(c.value): c.label.ja for c in q.item(q.scoring.pain_points_item).choices}
    assert first.pains and cell(ws, FIRST_ROW, "困りごと").value == "、".join(labels[p] for p in first.pains)
    assert not cell(ws, FIRST_ROW, "改善後").protection.locked and ws.protection.sheet
    kinds = {(dv.type, dv.operator, dv.formula1, dv.formula2) for dv in ws.data_validations.dataValidation}
    # hours from 0 to the catalogue's limit (was: 0 or more, so Excel let 1e308 through)
    assert ("decimal", "between", "0", "1000000") in kinds and any(k[0] == "date" for k in kinds)
    assert ("textLength", "lessThanOrEqual", "4000", None) in kinds
    assert ws.print_title_rows == "$2:$3" and ws.page_setup.orientation == "landscape"


def test_export_edit_import_changes_the_catalogue_and_keeps_the_rest(tmp_path: Path, catalogue: Path,
                                                                     capsys: pytest.CaptureFixture[str]) -> None:
    before = loads(catalogue.read_text("utf-8"))
    original = catalogue.read_bytes()

    def change(ws: Any) -> None:
        cell(ws, FIRST_ROW, "改善後").value = "窓口で即日交付（編集済み）"
        cell(ws, FIRST_ROW, "実績（時間/年）").value = 200
        cell(ws, FIRST_ROW + 1, "完了日").value = dt.date(2026, 10, 1)
        cell(ws, FIRST_ROW + 1, "コツ").value = None  # cleared: the field goes
        cell(ws, FIRST_ROW + 2, "ひとこと").value = "yes"  # text the safe loader would read as true unquoted
        cell(ws, FIRST_ROW + 2, "題名").value = "2026-04-01"  # … or as a date
    book, _ = edited(tmp_path, catalogue, change)
    new_yaml, new_cases = tmp_path / "new.yaml", tmp_path / "cases-new.yaml"
    assert cli.main(["questionnaire", "import", str(book), "-o", str(new_yaml), "--cases-output",
                     str(new_cases)]) == 0
    assert "事例集: 変更したセル 6" in capsys.readouterr().out
    after = loads(new_cases.read_text("utf-8"))
    assert after[0].after == "窓口で即日交付（編集済み）" and after[0].realised_hours == 200
    assert after[1].done_date == "2026-10-01" and after[1].tips == ""
    assert after[2].comment == "yes" and after[2].title == "2026-04-01"
    assert after[3:] == before[3:] and after[0].key == before[0].key
    assert new_cases.read_text("utf-8").startswith("# 庁内事例集")  # the file's comment survives
    assert catalogue.read_bytes() == original  # the original is never overwritten
    assert load_questionnaire(new_yaml).version == "2.1.0"  # the questionnaire's own version still goes up


def test_an_unchanged_sheet_writes_the_catalogue_byte_for_byte(tmp_path: Path, catalogue: Path) -> None:
    done = qbook.import_questionnaire(export(tmp_path, catalogue), tmp_path / "n.yaml",
                                      cases_output=tmp_path / "c.yaml")
    assert done.case_changes == 0 and (tmp_path / "c.yaml").read_bytes() == catalogue.read_bytes()


def _department_cleared(ws: Any) -> str:
    c = cell(ws, FIRST_ROW + 2, "部署")
    c.value = None
    return f"事例!{c.coordinate}"


def _hours_text(ws: Any) -> str:
    c = cell(ws, FIRST_ROW + 1, "実績（時間/年）")
    c.value = "たくさん"
    return f"事例!{c.coordinate}"


def _negative(ws: Any) -> str:
    c = cell(ws, FIRST_ROW, "見込み（時間/年）")
    c.value = -5
    return f"事例!{c.coordinate}"


def _too_many_hours(ws: Any) -> str:
    c = cell(ws, FIRST_ROW, "実績（時間/年）")
    c.value = 1e308  # was read into the new catalogue
    return f"事例!{c.coordinate}"


def _not_a_date(ws: Any) -> str:
    c = cell(ws, FIRST_ROW, "完了日")
    c.value = "来月"
    return f"事例!{c.coordinate}"


def _too_long(ws: Any) -> str:
    c = cell(ws, FIRST_ROW, "コツ")
    c.value = "長" * 4001
    return f"事例!{c.coordinate}"


def _deleted(ws: Any) -> str:
    ws.delete_rows(FIRST_ROW + 1)
    return f"事例!A{FIRST_ROW + 1}"


def _renamed_key(ws: Any) -> str:
    ws.cell(FIRST_ROW, 1).value = "someone / else"
    return f"事例!A{FIRST_ROW}"


BAD = [("department cleared", _department_cleared, "X116"), ("hours as text", _hours_text, "X106"),
       ("negative hours", _negative, "X107"),
       ("hours beyond any year", _too_many_hours, "X107"), ("not a date", _not_a_date, "X125"),
       ("text too long", _too_long, "X126"),
       ("deleted case row", _deleted, "X110"), ("unknown case key", _renamed_key, "X111")]


@pytest.mark.parametrize(("name", "change", "code"), BAD, ids=[b[0] for b in BAD])
def test_a_bad_case_cell_is_named_and_nothing_is_written(
        tmp_path: Path, catalogue: Path, name: str, change: Callable[[Any], str], code: str,
        capsys: pytest.CaptureFixture[str]) -> None:
    book, where = edited(tmp_path, catalogue, change)
    new_yaml, new_cases = tmp_path / "new.yaml", tmp_path / "cases-new.yaml"
    assert cli.main(["questionnaire", "import", str(book), "-o", str(new_yaml), "--cases-output",
                     str(new_cases)]) == 2
    err = capsys.readouterr().err
    assert f"{code} {where}: " in err, err
    assert "Traceback" not in err and not new_yaml.exists() and not new_cases.exists()
    if name == "hours beyond any year":
        assert "1e+308" in err and "（0〜1,000,000）" in err, err
    if code == "X107":  # the example of a rate stood under every number
        assert "削減率" not in err and "範囲内の値にしてください。" in err, err
    if code == "X110":  # and the advice for a measure under every deleted row
        assert "改善策" not in err and "事例集のファイルからその事例を消して" in err, err
    if code == "X111":  # a case's key is not looked for in the questionnaire
        assert "は事例集にありません（シート「事例」）" in err and "質問票" not in err, err


def test_a_changed_sheet_needs_cases_output_and_a_changed_catalogue_is_refused(tmp_path: Path, catalogue: Path
                                                                               ) -> None:
    book, _ = edited(tmp_path, catalogue, lambda ws: setattr(cell(ws, FIRST_ROW, "ひとこと"), "value", "新しい"))
    with pytest.raises(UserError) as caught:
        qbook.import_questionnaire(book, tmp_path / "new.yaml")
    assert caught.value.code == "X124" and caught.value.problems[0].params["cell"] == "事例!A1"
    assert not (tmp_path / "new.yaml").exists()
    catalogue.write_text(catalogue.read_text("utf-8") + "# 追記\n", "utf-8")  # e.g. `kaizen-check cases` ran again
    with pytest.raises(UserError) as caught:
        qbook.import_questionnaire(book, tmp_path / "new.yaml", cases_output=tmp_path / "c.yaml")
    assert caught.value.code == "X123" and caught.value.problems[0].params["cell"] == "説明!B7"
    moved = tmp_path / "moved"
    moved.mkdir()
    shutil.move(str(catalogue), moved / "cases.yaml")
    with pytest.raises(UserError) as caught:
        qbook.import_questionnaire(book, tmp_path / "new.yaml", cases_output=tmp_path / "c.yaml")
    assert caught.value.code == "X122" and caught.value.problems[0].params["cell"] == "説明!B6"
    assert not (tmp_path / "new.yaml").exists() and not (tmp_path / "c.yaml").exists()


def test_the_catalogue_output_may_not_be_an_input_or_the_questionnaire_output(tmp_path: Path, catalogue: Path
                                                                              ) -> None:
    book = export(tmp_path, catalogue)
    with pytest.raises(UserError) as caught:
        qbook.import_questionnaire(book, tmp_path / "new.yaml", cases_output=catalogue)
    assert caught.value.code == "S013"
    with pytest.raises(UserError) as caught:
        qbook.import_questionnaire(book, tmp_path / "new.yaml", cases_output=tmp_path / "new.yaml")
    assert caught.value.code == "S013"


def test_a_questionnaire_from_a_pack_brings_its_catalogue(tmp_path: Path, catalogue: Path,
                                                          monkeypatch: pytest.MonkeyPatch) -> None:
    from app import resources
    from app.service import core, pack

    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg"))
    folder = tmp_path / "src"
    folder.mkdir()
    shutil.copy(Path(qbook.resolve_base("standard").source), folder / "standard.yaml")
    built = pack.build(folder, tmp_path / "p.kaizenpack", cases=catalogue,
                       options={"id": "city-pack", "version": "1.0.0", "issuer": "行政改革推進課"})
    pack.install(built)
    core.clear_cache()
    q = qbook.resolve_base("standard")
    assert resources.user_packs_dir() in Path(q.source).parents
    assert qbook.catalogue_of(q) == resources.user_packs_dir() / "city-pack" / "cases.yaml"
    out = tmp_path / "pack-book.xlsx"
    qbook.export_questionnaire("standard", out)
    assert "事例" in openpyxl.load_workbook(out).sheetnames
    plain = tmp_path / "plain.xlsx"
    qbook.export_questionnaire(folder / "standard.yaml", plain)  # not from a pack, no --cases: no 事例 sheet
    assert "事例" not in openpyxl.load_workbook(plain).sheetnames


def test_a_catalogue_not_in_utf8_is_placed_by_line_and_column(tmp_path: Path, catalogue: Path) -> None:
    lines = catalogue.read_text(encoding="utf-8").splitlines(keepends=True)
    n = next(i for i, line in enumerate(lines) if "title:" in line)
    head, _, tail = lines[n].partition("title:")
    bad = tmp_path / "sjis.yaml"
    bad.write_bytes("".join(lines[:n]).encode() + f"{head}title: 区".encode("cp932") + tail.encode())
    with pytest.raises(UserError) as info:
        qbook.case_book(bad)
    (problem,) = info.value.problems
    assert (problem.code, problem.line, problem.column) == ("Q004", n + 1, len(head) + 8)

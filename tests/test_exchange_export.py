"""Exports to .xlsx and .csv: what Excel shows, what re-imports, and that nothing typed becomes a formula."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import openpyxl
import pytest

from app import resources, service
from app.cli import main

EXAMPLE = Path(__file__).resolve().parents[1] / "questionnaires" / "examples" / "example_kosodate.kaizen.json"


@pytest.fixture(autouse=True)
def no_saved_mapping(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(resources, "user_config_dir", lambda: tmp_path / "config")


def test_xlsx_has_three_sheets_and_reimports_the_same_tasks(tmp_path: Path) -> None:
    opened = service.open_assessment(EXAMPLE)
    q, a = opened.questionnaire, opened.assessment
    out = service.export_xlsx(q, a, tmp_path / "out.xlsx")
    wb = openpyxl.load_workbook(out)
    assert wb.sheetnames == ["業務一覧", "改善策", "行動計画"]
    actions = wb["行動計画"]
    heads = [c.value for c in actions[1]]
    titles = [r[heads.index("何をするか")] for r in actions.iter_rows(min_row=2, values_only=True)]
    assert titles and all(titles)  # every example action says what will be done
    done = [r for r in actions.iter_rows(min_row=2, values_only=True) if r[heads.index("状況")] == "完了"]
    assert len(done) == sum(1 for x in a.actions if x.status == "done")
    assert sum(r[heads.index("削減できた時間（時間/年）")] for r in done) == pytest.approx(
        sum(x.realised_hours or 0 for x in a.actions if x.status == "done"))
    # round trip: the task sheet maps itself and gives back the same answers
    back = service.new_assessment(q)
    service.import_tasks(q, back, out)
    assert [t.answers for t in back.tasks] == [t.answers for t in a.tasks]


def test_csv_is_utf8_with_bom_and_crlf(tmp_path: Path) -> None:
    opened = service.open_assessment(EXAMPLE)
    out = service.export_csv(opened.questionnaire, opened.assessment, tmp_path / "tasks.csv")
    raw = out.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    assert b"\r\n" in raw
    rows = list(csv.reader(io.StringIO(raw.decode("utf-8-sig"))))
    assert rows[0][0] == "業務名"
    assert len(rows) == 1 + len(opened.assessment.tasks)
    assert rows[1][0] == opened.assessment.tasks[0].name


@pytest.mark.parametrize("table", ["measures", "actions"])
def test_csv_other_tables(tmp_path: Path, table: str) -> None:
    opened = service.open_assessment(EXAMPLE)
    out = service.export_csv(opened.questionnaire, opened.assessment, tmp_path / f"{table}.csv", table=table)
    rows = list(csv.reader(io.StringIO(out.read_bytes().decode("utf-8-sig"))))
    expected = len(opened.assessment.actions) if table == "actions" else len(service.score(
        opened.questionnaire, opened.assessment).measures)
    assert len(rows) == 1 + expected


def test_typed_formulas_stay_text(tmp_path: Path) -> None:
    opened = service.open_assessment(EXAMPLE)
    q, a = opened.questionnaire, opened.assessment
    a.tasks[0].answers["name"] = "=HYPERLINK(\"http://example.invalid\",\"x\")"
    a.tasks[1].answers["name"] = "-再交付"
    out = service.export_xlsx(q, a, tmp_path / "f.xlsx")
    ws = openpyxl.load_workbook(out)["業務一覧"]
    assert ws["A2"].data_type == "s" and ws["A2"].value.startswith("=HYPERLINK")
    assert ws["A3"].data_type == "s"
    text = service.export_csv(q, a, tmp_path / "f.csv").read_bytes().decode("utf-8-sig")
    assert "'=HYPERLINK" in text and "'-再交付" in text


def test_cli_export_and_import(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    xlsx = tmp_path / "tasks.xlsx"
    assert main(["export", str(EXAMPLE), "-o", str(xlsx)]) == 0
    target = tmp_path / "new.kaizen.json"
    assert main(["import", str(xlsx), "--into", str(target), "--department", "テスト課"]) == 0
    opened = service.open_assessment(target)
    assert opened.assessment.info["department"] == "テスト課"
    assert len(opened.assessment.tasks) == len(service.open_assessment(EXAMPLE).assessment.tasks)
    assert main(["import", str(xlsx), "--into", str(target), "--map", "name=Z"]) == 2
    assert "X003" in capsys.readouterr().err


def test_summary_xlsx_and_csv(tmp_path: Path) -> None:
    summary = service.aggregate_files([EXAMPLE.parent])
    written = service.write_summary(summary, csv=tmp_path / "s.csv", xlsx=tmp_path / "s.xlsx")
    assert [p.name for p in written] == ["s.csv", "s.xlsx"]
    wb = openpyxl.load_workbook(tmp_path / "s.xlsx")
    assert wb.sheetnames == ["部署別", "部署（課）別の計", "共通の課題", "全庁的な提案", "共同調達の候補",
                             "削減率の検証", "集計から外したファイル", "読めなかったファイル"]
    rows = list(wb["部署別"].iter_rows(min_row=2, values_only=True))
    assert rows[-1][0] == "全体"
    assert rows[-1][8] == pytest.approx(sum(r[8] for r in rows[:-1]), abs=0.1 * len(rows))
    lines = (tmp_path / "s.csv").read_bytes().decode("utf-8-sig").splitlines()
    assert len(lines) == len(summary.departments) + 2

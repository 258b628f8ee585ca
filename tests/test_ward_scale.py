"""A whole city: 300 departments give a complete ward summary (PDF, CSV, XLSX), exact and consistently rounded."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import re
import sys
from pathlib import Path
from typing import Any

import openpyxl
import pytest

from app import service
from app.cli import main
from app.domain.values import round_half_up
from app.report.formats import fixed, number
from app.report.summary import marks
from app.report.summary_chart import MAX_CHART_ROWS, chart_rows
from tests.report_support import page_texts, squash

sys.path.insert(0, str(Path(__file__).parent / "data"))
from make_ward import make_ward, ward_files

DAY = dt.date(2027, 3, 1)
N = 300


def hours(task: dict[str, Any]) -> float:
    a = task["answers"]
    return a.get("annual_cases", 0) * a.get("minutes_per_case", 0) / 60 + a.get("fixed_hours", 0)


@pytest.fixture(scope="module")
def ward(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("ward")
    make_ward(folder, N)
    return folder


@pytest.fixture(scope="module")
def summary(ward: Path) -> Any:
    return service.aggregate_files([ward], DAY)


@pytest.fixture(scope="module")
def outputs(ward: Path, tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    out = tmp_path_factory.mktemp("out")
    paths = {"pdf": out / "ward.pdf", "csv": out / "ward.csv", "xlsx": out / "ward.xlsx"}
    code = main(["aggregate", str(ward), "-o", str(paths["pdf"]), "--csv", str(paths["csv"]), "--xlsx",
                 str(paths["xlsx"]), "--fixed-date", DAY.isoformat()])
    assert code == 0
    return paths


def test_the_generated_ward_has_300_distinct_departments() -> None:
    files = ward_files(N)
    assert len({d["info"]["department"] for _, d in files}) == N
    assert len(files) > N  # some departments have two sections


def test_300_departments_give_a_complete_pdf(outputs: dict[str, Path], summary: Any) -> None:
    pages = page_texts(outputs["pdf"].read_bytes())
    assert len(pages) > 5
    text = squash("".join(pages))
    for d in summary.by_department():  # every department is in the table (names may wrap, so no spaces)
        assert squash(d.department) in text
    assert squash(f"{N}部署") in text
    assert "注意事項" in text and "多くの部署に共通する課題" in text
    # rounding: the total line prints the same 0.1 h figure as the CSV, and nothing is 'about' to the yen
    assert fixed(summary.total("inventory_hours")) in text
    assert not re.search(r"約[0-9,]", text)  # (契約課 has the character too: only 'about <figure>' is wrong)
    assert squash(f"{number(summary.total('potential_yen'), 0)}円") in text


def test_the_csv_names_every_department_and_sums_exactly(outputs: dict[str, Path], ward: Path) -> None:
    rows = list(csv.reader(io.StringIO(outputs["csv"].read_text("utf-8-sig"))))
    head, body, total = rows[0], rows[1:-1], rows[-1]
    raw = [json.loads(p.read_text("utf-8")) for p in sorted(ward.glob("*.json"))]
    assert len(body) == len(raw)
    assert {r[0] for r in body} == {d["info"]["department"] for d in raw}
    col = head.index("棚卸し時間（時間）")
    expected = sum(hours(t) for d in raw for t in d["tasks"])
    assert float(total[col]) == round_half_up(expected, 1)
    realised = sum(x["realised_hours"] for d in raw for x in d["actions"]
                   if x["realised_hours"] is not None and x["status"] != "cancelled")
    assert float(total[head.index("実績（時間）")]) == round_half_up(realised, 1)


def test_the_xlsx_has_the_department_sums_and_every_file(outputs: dict[str, Path], summary: Any) -> None:
    book = openpyxl.load_workbook(outputs["xlsx"], read_only=True)
    by_dept = list(book[book.sheetnames[1]].iter_rows(values_only=True))
    assert len(by_dept) - 1 == N
    two = [r for r in by_dept[1:] if r[1] == 2]
    assert two and all("、" in r[2] for r in two)
    inv = sum(r[4] for r in by_dept[1:])
    assert inv == pytest.approx(summary.total("inventory_hours"), abs=0.05 * N)


def test_the_chart_shows_the_top_departments_and_the_rest(summary: Any) -> None:
    rows = chart_rows(summary, "ja")
    assert len(rows) == MAX_CHART_ROWS + 1 and rows[-1].rest
    assert rows[-1].label == f"ほか{N - MAX_CHART_ROWS}部署"
    assert sum(r.potential for r in rows) == pytest.approx(summary.total("potential_hours"))
    tops = [r.potential for r in rows[:-1]]
    assert tops == sorted(tops, reverse=True)
    assert min(tops) >= max(d.total("potential_hours") for d in summary.by_department()
                            if d.department not in {r.label for r in rows})


def test_text_bars_stay_short_for_many_departments() -> None:
    assert marks(2, 4) == "■■□□"
    assert len(marks(150, 300)) == 10 and marks(150, 300).count("■") == 5
    assert marks(1, 300).count("■") == 1  # one department still shows
    assert marks(0, 300) == "□" * 10


def test_group_sums_say_they_overlap(summary: Any, outputs: dict[str, Path]) -> None:
    assert summary.groups
    distinct = summary.distinct_proposal_hours()
    assert distinct < sum(g.potential_hours for g in summary.groups)  # the groups share proposals
    all_entries = {(e.department, e.section, e.task_id, e.measure_id): e.potential_hours
                   for g in summary.groups for e in g.entries}
    assert distinct == pytest.approx(sum(all_entries.values()))
    text = squash("".join(page_texts(outputs["pdf"].read_bytes())))
    assert squash("重複を除いた合計") in text and fixed(distinct) in text


def test_the_command_line_names_each_section(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    # a department with two sections was printed twice under the same name with different hours
    make_ward(tmp_path / "ward", 8)
    assert main(["aggregate", str(tmp_path / "ward"), "-o", str(tmp_path / "s.pdf")]) == 0
    lines = [x for x in capsys.readouterr().out.splitlines() if "ポテンシャル" in x]
    names = [x.split(":")[0] for x in lines]
    assert len(names) == len(set(names)) == 9  # 8 departments, one with two sections
    assert all(re.fullmatch(r".+（.+係）", n) for n in names), names

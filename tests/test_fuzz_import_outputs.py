"""Fuzzing the spreadsheet import and the command line's output paths: only user errors, no input ever changed."""

from __future__ import annotations

import csv
import io
import json
import os
import tempfile
from pathlib import Path
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from app import service
from app.cli import main
from app.exchange.bounds import column_letter
from app.exchange.reader import read_grid
from app.service.core import new_assessment
from tests.fuzz_support import FUZZ, examples, only_user_errors
from tests.helpers import EXAMPLE, ROOT, standard
from tests.test_exchange_bounds import workbook

Q = standard()
SHEET = (ROOT / "tests" / "data" / "gyomuryo_chosa.xlsx").read_bytes()
HEADINGS = ["業務名", "年間件数", "1件あたりの処理時間（分）", "担当人数", "業務区分", "繁忙期", "小計", "No.", ""]
cell = st.one_of(st.sampled_from(HEADINGS), st.text(max_size=20), st.integers(-10**6, 10**6),
                 st.floats(allow_nan=True, allow_infinity=True).map(str),
                 st.sampled_from(["１，２００", "15分", "3月、4月", "○", "=SUM(A1)", "\x00", "\"", "a,b", "x\ny",
                                  "【窓口業務】", "合計", "9" * 400, "1e308", "たくさん"]))
grid = st.lists(st.lists(cell, max_size=8), min_size=1, max_size=12)


def _import(path: Path) -> None:
    a = new_assessment(Q)
    result = only_user_errors(service.import_tasks, Q, a, path)
    if result is not None:
        assert len(a.tasks) == len(result.tasks)
        service.score_json(Q, a)  # whatever was imported can be scored


@settings(FUZZ, max_examples=examples(300))
@given(grid, st.sampled_from(["utf-8-sig", "utf-8", "cp932"]), st.sampled_from([",", "\t"]))
def test_any_csv_imports_or_is_a_user_error(rows: list[list[Any]], encoding: str, delimiter: str) -> None:
    buffer = io.StringIO()
    csv.writer(buffer, delimiter=delimiter).writerows([["業務名", "年間件数"], *rows])
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "sheet.csv"
        path.write_bytes(buffer.getvalue().encode(encoding, "replace"))
        _import(path)


@settings(FUZZ, max_examples=examples(300))
@given(st.lists(st.tuples(st.integers(0, len(SHEET) - 1), st.binary(max_size=6), st.integers(0, 6)),
                min_size=1, max_size=4))
def test_a_mutated_workbook_reads_or_is_a_user_error(edits: list[tuple[int, bytes, int]]) -> None:
    raw = bytearray(SHEET)
    for pos, insert, delete in edits:
        raw[pos:pos + delete] = insert
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "sheet.xlsx"
        path.write_bytes(bytes(raw))
        only_user_errors(read_grid, path)


coordinate = st.tuples(st.one_of(st.integers(0, 12), st.integers(0, 16_383)),
                       st.one_of(st.integers(1, 30), st.integers(1, 1_048_576)))


@settings(FUZZ, max_examples=examples(150))
@given(st.lists(st.tuples(coordinate, cell), max_size=12),
       st.lists(st.tuples(coordinate, coordinate), max_size=4))
def test_a_hand_written_sheet_anywhere_in_excels_range(cells: list[tuple[tuple[int, int], Any]],
                                                       merges: list[tuple[tuple[int, int], tuple[int, int]]]) -> None:
    by_row: dict[int, dict[int, Any]] = {1: {0: "業務名", 1: "年間件数"}}
    for (col, row), value in cells:
        by_row.setdefault(row, {})[col] = value
    xml = "".join(
        f'<row r="{r}">' + "".join(_cell(f"{column_letter(c)}{r}", v) for c, v in sorted(cols.items())) + "</row>"
        for r, cols in sorted(by_row.items()))
    refs = [f"{column_letter(min(a[0], b[0]))}{min(a[1], b[1])}:{column_letter(max(a[0], b[0]))}{max(a[1], b[1])}"
            for a, b in merges]
    with tempfile.TemporaryDirectory() as folder:
        path = workbook(Path(folder), rows=xml, merges=refs)
        only_user_errors(read_grid, path)
        _import(path)


def _cell(ref: str, value: Any) -> str:
    if isinstance(value, int):
        return f'<c r="{ref}"><v>{value}</v></c>'
    text = str(value).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    text = "".join(ch for ch in text if ch in "\t\n" or ord(ch) >= 32)  # XML 1.0 has no other control characters
    return f'<c r="{ref}" t="inlineStr"><is><t>{text}</t></is></c>'


# --- the command line's outputs ------------------------------------------------------------------------
name = st.one_of(st.sampled_from(["in", "IN", "plan", "計画 (2)", "a.b", ".hidden", "in.kaizen"]),
                 st.text(alphabet="abcあ漢 _-.", min_size=1, max_size=12).filter(lambda s: s not in (".", "..")))
suffix = st.sampled_from(["", ".pdf", ".PDF", ".xlsx", ".csv", ".json", ".kaizen.json", ".txt", ".pdf.json", ".bak"])
spelling = st.sampled_from(["new", "same", "dotted", "symlink", "hardlink"])
COMMANDS = [["report", "{in}", "-o", "{out}"], ["export", "{in}", "-o", "{out}"],
            ["story", "{in}", "--action", "a1", "-o", "{out}"], ["aggregate", "{in}", "--csv", "{out}"],
            ["aggregate", "{in}", "-o", "{out}"], ["import", "{sheet}", "--into", "{out}"]]


@settings(FUZZ, max_examples=examples(60))
@given(st.sampled_from(COMMANDS), name, suffix, spelling, st.sampled_from([".kaizen.json", ".pdf", ".csv", ".xlsx"]))
def test_no_output_path_exits_1_or_changes_an_input(template: list[str], stem: str, ext: str, how: str,
                                                    input_suffix: str) -> None:
    data = json.loads(EXAMPLE.read_text(encoding="utf-8"))
    data["actions"][0].update(status="done", realised_hours=10, done_date="2026-12-01")
    with tempfile.TemporaryDirectory() as folder:
        base = Path(folder)
        (base / "sub").mkdir()
        source = base / f"in{input_suffix}"
        source.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
        sheet = base / "sheet.csv"
        sheet.write_text("業務名,年間件数\n窓口,10\n", encoding="utf-8")
        inputs = {p: p.read_bytes() for p in (source, sheet)}
        given = sheet if template[0] == "import" else source  # the input the output could destroy
        target = given if how != "new" else base / f"{stem}{ext}"
        if how == "dotted":
            target = base / "sub" / ".." / target.name
        elif how in ("symlink", "hardlink"):
            link = base / f"link{ext}"
            (link.symlink_to if how == "symlink" else lambda t: os.link(t, link))(target)
            target = link
        argv = [x.replace("{in}", str(source)).replace("{out}", str(target)).replace("{sheet}", str(sheet))
                for x in template]
        assert main(argv) in (0, 2), argv
        for path, before in inputs.items():
            if template[0] == "import" and path == source and source.resolve() == target.resolve():
                continue  # `import --into` appends to that assessment by design (with a .bak); its input is the sheet
            assert path.read_bytes() == before, (argv, path)

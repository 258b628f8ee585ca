"""Hostile spreadsheets are refused with an X-code, in bounded memory; a sheet past the row cap is never cut.

The workbooks are written by hand (zipfile + sheet XML), as an attacker or a broken exporter would.
"""

from __future__ import annotations

import csv
import io
import tracemalloc
import zipfile
from pathlib import Path
from typing import Any

import pytest

from app.cli import main
from app.domain.errors import UserError
from app.exchange import bounds
from app.exchange.reader import read_grid

MEMORY_LIMIT = 150 * 1024 * 1024  # the largest refusal below needs a few MB; 9 GB was the bug
_NS = 'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"'
_PARTS = {
    "[Content_Types].xml": '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/'
    'package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.'
    'relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/'
    'workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
    '<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.'
    'spreadsheetml.worksheet+xml"/></Types>',
    "_rels/.rels": '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/'
    'package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/'
    '2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>',
    "xl/workbook.xml": f'<?xml version="1.0" encoding="UTF-8"?><workbook {_NS} xmlns:r="http://schemas.'
    'openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="調査票" sheetId="1" r:id="rId1"/>'
    '</sheets></workbook>',
    "xl/_rels/workbook.xml.rels": '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.'
    'openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.'
    'org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>',
}
HEADER = ('<row r="1"><c r="A1" t="inlineStr"><is><t>業務名</t></is></c><c r="B1" t="inlineStr"><is><t>年間件数</t>'
          '</is></c></row><row r="2"><c r="A2" t="inlineStr"><is><t>窓口</t></is></c><c r="B2"><v>10</v></c></row>')


def workbook(tmp_path: Path, rows: str = HEADER, merges: list[str] | None = None, dimension: str = "A1:B2",
             extra: dict[str, tuple[bytes, int]] | None = None) -> Path:
    """An .xlsx with one sheet holding ``rows`` (sheetData XML) and ``merges``."""
    merged = "" if not merges else \
        f'<mergeCells count="{len(merges)}">' + "".join(f'<mergeCell ref="{m}"/>' for m in merges) + "</mergeCells>"
    sheet = (f'<?xml version="1.0" encoding="UTF-8"?><worksheet {_NS}><dimension ref="{dimension}"/>'
             f"<sheetData>{rows}</sheetData>{merged}</worksheet>")
    path = tmp_path / "hostile.xlsx"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        for name, text in _PARTS.items():
            z.writestr(name, text)
        z.writestr("xl/worksheets/sheet1.xml", sheet)
        for name, (chunk, times) in (extra or {}).items():
            with z.open(name, "w", force_zip64=True) as part:  # streamed: the test itself stays small
                for _ in range(times):
                    part.write(chunk)
    return path


def _refused(path: Path) -> tuple[str, str]:
    """The code and message of the refusal, with the peak memory of reading checked."""
    tracemalloc.start()
    try:
        with pytest.raises(UserError) as err:
            read_grid(path)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert peak < MEMORY_LIMIT, f"{peak:,} bytes"
    return err.value.code, err.value.problems[0].message("ja")


def test_a_hand_written_workbook_reads(tmp_path: Path) -> None:
    grid = read_grid(workbook(tmp_path))
    assert grid.rows == [["業務名", "年間件数"], ["窓口", 10]] and grid.sheet == "調査票"


FAR = bounds.column_letter(bounds.MAX_COLUMNS)  # the first column past the bound


def _big_rows(count: int) -> str:
    return HEADER + "".join(f'<row r="{n}"><c r="A{n}" t="inlineStr"><is><t>業務{n}</t></is></c><c r="B{n}">'
                            f"<v>{n}</v></c></row>" for n in range(3, count + 1))


@pytest.mark.parametrize(("name", "kwargs", "code", "shown"), [
    ("one cell at XFD1048576", {"rows": HEADER + '<row r="1048576"><c r="XFD1048576"><v>1</v></c></row>',
                                "dimension": "A1:XFD1048576"}, "X010", "XFD1048576"),
    ("a value far right", {"rows": HEADER + f'<row r="3"><c r="A3"><v>1</v></c><c r="{FAR}3"><v>1</v></c></row>'},
     "X010", f"{FAR}3"),
    ("a value at row 1048576", {"rows": HEADER + '<row r="1048576"><c r="A1048576"><v>1</v></c></row>'},
     "X009", "1,048,576行"),
    ("a merged range to XFD1048576", {"merges": ["A1:XFD1048576"]}, "X011", "A1:XFD1048576"),
    ("a merged range down the sheet", {"merges": ["A2:A1048576"]}, "X011", "A2:A1048576"),
    ("too many merged ranges", {"merges": [f"C{n}:D{n}" for n in range(1, bounds.MAX_MERGED + 2)]}, "X011",
     f"{bounds.MAX_MERGED:,}"),
    ("rows past the cap", {"rows": _big_rows(bounds.MAX_ROWS + 5)}, "X009", f"{bounds.MAX_ROWS + 5:,}行"),
    ("a zip bomb", {"extra": {"xl/media/bomb.bin": (b"\0" * 1024 * 1024, 300)}}, "X012", "bytes unpacked"),
    ("a part packed 1000:1", {"extra": {"xl/sharedStrings2.xml": (b"a" * 1024 * 1024, 20)}}, "X012", ":1"),
])
def test_hostile_workbooks_are_refused_in_bounded_memory(tmp_path: Path, name: str, kwargs: dict[str, object],
                                                        code: str, shown: str) -> None:
    path = workbook(tmp_path, **kwargs)  # type: ignore[arg-type]
    assert path.stat().st_size < 3 * 1024 * 1024, "small on disk"
    found, message = _refused(path)
    assert found == code and shown in message, (found, message)


def test_a_sheet_past_the_row_cap_is_refused_with_its_count_on_the_command_line(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    sheet = tmp_path / "many.csv"
    sheet.write_text("業務名,年間件数\n" + "".join(f"業務{n},{n}\n" for n in range(100_000)), encoding="utf-8")
    into = tmp_path / "a.kaizen.json"
    assert main(["import", str(sheet), "--into", str(into)]) == 2
    err = capsys.readouterr().err
    assert "X009" in err and "100,001行" in err and f"上限{bounds.MAX_ROWS:,}行" in err
    assert not into.exists()


def test_rows_at_the_cap_are_all_read(tmp_path: Path) -> None:
    sheet = tmp_path / "cap.csv"
    sheet.write_text("業務名,年間件数\n" + "".join(f"業務{n},{n}\n" for n in range(bounds.MAX_ROWS - 1)),
                     encoding="utf-8")
    assert len(read_grid(sheet).rows) == bounds.MAX_ROWS
    path = workbook(tmp_path, rows=_big_rows(bounds.MAX_ROWS))
    assert len(read_grid(path).rows) == bounds.MAX_ROWS


def test_blank_formatted_rows_below_the_data_do_not_count(tmp_path: Path) -> None:
    styled = HEADER + '<row r="900000"><c r="A900000" s="0"/></row>'
    assert read_grid(workbook(tmp_path, rows=styled, dimension="A1:B900000")).rows[-1] == ["窓口", 10]


@pytest.mark.parametrize(("content", "code"), [
    ("業務名,年間件数\n" + '"' + "長" * (csv.field_size_limit() + 1) + '",1\n', "X013"),
    ("業務名" + ",x" * (bounds.MAX_COLUMNS + 1) + "\n", "X010"),
])
def test_csv_problems_are_user_errors(tmp_path: Path, capsys: pytest.CaptureFixture[str], content: str,
                                      code: str) -> None:
    sheet = tmp_path / "bad.csv"
    sheet.write_text(content, encoding="utf-8")
    assert main(["import", str(sheet), "--into", str(tmp_path / "a.kaizen.json")]) == 2
    err = capsys.readouterr().err
    assert code in err and "Traceback" not in err


def test_merged_cells_inside_the_bounds_are_still_filled(tmp_path: Path) -> None:
    rows = HEADER + '<row r="3"><c r="A3" t="inlineStr"><is><t>証明</t></is></c><c r="B3"><v>5</v></c></row>'
    grid = read_grid(workbook(tmp_path, rows=rows, merges=["B2:B3", "A1:A1", "C1:Z9"]))
    assert grid.rows[2] == ["証明", 10]  # B3 takes B2's value; C1:Z9 lies beyond every value and fills nothing


def test_a_damaged_archive_is_x006(tmp_path: Path) -> None:
    path = tmp_path / "cut.xlsx"
    whole = workbook(tmp_path).read_bytes()
    path.write_bytes(whole[: len(whole) // 2])
    assert _refused(path)[0] == "X006"
    path.write_bytes(io.BytesIO(b"PK\x03\x04 not really").getvalue())
    assert _refused(path)[0] == "X006"


def _with_strings(tmp_path: Path, strings: str, rows: str) -> Path:
    """A workbook whose sheet ``rows`` refer to the shared-string table ``strings`` (the ``<si>`` elements)."""
    path = workbook(tmp_path, rows=rows)
    parts = {**_PARTS}
    parts["[Content_Types].xml"] = parts["[Content_Types].xml"].replace(
        "</Types>", '<Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-'
                    'officedocument.spreadsheetml.sharedStrings+xml"/></Types>')
    parts["xl/_rels/workbook.xml.rels"] = parts["xl/_rels/workbook.xml.rels"].replace(
        "</Relationships>", '<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
                            'relationships/sharedStrings" Target="sharedStrings.xml"/></Relationships>')
    with zipfile.ZipFile(path) as z:
        sheet = z.read("xl/worksheets/sheet1.xml")
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        for name, text in parts.items():
            z.writestr(name, text)
        z.writestr("xl/worksheets/sheet1.xml", sheet)
        z.writestr("xl/sharedStrings.xml", f'<?xml version="1.0" encoding="UTF-8"?><sst {_NS}>{strings}</sst>')
    return path


def test_shared_strings_read_as_openpyxl_reads_them_and_are_bounded(tmp_path: Path,
                                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    strings = ('<si><t>業務名</t></si><si><r><t>年間</t></r><r><rPr><b/></rPr><t>件数</t></r></si>'
               '<si><t>窓口</t><rPh sb="0" eb="2"><t>マドグチ</t></rPh></si><si><t/></si><si><t>a_x005F_b</t></si>')
    rows = ('<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c></row>'
            '<row r="2"><c r="A2" t="s"><v>2</v></c><c r="B2"><v>10</v></c><c r="C2" t="s"><v>4</v></c></row>')
    path = _with_strings(tmp_path, strings, rows)
    from openpyxl.reader.strings import read_string_table
    with zipfile.ZipFile(path) as z, z.open("xl/sharedStrings.xml") as a, z.open("xl/sharedStrings.xml") as b:
        assert bounds.shared_strings(a, "sst", "book") == list(read_string_table(b))  # openpyxl's own reading
    assert read_grid(path).rows == [["業務名", "年間件数", None], ["窓口", 10, "a_b"]]
    monkeypatch.setattr(bounds, "MAX_SHARED_STRINGS", 1000)  # 2,000,000 texts took 40 s, 5,000,000 minutes
    code, message = _refused(_with_strings(tmp_path, "<si><t>x</t></si>" * 1001, rows))
    assert code == "X015" and "xl/sharedStrings.xml" in message and "1,001+" in message, message


@pytest.mark.parametrize(("name", "rows", "shown"), [
    # openpyxl keeps each element it does not know under its parent: 6,000,000 of them took 2.4 GB
    ("unknown elements between the rows", HEADER + "".join(f'<x a="{n}"/>' for n in range(600_000)), None),
    ("unknown elements inside a row", HEADER + '<row r="3">' + "<x/>" * (bounds.MAX_HELD + 1) + "</row>",
     "elements at once"),
    ("elements nested past the cap", HEADER + "<x>" * (bounds.MAX_NESTED + 1) + "</x>" * (bounds.MAX_NESTED + 1),
     "levels"),
])
def test_sheet_xml_of_any_shape_is_read_in_bounded_memory(tmp_path: Path, name: str, rows: str,
                                                          shown: str | None) -> None:
    path = workbook(tmp_path, rows=rows)
    if shown is None:
        tracemalloc.start()
        try:
            grid = read_grid(path)
            peak = tracemalloc.get_traced_memory()[1]
        finally:
            tracemalloc.stop()
        assert grid.rows == [["業務名", "年間件数"], ["窓口", 10]]
        assert peak < 50 * 1024 * 1024, f"{peak:,} bytes"
    else:
        code, message = _refused(path)
        assert code == "X015" and "調査票" in message and shown in message, message


@pytest.mark.parametrize("part", ["sheet", "strings"])
def test_a_part_with_too_many_elements_is_refused_before_it_is_parsed(tmp_path: Path, part: str,
                                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    # parsing a crafted sheet to its element limit (6,180,000) took over 20 s; counting its tags takes a second
    monkeypatch.setattr(bounds, "MAX_ELEMENTS", 5_000)
    parsed: list[str] = []
    real = bounds.elements

    def spy(source: Any, part_name: str, *args: Any, **kwargs: Any) -> Any:
        parsed.append(part_name)
        return real(source, part_name, *args, **kwargs)

    monkeypatch.setattr(bounds, "elements", spy)
    crafted = "<!-- a comment --><x/><?pi x?>" + "".join(f'<x a="{n}"/>' for n in range(5_001))
    if part == "sheet":
        path = workbook(tmp_path, rows=HEADER + crafted)
        shown = "調査票"
    else:
        path = _with_strings(tmp_path, f"<si><t>x</t></si>{crafted}", HEADER)
        shown = "xl/sharedStrings.xml"
    code, message = _refused(path)
    assert code == "X015" and shown in message and "elements > 5,000" in message, message
    assert parsed == [], "refused before any element was parsed"
    monkeypatch.setattr(bounds, "MAX_ELEMENTS", 5_100)  # at the limit exactly: read as before
    assert read_grid(workbook(tmp_path, rows=HEADER + "<x/>" * 5_000)).rows == [["業務名", "年間件数"], ["窓口", 10]]


# Rows past the cap are only counted (X009) and measured (X010), by a quick path that reads no value; each
# shape of row below must give what openpyxl's full parser gives: whether it holds a value, and its last column.
_PAST = bounds.MAX_ROWS + 1
_PAST_ROWS = [
    # (row XML past the cap, the row that makes the sheet too long or None, the last column or None)
    (f'<row r="{_PAST}"><c r="A{_PAST}" s="1"/><c r="B{_PAST}" s="2"><v></v></c></row>', None, None),
    (f'<row r="{_PAST}"><c r="B{_PAST}" t="str"><f>""</f><v></v></c></row>', None, None),  # an empty-text result
    (f'<row r="{_PAST}"><c r="C{_PAST}"><f>1+1</f><v /></c></row>', _PAST, None),  # a formula without a result
    (f'<row r="{_PAST}"><c r="D{_PAST}" t="inlineStr"><is><t></t></is></c></row>', _PAST, None),
    ('<row><c><v>1</v></c><c/><c><v>2</v></c></row>', _PAST, None),  # no references: counted by position
    (f'<row r="{_PAST + 7}"><c r="A{_PAST + 7}"><v>0</v></c></row>', _PAST + 7, None),
    (f'<row r="{_PAST}"><c r="A{_PAST}"><v>1</v></c><c r="{FAR}{_PAST}"><v>1</v></c></row>', None, f"{FAR}{_PAST}"),
    (f'<row r="{_PAST}"><c r="{FAR}{_PAST}" s="3"/></row>', None, None),  # a styled cell far right holds nothing
    (f'<row r="{_PAST}.0"><c r="A{_PAST}"><v>1</v></c></row>', _PAST, None),  # unusual: the full parser reads it
]


@pytest.mark.parametrize(("row", "too_long", "too_wide"), _PAST_ROWS)
def test_rows_past_the_cap_are_judged_as_the_full_parser_would(tmp_path: Path, row: str, too_long: int | None,
                                                               too_wide: str | None) -> None:
    rows = _big_rows(bounds.MAX_ROWS) + row
    if too_long is None and too_wide is None:
        assert len(read_grid(workbook(tmp_path, rows=rows)).rows) == bounds.MAX_ROWS
        return
    code, message = _refused(workbook(tmp_path, rows=rows))
    assert (code, message) == (("X009", message) if too_long else ("X010", message))
    assert (f"{too_long:,}行" if too_long else too_wide) in message


def test_quick_row_extent_agrees_with_openpyxls_parser() -> None:
    from xml.etree import ElementTree

    from openpyxl.worksheet._reader import WorkSheetParser

    from app.exchange.reader import _extent

    for xml, _long, _wide in _PAST_ROWS:
        row = ElementTree.fromstring(xml.replace("<row", f"<row {_NS}", 1))
        parser = WorkSheetParser(io.BytesIO(b""), ["", "x"], data_only=True)
        parser.row_counter = bounds.MAX_ROWS
        number, cells = parser.parse_row(row)
        width = max((int(c["column"]) for c in cells if c["value"] is not None), default=0)
        quick = _extent(row, bounds.MAX_ROWS)
        assert quick is None or quick[0] == number, xml
        if quick is not None and "<f>" not in xml:  # a formula without a result counts too: see the test above
            assert quick[1] == width, xml

"""Golden text: the words of every printed document (plan, story sheet, ward summary, newsletter).

Each is extracted from the PDF with a fixed date and compared line by line.

When a change to a document is intended, regenerate the expected files and review the diff in git:

    KAIZEN_REGEN_GOLDEN=1 python3 -m uv run pytest -q tests/test_golden.py

(the same switch as rst2pdf's and fpdf2's golden tests). Without it, a difference fails with a diff.
"""

from __future__ import annotations

import datetime as dt
import difflib
import io
import os
import re
from collections.abc import Callable
from pathlib import Path

import pypdf
import pytest

from app import service

GOLDEN = Path(__file__).resolve().parent / "golden"
EXAMPLES = Path(__file__).resolve().parents[1] / "questionnaires" / "examples"
FIXED = dt.date(2026, 10, 15)
REGENERATE = os.environ.get("KAIZEN_REGEN_GOLDEN") == "1"
COMMAND = "KAIZEN_REGEN_GOLDEN=1 python3 -m uv run pytest -q tests/test_golden.py"


@pytest.fixture(autouse=True)
def _no_installed_catalogue(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The documents must not depend on case catalogues or packs installed on the developer's machine."""
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg"))


def pdf_text(data: bytes) -> str:
    """Every page's extracted text, lines stripped of trailing blanks, pages marked (so a page break shows)."""
    pages = []
    for n, page in enumerate(pypdf.PdfReader(io.BytesIO(data)).pages, 1):
        lines = [line.rstrip() for line in (page.extract_text() or "").splitlines()]
        pages.append(f"--- page {n} ---\n" + "\n".join(lines).strip("\n"))
    return "\n".join(pages) + "\n"


def demo_plan(lang: str) -> Callable[[Path], bytes]:
    def make(folder: Path) -> bytes:
        _, pdf = service.demo(folder, lang=lang, fixed_date=FIXED)
        return pdf.read_bytes()
    return make


def story_sheet(folder: Path) -> bytes:
    """The success-story sheet of the first done action among the shipped example departments."""
    del folder
    for path in sorted(EXAMPLES.glob("*.kaizen.json")):
        opened = service.open_assessment(path)
        done = [x for x in opened.assessment.actions if x.status == "done"]
        if done:
            return service.render_story(opened.questionnaire, opened.assessment, done[0].id, fixed_date=FIXED)
    raise AssertionError("no example department has a done action")


def ward_summary(lang: str) -> Callable[[Path], bytes]:
    def make(folder: Path) -> bytes:
        del folder
        return service.render_summary(service.aggregate_files([EXAMPLES]), lang=lang, fixed_date=FIXED)
    return make


def newsletter(folder: Path) -> bytes:
    """業務改善レポート of the shipped example departments' shareable done actions."""
    from app.service.cases import write_newsletter

    pdf, _ = write_newsletter([EXAMPLES], folder / "newsletter.pdf", issue=1, fixed_date=FIXED)
    return pdf.read_bytes()


DOCUMENTS: dict[str, Callable[[Path], bytes]] = {
    "demo_plan.ja.txt": demo_plan("ja"),
    "demo_plan.en.txt": demo_plan("en"),
    "story_sheet.ja.txt": story_sheet,
    "ward_summary.ja.txt": ward_summary("ja"),
    "ward_summary.en.txt": ward_summary("en"),
    "newsletter.ja.txt": newsletter,
}


@pytest.mark.parametrize("name", sorted(DOCUMENTS))
def test_document_text_matches_the_golden_file(name: str, tmp_path: Path) -> None:
    actual = pdf_text(DOCUMENTS[name](tmp_path))
    assert not re.search(r"\d{4}-\d{2}-\d{2}T", actual), "a timestamp leaked into the text: use fixed_date"
    expected_file = GOLDEN / name
    if REGENERATE:
        GOLDEN.mkdir(exist_ok=True)
        expected_file.write_text(actual, encoding="utf-8", newline="\n")
        return
    assert expected_file.exists(), f"{expected_file} is missing; create it with: {COMMAND}"
    expected = expected_file.read_text(encoding="utf-8")
    if actual != expected:
        diff = "".join(difflib.unified_diff(expected.splitlines(keepends=True), actual.splitlines(keepends=True),
                                            f"golden/{name}", "now", n=1))
        pytest.fail(f"{name} differs from its golden text (if intended, regenerate with: {COMMAND})\n"
                    f"{diff[:6000]}", pytrace=False)


def test_the_golden_text_is_a_real_document() -> None:
    """The files hold what the documents are about, so an empty or broken render cannot be blessed by accident."""
    if REGENERATE:
        pytest.skip("regenerating")
    plan = (GOLDEN / "demo_plan.ja.txt").read_text(encoding="utf-8")
    assert "行動計画" in plan and "区民課" in plan and "令和8年10月15日" in plan  # 和暦 (settings.date_style)
    assert "Action plan" in (GOLDEN / "demo_plan.en.txt").read_text(encoding="utf-8")
    assert "改善事例" in (GOLDEN / "story_sheet.ja.txt").read_text(encoding="utf-8")
    summary = (GOLDEN / "ward_summary.ja.txt").read_text(encoding="utf-8")
    assert "全庁" in summary and summary.count("--- page") >= 1
    assert "業務改善レポート" in (GOLDEN / "newsletter.ja.txt").read_text(encoding="utf-8")

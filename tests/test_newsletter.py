"""業務改善レポート: cover, contents with true page numbers, one story per half page, the realised total."""

from __future__ import annotations

import json
import shutil
import sys
from pathlib import Path

import pytest

from app.cli import main
from app.report.formats import fixed
from app.report.newsletter import story_pages
from tests.report_support import page_texts, squash

sys.path.insert(0, str(Path(__file__).parent / "data"))
from make_ward import make_ward

EXAMPLES = Path(__file__).resolve().parents[1] / "questionnaires" / "examples"


def stories_of(folder: Path) -> list[dict[str, object]]:
    out = []
    for f in sorted(folder.glob("*.json")):
        data = json.loads(f.read_text("utf-8"))
        out += [x for x in data["actions"] if x["status"] == "done" and x.get("shareable")]
    return out


def test_the_examples_make_a_newsletter(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "report.pdf"
    assert main(["newsletter", str(EXAMPLES), "-o", str(out), "--issue", "12", "--title", "業務改善レポート 冬号",
                 "--fixed-date", "2027-03-01"]) == 0
    assert "事例 6 件" in capsys.readouterr().out
    pages = [squash(p) for p in page_texts(out.read_bytes())]
    stories = stories_of(EXAMPLES)
    assert len(pages) == 2 + -(-len(stories) // 2)
    total = sum(float(x["realised_hours"] or 0) for x in stories)  # type: ignore[arg-type]
    assert squash("業務改善レポート冬号") in pages[0] and "第12号" in pages[0]
    assert squash(f"{fixed(total)}時間") in pages[0] and "令和9年3月" in pages[0]
    assert "目次" in pages[1]
    for x in stories:
        assert any(squash(str(x["before"]))[:20] in p for p in pages[2:])


def test_contents_name_the_page_of_every_story(tmp_path: Path) -> None:
    ward = tmp_path / "ward"
    make_ward(ward, 40)  # dozens of stories: the contents run over two pages
    out = tmp_path / "report.pdf"
    assert main(["newsletter", str(ward), "-o", str(out), "--fixed-date", "2027-03-01"]) == 0
    pages = page_texts(out.read_bytes())
    count = len(stories_of(ward))
    assert count > 25
    starts = story_pages(count)
    assert len(pages) == starts[-1]
    from app.report.newsletter import CONTENTS_PER_PAGE

    assert starts[0] == 2 + -(-count // CONTENTS_PER_PAGE) >= 4  # the contents run over several pages
    contents = "".join(pages[1 : starts[0] - 1])
    for n, page in enumerate(starts, 1):
        # the story's number heads its block on the page the contents name, and on no earlier page
        assert f"\n{n}. " in "\n" + pages[page - 1], (n, page)
        assert all(f"\n{n}. " not in "\n" + p for p in pages[starts[0] - 1 : page - 1]), (n, page)
    assert contents.count("\n") >= count


def test_no_completed_shareable_action_gives_a_message_and_no_file(tmp_path: Path,
                                                                  capsys: pytest.CaptureFixture[str]) -> None:
    shutil.copy(EXAMPLES / "example_shimin.kaizen.json", tmp_path / "s.kaizen.json")  # nothing done yet
    data = json.loads((EXAMPLES / "example_kazei.kaizen.json").read_text("utf-8"))
    for x in data["actions"]:
        x["shareable"] = False
    (tmp_path / "k.kaizen.json").write_text(json.dumps(data, ensure_ascii=False), "utf-8")
    out = tmp_path / "report.pdf"
    assert main(["newsletter", str(tmp_path), "-o", str(out)]) == 2
    err = capsys.readouterr().err
    assert "C009" in err and "PDF は作成していません" in err and not out.exists()


def test_the_newsletter_never_overwrites_an_input(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    target = tmp_path / "k.kaizen.json"
    shutil.copy(EXAMPLES / "example_kazei.kaizen.json", target)
    before = target.read_bytes()
    assert main(["newsletter", str(tmp_path), "-o", str(target)]) == 2
    assert "C008" in capsys.readouterr().err and target.read_bytes() == before


def test_the_newsletter_prints_in_greys_and_the_accent_only(tmp_path: Path) -> None:
    import re

    out = tmp_path / "report.pdf"
    assert main(["newsletter", str(EXAMPLES), "-o", str(out), "--fixed-date", "2027-03-01"]) == 0
    import pypdf

    from app.report.styles import COLOURS

    allowed = {tuple(round(c, 2) for c in (v.red, v.green, v.blue)) for v in COLOURS.values()} | {(0, 0, 0), (1, 1, 1)}
    for page in pypdf.PdfReader(out).pages:
        content = page.get_contents()
        assert content is not None
        ops = content.get_data().decode("latin-1")
        for r, g, b in re.findall(r"([\d.]+) ([\d.]+) ([\d.]+) r[gG]\b", ops):
            assert tuple(round(float(x), 2) for x in (r, g, b)) in allowed


@pytest.mark.parametrize("issue", ["-5", "0", "1" * 30, "二"])
def test_an_issue_number_that_is_none_is_refused_before_anything_is_written(
        tmp_path: Path, capsys: pytest.CaptureFixture[str], issue: str) -> None:
    """``--issue -5`` printed 「第-5号」 on the cover, a 30-digit issue its 30 digits."""
    out = tmp_path / "report.pdf"
    with pytest.raises(SystemExit) as exc:
        main(["newsletter", str(EXAMPLES), "-o", str(out), "--issue", issue])
    assert exc.value.code == 2
    err = capsys.readouterr().err
    assert "号数は1〜9999の整数" in err and "Traceback" not in err, err
    assert not out.exists()

"""The 改善事例シート: one A4 page per completed action, with its own texts, from the service and the CLI."""

from __future__ import annotations

import datetime as dt
import io
from pathlib import Path

import pytest
from pypdf import PdfReader

from app import service
from app.cli import main
from app.domain.errors import UserError
from app.domain.plan import record_follow_up

EXAMPLES = Path(__file__).resolve().parents[1] / "questionnaires" / "examples"
KAZEI = EXAMPLES / "example_kazei.kaizen.json"
FIXED = dt.date(2027, 3, 1)


def text_of(pdf: bytes) -> str:
    return "".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages)


def test_every_done_action_of_the_examples_fits_one_page() -> None:
    count = 0
    for path in sorted(EXAMPLES.glob("*.kaizen.json")):
        opened = service.open_assessment(path)
        for action in opened.assessment.actions:
            if action.status != "done":
                continue
            pdf = service.render_story(opened.questionnaire, opened.assessment, action.id, fixed_date=FIXED)
            assert len(PdfReader(io.BytesIO(pdf)).pages) == 1
            count += 1
    assert count >= 5


def test_sheet_shows_before_after_hours_comment_and_tips() -> None:
    opened = service.open_assessment(KAZEI)
    action = next(x for x in opened.assessment.actions if x.status == "done" and x.before)
    text = text_of(service.render_story(opened.questionnaire, opened.assessment, action.id, fixed_date=FIXED))
    compact = text.replace("\n", "").replace(" ", "")
    for part in ("改善前", "改善後", "職員の声", "ほかの課へのヒント", "削減できた時間"):
        assert part in compact
    for typed in (action.before, action.after, action.comment, action.tips):
        assert typed[:15].replace(" ", "") in compact
    assert f"年{action.realised_hours:,.0f}時間" in compact


def test_long_texts_still_fit_one_page() -> None:
    opened = service.open_assessment(KAZEI)
    action = next(x for x in opened.assessment.actions if x.status == "done")
    for field in ("before", "after", "comment", "tips"):
        setattr(action, field, "長い説明文です。" * 200)
    pdf = service.render_story(opened.questionnaire, opened.assessment, action.id, fixed_date=FIXED)
    assert len(PdfReader(io.BytesIO(pdf)).pages) == 1


def test_fixed_date_is_reproducible() -> None:
    opened = service.open_assessment(KAZEI)
    action = next(x for x in opened.assessment.actions if x.status == "done")
    one = service.render_story(opened.questionnaire, opened.assessment, action.id, fixed_date=FIXED)
    two = service.render_story(opened.questionnaire, opened.assessment, action.id, fixed_date=FIXED)
    assert one == two


def test_not_done_and_unknown_actions_are_user_errors() -> None:
    opened = service.open_assessment(KAZEI)
    q, a = opened.questionnaire, opened.assessment
    pending = next(x for x in a.actions if x.status != "done")
    with pytest.raises(UserError) as exc:
        service.render_story(q, a, pending.id)
    assert exc.value.code == "R102"
    with pytest.raises(UserError) as exc:
        service.render_story(q, a, "a999")
    assert exc.value.code == "R101"
    # once the follow-up records it as done, the sheet can be made
    record_follow_up(pending, "done", FIXED, 12.5, "", today=FIXED)
    assert service.render_story(q, a, pending.id, fixed_date=FIXED).startswith(b"%PDF")


def test_cli_story_and_aggregate(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    opened = service.open_assessment(KAZEI)
    done = next(x for x in opened.assessment.actions if x.status == "done")
    out = tmp_path / "story.pdf"
    assert main(["story", str(KAZEI), "--action", done.id, "-o", str(out), "--fixed-date", "2027-03-01"]) == 0
    assert out.read_bytes().startswith(b"%PDF")
    assert main(["story", str(KAZEI), "--action", "a999", "-o", str(out)]) == 2
    assert "R101" in capsys.readouterr().err
    summary = tmp_path / "summary.pdf"
    (tmp_path / "broken.kaizen.json").write_text("{", "utf-8")
    assert main(["aggregate", str(EXAMPLES), str(tmp_path / "broken.kaizen.json"), "-o", str(summary),
                 "--csv", str(tmp_path / "s.csv"), "--fixed-date", "2027-03-01"]) == 0
    err = capsys.readouterr().err
    assert "broken.kaizen.json" in err
    text = text_of(summary.read_bytes()).replace("\n", "").replace(" ", "")
    assert "全庁業務改善サマリー" in text and "保険年金課" in text and "読み込めなかったファイル" in text
    assert main(["aggregate", str(tmp_path / "broken.kaizen.json"), "-o", str(summary)]) == 2

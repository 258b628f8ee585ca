"""The printed plan of the example department: contents, order, page setup, fonts, metadata, reproducibility."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from app import __version__, service
from app.domain.errors import ReportError
from app.report import fonts
from app.report.strings import text
from tests.helpers import EXAMPLE
from tests.report_support import all_text, font_dicts, page_texts, reader, render, squash

HEADINGS = ("h_summary", "h_charts", "h_tasks", "h_actions", "h_proposals", "h_assumptions", "h_signoff")


@pytest.fixture(scope="module")
def example() -> service.Opened:
    return service.open_assessment(EXAMPLE)


@pytest.fixture(scope="module")
def plan_ja(example: service.Opened) -> bytes:
    return render(example.questionnaire, example.assessment)


def test_every_heading_appears_once_in_framework_order(plan_ja: bytes) -> None:
    # A heading is a line of its own. The cover's contents list has the same lines and the summary page
    # points to sections inside sentences, so take the last line that is exactly the heading.
    lines = [(page, squash(line)) for page, body in enumerate(page_texts(plan_ja)) for line in body.splitlines()]
    found = []
    for key in HEADINGS:
        hits = [i for i, (_, line) in enumerate(lines) if line == squash(text(key))]
        assert len(hits) == 2, key  # once in the contents on the cover, once as the heading
        found.append(hits[-1])
    assert found == sorted(found)
    assert all(lines[i][0] > 0 for i in found)


def test_cover_shows_department_date_participants_questionnaire_and_method(plan_ja: bytes,
                                                                          example: service.Opened) -> None:
    cover = squash(page_texts(plan_ja)[0])
    info = example.assessment.info
    q = example.questionnaire
    for expected in (info["department"], "令和8年10月15日", info["participants"], q.title.ja, q.id, q.version,
                     "推定（見積り）"):
        assert squash(expected) in cover


def test_every_task_and_every_action_appears(plan_ja: bytes, example: service.Opened) -> None:
    body = all_text(plan_ja)
    for task in example.assessment.tasks:
        assert squash(task.name) in body
    for action in example.assessment.actions:
        assert squash(action.first_step) in body
        assert squash(example.questionnaire.measure(action.measure_id).label.ja) in body
        if action.owner:
            assert squash(action.owner) in body


def test_summary_boxes_the_quick_wins_and_states_the_unit_cost(plan_ja: bytes, example: service.Opened) -> None:
    body = all_text(plan_ja)
    assert "まずはこの3つから" in body
    result = service.score(example.questionnaire, example.assessment)
    for m in result.quick_wins:
        assert squash(example.assessment.task(m.task_id).name) in body
    assert "4,000円/時間" in body and "仮の値" in body


def test_matrix_quadrants_are_labelled_in_japanese(plan_ja: bytes) -> None:
    body = all_text(plan_ja)
    for label in ("すぐやる", "計画的に", "余力で", "見送り"):
        assert label in body


def test_assumptions_list_settings_rates_bands_with_provenance(plan_ja: bytes, example: service.Opened) -> None:
    q = example.questionnaire
    body = all_text(plan_ja)
    for s in q.settings.values():
        assert squash(s.label.ja) in body
    used = {m.measure_id for m in service.score(q, example.assessment).measures}
    for mid in used:
        assert squash(q.measure(mid).provenance.ja)[:20] in body
    assert "settings.unit_cost_yen_per_hour" in body
    assert "年400時間以上" in body


def test_every_page_is_a4_portrait_with_n_of_n_footer(plan_ja: bytes) -> None:
    pages = reader(plan_ja).pages
    for page in pages:
        w, h = float(page.mediabox.width), float(page.mediabox.height)
        assert (round(w, 1), round(h, 1)) == (595.3, 841.9)
    for n, page_text in enumerate(page_texts(plan_ja), 1):
        assert f"{n} / {len(pages)}" in page_text
        assert "区民課" in page_text


def test_all_fonts_are_embedded_truetype_subsets(plan_ja: bytes) -> None:
    found = font_dicts(plan_ja)
    assert found
    for font in found:
        descriptor = font["/FontDescriptor"].get_object()
        assert "/FontFile2" in descriptor, font["/BaseFont"]
        assert re.match(r"^/[A-Z]{6}\+", font["/BaseFont"]), "a subset has a tag prefix"


def test_metadata_title_author_subject_creator_language(plan_ja: bytes) -> None:
    r = reader(plan_ja)
    meta = r.metadata
    assert meta is not None
    assert meta.title == "業務改善 行動計画 — 区民課"
    assert meta.author == "区民課"
    assert meta.subject
    assert __version__ in (meta.creator or "")
    assert r.trailer["/Root"]["/Lang"] == "ja-JP"


def test_fixed_date_makes_output_byte_identical(example: service.Opened, plan_ja: bytes) -> None:
    assert render(example.questionnaire, example.assessment) == plan_ja


def test_english_plan_uses_english_headings(example: service.Opened) -> None:
    data = render(example.questionnaire, example.assessment, lang="en")
    body = all_text(data)
    for key in HEADINGS:
        assert squash(text(key, "en")) in body
    assert reader(data).trailer["/Root"]["/Lang"] == "en"


def test_follow_up_shows_planned_and_realised_and_what_was_done() -> None:
    opened = service.open_assessment(EXAMPLE.with_name("example_hoken.kaizen.json"))
    a = opened.assessment
    body = all_text(render(opened.questionnaire, a))
    assert "できたこと" in body
    assert "振り返り（計画と実績）" in body
    done = [x for x in a.actions if x.status == "done"]
    assert done
    for x in done:
        if x.realised_hours:
            assert f"{x.realised_hours:,.1f}" in body


def test_no_unembedded_standard_font_and_no_python_none(plan_ja: bytes) -> None:
    assert b"/Helvetica" not in plan_ja
    assert "None" not in all_text(plan_ja)


def test_missing_font_is_a_report_error(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setattr(fonts, "_registered", None)
    monkeypatch.setattr(fonts.resources, "font_path", lambda: tmp_path / "missing.ttf")
    with pytest.raises(ReportError) as info:
        fonts.register_fonts()
    assert info.value.code == "R001"


def test_register_fonts_returns_the_same_name_twice() -> None:
    assert fonts.register_fonts() == fonts.register_fonts() == fonts.FONT_NAME


def test_reportlab_trusts_no_url_host() -> None:
    from reportlab import rl_config

    fonts.register_fonts()
    assert not rl_config.trustedHosts
    assert not rl_config.trustedSchemes

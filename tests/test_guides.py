"""Guidance cards (進め方カード): in the YAML, on every standard measure as an example, in the plan's appendix."""

from __future__ import annotations

from pathlib import Path

import pytest

from app import service
from app.domain.errors import QuestionnaireError
from app.domain.questionnaire import GUIDE_TEXTS
from app.loading.loader import convert, load_questionnaire
from app.report.spread_sections import used_measures
from tests.helpers import STANDARD, standard_text
from tests.report_support import all_text, squash

EXAMPLE = Path(__file__).resolve().parents[1] / "questionnaires" / "examples" / "example_shimin.kaizen.json"
CARD = "    example: true\n    what: {ja: 説明, en: What}\n    steps:\n      - {ja: 一, en: One}\n"


def test_every_standard_measure_has_an_example_card_with_steps() -> None:
    q = load_questionnaire(STANDARD)
    for m in q.measures:
        assert m.guide is not None, m.id
        assert m.guide.example, m.id
        assert 1 <= len(m.guide.steps) <= 5, m.id
        filled = {k for k, _ in m.guide.texts()}
        assert {"what", "prerequisites", "contact", "pitfalls"} <= filled, m.id
        assert all(v.en for _, v in m.guide.texts()), m.id  # English second, everywhere
    assert "LGWAN" in q.measure("ai_ocr").guide.security.ja  # type: ignore[union-attr]
    assert "特定個人情報保護評価" in q.measure("data_sharing").guide.security.ja  # type: ignore[union-attr]
    assert {m.id for m in q.measures if m.central_procurement} >= {"ai_ocr", "rpa", "online_form", "cashless"}


def with_guides(block: str) -> str:
    text = standard_text()
    head = text[: text.index("\nguides:\n")]
    return head + "\n" + block


def codes(text: str) -> list[str]:
    with pytest.raises(QuestionnaireError) as info:
        convert(text, "q.yaml")
    return [p.code for p in info.value.problems]


def test_a_card_for_an_unknown_measure_is_an_error_with_its_line() -> None:
    text = with_guides("guides:\n  no_such_measure:\n" + CARD)
    with pytest.raises(QuestionnaireError) as info:
        convert(text, "q.yaml")
    (p,) = info.value.problems
    assert p.code == "Q030" and p.line == text.count("\n", 0, text.index("no_such_measure")) + 1


def test_a_card_given_twice_is_an_error() -> None:
    text = standard_text()
    text = text.replace("    kpi: {ja: 廃止した作業・帳票の数と年間時間", "    guide: {what: {ja: 重複}}\n"
                        "    kpi: {ja: 廃止した作業・帳票の数と年間時間", 1)
    assert codes(text) == ["Q031"]


@pytest.mark.parametrize(("card", "code"), [
    ("    colour: red\n", "Q011"),
    ("    steps:\n" + "      - {ja: 手順}\n" * 6, "Q022"),
    ("    steps: 手順\n", "Q012"),
    ("    what: 12\n", "Q012"),
    ("    what: {en: English only}\n", "Q020"),
    ("    example: maybe\n", "Q012"),
])
def test_bad_cards_are_refused(card: str, code: str) -> None:
    assert code in codes(with_guides("guides:\n  eliminate:\n" + card))


def test_cards_may_also_sit_under_the_measure() -> None:
    text = with_guides("")
    text = text.replace("    kpi: {ja: 廃止した作業・帳票の数と年間時間", "    guide: {what: {ja: ここに書く}}\n"
                        "    kpi: {ja: 廃止した作業・帳票の数と年間時間", 1)
    q = convert(text, "q.yaml")
    assert q.measure("eliminate").guide.what.ja == "ここに書く"  # type: ignore[union-attr]
    assert q.measure("rpa").guide is None


def test_the_plan_prints_one_card_per_measure_it_uses() -> None:
    opened = service.open_assessment(EXAMPLE)
    q, a = opened.questionnaire, opened.assessment
    pdf = service.render_plan(q, a)
    text = all_text(pdf)
    assert squash("付録　進め方") in text
    from app.report.context import PlanContext

    ctx = PlanContext(q, a, service.score(q, a), "ja", None, "x")  # type: ignore[arg-type]
    used = used_measures(ctx)
    for m in q.measures:
        shown = squash(m.label.ja + "（見本）") in text
        assert shown == (m.id in used), m.id
    assert squash(q.measure(used[0]).guide.steps[0].ja) in text  # type: ignore[union-attr]


def test_without_cards_there_is_no_appendix() -> None:
    q = convert(with_guides(""), "q.yaml")
    a = service.open_assessment(EXAMPLE).assessment
    from app.report.document import render_plan

    assert "付録" not in all_text(render_plan(q, a, service.score(q, a)))


def test_guide_texts_are_the_documented_fields() -> None:
    assert GUIDE_TEXTS == ("what", "prerequisites", "contact", "tools", "budget", "security", "pitfalls")

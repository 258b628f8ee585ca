"""Shared test helpers (not fixtures): the standard questionnaire, the example, small builders."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from app import service
from app.domain.assessment import Assessment, MeasureChoice
from app.domain.questionnaire import Questionnaire

ROOT = Path(__file__).resolve().parent.parent
STANDARD = ROOT / "questionnaires" / "standard.yaml"
EXAMPLE = ROOT / "questionnaires" / "examples" / "example_shimin.kaizen.json"


def standard_text() -> str:
    """The standard questionnaire's YAML text, for tests that mutate it."""
    return STANDARD.read_text(encoding="utf-8")


def standard() -> Questionnaire:
    """The bundled standard questionnaire."""
    return service.get_questionnaire("standard")


def easy() -> dict[str, Any]:
    """Ease answers of a measure the section can do alone within a month (ease 5)."""
    return {"ease_budget": "none", "ease_coordination": "none", "ease_rules": "none", "ease_system": "none",
            "ease_period": "within_1m", "ease_team": "in_section"}


def hard() -> dict[str, Any]:
    """Ease answers of a measure that needs budget, several departments and a long time (ease 1.17)."""
    return {"ease_budget": "request", "ease_coordination": "multiple", "ease_rules": "ordinance",
            "ease_system": "procurement", "ease_period": "longer", "ease_team": "support"}


def one_task(q: Questionnaire, task: dict[str, Any], analysis: dict[str, Any] | None = None,
             measures: dict[str, dict[str, Any]] | None = None) -> Assessment:
    """An assessment with one focus task, its analysis and chosen measures."""
    a = service.new_assessment(q, {"department": "テスト課", "session_date": "2026-04-01"})
    t = a.add_task(task)
    a.focus = [t.id]
    a.analysis[t.id] = dict(analysis or {})
    for mid, answers in (measures or {}).items():
        a.measures.setdefault(t.id, {})[mid] = MeasureChoice(True, dict(answers))
    return a

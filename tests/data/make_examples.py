"""Generate the fictional example departments in questionnaires/examples/ from the domain model.

Run ``uv run python tests/data/make_examples.py`` after changing example_specs.py, and commit the JSON.
The departments, people and figures are invented. They share cross-department issues with the
区民課 example (照会への回答, 同じ情報の重複入力, 紙の届出) so that the ward-wide summary groups them.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from example_specs import SPECS  # the folder of this script is on sys.path when it runs

from app import service
from app.domain import plan
from app.domain.assessment import Assessment
from app.domain.questionnaire import Questionnaire
from app.storage import assessment_file

OUT = Path(__file__).resolve().parents[2] / "questionnaires" / "examples"
def build(q: Questionnaire, spec: dict[str, Any]) -> Assessment:
    """An assessment from a spec: info, tasks, analysis, measures, then actions and their follow-ups."""
    a = service.new_assessment(q, spec["info"])
    for row in spec["tasks"]:
        a.add_task(row)
    a.focus = list(spec["analysis"])
    a.analysis = {tid: dict(v) for tid, v in spec["analysis"].items()}
    for tid, per in spec["measures"].items():
        for mid, answers in per.items():
            choice = a.measure_choice(tid, mid)
            choice.chosen = True
            choice.answers = answers
    session = dt.date.fromisoformat(spec["info"]["session_date"])
    plan.propose_actions(q, a, service.score(q, a), today=session)
    for action in a.actions:
        detail = spec["actions"].get((action.task_id, action.measure_id), {})
        for key in ("owner", "deadline", "baseline", "target", "support", "before", "after", "comment", "tips"):
            if key == "deadline" and key in detail:
                plan.set_deadline(q, a, action, detail[key], today=session)  # the review date follows it
            elif key in detail:
                setattr(action, key, detail[key])
        for on, status, hours, note in detail.get("follow_ups", ()):
            plan.record_follow_up(action, status, dt.date.fromisoformat(on), hours, note,
                                  today=dt.date.fromisoformat(spec["modified"][:10]))
        # the sections agreed to share what they completed (庁内で共有してよい（課長確認済み）)
        action.shareable = bool(detail.get("shareable", action.status == "done"))
    a.created = spec["created"]
    a.assessment_id = spec["assessment_id"]
    return a


def write(q: Questionnaire, spec: dict[str, Any]) -> Path:
    """Write one example file with a fixed modification time (reproducible output)."""
    a = build(q, spec)
    path = OUT / spec["file"]
    now = dt.datetime.fromisoformat(spec["modified"])
    path.write_bytes(assessment_file.dumps(a, now))
    return path


def main() -> None:
    """Write every example department."""
    q = service.get_questionnaire("standard")
    for spec in SPECS:
        print(write(q, spec))


if __name__ == "__main__":
    main()

"""Migration steps that bring older assessment files up to the current ``format_version``.

Each step turns the parsed JSON of version ``n`` into version ``n + 1`` and is registered in
:data:`STEPS`; :func:`migrate` chains them. Steps work on plain JSON (dicts and lists), never on the
domain model, so a step written today keeps working when the model changes later. Every step has a
test with a real file of the old layout (``tests/test_storage_migrations.py``); the layouts are
described in docs/reliability.md ("Format history").
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

CURRENT = 2
FORMAT = "kaizen-assessment"

Step = Callable[[dict[str, Any]], dict[str, Any]]


def detect_version(data: dict[str, Any]) -> int | None:
    """The ``format_version`` of parsed file content; ``None`` when it is not a usable whole number.

    Pre-release files (version 0) carried no ``format_version`` at all: a file with the right
    ``format`` and no version is version 0.
    """
    if "format_version" not in data:
        return 0
    version = data["format_version"]
    if isinstance(version, bool) or not isinstance(version, int) or version < 0:
        return None
    return version


def _v0_to_v1(data: dict[str, Any]) -> dict[str, Any]:
    """Pre-release layout → format 1.

    Version 0 (the prototype shown to pilot departments) stored ``questionnaire`` as a bare id with
    a separate ``questionnaire_version``, ``department`` and ``section`` at the top level, ``tasks``
    as a flat list of answer dicts without ids, and ``focus`` as 0-based task positions.
    Format 1 nests the stamp, moves the department into ``info``, gives tasks ids ``t1``, ``t2`` …
    and refers to focus tasks by id.
    """
    out = {k: v for k, v in data.items() if k not in ("department", "section", "questionnaire_version")}
    stamp = data.get("questionnaire")
    if not isinstance(stamp, dict):
        stamp = {"id": stamp if isinstance(stamp, str) else "standard",
                 "version": str(data.get("questionnaire_version") or "")}
    out["questionnaire"] = stamp
    info = dict(data["info"]) if isinstance(data.get("info"), dict) else {}
    for key in ("department", "section"):
        if key in data and key not in info:
            info[key] = data[key]
    out["info"] = info
    tasks = data.get("tasks")
    ids: list[str] = []
    if isinstance(tasks, list):
        new_tasks = []
        for n, entry in enumerate(tasks):
            if isinstance(entry, dict) and "answers" in entry and "id" in entry:
                new_tasks.append(entry)  # already in the new shape (a half-migrated hand edit)
                ids.append(str(entry["id"]))
                continue
            tid = f"t{n + 1}"
            ids.append(tid)
            new_tasks.append({"id": tid, "answers": entry})
        out["tasks"] = new_tasks
    focus = data.get("focus")
    if isinstance(focus, list):
        out["focus"] = [ids[f] if isinstance(f, int) and not isinstance(f, bool) and 0 <= f < len(ids) else f
                        for f in focus]
    out["format"] = FORMAT
    out["format_version"] = 1
    return out


def _v1_to_v2(data: dict[str, Any]) -> dict[str, Any]:
    """Format 1 → format 2 (questionnaire 2.0.0: one C question split in two, action titles, headcount).

    Format 1 asked one question 「他課・他係に似た業務や様式がある」 (``ecrs_c_similar``) whose はい always made
    a proposal; format 2 asks for another unit of the same section (``ecrs_c_other_section``, local) and
    another department (``ecrs_c_other_dept``, a proposal) apart. The old answer becomes the
    department answer, so every proposal stays a proposal. Titles, headcount and overtime are new
    optional answers: nothing else changes, and existing notes are offered as titles on opening.
    """
    out = dict(data)
    analysis = data.get("analysis")
    if isinstance(analysis, dict):
        moved: dict[str, Any] = {}
        for tid, answers in analysis.items():
            if isinstance(answers, dict) and "ecrs_c_similar" in answers:
                moved[tid] = {("ecrs_c_other_dept" if k == "ecrs_c_similar" else k): v for k, v in answers.items()
                              if k != "ecrs_c_other_dept"}
            else:
                moved[tid] = answers
        out["analysis"] = moved
    out["format_version"] = 2
    return out


# version n -> the step that produces version n + 1
STEPS: dict[int, Step] = {0: _v0_to_v1, 1: _v1_to_v2}


def migrate(data: dict[str, Any], version: int) -> dict[str, Any]:
    """``data`` of ``version`` brought up to :data:`CURRENT`; steps build new dicts, never edit their input.

    Versions newer than :data:`CURRENT` are returned unchanged: the reader opens them read-only.
    """
    out = data
    while version < CURRENT:
        out = STEPS[version](out)
        version += 1
    return out

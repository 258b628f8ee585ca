"""Load and validate questionnaire files: the single entry point of :mod:`app.loading`.

``load_questionnaire(path)`` returns a checked :class:`~app.domain.questionnaire.Questionnaire` or
raises :class:`~app.domain.errors.QuestionnaireError` carrying *every* problem found, each with
``file:line:column``, a catalogue code and a hint. ``convert(text)`` does the same without file IO.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from app.domain import expressions
from app.domain.catalogue import type_words
from app.domain.errors import QuestionnaireError
from app.domain.questionnaire import REQUIRED_STEP_KINDS, Item, Questionnaire, Scoring, Setting, Step
from app.loading import guides
from app.loading.builder import VERSION_RE, Builder, Collector, pos_of
from app.loading.checks import check_calculations, check_hours
from app.loading.located import Located, LocatedList

TOP_KEYS = ("id", "version", "title", "description", "settings", "bands", "scoring", "steps",
            "measure_items", "measures", "glossary", "guides")
SCORING_KEYS = ("hours", "suitability_items", "readiness_items", "affected_share_item", "ease_items",
                "premature", "quick_win_requires", "cross_department", "quick_win_confirm_item",
                "pain_points_item", "staff_item", "target_hours_item", "department_item")
# optional scoring keys (files written before them still load): item ids, or a text for the reason
OPTIONAL_SCORING_KEYS = ("headcount_items", "action_title_item", "note_item", "overtime_item", "peak_months_item",
                         "other_departments_item", "shared_information_item", "cross_department_reason")
REQUIRED_SETTINGS = ("unit_cost_yen_per_hour", "hours_per_fte", "pareto_coverage", "max_focus_tasks",
                     "max_quick_wins", "quadrant_potential_min", "quadrant_ease_min", "review_months")
SETTING_RANGES = {
    "unit_cost_yen_per_hour": (0, 1_000_000), "hours_per_fte": (1, 8784), "pareto_coverage": (0.01, 1.0),
    "max_focus_tasks": (1, 1000), "max_quick_wins": (1, 50), "quadrant_potential_min": (1, 5),
    "quadrant_ease_min": (1, 5), "review_months": (0, 36), "fit_no_factor": (0, 1), "realisation_factor": (0, 1),
    "peak_weight": (1, 12), "capacity_over_margin": (0, 10), "capacity_under_share": (0, 1),
}
# text settings and the words they accept (None: any text)
TEXT_SETTINGS: dict[str, tuple[str, ...] | None] = {"central_team_name": None, "central_team_contact": None,
                                                         "date_style": ("wareki", "western")}
STABLE_TASK_IDS = ("name", "category", "annual_cases", "minutes_per_case", "fixed_hours")
# Names the scoring provides to measure-scope expressions (e.g. the quick-win confirmation's relevant).
MEASURE_BUILTINS = ("quick_win_candidate", "premature", "ease", "potential_band", "potential_hours")


def load_questionnaire(path: Path, cache_dir: Path | None = None,
                       store: Callable[[Path, bytes], None] | None = None) -> Questionnaire:
    """Read, parse and validate one questionnaire file; with ``cache_dir``, the parse comes from
    :mod:`app.loading.parse_cache` when the file's bytes were parsed before (validation always runs), and
    ``store`` writes a new cache entry whole (the service passes the atomic writer)."""
    if cache_dir is not None:
        from app.loading import parse_cache

        data = parse_cache.load_file(path, cache_dir, store)
    else:
        from app.loading.yaml_safe import load_file

        data = load_file(path)
    return _build(data, str(path))


def convert(text: str, path: str = "<string>") -> Questionnaire:
    """Validate questionnaire YAML given as text (no file IO): what the tests use."""
    from app.loading.yaml_safe import load_text

    return _build(load_text(text, path), path)


def _build(data: Any, path: str) -> Questionnaire:
    out = Collector(path)
    if not isinstance(data, Located):
        out.add("Q009", pos_of(data))
        raise QuestionnaireError(out.problems)
    b = Builder(out)
    b.keys(data, TOP_KEYS, "")
    qid = b.ident(data, "", unique=False)
    version = data.get("version")
    if not isinstance(version, str | int | float) or isinstance(version, bool) or not VERSION_RE.match(str(version)):
        out.add("Q027", pos_of(data, "version"), "version", value=version)
    title = b.text(data, "title", "", required=True)
    steps_raw = b.seq(data, "steps", "")
    steps = tuple(
        s for i, raw in enumerate(steps_raw) if (s := b.step(raw, f"steps[{i}]", pos_of(steps_raw, i))) is not None
    )
    measure_items = b.items(Located({"items": data.get("measure_items")}) if "measure_items" in data else Located(),
                            "measure_items", "measure")
    if "measure_items" in data and not isinstance(data["measure_items"], LocatedList):
        out.add("Q012", pos_of(data, "measure_items"), "measure_items", key="measure_items", expected="a list",
                got=type_words(type(data["measure_items"]).__name__))
    measures_raw = b.seq(data, "measures", "")
    measures = []
    measure_ids: dict[str, int] = {}
    for i, raw in enumerate(measures_raw):
        m = b.measure(raw, f"measures[{i}]", pos_of(measures_raw, i))
        if m is None:
            continue
        if m.id in measure_ids:
            out.add("Q014", pos_of(measures_raw, i), f"measures[{i}]", id=m.id, first_line=measure_ids[m.id])
        measure_ids.setdefault(m.id, pos_of(measures_raw, i)[0])
        measures.append(m)
    measures = guides.attach(b, data, measures)
    settings = _settings(b, data)
    bands, bands_prov, bands_provenance = b.bands(data.get("bands"), pos_of(data, "bands"))
    if "bands" not in data:
        b.required(data, "bands", "")
    scoring = _scoring(b, data)
    glossary = b.glossary(b.seq(data, "glossary", ""))
    _check_steps(b, data, steps)
    _check_references(b, steps, measure_items, measures)
    _check_order(b, data, bands)
    check_calculations(b, steps)
    if scoring is not None:
        _check_scoring(b, data, scoring, steps, measure_items)
        check_hours(b, data, scoring, steps)
    if out.problems:
        raise QuestionnaireError(out.problems)
    assert scoring is not None
    return Questionnaire(
        id=qid, version=str(version), title=title, description=b.text(data, "description", ""), steps=steps,
        measures=tuple(measures), measure_items=measure_items, settings=settings, bands=bands, scoring=scoring,
        bands_provisional=bands_prov, bands_provenance=bands_provenance, glossary=glossary, source=path,
    )


def _settings(b: Builder, data: Located) -> dict[str, Setting]:
    raw = data.get("settings")
    if raw is None:
        b.required(data, "settings", "")
        return {}
    block = b.mapping(raw, "settings", pos_of(data, "settings"))
    if block is None:
        return {}
    settings = {k: s for k, v in block.items() if (s := b.setting(k, v, pos_of(block, k))) is not None}
    for key in REQUIRED_SETTINGS:
        if key not in block:
            b.out.add("Q010", pos_of(block), "settings", key=key, hint=f"settings.{key}: {{value: ...}}")
    for key, (lo, hi) in SETTING_RANGES.items():
        if key in settings and settings[key].text is not None:
            b.out.add("Q012", pos_of(block, key), f"settings.{key}", key=key, expected="value: a number", got="text")
        elif key in settings and not lo <= settings[key].value <= hi:
            b.out.add("Q022", pos_of(block, key), f"settings.{key}", value=settings[key].value, min=lo, max=hi)
    for key, words in TEXT_SETTINGS.items():
        setting = settings.get(key)
        if setting is None:
            continue
        if setting.text is None:
            b.out.add("Q012", pos_of(block, key), f"settings.{key}", key=key, expected="text: …", got="a number")
        elif words is not None and setting.text.ja not in words:
            b.out.add("Q012", pos_of(block, key), f"settings.{key}", key=key, expected=" / ".join(words),
                      got=setting.text.ja)
    return settings


def _scoring(b: Builder, data: Located) -> Scoring | None:
    raw = data.get("scoring")
    if raw is None:
        b.required(data, "scoring", "", "see standard.yaml")
        return None
    s = b.mapping(raw, "scoring", pos_of(data, "scoring"))
    if s is None:
        return None
    b.keys(s, SCORING_KEYS + OPTIONAL_SCORING_KEYS, "scoring")
    missing = [k for k in SCORING_KEYS if k not in s]
    for key in missing:
        b.out.add("Q010", pos_of(s), "scoring", key=key, hint="see standard.yaml")
    if missing:
        return None

    def names(key: str) -> tuple[str, ...]:
        value = s[key]
        if isinstance(value, list) and all(isinstance(v, str) for v in value) and value:
            return tuple(value)
        b.out.add("Q012", pos_of(s, key), f"scoring.{key}", key=key, expected="a list of item ids", got=str(value))
        return ()

    def name(key: str) -> str:
        value = s[key]
        if isinstance(value, str):
            return value
        b.out.add("Q012", pos_of(s, key), f"scoring.{key}", key=key, expected="an item id", got=str(value))
        return ""

    never = expressions.parse("false")
    return Scoring(
        hours=b.expr(s, "hours", "scoring", "task") or never,
        suitability_items=names("suitability_items"),
        readiness_items=names("readiness_items"),
        affected_share_item=name("affected_share_item"),
        ease_items=names("ease_items"),
        premature=b.expr(s, "premature", "scoring", "task") or never,
        quick_win_requires=b.expr(s, "quick_win_requires", "scoring", "measure") or never,
        cross_department=b.expr(s, "cross_department", "scoring", "measure") or never,
        quick_win_confirm_item=name("quick_win_confirm_item"),
        pain_points_item=name("pain_points_item"),
        staff_item=name("staff_item"),
        target_hours_item=name("target_hours_item"),
        department_item=name("department_item"),
        headcount_items=names("headcount_items") if "headcount_items" in s else (),
        action_title_item=name("action_title_item") if "action_title_item" in s else "",
        note_item=name("note_item") if "note_item" in s else "",
        overtime_item=name("overtime_item") if "overtime_item" in s else "",
        peak_months_item=name("peak_months_item") if "peak_months_item" in s else "",
        other_departments_item=name("other_departments_item") if "other_departments_item" in s else "",
        shared_information_item=name("shared_information_item") if "shared_information_item" in s else "",
        cross_department_reason=b.text(s, "cross_department_reason", "scoring"),
    )


def _check_steps(b: Builder, data: Located, steps: tuple[Step, ...]) -> None:
    kinds = [s.kind for s in steps]
    for kind in REQUIRED_STEP_KINDS:
        if kind not in kinds:
            b.out.add("Q025", pos_of(data, "steps"), "steps", kind=kind)
    grid_ids = {i.id for s in steps if s.kind == "task_grid" for i in s.items}
    if "task_grid" in kinds:
        for stable in STABLE_TASK_IDS:
            if stable not in grid_ids:
                b.out.add("Q026", pos_of(data, "steps"), "steps", id=stable)


def _scopes(steps: tuple[Step, ...], measure_items: tuple[Item, ...], measures: list[Any]) -> dict[str, set[str]]:
    info = {i.id for s in steps if s.kind == "page" for i in s.items}
    task = info | {i.id for s in steps if s.kind in ("task_grid", "task_analysis") for i in s.items}
    measure = task | {i.id for i in measure_items} | {i.id for m in measures for i in m.items}
    return {"info": info, "task": task, "measure": measure | set(MEASURE_BUILTINS), "none": set()}


def _check_references(b: Builder, steps: tuple[Step, ...], measure_items: tuple[Item, ...],
                      measures: list[Any]) -> None:
    scopes = _scopes(steps, measure_items, measures)
    own = {i.id: i for i in measure_items} | {i.id: i for m in measures for i in m.items}
    for ref, at, where in b.fit_refs:
        fit_item = own.get(ref)
        if fit_item is None:
            b.out.add("Q016", at, where, ref=ref, known=", ".join(sorted(own)[:8]))
        elif not fit_item.choices:
            b.out.add("Q012", at, where, key="fit.item", expected="a choice item (はい／いいえ／わからない)",
                      got=fit_item.type)
    for expr, scope, at, where in b.expr_refs:
        visible = scopes[scope]
        for ref in sorted(expr.references() - visible):
            sample = ", ".join(sorted(visible - set(MEASURE_BUILTINS))[:8])
            b.out.add("Q016", at, where, ref=ref, known=sample)


def _check_order(b: Builder, data: Located, bands: tuple[Any, ...]) -> None:
    levels = [band.level for band in bands]
    mins = [band.min_hours for band in bands]
    if bands and (levels != sorted(levels) or mins != sorted(mins) or len(set(mins)) != len(mins)):
        b.out.add("Q021", pos_of(data, "bands"), "bands", values=", ".join(f"{m:g}" for m in mins))
    if bands and mins[0] != 0:
        b.out.add("Q022", pos_of(data, "bands"), "bands.levels[0].min_hours", value=mins[0], min=0, max=0)


def _check_scoring(b: Builder, data: Located, scoring: Scoring, steps: tuple[Step, ...],
                   measure_items: tuple[Item, ...]) -> None:
    at = pos_of(data, "scoring")
    grid = {i.id: i for s in steps if s.kind == "task_grid" for i in s.items}
    analysis = {i.id: i for s in steps if s.kind == "task_analysis" for i in s.items}
    info = {i.id: i for s in steps if s.kind == "page" for i in s.items}
    per_measure = {i.id: i for i in measure_items}
    wanted: list[tuple[str, str, dict[str, Item]]] = [
        *[("suitability_items", ref, grid) for ref in scoring.suitability_items],
        *[("readiness_items", ref, grid) for ref in scoring.readiness_items],
        *[("ease_items", ref, per_measure) for ref in scoring.ease_items],
        ("affected_share_item", scoring.affected_share_item, per_measure),
        ("quick_win_confirm_item", scoring.quick_win_confirm_item, per_measure),
        ("pain_points_item", scoring.pain_points_item, analysis),
        ("staff_item", scoring.staff_item, grid),
        ("target_hours_item", scoring.target_hours_item, info),
        ("department_item", scoring.department_item, info),
        *[("headcount_items", ref, info) for ref in scoring.headcount_items],
        ("action_title_item", scoring.action_title_item, per_measure),
        ("note_item", scoring.note_item, per_measure),
        ("overtime_item", scoring.overtime_item, grid),
        ("peak_months_item", scoring.peak_months_item, grid),
        ("other_departments_item", scoring.other_departments_item, analysis),
        ("shared_information_item", scoring.shared_information_item, analysis),
    ]
    for key, ref, where in wanted:
        if ref and ref not in where:
            b.out.add("Q023", at, f"scoring.{key}", key=key, ref=ref)
    for ref in (*scoring.suitability_items, *scoring.readiness_items):
        item = grid.get(ref)
        if item is not None and item.type != "likert":
            b.out.add("Q012", at, f"scoring.{ref}", key=ref, expected="a likert item (1–5)", got=item.type)
    for ref in scoring.ease_items:
        item = per_measure.get(ref)
        if item is not None and (not item.choices or any(c.score is None for c in item.choices)):
            b.out.add("Q012", at, f"scoring.{ref}", key=ref, expected="choices that all have a score", got=item.type)
    share = per_measure.get(scoring.affected_share_item)
    if share is not None and (not share.choices or any(c.score is None or not 0 <= c.score <= 1
                                                        for c in share.choices)):
        b.out.add("Q012", at, "scoring.affected_share_item", key=scoring.affected_share_item,
                  expected="choices whose score is a share from 0 to 1", got=share.type)

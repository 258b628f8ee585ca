"""Building an :class:`Assessment` from parsed JSON: every problem collected, nothing of the file dropped.

Answers the questionnaire has no place for, and answers whose values do not fit, go to ``unplaced``
(A015, A019). Everything else the app does not know or cannot use — unknown keys at the top, in tasks,
choices and actions, an unknown status, negative hours, an owner that is a number — is kept as found
(:mod:`app.storage.preserve`) and listed once (A020).
"""

from __future__ import annotations

import math
from typing import Any

from app.domain import quality
from app.domain.action_fields import ACTION_ITEMS, FOLLOW_UP_ITEMS, STATUS_LABEL, line_field
from app.domain.assessment import ACTION_TEXT_FIELDS, Action, Assessment, FollowUp, MeasureChoice, Task
from app.domain.catalogue import Words, type_words
from app.domain.errors import Problem, UserError
from app.domain.identity import derived_assessment_id, valid_assessment_id
from app.domain.questionnaire import Item, Questionnaire
from app.domain.values import coerce, parse_date, parse_number
from app.domain.vocabulary import ACTION_STATUSES
from app.storage import preserve

SHOWN_CHARS = 80  # longest value quoted back in a message
MAX_REALISED_HOURS = quality.MAX_REALISED_HOURS
# top-level keys the app always writes itself; the containers are compared only when of the wrong type
_OWNED = frozenset({"format", "format_version", "app_version", "questionnaire", "modified", "unplaced",
                    "autosave"})  # "autosave": the autosave slot's own note (app.storage.autosave)
_CONTAINERS: dict[str, type] = {"info": dict, "tasks": list, "analysis": dict, "measures": dict, "actions": list}
_LISTED = 5  # names quoted in a notice


def shown(value: Any) -> str:
    """A value quoted back to the user, cut to a readable length."""
    text = value if isinstance(value, str) else repr(value)
    return text if len(text) <= SHOWN_CHARS else text[:SHOWN_CHARS] + "…"


def task_dict(t: Task) -> dict[str, Any]:
    """A task as written (before what was kept is put back)."""
    return {"id": t.id, "answers": t.answers}


def choice_dict(c: MeasureChoice) -> dict[str, Any]:
    """A measure choice as written."""
    return {"chosen": c.chosen, "answers": c.answers}


def action_dict(x: Action) -> dict[str, Any]:
    """An action as written."""
    return {"id": x.id, "task_id": x.task_id, "measure_id": x.measure_id,
            **{k: getattr(x, k) for k in ("owner", "deadline", "first_step", "kpi", "baseline", "target",
                                          "review_date", "review_date_manual", "support", "status", "done_date",
                                          "realised_hours", "note", "before", "after", "comment", "tips", "shareable")},
            "history": [{"date": h.date, "status": h.status, "realised_hours": h.realised_hours, "note": h.note}
                        for h in x.history]}

# the dates of an action line, each with the item the screens check it by (the done date: the follow-up window's)
_ACTION_DATES = {**{k: i for k, i in ACTION_ITEMS.items() if i.type == "date"}, "done_date": FOLLOW_UP_ITEMS["date"]}


class Reader:
    """Builds an Assessment from parsed JSON, collecting field problems instead of stopping."""

    def __init__(self, q: Questionnaire, name: str) -> None:
        self.q = q
        self.name = name
        self.problems: list[Problem] = []
        self.unplaced: dict[str, Any] = {}
        self.invalid: list[str] = []  # unplaced because the value does not fit (A019), not for want of a place
        self.kept: list[str] = []  # names of what was kept as found (A020)

    def shape(self, value: Any, kind: type, where: str, entry: bool = False) -> Any:
        """``value`` if it is a ``kind``, else an empty one and a problem; an absent (null) value is no problem,
        unless it is an ``entry`` of a list or an object (a null task, action or measure is not an empty one)."""
        if isinstance(value, kind):
            return value
        if value is not None or entry:
            self.problems.append(Problem("A013", {"field": where, "expected": type_words(kind.__name__),
                                                  "got": type_words(type(value).__name__)}, self.name, where=where))
        return kind()

    def keep(self, target: Task | MeasureChoice | Action | Assessment, raw: Any, written: dict[str, Any],
             where: str, skip: set[str] | frozenset[str] = frozenset(), *, entry: bool = False) -> None:
        """Remember what ``raw`` holds beyond ``written`` (what the app makes of it) on ``target``; an ``entry``
        that is null is kept as null (saved as it was until someone fills it in)."""
        if isinstance(raw, dict):
            target.extra, target.kept = preserve.split(raw, written, skip)
        elif raw is not None or entry:
            target.extra, target.kept = {}, {preserve.WHOLE: (raw, written)}
        self.kept += preserve.names(where, target.extra, target.kept)

    def answers(self, raw: Any, items: dict[str, Item], where: str) -> dict[str, Any]:
        out: dict[str, Any] = {}
        for key, value in self.shape(raw, dict, where).items():
            item = items.get(key)
            if item is None or not item.is_input:
                if item is None:
                    self.unplaced[f"{where}.{key}"] = value
                continue
            try:
                coerced = coerce(item, value, f"{where}.{key}")
            except UserError as exc:
                self.problems.extend(Problem(p.code, {k: shown(v) if isinstance(v, str | list | dict) else v
                                                      for k, v in p.params.items()}, self.name, where=p.where)
                                     for p in exc.problems)
                self.unplaced[f"{where}.{key}"] = value
                self.invalid.append(f"{where}.{key}")
                continue
            if coerced is not None:
                out[key] = coerced
        return out

    def assessment(self, data: dict[str, Any]) -> Assessment:
        q = self.q
        stamp = self.shape(data.get("questionnaire"), dict, "questionnaire")
        qid, qver = str(stamp.get("id", q.id)), str(stamp.get("version", q.version))
        if (qid, qver) != (q.id, q.version):
            self.problems.append(Problem("A014", {"id": qid, "version": qver, "current": q.version}, self.name))
        a = Assessment(
            questionnaire_id=q.id, questionnaire_version=q.version,
            info=self.answers(data.get("info"), {i.id: i for i in q.items_of("page")}, "info"),
            tasks=self.tasks(data.get("tasks")), focus=None, analysis=self.analysis(data.get("analysis")),
            measures=self.measures(data.get("measures")), actions=self.actions(data.get("actions")),
            created=str(data.get("created") or ""), modified=str(data.get("modified") or ""),
            lang="en" if data.get("lang") == "en" else "ja",
        )
        focus_raw = data.get("focus")
        a.focus = [str(x) for x in focus_raw] if isinstance(focus_raw, list) else None
        a.assessment_id = valid_assessment_id(data.get("assessment_id")) or derived_assessment_id(
            a.created, a.info.get("department"), a.info.get("section"))
        pack = data.get("pack")
        if isinstance(pack, dict) and all(isinstance(pack.get(k), str) for k in ("id", "version")) and len(pack) == 2:
            a.pack = {"id": pack["id"], "version": pack["version"]}
        top = {k: v for k, v in data.items()
               if k not in _OWNED and not (k in _CONTAINERS and isinstance(v, _CONTAINERS[k]))}
        empty = {k: t() for k, t in _CONTAINERS.items()}
        self.keep(a, top, {**empty, "focus": a.focus, "lang": a.lang, "created": a.created,
                           "assessment_id": a.assessment_id, **({"pack": a.pack} if a.pack else {})}, "")
        previous = data.get("unplaced")
        if isinstance(previous, dict):
            self.unplaced = {**previous, **self.unplaced}
            self.invalid += [k for k in previous if q.has_item(k.rpartition(".")[2]) and k not in self.invalid]
        elif previous is not None:
            self.unplaced["unplaced"] = previous
        a.unplaced = self.unplaced
        self.notices()
        return a

    def notices(self) -> None:
        invalid = set(self.invalid)
        no_place = sorted(k for k in self.unplaced if k not in invalid)
        for code, keys in (("A015", no_place), ("A019", sorted(invalid)), ("A020", self.kept)):
            if keys:
                self.problems.append(Problem(code, {"count": len(keys), "ids": ", ".join(keys[:_LISTED])
                                                    + (" …" if len(keys) > _LISTED else "")}, self.name))

    def tasks(self, raw: Any) -> list[Task]:
        grid = {i.id: i for i in self.q.items_of("task_grid")}
        tasks: list[Task] = []
        seen: set[str] = set()
        for n, raw_entry in enumerate(self.shape(raw, list, "tasks")):
            entry = self.shape(raw_entry, dict, f"tasks[{n}]", entry=True)
            raw_id = entry.get("id")
            tid = str(raw_id) if isinstance(raw_id, str | int) and not isinstance(raw_id, bool) and raw_id != "" \
                else f"t{n + 1}"
            renamed = tid in seen
            if renamed:
                self.problems.append(Problem("A016", {"id": tid}, self.name, where=f"tasks[{n}]"))
                tid = f"{tid}_{n + 1}"
            seen.add(tid)
            task = Task(tid, self.answers(entry.get("answers"), grid, f"tasks[{n}]"))
            skip = {"answers"} if isinstance(entry.get("answers"), dict) else set()
            if renamed:
                skip.add("id")  # a second "t1" becomes "t1_2" on purpose: its analysis and actions follow it
            self.keep(task, raw_entry, task_dict(task), f"tasks[{n}]", skip, entry=True)
            tasks.append(task)
        return tasks

    def analysis(self, raw: Any) -> dict[str, dict[str, Any]]:
        items = {i.id: i for i in self.q.items_of("task_analysis")}
        out: dict[str, dict[str, Any]] = {}
        for tid, v in self.shape(raw, dict, "analysis").items():
            if not isinstance(v, dict) and v is not None:
                self.unplaced[f"analysis.{tid}"] = v
            out[str(tid)] = self.answers(v, items, f"analysis.{tid}")
        return out

    def measures(self, raw: Any) -> dict[str, dict[str, MeasureChoice]]:
        known = {m.id: m for m in self.q.measures}
        out: dict[str, dict[str, MeasureChoice]] = {}
        for tid, per in self.shape(raw, dict, "measures").items():
            if not isinstance(per, dict) and per is not None:
                self.unplaced[f"measures.{tid}"] = per
            for mid, raw_entry in self.shape(per, dict, f"measures.{tid}").items():
                where = f"measures.{tid}.{mid}"
                if mid not in known:
                    self.unplaced[where] = raw_entry
                    continue
                entry = self.shape(raw_entry, dict, where, entry=True)
                items = {i.id: i for i in (*self.q.measure_items, *known[mid].items)}
                choice = MeasureChoice(bool(entry.get("chosen")), self.answers(entry.get("answers"), items, where))
                skip = {"answers"} if isinstance(entry.get("answers"), dict) else set()
                self.keep(choice, raw_entry, choice_dict(choice), where, skip, entry=True)
                out.setdefault(str(tid), {})[mid] = choice
        return out

    def actions(self, raw: Any) -> list[Action]:
        out: list[Action] = []
        for n, raw_entry in enumerate(self.shape(raw, list, "actions")):
            where = f"actions[{n}]"
            entry = self.shape(raw_entry, dict, where, entry=True)
            action = Action(id=str(entry.get("id") or f"a{n + 1}"), task_id=str(entry.get("task_id", "")),
                            measure_id=str(entry.get("measure_id", "")))
            for key in ACTION_TEXT_FIELDS:
                value = entry.get(key)
                if isinstance(value, str):
                    setattr(action, key, value)
            action.review_date_manual = entry.get("review_date_manual") is True
            for key, item in _ACTION_DATES.items():
                value = getattr(action, key)
                if value.strip() and parse_date(value) is None:  # kept as typed; the screens ask for a date
                    self.problems.append(Problem("A007", {"field": line_field(n, item.label), "value": shown(value)},
                                                 self.name, where=f"{where}.{key}"))
            status = entry.get("status")
            action.status = status if status in ACTION_STATUSES else "not_started"
            if status is not None and status not in ACTION_STATUSES:
                self.problems.append(Problem("A004", {"field": line_field(n, STATUS_LABEL), "value": shown(status)},
                                             self.name, where=f"{where}.status"))
            action.realised_hours = self.hours(entry.get("realised_hours"), f"{where}.realised_hours",
                                               line_field(n, FOLLOW_UP_ITEMS["realised_hours"].label))
            action.shareable = entry.get("shareable") is True  # 庁内で共有してよい: only an explicit true
            for h in self.shape(entry.get("history"), list, f"{where}.history"):
                if isinstance(h, dict) and h.get("status") in ACTION_STATUSES:
                    action.history.append(FollowUp(str(h.get("date", "")), str(h["status"]),
                                                   hours(h.get("realised_hours")), str(h.get("note", ""))))
            self.keep(action, raw_entry, action_dict(action), where, entry=True)
            out.append(action)
        return out

    def hours(self, raw: Any, where: str, field: Words | None = None) -> float | None:
        """Realised hours, or None with a problem naming ``field`` (the value as found is kept, A020)."""
        value = hours(raw)
        problem = quality.hours_problem(raw, where, field) if value is None else None
        if problem is not None:
            self.problems.append(Problem(problem.code, problem.params, self.name, where=where))
        return value


def hours(raw: Any) -> float | None:
    """Realised hours as stored (a number, or text as typed); None when not a usable number of hours."""
    value = parse_number(raw) if isinstance(raw, str) else raw
    if isinstance(value, bool) or not isinstance(value, int | float):
        return None
    try:
        result = float(value)
    except OverflowError:  # an integer of hundreds of digits
        return None
    return result if math.isfinite(result) and 0 <= result <= MAX_REALISED_HOURS else None

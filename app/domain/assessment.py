"""An assessment: one department's answers, focus ticks, measure choices and action plan.

This is the state the wizard edits and the file stores. Widgets never hold state of their own:
any page can be rebuilt from an :class:`Assessment`.
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass, field
from typing import Any

ACTION_TEXT_FIELDS = ("owner", "deadline", "first_step", "kpi", "baseline", "target", "review_date", "support",
                      "done_date", "note", "comment", "tips", "before", "after")


@dataclass
class Task:
    """One row of the task inventory; ``answers`` keys are the task grid's item ids."""

    id: str
    answers: dict[str, Any] = field(default_factory=dict)
    # kept as found in the file (app.storage.preserve): keys this app does not know, and values it could not
    # use with what it read instead; written back unchanged while the app's value is still what it read
    extra: dict[str, Any] = field(default_factory=dict, repr=False)
    kept: dict[str, tuple[Any, Any]] = field(default_factory=dict, repr=False)

    @property
    def name(self) -> str:
        """The task's name (``業務名``), or an empty string."""
        value = self.answers.get("name")
        return value if isinstance(value, str) else ""


@dataclass
class MeasureChoice:
    """A measure considered for a focus task: whether it was chosen, and the per-measure answers."""

    chosen: bool = False
    answers: dict[str, Any] = field(default_factory=dict)
    # kept as found in the file (app.storage.preserve): keys this app does not know, and values it could not
    # use with what it read instead; written back unchanged while the app's value is still what it read
    extra: dict[str, Any] = field(default_factory=dict, repr=False)
    kept: dict[str, tuple[Any, Any]] = field(default_factory=dict, repr=False)


@dataclass
class FollowUp:
    """One review of an action (振り返り), kept as history in the file."""

    date: str
    status: str
    realised_hours: float | None = None
    note: str = ""


@dataclass
class Action:
    """One line of the action plan: who does what by when, and what happened afterwards."""

    id: str
    task_id: str
    measure_id: str
    owner: str = ""
    deadline: str = ""
    first_step: str = ""
    kpi: str = ""
    baseline: str = ""
    target: str = ""
    review_date: str = ""
    review_date_manual: bool = False  # set by hand: no longer follows the deadline
    support: str = ""
    status: str = "not_started"
    done_date: str = ""
    realised_hours: float | None = None
    note: str = ""
    # for the success-story sheet (改善事例シート)
    before: str = ""
    after: str = ""
    comment: str = ""
    tips: str = ""
    history: list[FollowUp] = field(default_factory=list)
    # kept as found in the file (app.storage.preserve): keys this app does not know, and values it could not
    # use with what it read instead; written back unchanged while the app's value is still what it read
    extra: dict[str, Any] = field(default_factory=dict, repr=False)
    kept: dict[str, tuple[Any, Any]] = field(default_factory=dict, repr=False)
    shareable: bool = False  # 庁内で共有してよい（課長確認済み）: may go into the office's case catalogue


@dataclass
class Assessment:
    """Everything a department enters; saved as a ``kaizen-assessment`` JSON file."""

    questionnaire_id: str
    questionnaire_version: str
    info: dict[str, Any] = field(default_factory=dict)
    tasks: list[Task] = field(default_factory=list)
    focus: list[str] | None = None  # None: the default Pareto selection
    analysis: dict[str, dict[str, Any]] = field(default_factory=dict)
    measures: dict[str, dict[str, MeasureChoice]] = field(default_factory=dict)
    actions: list[Action] = field(default_factory=list)
    created: str = ""
    modified: str = ""
    lang: str = "ja"
    # answers the current questionnaire has no place for; kept and written back unchanged
    unplaced: dict[str, Any] = field(default_factory=dict)
    # kept as found in the file (app.storage.preserve): keys this app does not know, and values it could not
    # use with what it read instead; written back unchanged while the app's value is still what it read
    extra: dict[str, Any] = field(default_factory=dict, repr=False)
    kept: dict[str, tuple[Any, Any]] = field(default_factory=dict, repr=False)
    assessment_id: str = ""  # stable across copies: a UUID at creation, derived for older files
    pack: dict[str, str] = field(default_factory=dict)  # {"id", "version"} of the pack whose questionnaire was used

    def task(self, task_id: str) -> Task:
        """The task with ``task_id`` (``KeyError`` if none)."""
        for t in self.tasks:
            if t.id == task_id:
                return t
        raise KeyError(task_id)

    def new_task_id(self) -> str:
        """A task id not used yet (``t1``, ``t2`` …)."""
        used = {t.id for t in self.tasks}
        return next(f"t{n}" for n in itertools.count(len(self.tasks) + 1) if f"t{n}" not in used)

    def add_task(self, answers: dict[str, Any] | None = None) -> Task:
        """Append a task with a fresh id."""
        task = Task(self.new_task_id(), dict(answers or {}))
        self.tasks.append(task)
        return task

    def add_tasks(self, many: list[dict[str, Any]]) -> list[Task]:
        """Append tasks with fresh ids in one pass (an import of 20,000 rows; ``add_task`` each would be quadratic)."""
        used = {t.id for t in self.tasks}
        counter = itertools.count(len(self.tasks) + 1)
        added: list[Task] = []
        for answers in many:
            task_id = next(f"t{n}" for n in counter if f"t{n}" not in used)
            used.add(task_id)
            added.append(Task(task_id, dict(answers or {})))
        self.tasks.extend(added)
        return added

    def remove_task(self, task_id: str) -> None:
        """Delete a task and everything that hangs off it (analysis, measures, actions, focus tick)."""
        self.tasks = [t for t in self.tasks if t.id != task_id]
        self.analysis.pop(task_id, None)
        self.measures.pop(task_id, None)
        self.actions = [a for a in self.actions if a.task_id != task_id]
        if self.focus is not None:
            self.focus = [f for f in self.focus if f != task_id]

    def measure_choice(self, task_id: str, measure_id: str) -> MeasureChoice:
        """The (possibly new) choice record of ``measure_id`` for ``task_id``."""
        return self.measures.setdefault(task_id, {}).setdefault(measure_id, MeasureChoice())

    def action(self, action_id: str) -> Action:
        """The action with ``action_id`` (``KeyError`` if none)."""
        for a in self.actions:
            if a.id == action_id:
                return a
        raise KeyError(action_id)

    def new_action_id(self) -> str:
        """An action id not used yet (``a1``, ``a2`` …)."""
        used = {a.id for a in self.actions}
        return next(f"a{n}" for n in itertools.count(len(self.actions) + 1) if f"a{n}" not in used)

"""What pages may ask of the window: small protocols instead of the concrete Wizard (no import cycle in app.gui).

Step pages get a :class:`PageHost`; Home and the output step, which open and write files, get the
slightly wider :class:`HomeHost` and :class:`OutputHost` (with the document as ``doc``).
:class:`app.gui.controller.Wizard` satisfies them all, and :class:`DocumentHost` for its composed document.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol

if TYPE_CHECKING:
    from app import service
    from app.domain.assessment import Assessment
    from app.domain.questionnaire import Questionnaire
    from app.domain.results import AssessmentResult, TaskResult
    from app.gui.prefs import Prefs


class PageHost(Protocol):
    """The model a step page shows and edits, and where the user is."""

    lang: str  # the window's language (a preference, not part of the document)
    q: Questionnaire
    a: Assessment
    current_task: str | None  # the focus task the per-task pages show
    revision: int  # bumped on every change of the model: pages cache what they built per revision
    next_button: Any  # the navigation's 次へ, where Ctrl+Tab leaves a grid for

    def changed(self) -> None:
        """The page changed the model: mark unsaved, autosave, update the step list."""

    def update_sidebar(self) -> None:
        """Update the step list's marks now (after a change made in another window)."""

    def result(self) -> AssessmentResult:
        """The scored assessment of the current revision."""

    def focus_tasks(self) -> list[TaskResult]:
        """The focus tasks, most hours first."""


class RefreshablePage(Protocol):
    """A built page that can show the model again."""

    def refresh(self) -> None:
        """Rebuild the widgets' contents from the model."""


class NavigationHost(PageHost, Protocol):
    """A page that sends the user to another step (the output step's to-do list)."""

    current: int  # the step shown (-1: Home)

    @property
    def pages(self) -> Mapping[int, RefreshablePage]:
        """The pages built so far, by step index."""

    def go(self, index: int) -> bool:
        """Show step ``index``; False when the current page refused to leave."""


class DocumentHandle(Protocol):
    """What Home and the output step ask of the open document (:class:`app.gui.session.Document`)."""

    path: Path | None
    pdf_path: Path | None
    dirty: bool
    slot: str  # the autosave slot of the open document (not offered for recovery)
    autosave_folder: Path | None

    def start_new(self, info: dict[str, Any]) -> None:
        """Begin a new assessment with the basic information."""

    def open_dialog(self) -> None:
        """Ask for a file and open it."""

    def open_path(self, path: Path, confirmed: bool = False, keep_path: bool = True) -> bool:
        """Open ``path``; False when it could not be opened."""

    def recover(self, pending: service.Recovery) -> None:
        """Reopen autosaved work."""

    def discard_recovery(self, pending: service.Recovery) -> None:
        """Throw an autosave away."""

    def default_name(self, suffix: str, prefix: str = "") -> str:
        """A file name for an output: the prefix, the department and the date."""

    def save(self) -> bool:
        """Save the document (asking for a name the first time)."""

    def report(self, exc: BaseException, context: str = "window") -> None:
        """Show a user error plainly, log anything else."""


class HomeHost(PageHost, Protocol):
    """Home starts, opens and recovers documents and shows the recent files."""

    prefs: Prefs
    current: int  # the step shown (-1: Home)

    @property
    def doc(self) -> DocumentHandle:
        """The open document."""


class OutputHost(NavigationHost, Protocol):
    """The output step writes files next to the document and saves it."""

    @property
    def doc(self) -> DocumentHandle:
        """The open document."""


class SavingPage(Protocol):
    """What the document asks of a page before it is written."""

    def before_save(self) -> None:
        """Tidy the model before it is written."""

    def unfitted(self) -> int:
        """Typed values that do not fit yet."""


class DocumentHost(Protocol):
    """The window a :class:`app.gui.session.Document` serves: the model, the pages and where the user is."""

    root: Any  # the customtkinter root window
    q: Questionnaire
    a: Assessment
    lang: str
    prefs: Prefs
    started: bool
    current: int

    @property
    def pages(self) -> Mapping[int, SavingPage]:
        """The pages built so far, by step index."""

    def set_assessment(self, a: Assessment) -> None:
        """Start editing ``a``."""

    def go(self, index: int) -> bool:
        """Show step ``index``."""

    def update_title(self) -> None:
        """Show the file name and the unsaved mark."""

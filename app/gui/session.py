"""The document the wizard edits: new/open/save/save as, recent files, autosave, recovery, close, errors."""

from __future__ import annotations

import types
from pathlib import Path
from typing import TYPE_CHECKING, Any

from app import service
from app.domain.errors import UserError
from app.gui import dialogs, prefs
from app.gui.strings import ui

if TYPE_CHECKING:
    from app.domain.assessment import Assessment
    from app.domain.errors import Problem
    from app.domain.questionnaire import Questionnaire
    from app.gui.host import DocumentHost

AUTOSAVE_DELAY_MS = 1500


class Document:
    """The document the window edits, composed into :class:`app.gui.controller.Wizard` as ``wizard.doc``.

    It knows where the assessment lives (path, read-only source), whether it is saved, its autosave slot
    and the last plan written; the window it serves is a :class:`app.gui.host.DocumentHost`.
    """

    def __init__(self, host: DocumentHost) -> None:
        self.host = host
        self.path: Path | None = None
        self.read_only_source: Path | None = None  # a file from a newer app, opened read-only: never written
        self.dirty = False
        self.pdf_path: Path | None = None
        self.slot = service.new_slot(None)
        self.autosave_folder: Path | None = None  # None: the user's data folder (tests pass a temporary one)
        self.last_autosave: Path | None = None
        self._autosave_job: str | None = None
        host.root.report_callback_exception = self._callback_error
        host.root.protocol("WM_DELETE_WINDOW", self.close_window)

    # --- documents -----------------------------------------------------------------------------
    def start_new(self, info: dict[str, Any]) -> None:
        """Begin a new assessment with the basic information from Home."""
        if not self.confirm_discard():
            return
        self._forget_autosave()
        self.path = None
        self.pdf_path = None
        self.slot = service.new_slot(None)
        self.host.set_assessment(service.new_assessment(self.host.q, info, self.host.lang))
        self.dirty = True
        self.schedule_autosave()
        self.host.go(0)

    def open_dialog(self) -> None:
        """Ask for a file and open it."""
        if not self.confirm_discard():
            return
        path = dialogs.ask_open_path(self.host.root, self.host.lang)
        if path is not None:
            self.open_path(path, confirmed=True)

    def open_path(self, path: Path, confirmed: bool = False, keep_path: bool = True) -> bool:
        """Open an assessment file; what happened on the way (migrated, answers kept …) is shown once.

        A file that cannot be read is reported and the current work stays as it was (nothing is
        replaced and its autosave is kept).
        """
        if not confirmed and not self.confirm_discard():
            return False
        try:
            opened = service.open_assessment(path)
        except UserError as exc:
            self.report(exc)
            return False
        writable = keep_path and not opened.read_only and path.resolve() != service.example_assessment_path().resolve()
        self._adopt(opened.questionnaire, opened.assessment, opened.problems, path if writable else None)
        self.read_only_source = path if opened.read_only else None
        self.host.update_title()
        if writable:
            self.host.prefs.add_recent(path)
            self.save_prefs()
        self._tell_what_happened(path, opened.problems)
        self._offer_note_titles()
        self.host.go(0)
        return True

    def _offer_note_titles(self) -> None:
        """A file made before titles: offer each chosen measure's note (its first line) as what will be done."""
        from app.domain.plan import apply_note_titles, note_titles

        h = self.host
        offered = note_titles(h.q, h.a)
        if not offered or self.read_only_source is not None:
            return
        lines = [f"・{h.q.measure(mid).label.get(h.lang)}: {title}" for _tid, mid, title in offered]
        if dialogs.yes_no(h.root, "\n".join([ui("note_titles", h.lang), "", *lines]), h.lang):
            apply_note_titles(h.q, h.a, offered)
            h.set_assessment(h.a)  # rescored, every page shows the titles
            self.dirty = True
            self.schedule_autosave()

    def _adopt(self, q: Questionnaire, a: Assessment, problems: list[Problem], path: Path | None) -> None:
        self._forget_autosave()
        self.host.q = q
        self.path = path
        self.pdf_path = None
        self.slot = service.new_slot(path)
        self.read_only_source = None
        self.host.set_assessment(a)
        self.dirty = False

    def _tell_what_happened(self, path: Path, problems: list[Problem]) -> None:
        # once, in a plain list: migrated (A018), answers kept that have no place (A015), questionnaire
        # version gone (A014), values refused field by field, newer file opened read-only (A011)
        lines = [f"・{p.message(self.host.lang)}" for p in problems]
        if self.read_only_source is not None:
            lines.append(f"・{ui('read_only', self.host.lang)}")
        if lines:
            dialogs.info(self.host.root, "\n".join([ui("opened_notes", self.host.lang, name=path.name), "", *lines]),
                         self.host.lang)

    def recover(self, pending: service.Recovery) -> None:
        """Reopen autosaved work, read with the same checks as a file; it stays unsaved until the user saves it."""
        if not self.confirm_discard():
            return
        try:
            result = service.recover(pending)
        except UserError as exc:
            self.report(exc)
            return
        source = pending.source if pending.source is not None and pending.source.exists() else None
        if result.read_only:
            source = None  # never overwrite what a newer app wrote: it is saved under another name
        self._adopt(result.questionnaire, result.assessment, result.problems, source)
        self.read_only_source = pending.source if result.read_only else None
        self.slot = pending.slot
        self.dirty = True
        self.host.update_title()
        self._tell_what_happened(pending.source or pending.path, result.problems)
        self.host.go(0)

    def discard_recovery(self, pending: service.Recovery) -> None:
        """Throw an autosave away."""
        service.discard_recovery(pending)

    def save(self) -> bool:
        """Save to the current file, or ask for a name the first time (always, for a read-only file)."""
        if not self.host.started:
            return False
        if self.read_only_source is not None:
            lang = self.host.lang
            dialogs.info(self.host.root, ui("read_only_save", lang, name=self.read_only_source.name), lang)
            return self.save_as()
        if self.path is None:
            return self.save_as()
        return self._write(self.path)

    def save_as(self) -> bool:
        """Save under a new name."""
        if not self.host.started:
            return False
        if self.read_only_source is not None:
            initial = service.free_name(self.read_only_source)  # beside the newer file, never the same name
        else:
            initial = self.path or (Path.home() / self.default_name(service.ASSESSMENT_SUFFIX))
        path = dialogs.ask_save_path(self.host.root, initial, lang=self.host.lang)
        if path is None:
            return False
        if not path.name.endswith(".json"):
            path = path.with_name(path.name + service.ASSESSMENT_SUFFIX)
        old_slot = self.slot
        if not self._write(path):
            return False
        service.clear_autosave(old_slot, self.autosave_folder)
        self.slot = service.new_slot(path)
        return True

    def _write(self, path: Path) -> bool:
        if self.host.current in self.host.pages:
            self.host.pages[self.host.current].before_save()
        unfitted = sum(page.unfitted() for page in self.host.pages.values())
        lang = self.host.lang
        if unfitted and not dialogs.yes_no(self.host.root, ui("save_unfitted", lang, count=unfitted), lang):
            return False
        try:
            service.save_assessment(self.host.a, path)
        except UserError as exc:
            self.report(exc)
            return False
        self.path = path
        self.read_only_source = None  # a copy in this app's format now: saving it again is fine
        self.dirty = False
        self._forget_autosave()
        self.host.prefs.add_recent(path)
        self.save_prefs()
        self.host.update_title()
        return True

    def default_name(self, suffix: str, prefix: str = "") -> str:
        """A file name from the department and session date (行動計画_区民課_2026-10-15.pdf)."""
        parts = [prefix] if prefix else []
        for key in ("department", "session_date"):
            value = self.host.a.info.get(key)
            if isinstance(value, str) and value.strip():
                parts.append("".join(c for c in value.strip() if c not in '\\/:*?"<>|'))
        return "_".join(parts or ["kaizen"]) + suffix

    def confirm_discard(self) -> bool:
        """Ask about unsaved changes; True when it is fine to go on."""
        if not (self.host.started and self.dirty):
            return True
        lang = self.host.lang
        answer = dialogs.ask(self.host.root, ui("unsaved_title", lang), ui("unsaved_body", lang),
                             [("save", ui("btn_save", lang)), ("discard", ui("btn_dont_save", lang)),
                              ("cancel", ui("btn_cancel", lang))], lang)
        if answer == "save":
            return self.save()
        return answer == "discard"

    def close_window(self) -> None:
        """The window's close button: offer to save, then leave nothing stale behind."""
        if not self.confirm_discard():
            return
        self._forget_autosave()
        self.save_prefs()
        self.host.root.quit()

    def save_prefs(self) -> None:
        """Write the window settings (never raises)."""
        prefs.save(self.host.prefs)

    # --- autosave ------------------------------------------------------------------------------
    def schedule_autosave(self) -> None:
        """Autosave a moment after the last change (debounced so typing stays smooth)."""
        if self._autosave_job is not None:
            self.host.root.after_cancel(self._autosave_job)
        self._autosave_job = self.host.root.after(AUTOSAVE_DELAY_MS, self.autosave_now)

    def autosave_now(self) -> Path | None:
        """Write the autosave slot now; a failure is logged, never shown in the middle of typing."""
        self._autosave_job = None
        if not (self.host.started and self.dirty):
            return None
        try:
            self.last_autosave = service.autosave(self.host.a, self.slot, self.path, self.autosave_folder)
        except (UserError, OSError):
            from app.logs import log_exception

            log_exception("autosave")
            return None
        return self.last_autosave

    def _forget_autosave(self) -> None:
        if self._autosave_job is not None:
            self.host.root.after_cancel(self._autosave_job)
            self._autosave_job = None
        service.clear_autosave(self.slot, self.autosave_folder)

    # --- errors ----------------------------------------------------------------------------------
    def report(self, exc: BaseException, context: str = "window") -> None:
        """User errors plainly; anything else logged, with the log file named in the dialog."""
        if isinstance(exc, UserError):
            dialogs.show_error(self.host.root, exc, self.host.lang)  # plainly; errno and the like folded away
            return
        from app.logs import log_exception

        try:
            raise exc
        except BaseException:
            where = log_exception(context)
        dialogs.error(self.host.root, ui("internal_error", self.host.lang, path=where), self.host.lang)
        if self.host.started and self.dirty:
            self.autosave_now()

    def _callback_error(self, exc_type: type[BaseException], value: BaseException,
                        tb: types.TracebackType | None) -> None:
        # a Tk callback error must never pass silently: log it and tell the user where
        self.report(value.with_traceback(tb), "tk callback")

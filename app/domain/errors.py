"""The exception tree: every error a user can cause is a ``UserError`` with a catalogue message.

::

    KaizenError                 root of everything this program raises on purpose
    ├── UserError               bad input; shown plainly (Japanese first), never with a traceback
    │   ├── ExpressionError     a questionnaire expression that does not parse or is too complex
    │   ├── QuestionnaireError  a questionnaire file with one or more problems (``.problems``)
    │   ├── AssessmentError     an assessment file that cannot be read, or values that do not fit
    │   ├── StorageError        a file that cannot be written or read (permission, locked, disk full)
    │   └── ReportError         a PDF that cannot be produced from the given input
    └── InternalError           a bug; logged with a pointer to the log file

Messages come from :mod:`app.domain.messages`, so that the tests, the CLI and the GUI all use the
same catalogue and every message exists in Japanese and English.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from app.domain.messages import format_message


class KaizenError(Exception):
    """Root of the program's own exceptions."""


@dataclass(frozen=True)
class Problem:
    """One thing wrong with an input, located as precisely as we can.

    ``path`` is the file (or a logical name such as ``<string>``); ``line`` and ``column`` are
    1-based and 0 when unknown; ``code`` is a catalogue key such as ``Q101``; ``params`` fill the
    catalogue text; ``where`` names the field inside the file (``tasks[3].annual_cases``).
    """

    code: str
    params: dict[str, object] = field(default_factory=dict)
    path: str = ""
    line: int = 0
    column: int = 0
    where: str = ""

    def message(self, lang: str = "ja") -> str:
        """The catalogue text with its fix-it hint, in ``lang``."""
        return format_message(self.code, lang, **self.params)

    def render(self, lang: str = "ja") -> str:
        """``PATH:LINE:COLUMN: CODE message`` (location parts left out when unknown; no file, no ``<input>:``)."""
        loc = self.path or ("<input>" if self.line else "")
        if self.line:
            loc += f":{self.line}:{self.column or 1}"
        where = f" [{self.where}]" if self.where else ""
        return f"{loc + ': ' if loc else ''}{self.code}{where} {self.message(lang)}"


class UserError(KaizenError):
    """An error caused by input the user can fix; carries one or more :class:`Problem` s."""

    def __init__(self, problems: list[Problem] | Problem) -> None:
        self.problems: list[Problem] = problems if isinstance(problems, list) else [problems]
        super().__init__(self.render("en"))

    def render(self, lang: str = "ja") -> str:
        """All problems, one per line."""
        return "\n".join(p.render(lang) for p in self.problems)

    @property
    def code(self) -> str:
        """The code of the first problem (handy in tests and dialogs)."""
        return self.problems[0].code


class ExpressionError(UserError):
    """An expression that cannot be parsed, is too long or too deep, or calls an unknown function."""


class QuestionnaireError(UserError):
    """A questionnaire file with problems; all of them are collected before raising."""


class AssessmentError(UserError):
    """An assessment file that cannot be read or holds values that do not fit the questionnaire."""


class StorageError(UserError):
    """A file system failure the user can act on: permission, locked file, disk full, missing file."""


class ReportError(UserError):
    """The PDF cannot be produced (for example the font is missing)."""


class InternalError(KaizenError):
    """A bug: something that should never happen whatever the input."""

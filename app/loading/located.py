"""Parsed questionnaire data that remembers where each value stood, and reading a source file with its size cap.

Kept apart from :mod:`app.loading.yaml_safe` so that code which only handles already-parsed data (the
validators, the parse cache) does not import the YAML library.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from app.domain.capped import read_at_most
from app.domain.errors import Problem, QuestionnaireError

MAX_BYTES = 2 * 1024 * 1024  # 2 MB (2,097,152 bytes); standard.yaml is about 90 KB


class Located(dict[str, Any]):
    """A mapping that remembers where it and each of its keys stand in the file."""

    line: int = 0
    column: int = 0
    key_pos: dict[str, tuple[int, int]]


class LocatedList(list[Any]):
    """A sequence that remembers where it and each of its entries stand in the file."""

    line: int = 0
    column: int = 0
    item_pos: list[tuple[int, int]]


def read_source(path: Path) -> bytes:
    """The bytes of a questionnaire file, refused (Q003) past :data:`MAX_BYTES`; Q001/Q002 when unreadable."""
    name = str(path)
    try:
        size = path.stat().st_size
        if size > MAX_BYTES:
            raise QuestionnaireError(Problem("Q003", {"size": size, "limit": MAX_BYTES}, name))
        with open(path, "rb") as handle:
            data = read_at_most(handle, MAX_BYTES)  # a device (/dev/zero) or a growing file has no size to trust
    except FileNotFoundError:
        raise QuestionnaireError(Problem("Q001", {"path": name}, name)) from None
    except OSError as exc:
        raise QuestionnaireError(Problem("Q002", {"detail": exc.strerror or str(exc)}, name)) from None
    if len(data) > MAX_BYTES:
        raise QuestionnaireError(Problem("Q003", {"size": f"{MAX_BYTES + 1}+", "limit": MAX_BYTES}, name))
    return data

"""Typed text that did not fit, kept per document part and field, so it is shown again with its message."""

from __future__ import annotations

from collections.abc import Iterator


class TypedTexts:
    """What the user typed that does not fit yet, with its message, keyed by the object it belongs to.

    The owner is the dict or object the value would be written into (an answers dict, an action line):
    the text is shown again when that owner is shown again (after Back, another task or line), never
    silently replaced by the last valid value, and it is never mixed up with another document's owner.
    """

    def __init__(self) -> None:
        self._kept: dict[tuple[int, str], tuple[object, object, str]] = {}

    def keep(self, owner: object, field: str, raw: object, message: str) -> None:
        """Remember ``raw`` (as typed) and its message for ``field`` of ``owner``."""
        self._kept[(id(owner), field)] = (owner, raw, message)

    def drop(self, owner: object, field: str) -> None:
        """The field fits again (or is gone): forget what was kept."""
        self._kept.pop((id(owner), field), None)

    def get(self, owner: object, field: str) -> tuple[object, str] | None:
        """The typed text and its message kept for ``field`` of ``owner``, if any."""
        kept = self._kept.get((id(owner), field))
        if kept is None or kept[0] is not owner:
            return None
        return kept[1], kept[2]

    def entries(self) -> Iterator[tuple[object, str, str]]:
        """Every kept (owner, field, message), oldest first."""
        for (_key, field), (owner, _raw, message) in list(self._kept.items()):
            yield owner, field, message

    def clear(self) -> None:
        """Another document is open: what was kept belongs to the previous one."""
        self._kept.clear()

    def __len__(self) -> int:
        return len(self._kept)

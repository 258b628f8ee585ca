"""One bilingual text catalogue: look a key up in Japanese or English and fill in its ``{fields}``.

Every catalogue of the app (error messages, the window's texts, the report's texts, the domain's
vocabulary) is a :class:`Catalogue`, so they all behave the same way:

* a key that is not in the catalogue raises :class:`MissingTextError` (a programming error; a test checks
  that every key built at run time exists in both languages);
* English falls back to Japanese when its text is empty;
* a ``{field}`` without a parameter stays visible as ``{field}`` instead of raising, so one gap never
  hides a message, a page or a dialog;
* a lone surrogate quoted from a damaged file is shown as ``?`` so the text can always be printed and saved.
"""

from __future__ import annotations

import string
from collections.abc import Iterator, Mapping
from typing import NamedTuple

LANGS = ("ja", "en")


class Words(NamedTuple):
    """A parameter that reads differently per language (a type name: 「数値」 / "a number"); filled in per ``lang``."""

    ja: str
    en: str

    def get(self, lang: str) -> str:
        """The words in ``lang``."""
        return self.en if lang == "en" else self.ja


# JSON and YAML kinds of value, as messages name them (A013, A012, Q012)
TYPE_WORDS = {
    "dict": Words("「キー: 値」の組（オブジェクト）", "an object"), "list": Words("一覧（配列）", "a list"),
    "str": Words("文字列", "text"), "int": Words("整数", "a whole number"), "float": Words("数値", "a number"),
    "bool": Words("真偽値（true/false）", "true/false"), "NoneType": Words("空（null）", "null"),
}


def type_words(name: str) -> Words | str:
    """``dict`` → 「「キー: 値」の組」 / "an object"; an unknown name is returned as it is."""
    return TYPE_WORDS.get(name, name)


class MissingTextError(KeyError):
    """A key that a catalogue does not hold."""


class _Defaulting(dict[str, object]):
    def __missing__(self, key: str) -> str:
        return "{" + key + "}"


class Catalogue(Mapping[str, tuple[str, str]]):
    """Texts by key, each a ``(Japanese, English)`` pair; call it to get one text in one language."""

    def __init__(self, name: str, entries: Mapping[str, tuple[str, str]]) -> None:
        self.name = name
        self._entries = dict(entries)
        self._plain: dict[tuple[str, str], str] = {}  # texts without parameters, filled once (exports ask 100,000s)

    def __getitem__(self, key: str) -> tuple[str, str]:
        try:
            return self._entries[key]
        except KeyError:
            raise MissingTextError(f"{self.name}: no text {key!r}") from None

    def __iter__(self) -> Iterator[str]:
        return iter(self._entries)

    def __len__(self) -> int:
        return len(self._entries)

    def template(self, key: str, lang: str = "ja") -> str:
        """The unfilled text of ``key`` in ``lang`` (English falls back to Japanese when it is empty)."""
        ja, en = self[key]
        return en if lang == "en" and en else ja

    def __call__(self, key: str, lang: str = "ja", /, **params: object) -> str:
        """The text ``key`` in ``lang`` with ``params`` filled in."""
        if not params:
            found = self._plain.get((key, lang))
            if found is None:
                found = self._plain[(key, lang)] = self._fill(key, lang, {})
            return found
        return self._fill(key, lang, params)

    def _fill(self, key: str, lang: str, params: dict[str, object]) -> str:
        filled = {k: v.get(lang) if isinstance(v, Words) else v for k, v in params.items()}
        text = string.Formatter().vformat(self.template(key, lang), (), _Defaulting(filled))
        return text.encode("utf-8", "replace").decode("utf-8")

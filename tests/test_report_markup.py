"""User and questionnaire text reaches the PDF as typed: escaping, line breaks, missing glyphs, no markup injection."""

from __future__ import annotations

import io
import unicodedata

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from reportlab.lib.pagesizes import A4
from reportlab.platypus import SimpleDocTemplate

from app import service
from app.domain.vocabulary import VOCABULARY
from app.report import fonts
from app.report.followup_strings import TEXTS as FOLLOWUP_TEXTS
from app.report.markup import MISSING_GLYPH, escape, para, plain
from app.report.strings import TEXTS
from app.report.styles import paragraph_styles
from tests.helpers import EXAMPLE
from tests.report_support import all_text, reader, render, squash

FONT = fonts.register_fonts()
STYLE = paragraph_styles(FONT)["body"]
# Characters the font can draw and that extract back one to one: letters, digits, punctuation and
# symbols (combining marks and compatibility forms may be normalised by the extractor).
PRINTABLE = sorted(
    chr(c) for c in fonts._glyphs
    if unicodedata.category(chr(c))[0] in "LNPS" and unicodedata.normalize("NFKC", chr(c)) == chr(c)
    and c <= 0xFFFF
)


def _pdf_text(value: str) -> str:
    buf = io.BytesIO()
    SimpleDocTemplate(buf, pagesize=A4, invariant=1, initialFontName=FONT).build([para(value, STYLE)])
    return "".join(p.extract_text() or "" for p in reader(buf.getvalue()).pages)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.text(max_size=80))
def test_any_text_renders_without_error(value: str) -> None:
    _pdf_text(value)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.text(alphabet=st.sampled_from(PRINTABLE) | st.sampled_from(list("<>&\"' \n")), max_size=60))
def test_text_the_font_has_comes_out_as_typed(value: str) -> None:
    assert squash(_pdf_text(value)) == squash(value)


@pytest.mark.parametrize(("raw", "markup"), [
    ("<b>太字</b>", "&lt;b&gt;太字&lt;/b&gt;"),
    ("A & B", "A &amp; B"),
    ('"引用" \'x\'', "&quot;引用&quot; &#39;x&#39;"),
    ("1行目\n2行目", "1行目<br/>2行目"),
    ("1行目\r\n2行目", "1行目<br/>2行目"),
    ("制御\x00文字\x07", "制御文字"),
    ("壊れた\ud800サロゲート", "壊れたサロゲート"),
    ("絵文字😀", f"絵文字{MISSING_GLYPH}"),
    ("葛\U000e0100飾区", "葛飾区"),
])
def test_escape(raw: str, markup: str) -> None:
    assert escape(raw) == markup


def test_markup_in_user_text_is_printed_not_obeyed() -> None:
    opened = service.open_assessment(EXAMPLE)
    q, a = opened.questionnaire, opened.assessment
    evil = '<img src="http://example.invalid/x.png"/><a href="http://example.invalid">リンク</a>&amp;'
    a.tasks[0].answers["name"] = evil
    a.info["department"] = "区民課<font size=40>"
    a.actions[0].first_step = "確認する\n次に<b>報告</b>する"
    data = render(q, a)
    body = all_text(data)
    assert squash(evil) in body
    assert "区民課<fontsize=40>" in body
    assert "次に<b>報告</b>する" in body
    assert b"/URI" not in data and b"/XObject" not in data


def test_rare_kanji_and_emoji_do_not_crash_and_show_a_placeholder() -> None:
    opened = service.open_assessment(EXAMPLE)
    q, a = opened.questionnaire, opened.assessment
    a.tasks[0].answers["name"] = "𠮷野家の届出😀髙﨑"
    body = all_text(render(q, a))
    assert "髙﨑" in body
    assert MISSING_GLYPH in body


def test_characters_beyond_the_bmp_print_as_placeholder_not_as_a_wrong_kanji() -> None:
    astral = next(chr(c) for c in sorted(fonts._glyphs) if c > 0xFFFF)
    assert escape(f"の{astral}字") == f"の{MISSING_GLYPH}字"


def test_chart_labels_are_cleaned_too() -> None:
    assert plain("a\nb\x00c😀", 10) == f"a bc{MISSING_GLYPH}"
    assert plain("あいうえおかきくけこさ", 5) == "あいうえ…"


def test_report_texts_hold_no_markup_and_every_glyph_is_in_the_font() -> None:
    for key, (ja, en) in [*TEXTS.items(), *FOLLOWUP_TEXTS.items(), *VOCABULARY.items()]:
        for value in (ja, en):
            assert not set(value) & set("<>&"), key
            assert MISSING_GLYPH not in escape(value), key

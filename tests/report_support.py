"""Helpers for the PDF tests: render, extract text with pypdf, inspect fonts and pages."""

from __future__ import annotations

import datetime as dt
import io
import re
from typing import Any

import pypdf

from app import service
from app.domain.assessment import Assessment
from app.domain.questionnaire import Questionnaire
from app.report.document import render_plan

FIXED = dt.date(2026, 10, 15)


def render(q: Questionnaire, a: Assessment, lang: str = "ja") -> bytes:
    """The plan in reproducible mode."""
    return render_plan(q, a, service.score(q, a), lang=lang, fixed_date=FIXED)


def reader(data: bytes) -> pypdf.PdfReader:
    """A pypdf reader over PDF bytes."""
    return pypdf.PdfReader(io.BytesIO(data))


def squash(text: str) -> str:
    """Text without any whitespace: table cells wrap names over lines, so compare without breaks."""
    return re.sub(r"\s+", "", text)


def page_texts(data: bytes) -> list[str]:
    """The extracted text of every page."""
    return [p.extract_text() or "" for p in reader(data).pages]


def all_text(data: bytes) -> str:
    """The whole document's text, whitespace removed."""
    return squash("".join(page_texts(data)))


def font_dicts(data: bytes) -> list[Any]:
    """Every font dictionary referenced from any page."""
    fonts = []
    for page in reader(data).pages:
        res = page["/Resources"]
        for ref in (res.get("/Font") or {}).values():
            fonts.append(ref.get_object())
    return fonts

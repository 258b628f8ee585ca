"""No network: a whole assessment → PDF run with sockets disabled; markup in input never fetches a URL."""

from __future__ import annotations

import datetime as dt
import io
import socket
from pathlib import Path

import pytest
from pytest_socket import SocketBlockedError

from app import service
from app.domain.assessment import Action, Assessment, MeasureChoice
from tests.helpers import EXAMPLE, easy, standard

pytestmark = pytest.mark.disable_socket

HOSTILE = [
    '<img src="http://127.0.0.1:9/tracker.png"/>',
    "<img src='https://example.invalid/x.png' width='500' height='500'/>",
    '<a href="http://example.invalid/">リンク</a>',
    '<font color="__import__(\'os\')">色</font>',
    "<img src=\"file:///etc/passwd\"/>",
    "<para>段落</para><br/><b>太字</b> &amp; &lt; &#x41; &nbsp; &unknown;",
    "<![CDATA[ x ]]> <!-- c --> <?pi?>",
]


def pdf_text(data: bytes) -> str:
    from pypdf import PdfReader

    return "\n".join(page.extract_text() or "" for page in PdfReader(io.BytesIO(data)).pages)


@pytest.mark.filterwarnings("ignore:A test tried to use socket")
def test_sockets_really_are_disabled() -> None:
    with pytest.raises(SocketBlockedError):
        socket.socket(socket.AF_INET, socket.SOCK_STREAM)


def test_whole_assessment_to_pdf_offline(tmp_path: Path) -> None:
    pytest.importorskip("app.report.document")  # skipped only while the renderer is not written yet
    opened = service.open_assessment(EXAMPLE)
    folder = tmp_path / "業務 改善"
    folder.mkdir()
    saved = folder / "区民課 2026.kaizen.json"
    service.save_assessment(opened.assessment, saved)
    again = service.open_assessment(saved)
    service.propose_actions(again.questionnaire, again.assessment, dt.date(2026, 10, 15))
    pdf = service.write_plan(again.questionnaire, again.assessment, folder / "行動計画 区民課.pdf",
                             fixed_date=dt.date(2026, 10, 15))
    data = pdf.read_bytes()
    assert data.startswith(b"%PDF")
    assert "区民課" in pdf_text(data)


def hostile_assessment() -> Assessment:
    q = standard()
    a = service.new_assessment(q, {"department": HOSTILE[0], "participants": "\n".join(HOSTILE)})
    for n, text in enumerate(HOSTILE):
        t = a.add_task({"name": text, "annual_cases": 1000 + n, "minutes_per_case": 30, "systems": text[:80],
                        "rule_based": 5, "input_medium": 1, "structured": 5, "stability": 4, "documentation": 1})
        a.analysis[t.id] = {"pain_points": ["paper", "retyping"], "ecrs_eliminate": "yes"}
        a.measures[t.id] = {"eliminate": MeasureChoice(True, {"affected_share": 10, **easy()})}
        a.actions.append(Action(a.new_action_id(), t.id, "eliminate", owner=text, first_step=text, kpi=text,
                                note=text, support=text))
    a.focus = [t.id for t in a.tasks]
    return a


def test_markup_in_every_text_is_printed_as_text_and_fetches_nothing() -> None:
    pytest.importorskip("app.report.document")
    from reportlab import rl_config

    q = standard()
    data = service.render_plan(q, hostile_assessment(), fixed_date=dt.date(2026, 10, 15))
    assert not rl_config.trustedHosts  # reportlab refuses every remote or file URL
    text = pdf_text(data).replace("\n", "")
    assert "<img" in text  # printed, not interpreted
    assert "127.0.0.1" in text
    assert b"/Subtype /Image" not in data or b"tracker" not in data
    assert b"/URI" not in data  # no live links either


def test_importing_every_layer_opens_no_socket() -> None:
    import importlib

    for name in ("app.service", "app.cli", "app.storage.autosave", "app.loading.loader", "app.report.document"):
        try:
            importlib.import_module(name)
        except ImportError:
            if name != "app.report.document":
                raise

"""No network: a whole assessment → PDF run with sockets disabled; markup in input never fetches a URL."""

from __future__ import annotations

import datetime as dt
import io
import socket
import subprocess
import sys
from pathlib import Path
from typing import Any

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


def image_names(data: bytes) -> list[str]:
    """The image XObjects on every page (page content is compressed, so the raw bytes cannot be searched)."""
    from pypdf import PdfReader

    found: list[str] = []

    def walk(resources: Any) -> None:
        xobjects = resources.get_object().get("/XObject") if resources is not None else None
        for name, ref in (xobjects.get_object() if xobjects is not None else {}).items():
            obj = ref.get_object()
            if obj.get("/Subtype") == "/Image":
                found.append(str(name))
            elif obj.get("/Subtype") == "/Form":
                walk(obj.get("/Resources"))

    for page in PdfReader(io.BytesIO(data)).pages:
        walk(page.get("/Resources"))
    return found


def test_the_image_check_finds_a_picture() -> None:
    """The check above proves its point: a PDF with one picture reports it."""
    pil = pytest.importorskip("PIL.Image")
    from reportlab.lib.utils import ImageReader
    from reportlab.pdfgen import canvas

    png = io.BytesIO()
    pil.new("RGB", (4, 4), "red").save(png, format="PNG")
    out = io.BytesIO()
    c = canvas.Canvas(out)
    c.drawImage(ImageReader(io.BytesIO(png.getvalue())), 10, 10, 40, 40)
    c.showPage()
    c.save()
    assert len(image_names(out.getvalue())) == 1


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
    service.propose_actions(again.questionnaire, again.assessment, dt.date(2026, 10, 15), lang="ja")
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
    assert image_names(data) == []  # no <img> was turned into a picture, fetched or not
    assert b"/URI" not in data  # no live links either


# Run in a fresh interpreter: in a full test run every module is imported long before this test, so an
# import-time socket would go unnoticed in-process. The probe refuses every socket before the first import.
PROBE = """
import importlib, socket, sys

class Refused(OSError):
    pass

def refuse(*args, **kwargs):
    raise Refused("socket opened while importing")

socket.socket.__init__ = refuse
socket.create_connection = refuse
socket.getaddrinfo = refuse
socket.socketpair = refuse
for name in sys.argv[1:]:
    if name.startswith("-c:"):
        exec(name[3:])
        continue
    importlib.import_module(name)
print("imported", len(sys.argv) - 1)
"""
LAYERS = ("app.domain.scoring", "app.loading.loader", "app.storage.autosave", "app.exchange.importer",
          "app.exchange.writers", "app.report.document", "app.report.story", "app.report.summary", "app.service",
          "app.cli", "app.selftest", "app.gui.app")


def probe(*names: str) -> subprocess.CompletedProcess[str]:
    root = Path(__file__).resolve().parent.parent
    return subprocess.run([sys.executable, "-c", PROBE, *names], cwd=root, capture_output=True, text=True,
                          timeout=120, check=False)


def test_importing_every_layer_opens_no_socket() -> None:
    done = probe(*LAYERS)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == f"imported {len(LAYERS)}"


def test_the_import_probe_notices_a_socket() -> None:
    """The probe proves its point: a module that opens a socket while importing makes it fail."""
    done = probe("app.domain.values", "-c:import socket; socket.socket()")
    assert done.returncode != 0
    assert "socket opened while importing" in done.stderr

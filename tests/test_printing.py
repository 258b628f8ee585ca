"""印刷: Windows prints through the PDF viewer's print verb and opens the PDF where there is none (Edge);
elsewhere the PDF is opened for printing from the viewer."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from app.gui import printing


@pytest.fixture
def opened(monkeypatch: pytest.MonkeyPatch) -> list[Path]:
    seen: list[Path] = []
    monkeypatch.setattr(printing, "open_in_system", lambda path: (seen.append(path), True)[1])
    return seen


def test_windows_uses_the_print_verb(monkeypatch: pytest.MonkeyPatch, opened: list[Path], tmp_path: Path) -> None:
    calls: list[tuple[Any, ...]] = []
    monkeypatch.setattr(printing.sys, "platform", "win32")
    monkeypatch.setattr(printing.os, "startfile", lambda *args: calls.append(args), raising=False)
    assert printing.print_file(tmp_path / "plan.pdf") == "printed"
    assert calls == [(str(tmp_path / "plan.pdf"), "print")] and opened == []


def test_windows_without_a_print_verb_opens_the_pdf(monkeypatch: pytest.MonkeyPatch, opened: list[Path],
                                                    tmp_path: Path) -> None:
    def no_verb(*_args: Any) -> None:
        raise OSError(1155, "No application is associated with the specified file for this operation")

    monkeypatch.setattr(printing.sys, "platform", "win32")
    monkeypatch.setattr(printing.os, "startfile", no_verb, raising=False)
    assert printing.print_file(tmp_path / "plan.pdf") == "opened"
    assert opened == [tmp_path / "plan.pdf"]


@pytest.mark.parametrize("platform", ["linux", "darwin"])
def test_elsewhere_the_pdf_is_opened(monkeypatch: pytest.MonkeyPatch, opened: list[Path], tmp_path: Path,
                                     platform: str) -> None:
    monkeypatch.setattr(printing.sys, "platform", platform)
    assert printing.print_file(tmp_path / "plan.pdf") == "opened"
    assert opened == [tmp_path / "plan.pdf"]


def test_nothing_to_open_with_says_so(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setattr(printing.sys, "platform", "linux")
    monkeypatch.setattr(printing, "open_in_system", lambda _path: False)
    assert printing.print_file(tmp_path / "plan.pdf") == "failed"

"""The 進め方カード sheet: derived from ``Measure.guide`` when the model has guidance cards, written back to the YAML.

The cards come with the 横展開 work; here a stand-in model with the same shape (a dataclass ``guide`` on a
measure, texts, ``steps`` and ``example``) proves the sheet and the write-back.
"""

from __future__ import annotations

import dataclasses
from types import SimpleNamespace

import yaml

from app.domain.questionnaire import EMPTY, LText
from app.exchange.qbook_spec import _guide_sheet, col_id, column_path
from app.loading.yaml_edit import apply_edits


@dataclasses.dataclass(frozen=True)
class Guide:
    what: LText = EMPTY
    contact: LText = EMPTY
    steps: tuple[LText, ...] = ()
    example: bool = False


def test_the_sheet_has_a_row_per_carded_measure_with_its_texts_and_steps() -> None:
    q = SimpleNamespace(measures=[
        SimpleNamespace(id="eliminate", guide=Guide(LText("やめる"), LText("内線 ____"), (LText("一覧にする"),), True)),
        SimpleNamespace(id="rpa", guide=None),
    ])
    spec = _guide_sheet(q)
    assert spec is not None and spec.name == "進め方カード"
    headers = [c.header for c in spec.columns]
    assert headers[:1] == ["施策キー"] and "窓口・内線" in headers and "手順1" in headers and "手順5" in headers
    assert "見本のまま" in headers
    (row,) = spec.rows
    assert row.key == "eliminate" and row.values["contact.ja"] == "内線 ____"
    assert row.values["steps.0.ja"] == "一覧にする"
    assert row.values["steps.1.ja"] is None and row.values["example"] == "はい"
    step2 = next(c for c in spec.columns if col_id(c) == "steps.1.ja")
    assert column_path(step2) == ("steps", 1, "ja")
    assert _guide_sheet(SimpleNamespace(measures=[SimpleNamespace(id="x", guide=None)])) is None


BASE = """\
id: x  # keep me
measures:
  - id: eliminate
    guide: {what: {ja: やめる}, steps: [{ja: 一覧にする}, {ja: 確認する}, {ja: 決める}]}
guides:
  # the shipped cards
  rpa:
    contact: {ja: 内線 ____}
version: "1.0.0"
"""


def test_card_edits_reach_the_card_wherever_the_file_keeps_it() -> None:
    text, version = apply_edits(BASE, [
        ((("guide_of", "rpa"), "contact", "ja"), "情報政策課 内線 1234", False),
        ((("guide_of", "rpa"), "steps", 0, "ja"), "画面を書き出す", False),
        ((("guide_of", "rpa"), "example"), False, False),
        ((("guide_of", "eliminate"), "steps", 1, "ja"), None, False),
        ((("guide_of", "eliminate"), "steps", 2, "ja"), None, False),
        ((("guide_of", "eliminate"), "what", "ja"), "根拠のない作業をやめる", False),
    ])
    assert version == "1.1.0"
    assert "# keep me" in text and "# the shipped cards" in text
    data = yaml.safe_load(text)
    assert data["guides"]["rpa"] == {"contact": {"ja": "情報政策課 内線 1234"}, "steps": [{"ja": "画面を書き出す"}],
                                     "example": False}
    assert data["measures"][0]["guide"] == {"what": {"ja": "根拠のない作業をやめる"}, "steps": [{"ja": "一覧にする"}]}

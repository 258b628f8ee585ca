"""A measure's fit rules and gates (YAML ``fit:`` and ``gates:``), read for the builder."""

from __future__ import annotations

from typing import TYPE_CHECKING

from app.domain.questionnaire import FitRule, Gate
from app.loading.located import Located

if TYPE_CHECKING:
    from app.loading.builder import Builder


def _pos(container: object, key: str | int) -> tuple[int, int]:
    from app.loading.builder import pos_of

    return pos_of(container, key)


def fit_rules(b: Builder, data: Located, where: str) -> tuple[FitRule, ...]:
    out: list[FitRule] = []
    fit_keys = ("item", "message", "factor", "no", "unknown")
    for fwhere, f in b.entries(b.seq(data, "fit", where), f"{where}.fit", fit_keys):
        item = f.get("item")
        if not isinstance(item, str) or not item:
            b.required(f, "item", fwhere, "item: fit_ocr_form")
            continue
        b.fit_refs.append((item, _pos(f, "item"), fwhere))
        no_value, unknown_value = f.get("no", "no"), f.get("unknown", "unknown")
        out.append(FitRule(item, b.text(f, "message", fwhere, required=True),
                           b.number(f, "factor", fwhere, 0.0, 1.0), str(no_value), str(unknown_value)))
    return tuple(out)

def gates(b: Builder, data: Located, where: str) -> tuple[Gate, ...]:
    out: list[Gate] = []
    gate_keys = ("when", "message", "excludes_quick_win")
    for gwhere, g in b.entries(b.seq(data, "gates", where), f"{where}.gates", gate_keys):
        when = b.expr(g, "when", gwhere, "measure")
        if when is None:
            b.required(g, "when", gwhere, "when: \"legal_basis = 'law'\"")
            continue
        out.append(Gate(when, b.text(g, "message", gwhere, required=True),
                        b.boolean(g, "excludes_quick_win", gwhere, True)))
    return tuple(out)

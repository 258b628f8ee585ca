"""A large fictional ward made from the four example departments: N departments, some with several sections.

Used by the tests (300 departments) and by ``benchmarks/ward_bench.py`` (300 and 1,000). Each file is an
example department's JSON with another department name, section, session date and scaled volumes, so
every department's figures differ and the sums can be checked against the raw files.
"""

from __future__ import annotations

import copy
import json
import uuid
from pathlib import Path
from typing import Any

EXAMPLES = Path(__file__).resolve().parents[2] / "questionnaires" / "examples"
KINDS = ("市民", "税務", "収納", "福祉", "介護", "子育て", "保育", "健康", "環境", "清掃", "道路", "公園", "建築",
         "住宅", "都市計画", "産業", "観光", "文化", "スポーツ", "学校", "教育", "図書", "防災", "会計", "契約",
         "人事", "財政", "企画", "広報", "情報政策", "総務", "議会", "選挙", "監査", "国保", "年金", "障害福祉",
         "生活支援", "保健", "衛生")
SECTIONS = ("庶務係", "管理係", "業務係")


def examples() -> list[dict[str, Any]]:
    """The example departments' raw JSON, in file-name order."""
    return [json.loads(p.read_text("utf-8")) for p in sorted(EXAMPLES.glob("*.kaizen.json"))]


def department_name(i: int) -> str:
    """A distinct name for department ``i`` (0-based): 市民課, 税務課 … then 第2市民課 …"""
    kind = KINDS[i % len(KINDS)]
    round_ = i // len(KINDS)
    return f"{kind}課" if round_ == 0 else f"第{round_ + 1}{kind}課"


def scaled(template: dict[str, Any], factor: float) -> dict[str, Any]:
    """A deep copy whose annual cases, fixed hours and realised hours are multiplied by ``factor``."""
    data = copy.deepcopy(template)
    for t in data["tasks"]:
        for key in ("annual_cases", "fixed_hours"):
            if isinstance(t["answers"].get(key), int | float):
                t["answers"][key] = round(t["answers"][key] * factor)
    for x in data["actions"]:
        if x["realised_hours"] is not None:
            x["realised_hours"] = round(x["realised_hours"] * factor, 1)
        for h in x["history"]:
            if h["realised_hours"] is not None:
                h["realised_hours"] = round(h["realised_hours"] * factor, 1)
    return data


def ward_files(n: int) -> list[tuple[str, dict[str, Any]]]:
    """``(file name, JSON)`` for ``n`` departments; every seventh department has two sections."""
    base = examples()
    out: list[tuple[str, dict[str, Any]]] = []
    for i in range(n):
        sections = (SECTIONS[0], SECTIONS[1]) if i % 7 == 3 else (SECTIONS[i % 3],)
        for k, section in enumerate(sections):
            data = scaled(base[(i + k) % len(base)], 0.5 + (i * 37 + k * 11) % 100 / 100)
            data["info"]["department"] = department_name(i)
            data["info"]["section"] = section
            data["info"]["session_date"] = f"2026-{4 + i % 9:02d}-{1 + i % 28:02d}"
            data["unplaced"] = {}
            name = f"d{i:04d}_{k}.kaizen.json"
            data["assessment_id"] = str(uuid.uuid5(uuid.NAMESPACE_URL, f"kaizen-ward/{name}"))  # one per file
            out.append((name, data))
    return out


def make_ward(folder: Path, n: int) -> list[Path]:
    """Write the ward's files into ``folder``; returns their paths."""
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for name, data in ward_files(n):
        path = folder / name
        path.write_text(json.dumps(data, ensure_ascii=False), "utf-8")
        paths.append(path)
    return paths

"""The distribution pack (.kaizenpack): a zip of a manifest, the team's questionnaires and its case catalogue.

A pack comes from someone else, so it is read as hostile until proven otherwise: every entry's name, kind
and size is checked from the zip's directory *before* any content is read — names that would land outside
the install folder (``../``, absolute paths, drive letters, backslashes), links, encrypted or unexpected
entries, and archives too large or too compressed are refused — then each entry is read with a hard cap
(a lying header cannot inflate it), and the manifest, every questionnaire and the catalogue are validated.
All problems are listed together; nothing here writes a file.
"""

from __future__ import annotations

import datetime as dt
import io
import json
import re
import stat
import zipfile
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from app.domain import semver
from app.domain.capped import read_at_most
from app.domain.catalogue import Words
from app.domain.errors import Problem, UserError
from app.domain.questionnaire import Questionnaire
from app.loading.cases_file import loads as load_cases
from app.loading.loader import convert
from app.loading.yaml_safe import load_file, not_utf8

FORMAT = "kaizen-pack"
FORMAT_VERSION = 1
MANIFEST = "manifest.json"
CASES = "cases.yaml"
QUESTIONNAIRE_DIR = "questionnaires/"
SUFFIX = ".kaizenpack"
MAX_PACK_BYTES = 32 * 1024 * 1024  # the .kaizenpack file itself
MAX_ENTRIES = 64
MAX_ENTRY_BYTES = 4 * 1024 * 1024  # one questionnaire is capped at 1 MB by its loader; a catalogue may be larger
MAX_TOTAL_BYTES = 16 * 1024 * 1024  # all entries uncompressed
MAX_RATIO = 100  # uncompressed ÷ compressed of one entry (text compresses about 5–10×)
ID_RE = re.compile(r"^[a-z][a-z0-9_-]{0,63}$")
NAME_RE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.-]{0,99}\.ya?ml$")
MANIFEST_KEYS = ("format", "format_version", "id", "version", "issued", "issuer", "title", "questionnaires",
                 "cases")


class PackError(UserError):
    """A pack that cannot be installed (damaged, foreign, unsafe or invalid); lists every problem."""


@dataclass(frozen=True)
class Manifest:
    """What the pack says about itself."""

    id: str
    version: str
    issued: str
    issuer: str
    title: str = ""


@dataclass
class Pack:
    """A fully validated pack: its manifest, questionnaire files (name → bytes, model) and catalogue."""

    manifest: Manifest
    questionnaires: dict[str, tuple[bytes, Questionnaire]] = field(default_factory=dict)
    cases: bytes | None = None
    case_count: int = 0


def unsafe_name(name: str) -> bool:
    """Whether an entry name could land outside the install folder (or means something else on Windows)."""
    if not name or "\\" in name or name.startswith("/") or re.match(r"^[A-Za-z]:", name) or "\x00" in name:
        return True
    parts = name.rstrip("/").split("/")
    return any(p in ("", ".", "..") or p.endswith((" ", ".")) or ":" in p for p in parts)


def _kind_ok(name: str) -> bool:
    if name in (MANIFEST, CASES, QUESTIONNAIRE_DIR):
        return True
    return name.startswith(QUESTIONNAIRE_DIR) and bool(NAME_RE.match(name[len(QUESTIONNAIRE_DIR):]))


def _entries(zf: zipfile.ZipFile, where: str, problems: list[Problem]) -> list[zipfile.ZipInfo]:
    """The entries, every name, kind and size checked from the directory alone."""
    infos = zf.infolist()
    if len(infos) > MAX_ENTRIES:
        problems.append(Problem("P006", {"what": f"{len(infos)} entries", "limit": f"{MAX_ENTRIES} entries"}, where))
        return []
    seen: set[str] = set()
    total = 0
    for info in infos:
        name = info.filename
        mode = (info.external_attr >> 16) & 0o170000
        if unsafe_name(name):
            problems.append(Problem("P003", {"name": name[:120]}, where))
        elif mode == stat.S_IFLNK or (mode and mode not in (stat.S_IFREG, stat.S_IFDIR)):
            problems.append(Problem("P004", {"name": name}, where))
        elif info.flag_bits & 0x1 or not _kind_ok(name) or name in seen:
            allowed = f"{MANIFEST}, {QUESTIONNAIRE_DIR}*.yaml, {CASES}"
            problems.append(Problem("P005", {"name": name, "allowed": allowed}, where))
        elif info.file_size > MAX_ENTRY_BYTES:
            problems.append(Problem("P006", {"what": f"{name}: {info.file_size} bytes",
                                             "limit": f"{MAX_ENTRY_BYTES} bytes"}, where))
        elif info.file_size > 1024 and info.file_size > MAX_RATIO * max(info.compress_size, 1):
            problems.append(Problem("P007", {"name": name, "ratio": info.file_size // max(info.compress_size, 1),
                                             "limit": MAX_RATIO}, where))
        seen.add(name)
        total += info.file_size
    if total > MAX_TOTAL_BYTES:
        problems.append(Problem("P006", {"what": f"{total} bytes in all", "limit": f"{MAX_TOTAL_BYTES} bytes"}, where))
    return [] if problems else [i for i in infos if not i.filename.endswith("/")]


def _read(zf: zipfile.ZipFile, info: zipfile.ZipInfo, where: str) -> bytes:
    with zf.open(info) as f:
        data = f.read(info.file_size + 1)
    if len(data) > info.file_size:  # the header understated the size: a bomb in disguise
        raise PackError(Problem("P007", {"name": info.filename, "ratio": "?", "limit": MAX_RATIO}, where))
    return data


def _manifest(raw: bytes, where: str, problems: list[Problem]) -> tuple[Manifest | None, dict[str, Any]]:
    try:
        data = json.loads(raw.decode("utf-8-sig"))
    except UnicodeDecodeError as exc:
        problems.append(not_utf8(raw, exc, f"{where}:{MANIFEST}"))
        return None, {}
    except json.JSONDecodeError as exc:  # the place in manifest.json and what JSON expected there
        problems.append(Problem("P008", {"field": MANIFEST, "detail": f"JSON: {exc.msg}"}, f"{where}:{MANIFEST}",
                                exc.lineno, exc.colno))
        return None, {}
    except (ValueError, RecursionError):  # an integer of thousands of digits, arrays nested thousands deep
        detail = Words("数字が長すぎるか入れ子が深すぎます", "a number too long or nesting too deep")
        problems.append(Problem("P008", {"field": MANIFEST, "detail": detail}, f"{where}:{MANIFEST}"))
        return None, {}
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        problems.append(Problem("P002", {}, where))
        return None, {}
    bad = [k for k in data if k not in MANIFEST_KEYS]
    for k in bad:
        problems.append(Problem("P008", {"field": k, "detail": "unknown field"}, where))
    version = data.get("format_version")
    if not isinstance(version, int) or isinstance(version, bool):  # "1", 1.0: a hand-edited manifest
        problems.append(Problem("P008", {"field": "format_version", "detail": _shown(version)}, where))
    elif not 1 <= version <= FORMAT_VERSION:
        problems.append(Problem("P009", {"found": version, "supported": FORMAT_VERSION}, where))
    checks: dict[str, Callable[[Any], bool]] = {
              "id": lambda v: isinstance(v, str) and bool(ID_RE.match(v)),
              "version": lambda v: version_problem(v) is None,
              "issued": lambda v: isinstance(v, str) and _iso_date(v),
              "issuer": lambda v: isinstance(v, str) and 0 < len(v.strip()) <= 200,
              "title": lambda v: v is None or (isinstance(v, str) and len(v) <= 200)}
    for key, ok in checks.items():
        if not ok(data.get(key)):
            why = version_problem(data.get(key)) if key == "version" else None
            problems.append(Problem("P008", {"field": key, "detail": why or _shown(data.get(key))}, where))
    if problems:
        return None, data
    return Manifest(data["id"], str(data["version"]), data["issued"], data["issuer"].strip(),
                    (data.get("title") or "").strip()), data


def version_problem(v: object) -> Words | None:
    """Why ``v`` is no pack version (``None`` when it is one): text such as ``"1.0.0"``, ``"1.2.0-rc.1"``.

    A number (``1``, or ``1.10``, which JSON reads as 1.1) is refused: the app writes the version as text, so a
    number is a hand edit whose digits may already be lost. A short text (``"1.0"``) is read as ``1.0.0``, as
    always: the packs earlier versions of the app built from ``version: 1.0`` in pack.yaml say so.
    """
    if isinstance(v, str) and semver.parse(v) is not None:
        return None
    shown = _shown(v)
    if isinstance(v, int | float) and not isinstance(v, bool):
        return Words(f"{shown} は数値です。\"1.0.0\" のように引用符で囲んだ文字列で書いてください",
                     f"{shown} is a number; write it as text in quotes, like \"1.0.0\"")
    return Words(f"{shown}: \"1.0.0\" のように3つの数を点でつないだ文字列で書いてください",
                 f"{shown}: write three numbers joined by dots, as text, like \"1.0.0\"")


def _iso_date(v: str) -> bool:
    try:
        dt.date.fromisoformat(v)
    except ValueError:
        return False
    return True


def _shown(v: object) -> str:
    text = repr(v)
    return text if len(text) <= 60 else text[:59] + "…"


def _raw(source: Path | bytes, where: str) -> bytes:
    if not isinstance(source, Path):
        return source
    try:
        size = source.stat().st_size
        if size > MAX_PACK_BYTES:
            raise PackError(Problem("P006", {"what": f"{size} bytes", "limit": f"{MAX_PACK_BYTES} bytes"}, where))
        with open(source, "rb") as handle:
            raw = read_at_most(handle, MAX_PACK_BYTES)  # a device (/dev/zero) or a growing file has no size to trust
        if len(raw) > MAX_PACK_BYTES:
            raise PackError(Problem("P006", {"what": f"{MAX_PACK_BYTES + 1}+ bytes",
                                             "limit": f"{MAX_PACK_BYTES} bytes"}, where))
        return raw
    except FileNotFoundError:
        raise PackError(Problem("S001", {"path": where}, where)) from None
    except OSError as exc:
        raise PackError(Problem("S006", {"path": where, "detail": exc.strerror or str(exc)}, where)) from None


def _contents(raw: bytes, where: str) -> dict[str, bytes]:
    """Every entry's bytes, after the whole directory passed the checks."""
    try:
        zf = zipfile.ZipFile(io.BytesIO(raw))
    except (zipfile.BadZipFile, ValueError, OSError) as exc:
        raise PackError(Problem("P001", {"detail": str(exc)[:120]}, where)) from None
    problems: list[Problem] = []
    with zf:
        infos = _entries(zf, where, problems)
        if problems:
            raise PackError(problems)
        if MANIFEST not in {i.filename for i in infos}:
            raise PackError(Problem("P002", {}, where))
        try:
            return {i.filename: _read(zf, i, where) for i in infos}
        except (zipfile.BadZipFile, OSError, EOFError, RuntimeError, NotImplementedError) as exc:
            raise PackError(Problem("P001", {"detail": f"{type(exc).__name__}: {str(exc)[:80]}"}, where)) from None


def _questionnaires(contents: dict[str, bytes], where: str, pack: Pack, problems: list[Problem]) -> None:
    seen_ids: dict[str, str] = {}
    for fname in sorted(n[len(QUESTIONNAIRE_DIR):] for n in contents if n.startswith(QUESTIONNAIRE_DIR)):
        blob = contents[QUESTIONNAIRE_DIR + fname]
        label = f"{where}:{QUESTIONNAIRE_DIR}{fname}"
        try:
            q = convert(blob.decode("utf-8-sig"), label)
        except UnicodeDecodeError as exc:
            problems.append(not_utf8(blob, exc, label))
            continue
        except UserError as exc:
            problems.extend(exc.problems)
            continue
        if q.id in seen_ids:
            problems.append(Problem("P011", {"id": q.id, "files": f"{seen_ids[q.id]}, {fname}"}, label))
        seen_ids[q.id] = fname
        pack.questionnaires[fname] = (blob, q)


def _cases(contents: dict[str, bytes], where: str, pack: Pack, problems: list[Problem]) -> None:
    if CASES not in contents:
        return
    try:
        pack.case_count = len(load_cases(contents[CASES].decode("utf-8-sig"), f"{where}:{CASES}"))
        pack.cases = contents[CASES]
    except UnicodeDecodeError as exc:
        problems.append(not_utf8(contents[CASES], exc, f"{where}:{CASES}"))
    except UserError as exc:
        problems.extend(exc.problems)


def _cases_listed(listed: object, present: bool, where: str, problems: list[Problem]) -> None:
    """The manifest's ``cases`` (true/false) must say whether the pack holds cases.yaml, as ``questionnaires`` must
    list its questionnaires (P010): a pack that disagrees with itself was put together wrongly, and installing
    it would drop the catalogue or carry one its sender did not mean to send, without a word."""
    if not isinstance(listed, bool):
        problems.append(Problem("P008", {"field": "cases", "detail": _shown(listed)}, where))
    elif listed and not present:
        problems.append(Problem("P016", {"field": "cases", "file": CASES}, f"{where}:{MANIFEST}"))
    elif present and not listed:
        problems.append(Problem("P017", {"field": "cases", "file": CASES}, f"{where}:{MANIFEST}"))


def read_pack(source: Path | bytes, name: str | None = None) -> Pack:
    """Validate a pack completely; :class:`PackError` lists every problem (nothing is written either way)."""
    where = name or (str(source) if isinstance(source, Path) else "<pack>")
    contents = _contents(_raw(source, where), where)
    problems: list[Problem] = []
    manifest, data = _manifest(contents.pop(MANIFEST), where, problems)
    pack = Pack(manifest or Manifest("", "0", "", ""))
    listed = data.get("questionnaires")
    present = sorted(n[len(QUESTIONNAIRE_DIR):] for n in contents if n.startswith(QUESTIONNAIRE_DIR))
    if manifest is not None and (not isinstance(listed, list) or sorted(map(str, listed)) != present):
        problems.append(Problem("P010", {"listed": _shown(listed), "present": ", ".join(present) or "—"}, where))
    if manifest is not None:
        _cases_listed(data.get("cases"), CASES in contents, where, problems)
    _questionnaires(contents, where, pack, problems)
    _cases(contents, where, pack, problems)
    if not pack.questionnaires and pack.cases is None and not problems:
        problems.append(Problem("P012", {}, where))
    if problems:
        raise PackError(problems)
    return pack


def pack_settings(folder: Path) -> dict[str, Any]:
    """``pack.yaml`` of a build folder (id, version, issuer, title), read with the safe loader; {} when none."""
    path = folder / "pack.yaml"
    if not path.is_file():
        return {}
    data = load_file(path)  # size-capped (Q003) and decoded as UTF-8 with the line of a bad byte (Q004)
    if not isinstance(data, dict):
        raise PackError(Problem("P008", {"field": "pack.yaml", "detail": "not a mapping"}, str(path)))
    return {str(k): v for k, v in data.items()}


def entry_size(path: Path) -> int:
    """The size of a file to go into a pack (S006 when it cannot be read)."""
    try:
        return path.stat().st_size
    except OSError as exc:
        raise PackError(Problem("S006", {"path": str(path), "detail": exc.strerror or str(exc)}, str(path))) from None


def build_pack(folder: Path, *, cases: bytes | None, settings: dict[str, Any], issued: dt.date) -> bytes:
    """The .kaizenpack bytes of ``folder``'s questionnaires (every ``*.yaml`` but pack.yaml) and a catalogue.

    The result is read back with :func:`read_pack`, so a pack that would be refused is never written.
    """
    names = sorted(p.name for p in folder.iterdir() if p.is_file() and p.suffix in (".yaml", ".yml")
                   and p.name != "pack.yaml")
    problems = [Problem("P006", {"what": f"{QUESTIONNAIRE_DIR}{n}: {size} bytes", "limit": f"{MAX_ENTRY_BYTES} bytes"},
                        str(folder / n)) for n in names if (size := entry_size(folder / n)) > MAX_ENTRY_BYTES]
    if problems:  # refused from the sizes alone: a 200 MB file in the folder is never read into memory
        raise PackError(problems)
    version = settings.get("version")
    full = semver.canonical(version) if isinstance(version, str) else None  # pack.yaml's `version: 1.10` is 1.1
    if full is None:
        place = folder / "pack.yaml" if (folder / "pack.yaml").is_file() else folder
        raise PackError(Problem("P015", {"detail": version_problem(version)}, str(place)))
    manifest = {"format": FORMAT, "format_version": FORMAT_VERSION, "id": settings.get("id"),
                "version": full,  # "1.2" (a questionnaire's version, --version 1.2) is written as "1.2.0"
                "issued": issued.isoformat(), "issuer": settings.get("issuer"), "title": settings.get("title") or "",
                "questionnaires": names, "cases": cases is not None}
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr(MANIFEST, json.dumps(manifest, ensure_ascii=False, indent=1))
        for n in names:
            zf.writestr(QUESTIONNAIRE_DIR + n, (folder / n).read_bytes())
        if cases is not None:
            zf.writestr(CASES, cases)
    data = buf.getvalue()
    read_pack(data, str(folder))
    return data

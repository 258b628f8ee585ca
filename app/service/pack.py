"""Distribution packs in the service: build one from a folder, install one (validated whole, atomically)."""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from app import resources
from app.domain import semver
from app.domain.capped import read_at_most
from app.domain.errors import Problem, UserError
from app.domain.questionnaire import Questionnaire
from app.storage.atomic import atomic_write


@dataclass(frozen=True)
class Installed:
    """What installing a pack did."""

    id: str
    version: str
    previous: str | None  # the version installed before, if any
    questionnaires: tuple[str, ...]  # ids
    cases: int
    outcome: str  # installed | upgraded | reinstalled | downgraded


def build(folder: Path, output: Path, *, cases: Path | None = None, options: dict[str, Any] | None = None,
          issued: dt.date | None = None) -> Path:
    """Write ``output`` from ``folder`` (questionnaires + pack.yaml) and an optional catalogue; P014 when unnamed."""
    from app.loading.pack import MAX_ENTRY_BYTES, build_pack, entry_size, pack_settings
    from app.service.cases import refuse_output_onto_input

    folder = Path(folder)
    if not folder.is_dir():
        raise UserError(Problem("S001", {"path": str(folder)}, str(folder)))
    inputs = [p for p in folder.iterdir() if p.is_file()] + ([Path(cases)] if cases else [])
    refuse_output_onto_input(output, inputs)
    settings = pack_settings(folder)
    settings.update({k: v for k, v in (options or {}).items() if v is not None})
    missing = [k for k in ("id", "version", "issuer") if not settings.get(k)]
    if missing:
        raise UserError(Problem("P014", {"missing": ", ".join(missing)}, str(folder)))
    blob = None
    if cases is not None:
        size = entry_size(Path(cases))
        if size > MAX_ENTRY_BYTES:  # refused before reading, like every file the app opens
            raise UserError(Problem("P006", {"what": f"{cases}: {size} bytes", "limit": f"{MAX_ENTRY_BYTES} bytes"},
                                    str(cases)))
        try:
            with open(cases, "rb") as handle:
                blob = read_at_most(handle, MAX_ENTRY_BYTES)  # the pack refuses (P006) more than the cap
        except OSError as exc:
            raise UserError(Problem("S006", {"path": str(cases), "detail": exc.strerror or str(exc)}, str(cases))) \
                from None
    data = build_pack(folder, cases=blob, settings=settings, issued=issued or dt.date.today())
    target = Path(output)
    atomic_write(target, data, backup=False)
    return target


def build_from(q: Questionnaire, output: Path, *, issuer: str, cases_dir: Path | None = None,
               issued: dt.date | None = None) -> Path:
    """A pack of questionnaire ``q`` (its own file) and the catalogues of ``cases_dir`` (the window's 配布パックを作る).

    The pack is named after the questionnaire (id ``ID-pack``, its version, ``issuer``); the files are staged
    in a temporary folder and built by :func:`build`, so the CLI and the window make the same pack. An output
    that is one of the inputs is refused before anything is written.
    """
    import tempfile

    from app.storage.atomic import atomic_write
    from app.storage.outputs import check_output

    source = Path(q.source)
    catalogues = sorted(Path(cases_dir).glob("*.yaml")) if cases_dir is not None and Path(cases_dir).is_dir() else []
    check_output(Path(output), "pack", [source, *catalogues])
    with tempfile.TemporaryDirectory(prefix="kaizen-pack-") as tmp:
        folder = Path(tmp) / "questionnaires"
        folder.mkdir()
        atomic_write(folder / f"{q.id}.yaml", source.read_bytes(), backup=False)
        cases = catalogues[0] if len(catalogues) == 1 else None  # one catalogue goes in byte for byte
        if len(catalogues) > 1:
            from app.loading.cases_file import dumps, load

            cases = Path(tmp) / "cases.yaml"
            atomic_write(cases, dumps([c for f in catalogues for c in load(f)], issued), backup=False)
        return build(folder, Path(output), cases=cases, issued=issued,
                     options={"id": f"{q.id}-pack", "version": q.version, "issuer": issuer,
                              "title": q.title.ja})


def installed_version(pack_id: str) -> str | None:
    """The version of the installed pack ``pack_id`` (``None`` when it is not installed)."""
    try:
        data = json.loads((resources.user_packs_dir() / pack_id / "manifest.json").read_text("utf-8"))
    except (OSError, ValueError, RecursionError):
        return None
    version = data.get("version") if isinstance(data, dict) else None
    return version if isinstance(version, str) else None


def check(path: Path) -> tuple[Any, str | None]:
    """Validate a pack without installing it: (the pack, the installed version of the same id or None)."""
    from app.loading.pack import read_pack

    pack = read_pack(Path(path))
    return pack, installed_version(pack.manifest.id)


def install(path: Path, *, force: bool = False) -> Installed:
    """Validate the whole pack, then install it into the user's packs folder in one step.

    A newer or equal version replaces the installed one; an older one only with ``force`` (else P013).
    Nothing is written when any check fails.
    """
    from app.loading.pack import CASES, MANIFEST, QUESTIONNAIRE_DIR
    from app.storage.pack_install import install_tree

    pack, previous = check(path)
    m = pack.manifest
    order = semver.compare(m.version, previous) if previous is not None else 1
    if order < 0 and not force:
        raise UserError(Problem("P013", {"id": m.id, "installed": previous, "version": m.version}, str(path)))
    files = {QUESTIONNAIRE_DIR + name: blob for name, (blob, _) in pack.questionnaires.items()}
    if pack.cases is not None:
        files[CASES] = pack.cases
    files[MANIFEST] = json.dumps({"format": "kaizen-pack", "format_version": 1, "id": m.id, "version": m.version,
                                  "issued": m.issued, "issuer": m.issuer, "title": m.title,
                                  "questionnaires": sorted(pack.questionnaires), "cases": pack.cases is not None},
                                 ensure_ascii=False, indent=1).encode("utf-8")
    install_tree(resources.user_packs_dir() / m.id, files)
    from app.service import core

    core.clear_cache()
    outcome = "installed" if previous is None else ("upgraded" if order > 0 else
                                                    "reinstalled" if order == 0 else "downgraded")
    return Installed(m.id, m.version, previous, tuple(q.id for _, q in pack.questionnaires.values()),
                     pack.case_count, outcome)


def pack_of(q: Questionnaire) -> dict[str, str]:
    """``{"id", "version"}`` of the installed pack ``q`` was loaded from ({} for any other questionnaire)."""
    try:
        source = Path(q.source).resolve()
        root = resources.user_packs_dir().resolve()
    except (OSError, ValueError):
        return {}
    if root not in source.parents:
        return {}
    pack_id = source.relative_to(root).parts[0]
    version = installed_version(pack_id)
    return {"id": pack_id, "version": version} if version else {}

"""The distribution pack: build, validate whole, install atomically, versions, and every unsafe archive refused."""

from __future__ import annotations

import io
import json
import stat
import zipfile
from pathlib import Path
from typing import Any

import pytest

from app import resources, service
from app.cli import main
from app.loading.pack import MAX_ENTRY_BYTES, PackError, read_pack, unsafe_name
from app.loading.yaml_edit import next_minor
from tests.helpers import standard_text

BUNDLED = service.get_questionnaire("standard").version  # the standard questionnaire shipped with the app
NEWER = next_minor(BUNDLED)  # what the improvement team's pack carries

EXAMPLES = Path(__file__).resolve().parents[1] / "questionnaires" / "examples"


@pytest.fixture
def home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg"))
    monkeypatch.delenv(resources.QUESTIONNAIRES_ENV, raising=False)
    service.core.clear_cache()
    yield resources.user_packs_dir()
    service.core.clear_cache()


def source(tmp_path: Path, version: str = "1.0.0", q_version: str = NEWER, title: str = "○○区版") -> Path:
    folder = tmp_path / f"src-{version}"
    folder.mkdir()
    text = standard_text().replace(f'version: "{BUNDLED}"', f'version: "{q_version}"', 1)
    assert f'version: "{q_version}"' in text
    text = text.replace("  ja: 業務改善セルフチェック（標準）\n", f"  ja: 業務改善セルフチェック（{title}）\n", 1)
    (folder / "standard.yaml").write_text(text, "utf-8")
    (folder / "pack.yaml").write_text(f"id: ward-kaizen\nversion: {version}\nissuer: 業務改善担当\n", "utf-8")
    return folder


def built(tmp_path: Path, version: str = "1.0.0", *, with_cases: bool = True, **kw: str) -> Path:
    folder = source(tmp_path, version, **kw)
    cases = tmp_path / "cases.yaml"
    if with_cases and not cases.exists():
        assert main(["cases", str(EXAMPLES), "-o", str(cases)]) == 0
    out = tmp_path / f"ward-{version}.kaizenpack"
    args = ["pack", "build", str(folder), "-o", str(out), "--fixed-date", "2026-12-01"]
    assert main([*args, "--cases", str(cases)] if with_cases else args) == 0
    return out


def snapshot(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in folder.rglob("*") if p.is_file()} \
        if folder.exists() else {}


def test_build_and_install_then_a_new_department_gets_cases_and_cards(home: Path, tmp_path: Path,
                                                                      capsys: pytest.CaptureFixture[str]) -> None:
    pack = built(tmp_path)
    manifest = json.loads(zipfile.ZipFile(pack).read("manifest.json"))
    assert manifest["id"] == "ward-kaizen" and manifest["version"] == "1.0.0" and manifest["issued"] == "2026-12-01"
    assert manifest["issuer"] == "業務改善担当" and manifest["questionnaires"] == ["standard.yaml"]
    capsys.readouterr()
    assert main(["pack", "install", str(pack)]) == 0
    assert "導入しました" in capsys.readouterr().out
    q = service.get_questionnaire()
    assert q.version == NEWER and "○○区版" in q.title.ja
    # a new department: its file records the pack; its plan shows the office's cases and the cards
    a = service.open_assessment(EXAMPLES / "example_shimin.kaizen.json").assessment
    fresh = service.new_assessment(q, {"department": "新しい課"})
    assert fresh.pack == {"id": "ward-kaizen", "version": "1.0.0"}
    saved = tmp_path / "new.kaizen.json"
    service.save_assessment(fresh, saved)
    assert json.loads(saved.read_text("utf-8"))["pack"] == {"id": "ward-kaizen", "version": "1.0.0"}
    from tests.report_support import all_text

    text = all_text(service.render_plan(q, a))
    assert "参考:庁内の事例" in text and "付録　進め方".replace("　", "") in text.replace("　", "")


def test_versions_compare_as_semver_and_older_needs_force(home: Path, tmp_path: Path,
                                                          capsys: pytest.CaptureFixture[str]) -> None:
    v19, v110 = built(tmp_path, "1.9.0"), built(tmp_path, "1.10.0")
    assert main(["pack", "install", str(v19)]) == 0
    assert main(["pack", "install", str(v110)]) == 0
    assert "更新しました（前の版 1.9.0）" in capsys.readouterr().out  # 1.10 is newer than 1.9
    before = snapshot(home)
    assert main(["pack", "install", str(v19)]) == 2
    assert "P013" in capsys.readouterr().err and snapshot(home) == before
    assert main(["pack", "install", str(v19), "--force"]) == 0
    assert json.loads((home / "ward-kaizen" / "manifest.json").read_text("utf-8"))["version"] == "1.9.0"


def test_a_lower_user_questionnaire_never_replaces_the_bundled_one(home: Path, tmp_path: Path) -> None:
    pack = built(tmp_path, "1.0.0", q_version="0.9.0", with_cases=False)
    assert main(["pack", "install", str(pack)]) == 0
    q = service.get_questionnaire()
    assert q.version == BUNDLED and "○○区版" not in q.title.ja
    notes = service.core.questionnaire_notes()
    assert [n.code for n in notes] == ["W105"] and "0.9.0" in notes[0].message("ja")


def zip_with(entries: list[tuple[Any, bytes]], manifest: dict[str, Any] | None = None) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
        if manifest is not None:
            zf.writestr("manifest.json", json.dumps(manifest))
        for info, data in entries:
            zf.writestr(info, data)
    return buf.getvalue()


MANIFEST = {"format": "kaizen-pack", "format_version": 1, "id": "ward-kaizen", "version": "1.0.0",
            "issued": "2026-12-01", "issuer": "業務改善担当", "questionnaires": ["standard.yaml"], "cases": False}
GOOD = ("questionnaires/standard.yaml", standard_text().encode("utf-8"))


def link(name: str) -> zipfile.ZipInfo:
    info = zipfile.ZipInfo(name)
    info.external_attr = (stat.S_IFLNK | 0o777) << 16
    return info


@pytest.mark.parametrize(("entries", "manifest", "code"), [
    ([GOOD, ("../evil.yaml", b"x")], MANIFEST, "P003"),
    ([GOOD, ("questionnaires/../../evil.yaml", b"x")], MANIFEST, "P003"),
    ([GOOD, ("/etc/evil.yaml", b"x")], MANIFEST, "P003"),
    ([GOOD, ("C:/Windows/evil.yaml", b"x")], MANIFEST, "P003"),
    ([GOOD, ("questionnaires\\..\\evil.yaml", b"x")], MANIFEST, "P003"),
    ([GOOD, (link("questionnaires/link.yaml"), b"/etc/passwd")], MANIFEST, "P004"),
    ([GOOD, ("run.exe", b"MZ")], MANIFEST, "P005"),
    ([GOOD, ("questionnaires/macro.py", b"import os")], MANIFEST, "P005"),
    ([GOOD, ("questionnaires/big.yaml", b"a: 1\n" * (MAX_ENTRY_BYTES // 5 + 10))], MANIFEST, "P006"),
    ([GOOD, ("cases.yaml", b" " * (2 * 1024 * 1024))], MANIFEST, "P007"),  # compresses over 1000x: a bomb
    ([GOOD], None, "P002"),  # a zip, but not a pack
    ([GOOD], {**MANIFEST, "format": "something-else"}, "P002"),
    ([GOOD], {**MANIFEST, "version": "one"}, "P008"),
    ([GOOD], {**MANIFEST, "id": "../x"}, "P008"),
    ([GOOD], {**MANIFEST, "issued": "yesterday"}, "P008"),
    ([GOOD], {**MANIFEST, "format_version": 9}, "P009"),
    ([GOOD], {**MANIFEST, "questionnaires": ["other.yaml"]}, "P010"),
    ([("questionnaires/standard.yaml", b"id: [unclosed\n")], MANIFEST, "Q005"),  # partly invalid
    ([GOOD, ("cases.yaml", b"memo: x\n")], {**MANIFEST, "cases": True}, "C001"),
])
def test_unsafe_foreign_and_invalid_packs_are_refused_and_change_nothing(
        home: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], entries: list[tuple[Any, bytes]],
        manifest: dict[str, Any] | None, code: str) -> None:
    assert main(["pack", "install", str(built(tmp_path, "1.0.0", with_cases=False))]) == 0
    before = snapshot(home)
    bad = tmp_path / "bad.kaizenpack"
    bad.write_bytes(zip_with(entries, manifest))
    capsys.readouterr()
    assert main(["pack", "install", str(bad)]) == 2
    assert code in capsys.readouterr().err
    assert snapshot(home) == before  # nothing written, the installed pack untouched
    assert not any(p.name.startswith(".") for p in home.iterdir())  # no staging left behind
    assert not (tmp_path / "evil.yaml").exists()


@pytest.mark.parametrize("blob", [b"", b"not a zip at all", b"PK\x03\x04" + b"\x00" * 40])
def test_a_damaged_pack_is_refused(home: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                   blob: bytes) -> None:
    bad = tmp_path / "bad.kaizenpack"
    bad.write_bytes(blob)
    assert main(["pack", "install", str(bad)]) == 2
    assert "P001" in capsys.readouterr().err and not home.exists()


def test_a_cut_off_pack_is_refused(home: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    good = built(tmp_path, with_cases=False).read_bytes()
    bad = tmp_path / "cut.kaizenpack"
    bad.write_bytes(good[: len(good) // 2])
    assert main(["pack", "install", str(bad)]) == 2
    assert "P001" in capsys.readouterr().err and not home.exists()


def test_every_problem_is_listed_at_once() -> None:
    blob = zip_with([GOOD, ("../a.yaml", b"x"), ("run.exe", b"x")], MANIFEST)
    with pytest.raises(PackError) as info:
        read_pack(blob)
    assert [p.code for p in info.value.problems] == ["P003", "P005"]


def test_unsafe_names() -> None:
    for name in ("../x", "a/../../x", "/x", "C:x", "c:/x", "a\\b", "a/./b", "a//b", "a/b.", "x\x00.yaml", "a:b"):
        assert unsafe_name(name), name
    for name in ("manifest.json", "questionnaires/standard.yaml", "questionnaires/"):
        assert not unsafe_name(name), name


def test_build_bad_inputs(home: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    folder = source(tmp_path)
    (folder / "pack.yaml").unlink()
    assert main(["pack", "build", str(folder), "-o", str(tmp_path / "p.kaizenpack")]) == 2
    assert "P014" in capsys.readouterr().err and not (tmp_path / "p.kaizenpack").exists()
    assert main(["pack", "build", str(folder), "-o", str(tmp_path / "p.kaizenpack"), "--id", "x", "--version",
                 "1.0.0", "--issuer", "team"]) == 0  # the options stand in for pack.yaml
    (folder / "broken.yaml").write_text("id: [unclosed\n", "utf-8")
    assert main(["pack", "build", str(folder), "-o", str(tmp_path / "q.kaizenpack"), "--id", "x", "--version",
                 "1.0.0", "--issuer", "team"]) == 2
    assert "Q005" in capsys.readouterr().err and not (tmp_path / "q.kaizenpack").exists()
    target = folder / "standard.yaml"
    before = target.read_bytes()
    assert main(["pack", "build", str(folder), "-o", str(target), "--id", "x", "--version", "1", "--issuer", "t"]) == 2
    assert "C008" in capsys.readouterr().err and target.read_bytes() == before
    assert main(["pack", "build", str(tmp_path / "missing"), "-o", str(tmp_path / "m.kaizenpack")]) == 2


def test_build_refuses_bad_and_huge_inputs_plainly_without_reading_them(
        home: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    import tracemalloc

    folder = source(tmp_path)
    out = tmp_path / "p.kaizenpack"
    (folder / "pack.yaml").write_bytes("id: ward-kaizen\nversion: 1.0.0\nissuer: 業務改善担当\n".encode("shift_jis"))
    assert main(["pack", "build", str(folder), "-o", str(out)]) == 2  # was exit 1 (UnicodeDecodeError)
    err = capsys.readouterr().err
    assert "Q004" in err and "pack.yaml:3:" in err and "Traceback" not in err
    for name in ("pack.yaml", "huge.yaml", "cases.yaml"):  # sparse: 64 MB on paper, nothing on disk
        (tmp_path / name.replace(".", "-")).mkdir()
        folder = source(tmp_path / name.replace(".", "-"))
        with open(folder / name if name != "cases.yaml" else tmp_path / name, "wb") as f:
            f.truncate(64 * 1024 * 1024)
        extra = ["--cases", str(tmp_path / name)] if name == "cases.yaml" else []
        tracemalloc.start()
        try:
            assert main(["pack", "build", str(folder), "-o", str(out), *extra]) == 2
            peak = tracemalloc.get_traced_memory()[1]
        finally:
            tracemalloc.stop()
        err = capsys.readouterr().err
        assert ("Q003" if name == "pack.yaml" else "P006") in err and name in err, err
        assert peak < 16 * 1024 * 1024, (name, peak)  # refused from its size: the 64 MB were never read
    assert not out.exists()


def raw_zip(entries: list[tuple[str, bytes]]) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, data in entries:
            zf.writestr(name, data)
    return buf.getvalue()


@pytest.mark.parametrize(("manifest", "code", "place"), [
    (b'{"format": "kaizen-pack",\n "id": "x"\n "version": "1.0.0"}', "P008", "manifest.json:3:2"),  # missing comma
    (b'{"format": "kaizen-pack", "issuer": "\x8b\xe6"}', "Q004", "manifest.json:1:38"),  # Shift_JIS 区
    (b'{"format": ' + "".join(map(str, range(1500))).encode() + b"}", "P008", "manifest.json"),  # too many digits
])
def test_a_broken_manifest_is_named_with_its_place(manifest: bytes, code: str, place: str) -> None:
    # the detail used to be the exception's class name ("JSONDecodeError", "ValueError") and no line
    with pytest.raises(PackError) as info:
        read_pack(raw_zip([("manifest.json", manifest), GOOD]), "ward.kaizenpack")
    (problem,) = info.value.problems
    rendered = problem.render("ja")
    assert problem.code == code and f"ward.kaizenpack:{place}" in rendered
    assert "Error" not in rendered and "Error" not in problem.render("en")


def test_a_pack_questionnaire_or_case_file_not_in_utf8_names_the_line_and_column() -> None:
    text = "id: x\ntitle: 標準\n"
    bad_q = ("questionnaires/standard.yaml", text.encode("shift_jis"))
    bad_cases = ("cases.yaml", "cases:\n  - title: 事例\n".encode("shift_jis"))
    with pytest.raises(PackError) as info:
        read_pack(raw_zip([("manifest.json", json.dumps({**MANIFEST, "cases": True}).encode()), bad_q, bad_cases]),
                  "p.kaizenpack")
    places = sorted(f"{p.code} {p.path}:{p.line}:{p.column}" for p in info.value.problems)
    assert places == ["Q004 p.kaizenpack:cases.yaml:2:12", "Q004 p.kaizenpack:questionnaires/standard.yaml:2:8"]


@pytest.mark.parametrize("found", ["1", 1.0, True, None, [1]])
def test_a_format_version_of_the_wrong_type_is_named_as_such(found: object) -> None:
    """``"format_version": "1"`` is P008 naming the field; it was P009 「形式 1 は読めません（このアプリは形式 1
    まで）」, which contradicts itself."""
    manifest = json.dumps({**MANIFEST, "format_version": found}).encode()
    with pytest.raises(PackError) as info:
        read_pack(raw_zip([("manifest.json", manifest), GOOD]), "ward.kaizenpack")
    (problem,) = info.value.problems
    assert problem.code == "P008" and problem.params["field"] == "format_version", problem.render("ja")
    assert repr(found) in problem.render("ja")


def test_a_format_version_the_app_cannot_read_is_still_p009() -> None:
    with pytest.raises(PackError) as info:
        read_pack(raw_zip([("manifest.json", json.dumps({**MANIFEST, "format_version": 2}).encode()), GOOD]),
                  "ward.kaizenpack")
    assert [p.code for p in info.value.problems] == ["P009"]


@pytest.mark.parametrize(("found", "hint"), [(1, '"1.0.0"'), (1.1, '"1.0.0"'), ("1.0.x", '"1.0.0"'), ("", '"1.0.0"'),
                                             (True, '"1.0.0"'), (None, '"1.0.0"')])
def test_a_manifest_version_that_is_a_number_or_no_version_is_refused(
        home: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], found: object, hint: str) -> None:
    """``"version": 1`` installed as version 「1」: the app writes the version as text, so a number is a hand edit
    (``1.10`` is already 1.1 once JSON has read it)."""
    manifest = json.dumps({**MANIFEST, "version": found}).encode()
    with pytest.raises(PackError) as info:
        read_pack(raw_zip([("manifest.json", manifest), GOOD]), "ward.kaizenpack")
    (problem,) = info.value.problems
    assert problem.code == "P008" and problem.params["field"] == "version" and problem.path == "ward.kaizenpack"
    ja, en = problem.render("ja"), problem.render("en")
    assert "「version」" in ja and hint in ja and repr(found) in ja and hint in en and "'version'" in en
    if isinstance(found, int | float) and not isinstance(found, bool):
        assert "数値" in ja and "number" in en
    bad = tmp_path / "bad.kaizenpack"
    bad.write_bytes(raw_zip([("manifest.json", manifest), GOOD]))
    assert main(["pack", "install", str(bad)]) == 2
    assert "P008" in capsys.readouterr().err and not home.exists()


@pytest.mark.parametrize("short", ["1.0", "2", " 1.2.0 "])
def test_a_short_text_version_as_earlier_versions_built_it_still_installs(home: Path, tmp_path: Path,
                                                                          short: str) -> None:
    # a pack built before versions were written in full (pack.yaml `version: 1.0` gave "1.0") must still install
    path = tmp_path / "old.kaizenpack"
    path.write_bytes(raw_zip([("manifest.json", json.dumps({**MANIFEST, "version": short}).encode()), GOOD]))
    assert read_pack(path).manifest.version == short
    assert main(["pack", "install", str(path)]) == 0


@pytest.mark.parametrize(("pack_yaml", "option", "written"), [
    ('version: "1.2"\n', None, "1.2.0"),  # a short text is written in full
    ("version: 1.0.0-rc.1\n", None, "1.0.0-rc.1"),
    ("version: 1.0.0\n", "2", "2.0.0"),  # --version 2
])
def test_a_pack_the_app_builds_has_a_full_version_and_installs(
        home: Path, tmp_path: Path, pack_yaml: str, option: str | None, written: str) -> None:
    folder = source(tmp_path)
    (folder / "pack.yaml").write_text(f"id: ward-kaizen\n{pack_yaml}issuer: 業務改善担当\n", "utf-8")
    out = tmp_path / "p.kaizenpack"
    assert main(["pack", "build", str(folder), "-o", str(out), *(["--version", option] if option else [])]) == 0
    with zipfile.ZipFile(out) as zf:
        assert json.loads(zf.read("manifest.json"))["version"] == written
    assert main(["pack", "install", str(out)]) == 0
    assert json.loads((home / "ward-kaizen" / "manifest.json").read_text("utf-8"))["version"] == written


def test_the_window_builds_a_pack_of_a_questionnaire_with_a_short_version(home: Path, tmp_path: Path) -> None:
    folder = source(tmp_path, q_version="3.1")
    from app.service import pack

    q = service.load_file(folder / "standard.yaml")
    assert q.version == "3.1"
    out = pack.build_from(q, tmp_path / "w.kaizenpack", issuer="業務改善担当")
    assert read_pack(out).manifest.version == "3.1.0"
    assert main(["pack", "install", str(out)]) == 0


@pytest.mark.parametrize("line", ["version: 1.10\n", "version: 2\n", "version: one\n"])
def test_a_pack_version_that_is_a_number_in_pack_yaml_is_refused_when_building(
        home: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], line: str) -> None:
    """``version: 1.10`` in pack.yaml is the number 1.1 to YAML: it was built as version 「1.1」 without a word."""
    folder = source(tmp_path)
    (folder / "pack.yaml").write_text(f"id: ward-kaizen\n{line}issuer: 業務改善担当\n", "utf-8")
    out = tmp_path / "p.kaizenpack"
    assert main(["pack", "build", str(folder), "-o", str(out)]) == 2
    err = capsys.readouterr().err
    assert "P015" in err and str(folder / "pack.yaml") in err and '"1.0.0"' in err and not out.exists()


def rebuilt(pack: Path, change: dict[str, Any], *, drop: str | None = None) -> bytes:
    """``pack``'s entries with its manifest changed (a key whose value is ``...`` removed) and ``drop`` left out."""
    with zipfile.ZipFile(pack) as zf:
        entries = {n: zf.read(n) for n in zf.namelist() if n != drop}
    manifest = {**json.loads(entries.pop("manifest.json")), **change}
    manifest = {k: v for k, v in manifest.items() if v is not ...}
    return raw_zip([("manifest.json", json.dumps(manifest, ensure_ascii=False).encode()), *entries.items()])


@pytest.mark.parametrize(("change", "drop", "code"), [
    ({"cases": True}, "cases.yaml", "P016"),  # said to hold a catalogue, holds none: installed 0 cases silently
    ({"cases": False}, None, "P017"),  # holds a catalogue it says it does not
    ({"cases": "yes"}, None, "P008"),
    ({"cases": ...}, None, "P008"),
])
def test_a_manifest_that_disagrees_with_the_pack_about_its_catalogue_is_refused(
        home: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], change: dict[str, Any], drop: str | None,
        code: str) -> None:
    good = built(tmp_path)
    with pytest.raises(PackError) as info:
        read_pack(rebuilt(good, change, drop=drop), "ward.kaizenpack")
    (problem,) = info.value.problems
    assert problem.code == code and problem.params["field"] == "cases"
    if code != "P008":
        assert problem.path == "ward.kaizenpack:manifest.json"
        for lang, field in (("ja", "「cases」"), ("en", "'cases'")):
            text = problem.render(lang)
            assert "cases.yaml" in text and field in text and "manifest" in text, text
    bad = tmp_path / "bad.kaizenpack"
    bad.write_bytes(rebuilt(good, change, drop=drop))
    capsys.readouterr()
    assert main(["pack", "install", str(bad)]) == 2
    assert code in capsys.readouterr().err and not home.exists()
    assert read_pack(rebuilt(good, {})).case_count > 0  # the pack as built: its catalogue, said so
    (tmp_path / "none").mkdir()
    without = built(tmp_path / "none", with_cases=False)  # "cases": false and no cases.yaml
    assert read_pack(without).cases is None and main(["pack", "install", str(without)]) == 0

"""The parsed-questionnaire cache: data only, keyed by content, never stale, and ignored whenever it is not ours."""

from __future__ import annotations

import json
import math
from pathlib import Path

import pytest

from app import resources, service
from app.domain.errors import QuestionnaireError
from app.loading import parse_cache, yaml_safe
from app.loading.loader import load_questionnaire
from app.service import core

ROOT = Path(__file__).resolve().parent.parent
STANDARD = ROOT / "questionnaires" / "standard.yaml"
STORE = core.store_cache_entry  # the service's atomic writer, as the app passes it


@pytest.fixture
def copy(tmp_path: Path) -> Path:
    """A private copy of the standard questionnaire (the tests edit it)."""
    target = tmp_path / "q" / "standard.yaml"
    target.parent.mkdir()
    target.write_bytes(STANDARD.read_bytes())
    return target


def no_parsing(monkeypatch: pytest.MonkeyPatch) -> None:
    """Fail the test if the YAML parser runs."""
    def refuse(data: bytes, name: str) -> object:
        raise AssertionError(f"{name} was parsed although its cache entry should have been used")

    monkeypatch.setattr(yaml_safe, "load_bytes", refuse)


def entries(cache: Path) -> list[Path]:
    return sorted(cache.glob(f"*{parse_cache.SUFFIX}"))


def test_second_load_comes_from_the_cache_and_equals_a_fresh_parse(copy: Path, tmp_path: Path,
                                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    cache = tmp_path / "cache"
    first = load_questionnaire(copy, cache_dir=cache, store=STORE)
    assert len(entries(cache)) == 1
    no_parsing(monkeypatch)
    second = load_questionnaire(copy, cache_dir=cache, store=STORE)
    monkeypatch.undo()
    assert second == first == load_questionnaire(copy)  # the uncached path: the same questionnaire


def test_the_cache_is_plain_json_data(copy: Path, tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    load_questionnaire(copy, cache_dir=cache, store=STORE)
    (entry,) = entries(cache)
    doc = json.loads(entry.read_text(encoding="utf-8"))
    assert doc["format"] == parse_cache.FORMAT
    assert doc["key"] == parse_cache.key(copy.read_bytes())
    assert doc["source"] == copy.read_text(encoding="utf-8")  # what it was made from, compared on every use
    assert parse_cache.decode(doc["data"]) == yaml_safe.load_file(copy)


def test_an_entry_is_used_only_for_the_very_text_it_was_made_from(copy: Path, tmp_path: Path,
                                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    """Two texts with the same name, length and checksum (here: every text gets the same key) still get their
    own parse: the entry is checked against the text, not trusted for its key."""
    monkeypatch.setattr(parse_cache, "key", lambda data: "same-for-all")
    cache = tmp_path / "cache"
    assert load_questionnaire(copy, cache_dir=cache, store=STORE).title.get("ja") == "業務改善セルフチェック（標準）"
    before = copy.read_bytes()
    old, new = "  ja: 業務改善セルフチェック（標準）\n", "  ja: 業務改善セルフチェック（試行）\n"
    after = before.replace(old.encode(), new.encode(), 1)
    copy.write_bytes(after)  # bytes, so that no newline is translated: the same length, another text
    assert len(after) == len(before) and after != before
    assert load_questionnaire(copy, cache_dir=cache, store=STORE).title.get("ja") == "業務改善セルフチェック（試行）"
    (entry,) = entries(cache)  # rewritten for the new text
    assert json.loads(entry.read_bytes())["source"] == after.decode("utf-8")
    no_parsing(monkeypatch)
    assert load_questionnaire(copy, cache_dir=cache, store=STORE).title.get("ja") == "業務改善セルフチェック（試行）"


def test_positions_survive_so_problems_point_at_the_same_place(copy: Path, tmp_path: Path,
                                                               monkeypatch: pytest.MonkeyPatch) -> None:
    text = copy.read_text(encoding="utf-8")
    copy.write_text(text.replace("        type: long_text\n", "        type: longtext\n", 1), encoding="utf-8")
    cache = tmp_path / "cache"
    with pytest.raises(QuestionnaireError) as fresh:
        load_questionnaire(copy, cache_dir=cache, store=STORE)
    assert len(entries(cache)) == 1  # the file parsed; only its validation failed
    no_parsing(monkeypatch)
    with pytest.raises(QuestionnaireError) as cached:
        load_questionnaire(copy, cache_dir=cache, store=STORE)
    rendered = [p.render("en") for p in fresh.value.problems]
    assert rendered == [p.render("en") for p in cached.value.problems]
    assert all(p.line > 0 for p in cached.value.problems)


def test_an_edited_questionnaire_is_never_served_stale(copy: Path, tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    assert load_questionnaire(copy, cache_dir=cache, store=STORE).title.get("ja") == "業務改善セルフチェック（標準）"
    text = copy.read_text(encoding="utf-8")
    copy.write_text(text.replace("  ja: 業務改善セルフチェック（標準）\n", "  ja: 試行版\n", 1), encoding="utf-8")
    assert load_questionnaire(copy, cache_dir=cache, store=STORE).title.get("ja") == "試行版"
    assert len(entries(cache)) == 2


@pytest.mark.parametrize("content", [
    b"",
    b"\x80\x81 not utf-8",
    b'{"format": "kaizen-selfcheck/parsed-questionnaire", "key": ',  # cut short
    b"[1, 2, 3]",
    b'{"format": "something else", "key": "K", "data": null}',
    b'{"format": "kaizen-selfcheck/parsed-questionnaire", "key": "K", "data": {"m": [1, 1], "k": [["id", 1]]}}',
    b'{"format": "kaizen-selfcheck/parsed-questionnaire", "key": "K", "data": {"m": [true, 1], "k": []}}',
    b'{"format": "kaizen-selfcheck/parsed-questionnaire", "key": "K", "data": {"l": [1, 1], "i": [[1, 1, [2]]]}}',
    b'{"format": "kaizen-selfcheck/parsed-questionnaire", "key": "K", "data": {"m": [1, 1], "k": [], "x": 1}}',
    b'{"format": "kaizen-selfcheck/parsed-questionnaire", "key": "K", "data": ' + b'{"l":[1,1],"i":[[1,1,' * 5000
    + b"1" + b"]]}" * 5000 + b"}",
], ids=["empty", "not-utf8", "truncated", "a-list", "foreign-format", "short-row", "bool-line", "bare-list",
        "extra-key", "deep"])
def test_a_corrupt_or_foreign_entry_is_ignored_and_rebuilt(content: bytes, copy: Path, tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    expected = load_questionnaire(copy, cache_dir=cache, store=STORE)
    (entry,) = entries(cache)
    k = parse_cache.key(copy.read_bytes())
    entry.write_bytes(content.replace(b'"key": "K"', json.dumps({"key": k})[1:-1].encode()))
    assert load_questionnaire(copy, cache_dir=cache, store=STORE) == expected
    doc = json.loads(entry.read_bytes())  # rewritten whole
    assert doc["key"] == k
    assert parse_cache.decode(doc["data"]) == yaml_safe.load_file(copy)


def test_an_entry_of_another_app_or_schema_version_is_not_used(copy: Path, tmp_path: Path,
                                                               monkeypatch: pytest.MonkeyPatch) -> None:
    cache = tmp_path / "cache"
    load_questionnaire(copy, cache_dir=cache, store=STORE)
    (entry,) = entries(cache)
    doc = json.loads(entry.read_bytes())
    doc["data"]["k"] = [row for row in doc["data"]["k"] if row[0] != "title"]  # would fail validation if used
    monkeypatch.setattr(parse_cache, "SCHEMA", parse_cache.SCHEMA + 1)
    old_key = doc["key"]
    entry.write_text(json.dumps(doc), encoding="utf-8")
    # parsed again, not taken from the entry
    assert load_questionnaire(copy, cache_dir=cache, store=STORE).title.get("ja")
    monkeypatch.undo()
    assert parse_cache.key(copy.read_bytes()) == old_key
    monkeypatch.setattr(parse_cache, "__version__", "99.0.0")
    assert parse_cache.key(copy.read_bytes()) != old_key


def test_an_unwritable_cache_folder_only_costs_the_parse(copy: Path, tmp_path: Path) -> None:
    blocker = tmp_path / "cache"
    blocker.write_text("a file where the folder should be", encoding="utf-8")
    assert load_questionnaire(copy, cache_dir=blocker, store=STORE) == load_questionnaire(copy)
    assert blocker.read_text(encoding="utf-8") == "a file where the folder should be"


def test_parse_errors_are_reported_and_not_cached(tmp_path: Path) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text("id: [unclosed\n", encoding="utf-8")
    cache = tmp_path / "cache"
    with pytest.raises(QuestionnaireError) as caught:
        load_questionnaire(bad, cache_dir=cache, store=STORE)
    assert caught.value.problems[0].code == "Q005"
    assert not cache.exists() or entries(cache) == []


def test_scalars_round_trip_exactly() -> None:
    data = yaml_safe.load_text("a: 1\nb: 1.0\nc: true\nd: ~\ne: '1'\nf: .inf\ng: -0.0\nh: 2026-04-01\n"
                               "i: 123456789012345678901234567890\nj: [x, {k: no}]\n")
    back = parse_cache.decode(json.loads(json.dumps(parse_cache.encode(data))))
    assert back == data
    assert [type(back[k]) for k in "abcdefghi"] == [int, float, bool, type(None), str, float, float, str, int]
    assert math.copysign(1, back["g"]) == -1
    assert back.key_pos == data.key_pos and back["j"].item_pos == data["j"].item_pos
    assert back["j"][1].key_pos == data["j"][1].key_pos


def test_old_entries_are_pruned(copy: Path, tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    text = copy.read_text(encoding="utf-8")
    for n in range(parse_cache.KEEP_FILES + 3):
        copy.write_text(text + f"# edit {n}\n", encoding="utf-8")
        load_questionnaire(copy, cache_dir=cache, store=STORE)
    assert len(entries(cache)) == parse_cache.KEEP_FILES
    assert not list(cache.glob(".tmp-*"))


def test_the_service_uses_the_user_cache_folder() -> None:
    core.clear_cache()
    service.get_questionnaire("standard")
    assert entries(resources.questionnaire_cache_dir())  # the private folder of the test session (conftest)


def test_without_a_store_the_cache_is_only_read(copy: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The loading layer never writes a file itself: only the store it is given (the service's atomic writer)."""
    cache = tmp_path / "cache"
    load_questionnaire(copy, cache_dir=cache)
    assert entries(cache) == []
    expected = load_questionnaire(copy, cache_dir=cache, store=STORE)
    assert len(entries(cache)) == 1
    no_parsing(monkeypatch)
    assert load_questionnaire(copy, cache_dir=cache) == expected  # read without a store

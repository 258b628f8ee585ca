"""Autosave: recovery is offered only for work newer than its saved file; damage never stops the start."""

from __future__ import annotations

import json
import os
import time
from pathlib import Path

import pytest

from app import service
from app.domain.assessment import Assessment
from app.domain.errors import StorageError
from app.storage import assessment_file, autosave
from tests.helpers import EXAMPLE, standard


def example() -> Assessment:
    return service.open_assessment(EXAMPLE).assessment


def test_untitled_work_is_offered_and_recovered(tmp_path: Path) -> None:
    a = example()
    a.info["department"] = "未保存課"
    slot = autosave.slot_for(None)
    written = autosave.autosave(a, slot, None, tmp_path)
    found = autosave.pending(tmp_path)
    assert [p.path for p in found] == [written]
    assert found[0].department == "未保存課"
    assert found[0].source is None
    recovered = autosave.recover(found[0], standard())
    assert recovered.assessment.tasks == a.tasks
    assert recovered.problems == []
    autosave.clear(slot, tmp_path)
    assert autosave.pending(tmp_path) == []


def test_autosave_older_than_the_saved_file_is_not_offered(tmp_path: Path) -> None:
    doc = tmp_path / "区民課 2026.kaizen.json"
    a = example()
    slot = autosave.slot_for(doc)
    autosave.autosave(a, slot, doc, tmp_path / "auto")
    time.sleep(0.01)
    service.save_assessment(a, doc)  # saved after the autosave: nothing to recover
    assert autosave.pending(tmp_path / "auto") == []


def test_changes_after_the_last_save_are_offered_even_within_the_same_second(tmp_path: Path) -> None:
    doc = tmp_path / "doc.kaizen.json"
    a = example()
    service.save_assessment(a, doc)
    a.info["department"] = "変更後"
    time.sleep(0.01)
    autosave.autosave(a, autosave.slot_for(doc), doc, tmp_path / "auto")
    found = autosave.pending(tmp_path / "auto")
    assert [p.department for p in found] == ["変更後"]
    assert found[0].source == doc


def test_autosave_of_a_deleted_document_is_offered(tmp_path: Path) -> None:
    doc = tmp_path / "gone.kaizen.json"
    autosave.autosave(example(), autosave.slot_for(doc), doc, tmp_path / "auto")
    assert len(autosave.pending(tmp_path / "auto")) == 1


def test_damaged_foreign_and_huge_files_are_skipped(tmp_path: Path) -> None:
    good = autosave.autosave(example(), "untitled-good", None, tmp_path)
    (tmp_path / "truncated.autosave.json").write_bytes(good.read_bytes()[:500])
    (tmp_path / "list.autosave.json").write_text("[1, 2]", encoding="utf-8")
    (tmp_path / "nometa.autosave.json").write_text("{}", encoding="utf-8")
    (tmp_path / "badmeta.autosave.json").write_text('{"autosave": {"saved_at": 5, "source": 3}}')
    (tmp_path / "binary.autosave.json").write_bytes(b"\xff\x00\xfe")
    with open(tmp_path / "huge.autosave.json", "wb") as handle:
        handle.truncate(assessment_file.MAX_BYTES + 1)
    (tmp_path / "dir.autosave.json").mkdir()
    (tmp_path / "not a slot.autosave.json").write_bytes(good.read_bytes())  # copied in by hand
    assert [p.path for p in autosave.pending(tmp_path)] == [good]


def test_naive_timestamp_and_mixed_zones_do_not_crash(tmp_path: Path) -> None:
    doc = tmp_path / "doc.kaizen.json"
    service.save_assessment(example(), doc)
    old = time.time() - 3600
    os.utime(doc, (old, old))
    data = assessment_file.to_dict(example())
    data["autosave"] = {"source": str(doc), "saved_at": "2999-01-01T10:00:00"}  # no zone
    (tmp_path / "naive.autosave.json").write_text(json.dumps(data), encoding="utf-8")
    autosave.autosave(example(), "untitled-aware", None, tmp_path)
    found = autosave.pending(tmp_path)
    assert len(found) == 2
    assert found[0].path.name == "naive.autosave.json"  # newest first


def test_slot_names_cannot_escape_the_folder(tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="slot"):
        autosave.autosave(example(), "../../evil", None, tmp_path / "auto")
    autosave.clear("../../evil", tmp_path)  # silently nothing
    assert autosave.slot_for(tmp_path / "区民課.kaizen.json").startswith("file-")


def test_unwritable_data_folder_is_a_storage_error(tmp_path: Path) -> None:
    blocker = tmp_path / "file-not-folder"
    blocker.write_text("x")
    with pytest.raises(StorageError):
        autosave.autosave(example(), "untitled-x", None, blocker / "auto")


def test_the_window_reaches_recovery_through_service(tmp_path: Path) -> None:
    """pending_recoveries / recover / discard_recovery: what Home and the wizard use, without app.storage."""
    a = example()
    a.info["department"] = "復元課"
    mine, other = service.new_slot(None), service.new_slot(None)
    service.autosave(a, mine, None, tmp_path)
    written = service.autosave(a, other, None, tmp_path)
    found = service.pending_recoveries(tmp_path, exclude_slot=mine)
    assert [(p.path, p.slot) for p in found] == [(written, other)]
    opened = service.recover(found[0])
    assert opened.questionnaire.id == "standard"
    assert opened.assessment.tasks == a.tasks and opened.path == written and not opened.read_only
    service.discard_recovery(found[0])
    service.discard_recovery(found[0])  # already gone: fine
    assert [p.slot for p in service.pending_recoveries(tmp_path)] == [mine]
    service.clear_autosave(mine, tmp_path)
    assert service.pending_recoveries(tmp_path) == []


def test_free_name_is_offered_by_service(tmp_path: Path) -> None:
    target = tmp_path / "plan.pdf"
    assert service.free_name(target) == target
    target.write_bytes(b"x")
    assert service.free_name(target) == tmp_path / "plan (2).pdf"
    service.write_settings(tmp_path / "sub" / "s.json", b"{}")
    assert (tmp_path / "sub" / "s.json").read_bytes() == b"{}"

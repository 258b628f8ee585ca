"""Kill a process in the middle of saving, many times: the file on disk is always a complete version.

A child process saves big assessments in a loop (generation 1, 2, 3 … each one different); the test
SIGKILLs it after a random delay and then checks that the assessment file and its ``.bak`` are each,
byte for byte, one complete generation, and that the newest generation on disk never goes back.
"""

from __future__ import annotations

import datetime as dt
import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from app.domain.assessment import Action, Assessment
from app.storage import assessment_file
from tests.helpers import ROOT, standard

FIXED_NOW = dt.datetime(2026, 10, 15, 14, 0, tzinfo=dt.timezone(dt.timedelta(hours=9)))
TRIALS = 60  # a kill must land inside a write at least once; the larger app spends longer between writes

CHILD = r"""
import sys
from pathlib import Path
sys.path[:0] = [sys.argv[3]]
from tests.test_reliability_kill import FIXED_NOW, generation
from app.storage import assessment_file
path, start = Path(sys.argv[1]), int(sys.argv[2])
print("ready", flush=True)
n = start
while True:
    assessment_file.save(generation(n), path, FIXED_NOW)
    print(n, flush=True)
    n += 1
"""


def generation(n: int) -> Assessment:
    """A large assessment whose every byte depends on ``n`` (about 1.5 MB of JSON)."""
    a = Assessment("standard", "1.0.0", info={"department": f"第{n}世代課", "participants": "課長、係長"})
    for i in range(400):
        a.add_task({"name": f"業務{i}（第{n}世代）", "annual_cases": n * 1000 + i, "minutes_per_case": 5,
                    "systems": "住民記録システム" * 40})
    a.actions.append(Action("a1", "t1", "eliminate", note=f"generation {n}"))
    return a


def expected(n: int) -> bytes:
    return assessment_file.dumps(generation(n), FIXED_NOW)


def generation_of(data: bytes) -> int:
    """Which generation ``data`` is, failing unless it is that generation complete to the last byte."""
    result = assessment_file.loads(data, standard(), "on disk")
    dept = result.assessment.info["department"]
    n = int(dept.removeprefix("第").removesuffix("世代課"))
    assert data == expected(n), f"generation {n} on disk is not complete"
    return n


@pytest.mark.slow
@pytest.mark.posix_only("kills the writer with SIGKILL mid-save")
def test_killed_while_saving_leaves_a_complete_version(tmp_path: Path) -> None:
    path = tmp_path / "区民課 2026.kaizen.json"
    assessment_file.save(generation(0), path, FIXED_NOW)
    rng = random.Random(20261015)
    newest = 0
    killed_mid_write = 0  # kills that left a temp file behind: the child was inside write/fsync/replace
    for _trial in range(TRIALS):
        child = subprocess.Popen(
            [sys.executable, "-c", CHILD, str(path), str(newest + 1), str(ROOT)],
            stdout=subprocess.PIPE, text=True, cwd=ROOT)
        assert child.stdout is not None
        assert child.stdout.readline().strip() == "ready"
        time.sleep(rng.uniform(0.0, 0.4))
        os.kill(child.pid, signal.SIGKILL)
        reported = [int(line) for line in child.stdout.read().split()]
        child.wait()
        child.stdout.close()
        on_disk = generation_of(path.read_bytes())
        # the file is the last generation the child finished, or the one it was writing when killed
        last_done = reported[-1] if reported else newest
        assert on_disk in (last_done, last_done + 1)
        assert on_disk >= newest
        temps = [p for p in tmp_path.iterdir() if p.name.endswith(".tmp")]
        if temps:
            killed_mid_write += 1
            for p in temps:
                p.unlink()  # the next save would only sweep them after ten minutes
        bak = path.with_name(path.name + ".bak")
        if bak.exists():
            # the backup is updated just before the replace, so it is the previous or the current version
            assert generation_of(bak.read_bytes()) <= on_disk
        newest = on_disk
    assert newest > 0, "the child never completed a save: the delays are too short to test anything"
    print(f"kills inside a write: {killed_mid_write}/{TRIALS}, generations reached: {newest}")
    assert killed_mid_write > 0, "no kill landed inside a write"

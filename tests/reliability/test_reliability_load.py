"""The web app under upload load (issue 15, failure 3): reads are served while uploads queue.

A bounded loopback run of ``benchmarks/serve_load_bench.py``: 10 uploads sent at
once to a served store, one client reading ``/api/stories`` in a loop meanwhile.
Before the fix every read waited for the upload in progress (the NLP and the
relink ran under the lock readers take), so reads came one per finished upload.
The latencies are written to ``test-artifacts/serve-load.json``, not asserted:
tests never assert timings on a shared machine.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from serve_load_bench import measure  # benchmarks/ is on the path (conftest.py)

from recoupe.serve.worker import AnalysisWorker

ROOT = Path(__file__).resolve().parents[2]

UPLOADS = 10
PER_UPLOAD = 2
STORED = 20


@pytest.mark.timeout(900)
def test_reads_are_served_while_ten_uploads_queue(tmp_path: Path) -> None:
    result = measure(
        str(tmp_path / "load.db"),
        stored=STORED,
        uploads=UPLOADS,
        per_upload=PER_UPLOAD,
        blank=True,
        max_reads=2000,
    )
    artifacts = ROOT / "test-artifacts"
    artifacts.mkdir(exist_ok=True)
    (artifacts / "serve-load.json").write_text(json.dumps(result, indent=2), "utf-8")
    print(json.dumps(result))
    assert result["upload_statuses"] == [200] * UPLOADS
    assert result["articles_after"] == STORED + UPLOADS * PER_UPLOAD
    # Reads were answered while uploads were queued or running, not one per finished upload.
    assert result["reads_while_uploads_pending"] >= 100, result


def _pid() -> int:
    return os.getpid()


def test_the_upload_worker_is_recycled_so_its_memory_stays_bounded() -> None:
    worker = AnalysisWorker(max_tasks=3)
    try:
        pids = [worker.run(_pid) for _ in range(7)]
    finally:
        worker.close()
    assert os.getpid() not in pids  # the work ran in another process
    assert len(set(pids)) == 3  # a fresh process after every 3 jobs: spaCy's growth is dropped

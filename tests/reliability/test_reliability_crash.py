"""``kill -9`` while an ingest relinks: the store keeps its last linked state and is marked stale.

The derived tables (entities, stories, findings) are replaced in one transaction, so
a process killed while linking leaves the previous ones whole; the stale flag, set
with the articles, makes the next run (or the web app) link again. The result then
equals an uninterrupted run. (Killing during the batches is in
``tests/store/test_crash_safety.py``.)
"""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest
from store_helpers import write_corpus

from recoupe.model import to_dict
from recoupe.store import Store

ARTICLES = 60

_INGEST = (
    "import sys\n"
    "from recoupe.nlp.pipeline import PipelineOptions\n"
    "from recoupe.store.ingest import ingest_paths\n"
    "ingest_paths(sys.argv[1], [sys.argv[2]], pipeline_options=PipelineOptions(models=()), batch_size=20)\n"
)


def _state(db: Path) -> tuple[int, str | None]:
    """(articles stored, stale flag), read without waiting for the writer."""
    try:
        with sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=1) as conn:
            count = int(conn.execute("SELECT count(*) FROM articles").fetchone()[0])
            row = conn.execute("SELECT value FROM store_state WHERE key = 'stale'").fetchone()
            return count, row[0] if row else None
    except sqlite3.Error:
        return 0, None


@pytest.mark.timeout(600)
def test_kill_during_relink_leaves_a_whole_store_that_relinks(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    write_corpus(corpus, ARTICLES)
    env = {**os.environ, "PYTHONUNBUFFERED": "1"}
    whole = tmp_path / "whole.db"
    subprocess.run([sys.executable, "-c", _INGEST, str(whole), str(corpus)], check=True, env=env)

    killed = tmp_path / "killed.db"
    process = subprocess.Popen([sys.executable, "-c", _INGEST, str(killed), str(corpus)], env=env)
    deadline = time.monotonic() + 300
    try:
        # Every batch committed and the store still stale: the process is linking.
        while _state(killed) != (ARTICLES, "1"):
            assert process.poll() is None, "ingest ended before it was caught relinking"
            assert time.monotonic() < deadline
            time.sleep(0.002)
        os.kill(process.pid, signal.SIGKILL)
    finally:
        process.wait()
    assert process.returncode == -signal.SIGKILL

    with sqlite3.connect(killed) as conn:
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        # The previous linked state, whole: for a new store, no story at all (none half-written).
        assert conn.execute("SELECT count(*) FROM stories").fetchone()[0] == 0
        assert conn.execute("SELECT count(*) FROM story_articles").fetchone()[0] == 0
    with Store(killed) as store:
        assert store.needs_relink()
        store.relink()
    with Store(whole) as expected, Store(killed) as resumed:
        assert resumed.counts() == expected.counts()
        assert to_dict(resumed.report()) == to_dict(expected.report())

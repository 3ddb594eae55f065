"""Killing `recoupe ingest` (SIGKILL, after a batch was committed) loses and duplicates nothing."""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

from store_helpers import write_corpus

from recoupe.model import to_dict
from recoupe.store import Store

ARTICLES = 24
BATCH = "2"


def _ingest_command(corpus: Path, db: Path) -> list[str]:
    return [
        sys.executable,
        "-m",
        "recoupe.cli",
        "ingest",
        str(corpus),
        "--db",
        str(db),
        "--batch-size",
        BATCH,
        "-q",
    ]


def _stored_articles(db: Path) -> int:
    try:
        with sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=1) as conn:
            return int(conn.execute("SELECT count(*) FROM articles").fetchone()[0])
    except sqlite3.Error:  # not created or not migrated yet
        return 0


def _search_rows(db: Path) -> int:
    with sqlite3.connect(db) as conn:
        return int(conn.execute("SELECT count(*) FROM search_documents").fetchone()[0])


def test_killed_ingest_resumes_to_the_same_store(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    write_corpus(corpus, ARTICLES)
    env = {**os.environ, "PYTHONUNBUFFERED": "1"}

    whole = tmp_path / "whole.db"
    subprocess.run(_ingest_command(corpus, whole), check=True, env=env, capture_output=True)

    killed = tmp_path / "killed.db"
    process = subprocess.Popen(
        _ingest_command(corpus, killed),
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    deadline = time.monotonic() + 300
    try:
        while _stored_articles(killed) == 0:
            assert process.poll() is None, "ingest ended before its first commit was seen"
            assert time.monotonic() < deadline, "no batch was committed in time"
            time.sleep(0.005)
        os.kill(process.pid, signal.SIGKILL)
    finally:
        process.wait()
    assert process.returncode == -signal.SIGKILL
    at_kill = _stored_articles(killed)
    assert 0 < at_kill < ARTICLES, f"the kill must land mid-run ({at_kill} of {ARTICLES} stored)"
    assert at_kill % int(BATCH) == 0, "only whole batches are ever committed"

    rerun = subprocess.run(
        _ingest_command(corpus, killed), check=True, env=env, capture_output=True, text=True
    )
    assert rerun.stdout.startswith(f"{ARTICLES - at_kill} added, {at_kill} unchanged")

    with Store(whole) as expected, Store(killed) as resumed:
        assert resumed.counts() == expected.counts()
        assert to_dict(resumed.report()) == to_dict(expected.report())
        assert resumed.analyses() == expected.analyses()
    assert _search_rows(killed) == _search_rows(whole)

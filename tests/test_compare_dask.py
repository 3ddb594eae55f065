"""With --dask the per-story comparison runs on the workers too, and the report is the local one."""

from __future__ import annotations

from pathlib import Path

import pytest

from recoupe.api import AnalyzeOptions, analyze
from recoupe.model import Report
from recoupe.store import Store
from recoupe.store.ingest import ingest_paths

EXAMPLES = Path(__file__).resolve().parents[1] / "examples"


@pytest.mark.slow
def test_dask_gives_exactly_the_local_report(sample_report: Report) -> None:
    remote = analyze([EXAMPLES / "corpus"], AnalyzeOptions(dask="local"))
    assert len(remote.stories) > 1 and any(s.findings for s in remote.stories)
    assert remote == sample_report


@pytest.mark.slow
def test_an_ingest_on_dask_stores_the_stories_of_a_local_ingest(tmp_path: Path) -> None:
    here = ingest_paths(tmp_path / "here.db", [EXAMPLES / "corpus"])
    remote = ingest_paths(tmp_path / "dask.db", [EXAMPLES / "corpus"], dask="local")
    assert remote.stories == here.stories > 1
    with Store(tmp_path / "here.db") as a, Store(tmp_path / "dask.db") as b:
        assert b.report().stories == a.report().stories

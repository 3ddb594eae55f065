"""With --dask the per-story comparison runs on the workers too, and the report is the local one."""

from __future__ import annotations

from pathlib import Path

import pytest

from recoupe.api import AnalyzeOptions, analyze
from recoupe.model import Report

EXAMPLES = Path(__file__).resolve().parents[1] / "examples"


@pytest.mark.slow
def test_dask_gives_exactly_the_local_report(sample_report: Report) -> None:
    remote = analyze([EXAMPLES / "corpus"], AnalyzeOptions(dask="local"))
    assert len(remote.stories) > 1 and any(s.findings for s in remote.stories)
    assert remote == sample_report

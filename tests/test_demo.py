"""``recoupe demo`` runs from any directory on the sample corpus shipped as package data."""

from __future__ import annotations

import fnmatch
import json
import os
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest

import recoupe
from recoupe.cli import _bundled_corpus

ROOT = Path(__file__).resolve().parents[1]
PACKAGE = Path(recoupe.__file__).resolve().parent


def test_sample_corpus_is_package_data() -> None:
    corpus = _bundled_corpus()
    assert corpus.resolve().is_relative_to(
        PACKAGE
    )  # inside the package, not beside the source tree
    files = sorted(p.relative_to(PACKAGE).as_posix() for p in corpus.iterdir() if p.is_file())
    assert len(files) == 7  # 8 articles: the JSON Lines file holds 2
    patterns = tomllib.loads((ROOT / "pyproject.toml").read_text("utf-8"))["tool"]["setuptools"][
        "package-data"
    ]["recoupe"]
    for name in files:
        assert any(fnmatch.fnmatch(name, pattern) for pattern in patterns), (
            f"{name} is not package data"
        )


def test_examples_corpus_is_the_packaged_sample() -> None:
    examples = ROOT / "examples" / "corpus"
    assert sorted(p.name for p in examples.iterdir()) == sorted(
        p.name for p in _bundled_corpus().iterdir()
    )


@pytest.mark.slow
def test_demo_from_an_empty_directory(tmp_path: Path) -> None:
    """Run as a user would, from a directory that is not the source tree; every article kept."""
    subprocess.run(
        [sys.executable, "-m", "recoupe.cli", "demo", "-q", "-o", "out/demo.json"],
        cwd=tmp_path,
        env=dict(os.environ),
        check=True,
        timeout=600,
    )
    report = json.loads((tmp_path / "out" / "demo.json").read_text("utf-8"))
    assert len(report["articles"]) == 8
    assert report["rejected"] == []  # the HTML page is read (its cleaning dependency is declared)
    assert "journal-des-coteaux-tribune" in {a["id"] for a in report["articles"]}
    assert len(report["stories"]) == 3

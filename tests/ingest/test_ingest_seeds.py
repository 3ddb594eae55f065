"""The real seed articles of ../shared (skipped when absent, required under CI)."""

from __future__ import annotations

from pathlib import Path

from recoupe.ingest import read_inputs
from recoupe.model import Article


def _seed(seeds_dir: Path, stem: str) -> Article:
    (article,) = read_inputs([seeds_dir / f"{stem}.txt"])
    assert isinstance(article, Article), article
    return article


def test_seed_000_marker_and_no_headline(seeds_dir: Path) -> None:
    article = _seed(seeds_dir, "000_9014dda8250f2a88")
    assert article.id == "000_9014dda8250f2a88"
    assert article.published == "2024-03"
    assert article.title is None
    assert article.text.startswith("Les pertes civiles")
    assert article.source is None


def test_seed_003_headline_and_signature(seeds_dir: Path) -> None:
    article = _seed(seeds_dir, "003_1505aa7bd25a2221")
    raw = (seeds_dir / "003_1505aa7bd25a2221.txt").read_text("utf-8")
    assert article.source == "All Israel News"
    assert article.source_evidence == "signature"
    assert article.title == raw.split("\n")[0].strip()
    assert article.text.startswith(article.title)
    assert article.published is None


def test_all_seeds_read_without_rejection(seeds_dir: Path) -> None:
    items = list(read_inputs([seeds_dir]))
    assert items
    assert all(isinstance(item, Article) for item in items)

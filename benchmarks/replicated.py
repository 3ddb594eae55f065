"""Real-length articles for measurements: lightly edited copies of a seed corpus, read at run time.

The seeds are the bundled sample (examples/corpus) and, when present,
``../shared/data/news-dev``: both are read from disk when a benchmark runs and
nothing of them is copied into the repository. Copy ``k`` of a seed article gets
its own id, its own outlet name and one word of its body dropped, so the copies
are distinct articles (no exact duplicates) that still cover the same event,
as many outlets covering one story do.

    python benchmarks/replicated.py 1000 OUT.jsonl   # write a corpus for the CLI
"""

from __future__ import annotations

import dataclasses
import json
import os
import sys
from collections.abc import Sequence
from pathlib import Path

from recoupe.ingest import IngestOptions, deduplicate, read_inputs
from recoupe.model import Article

ROOT = Path(__file__).resolve().parents[1]
SAMPLE = ROOT / "examples" / "corpus"
# ../shared beside the checkout; RECOUPE_SHARED names it when the checkout lives elsewhere
SHARED = Path(os.environ.get("RECOUPE_SHARED", ROOT.parent / "shared"))
NEWS_DEV = SHARED / "data" / "news-dev"


def seed_paths(sample_only: bool = False) -> list[Path]:
    paths = [SAMPLE]
    if not sample_only and NEWS_DEV.is_dir():
        paths += sorted(NEWS_DEV.glob("*.jsonl"))
    return paths


def seeds(sample_only: bool = False) -> list[Article]:
    articles, _, _ = deduplicate(read_inputs(seed_paths(sample_only), IngestOptions()))
    return articles


def _edited(article: Article, copy: int) -> Article:
    """Copy ``copy`` of an article: the body loses its ``copy``-th word (headline kept)."""
    if copy == 0:
        return article
    head, sep, body = article.text.partition("\n")
    words = body.split(" ")
    drop = 1 + (copy * 7919) % max(1, len(words) - 1)
    body = " ".join(words[:drop] + words[drop + 1 :])
    source = f"{article.source or 'Outlet'} {copy}"
    return dataclasses.replace(
        article, id=f"{article.id}~{copy}", text=head + sep + body, source=source, path=None
    )


def replicate(count: int, base: Sequence[Article] | None = None) -> list[Article]:
    """``count`` articles: the seeds round-robin, each round a new edited copy."""
    base = list(base if base is not None else seeds())
    return [_edited(base[i % len(base)], i // len(base)) for i in range(count)]


def write_jsonl(articles: Sequence[Article], path: Path) -> None:
    with path.open("w", encoding="utf-8") as out:
        for a in articles:
            row = {
                "id": a.id,
                "title": a.title,
                "date": a.published,
                "source": a.source,
                "text": a.text,
            }
            out.write(json.dumps(row, ensure_ascii=False) + "\n")


if __name__ == "__main__":
    write_jsonl(replicate(int(sys.argv[1])), Path(sys.argv[2]))

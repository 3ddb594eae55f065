"""Peak memory of a large ingest through the store: bounded, not growing with the corpus.

NLP is skipped: each invented article gets a small pre-made analysis (a few
entities, a quote, a date, sentences: the shape the real pipeline writes), so
what is measured is the store path itself: reading the stream, content-hash
lookups, batched transactions, full-text indexing. Linking is not part of it
(``relink`` works on the whole corpus in memory; see the README).

    python benchmarks/store_bench.py                    # 100,000 articles, SQLite
    python benchmarks/store_bench.py --articles 20000 --db postgresql://…
"""

from __future__ import annotations

import argparse
import json
import resource
import sys
import tempfile
import time
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

from synthetic import articles as synthetic_articles

from recoupe.model import Article, ArticleAnalysis, LocalEntity, Mention, Quote, Sentence, TimeRef
from recoupe.store import Store
from recoupe.store.ingest import ingest_items


def premade(article: Article) -> ArticleAnalysis:
    """A plausible analysis with offsets into the article (no spaCy involved)."""
    text = article.text
    quote_start = text.index("« ") + 2
    quote_end = text.index(" »", quote_start)
    town_end = text.index(" :")
    sentences = tuple(
        Sentence(start=start, end=start + len(part), lemmas=tuple(part.lower().split()[:6]))
        for start, part in _parts(text)
    )
    return ArticleAnalysis(
        article=article.id,
        entities=(
            LocalEntity(
                "e1", "place", text[:town_end], (Mention(article.id, 0, town_end, text[:town_end]),)
            ),
        ),
        quotes=(
            Quote(
                article.id,
                quote_start,
                quote_end,
                text[quote_start:quote_end],
                "direct",
                speaker="e1",
            ),
        ),
        times=(TimeRef(article.id, 0, 4, text[:4], value=article.published),),
        sentences=sentences,
    )


def _parts(text: str) -> Iterator[tuple[int, str]]:
    start = 0
    for part in text.split("\n\n"):
        yield start, part
        start += len(part) + 2


def premade_analyser(batches: Iterable[Sequence[Article]]) -> Iterator[list[ArticleAnalysis]]:
    for batch in batches:
        yield [premade(a) for a in batch]


def rss_mib() -> float:
    with open("/proc/self/statm") as statm:
        pages = int(statm.read().split()[1])
    return pages * resource.getpagesize() / 2**20


def peak_mib() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def main(argv: Sequence[str] | None = None) -> dict[str, float]:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--articles", type=int, default=100_000)
    parser.add_argument("--batch-size", type=int, default=500)
    parser.add_argument("--db", default=None, help="database (default: a temporary SQLite file)")
    parser.add_argument(
        "--json", type=Path, default=None, help="also write the results to this file"
    )
    args = parser.parse_args(argv)

    checkpoints = sorted({max(1, args.articles * k // 10) for k in (1, 2, 5, 10)})
    results: dict[str, float] = {}
    with tempfile.TemporaryDirectory() as directory:
        db = args.db or str(Path(directory) / "bench.db")
        with Store(db) as store:
            started = time.perf_counter()
            print(f"before ingest: RSS {rss_mib():.0f} MiB, peak {peak_mib():.0f} MiB")
            done = 0
            for target in checkpoints:
                stream = (
                    a
                    for a in synthetic_articles(args.articles)
                    if done <= int(a.id.split("-")[1]) < target
                )
                result = ingest_items(
                    store, stream, premade_analyser, batch_size=args.batch_size, relink=False
                )
                done = target
                elapsed = time.perf_counter() - started
                results[f"peak_mib_{target}"] = peak_mib()
                print(
                    f"{target:>7} articles stored ({result.added} in this step): {elapsed:6.1f} s, "
                    f"{1000 * elapsed / target:.2f} ms/article, RSS {rss_mib():.0f} MiB, peak {peak_mib():.0f} MiB"
                )
            counts = store.counts()
    first, last = checkpoints[0], checkpoints[-1]
    growth = results[f"peak_mib_{last}"] - results[f"peak_mib_{first}"]
    results["peak_growth_mib"] = growth
    print(
        f"{counts['articles']} articles in the store; peak memory grew {growth:.1f} MiB "
        f"from {first} to {last} articles ({last / first:.0f}x more data)"
    )
    if args.json:
        args.json.write_text(json.dumps(results), encoding="utf-8")
    return results


if __name__ == "__main__":
    main()

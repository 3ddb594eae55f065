"""Story clustering at scale: synthetic ArticleFeatures (no spaCy), 1k vs 10k articles.

Prints the time per article at each size, the growth exponent of the total
time (1 = linear, 2 = all pairs), the same for an all-pairs baseline measured
in the same run, and the pairwise precision/recall of the stories against the
events the articles were generated from.

    python benchmarks/stories_bench.py            # 1,000 and 10,000 articles
    python benchmarks/stories_bench.py --sizes 1000 5000 --seed 3
"""

from __future__ import annotations

import argparse
import itertools
import json
import math
import random
import time
from collections.abc import Sequence
from datetime import date, timedelta
from pathlib import Path

from recoupe.link.stories import ArticleFeatures, StoryIndex, StoryOptions, similarity

ARTICLES_PER_EVENT = (2, 6)
EVENT_WORDS = 40
BACKGROUND_WORDS = 20_000
ENTITY_POOL = 30_000
COMMON_ENTITIES = 50  # countries and institutions every story may name


def synthetic_articles(n: int, seed: int = 1) -> tuple[list[ArticleFeatures], dict[str, int]]:
    """``n`` articles grouped into events; returns the features and article -> event."""
    rng = random.Random(seed)
    articles: list[ArticleFeatures] = []
    event_of: dict[str, int] = {}
    event = 0
    start = date(2025, 1, 1)
    while len(articles) < n:
        vocabulary = [f"w{rng.randrange(BACKGROUND_WORDS)}" for _ in range(EVENT_WORDS)]
        people = [f"E{rng.randrange(ENTITY_POOL)}" for _ in range(6)]
        day = start + timedelta(days=rng.randrange(365))
        for _ in range(rng.randint(*ARTICLES_PER_EVENT)):
            if len(articles) >= n:
                break
            article_id = f"a{len(articles)}"
            topic = rng.sample(vocabulary, 28)
            noise = [f"w{rng.randrange(BACKGROUND_WORDS)}" for _ in range(60)]
            entities = rng.sample(people, 4) + [
                f"C{rng.randrange(COMMON_ENTITIES)}" for _ in range(3)
            ]
            published = (day + timedelta(days=rng.randrange(3))).isoformat()
            articles.append(
                ArticleFeatures(
                    article=article_id,
                    headline=" ".join(topic[:8]),
                    published=published,
                    lemmas=frozenset(topic + noise),
                    keywords=frozenset(topic[:15]),
                    entities=frozenset(entities),
                )
            )
            event_of[article_id] = event
        event += 1
    return articles, event_of


def pair_scores(groups: Sequence[Sequence[str]], event_of: dict[str, int]) -> tuple[float, float]:
    found = {frozenset(p) for g in groups for p in itertools.combinations(g, 2)}
    by_event: dict[int, list[str]] = {}
    for article, event in event_of.items():
        by_event.setdefault(event, []).append(article)
    gold = {frozenset(p) for g in by_event.values() for p in itertools.combinations(g, 2)}
    hit = len(found & gold)
    return hit / max(1, len(found)), hit / max(1, len(gold))


def time_index(articles: Sequence[ArticleFeatures]) -> tuple[float, StoryIndex]:
    index = StoryIndex(StoryOptions())
    began = time.perf_counter()
    index.add_all(articles)
    return time.perf_counter() - began, index


def time_all_pairs(articles: Sequence[ArticleFeatures]) -> tuple[float, int]:
    """The baseline: every new article scored against every earlier one (seconds, comparisons)."""
    options = StoryOptions()
    comparisons = 0
    began = time.perf_counter()
    for i, article in enumerate(articles):
        for other in articles[:i]:
            similarity(article, other, options)
            comparisons += 1
    return time.perf_counter() - began, comparisons


def exponent(sizes: Sequence[int], seconds: Sequence[float]) -> float:
    return math.log(seconds[-1] / seconds[0]) / math.log(sizes[-1] / sizes[0])


def main(argv: Sequence[str] | None = None) -> dict[str, float]:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument(
        "--sizes", type=int, nargs=2, default=(1000, 10_000), metavar=("SMALL", "LARGE")
    )
    parser.add_argument(
        "--baseline-size", type=int, default=1000, help="articles for the all-pairs baseline"
    )
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--json", type=Path, help="write the figures here (one JSON object)")
    args = parser.parse_args(argv)

    results: dict[str, float] = {}
    seconds, comparisons = [], []
    for n in args.sizes:
        articles, event_of = synthetic_articles(n, args.seed)
        elapsed, index = time_index(articles)
        seconds.append(elapsed)
        comparisons.append(index.comparisons)
        precision, recall = pair_scores([g.articles for g in index.stories()], event_of)
        print(
            f"StoryIndex {n:>6} articles: {elapsed:7.2f} s, {1000 * elapsed / n:6.3f} ms/article, "
            f"{index.comparisons / n:6.1f} comparisons/article, {len(index.stories())} stories, "
            f"pair precision {precision:.3f}, recall {recall:.3f}"
        )
        results[f"ms_per_article_{n}"] = 1000 * elapsed / n
        results[f"comparisons_per_article_{n}"] = index.comparisons / n
        results[f"pair_precision_{n}"] = precision
        results[f"pair_recall_{n}"] = recall
    results["growth_exponent"] = exponent(args.sizes, seconds)
    results["comparisons_growth_exponent"] = exponent(args.sizes, comparisons)

    articles, _ = synthetic_articles(args.baseline_size, args.seed)
    elapsed, pairs = time_all_pairs(articles)
    per_comparison = elapsed / pairs
    large = args.sizes[-1]
    projected = per_comparison * large * (large - 1) / 2
    results["speedup_vs_all_pairs"] = projected / seconds[-1]
    print(
        f"all pairs  {args.baseline_size:>6} articles: {elapsed:7.2f} s "
        f"({1e6 * per_comparison:.1f} µs per comparison; growth exponent 2 by construction)"
    )
    print(
        f"growth exponent of the total time {results['growth_exponent']:.2f}, of the comparisons "
        f"{results['comparisons_growth_exponent']:.2f} (1 = linear, 2 = all pairs); at {large} articles "
        f"StoryIndex is {results['speedup_vs_all_pairs']:.0f}x faster than all pairs "
        f"({projected:.0f} s projected from the measured cost per comparison)"
    )
    if args.json:
        args.json.write_text(json.dumps(results, indent=2), "utf-8")
    return results


if __name__ == "__main__":
    main()

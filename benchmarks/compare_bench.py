"""The per-story comparison alone, on a replicated corpus analysed and linked once.

The NLP and the linking of a replicated corpus (see ``replicated.py``) run once
and their result is kept in a pickle (``--cache``); each later run only times
``compare_story`` over every story of that corpus, so the comparison can be
measured before and after a change in the same session at a small cost.

    python benchmarks/compare_bench.py --size 1000 --cache /tmp/compare-1000.pkl
"""

from __future__ import annotations

import argparse
import dataclasses
import pickle
import sys
import time
from collections import Counter
from pathlib import Path

HERE = Path(__file__).resolve().parent


def linked(size: int, cache: Path | None) -> object:
    """The linked corpus of ``size`` replicated articles, from ``cache`` when it exists."""
    if cache and cache.exists():
        with cache.open("rb") as handle:
            # rebuilt, so the lookups a newer Corpus keeps are made afresh
            return dataclasses.replace(pickle.load(handle))
    sys.path.insert(0, str(HERE))
    from replicated import replicate

    from recoupe.api import link_corpus
    from recoupe.batch import analyse_articles, split_results

    articles = replicate(size)
    analysed = split_results(articles, analyse_articles(articles))
    corpus = link_corpus(analysed.articles, analysed.analyses)
    if cache:
        with cache.open("wb") as handle:
            pickle.dump(corpus, handle, protocol=pickle.HIGHEST_PROTOCOL)
    return corpus


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size", type=int, default=1000, help="replicated articles")
    parser.add_argument("--cache", type=Path, help="pickle of the linked corpus (made if absent)")
    parser.add_argument("--largest", type=int, default=0, help="time only the N largest stories")
    args = parser.parse_args(argv)
    from recoupe.compare.findings import compare_story

    corpus = linked(args.size, args.cache)
    stories = sorted(corpus.stories, key=lambda s: -len(s.articles))  # type: ignore[attr-defined]
    if args.largest:
        stories = stories[: args.largest]
    total_cpu = 0.0
    findings = 0
    for story in stories:
        began = time.process_time()
        compared = compare_story(story, corpus)  # type: ignore[arg-type]
        spent = time.process_time() - began
        total_cpu += spent
        findings += len(compared.findings)
        kinds = Counter(f.kind for f in compared.findings)
        print(
            f"{story.id}: {len(story.articles)} articles, {spent:.2f} CPU s,"
            f" findings {dict(sorted(kinds.items()))}",
            flush=True,
        )
    sizes = sorted((len(s.articles) for s in stories), reverse=True)
    print(
        f"{len(stories)} stories (largest {sizes[:5]}), {findings} findings:"
        f" compare {total_cpu:.2f} CPU s"
    )


if __name__ == "__main__":
    main()

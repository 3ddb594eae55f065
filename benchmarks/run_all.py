"""The figures of the scaling targets in one table (``make bench``), with the machine and the date.

Each benchmark runs in a fresh process of its own (its memory figures are its
own, and one that fails or runs out of time leaves the others' figures) and
hands its figures back through one small interface: ``SCRIPT ... --json FILE``
writes one JSON document to FILE. This script reads only those files:

- ``process_bench.py --sizes N ... --json FILE``: a list of rows, one per size,
  with ``articles``, ``ratio`` (plain parse / recoupe analyze, wall),
  ``link_compare_vs_nlp`` and ``recoupe_peak_mib``;
- ``scale_bench.py --sizes N ... --json FILE``: ``{"rows": [...], "nlp": {...}}``,
  each row with ``articles``, ``cpu_PHASE`` per phase and ``peak_rss_mib``,
  ``nlp`` with ``nlp_cpu_per_article``;
- ``upload_bench.py --articles N --json FILE``: ``incremental_cpu`` and
  ``incremental_wall`` (medians, seconds beyond the NLP), ``report_update_wall`` and
  ``report_read_wall``,
  ``nlp_cpu_per_article``;
- with ``--extra``: ``pipeline_bench.py`` (``throughput_ratio``),
  ``stories_bench.py`` (``growth_exponent``), ``store_bench.py`` (``peak_growth_mib``).

A figure a benchmark does not give shows as "–", and the last column says why.
The table's rows and columns stay the same from run to run, so the README can
quote it and a later run can be set beside it.

    python benchmarks/run_all.py                        # 100/1k processes, 1k/5k scale, upload
    python benchmarks/run_all.py --quick                # small sizes: checks that all runs
    python benchmarks/run_all.py --only upload          # one benchmark (the others: "not run")
    python benchmarks/run_all.py --process-sizes 100 1000 5000 --scale-sizes 1000 5000 20000
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
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

HERE = Path(__file__).parent
BENCHES = ("process", "scale", "upload")
EXTRA = ("pipeline", "stories", "store")


@dataclass
class Run:
    """One benchmark's outcome: its JSON figures, or why there are none."""

    name: str
    figures: Any = None
    problem: str = ""
    seconds: float = 0.0
    source: str = field(default="")


def run_bench(name: str, script: str, args: Sequence[str], timeout: float, work: Path) -> Run:
    """``script args --json FILE`` in a fresh process; its output goes through to ours."""
    path = HERE / script
    if not path.exists():
        return Run(name, problem=f"not run: benchmarks/{script} is absent", source=script)
    out = work / f"{name}.json"
    command = [sys.executable, str(path), *args, "--json", str(out)]
    print(f"\n== {name}: python benchmarks/{script} {' '.join(args)}", flush=True)
    began = time.perf_counter()
    try:
        done = subprocess.run(command, timeout=timeout, check=False)
    except subprocess.TimeoutExpired:
        return Run(name, problem=f"timed out after {timeout:.0f} s", source=script)
    seconds = time.perf_counter() - began
    if done.returncode != 0:
        return Run(name, problem=f"failed (exit {done.returncode})", seconds=seconds, source=script)
    try:
        figures = json.loads(out.read_text("utf-8"))
    except (OSError, ValueError) as error:
        return Run(name, problem=f"no JSON figures ({error})", seconds=seconds, source=script)
    return Run(name, figures, seconds=seconds, source=script)


# --- reading the figures: each returns None for what a run does not give --------------


def _number(value: Any) -> float | None:
    if isinstance(value, int | float) and not isinstance(value, bool) and math.isfinite(value):
        return float(value)
    return None


def _process_row(run: Run, size: int) -> dict[str, Any]:
    rows = run.figures if isinstance(run.figures, list) else []
    return next((r for r in rows if isinstance(r, dict) and r.get("articles") == size), {})


def _scale_row(run: Run, size: int) -> dict[str, Any]:
    rows = run.figures.get("rows", []) if isinstance(run.figures, dict) else []
    return next((r for r in rows if isinstance(r, dict) and r.get("articles") == size), {})


def _scale_phases(row: dict[str, Any]) -> dict[str, float]:
    return {
        key[4:]: float(v)
        for key, v in row.items()
        if key.startswith("cpu_") and _number(v) is not None
    }


LINK_PHASES = ("names", "stories", "times", "other link")


def _exponent(n1: float, t1: float, n2: float, t2: float) -> float | None:
    if t1 <= 0 or t2 <= 0 or n1 == n2:
        return None
    return math.log(t2 / t1) / math.log(n2 / n1)


def _link_compare_over_nlp(run: Run, size: int) -> float | None:
    row = _scale_row(run, size)
    nlp = run.figures.get("nlp", {}) if isinstance(run.figures, dict) else {}
    per_article = _number(nlp.get("nlp_cpu_per_article"))
    phases = _scale_phases(row)
    if not phases or not per_article:
        return None
    after_nlp = sum(v for k, v in phases.items() if k != "report")
    return after_nlp / (per_article * size)


def _growth(run: Run, small: int, large: int) -> dict[str, tuple[float, str]]:
    """Growth exponents small -> large: link, compare, and the steepest single phase."""
    a, b = _scale_phases(_scale_row(run, small)), _scale_phases(_scale_row(run, large))
    if not a or not b:
        return {}
    found: dict[str, tuple[float, str]] = {}
    for label, keys in (
        ("link", [k for k in a if k in LINK_PHASES]),
        ("compare", [k for k in a if k not in LINK_PHASES and k != "report"]),
    ):
        value = _exponent(small, sum(a[k] for k in keys), large, sum(b.get(k, 0) for k in keys))
        if value is not None:
            found[label] = (value, "")
    # phases under 1% of the NLP-free total at the small size are noise, not growth
    total = sum(a.values())
    steep = [
        (e, k)
        for k in a
        if k in b and a[k] >= 0.01 * total
        for e in [_exponent(small, a[k], large, b[k])]
        if e is not None
    ]
    if steep:
        found["steepest"] = max(steep)
    # phases that start between the two sizes (a spilled corpus read back, windows merged):
    # no growth to read, their cost at the larger size instead
    starting = [k for k in b if a.get(k, 0.0) < 0.01 and b[k] >= 0.01 * sum(b.values())]
    if starting:
        found["starting"] = (sum(b[k] for k in starting), ", ".join(starting))
    return found


# --- the table ------------------------------------------------------------------------


def _cell(value: float | None, fmt: str) -> str:
    return "–" if value is None else fmt.format(value)


def table(runs: dict[str, Run], options: argparse.Namespace) -> list[tuple[str, str, str, str]]:
    """(figure, measured, target, where from) for each row, always the same rows in order."""
    rows: list[tuple[str, str, str, str]] = []

    def add(figure: str, value: float | None, fmt: str, target: str, run: Run) -> None:
        source = run.source or run.name
        why = run.problem or ("" if value is not None else "not in its figures")
        rows.append((figure, _cell(value, fmt), target, f"{source}{' — ' + why if why else ''}"))

    process, scale, upload = runs["process"], runs["scale"], runs["upload"]
    for size in options.process_sizes:
        row = _process_row(process, size)
        add(
            f"whole process / plain parse, {size:,} articles",
            _number(row.get("ratio")),
            "{:.2f}",
            "≥ 0.85",
            process,
        )
    for size in options.process_sizes:
        row = _process_row(process, size)
        add(
            f"link + compare / NLP, {size:,} articles (whole process, wall)",
            _number(row.get("link_compare_vs_nlp")),
            "{:.2f}×",
            "",
            process,
        )
    for size in options.scale_sizes:
        add(
            f"link + compare / NLP, {size:,} articles (CPU)",
            _link_compare_over_nlp(scale, size),
            "{:.2f}×",
            "≤ 0.25×",
            scale,
        )
    for small, large in itertools.pairwise(options.scale_sizes):
        growth = _growth(scale, small, large)
        for label in ("link", "compare", "steepest"):
            value, phase = growth.get(label, (None, ""))
            name = (
                f"steepest phase{f' ({phase})' if phase else ''}" if label == "steepest" else label
            )
            add(
                f"growth exponent {small:,} → {large:,}, {name}",
                value,
                "{:.2f}",
                "≤ 1.15",
                scale,
            )
        if "starting" in growth:
            value, phases = growth["starting"]
            add(
                f"CPU s at {large:,} of the phases that start above {small:,} ({phases})",
                value,
                "{:.2f}",
                "",
                scale,
            )
    for size in options.process_sizes:
        row = _process_row(process, size)
        add(
            f"peak RSS, recoupe analyze of {size:,} articles",
            _number(row.get("recoupe_peak_mib")),
            "{:.0f} MiB",
            "",
            process,
        )
    for size in options.scale_sizes:
        row = _scale_row(scale, size)
        add(
            f"peak RSS, {size:,} articles linked and compared",
            _number(row.get("peak_rss_mib")),
            "{:.0f} MiB",
            "≤ 1,229 MiB at 5,000" if size == 5000 else "",
            scale,
        )
    up = upload.figures if isinstance(upload.figures, dict) else {}
    stored = f"{options.upload_articles:,}"
    add(
        f"upload of 1 article into {stored}: CPU s beyond its NLP (median)",
        _number(up.get("incremental_cpu")),
        "{:.2f}",
        "≤ 1",
        upload,
    )
    add(
        f"upload of 1 article into {stored}: wall s beyond its NLP (median)",
        _number(up.get("incremental_wall")),
        "{:.2f}",
        "≤ 1",
        upload,
    )
    add(
        "report after the upload, updated by key (recoupe serve), wall s",
        _number(up.get("report_update_wall")),
        "{:.3f}",
        "",
        upload,
    )
    add(
        "report after the upload, read whole, wall s",
        _number(up.get("report_read_wall")),
        "{:.3f}",
        "",
        upload,
    )
    add(
        "NLP of one article, CPU s",
        _number(up.get("nlp_cpu_per_article")) or None,
        "{:.2f}",
        "",
        upload,
    )
    if options.extra:
        for name, key, figure, fmt in (
            ("pipeline", "throughput_ratio", "NLP pipeline / plain parse, throughput", "{:.2f}"),
            ("stories", "growth_exponent", "story linking growth exponent (synthetic)", "{:.2f}"),
            ("store", "peak_growth_mib", "store ingest, peak RSS growth", "{:.1f} MiB"),
        ):
            figures = runs[name].figures if isinstance(runs[name].figures, dict) else {}
            add(figure, _number(figures.get(key)), fmt, "", runs[name])
    return rows


def markdown(rows: Sequence[tuple[str, str, str, str]]) -> str:
    lines = ["| figure | measured | target | from |", "|---|---:|---:|---|"]
    lines += [
        f"| {figure} | {value} | {target} | {source} |" for figure, value, target, source in rows
    ]
    return "\n".join(lines)


def machine() -> str:
    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
    return (
        f"{platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}, "
        f"{datetime.now(UTC):%Y-%m-%d %H:%M} UTC, load average {load:.1f} at the end"
    )


def main(argv: Sequence[str] | None = None) -> dict[str, Any]:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--quick", action="store_true", help="small sizes: checks that all runs")
    parser.add_argument("--only", nargs="+", choices=(*BENCHES, *EXTRA), help="run only these")
    parser.add_argument(
        "--extra", action="store_true", help="also the pipeline, stories and store benchmarks"
    )
    parser.add_argument(
        "--process-sizes", type=int, nargs="+", help="default 100 1000 (quick: 20 100)"
    )
    parser.add_argument(
        "--scale-sizes", type=int, nargs="+", help="default 1000 5000 (quick: 300 1000)"
    )
    parser.add_argument("--upload-articles", type=int, help="default 200 (quick: 40)")
    parser.add_argument("--upload-repeat", type=int, help="default 5 (quick: 2)")
    parser.add_argument("--timeout", type=float, default=4 * 3600, help="seconds per benchmark")
    parser.add_argument("--json", type=Path, help="also write every figure and the table here")
    options = parser.parse_args(argv)
    quick = options.quick
    options.process_sizes = options.process_sizes or ([20, 100] if quick else [100, 1000])
    options.scale_sizes = options.scale_sizes or ([300, 1000] if quick else [1000, 5000])
    options.upload_articles = options.upload_articles or (40 if quick else 200)
    options.upload_repeat = options.upload_repeat or (2 if quick else 5)
    chosen = set(options.only or (*BENCHES, *(EXTRA if options.extra else ())))
    options.extra = options.extra or bool(chosen & set(EXTRA))
    commands: dict[str, tuple[str, list[str]]] = {
        "process": ("process_bench.py", ["--sizes", *map(str, options.process_sizes)]),
        "scale": (
            "scale_bench.py",
            [
                "--sizes",
                *map(str, options.scale_sizes),
                *(["--nlp-articles", "50"] if quick else []),
            ],
        ),
        "upload": (
            "upload_bench.py",
            ["--articles", str(options.upload_articles), "--repeat", str(options.upload_repeat)],
        ),
        "pipeline": ("pipeline_bench.py", ["--articles", "40" if quick else "200"]),
        "stories": ("stories_bench.py", ["--sizes", *(["1000", "10000"])]),
        "store": ("store_bench.py", ["--articles", "10000" if quick else "100000"]),
    }
    began = time.perf_counter()
    runs: dict[str, Run] = {}
    with tempfile.TemporaryDirectory() as directory:
        for name, (script, args) in commands.items():
            if name in chosen:
                runs[name] = run_bench(name, script, args, options.timeout, Path(directory))
            else:
                runs[name] = Run(name, problem="not run", source=script)
    rows = table(runs, options)
    print(f"\n== recoupe benchmarks: {machine()}; {time.perf_counter() - began:.0f} s in all\n")
    print(markdown(rows))
    result = {
        "machine": machine(),
        "figures": {name: run.figures for name, run in runs.items()},
        "problems": {name: run.problem for name, run in runs.items() if run.problem},
        "table": [list(row) for row in rows],
    }
    if options.json:
        options.json.write_text(json.dumps(result, indent=2, ensure_ascii=False), "utf-8")
    return result


if __name__ == "__main__":
    main()

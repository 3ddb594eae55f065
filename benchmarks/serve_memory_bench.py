"""Memory of the web app over many uploads: the server process and its analysis worker.

Uploads of one invented article each go one after the other to a store served
in this process (the worker process analyses, stores and relinks them). The
resident memory of the server process and of the worker is sampled every
``--every`` uploads. The worker is replaced every ``--worker-tasks`` uploads.

    python benchmarks/serve_memory_bench.py --uploads 200 --blank
"""

from __future__ import annotations

import argparse
import json
import random
import sys
import tempfile
from collections.abc import Sequence
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).parent))

from serve_load_bench import served
from synthetic import article as synthetic_article

from recoupe.model import to_dict


def rss_mib(pid: int | str = "self") -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return float("nan")


def _worker_pid() -> int:
    import os

    return os.getpid()


def main(argv: Sequence[str] | None = None) -> dict[str, Any]:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--uploads", type=int, default=200)
    parser.add_argument("--every", type=int, default=25)
    parser.add_argument("--worker-tasks", type=int, default=50)
    parser.add_argument("--blank", action="store_true", help="rule components on a blank pipeline")
    args = parser.parse_args(argv)

    import httpx

    from recoupe.nlp.pipeline import PipelineOptions
    from recoupe.serve.store_source import StoreSource
    from recoupe.serve.worker import AnalysisWorker

    pipeline = PipelineOptions(models=()) if args.blank else PipelineOptions()
    rng = random.Random(5)
    samples: list[dict[str, float]] = []
    with tempfile.TemporaryDirectory() as tmp:
        worker = AnalysisWorker(max_tasks=args.worker_tasks)
        source = StoreSource(str(Path(tmp) / "memory.db"), pipeline=pipeline, worker=worker)
        try:
            with served(source) as base, httpx.Client(base_url=base, timeout=300) as client:
                for number in range(1, args.uploads + 1):
                    record = {
                        k: v
                        for k, v in to_dict(synthetic_article(number, rng)).items()
                        if k != "path"
                    }
                    client.post("/api/articles", json=[record]).raise_for_status()
                    if number % args.every == 0:
                        samples.append(
                            {
                                "uploads": number,
                                "server_mib": round(rss_mib(), 1),
                                "worker_mib": round(rss_mib(worker.run(_worker_pid)), 1),
                            }
                        )
                        print(json.dumps(samples[-1]), flush=True)
        finally:
            source.close()
    return {"samples": samples}


if __name__ == "__main__":
    main()

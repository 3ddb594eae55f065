"""Read latency of the web app while uploads queue: the pages must not wait for the NLP.

A store of invented articles is served on a loopback port (``recoupe serve --db``
as the CLI builds it: uploads analysed in a worker process). Ten uploads of new
articles are sent at once through ``POST /api/articles``; meanwhile one client
reads ``GET /api/stories`` in a loop until every upload has answered. Counts and
times are bounded (at most ``--max-reads`` reads, a deadline per request) and
nothing leaves the loopback interface.

    python benchmarks/serve_load_bench.py                 # full French model, 40 stored articles
    python benchmarks/serve_load_bench.py --blank         # rule components only (what the test runs)
"""

from __future__ import annotations

import argparse
import json
import socket
import sys
import tempfile
import threading
import time
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).parent))

from synthetic import article as synthetic_article

from recoupe.model import to_dict

REQUEST_TIMEOUT = 300.0


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@contextmanager
def served(source: Any) -> Iterator[str]:
    """The web app over ``source`` on a free loopback port, in a thread."""
    import uvicorn

    from recoupe.serve.app import create_app

    port = _free_port()
    config = uvicorn.Config(create_app(source), host="127.0.0.1", port=port, log_level="warning")
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 30
    while not server.started:
        if time.monotonic() > deadline:
            raise RuntimeError("the web app did not start")
        time.sleep(0.05)
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server.should_exit = True
        thread.join(30)


def percentile(values: Sequence[float], share: float) -> float:
    ordered = sorted(values)
    if not ordered:
        return float("nan")
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))]


def measure(
    db: str,
    *,
    stored: int = 40,
    uploads: int = 10,
    per_upload: int = 3,
    blank: bool = False,
    max_reads: int = 5000,
    worker_tasks: int = 50,
    read_path: str = "/api/stories",
) -> dict[str, Any]:
    """Serve a store of ``stored`` articles, send ``uploads`` at once, time reads meanwhile."""
    import random

    import httpx

    from recoupe.batch import local_analyser
    from recoupe.nlp.pipeline import PipelineOptions
    from recoupe.serve.store_source import StoreSource
    from recoupe.serve.worker import AnalysisWorker
    from recoupe.store import Store
    from recoupe.store.ingest import ingest_items

    pipeline = PipelineOptions(models=()) if blank else PipelineOptions()
    rng = random.Random(11)
    corpus = [synthetic_article(n, rng) for n in range(stored + uploads * per_upload)]
    with Store(db) as store:
        ingest_items(store, corpus[:stored], local_analyser(pipeline))
    batches = [
        corpus[stored + i * per_upload : stored + (i + 1) * per_upload] for i in range(uploads)
    ]
    source = StoreSource(db, pipeline=pipeline, worker=AnalysisWorker(max_tasks=worker_tasks))
    latencies: list[float] = []
    statuses: list[int] = []
    pending = [uploads]
    reads_while_pending = 0
    lock = threading.Lock()
    try:
        with served(source) as base, httpx.Client(base_url=base, timeout=REQUEST_TIMEOUT) as client:
            client.get("/api/stories").raise_for_status()  # warm: the report is loaded once

            def upload(batch: list[Any]) -> None:
                records = [{k: v for k, v in to_dict(a).items() if k != "path"} for a in batch]
                with httpx.Client(base_url=base, timeout=REQUEST_TIMEOUT) as own:
                    status = own.post("/api/articles", json=records).status_code
                with lock:
                    statuses.append(status)
                    pending[0] -= 1

            threads = [threading.Thread(target=upload, args=(batch,)) for batch in batches]
            began = time.perf_counter()
            for thread in threads:
                thread.start()
            while pending[0] > 0 and len(latencies) < max_reads:
                start = time.perf_counter()
                response = client.get(read_path)
                latencies.append(time.perf_counter() - start)
                response.raise_for_status()
                if pending[0] > 0:
                    reads_while_pending += 1
            for thread in threads:
                thread.join(REQUEST_TIMEOUT)
            upload_seconds = time.perf_counter() - began
            final = client.get("/api/report").json()
    finally:
        source.close()
    return {
        "read_path": read_path,
        "stored": stored,
        "uploads": uploads,
        "upload_statuses": sorted(statuses),
        "upload_seconds": round(upload_seconds, 2),
        "reads": len(latencies),
        "reads_while_uploads_pending": reads_while_pending,
        "read_p50_ms": round(1000 * percentile(latencies, 0.50), 1),
        "read_p99_ms": round(1000 * percentile(latencies, 0.99), 1),
        "read_max_ms": round(1000 * max(latencies, default=float("nan")), 1),
        "articles_after": len(final["articles"]),
    }


def main(argv: Sequence[str] | None = None) -> dict[str, Any]:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--stored", type=int, default=40)
    parser.add_argument("--uploads", type=int, default=10)
    parser.add_argument("--per-upload", type=int, default=3)
    parser.add_argument("--blank", action="store_true", help="rule components on a blank pipeline")
    parser.add_argument(
        "--read-path",
        default="/api/stories",
        help="the page read in a loop (e.g. / or /search?q=maire)",
    )
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as tmp:
        result = measure(
            str(Path(tmp) / "load.db"),
            stored=args.stored,
            uploads=args.uploads,
            per_upload=args.per_upload,
            blank=args.blank,
            read_path=args.read_path,
        )
    print(json.dumps(result, indent=2))
    return result


if __name__ == "__main__":
    main()

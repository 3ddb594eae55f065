"""Two ingests at once on one store both finish, and leave what one ingest would (issue 15, failure 4).

Each writer is a separate process started at the same instant on a new database,
so they also race to create and migrate it. The NLP is the blank pipeline (our
rule components, no trained model): the race is in the store, not in spaCy.
"""

from __future__ import annotations

import multiprocessing
import time
from collections.abc import Callable, Iterator
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path
from typing import Any

import pytest
from store_helpers import BLANK, write_corpus

from recoupe.model import to_dict
from recoupe.store import Store

PAIRS = 2


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def new_db(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Callable[[], str]]:
    """Makes a new empty store location per call: a SQLite file, or a PostgreSQL database."""
    if request.param == "sqlite":
        counter = iter(range(1000))
        yield lambda: str(tmp_path / f"store-{next(counter)}.db")
        return
    import uuid

    from sqlalchemy import create_engine, text

    server = request.getfixturevalue("postgres_url")
    admin = create_engine(
        server.replace("postgresql://", "postgresql+psycopg://"), isolation_level="AUTOCOMMIT"
    )
    created: list[str] = []

    def make() -> str:
        name = f"t_{uuid.uuid4().hex[:12]}"
        with admin.connect() as conn:
            conn.execute(text(f"CREATE DATABASE {name}"))
        created.append(name)
        return server.rsplit("/", 1)[0] + f"/{name}"

    yield make
    with admin.connect() as conn:
        for name in created:
            conn.execute(text(f"DROP DATABASE {name} WITH (FORCE)"))
    admin.dispose()


def _ingest_at(start: float, db: str, paths: list[str], batch_size: int) -> str:
    """Run in a worker process: wait for the common start, ingest, return the summary."""
    from recoupe.store.ingest import ingest_paths

    time.sleep(max(0.0, start - time.time()))
    return ingest_paths(db, paths, pipeline_options=BLANK, batch_size=batch_size).summary()


def _together(db: str, inputs: list[list[str]], batch_size: int = 2) -> list[str]:
    context = multiprocessing.get_context("spawn")
    with ProcessPoolExecutor(max_workers=len(inputs), mp_context=context) as pool:
        # Warm the workers (imports) first, so both really start at the same instant.
        list(pool.map(time.sleep, [0.0] * len(inputs)))
        start = time.time() + 2.0
        futures = [pool.submit(_ingest_at, start, db, paths, batch_size) for paths in inputs]
        return [future.result(timeout=600) for future in futures]


def _content(db: str) -> dict[str, Any]:
    with Store(db) as store:
        assert not store.needs_relink(), "the derived tables lag behind the stored articles"
        return {
            "counts": store.counts(),
            "report": to_dict(store.report()),
            "analyses": to_dict(tuple(store.analyses())),
        }


def _one_run(db: str, inputs: list[str]) -> dict[str, Any]:
    from recoupe.store.ingest import ingest_paths

    ingest_paths(db, inputs, pipeline_options=BLANK, batch_size=2)
    return _content(db)


@pytest.mark.timeout(900)
def test_two_ingests_of_the_same_inputs_end_as_one_run(
    tmp_path: Path, new_db: Callable[[], str]
) -> None:
    corpus = tmp_path / "corpus"
    write_corpus(corpus, 12)
    expected = _one_run(new_db(), [str(corpus)])
    for pair in range(PAIRS):
        db = new_db()
        summaries = _together(db, [[str(corpus)], [str(corpus)]])
        added = [int(summary.split(" added")[0]) for summary in summaries]
        assert sum(added) == 12, summaries  # every article added once, by one of the two
        assert _content(db) == expected, f"pair {pair}: {summaries}"


@pytest.mark.timeout(900)
def test_two_ingests_of_overlapping_inputs_store_the_union(
    tmp_path: Path, new_db: Callable[[], str]
) -> None:
    corpus = tmp_path / "corpus"
    paths = sorted(str(p) for p in write_corpus(corpus, 16))
    db = new_db()
    summaries = _together(db, [paths[:10], paths[6:]])
    content = _content(db)
    assert content["counts"]["articles"] == 16, summaries
    stored = {a["path"] for a in content["report"]["articles"]}
    assert stored == {Path(p).name for p in paths}  # absolute inputs are stored by file name
    expected = _one_run(new_db(), paths)
    assert content["counts"] == expected["counts"]
    # Articles may be stored in another order; the linked report holds the same things.
    assert sorted(a["id"] for a in content["report"]["articles"]) == sorted(
        a["id"] for a in expected["report"]["articles"]
    )
    assert sorted(map(repr, content["analyses"])) == sorted(map(repr, expected["analyses"]))

"""The NLP on a Dask LocalCluster of 2 workers gives the same results as in this process."""

from __future__ import annotations

from pathlib import Path

import pytest

from recoupe.batch import LOCAL_CLUSTER, analyse_batch, dask_analyser, dask_client, local_analyser
from recoupe.model import Article
from recoupe.nlp.pipeline import PipelineOptions
from recoupe.store import Store
from recoupe.store.ingest import ingest_items

ARTICLES = [
    Article(
        id=f"d{n}",
        text=(
            f"{town} : la préfète annonce un renfort de gendarmes\n\n"
            f"La préfète de la région, Claire Maunoury, a annoncé lundi l'arrivée de {n + 20} gendarmes "
            f"à {town}. « Nous tiendrons nos engagements », a-t-elle déclaré devant le conseil municipal."
        ),
        title=f"{town} : la préfète annonce un renfort de gendarmes",
        published="2024-06-03",
        source=source,
        path=f"d{n}.txt",
    )
    for n, (town, source) in enumerate(
        [
            ("Lauzac", "Le Courrier"),
            ("Vireloup", "Radio Vireloup"),
            ("Cordanne", "La Gazette"),
            ("Lauzac", "Radio Vireloup"),
        ]
    )
]

OPTIONS = PipelineOptions(batch_size=2)


@pytest.mark.slow
def test_dask_workers_give_the_local_results(tmp_path: Path) -> None:
    batches = [ARTICLES[:2], ARTICLES[2:], []]
    local = list(local_analyser(OPTIONS)(batches))
    with dask_client(LOCAL_CLUSTER, n_workers=2) as client:
        assert len(client.scheduler_info()["workers"]) == 2
        remote = list(dask_analyser(client, OPTIONS)(batches))
        # the model is loaded once per worker: the pipeline cache of each worker holds one entry
        cache_sizes = client.run(_pipeline_cache_size)
        with Store(tmp_path / "dask.db") as store:
            result = ingest_items(store, ARTICLES, dask_analyser(client, OPTIONS), batch_size=1)
            assert result.added == 4 and result.batches == 4
            assert [a.article for a in store.analyses()] == [a.id for a in ARTICLES]
            assert store.analyses() == [r for batch in local for r in batch]
    assert remote == local
    assert any(analysis.entities for batch in local for analysis in batch)
    assert local[0] == analyse_batch(ARTICLES[:2], OPTIONS)
    assert all(size <= 1 for size in cache_sizes.values()), cache_sizes


def _pipeline_cache_size() -> int:
    from recoupe.nlp.pipeline import load_pipeline

    return int(load_pipeline.cache_info().currsize)

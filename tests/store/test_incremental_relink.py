"""Relinking after an ingest compares again only the stories that changed."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from store_helpers import BLANK, invented_article

import recoupe.api
from recoupe.api import build_report
from recoupe.batch import local_analyser
from recoupe.model import Article, ArticleAnalysis, LocalEntity, Mention, Sentence
from recoupe.store import Store
from recoupe.store.ingest import ingest_items


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def db(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """A new store, as a SQLite file or a PostgreSQL database on a throwaway local server."""
    if request.param == "sqlite":
        yield str(tmp_path / "recoupe.db")
    else:
        yield request.getfixturevalue("fresh_postgres")


@pytest.fixture
def full_relinks(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """The number of articles of each full relink the store makes while the test runs."""
    import recoupe.store.store as store_module

    counts: list[int] = []
    real_full = store_module.relinked_report

    def counting_full(*args, **kwargs):  # type: ignore[no-untyped-def]
        counts.append(len(args[1]))
        return real_full(*args, **kwargs)

    monkeypatch.setattr(store_module, "relinked_report", counting_full)
    return counts


FESTIVAL = Article(
    id="festival",
    text=(
        "Cordanne accueille son premier festival de jazz\n\n"
        "Trois scènes, quarante concerts et une fanfare venue de Lisbonne : le festival de jazz "
        "de Cordanne ouvre ses portes vendredi soir sur les quais de la rivière."
    ),
    title="Cordanne accueille son premier festival de jazz",
    published="2024-06-14",
    source="Radio Vireloup",
    path="festival.txt",
)


def test_only_the_changed_story_is_compared_again(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    flood = [invented_article(0), invented_article(6)]  # the same town, one story
    compared: list[tuple[str, ...]] = []
    real_compare = recoupe.api.compare_story

    def counting_compare(story, corpus):  # type: ignore[no-untyped-def]
        compared.append(story.articles)
        return real_compare(story, corpus)

    monkeypatch.setattr(recoupe.api, "compare_story", counting_compare)
    with Store(str(tmp_path / "recoupe.db")) as store:
        ingest_items(store, flood, local_analyser(BLANK))
        assert compared == [("art-0", "art-6")]
        compared.clear()
        ingest_items(store, [FESTIVAL], local_analyser(BLANK))
        assert compared == [("festival",)], "the untouched flood story must keep its findings"
        incremental = store.report()
        full = build_report(store.articles(), store.analyses())
    assert incremental.stories == full.stories


# --- several batches, with hand-made analyses (entities and story words chosen) -------------

STORY_WORDS = {
    "crue": ("inondation", "digue", "maire", "reconstruire", "crue", "rivière", "quartier"),
    "festival": ("festival", "jazz", "concert", "scène", "fanfare", "musicien", "public"),
    "grève": ("grève", "usine", "salarié", "syndicat", "salaire", "direction", "piquet"),
    "scrutin": ("élection", "scrutin", "candidat", "liste", "bureau", "vote", "mairie"),
    "barrage": ("barrage", "vanne", "lac", "débit", "turbine", "ingénieur", "niveau"),
    "lâcher": ("crue", "rivière", "digue", "barrage", "vanne", "lac", "débit"),  # both at once
}


def _analysed(
    article_id: str, story: str, people: list[tuple[str, str | None]], others: list[str]
) -> tuple[Article, ArticleAnalysis]:
    """An article of ``story`` naming ``people`` (name, gender) and organisations ``others``."""
    words = STORY_WORDS[story]
    names = [name for name, _ in people] + others
    body = f"À propos de {', '.join(names)} : {' '.join(words)}."
    text = f"{words[0].capitalize()} et {words[1]}\n\n{body}"
    entities = []
    for number, name in enumerate(names):
        start = text.index(name)
        gender = people[number][1] if number < len(people) else None
        entities.append(
            LocalEntity(
                key=f"e{number}",
                type="person" if number < len(people) else "org",
                name=name,
                mentions=(Mention(article_id, start, start + len(name), name),),
                gender=gender,
            )
        )
    body_start = text.index("\n\n") + 2
    sentence = Sentence(
        start=body_start,
        end=len(text),
        lemmas=words,
        entity_keys=tuple(e.key for e in entities),
    )
    article = Article(
        id=article_id,
        text=text,
        title=text.split("\n", 1)[0],
        published="2024-05-02",
        source=f"Gazette {article_id}",
        path=f"{article_id}.txt",
    )
    analysis = ArticleAnalysis(
        article=article_id,
        entities=tuple(entities),
        sentences=(Sentence(0, body_start - 2, lemmas=words[:2]), sentence),
    )
    return article, analysis


BATCHES = [
    # Two lonely "Fabre" with nothing in common: two people until a full name appears.
    [
        _analysed("crue-1", "crue", [("Paul Garnier", "m")], ["Préfecture de Lauzac"]),
        _analysed("fest-1", "festival", [("Fabre", None)], ["Orchestre de Cordanne"]),
        _analysed("greve-1", "grève", [("Fabre", None), ("Lemoine", None)], ["Usine Bréval"]),
    ],
    # Joins the flood story; "Garnier" joins Paul Garnier.
    [_analysed("crue-2", "crue", [("Garnier", "m")], ["Préfecture de Lauzac"])],
    # A new story and one more article of the flood.
    [
        _analysed("vote-1", "scrutin", [("Marine Roux", "f")], ["Mairie de Mirabel"]),
        _analysed("crue-3", "crue", [("Paul Garnier", "m")], []),
    ],
    # "Hugo Lemoine" names the strike's "Lemoine": the strike story is compared again.
    [_analysed("vote-2", "scrutin", [("Hugo Lemoine", "m")], ["Mairie de Mirabel"])],
    # "Camille Fabre": both lonely Fabre join her, two stored entities become one.
    [_analysed("fest-2", "festival", [("Camille Fabre", "f")], ["Orchestre de Cordanne"])],
]


def test_batches_give_the_report_of_a_full_recomputation(
    db: str, monkeypatch: pytest.MonkeyPatch, full_relinks: list[int]
) -> None:
    compared: list[tuple[str, ...]] = []
    real_compare = recoupe.api.compare_story

    def counting_compare(story, corpus):  # type: ignore[no-untyped-def]
        compared.append(story.articles)
        return real_compare(story, corpus)

    monkeypatch.setattr(recoupe.api, "compare_story", counting_compare)
    with Store(db) as store:
        for number, batch in enumerate(BATCHES):
            full_relinks.clear()
            compared.clear()
            previous, version = store.versioned_report()
            articles, analyses = zip(*batch, strict=True)
            store.add(articles, analyses)
            store.relink()
            changes = store.last_changes
            assert (changes is None) == bool(full_relinks), f"batch {number}"
            if changes is not None:  # the rows it rewrote, read into the report held before
                assert changes.before == version
                assert store.updated_report(previous, changes) == store.report()
                assert store.updated_report(store.report(), changes) is None, "moved on"
            monkeypatch.setattr(recoupe.api, "compare_story", real_compare)
            full = build_report(store.articles(), store.analyses())
            monkeypatch.setattr(recoupe.api, "compare_story", counting_compare)
            assert store.report() == full, f"batch {number}"
            if number == 0:
                assert full_relinks == [3], "a new store is linked in full"
            elif number in (1, 2, 3):
                assert full_relinks == [], f"batch {number} must be linked incrementally"
                assert len(full.stories) == 3 + (number >= 2)
                if number == 3:
                    assert sorted(compared) == [("greve-1",), ("vote-1", "vote-2")]
            else:
                assert full_relinks == [len(store.articles())], "merged entities: a full relink"
        fabre = [e for e in store.report().entities if e.name.endswith("Fabre")]
        assert [e.name for e in fabre] == ["Camille Fabre"]


def test_joining_a_story_compares_that_story_only(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    compared: list[tuple[str, ...]] = []
    real_compare = recoupe.api.compare_story

    def counting_compare(story, corpus):  # type: ignore[no-untyped-def]
        compared.append(story.articles)
        return real_compare(story, corpus)

    with Store(str(tmp_path / "recoupe.db")) as store:
        articles, analyses = zip(*BATCHES[0], strict=True)
        store.add(articles, analyses)
        store.relink()
        monkeypatch.setattr(recoupe.api, "compare_story", counting_compare)
        for article, analysis in (*BATCHES[1], BATCHES[2][1]):
            compared.clear()
            store.add([article], [analysis])
            store.relink()
            story = next(s for s in store.report().stories if article.id in s.articles)
            assert compared == [story.articles]
        assert store.report().stories[0].articles == ("crue-1", "crue-2", "crue-3")


def test_a_count_that_grows_elsewhere_recounts_coverage_without_comparing(
    db: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The third strike outlet omits the union and the factory, named twice each: ties go
    # by name (people first: its lone "Lemoine" is not taken for the others'). A festival
    # article naming the factory makes it the more mentioned one.
    strike = [
        _analysed("greve-a", "grève", [("Lemoine", None)], ["Syndicat Ouvrier", "Usine Bréval"]),
        _analysed("greve-b", "grève", [("Lemoine", None)], ["Usine Bréval", "Syndicat Ouvrier"]),
        _analysed("greve-c", "grève", [("Lemoine", None)], []),
        _analysed("fest-a", "festival", [("Camille Fabre", "f")], ["Orchestre de Cordanne"]),
    ]
    compared: list[tuple[str, ...]] = []
    real_compare = recoupe.api.compare_story

    def counting_compare(story, corpus):  # type: ignore[no-untyped-def]
        compared.append(story.articles)
        return real_compare(story, corpus)

    def omitted_by_greve_c(report):  # type: ignore[no-untyped-def]
        story = next(s for s in report.stories if "greve-c" in s.articles)
        return next(row["omitted"] for row in story.coverage if "greve-c" in row["articles"])

    with Store(db) as store:
        articles, analyses = zip(*strike, strict=True)
        store.add(articles, analyses)
        store.relink()
        omitted = ["Lemoine", "Syndicat Ouvrier", "Usine Bréval"]
        assert omitted_by_greve_c(store.report()) == omitted
        monkeypatch.setattr(recoupe.api, "compare_story", counting_compare)
        article, analysis = _analysed(
            "fest-b",
            "festival",
            [("Camille Fabre", "f")],
            ["Orchestre de Cordanne", "Usine Bréval"],
        )
        store.add([article], [analysis])
        store.relink()
        assert compared == [("fest-a", "fest-b")], "the strike story is recounted, not compared"
        monkeypatch.setattr(recoupe.api, "compare_story", real_compare)
        report = store.report()
        assert report == build_report(store.articles(), store.analyses())
        assert omitted_by_greve_c(report) == ["Lemoine", "Usine Bréval", "Syndicat Ouvrier"]


def test_a_store_linked_by_an_older_recoupe_relinks_in_full_once(tmp_path: Path) -> None:
    from sqlalchemy import delete

    from recoupe.store import schema

    with Store(str(tmp_path / "recoupe.db")) as store:
        articles, analyses = zip(*BATCHES[0], strict=True)
        store.add(articles, analyses)
        store.relink()
        with store.engine.begin() as conn:  # as a store made before the link state was kept
            conn.execute(delete(schema.link_state))
        store.add(*zip(*BATCHES[1], strict=True))
        store.relink()
        assert store.report() == build_report(store.articles(), store.analyses())
        with store.engine.connect() as conn:
            assert conn.execute(schema.link_state.select()).first() is not None


def test_an_article_bridging_stored_stories_merges_them_in_a_full_relink(
    tmp_path: Path, full_relinks: list[int]
) -> None:
    flood = _analysed("crue-1", "crue", [("Paul Garnier", "m")], ["Préfecture de Lauzac"])
    dam = _analysed("barrage-1", "barrage", [("Ingrid Morel", "f")], ["Syndicat des eaux"])
    # the dam's release caused the flood: one report names both sides
    release = _analysed("lacher-1", "lâcher", [], ["Préfecture de Lauzac", "Syndicat des eaux"])
    with Store(str(tmp_path / "recoupe.db")) as store:
        for batch in ([flood, dam], [release]):
            full_relinks.clear()
            articles, analyses = zip(*batch, strict=True)
            store.add(articles, analyses)
            store.relink()
            assert full_relinks == [len(store.articles())], "new stories or a merge: in full"
        report = store.report()
        assert [s.articles for s in report.stories] == [("crue-1", "barrage-1", "lacher-1")]
        assert report == build_report(store.articles(), store.analyses())

"""Cross-article entity resolution on hand-built LocalEntities."""

from __future__ import annotations

from recoupe.link.names import resolve_entities
from recoupe.model import ArticleAnalysis, LocalEntity, Mention


def _local(
    article: str, key: str, name: str, *texts: str, etype: str = "person", gender: str | None = None
) -> LocalEntity:
    mentions = tuple(
        Mention(article, 10 * k, 10 * k + len(t), t) for k, t in enumerate(texts or (name,))
    )
    return LocalEntity(key=key, type=etype, name=name, mentions=mentions, gender=gender)  # type: ignore[arg-type]


def _analysis(article: str, *entities: LocalEntity) -> ArticleAnalysis:
    return ArticleAnalysis(article=article, entities=entities)


def test_spelling_variants_merge_across_articles() -> None:
    resolved = resolve_entities(
        [
            _analysis(
                "a",
                _local("a", "e0", "Benjamin Netanyahu"),
                _local("a", "e1", "Hamas", etype="organization"),
            ),
            _analysis(
                "b",
                _local("b", "e0", "Benjamin Netanyahou", "M. Netanyahou"),
                _local("b", "e1", "Hamās", etype="organization"),
            ),
            _analysis(
                "c", _local("c", "e0", "Frederic Lemaitre"), _local("c", "e1", "Oleksii Bondarenko")
            ),
            _analysis(
                "d", _local("d", "e0", "Frédéric Lemaître"), _local("d", "e1", "Oleksiy Bondarenko")
            ),
        ]
    )
    ids = resolved.key_map
    assert ids[("a", "e0")] == ids[("b", "e0")]
    assert ids[("a", "e1")] == ids[("b", "e1")]
    assert ids[("c", "e0")] == ids[("d", "e0")]
    assert ids[("c", "e1")] == ids[("d", "e1")]
    netanyahu = next(e for e in resolved.entities if e.id == ids[("a", "e0")])
    assert set(netanyahu.variants) == {"Benjamin Netanyahu", "M. Netanyahou"}
    assert [e.id for e in resolved.entities] == [
        f"E{k}" for k in range(1, len(resolved.entities) + 1)
    ]


def test_two_people_with_the_same_surname_stay_two() -> None:
    resolved = resolve_entities(
        [
            _analysis("a", _local("a", "e0", "Paul Berger"), _local("a", "e1", "Sophie Berger")),
            _analysis("b", _local("b", "e0", "Sophie Berger")),
            _analysis("c", _local("c", "e0", "Paul Berger")),
        ]
    )
    ids = resolved.key_map
    assert ids[("a", "e0")] != ids[("a", "e1")]
    assert ids[("a", "e1")] == ids[("b", "e0")]
    assert ids[("a", "e0")] == ids[("c", "e0")]
    assert len(resolved.entities) == 2


def test_surname_only_person_joins_the_one_it_fits_by_gender() -> None:
    resolved = resolve_entities(
        [
            _analysis(
                "a",
                _local("a", "e0", "Julien Fabre", gender="m"),
                _local("a", "e1", "Camille Fabre", gender="f"),
            ),
            _analysis("b", _local("b", "e0", "Fabre", "M. Fabre", gender="m")),
            _analysis("c", _local("c", "e0", "Fabre", "Fabre")),
        ]
    )
    ids = resolved.key_map
    assert ids[("b", "e0")] == ids[("a", "e0")]
    # no gender, no context: ambiguous between two Fabres, so it stays apart
    assert ids[("c", "e0")] not in {ids[("a", "e0")], ids[("a", "e1")]}


def test_people_and_organisations_never_merge() -> None:
    resolved = resolve_entities(
        [
            _analysis("a", _local("a", "e0", "Washington", etype="place")),
            _analysis("b", _local("b", "e0", "George Washington")),
        ]
    )
    assert len(resolved.entities) == 2


def test_resolution_is_deterministic() -> None:
    analyses = [
        _analysis("a", _local("a", "e0", "Joe Biden"), _local("a", "e1", "Biden")),
        _analysis("b", _local("b", "e0", "Biden")),
    ]
    assert resolve_entities(analyses) == resolve_entities(analyses)


def test_a_name_cited_by_thousands_of_articles_is_paired_once_not_quadratically(
    monkeypatch,
) -> None:
    """Identical names are merged before pairing: pairs grow with distinct names, not mentions."""
    import recoupe.link.names as names

    counted: list[int] = []
    real = names._candidate_pairs

    def counting(items, units):  # type: ignore[no-untyped-def]
        pairs = real(items, units)
        counted.append(len(pairs))
        return pairs

    monkeypatch.setattr(names, "_candidate_pairs", counting)
    analyses = [
        _analysis(
            f"a{k}",
            _local(f"a{k}", "e0", "Claire Vidal", gender="f"),
            _local(f"a{k}", "e1", "Vidal"),  # surname only: joins the full name
            _local(f"a{k}", "e2", "Lauzac", etype="place"),
            _local(
                f"a{k}",
                "e3",
                "Paul Vidal" if k % 2 else "Claire Vidal",
                gender="m" if k % 2 else "f",
            ),
        )
        for k in range(2000)
    ]
    resolved = resolve_entities(analyses)
    # each surname-only mention meets the two full names once (all pairs: 32 million)
    assert counted and counted[0] <= 2 * 2000 + 1
    ids = resolved.key_map
    assert {ids[(f"a{k}", "e0")] for k in range(2000)} == {ids[("a0", "e0")]}
    assert {ids[(f"a{k}", "e2")] for k in range(2000)} == {ids[("a0", "e2")]}
    assert ids[("a1", "e3")] != ids[("a1", "e0")]  # Paul Vidal is another person
    assert len({ids[(f"a{k}", "e3")] for k in range(1, 2000, 2)}) == 1


def test_a_shorter_form_of_a_name_is_the_same_person_across_articles() -> None:
    resolved = resolve_entities(
        [
            _analysis("a", _local("a", "e0", "Ali Vongo Ondamba")),
            _analysis("b", _local("b", "e0", "Ali Vongo")),
            _analysis("c", _local("c", "e0", "Tomas Merlin Kraus")),
            _analysis("d", _local("d", "e0", "Tomas Kraus"), _local("d", "e1", "Lena Vongo")),
        ]
    )
    ids = resolved.key_map
    assert ids[("a", "e0")] == ids[("b", "e0")]
    assert ids[("c", "e0")] == ids[("d", "e0")]
    assert ids[("d", "e1")] != ids[("a", "e0")]  # same surname, another given name


def test_two_longer_forms_of_one_short_name_stay_two_people() -> None:
    resolved = resolve_entities(
        [
            _analysis("a", _local("a", "e0", "Ali Vongo Ondamba")),
            _analysis("b", _local("b", "e0", "Ali Vongo")),
            _analysis("c", _local("c", "e0", "Ali Vongo Nzeyo")),
        ]
    )
    ids = resolved.key_map
    assert ids[("a", "e0")] != ids[("c", "e0")]


def test_a_surname_given_as_an_initial_joins_the_one_full_name_of_the_same_story() -> None:
    resolved = resolve_entities(
        [
            _analysis(
                "a", _local("a", "e0", "Karim Delorme"), _local("a", "e1", "Brisac", etype="place")
            ),
            _analysis(
                "b", _local("b", "e0", "Karim D."), _local("b", "e1", "Brisac", etype="place")
            ),
            _analysis(
                "d",
                _local("d", "e0", "Karim Dufour"),
                _local("d", "e1", "Port-Lauzac", etype="place"),
            ),
        ]
    )
    ids = resolved.key_map
    assert ids[("a", "e0")] == ids[("b", "e0")]
    assert ids[("d", "e0")] != ids[("a", "e0")]
    # nothing shared with either article: no merge on the name alone
    alone = resolve_entities(
        [
            _analysis("a", _local("a", "e0", "Karim Delorme")),
            _analysis("c", _local("c", "e0", "Karim D.")),
        ]
    ).key_map
    assert alone[("a", "e0")] != alone[("c", "e0")]


def _org(article: str, key: str, name: str, *texts: str) -> LocalEntity:
    return _local(article, key, name, *texts, etype="organization")


def _town(article: str) -> LocalEntity:
    return _local(article, "e9", "Brisac", etype="place")


def test_an_acronym_joins_the_full_name_of_the_same_story_by_its_initials() -> None:
    resolved = resolve_entities(
        [
            _analysis("a", _org("a", "e0", "Garde littorale du Vercors"), _town("a")),
            _analysis("b", _org("b", "e0", "GLV"), _town("b")),
        ]
    ).key_map
    assert resolved[("a", "e0")] == resolved[("b", "e0")]


def test_an_acronym_introduced_in_parentheses_joins_its_full_name() -> None:
    # the introduction "Office fluvial de Brisac (OFIB)" gives an acronym the initials do not
    resolved = resolve_entities(
        [
            _analysis(
                "a",
                _org("a", "e0", "Office fluvial de Brisac", "Office fluvial de Brisac", "OFIB"),
                _town("a"),
            ),
            _analysis("b", _org("b", "e0", "OFIB"), _town("b")),
        ]
    ).key_map
    assert resolved[("a", "e0")] == resolved[("b", "e0")]


def test_an_acronym_two_full_names_fit_or_no_shared_story_stays_alone() -> None:
    two = resolve_entities(
        [
            _analysis("a", _org("a", "e0", "Garde littorale du Vercors"), _town("a")),
            _analysis("c", _org("c", "e0", "Groupe laitier de Valmont"), _town("c")),
            _analysis("b", _org("b", "e0", "GLV"), _town("b")),
        ]
    ).key_map
    assert two[("b", "e0")] not in {two[("a", "e0")], two[("c", "e0")]}
    alone = resolve_entities(
        [
            _analysis("a", _org("a", "e0", "Garde littorale du Vercors")),
            _analysis("b", _org("b", "e0", "GLV")),
        ]
    ).key_map
    assert alone[("a", "e0")] != alone[("b", "e0")]
    # a person's initials are no acronym
    person = resolve_entities(
        [
            _analysis("a", _local("a", "e0", "Gilles Lavergne"), _town("a")),
            _analysis("b", _org("b", "e0", "GL"), _town("b")),
        ]
    ).key_map
    assert person[("a", "e0")] != person[("b", "e0")]


def test_one_road_written_two_ways_is_one_place() -> None:
    resolved = resolve_entities(
        [
            _analysis(
                "a",
                _local("a", "e0", "RD904", etype="place"),
                _local("a", "e1", "autoroute A71", etype="place"),
                _local("a", "e2", "N88", etype="place"),
                _local("a", "e3", "autoroute A75", etype="place"),
            ),
            _analysis(
                "b",
                _local("b", "e0", "D904", etype="place"),
                _local("b", "e1", "A71", etype="place"),
                _local("b", "e2", "N89", etype="place"),
                _local("b", "e3", "autoroute A76", etype="place"),
            ),
        ]
    )
    names = sorted(sorted(e.variants) for e in resolved.entities)
    assert names == [
        ["A71", "autoroute A71"],
        ["D904", "RD904"],
        ["N88"],
        ["N89"],
        ["autoroute A75"],
        ["autoroute A76"],
    ]


def _mixed_corpus() -> list[ArticleAnalysis]:
    """Full names and their variants (spelling, initials, shorter forms), surname-only
    people, one name twice in one article, places and bodies."""
    people = [
        "Claire Vidal",
        "Paul Vidal",
        "Vidal",
        "Noé Vidalie",
        "Vidal",
        "Inès Morel",
        "Morel",
        "Philippe Morelle",
        "P. Morelle",
        "Filip Morelle",
        "Inès M.",
        "Anton Kovalenko",
        "Antón Kovalienko",
        "Anton Kovalenko Brasov",
        "Anton Brasov",
        "Kovalenko",
        "Yves Le Bihan",
        "Le Bihan",
    ]
    out = []
    for k in range(30):
        locals_ = [
            _local(f"a{k}", f"p{j}", name, gender="f" if name[:1] in "CI" else None)
            for j in range(3 + k % 4)
            for name in [people[(7 * k + j) % len(people)]]
        ]
        locals_.append(_local(f"a{k}", "o0", "Syndicat des eaux de Lauzac", etype="org"))
        locals_.append(_local(f"a{k}", "o1", "Lauzac" if k % 2 else "Lozac", etype="place"))
        out.append(_analysis(f"a{k}", *locals_))
    return out


def test_candidate_pairs_leave_out_only_pairs_no_step_would_join(monkeypatch) -> None:  # type: ignore[no-untyped-def]
    """The split blocks form fewer pairs than every pair of every block, and resolving with
    either gives the same entities."""
    from names_bench import every_pair_of_every_block  # benchmarks/ (conftest.py)

    import recoupe.link.names as names

    corpus = _mixed_corpus()
    items = names._items(corpus)
    units = names._units(items)
    every = every_pair_of_every_block(items, units)
    pairs = names._candidate_pairs(items, units)
    assert set(pairs) < set(every)
    resolved = resolve_entities(corpus)
    monkeypatch.setattr(names, "_candidate_pairs", every_pair_of_every_block)
    assert resolve_entities(corpus) == resolved
    ids = resolved.key_map
    named = {(a.article, e.key): e.name for a in corpus for e in a.entities}

    def one(x: str, y: str) -> bool:
        return bool(
            {ids[k] for k, n in named.items() if n == x}
            & {ids[k] for k, n in named.items() if n == y}
        )

    # the variants each kind of split must keep together were joined
    assert one("Anton Kovalenko", "Antón Kovalienko")
    assert one("Anton Brasov", "Anton Kovalenko Brasov")
    assert one("Philippe Morelle", "P. Morelle")
    assert not one("Claire Vidal", "Paul Vidal")


def test_clusters_of_units_are_those_of_uniting_each_unit_item_by_item() -> None:
    import recoupe.link.names as names

    items = names._items(_mixed_corpus())
    units = names._units(items)
    built = names._Clusters.of(items, units)
    one_by_one = names._Clusters(
        names.array("q", range(len(items))),
        {},
        {i.index: {i.local.gender} for i in items if i.local.gender},
        {i.index: {i.local.name} for i in items if i.is_person and i.given},
    )
    for unit in units:
        for other in unit.items[1:]:
            one_by_one.union(unit.rep, other)
    assert any(len(u.items) > 1 for u in units)
    assert list(built.parent) == [one_by_one.find(i) for i in range(len(items))]
    assert built.members == one_by_one.members
    assert built.genders == one_by_one.genders and built.genders
    assert built.names == one_by_one.names

"""The comparison's bounded caches are released after each story: memory bounded by one story."""

from __future__ import annotations

from compare_builders import Doc, build, one_story

from recoupe.compare import caches
from recoupe.compare.findings import compare_story
from recoupe.compare.vectors import similarity
from recoupe.fr.text import fold

PLACES = {"Kervéan": ("place", ["Kervéan"])}


def _corpus():
    return build(
        [
            Doc(
                "a",
                "Le pont de Kervéan a fermé mardi, 12 camions ont été détournés.",
                source="Ouest",
                entities=PLACES,
            ),
            Doc(
                "b",
                "Mardi, le pont de Kervéan a été fermé et 15 camions ont été détournés.",
                source="Nord",
                entities=PLACES,
            ),
        ]
    )


def test_the_story_caches_are_the_bounded_text_caches_not_the_tables() -> None:
    found = caches.story_caches()
    names = {f.__qualname__ for f in found}
    assert {"fold", "similarity", "negated_text"} <= names
    assert "word_class" not in names and "reporting_verbs" not in names  # data tables stay


def test_a_story_comparison_leaves_no_text_in_the_caches_and_the_same_result() -> None:
    corpus = _corpus()
    fold("Déjà lu")
    first = compare_story(one_story(corpus), corpus)
    assert all(f.cache_info().currsize == 0 for f in caches.story_caches())
    assert similarity.cache_info().currsize == 0
    assert any(f.slot == "number" for f in first.findings)
    assert compare_story(one_story(corpus), corpus) == first

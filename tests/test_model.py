from __future__ import annotations

import json
import pickle
import sys
from dataclasses import replace

from hypothesis import given
from hypothesis import strategies as st

from recoupe.corpus import SentenceSpill, dumps
from recoupe.model import (
    Article,
    ArticleAnalysis,
    Entity,
    Evidence,
    Finding,
    LocalEntity,
    Mention,
    Quote,
    Rejected,
    Report,
    Role,
    RoleParts,
    Sentence,
    Story,
    TimeRef,
    from_dict,
    to_dict,
)

texts = st.text(max_size=40)
offsets = st.integers(min_value=0, max_value=10_000)


@st.composite
def reports(draw: st.DrawFn) -> Report:
    article = Article(
        id=draw(texts),
        text=draw(texts),
        title=draw(st.none() | texts),
        published=draw(st.sampled_from([None, "2024", "2024-03", "2024-03-26"])),
    )
    mention = Mention(article.id, draw(offsets), draw(offsets), draw(texts))
    role = Role(
        title=draw(texts),
        article=article.id,
        start=1,
        end=2,
        text="x",
        parts=RoleParts(function=draw(st.none() | texts)),
        key=draw(texts),
    )
    entity = Entity(
        id="E1",
        type=draw(st.sampled_from(["person", "organization", "place", "other"])),
        name=draw(texts),
        variants=tuple(draw(st.lists(texts, max_size=3))),
        mentions=(mention,),
        roles=(role,),
    )
    quote = Quote(
        article.id,
        0,
        1,
        draw(texts),
        draw(st.sampled_from(["direct", "partial", "indirect"])),
        speaker=draw(st.none() | st.just("E1")),
        cue=draw(st.none() | texts),
        cue_lemma=draw(st.none() | texts),
        cue_loaded=draw(st.none() | st.booleans()),
    )
    time = TimeRef(
        article.id,
        0,
        1,
        draw(texts),
        value=draw(st.none() | st.just("2024-03")),
        tense=draw(st.sampled_from([None, "past", "present", "future"])),
        kind=draw(st.none() | texts),
        anchor=draw(
            st.sampled_from([None, "text", "publication", "previous_day", "story", "undated"])
        ),
        parts=tuple(draw(st.lists(st.tuples(texts, texts), max_size=3))),
    )
    finding = Finding(
        "contradiction",
        draw(texts),
        "role",
        draw(texts),
        (Evidence(article.id, 0, 1, "x", draw(st.none() | texts)),),
        sources=("A",),
    )
    story = Story(
        "S1", draw(texts), (article.id,), (finding,), brief=({"text": "t", "sources": ["A"]},)
    )
    return Report(
        articles=(article,),
        rejected=(Rejected(draw(texts), draw(texts)),),
        entities=(entity,),
        quotes=(quote,),
        times=(time,),
        stories=(story,),
    )


@given(reports())
def test_report_survives_json_round_trip(report: Report) -> None:
    data = json.loads(json.dumps(to_dict(report)))
    assert from_dict(Report, data) == report


def test_schema_field_comes_first() -> None:
    assert next(iter(to_dict(Report()))) == "schema"


sentences = st.builds(
    Sentence,
    offsets,
    offsets,
    st.lists(st.text(min_size=1, max_size=8), max_size=6).map(tuple),
    st.none() | st.text(min_size=1, max_size=8),
    st.booleans(),
    st.lists(st.text(min_size=1, max_size=3), max_size=3).map(tuple),
    st.lists(offsets, max_size=6).map(tuple),
    st.lists(st.integers(min_value=-1, max_value=100_000), max_size=6).map(tuple),
)


def local_entities(article: str) -> st.SearchStrategy[tuple[LocalEntity, ...]]:
    mentions = st.builds(Mention, st.just(article), offsets, offsets, st.text(max_size=12))
    role = st.builds(Role, st.text(max_size=6), st.just(article), offsets, offsets, st.text())
    return st.lists(
        st.builds(
            LocalEntity,
            st.text(min_size=1, max_size=3),
            st.sampled_from(["person", "organization", "place", "other"]),
            st.text(max_size=10),
            st.lists(mentions, max_size=3).map(tuple),
            st.lists(role, max_size=2).map(tuple),
            st.none() | st.text(max_size=3),
            st.none() | st.sampled_from(["f", "m"]),
        ),
        max_size=4,
    ).map(tuple)


@given(
    st.lists(
        st.tuples(st.lists(sentences, max_size=4), local_entities("a")), min_size=1, max_size=3
    ),
    st.data(),
)
def test_spilled_sentences_read_back_equal_with_their_words_interned(
    articles: list[tuple[list[Sentence], tuple[LocalEntity, ...]]], data: st.DataObject
) -> None:
    analyses = [
        ArticleAnalysis(
            f"a{k}",
            sentences=tuple(found),
            entities=tuple(
                replace(e, mentions=tuple(replace(m, article=f"a{k}") for m in e.mentions))
                for e in entities
            ),
            quotes=(Quote(f"a{k}", 0, 3, "« Oui »", "direct", speaker="e1"),),
        )
        for k, (found, entities) in enumerate(articles)
    ]
    spill = SentenceSpill(analyses)
    # what the comparison reads: sentences, and local entities without their roles (the
    # corpus's entities hold them); the quotes are the corpus's
    compared = [
        replace(a, quotes=(), entities=tuple(replace(e, roles=()) for e in a.entities))
        for a in analyses
    ]
    for analysis, expected in reversed(list(zip(analyses, compared, strict=True))):
        back = spill.restore(replace(analysis, sentences=(), entities=(), quotes=()))
        assert back == expected and hash(back.sentences) == hash(analysis.sentences)
        for sentence in back.sentences:
            words = (*sentence.lemmas, *sentence.entity_keys, sentence.predicate or "x")
            assert all(word is sys.intern(word) for word in words)
            assert type(sentence.negated) is bool
    # read together (a window's articles), in any order: the same, each its own
    order = data.draw(st.permutations(range(len(analyses))))
    together = spill.restore_all([replace(analyses[k], sentences=()) for k in order])
    assert together == [compared[k] for k in order]
    # the held analyses' way (worker results): rebuilt through the constructor
    assert pickle.loads(dumps(analyses)) == analyses


def test_spilled_entities_keep_any_text_of_their_names_and_mentions() -> None:
    """Names and mentions are untrusted text: a NUL, a lone surrogate (text read with
    ``surrogateescape``), accents and emoji come back as they went."""
    odd = "A\x00\udc80é 🇫🇷"
    mention = Mention("a0", 3, 9, odd)
    local = LocalEntity("e1", "person", odd + "!", (mention, mention), country="\udcff")
    analysis = ArticleAnalysis("a0", entities=(local, LocalEntity("e2", "place", "", ())))
    back = SentenceSpill([analysis]).restore(replace(analysis, entities=()))
    assert back.entities == analysis.entities

"""Coverage and framing per outlet: who it quotes, what it covers or leaves out, how.

One row (a plain dict) per outlet of a story: its articles, the speakers it
quotes (with their country when known) and each one's share of its quoted
words, the story's entities it mentions and those it omits, the facts it
shares with other outlets and those only it reports, the reporting verbs it
uses (by lemma, as the quote finder typed them; loaded ones, flagged in
``fr/data/reporting_verbs.txt``, listed apart) and the focus of its headline.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from typing import Any

from recoupe.compare.statements import Fact, Statement, outlet_of
from recoupe.corpus import Corpus
from recoupe.model import Quote, Story

MAX_OMITTED = 6


def _words(text: str) -> int:
    return len(re.findall(r"\w+", text))


def verb_of(quote: Quote) -> str | None:
    """The reporting verb of a quote's cue, by lemma ("a-t-il par ailleurs déclaré" -> "déclarer")."""
    return quote.cue_lemma


def _speaker_label(corpus: Corpus, quote: Quote) -> str:
    if quote.speaker:
        entity = corpus.entity(quote.speaker)
        return f"{entity.name} ({entity.country})" if entity.country else entity.name
    return quote.speaker_text or "unattributed"


def _quote_shares(corpus: Corpus, quotes: Sequence[Quote]) -> list[str]:
    words: Counter[str] = Counter()
    for quote in quotes:
        words[_speaker_label(corpus, quote)] += _words(quote.text)
    total = sum(words.values())
    return (
        [f"{speaker} {100 * n / total:.0f}%" for speaker, n in words.most_common()] if total else []
    )


def headline_sentence(statements: Sequence[Statement]) -> Statement | None:
    """The sentence an outlet's focus is read from: its first headline sentence, else its
    first sentence."""
    return next((s for s in statements if s.headline), statements[0] if statements else None)


def _headline_focus(corpus: Corpus, statements: Sequence[Statement]) -> str:
    first = headline_sentence(statements)
    if first is None:
        return ""
    # people first, then in the order the headline names them
    position = {e: start for start, _, e in reversed(first.mentions)}
    ordered = sorted(
        first.entities,
        key=lambda e: (corpus.entity(e).type != "person", position.get(e, 1 << 30), e),
    )
    names = [corpus.entity(e).name for e in ordered]
    focus = names[0] if names else ""
    if first.predicate:
        focus = f"{focus} — {first.predicate}" if focus else first.predicate
    return focus


def _story_entities(
    story: Story, corpus: Corpus
) -> tuple[dict[str, list[str]], dict[str, set[str]], set[str]]:
    """The story's articles by outlet, the entities each outlet mentions, and the story's entities."""
    outlets: dict[str, list[str]] = {}
    for article_id in story.articles:
        outlets.setdefault(outlet_of(corpus.article(article_id)), []).append(article_id)
    mentioned: dict[str, set[str]] = {}
    for outlet, articles in outlets.items():
        mentioned[outlet] = corpus.entities_in(articles)
    # the story's entities: named by at least two outlets (or all of them, for a single outlet)
    counts = Counter(e for ents in mentioned.values() for e in ents)
    needed = 2 if len(outlets) > 1 else 1
    return outlets, mentioned, {e for e, n in counts.items() if n >= needed}


def _omitted(corpus: Corpus, entity_ids: set[str]) -> list[str]:
    """The names of the entities an outlet omits: people first, then the most mentioned in the corpus."""
    omitted = sorted(
        (corpus.entity(e) for e in entity_ids),
        key=lambda e: (e.type != "person", -len(e.mentions), e.name),
    )
    return [e.name for e in omitted[:MAX_OMITTED]]


def omitted_by_outlet(story: Story, corpus: Corpus) -> dict[str, list[str]]:
    """Each outlet's ``omitted`` coverage entry alone (all an entity's corpus-wide mention count
    changes in a story whose own articles say the same; the store's incremental relink uses it)."""
    outlets, mentioned, story_entities = _story_entities(story, corpus)
    return {outlet: _omitted(corpus, story_entities - mentioned[outlet]) for outlet in outlets}


def story_coverage(
    story: Story, corpus: Corpus, statements: Sequence[Statement], all_facts: Sequence[Fact]
) -> tuple[dict[str, Any], ...]:
    """One row per outlet of the story, in the order outlets first appear."""
    outlets, mentioned, story_entities = _story_entities(story, corpus)
    # each outlet's statements and fact counts, gathered in one pass rather than one per outlet
    by_outlet: dict[str, list[Statement]] = {}
    for statement in statements:
        by_outlet.setdefault(statement.outlet, []).append(statement)
    shared = Counter(o for f in all_facts if len(f.outlets) >= 2 for o in f.outlets)
    exclusive = Counter(
        f.outlets[0]
        for f in all_facts
        if len(f.outlets) == 1 and any(s.entities for s in f.statements)
    )
    rows = []
    for outlet, articles in outlets.items():
        quotes = corpus.quotes_in(articles)
        verbs = [v for v in (verb_of(q) for q in quotes) if v]
        loaded = list(dict.fromkeys(q.cue_lemma for q in quotes if q.cue_lemma and q.cue_loaded))
        own_statements = by_outlet.get(outlet, [])
        rows.append(
            {
                "outlet": outlet,
                "articles": articles,
                "speakers": list(
                    dict.fromkeys(_speaker_label(corpus, q) for q in quotes if q.speaker)
                ),
                "quoted_words": _quote_shares(corpus, quotes),
                "entities": len(mentioned[outlet] & story_entities),
                "omitted": _omitted(corpus, story_entities - mentioned[outlet]),
                "shared_facts": shared[outlet],
                "exclusive_facts": exclusive[outlet],
                "verbs": list(dict.fromkeys(verbs)),
                "loaded_verbs": loaded,
                "headline_focus": _headline_focus(corpus, own_statements),
            }
        )
    return tuple(rows)

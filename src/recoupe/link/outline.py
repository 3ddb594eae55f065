"""What linking reads of an analysis's sentences, so that a large corpus holds only that while
it is linked (the rest goes to :class:`recoupe.corpus.SentenceSpill` as the NLP produces it).

Linking reads three things of the sentences: the counts of their content lemmas (the story
index's features, :func:`recoupe.link.stories.features_of`), the headline sentence of an
untitled article (:func:`recoupe.link.stories.headline_of`), and the sentence around each
time expression: its span, predicate and entity keys (:mod:`recoupe.link.times`). The outline
keeps those sentences without their words (lemmas and offsets), and the counts apart.
"""

from __future__ import annotations

from bisect import bisect_left
from collections import Counter
from dataclasses import replace

from recoupe.fr.furniture import dateline_spans, outside_datelines
from recoupe.model import Article, ArticleAnalysis, Sentence


def content_lemmas(analysis: ArticleAnalysis) -> Counter[str]:
    """The article's content lemmas and how often each occurs, in order of first use (digits
    and single letters left out)."""
    return Counter(
        lemma
        for s in analysis.sentences
        for lemma in s.lemmas
        if len(lemma) > 1 and not lemma.isdigit()
    )


def _headline_at(article: Article, sentences: tuple[Sentence, ...]) -> int:
    """How many leading sentences ``headline_of`` may read: up to the first that is not a
    publication stamp (none for a titled article; all when every one is a stamp)."""
    if article.title:
        return 0
    datelines = dateline_spans(article.text)
    for k, s in enumerate(sentences):
        start, end = outside_datelines(article.text, s.start, s.end, datelines)
        if start < end:
            return k + 1
    return len(sentences)


def outline(article: Article, analysis: ArticleAnalysis) -> tuple[Sentence, ...]:
    """The sentences linking reads, in order and without their words: those an untitled
    article's headline is looked for in, and each sentence a time expression starts in."""
    sentences = analysis.sentences
    leading = _headline_at(article, sentences)
    starts = sorted(t.start for t in analysis.times)

    def timed(s: Sentence) -> bool:
        k = bisect_left(starts, s.start)
        return k < len(starts) and starts[k] < s.end

    return tuple(
        replace(s, lemmas=(), lemma_starts=(), frame_starts=())
        for k, s in enumerate(sentences)
        if k < leading or timed(s)
    )

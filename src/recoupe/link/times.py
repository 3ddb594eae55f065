"""Cross-article time: articles of one story constrain each other's dates; story timelines.

Three steps per story, each explained in ``TimeRef.explanation``:

1. an undated article inherits the story's publication span (from the first day
   of the month of its earliest dated article to the last day its latest one may
   have been written) and its relative expressions are resolved against it;
2. an expression known only as an interval narrows to a day when an article of
   the story dated to the day resolves an expression of the same weekday inside
   that interval, in a sentence sharing an entity (the same event);
3. bare weekdays of one article are read as one week ("lundi soir" ... "mardi"):
   their intervals are made consistent with that order.

Then each story gets its timeline: sentences with a resolved time, ordered.
"""

from __future__ import annotations

import operator
from bisect import bisect_left, bisect_right
from collections.abc import Iterable, Sequence
from dataclasses import replace
from datetime import date, timedelta

from recoupe.corpus import Corpus, SentenceSpill
from recoupe.fr.timex_normalise import Anchor, iso_interval, normalise, weekday_number
from recoupe.fr.timex_recognise import TimexMention
from recoupe.model import Article, ArticleAnalysis, Sentence, Story, TimelineEvent, TimeRef

NAMED_ARTICLES = 5  # dated articles an undated one's explanation names, then how many more

Key = tuple[str, int, int]


def _key(t: TimeRef) -> Key:
    return t.article, t.start, t.end


def _mention(t: TimeRef) -> TimexMention | None:
    """The expression as the nlp step recognised it (its kind and parts), None if unknown."""
    if t.kind is None:
        return None
    return TimexMention(t.start, t.end, t.text, t.kind, t.parts, t.start, t.end)


def _weekday(t: TimeRef) -> int | None:
    """ISO weekday of a bare weekday expression ("mardi", "lundi soir", "ce mercredi")."""
    mention = _mention(t)
    if mention is None or mention.kind != "weekday" or mention.get("rel"):
        return None
    if (mention.get("det") or "").lower() == "le":
        return None
    return weekday_number(mention.get("wd") or "")


def _day(iso: str | None) -> date | None:
    return date.fromisoformat(iso) if iso and len(iso) == 10 else None


def _publication_interval(article: Article) -> tuple[date, date] | None:
    if not article.published:
        return None
    try:
        return iso_interval(article.published)
    except ValueError:
        return None


def story_span(corpus: Corpus, story: Story) -> tuple[date, date, tuple[str, ...]] | None:
    """Hull of the publication intervals of the story's dated articles, and those articles."""
    spans = [(a, _publication_interval(corpus.article(a))) for a in story.articles]
    dated = [(a, s) for a, s in spans if s is not None]
    if not dated:
        return None
    return min(s[0] for _, s in dated), max(s[1] for _, s in dated), tuple(a for a, _ in dated)


def _reanchor(t: TimeRef, anchor: Anchor) -> TimeRef:
    mention = _mention(t)
    if mention is None or t.anchor != "undated":
        return t
    r = normalise(mention, anchor, t.tense)
    return replace(
        t,
        value=r.value,
        earliest=r.earliest,
        latest=r.latest,
        explanation=f"article undated; {r.explanation}",
        anchor="story",
    )


def _sentence_of(corpus: Corpus, t: TimeRef) -> Sentence | None:
    for sentence in corpus.analysis(t.article).sentences:
        if sentence.start <= t.start < sentence.end:
            return sentence
    return None


class _Near:
    """The entities of the sentence around each time expression, looked up once each."""

    def __init__(self, corpus: Corpus) -> None:
        self._corpus = corpus
        self._known: dict[Key, set[str]] = {}

    def __call__(self, t: TimeRef) -> set[str]:
        key = _key(t)
        if key not in self._known:
            sentence = _sentence_of(self._corpus, t)
            ids = (
                (self._corpus.entity_of(t.article, k) for k in sentence.entity_keys)
                if sentence
                else ()
            )
            self._known[key] = {i for i in ids if i}
        return self._known[key]


class _Peers:
    """Time expressions of the story's day-dated articles, by the day they resolve to."""

    def __init__(self, peers: Iterable[TimeRef]) -> None:
        by_day: dict[date, list[TimeRef]] = {}
        for peer in peers:
            day = _day(peer.value)
            if day is not None:
                by_day.setdefault(day, []).append(peer)
        self.days = sorted(by_day)
        self.by_day = by_day
        self._entities: dict[date, set[str]] = {}

    def entities_on(self, day: date, near: _Near) -> set[str]:
        """Every entity near an expression of that day (to skip a day sharing none at once)."""
        if day not in self._entities:
            self._entities[day] = set().union(*(near(peer) for peer in self.by_day[day]))
        return self._entities[day]

    def within(self, low: date, high: date) -> list[date]:
        return self.days[bisect_left(self.days, low) : bisect_right(self.days, high)]


def _narrow_from_peers(t: TimeRef, peers: _Peers, near: _Near) -> TimeRef:
    """An interval narrows to the day a day-dated article of the story gives the same event."""
    wd = _weekday(t)
    low, high = _day(t.earliest), _day(t.latest)
    if t.value is not None or wd is None or low is None or high is None:
        return t
    entities = near(t)
    support: dict[date, list[tuple[TimeRef, set[str]]]] = {}
    for day in peers.within(low, high):
        if day.isoweekday() != wd or not entities & peers.entities_on(day, near):
            continue
        # the first peer of the day sharing an entity is the evidence (one is enough)
        for peer in peers.by_day[day]:
            shared = entities & near(peer)
            if shared:
                support.setdefault(day, []).append((peer, shared))
                break
    if len(support) != 1:
        return t
    day, evidence = next(iter(support.items()))
    peer, shared = evidence[0]
    why = (
        f"; narrowed to {day} by article {peer.article} ({peer.text!r} at {peer.start}-{peer.end},"
        f" dated to the day), same weekday and shared entities {', '.join(sorted(shared))}"
    )
    iso = day.isoformat()
    return replace(t, value=iso, earliest=iso, latest=iso, explanation=(t.explanation or "") + why)


def _order_weekdays(refs: list[TimeRef]) -> list[TimeRef]:
    """Bare weekdays of one article read as one week: a day fixes the others; intervals agree."""
    weekdays = [(i, _weekday(t)) for i, t in enumerate(refs)]
    bare = [(i, wd) for i, wd in weekdays if wd is not None and refs[i].earliest]
    out = list(refs)
    fixed = [(i, wd) for i, wd in bare if _day(out[i].value)]
    for i, wd in bare:
        t = out[i]
        if _day(t.value) or not fixed:
            continue
        j, wd_j = fixed[0]
        anchor_day = _day(out[j].value)
        assert anchor_day is not None
        day = anchor_day + timedelta(days=wd - wd_j)
        low, high = _day(t.earliest), _day(t.latest)
        if low and high and low <= day <= high:
            iso = day.isoformat()
            why = f"; the same week as {out[j].text!r} ({anchor_day}) in this article"
            out[i] = replace(
                t, value=iso, earliest=iso, latest=iso, explanation=(t.explanation or "") + why
            )
    for i, wd_i in bare:
        for j, wd_j in bare:
            if wd_i >= wd_j:
                continue
            a, b = out[i], out[j]
            gap = timedelta(days=wd_j - wd_i)
            a_low, a_high, b_low, b_high = (
                _day(a.earliest),
                _day(a.latest),
                _day(b.earliest),
                _day(b.latest),
            )
            if not (a_low and a_high and b_low and b_high):
                continue
            new_a_high, new_b_low = min(a_high, b_high - gap), max(b_low, a_low + gap)
            if new_a_high < a_low or new_b_low > b_high:
                continue  # inconsistent with one week: leave both as they are
            if new_a_high != a_high:
                note = f"; before {b.text!r} of the same week, so at the latest {new_a_high}"
                out[i] = replace(
                    a, latest=new_a_high.isoformat(), explanation=(a.explanation or "") + note
                )
            if new_b_low != b_low:
                note = f"; after {a.text!r} of the same week, so at the earliest {new_b_low}"
                out[j] = replace(
                    b, earliest=new_b_low.isoformat(), explanation=(b.explanation or "") + note
                )
    return out


def _named(articles: Sequence[str]) -> str:
    """Articles as an explanation names them: the first ``NAMED_ARTICLES``, then how many more
    (every time of an undated article carries the text: listing a story of 1,700 dated
    articles made each 17 KB)."""
    if len(articles) <= NAMED_ARTICLES:
        return ", ".join(articles)
    rest = len(articles) - NAMED_ARTICLES
    return f"{', '.join(articles[:NAMED_ARTICLES])} and {rest} other{'s' if rest > 1 else ''}"


def _narrow_story(corpus: Corpus, story: Story, by_article: dict[str, list[TimeRef]]) -> Story:
    span = story_span(corpus, story)
    if span is None:
        return story
    earliest, latest, dated = span
    story = replace(
        story, published_earliest=earliest.isoformat(), published_latest=latest.isoformat()
    )
    # An undated article is taken as written in the story's month, no later than its
    # latest dated article (the gold convention: "the story's publication month").
    month_start = earliest.replace(day=1)
    source = (
        f"the publication month of story {story.id} ({month_start}..{latest},"
        f" from article{'s' if len(dated) > 1 else ''} {_named(dated)})"
    )
    anchor = Anchor(month_start, latest, source)
    day_dated = [
        a
        for a in story.articles
        if (s := _publication_interval(corpus.article(a))) and s[0] == s[1]
    ]
    peers = _Peers(t for a in day_dated for t in by_article.get(a, []))
    near = _Near(corpus)
    day_dated_set = set(day_dated)
    for article_id in story.articles:
        if article_id in day_dated_set:
            continue
        refs = by_article.get(article_id, [])
        if not corpus.article(article_id).published:
            refs = [_reanchor(t, anchor) for t in refs]
        refs = [_narrow_from_peers(t, peers, near) for t in refs]
        by_article[article_id] = _order_weekdays(refs)
    return story


def story_timeline(
    corpus: Corpus, story: Story, times: Iterable[TimeRef]
) -> tuple[TimelineEvent, ...]:
    """Sentences of the story carrying a resolved time, ordered by that time."""
    by_article: dict[str, list[TimeRef]] = {}
    for t in times:
        if t.earliest and t.type in {"date", "time"}:
            by_article.setdefault(t.article, []).append(t)
    events = []
    for article_id in story.articles:
        article = corpus.article(article_id)
        for sentence in corpus.analysis(article_id).sentences:
            inside = [
                t
                for t in by_article.get(article_id, [])
                if sentence.start <= t.start < sentence.end
            ]
            if not inside:
                continue
            t = inside[0]
            entities = (corpus.entity_of(article_id, k) for k in sentence.entity_keys)
            events.append(
                TimelineEvent(
                    article=article_id,
                    start=sentence.start,
                    end=sentence.end,
                    text=article.text[sentence.start : sentence.end],
                    earliest=t.earliest,
                    latest=t.latest,
                    value=t.value,
                    predicate=sentence.predicate,
                    entities=tuple(dict.fromkeys(e for e in entities if e)),
                )
            )
    events.sort(key=lambda e: (e.earliest or "", e.latest or "", e.article, e.start))
    return tuple(events)


def _with_times(analysis: ArticleAnalysis, updated: dict[Key, TimeRef]) -> ArticleAnalysis:
    """The analysis with its narrowed times (itself when none changed: not a second copy)."""
    times = tuple(updated.get(_key(t), t) for t in analysis.times)
    if all(map(operator.is_, times, analysis.times)):
        return analysis
    return replace(analysis, times=times)


def narrow_times(corpus: Corpus, aside: SentenceSpill | None = None) -> Corpus:
    """Constrain the times of each story's articles by each other, and build story timelines
    (``aside``: each put there as it is built, :meth:`SentenceSpill.put_timeline`, its story
    left without one until compared, see ``api.compare_stories``)."""
    by_article: dict[str, list[TimeRef]] = {}
    for t in corpus.times:
        by_article.setdefault(t.article, []).append(t)
    stories = [_narrow_story(corpus, story, by_article) for story in corpus.stories]
    updated = {_key(t): t for refs in by_article.values() for t in refs}
    times = tuple(updated.get(_key(t), t) for t in corpus.times)
    analyses = tuple(_with_times(a, updated) for a in corpus.analyses)
    narrowed = replace(corpus, times=times, analyses=analyses)
    if aside is not None:
        for s in stories:
            aside.put_timeline(s.id, story_timeline(narrowed, s, times))
        return replace(narrowed, stories=tuple(stories))
    stories = [replace(s, timeline=story_timeline(narrowed, s, times)) for s in stories]
    return replace(narrowed, stories=tuple(stories))

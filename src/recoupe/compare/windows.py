"""Very large stories compared by windows of time, their findings merged into the story's.

Within a story every variant of a sentence (a wire copy trimmed by each outlet)
truly aligns with every other one, so the comparison of a story of N articles
grows with N² however its identical copies are collapsed (``claims.py``). A story
of more than ``WINDOW_ARTICLES`` articles is therefore cut, in time order, into
consecutive periods of near-equal size; each window holds one period and the
``CONTEXT_ARTICLES`` spread over the whole story, so none exceeds the bound. An
event's coverage evolves (later reports update, correct or complete earlier
ones): each report is compared with those published around it, and through the
context articles with every stage of the story. Each window is compared as a
story is (``findings.compare_parts``), one at a time, and what they find is merged:

* the same contradiction found in several windows (same slot, two values in common,
  the same subject) is one finding holding the evidence of all,
  its values' outlets counted over all;
* the same corroborated claim (the same title, or mostly the same clauses of the
  context articles) is one card citing every window's outlets; a card quoting a
  figure or date the merged contradictions leave in the minority is left out, as
  corroboration within a story never cites one;
* a single-source card ("only X reports") stays only if no other outlet of the whole
  story says its claim (``StorySaid``: the claim keys of every sentence of the story);
* coverage and brief read the windows' facts, the same claim of several windows
  (the same most common wording) made one fact.

Below the bound nothing changes, and past it the cost of a story grows linearly.
"""

from __future__ import annotations

import functools
import itertools
import math
import operator
import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import replace
from typing import Generic, NamedTuple, Protocol, TypeVar

from recoupe.compare import caches
from recoupe.compare.brief import story_brief
from recoupe.compare.claims import _value_groups
from recoupe.compare.contradictions import (
    Voice,
    _finding,
    days_of,
    minority_spans,
    two_sides,
    voices_of,
)
from recoupe.compare.coverage import headline_sentence, story_coverage
from recoupe.compare.findings import (
    SAID_ELSEWHERE_CONTEXT,
    Compared,
    _claim_keys,
    _distinctive_figures,
    _figures,
    _figures_in,
    _said_by,
    _verbatim,
    compare_parts,
    denies,
)
from recoupe.compare.statements import Fact, Statement
from recoupe.corpus import Corpus
from recoupe.fr.text import fold
from recoupe.model import Evidence, Finding, Story

WINDOW_ARTICLES = 100  # a larger story is compared by windows of at most this many articles
CONTEXT_ARTICLES = 10  # articles spread over the whole story that every window holds
SAME_SUBJECT = 0.8  # share of words two contradictions' subjects have in common
SAME_CONTEXT = 0.8  # share of one card's clauses of context articles another card also cites
WORD_RE = re.compile(r"\w+")
Span = tuple[str, int, int]  # (article, start, end)
_TEXT = operator.attrgetter("text")


class Window(NamedTuple):
    """One window of a story: the story restricted to the window's articles (its own period
    and the story's context articles), and the articles of its own period."""

    story: Story
    own: frozenset[str]


def in_time_order(story: Story, corpus: Corpus) -> list[str]:
    """The story's articles by publication date, undated last; on the same date (often known
    to the day only) in the story's order, the order they were read in."""
    ids = list(dict.fromkeys(story.articles))
    dates = [corpus.article(a).published for a in ids]
    order = sorted(range(len(ids)), key=lambda k: (dates[k] is None, dates[k] or "", k))
    return [ids[k] for k in order]


def periods(story: Story, corpus: Corpus, size: int) -> list[tuple[str, ...]]:
    """The story's articles in time order (``in_time_order``) cut into consecutive periods of
    near-equal size, none above ``size``; each period lists its articles in the story's order."""
    ordered = in_time_order(story, corpus)
    count = max(1, math.ceil(len(ordered) / size))
    period_of = {a: k * count // len(ordered) for k, a in enumerate(ordered)}
    out: list[list[str]] = [[] for _ in range(count)]
    for article_id in dict.fromkeys(story.articles):
        out[period_of[article_id]].append(article_id)
    return [tuple(members) for members in out]


def context_articles(story: Story, corpus: Corpus, count: int) -> frozenset[str]:
    """``count`` articles spread evenly over the story in time order."""
    ordered = in_time_order(story, corpus)
    if len(ordered) <= count:
        return frozenset(ordered)
    return frozenset(ordered[(2 * k + 1) * len(ordered) // (2 * count)] for k in range(count))


def time_windows(story: Story, corpus: Corpus) -> list[Window]:
    """The story whole when it has at most ``WINDOW_ARTICLES`` articles; else one window per
    period of at most ``WINDOW_ARTICLES - CONTEXT_ARTICLES`` articles, each holding besides
    them the ``CONTEXT_ARTICLES`` spread over the story (no window above the bound)."""
    ids = tuple(dict.fromkeys(story.articles))
    if len(ids) <= WINDOW_ARTICLES:
        return [Window(story, frozenset(ids))]
    context = context_articles(story, corpus, CONTEXT_ARTICLES)
    out = []
    for period in periods(story, corpus, WINDOW_ARTICLES - CONTEXT_ARTICLES):
        members = context.union(period)
        out.append(
            Window(
                replace(story, articles=tuple(a for a in ids if a in members)), frozenset(period)
            )
        )
    return out


def compare_by_windows(story: Story, corpus: Corpus) -> Story:
    """A story's findings, coverage and brief from the comparison of its windows of time."""
    said = StorySaid()
    contradictions: list[list[Finding]] = []
    corroborated: list[list[Finding]] = []
    single: dict[tuple[str, int, int], tuple[Finding, list[Statement]]] = {}
    # each outlet's sentence the coverage reads (``headline_sentence`` of all it printed,
    # kept window by window); the windows' other sentences are not held for it
    heads: dict[str, Statement] = {}
    window_facts: list[list[Fact]] = []
    disputed: dict[tuple[str, int, int], None] = {}
    context = context_articles(story, corpus, CONTEXT_ARTICLES)
    read = corpus.read_back(context)  # every window's: read back from the spill once
    for window, own in time_windows(story, corpus):
        # one window's working set at a time, its sentences read back from the spill if there
        compared = compare_parts(window, read.read_back(window.articles))
        caches.release()
        contradictions.append(compared.contradictions)
        corroborated.append(compared.corroborated)
        for card, clauses in _cards_with_clauses(compared):  # a context article's: once
            span = card.evidence[0]
            single.setdefault((span.article, span.start, span.end), (card, clauses))
        mine = [s for s in compared.statements if s.article in own]
        said.add(mine, [c for c in compared.clauses if c.article in own])
        by_outlet: dict[str, list[Statement]] = {}
        for sentence in mine:
            by_outlet.setdefault(sentence.outlet, []).append(sentence)
        for outlet, printed in by_outlet.items():  # the held one first: the earlier
            held = heads.get(outlet)
            head = headline_sentence(printed if held is None else [held, *printed])
            if head is not None:
                heads[outlet] = head
        window_facts.append(compared.facts)
        disputed.update(dict.fromkeys(compared.disputed))
        del compared
    merged = merged_contradictions(contradictions, corpus)
    minority = minority_values(merged)
    cards = merged_corroborations(
        [[f for f in cards if not _quotes_any(f, minority)] for cards in corroborated], context
    )
    said.expect([c for _, clauses in single.values() for c in clauses])
    only = [
        f for f, clauses in single.values() if not any(said(c) for c in clauses if _claim_keys(c))
    ]
    all_facts = merged_facts(window_facts, context)
    return replace(
        story,
        findings=(*merged, *cards, *only),
        coverage=story_coverage(story, corpus, list(heads.values()), all_facts),
        brief=story_brief(all_facts, corpus, list(disputed)),
    )


# --- contradictions -------------------------------------------------------------------------


def _words(text: str) -> frozenset[str]:
    return frozenset(WORD_RE.findall(fold(text)))


def _alike(a: str, b: str) -> bool:
    if a == b:
        return True
    x, y = _words(a), _words(b)
    return bool(x | y) and len(x & y) >= SAME_SUBJECT * len(x | y)


def same_contradiction(a: Finding, b: Finding, values: set[str] | None = None) -> bool:
    """The same slot, two values in common (a window where a third value is also given finds
    "huit blessés" beside "47" and "52"), said of the same subject up to a word or two of a
    trimmed copy (a figure's subject names what it counts, "nombre de blessés"; a denial's
    is its sentence). Titles may differ: each window quotes its own evidence. ``values``:
    ``a``'s, when joined since (:class:`_Joining`; its slot and subject stay)."""
    mine = {g.value for g in a.values} if values is None else values
    theirs = {g.value for g in b.values}
    return a.slot == b.slot and len(mine & theirs) >= 2 and _alike(a.subject, b.subject)


def _joined(a: Finding, b: Finding, corpus: Corpus) -> Finding:
    """One contradiction from two windows': each value's evidence of both, outlets recounted."""
    mine, theirs = _value_groups(a), _value_groups(b)
    if mine is None or theirs is None:
        return a
    seen = {(e.article, e.start, e.end) for e in a.evidence}
    groups: dict[str, list[Evidence]] = {value: list(evidence) for value, evidence in mine.items()}
    for value, evidence in theirs.items():
        for e in evidence:
            if (e.article, e.start, e.end) not in seen:
                seen.add((e.article, e.start, e.end))
                groups.setdefault(value, []).append(e)
    return _finding(corpus, a.subject, a.slot, groups, a.confidence, a.title) or a


class _Joining:
    """A contradiction found in several windows, joined window after window exactly as
    :func:`_joined` joins them in turn, without reading again at each window all the
    evidence gathered so far (that made the merge grow with the square of a story's windows:
    a 1,716-article story has 20). It keeps its evidence by value with what ``_finding``
    reads of it (each value's outlets and voices, the days its articles were published),
    each window adding its new evidence only, and is built into the finding once
    (:meth:`finding`). A window whose evidence values would not read back as its groups
    (``_value_groups`` cuts the evidence by runs of one value) is joined by :func:`_joined`
    itself, and so is every later one (the finding is built first)."""

    def __init__(self, finding: Finding, corpus: Corpus) -> None:
        self.corpus, self.first = corpus, finding
        self.current: Finding | None = finding  # the finding joined so far, once built
        self.lead = finding.slot == "number"
        mine = _value_groups(finding)
        self.incremental = mine is not None  # else joined by ``_joined`` (which keeps it)
        self.groups: dict[str, list[Evidence]] = {}
        self.seen: set[Span] = set()
        self.outlets: dict[str, set[str]] = {}
        self.sides: dict[str, set[Voice]] = {}
        self.days: dict[str, tuple[str, str]] = {}  # each value's first and last day
        self.undated = False  # an article without a date: no value is a later one
        self.value_of: dict[str, str | None] = {}  # the evidence value of each group's run
        for value, evidence in (mine or {}).items():
            self._add(value, evidence, voices_of(corpus, evidence, self.lead))

    @property
    def values(self) -> set[str]:
        if self.incremental:
            return set(self.groups)
        assert self.current is not None
        return {g.value for g in self.current.values}

    def _add(self, value: str, evidence: Sequence[Evidence], voices: set[Voice]) -> None:
        article = self.corpus.article
        if value not in self.groups:
            self.groups[value], self.outlets[value], self.sides[value] = [], set(), set()
            self.value_of[value] = evidence[0].value
        self.groups[value] += evidence
        self.seen.update((e.article, e.start, e.end) for e in evidence)
        self.sides[value] |= voices
        self.outlets[value].update(voice[0] for voice in voices)
        if not self.lead:  # ``_finding`` reads publication dates for counts only
            return
        for e in evidence:
            published = article(e.article).published
            if published is None:
                self.undated = True
                continue
            first, last = days_of(str(published))
            held = self.days.get(value)
            self.days[value] = (
                (first, last) if held is None else (min(held[0], first), max(held[1], last))
            )

    def _later(self, value: str) -> bool:
        """``_later_groups``: every article of the value published after every other's."""
        if not self.lead or self.undated or len(self.groups) < 2:
            return False
        last = max(self.days[other][1] for other in self.groups if other != value)
        return self.days[value][0] > last

    def join(self, other: Finding) -> None:
        """:func:`_joined` of the finding joined so far and ``other``."""
        if not self.incremental:
            assert self.current is not None
            self.current = _joined(self.current, other, self.corpus)
            return
        theirs = _value_groups(other)
        if theirs is None:
            return  # as ``_joined``: nothing joined
        new: dict[str, list[Evidence]] = {}
        seen, added = self.seen, set()  # the spans joined so far, and this window's new ones
        for value, evidence in theirs.items():
            for e in evidence:
                span = (e.article, e.start, e.end)
                if span not in seen and span not in added:
                    added.add(span)
                    new.setdefault(value, []).append(e)
        held = self.value_of
        if any(
            e.value != held.get(value, found[0].value)
            for value, found in new.items()
            for e in found
        ):
            # a run of mixed values: ``_value_groups`` would cut it otherwise, ``_joined`` joins
            self.incremental, self.current = False, _joined(self.finding(), other, self.corpus)
            return
        voices = {value: voices_of(self.corpus, found, self.lead) for value, found in new.items()}
        # a value's voices with this window's (a copy only where it has new ones)
        sides = [
            self.sides[value] | voices[value] if value in voices else self.sides[value]
            for value in self.groups
        ]
        sides += [voices[value] for value in new if value not in self.groups]
        if not two_sides(sides):
            return  # ``_finding`` finds no two voices: ``_joined`` keeps the finding as it was
        for value, found in new.items():
            self._add(value, found, voices[value])
        # the order ``_finding`` gives its values (most outlets first, a later update last),
        # which the next window's join starts from
        order = sorted(self.groups, key=lambda v: (-len(self.outlets[v]), self._later(v)))
        self.groups = {value: self.groups[value] for value in order}
        self.current = None
        if any(held[a] == held[b] for a, b in itertools.pairwise(order)):
            # two neighbouring runs of one value: ``_value_groups`` would read them as one
            self.incremental, self.current = False, self.finding()

    def finding(self) -> Finding:
        """The contradiction joined so far."""
        if self.current is None:
            first = self.first
            found = _finding(
                self.corpus, first.subject, first.slot, self.groups, first.confidence, first.title
            )
            assert found is not None  # its two voices were checked as it was joined
            self.current = found
        return self.current


def merged_contradictions(windows: Sequence[Sequence[Finding]], corpus: Corpus) -> list[Finding]:
    """The windows' contradictions, the same one found in several windows made one (placed
    where it was first found), most outlets first as ``compare_story`` orders them. Two
    findings of one window are never merged: the window kept them apart."""
    out: list[_Joining] = []
    found_in: list[set[int]] = []
    by_value: dict[tuple[str, str], list[int]] = {}  # (slot, value) -> findings giving it
    for number, findings in enumerate(windows):
        for finding in findings:
            keys = [(finding.slot, g.value) for g in finding.values]
            candidates = sorted({k for key in keys for k in by_value.get(key, ())})
            same = next(
                (
                    k
                    for k in candidates
                    if number not in found_in[k]
                    and same_contradiction(out[k].first, finding, out[k].values)
                ),
                None,
            )
            if same is None:
                same = len(out)
                out.append(_Joining(finding, corpus))
                found_in.append({number})
            else:
                out[same].join(finding)
                found_in[same].add(number)
            for key in keys:
                if same not in by_value.setdefault(key, []):
                    by_value[key].append(same)
    merged = [joining.finding() for joining in out]
    return sorted(merged, key=lambda f: (-len(f.sources), -f.confidence))


def minority_values(contradictions: Sequence[Finding]) -> frozenset[str]:
    """The figures and dates, as written ("52 blessés"), of the story's contradictions that
    corroboration may not cite: all but the value most outlets give (``minority_spans``)."""
    spans = set(minority_spans(contradictions))
    values = {
        " ".join(e.text.split())
        for f in contradictions
        for e in f.evidence
        if (e.article, e.start, e.end) in spans
    }
    return frozenset(value for value in values if any(c.isdigit() for c in value))


# --- corroborated ---------------------------------------------------------------------------


def _quotes_any(card: Finding, values: frozenset[str]) -> bool:
    """Whether a card's title or quote holds one of ``values``."""
    if not values:
        return False
    pattern = _any_of(values)
    return any(pattern.search(text) for text in (card.title, card.summary))


@functools.lru_cache(maxsize=16)
def _any_of(values: frozenset[str]) -> re.Pattern[str]:
    """One pattern finding any of ``values`` as a whole (compiled once per story's values)."""
    alternatives = "|".join(map(re.escape, sorted(values, key=lambda v: (-len(v), v))))
    return re.compile(rf"(?<!\w)(?:{alternatives})(?!\w)")


def _title_key(card: Finding) -> str:
    return " ".join(card.title.split()).casefold()


def _joined_card(earlier: Finding, cards: Sequence[Finding]) -> Finding:
    """One card from a card and those of other windows found to be its claim: every card's
    evidence and outlets, the first's quote, the highest confidence."""
    prefix = f"Reported by {len(earlier.sources)} outlets ({', '.join(earlier.sources)}): "
    quote = earlier.summary.removeprefix(prefix)
    sources = tuple(dict.fromkeys(s for card in (earlier, *cards) for s in card.sources))
    return replace(
        earlier,
        evidence=tuple(_Once([e for card in (earlier, *cards) for e in card.evidence]).items),
        sources=sources,
        summary=f"Reported by {len(sources)} outlets ({', '.join(sources)}): {quote}",
        confidence=max(card.confidence for card in (earlier, *cards)),
    )


def _share(a: frozenset[Span], b: frozenset[Span]) -> float:
    """How much of the smaller of two sets of clauses (of two or more) the other holds."""
    smaller = min(len(a), len(b))
    return len(a & b) / smaller if smaller >= 2 else 0.0


def merged_corroborations(
    windows: Sequence[Sequence[Finding]], context: frozenset[str] = frozenset()
) -> list[Finding]:
    """The windows' corroborated cards, one card per claim found in several windows, most
    outlets first. Two cards of different windows are one claim when they have the same title
    (the same words stand for one claim, as within a story) or when the clauses of the
    ``context`` articles (every window holds them) that one cites, two or more, are mostly
    (``SAME_CONTEXT``) cited by the other: the same outlets' same words; two cards of one
    window are never merged (the window kept them apart)."""
    out: list[Finding] = []
    joined: list[list[Finding]] = []  # the cards of other windows each card is joined with
    found_in: list[set[int]] = []
    cited: list[frozenset[Span]] = []  # each card's clauses of context articles
    by_title: dict[str, int] = {}
    by_span: dict[Span, list[int]] = {}
    for number, cards in enumerate(windows):
        for card in cards:
            spans = frozenset(
                (e.article, e.start, e.end) for e in card.evidence if e.article in context
            )
            same = by_title.get(_title_key(card))
            if same is None or number in found_in[same]:
                candidates = sorted({k for span in spans for k in by_span.get(span, ())})
                same = next(
                    (
                        k
                        for k in candidates
                        if number not in found_in[k] and _share(cited[k], spans) >= SAME_CONTEXT
                    ),
                    None,
                )
            if same is None:
                same = len(out)
                out.append(card)
                joined.append([])
                found_in.append({number})
                cited.append(spans)
                by_title.setdefault(_title_key(card), same)
            else:
                joined[same].append(card)  # joined once all are known, not at each window
                found_in[same].add(number)
                cited[same] |= spans
            for span in spans:
                if same not in by_span.setdefault(span, []):
                    by_span[span].append(same)
    out = [
        _joined_card(card, more) if more else card for card, more in zip(out, joined, strict=True)
    ]
    return sorted(out, key=lambda f: (-len(f.sources), -f.confidence))


# --- single-source --------------------------------------------------------------------------


def _cards_with_clauses(compared: Compared) -> list[tuple[Finding, list[Statement]]]:
    """Each single-source card of a window with the clauses of its passage."""
    articles = {f.evidence[0].article for f in compared.single_source}
    by_article: dict[str, list[Statement]] = {}
    for clause in compared.clauses:
        if clause.article in articles:
            by_article.setdefault(clause.article, []).append(clause)
    out = []
    for card in compared.single_source:
        span = card.evidence[0]
        clauses = [
            c
            for c in by_article.get(span.article, ())
            if span.start <= c.start and c.end <= span.end
        ]
        out.append((card, clauses))
    return out


class StorySaid:
    """Whether another outlet of the whole story says a clause: ``said_elsewhere_test`` over
    every clause of the story, its windows added one by one. A key said by fewer than half
    the story's outlets tells what the clause says: a clause of another outlet must say each
    of them (the rarest word for word, the others or near synonyms) and deny as it does, those
    it shares with most outlets that outlet must say somewhere, and it must share
    ``SAID_ELSEWHERE_CONTEXT`` keys with the clause's sentence (its own sentence with it,
    so a word is said of the same thing). A clause all of whose keys
    most outlets say is no outlet's own. Within a window, alignment finds the same clause in
    another outlet's sentence that denies something else, or in a quote; across windows
    nothing else does, so clauses are read, not sentences, and quotes are tested too.
    Only the clauses saying the clause's rarest telling key are read, so a test costs what
    that key is said, not the story.

    The story's clauses are indexed once, after the last window, by the keys of the clauses
    to test alone (``expect``; a clause of other keys extends them): a story of thousands of
    articles has a few single-source cards to test, and the claim keys of all its clauses
    cost more than the tests. A clause says a key to test when its lemmas, entities or
    exact figures hold it, so the index and the counts of those keys are those of every
    clause's claim keys; a candidate's whole keys are read when it is tested."""

    def __init__(self) -> None:
        self.clauses: list[Statement] = []
        self.sentences: dict[Span, Statement] = {}
        self.sentence_keys: dict[Span, frozenset[str]] = {}
        self.keys: dict[int, frozenset[str]] = {}  # a tested candidate's claim keys
        self.wanted: set[str] = set()  # the keys indexed
        self.index: dict[str, list[int]] | None = None  # key -> the clauses saying it
        self.said_by_outlets: dict[str, set[str]] = {}
        self.outlet_keys: dict[str, set[str]] = {}  # each outlet's wanted keys
        self.verbatim: dict[str, set[str]] | None = None  # outlets printing each sentence

    def add(self, sentences: Sequence[Statement], clauses: Sequence[Statement]) -> None:
        """A window's own sentences and their clauses."""
        for sentence in sentences:
            self.sentences[(sentence.article, sentence.start, sentence.end)] = sentence
        self.clauses += clauses
        self.index = self.verbatim = None

    def expect(self, clauses: Sequence[Statement]) -> None:
        """The clauses to be tested: their keys indexed at once."""
        wanted = {key for clause in clauses for key in _claim_keys(clause)}
        if not wanted <= self.wanted:
            self.wanted |= wanted
            self.index = None

    def _indexed(self) -> dict[str, list[int]]:
        """Each wanted key's clauses in the order added, and who says it (one pass)."""
        if self.index is not None:
            return self.index
        words = {key for key in self.wanted if key[0] not in "@#"}  # content words
        entities = {key[1:] for key in self.wanted if key[0] == "@"}
        figures = {key for key in self.wanted if key[0] == "#"}
        index: dict[str, list[int]] = {}
        said_by: dict[str, set[str]] = {}
        outlet_keys: dict[str, set[str]] = {}
        for position, clause in enumerate(self.clauses):
            # the wanted keys among its claim keys (``_claim_keys``: a wanted word passed
            # its filter, which reads the word alone)
            keys = set(clause.lemmas & words)
            if entities and clause.entities:
                keys.update("@" + e for e in clause.entities & entities)
            if figures and clause.numbers:
                keys.update(f"#{value:g}" for _, value in _distinctive_figures(clause))
                keys -= {key for key in keys if key[0] == "#" and key not in figures}
            for key in keys:
                index.setdefault(key, []).append(position)
                said_by.setdefault(key, set()).add(clause.outlet)
            outlet_keys.setdefault(clause.outlet, set()).update(keys)
        self.index, self.said_by_outlets, self.outlet_keys = index, said_by, outlet_keys
        return index

    def _verbatim_outlets(self, text: str) -> set[str]:
        """The outlets printing a sentence word for word."""
        if self.verbatim is None:
            self.verbatim = {}
            printed: dict[str, str] = {}  # copies of a dispatch share their sentences' text
            for sentence in self.sentences.values():
                words = printed.get(sentence.text)
                if words is None:
                    words = printed[sentence.text] = _verbatim(sentence.text)
                self.verbatim.setdefault(words, set()).add(sentence.outlet)
        return self.verbatim.get(_verbatim(text), set())

    def _claim_keys_of(self, position: int) -> frozenset[str]:
        keys = self.keys.get(position)
        if keys is None:
            keys = self.keys[position] = _claim_keys(self.clauses[position])
        return keys

    def __call__(self, clause: Statement) -> bool:
        sentence = clause.sentence and self.sentences.get((clause.article, *clause.sentence))
        if sentence and self._verbatim_outlets(sentence.text) - {clause.outlet}:
            return True  # another outlet prints its sentence word for word
        own = _claim_keys(clause)
        if not own:
            return False
        self.expect([clause])
        index = self._indexed()
        common_from = max(2, math.ceil(len(self.outlet_keys) / 2))
        telling = {key for key in own if len(self.said_by_outlets.get(key, ())) < common_from}
        if not telling:
            return True
        common = own - telling
        whole = self._sentence_keys(clause) | own
        figures, denied = _figures(clause), denies(clause)
        rarest = min(telling, key=lambda key: (len(index.get(key, ())), key))
        for k in index.get(rarest, ()):
            other = self.clauses[k]
            if (
                other.outlet == clause.outlet
                or not _figures_in(clause, figures, other)
                or denies(other) != denied
            ):
                continue
            keys = self._claim_keys_of(k)
            if (
                not all(_said_by(key, keys) for key in telling)
                or not common <= self.outlet_keys[other.outlet]
            ):
                continue
            theirs = self._sentence_keys(other) | keys
            if sum(1 for key in whole if _said_by(key, theirs)) >= SAID_ELSEWHERE_CONTEXT:
                return True
        return False

    def _sentence_keys(self, clause: Statement) -> frozenset[str]:
        """The claim keys of a clause's whole sentence (read once per sentence)."""
        if clause.sentence is None:
            return frozenset()
        span = (clause.article, *clause.sentence)
        keys = self.sentence_keys.get(span)
        if keys is None:
            sentence = self.sentences.get(span)
            keys = self.sentence_keys[span] = _claim_keys(sentence) if sentence else frozenset()
        return keys


# --- coverage and brief ---------------------------------------------------------------------


def _wording(fact: Fact, printed: dict[str, str] | None = None) -> str:
    """A fact's most common wording (the first on ties): copies of one claim share it.
    ``printed``: each text's words already read (copies share their texts)."""
    printed = {} if printed is None else printed

    def words_of(text: str) -> str:
        words = printed.get(text)
        if words is None:
            words = printed[text] = " ".join(text.split())
        return words

    if len(fact.statements) == 1:  # most facts: one statement, its words
        return words_of(fact.statements[0].text)
    # each text counted first (in C: a fact of a story's copies holds a few texts, each
    # printed by many), then their words: the first text of a wording comes first
    distinct = dict.fromkeys(map(_TEXT, fact.statements))
    if len(distinct) == 1:  # copies of one sentence
        return words_of(next(iter(distinct)))
    texts: dict[str, int] = {}
    for text, count in Counter(map(_TEXT, fact.statements)).items():
        words = words_of(text)
        texts[words] = texts.get(words, 0) + count
    return max(texts, key=texts.__getitem__)


def merged_facts(
    windows: Sequence[Sequence[Fact]], shared: frozenset[str] | None = None
) -> list[Fact]:
    """The windows' facts, those of the same most common wording in several windows made one
    (in the place of the first); two facts of one window stay apart. ``shared``: the only
    articles of more than one window (the context articles), whose statements alone can be
    found again (None: any article's may)."""
    out: list[Fact] = []
    joined: list[_Once[Statement] | None] = []  # a merged fact's statements, gathered
    found_in: list[set[int]] = []
    by_wording: dict[str, int] = {}
    printed: dict[str, str] = {}
    for number, found in enumerate(windows):
        for fact in found:
            wording = _wording(fact, printed)
            k = by_wording.get(wording)
            if k is None or number in found_in[k]:
                by_wording.setdefault(wording, len(out))
                out.append(fact)
                joined.append(None)
                found_in.append({number})
            else:
                # gathered, each statement added once: a fact of every window is not copied
                # again at each
                statements = joined[k]
                if statements is None:
                    statements = joined[k] = _Once(out[k].statements, shared)
                statements.update(fact.statements)
                found_in[k].add(number)
    return [
        fact if statements is None else Fact(tuple(statements.items))
        for fact, statements in zip(out, joined, strict=True)
    ]


class _Spanned(Protocol):
    @property
    def article(self) -> str: ...
    @property
    def start(self) -> int: ...
    @property
    def end(self) -> int: ...


_S = TypeVar("_S", bound=_Spanned)


class _Once(Generic[_S]):
    """Statements or evidence in order, each once (as ``dict.fromkeys`` keeps them), told
    apart by their span first: their hash reads every field in Python, their span (a tuple's
    hash, in C) is enough to find the few equal ones (a context article's, compared and cited
    in every window)."""

    def __init__(self, items: Sequence[_S], shared: frozenset[str] | None = None) -> None:
        self.items: list[_S] = []
        self.by_span: dict[Span, list[_S]] = {}
        self.shared = shared  # the only articles whose items may come again (None: any)
        self.update(items)

    def update(self, items: Sequence[_S]) -> None:
        shared = self.shared
        for item in items:
            if shared is not None and item.article not in shared:
                self.items.append(item)  # its article's one window gives it once
                continue
            span = (item.article, item.start, item.end)
            same = self.by_span.get(span)
            if same is None:
                self.by_span[span] = [item]
            elif item in same:  # the same object, or an equal one
                continue
            else:
                same.append(item)
            self.items.append(item)

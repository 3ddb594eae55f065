"""Stories: articles about the same event grouped together, online.

Each article is reduced to plain :class:`ArticleFeatures` (content lemmas,
canonical entity ids, quote shingles, publication date, headline). A
:class:`StoryIndex` takes them one at a time: candidates come from a MinHash
LSH index (never all pairs), are scored on entity and lexical overlap, quotes
in common and publication-date proximity, and the article joins the best
scoring story or starts a new one. An article linked to members of several
stories bridges them: those stories become one, so the stories are the connected
groups of linked articles whatever the order the articles come in. A link needs
the similarity threshold and evidence of one topic (an entity or a few topic
words in common), so a shared quote fragment alone never bridges two events.
Story ids are given in creation order (a merged story keeps the earliest id), so
the same articles in the same order always give the same ids.
"""

from __future__ import annotations

import re
import sys
from collections import Counter, deque
from collections.abc import Callable, Collection, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache
from typing import TYPE_CHECKING

import numpy as np

from recoupe.corpus import Corpus
from recoupe.fr.furniture import dateline_spans, outside_datelines
from recoupe.link.outline import content_lemmas
from recoupe.model import Article, ArticleAnalysis, Story

if TYPE_CHECKING:
    from datasketch import MinHash

WORD_RE = re.compile(r"\w+")
QUOTE_SHINGLE = 3  # words per quote shingle


@dataclass(frozen=True)
class ArticleFeatures:
    """What story clustering needs of one article (plain, picklable, storable)."""

    article: str
    headline: str = ""
    titled: bool = False  # the headline is a real title, not a first sentence
    published: str | None = None  # ISO date at the precision known
    lemmas: frozenset[str] = frozenset()
    keywords: frozenset[str] = frozenset()  # the article's most frequent lemmas (its topic)
    entities: frozenset[str] = frozenset()  # canonical entity ids
    quotes: frozenset[str] = frozenset()  # shingles of normalised quote text

    def tokens(self) -> set[str]:
        """The set hashed into the LSH index: topic words and entities (prefixed apart).

        Keywords rather than every lemma: two reports of one event share their
        topic words far more than their whole vocabulary, which keeps the
        Jaccard of same-event articles well above the LSH threshold.
        """
        return {"l:" + lemma for lemma in self.keywords or self.lemmas} | {
            "e:" + entity for entity in self.entities
        }


@dataclass(frozen=True)
class _Kept:
    """An indexed article's features as :class:`StoryIndex` keeps them until linking ends:
    the same strings in tuples rather than sets. A set of n strings takes about four times
    the memory of a tuple of them (its hash table), and the index keeps every article's
    features; the article being indexed is compared as sets (see :func:`_common`)."""

    article: str
    headline: str
    titled: bool
    published: str | None
    lemmas: tuple[str, ...]
    keywords: tuple[str, ...]
    entities: tuple[str, ...]
    quotes: tuple[str, ...]

    @classmethod
    def of(cls, f: ArticleFeatures) -> _Kept:
        return cls(
            f.article,
            f.headline,
            f.titled,
            f.published,
            tuple(f.lemmas),
            tuple(f.keywords),
            tuple(f.entities),
            tuple(f.quotes),
        )

    def features(self) -> ArticleFeatures:
        return ArticleFeatures(
            article=self.article,
            headline=self.headline,
            titled=self.titled,
            published=self.published,
            lemmas=frozenset(self.lemmas),
            keywords=frozenset(self.keywords),
            entities=frozenset(self.entities),
            quotes=frozenset(self.quotes),
        )


# an article's features, as computed or as the index keeps them
Features = ArticleFeatures | _Kept


def _common(a: Collection[str], b: Collection[str]) -> int:
    """How many strings two collections of distinct strings share (sets or tuples)."""
    if isinstance(a, frozenset | set) and isinstance(b, frozenset | set):
        return len(a & b)
    if isinstance(a, frozenset | set):
        return len(a.intersection(b))
    if isinstance(b, frozenset | set):
        return len(b.intersection(a))
    return len(set(a).intersection(b))


@dataclass(frozen=True)
class StoryOptions:
    """How articles are grouped; the weights sum to 1."""

    threshold: float = 0.1  # minimum similarity to join an existing story
    # a link also needs this many topic words (keywords) in common, or one and an
    # entity: similarity from common lemmas and a quote fragment ("de la ville"), or
    # from the same people alone, would bridge unrelated events as stories merge
    linked_keywords: int = 3
    # MinHash LSH with 128 bands of 2 rows: a pair of token Jaccard 0.2 becomes a
    # candidate with probability 0.995, a pair of Jaccard 0.02 with 0.05
    num_perm: int = 256
    bands: int = 128
    keywords: int = 15
    # a token already in this share of the stories (and in at least ``common_min``
    # of them) is left out of LSH lookups: "France" or "gouvernement" would make
    # every article a candidate of every other. Stories, not articles, are counted:
    # the words of a story covered by a thousand outlets stay distinctive of it
    common_share: float = 0.01
    common_min: int = 20
    lemma_weight: float = 0.45
    entity_weight: float = 0.45
    quote_weight: float = 0.10
    # a story's members compared with a new article, at most (the latest indexed):
    # enough to find the story, and the work per article stays bounded however
    # many outlets cover it
    compared_per_story: int = 16
    # an article this similar to a member of its story adds nothing to retrieval:
    # once the story has ``indexed_per_story`` members in the LSH index, such
    # near-copies stay out of it, so lookups return bounded lists
    near_copy: float = 0.5
    indexed_per_story: int = 16
    # the central article of a larger story is the one closest to this many
    # members spread over the story, not to every member
    central_sample: int = 32
    # besides the LSH lookup, an indexed article among the latest ``postings`` to use
    # each of at least ``postings_shared`` distinctive tokens of a new article is a
    # candidate: a report on a different angle of one event (few topic words in
    # common, the same people) is then compared whatever the hashing draws, and the
    # work per article stays bounded
    postings: int = 16
    postings_shared: int = 2
    max_gap_days: int = 10  # publication dates further apart weaken the link…
    cutoff_gap_days: int = 45  # …and this far apart break it


@dataclass(frozen=True)
class StoryGroup:
    id: str
    articles: tuple[str, ...]


def _jaccard(a: Collection[str], b: Collection[str]) -> float:
    if not a or not b:
        return 0.0
    common = _common(a, b)
    return common / (len(a) + len(b) - common)


@lru_cache(maxsize=4096)
def _first_day(iso: str | None) -> date | None:
    """The first day an ISO date at any precision (2024, 2024-03, 2024-03-26) can mean."""
    if not iso:
        return None
    parts = iso.split("-")
    try:
        year = int(parts[0])
        month = int(parts[1]) if len(parts) > 1 else 1
        day = int(parts[2][:2]) if len(parts) > 2 else 1
        return date(year, month, day)
    except (ValueError, IndexError):
        return None


def _date_factor(a: str | None, b: str | None, options: StoryOptions) -> float:
    first, second = _first_day(a), _first_day(b)
    if first is None or second is None:
        return 1.0  # unknown dates neither help nor hurt
    # month-only dates are as wide as their month: compare at that precision
    slack = 0 if (a and len(a) >= 10 and b and len(b) >= 10) else 31
    gap = max(0, abs((first - second).days) - slack)
    if gap > options.cutoff_gap_days:
        return 0.0
    if gap > options.max_gap_days:
        return 0.5
    return 1.0


def related(a: Features, b: Features, options: StoryOptions | None = None) -> bool:
    """Whether two articles share evidence of one topic.

    That is a few topic words (keywords) in common, or one topic word and an entity:
    people or places in common with nothing said alike are other events of theirs.
    """
    options = options or StoryOptions()
    topic = _common(a.keywords or a.lemmas, b.keywords or b.lemmas)
    return topic >= options.linked_keywords or (topic >= 1 and _common(a.entities, b.entities) > 0)


def linked(a: Features, b: Features, options: StoryOptions | None = None) -> bool:
    """Whether two articles are put in one story: similar enough and related."""
    options = options or StoryOptions()
    return related(a, b, options) and similarity(a, b, options) >= options.threshold


def similarity(a: Features, b: Features, options: StoryOptions | None = None) -> float:
    """How likely two articles cover the same event, in [0, 1]."""
    options = options or StoryOptions()
    score = (
        options.lemma_weight * _jaccard(a.lemmas, b.lemmas)
        + options.entity_weight * _jaccard(a.entities, b.entities)
        + options.quote_weight * (1.0 if _common(a.quotes, b.quotes) else 0.0)
    )
    return score * _date_factor(a.published, b.published, options)


@dataclass
class StoryIndex:
    """Online story clustering: :meth:`add` one article, read :meth:`stories` any time."""

    options: StoryOptions = field(default_factory=StoryOptions)

    def __post_init__(self) -> None:
        # imported here: datasketch pulls in scipy, which only story clustering needs
        from datasketch import MinHash, MinHashLSH

        rows = self.options.num_perm // self.options.bands
        self._lsh = MinHashLSH(num_perm=self.options.num_perm, params=(self.options.bands, rows))
        template = MinHash(num_perm=self.options.num_perm)
        self._permutations = template.permutations
        self._scheme = template.scheme
        self._features: dict[str, Features] = {}  # kept as :class:`_Kept`
        self._order: dict[str, int] = {}  # article -> position in indexing order
        self._indexed: Counter[str] = Counter()  # story -> its members in the LSH index
        self._story_of: dict[str, str] = {}  # article -> story it joined (maybe merged since)
        self._merged_into: dict[str, str] = {}  # absorbed story -> the story it was merged into
        self._members: dict[str, list[str]] = {}  # live story -> members (unordered once merged)
        self._unsorted: set[str] = set()  # stories whose member list needs sorting
        self._created = 0  # stories created so far (absorbed ones included)
        self._frequency: Counter[str] = Counter()  # token -> stories using it
        self._story_tokens: dict[str, set[str]] = {}
        self._postings: dict[str, deque[str]] = {}  # token -> latest indexed articles using it
        self.comparisons = 0  # similarity evaluations so far (work done, for benchmarks)

    def __len__(self) -> int:
        return len(self._features)

    def _minhash(self, tokens: Iterable[str]) -> MinHash:
        from datasketch import MinHash

        minhash = MinHash(
            num_perm=self.options.num_perm, permutations=self._permutations, scheme=self._scheme
        )
        minhash.update_batch([t.encode("utf-8") for t in sorted(tokens)])
        return minhash

    def _distinctive(self, tokens: set[str]) -> set[str]:
        limit = max(self.options.common_min, self.options.common_share * len(self._members))
        kept = {t for t in tokens if self._frequency[t] < limit}
        return kept or tokens

    def candidates(self, features: ArticleFeatures) -> list[str]:
        """Articles already indexed that may share a story with ``features``.

        The LSH lookup finds those with similar topic words and entities; the postings
        add the latest articles that share several of its distinctive tokens.
        """
        tokens = features.tokens()
        if not tokens:
            return []
        distinctive = self._distinctive(tokens)
        found = set(self._lsh.query(self._minhash(distinctive)))
        shared = Counter(a for token in distinctive for a in self._postings.get(token, ()))
        found.update(a for a, n in shared.items() if n >= self.options.postings_shared)
        return sorted(found)

    def _bounded(self, candidates: list[str]) -> list[str]:
        """The candidates, at most ``compared_per_story`` of each story (its latest indexed)."""
        by_story: dict[str, list[str]] = {}
        for other in candidates:
            by_story.setdefault(self.story_of(other), []).append(other)
        limit = self.options.compared_per_story
        if all(len(members) <= limit for members in by_story.values()):
            return candidates
        kept: set[str] = set()
        for members in by_story.values():
            kept.update(sorted(members, key=self._order.__getitem__)[-limit:])
        return [c for c in candidates if c in kept]

    def add(self, features: ArticleFeatures) -> str:
        """Index one article and return the id of the story it joins or starts."""
        if features.article in self._story_of:
            return self.story_of(features.article)
        scores: dict[str, float] = {}
        for other in self._bounded(self.candidates(features)):
            self.comparisons += 1
            indexed = self._features[other]
            if not related(features, indexed, self.options):
                continue
            score = similarity(features, indexed, self.options)
            story = self.story_of(other)
            scores[story] = max(scores.get(story, 0.0), score)
        joined = sorted(
            (s for s, score in scores.items() if score >= self.options.threshold),
            key=_story_number,
        )
        if joined:
            story_id = joined[0]  # the earliest: ids stay stable as stories merge
            for other_story in joined[1:]:
                self._merge(other_story, story_id)
            scores[story_id] = max(scores[s] for s in joined)
        else:
            self._created += 1
            story_id = f"S{self._created}"
            self._members[story_id] = []
        self._members[story_id].append(features.article)
        self._story_of[features.article] = story_id
        self._features[features.article] = _Kept.of(features)
        self._order[features.article] = len(self._order)
        tokens = features.tokens()
        near_copy = (
            scores.get(story_id, 0.0) >= self.options.near_copy
            and self._indexed[story_id] >= self.options.indexed_per_story
        )
        if tokens and not near_copy:
            self._lsh.insert(features.article, self._minhash(self._distinctive(tokens)))
            self._indexed[story_id] += 1
            for token in tokens:
                posting = self._postings.setdefault(token, deque(maxlen=self.options.postings))
                posting.append(features.article)
        if tokens:
            known = self._story_tokens.setdefault(story_id, set())
            self._frequency.update(tokens - known)
            known |= tokens
        return story_id

    def _merge(self, absorbed: str, into: str) -> None:
        """Make story ``absorbed`` part of ``into`` (work: the smaller story's size)."""
        self._merged_into[absorbed] = into
        small, large = self._members.pop(absorbed), self._members[into]
        if len(small) > len(large):
            small, large = large, small
            self._members[into] = large
        large.extend(small)
        self._unsorted.add(into)
        self._unsorted.discard(absorbed)
        self._indexed[into] += self._indexed.pop(absorbed, 0)
        tokens = self._story_tokens.pop(absorbed, set())
        mine = self._story_tokens.setdefault(into, set())
        if len(tokens) > len(mine):
            tokens, mine = mine, tokens
            self._story_tokens[into] = mine
        for token in tokens:
            if token in mine:
                self._frequency[token] -= 1  # one story uses it now, not two
            else:
                mine.add(token)

    def _root(self, story_id: str) -> str:
        root = story_id
        while root in self._merged_into:
            root = self._merged_into[root]
        while story_id != root:  # path compression: later look-ups take one step
            following = self._merged_into[story_id]
            self._merged_into[story_id] = root
            story_id = following
        return root

    def add_all(self, features: Iterable[ArticleFeatures]) -> list[str]:
        """Index the articles; the story of each as it stands once all are indexed."""
        articles = []
        for f in features:
            self.add(f)
            articles.append(f.article)
        return [self.story_of(a) for a in articles]

    def story_of(self, article_id: str) -> str:
        return self._root(self._story_of[article_id])

    def merged(self) -> dict[str, str]:
        """Every story absorbed by a merge so far -> the story that now holds its articles."""
        return {story: self._root(story) for story in self._merged_into}

    def _sorted_members(self, story_id: str) -> list[str]:
        members = self._members[story_id]
        if story_id in self._unsorted:
            members.sort(key=self._order.__getitem__)  # indexing order, as if never merged
            self._unsorted.discard(story_id)
        return members

    def features(self, article_id: str) -> ArticleFeatures:
        kept = self._features[article_id]
        return kept.features() if isinstance(kept, _Kept) else kept

    def stories(self) -> tuple[StoryGroup, ...]:
        return tuple(
            StoryGroup(sid, tuple(self._sorted_members(sid)))
            for sid in sorted(self._members, key=_story_number)
        )

    def central_article(self, story_id: str) -> str:
        """The member most similar on average to the others (first on ties).

        In a story larger than ``central_sample``, "the others" are that many members
        spread evenly over the story, so the work grows linearly with its size.
        """
        members = self._sorted_members(story_id)
        if len(members) <= 2:
            return next((m for m in members if self._features[m].titled), members[0])
        feats = [self._features[m] for m in members]
        sample = feats
        if len(feats) > self.options.central_sample:
            step = len(feats) / self.options.central_sample
            sample = [feats[int(k * step)] for k in range(self.options.central_sample)]
        # the sample as sets, built once: each member is compared with all of it
        sample = [g.features() if isinstance(g, _Kept) else g for g in sample]
        expanded = {g.article: g for g in sample}
        feats = [expanded.get(f.article, f) for f in feats]
        mean = [
            float(np.mean([similarity(f, g, self.options) for g in sample if g is not f]))
            for f in feats
        ]
        return members[int(np.argmax(mean))]


def _story_number(story_id: str) -> int:
    return int(story_id[1:])


# --- from the linked corpus ---------------------------------------------------------


def _quote_shingles(text: str) -> frozenset[str]:
    words = [w.casefold() for w in WORD_RE.findall(text)]
    if len(words) < QUOTE_SHINGLE:
        return frozenset()
    # interned: the index keeps them until linking ends, and a quote's shingles recur in every
    # outlet that carries it
    return frozenset(
        sys.intern(" ".join(words[i : i + QUOTE_SHINGLE]))
        for i in range(len(words) - QUOTE_SHINGLE + 1)
    )


def headline_of(article: Article, analysis: ArticleAnalysis | None = None) -> str:
    """The article's headline, else its first sentence (at most 200 characters)."""
    if article.title:
        return article.title.strip()
    if analysis and analysis.sentences:
        # the first sentence that is no publication stamp ("publié le 03/04/2018 à 10:42")
        datelines = dateline_spans(article.text)
        spans = (
            outside_datelines(article.text, s.start, s.end, datelines) for s in analysis.sentences
        )
        start, end = next(((a, b) for a, b in spans if a < b), (0, 0))
        text = article.text[start:end].strip()
    else:
        text = article.text.strip().split("\n", 1)[0]
    return text if len(text) <= 200 else text[:199].rsplit(" ", 1)[0] + "…"


def features_of(
    article: Article,
    analysis: ArticleAnalysis,
    key_map: Mapping[tuple[str, str], str],
    options: StoryOptions | None = None,
    counts: Counter[str] | None = None,
) -> ArticleFeatures:
    """Reduce one analysed article to its clustering features (``counts``: its content lemmas'
    counts when its sentences are spilled, :meth:`Corpus.content_lemmas`)."""
    counts = content_lemmas(analysis) if counts is None else counts
    lemmas = frozenset(counts)
    top = (options or StoryOptions()).keywords
    keywords = frozenset(lemma for lemma, _ in counts.most_common(top))
    entities = frozenset(
        key_map.get((article.id, e.key), f"{article.id}:{e.key}")
        for e in analysis.entities
        if e.type != "other"
    )
    shingles: set[str] = set()
    for quote in analysis.quotes:
        if quote.kind == "direct":
            shingles |= _quote_shingles(quote.text)
    return ArticleFeatures(
        article=article.id,
        headline=headline_of(article, analysis),
        titled=bool(article.title),
        published=article.published,
        lemmas=lemmas,
        keywords=keywords,
        entities=entities,
        quotes=frozenset(shingles),
    )


def corpus_features(corpus: Corpus, options: StoryOptions | None = None) -> list[ArticleFeatures]:
    return list(iter_features(corpus, options))


def iter_features(corpus: Corpus, options: StoryOptions | None = None) -> Iterator[ArticleFeatures]:
    """Each article's features as it is indexed (never all at once: the index keeps less)."""
    for a in corpus.articles:
        counts = corpus.content_lemmas(a.id)
        yield features_of(a, corpus.analysis(a.id), corpus.key_map, options, counts)


def _published_range(articles: Sequence[Article]) -> tuple[str | None, str | None]:
    dates = sorted(a.published for a in articles if a.published)
    return (dates[0], dates[-1]) if dates else (None, None)


def cluster_stories(
    corpus: Corpus, options: StoryOptions | None = None, index: StoryIndex | None = None
) -> tuple[Story, ...]:
    """Group the corpus's articles into stories (online, in article order).

    ``index``, when given, is the (empty) index to fill: the store keeps it, so the
    next upload only adds its own articles to it (:mod:`recoupe.store.incremental`).
    """
    options = index.options if index is not None else options or StoryOptions()
    index = index if index is not None else StoryIndex(options)
    index.add_all(iter_features(corpus, options))
    return tuple(story_of_group(index, group, corpus.article) for group in index.stories())


def story_of_group(
    index: StoryIndex, group: StoryGroup, article: Callable[[str], Article]
) -> Story:
    """The Story of one group of the index: its central headline and publication range."""
    earliest, latest = _published_range([article(a) for a in group.articles])
    return Story(
        id=group.id,
        title=index.features(index.central_article(group.id)).headline,
        articles=group.articles,
        published_earliest=earliest,
        published_latest=latest,
    )

"""The one typed data model of recoupe: frozen dataclasses, nothing else.

Every extracted item carries its article id and character offsets: Python
``str`` indices into ``Article.text`` such that ``text[start:end]`` is exactly
the item's ``text``. Everything here is plain, picklable and JSON-serialisable
with :func:`to_dict` / :func:`from_dict`.
"""

from __future__ import annotations

import dataclasses
import functools
import operator
import sys
import types
import typing
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, Literal, TypeVar, Union

SCHEMA_ID = "recoupe/report/v1"

# The longest article text analysed (spaCy's own nlp.max_length): longer ones
# are rejected as "article too long", whatever --max-bytes lets through.
MAX_ARTICLE_CHARS = 1_000_000


def too_long_reason(length: int) -> str:
    """The rejection reason of an article text above :data:`MAX_ARTICLE_CHARS`."""
    return f"article too long ({length:,} characters; the limit is {MAX_ARTICLE_CHARS:,})".replace(
        ",", " "
    )


EntityType = Literal["person", "organization", "place", "other"]
QuoteKind = Literal["direct", "partial", "indirect"]
FindingKind = Literal["corroborated", "single_source", "contradiction"]
TimeType = Literal["date", "time", "duration", "set"]
Tense = Literal["past", "present", "future"]
# What a time's value counts from: the expression itself ("12 mars 2024"), the
# publication date, the last day named before it ("la veille"), the publication
# span of its story (an undated article), or nothing yet ("undated": a relative
# expression in an article without a date).
TimeAnchor = Literal["text", "publication", "previous_day", "story", "undated"]


@dataclass(frozen=True, slots=True)
class Article:
    """One article as analysed: ``text`` holds headline (first line) and body."""

    id: str
    text: str
    title: str | None = None
    published: str | None = None  # ISO date at the precision known: 2024, 2024-03, 2024-03-26
    source: str | None = None
    url: str | None = None
    language: str = "fr"
    path: str | None = None
    author: str | None = None
    source_evidence: str | None = None  # "metadata", "signature" or "byline" when source is set


@dataclass(frozen=True, slots=True)
class Rejected:
    """An input that could not be analysed, with the reason a person can act on."""

    path: str
    reason: str


@dataclass(frozen=True, slots=True)
class Duplicate:
    """An input whose normalised text equals an article already taken."""

    path: str
    duplicate_of: str  # article id


@dataclass(frozen=True, slots=True)
class Mention:
    article: str
    start: int
    end: int
    text: str


@dataclass(frozen=True, slots=True)
class RoleParts:
    """A role normalised into comparable parts (lower-case, accent-folded keys)."""

    function: str | None = None  # ministre, secrétaire, porte-parole, chef, président…
    portfolio: str | None = None  # defense, foreign_affairs, …
    organization: str | None = None
    country: str | None = None
    rank: str | None = None  # military or honorific rank (contre-amiral)


@dataclass(frozen=True, slots=True)
class Role:
    title: str  # the title as written, e.g. "ministre israélien de la Défense"
    article: str
    start: int
    end: int
    text: str
    parts: RoleParts = field(default_factory=RoleParts)
    key: str = ""  # canonical comparable key built from parts


@dataclass(frozen=True, slots=True)
class Entity:
    id: str
    type: EntityType
    name: str
    variants: tuple[str, ...] = ()
    mentions: tuple[Mention, ...] = ()
    roles: tuple[Role, ...] = ()
    country: str | None = None
    gender: str | None = None


@dataclass(frozen=True, slots=True)
class Quote:
    article: str
    start: int
    end: int
    text: str
    kind: QuoteKind
    speaker: str | None = None  # entity id
    speaker_text: str | None = None
    cue: str | None = None  # the reporting words as written: "a-t-il ajouté", "selon"
    speaker_start: int | None = None
    speaker_end: int | None = None
    speaker_type: EntityType | None = None
    cue_lemma: str | None = None  # lemma of the cue's reporting verb ("ajouter"), or "selon"
    cue_loaded: bool | None = None  # the verb colours the statement (prétendre, marteler…)


@dataclass(frozen=True, slots=True)
class TimeRef:
    article: str
    start: int
    end: int
    text: str
    type: TimeType = "date"
    value: str | None = None  # ISO at the precision known, null when unknown
    earliest: str | None = None
    latest: str | None = None
    explanation: str | None = None
    tense: Tense | None = None  # tense of the verb governing the expression
    kind: str | None = None  # the pattern that recognised it: dm, weekday, deictic, duration…
    anchor: TimeAnchor | None = None  # None when it is not a point in time (a duration, a set)
    parts: tuple[tuple[str, str], ...] = ()  # recognised parts: (wd, mardi), (rel, dernier)…


@dataclass(frozen=True, slots=True)
class Evidence:
    article: str
    start: int
    end: int
    text: str
    value: str | None = None


@dataclass(frozen=True, slots=True)
class ValueGroup:
    """One side of a contradiction: a value and the outlets that give it."""

    value: str
    sources: tuple[str, ...] = ()
    later: bool = (
        False  # every article giving it was published after those giving the others: an update
    )


@dataclass(frozen=True, slots=True)
class Finding:
    kind: FindingKind
    subject: str
    slot: str
    summary: str
    evidence: tuple[Evidence, ...] = ()
    sources: tuple[str, ...] = ()  # outlets involved
    title: str = ""  # a readable phrase from the text that names the claim
    confidence: float = 0.0  # how surely the finding holds, 0 to 1 (see README, Findings)
    values: tuple[ValueGroup, ...] = ()  # contradictions: the values grouped, most outlets first


@dataclass(frozen=True, slots=True)
class TimelineEvent:
    article: str
    start: int
    end: int
    text: str
    earliest: str | None
    latest: str | None
    value: str | None = None
    predicate: str | None = None
    entities: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Story:
    id: str
    title: str
    articles: tuple[str, ...]
    findings: tuple[Finding, ...] = ()
    timeline: tuple[TimelineEvent, ...] = ()
    brief: tuple[dict[str, Any], ...] = ()
    coverage: tuple[dict[str, Any], ...] = ()
    published_earliest: str | None = None
    published_latest: str | None = None


# --- per-article analysis: what nlp/ writes and link/ reads --------------------


@dataclass(frozen=True, slots=True)
class LocalEntity:
    """An entity as resolved inside one article (in-article coreference done)."""

    key: str  # unique inside the article, e.g. "e3"
    type: EntityType
    name: str
    mentions: tuple[Mention, ...]
    roles: tuple[Role, ...] = ()
    country: str | None = None
    gender: str | None = None


# Every int object from 0 to 32,767, made once: offsets into an article repeat across the
# sentences of a corpus, and a tuple of them otherwise holds one 32-byte int per item.
_SHARED_OFFSETS = tuple(range(1 << 15))


def shared_offset(at: int) -> int:
    """The one int object of this offset (below 32,768; else itself)."""
    return _SHARED_OFFSETS[at] if 0 <= at < len(_SHARED_OFFSETS) else at


def _shared_offsets(offsets: tuple[int, ...]) -> tuple[int, ...]:
    items = list(map(shared_offset, offsets))
    if all(map(operator.is_, items, offsets)):
        return offsets  # shared already (a copy of a sentence): keep its tuple
    return tuple(items)


@dataclass(frozen=True, slots=True)
class Sentence:
    """A sentence reduced to what cross-article comparison needs."""

    start: int
    end: int
    lemmas: tuple[str, ...] = ()  # content lemmas, lower-case
    predicate: str | None = None  # main verb lemma
    negated: bool = False
    entity_keys: tuple[str, ...] = ()  # LocalEntity keys mentioned
    # parallel to ``lemmas`` (empty without a dependency parse): where each content word
    # starts, and where the head of its clause (the predicate whose frame it fills) starts
    lemma_starts: tuple[int, ...] = ()
    frame_starts: tuple[int, ...] = ()

    def __post_init__(self) -> None:
        # One string per distinct lemma, shared by every sentence of every article: a large
        # corpus holds its analyses while it is linked, and a lemma recurs in most of them.
        # Offsets likewise: one int object per value below _SHARED_OFFSETS, not one per word.
        object.__setattr__(self, "lemmas", tuple(map(sys.intern, self.lemmas)))
        object.__setattr__(self, "entity_keys", tuple(map(sys.intern, self.entity_keys)))
        if self.predicate is not None:
            object.__setattr__(self, "predicate", sys.intern(self.predicate))
        object.__setattr__(self, "lemma_starts", _shared_offsets(self.lemma_starts))
        object.__setattr__(self, "frame_starts", _shared_offsets(self.frame_starts))

    def __setstate__(self, state: list[Any]) -> None:
        # unpickled (from a worker process): shared again, as if built here (``state``: the
        # fields' values in order, as the slotted dataclass's ``__getstate__`` gives them)
        for name, value in zip(_SENTENCE_FIELDS, state, strict=True):
            object.__setattr__(self, name, value)
        self.__post_init__()


_SENTENCE_FIELDS = tuple(f.name for f in dataclasses.fields(Sentence))
_SENTENCE_SETTERS = tuple(getattr(Sentence, name).__set__ for name in _SENTENCE_FIELDS)
_NEW = object.__new__


def read_back_sentence(
    start: int,
    end: int,
    lemmas: tuple[str, ...],
    predicate: str | None,
    negated: bool,
    entity_keys: tuple[str, ...],
    lemma_starts: tuple[int, ...],
    frame_starts: tuple[int, ...],
) -> Sentence:
    """A sentence from its fields' values as they are (a spill's, whose words are the
    strings held already, see ``corpus.SentenceSpill``): not shared again as
    ``__post_init__`` does, and set without the frozen class's checks."""
    sentence = _NEW(Sentence)
    put = _SENTENCE_SETTERS
    put[0](sentence, start)
    put[1](sentence, end)
    put[2](sentence, lemmas)
    put[3](sentence, predicate)
    put[4](sentence, negated)
    put[5](sentence, entity_keys)
    put[6](sentence, lemma_starts)
    put[7](sentence, frame_starts)
    return sentence


_MENTION_SETTERS = tuple(getattr(Mention, f.name).__set__ for f in dataclasses.fields(Mention))
_LOCAL_SETTERS = tuple(
    getattr(LocalEntity, f.name).__set__ for f in dataclasses.fields(LocalEntity)
)


def read_back_mention(article: str, start: int, end: int, text: str) -> Mention:
    """A mention from its fields' values, as :func:`read_back_sentence` builds a sentence."""
    mention = _NEW(Mention)
    put = _MENTION_SETTERS
    put[0](mention, article)
    put[1](mention, start)
    put[2](mention, end)
    put[3](mention, text)
    return mention


def read_back_local_entity(
    key: str,
    type: EntityType,
    name: str,
    mentions: tuple[Mention, ...],
    country: str | None,
    gender: str | None,
) -> LocalEntity:
    """A local entity from its fields' values but its roles (none), as
    :func:`read_back_sentence` builds a sentence."""
    entity = _NEW(LocalEntity)
    put = _LOCAL_SETTERS
    put[0](entity, key)
    put[1](entity, type)
    put[2](entity, name)
    put[3](entity, mentions)
    put[4](entity, ())
    put[5](entity, country)
    put[6](entity, gender)
    return entity


@dataclass(frozen=True, slots=True)
class ArticleAnalysis:
    """Everything the per-article NLP found; quotes name speakers by LocalEntity key."""

    article: str
    entities: tuple[LocalEntity, ...] = ()
    quotes: tuple[Quote, ...] = ()
    times: tuple[TimeRef, ...] = ()
    sentences: tuple[Sentence, ...] = ()


@dataclass(frozen=True, slots=True)
class Report:
    articles: tuple[Article, ...] = ()
    rejected: tuple[Rejected, ...] = ()
    duplicates: tuple[Duplicate, ...] = ()
    entities: tuple[Entity, ...] = ()
    quotes: tuple[Quote, ...] = ()
    times: tuple[TimeRef, ...] = ()
    stories: tuple[Story, ...] = ()
    schema: str = SCHEMA_ID

    def article(self, article_id: str) -> Article:
        for article in self.articles:
            if article.id == article_id:
                return article
        raise KeyError(article_id)

    def entity(self, entity_id: str) -> Entity:
        for entity in self.entities:
            if entity.id == entity_id:
                return entity
        raise KeyError(entity_id)


# --- JSON round trip ------------------------------------------------------------

T = TypeVar("T")


def to_dict(obj: Any) -> Any:
    """Plain JSON-ready structure (dicts, lists, str, numbers, None)."""
    if dataclasses.is_dataclass(obj) and not isinstance(obj, type):
        out = {f.name: to_dict(getattr(obj, f.name)) for f in dataclasses.fields(obj)}
        if isinstance(obj, Report):
            out = {"schema": out.pop("schema"), **out}
        return out
    if isinstance(obj, (list, tuple)):
        return [to_dict(item) for item in obj]
    if isinstance(obj, dict):
        return {str(k): to_dict(v) for k, v in obj.items()}
    return obj


def from_dict(cls: type[T], data: Any) -> T:
    """Rebuild a dataclass (recursively) from :func:`to_dict` output."""
    return typing.cast(T, _builder(typing.cast(Any, cls))(data))


def _keep(data: Any) -> Any:
    return data


@functools.cache
def _builder(tp: Any) -> Callable[[Any], Any]:
    """A function turning :func:`to_dict` output back into ``tp``, made once per type.

    Type hints are resolved once per class here, not once per object: loading a
    large report builds millions of objects of a dozen classes.
    """
    origin = typing.get_origin(tp)
    if origin in (Union, types.UnionType):
        options = [a for a in typing.get_args(tp) if a is not type(None)]
        inner = _builder(options[0]) if len(options) == 1 else _keep
        return lambda data: None if data is None else inner(data)
    if origin is tuple:
        args = typing.get_args(tp)
        item = _builder(args[0]) if args else _keep
        if item is _keep:
            return lambda data: None if data is None else tuple(data)
        return lambda data: None if data is None else tuple(item(x) for x in data)
    if dataclasses.is_dataclass(tp) and isinstance(tp, type):
        hints = typing.get_type_hints(tp)
        fields = [(f.name, _builder(hints[f.name])) for f in dataclasses.fields(tp)]
        cls = tp

        def build(data: Any) -> Any:
            if data is None:
                return None
            return cls(
                **{name: build_field(data[name]) for name, build_field in fields if name in data}
            )

        return build
    return _keep

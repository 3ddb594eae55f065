"""The linked corpus: what link/ writes and compare/ reads (plain data)."""

from __future__ import annotations

import io
import operator
import os
import pickle
import sys
import tempfile
from array import array
from collections import Counter
from collections.abc import ItemsView, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field, fields, is_dataclass, replace
from itertools import accumulate, pairwise, repeat
from typing import Any, ClassVar, TypeVar

from recoupe.model import (
    Article,
    ArticleAnalysis,
    Entity,
    LocalEntity,
    Quote,
    Sentence,
    Story,
    TimelineEvent,
    TimeRef,
    read_back_local_entity,
    read_back_mention,
    read_back_sentence,
    shared_offset,
)


class _ByFields(pickle.Pickler):
    """Pickles the model's dataclasses by their fields' values, rebuilt through their
    constructor, never through their ``__dict__``: reading an instance's ``__dict__`` (as the
    default pickling does) makes Python build a dict object for it, which then stays with the
    instance, so the entities and quotes the corpus keeps after spilling would grow by it."""

    _FIELDS: ClassVar[dict[type, tuple[str, ...]]] = {}

    def reducer_override(self, obj: Any) -> Any:
        cls = type(obj)
        names = self._FIELDS.get(cls)
        if names is None:
            if not (is_dataclass(cls) and cls.__module__ == "recoupe.model"):
                return NotImplemented
            names = self._FIELDS[cls] = tuple(f.name for f in fields(cls))
        return cls, tuple(getattr(obj, name) for name in names)


def dumps(value: object) -> bytes:
    """``value`` pickled with the model's objects by their fields (:class:`_ByFields`): read
    back with ``pickle.loads``, each is built through its constructor, as if made here (on
    the analyses of the seed corpus, 27 KB per article instead of 33)."""
    out = io.BytesIO()
    _ByFields(out, protocol=pickle.HIGHEST_PROTOCOL).dump(value)
    return out.getvalue()


# An article's sentences, or its local entities, as the spill keeps them: columns of numbers,
# each word (lemma, predicate, entity key or type) as its number in the spill's :class:`_Words`
Columns = Sequence[Sequence[int]]
_SENTENCE_COLUMNS = 12  # :meth:`_Words.pack`
_ENTITY_COLUMNS = 9  # :meth:`_Words.pack_entities`


class _Words:
    """The words of the sentences put in a spill, each numbered once. Read back, a sentence's
    words are looked up by number: the strings held already, not new ones to be interned
    again (as ``Sentence.__post_init__`` does), which took most of the time of reading a
    large story back."""

    def __init__(self) -> None:
        self.number: dict[str | None, int] = {None: 0}
        self.words: list[str | None] = [None]  # number 0: no word (a sentence's predicate)

    def numbers(self, words: Iterable[str | None]) -> list[int]:
        number, out = self.number, []
        for word in words:
            k = number.get(word)
            if k is None:
                k = number[word] = len(self.words)
                self.words.append(sys.intern(word) if word is not None else None)
            out.append(k)
        return out

    def pack(self, sentences: Sequence[Sentence]) -> list[array[int]]:
        """The sentences as columns: starts, ends, negated, predicates, then each
        variable-length field's lengths and values, all sentences' end to end."""
        columns: list[array[int]] = [array("q") for _ in range(_SENTENCE_COLUMNS)]
        starts, ends, negated, predicates = columns[:4]
        for sentence in sentences:
            starts.append(sentence.start)
            ends.append(sentence.end)
            negated.append(sentence.negated)
            predicates.extend(self.numbers((sentence.predicate,)))
            for k, values in enumerate(
                (
                    self.numbers(sentence.lemmas),
                    self.numbers(sentence.entity_keys),
                    sentence.lemma_starts,
                    sentence.frame_starts,
                )
            ):
                columns[4 + 2 * k].append(len(values))
                columns[5 + 2 * k].extend(values)
        return columns

    def unpack(self, packed: Columns) -> tuple[Sentence, ...]:
        """The sentences :meth:`pack` was given, equal field for field (a loop in C but for
        the building of each sentence)."""
        word = self.words.__getitem__
        cut: list[Iterator[tuple[Any, ...]]] = []
        for k in range(4):
            lengths, values = packed[4 + 2 * k], packed[5 + 2 * k]
            items = list(map(word, values)) if k < 2 else values
            bounds = list(accumulate(lengths, initial=0))
            cuts = map(items.__getitem__, map(slice, bounds, bounds[1:]))
            cut.append(map(tuple, cuts))
        lemmas, keys, lemma_starts, frame_starts = cut
        starts, ends, negated, predicates = packed[:4]
        return tuple(
            map(
                read_back_sentence,
                starts,
                ends,
                lemmas,
                map(word, predicates),
                map(bool, negated),
                keys,
                lemma_starts,
                frame_starts,
            )
        )

    def unpack_many(self, packs: Sequence[Columns]) -> list[tuple[Sentence, ...]]:
        """:meth:`unpack` of each article's sentences, all articles' columns read as one: the
        fixed cost of reading columns back paid once for all the articles read together (a
        window of a story), not per article."""
        if len(packs) == 1:
            return [self.unpack(packs[0])]
        columns: list[list[int]] = [[] for _ in range(_SENTENCE_COLUMNS)]
        for packed in packs:
            for column, part in zip(columns, packed, strict=True):
                column += part
        every = self.unpack(columns)
        bounds = list(accumulate((len(packed[0]) for packed in packs), initial=0))
        return [every[start:end] for start, end in pairwise(bounds)]

    def pack_entities(self, entities: Sequence[LocalEntity]) -> tuple[list[array[int]], str]:
        """An article's local entities (what the comparison reads of them) as columns: keys,
        types, countries, genders (words of few values, numbered), each one's count of
        mentions and its name's length, the mentions' starts, ends and texts' lengths; and
        the names then the mentions' texts end to end (strings: a corpus's names are too many
        to be held numbered)."""
        mentions = [m for entity in entities for m in entity.mentions]
        columns = [
            array("q", self.numbers(getattr(e, name) for e in entities))
            for name in ("key", "type", "country", "gender")
        ]
        columns += (
            array("q", [len(entity.mentions) for entity in entities]),
            array("q", [len(entity.name) for entity in entities]),
            array("q", [m.start for m in mentions]),
            array("q", [m.end for m in mentions]),
            array("q", [len(m.text) for m in mentions]),
        )
        return columns, "".join([*(e.name for e in entities), *(m.text for m in mentions)])

    def unpack_entities(
        self, article_id: str, packed: Columns, text: str
    ) -> tuple[LocalEntity, ...]:
        """The local entities :meth:`pack_entities` was given, without their roles (the
        corpus's entities hold them, with their articles): equal otherwise, field for field."""
        keys, types, countries, genders, counts, name_lengths, starts, ends, lengths = packed
        word = self.words.__getitem__
        cuts = list(accumulate((*name_lengths, *lengths), initial=0))
        strings = list(map(text.__getitem__, map(slice, cuts, cuts[1:])))
        names, texts = strings[: len(name_lengths)], strings[len(name_lengths) :]
        mentions = list(map(read_back_mention, repeat(article_id), starts, ends, texts))
        bounds = list(accumulate(counts, initial=0))
        return tuple(
            map(
                read_back_local_entity,
                map(word, keys),
                map(word, types),
                names,
                map(tuple, map(mentions.__getitem__, map(slice, bounds, bounds[1:]))),
                map(word, countries),
                map(word, genders),
            )
        )


def _record(columns: Sequence[array[int]], text: str) -> bytes:
    """Columns and a text as one record of the spill: the columns' lengths, their numbers,
    then the text (UTF-8), so that it is read back by a few calls in C (:func:`_read_record`),
    not unpickled object by object."""
    lengths = array("q", map(len, columns))
    numbers = b"".join(column.tobytes() for column in columns)
    return lengths.tobytes() + numbers + text.encode("utf-8", "surrogatepass")


def _read_record(data: bytes, count: int) -> tuple[list[list[int]], str]:
    """The ``count`` columns and the text of a :func:`_record`."""
    view, size = memoryview(data), array("q").itemsize
    lengths = array("q")
    lengths.frombytes(view[: size * count])
    end = size * (count + sum(lengths))
    numbers = array("q")
    numbers.frombytes(view[size * count : end])
    every = numbers.tolist()
    bounds = list(accumulate(lengths, initial=0))
    return [every[a:b] for a, b in pairwise(bounds)], str(view[end:], "utf-8", "surrogatepass")


_OFFSETS = ("start", "end", "speaker_start", "speaker_end")
_T = TypeVar("_T")


def _with_shared(value: _T, values: dict[Any, Any], names: tuple[str, ...] = ()) -> _T:
    """``value`` (a frozen model object) with its offsets' int objects the shared ones
    (:func:`recoupe.model.shared_offset`) and its fields ``names`` replaced by the equal value
    first seen (``values``: the values seen, by value); itself when nothing changes."""
    changes: dict[str, Any] = {}
    for name in _OFFSETS:
        at = getattr(value, name, None)
        if at is not None and (shared := shared_offset(at)) is not at:
            changes[name] = shared
    for name in names:
        field_value = getattr(value, name)
        if field_value is not None:
            seen = values.setdefault(field_value, field_value)
            if seen is not field_value:
                changes[name] = seen
    return replace(value, **changes) if changes else value  # type: ignore[type-var]


def _compact(analysis: ArticleAnalysis, values: dict[Any, Any]) -> ArticleAnalysis:
    """The analysis with what a linked corpus holds of it until the end (its times, its
    entities' mentions and roles, its quotes) made of shared parts where values repeat across
    articles: offsets' ints (one 32-byte object per offset above 256 otherwise), the times'
    recognised parts and values, the roles' parts and keys. Equal values: same report."""

    def entity(local: LocalEntity) -> LocalEntity:
        mentions = tuple(_with_shared(m, values) for m in local.mentions)
        roles = tuple(_with_shared(r, values, ("parts", "key")) for r in local.roles)
        if all(map(operator.is_, mentions, local.mentions)) and all(
            map(operator.is_, roles, local.roles)
        ):
            return local
        return replace(local, mentions=mentions, roles=roles)

    return replace(
        analysis,
        entities=tuple(entity(e) for e in analysis.entities),
        quotes=tuple(_with_shared(q, values) for q in analysis.quotes),
        times=tuple(
            _with_shared(t, values, ("parts", "value", "earliest", "latest"))
            for t in analysis.times
        ),
    )


class SentenceSpill:
    """The sentences and local entities of a corpus's analyses in a temporary file, read back
    by the articles of a story or of one window of it.

    Sentences are most of an analysis (lemmas, offsets) and only the comparison of a story
    reads them whole. Of the rest, the comparison reads the local entities' names and
    mentions; an analysis's quotes are a second copy of the corpus's own (which name speakers
    by global entity id) and its entities' roles are the corpus's entities' (with their
    articles), so neither is written here. A large corpus puts each analysis here as the NLP
    produces it
    (:meth:`put`), is linked from what linking reads of it (the outline of its sentences and
    the counts of its content lemmas, see :mod:`recoupe.link.outline`), and is compared story
    by story with the rest read back (:meth:`Corpus.spill`, :meth:`Corpus.restricted`). The
    file is unnamed and goes away with this object.
    """

    def __init__(self, analyses: Iterable[ArticleAnalysis] = ()) -> None:
        # open while the stories are compared, closed (and gone) with this object
        self._file = tempfile.TemporaryFile()  # noqa: SIM115
        self._at: dict[str, tuple[int, int]] = {}
        self._end = 0
        # each article's content lemmas and their counts, until it is linked
        self._lemmas: dict[str, tuple[tuple[str, ...], array[int]]] = {}
        self._counted = False  # counts were given: an article without them was read already
        # each article's local entities and quotes, until its stories are clustered
        self._linking: dict[str, tuple[tuple[LocalEntity, ...], tuple[Quote, ...]]] = {}
        # the values of the held times' and roles' parts seen so far (:func:`_compact`),
        # until linked
        self._values: dict[Any, Any] = {}
        # each story's timeline, put aside when it is built until the story is compared
        self._timelines: dict[str, tuple[int, int]] = {}
        self._words = _Words()  # the words of the sentences written here
        for analysis in analyses:
            self._write(analysis)

    def _write(self, analysis: ArticleAnalysis) -> None:
        words = self._words
        entities, text = words.pack_entities(analysis.entities)
        record = _record([*words.pack(analysis.sentences), *entities], text)
        self._at[analysis.article] = self._append(record)

    def _append(self, data: bytes) -> tuple[int, int]:
        self._file.write(data)
        at = (self._end, len(data))
        self._end += len(data)
        return at

    def put_timeline(self, story_id: str, timeline: tuple[TimelineEvent, ...]) -> None:
        """Keep story ``story_id``'s timeline here until :meth:`timeline` (at 20,000
        articles, the stories' timelines held from linking to the end of the comparison were
        tens of MiB, and the report reads each once, when its story is written)."""
        self._timelines[story_id] = self._append(dumps(timeline))

    def timeline(self, story_id: str) -> tuple[TimelineEvent, ...] | None:
        """The timeline put here for this story (None: none was)."""
        at = self._timelines.get(story_id)
        if at is None:
            return None
        self._file.flush()
        offset, size = at
        timeline: tuple[TimelineEvent, ...] = pickle.loads(
            os.pread(self._file.fileno(), size, offset)
        )
        return timeline

    def put(
        self,
        analysis: ArticleAnalysis,
        outline: tuple[Sentence, ...],
        lemmas: Counter[str] | None = None,
    ) -> ArticleAnalysis:
        """Write what the comparison reads of the analysis here (its sentences, its entities'
        names and mentions: :meth:`restore_all`); what is left to hold: the
        analysis with ``outline`` for sentences (what linking reads of them) and without its
        entities and quotes, which this spill holds until the stories are clustered
        (:meth:`whole`, :meth:`clustered`): so that they can be let go of then, whoever holds
        the analysis. ``lemmas``: its content lemmas' counts, kept for the story index
        (:meth:`content_lemmas`)."""
        self._write(analysis)
        analysis = _compact(analysis, self._values)
        if lemmas is not None:
            self._lemmas[analysis.article] = (tuple(lemmas), array("I", lemmas.values()))
            self._counted = True
        self._linking[analysis.article] = (analysis.entities, analysis.quotes)
        return replace(analysis, sentences=outline, entities=(), quotes=())

    def whole(self, analysis: ArticleAnalysis) -> ArticleAnalysis:
        """The analysis given back by :meth:`put` with its entities and quotes, what entity
        resolution and story clustering read of it (itself once clustered)."""
        kept = self._linking.get(analysis.article)
        if kept is None:
            return analysis
        entities, quotes = kept
        return replace(analysis, entities=entities, quotes=quotes)

    def clustered(self) -> None:
        """The stories are clustered: the entities and quotes kept for linking are let go of
        (the corpus has its own, the comparison reads them back with :meth:`restore`)."""
        self._linking.clear()

    def content_lemmas(self, article_id: str) -> Counter[str] | None:
        """The counts given to :meth:`put`, in the same order (None: none were given), read
        once: the story index keeps its own copy of what it reads of them."""
        taken = self._lemmas.pop(article_id, None)
        if taken is None:
            if self._counted:
                raise LookupError(f"the lemma counts of {article_id} were read already")
            return None
        lemmas, counts = taken
        return Counter(dict(zip(lemmas, counts, strict=True)))

    def linked(self) -> None:
        """Linking is done: the lemma counts are no longer read."""
        self._lemmas.clear()
        self._values.clear()
        self._counted = False
        self.clustered()

    def _read(
        self, article_ids: Sequence[str]
    ) -> list[tuple[tuple[Sentence, ...], tuple[LocalEntity, ...]]]:
        """Each article's sentences and local entities, as :meth:`restore` gives them back."""
        self._file.flush()
        fd, at, split = self._file.fileno(), self._at, _SENTENCE_COLUMNS
        records = [
            _read_record(os.pread(fd, at[a][1], at[a][0]), split + _ENTITY_COLUMNS)
            for a in article_ids
        ]
        words = self._words
        sentences = words.unpack_many([columns[:split] for columns, _ in records])
        return [
            (found, words.unpack_entities(a, columns[split:], text))
            for a, found, (columns, text) in zip(article_ids, sentences, records, strict=True)
        ]

    def sentences(self, article_id: str) -> tuple[Sentence, ...]:
        return self._read([article_id])[0][0]

    def restore(self, analysis: ArticleAnalysis) -> ArticleAnalysis:
        """The analysis as the comparison reads it (:meth:`restore_all`)."""
        return self.restore_all([analysis])[0]

    def restore_all(self, analyses: Sequence[ArticleAnalysis]) -> list[ArticleAnalysis]:
        """The analyses as the comparison reads them: their sentences back, and their local
        entities with their names and mentions but not their roles (their quotes, which name
        speakers by local key, and their entities' roles are kept by the corpus, with global
        ids: the comparison reads those). Read together: articles read back one by one (a
        window's) each paid the fixed cost of reading columns back. An analysis not put here
        is given as it is."""
        ids = [a.article for a in analyses if a.article in self._at]
        read = dict(zip(ids, self._read(ids), strict=True))
        out = []
        for analysis in analyses:
            back = read.get(analysis.article)
            if back is not None:
                sentences, entities = back
                analysis = replace(analysis, sentences=sentences, quotes=(), entities=entities)
            out.append(analysis)
        return out


class ArticleKeyMap(Mapping[tuple[str, str], str]):
    """``(article id, local entity key) -> entity id``, the link from each article's own
    entities to the corpus's, held per article: a tuple of its local keys and the parallel
    tuple of their entity ids, in the order given (the order of a dict read article by
    article). As a dict of ``(article, key)`` pairs it took a tuple and a dict slot per local
    entity (about 23 MiB at 20,000 articles, held from linking to the end of the comparison);
    so it takes about a quarter. A read-only mapping like that dict; its local keys and
    entity ids are interned (every article has its own "e1", "e2"...)."""

    __slots__ = ("_articles", "_size")

    def __init__(self, pairs: Mapping[tuple[str, str], str] | None = None) -> None:
        grouped: dict[str, tuple[list[str], list[str]]] = {}
        for (article, key), entity_id in (pairs or {}).items():
            keys, ids = grouped.setdefault(article, ([], []))
            keys.append(sys.intern(key))
            ids.append(sys.intern(entity_id))
        self._articles = {a: (tuple(keys), tuple(ids)) for a, (keys, ids) in grouped.items()}
        self._size = len(pairs or ())

    @classmethod
    def _of(cls, articles: dict[str, tuple[tuple[str, ...], tuple[str, ...]]]) -> ArticleKeyMap:
        made = cls()
        made._articles = articles
        made._size = sum(len(keys) for keys, _ in articles.values())
        return made

    def __reduce__(self) -> tuple[Any, ...]:
        return ArticleKeyMap._of, (self._articles,)

    def of(self, article_id: str) -> tuple[tuple[str, ...], tuple[str, ...]]:
        """The article's local keys and the parallel tuple of their entity ids."""
        return self._articles.get(article_id, ((), ()))

    def articles(self) -> Iterable[tuple[str, tuple[tuple[str, ...], tuple[str, ...]]]]:
        """Each article id with its local keys and their entity ids (:meth:`of`)."""
        return self._articles.items()

    def restricted(self, article_ids: Iterable[str]) -> ArticleKeyMap:
        """The map of these articles only, in their order (their tuples shared, not copied)."""
        return ArticleKeyMap._of({a: self._articles[a] for a in article_ids if a in self._articles})

    def __getitem__(self, pair: tuple[str, str]) -> str:
        found = self.get(pair)
        if found is None:
            raise KeyError(pair)
        return found

    def get(self, pair: tuple[str, str], default: Any = None) -> Any:
        keys, ids = self._articles.get(pair[0], ((), ()))
        try:
            return ids[keys.index(pair[1])]
        except ValueError:
            return default

    def __contains__(self, pair: object) -> bool:
        return isinstance(pair, tuple) and len(pair) == 2 and self.get(pair) is not None

    def __iter__(self) -> Iterator[tuple[str, str]]:
        for article, (keys, _) in self._articles.items():
            for key in keys:
                yield article, key

    def __len__(self) -> int:
        return self._size

    def items(self) -> ItemsView[tuple[str, str], str]:
        return _KeyMapItems(self)

    def __repr__(self) -> str:
        return f"ArticleKeyMap({dict(self.items())!r})"


class _KeyMapItems(ItemsView[tuple[str, str], str]):
    """The pairs read article by article, not looked up one by one."""

    _mapping: ArticleKeyMap

    def __iter__(self) -> Iterator[tuple[tuple[str, str], str]]:
        for article, (keys, ids) in self._mapping.articles():
            for key, entity_id in zip(keys, ids, strict=True):
                yield (article, key), entity_id


@dataclass(frozen=True)
class Corpus:
    articles: tuple[Article, ...]
    analyses: tuple[ArticleAnalysis, ...]
    entities: tuple[Entity, ...]
    # (article id, LocalEntity key) -> entity id: any mapping given is held as an
    # :class:`ArticleKeyMap` (per article, compact)
    key_map: Mapping[tuple[str, str], str]
    quotes: tuple[Quote, ...] = ()  # speakers are global entity ids
    times: tuple[TimeRef, ...] = ()
    stories: tuple[Story, ...] = ()
    _articles_by_id: dict[str, Article] = field(default_factory=dict, compare=False, repr=False)
    _analyses_by_id: dict[str, ArticleAnalysis] = field(
        default_factory=dict, compare=False, repr=False
    )
    _entities_by_id: dict[str, Entity] = field(default_factory=dict, compare=False, repr=False)
    # per-article lookups, built on first use (never passed on by ``replace``: init=False)
    # (compact: a large corpus's are held through the comparison, and as lists of ints, sets
    # and pairs of their own they took about 25 MiB at 10,000 articles)
    _by_article: dict[str, dict[str, Sequence[int]]] = field(
        default_factory=dict, init=False, compare=False, repr=False
    )
    _entities_by_article: dict[str, tuple[str, ...]] = field(
        default_factory=dict, init=False, compare=False, repr=False
    )
    # where the analyses' sentences were put aside (:meth:`spill`); None: the analyses hold them
    spilled: SentenceSpill | None = field(default=None, compare=False, repr=False)

    def __post_init__(self) -> None:
        if not isinstance(self.key_map, ArticleKeyMap):
            object.__setattr__(self, "key_map", ArticleKeyMap(self.key_map))
        self._articles_by_id.update({a.id: a for a in self.articles})
        self._analyses_by_id.update({a.article: a for a in self.analyses})
        self._entities_by_id.update({e.id: e for e in self.entities})

    def article(self, article_id: str) -> Article:
        return self._articles_by_id[article_id]

    def analysis(self, article_id: str) -> ArticleAnalysis:
        return self._analyses_by_id[article_id]

    def entity(self, entity_id: str) -> Entity:
        return self._entities_by_id[entity_id]

    def entity_of(self, article_id: str, local_key: str | None) -> str | None:
        if local_key is None:
            return None
        found: str | None = self.key_map.get((article_id, local_key))
        return found

    def _key_map(self) -> ArticleKeyMap:
        key_map = self.key_map
        assert isinstance(key_map, ArticleKeyMap)  # made so by __post_init__
        return key_map

    def _positions(self, kind: str, article_id: str) -> Sequence[int]:
        """Positions, in corpus order, of the article's quotes, times or role holders."""
        if "quotes" not in self._by_article:
            index: dict[str, dict[str, list[int]]] = {"quotes": {}, "times": {}}
            for k, quote in enumerate(self.quotes):
                index["quotes"].setdefault(quote.article, []).append(k)
            for k, time in enumerate(self.times):
                index["times"].setdefault(time.article, []).append(k)
            if "roles" not in self._by_article:  # a story's part has its own (``restricted``)
                index["roles"] = {}
                for k, entity in enumerate(self.entities):
                    for article in dict.fromkeys(r.article for r in entity.roles):
                        index["roles"].setdefault(article, []).append(k)
            self._by_article.update(
                (name, {a: array("I", at) for a, at in by.items()}) for name, by in index.items()
            )
            # a set's order kept (its ids added in ``key_map``'s order): a story's entities
            # are gathered in the same order
            self._entities_by_article.update(
                (a, tuple(set(ids))) for a, (_, ids) in self._key_map().articles()
            )
        return self._by_article[kind].get(article_id, ())

    def _gather(self, kind: str, article_ids: Iterable[str]) -> Sequence[int]:
        ids = list(dict.fromkeys(article_ids))
        if len(ids) == 1:
            return self._positions(kind, ids[0])
        return sorted(k for a in ids for k in self._positions(kind, a))

    def quotes_in(self, article_ids: Iterable[str]) -> list[Quote]:
        """The quotes of these articles, in corpus order (a lookup, not a scan of the corpus)."""
        return [self.quotes[k] for k in self._gather("quotes", article_ids)]

    def times_in(self, article_ids: Iterable[str]) -> list[TimeRef]:
        """The time expressions of these articles, in corpus order."""
        return [self.times[k] for k in self._gather("times", article_ids)]

    def role_holders_in(self, article_ids: Iterable[str]) -> list[Entity]:
        """Entities with a role in these articles, in corpus order."""
        return [self.entities[k] for k in self._gather("roles", article_ids)]

    def entities_in(self, article_ids: Iterable[str]) -> set[str]:
        """The entity ids these articles mention (through ``key_map``)."""
        self._positions("quotes", "")
        return {e for a in article_ids for e in self._entities_by_article.get(a, ())}

    def content_lemmas(self, article_id: str) -> Counter[str] | None:
        """The article's content lemmas' counts as kept by the spill while linking (None: its
        analysis holds its sentences, count them there)."""
        return self.spilled.content_lemmas(article_id) if self.spilled is not None else None

    def spill(self) -> Corpus:
        """The linked corpus with its analyses' sentences, quotes and entities in a temporary
        file (:class:`SentenceSpill`; the one they were put in as they were analysed, else a
        new one): for the comparison of a large corpus, which reads them one story at a time
        through :meth:`for_story` or :meth:`restricted`. Its analyses keep their times."""
        spill = self.spilled if self.spilled is not None else SentenceSpill(self.analyses)
        spill.linked()
        stripped = tuple(replace(a, sentences=(), quotes=(), entities=()) for a in self.analyses)
        # a map of its own (``replace`` would pass this corpus's on, and update it)
        return replace(self, analyses=stripped, spilled=spill, _analyses_by_id={})

    def for_story(self, story: Story, entity_order: dict[str, int] | None = None) -> Corpus:
        """What the comparison of ``story`` in this process reads: the corpus itself, or when
        spilled the story's part (:meth:`restricted`) with its sentences left in the spill, read
        back by the comparison as it needs them (:meth:`read_back`: a very large story one
        window of time at a time, so that its 1,716 articles' sentences are never all held)."""
        return self if self.spilled is None else self.restricted(story, entity_order, False)

    def restricted(
        self, story: Story, entity_order: dict[str, int] | None = None, read: bool = True
    ) -> Corpus:
        """The part of the corpus one story's comparison reads: its articles, their analyses,
        quotes, times and key map, and the entities they name, in corpus order. Built from
        lookups (never a pass over the corpus), so it can be shipped to a worker per story.

        ``entity_order``: each entity id's position in ``entities``, computed once by a caller
        that restricts many stories. ``read``: the analyses' sentences and entities read back
        from the spill now (:meth:`SentenceSpill.restore_all`); else left there (the part keeps the spill,
        :meth:`read_back` reads them: in this process only).
        """
        ids = list(dict.fromkeys(story.articles))
        self._positions("quotes", "")
        order = entity_order or {e.id: k for k, e in enumerate(self.entities)}
        named = self.entities_in(ids) | {e.id for e in self.role_holders_in(ids)}
        analyses = [self.analysis(a) for a in ids if a in self._analyses_by_id]
        if self.spilled is not None and read:
            analyses = self.spilled.restore_all(analyses)
        part = Corpus(
            articles=tuple(self.article(a) for a in ids),
            analyses=tuple(analyses),
            entities=tuple(self.entity(e) for e in sorted(named, key=order.__getitem__)),
            key_map=self._key_map().restricted(ids),
            quotes=tuple(self.quotes_in(ids)),
            times=tuple(self.times_in(ids)),
            stories=(story,),
            spilled=None if read else self.spilled,
        )
        # its articles' role holders from this corpus's lookup, not from its entities' roles:
        # an entity's roles lie in every article naming it with a title, so reading them for
        # each story of a corpus would cost the stories times the corpus
        roles, entities = self._by_article["roles"], self.entities
        position = {e.id: k for k, e in enumerate(part.entities)}
        part._by_article["roles"] = {
            a: array("I", [position[entities[k].id] for k in roles[a]]) for a in ids if a in roles
        }
        return part

    def read_back(self, article_ids: Iterable[str]) -> Corpus:
        """The corpus with the analyses of these articles as the comparison reads them, their
        sentences and entities read back from the spill (:meth:`SentenceSpill.restore_all`;
        the others left as they are). Itself when nothing is spilled. An analysis read back
        already (by the corpus this one was read back from) is kept, not read again: a story's
        context articles are read once for all its windows."""
        if self.spilled is None:
            return self
        wanted = set(article_ids)
        # read back already: with its sentences or entities (``restore_all`` gives no quotes)
        to_read = [
            a for a in self.analyses if a.article in wanted and not (a.sentences or a.entities)
        ]
        read = {a.article: a for a in self.spilled.restore_all(to_read)}
        analyses = tuple(read.get(a.article, a) for a in self.analyses)
        part = replace(self, analyses=analyses, _analyses_by_id={})
        # the same quotes, times and entities: their lookups by article are this corpus's,
        # built once here and shared (not rebuilt for every window of a large story)
        self._positions("quotes", "")
        for name in ("_by_article", "_entities_by_article"):
            object.__setattr__(part, name, getattr(self, name))
        return part

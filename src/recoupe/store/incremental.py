"""Incremental relinking: a new batch is linked against its candidates, not the whole store.

Every relink keeps a :class:`LinkState` in the store (table ``link_state``): the
linked article order, each article's entity blocking keys and the articles
under each key, the map from local entities to global ids, and the story index
(MinHash LSH, postings, story members) as it stood after the last article.

The next relink starts from it and reads only what the new articles touch:

- **Entities.** Resolution relates two items only through a shared blocking key
  (:func:`recoupe.link.names.article_keys`), and resolves each connected group
  of items on its own, in the same order whatever else is in the corpus. The new
  articles' keys are followed through the stored articles that share them, and
  theirs, until no key is new: resolution runs again over that connected part
  only. When it keeps every stored entity whole (the new items joined one
  entity, or formed new ones), the stored ids stand and new entities are
  numbered after the last one, exactly as a full resolution numbers them.
  When the new articles merge or split stored entities, ids would move: the
  relink is done in full instead (:func:`incremental_relink` returns None).
- **Stories.** The story index is online and the new articles come last, so
  adding them to the kept index is what a full clustering does. When a new
  article bridges stored stories (they merge), the relink is done in full.
- **Comparison.** Only the stories that gained an article, or hold an article
  mentioning an entity that gained a member, are narrowed (times) and compared
  again, with the entities, quotes and times of their own articles.
- **Writes.** Only the rows of those stories, of the new or changed entities,
  and of the new quotes and the re-narrowed times are replaced, at the positions
  a full relink would give them.

``tests/store/test_incremental_relink.py`` checks after several batches (a new
story, an article joining one, an article bridging entities) that the store
holds exactly the report of a full recomputation.
"""

from __future__ import annotations

import json
import pickle
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from typing import Any

from sqlalchemy import Connection, delete, func, select, update

from recoupe.corpus import Corpus
from recoupe.link.names import KeyMap, article_keys, resolve_entities
from recoupe.link.stories import StoryGroup, StoryIndex, features_of, story_of_group
from recoupe.link.times import narrow_times
from recoupe.model import (
    Article,
    ArticleAnalysis,
    Entity,
    LocalEntity,
    Quote,
    Report,
    Story,
    TimeRef,
    from_dict,
    to_dict,
)
from recoupe.store import rows, schema
from recoupe.store.writes import STALE_KEY, bump_linked_version, generation, set_state

STATE_KEY = "link"
# Bumped when LinkState or what it holds changes meaning: an older state is ignored.
STATE_VERSION = 3  # 3: the story index merges stories bridged by an article


@dataclass
class LinkState:
    """What linking keeps between relinks.

    The counters and the story index are pickled into ``link_state`` (one row);
    each linked article has a row of ``link_articles`` (its blocking keys, local
    entities and their global ids) and rows of ``link_keys`` (blocking key ->
    article), read by key. ``added`` holds the rows of the articles linked since
    the state was read, until :func:`write_state` writes them.
    """

    version: int
    linked: int  # articles linked: those of the store up to ``last_seq``
    last_seq: int
    entity_count: int
    index: StoryIndex
    added: list[dict[str, Any]] = field(default_factory=list)

    @classmethod
    def of(cls, corpus: Corpus, index: StoryIndex, last_seq: int) -> LinkState:
        """The state after a full linking of ``corpus`` (the store up to ``last_seq``) into ``index``."""
        state = cls(STATE_VERSION, 0, last_seq, len(corpus.entities), index)
        for analysis in corpus.analyses:
            state.add(analysis, corpus.key_map)
        return state

    def add(self, analysis: ArticleAnalysis, key_map: Mapping[tuple[str, str], str]) -> None:
        """One more linked article (in store order), and its row to write."""
        self.added.append(
            {
                "article": analysis.article,
                "position": self.linked,
                "blocking_keys": json.dumps(sorted(article_keys(analysis)), ensure_ascii=False),
                "entities": json.dumps([to_dict(e) for e in analysis.entities], ensure_ascii=False),
                "key_map": json.dumps(
                    {
                        e.key: key_map[(analysis.article, e.key)]
                        for e in analysis.entities
                        if (analysis.article, e.key) in key_map
                    },
                    ensure_ascii=False,
                ),
            }
        )
        self.linked += 1


def connected(conn: Connection, keys: Iterable[str]) -> list[str]:
    """The linked articles reached from ``keys`` through shared blocking keys, in linking order.

    Followed level by level: one lookup of the frontier's keys, one of the found
    articles' keys, until no key is new.
    """
    seen_keys = set(keys)
    frontier = sorted(seen_keys)
    position: dict[str, int] = {}
    while frontier:
        found: set[str] = set()
        for chunk in rows.chunks(frontier):
            query = select(schema.link_keys.c.article).where(schema.link_keys.c.key.in_(chunk))
            found.update(conn.execute(query).scalars())
        found -= set(position)
        fresh: set[str] = set()
        table = schema.link_articles
        for chunk in rows.chunks(sorted(found)):
            query = select(table.c.article, table.c.position, table.c.blocking_keys).where(
                table.c.article.in_(chunk)
            )
            for row in conn.execute(query):
                position[row.article] = row.position
                fresh.update(json.loads(row.blocking_keys))
        frontier = sorted(fresh - seen_keys)
        seen_keys |= fresh
    return sorted(position, key=position.__getitem__)


def dump_state(state: LinkState) -> bytes:
    kept = (state.version, state.linked, state.last_seq, state.entity_count, state.index)
    return pickle.dumps(kept, protocol=pickle.HIGHEST_PROTOCOL)


def read_state(conn: Connection) -> LinkState | None:
    """The kept state, or None (none kept yet, or kept by another version of recoupe)."""
    value = conn.execute(
        select(schema.link_state.c.value).where(schema.link_state.c.key == STATE_KEY)
    ).scalar()
    if value is None:
        return None
    try:
        version, linked, last_seq, entity_count, index = pickle.loads(value)
    except Exception:  # an unreadable or older state only costs a full relink
        return None
    if version != STATE_VERSION or not isinstance(index, StoryIndex):
        return None
    return LinkState(version, linked, last_seq, entity_count, index)


def write_state(conn: Connection, state: LinkState) -> None:
    """The counters and index replaced; the rows of the articles linked since, inserted."""
    conn.execute(delete(schema.link_state).where(schema.link_state.c.key == STATE_KEY))
    conn.execute(schema.link_state.insert().values(key=STATE_KEY, value=dump_state(state)))
    if state.added:
        conn.execute(schema.link_articles.insert(), state.added)
        key_rows = [
            {"key": key, "article": row["article"]}
            for row in state.added
            for key in json.loads(row["blocking_keys"])
        ]
        if key_rows:
            conn.execute(schema.link_keys.insert(), key_rows)
    state.added = []


@dataclass(frozen=True)
class Changes:
    """What an incremental relink rewrote: enough to bring a report read before it up to date
    (:func:`recoupe.store.reads.updated_report`) without reading the whole store again."""

    before: int  # the linked version (writes.linked_version) the rows were written over
    articles: tuple[str, ...]  # linked for the first time
    entities: tuple[str, ...]  # new or changed
    timed_articles: tuple[str, ...]  # whose times were replaced
    stories: tuple[str, ...]  # compared again or recounted

    @property
    def after(self) -> int:
        return self.before + 1


@dataclass
class Delta:
    """The rows an incremental relink replaces, and the state it leaves."""

    state: LinkState
    entities: list[Entity]  # new or changed, with their final ids
    quotes: list[tuple[int, Quote]]  # (position, quote) of the new articles
    times: list[tuple[int, TimeRef]]  # (position, time) of every article of a compared story
    timed_articles: set[str]  # whose times rows are replaced
    stories: list[tuple[int, Story]]  # (position, story) compared again
    generation: int  # the store generation this delta was computed from
    compared: int = 0  # stories compared again (for callers and tests)
    coverage: list[tuple[str, str]] = field(default_factory=list)  # (story, JSON) recounted
    articles: list[str] = field(default_factory=list)  # linked for the first time
    changes: Changes | None = None  # once written

    def write(self, conn: Connection) -> bool:
        """Apply the delta under the write lock; False when articles were added since."""
        if generation(conn) != self.generation:
            return False
        self.changes = Changes(
            before=bump_linked_version(conn),
            articles=tuple(self.articles),
            entities=tuple(e.id for e in self.entities),
            timed_articles=tuple(sorted(self.timed_articles)),
            stories=(*(s.id for _, s in self.stories), *(story for story, _ in self.coverage)),
        )
        entity_ids = [e.id for e in self.entities]
        story_ids = [s.id for _, s in self.stories]
        for table, column in (
            (schema.findings, schema.findings.c.story),
            (schema.story_articles, schema.story_articles.c.story),
            (schema.stories, schema.stories.c.id),
        ):
            _delete_in(conn, table, column, story_ids)
        _delete_in(conn, schema.times, schema.times.c.article, sorted(self.timed_articles))
        for table, column in (
            (schema.roles, schema.roles.c.entity),
            (schema.mentions, schema.mentions.c.entity),
            (schema.entities, schema.entities.c.id),
        ):
            _delete_in(conn, table, column, entity_ids)
        derived = rows.derived_rows(
            Report(
                articles=(),
                rejected=(),
                duplicates=(),
                entities=tuple(self.entities),
                quotes=tuple(q for _, q in self.quotes),
                times=tuple(t for _, t in self.times),
                stories=tuple(s for _, s in self.stories),
            )
        )
        for row in derived["entities"]:
            row["position"] = int(row["id"][1:]) - 1  # E1 is the first entity
        for positioned, name in ((self.quotes, "quotes"), (self.times, "times")):
            for (position, _), row in zip(positioned, derived[name], strict=True):
                row["position"] = position
        for (position, _), row in zip(self.stories, derived["stories"], strict=True):
            row["position"] = position
        for table in reversed(schema.DERIVED_TABLES):
            if derived[table.name]:
                conn.execute(table.insert(), derived[table.name])
        for story_id, coverage in self.coverage:
            conn.execute(
                update(schema.stories)
                .where(schema.stories.c.id == story_id)
                .values(coverage=coverage)
            )
        write_state(conn, self.state)
        set_state(conn, STALE_KEY, "0")
        return True


def _delete_in(conn: Connection, table: Any, column: Any, values: Sequence[str]) -> None:
    for chunk in rows.chunks(values):
        conn.execute(delete(table).where(column.in_(chunk)))


def _articles(conn: Connection, ids: Sequence[str]) -> dict[str, Article]:
    found: dict[str, Article] = {}
    for chunk in rows.chunks(ids):
        query = select(schema.articles).where(schema.articles.c.id.in_(chunk))
        found.update(
            (row.id, rows.article_from_row(dict(row._mapping))) for row in conn.execute(query)
        )
    return found


def _analyses(conn: Connection, ids: Sequence[str]) -> dict[str, ArticleAnalysis]:
    found: dict[str, ArticleAnalysis] = {}
    table = schema.article_analyses
    for chunk in rows.chunks(ids):
        query = select(table.c.article, table.c.analysis).where(table.c.article.in_(chunk))
        found.update(
            (row.article, rows.analysis_from_json(row.analysis)) for row in conn.execute(query)
        )
    return found


def _entities_only(conn: Connection, ids: Sequence[str]) -> dict[str, ArticleAnalysis]:
    """Linked articles' analyses reduced to their entities (all that entity resolution reads)."""
    found: dict[str, ArticleAnalysis] = {}
    table = schema.link_articles
    for chunk in rows.chunks(ids):
        query = select(table.c.article, table.c.entities).where(table.c.article.in_(chunk))
        for row in conn.execute(query):
            found[row.article] = ArticleAnalysis(
                article=row.article,
                entities=tuple(from_dict(LocalEntity, e) for e in json.loads(row.entities)),
            )
    return found


def _read_key_map(conn: Connection, ids: Iterable[str], key_map: KeyMap, read: set[str]) -> None:
    """Add the global ids of these linked articles' entities to ``key_map`` (once per article)."""
    wanted = sorted(set(ids) - read)
    read.update(wanted)
    table = schema.link_articles
    for chunk in rows.chunks(wanted):
        query = select(table.c.article, table.c.key_map).where(table.c.article.in_(chunk))
        for row in conn.execute(query):
            key_map.update(((row.article, k), v) for k, v in json.loads(row.key_map).items())


def _seq_of(conn: Connection, ids: Sequence[str]) -> dict[str, int]:
    found: dict[str, int] = {}
    for chunk in rows.chunks(ids):
        query = select(schema.articles.c.id, schema.articles.c.seq).where(
            schema.articles.c.id.in_(chunk)
        )
        found.update((row.id, row.seq) for row in conn.execute(query))
    return found


def _stored_entities(conn: Connection, ids: Sequence[str]) -> list[Entity]:
    """Entities as stored (with all their mentions and roles)."""
    found: list[Entity] = []
    for part in rows.chunks(ids):
        chunk = list(part)
        mentions: dict[str, list[Any]] = {}
        query = (
            select(schema.mentions)
            .where(schema.mentions.c.entity.in_(chunk))
            .order_by(schema.mentions.c.entity, schema.mentions.c.position)
        )
        for row in conn.execute(query):
            mentions.setdefault(row.entity, []).append(rows.mention_from_row(dict(row._mapping)))
        roles: dict[str, list[Any]] = {}
        query = (
            select(schema.roles)
            .where(schema.roles.c.entity.in_(chunk))
            .order_by(schema.roles.c.entity, schema.roles.c.position)
        )
        for row in conn.execute(query):
            roles.setdefault(row.entity, []).append(rows.role_from_row(dict(row._mapping)))
        query = select(schema.entities).where(schema.entities.c.id.in_(chunk))
        for row in conn.execute(query):
            found.append(
                rows.entity_from_row(
                    dict(row._mapping),
                    tuple(mentions.get(row.id, ())),
                    tuple(roles.get(row.id, ())),
                )
            )
    return found


def _time_positions(conn: Connection, ids: Sequence[str]) -> dict[str, int]:
    """The position of each stored article's first time (its times are contiguous)."""
    found: dict[str, int] = {}
    table = schema.times
    for chunk in rows.chunks(ids):
        query = (
            select(table.c.article, func.min(table.c.position))
            .where(table.c.article.in_(chunk))
            .group_by(table.c.article)
        )
        found.update((article, int(first)) for article, first in conn.execute(query))
    return found


def _next_position(conn: Connection, table: Any) -> int:
    last = conn.execute(select(func.max(table.c.position))).scalar()
    return 0 if last is None else int(last) + 1


def _compared_as(entity: Entity, new: set[str]) -> tuple[Any, ...]:
    """What stories of stored articles read of an entity (its parts in the new articles aside)."""
    return (
        entity.name,
        entity.type,
        entity.country,
        entity.gender,
        len(entity.mentions),
        tuple(m for m in entity.mentions if m.article not in new),
        tuple(r for r in entity.roles if r.article not in new),
    )


def _number(entity_id: str) -> int:
    return int(entity_id[1:])


def incremental_relink(
    conn: Connection,
    state: LinkState,
    compare: Callable[[Story, Corpus], Story],
) -> Delta | None:
    """The delta that brings the derived tables up to date with the articles added since ``state``.

    Read inside one snapshot. None when an incremental relink cannot give what a
    full one would (the stored order is not the state's, or stored entities merge
    or split): the caller relinks in full. The cycle collector is paused, as in
    :func:`recoupe.api.build_report`.
    """
    from recoupe.api import paused_cycle_collection

    with paused_cycle_collection():
        return _incremental_relink(conn, state, compare)


def _incremental_relink(
    conn: Connection,
    state: LinkState,
    compare: Callable[[Story, Corpus], Story],
) -> Delta | None:
    articles_table = schema.articles
    linked = conn.execute(
        select(func.count()).where(articles_table.c.seq <= state.last_seq)
    ).scalar_one()
    rows_kept = conn.execute(select(func.count()).select_from(schema.link_articles)).scalar_one()
    if linked != state.linked or rows_kept != state.linked:
        return None  # the store is not the one the state describes
    at = generation(conn)
    new_ids = list(
        conn.execute(
            select(articles_table.c.id)
            .where(articles_table.c.seq > state.last_seq)
            .order_by(articles_table.c.seq)
        ).scalars()
    )
    new_articles = _articles(conn, new_ids)
    new_analyses = _analyses(conn, new_ids)
    if set(new_analyses) != set(new_ids):
        return None
    fresh = [new_analyses[a] for a in new_ids]

    # Entities: resolution again over the stored articles connected to the new ones.
    reached = connected(conn, (key for a in fresh for key in article_keys(a)))
    reached_entities = _entities_only(conn, reached)
    resolved = resolve_entities([*(reached_entities[a] for a in reached), *fresh])
    key_map: KeyMap = {}  # the global ids of the articles read, new ones included below
    mapped: set[str] = set()
    _read_key_map(conn, reached, key_map, mapped)
    old_of: dict[str, set[str]] = {}
    for (article, key), local_id in resolved.key_map.items():
        old = key_map.get((article, key))
        if old is not None:
            old_of.setdefault(local_id, set()).add(old)
    seen_old: set[str] = set()
    for olds in old_of.values():
        if len(olds) > 1 or olds & seen_old:
            return None  # stored entities merge or split: ids would move
        seen_old |= olds
    final: dict[str, str] = {}
    count = state.entity_count
    for entity in resolved.entities:  # in first-mention order: new ones numbered in that order
        kept = old_of.get(entity.id)
        if kept:
            final[entity.id] = next(iter(kept))
        else:
            count += 1
            final[entity.id] = f"E{count}"
    new_set = set(new_ids)
    mapped |= new_set  # their global ids are all in key_map below
    grown = {
        local_id
        for (article, _key), local_id in resolved.key_map.items()
        if article in new_set and local_id in old_of
    }
    written = [
        replace(e, id=final[e.id]) for e in resolved.entities if e.id in grown or e.id not in old_of
    ]
    key_map.update(
        (pair, final[local_id]) for pair, local_id in resolved.key_map.items() if pair[0] in new_set
    )

    # Stories: the new articles added to the kept index.
    index = state.index
    merged_before = len(index.merged())
    for article_id in new_ids:
        index.add(
            features_of(new_articles[article_id], new_analyses[article_id], key_map, index.options)
        )
    if len(index.merged()) != merged_before:
        return None  # a new article bridged stored stories: story ids and positions would move
    touched = {index.story_of(a) for a in new_ids}
    groups = index.stories()
    order = {group.id: k for k, group in enumerate(groups)}
    # A story reads an entity by its name, type, country, gender and number of
    # mentions (the order of the entities an outlet omits), and by its mentions and
    # roles in the story's own articles (see relink._story_signatures). An entity
    # that grew changes the stories of its stored mentions when one of those changed
    # (a role may inherit another country, for instance). When all that changed for
    # a story is the number of mentions (a new article names "France" again), only
    # its coverage's omitted entities can move: those are recounted, not compared.
    grown_ids = sorted({final[i] for i in grown}, key=_number)
    before = {e.id: e for e in _stored_entities(conn, grown_ids)}
    members_of = {g.id: frozenset(g.articles) for g in groups}
    recounted: set[str] = set()
    for entity in written:
        earlier = before.get(entity.id)
        if earlier is None or _compared_as(earlier, new_set) == _compared_as(entity, new_set):
            continue
        reached_stories = {index.story_of(m.article) for m in earlier.mentions}
        reached_stories |= {index.story_of(r.article) for r in earlier.roles}
        for story_id in reached_stories - touched:
            inside = members_of[story_id]
            if _seen_in(earlier, inside) == _seen_in(entity, inside):
                recounted.add(story_id)
            else:
                touched.add(story_id)
    recounted -= touched
    chosen = [g for g in groups if g.id in touched]

    # The comparison of those stories, from their own articles.
    members = [a for g in chosen for a in g.articles]
    position = _seq_of(conn, members)
    members.sort(key=position.__getitem__)
    old_members = [a for a in members if a not in new_set]
    _read_key_map(conn, old_members, key_map, mapped)
    articles = {**_articles(conn, old_members), **new_articles}
    analyses = {**_analyses(conn, old_members), **new_analyses}
    local_map = {
        (a.article, e.key): key_map[(a.article, e.key)]
        for a in (analyses[m] for m in members)
        for e in a.entities
        if (a.article, e.key) in key_map
    }
    mine = {e.id: e for e in written}
    wanted = sorted(set(local_map.values()) - set(mine), key=_number)
    entities = {e.id: e for e in _stored_entities(conn, wanted)}
    entities.update((i, e) for i, e in mine.items() if i in set(local_map.values()))
    corpus = Corpus(
        articles=tuple(articles[a] for a in members),
        analyses=tuple(analyses[a] for a in members),
        entities=tuple(entities[i] for i in sorted(entities, key=_number)),
        key_map=local_map,
    )
    corpus = replace(
        corpus,
        quotes=tuple(
            replace(q, speaker=corpus.entity_of(a.article, q.speaker))
            for a in corpus.analyses
            for q in a.quotes
        ),
        times=tuple(t for a in corpus.analyses for t in a.times),
        stories=tuple(story_of_group(index, g, corpus.article) for g in chosen),
    )
    corpus = narrow_times(corpus)
    compared = [compare(story, corpus) for story in corpus.stories]

    # Positions: new quotes and times after the stored ones, stored times where they were.
    first_time = _time_positions(conn, old_members)
    next_time = _next_position(conn, schema.times)
    times: list[tuple[int, TimeRef]] = []
    for analysis in corpus.analyses:
        if analysis.article in new_set:
            continue
        start = first_time.get(analysis.article, 0)
        times.extend((start + k, t) for k, t in enumerate(analysis.times))
    narrowed = {a.article: a for a in corpus.analyses}  # every new article is in a story
    for article_id in new_ids:
        for t in narrowed[article_id].times:
            times.append((next_time, t))
            next_time += 1
    next_quote = _next_position(conn, schema.quotes)
    quotes = [
        (
            next_quote + k,
            replace(q, speaker=key_map.get((a.article, q.speaker)) if q.speaker else None),
        )
        for k, (a, q) in enumerate((a, q) for a in fresh for q in a.quotes)
    ]
    recount = [g for g in groups if g.id in recounted]
    _read_key_map(conn, (a for g in recount for a in g.articles), key_map, mapped)
    coverage = _recounted_coverage(conn, recount, key_map, {e.id: e for e in written})
    for article_id in new_ids:
        state.add(new_analyses[article_id], key_map)
    state.last_seq = max(_seq_of(conn, new_ids).values(), default=state.last_seq)
    state.entity_count = count
    return Delta(
        state=state,
        entities=written,
        quotes=quotes,
        times=times,
        timed_articles={a.article for a in corpus.analyses},
        stories=sorted(((order[s.id], s) for s in compared), key=lambda p: p[0]),
        generation=at,
        compared=len(compared),
        coverage=coverage,
        articles=new_ids,
    )


def _seen_in(entity: Entity, articles: frozenset[str]) -> tuple[Any, ...]:
    """What one story's comparison reads of an entity, its corpus-wide mention count aside."""
    return (
        entity.name,
        entity.type,
        entity.country,
        entity.gender,
        tuple(m for m in entity.mentions if m.article in articles),
        tuple(r for r in entity.roles if r.article in articles),
    )


def _recounted_coverage(
    conn: Connection,
    groups: Sequence[StoryGroup],
    key_map: KeyMap,
    changed: dict[str, Entity],
) -> list[tuple[str, str]]:
    """(story id, coverage JSON) of stored stories whose entities changed only in their
    corpus-wide mention counts: the stored coverage with each outlet's omitted entities
    listed again (:func:`recoupe.compare.coverage.omitted_by_outlet`), all else kept."""
    if not groups:
        return []
    from recoupe.compare.coverage import omitted_by_outlet

    ids = sorted({a for g in groups for a in g.articles})
    wanted = set(ids)
    local_map = {pair: entity for pair, entity in key_map.items() if pair[0] in wanted}
    named = set(local_map.values())
    entities = {e.id: e for e in _stored_entities(conn, sorted(named - set(changed)))}
    entities.update((i, e) for i, e in changed.items() if i in named)
    articles = _articles(conn, ids)
    corpus = Corpus(
        articles=tuple(articles[a] for a in ids),
        analyses=(),
        entities=tuple(entities[i] for i in sorted(entities, key=_number)),
        key_map=local_map,
    )
    stored: dict[str, list[dict[str, Any]]] = {}
    for chunk in rows.chunks([g.id for g in groups]):
        query = select(schema.stories.c.id, schema.stories.c.coverage).where(
            schema.stories.c.id.in_(chunk)
        )
        stored.update((row.id, json.loads(row.coverage)) for row in conn.execute(query))
    patched = []
    for group in groups:
        omitted = omitted_by_outlet(Story(id=group.id, title="", articles=group.articles), corpus)
        outlets = [{**row, "omitted": omitted[row["outlet"]]} for row in stored[group.id]]
        patched.append((group.id, rows.dumps(outlets)))
    return patched

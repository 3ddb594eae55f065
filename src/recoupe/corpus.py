"""The linked corpus: what link/ writes and compare/ reads (plain data)."""

from __future__ import annotations

from dataclasses import dataclass, field

from recoupe.model import Article, ArticleAnalysis, Entity, Quote, Story, TimeRef


@dataclass(frozen=True)
class Corpus:
    articles: tuple[Article, ...]
    analyses: tuple[ArticleAnalysis, ...]
    entities: tuple[Entity, ...]
    key_map: dict[tuple[str, str], str]  # (article id, LocalEntity key) -> entity id
    quotes: tuple[Quote, ...] = ()  # speakers are global entity ids
    times: tuple[TimeRef, ...] = ()
    stories: tuple[Story, ...] = ()
    _articles_by_id: dict[str, Article] = field(default_factory=dict, compare=False, repr=False)
    _analyses_by_id: dict[str, ArticleAnalysis] = field(
        default_factory=dict, compare=False, repr=False
    )
    _entities_by_id: dict[str, Entity] = field(default_factory=dict, compare=False, repr=False)

    def __post_init__(self) -> None:
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
        return self.key_map.get((article_id, local_key))

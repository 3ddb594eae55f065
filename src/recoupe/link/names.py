"""Cross-article entity resolution: one Entity per real-world referent."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from recoupe.model import ArticleAnalysis, Entity, LocalEntity
from recoupe.nlp.entities import fold

# (article id, LocalEntity key) -> global entity id
KeyMap = dict[tuple[str, str], str]


@dataclass(frozen=True)
class ResolvedEntities:
    entities: tuple[Entity, ...]
    key_map: KeyMap


def resolve_entities(analyses: Sequence[ArticleAnalysis]) -> ResolvedEntities:
    """Merge LocalEntities of all articles that share type and folded name."""
    groups: dict[tuple[str, str], list[tuple[str, LocalEntity]]] = {}
    order: list[tuple[str, str]] = []
    for analysis in analyses:
        for local in analysis.entities:
            key = (local.type, fold(local.name))
            if key not in groups:
                groups[key] = []
                order.append(key)
            groups[key].append((analysis.article, local))
    entities: list[Entity] = []
    key_map: KeyMap = {}
    for index, key in enumerate(order):
        members = groups[key]
        entity_id = f"E{index + 1}"
        locals_ = [local for _, local in members]
        mentions = tuple(m for local in locals_ for m in local.mentions)
        roles = tuple(r for local in locals_ for r in local.roles)
        first = locals_[0]
        entities.append(
            Entity(
                id=entity_id,
                type=first.type,
                name=first.name,
                variants=tuple(dict.fromkeys(m.text for m in mentions)),
                mentions=mentions,
                roles=roles,
                country=first.country,
                gender=first.gender,
            )
        )
        for article, local in members:
            key_map[(article, local.key)] = entity_id
    return ResolvedEntities(tuple(entities), key_map)

"""Model records to table rows and back (plain dicts; nested values as JSON text)."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterator, Mapping, Sequence
from typing import Any

from recoupe.ingest.dedupe import normalised_text
from recoupe.model import (
    Article,
    ArticleAnalysis,
    Entity,
    Evidence,
    Finding,
    Mention,
    Quote,
    Report,
    Role,
    RoleParts,
    Story,
    TimelineEvent,
    TimeRef,
    ValueGroup,
    from_dict,
    to_dict,
)

IN_CLAUSE_SIZE = 500  # ids per ``IN (...)`` clause: bounds a statement's parameters


def chunks(ids: Sequence[str], size: int = IN_CLAUSE_SIZE) -> Iterator[Sequence[str]]:
    """``ids`` in slices small enough for one ``IN (...)`` clause."""
    for start in range(0, len(ids), size):
        yield ids[start : start + size]


ARTICLE_FIELDS = (
    "id",
    "text",
    "title",
    "published",
    "source",
    "url",
    "language",
    "path",
    "author",
    "source_evidence",
)


def dumps(value: Any) -> str:
    return json.dumps(to_dict(value), ensure_ascii=False, separators=(",", ":"))


def content_hash(text: str) -> str:
    """The identity of an article's content: the same text normalised as for duplicates."""
    return hashlib.sha256(normalised_text(text).encode("utf-8")).hexdigest()


def key_of(*parts: str) -> str:
    return hashlib.sha256("\x1f".join(parts).encode("utf-8")).hexdigest()


def article_row(article: Article) -> dict[str, Any]:
    row = {name: getattr(article, name) for name in ARTICLE_FIELDS}
    row["content_hash"] = content_hash(article.text)
    return row


def article_from_row(row: Mapping[str, Any]) -> Article:
    return Article(**{name: row[name] for name in ARTICLE_FIELDS})


def analysis_from_json(text: str) -> ArticleAnalysis:
    return from_dict(ArticleAnalysis, json.loads(text))


def search_rows(article: Article, analysis: ArticleAnalysis) -> Iterator[dict[str, Any]]:
    """The full-text documents of one article: its text and each of its quotes."""
    yield {
        "body": article.text,
        "kind": "article",
        "article": article.id,
        "start": 0,
        "end": len(article.text),
    }
    for quote in analysis.quotes:
        yield {
            "body": quote.text,
            "kind": "quote",
            "article": article.id,
            "start": quote.start,
            "end": quote.end,
        }


# --- derived tables --------------------------------------------------------------


def derived_rows(report: Report) -> dict[str, list[dict[str, Any]]]:
    """Rows of every derived table for a report (entities … findings)."""
    rows: dict[str, list[dict[str, Any]]] = {
        name: []
        for name in (
            "entities",
            "mentions",
            "roles",
            "quotes",
            "times",
            "stories",
            "story_articles",
            "findings",
        )
    }
    for position, entity in enumerate(report.entities):
        rows["entities"].append(
            {
                "id": entity.id,
                "position": position,
                "type": entity.type,
                "name": entity.name,
                "variants": dumps(entity.variants),
                "country": entity.country,
                "gender": entity.gender,
            }
        )
        for number, mention in enumerate(entity.mentions):
            rows["mentions"].append({"entity": entity.id, "position": number, **to_dict(mention)})
        for number, role in enumerate(entity.roles):
            row = to_dict(role)
            row["parts"] = dumps(role.parts)
            rows["roles"].append({"entity": entity.id, "position": number, **row})
    for position, quote in enumerate(report.quotes):
        rows["quotes"].append({"position": position, **to_dict(quote)})
    for position, time in enumerate(report.times):
        rows["times"].append({"position": position, **to_dict(time), "parts": dumps(time.parts)})
    for position, story in enumerate(report.stories):
        rows["stories"].append(
            {
                "id": story.id,
                "position": position,
                "title": story.title,
                "timeline": dumps(story.timeline),
                "brief": dumps(story.brief),
                "coverage": dumps(story.coverage),
                "published_earliest": story.published_earliest,
                "published_latest": story.published_latest,
            }
        )
        for number, article_id in enumerate(story.articles):
            rows["story_articles"].append(
                {"story": story.id, "position": number, "article": article_id}
            )
        for number, finding in enumerate(story.findings):
            rows["findings"].append(
                {
                    "story": story.id,
                    "position": number,
                    "kind": finding.kind,
                    "subject": finding.subject,
                    "slot": finding.slot,
                    "summary": finding.summary,
                    "evidence": dumps(finding.evidence),
                    "sources": dumps(finding.sources),
                    "title": finding.title,
                    "confidence": finding.confidence,
                    "value_groups": dumps(finding.values),
                }
            )
    return rows


def _without(row: Mapping[str, Any], *names: str) -> dict[str, Any]:
    return {k: v for k, v in row.items() if k not in names}


def mention_from_row(row: Mapping[str, Any]) -> Mention:
    return Mention(**_without(row, "entity", "position"))


def role_from_row(row: Mapping[str, Any]) -> Role:
    data = _without(row, "entity", "position", "parts")
    return Role(parts=from_dict(RoleParts, json.loads(row["parts"])), **data)


def entity_from_row(
    row: Mapping[str, Any], mentions: tuple[Mention, ...], roles: tuple[Role, ...]
) -> Entity:
    return Entity(
        id=row["id"],
        type=row["type"],
        name=row["name"],
        variants=tuple(json.loads(row["variants"])),
        mentions=mentions,
        roles=roles,
        country=row["country"],
        gender=row["gender"],
    )


def quote_from_row(row: Mapping[str, Any]) -> Quote:
    return Quote(**_without(row, "position"))


def time_from_row(row: Mapping[str, Any]) -> TimeRef:
    parts = tuple((name, words) for name, words in json.loads(row["parts"]))
    return TimeRef(parts=parts, **_without(row, "position", "parts"))


def finding_from_row(row: Mapping[str, Any]) -> Finding:
    return Finding(
        kind=row["kind"],
        subject=row["subject"],
        slot=row["slot"],
        summary=row["summary"],
        evidence=from_dict(tuple[Evidence, ...], json.loads(row["evidence"])),
        sources=tuple(json.loads(row["sources"])),
        title=row.get("title") or "",
        confidence=float(row.get("confidence") or 0),
        values=from_dict(tuple[ValueGroup, ...], json.loads(row.get("value_groups") or "[]")),
    )


def story_from_row(
    row: Mapping[str, Any], article_ids: tuple[str, ...], findings: tuple[Finding, ...]
) -> Story:
    return Story(
        id=row["id"],
        title=row["title"],
        articles=article_ids,
        findings=findings,
        timeline=from_dict(tuple[TimelineEvent, ...], json.loads(row["timeline"])),
        brief=tuple(json.loads(row["brief"])),
        coverage=tuple(json.loads(row["coverage"])),
        published_earliest=row["published_earliest"],
        published_latest=row["published_latest"],
    )

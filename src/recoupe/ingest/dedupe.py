"""Exact duplicates (by normalised text) and unique article ids across all inputs."""

from __future__ import annotations

import dataclasses
import hashlib
import unicodedata
from collections.abc import Iterable

from recoupe.model import Article, Duplicate, Rejected


def normalised_text(text: str) -> str:
    """The text compared for duplicates: NFC, whitespace collapsed, case folded."""
    return " ".join(unicodedata.normalize("NFC", text).split()).casefold()


def deduplicate(
    items: Iterable[Article | Rejected],
) -> tuple[list[Article], list[Rejected], list[Duplicate]]:
    """Split items into kept articles (ids made unique), rejections and duplicates."""
    articles: list[Article] = []
    rejected: list[Rejected] = []
    duplicates: list[Duplicate] = []
    # Keyed by a digest of the normalised text, not the text: a second copy of every
    # article's text would double what a large corpus holds while it is read.
    first_id_by_text: dict[bytes, str] = {}
    taken_ids: set[str] = set()
    for item in items:
        if isinstance(item, Rejected):
            rejected.append(item)
            continue
        key = hashlib.sha256(normalised_text(item.text).encode("utf-8")).digest()
        if key in first_id_by_text:
            duplicates.append(Duplicate(item.path or item.id, first_id_by_text[key]))
            continue
        article_id = _unique_id(item.id, taken_ids)
        if article_id != item.id:
            item = dataclasses.replace(item, id=article_id)
        taken_ids.add(article_id)
        first_id_by_text[key] = article_id
        articles.append(item)
    return articles, rejected, duplicates


def _unique_id(article_id: str, taken: set[str]) -> str:
    if article_id not in taken:
        return article_id
    suffix = 2
    while f"{article_id}-{suffix}" in taken:
        suffix += 1
    return f"{article_id}-{suffix}"

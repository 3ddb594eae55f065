"""The plain text format: an optional ``date YYYY[-MM[-DD]]`` marker, a headline, the body."""

from __future__ import annotations

import re

from recoupe.ingest.article import build_article
from recoupe.ingest.dates import iso_date
from recoupe.ingest.errors import InputError
from recoupe.model import Article

_DATE_MARKER = re.compile(
    r"\A\s*date\s+(?P<year>\d{4})(?:-(?P<month>\d{2})(?:-(?P<day>\d{2}))?)?(?=\s|\Z)"
)

# A first line longer than this is a paragraph, not a headline.
MAX_HEADLINE_CHARS = 250


def split_date_marker(text: str) -> tuple[str | None, str]:
    """The marker's date at its own precision (None if absent or impossible) and the rest."""
    match = _DATE_MARKER.match(text)
    if match is None:
        return None, text
    month, day = match.group("month"), match.group("day")
    published = iso_date(
        int(match.group("year")),
        int(month) if month else None,
        int(day) if day else None,
    )
    return published, text[match.end() :]


def find_headline(text: str) -> str | None:
    """The first line when it is short and more text follows it."""
    first, _, rest = text.partition("\n")
    first = first.strip()
    if first and len(first) <= MAX_HEADLINE_CHARS and rest.strip():
        return first
    return None


def read_text(text: str, *, article_id: str, path: str, language: str) -> Article:
    """One article from the plain text format."""
    published, body = split_date_marker(text)
    body = body.strip()
    if not body:
        raise InputError("no article text after the date marker")
    return build_article(
        id=article_id,
        text=body,
        path=path,
        title=find_headline(body),
        published=published,
        language=language,
    )

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


# "Publié le 24 mai 2025 à 10h", "Mis à jour le 24/05/2025": the page's own date line.
_DATELINE = re.compile(
    r"^\s*(?P<kind>publié|publiée|mis à jour|mise à jour|modifié|modifiée|actualisé|actualisée)\s+le\s+"
    r"(?P<date>[^\n]{4,60}?)(?:\s*(?:à|,)\s*\d{1,2}\s*(?:h|:)\s*\d{0,2}.*)?\s*$",
    re.IGNORECASE,
)
# Lines read for a date line: the first ones after the headline and the last ones.
DATELINE_WINDOW = 8


def find_headline(text: str) -> str | None:
    """The first line when it is short, reads as a title and more text follows it.

    A line ending with a colon ("Partager:", "Lire aussi :") is site furniture
    or an introduction, never a title.
    """
    first, _, rest = text.partition("\n")
    first = first.strip()
    if not first or len(first) > MAX_HEADLINE_CHARS or not rest.strip() or first.endswith(":"):
        return None
    return first


def read_dateline(text: str) -> str | None:
    """The ISO date of a "Publié le …" line (else "Mis à jour le …"), at day precision."""
    lines = text.splitlines()
    candidates = lines[:DATELINE_WINDOW] + lines[-DATELINE_WINDOW:]
    found: dict[str, str] = {}
    for line in candidates:
        match = _DATELINE.match(line)
        if match is None:
            continue
        kind = "published" if match.group("kind").lower().startswith("publi") else "updated"
        value = _french_date(match.group("date"))
        if value is not None:
            found.setdefault(kind, value)
    return found.get("published") or found.get("updated")


def _french_date(value: str) -> str | None:
    import dateparser  # slow to import: only when a date line is there

    parsed = dateparser.parse(
        value.strip(" ,."),
        languages=["fr"],
        settings={"REQUIRE_PARTS": ["day", "month", "year"], "DATE_ORDER": "DMY"},
    )
    return parsed.date().isoformat() if parsed is not None else None


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
        published=published or read_dateline(body),
        language=language,
    )

"""RSS and Atom feeds: one article per entry, via feedparser."""

from __future__ import annotations

import io
import re
from collections.abc import Iterator
from typing import Any

from recoupe.ingest.article import build_article, clean_text_field, language_code
from recoupe.ingest.dates import normalise_date
from recoupe.ingest.errors import InputError
from recoupe.ingest.html import fragment_to_text
from recoupe.ingest.sanitize import repair_char_ref_bytes
from recoupe.model import Article, Rejected

# feedparser's own author_detail mangles "mail (Name)" on some addresses.
_MAIL = re.compile(r"\S+@\S+")
_MAIL_AND_NAME = re.compile(r"\S+@\S+\s*\((?P<name>[^()]*)\)")


def read_feed(data: bytes, *, stem: str, path: str, language: str) -> Iterator[Article | Rejected]:
    """Articles of a feed's entries; entries without text are rejected by name."""
    import feedparser  # imported only when a feed is read

    # feedparser's fallback parser crashes on the whole feed at a &#xD800;.
    data = repair_char_ref_bytes(data, path)
    # A file object, never bytes or str: feedparser would take those for a path or URL.
    parsed: Any = feedparser.parse(io.BytesIO(data))
    entries = parsed.get("entries") or []
    if not entries:
        if parsed.get("bozo"):
            problem = parsed.get("bozo_exception")
            yield Rejected(path, f"malformed feed: {problem}")
        else:
            yield Rejected(path, "feed has no entries")
        return
    channel = parsed.get("feed") or {}
    outlet = clean_text_field(fragment_to_text(channel.get("title") or ""))
    feed_language = language_code(channel.get("language"), language)
    for number, entry in enumerate(entries, 1):
        entry_path = f"{path}#{number}"
        try:
            yield _entry_article(
                entry, number, stem=stem, path=entry_path, outlet=outlet, language=feed_language
            )
        except InputError as error:
            yield Rejected(entry_path, error.reason)


def _entry_article(
    entry: Any, number: int, *, stem: str, path: str, outlet: str | None, language: str
) -> Article:
    title = clean_text_field(fragment_to_text(entry.get("title") or ""))
    body = _entry_text(entry)
    if not body:
        label = f"{title!r}" if title else entry.get("id") or "without title"
        raise InputError(f"feed entry {number} ({label}) has no text")
    entry_id = clean_text_field(entry.get("id")) or f"{stem}-{number}"
    raw_date = entry.get("published") or entry.get("updated")
    published = normalise_date(raw_date) or normalise_date(
        entry.get("published_parsed") or entry.get("updated_parsed")
    )
    return build_article(
        id=entry_id,
        text=body,
        path=path,
        title=title,
        published=published,
        source=outlet,
        url=_web_address(entry.get("link")),
        language=language_code(entry.get("language"), language),
        author=_author_name(entry.get("author")),
    )


def _entry_text(entry: Any) -> str:
    """The longest of the entry's content blocks and summary, as plain text."""
    candidates = [block.get("value") or "" for block in entry.get("content") or []]
    candidates.append(entry.get("summary") or "")
    texts = [fragment_to_text(candidate) for candidate in candidates if isinstance(candidate, str)]
    return max(texts, key=len, default="")


def _author_name(value: object) -> str | None:
    """The name in an RSS author ("mail@example.fr (Name)"); a bare e-mail is no name."""
    author = clean_text_field(value)
    if author is None:
        return None
    match = _MAIL_AND_NAME.fullmatch(author)
    if match:
        return match.group("name").strip() or None
    return None if _MAIL.fullmatch(author) else author


def _web_address(value: object) -> str | None:
    """An http(s) link; feedparser falls back to the entry id (a URN) when there is none."""
    link = clean_text_field(value)
    return link if link and link.startswith(("http://", "https://")) else None

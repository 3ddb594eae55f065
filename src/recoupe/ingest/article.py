"""Assemble an Article from what a reader found, applying the rules shared by all formats."""

from __future__ import annotations

import re

from recoupe.ingest.errors import InputError
from recoupe.ingest.sanitize import Changes, clean_optional, clean_string, warn
from recoupe.ingest.signatures import find_signature
from recoupe.model import MAX_ARTICLE_CHARS, Article, too_long_reason

_LANGUAGE = re.compile(r"^[A-Za-z]{2,3}(?:[-_][A-Za-z0-9]{1,8})*$")


def with_headline(title: str | None, body: str) -> tuple[str | None, str]:
    """Title and text such that the text starts with its headline, as the data model wants."""
    body = body.strip()
    if not title or body.startswith(title):
        return title, body
    first_line = body.partition("\n")[0].strip()
    if " ".join(first_line.split()) == title:
        return first_line, body  # the same headline, spaced as in the text
    return title, f"{title}\n\n{body}"


def language_code(value: object, default: str) -> str:
    """Primary language subtag ("fr-FR" -> "fr"), or the default when absent or malformed."""
    if isinstance(value, str) and _LANGUAGE.match(value.strip()):
        return re.split(r"[-_]", value.strip())[0].lower()
    return default


def clean_text_field(value: object) -> str | None:
    """A metadata string stripped of surrounding and repeated whitespace; None when empty."""
    if isinstance(value, bool) or value is None:
        return None
    if isinstance(value, int | float):
        value = str(value)
    if not isinstance(value, str):
        return None
    value = " ".join(value.split())
    return value or None


def build_article(
    *,
    id: str,
    text: str,
    path: str,
    title: str | None = None,
    published: str | None = None,
    source: str | None = None,
    url: str | None = None,
    language: str = "fr",
    author: str | None = None,
) -> Article:
    """An Article whose text starts with its title and whose source says where it came from.

    Every reader ends here, so this is where all strings are sanitised (see
    :mod:`recoupe.ingest.sanitize`) and where a repair is reported.
    """
    changes = Changes()
    text = clean_string(text, changes)
    id = " ".join(clean_string(id, changes).split()) or "article"
    path = clean_string(path, Changes())
    title, published = clean_optional(title, changes), clean_optional(published, changes)
    source, url, author = (
        clean_text_field(clean_optional(value, changes)) for value in (source, url, author)
    )
    if changes:
        warn(path, changes.describe())
    title, text = with_headline(clean_text_field(title), text)
    if not text:
        raise InputError("no article text")
    if len(text) > MAX_ARTICLE_CHARS:
        raise InputError(too_long_reason(len(text)))
    evidence = "metadata" if source else None
    if not source:
        signature = find_signature(text, title)
        if signature is not None:
            source, evidence = signature.source, "signature"
            author = author or signature.author
    return Article(
        id=id,
        text=text,
        title=title,
        published=published,
        source=source,
        url=url,
        language=language,
        path=path,
        author=author,
        source_evidence=evidence,
    )

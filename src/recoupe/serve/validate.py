"""Checks on articles posted to the API, and ids that depend on the content only.

The JSON API refuses a whole request it cannot take as given: malformed JSON is
a 400; a record that is not an article (no text, or too short to be one) is a
422 naming the record and the reason. Articles sent without an ``id`` get one
derived from their text, so posting the same article twice names it the same.
"""

from __future__ import annotations

import hashlib
import json
import re
from dataclasses import dataclass
from typing import Any

from recoupe.ingest import IngestOptions

# Fewer words than this is not an article a comparison can use ("x", a headline alone).
MIN_ARTICLE_WORDS = 15
_WORD = re.compile(r"\w+")


class MalformedJson(ValueError):
    """The request body is not JSON (HTTP 400)."""


class InvalidArticles(ValueError):
    """Some records are not articles (HTTP 422); ``problems`` says which and why."""

    def __init__(self, problems: list[dict[str, Any]]) -> None:
        super().__init__("; ".join(f"record {p['record']}: {p['reason']}" for p in problems))
        self.problems = problems


def content_id(text: str) -> str:
    """A stable id for an article text: the same words give the same id."""
    normalised = " ".join(text.split()).casefold()
    return "art-" + hashlib.sha256(normalised.encode("utf-8")).hexdigest()[:12]


def too_short(text: str) -> str | None:
    """Why a text is too short to be an article, or None."""
    words = len(_WORD.findall(text))
    if words < MIN_ARTICLE_WORDS:
        return f"text too short to be an article ({words} words; at least {MIN_ARTICLE_WORDS})"
    return None


@dataclass(frozen=True)
class PostedArticles:
    body: bytes  # the records as JSON, each with an id
    count: int


def check_posted(data: bytes, options: IngestOptions) -> PostedArticles:
    """Parse and check a posted JSON body; records without an id get a content id."""
    try:
        parsed = json.loads(data.decode("utf-8-sig"))
    except (UnicodeDecodeError, json.JSONDecodeError) as error:
        raise MalformedJson(f"malformed JSON: {error}") from error
    records = parsed if isinstance(parsed, list) else [parsed]
    if not records:
        raise InvalidArticles([{"record": 0, "reason": "no article in the request"}])
    problems: list[dict[str, Any]] = []
    text_field, id_field = options.fields.text, options.fields.id
    for number, record in enumerate(records, start=1):
        if not isinstance(record, dict):
            problems.append({"record": number, "reason": "not a JSON object"})
            continue
        text = record.get(text_field)
        if not isinstance(text, str) or not text.strip():
            problems.append(
                {"record": number, "reason": f"no {text_field!r} field with the article text"}
            )
            continue
        reason = too_short(text)
        if reason:
            problems.append({"record": number, "reason": reason})
            continue
        if not record.get(id_field):
            record[id_field] = content_id(text)
    if problems:
        raise InvalidArticles(problems)
    # ASCII escapes: a lone surrogate stays an escape the JSON reader repairs (U+FFFD)
    return PostedArticles(json.dumps(records).encode("ascii"), len(records))

"""Find the outlet an article names in its own signature or byline (rules: signature_rules)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from recoupe.ingest.signature_rules import SIGNATURE_RULES

# How many non-empty lines at each edge of the text can hold a signature.
_EDGE_LINES = 5  # a headline, date and share lines may come before the byline
_MAX_SOURCE_WORDS = 8
_MAX_SOURCE_CHARS = 80

# Parenthesised final lines that are wire credits or notes, not an outlet.
_NOT_AN_OUTLET = re.compile(
    r"^(?:avec|source|sources|photo|photos|mise à jour|màj|lire|voir|traduit|traduction)\b",
    re.IGNORECASE,
)
# What follows an outlet name on a copyright line: a separator, then legal words.
_TRAILER = re.compile(r"\s[|—–-]\s|[.,]?\s*tous droits réservés", re.IGNORECASE)


@dataclass(frozen=True)
class SignatureRule:
    where: str  # "end" or "edge"
    pattern: re.Pattern[str]


@dataclass(frozen=True)
class Signature:
    source: str
    author: str | None = None


@cache
def load_rules() -> tuple[SignatureRule, ...]:
    """The rules of signature_rules, compiled once."""
    rules = []
    for where, expression in SIGNATURE_RULES:
        if where not in ("end", "edge"):
            raise ValueError(f"signature rule {expression!r}: WHERE must be 'end' or 'edge'")
        rules.append(SignatureRule(where, re.compile(expression, re.IGNORECASE)))
    return tuple(rules)


def find_signature(text: str, title: str | None = None) -> Signature | None:
    """The outlet (and author) named by a signature line in the text, if any."""
    lines = [line.strip() for line in text.split("\n") if line.strip()]
    if title and lines and lines[0] == title.strip():
        lines = lines[1:]
    last = list(reversed(lines[-_EDGE_LINES:]))
    first = lines[:_EDGE_LINES]
    for rule in load_rules():
        candidates = last if rule.where == "end" else first + last
        for line in candidates:
            signature = _apply(rule, line)
            if signature is not None:
                return signature
    return None


def _apply(rule: SignatureRule, line: str) -> Signature | None:
    match = rule.pattern.fullmatch(line)
    if match is None:
        return None
    source = _clean(match.group("source"))
    if source is None or _NOT_AN_OUTLET.match(source):
        return None
    author = match.groupdict().get("author")
    return Signature(source, _clean(author) if author else None)


def _clean(name: str) -> str | None:
    name = _TRAILER.split(name, maxsplit=1)[0]
    name = name.strip().strip("\"'«»“”.,;: \u00a0").strip()
    if not name or len(name) > _MAX_SOURCE_CHARS or len(name.split()) > _MAX_SOURCE_WORDS:
        return None
    return name

"""Quoted spans of a text, found from the quotation marks alone (no sentence splits).

Handles « », “ ”, ‹ ›, straight double quotes and single quotes ('…', ‘…’); a quote left open at the end
of a paragraph continues when the next paragraph opens with a quotation mark
(the French convention for quotes over several paragraphs), otherwise it ends
with its paragraph and is marked unclosed.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

PAIRS = {"«": "»", "“": "”", "‹": "›"}
STRAIGHT = '"'
# A paragraph that opens with one of these continues a quote left open.
CONTINUATION_MARKS = {"«": ("«", "»"), "“": ("“", "”"), "‹": ("‹", "›"), STRAIGHT: (STRAIGHT,)}
SPACES = " \t\u00a0\u202f\u2009"


@dataclass(frozen=True)
class QuotedSpan:
    """``text[start:end]`` is the quoted text without marks and edge spaces."""

    open_at: int  # offset of the opening mark
    close_at: int  # offset just after the closing mark (or the paragraph end)
    start: int
    end: int
    closed: bool = True


def _paragraph_end(text: str, i: int) -> int:
    end = text.find("\n", i)
    return len(text) if end < 0 else end


def _next_paragraph_start(text: str, i: int) -> int:
    """Offset of the first non-space character after the line break at ``i``."""
    j = i
    while j < len(text) and (text[j] in SPACES or text[j] in "\r\n"):
        j += 1
    return j


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start] in SPACES + "\r\n":
        start += 1
    while end > start and text[end - 1] in SPACES + "\r\n":
        end -= 1
    return start, end


def _scan(text: str, i: int, opener: str) -> tuple[int, int, bool]:
    """From just after an opening mark: (content end, offset after close, closed)."""
    closer = PAIRS.get(opener, STRAIGHT)
    depth = 0
    while True:
        stop = _paragraph_end(text, i)
        j = i
        while j < stop:
            c = text[j]
            if opener != STRAIGHT and c == opener and depth == 0 and _misturned_closer(text, j):
                return j, j + 1, True
            if (
                opener != STRAIGHT
                and c == opener
                and depth == 0
                and _INCISE.search(text[max(i, j - 40) : j])
            ):
                j += 1  # "« des personnes innocentes, dit-il, « parmi lesquelles …": the quote goes on
                continue
            if opener != STRAIGHT and c == opener:
                depth += 1
            elif c == closer:
                if depth == 0:
                    return j, j + 1, True
                depth -= 1
            j += 1
        following = _next_paragraph_start(text, stop)
        marks = CONTINUATION_MARKS[opener]
        if stop < len(text) and following < len(text) and text[following] in marks:
            # « (or » in some house styles) opening the next paragraph: skip the mark
            i = following + 1
            depth = 0
            continue
        return stop, stop, False


# ", dit-il, " right before a reopened guillemet: an incise inside one quote.
_INCISE = re.compile(r",\s*[^\W\d_]+(?:-t)?-(?:il|elle|ils|elles|on)\s*,\s*$")


def _misturned_closer(text: str, j: int) -> bool:
    """ "il reste grave« , a-t-elle ajouté": an opening mark glued to the word before it closes."""
    glued = j > 0 and not text[j - 1].isspace() and text[j - 1] not in "«“‹('"
    return glued and (j + 1 >= len(text) or not text[j + 1].isalnum())


def _misturned_opener(text: str, i: int) -> bool:
    """A » that opens a paragraph and is closed by another » in it."""
    line_start = text.rfind("\n", 0, i) + 1
    return not text[line_start:i].strip() and "»" in text[i + 1 : _paragraph_end(text, i)]


def find_quoted_spans(text: str) -> list[QuotedSpan]:
    """Top-level quoted spans in text order (nested quotes stay inside their parent)."""
    spans: list[QuotedSpan] = []
    i = 0
    n = len(text)
    while i < n:
        c = text[i]
        if c == "»" and _misturned_opener(text, i):
            c = "«"  # "» La situation reste sombre », a affirmé X": read as the opening mark
            content_end, after, closed = _scan(text, i + 1, c)
            if closed:
                start, end = _trim(text, i + 1, content_end)
                if end > start:
                    spans.append(QuotedSpan(i, after, start, end, closed))
                i = max(after, i + 1)
                continue
            c = "»"
        if c == STRAIGHT and _orphan_closer(text, i):
            # 'Ces chiffres devraient augmenter", commentait X': the page cut the opening mark
            line_start = text.rfind("\n", 0, i) + 1
            start, end = _trim(text, line_start, i)
            if end > start:
                spans.append(QuotedSpan(line_start, i + 1, start, end, False))
            i += 1
            continue
        if c in SINGLE_OPENERS:
            close = _single_close(text, i)
            if close is not None:
                start, end = _trim(text, i + 1, close)
                spans.append(QuotedSpan(i, close + 1, start, end, True))
                i = close + 1
                continue
        if c in PAIRS or c == STRAIGHT:
            if c == STRAIGHT and _is_inch_mark(text, i):
                i += 1
                continue
            content_end, after, closed = _scan(text, i + 1, c)
            start, end = _trim(text, i + 1, content_end)
            if end > start:
                spans.append(QuotedSpan(i, after, start, end, closed))
            i = max(after, i + 1)
            continue
        i += 1
    return spans


# Single quotes ('défi insensé', ‘défi insensé’), told from apostrophes by what surrounds them.
SINGLE_OPENERS = {"'": "'’", "‘": "’"}
SINGLE_REACH = 300


def _single_close(text: str, i: int) -> int | None:
    """The closing mark of a single quote opened at ``i``, or None when ``i`` is no opening mark.

    An opening mark follows a space (or the line start) and is glued to a word; the
    closing mark is glued to the word before it and not followed by a letter (an
    apostrophe always is: "l'homme", "aujourd'hui"). Both stay in one paragraph,
    with no double quotation mark between them.
    """
    if i + 1 >= len(text) or not text[i + 1].isalpha():
        return None
    if i > 0 and text[i - 1] not in SPACES + "\n(":
        return None
    stop = min(_paragraph_end(text, i), i + SINGLE_REACH)
    for j in range(i + 2, stop):
        if text[j] in '"«»“”':
            return None
        if (
            text[j] in SINGLE_OPENERS[text[i]]
            and text[j - 1] not in SPACES
            and (j + 1 >= len(text) or not text[j + 1].isalnum())
        ):
            return j
    return None


def _orphan_closer(text: str, i: int) -> bool:
    """A straight quote glued to the end of a paragraph's first clause and followed by ", ",
    with no other quotation mark before it in the paragraph: the closing mark of a quote whose
    opening mark the page lost."""
    line_start = text.rfind("\n", 0, i) + 1
    before = text[line_start:i]
    glued = i > 0 and (text[i - 1].isalnum() or text[i - 1] in ".!?…")
    followed = text[i + 1 : i + 2] == "," and len(before.split()) >= 4
    return glued and followed and not any(mark in before for mark in ('"', "«", "»", "“", "”"))


def _is_inch_mark(text: str, i: int) -> bool:
    """A straight quote right after a digit (12") is a unit, not a quotation mark."""
    return i > 0 and text[i - 1].isdigit() and (i + 1 >= len(text) or not text[i + 1].isalpha())

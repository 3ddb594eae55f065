"""Page furniture in an article's text: spans the analysis skips, the text as shown keeps.

Whole lines that match ``fr/data/furniture.txt`` (share buttons, "Lire aussi"
links, comment forms, advertising labels, photo credits, reading times), the
short lines of a widget that a "Météo" line opens, and inline photo credits
("( AFP / Benoit PEYRUCQ )"). The pipeline blanks these spans with spaces
before spaCy reads the text, so no offset moves.
"""

from __future__ import annotations

import functools
import re

from recoupe.fr.lexicon import data_lines

# A widget goes on while its lines stay this short ("31 °C", "légère pluie", "ven").
WIDGET_LINE_CHARS = 24
# "( AFP / Benoit PEYRUCQ )", "(Photo : AFP)": a credit inside a caption line.
INLINE_CREDITS = (
    re.compile(r"\(\s*(?:photo\s*:?\s*)?[A-Z][A-Za-z.]*(?:\s*/\s*[^()\n/]{2,40}){1,2}\s*\)"),
    # "PHOTO SUE OGROCKI, ASSOCIATED PRESS Deux pompiers …": the credit opening a caption
    re.compile(r"^PHOTOS? [A-ZÀ-Ý'’. -]+(?:, [A-ZÀ-Ý'’. -]+)?(?= [A-ZÀ-Ý][a-zà-ÿ]|$)"),
    # "FRANCE. A l'issue …", "PARIS (AFP) - Le …": a dateline in capitals opening a paragraph
    re.compile(
        r"^[A-ZÀ-Ý][A-ZÀ-Ý'’-]{2,}(?: [A-ZÀ-Ý'’-]{2,}){0,2}(?: \([A-Za-z]{2,8}\))?(?:\.| [-–—])(?= [A-ZÀ-Ý])"
    ),
)


@functools.cache
def _rules() -> tuple[tuple[re.Pattern[str], ...], tuple[re.Pattern[str], ...]]:
    lines: list[re.Pattern[str]] = []
    blocks: list[re.Pattern[str]] = []
    for line in data_lines("furniture.txt"):
        if line.startswith("block\t"):
            blocks.append(re.compile(line.split("\t", 1)[1], re.IGNORECASE))
        elif not line.startswith("dateline\t"):
            lines.append(re.compile(line, re.IGNORECASE))
    return tuple(lines), tuple(blocks)


@functools.cache
def _datelines() -> tuple[re.Pattern[str], ...]:
    return tuple(
        re.compile(line.split("\t", 1)[1], re.IGNORECASE)
        for line in data_lines("furniture.txt")
        if line.startswith("dateline\t")
    )


def dateline_spans(text: str) -> list[tuple[int, int]]:
    """(start, end) offsets of the lines of ``text`` that are publication stamps or bylines
    ("Publié le 14 juillet 2016 - 12:12", "Par X avec AFP"): no fact and no headline, though
    the NLP reads them (not blanked) for the date that anchors "la veille" or "ce matin"."""
    spans: list[tuple[int, int]] = []
    offset = 0
    for line in text.splitlines(keepends=True):
        line_start, offset = offset, offset + len(line)
        stripped = line.strip()
        if stripped and any(rule.fullmatch(stripped) for rule in _datelines()):
            lead = line_start + len(line) - len(line.lstrip())
            spans.append((lead, lead + len(stripped)))
    return spans


def outside_datelines(
    text: str, start: int, end: int, spans: list[tuple[int, int]] | None = None
) -> tuple[int, int]:
    """The span ``start:end`` with the dateline lines it begins or ends with cut off
    (``start >= end`` when it lies inside one); ``spans``: ``dateline_spans(text)``."""
    for a, b in dateline_spans(text) if spans is None else spans:
        if a <= start < b or (start <= a and b <= end and not text[start:a].strip()):
            start = b
        if a < end <= b or (start <= a and b <= end and not text[b:end].strip()):
            end = min(end, a)
    while start < end and text[start].isspace():
        start += 1
    return start, end


def is_furniture_line(line: str) -> bool:
    stripped = line.strip()
    return bool(stripped) and any(
        rule.fullmatch(stripped) for rule in _rules()[0] + _rules()[1] + _datelines()
    )


def furniture_spans(text: str, start: int = 0) -> list[tuple[int, int]]:
    """(start, end) offsets of furniture in ``text`` from ``start`` (the headline is never furniture)."""
    lines, blocks = _rules()
    spans: list[tuple[int, int]] = []
    in_widget = False
    offset = 0
    for line in text.splitlines(keepends=True):
        line_start, offset = offset, offset + len(line)
        stripped = line.strip()
        if line_start < start or not stripped:
            continue
        lead = line_start + len(line) - len(line.lstrip())
        end = lead + len(stripped)
        if any(rule.fullmatch(stripped) for rule in blocks):
            in_widget = True
            spans.append((lead, end))
            continue
        if in_widget and len(stripped) <= WIDGET_LINE_CHARS:
            spans.append((lead, end))
            continue
        in_widget = False
        if any(rule.fullmatch(stripped) for rule in lines):
            spans.append((lead, end))
            continue
        for credit in INLINE_CREDITS:
            spans += [(lead + m.start(), lead + m.end()) for m in credit.finditer(stripped)]
    return spans


def blank_furniture(text: str, start: int = 0) -> str:
    """The text with its furniture replaced by spaces (same length, same offsets)."""
    chars = list(text)
    for a, b in furniture_spans(text, start):
        chars[a:b] = " " * (b - a)
    return "".join(chars)

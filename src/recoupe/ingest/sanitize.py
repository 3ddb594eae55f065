"""The one place where every string of an Article is made safe, whatever format it came from.

Readers hand raw strings to :func:`~recoupe.ingest.article.build_article`, which
passes each through here. Lone surrogates (from a JSON ``"\\ud800"`` escape or an
XML ``&#xD800;`` reference) cannot be encoded, stored or served, so they become
U+FFFD; control characters other than tab and newline are removed (form feed and
vertical tab count as line breaks, carriage returns become newlines). What was
changed is logged as a warning naming the input, never silently.
"""

from __future__ import annotations

import logging
import re
from collections import Counter

log = logging.getLogger("recoupe.ingest")

REPLACEMENT = "\ufffd"

_SURROGATE = re.compile("[\ud800-\udfff]")
# C0 controls but tab and newline, DEL, and the C1 block.
_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f]")
_LINE_BREAKS = str.maketrans({"\f": "\n", "\v": "\n"})


class Changes(Counter[str]):
    """What sanitation changed in one input, by kind, for one warning line."""

    def describe(self) -> str:
        parts = []
        if self["surrogate"]:
            parts.append(f"{self['surrogate']} lone surrogate(s) replaced by U+FFFD")
        if self["control"]:
            parts.append(f"{self['control']} control character(s) removed")
        return "; ".join(parts)


def clean_string(value: str, changes: Changes) -> str:
    """``value`` with lone surrogates replaced and stray control characters removed."""
    value = value.replace("\r\n", "\n").replace("\r", "\n").translate(_LINE_BREAKS)
    value, surrogates = _SURROGATE.subn(REPLACEMENT, value)
    value, controls = _CONTROL.subn("", value)
    if surrogates:
        changes["surrogate"] += surrogates
    if controls:
        changes["control"] += controls
    return value


def clean_optional(value: str | None, changes: Changes) -> str | None:
    return None if value is None else clean_string(value, changes)


_CHAR_REF = re.compile(r"&#(?:[xX](?P<hex>[0-9a-fA-F]+)|(?P<dec>[0-9]+));")


def _ref_code(hex_digits: str | None, digits: str) -> int:
    number = hex_digits if hex_digits is not None else digits
    if len(number.lstrip("0")) > 8:  # far beyond U+10FFFF; int() refuses 4300 digits
        return 0x110000
    return int(number, 16) if hex_digits is not None else int(number)


def _ref_replacement(code: int) -> str | None:
    """What a numeric character reference must become, or None when it is fine."""
    if 0xD800 <= code <= 0xDFFF or code > 0x10FFFF:
        return "&#xFFFD;"
    if code < 0x20 and code not in (0x09, 0x0A, 0x0D):
        return ""  # lxml drops a whole page at &#x1b;
    return None


def repair_char_refs(markup: str, path: str) -> str:
    """HTML or XML with its references to surrogates, non-characters and controls repaired."""
    if "&#" not in markup:
        return markup
    repaired = 0

    def repair(match: re.Match[str]) -> str:
        nonlocal repaired
        replacement = _ref_replacement(_ref_code(match.group("hex"), match.group("dec") or ""))
        if replacement is None:
            return match.group(0)
        repaired += 1
        return replacement

    markup = _CHAR_REF.sub(repair, markup)
    if repaired:
        warn(path, f"{repaired} character reference(s) to invalid or control characters repaired")
    return markup


def repair_char_ref_bytes(markup: bytes, path: str) -> bytes:
    """:func:`repair_char_refs` on undecoded bytes (Latin-1 maps each byte to one character)."""
    if b"&#" not in markup:
        return markup
    return repair_char_refs(markup.decode("latin-1"), path).encode("latin-1")


def warn(path: str, message: str) -> None:
    """Report a repair made to an input; the CLI prints these lines on stderr."""
    log.warning("%s: %s", printable(path), message)


def printable(text: str) -> str:
    """``text`` on one line: control characters (newline, tab…) and surrogates shown escaped."""
    if (
        _CONTROL.search(text) is None
        and "\t" not in text
        and "\n" not in text
        and not _SURROGATE.search(text)
    ):
        return text
    return "".join(
        char.encode("unicode_escape").decode("ascii")
        if char in "\t\n" or _CONTROL.match(char) or _SURROGATE.match(char)
        else char
        for char in text
    )

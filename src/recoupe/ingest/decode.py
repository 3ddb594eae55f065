"""Bytes to text: encoding detection and the checks that reject non-text input."""

from __future__ import annotations

import codecs
import re

from recoupe.ingest.errors import InputError
from recoupe.ingest.sanitize import REPLACEMENT, warn

# UTF-32 before UTF-16: the UTF-32-LE BOM starts with the UTF-16-LE one.
_BOMS = (
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)

# Bytes cp1252 leaves undefined; a file holding them is read as Latin-1 instead.
_CP1252_UNDEFINED = frozenset(b"\x81\x8d\x8f\x90\x9d")

# Above this share of control characters a "text" is really binary data.
_MAX_CONTROL_SHARE = 0.05

_ALLOWED_CONTROLS = frozenset("\t\n\r\f\v")

# Document formats people try first, named so the rejection says what to do.
_UNSUPPORTED_SIGNATURES = (
    (b"%PDF-", "PDF is not supported; extract its text first (for example `pdftotext FILE.pdf`)"),
    (
        b"PK\x03\x04",
        "ZIP archives and office documents (.docx, .odt) are not supported; save the article as text or HTML",
    ),
    (
        b"\xd0\xcf\x11\xe0",
        "old Word/Office documents are not supported; save the article as text or HTML",
    ),
    (b"{\\rtf", "RTF is not supported; save the article as text or HTML"),
)


# The same reasons by file extension, for files skipped unread in a directory.
UNSUPPORTED_EXTENSIONS = {
    ".pdf": _UNSUPPORTED_SIGNATURES[0][1],
    ".docx": _UNSUPPORTED_SIGNATURES[1][1],
    ".odt": _UNSUPPORTED_SIGNATURES[1][1],
    ".zip": _UNSUPPORTED_SIGNATURES[1][1],
    ".doc": _UNSUPPORTED_SIGNATURES[2][1],
    ".rtf": _UNSUPPORTED_SIGNATURES[3][1],
}


def check_size(size: int, max_bytes: int) -> None:
    """Reject an input larger than the configured limit."""
    if size > max_bytes:
        raise InputError(f"input is {size} bytes, above the limit of {max_bytes} (--max-bytes)")


def decode(data: bytes, max_bytes: int, name: str = "input") -> str:
    """Decode one input to text, or raise InputError saying why it is not text.

    A few NUL bytes in a text are control characters like any other (removed, with a
    warning, where the Article is built); many make it binary data.
    """
    if not data:
        raise InputError("empty input")
    check_size(len(data), max_bytes)
    for signature, reason in _UNSUPPORTED_SIGNATURES:
        if data[:1024].lstrip().startswith(signature):
            raise InputError(reason)
    text = _decode_by_bom(data)
    if text is None:
        if data.count(b"\x00") > _MAX_CONTROL_SHARE * len(data):
            raise InputError("binary content, not text (NUL bytes)")
        text = _decode_without_bom(data, name)
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if _control_share(text) > _MAX_CONTROL_SHARE:
        raise InputError("binary content, not text (control characters)")
    if not text:
        raise InputError("empty input")
    if not text.strip():
        raise InputError("input holds only whitespace")
    return text


def _decode_by_bom(data: bytes) -> str | None:
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                return data[len(bom) :].decode(encoding)
            except UnicodeDecodeError as error:
                raise InputError(
                    f"undecodable: starts with a {encoding.upper()} byte order mark "
                    f"but is not valid {encoding.upper()} ({error.reason} at byte {error.start})"
                ) from None
    return None


_INVALID_RUN = re.compile("[\udc80-\udcff]+")


def _decode_without_bom(data: bytes, name: str) -> str:
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    # Invalid bytes escaped as U+DC80..U+DCFF: count them against the valid multi-byte
    # sequences. A UTF-8 text with a few damaged bytes stays UTF-8 (its accents intact);
    # a text with no valid sequence at all is in a single-byte encoding.
    escaped = data.decode("utf-8", errors="surrogateescape")
    invalid = _INVALID_RUN.findall(escaped)
    valid = sum(1 for char in escaped if char > "\x7f") - sum(map(len, invalid))
    if valid >= len(invalid):
        warn(name, f"{len(invalid)} sequence(s) of bytes invalid in UTF-8 replaced by U+FFFD")
        return _INVALID_RUN.sub(REPLACEMENT, escaped)
    # Not UTF-8: a French text is then almost always Windows-1252 / Latin-1.
    if _CP1252_UNDEFINED.intersection(data):
        return data.decode("latin-1")
    return data.decode("cp1252")


def _control_share(text: str) -> float:
    if not text:
        return 0.0
    sample = text[:100_000]
    controls = sum(
        1
        for char in sample
        if (char < " " or "\x7f" <= char <= "\x9f") and char not in _ALLOWED_CONTROLS
    )
    return controls / len(sample)

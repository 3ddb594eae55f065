"""Bytes to text: encoding detection and the checks that reject non-text input."""

from __future__ import annotations

import codecs

from recoupe.ingest.errors import InputError

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


def check_size(size: int, max_bytes: int) -> None:
    """Reject an input larger than the configured limit."""
    if size > max_bytes:
        raise InputError(f"input is {size} bytes, above the limit of {max_bytes} (--max-bytes)")


def decode(data: bytes, max_bytes: int) -> str:
    """Decode one input to text, or raise InputError saying why it is not text."""
    if not data:
        raise InputError("empty input")
    check_size(len(data), max_bytes)
    text = _decode_by_bom(data)
    if text is None:
        if b"\x00" in data:
            raise InputError("binary content, not text (NUL bytes)")
        text = _decode_without_bom(data)
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


def _decode_without_bom(data: bytes) -> str:
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
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

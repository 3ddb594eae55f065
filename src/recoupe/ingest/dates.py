"""Dates from metadata, normalised to ISO at the precision they were given."""

from __future__ import annotations

import datetime as dt
import re
import time
from email.utils import parsedate_tz

_ISO = re.compile(
    r"^(?P<year>\d{4})(?:-(?P<month>\d{1,2})(?:-(?P<day>\d{1,2}))?)?"
    r"(?:[T ]\d{1,2}:\d{2}(?::\d{2}(?:[.,]\d+)?)?\s*(?:Z|[+-]\d{2}:?\d{2}|UTC|GMT)?)?$",
    re.IGNORECASE,
)
_COMPACT = re.compile(r"^(?P<year>\d{4})(?P<month>\d{2})(?P<day>\d{2})$")
_DAY_FIRST = re.compile(r"^(?P<day>\d{1,2})[/.](?P<month>\d{1,2})[/.](?P<year>\d{4})$")


def iso_date(year: int, month: int | None = None, day: int | None = None) -> str | None:
    """ISO string at the given precision, or None when the date does not exist."""
    if not 1 <= year <= 9999:
        return None
    if month is None:
        return f"{year:04d}"
    if not 1 <= month <= 12:
        return None
    if day is None:
        return f"{year:04d}-{month:02d}"
    try:
        return dt.date(year, month, day).isoformat()
    except ValueError:
        return None


def normalise_date(value: object) -> str | None:
    """ISO date (YYYY, YYYY-MM or YYYY-MM-DD) from a metadata value; None if unparseable."""
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return iso_date(value) if 1000 <= value <= 2999 else None
    if isinstance(value, dt.date):  # datetime included: its calendar date as given
        return iso_date(value.year, value.month, value.day)
    if isinstance(value, time.struct_time):
        return iso_date(value.tm_year, value.tm_mon, value.tm_mday)
    if not isinstance(value, str):
        return None
    text = value.strip()
    for pattern in (_ISO, _COMPACT, _DAY_FIRST):
        match = pattern.match(text)
        if match:
            return _from_match(match)
    return _rfc822(text)


def _from_match(match: re.Match[str]) -> str | None:
    parts = match.groupdict()
    month = parts.get("month")
    day = parts.get("day")
    return iso_date(
        int(parts["year"]),
        int(month) if month else None,
        int(day) if day else None,
    )


def _rfc822(text: str) -> str | None:
    # The date as written in the feed, without moving it to UTC.
    parsed = parsedate_tz(text)
    if parsed is None:
        return None
    return iso_date(parsed[0], parsed[1], parsed[2])

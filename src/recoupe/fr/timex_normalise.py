"""Normalisation of recognised time expressions against a publication date, honestly.

The anchor is the publication date at the precision known: a day, or an
interval (a month, a year, or a story's publication span). An expression gets
an ISO ``value`` (day, month or year) only when every possible publication day
gives the same answer; otherwise ``value`` is None and ``earliest``/``latest``
bound it. ``timeml`` is the ISO-TimeML value (``1999-05-18TEV``, ``XXXX-SU``,
``P3D``) used by the TimeBank scorer.
"""

from __future__ import annotations

import calendar
import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Literal

from recoupe.fr.lexicon import time_lexicon
from recoupe.fr.numbers import parse_number
from recoupe.fr.timex_recognise import TimexMention
from recoupe.model import Tense, TimeAnchor, TimeType

TimemlType = Literal["DATE", "TIME", "DURATION", "SET"]

DAYPART_NAMES = {
    "MO": "morning",
    "AF": "afternoon",
    "EV": "evening",
    "NI": "night",
    "DT": "daytime",
}
# Seasons as TimeML uses them (astronomical, northern hemisphere): (month, day) bounds.
SEASON_BOUNDS = {
    "SP": ((3, 20), (6, 20)),
    "SU": ((6, 21), (9, 22)),
    "FA": ((9, 23), (12, 20)),
    "WI": ((12, 21), (3, 19)),
}
MAX_ANCHOR_DAYS = 400  # an anchor longer than this (a vague span) is not enumerated day by day


def weekday_number(name: str) -> int:
    """ISO weekday of a French weekday name ("mardi" -> 2)."""
    value = time_lexicon().lookup("weekday", name)
    if value is None:
        raise ValueError(f"not a weekday: {name!r}")
    return int(value)


@dataclass(frozen=True)
class Anchor:
    """When the text was written: one day, or an interval of possible days."""

    earliest: date
    latest: date
    source: str  # how a reader should understand it: "publication date 2024-03"

    @property
    def day(self) -> date | None:
        return self.earliest if self.earliest == self.latest else None

    def days(self) -> list[date]:
        count = (self.latest - self.earliest).days + 1
        return [self.earliest + timedelta(days=n) for n in range(min(count, MAX_ANCHOR_DAYS))]


@dataclass(frozen=True)
class Point:
    """What an expression denotes when written on one known day."""

    value: str | None
    earliest: date | None
    latest: date | None
    timeml: str | None
    how: str


@dataclass(frozen=True)
class Resolution:
    type: TimeType
    value: str | None
    earliest: str | None
    latest: str | None
    explanation: str
    timeml: str | None
    timeml_type: TimemlType
    anchor: TimeAnchor | None = None


def iso_interval(iso: str) -> tuple[date, date] | None:
    """First and last day of an ISO date at year, month or day precision."""
    match = re.fullmatch(r"(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?", iso.strip())
    if not match:
        return None
    year = int(match.group(1))
    if match.group(3):
        day = date(year, int(match.group(2)), int(match.group(3)))
        return day, day
    if match.group(2):
        return month_bounds(year, int(match.group(2)))
    return date(year, 1, 1), date(year, 12, 31)


def anchor_from_published(published: str | None) -> Anchor | None:
    if not published:
        return None
    try:
        bounds = iso_interval(published)
    except ValueError:
        return None
    if bounds is None:
        return None
    return Anchor(bounds[0], bounds[1], f"publication date {published}")


def month_bounds(year: int, month: int) -> tuple[date, date]:
    return date(year, month, 1), date(year, month, calendar.monthrange(year, month)[1])


def _two_digit_year(yy: int, anchor: Anchor | None) -> int:
    """'98' -> 1998: the century putting the year nearest the anchor (at most 10 years ahead)."""
    reference = anchor.latest.year if anchor else date.today().year
    candidates = [century + yy for century in (1900, 2000, 2100)]
    return min(candidates, key=lambda y: (y > reference + 10, abs(y - reference)))


def _full_year(text: str, anchor: Anchor | None) -> int:
    return int(text) if len(text) == 4 else _two_digit_year(int(text), anchor)


def _is_past(rel: str | None) -> bool:
    return rel is not None and rel.lower().startswith(("dern", "pass", "préc"))


def _is_next(rel: str | None) -> bool:
    return rel is not None and rel.lower().startswith(("proch", "suiv"))


def _day_point(day: date, how: str, part: str | None = None, clock: str | None = None) -> Point:
    timeml = (
        day.isoformat() + (f"T{part}" if part else "") + (f"T{clock}" if clock and not part else "")
    )
    return Point(day.isoformat(), day, day, timeml, how)


def _month_point(year: int, month: int, how: str, part: str | None = None) -> Point:
    first, last = month_bounds(year, month)
    if part == "début":
        last = first + timedelta(days=9)
    elif part == "mi":
        first, last = first + timedelta(days=10), first + timedelta(days=19)
    elif part == "fin":
        first = first + timedelta(days=20)
    value = f"{year:04d}-{month:02d}"
    return Point(value, first, last, value, how)


def _year_point(year: int, how: str) -> Point:
    return Point(f"{year:04d}", date(year, 1, 1), date(year, 12, 31), f"{year:04d}", how)


def _week_point(monday: date, how: str, weekend: bool = False) -> Point:
    iso_year, week, _ = monday.isocalendar()
    label = f"{iso_year:04d}-W{week:02d}"
    if weekend:
        return Point(
            None, monday + timedelta(days=5), monday + timedelta(days=6), label + "-WE", how
        )
    return Point(None, monday, monday + timedelta(days=6), label, how)


def _season_point(code: str, year: int, how: str) -> Point:
    (m1, d1), (m2, d2) = SEASON_BOUNDS[code]
    end_year = year + 1 if code == "WI" else year
    value = None if code == "WI" else f"{year:04d}"  # a winter spans two years
    return Point(value, date(year, m1, d1), date(end_year, m2, d2), f"{year:04d}-{code}", how)


def _shift_month(year: int, month: int, delta: int) -> tuple[int, int]:
    index = year * 12 + (month - 1) + delta
    return index // 12, index % 12 + 1


def _year_for(month: int, day: int | None, ref: date, rel: str | None, tense: Tense | None) -> int:
    """The year of a day/month written without a year, from the reference day and tense."""
    here = (month, day or 0)
    now = (ref.month, ref.day if day else 0)
    if _is_past(rel):
        return ref.year - 1 if here >= now else ref.year
    if _is_next(rel):
        return ref.year + 1 if here <= now else ref.year
    if tense == "past" and here > now:
        return ref.year - 1
    if tense == "future" and here < now:
        return ref.year + 1
    return ref.year


def _weekday_on(wd: int, ref: date, rel: str | None, tense: Tense | None) -> tuple[date, str]:
    back = (ref.isoweekday() - wd) % 7
    forward = (wd - ref.isoweekday()) % 7
    if _is_past(rel):
        return ref - timedelta(days=back or 7), "the last such day before the publication day"
    if _is_next(rel):
        return ref + timedelta(days=forward or 7), "the next such day after the publication day"
    if tense == "past":
        return ref - timedelta(days=back), "past tense: the most recent such day"
    if tense == "future":
        return ref + timedelta(days=forward), "future tense: the next such day"
    if back <= forward:
        return ref - timedelta(days=back), "the nearest such day (tense not decisive)"
    return ref + timedelta(days=forward), "the nearest such day (tense not decisive)"


def _offset_days(amount: float, unit: str) -> tuple[int, str] | None:
    if unit == "D":
        return int(amount), "day"
    if unit == "W":
        return int(amount * 7), "day"
    return None


def _duration_value(amount_text: str, unit_code: str) -> str:
    amount_text = amount_text.lower()
    if "quart de" in amount_text:
        n: float | None = 0.25
    elif "demi" in amount_text:
        n = 0.5
    else:
        group = re.match(r"une?\s+(dizaine|quinzaine|vingtaine|trentaine|centaine)", amount_text)
        approx = {"dizaine": 10, "quinzaine": 15, "vingtaine": 20, "trentaine": 30, "centaine": 100}
        n = float(approx[group.group(1)]) if group else parse_number(amount_text)
    if unit_code == "CE" and n is not None and n < 1:  # "un quart de siècle" = 25 years
        n, unit_code = n * 100, "Y"
    if unit_code == "DE" and n is not None and n < 1:
        n, unit_code = n * 10, "Y"
    amount = "X" if n is None else (str(int(n)) if float(n).is_integer() else str(n))
    if unit_code.startswith("T"):
        return f"PT{amount}{unit_code[1:]}"
    return f"P{amount}{unit_code}"


def _part(m: TimexMention) -> str | None:
    """The part of day written after ("mardi soir") or before ("la nuit du 15 avril") the date."""
    return time_lexicon().lookup("daypart", m.get("dp") or m.get("dp0") or "")


def _unit(word: str | None) -> str:
    return time_lexicon().lookup("unit", word or "") or "D"


# --- one resolver per kind: (mention, reference day or None, tense) -> Point ---------

Resolver = Callable[[TimexMention, "date | None", "Tense | None", "Anchor | None"], "Point | None"]


def _dm(
    m: TimexMention, ref: date | None, tense: Tense | None, anchor: Anchor | None
) -> Point | None:
    month = int(time_lexicon().lookup("month", m.get("month") or "") or 0)
    day_text = (m.get("day") or "").lower()
    day = 1 if day_text in {"1er", "premier"} else int(day_text)
    part = _part(m)
    if m.get("year"):
        year = _full_year(m.get("year") or "", anchor)
        how = "absolute date"
    elif ref is None:
        return None
    else:
        year = _year_for(month, day, ref, m.get("rel"), tense)
        wd = m.get("wd")
        if wd:  # a weekday written with the date picks among neighbouring years
            wd_n = weekday_number(wd)
            for candidate in (year, ref.year, ref.year - 1, ref.year + 1):
                try:
                    if date(candidate, month, day).isoweekday() == wd_n:
                        year = candidate
                        break
                except ValueError:
                    continue
        how = f"day and month; year {year} from the publication date"
    try:
        return _day_point(date(year, month, day), how, part)
    except ValueError:
        return None


def _numeric(
    m: TimexMention, ref: date | None, tense: Tense | None, anchor: Anchor | None
) -> Point | None:
    try:
        day = date(
            _full_year(m.get("year") or "", anchor),
            int(m.get("month") or 0),
            int(m.get("day") or 0),
        )
    except ValueError:
        return None
    return _day_point(day, "numeric date")


def _month(
    m: TimexMention, ref: date | None, tense: Tense | None, anchor: Anchor | None
) -> Point | None:
    month = int(time_lexicon().lookup("month", m.get("month") or "") or 0)
    part = (m.get("part") or "").lower() or None
    if m.get("year"):
        return _month_point(_full_year(m.get("year") or "", anchor), month, "month and year", part)
    if ref is None:
        return None
    year = _year_for(month, None, ref, m.get("rel"), tense)
    return _month_point(year, month, f"month; year {year} from the publication date", part)


def _year(
    m: TimexMention, ref: date | None, tense: Tense | None, anchor: Anchor | None
) -> Point | None:
    point = _year_point(int(m.get("year") or 0), "year")
    part = (m.get("part") or "").lower()
    if part and point.earliest:  # début/mi/fin 2026: a third of the year
        third = {"début": 0, "mi": 1, "fin": 2}[part]
        first = date(point.earliest.year, 4 * third + 1, 1)
        last = month_bounds(point.earliest.year, 4 * third + 4)[1]
        return Point(point.value, first, last, point.timeml, f"{part} of the year")
    return point


def _decade(
    m: TimexMention, ref: date | None, tense: Tense | None, anchor: Anchor | None
) -> Point | None:
    text = m.get("decade") or ""
    start = int(text) if len(text) == 4 else 1900 + int(text)
    return Point(None, date(start, 1, 1), date(start + 9, 12, 31), str(start // 10), "decade")


def _century(
    m: TimexMention, ref: date | None, tense: Tense | None, anchor: Anchor | None
) -> Point | None:
    text = (m.get("num") or "").upper()
    if text.isdigit():
        n = int(text)
    else:
        roman = {"I": 1, "V": 5, "X": 10}
        values = [roman[c] for c in text]
        n = sum(
            -v if i + 1 < len(values) and v < values[i + 1] else v for i, v in enumerate(values)
        )
    start = (n - 1) * 100
    if start < 1:
        return None
    return Point(None, date(start, 1, 1), date(start + 99, 12, 31), f"{n - 1:02d}", "century")


def _weekday(
    m: TimexMention, ref: date | None, tense: Tense | None, anchor: Anchor | None
) -> Point | None:
    if ref is None:
        return None
    wd = weekday_number(m.get("wd") or "")
    day, how = _weekday_on(wd, ref, m.get("rel"), tense)
    return _day_point(
        day, f"{m.get('wd')}: {how}", time_lexicon().lookup("daypart", m.get("dp") or "")
    )


def _clock(text: str | None) -> str | None:
    if not text:
        return None
    low = text.lower()
    if low == "midi":
        return "12:00"
    if low == "minuit":
        return "24:00"
    match = re.match(r"(\d{1,2})\s?h(?:eures?)?\s?(\d{2})?", low)
    return f"{int(match.group(1)):02d}:{match.group(2) or '00'}" if match else None


def _deictic(
    m: TimexMention, ref: date | None, tense: Tense | None, anchor: Anchor | None
) -> Point | None:
    if ref is None:
        return None
    offset = int(time_lexicon().lookup("deictic_day", m.get("word") or "") or 0)
    part = time_lexicon().lookup("daypart", m.get("dp") or "")
    words = {
        0: "the publication day",
        -1: "the day before publication",
        -2: "two days before publication",
        1: "the day after publication",
        2: "two days after publication",
    }
    return _day_point(
        ref + timedelta(days=offset),
        f"'{m.get('word')}': {words.get(offset, 'publication day')}",
        part,
        _clock(m.get("clock")),
    )


def _this_part(
    m: TimexMention, ref: date | None, tense: Tense | None, anchor: Anchor | None
) -> Point | None:
    if ref is None:
        return None
    part = time_lexicon().lookup("daypart", m.get("dp") or "")
    return _day_point(ref, "part of the publication day", part)


def _period(
    m: TimexMention, ref: date | None, tense: Tense | None, anchor: Anchor | None
) -> Point | None:
    if ref is None:
        return None
    unit = (m.get("unit") or m.get("unit2") or "").lower()
    rel = m.get("rel") or m.get("rel2")
    delta = -1 if _is_past(rel) else 1 if _is_next(rel) else 0
    monday = ref - timedelta(days=ref.isoweekday() - 1)
    if unit == "semaine":
        return _week_point(monday + timedelta(weeks=delta), "week relative to the publication day")
    if unit in {"week-end", "weekend"}:
        if delta == 0 and tense == "past" and ref.isoweekday() < 6:
            delta = -1
        return _week_point(
            monday + timedelta(weeks=delta), "weekend relative to the publication day", weekend=True
        )
    if unit == "mois":
        year, month = _shift_month(ref.year, ref.month, delta)
        return _month_point(year, month, "month relative to the publication day")
    if unit in {"année", "an"}:
        return _year_point(ref.year + delta, "year relative to the publication day")
    if unit == "trimestre":
        q = (ref.month - 1) // 3 + delta
        year, q = ref.year + q // 4, q % 4
        first = date(year, 3 * q + 1, 1)
        return Point(
            None,
            first,
            month_bounds(year, 3 * q + 3)[1],
            f"{year}-Q{q + 1}",
            "quarter relative to the publication day",
        )
    if unit == "semestre":
        h = (ref.month - 1) // 6 + delta
        year, h = ref.year + h // 2, h % 2
        return Point(
            None,
            date(year, 6 * h + 1, 1),
            month_bounds(year, 6 * h + 6)[1],
            f"{year}-H{h + 1}",
            "half-year relative to the publication day",
        )
    return None


def _season(
    m: TimexMention, ref: date | None, tense: Tense | None, anchor: Anchor | None
) -> Point | None:
    code = time_lexicon().lookup("season", m.get("season") or "") or "SU"
    if m.get("year"):
        return _season_point(code, int(m.get("year") or 0), "season and year")
    det = (m.get("det") or "").lower()
    rel = m.get("rel")
    # "au printemps" in a past (future) clause: the last (next) spring, as "le printemps dernier"
    if (
        not rel
        and det not in {"cet", "cette", "ce"}
        and (tense in {"past", "future"} or m.get("since"))
    ):
        rel = "dernier" if tense == "past" or m.get("since") else "prochain"
    if not (rel or det in {"cet", "cette", "ce"}):
        return Point(None, None, None, f"XXXX-{code}", "season without a year")
    if ref is None:
        return None
    year = ref.year - 1 if code == "WI" and ref.month < 4 else ref.year
    start = _season_point(code, year, "").earliest or ref
    if _is_past(rel) and start >= ref:
        year -= 1
    elif _is_next(rel) and start <= ref:
        year += 1
    return _season_point(code, year, "season relative to the publication day")


def _shift(ref: date, n: int, unit: str) -> tuple[date, date] | None:
    """The day, month or year lying ``n`` units from ``ref`` (negative: before)."""
    days = _offset_days(abs(n), unit)
    if days is not None:
        day = ref + timedelta(days=days[0] * (1 if n > 0 else -1))
        return day, day
    if unit == "M":
        return month_bounds(*_shift_month(ref.year, ref.month, n))
    if unit == "Y":
        return date(ref.year + n, 1, 1), date(ref.year + n, 12, 31)
    return None


def _offset_span(
    m: TimexMention, ref: date, sign: int, unit: str, low: int, high: int, how: str
) -> Point | None:
    """Between ``low`` and ``high`` units from the reference day: no single value is claimed."""
    near, far = _shift(ref, sign * low, unit), _shift(ref, sign * high, unit)
    if near is None or far is None:
        return None
    first, last = (far[0], near[1]) if sign < 0 else (near[0], far[1])
    # TimeML keeps the length ("P4M", "PXD"); the interval says when
    timeml = _duration_value(m.get("amount") or "X", unit) if m.get("amount") else f"PX{unit}"
    return Point(None, first, last, timeml, how)


def _offset(
    m: TimexMention, ref: date | None, tense: Tense | None, anchor: Anchor | None
) -> Point | None:
    if ref is None:
        return None
    amount_text = (m.get("amount") or "").lower()
    amount = parse_number(amount_text)
    unit = _unit(m.get("unit"))
    sign = 1 if (m.get("dir") or "").lower() == "dans" else -1
    if unit in {"TH", "TM", "TS"}:
        return _day_point(ref, f"{m.text!r}: within the publication day")
    since = (m.get("dir") or "").lower() == "depuis"
    if time_lexicon().lookup("vague", amount_text):  # "il y a quelques jours": 1 to 7 units
        low = 0 if since else 1  # "depuis quelques jours" still holds at publication
        return _offset_span(m, ref, sign, unit, low, 7, f"{m.text!r}: a few units from publication")
    if amount is None or not float(amount).is_integer():
        return None
    n = int(amount)
    mod = re.sub(r"\s+", " ", (m.get("mod") or "").lower())
    if mod:  # "près de quatre mois": less than four; "plus de": more; "environ": either side
        low, high = (n - 1, n) if mod.startswith(("près", "presque")) else (n, 2 * n)
        if mod.startswith(("environ", "quelque")):
            low, high = n - 1, n + 1
        if mod.startswith(("moins", "pas moins")):
            low, high = (0, n) if mod.startswith("moins") else (n, 2 * n)
        return _offset_span(
            m, ref, sign, unit, low, high, f"{m.text!r}: approximately, from publication"
        )
    bounds = _shift(ref, sign * n, unit)
    if bounds is None:
        return None
    if bounds[0] == bounds[1]:
        return _day_point(bounds[0], f"{m.text!r} counted from the publication day")
    if unit == "M":
        return _month_point(
            bounds[0].year, bounds[0].month, f"{m.text!r} counted from the publication month"
        )
    return _year_point(bounds[0].year, f"{m.text!r} counted from the publication year")


def _near_period(
    m: TimexMention, ref: date | None, tense: Tense | None, anchor: Anchor | None
) -> Point | None:
    """'dans les prochains jours': the next 1 to 7 units; 'dans les derniers jours' the last."""
    if ref is None:
        return None
    sign = 1 if _is_next(m.get("rel")) else -1
    return _offset_span(
        m, ref, sign, _unit(m.get("unit")), 1, 7, f"{m.text!r}: a period near publication"
    )


def _span_point(first: date, last: date, how: str, part: str | None) -> Point | None:
    """A range of days: "du 12 au 14 mai" is the ISO interval 2024-05-12/2024-05-14; a night
    ("la nuit du 8 au 9") is the night starting on its first day, as TimeML writes it."""
    if last < first:
        return None
    if part:
        return Point(first.isoformat(), first, last, f"{first.isoformat()}T{part}", how)
    value = f"{first.isoformat()}/{last.isoformat()}"
    return Point(value, first, last, value, how)


def _day_range(
    m: TimexMention, ref: date | None, tense: Tense | None, anchor: Anchor | None
) -> Point | None:
    month = int(time_lexicon().lookup("month", m.get("month") or "") or 0)
    month1 = int(time_lexicon().lookup("month", m.get("month1") or "") or 0) or month
    first_text = (m.get("day1") or "").lower()
    day1 = 1 if first_text == "1er" else int(first_text)
    day2 = int(m.get("day") or 0)
    if m.get("year"):
        year = _full_year(m.get("year") or "", anchor)
        how = "range of days"
    elif ref is None:
        return None
    else:
        year = _year_for(month, day2, ref, None, tense)
        how = f"range of days; year {year} from the publication date"
    year1 = year - 1 if month1 > month else year
    try:
        return _span_point(date(year1, month1, day1), date(year, month, day2), how, _part(m))
    except ValueError:
        return None


def _weekday_range(
    m: TimexMention, ref: date | None, tense: Tense | None, anchor: Anchor | None
) -> Point | None:
    if ref is None:
        return None
    wd1 = weekday_number(m.get("wd1") or "")
    first, how = _weekday_on(wd1, ref, None, tense)
    last = first + timedelta(days=(weekday_number(m.get("wd") or "") - wd1) % 7)
    return _span_point(first, last, f"{m.get('wd1')} to {m.get('wd')}: {how}", _part(m))


def _english_date(
    m: TimexMention, ref: date | None, tense: Tense | None, anchor: Anchor | None
) -> Point | None:
    month = int(time_lexicon().lookup("english_month", m.get("emonth") or "") or 0)
    try:
        return _day_point(
            date(int(m.get("year") or 0), month, int(m.get("day") or 0)), "English date"
        )
    except ValueError:
        return None


RESOLVERS: dict[str, Resolver] = {
    "range_dm": _day_range,
    "range_wd": _weekday_range,
    "en_date": _english_date,
    "dm": _dm,
    "num": _numeric,
    "iso": _numeric,
    "month": _month,
    "year": _year,
    "decade": _decade,
    "century": _century,
    "weekday": _weekday,
    "deictic": _deictic,
    "this_part": _this_part,
    "period": _period,
    "season": _season,
    "offset": _offset,
    "near_period": _near_period,
}
ABSOLUTE = {"num", "iso", "en_date", "year", "decade", "century"}


def _time_type(m: TimexMention) -> TimeType:
    if m.kind in {"duration", "few_last"}:
        return "duration"
    if m.kind == "set":
        return "set"
    if m.kind in {"clock", "this_part", "part_ref", "part_edge"} or _part(m) or m.get("clock"):
        return "time"
    return "date"


def _timeml_type(m: TimexMention, time_type: TimeType) -> TimemlType:
    if m.kind == "offset":
        return "DURATION"
    return {"date": "DATE", "time": "TIME", "duration": "DURATION", "set": "SET"}[time_type]  # type: ignore[return-value]


def _duration_like(m: TimexMention, time_type: TimeType) -> Resolution:
    if m.kind == "set":
        what = (m.get("what") or m.get("per") or "").lower()
        what = what if time_lexicon().lookup("unit", what) else what.rstrip("s")
        if time_lexicon().lookup("weekday", what):
            timeml = f"XXXX-WXX-{weekday_number(what)}"
        else:
            timeml = _duration_value(
                "1", _unit(what) if what not in {"matin", "soir", "nuit"} else "D"
            )
        explanation = f"set of times ({timeml}); not a single date"
    elif m.kind == "few_last":
        timeml = f"PX{_unit(m.get('unit'))}"
        explanation = f"duration of unknown length ({timeml}) ending near the publication date"
    else:
        timeml = _duration_value(m.get("amount") or "", _unit(m.get("unit")))
        explanation = f"duration {timeml}; not a date"
    return Resolution(time_type, None, None, None, explanation, timeml, _timeml_type(m, time_type))


def _part_note(m: TimexMention) -> str:
    part = _part(m)
    clock = _clock(m.get("clock"))
    notes = [f"part of day: {DAYPART_NAMES.get(part, part)} (T{part})"] if part else []
    notes += [f"clock time {clock}"] if clock else []
    return ("; " + "; ".join(notes)) if notes else ""


def _tense_note(tense: Tense | None) -> str:
    return f" [{tense} tense]" if tense else ""


def _iso(day: date | None) -> str | None:
    return day.isoformat() if day else None


def _lexical(m: TimexMention) -> Resolution | None:
    """Words whose TimeML value is in the lexicon: general references, set adjectives, nouns."""
    word = m.get("word") or ""
    if m.kind == "ref_word":
        ref = time_lexicon().lookup("ref_word", word) or "PRESENT_REF"
        explanation = f"general reference ({ref}), not a date"
        return Resolution("time", None, None, None, explanation, ref, "TIME")
    if m.kind == "set_adjective":
        value = time_lexicon().lookup("set_adjective", word)
        return Resolution("set", None, None, None, f"frequency ({value}), not a date", value, "SET")
    if m.kind == "duration_noun":
        value = time_lexicon().lookup("duration_noun", word)
        return Resolution(
            "duration", None, None, None, f"duration {value}; not a date", value, "DURATION"
        )
    return None


def _hours_after(m: TimexMention, previous_day: date | None) -> Resolution:
    """'quelques heures après': the last day named before it, or the next (past midnight)."""
    timeml = _duration_value(m.get("amount") or "", _unit(m.get("unit")))
    if previous_day is None:
        explanation = f"{m.text!r} counts from an event whose day is not named before it"
        return Resolution("date", None, None, None, explanation, timeml, "DURATION")
    following = previous_day + timedelta(days=1)
    explanation = (
        f"{m.text!r}: hours after the last day named before it ({previous_day}),"
        f" so that day or the next"
    )
    return Resolution(
        "date",
        None,
        previous_day.isoformat(),
        following.isoformat(),
        explanation,
        timeml,
        "DURATION",
        "previous_day",
    )


def _anaphoric(
    m: TimexMention, previous_day: date | None, time_type: TimeType, anchor: Anchor | None
) -> Resolution:
    """'la veille', 'le lendemain', 'la nuit': counted from the last day named in the article.

    A part of a day with no day named before it ("toute la journée", "en début de soirée")
    is a part of the day of writing: the publication day, or its interval.
    """
    part = time_lexicon().lookup("daypart", m.get("dp") or "")
    offset = int(time_lexicon().lookup("anaphoric_day", m.get("word") or "") or 0)
    timeml_type: TimemlType = "TIME" if time_type == "time" else "DATE"
    if previous_day is None and anchor is not None and m.kind != "anaphoric":
        single = anchor.day.isoformat() if anchor.day else None
        explanation = (
            f"{m.text!r}: no day named before it, so a part of the day of writing ({anchor.source})"
        )
        return Resolution(
            time_type,
            single,
            anchor.earliest.isoformat(),
            anchor.latest.isoformat(),
            explanation + _part_note(m),
            f"T{part}" if part else None,
            timeml_type,
            "publication",
        )
    if previous_day is None and anchor is not None and anchor.day is not None:
        # no day named before it: "la veille" counts from the day of writing
        previous_day = anchor.day
    if previous_day is None:
        explanation = f"{m.text!r} refers to a day not named before in the article"
        return Resolution(
            time_type, None, None, None, explanation, f"T{part}" if part else None, timeml_type
        )
    day = previous_day + timedelta(days=offset)
    what = f"{offset:+d} day(s) from" if offset else "part of"
    explanation = f"{m.text!r}: {what} the last day named before it ({previous_day})" + _part_note(
        m
    )
    timeml = day.isoformat() + (f"T{part}" if part else "")
    return Resolution(
        time_type,
        day.isoformat(),
        day.isoformat(),
        day.isoformat(),
        explanation,
        timeml,
        timeml_type,
        "previous_day",
    )


def normalise(
    m: TimexMention,
    anchor: Anchor | None,
    tense: Tense | None = None,
    previous_day: date | None = None,
) -> Resolution:
    """Resolve one mention against the publication anchor (None when undated).

    ``previous_day`` is the last day named before the mention in the same article, for
    anaphoric expressions ("la veille", "le lendemain", "la nuit").
    """
    lexical = _lexical(m)
    if lexical is not None:
        return lexical
    time_type = _time_type(m)
    timeml_type = _timeml_type(m, time_type)
    if m.kind == "hours_after":
        return _hours_after(m, previous_day)
    if m.kind in {"anaphoric", "part_ref", "part_edge"}:
        return _anaphoric(m, previous_day, time_type, anchor)
    if m.kind in {"duration", "few_last", "set"}:
        return _duration_like(m, time_type)
    if m.kind == "weekday" and (m.get("det") or "").lower() == "le":
        wd = weekday_number(m.get("wd") or "")
        return Resolution(
            "set",
            None,
            None,
            None,
            f"'le {m.get('wd')}': every {m.get('wd')} (habitual)",
            f"XXXX-WXX-{wd}",
            "SET",
        )
    if m.get("generic"):
        return Resolution(
            "time",
            None,
            None,
            None,
            "'aujourd'hui' opening a sentence: 'nowadays', not a day",
            "PRESENT_REF",
            "TIME",
        )
    if m.kind == "clock":
        clock = _clock(m.get("clock"))
        day = anchor.day if anchor else None
        timeml = f"{day.isoformat()}T{clock}" if day else f"T{clock}"
        return Resolution(
            time_type,
            None,
            None,
            None,
            f"clock time {clock}; the day is not stated",
            timeml,
            timeml_type,
        )
    resolver = RESOLVERS[m.kind]
    note = _part_note(m) + _tense_note(tense)
    absolute = resolver(m, None, tense, anchor)
    if absolute is not None and (
        m.kind in ABSOLUTE or (absolute.timeml and "XXXX" in absolute.timeml) or m.get("year")
    ):
        return _from_point(absolute, time_type, timeml_type, absolute.how + note, "text")
    if anchor is None:
        return Resolution(
            time_type,
            None,
            None,
            None,
            "relative expression in an undated article: not resolvable from the text alone" + note,
            None,
            timeml_type,
            "undated",
        )
    if anchor.day is not None:
        point = resolver(m, anchor.day, tense, anchor)
        if point is None:
            return Resolution(
                time_type,
                None,
                None,
                None,
                "not normalised" + note,
                None,
                timeml_type,
                "publication",
            )
        return _from_point(
            point, time_type, timeml_type, f"{point.how} ({anchor.source})" + note, "publication"
        )
    if m.kind == "weekday" and not m.get("rel"):
        return _weekday_in_interval(m, anchor, tense, time_type, timeml_type, note)
    return _over_interval(m, resolver, anchor, tense, time_type, timeml_type, note)


def _from_point(
    point: Point,
    time_type: TimeType,
    timeml_type: TimemlType,
    explanation: str,
    anchor: TimeAnchor,
) -> Resolution:
    return Resolution(
        time_type,
        point.value,
        _iso(point.earliest),
        _iso(point.latest),
        explanation,
        point.timeml,
        timeml_type,
        anchor,
    )


def _spans_a_week(anchor: Anchor) -> bool:
    """A span of a week or more (a month-dated publication) holds every weekday itself."""
    return (anchor.latest - anchor.earliest).days >= 6


def _weekday_in_interval(
    m: TimexMention,
    anchor: Anchor,
    tense: Tense | None,
    time_type: TimeType,
    timeml_type: TimemlType,
    note: str,
) -> Resolution:
    """Any such weekday: inside an anchor of a week or more, else around the span by tense."""
    wd = weekday_number(m.get("wd") or "")
    if _spans_a_week(anchor):
        window = anchor.days()
    else:
        low = anchor.earliest - timedelta(days=0 if tense == "future" else 6)
        high = anchor.latest + timedelta(days=0 if tense == "past" else 6)
        window = Anchor(low, high, anchor.source).days()
    days = [d for d in window if d.isoweekday() == wd]
    if not days:
        explanation = f"no {m.get('wd')} within {anchor.source}" + note
        return Resolution(
            time_type, None, None, None, explanation, None, timeml_type, "publication"
        )
    value = days[0].isoformat() if len(days) == 1 else None
    if value:
        explanation = f"the only {m.get('wd')} that fits {anchor.source}: {value}"
    else:
        explanation = (
            f"{anchor.source} is not a single day: any {m.get('wd')} from {days[0]} to {days[-1]}"
        )
    return Resolution(
        time_type,
        value,
        days[0].isoformat(),
        days[-1].isoformat(),
        explanation + note,
        value,
        timeml_type,
        "publication",
    )


def _over_interval(
    m: TimexMention,
    resolver: Resolver,
    anchor: Anchor,
    tense: Tense | None,
    time_type: TimeType,
    timeml_type: TimemlType,
    note: str,
) -> Resolution:
    points = [resolver(m, day, tense, anchor) for day in anchor.days()]
    known = [p for p in points if p is not None and p.earliest is not None and p.latest is not None]
    if not known:
        return Resolution(
            time_type,
            None,
            None,
            None,
            f"not resolvable within {anchor.source}" + note,
            None,
            timeml_type,
            "publication",
        )
    values = {p.value for p in known}
    value = values.pop() if len(values) == 1 else None
    timemls = {p.timeml for p in known}
    earliest = min(p.earliest for p in known if p.earliest)
    latest = max(p.latest for p in known if p.latest)
    if value is not None:
        explanation = f"{known[0].how}; the same for every possible day of {anchor.source}"
    else:
        explanation = f"{anchor.source} is not a single day: between {earliest} and {latest}"
    return Resolution(
        time_type,
        value,
        earliest.isoformat(),
        latest.isoformat(),
        explanation + note,
        timemls.pop() if len(timemls) == 1 else None,
        timeml_type,
        "publication",
    )

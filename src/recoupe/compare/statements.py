"""Statements: each sentence of a story reduced to what outlets can agree or disagree on.

A :class:`Statement` keeps a sentence's canonical lemmas (paraphrases folded
together through ``fr/data/paraphrases.tsv``), its canonical entities, the
numbers it gives (with the interval of values its wording allows: "plus de
300" is a lower bound), its times and its speaker. :func:`align` pairs the
statements of different articles that report the same fact; :func:`facts`
groups them.
"""

from __future__ import annotations

import datetime as dt
import functools
import itertools
import math
import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, replace
from typing import Any

from recoupe.corpus import Corpus
from recoupe.fr.furniture import INLINE_CREDITS, dateline_spans, outside_datelines
from recoupe.fr.lexicon import (
    canonical,
    country_of_demonym,
    currencies,
    duration_days,
    number_words,
    quantity_words,
    word_class,
)
from recoupe.fr.numbers import word_number
from recoupe.fr.text import fold, stem
from recoupe.model import Article, Story, TimeRef

DIGITS = r"\d{1,3}(?:[ \u00a0\u202f.]\d{3})+(?:,\d+)?|\d+(?:,\d+)?"
WORD = r"[^\W\d_]+(?:-[^\W\d_]+)*"
ELISION = r"(?:[dlnjcsmt]|qu|jusqu|lorsqu|puisqu)['’](?=\w)"
TOKEN_RE = re.compile(rf"{ELISION}|%|€|\$|{DIGITS}|{WORD}|[^\w\s]", re.UNICODE | re.IGNORECASE)

# verbs too generic to say two sentences report the same fact
GENERIC_PREDICATES = word_class("generic_predicate")
CLAUSE_BREAK = re.compile(
    r"\s*[,;:()«»“”\"]\s*|\s+(?:et|mais|dont|tandis qu[e']|alors qu[e']|car|avant de|après avoir)\s+"
)
WORD_RE = re.compile(r"\w+")
CLAUSE_PREFIX = 5
MIN_CLAUSE_WORDS = 4
ALIGN_THRESHOLD = 0.2
# a pair this close joins a fact though each statement already shares one with the other's
# article: a sentence may carry two facts the other article tells in two sentences
STRONG_PAIR = 0.5
PREDICATE_BONUS = 0.1
CONTAINMENT_WEIGHT = 0.0
CURRENCIES = currencies()
PERCENT = {"%", "pour cent", "pourcent"}
DURATION = "durée"  # the unit of every duration, its value in days
ROUND_UNIT_DAYS = 3652  # decades and centuries are roundings, not counts
MAGNITUDE_WORDS = word_class("magnitude_word")
AGE_HOLDERS = word_class("age_holder")
QUESTION_END_RE = re.compile(r"\?[\s\"»”’')]*$")
ANAPHORIC_DETERMINERS = word_class("anaphoric_determiner")
AGE = "âge"  # the qualifier of a number of years that is someone's age, never a term or a period
YEAR_DAYS = 365.25


@dataclass(frozen=True)
class NumberMention:
    """A quantity as written, with the interval of values its wording allows."""

    start: int
    end: int
    text: str
    value: float
    low: float
    high: float
    unit: str  # stem of the counted noun, "%" (with its complement) or a currency
    figure: str = ""  # the figure alone as written: "plus de 300", "38 millions"
    noun: str = ""  # the counted noun as written: "blessés", "euros", "%"
    vague: bool = False  # "des dizaines", "plusieurs centaines": an order of size, never a count
    anaphoric: bool = False  # "les deux pays", "ses trois enfants": refers back, does not count
    qualifier: str = ""  # what narrows the counted noun: "graves" in "deux blessés graves"
    weekday: int = 0  # a bare weekday (ISO number) whose day is unknown: low..high its range

    def compatible(self, other: NumberMention) -> bool:
        if not (self.low <= other.high and other.low <= self.high):
            return False
        # "mardi" in a month-dated article is no Wednesday 15 May, though May holds both
        for x, y in ((self, other), (other, self)):
            if (
                x.weekday
                and y.low == y.high == int(y.value)
                and dt.date.fromordinal(int(y.value)).isoweekday() != x.weekday
            ):
                return False
        return not (self.weekday and other.weekday and self.weekday != other.weekday)


@dataclass(frozen=True)
class Statement:
    article: str
    outlet: str
    start: int
    end: int
    text: str
    lemmas: frozenset[str]  # canonical lemmas
    predicate: str | None  # canonical predicate
    negated: bool
    entities: frozenset[str]  # canonical entity ids
    numbers: tuple[NumberMention, ...] = ()
    times: tuple[TimeRef, ...] = ()
    speaker: str | None = None  # entity id of the quote the sentence carries
    quoted: bool = False  # the sentence holds a direct quote
    headline: bool = False
    lead: bool = False  # in the headline or the standfirst (see lead_end)
    index: int = 0  # position in the article
    words: tuple[str, ...] = ()  # the sentence's own lemmas (not canonical), names left out
    mentions: tuple[tuple[int, int, str], ...] = ()  # (start, end, entity id)
    sentence: tuple[int, int] | None = None  # the whole sentence, when this is one of its clauses
    # parallel to ``words`` when the sentence was parsed: where each word starts, and where
    # the head of its clause starts (``Sentence.frame_starts``)
    word_starts: tuple[int, ...] = ()
    word_frames: tuple[int, ...] = ()


# --- numbers -----------------------------------------------------------------------


def _digits_value(text: str) -> float:
    return float(re.sub(r"[ \u00a0\u202f.]", "", text).replace(",", "."))


def _tokens(text: str) -> list[tuple[int, int, str]]:
    return [(m.start(), m.end(), m.group()) for m in TOKEN_RE.finditer(text)]


def _is_year(text: str, value: float) -> bool:
    return bool(re.fullmatch(r"\d{4}", text)) and 1800 <= value <= 2100


def parse_numbers(text: str, offset: int = 0) -> list[NumberMention]:
    """Quantities in ``text`` (offsets shifted by ``offset``): "plus de 30 000 morts", "12 %"."""
    found = _numbers_of(text)
    if not offset:
        return list(found)
    return [replace(n, start=n.start + offset, end=n.end + offset) for n in found]


@functools.lru_cache(maxsize=1 << 14)
def _numbers_of(text: str) -> tuple[NumberMention, ...]:
    """``parse_numbers`` at offset 0, cached: the copies of a dispatch repeat its sentences."""
    offset = 0
    words = quantity_words()
    tokens = _tokens(text)
    out: list[NumberMention] = []
    i = 0
    while i < len(tokens):
        _, _, token = tokens[i]
        kind = "exact"
        if re.fullmatch(DIGITS, token):
            value = _digits_value(token)
            if (
                _is_year(token, value)
                or _in_name(tokens, i)
                or (i + 1 < len(tokens) and fold(tokens[i + 1][2]) in {"er", "e", "eme"})
            ):
                i += 1
                continue
        else:
            half = _half_of(text, offset, tokens, i)
            if half is not None:  # "la moitié des TER": 50 % of TERs
                out.append(half)
                i += 1
                continue
            parsed = word_number(token)
            if parsed is None and _one_of_ratio(tokens, i):  # "un TGV sur huit"
                parsed = (1.0, "exact")
            if parsed is None or parsed[1] == "scale":
                i += 1
                continue
            value, kind = parsed
        vague = kind == "approx" and fold(token).endswith(("s", "x"))  # "dizaines", "milliers"
        first, last, j = i, i, i + 1
        # scale words: "1,5 million", "trois milliards"
        scale = 1.0
        while j < len(tokens) and number_words().get(fold(tokens[j][2]), (0, ""))[1] == "scale":
            scale *= number_words()[fold(tokens[j][2])][0]
            last, j = j, j + 1
        low, high = _interval(value, scale, kind, token)
        value *= scale
        # qualifier before: "plus de", "environ", "plusieurs"
        before = ""
        for width in (3, 2, 1):
            if first - width < 0:
                continue
            phrase = fold(" ".join(t[2] for t in tokens[first - width : first]).replace("' ", "'"))
            qualifier = words.get(phrase)
            if qualifier in {"lower", "upper", "approx", "many"}:
                low, high = _qualified(value, qualifier, kind, low, high)
                vague = vague or qualifier == "many"
                first -= width
                before = qualifier
                break
        share = None if vague or scale > 1 else _share(tokens, value, j, before)
        unit: str | None
        if share is not None:  # "un sur deux", "trois quarts des vols"
            unit, last, (value, low, high) = share
        elif _after_magnitude(tokens, first):
            unit = "magnitude"
        else:
            unit, last = _unit(tokens, last, j)
        if unit is None:
            i = j
            continue
        counted = None if share or vague or scale > 1 else _ratio_after(tokens, value, last, before)
        narrowed = ""
        resume = None
        if counted is not None:  # "un TGV sur huit": 12.5 % of TGVs
            (value, low, high), ratio_end, narrowed, resume = counted
            unit, last = "%:" + stem(tokens[last][2]), ratio_end
        if unit in death_units():
            unit = DEATH
        if unit == "%":
            unit += _share_base(tokens, first)
        age = False
        if unit.startswith(DURATION):
            factor = float(unit.partition(":")[2])
            unit = DURATION
            if factor >= ROUND_UNIT_DAYS and not vague:  # "trois décennies" is a rounding
                low, high = min(low, value * 0.85), max(high, value * 1.15)
            if _half_after(tokens, last):  # "deux heures et demie"
                value, low, high, last = value + 0.5, low + 0.5, high + 0.5, last + 2
            value, low, high = value * factor, low * factor, high * factor
            age = factor == YEAR_DAYS and _is_age(tokens, first, last)
        anaphoric = first > 0 and fold(tokens[first - 1][2]) in ANAPHORIC_DETERMINERS
        span_start, span_end = tokens[first][0], tokens[last][1]
        figure_end = tokens[j - 1][1]
        out.append(
            NumberMention(
                start=offset + span_start,
                end=offset + span_end,
                text=text[span_start:span_end],
                value=value,
                low=low,
                high=high,
                unit=unit,
                figure=text[span_start:figure_end],
                noun=tokens[last][2],
                vague=vague,
                anaphoric=anaphoric,
                qualifier=AGE
                if unit == DURATION and age
                else narrowed or _qualifier_after(tokens, last),
            )
        )
        i = resume or last + 1
    return tuple(out)


SHARE_WORDS = frozenset({"taux", "part", "proportion", "pourcentage"})
SHARE_AMONG = frozenset({"parmi", "chez"})
SHARE_REACH = 25  # tokens a share's subject may stand before its bare percentage


def _share_base(tokens: list[tuple[int, int, str]], first: int) -> str:
    """What a bare percentage is a share of, when its subject says it: "le taux de vaccinés
    parmi les cas graves est inférieur à 50 %" is a percentage of the cases (":cas"), as "80 %
    des cas graves" is. Without "parmi"/"chez" the base is unknown ("la part des vaccinés" may be
    of the whole population) and the percentage stays bare."""
    share = None
    for k in range(first - 1, max(-1, first - 1 - SHARE_REACH), -1):
        word = fold(tokens[k][2])
        if re.fullmatch(DIGITS, tokens[k][2]) or word in {".", ";", "?", "!", ":"}:
            return ""  # another figure or another sentence
        if word in SHARE_WORDS:
            share = k
            break
    if share is None:
        return ""
    for k in range(share + 1, first - 1):
        if fold(tokens[k][2]) in SHARE_AMONG:
            k += 1
            while k < first and fold(tokens[k][2]) in {"les", "des", "la", "le", "l'", "ces"}:
                k += 1
            if k < first and re.fullmatch(WORD, tokens[k][2]):
                return ":" + stem(tokens[k][2])
            return ""
    return ""


# a share said as a ratio is a rounding: ±5 % of it, and at least a point (a tenth of it when
# that is less), so "un sur huit" (12.5 %) meets "12 %" and "13 %", "un sur 3 000" stays tiny
RATIO_ROUNDING = 0.05


def _share_interval(
    numerator: float, denominator: float, qualifier: str
) -> tuple[float, float, float]:
    """A ratio as a percentage with the interval its roundings cover: "un sur huit" is 12.5 %,
    which outlets print as 12 % or 13 %; "près d'un sur deux" is 48 % too."""
    value = numerator / denominator * 100
    spread = max(value * RATIO_ROUNDING, min(1.0, value / 10))
    low, high = value - spread, value + spread
    if qualifier:
        low, high = _qualified(value, qualifier, "exact", low, high)
    return value, low, high


def _figure_at(tokens: list[tuple[int, int, str]], k: int) -> float | None:
    """The exact figure a token writes ("8", "huit"), or None."""
    if k >= len(tokens):
        return None
    token = tokens[k][2]
    if re.fullmatch(DIGITS, token):
        return _digits_value(token)
    parsed = word_number(token)
    return parsed[0] if parsed is not None and parsed[1] == "exact" else None


def _denominator(tokens: list[tuple[int, int, str]], k: int, numerator: float) -> float | None:
    """The figure after "sur" at ``k`` that makes a ratio of ``numerator``: larger, and not
    a measure of its own ("sur 8 kilomètres", "sur 30 jours", "sur 100 %")."""
    if k >= len(tokens) or quantity_words().get(fold(tokens[k][2])) != "ratio":
        return None
    denominator = _figure_at(tokens, k + 1)
    if denominator is None or denominator <= numerator:
        return None
    if k + 2 < len(tokens):
        after = fold(tokens[k + 2][2])
        if (
            quantity_words().get(after) in {"measure", "time", "month"}
            or number_words().get(after, (0, ""))[1] == "scale"
            or after in PERCENT
            or after in CURRENCIES
        ):
            return None
    return denominator


def _fraction_divisor(word: str) -> int | None:
    kind = quantity_words().get(fold(word), "")
    return int(kind.partition(":")[2]) if kind.startswith("fraction:") else None


def _fraction_of(tokens: list[tuple[int, int, str]], k: int) -> str | None:
    """What a fraction word at ``k`` is a share of ("des TER" -> ":ter"), or None when no
    complement follows or it is a time ("un quart d'heure", "deux tiers du temps")."""
    complement = _complement(tokens, k + 1)
    if not complement:
        return None
    n = k + 2
    while n < len(tokens) and fold(tokens[n][2]) in {"la", "le", "les", "l'"}:
        n += 1
    if n < len(tokens) and quantity_words().get(fold(tokens[n][2])) in {"time", "month"}:
        return None
    return complement


def _share(
    tokens: list[tuple[int, int, str]], numerator: float, j: int, qualifier: str
) -> tuple[str, int, tuple[float, float, float]] | None:
    """A share written right after its numerator: "trois quarts des vols" (a fraction word)
    or "un sur deux" (a ratio without counted noun). Returns the unit ("%" and what it is of),
    the index of the span's last token and (value, low, high) as a percentage."""
    divisor = _fraction_divisor(tokens[j][2]) if j < len(tokens) else None
    if divisor is not None and numerator < divisor:
        of = _fraction_of(tokens, j)
        if of is None:
            return None
        return "%" + of, j, _share_interval(numerator, divisor, qualifier)
    denominator = _denominator(tokens, j, numerator)
    if denominator is None:
        return None
    return (
        "%" + _complement(tokens, j + 2),
        j + 1,
        _share_interval(numerator, denominator, qualifier),
    )


RATIO_REACH = 8  # tokens of a parenthesis between a counted noun and "sur" ("TGV (train à grande vitesse) sur huit")


def _ratio_after(
    tokens: list[tuple[int, int, str]], numerator: float, last: int, qualifier: str
) -> tuple[tuple[float, float, float], int, str, int] | None:
    """ "un TGV sur huit", "un train régional sur cinq": the counted noun at ``last`` is
    followed by "sur" and a larger figure (an adjective or a parenthesis may come between).
    Returns (value, low, high) as a percentage, the index of the denominator, the
    adjective, which narrows what is counted (regional trains are not all trains), and
    where reading resumes. In "un TER et un Transilien sur cinq" the first noun shares the
    second's denominator: its span runs to it, and reading resumes after the first noun so
    the second is read on its own."""
    k = last + 1
    adjective = ""
    if (
        numerator == 1
        and k + 2 < len(tokens)
        and fold(tokens[k][2]) == "et"
        and fold(tokens[k + 1][2]) in {"un", "une"}
        and re.fullmatch(WORD, tokens[k + 2][2])
    ):
        shared = _ratio_after(tokens, numerator, k + 2, qualifier)
        return (
            (shared[0], shared[1], "", last + 1) if shared is not None and not shared[2] else None
        )
    if k < len(tokens) and tokens[k][2] == "(":
        close = next(
            (n for n in range(k + 1, min(len(tokens), k + RATIO_REACH)) if tokens[n][2] == ")"),
            None,
        )
        k = close + 1 if close is not None else k
    elif (
        k < len(tokens)
        and tokens[k][2].islower()
        and re.fullmatch(WORD, tokens[k][2])
        and quantity_words().get(fold(tokens[k][2])) != "ratio"
        and fold(tokens[k][2]) not in {"et", "ou"}
    ):
        adjective = fold(tokens[k][2])  # "un train régional sur cinq"
        k += 1
    denominator = _denominator(tokens, k, numerator)
    if denominator is None:
        return None
    return _share_interval(numerator, denominator, qualifier), k + 1, adjective, k + 2


def _one_of_ratio(tokens: list[tuple[int, int, str]], i: int) -> bool:
    """ "un"/"une" as the numerator of a ratio ("un sur deux", "une rame sur trois") or of a
    fraction ("un tiers des guichets") rather than an article."""
    if fold(tokens[i][2]) not in {"un", "une"}:
        return False
    if _denominator(tokens, i + 1, 1) is not None:
        return True
    if i + 1 < len(tokens) and (_fraction_divisor(tokens[i + 1][2]) or 0) > 1:
        return _fraction_of(tokens, i + 1) is not None  # "un tiers des guichets"
    return (
        i + 1 < len(tokens)
        and bool(re.fullmatch(WORD, tokens[i + 1][2]))
        and _ratio_after(tokens, 1, i + 1, "") is not None
    )


def _half_of(
    text: str, offset: int, tokens: list[tuple[int, int, str]], i: int
) -> NumberMention | None:
    """ "la moitié des TER": a fraction word after an article rather than a figure."""
    divisor = _fraction_divisor(tokens[i][2])
    if divisor != 2 or i == 0 or fold(tokens[i - 1][2]) not in {"la", "une"}:
        return None
    of = _fraction_of(tokens, i)
    if of is None:
        return None
    value, low, high = _share_interval(1, 2, "")
    start, end = tokens[i - 1][0], tokens[i][1]
    return NumberMention(
        start=offset + start,
        end=offset + end,
        text=text[start:end],
        value=value,
        low=low,
        high=high,
        unit="%" + of,
        figure=text[start:end],
        noun=tokens[i][2],
    )


def _in_name(tokens: list[tuple[int, int, str]], i: int) -> bool:
    """Digits glued by a hyphen to a word are part of a name, not a figure: "Covid-19",
    "Nord Stream-2", "Su-34"."""
    return (
        i >= 2
        and tokens[i - 1][2] == "-"
        and tokens[i - 1][1] == tokens[i][0]
        and tokens[i - 2][1] == tokens[i - 1][0]
        and bool(re.fullmatch(WORD, tokens[i - 2][2]))
    )


def _is_age(tokens: list[tuple[int, int, str]], first: int, last: int) -> bool:
    """ "âgé de 55 ans", "un informaticien de 36 ans", "Jean Dupont, 36 ans," / "(55 ans)": an
    age, which a term ("une peine de 25 ans") or a period ("depuis 25 ans") never contradicts."""
    before = fold(tokens[first - 1][2]) if first > 0 else ""
    if before in {"de", "d'"} and first > 1:
        return fold(tokens[first - 2][2]) in AGE_HOLDERS
    after = tokens[last + 1][2] if last + 1 < len(tokens) else ""
    return before in {",", "("} and after in {",", ")", ".", ""}


CLOCK_WORDS = frozenset({"h", "heure", "heures"})
CLOCK_BEFORE = word_class("clock_preposition")


def _clock_time(tokens: list[tuple[int, int, str]], j: int, k: int) -> bool:
    """ "21 h 15", "vers 9 heures", "à 19 heures": a time of day, not a duration."""
    if fold(tokens[k][2]) not in CLOCK_WORDS:
        return False
    if k + 1 < len(tokens) and re.fullmatch(r"\d{2}", tokens[k + 1][2]):
        return True
    number_at = j - 1
    while number_at > 0 and number_words().get(fold(tokens[number_at][2]), (0, ""))[1] == "scale":
        number_at -= 1
    return number_at > 0 and fold(tokens[number_at - 1][2]) in CLOCK_BEFORE


def _after_magnitude(tokens: list[tuple[int, int, str]], first: int) -> bool:
    """A figure whose unit comes before it: "séisme de magnitude 6,8"."""
    return first > 0 and fold(tokens[first - 1][2]) in MAGNITUDE_WORDS


def _half_after(tokens: list[tuple[int, int, str]], last: int) -> bool:
    return (
        last + 2 < len(tokens)
        and fold(tokens[last + 1][2]) == "et"
        and fold(tokens[last + 2][2]) in {"demi", "demie"}
    )


def _qualifier_after(tokens: list[tuple[int, int, str]], last: int) -> str:
    """An adjective that narrows the counted noun ("blessés graves"), from fr/data/quantity_words.tsv."""
    if last + 1 < len(tokens) and quantity_words().get(fold(tokens[last + 1][2])) == "narrow":
        return fold(tokens[last + 1][2])
    return ""


def _interval(base: float, scale: float, kind: str, token: str) -> tuple[float, float]:
    """Values a figure as written can stand for: a round figure or a scaled one is a rounding."""
    value = base * scale
    if kind == "approx":
        return value * 0.7, value * 1.3
    if "," in token:  # "1,5 million": precise to the last decimal shown
        half = 10 ** -len(token.split(",")[1]) / 2 * scale
        return value - half, value + half
    if scale > 1:  # "38 millions": ±0.5 million
        return value - scale / 2, value + scale / 2
    digits = re.sub(r"\D", "", token)
    trailing_zeros = len(digits) - len(digits.rstrip("0"))
    if value >= 100 and trailing_zeros >= 2:  # "30 000": a rounding, not a count
        return value * 0.95, value * 1.05
    return value, value


def _qualified(
    value: float, qualifier: str, kind: str, low: float, high: float
) -> tuple[float, float]:
    if qualifier == "lower":
        return value, float("inf")
    if qualifier == "upper":
        return 0.0, value
    if qualifier == "many":  # "plusieurs centaines" = 200 to 999
        return (value * 2, value * 10) if kind == "approx" else (value, float("inf"))
    return min(low, value * 0.85), max(high, value * 1.15)


def _unit(tokens: list[tuple[int, int, str]], last: int, j: int) -> tuple[str | None, int]:
    """The counted noun (stemmed) after a number, and the index of the span's last token."""
    words = quantity_words()
    k = j
    while k < len(tokens) and k <= j + 3:
        word = fold(tokens[k][2])
        if word in PERCENT or (
            word == "pour" and k + 1 < len(tokens) and fold(tokens[k + 1][2]) == "cent"
        ):
            end = k + 1 if word == "pour" else k
            return "%" + _complement(tokens, end + 1), end
        kind = words.get(word) or words.get(word.rstrip("'"))
        if word in CURRENCIES or word.rstrip("'") in CURRENCIES:
            return CURRENCIES[word.rstrip("'")], k
        if kind == "time" and word in duration_days():
            if _clock_time(tokens, j, k):
                return None, last
            return f"{DURATION}:{duration_days()[word]}", k
        if kind in {"time", "month"}:
            return None, last
        if kind == "skip":
            k += 1
            continue
        if re.fullmatch(WORD, tokens[k][2]):
            return _participle_after(tokens, k) or _generic_complement(tokens, k) or stem(
                tokens[k][2]
            ), k
        return None, last
    return None, last


COMPLEMENT_DETERMINERS = frozenset({"la", "le", "les", "l'", "l"})
OF = frozenset({"de", "des", "du", "d'", "d"})
COMPLEMENT_REACH = (
    3  # words between a collective noun and its own complement ("unité militaire de")
)


def _generic_complement(tokens: list[tuple[int, int, str]], k: int) -> str | None:
    """What a generic counted noun counts, said by its complement: "56 éléments de l'unité
    militaire de secours" counts rescuers ("secour"), "300 membres des forces de l'ordre"
    officers ("forc"). A collective noun in between ("unité", "équipe") hands over to its
    own complement. Generic and collective nouns are ``generic`` and ``collective`` in
    fr/data/quantity_words.tsv; without a complement the noun stays its own unit."""
    words = quantity_words()
    if words.get(fold(tokens[k][2])) != "generic":
        return None
    n = k + 1
    found = None
    for _ in range(2):  # the noun's complement, then a collective noun's own
        if n >= len(tokens) or fold(tokens[n][2]) not in OF:
            return found
        n += 1
        while n < len(tokens) and fold(tokens[n][2]) in COMPLEMENT_DETERMINERS:
            n += 1
        if n >= len(tokens) or not re.fullmatch(WORD, tokens[n][2]):
            return found
        found = stem(tokens[n][2])
        if words.get(fold(tokens[n][2])) != "collective":
            return found
        reach = n + 1
        while reach < len(tokens) and reach <= n + COMPLEMENT_REACH:
            if fold(tokens[reach][2]) in OF:
                break
            reach += 1
        n = reach
    return found


PARTICIPLE_RE = re.compile(r"\w{2,}(?:é|ée|és|ées|ts|tes|is|ise|ises)", re.IGNORECASE)


DEATH = "mort"  # the unit of every death toll, however worded


@functools.cache
def death_units() -> frozenset[str]:
    """Stems of the words that count the dead ("tués", "décédées"), all one unit."""
    return frozenset(stem(w) for w in word_class("death_count"))


def _participle_after(tokens: list[tuple[int, int, str]], k: int) -> str | None:
    """What "personnes" counts, said by the participle after it: "deux personnes ont été
    blessées" counts the wounded ("bless"), "trois personnes tuées" the dead."""
    words = quantity_words()
    if words.get(fold(tokens[k][2])) != "people":
        return None
    n = k + 1
    while n < len(tokens) and n <= k + 3 and words.get(fold(tokens[n][2])) == "skip":
        n += 1
    if n < len(tokens) and PARTICIPLE_RE.fullmatch(tokens[n][2]):
        return stem(tokens[n][2])
    return None


def _complement(tokens: list[tuple[int, int, str]], k: int) -> str:
    """What a percentage is of: "12 % des voix" -> ":voix"."""
    if k < len(tokens) and fold(tokens[k][2]).rstrip("'") in {"de", "des", "du", "d"}:
        k += 1
        while k < len(tokens) and fold(tokens[k][2]) in {"la", "le", "les", "l'"}:
            k += 1
        if k < len(tokens) and re.fullmatch(WORD, tokens[k][2]):
            return ":" + stem(tokens[k][2])
    return ""


# --- statements ------------------------------------------------------------------


def outlet_of(article: Article) -> str:
    """The outlet's name, or the article id when the outlet is unknown."""
    return article.source or article.id


def headline_end(article: Article) -> int:
    if article.title and article.text.startswith(article.title):
        return len(article.title)
    return 0


STANDFIRST_MAX_CHARS = 600
PARAGRAPH_BREAK_RE = re.compile(r"\n[ \t\u00a0]*\n")


def _has_credit(paragraph: str) -> bool:
    """A photo credit ("( AFP / X )", "PHOTO X, AFP", "©") marks a caption."""
    return "©" in paragraph or any(rule.search(paragraph) for rule in INLINE_CREDITS)


def lead_end(article: Article) -> int:
    """The end of the headline or, when the text carries none, of its standfirst (chapô).

    The standfirst is the first paragraph when it is short and set apart by a paragraph
    break from more text: the lead an outlet writes above its own account, which may
    contradict that account the way a headline may. A photo caption ending with its credit
    ("… à Avignon ( AFP / X )") is no standfirst. Under a headline the first paragraph is
    the start of the account, often dated apart ("samedi" of the march, "le 1er novembre"
    of the closure), and stays with the body.
    """
    if headline := headline_end(article):
        return headline
    start, text = 0, article.text
    while start < len(text) and text[start].isspace():
        start += 1
    found = PARAGRAPH_BREAK_RE.search(text, start)
    if (
        found
        and found.start() - start <= STANDFIRST_MAX_CHARS
        and text[found.end() :].strip()
        and "\n" not in text[start : found.start()].strip()
        and not _has_credit(text[start : found.start()])
    ):
        return found.start()
    return 0


def _strip_span(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


@functools.lru_cache(maxsize=1 << 16)  # released after each story and window (caches.py)
def interned(value: Any) -> Any:
    """The first value equal to ``value`` made while a story is compared, so that equal texts,
    words, lemmas and entities are held once: copies of a dispatch repeat their sentences
    (at 10,000 replicated articles, 50k statements held by a story's windows had 310
    different sets of lemmas). Equal values either way, so no result changes."""
    return value


def article_statements(article_id: str, corpus: Corpus) -> list[Statement]:
    """The statements of one article, in text order."""
    article = corpus.article(article_id)
    analysis = corpus.analysis(article_id)
    outlet = outlet_of(article)
    title_end = headline_end(article)
    top_end = lead_end(article)
    quotes = corpus.quotes_in([article_id])
    times = corpus.times_in([article_id]) or list(analysis.times)
    out: list[Statement] = []
    datelines = dateline_spans(article.text)
    for index, sentence in enumerate(analysis.sentences):
        start, end = _strip_span(article.text, sentence.start, sentence.end)
        if datelines:  # "Publié le … à 12:12" above the text states nothing
            start, end = _strip_span(
                article.text, *outside_datelines(article.text, start, end, datelines)
            )
        if start >= end:
            continue
        text = article.text[start:end]
        if QUESTION_END_RE.search(text):
            continue  # "Qui est le nouveau Premier ministre ?" asks, it claims nothing
        entities = frozenset(
            e for e in (corpus.entity_of(article_id, k) for k in sentence.entity_keys) if e
        )
        mentions = tuple(
            sorted(
                (m.start, m.end, entity)
                for local in analysis.entities
                if (entity := corpus.entity_of(article_id, local.key))
                for m in local.mentions
                if m.start >= start and m.end <= end
            )
        )
        # names are compared as entities, not as words
        name_words = {
            word
            for local in analysis.entities
            for mention in local.mentions
            if mention.start >= start and mention.end <= end
            for word in re.findall(r"[\w-]+", fold(mention.text))
        }
        inside = [q for q in quotes if q.start < end and q.end > start]
        speaker = next((q.speaker for q in inside if q.speaker), None)
        sentence_times = tuple(t for t in times if t.start >= start and t.end <= end)
        numbers = tuple(
            n
            for n in parse_numbers(text, start)
            if not any(
                t.start < n.end and t.end > n.start and t.type != "duration" for t in sentence_times
            )
        )
        kept = [
            k
            for k, lemma in enumerate(sentence.lemmas)
            if not lemma.isdigit() and fold(lemma) not in name_words
        ]
        words = tuple(sentence.lemmas[k] for k in kept)
        parsed = len(sentence.lemma_starts) == len(sentence.frame_starts) == len(sentence.lemmas)
        out.append(
            Statement(
                article=article_id,
                outlet=outlet,
                start=start,
                end=end,
                text=interned(text),
                lemmas=interned(frozenset(canonical(lemma) for lemma in words)),
                predicate=canonical(sentence.predicate) if sentence.predicate else None,
                negated=sentence.negated,
                entities=interned(entities),
                numbers=numbers,
                times=sentence_times,
                speaker=speaker,
                quoted=any(q.kind == "direct" for q in inside),
                headline=start < title_end,
                lead=start < top_end,
                index=index,
                words=interned(words),
                mentions=mentions,
                word_starts=tuple(sentence.lemma_starts[k] for k in kept) if parsed else (),
                word_frames=tuple(sentence.frame_starts[k] for k in kept) if parsed else (),
            )
        )
    return out


def _same_word(lemma: str, word: str) -> bool:
    """A lemma and an inflected form of it ("céder" / "cédé", "blesser" / "blessées")."""
    shared = 0
    for x, y in zip(lemma, word, strict=False):
        if x != y:
            break
        shared += 1
    return shared >= min(CLAUSE_PREFIX, len(lemma), len(word)) and shared >= 3


def clauses(statement: Statement, by_offset: bool = False) -> list[Statement]:
    """A sentence cut at commas, colons, quote marks and coordinating words.

    Pieces shorter than ``MIN_CLAUSE_WORDS`` words join their neighbour. A clause
    keeps the sentence lemmas whose stem appears in it (``by_offset``: the lemmas the
    parse places in it, when the sentence was parsed: "mort" is "mourir"), and the
    entities, numbers and times inside it.
    """
    origin = statement.start
    # never inside a figure or a time ("magnitude 6,8", "19:20"): its comma is not a break
    spans = tuple((n.start - origin, n.end - origin) for n in statement.numbers) + tuple(
        (t.start - origin, t.end - origin) for t in statement.times
    )
    pieces = _clause_spans(statement.text, spans)
    if pieces is None:
        return [statement]
    out = []
    folded_words: list[str] = []  # the sentence's words folded once, for every clause
    for begin, stop in pieces:
        text = statement.text[begin:stop]
        a, b = statement.start + begin, statement.start + stop
        if by_offset and statement.word_starts:  # the parse says where each word is
            inside = [k for k, at in enumerate(statement.word_starts) if a <= at < b]
            words = tuple(statement.words[k] for k in inside)
            starts = tuple(statement.word_starts[k] for k in inside)
            frames = tuple(statement.word_frames[k] for k in inside)
        else:
            # a word the clause says shares its first three letters (``_same_word``)
            by_start: dict[str, list[str]] = {}
            for w in WORD_RE.findall(text):
                if len(w) >= 3:
                    f = fold(w)
                    by_start.setdefault(f[:3], []).append(f)
            if not folded_words:
                folded_words = [fold(w) for w in statement.words]
            words = tuple(
                w
                for w, fw in zip(statement.words, folded_words, strict=True)
                if any(_same_word(fw, f) for f in by_start.get(fw[:3], ()))
            )
            starts = frames = ()
        lemmas = interned(frozenset(canonical(w) for w in words))
        entities = interned(frozenset(e for s, t, e in statement.mentions if s >= a and t <= b))
        out.append(
            replace(
                statement,
                start=a,
                end=b,
                text=interned(text),
                lemmas=lemmas,
                predicate=statement.predicate if statement.predicate in lemmas else None,
                entities=entities,
                numbers=tuple(n for n in statement.numbers if n.start >= a and n.end <= b),
                times=tuple(t for t in statement.times if t.start >= a and t.end <= b),
                words=interned(words),
                mentions=tuple(m for m in statement.mentions if m[0] >= a and m[1] <= b),
                sentence=(statement.start, statement.end),
                word_starts=starts,
                word_frames=frames,
            )
        )
    return out or [statement]


@functools.lru_cache(maxsize=1 << 14)  # copies of a story repeat their sentences
def _clause_spans(
    text: str, spans: tuple[tuple[int, int], ...]
) -> tuple[tuple[int, int], ...] | None:
    """Where ``clauses`` cuts a sentence's text (offsets in it, each stripped and holding a
    word), figures and times at ``spans`` left whole; None when it makes one piece."""
    pieces: list[tuple[int, int]] = []
    last = 0
    for match in CLAUSE_BREAK.finditer(text):
        at, to = match.start(), match.end()
        if any(s < to and at < e for s, e in spans):
            continue
        pieces.append((last, match.start()))
        last = match.end()
    pieces.append((last, len(text)))
    merged: list[tuple[int, int]] = []
    for start, end in pieces:
        if (
            merged and len(WORD_RE.findall(text[merged[-1][0] : merged[-1][1]])) < MIN_CLAUSE_WORDS
        ) or (merged and len(WORD_RE.findall(text[start:end])) < MIN_CLAUSE_WORDS):
            merged[-1] = (merged[-1][0], end)
        else:
            merged.append((start, end))
    if len(merged) <= 1:
        return None
    out = []
    for start, end in merged:
        begin, stop = _strip_span(text, start, end)
        if begin < stop and WORD_RE.search(text[begin:stop]):
            out.append((begin, stop))
    return tuple(out)


def story_statements(story: Story, corpus: Corpus) -> list[Statement]:
    return [s for article in story.articles for s in article_statements(article, corpus)]


def named_anchors(statements: Sequence[Statement], story: Story, corpus: Corpus) -> list[Statement]:
    """Statements with the story's entities their words name without a recognised mention:
    a name of two words or more the recogniser missed in one article ("l'Etat islamique"
    beside "État islamique (EI)"), and the country of a demonym ("les autorités
    ukrainiennes" names Ukraine). A name of two words or more that two entities share,
    or a country two places are named, names neither."""
    names: dict[str, set[str]] = {}
    countries: dict[str, set[str]] = {}
    for entity_id in sorted(corpus.entities_in(story.articles)):
        entity = corpus.entity(entity_id)
        for name in {entity.name, *entity.variants}:
            folded = fold(name)
            if len(folded.split()) >= 2:
                names.setdefault(folded, set()).add(entity_id)
        if entity.type == "place":
            countries.setdefault(fold(entity.name), set()).add(entity_id)
    unique = {name: ids.pop() for name, ids in names.items() if len(ids) == 1}
    pattern = (
        re.compile(
            r"(?<!\w)(?:"
            + "|".join(re.escape(n) for n in sorted(unique, key=lambda n: (-len(n), n)))
            + r")(?!\w)"
        )
        if unique
        else None
    )
    out = []
    for statement in statements:
        found = (
            {unique[m.group()] for m in pattern.finditer(fold(statement.text))}
            if pattern
            else set()
        )
        demonyms = set()
        for word in statement.words:
            country = country_of_demonym(word)
            ids = countries.get(fold(country), set()) if country else set()
            if len(ids) == 1:
                found |= ids
                demonyms.add(canonical(word))
        if found - statement.entities:
            # the demonym stands for its country: one anchor, not a word and a name
            statement = replace(
                statement,
                entities=interned(statement.entities | found),
                lemmas=interned(statement.lemmas - demonyms),
            )
        out.append(statement)
    return out


# --- alignment -------------------------------------------------------------------


def same_predicate(a: Statement, b: Statement) -> bool:
    return (
        bool(a.predicate) and a.predicate == b.predicate and a.predicate not in GENERIC_PREDICATES
    )


UNIT_FAMILY_PREFIX = 5  # "secouristes" and "secours", "policiers" and "police" count alike
COUNTED = "~"  # prefix of the anchor naming what a figure counts ("~secou")


def _unit_family(number: NumberMention) -> str:
    unit = number.unit
    return unit[:UNIT_FAMILY_PREFIX] if unit.isalpha() else unit


def figure_key(number: NumberMention) -> str:
    """An exact figure as an anchor of a claim ("#bless=47"), its counted noun cut to the
    stem it shares with its family: "56 secouristes" and "56 éléments de l'unité de
    secours" give one anchor. Units that are not words (percentages of something,
    durations, currencies) stay whole."""
    return f"#{_unit_family(number)}={number.value:g}"


MIN_DISTINCTIVE_FIGURE = 10  # "trois blessés" recurs by chance; "56 secouristes" does not


def _distinctive(number: NumberMention) -> bool:
    return (
        not number.vague
        and not number.anaphoric
        and number.low == number.high
        and number.value >= MIN_DISTINCTIVE_FIGURE
    )


def distinctive_keys(statement: Statement) -> list[str]:
    """The anchors of the statement's exact figures of 10 or more (``figure_key``)."""
    return [figure_key(n) for n in statement.numbers if _distinctive(n)]


def counted_keys(statement: Statement) -> frozenset[str]:
    """What the statement's distinctive figures count, as words of the claim ("~secou"): the
    counted noun is a content word both outlets say, though one writes "secouristes" and the
    other "éléments de l'unité de secours" (lemmas that never meet)."""
    return frozenset(COUNTED + _unit_family(n) for n in statement.numbers if _distinctive(n))


def _features(statement: Statement, figures_too: bool = True) -> frozenset[str]:
    """Canonical lemmas, entities ("@E3") and exact figures ("#bless=47"): the anchors of a claim."""
    figures = {figure_key(n) for n in statement.numbers if not n.vague} if figures_too else set()
    return statement.lemmas | {"@" + e for e in statement.entities} | figures


class Aligner:
    """Scores how surely two statements of a story report the same fact.

    The score is a cosine over the statements' canonical lemmas and entities,
    each weighted by its rarity inside the story (a word every sentence uses
    says little), plus a bonus when the main predicates are the same.
    """

    def __init__(self, statements: Sequence[Statement], figures: bool = True) -> None:
        """``figures``: equal figures count as shared words (off when the figures are what is compared)."""
        self.statements = list(statements)
        self._features = [_features(s, figures) for s in self.statements]
        self._distinctive = [
            frozenset(distinctive_keys(s)) if figures else frozenset() for s in self.statements
        ]
        frequency: Counter[str] = Counter(f for feats in self._features for f in feats)
        n = max(1, len(self.statements))
        self._weight = {f: math.log((n + 1) / df) for f, df in frequency.items()}
        # fsum: exact, so scores (and ties between them) do not depend on set order / hash seed
        self._norm = [
            math.sqrt(math.fsum(self._weight[f] ** 2 for f in feats)) for feats in self._features
        ]
        # the pairs found at the last threshold asked: checks sharing the aligner at one
        # threshold find them once (``candidates`` is a superset at its own threshold only: a
        # distinctive figure counts twice, beyond the cosine it bounds)
        self._found: tuple[float, list[tuple[int, int, float]]] | None = None
        # statements that read alike (copies of a claim: the same words, names, figures and
        # predicate, whatever their text) score alike: each is of a kind, a score is computed
        # once per ordered pair of kinds, and candidates are sought between kinds
        kinds: dict[tuple[object, ...], int] = {}
        self._kind = [
            kinds.setdefault((feats, s.lemmas, distinctive, s.predicate), len(kinds))
            for feats, distinctive, s in zip(
                self._features, self._distinctive, self.statements, strict=True
            )
        ]
        self._members: list[list[int]] = [[] for _ in kinds]
        for i, kind in enumerate(self._kind):
            self._members[kind].append(i)
        self._scores: dict[tuple[int, int], float] = {}
        self._articles = [s.article for s in self.statements]

    def score(self, i: int, j: int) -> float:
        """How surely statements ``i`` and ``j`` report the same fact (computed once per pair of
        kinds: it reads nothing else of them)."""
        key = (self._kind[i], self._kind[j])
        found = self._scores.get(key)
        if found is None:
            found = self._scores[key] = self._score(i, j)
        return found

    def _score(self, i: int, j: int) -> float:
        shared = self._features[i] & self._features[j]
        # sharing only names is sharing a topic, not a fact
        words = self.statements[i].lemmas & self.statements[j].lemmas
        # an exact figure of 10 or more counting the same family of things is a claim of its
        # own, however the rest is worded ("56 secouristes" / "56 éléments de l'unité de
        # secours"): it counts twice, as the figure and as the counted noun both say, and
        # stands for the shared word
        telling = shared & self._distinctive[i]
        if (len(shared) < 2 or not words) and not telling:
            return 0.0
        if not self._norm[i] or not self._norm[j]:
            return 0.0
        common = math.fsum(self._weight[f] ** 2 for f in (*shared, *telling))
        cosine = common / (self._norm[i] * self._norm[j])
        # a short sentence wholly inside a long one reports the same fact
        containment = common / min(self._norm[i], self._norm[j]) ** 2
        lexical = (1 - CONTAINMENT_WEIGHT) * cosine + CONTAINMENT_WEIGHT * containment
        bonus = PREDICATE_BONUS if same_predicate(self.statements[i], self.statements[j]) else 0.0
        return min(1.0, lexical + bonus)

    def pairs(self, threshold: float = ALIGN_THRESHOLD) -> list[tuple[int, int, float]]:
        """Every pair (i, j, score) of statements of different articles scoring ``threshold`` or
        more, sorted; an aligner shared by several checks finds them once per threshold."""
        if self._found is not None and self._found[0] == threshold:
            return list(self._found[1])
        out: list[tuple[int, int, float]] = []
        members = self._members
        for a, b in self._near_kinds(threshold):
            first_a, first_b = members[a][0], members[b][0]
            forward = self.score(first_a, first_b)  # a statement of ``a`` before one of ``b``
            backward = forward if a == b else self.score(first_b, first_a)
            if forward < threshold and backward < threshold:
                continue  # no pair of these two kinds scores enough: none is looked at
            if forward == backward:  # every pair of the two kinds scores alike
                out.extend((i, j, forward) for i, j in self._member_pairs(a, b))
                continue
            kind = self._kind
            for i, j in self._member_pairs(a, b):
                score = forward if kind[i] == a else backward
                if score >= threshold:
                    out.append((i, j, score))
        out.sort()
        self._found = (threshold, out)
        return list(out)

    def _member_pairs(self, a: int, b: int) -> list[tuple[int, int]]:
        """The pairs (i < j) of statements of kinds ``a`` and ``b`` from different articles."""
        articles = self._articles
        if a == b:
            return [
                (i, j)
                for i, j in itertools.combinations(self._members[a], 2)
                if articles[i] != articles[j]
            ]
        return [
            (min(i, j), max(i, j))
            for i in self._members[a]
            for j in self._members[b]
            if articles[i] != articles[j]
        ]

    def candidates(self, threshold: float = ALIGN_THRESHOLD) -> list[tuple[int, int]]:
        """Pairs (i < j, different articles) that may score ``threshold``, sorted; a superset of
        :meth:`pairs`, found without looking at all pairs (prefix filtering, ``_near_kinds``)."""
        return sorted(
            pair for a, b in self._near_kinds(threshold) for pair in self._member_pairs(a, b)
        )

    def _near_kinds(self, threshold: float) -> set[tuple[int, int]]:
        """Pairs of kinds (a <= b) whose statements may score ``threshold``.

        The features are ranked rarest first. A pair's cosine is at most the square root of
        each statement's share of squared weight in the features it shares with the other; so a
        pair whose first shared feature lies in the tail of either statement (the words every
        sentence of the story uses, whose share is under the needed cosine) cannot reach the
        threshold. Each kind is thus indexed under the head of its features only: the
        common words that joined every sentence to every other no longer make candidates.
        Statements of one kind share their head, so they are candidates together when it is
        not empty.
        """
        # the predicate bonus is the only part of a score beyond the cosine
        needed = max(0.0, threshold - PREDICATE_BONUS) * (1 - 1e-9)
        rank = {f: (-w, f) for f, w in self._weight.items()}
        index: dict[str, list[int]] = {}
        found: set[tuple[int, int]] = set()
        for kind, members in enumerate(self._members):
            i = members[0]
            if not self._norm[i]:
                continue
            ordered = sorted(self._features[i], key=rank.__getitem__)
            # the tail: the longest run of last features whose share stays under needed**2
            limit = (needed * self._norm[i]) ** 2
            tail = 0.0
            head = len(ordered)
            while head > 0 and tail + self._weight[ordered[head - 1]] ** 2 < limit:
                head -= 1
                tail += self._weight[ordered[head]] ** 2
            if head:
                found.add((kind, kind))
            for f in ordered[:head]:
                kinds = index.setdefault(f, [])
                found.update((other, kind) for other in kinds)
                kinds.append(kind)
        return found


def times_compatible(a: Statement, b: Statement) -> bool:
    """False only when both statements date themselves and no dates can meet."""
    return _spans_meet(_date_spans(a), _date_spans(b))


def _date_spans(statement: Statement) -> list[tuple[str, str]]:
    return [span for span in (_interval_of(t) for t in statement.times if t.type == "date") if span]


def _spans_meet(spans_a: Sequence[tuple[str, str]], spans_b: Sequence[tuple[str, str]]) -> bool:
    if not spans_a or not spans_b:
        return True
    return any(_overlap(x, y) for x in spans_a for y in spans_b)


def _interval_of(time: TimeRef) -> tuple[str, str] | None:
    earliest = time.earliest or time.value
    latest = time.latest or time.value
    if not earliest or not latest:
        return None
    return earliest[:10], _end_of(latest)


def _end_of(iso: str) -> str:
    """The last day an ISO date of any precision covers, as a comparable string."""
    return iso + "-99" if len(iso) < 10 else iso[:10]


def _overlap(a: tuple[str, str], b: tuple[str, str]) -> bool:
    return a[0] <= b[1] and b[0] <= a[1]


@dataclass(frozen=True)
class Fact:
    """Statements of one or more articles that report the same thing."""

    statements: tuple[Statement, ...]

    @functools.cached_property
    def outlets(self) -> tuple[str, ...]:
        """Its outlets in order, read once (a fact of many copies is asked often)."""
        return tuple(dict.fromkeys(s.outlet for s in self.statements))

    @property
    def articles(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys(s.article for s in self.statements))


def facts(
    statements: Sequence[Statement],
    threshold: float = ALIGN_THRESHOLD,
    aligner: Aligner | None = None,
) -> list[Fact]:
    """Facts of a story: aligned statements of several articles, then every unaligned statement.

    A sentence often carries several facts, so a statement may belong to more
    than one fact; each fact is grown from one aligned pair by adding, from
    every other article, the statement that best matches both. ``aligner``: the
    statements' ``Aligner``, when another check shares it.
    """
    aligner = Aligner(statements) if aligner is None else aligner
    scored = aligner.pairs(threshold)
    # each statement's aligned neighbours: a fact grows only among them, never over all statements
    neighbours: dict[int, dict[int, float]] = {}
    for i, j, score in scored:
        neighbours.setdefault(i, {})[j] = score
        neighbours.setdefault(j, {})[i] = score
    # each statement's dates read once (``times_compatible``), and a grown fact's dated members
    # kept apart: an undated statement is compatible with any other
    spans = [_date_spans(s) for s in statements]
    pairs = [(i, j, score) for i, j, score in scored if _spans_meet(spans[i], spans[j])]
    pairs.sort(key=lambda p: (-p[2], p[0], p[1]))
    groups: list[frozenset[int]] = []
    # each statement's groups and each group's articles, looked up instead of scanning every group:
    # the scan made this loop grow with pairs times groups, the square of a story's size
    member_of: dict[int, list[int]] = {}
    group_articles: list[frozenset[str]] = []

    def grouped_with(x: int, article: str) -> bool:
        return any(article in group_articles[g] for g in member_of.get(x, ()))

    for i, j, score in pairs:
        # a statement may carry several facts, but a pair already linked through groups adds none
        if any(j in groups[g] for g in member_of.get(i, ())) or (
            score < STRONG_PAIR
            and grouped_with(i, statements[j].article)
            and grouped_with(j, statements[i].article)
        ):
            continue
        members = {i, j}
        dated = [m for m in (i, j) if spans[m]]
        member_articles = {statements[i].article, statements[j].article}
        # from every other article, the statement that best matches all members (each at threshold)
        common = set(neighbours.get(i, {})) & set(neighbours.get(j, {}))
        by_article: dict[str, list[int]] = {}
        for x in sorted(common):
            by_article.setdefault(statements[x].article, []).append(x)
        for article, indices in by_article.items():
            if article in member_articles:
                continue
            options = [
                x
                for x in indices
                if all(m in neighbours[x] for m in members)
                and (not spans[x] or all(_spans_meet(spans[x], spans[m]) for m in dated))
            ]
            if options:
                chosen = max(options, key=lambda x: (min(neighbours[x][m] for m in members), -x))
                members.add(chosen)
                member_articles.add(statements[chosen].article)
                if spans[chosen]:
                    dated.append(chosen)
        for m in members:
            member_of.setdefault(m, []).append(len(groups))
        groups.append(frozenset(members))
        group_articles.append(frozenset(statements[m].article for m in members))
    aligned = {i for g in groups for i in g}
    out = [Fact(tuple(statements[i] for i in sorted(g))) for g in groups]
    out += [Fact((s,)) for i, s in enumerate(statements) if i not in aligned]
    return out

"""Recognition of French time expressions in plain text (no spaCy needed).

Each pattern below names a *kind* of expression; the words come from
``fr/data/time_words.tsv``. Extents follow the French TimeBank guide: the
noun phrase with its determiner and modifiers ("le 6 mai dernier", "vers
15 h 30"), prepositions excluded ("en 2023" -> "2023"). Overlapping matches
are resolved by keeping the longest, leftmost one.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass, replace

from recoupe.fr.lexicon import TimeLexicon, time_lexicon

APOS = "['’]"
REL = r"(?:derni[eè]re?s?|prochaine?s?|pass[ée]e?s?|précédente?s?|suivante?s?)"
# Words that make a bare four-digit number a quantity rather than a year.
QUANTITY_NEXT = re.compile(
    r"\s*(?:%|€|\$|euros?|francs?|dollars?|habitants|personnes|km|kilom|mètres|m\b|"
    r"tonnes|hectares|ha\b|voix|logements|emplois|salariés|élèves|spectateurs|exemplaires)",
    re.IGNORECASE,
)
# What may stand right before "N ans" when it is an age, not a duration.
AGE_BEFORE = re.compile(r"(?:\bâg[ée]e?s?\s+de|\bagée?s?\s+de|\bde|,|-)\s*$", re.IGNORECASE)


@dataclass(frozen=True)
class TimexMention:
    """A recognised expression: ``text == source[start:end]``; ``core`` is its TimeML extent."""

    start: int
    end: int
    text: str
    kind: str
    fields: tuple[tuple[str, str], ...] = ()
    core_start: int = -1
    core_end: int = -1

    def get(self, name: str) -> str | None:
        for key, value in self.fields:
            if key == name:
                return value
        return None


def _patterns(lex: TimeLexicon) -> tuple[tuple[str, re.Pattern[str]], ...]:
    month = lex.alternation("month")
    weekday = lex.alternation("weekday")
    daypart = lex.alternation("daypart")
    number_word = lex.alternation("number")
    number = rf"(?:\d+(?:[,.]\d+)?|(?:{number_word})(?:(?:-|\s+et\s+)(?:{number_word}))*)"
    vague = lex.alternation("vague")
    unit = lex.alternation("unit")
    deictic = lex.alternation("deictic_day")
    season = lex.alternation("season")
    anaphoric = lex.alternation("anaphoric_day")
    ref_word = lex.alternation("ref_word")
    set_adjective = lex.alternation("set_adjective")
    duration_noun = lex.alternation("duration_noun")
    clock = r"(?:\d{1,2}\s?h(?:\s?\d{2})?(?![\w])|midi|minuit)"
    approx = (
        rf"(?:environ|près\s+d(?:e\s+|{APOS})|plus\s+d(?:e\s+|{APOS})|moins\s+d(?:e\s+|{APOS})|"
        rf"pas\s+moins\s+d(?:e\s+|{APOS})|presque|au\s+moins|quelque)"
    )
    amount = (
        rf"(?:{number}|{vague}|un\s+quart\s+de|une\s+demi-|un\s+demi-|"
        r"une\s+(?:dizaine|quinzaine|vingtaine|trentaine|centaine)\s+de)"
    )
    duration = rf"(?P<amount>{amount})\s*(?P<unit>{unit})"
    b = r"(?<![\w-])"
    e = r"(?![\w'’])"
    edge_of = rf"en\s+(?:début|fin)\s+d(?:e\s+|{APOS})\s*"  # "dimanche en début d'après-midi"
    # "la nuit du 15 avril", "la journée de dimanche 24 mars": the part of day belongs to the date
    part_of = r"(?:(?:la\s+)?(?P<dp0>nuit|journée|matinée|soirée)\s+d[eu]\s+)"
    table = {
        # ranges: "du 12 au 14 mai", "les 7 et 8 décembre", "la nuit du 8 au 9 septembre",
        # "du 28 février au 3 mars 2024" ("ou" is a frequent typo for "au" in "la nuit du 10 ou 11")
        "range_dm": (
            rf"(?:{part_of}|(?P<det>du|les)\s+)(?P<day1>\d{{1,2}}|1er)(?:\s+(?P<month1>{month}))?"
            rf"\s+(?:au|et|ou)\s+(?P<day>\d{{1,2}})\s+(?P<month>{month})"
            rf"(?:\s+(?P<year>\d{{4}})(?![\d,.]\d))?"
        ),
        # "de mercredi à jeudi", "la nuit de dimanche à lundi" ("du lundi au vendredi" alone is
        # mostly habitual: opening hours, so only with the night)
        "range_wd": (rf"(?:{part_of}|de\s+)?(?P<wd1>{weekday})\s+(?:à|au)\s+(?P<wd>{weekday})"),
        # an English date in an embedded post: "October 13, 2023"
        "en_date": rf"(?P<emonth>{lex.alternation('english_month')})\s+(?P<day>\d{{1,2}}),\s+(?P<year>\d{{4}})",
        "dm": (
            rf"(?:{part_of}|(?P<det>le|ce|ce\s+même)\s+)?(?:(?P<wd>{weekday})\s+)?"
            rf"(?P<day>\d{{1,2}}|1er|premier)\s+(?P<month>{month})"
            rf"(?:\s+(?P<year>\d{{4}}|\d{{2}})(?!\d|[,.]\d|\s?%))?(?:\s+(?P<rel>{REL}))?"
            rf"(?:\s+(?:au\s+|dans\s+la\s+|{edge_of}|en\s+)?(?P<dp>{daypart}))?"
        ),
        "num": r"(?<![\d./])(?P<day>\d{1,2})([/.])(?P<month>\d{1,2})\2(?P<year>\d{4}|\d{2})(?![\d/.]\d)",
        "iso": r"(?P<year>\d{4})-(?P<month>\d{2})-(?P<day>\d{2})",
        "month": (
            rf"(?:(?P<det>le\s+mois\s+d(?:e\s+|{APOS})|mois\s+d(?:e\s+|{APOS}))|"
            rf"(?P<part>début|fin|mi|courant)[\s-]+)?"
            rf"(?P<month>{month})(?:\s+(?P<year>\d{{4}}|\d{{2}})(?!\d|[,.]\d|\s?%)|\s+(?P<rel>{REL}))?"
        ),
        "year": (
            rf"(?:(?P<pre>l{APOS}année|l{APOS}an|année)\s+|(?P<part>début|fin|mi)[\s-]+)?"
            r"(?P<year>\d{4})(?![\d,.]\d)"
        ),
        "decade": r"(?:les\s+)?années\s+(?P<decade>(?:19|20)?\d0)(?!\d)",
        "century": (r"(?:le\s+)?(?P<num>[XVI]+|\d{1,2})\s*(?:e|è|ème|eme|ᵉ)\s+siècle"),
        "weekday": (
            rf"(?:(?P<det>ce\s+même|ce|le)\s+)?(?P<wd>{weekday})(?:\s+(?P<rel>{REL}))?"
            rf"(?:\s+«?\s*(?:au\s+|dans\s+la\s+|{edge_of}|en\s+)?(?P<dp>{daypart})(?:\s*»)?)?"
        ),
        # a clock time before the day is one expression ("vers 15 h 30, hier"); after it
        # ("hier à 10 h") two, as the guide's "à 11h, le 3 janvier" / "le 3 janvier à 11h"
        "deictic": (
            rf"(?:(?:vers\s+|à\s+)?(?P<clock>{clock})\s*,?\s+)?"
            rf"(?P<word>{deictic})(?:\s+(?P<wd>{weekday}))?(?:\s+(?P<dp>{daypart}))?"
        ),
        "this_part": r"(?P<det>ce|cet|cette)\s+(?P<dp>matin|matinée|après-midi|soir|soirée|nuit)",
        "period": (
            rf"(?:(?P<det>cette|ce|cet)\s+(?P<unit>semaine|mois|année|week-end|weekend|trimestre|semestre)"
            rf"(?:-ci|-là)?(?:\s+(?P<rel>{REL}))?"
            rf"|(?P<det2>la|le|l{APOS})\s*(?P<unit2>semaine|mois|année|an|week-end|weekend|trimestre|semestre)"
            rf"\s+(?P<rel2>{REL}))"
        ),
        "season": (
            rf"(?P<since>depuis\s+(?:qu{APOS}\s*)?)?"
            rf"(?:(?P<det>cet|cette|ce|l{APOS}|en|au|(?:les\s+)?mois\s+d{APOS})\s*)?(?P<season>{season})"
            rf"(?:\s+(?P<rel>{REL})|\s+(?P<year>\d{{4}}))?"
        ),
        # "il y a près de quatre mois", "depuis 3 jours": a point counted from the publication
        "offset": (
            rf"(?P<dir>il\s+y\s+a|dans|voici|depuis)\s+(?:(?P<mod>{approx})\s*)?(?P<core>{duration})"
        ),
        # "dans les prochains jours" is a period of dates; "ces derniers jours" a duration
        "few_last": (
            rf"(?P<det>ces|les|dans\s+les|au\s+cours\s+des)\s+(?P<rel>derni[eè]re?s|prochaine?s)"
            rf"\s+(?P<unit>{unit})"
        ),
        "duration": rf"(?:(?P<mod>{approx})\s*)?{duration}",
        "set": (
            rf"(?:(?P<q>chaque|tous\s+les|toutes\s+les)\s+(?P<what>{unit}|(?:{weekday})s?|matins|soirs|nuits)"
            rf"|(?P<n>{number})\s+fois\s+par\s+(?P<per>{unit}))"
        ),
        # "vers" is a signal, outside the extent (as in most of the TimeBank)
        "clock": (
            rf"(?:(?P<prep>à|vers|dès|jusqu{APOS}à)\s+)?"
            rf"(?P<clock>{clock}|\d{{1,2}}\s+heures?(?:\s+\d{{2}})?)"
        ),
        "anaphoric": (
            rf"(?P<det>la|le|l{APOS}|ce|cette)\s*(?P<word>{anaphoric})"
            rf"(?:\s+(?:au\s+)?(?P<dp>{daypart}))?"
        ),
        "part_ref": rf"(?P<det>la|le|l{APOS})\s*(?P<dp>{daypart})(?:\s+(?P<same>même))?",
        # "quelques heures après (l'attaque)", "deux heures plus tard": the day named before or the next
        "hours_after": (
            rf"(?:(?P<mod>{approx})\s*)?(?P<amount>{amount})\s*(?P<unit>heures?)"
            rf"\s+(?:après|plus\s+tard)"
        ),
        # "en début de soirée", "en fin d'après-midi": a part of the day spoken of
        "part_edge": rf"(?:en\s+)?(?P<edge>début|fin)\s+d(?:e\s+|{APOS})\s*(?P<dp>{daypart})",
        "ref_word": rf"(?P<word>{ref_word})",
        "set_adjective": rf"(?P<word>{set_adjective})",
        "duration_noun": rf"(?P<word>{duration_noun})",
    }
    return tuple(
        (kind, re.compile(b + f"(?:{pattern})" + e, re.IGNORECASE))
        for kind, pattern in table.items()
    )


@functools.cache
def _compiled() -> tuple[tuple[str, re.Pattern[str]], ...]:
    return _patterns(time_lexicon())


def _acceptable(kind: str, match: re.Match[str], text: str) -> bool:
    """Filters that need context: years vs quantities, "été" the participle, ages, the Midi."""
    if kind == "year":
        year = int(match.group("year"))
        if match.group("pre") or match.group("part"):
            return 1000 <= year <= 2100
        before = text[max(0, match.start() - 2) : match.start()]
        if re.search(r"\d[\s.]$", before):  # "1 999" is a number with a thousands space
            return False
        return 1900 <= year <= 2100 and not QUANTITY_NEXT.match(text, match.end())
    # "a été" is the participle: the season needs a determiner, a year/relative or a capital
    if (
        kind == "season"
        and match.group("season").lower() in {"été", "eté"}
        and not (match.group("det") or match.group("rel") or match.group("year"))
        and not match.group("season")[0].isupper()
    ):
        return False
    if kind == "season" and not match.group("det") and re.search(r"d['’]$", text[: match.start()]):
        return False  # "Jeux d'hiver", "sports d'hiver": a noun modifier, not a time
    after_article = re.search(r"\b(?:les|des)\s+$", text[max(0, match.start() - 5) : match.start()])
    if (
        kind == "duration"
        and after_article
        and (match.group("mod") or match.group("amount").lower() == "des")
    ):
        return False  # "les moins de 17 ans" is an age group; "des heures scolaires"
    if kind == "duration" and match.group("amount").lower() == "des":
        return time_lexicon().lookup("unit", match.group("unit")) in {
            "D",
            "W",
            "M",
            "Y",
            "DE",
            "CE",
        }
    if kind == "duration":
        unit = match.group("unit").lower()
        if unit in {"an", "ans"} and AGE_BEFORE.search(
            text[max(0, match.start() - 12) : match.start()]
        ):
            return not re.match(r"\d", match.group("amount")) or bool(match.group("mod"))
    if kind == "clock" and match.group("clock") == "Midi":
        return False
    if kind == "clock" and "heure" in match.group("clock").lower():
        return bool(match.group("prep")) and int(match.group("clock").split()[0]) <= 24
    if kind == "range_wd" and not (match.group("dp0") or match.group(0).lower().startswith("de")):
        return False
    if kind == "range_wd" and match.group("wd1").lower() == match.group("wd").lower():
        return False
    if (
        kind == "range_dm"
        and (match.group("det") or "").lower() == "les"
        and " au " in match.group(0)
    ):
        return False
    if kind == "offset" and match.group("dir").lower() == "depuis":
        # "depuis 3 jours" dates a start; "depuis 20 ans" stays a duration
        # only a vague count ("depuis quelques jours") dates the start of a state, as an
        # interval; "depuis 3 jours" stays TimeML's duration (counted inclusively or not, its
        # start day is ambiguous), "depuis des semaines" a long wait
        amount = match.group("amount").lower()
        return (
            amount != "des"
            and time_lexicon().lookup("vague", amount) is not None
            and time_lexicon().lookup("unit", match.group("unit")) in {"D", "W"}
        )
    if kind == "num":
        return 1 <= int(match.group("day")) <= 31 and 1 <= int(match.group("month")) <= 12
    return True


def _nowadays(match: re.Match[str], text: str) -> bool:
    """'Aujourd'hui,' opening a sentence means 'nowadays' rather than the publication day."""
    if (
        match.group("word").lower().replace("’", "'") != "aujourd'hui"
        or match.group("wd")
        or match.group("dp")
    ):
        return False
    opens = re.search(r"(?:^|[.!?»:]\s*|\n\s*)$", text[max(0, match.start() - 3) : match.start()])
    return bool(opens) and text[match.end() : match.end() + 1] == ","


def _core(kind: str, match: re.Match[str]) -> tuple[int, int]:
    if kind == "offset" and match.group("dir").lower() == "depuis":
        # "depuis" is a signal outside the extent, as the guide has it
        return (match.start("mod") if match.group("mod") else match.start("core")), match.end()
    if kind == "offset":
        return match.start("core"), match.end("core")
    if kind == "hours_after":  # the guide's extent is the duration; "après" is a signal
        return match.start(), match.end("unit")
    if kind == "clock":
        return match.start("clock"), match.end()
    if (
        kind == "season"
        and match.group("det")
        and match.group("det").lower() in {"en", "au", "d'", "d’"}
    ):
        return match.start("season"), match.end()
    if kind == "season" and match.group("since"):  # "depuis" is a signal, as for offsets
        return (match.start("det") if match.group("det") else match.start("season")), match.end()
    return match.start(), match.end()


def recognise(text: str) -> list[TimexMention]:
    """Every time expression in ``text``, leftmost-longest, non-overlapping, in order."""
    found: list[TimexMention] = []
    for kind, pattern in _compiled():
        for match in pattern.finditer(text):
            if match.end() == match.start() or not _acceptable(kind, match, text):
                continue
            fields = tuple((k, v) for k, v in match.groupdict().items() if v is not None)
            if kind == "few_last" and match.group("det").lower().startswith(("dans", "au")):
                kind_found = "near_period"  # "dans les prochains jours": when, not how long
            else:
                kind_found = kind
            if kind == "deictic" and _nowadays(match, text):
                fields += (("generic", "nowadays"),)
            core_start, core_end = _core(kind, match)
            found.append(
                TimexMention(
                    start=match.start(),
                    end=match.end(),
                    text=match.group(0),
                    kind=kind_found,
                    fields=fields,
                    core_start=core_start,
                    core_end=core_end,
                )
            )
    found.sort(key=lambda m: (m.start, -(m.end - m.start)))
    kept: list[TimexMention] = []
    for mention in sorted(found, key=lambda m: (-(m.end - m.start), m.start)):
        if all(mention.end <= k.start or mention.start >= k.end for k in kept):
            kept.append(mention)
    # the preposition counted in the contest ("vers 18 heures" beats "18 heures" the
    # duration) but stays outside the extent
    kept = [
        replace(m, end=m.core_end, text=text[m.start : m.core_end])
        if m.kind == "hours_after"
        else m
        for m in kept
    ]
    trimmed = [
        replace(m, start=m.core_start, text=text[m.core_start : m.end])
        if m.kind in {"season", "clock"}
        or (m.kind == "offset" and (m.get("dir") or "").lower() == "depuis")
        else m
        for m in kept
    ]
    return sorted(trimmed, key=lambda m: m.start)

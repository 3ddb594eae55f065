"""recoupe_times: French time expressions, normalised against the publication date.

Recognition (``fr/timex_recognise``) works on the text; the tense of the governing
verb (``timex_tense``) decides between the last and the next weekday; the
normalisation (``fr/timex_normalise``) never claims more precision than the
publication date gives. The cross-article step is ``recoupe.link.times``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from datetime import date, timedelta

from spacy.language import Language
from spacy.tokens import Doc

from recoupe.fr.timex_normalise import (
    Anchor,
    Resolution,
    anchor_from_published,
    normalise,
    weekday_number,
)
from recoupe.fr.timex_recognise import TimexMention, recognise
from recoupe.model import Tense, TimeRef
from recoupe.nlp.extensions import article_id, published, text_of
from recoupe.nlp.timex_tense import tense_at


@dataclass(frozen=True)
class FoundTime:
    """A mention with its tense and resolution (the TimeBank scorer reads all three)."""

    mention: TimexMention
    tense: Tense | None
    resolution: Resolution


def find_times(doc: Doc, anchor: Anchor | None) -> list[FoundTime]:
    """Every time expression of the doc, resolved in reading order (for 'la veille')."""
    found = []
    last_day: date | None = None
    for mention in recognise(text_of(doc)):
        tense = tense_at(doc, mention.start, mention.end)
        resolution = normalise(mention, anchor, tense, last_day)
        found.append(FoundTime(mention, tense, resolution))
        if resolution.value and len(resolution.value) == 10 and not _background(doc, mention):
            last_day = date.fromisoformat(resolution.value)
    if anchor is None or anchor.day is None:
        found = from_named_days(found, anchor)
    return from_spoken_days(doc, found)


OPENING_MARKS = "«“"
CLOSING_MARKS = "»”"
SPOKEN_DEICTIC_KINDS = {"deictic", "this_part"}


def _inside_quote(text: str) -> bool:
    """Whether the end of ``text`` (a sentence up to a mention) lies inside quotation marks."""
    opened = sum(text.count(c) for c in OPENING_MARKS) - sum(text.count(c) for c in CLOSING_MARKS)
    return opened > 0 or text.count('"') % 2 == 1


def from_spoken_days(doc: Doc, found: list[FoundTime]) -> list[FoundTime]:
    """'hier' and 'ce matin' inside a quote count from the day the words were spoken.

    In « J'ai décidé ce matin… », a déclaré la ministre lundi 11 septembre, "ce matin" is
    that Monday: the sentence dates the utterance outside the quote marks, and the
    deictic words of the quote count from it, not from the publication day.
    """
    text = text_of(doc)
    out = list(found)
    for sentence in doc.sents:
        start, end = sentence.start_char, sentence.end_char
        inside = [i for i, f in enumerate(found) if start <= f.mention.start < end]
        spoken = [
            i
            for i in inside
            if found[i].mention.kind in SPOKEN_DEICTIC_KINDS
            and not found[i].mention.get("generic")
            and _inside_quote(text[start : found[i].mention.start])
        ]
        said_on = {
            value
            for i in inside
            if i not in spoken
            and not _inside_quote(text[start : found[i].mention.start])
            and found[i].resolution.type == "date"
            and (value := found[i].resolution.value)
            and len(value) == 10
        }
        if not spoken or len(said_on) != 1:
            continue
        day = date.fromisoformat(said_on.pop())
        for i in spoken:
            item = found[i]
            spoken_on = Anchor(day, day, f"the day the words were spoken ({day})")
            r = normalise(item.mention, spoken_on, item.tense)
            if r.value is None:
                continue
            out[i] = replace(item, resolution=replace(r, anchor="text"))
    return out


# "depuis la censure du gouvernement le 5 décembre": the start of a state, not a step of the story
SINCE_BEFORE = re.compile(r"\bdepuis\b[^,.;:!?«»\"]{0,40}$", re.IGNORECASE)


# A photo credit: a line of its own ("Source: AFP", "Photo : X") or the end of a caption
# ("… réalisé le 19 décembre à Avignon ( AFP / Jean X )", "… © AFP").
CREDIT_LINE = re.compile(r"(?:source|photo|crédits?(?: photo)?)\s*:.{0,40}|©.{0,60}", re.IGNORECASE)
# A credit already blanked as page furniture leaves a run of spaces at the end of its line.
CREDIT_END = re.compile(r"(?:\(\s*[^()]{0,25}/[^()]{0,40}\)|©[^\n]{0,60}|\S {6,})\s*$")


def _background(doc: Doc, mention: TimexMention) -> bool:
    """A date in a 'depuis' phrase is background: later 'la veille', 'l'après-midi' skip it.
    So is a date in a photo caption: it dates the picture, not a step of the story."""
    text = text_of(doc)
    return bool(SINCE_BEFORE.search(text[max(0, mention.start - 60) : mention.start])) or (
        _in_caption(text, mention.start)
    )


def _in_caption(text: str, at: int) -> bool:
    """Is the line at ``at`` a photo caption: after a credit line, or ending with a credit?"""
    start = text.rfind("\n", 0, at) + 1
    end = text.find("\n", at)
    line = text[start : end if end >= 0 else len(text)]
    previous = text[text.rfind("\n", 0, max(0, start - 1)) + 1 : max(0, start - 1)].strip()
    return bool(CREDIT_END.search(line)) or bool(previous and CREDIT_LINE.fullmatch(previous))


# Days an article names outright: their year is written or follows from the publication span.
NAMED_DAY_KINDS = {"dm", "num", "iso", "en_date"}
NEAREST_WEEKDAY = 3  # "samedi" beside "vendredi 22 mars" is the 23rd, never the 16th


def _named_days(found: list[FoundTime], anchor: Anchor | None) -> list[tuple[int, date]]:
    """(offset, day) of the full dates the article names inside its publication span."""
    days = []
    for item in found:
        value = item.resolution.value
        if item.mention.kind not in NAMED_DAY_KINDS or not value or len(value) != 10:
            continue
        day = date.fromisoformat(value)
        if anchor is None or anchor.earliest <= day <= anchor.latest:
            days.append((item.mention.start, day))
    return days


def _reference_day(days: list[tuple[int, date]], at: int) -> date | None:
    """The last day named before ``at``, else the first named after it (the reference time)."""
    before = [d for start, d in days if start < at]
    after = [d for start, d in days if start >= at]
    return before[-1] if before else after[0] if after else None


def from_named_days(found: list[FoundTime], anchor: Anchor | None) -> list[FoundTime]:
    """Without a publication day, an article's own full dates fix its bare weekdays.

    A month-dated article that names "vendredi 22 mars 2024" dates its "samedi" to the
    nearest Saturday of that day (the 23rd) when that day lies in the interval the
    publication allowed; an undated one naming "le 14 septembre 2023" gives its year to
    "ce 17 septembre". Deictic words ("hier", "ce matin") stay with the unknown
    publication day: they count from when the article was written, not from the story.
    """
    days = _named_days(found, anchor)
    if not days:
        return found
    out = []
    for item in found:
        m, r = item.mention, item.resolution
        reference = _reference_day(days, m.start)
        day: date | None = None
        if reference is not None and r.value is None and _bare_weekday(m):
            wd = weekday_number(m.get("wd") or "")
            shift = (wd - reference.isoweekday()) % 7
            day = reference + timedelta(days=shift if shift <= NEAREST_WEEKDAY else shift - 7)
            if r.earliest and r.latest and not r.earliest <= day.isoformat() <= r.latest:
                day = None
        elif reference is not None and anchor is None and m.kind == "dm" and not m.get("year"):
            # the named day is not the time of writing: no tense shift, the same year
            point = normalise(m, Anchor(reference, reference, ""), None).value
            day = date.fromisoformat(point) if point and len(point) == 10 else None
        if day is None:
            out.append(item)
            continue
        iso = day.isoformat()
        part = r.timeml[10:] if r.timeml and r.timeml.startswith(iso) else ""
        explanation = (
            f"{m.text!r}: placed by the day the article names nearest before it ({reference})"
        )
        out.append(
            replace(
                item,
                resolution=replace(
                    r,
                    value=iso,
                    earliest=iso,
                    latest=iso,
                    timeml=iso + part,
                    explanation=explanation,
                    anchor="previous_day",
                ),
            )
        )
    return out


def _bare_weekday(m: TimexMention) -> bool:
    """'samedi', 'ce vendredi', 'jeudi soir' — not 'le lundi' (habitual) nor 'mardi dernier'."""
    det = (m.get("det") or "").lower()
    return m.kind == "weekday" and not m.get("rel") and det != "le"


def to_time_ref(article: str, item: FoundTime) -> TimeRef:
    m, r = item.mention, item.resolution
    return TimeRef(
        article=article,
        start=m.start,
        end=m.end,
        text=m.text,
        type=r.type,
        value=r.value,
        earliest=r.earliest,
        latest=r.latest,
        explanation=r.explanation,
        tense=item.tense,
        kind=m.kind,
        anchor=r.anchor,
        parts=m.fields,
    )


@Language.component(
    "recoupe_times",
    requires=["token.morph", "token.dep"],
    assigns=["doc._.recoupe_times"],
)
def recoupe_times(doc: Doc) -> Doc:
    anchor = anchor_from_published(published(doc))
    article = article_id(doc)
    doc._.recoupe_times = [to_time_ref(article, item) for item in find_times(doc, anchor)]
    return doc
